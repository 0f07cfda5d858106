// The analysis thread's reading (parallel, with a read cache) against the serial one on a generated bench
// bundle of every shape and on the .evtx fixtures: the same report to the byte, the same files kept, and a
// re-analysis that reads only what changed. Minutes on a 2-core machine: run with --timeout 300000.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, analyzeAsync, analyzeParallel, AnalysisCancelled, ReadCache, type AnalyzeOptions } from '../../src/core';
import { PARALLEL_MIN_BYTES } from '../../src/core/ingest/parallel';
import { AnalysisWorker } from '../../src/workers/analysisWorkerClient';
import { generateShape, SHAPES } from '../bench/shapes';
import { FIXTURES } from '../unit/fixtures';

/** The reading thread as tsc compiled it (out/src/workers/readWorker.js). */
const workerScript = path.resolve(__dirname, '..', '..', 'src', 'workers', 'readWorker.js');

/** Bytes of text of each shape's bundle: enough for several files per thread, and for `big` to be read in ranges. */
const BUNDLE_BYTES = 6e6;

/** The analysis thread's path: two threads from any size on; ranges from 1 MiB, in pieces of 256 KiB. */
async function onTwo(paths: string[], options: AnalyzeOptions) {
	let threads = 0;
	const report = await analyzeParallel(paths, options, { workerScript, threads: 2, minBytes: 0, rangeMinBytes: 1024 * 1024, rangePieceBytes: 256 * 1024, onThreads: (n) => (threads = n) });
	return { report, threads };
}

/** Parallel with a cache against serial: the same report and the same files kept; then one file changes. */
async function sameAsSerial(paths: string[], change: () => void): Promise<void> {
	const serialCache = new ReadCache();
	const serial = await analyzeAsync(paths, { cache: serialCache });
	const cache = new ReadCache();
	const first = await onTwo(paths, { cache });
	assert.equal(first.threads, 2);
	assert.deepEqual(first.report, serial);
	assert.deepEqual(cache.stats, serialCache.stats);
	change();
	const again = await onTwo(paths, { cache });
	assert.deepEqual(again.report, analyze(paths));
	assert.equal(cache.stats.reread, 1);
	assert.equal(cache.stats.reused, serialCache.stats.reread - 1);
}

/** Appends a copy of a text file's first line to it (its mtime and size change). */
function growFirstText(dir: string): void {
	const files = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && /\.(log|xml)$/.test(f.name));
	const file = path.join(files[0].parentPath, files[0].name);
	fs.appendFileSync(file, fs.readFileSync(file, 'utf8').split('\n')[0] + '\n');
}

describe('parallel reading with a read cache gives the serial report (the analysis thread)', () => {
	for (const shape of SHAPES) {
		it(`on a generated bundle of the ${shape} shape`, async () => {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ql-parallel-${shape}-`));
			try {
				generateShape(shape, dir, BUNDLE_BYTES);
				await sameAsSerial([dir], () => growFirstText(dir));
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		});
	}

	it('on the .evtx fixtures', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-parallel-evtx-'));
		try {
			fs.cpSync(path.join(FIXTURES, 'evtx'), dir, { recursive: true });
			const evtx = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).find((f) => f.isFile() && f.name.endsWith('.evtx'))!;
			const file = path.join(evtx.parentPath, evtx.name);
			fs.chmodSync(file, 0o644);
			await sameAsSerial([dir], () => fs.utimesSync(file, new Date(), new Date(fs.statSync(file).mtimeMs + 60_000)));
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('in the analysis thread itself (AnalysisWorker): a bundle over PARALLEL_MIN_BYTES is read with a helper; reused; cancelled, no thread is left', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-parallel-thread-'));
		const worker = new AnalysisWorker();
		/** Threads of this process (Linux): the analysis thread and its helper are two. */
		const threadCount = (): number => Number(/^Threads:\s+(\d+)$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]);
		try {
			const bundle = generateShape('chatter', dir, 1.2 * PARALLEL_MIN_BYTES);
			assert.ok(bundle.diskBytes > PARALLEL_MIN_BYTES);
			// The analysis thread started and done with a small run: only a helper comes and goes after.
			await worker.run({ paths: [path.join(FIXTURES, 'bundles')] }, {});
			const idle = threadCount();
			let most = 0;
			const first = await worker.run({ paths: [dir] }, {}, { onProgress: () => (most = Math.max(most, threadCount())) });
			assert.ok(most > idle, `a helper read too (${most} threads, ${idle} idle)`);
			assert.deepEqual(first.report, analyze([dir]));
			assert.deepEqual(first.stats, { reread: bundle.files.length, reused: 0 });
			const again = await worker.run({ paths: [dir] }, {});
			assert.deepEqual(again.stats, { reread: 0, reused: bundle.files.length });
			assert.deepEqual(again.report, first.report);
			// Every file changed: read again, on two threads, and cancelled once the first is done.
			for (const f of bundle.files) fs.utimesSync(f, new Date(), new Date(fs.statSync(f).mtimeMs + 60_000));
			const abort = new AbortController();
			await assert.rejects(worker.run({ paths: [dir] }, {}, { signal: abort.signal, onProgress: () => abort.abort() }), AnalysisCancelled);
			// The helper ends with its run (or, past the client's grace, with the analysis thread): none is left.
			const until = Date.now() + 5000;
			while (threadCount() > idle && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
			assert.ok(threadCount() <= idle, `${threadCount()} threads, ${idle} idle`);
		} finally {
			worker.dispose();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
