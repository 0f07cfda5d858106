import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, analyzeParallel } from '../../src/core';
import { fixture } from './fixtures';

/** The reading thread as tsc compiled it (out/src/workers/readWorker.js). */
const workerScript = path.resolve(__dirname, '..', '..', 'src', 'workers', 'readWorker.js');

describe('parallel reading (the CLI path)', () => {
	it('gives the very report a serial run gives, file for file, on every sample bundle', async () => {
		for (const dir of [fixture('bundles', 'case-02-vsssyncstart-bad-state-8449-kb1018194'), fixture('workspaces', 'exchange-writer-failed'), fixture('listings')]) {
			const serial = analyze([dir], { exclude: ['**/hostd.log'] });
			let threads = 0;
			const parallel = await analyzeParallel([dir], { exclude: ['**/hostd.log'] }, { workerScript, threads: 3, minBytes: 0, onThreads: (n) => (threads = n) });
			assert.ok(threads >= 2, `${dir} was read on ${threads} thread(s)`);
			assert.deepStrictEqual(parallel, serial, dir);
		}
	});

	it('reports progress for every file and ends at the totals', async () => {
		const calls: number[][] = [];
		await analyzeParallel([fixture('bundles')], { onProgress: (...a) => calls.push(a) }, { workerScript, threads: 2, minBytes: 0 });
		const last = calls[calls.length - 1];
		assert.strictEqual(last[0], last[1]);
		assert.strictEqual(last[2], last[3]);
	});

	it('archives (zip, tar, gzip) are read on threads too, with the report a serial run gives', async () => {
		const dir = fixture('archives');
		let threads = 0;
		assert.deepStrictEqual(await analyzeParallel([dir], {}, { workerScript, threads: 2, minBytes: 0, onThreads: (n) => (threads = n) }), analyze([dir]));
		assert.strictEqual(threads, 2);
		await analyzeParallel([fixture('listings')], {}, { workerScript, threads: 2, onThreads: (n) => (threads = n) });
		assert.strictEqual(threads, 1, 'a few KB is read serially');
	});

	it('near the total size limit, the report is the serial one: files past the limit are listed, not read', async () => {
		const dir = fixture('archives');
		// The limit is the bundle's size on disk: its archives' members count too, so the limit is reached.
		const onDisk = (d: string): number => fs.readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? onDisk(path.join(d, e.name)) : fs.statSync(path.join(d, e.name)).size), 0);
		const options = { maxTotalBytes: onDisk(dir) };
		const serial = analyze([dir], options);
		assert.ok(
			serial.inputs.some((i) => i.problems.some((p) => p.includes('total limit'))),
			'the serial run reaches the limit',
		);
		assert.deepStrictEqual(await analyzeParallel([dir], options, { workerScript, threads: 2, minBytes: 0 }), serial);
	});

	it('a reading thread that runs out of its heap: the run is read on this thread, with the serial report', async () => {
		const dir = fixture('bundles', 'case-02-vsssyncstart-bad-state-8449-kb1018194');
		const serial = analyze([dir]);
		// 1 MiB of old generation: the thread cannot even load its script.
		let progress = 0;
		const parallel = await analyzeParallel([dir], { onProgress: () => progress++ }, { workerScript, threads: 2, minBytes: 0, helperOldMb: 1 });
		assert.deepStrictEqual(parallel, serial);
		assert.ok(progress >= serial.inputs.length, 'the serial read reported its files');
	});
});
