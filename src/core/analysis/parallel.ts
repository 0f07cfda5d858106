import * as os from 'os';
import { Worker } from 'worker_threads';
import type { Facts } from '../formats/format';
import type { InputFile, Report } from '../model/report';
import { analyzeAsync, finishRun, isArchive, newContext, planRun, readWhole, type AnalyzeOptions } from './analyze';

/**
 * The same analysis with its files read on several threads (the CLI's path: a support bundle of many
 * large logs is read about as many times faster as there are cores). Each thread reads whole files and
 * hands back their inputs and facts; they are joined in the serial order, so the report is the one
 * `analyze` gives, to the byte. Archives go the serial way: their members count against the run's total
 * size limit in order, which only one reader can keep.
 */

/** Below this many bytes a thread costs more to start than it saves (bytes). */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** What the main thread gives a reading thread when it starts (workerData). */
export interface ReadSetup {
	options: Pick<AnalyzeOptions, 'maxFileBytes' | 'maxTotalBytes' | 'exclude'>;
}

/** One file to read, sent to a thread that is free. */
export interface ReadJob {
	index: number;
	rel: string;
	abs: string;
	size: number;
}

/** What a reading thread posts for each file it read, and once when it cannot go on. */
export type ReadResult =
	| { type: 'file'; index: number; inputs: InputFile[]; parts: Partial<Facts>[] }
	| { type: 'error'; message: string };

export interface ParallelOptions {
	/** The reading thread's script (readWorker.js next to the CLI). */
	workerScript: string;
	/** Threads to use; default: the machine's cores. */
	threads?: number;
	/** Read in parallel only from this many bytes on (default PARALLEL_MIN_BYTES). */
	minBytes?: number;
	/** Told how many reading threads the run uses (1: it read serially). */
	onThreads?: (threads: number) => void;
}

/** Files a helper holds beyond the one it reads: it never waits while this thread reads a file of its own. */
const HELPER_QUEUE = 2;

/**
 * A reading thread that takes files from `jobs` (shared with the other readers) and hands each result to
 * `take`; settles when the queue is empty and its files are read, or rejects on the first error (and
 * empties the queue, so that the other readers stop after their current file).
 */
function runHelper(script: string, setup: ReadSetup, jobs: ReadJob[], take: (index: number, inputs: InputFile[], parts: Partial<Facts>[]) => void): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		const worker = new Worker(script, { workerData: setup });
		let held = 0;
		let finished = false;
		const feed = () => {
			while (held < HELPER_QUEUE && jobs.length > 0) {
				worker.postMessage(jobs.shift());
				held++;
			}
			if (held === 0 && !finished) {
				finished = true;
				void worker.terminate();
			}
		};
		const fail = (e: Error) => {
			jobs.length = 0;
			finished = true;
			void worker.terminate();
			reject(e);
		};
		worker.on('message', (m: ReadResult) => {
			if (m.type === 'error') return fail(new Error(m.message));
			held--;
			take(m.index, m.inputs, m.parts);
			feed();
		});
		worker.on('error', fail);
		worker.on('exit', (code) => (finished || code === 0 ? resolve() : reject(new Error(`a reading thread exited with code ${code}`))));
		feed();
	});
}

/** Analyses `paths`, reading files on several threads when that pays; otherwise as analyzeAsync does. */
export async function analyzeParallel(paths: readonly string[], options: AnalyzeOptions, parallel: ParallelOptions): Promise<Report> {
	const plan = planRun(paths, options);
	const threads = Math.min(parallel.threads ?? os.availableParallelism(), plan.queue.length);
	const total = plan.queue.reduce((n, i) => n + i.size, 0);
	const serial = threads < 2 || total < (parallel.minBytes ?? PARALLEL_MIN_BYTES) || total > plan.ctx.maxTotalBytes || plan.queue.some(isArchive);
	parallel.onThreads?.(serial ? 1 : threads);
	if (serial) return analyzeAsync(paths, options);
	const byIndex = new Map<number, { inputs: InputFile[]; parts: Partial<Facts>[] }>();
	// Largest first, each to the next thread that is free: the threads end together however fast each
	// file's reader is (by bytes alone, a thread with slower formats ends last while the other waits).
	const jobs: ReadJob[] = plan.queue.map((item, index) => ({ index, rel: item.rel, abs: item.abs!, size: item.size })).sort((a, b) => b.size - a.size);
	const setup: ReadSetup = { options: { maxFileBytes: options.maxFileBytes, maxTotalBytes: options.maxTotalBytes, exclude: options.exclude } };
	let done = 0;
	let bytesDone = 0;
	const take = (index: number, inputs: InputFile[], parts: Partial<Facts>[]) => {
		byIndex.set(index, { inputs, parts });
		bytesDone += plan.queue[index].size;
		options.onProgress?.(++done, plan.queue.length, bytesDone, plan.bytesTotal);
	};
	// This thread reads too, with threads - 1 helpers: one isolate fewer to start, compile for and collect.
	let failure: unknown = null;
	// Handled at once: a helper failing while this thread reads must not be an unhandled rejection.
	const helpers = Promise.all(Array.from({ length: threads - 1 }, () => runHelper(parallel.workerScript, setup, jobs, take))).catch((e: unknown) => {
		failure = e;
	});
	for (let job = jobs.shift(); job && failure === null; job = jobs.shift()) {
		const ctx = newContext(setup.options);
		readWhole({ rel: job.rel, abs: job.abs, size: job.size, depth: 0 }, ctx);
		take(job.index, ctx.inputs, ctx.parts);
		// Lets the helpers' results in, and tops up their queues.
		await new Promise<void>((resolve) => setImmediate(resolve));
	}
	await helpers;
	if (failure !== null) throw failure;
	for (let i = 0; i < plan.queue.length; i++) {
		const read = byIndex.get(i);
		if (!read) throw new Error(`no thread read ${plan.queue[i].rel}`);
		plan.ctx.inputs.push(...read.inputs);
		plan.ctx.parts.push(...read.parts);
	}
	return finishRun(plan.root, plan.ctx, options);
}
