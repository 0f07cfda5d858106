import * as os from 'os';
import { Worker } from 'worker_threads';
import type { Facts } from '../formats/lib/format';
import { appendAll } from '../collections';
import type { InputFile } from '../model/report';
import { unpackRecords, type PostedParts } from './handoff';
import { newContext, planRun, readWhole, startReading, type ReadOptions, type ReadOutcome } from './read';

/**
 * The same analysis with its files read on several threads (the CLI's path: a support bundle of many
 * large logs is read about as many times faster as there are cores). Each thread reads whole files (an
 * archive with its members, a .gz inflated) and hands back their inputs and facts; they are joined in the
 * serial order, so the report is the one `analyze` gives, to the byte. The one thing a thread cannot know
 * is what the files before its own counted against the run's total size limit (an archive's members and
 * a .gz's content count too): when the threads counted so much that the limit could have changed what a
 * serial run reads, the run is read again serially (see readParallel).
 */

/** Below this many bytes a thread costs more to start than it saves (bytes). */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** What the main thread gives a reading thread when it starts (workerData). */
export interface ReadSetup {
	options: Pick<ReadOptions, 'maxFileBytes' | 'maxTotalBytes' | 'exclude'>;
	/** Every file of the run, largest first. */
	jobs: ReadJob[];
	/**
	 * Three Int32s: jobs taken in all, from the front, from the back. Readers take jobs with Atomics.add,
	 * never waiting for another thread (see takeJob).
	 */
	next: SharedArrayBuffer;
}

/** One file to read. */
export interface ReadJob {
	index: number;
	rel: string;
	abs: string;
	size: number;
}

/** What a reading thread posts for each file it read (its facts packed: see handoff.ts), and once when it cannot go on. */
export type ReadResult = ({ type: 'file'; index: number; inputs: InputFile[]; bytes: number } & PostedParts) | { type: 'error'; message: string };

export interface ParallelOptions {
	/** The reading thread's script (readWorker.js next to the CLI). */
	workerScript: string;
	/** Threads to use; default: the machine's cores. */
	threads?: number;
	/** Read in parallel only from this many bytes on (default PARALLEL_MIN_BYTES). */
	minBytes?: number;
	/** Told how many reading threads the run uses (1: it read serially). */
	onThreads?: (threads: number) => void;
	/** A helper's old-generation heap limit (MiB; default HELPER_OLD_MB). */
	helperOldMb?: number;
}

/**
 * A helper's heap limits (MiB). Under 2 GiB of old generation, V8 lets the heap grow past what its last full
 * collection kept by a factor from 1.3 (256 MiB) to 2 (2 GiB) instead of 4: on the `records` bench bundle a
 * helper with no limit held 25-30 MB live in a heap of 150-180 MB. 1 GiB is far above what a helper holds
 * (the records of the file it reads); a helper that runs out of it makes the run read serially (readParallel).
 * A young generation of 16 MiB instead of 48 (semi-spaces of 5 MiB, not 16) commits 30 MB less per helper;
 * the scavenges it adds cost little, as most of what a reader allocates dies young.
 */
const HELPER_OLD_MB = 1024;
const HELPER_YOUNG_MB = 16;

/**
 * The next job of a run for a reader, or null when none is left: the main thread takes the list from its
 * front (largest first; it starts at once, while a helper is still loading), helpers from its back, so
 * that each reads files of like sizes, often of one format (each thread compiles and warms up its code
 * for fewer formats: 0.1-0.2 s less on the 1 GiB bench bundle, in 10 interleaved runs each). A job is
 * first counted against the total, so the two ends never take the same one.
 */
export function takeJob(setup: Pick<ReadSetup, 'jobs' | 'next'>, end: 'front' | 'back'): ReadJob | null {
	const counts = new Int32Array(setup.next);
	if (Atomics.add(counts, 0, 1) >= setup.jobs.length) return null;
	return end === 'front' ? setup.jobs[Atomics.add(counts, 1, 1)] : setup.jobs[setup.jobs.length - 1 - Atomics.add(counts, 2, 1)];
}

