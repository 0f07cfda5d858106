import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { zipSync } from 'fflate';
import { analyze } from '../../src/core';
import { ArchiveError, gunzip, readTar, readZip, safeMemberName, sniffArchive } from '../../src/core/ingest/archives';
import type { InputFile, Report } from '../../src/core/model/report';
import { fixture } from './fixtures';

const LIMITS = { maxMemberBytes: 1 << 20, maxTotalBytes: 1 << 22, maxEntries: 1000 };

/** A minimal ustar header + data, for entries Python's tarfile would refuse to write. */
function tarEntry(name: string, data: string, type = '0'): Buffer {
	const h = Buffer.alloc(512);
	h.write(name, 0, 100);
	h.write('0000644\0', 100);
	h.write(data.length.toString(8).padStart(11, '0') + '\0', 124);
	h.write(type, 156);
	h.write('ustar\0' + '00', 257);
	h.fill(' ', 148, 156);
	let sum = 0;
	for (const b of h) sum += b;
	h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
	const body = Buffer.alloc(Math.ceil(data.length / 512) * 512);
	body.write(data);
	return Buffer.concat([h, body]);
}

describe('archives: read in memory, nothing extracted', () => {
	it('recognises zip, gzip and tar by their bytes', () => {
		assert.equal(sniffArchive(zipSync({ a: new Uint8Array([1]) })), 'zip');
		assert.equal(sniffArchive(zlib.gzipSync('x')), 'gzip');
		assert.equal(sniffArchive(tarEntry('a.txt', 'x')), 'tar');
		assert.equal(sniffArchive(Buffer.from('Writer name: ...')), null);
	});

	it('member paths with .., absolute paths or drive letters never reach the disk', () => {
		assert.equal(safeMemberName('../../etc/passwd'), null);
		assert.equal(safeMemberName('a/../../b'), null);
		assert.equal(safeMemberName('C:/Windows/x'), null);
		assert.equal(safeMemberName('/abs/path.log'), 'abs/path.log');
		assert.equal(safeMemberName('dir/'), null);
		const zip = zipSync({ '../evil.txt': Buffer.from('x'), 'ok/good.txt': Buffer.from('y') });
		const r = readZip(zip, LIMITS);
		assert.deepEqual(
			r.members.map((m) => m.name),
			['ok/good.txt'],
		);
		assert.match(r.skipped[0], /evil\.txt.*unsafe path/);
		const tar = Buffer.concat([tarEntry('../x.log', 'a'), tarEntry('ok.log', 'b'), tarEntry('link', '', '2'), Buffer.alloc(1024)]);
		const t = readTar(tar, LIMITS);
		assert.deepEqual(
			t.members.map((m) => m.name),
			['ok.log'],
		);
		assert.equal(t.skipped.length, 2);
	});

	it('per-member and total limits are applied before inflating', () => {
		const zip = zipSync({ 'big.log': Buffer.alloc(5000, 0x41), 'small.log': Buffer.from('x') });
		const r = readZip(zip, { ...LIMITS, maxMemberBytes: 4096 });
		assert.deepEqual(
			r.members.map((m) => m.name),
			['small.log'],
		);
		assert.match(r.skipped[0], /big\.log.*per-file limit/);
		assert.throws(() => gunzip(zlib.gzipSync(Buffer.alloc(100_000)), 10_000), ArchiveError);
	});

	it('a corrupt zip or a truncated tar is a clear per-file error', () => {
		const zip = Buffer.from(zipSync({ 'a.txt': Buffer.from('hello world') }));
		assert.throws(() => readZip(zip.subarray(0, 30), LIMITS), /zip archive cannot be read/);
		assert.throws(() => readTar(tarEntry('a.log', 'x'.repeat(2000)).subarray(0, 900), LIMITS), /truncated or corrupt/);
	});

	it('a corrupt archive in a bundle is listed with its problem and the rest is analysed', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-arch-'));
		fs.writeFileSync(path.join(dir, 'broken.zip'), Buffer.from(zipSync({ 'a.txt': Buffer.from('hello world') })).subarray(0, 40));
		fs.copyFileSync(fixture('listings', 'de-utf16le-bom-failed-no-error.txt'), path.join(dir, 'writers.txt'));
		const report = analyze([dir]);
		const broken = report.inputs.find((i) => i.path === 'broken.zip')!;
		assert.match(broken.problems[0], /zip archive cannot be read/);
		assert.equal(report.writers.length, 7);
		fs.rmSync(dir, { recursive: true });
	});
});

describe('a bundle as users send it reads the same as the same files loose', () => {
	const loose = analyze([fixture('bundles', 'case-05-exchange-writer-retryable-ps51-utf16')]);
	const sent = analyze([fixture('archives', 'case-05-as-sent')]);
	/** The loose path a member stands for: strip the archive, the vm-support top folder and `.gz`; hostd.0 is hostd.log. */
	const looseName = (p: string) =>
		p
			.replace(/^[^!]*!\//, '')
			.replace(/^esx-[^/]*\//, 'esxi/')
			.replace(/\.gz$/, '')
			.replace(/hostd\.0$/, 'hostd.log');
	const shape = (i: InputFile) => [i.format, i.encoding, i.eol, i.lines, i.unparsedLines, i.problems.length];

	it('every loose file is found inside the archives with the same format, encoding, lines and unparsed count', () => {
		for (const l of loose.inputs) {
			const s = sent.inputs.find((x) => x.path.includes('!/') && looseName(x.path) === l.path);
			assert.ok(s, `no member stands for ${l.path}`);
			assert.deepEqual(shape(s), shape(l), l.path);
		}
	});

	it('the archives themselves are listed, the rotated .gz member keeps its name, and the tar link is reported', () => {
		const tgz = sent.inputs.find((i) => i.path.endsWith('.tgz'))!;
		assert.equal(tgz.format, 'archive');
		assert.match(tgz.problems.join(), /hostd\.log.*a link: not followed/);
		assert.ok(sent.inputs.some((i) => i.path.endsWith('/var/run/log/hostd.0.gz')));
		assert.equal(sent.inputs.find((i) => i.path === 'guest-files.zip')?.format, 'archive');
	});

	it('the same writers, facts and findings come out', () => {
		// Finding ids digest where the evidence is, so they differ with the paths, like the paths themselves.
		const strip = (r: Report) =>
			JSON.parse(
				JSON.stringify({ w: r.writers, f: r.findings })
					.replace(/"(?:path|listing)":"[^"]*"/g, '"path":"-"')
					.replace(/"id":"[^"]*"/g, '"id":"-"'),
			);
		assert.deepEqual(strip(sent), strip(loose));
	});
});

describe('the VSS manifest zip', () => {
	it('is recognised as vss-manifests and its documents are read', () => {
		const report = analyze([fixture('bundles', 'case-01-success-app-consistent-esxi67')]);
		const zip = report.inputs.find((i) => i.path.endsWith('vss_manifests4.zip'))!;
		assert.equal(zip.format, 'vss-manifests');
		const members = report.inputs.filter((i) => i.path.startsWith(`${zip.path}!/`));
		assert.deepEqual(
			members.map((m) => [m.path.split('!/')[1], m.format, m.unparsedLines]),
			[
				['backup.xml', 'vss-backup-components', 0],
				['writer0.xml', 'vss-writer-metadata', 0],
				['writer1.xml', 'vss-writer-metadata', 0],
			],
		);
	});
});
