// The hostile corpus: a support bundle as a broken machine, a forum paste or an unknown sender would
// deliver it. generateHostileCorpus(dir) writes it (deterministically: no randomness but a seeded
// generator) and returns what the report must say about each file; test/hostile.ts runs the CLI on it
// under a time and memory bound and checks every expectation. Nothing here is fixture-specific: each
// case states the rule it exercises (README "Limits and hostile input").
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { MAX_LINE_CHARS } from '../../src/core/decode/decode';
import { FORMATS } from '../../src/core/formats';
import { encodeLines, sampleLinesOf } from './mutate';

/** What the report must hold for one corpus path (`rel` as the report prints it). */
export interface Expectation {
	rel: string;
	/** Why the case is in the corpus (printed with its result). */
	rule: string;
	/** A problem of this input matches this. */
	problem?: RegExp;
	/** The input's format. */
	format?: string;
	/** No input of this path may appear (e.g. an archive member with an unsafe name). */
	absent?: boolean;
	/** Extra check on the input (lines, encoding …); returns an error sentence or null. */
	check?: (input: { lines: number; unparsedLines: number; encoding: string; problems: string[]; format: string }) => string | null;
}

/** A deterministic byte generator (xorshift32), so the corpus is the same on every machine. */
function prng(seed: number): (n: number) => Buffer {
	let x = seed >>> 0 || 1;
	return (n) => {
		const b = Buffer.alloc(n);
		for (let i = 0; i < n; i++) {
			x ^= x << 13;
			x >>>= 0;
			x ^= x >>> 17;
			x ^= x << 5;
			x >>>= 0;
			b[i] = x & 0xff;
		}
		return b;
	};
}

/** One tar entry (ustar header + data); `type` as in the header ('0' file, '2' symlink, '5' folder, 'L' GNU long name). */
export interface TarSpec {
	name: string;
	data: string | Buffer;
	type?: string;
	linkTo?: string;
}

/** A ustar archive of the entries, with the end-of-archive blocks. Writes what real tools would refuse to. */
export function tarOf(entries: readonly TarSpec[]): Buffer {
	const blocks: Buffer[] = [];
	for (const e of entries) {
		const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
		const h = Buffer.alloc(512);
		Buffer.from(e.name).copy(h, 0, 0, 100);
		h.write('0000644\0', 100);
		h.write(data.length.toString(8).padStart(11, '0') + '\0', 124);
		h.write('00000000000\0', 136);
		h.write(e.type ?? '0', 156);
		if (e.linkTo) Buffer.from(e.linkTo).copy(h, 157, 0, 100);
		h.write('ustar\0' + '00', 257);
		h.fill(' ', 148, 156);
		let sum = 0;
		for (const byte of h) sum += byte;
		h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
		blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
	}
	blocks.push(Buffer.alloc(1024));
	return Buffer.concat(blocks);
}

/** One zip entry; the fields a hostile zip lies about can be set. */
export interface ZipSpec {
	name: string;
	data: Buffer;
	/** 0 stored, 8 deflate (default). */
	method?: number;
	/** General-purpose flags (bit 0: encrypted). */
	flags?: number;
	/** The uncompressed size the headers claim (default: the real one). */
	declaredSize?: number;
	/** Deflated bytes to store instead of the real ones (e.g. damaged). */
	packed?: Buffer;
}

/** A zip file of the entries: local headers, data, central directory, end record. */
export function zipOf(entries: readonly ZipSpec[]): Buffer {
	const parts: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const e of entries) {
		const method = e.method ?? 8;
		const packed = e.packed ?? (method === 8 ? zlib.deflateRawSync(e.data) : e.data);
		const name = Buffer.from(e.name);
		const crc = zlib.crc32(e.data);
		const size = e.declaredSize ?? e.data.length;
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE((e.flags ?? 0) | 0x800, 6);
		local.writeUInt16LE(method, 8);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(packed.length, 18);
		local.writeUInt32LE(size, 22);
		local.writeUInt16LE(name.length, 26);
		const cd = Buffer.alloc(46);
		cd.writeUInt32LE(0x02014b50, 0);
		cd.writeUInt16LE(20, 4);
		cd.writeUInt16LE(20, 6);
		cd.writeUInt16LE((e.flags ?? 0) | 0x800, 8);
		cd.writeUInt16LE(method, 10);
		cd.writeUInt32LE(crc, 16);
		cd.writeUInt32LE(packed.length, 20);
		cd.writeUInt32LE(size, 24);
		cd.writeUInt16LE(name.length, 28);
		cd.writeUInt32LE(offset, 42);
		parts.push(local, name, packed);
		central.push(cd, name);
		offset += 30 + name.length + packed.length;
	}
	const cdBytes = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(cdBytes.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...parts, cdBytes, end]);
}

