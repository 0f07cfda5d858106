import * as assert from 'assert/strict';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { analyze, AnalysisCancelled, InputError } from '../../src/core';
import { ReadCache } from '../../src/core/ingest/cache';
import { CHUNK_BYTES, decodeText, splitLines } from '../../src/core/decode/decode';
import { startReading } from '../../src/core/ingest/read';
import type { InputFile } from '../../src/core/model/report';
import { AnalysisWorker } from '../../src/workers/analysisWorkerClient';
import { attemptHeads, type AttemptHead } from '../../src/workers/firstReport';
import { fixture } from './fixtures';

/** A writable copy of a fixture bundle (fixtures are read-only). */
function copyBundle(name: string): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-incremental-'));
	fs.cpSync(fixture('bundles', name), dir, { recursive: true });
	for (const f of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) if (f.isFile()) fs.chmodSync(path.join(f.parentPath, f.name), 0o644);
	return dir;
}

const BUNDLE = 'case-05-exchange-writer-retryable-ps51-utf16';
/** Its text files on disk: hostd.log, vmware.log, events-application.xml, vssadmin-writers.txt. */
const TEXT_FILES = 4;

describe('incremental re-analysis (ReadCache)', () => {
	let dir: string;
	beforeEach(() => {
		dir = copyBundle(BUNDLE);
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('a second run re-reads nothing and gives the same report as a fresh analysis', () => {
		const cache = new ReadCache();
		const first = analyze([dir], { cache });
		assert.deepEqual(cache.stats, { reread: TEXT_FILES, reused: 0 });
		assert.deepEqual(first, analyze([dir]));
		const second = analyze([dir], { cache });
		assert.deepEqual(cache.stats, { reread: 0, reused: TEXT_FILES });
		assert.deepEqual(second, first);
	});

	it('re-reads only the file whose size changed, and the report follows the change', () => {
		const cache = new ReadCache();
		analyze([dir], { cache });
		const vmx = path.join(dir, 'esxi/vmfs/volumes/vsanDatastore/EXCH-MBX-02/vmware.log');
		fs.appendFileSync(vmx, "2024-05-22T20:30:02.117Z| vmx| I005: SnapshotVMX_TakeSnapshot start: 'Commvault-5513', deviceState=0, lazy=0, quiesced=1, forceNative=0, tryNative=1, saveAllocMaps=0\n");
		const after = analyze([dir], { cache });
		assert.deepEqual(cache.stats, { reread: 1, reused: TEXT_FILES - 1 });
		assert.deepEqual(after, analyze([dir]));
		assert.equal(after.attempts.length, 2);
	});

	it('re-reads a file whose mtime changed at the same size', () => {
		const cache = new ReadCache();
		analyze([dir], { cache });
		const hostd = path.join(dir, 'esxi/var/run/log/hostd.log');
		const later = new Date(fs.statSync(hostd).mtimeMs + 60_000);
		fs.utimesSync(hostd, later, later);
		analyze([dir], { cache });
		assert.deepEqual(cache.stats, { reread: 1, reused: TEXT_FILES - 1 });
	});

	it('a reused file is not altered by an earlier run: clock settings of one run do not leak into the next', () => {
		const cache = new ReadCache();
		const offsets = { 'guest/events-application.xml': 120 };
		assert.deepEqual(analyze([dir], { cache, clockOffsets: offsets }), analyze([dir], { clockOffsets: offsets }));
		assert.deepEqual(analyze([dir], { cache }), analyze([dir]));
		assert.equal(cache.stats.reused, TEXT_FILES);
	});

	it('local-time sources are aligned anew each run: reused reads give the fresh report, before and after a clock setting', () => {
		// A guest log without a year (its clock from anchors) and a vCenter export in the exporter's zone (assumed).
		const local = fixture('bundles', 'case-10-tools-not-available-vcenter-export');
		const cache = new ReadCache();
		const fresh = analyze([local]);
		assert.deepEqual(analyze([local], { cache }), fresh);
		const offsets = { 'guest/var/log/vmware-vmsvc.log': 60 };
		assert.deepEqual(analyze([local], { cache, clockOffsets: offsets }), analyze([local], { clockOffsets: offsets }));
		assert.deepEqual(analyze([local], { cache }), fresh);
		assert.equal(cache.stats.reused, 3);
	});

	it('a deleted file leaves the report and the cache', () => {
		const cache = new ReadCache();
		analyze([dir], { cache });
		fs.rmSync(path.join(dir, 'guest/events-application.xml'));
		const after = analyze([dir], { cache });
		assert.deepEqual(cache.stats, { reread: 0, reused: TEXT_FILES - 1 });
		assert.ok(!after.inputs.some((i) => i.path.endsWith('events-application.xml')));
	});
});

describe('the analysis thread (AnalysisWorker)', () => {
	it('AnalysisWorker gives the report analyze gives, with progress, and reuses unchanged files the next time', async () => {
		const worker = new AnalysisWorker();
		try {
			const dir = fixture('bundles', BUNDLE);
			const seen: number[] = [];
			const { report, stats } = await worker.run({ paths: [dir] }, {}, { onProgress: (done) => seen.push(done) });
			assert.deepEqual(report, analyze([dir]));
			assert.equal(seen.at(-1), report.inputs.length);
			assert.deepEqual(stats, { reread: TEXT_FILES, reused: 0 });
			const again = await worker.run({ paths: [dir] }, {});
			assert.deepEqual(again.stats, { reread: 0, reused: TEXT_FILES });
		} finally {
			worker.dispose();
		}
	});

	it("sends the attempts' rows before the report, and none for a text without attempts", async () => {
		const worker = new AnalysisWorker();
		try {
			const order: string[] = [];
			let heads: AttemptHead[] = [];
			const run = worker.run({ paths: [fixture('bundles')] }, {}, { onAttempts: (a) => (order.push('attempts'), (heads = a)) });
			const { report, timings } = await run.finally(() => order.push('report'));
			assert.deepEqual(order, ['attempts', 'report']);
			assert.ok(report.attempts.length > 1);
			assert.deepEqual(heads, attemptHeads(report.attempts));
			assert.ok(timings.attemptsMs !== null && timings.attemptsMs <= timings.analysisMs);
			let none: AttemptHead[] | undefined;
			const text = await worker.run({ texts: [{ name: 'note.txt', text: 'nothing about snapshots here\n' }] }, {}, { onAttempts: (a) => (none = a) });
			assert.equal(text.report.attempts.length, 0);
			assert.deepEqual(none, []);
		} finally {
			worker.dispose();
		}
	});

	it('InputError and AnalysisCancelled keep their class across the thread boundary', async () => {
		const worker = new AnalysisWorker();
		try {
			await assert.rejects(worker.run({ paths: [path.join(os.tmpdir(), 'no-such-bundle-ql')] }, {}), InputError);
			const abort = new AbortController();
			abort.abort();
			await assert.rejects(worker.run({ paths: [fixture('bundles', BUNDLE)] }, {}, { signal: abort.signal }), AnalysisCancelled);
			const running = new AbortController();
			const pending = worker.run({ paths: [fixture('bundles')] }, {}, { onProgress: () => running.abort(), signal: running.signal });
			await assert.rejects(pending, AnalysisCancelled);
			// The thread still serves the next analysis.
			assert.equal((await worker.run({ paths: [fixture('bundles', BUNDLE)] }, {})).report.attempts.length, 1);
		} finally {
			worker.dispose();
		}
	});
});

describe('a gzip file on disk is streamed', () => {
	let dir: string;
	beforeEach(() => {
		dir = copyBundle(BUNDLE);
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('reads a rotated hostd.log.gz as the plain file, in chunks of its compressed input', () => {
		const hostd = path.join(dir, 'esxi/var/run/log/hostd.log');
		// Enough lines that the compressed file spans several 64 KiB reads: each carries 32 random bytes in hex,
		// which gzip cannot squeeze below 32 bytes, so 6,000 lines (1.3 MB) are enough where a counter needed 20,000.
		const lines = fs.readFileSync(hostd, 'utf8').trimEnd().split('\n');
		const text = Array.from({ length: 6_000 }, (_, i) => `${lines[i % lines.length]} #${crypto.randomBytes(32).toString('hex')}\n`).join('');
		fs.writeFileSync(hostd, text);
		const plain = analyze([dir]);
		fs.writeFileSync(`${hostd}.gz`, zlib.gzipSync(text));
		fs.rmSync(hostd);
		const zipped = analyze([dir]);
		const input = zipped.inputs.find((i) => i.path.endsWith('hostd.log.gz'))!;
		const before = plain.inputs.find((i) => i.path.endsWith('hostd.log'))!;
		assert.ok(fs.statSync(`${hostd}.gz`).size > 3 * 64 * 1024);
		assert.deepEqual({ ...input, path: before.path, formatReason: before.formatReason }, before);
		assert.match(input.formatReason, /^gzip-compressed; /);
		assert.equal(zipped.attempts.length, plain.attempts.length);
	});

	it('stops at the per-file limit with the same problem as an archive member', () => {
		fs.writeFileSync(path.join(dir, 'big.log.gz'), zlib.gzipSync(Buffer.alloc(3 * 1024 * 1024, 'a\n')));
		const input = analyze([dir], { maxFileBytes: 1024 * 1024 }).inputs.find((i) => i.path === 'big.log.gz')!;
		assert.equal(input.formatReason, 'not read');
		assert.match(input.problems[0], /more than the per-file limit|expands more than/);
	});

	it('a damaged gzip file is listed with its problem', () => {
		const gz = zlib.gzipSync('2024-05-22T19:30:02.117Z| vmx| I005: x\n'.repeat(10_000));
		fs.writeFileSync(path.join(dir, 'cut.log.gz'), gz.subarray(0, gz.length >> 1));
		const input = analyze([dir]).inputs.find((i) => i.path === 'cut.log.gz')!;
		assert.equal(input.formatReason, 'not read');
		assert.match(input.problems[0], /gzip data cannot be read/);
	});
});

describe('a small file changed between the listing and its reading', () => {
	let dir: string;
	beforeEach(() => {
		dir = copyBundle(BUNDLE);
	});
	afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

	const VMWARE = 'esxi/vmfs/volumes/vsanDatastore/EXCH-MBX-02/vmware.log';

	/**
	 * vmware.log's entry in a run whose files were listed before it grew by `bytes` (its own lines again),
	 * and in a run listed after: a small file is read whole through one descriptor, and one that grew past a
	 * chunk since it was listed is streamed as large files are.
	 */
	function grown(bytes: number): { listedBefore: InputFile; listedAfter: InputFile; size: number } {
		const file = path.join(dir, VMWARE);
		const run = startReading([dir], {});
		const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
		const more: string[] = [];
		for (let n = 0, i = 0; n < bytes; i++) {
			more.push(`${lines[i % lines.length]}\n`);
			n += more[i].length;
		}
		fs.appendFileSync(file, more.join(''));
		const vmwareLog = (listed: ReturnType<typeof startReading>) => {
			while (listed.step());
			return listed.outcome().inputs.find((i) => i.path === VMWARE)!;
		};
		return { listedBefore: vmwareLog(run), listedAfter: vmwareLog(startReading([dir], {})), size: fs.statSync(file).size };
	}

	it('one that grew within a chunk is read to its end', () => {
		const { listedBefore, listedAfter, size } = grown(4096);
		assert.ok(size < CHUNK_BYTES);
		assert.ok(listedBefore.lines > 40, `${listedBefore.lines} lines`);
		assert.deepEqual(listedBefore, listedAfter);
	});

	it('one that grew past a chunk is read to its end, as a large file', () => {
		const { listedBefore, listedAfter, size } = grown(CHUNK_BYTES);
		assert.ok(size > CHUNK_BYTES);
		assert.deepEqual(listedBefore, listedAfter);
	});
});

describe('files over one chunk: all-ASCII chunks are cut into lines from their bytes', () => {
	/** ASCII lines of varied length (so lines straddle the 1 MiB chunk edges), `total` bytes or a little more. */
	function asciiText(total: number, eol = '\n'): string {
		const parts: string[] = [];
		let n = 0;
		for (let i = 0; n < total; i++) {
			const line = `2024-05-01T00:00:00.000Z| vmx| I125: line ${i} ${'x'.repeat((i * 7919) % 300)}`;
			parts.push(line);
			n += line.length + eol.length;
		}
		return parts.join(eol) + eol;
	}

	/** What streaming gives must be what splitting the whole decoded text gives. */
	function same(bytes: Buffer): void {
		const streamed = decodeText(bytes);
		const whole = splitLines(bytes.toString('utf8'));
		assert.equal(streamed.lines.length, whole.lines.length);
		assert.deepEqual(streamed.lines, whole.lines);
		assert.equal(streamed.eol, whole.eol);
	}

	it('LF lines across several chunks, and a line ending exactly at a chunk edge', () => {
		const text = asciiText(3.5 * CHUNK_BYTES);
		same(Buffer.from(text));
		const edge = 'a'.repeat(CHUNK_BYTES - 1) + '\n' + 'b'.repeat(CHUNK_BYTES - 1) + '\n' + 'c\n';
		same(Buffer.from(edge));
	});

	it('a chunk with CRLF or a lone CR, a CR at a chunk edge, and UTF-8 between ASCII chunks', () => {
		const crlf = asciiText(CHUNK_BYTES) + asciiText(CHUNK_BYTES, '\r\n') + asciiText(CHUNK_BYTES);
		same(Buffer.from(crlf));
		const cutCr = 'a'.repeat(2 * CHUNK_BYTES - 1) + '\r\n' + asciiText(CHUNK_BYTES);
		same(Buffer.from(cutCr));
		const utf8 = asciiText(1.5 * CHUNK_BYTES) + 'Schreibgerät é ü\n' + asciiText(2 * CHUNK_BYTES);
		same(Buffer.from(utf8));
	});
});
