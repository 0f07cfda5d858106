import * as os from 'os';
import { Worker } from 'worker_threads';
import type { Facts } from '../formats/format';
import type { InputFile, Report } from '../model/report';
import { analyzeAsync, finishRun, isArchive, planRun, type AnalyzeOptions, type WorkItem } from './analyze';

/**
 * The same analysis with its files read on several threads (the CLI's path: a support bundle of many
 * large logs is read about as many times faster as there are cores). Each thread reads whole files and
 * hands back their inputs and facts; they are joined in the serial order, so the report is the one
 * `analyze` gives, to the byte. Archives go the serial way: their members count against the run's total
 * size limit in order, which only one reader can keep.
 */

/** Below this many bytes a thread costs more to start than it saves (bytes). */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** What the main thread sends a reading thread (workerData). */
export interface ReadJob {
	items: { index: number; rel: string; abs: string; size: number }[];
	options: Pick<AnalyzeOptions, 'maxFileBytes' | 'maxTotalBytes' | 'exclude'>;
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

/** Largest first, each to the least loaded thread: balanced enough for a handful of big logs. */
function assign(items: readonly WorkItem[], threads: number): WorkItem[][] {
	const groups = Array.from({ length: threads }, () => ({ bytes: 0, items: [] as WorkItem[] }));
	for (const item of [...items].sort((a, b) => b.size - a.size)) {
		const g = groups.reduce((a, b) => (b.bytes < a.bytes ? b : a));
		g.items.push(item);
		g.bytes += item.size;
	}
	return groups.map((g) => g.items).filter((g) => g.length > 0);
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
	const order = new Map(plan.queue.map((item, index) => [item, index]));
	const jobs = assign(plan.queue, threads).map((group): ReadJob => ({
		items: group.map((item) => ({ index: order.get(item)!, rel: item.rel, abs: item.abs!, size: item.size })),
		options: { maxFileBytes: options.maxFileBytes, maxTotalBytes: options.maxTotalBytes, exclude: options.exclude },
	}));
	let done = 0;
	let bytesDone = 0;
	await Promise.all(jobs.map((job) => new Promise<void>((resolve, reject) => {
		const worker = new Worker(parallel.workerScript, { workerData: job });
		worker.on('message', (m: ReadResult) => {
			if (m.type === 'error') {
				reject(new Error(m.message));
				return;
			}
			byIndex.set(m.index, { inputs: m.inputs, parts: m.parts });
			bytesDone += plan.queue[m.index].size;
			options.onProgress?.(++done, plan.queue.length, bytesDone, plan.bytesTotal);
		});
		worker.on('error', reject);
		worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a reading thread exited with code ${code}`))));
	})));
	for (let i = 0; i < plan.queue.length; i++) {
		const read = byIndex.get(i);
		if (!read) throw new Error(`no thread read ${plan.queue[i].rel}`);
		plan.ctx.inputs.push(...read.inputs);
		plan.ctx.parts.push(...read.parts);
	}
	return finishRun(plan.root, plan.ctx, options);
}
