// A reading thread of the CLI's parallel analysis (bundled to dist/readWorker.js): reads whole files as
// the serial analysis does and posts each one's inputs and facts. Protocol in core/analysis/parallel.ts.
import { parentPort, workerData } from 'worker_threads';
import { newContext, readWhole } from './core/analysis/analyze';
import type { ReadJob, ReadResult } from './core/analysis/parallel';

const port = parentPort;
if (!port) throw new Error('readWorker runs as a worker thread only.');
const job = workerData as ReadJob;
try {
	for (const item of job.items) {
		const ctx = newContext(job.options);
		readWhole({ rel: item.rel, abs: item.abs, size: item.size, depth: 0 }, ctx);
		port.postMessage({ type: 'file', index: item.index, inputs: ctx.inputs, parts: ctx.parts } satisfies ReadResult);
	}
} catch (e) {
	port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies ReadResult);
}
