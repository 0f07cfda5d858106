// The parallel reading as the extension's analysis thread uses it: with its read cache, progress and cancel
// (src/core/ingest/parallel.ts). The CLI's use without them is in parallel.test.ts.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, analyzeParallel, AnalysisCancelled, ReadCache, type AnalyzeOptions } from '../../src/core';
import type { ParallelOptions } from '../../src/core/ingest/parallel';
import { generateShape } from '../bench/shapes';
import { fixture } from './fixtures';

/** The reading thread as tsc compiled it (out/src/workers/readWorker.js). */
const workerScript = path.resolve(__dirname, '..', '..', 'src', 'workers', 'readWorker.js');

/** Two threads, as the analysis thread reads, from any size on (the fixtures are far below PARALLEL_MIN_BYTES). */
const TWO: ParallelOptions = { workerScript, threads: 2, minBytes: 0 };

/** Threads of this process (Linux: /proc/self/status): a reading helper is one. */
const threadCount = (): number => Number(/^Threads:\s+(\d+)$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]);

const tempDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'ql-parallel-cache-'));

/** A generated bench bundle (test/bench/shapes.ts) of 13 logs: 4 VMs' vmware.log, Tools log and events, and hostd. */
function benchBundle(dir: string, bytes: number) {
	return generateShape('chatter', dir, bytes);
}

/** Text files on disk whose read a cache keeps after a run (texts and .evtx, not archives or .gz). */
function cachedFiles(dir: string): number {
	const cache = new ReadCache();
	analyze([dir], { cache });
	return cache.stats.reread;
}

/** Runs analyzeParallel on two threads, saying how many it used. */
async function onTwo(dir: string, options: AnalyzeOptions, parallel: Partial<ParallelOptions> = {}) {
	let threads = 0;
	const report = await analyzeParallel([dir], options, { ...TWO, ...parallel, onThreads: (n) => (threads = n) });
	return { report, threads };
}

describe('parallel reading with a read cache, progress and cancel (the analysis thread)', () => {
	let dir: string;
	afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

	it('what helpers read lands in the cache: the next run reads nothing, on one thread, and a serial run reuses it too', async () => {
		dir = tempDir();
		benchBundle(dir, 3e6);
		const files = cachedFiles(dir);
		const cache = new ReadCache();
		const first = await onTwo(dir, { cache });
		assert.equal(first.threads, 2);
		assert.deepEqual(cache.stats, { reread: files, reused: 0 });
		// Nothing left to read: no helper is started.
		const second = await onTwo(dir, { cache });
		assert.equal(second.threads, 1);
		assert.deepEqual(cache.stats, { reread: 0, reused: files });
		assert.deepEqual(second.report, first.report);
		assert.deepEqual(first.report, analyze([dir]));
		assert.deepEqual(analyze([dir], { cache }), first.report);
		assert.deepEqual(cache.stats, { reread: 0, reused: files });
	});

	it('a re-analysis reads only the changed files, and never hands a cached file to a helper', async () => {
		dir = tempDir();
		const bundle = benchBundle(dir, 3e6);
		const files = cachedFiles(dir);
		const cache = new ReadCache();
		await onTwo(dir, { cache });
		// Two logs grow by a line of their own (a helper reads one of them); one goes away.
		const logs = bundle.files.filter((f) => f.endsWith('.log'));
		for (const f of logs.slice(0, 2)) fs.appendFileSync(f, fs.readFileSync(f, 'utf8').split('\n')[0] + '\n');
		fs.rmSync(logs[2]);
		const after = await onTwo(dir, { cache });
		assert.equal(after.threads, 2);
		assert.deepEqual(cache.stats, { reread: 2, reused: files - 3 });
		assert.deepEqual(after.report, analyze([dir]));
		// The changed files' new reads, and not the deleted one's, are what the cache holds now.
		await onTwo(dir, { cache });
		assert.deepEqual(cache.stats, { reread: 0, reused: files - 1 });
	});

	it('reports progress for every file, cached ones included, on any thread, ending at the totals', async () => {
		dir = tempDir();
		const bundle = benchBundle(dir, 3e6);
		const cache = new ReadCache();
		await onTwo(dir, { cache });
		fs.appendFileSync(bundle.files[0], '\n');
		fs.appendFileSync(bundle.files[1], '\n');
		const calls: number[][] = [];
		await onTwo(dir, { cache, onProgress: (...a) => calls.push(a) });
		const total = calls[0][1];
		assert.deepEqual(
			calls.map((c) => c[0]),
			Array.from({ length: total }, (_, i) => i + 1),
		);
		const bytes = bundle.files.reduce((n, f) => n + fs.statSync(f).size, 0);
		assert.deepEqual(calls.at(-1), [total, total, bytes, bytes]);
	});

	it('cancelled between files: rejects with AnalysisCancelled, its helper terminated, the cache as it was', async () => {
		dir = tempDir();
		benchBundle(dir, 6e6);
		// A first run starts whatever threads the process keeps (the platform's); then only helpers come and go.
		await onTwo(fixture('bundles'), {});
		const before = threadCount();
		const cache = new ReadCache();
		let cancel = false;
		let during = 0;
		let done = 0;
		const run = onTwo(dir, {
			cache,
			isCancelled: () => cancel,
			onProgress: (n) => {
				done = n;
				during = threadCount();
				cancel = true;
			},
		});
		await assert.rejects(run, AnalysisCancelled);
		assert.ok(during > before, `a helper was running (${during} threads, ${before} before)`);
		assert.equal(threadCount(), before, 'no helper is left');
		assert.ok(done < cachedFiles(dir), `${done} files read before the cancel took`);
		// Nothing of the cancelled run was kept: the next run reads every file.
		await onTwo(dir, { cache });
		assert.deepEqual(cache.stats, { reread: cachedFiles(dir), reused: 0 });
	});

	it('cancelled before its first file: rejects, its helper ended', async () => {
		const before = threadCount();
		let threads = 0;
		await assert.rejects(analyzeParallel([fixture('bundles')], { isCancelled: () => true }, { ...TWO, onThreads: (n) => (threads = n) }), AnalysisCancelled);
		assert.equal(threads, 2);
		assert.equal(threadCount(), before);
	});
});
