// A reading thread of the parallel analysis, the CLI's and the extension's analysis thread's (bundled to
// dist/readWorker.js): takes files from the run's shared job list until none is left, reads each as the
// serial analysis does, and posts its inputs and facts. Protocol in core/ingest/parallel.ts.
import { parentPort, workerData } from 'worker_threads';
import { packRecords, readHelperJob, readRanges, takeJob, type ReadJobResult as ReadResult, type ReadSetup } from '../core';

const port = parentPort;
if (!port) throw new Error('readWorker runs as a worker thread only.');
const setup = workerData as ReadSetup;
try {
	const read = (job: NonNullable<ReturnType<typeof takeJob>>) => {
		const { inputs, parts, bytes, stamp } = readHelperJob(job, setup);
		port.postMessage({ type: 'file', index: job.index, inputs, ...packRecords(parts), bytes, stamp } satisfies ReadResult);
	};
	// Whole files first, from the smallest, and the big files' ranges after them: the owner of a big file
	// reads on into its ranges meanwhile, and the threads end together within one range (16 MiB) of it.
	// Ranges first left the small files for last, read by one thread while the other had nothing to read.
	let job = takeJob(setup, 'back');
	for (; job && !job.ranges; job = takeJob(setup, 'back')) read(job);
	// A big file this thread took is read whole, its ranges marked its own, before other threads' ranges.
	if (job) read(job);
	readRanges(setup);
	for (job = takeJob(setup, 'back'); job; job = takeJob(setup, 'back')) read(job);
} catch (e) {
	port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies ReadResult);
}
