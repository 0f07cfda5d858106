// A reading thread of the CLI's parallel analysis (bundled to dist/readWorker.js): takes files from the
// run's shared job list until none is left, reads each as the serial analysis does, and posts its inputs
// and facts. Protocol in core/ingest/parallel.ts.
import { parentPort, workerData } from 'worker_threads';
import { packRecords, readHelperJob, readRanges, takeJob, type ReadJobResult as ReadResult, type ReadSetup } from '../core';

const port = parentPort;
if (!port) throw new Error('readWorker runs as a worker thread only.');
const setup = workerData as ReadSetup;
try {
	readRanges(setup);
	for (let job = takeJob(setup, 'back'); job; job = takeJob(setup, 'back')) {
		const { inputs, parts, bytes } = readHelperJob(job, setup);
		port.postMessage({ type: 'file', index: job.index, inputs, ...packRecords(parts), bytes } satisfies ReadResult);
	}
} catch (e) {
	port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies ReadResult);
}