/** Reads one job as the serial analysis reads a file: its inputs and facts, and the bytes it counted against the total limit. */
export function readJob(job: ReadJob, options: ReadSetup['options']): { inputs: InputFile[]; parts: Partial<Facts>[]; bytes: number } {
	const ctx = newContext(options);
	readWhole({ rel: job.rel, abs: job.abs, size: job.size, depth: 0 }, ctx);
	return { inputs: ctx.inputs, parts: ctx.parts, bytes: ctx.bytesRead };
}

/**
 * A reading thread taking jobs until none is left; each result goes to `take`, its records' strings shared
 * through `shared` with those of every helper (shareStrings). Settles when the thread has ended, or rejects
 * on its first error (after which no reader takes another job).
 */
function runHelper(script: string, setup: ReadSetup, take: (index: number, inputs: InputFile[], parts: Partial<Facts>[], bytes: number) => void, shared: Map<string, string>, oldMb: number): Promise<void> {
	return new Promise<void>((resolve, reject) => {
		const worker = new Worker(script, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: oldMb, maxYoungGenerationSizeMb: HELPER_YOUNG_MB } });
		let failed = false;
		const fail = (e: Error) => {
			failed = true;
			// Counted as all taken: no reader takes another job.
			Atomics.store(new Int32Array(setup.next), 0, setup.jobs.length);
			reject(e);
		};
		worker.on('message', (m: ReadResult) => {
			if (m.type !== 'file') return fail(new Error(m.message));
			const parts = unpackRecords(m);
			shareStrings(parts, shared);
			take(m.index, m.inputs, parts, m.bytes);
		});
		worker.on('error', fail);
		worker.on('exit', (code) => (failed || code === 0 ? resolve() : reject(new Error(`a reading thread exited with code ${code}`))));
	});
}

/** Characters up to which a field's string is shared with its equal ones: ids, levels, paths, not prose. */
const SHARED_FIELD_CHARS = 256;

/**
 * Makes the records of a file read by a helper share one path string, as the records of a file read on
 * this thread do, and their short field strings (agent, level, user, .vmx path, opID …) one string per
 * value: a message brings a copy of every string with each record, where this thread's readers keep a
 * slice of the line. The join compares and hashes the paths of tens of thousands of records (two copies
 * compare character by character, one string at once), and 10,000 attempts' records held about 30 MB of
 * copies of the same few hundred values. This thread's records too: a slice of the line is 32 bytes, and
 * one under 13 characters (`info`, `vcpu-0`) is a copy; sharing them took 17 MB off the 128 MB that the
 * `vms` bench bundle's records held after reading.
 */
function shareStrings(parts: readonly Partial<Facts>[], shared: Map<string, string>): void {
	const share = (text: string): string => {
		const known = shared.get(text);
		if (known !== undefined) return known;
		shared.set(text, text);
		return text;
	};
	for (const part of parts) {
		for (const r of part.records ?? []) {
			r.source.path = share(r.source.path);
			const fields = r.fields as Record<string, unknown>;
			for (const key in fields) {
				const value = fields[key];
				if (typeof value === 'string' && value.length <= SHARED_FIELD_CHARS) fields[key] = share(value);
			}
		}
	}
}

