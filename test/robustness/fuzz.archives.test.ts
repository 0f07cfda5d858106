// Property-based fuzzing of what sits around the readers (fast-check): the archive readers and gunzip
// on random and damaged archives, the XML parser on damaged documents, and the whole analysis on damaged
// files written to disk. Properties: only the documented error (ArchiveError) is ever thrown by an
// archive reader, members stay within the limits and have safe names; parseXml never throws; analyze
// never throws, lists every file, and accounts for every line of each.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import * as fc from 'fast-check';
import { analyze } from '../../src/core';
import { ArchiveError, gunzip, readTar, readZip, safeMemberName, sniffArchive, type ArchiveLimits, type Member } from '../../src/core/ingest/archives';
import { decodeText } from '../../src/core/decode/decode';
import { FORMATS } from '../../src/core/formats';
import { parseXml } from '../../src/core/formats/lib/xml';
import { FUZZ_SEED, fuzzParams } from '../lib/fuzz';
import { byteDamage, damagedLines, encodeLines, ENCODINGS, sampleLinesOf } from '../lib/mutate';
import { tarOf, zipOf } from '../lib/hostileCorpus';

const LIMITS: ArchiveLimits = { maxMemberBytes: 64 * 1024, maxTotalBytes: 256 * 1024, maxEntries: 50 };
const ALL_SAMPLE_LINES = sampleLinesOf(FORMATS.flatMap((f) => f.variants.flatMap((v) => v.samples)));
const XML_LINES = sampleLinesOf(FORMATS.filter((f) => /xml|vss-/.test(f.id)).flatMap((f) => f.variants.flatMap((v) => v.samples)));

/** Names an archive may carry, hostile ones included. */
const memberName = fc.oneof(
	fc.constantFrom('vmware.log', 'guest/writers.txt', '../escape.log', '/etc/passwd', 'C:/Windows/x.log', 'a\\..\\..\\b.log', 'dir/', '__proto__', 'constructor', 'a/./b.log', '....//x'),
	fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
);
const files = fc.array(fc.tuple(memberName, damagedLines(ALL_SAMPLE_LINES, 10)), { maxLength: 6 });

/** Members within the limits, with names that can never escape a folder. */
function checkMembers(members: readonly Member[]): void {
	let total = 0;
	for (const m of members) {
		assert.equal(safeMemberName(m.name), m.name, `member name '${m.name}' is normalised and safe`);
		assert.ok(!m.name.split('/').includes('..') && !m.name.startsWith('/'), m.name);
		assert.ok(m.bytes.length <= LIMITS.maxMemberBytes);
		total += m.bytes.length;
	}
	assert.ok(total <= LIMITS.maxTotalBytes, `archive total ${total}`);
	assert.ok(members.length <= LIMITS.maxEntries);
}

/** Runs an archive reader; anything but ArchiveError escaping is a failure. */
function survive(read: () => { members: Member[]; skipped: string[] }): void {
	try {
		const r = read();
		checkMembers(r.members);
		assert.ok(r.skipped.every((s) => typeof s === 'string'));
	} catch (e) {
		if (!(e instanceof ArchiveError)) throw e;
	}
}

