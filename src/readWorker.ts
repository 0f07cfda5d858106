// A reading thread of the CLI's parallel analysis (bundled to dist/readWorker.js): reads each file it is
// sent as the serial analysis does and posts its inputs and facts. Protocol in core/analysis/parallel.ts.
import { parentPort, workerData } from 'worker_threads';
import { newContext, readWhole } from './core/analysis/analyze';
import type { ReadJob, ReadResult, ReadSetup } from './core/analysis/parallel';

const port = parentPort;
if (!port) throw new Error('readWorker runs as a worker thread only.');
const { options } = workerData as ReadSetup;
port.on('message', (job: ReadJob) => {
	try {
		const ctx = newContext(options);
		readWhole({ rel: job.rel, abs: job.abs, size: job.size, depth: 0 }, ctx);
		port.postMessage({ type: 'file', index: job.index, inputs: ctx.inputs, parts: ctx.parts } satisfies ReadResult);
	} catch (e) {
		port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies ReadResult);
	}
});
