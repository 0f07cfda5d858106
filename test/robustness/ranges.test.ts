// One big file read in byte ranges on several threads (src/core/ingest/ranges.ts) must give the very
// inputs and facts one thread gives: records, unparsed lines, line numbers, line ends, encodings. Properties
// over generated vmware.logs with Msg_Post blocks across the cuts, a time-zone change, CRLF and lone CR,
// multi-byte UTF-8 and UTF-16, a line longer than a range, DICT and Guest lines, cut at generated offsets
// and at every line start of a sample; then the same through real helper threads (the CLI's path).
import * as assert from 'assert/strict';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as iconv from 'iconv-lite';
import * as os from 'os';
import * as path from 'path';
import { analyze, analyzeParallel } from '../../src/core';
import { readJob } from '../../src/core/ingest/parallel';
import { findCuts, rangeReader, type RangeProvider } from '../../src/core/ingest/ranges';
import { FUZZ_RUNS, fuzzParams } from '../lib/fuzz';

/** The reading thread as tsc compiled it (out/src/workers/readWorker.js). */
const workerScript = path.resolve(__dirname, '..', '..', 'src', 'workers', 'readWorker.js');
const OPTIONS = { maxFileBytes: 64 * 1024 * 1024 };

type Enc = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';
const BOM: Record<Enc, number[]> = { 'utf-8': [], 'utf-8-bom': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff] };
const encode = (text: string, enc: Enc): Buffer => Buffer.concat([Buffer.from(BOM[enc]), iconv.encode(text, enc === 'utf-8-bom' ? 'utf-8' : enc)]);

const stamp = (i: number, zone = 'Z') => `2024-11-15T04:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.117${zone}`;

/**
 * More than the first chunk (1 MiB) of chatter the quick lane takes: ranges start past the chunk the encoding
 * is decided from (a cut inside it is read by the owner).
 */
const prefix = (lines: number) => Array.from({ length: lines }, (_, i) => `${stamp(i)}| vmx| I125: Tools: sending 'OK' to the VMX, poll ${i}`).join('\n') + '\n';
const PREFIX = prefix(20_000);

/** The pieces of a tail: what the reader's state crosses lines for, and what the lane takes. */
const piece = (i: number, kind: number, thread: string): string => {
	const s = stamp(i);
	switch (kind) {
		case 0:
			return `${s}| ${thread}| I125: Tools: chatter ${i} é 日本語`;
		case 1:
			return `${s} In(05) ${thread} - chatter ${i}`;
		case 2:
			return `${s}| ${thread}| I125: Msg_Post: Warning`;
		case 3:
			return `${s}| ${thread}| I125: [msg.snapshot.quiesce.vmerr] The guest OS has reported an error during quiescing.`;
		case 4:
			return `${s}| ${thread}| I125+ The error code was: 5`;
		case 5:
			return `${s}| ${thread}| I125: ----------------------------------------`;
		case 6:
			return `${s}| vmx| I125: SnapshotVMX_TakeSnapshot start: 'snap-${i}', deviceState=0, lazy=0, quiesced=1`;
		case 7:
			return `${s}| vcpu-0| I125: ToolsBackup: changing quiesce state: IDLE -> STARTED`;
		case 8:
			return `${stamp(i, '-06:00')}| ${thread}| I125: Tools: chatter in another zone`;
		case 9:
			return `${s}| vmx| I125: Guest: [   debug] [vmsvc:vmbackup] *** VmBackupSyncDriverStart`;
		case 10:
			return `not a vmware.log line ü ${i}`;
		case 11:
			return '';
		case 12:
			return `${s}| ${thread}| I125: ${'x'.repeat(3000)}`;
		case 13:
			return `${s}| vmx| I125: DICT --- CONFIGURATION`;
		case 14:
			return `${s}| vmx| I125: DICT         tools.syncTime = "TRUE"`;
		default:
			return `${s}| ${thread}| I125: ゲストの静止処理 ${i} Schnappschuss läuft`;
	}
};
const PIECES = 16;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-ranges-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Splices done and ranges the owner read itself, over a test's cases: both must happen. */
const seen = { spliced: 0, readHere: 0 };