describe(`fuzz: archives, XML and the whole analysis (seed ${FUZZ_SEED})`, function () {
	this.timeout(120_000);

	it('readZip: random bytes and damaged zips throw nothing but ArchiveError; members stay within limits', () => {
		// Our own writer, not fflate's: it takes any name (fflate's options object chokes on '__proto__').
		const zip = fc.tuple(files, fc.boolean()).map(([entries, stored]): Buffer => zipOf(entries.map(([name, lines]) => ({ name, data: Buffer.from(lines.join('\r\n')), method: stored ? 0 : 8 }))));
		fc.assert(
			fc.property(
				fc.oneof(
					fc.uint8Array({ maxLength: 2048 }).map((b): Buffer => Buffer.from(b)),
					zip,
				),
				fc.array(byteDamage, { maxLength: 3 }),
				(bytes, damages) => {
					const damaged = damages.reduce((b: Buffer, d) => d(b), bytes);
					assert.doesNotThrow(() => sniffArchive(damaged));
					survive(() => readZip(damaged, LIMITS));
				},
			),
			fuzzParams(),
		);
	});

	it('readTar: random bytes and damaged tars throw nothing but ArchiveError; links and unsafe names never become members', () => {
		const tar = fc
			.array(fc.tuple(memberName, damagedLines(ALL_SAMPLE_LINES, 10), fc.constantFrom('0', '0', '1', '2', '5', 'L', 'x', '3')), { maxLength: 6 })
			.map((entries): Buffer => tarOf(entries.map(([name, lines, type]) => ({ name, data: lines.join('\n'), type }))));
		fc.assert(
			fc.property(
				fc.oneof(
					fc.uint8Array({ maxLength: 4096 }).map((b): Buffer => Buffer.from(b)),
					tar,
				),
				fc.array(byteDamage, { maxLength: 3 }),
				(bytes, damages) => {
					survive(() =>
						readTar(
							damages.reduce((b: Buffer, d) => d(b), bytes),
							LIMITS,
						),
					);
				},
			),
			fuzzParams(),
		);
	});

	it('gunzip: damaged gzip data throws nothing but ArchiveError and never produces more than the limit', () => {
		const gz = damagedLines(ALL_SAMPLE_LINES, 30).map((l) => zlib.gzipSync(l.join('\n')));
		fc.assert(
			fc.property(
				fc.oneof(
					gz,
					fc.uint8Array({ maxLength: 1024 }).map((b): Buffer => Buffer.from(b)),
				),
				byteDamage,
				fc.integer({ min: 1, max: 4096 }),
				(bytes, damage, max) => {
					try {
						assert.ok(gunzip(damage(bytes), max).length <= max);
					} catch (e) {
						if (!(e instanceof ArchiveError)) throw e;
					}
				},
			),
			fuzzParams(),
		);
	});

	it('gunzip: several members give their contents joined, within the limit, whatever the last trailer declares', () => {
		// zlib's output chunk is sized from the last member's trailer (archives.ts gunzipChunkBytes): a first
		// member larger or smaller than that, or a limit below it, must change nothing but the chunks.
		fc.assert(
			fc.property(fc.array(fc.uint8Array({ maxLength: 40_000 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 100_000 }), (pieces, max) => {
				const content = Buffer.concat(pieces);
				const gz = Buffer.concat(pieces.map((p) => zlib.gzipSync(p)));
				if (content.length > max) assert.throws(() => gunzip(gz, max), ArchiveError);
				else assert.deepEqual(Buffer.from(gunzip(gz, max)), content);
			}),
			fuzzParams(),
		);
	});

	it('the entry and name-length limits hold in zip and tar, and an archive lists at most 100 member problems', () => {
		const many = (n: number, name: (i: number) => string) => Array.from({ length: n }, (_, i) => ({ name: name(i), data: Buffer.from(`line ${i}\n`) }));
		const zip = readZip(zipOf(many(60, (i) => `f${i}.log`)), LIMITS);
		assert.equal(zip.members.length, LIMITS.maxEntries);
		assert.equal(zip.skipped.length, 10);
		assert.match(zip.skipped[0], /'f50\.log' \(over 50 entries\)/);
		const tar = readTar(tarOf(many(60, (i) => `f${i}.log`)), LIMITS);
		assert.equal(tar.members.length, LIMITS.maxEntries);
		const long = readTar(
			tarOf([
				{ name: '././@LongLink', data: 'x'.repeat(2000), type: 'L' },
				{ name: 'ignored', data: 'b' },
			]),
			LIMITS,
		);
		assert.deepEqual([long.members.length, long.skipped[0].endsWith('(a name over 1024 characters)')], [0, true]);
		const unsafe = readZip(zipOf(many(150, (i) => `../x${i}.log`)), LIMITS);
		assert.equal(unsafe.members.length, 0);
		assert.deepEqual([unsafe.skipped.length, unsafe.skipped[100]], [101, '50 more member(s) with problems']);
	});

	it('parseXml: damaged VSS documents and events never throw; DTDs and entities are refused', () => {
		fc.assert(
			fc.property(damagedLines(XML_LINES, 40), fc.constantFrom('', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '<!ENTITY b SYSTEM "file:///etc/passwd">', '&a;', '</x>junk'), (lines, inject) => {
				const r = parseXml(inject + lines.join('\n'));
				assert.ok('root' in r || ('error' in r && typeof r.error === 'string'));
				if (/<!DOCTYPE|<!ENTITY/.test(inject)) assert.ok('error' in r);
			}),
			fuzzParams(),
		);
	});

	it('analyze: damaged files in any encoding never make it throw; every file is listed and every line accounted for', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-fuzz-'));
		try {
			let run = 0;
			fc.assert(
				fc.property(fc.array(fc.tuple(damagedLines(ALL_SAMPLE_LINES, 40), fc.constantFrom(...ENCODINGS), fc.constantFrom(['\r\n'], ['\n'], ['\r\n', '\n']), byteDamage), { minLength: 1, maxLength: 4 }), (docs) => {
					const bundle = path.join(dir, String(run++));
					fs.mkdirSync(bundle);
					const written = docs.map(([lines, enc, eols, damage], i) => {
						const bytes = damage(encodeLines(lines, enc, eols));
						fs.writeFileSync(path.join(bundle, `f${i}.log`), bytes);
						return { rel: `f${i}.log`, bytes };
					});
					const report = analyze([bundle]);
					for (const w of written) {
						// A text no format claims may be cut into sections: one entry each, together every line.
						const entries = report.inputs.filter((i) => i.path === w.rel);
						assert.ok(entries.length > 0, `${w.rel} is listed`);
						const d = decodeText(w.bytes);
						const lines = entries.reduce((n, i) => n + i.lines, 0);
						assert.equal(lines, d.encoding === 'binary' ? 0 : d.lines.length, `${w.rel}: every line counted`);
						for (const input of entries) {
							assert.ok(input.unparsedLines >= 0 && input.unparsedLines <= input.lines, `${w.rel}: ${input.unparsedLines} unparsed of ${input.lines}`);
							if (input.section) assert.equal(input.section.lastLine - input.section.firstLine + 1, input.lines, `${w.rel}: a section's range is its lines`);
						}
					}
					assert.doesNotThrow(() => JSON.stringify(report));
					fs.rmSync(bundle, { recursive: true });
				}),
				{ ...fuzzParams(), numRuns: 300 },
			);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
