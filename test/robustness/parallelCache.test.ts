// The analysis thread's reading (parallel, with a read cache) against the serial one on a generated bench
// bundle of every shape, on every test fixture at once and on the .evtx fixtures: the same report to the byte,
// the same files kept, and a re-analysis that reads only what changed; then the analysis thread itself, and a
// cancel that must not wait for a helper's long file. Minutes on a 2-core machine (the suite sets its own timeout).
import * as assert from 'assert/strict';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { analyze, analyzeAsync, analyzeParallel, AnalysisCancelled, ReadCache, type AnalyzeOptions } from '../../src/core';
import { AnalysisWorker } from '../../src/workers/analysisWorkerClient';
import { READ_HELPER_MIN_BYTES } from '../../src/workers/readThreads';
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

/** Threads of this process (Linux: /proc/self/status): the analysis thread and a reading helper are one each. */
const threadCount = (): number => Number(/^Threads:\s+(\d+)$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]);

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

describe('parallel reading with a read cache gives the serial report (the analysis thread)', function () {
	// Bundles of every shape, one of 160 MB, each read several ways: minutes on a 2-core machine.
	this.timeout(600_000);
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

	it('gives the serial report on the test fixtures read at once, keeps the files a serial run keeps, and gives it again from the cache', async () => {
		// The golden reports are JSON; the .evtx files are the next test's.
		const paths = fs
			.readdirSync(FIXTURES)
			.filter((d) => d !== 'golden' && d !== 'evtx')
			.map((d) => path.join(FIXTURES, d));
		const serialCache = new ReadCache();
		const serial = analyze(paths, { cache: serialCache });
		assert.ok(serialCache.stats.reread > 100, `${serialCache.stats.reread} files kept`);
		const cache = new ReadCache();
		const first = await onTwo(paths, { cache });
		assert.equal(first.threads, 2);
		assert.deepEqual(first.report, serial);
		assert.deepEqual(cache.stats, serialCache.stats);
		assert.deepEqual((await onTwo(paths, { cache })).report, serial);
		assert.deepEqual(cache.stats, { reread: 0, reused: serialCache.stats.reread });
	});

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

	it('in the analysis thread itself (AnalysisWorker): a bundle over READ_HELPER_MIN_BYTES is read with a helper; reused; cancelled, no thread is left', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-parallel-thread-'));
		const worker = new AnalysisWorker();
		try {
			const bundle = generateShape('chatter', dir, 1.2 * READ_HELPER_MIN_BYTES);
			assert.ok(bundle.diskBytes > READ_HELPER_MIN_BYTES);
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
	it('cancelled while the main thread waits for its helper: the helper is terminated in its file, not waited for', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-parallel-wait-'));
		try {
			// Files are taken largest first on disk by the main thread, from the smallest by the helper. The main
			// thread's are a plain log and a gzipped one, read in a second or so: long enough for the helper to
			// start and take its own, the smallest on disk (one log repeated) and many times longer to read.
			const log = fs.readFileSync(path.join(FIXTURES, 'bundles', 'case-02-vsssyncstart-bad-state-8449-kb1018194', 'esxi/vmfs/volumes/datastore2/FS-02/vmware.log'), 'utf8');
			const lines = log.trimEnd().split('\n');
			const own = (bytes: number) => Array.from({ length: Math.ceil(bytes / 100) }, (_, i) => `${lines[i % lines.length]} #${crypto.randomBytes(16).toString('hex')}\n`).join('');
			fs.writeFileSync(path.join(dir, 'vmware.log'), own(30e6));
			fs.writeFileSync(path.join(dir, 'vmware-1.log.gz'), zlib.gzipSync(own(8e6)));
			fs.writeFileSync(path.join(dir, 'vmware-2.log.gz'), zlib.gzipSync(log.repeat(Math.ceil(100e6 / log.length))));
			const sizes = ['vmware.log', 'vmware-1.log.gz', 'vmware-2.log.gz'].map((f) => fs.statSync(path.join(dir, f)).size);
			assert.ok(sizes[0] > sizes[1] && sizes[1] > sizes[2], sizes.join(' > '));
			await onTwo([path.join(FIXTURES, 'bundles')], {});
			const before = threadCount();
			let cancel = false;
			let done = 0;
			const run = onTwo([dir], {
				isCancelled: () => cancel,
				// Once the main thread has read its two files and waits (it has no file left to take).
				onProgress: (n) => ((done = n), n === 2 && setTimeout(() => (cancel = true), 100)),
			});
			await assert.rejects(run, AnalysisCancelled);
			assert.equal(done, 2, 'the helper never ended its file');
			assert.equal(threadCount(), before, 'no helper is left');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