const sample = (id: string): string[] => sampleLinesOf(FORMATS.find((f) => f.id === id)!.variants.flatMap((v) => v.samples));

/**
 * Writes the hostile corpus into `dir` (which must be empty) and returns the expectations. `dir` is
 * the analysed root, so the expectations' paths are relative to it. `unreadable`: also write a file and
 * a folder without permissions — only meaningful when the reader is not root (root reads everything).
 */
export function generateHostileCorpus(dir: string, options: { unreadable: boolean }): { expectations: Expectation[]; skipped: string[] } {
	const expectations: Expectation[] = [];
	const skipped: string[] = [];
	const put = (rel: string, bytes: string | Buffer) => {
		fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		fs.writeFileSync(path.join(dir, rel), bytes);
	};
	const random = prng(0x5eed);
	const vmx = sample('vmware-log');
	const writers = sample('vssadmin-list-writers');

	// Files that are not text, or not files.
	put('files/empty.log', '');
	expectations.push({ rel: 'files/empty.log', rule: 'an empty file', problem: /empty/ });
	put('files/random.bin', random(64 * 1024));
	expectations.push({ rel: 'files/random.bin', rule: 'binary content', problem: /binary content/ });
	execFileSync('mkfifo', [path.join(dir, 'files/pipe.fifo')]);
	expectations.push({ rel: 'files/pipe.fifo', rule: 'a FIFO is never opened (it would block)', problem: /FIFO/ });
	fs.symlinkSync('/dev/zero', path.join(dir, 'files/zero-device.log'));
	expectations.push({ rel: 'files/zero-device.log', rule: 'a link to a device (endless data) is never opened', problem: /device/ });
	fs.symlinkSync('loop-b.log', path.join(dir, 'files/loop-a.log'));
	fs.symlinkSync('loop-a.log', path.join(dir, 'files/loop-b.log'));
	expectations.push({ rel: 'files/loop-a.log', rule: 'a symbolic link loop', problem: /loop of symbolic links \(ELOOP\)/ });
	fs.symlinkSync('does-not-exist.log', path.join(dir, 'files/dangling.log'));
	expectations.push({ rel: 'files/dangling.log', rule: 'a link to nothing', problem: /link to nothing/ });
	fs.symlinkSync('/etc/passwd', path.join(dir, 'files/outside.log'));
	expectations.push({ rel: 'files/outside.log', rule: 'a link to a file outside the bundle is never read', problem: /outside the analysed folder/ });
	put('files/inside-target.log', '');
	fs.symlinkSync('inside-target.log', path.join(dir, 'files/inside-link.log'));
	expectations.push({ rel: 'files/inside-link.log', rule: 'a link to a file inside the bundle is read (here: an empty one)', problem: /empty/ });
	fs.symlinkSync('..', path.join(dir, 'files/up-folder'));
	expectations.push({ rel: 'files/up-folder', rule: 'a link to a folder (a loop back up) is not followed', problem: /link to a folder/ });
	if (options.unreadable) {
		put('files/no-permission.log', vmx.join('\n'));
		fs.chmodSync(path.join(dir, 'files/no-permission.log'), 0o000);
		expectations.push({ rel: 'files/no-permission.log', rule: 'a file without read permission', problem: /permission denied \(EACCES\)/ });
		fs.mkdirSync(path.join(dir, 'files/locked-folder'));
		fs.chmodSync(path.join(dir, 'files/locked-folder'), 0o000);
		expectations.push({ rel: 'files/locked-folder', rule: 'a folder that cannot be listed', problem: /Cannot list the folder: permission denied/ });
	} else {
		skipped.push('unreadable file and folder: the CLI runs as root, which reads any file');
	}
	// Over the per-file limit (512 MiB by default): a sparse file, so it costs no disk.
	fs.writeFileSync(path.join(dir, 'files/huge-sparse.log'), '');
	fs.truncateSync(path.join(dir, 'files/huge-sparse.log'), 600 * 1024 * 1024);
	expectations.push({ rel: 'files/huge-sparse.log', rule: 'a file over the per-file limit is listed, not read', problem: /over the per-file limit/ });

	// Text that is damaged.
	const longLine = 'x'.repeat(MAX_LINE_CHARS + 1024);
	put('text/one-line-70mb.log', `${vmx[0]}\n${longLine}\n${vmx[1]}\n`);
	expectations.push({
		rel: 'text/one-line-70mb.log',
		rule: 'a line over the line cap is cut and counted, the lines around it read',
		problem: /longer than 64 Mi characters .* \(the first: line 2\)/,
		check: (i) => (i.lines === 3 ? null : `${i.lines} lines, not 3`),
	});
	put('text/vmware-10mb-line.log', [...vmx.slice(0, 5), vmx[5] + ' '.repeat(5 * 1024 * 1024) + 'x'.repeat(5 * 1024 * 1024), ...vmx.slice(5)].join('\r\n'));
	expectations.push({ rel: 'text/vmware-10mb-line.log', rule: 'a 10 MB line inside a real log', format: 'vmware-log', check: (i) => (i.lines === vmx.length ? null : `${i.lines} lines, not ${vmx.length}`) });
	const crash = Buffer.concat([Buffer.from(vmx.join('\n').repeat(200)), Buffer.alloc(4096), Buffer.from(`\n${vmx.join('\n')}\n`)]);
	put('text/vmware-crash-nuls.log', crash);
	expectations.push({ rel: 'text/vmware-crash-nuls.log', rule: 'a block of NULs after a crash, past the sniffed head', format: 'vmware-log' });
	put('text/writers-mixed-eol.txt', encodeLines(writers, 'utf-8', ['\r\n', '\n', '\r']));
	expectations.push({ rel: 'text/writers-mixed-eol.txt', rule: 'CRLF, LF and CR mixed', format: 'vssadmin-list-writers', check: (i) => (i.lines === writers.length ? null : `${i.lines} lines, not ${writers.length}`) });
	put('text/writers-utf16-cut.txt', encodeLines(writers, 'utf-16le-bom').subarray(0, 1001));
	expectations.push({ rel: 'text/writers-utf16-cut.txt', rule: 'UTF-16 cut in the middle of a character', format: 'vssadmin-list-writers', check: (i) => (i.encoding === 'utf-16le' ? null : `encoding ${i.encoding}`) });
	put('text/unclosed-quote.csv', `"Id","ProviderName","TimeCreated","Message"\r\n"8229","VSS","1/1/2024 1:00:00 AM","never closed\r\n${'filler line\r\n'.repeat(200_000)}`);
	expectations.push({ rel: 'text/unclosed-quote.csv', rule: 'a CSV quote never closed, followed by 200,000 lines', check: (i) => (i.lines === 200_002 ? null : `${i.lines} lines`) });
	put('text/code-in-log.log', ['$(rm -rf /tmp/ql-hostile-pwned)', '`touch /tmp/ql-hostile-pwned`', '<script>alert(1)</script>', '{{constructor.constructor("return process")().exit()}}', "'; DROP TABLE x; --", '${process.exit(1)}'].join('\n'));
	expectations.push({ rel: 'text/code-in-log.log', rule: 'text that looks like code is only ever text', format: 'unknown', check: (i) => (i.unparsedLines === 6 ? null : `${i.unparsedLines} unparsed`) });
	put('text/proto.csv', '__proto__,constructor,prototype,Id,Message\r\n{"polluted":1},x,y,8229,"a"\r\n');
	// test/hostile.ts also reads this folder in its own process and checks Object.prototype afterwards.
	expectations.push({ rel: 'text/proto.csv', rule: '__proto__ and constructor as CSV columns are read as text' });

	// XML that attacks the parser.
	const laughs = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>\n<Events><Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='VSS'/><EventID>&lol9;</EventID></System></Event></Events>\n`;
	put('xml/billion-laughs.xml', laughs);
	expectations.push({ rel: 'xml/billion-laughs.xml', rule: 'entity expansion (billion laughs) is refused' });
	put('xml/external-entity.xml', `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<BACKUP_COMPONENTS xmlns="x-schema:#VssComponentMetadata"><x>&xxe;</x></BACKUP_COMPONENTS>\n`);
	expectations.push({ rel: 'xml/external-entity.xml', rule: 'an external entity is never resolved', check: (i) => (i.problems.some((p) => /passwd|root:/.test(p)) ? 'a problem quotes the entity target' : null) });
	put('xml/huge-attribute.xml', `<Events><Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='${'A'.repeat(8 * 1024 * 1024)}'/><EventID>8229</EventID><Level>2</Level></System></Event></Events>\n`);
	expectations.push({ rel: 'xml/huge-attribute.xml', rule: 'an 8 MB attribute' });

	// Archives that attack the reader.
	const zeros = Buffer.alloc(300 * 1024 * 1024);
	put(
		'archives/zip-bomb.zip',
		zipOf([
			{ name: 'vmware.log', data: Buffer.from(vmx.join('\n')) },
			{ name: 'zeros.log', data: Buffer.alloc(0), packed: zlib.deflateRawSync(zeros), declaredSize: zeros.length },
		]),
	);
	expectations.push({ rel: 'archives/zip-bomb.zip', rule: 'a member over the compression-ratio limit (zip bomb) is not inflated', problem: /zeros\.log.*ratio limit/ });
	expectations.push({ rel: 'archives/zip-bomb.zip!/vmware.log', rule: 'the rest of a zip bomb is read', format: 'vmware-log' });
	put('archives/lying-size.zip', zipOf([{ name: 'small.log', data: Buffer.alloc(0), packed: zlib.deflateRawSync(Buffer.alloc(20 * 1024 * 1024, 0x41)), declaredSize: 1000 }]));
	expectations.push({ rel: 'archives/lying-size.zip', rule: 'a member that inflates past its declared size is cut off, not trusted', problem: /small\.log.*inflates past its declared size/ });
	put('archives/gzip-bomb.log.gz', zlib.gzipSync(zeros, { level: 9 }));
	expectations.push({ rel: 'archives/gzip-bomb.log.gz', rule: 'a gzip over the compression-ratio limit', problem: /expands more than \d+ times/ });
	put(
		'archives/traversal.zip',
		zipOf([
			{ name: '../../ql-hostile-escaped.log', data: Buffer.from('x') },
			{ name: '/etc/ql-hostile-abs.log', data: Buffer.from(writers.join('\r\n')) },
			{ name: 'C:/Windows/evil.log', data: Buffer.from('x') },
			{ name: 'ok/writers.txt', data: Buffer.from(writers.join('\r\n')) },
		]),
	);
	expectations.push({ rel: 'archives/traversal.zip', rule: 'names with .. or a drive are refused; nothing is written anywhere', problem: /ql-hostile-escaped\.log.*unsafe path/ });
	expectations.push({ rel: 'archives/traversal.zip!/etc/ql-hostile-abs.log', rule: 'an absolute name is read as a relative one, inside the archive', format: 'vssadmin-list-writers' });
	expectations.push({ rel: 'archives/traversal.zip!/ok/writers.txt', rule: 'the safe members are read', format: 'vssadmin-list-writers' });
	const plain = Buffer.from(writers.join('\r\n'));
	const damaged = Buffer.from(zlib.deflateRawSync(plain));
	damaged.fill(0xff, 10, 40);
	put(
		'archives/encrypted-and-corrupt.zip',
		zipOf([
			{ name: 'secret.log', data: plain, flags: 1 },
			{ name: 'corrupt.log', data: plain, packed: damaged },
			{ name: 'fine.txt', data: plain },
		]),
	);
	expectations.push({ rel: 'archives/encrypted-and-corrupt.zip', rule: 'an encrypted member is a per-member problem', problem: /secret\.log.*encrypted/ });
	expectations.push({ rel: 'archives/encrypted-and-corrupt.zip', rule: 'a corrupt member is a per-member problem', problem: /corrupt\.log.*corrupt/ });
	expectations.push({ rel: 'archives/encrypted-and-corrupt.zip!/fine.txt', rule: 'the other members of a damaged zip are read', format: 'vssadmin-list-writers' });
	put('archives/truncated.zip', zipOf([{ name: 'a.log', data: plain }]).subarray(0, 60));
	expectations.push({ rel: 'archives/truncated.zip', rule: 'a truncated zip is one clear problem', problem: /zip archive cannot be read/ });
	put(
		'archives/links.tar',
		tarOf([
			{ name: 'etc-passwd', data: '', type: '2', linkTo: '/etc/passwd' },
			{ name: 'hard', data: '', type: '1', linkTo: 'vmware.log' },
			{ name: '../../up.log', data: 'x' },
			{ name: 'vmware.log', data: vmx.join('\n') },
		]),
	);
	expectations.push({ rel: 'archives/links.tar', rule: 'tar symbolic links are ignored', problem: /etc-passwd.*a link: not followed/ });
	expectations.push({ rel: 'archives/links.tar!/etc-passwd', rule: 'a tar link never becomes a member', absent: true });
	expectations.push({ rel: 'archives/links.tar!/vmware.log', rule: 'the regular tar members are read', format: 'vmware-log' });
	let nested = zipOf([{ name: 'writers.txt', data: plain }]);
	for (let i = 0; i < 3; i++) nested = zipOf([{ name: `level${3 - i}.zip`, data: nested }]);
	put('archives/nested.zip', nested);
	expectations.push({ rel: 'archives/nested.zip!/level1.zip!/level2.zip', rule: 'archives inside archives are expanded two levels deep, no deeper', problem: /Not expanded: archives are read 2 levels deep/ });

	// Deep folders.
	let deep = 'deep';
	for (let i = 0; i < 100; i++) deep += '/d';
	put(`${deep}/writers.txt`, plain);
	expectations.push({ rel: `${deep}/writers.txt`, rule: 'a file 100 folders deep', format: 'vssadmin-list-writers' });
	return { expectations, skipped };
}

/** Removes a corpus, giving back the permissions it took away first (so a non-root user can delete it). */
export function removeHostileCorpus(dir: string): void {
	for (const rel of ['files/no-permission.log', 'files/locked-folder']) {
		try {
			fs.chmodSync(path.join(dir, rel), 0o755);
		} catch {
			// not created (root) or already gone
		}
	}
	fs.rmSync(dir, { recursive: true, force: true });
}
