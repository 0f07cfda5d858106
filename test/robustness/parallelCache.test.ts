// The analysis thread's reading (parallel, with a read cache) against the serial one on a generated bench
// bundle of every shape and on the .evtx fixtures: the same report to the byte, the same files kept, and a
// re-analysis that reads only what changed. Minutes on a 2-core machine: run with --timeout 300000.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, analyzeAsync, analyzeParallel, ReadCache, type AnalyzeOptions } from '../../src/core';
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
});