/** Reads `file` whole, then with its ranges from `targets` read as a helper reads them, and requires the same. */
function sameRanged(file: string, targets: number[]): void {
	const size = fs.statSync(file).size;
	const job = { index: 0, rel: 'vm/vmware.log', abs: file, size };
	const whole = readJob(job, OPTIONS);
	const helper = rangeReader(file, job.rel, targets);
	const provider: RangeProvider = {
		targets,
		take(index, wanted) {
			const read = wanted ? (helper?.(index) ?? null) : null;
			if (read) seen.spliced++;
			else seen.readHere++;
			return read;
		},
	};
	const ranged = readJob(job, OPTIONS, provider);
	assert.deepStrictEqual(ranged, whole, `targets ${targets.join(', ')}`);
}

describe('one big file read in ranges: the report one thread gives', () => {
	it('vmware.logs of generated pieces, cut at generated offsets, in every encoding and line end', () => {
		const before = { ...seen };
		const file = path.join(tmp, 'vmware.log');
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.nat(PIECES - 1), fc.constantFrom('vmx', 'vcpu-0', 'mks')), { minLength: 1, maxLength: 80 }),
				fc.constantFrom<Enc>('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be'),
				fc.constantFrom('\n', '\r\n', 'mixed'),
				fc.boolean(),
				fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
				(tail, enc, eol, endsWithBreak, offsets) => {
					const lines = tail.map(([kind, thread], i) => piece(i, kind, thread));
					const body = lines.map((l, i) => l + (eol === 'mixed' ? ['\n', '\r\n', '\r'][i % 3] : eol)).join('');
					const text = (eol === '\n' ? PREFIX : PREFIX.replace(/\n/g, '\r\n')) + (endsWithBreak ? body : body.replace(/(\r\n|\r|\n)$/, ''));
					const bytes = encode(text, enc);
					fs.writeFileSync(file, bytes);
					const start = bytes.length - encode(body, enc).length + BOM[enc].length - 64;
					const targets = offsets.map((o) => start + (o % (bytes.length - start + 1))).sort((a, b) => a - b);
					sameRanged(file, targets);
				},
			),
			{ ...fuzzParams(), numRuns: Math.ceil(FUZZ_RUNS / 10) },
		);
		assert.ok(seen.spliced > before.spliced, 'some ranges were taken from the helper');
		assert.ok(seen.readHere > before.readHere, 'some ranges were read by the owner (a block open at the cut)');
	});

	it('a Msg_Post block across the cut: cut at every line start and next to it', () => {
		const before = { ...seen };
		const tail = [0, 2, 0, 3, 4, 1, 4, 5, 0, 8, 0, 2, 3, 0, 4, 10, 12, 0, 6, 7, 9, 13, 14, 0, 15, 11, 0];
		const body = tail.map((kind, i) => piece(i, kind, i % 4 === 2 ? 'vcpu-0' : 'vmx') + '\n').join('');
		const file = path.join(tmp, 'block.log');
		fs.writeFileSync(file, PREFIX + body);
		const bytes = fs.readFileSync(file);
		for (let at = Buffer.byteLength(PREFIX); at > 0 && at <= bytes.length; at = bytes.indexOf(10, at) + 1) {
			for (const target of [at - 1, at, at + 1]) sameRanged(file, [target]);
		}
		assert.ok(seen.spliced > before.spliced && seen.readHere > before.readHere, 'both ways were taken');
	});

	it('cuts are the line starts at or after each target, in UTF-8 and UTF-16; a line to the end gives none', () => {
		const file = path.join(tmp, 'cuts.log');
		fs.writeFileSync(file, encode('ab\ncd\r\n日本\nlast', 'utf-8'));
		// Bytes: `ab\n` 0–2, `cd\r\n` 3–6, `日本\n` 7–13, `last` 14–17.
		assert.deepEqual(findCuts(file, 'utf-8', [1, 2, 3, 4, 8, 14, 15]), [3, 7, 14]);
		fs.writeFileSync(file, encode('ab\n\u0a0a\ncd', 'utf-16le'));
		// BOM 0–1, `a` 2, `b` 4, LF 6, U+0A0A 8 (its bytes are 0x0A 0x0A: no line break), LF 10, `c` 12.
		assert.deepEqual(findCuts(file, 'utf-16le', [1, 7, 8, 9]), [8, 12]);
		fs.writeFileSync(file, 'x'.repeat(3 * 1024 * 1024));
		assert.deepEqual(findCuts(file, 'utf-8', [1, 1024 * 1024, 2 * 1024 * 1024]), []);
		sameRanged(file, [1024 * 1024, 2 * 1024 * 1024]);
	});

	it('a format that cannot resume is read whole: the helper hands back nothing', () => {
		const file = path.join(tmp, 'hostd.log');
		const hostd = Array.from({ length: 20_000 }, (_, i) => `${stamp(i)} info hostd[2099A95B] [Originator@6876 sub=Default] chatter ${i}`).join('\n');
		fs.writeFileSync(file, hostd + '\n');
		assert.equal(rangeReader(file, 'hostd.log', [fs.statSync(file).size / 2]), null);
		sameRanged(file, [fs.statSync(file).size / 2]);
	});

	it('through helper threads (the CLI): the report a serial run gives', async () => {
		const dir = path.join(tmp, 'bundle');
		fs.mkdirSync(path.join(dir, 'vm'), { recursive: true });
		const tail = Array.from({ length: 400 }, (_, i) => piece(i, (i * 7) % PIECES, ['vmx', 'vcpu-0', 'mks'][i % 3])).join('\n');
		fs.writeFileSync(path.join(dir, 'vm', 'vmware.log'), prefix(60_000) + tail + '\n' + PREFIX);
		fs.writeFileSync(path.join(dir, 'vm', 'vmware-1.log'), PREFIX);
		const serial = analyze([dir], OPTIONS);
		for (const threads of [2, 3]) {
			let used = 0;
			const parallel = await analyzeParallel([dir], OPTIONS, { workerScript, threads, minBytes: 0, rangeMinBytes: 0, rangePieceBytes: 256 * 1024, onThreads: (n) => (used = n) });
			assert.equal(used, threads);
			assert.deepStrictEqual(parallel, serial, `${threads} threads`);
		}
	});

	it('through helper threads: two files in ranges, a helper reading one of them whole', async () => {
		// On 3 threads each big file is more than a thread's share: both are cut into ranges. The owner takes the
		// larger at once; a helper starting some 100 ms later takes the smaller from the back and reads it whole,
		// then the owner's ranges. The owner's lines each name a quiesce (no record, but no quick lane either):
		// it is still in its file when the helper starts.
		const dir = path.join(tmp, 'two-big');
		for (const vm of ['a', 'b']) fs.mkdirSync(path.join(dir, vm), { recursive: true });
		const tail = Array.from({ length: 400 }, (_, i) => piece(i, (i * 5) % PIECES, ['vmx', 'vcpu-0', 'mks'][i % 3])).join('\n');
		const slow = Array.from({ length: 400_000 }, (_, i) => `${stamp(i)}| vcpu-0| I125: Tools: quiesced poll ${i}`).join('\n');
		fs.writeFileSync(path.join(dir, 'a', 'vmware.log'), slow + '\n' + tail + '\n');
		fs.writeFileSync(path.join(dir, 'b', 'vmware.log'), tail + '\n' + prefix(250_000));
		const serial = analyze([dir], OPTIONS);
		let used = 0;
		const parallel = await analyzeParallel([dir], OPTIONS, { workerScript, threads: 3, minBytes: 0, rangeMinBytes: 0, rangePieceBytes: 256 * 1024, onThreads: (n) => (used = n) });
		assert.equal(used, 3);
		assert.deepStrictEqual(parallel, serial);
	});
});