/** Reads `paths` on several threads when that pays; otherwise file by file, yielding between files. */
export async function readParallel(paths: readonly string[], options: ReadOptions, parallel: ParallelOptions): Promise<ReadOutcome> {
	const plan = planRun(paths, options);
	const threads = Math.min(parallel.threads ?? os.availableParallelism(), plan.queue.length);
	const total = plan.queue.reduce((n, i) => n + i.size, 0);
	const serial = threads < 2 || total < (parallel.minBytes ?? PARALLEL_MIN_BYTES) || total > plan.ctx.maxTotalBytes;
	parallel.onThreads?.(serial ? 1 : threads);
	if (serial) return readSerially(paths, options);
	let read: Awaited<ReturnType<typeof readOnThreads>>;
	try {
		read = await readOnThreads(plan, options, parallel, threads);
	} catch (e) {
		// A helper that ran out of its heap (HELPER_OLD_MB): this thread has no such limit.
		if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return readSerially(paths, options);
		throw e;
	}
	// Each thread counted its files against the total limit as if they were the run's first. Where the run's
	// count stayed a per-file limit below the total limit, the limit changed nothing a serial run reads (no
	// file over it, every archive's members allowed the per-file limit); else the run is read serially.
	if (read.bytes > plan.ctx.maxTotalBytes - plan.ctx.maxFileBytes) return readSerially(paths, options);
	return read.outcome;
}

/** Reads `paths` file by file, yielding between files. */
async function readSerially(paths: readonly string[], options: ReadOptions): Promise<ReadOutcome> {
	const run = startReading(paths, options);
	do await new Promise<void>((resolve) => setImmediate(resolve));
	while (run.step());
	return run.outcome();
}

/** Reads a planned run on `threads` threads: what was read, and the bytes all threads counted against the total limit. */
async function readOnThreads(plan: ReturnType<typeof planRun>, options: ReadOptions, parallel: ParallelOptions, threads: number): Promise<{ outcome: ReadOutcome; bytes: number }> {
	const byIndex = new Map<number, { inputs: InputFile[]; parts: Partial<Facts>[] }>();
	// Each reader takes its next file when it is free (see takeJob): the readers end together however fast
	// each file's reader is (split by bytes beforehand, a thread with slower formats ends last while the
	// other waits).
	const setup: ReadSetup = {
		options: { maxFileBytes: options.maxFileBytes, maxTotalBytes: options.maxTotalBytes, exclude: options.exclude },
		jobs: plan.queue.map((item, index) => ({ index, rel: item.rel, abs: item.abs!, size: item.size })).sort((a, b) => b.size - a.size),
		next: new SharedArrayBuffer(3 * 4),
	};
	let done = 0;
	let bytesDone = 0;
	let counted = 0;
	const take = (index: number, inputs: InputFile[], parts: Partial<Facts>[], bytes: number) => {
		byIndex.set(index, { inputs, parts });
		counted += bytes;
		bytesDone += plan.queue[index].size;
		options.onProgress?.(++done, plan.queue.length, bytesDone, plan.bytesTotal);
	};
	let failure: unknown = null;
	// This thread reads too, with threads - 1 helpers: one isolate fewer to start, compile for and collect.
	// Handled at once: a helper failing while this thread reads must not be an unhandled rejection.
	const shared = new Map<string, string>();
	const helpers = Promise.all(Array.from({ length: threads - 1 }, () => runHelper(parallel.workerScript, setup, take, shared, parallel.helperOldMb ?? HELPER_OLD_MB))).catch((e: unknown) => {
		failure = e;
	});
	for (let job = takeJob(setup, 'front'); job && failure === null; job = takeJob(setup, 'front')) {
		const read = readJob(job, setup.options);
		shareStrings(read.parts, shared);
		take(job.index, read.inputs, read.parts, read.bytes);
		// Lets the helpers' results in as they come.
		await new Promise<void>((resolve) => setImmediate(resolve));
	}
	await helpers;
	if (failure !== null) throw failure;
	for (let i = 0; i < plan.queue.length; i++) {
		const read = byIndex.get(i);
		if (!read) throw new Error(`no thread read ${plan.queue[i].rel}`);
		appendAll(plan.ctx.inputs, read.inputs);
		appendAll(plan.ctx.parts, read.parts);
	}
	return { outcome: { root: plan.root, inputs: plan.ctx.inputs, parts: plan.ctx.parts }, bytes: counted };
}
