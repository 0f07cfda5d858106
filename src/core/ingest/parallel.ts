import * as os from 'os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'worker_threads';
import type { Facts } from '../formats/lib/format';
import { appendAll } from '../collections';
import type { InputFile } from '../model/report';
import { ReadCache, type Stamp } from './cache';
import { unpackRecords, type PostedParts } from './handoff';
import { rangeReader, type RangeProvider, type RangeRead } from './ranges';
import { AnalysisCancelled } from './errors';
import { newContext, planRun, readCached, readWhole, startReading, type ReadOptions, type ReadOutcome, type RunPlan } from './read';

/**
 * The same analysis with its files read on several threads (the CLI's path: a support bundle of many
 * large logs is read about as many times faster as there are cores). Each thread reads whole files (an
 * archive with its members, a .gz inflated) and hands back their inputs and facts; they are joined in the
 * serial order, so the report is the one `analyze` gives, to the byte. The one thing a thread cannot know
 * is what the files before its own counted against the run's total size limit (an archive's members and
 * a .gz's content count too): when the threads counted so much that the limit could have changed what a
 * serial run reads, the run is read again serially (see readParallel).
 *
 * The extension's analysis thread reads this way too, with what it needs besides: a cache of earlier runs
 * (files it holds unchanged are taken on the main thread and never handed to a helper; what helpers read
 * lands in it), progress as files end on any thread, and cancel (the helpers are terminated).
 */

/** Below this many bytes a thread costs more to start than it saves (bytes). */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/**
 * A file at least this big, and larger than a thread's share of the run, is read in byte ranges on every
 * thread (ranges.ts): alone, it would keep one thread busy while the others idle (bytes).
 */
export const RANGE_MIN_BYTES = 64 * 1024 * 1024;

/**
 * Bytes of one range of such a file (16 MiB): small enough that the owner and the helpers meet near where
 * their speeds put them (a helper starts some hundred ms after the owner, more on a busy machine), large
 * enough that the ranges' messages and the owner's waits stay few.
 */
export const RANGE_PIECE_BYTES = 16 * 1024 * 1024;

/** A range of a big file the main thread owns, for a helper to read (ranges.ts). */
export interface RangeJob {
	rel: string;
	abs: string;
	targets: number[];
	/** The range's cut index in its file. */
	index: number;
}

/**
 * A range's state (an Int32 per range job): free, taken by the owner (it reads the range itself), taken by
 * helper h (RANGE_TAKEN + 2h), done by helper h (RANGE_TAKEN + 2h + 1: its result is on h's port).
 */
const RANGE_FREE = 0;
const RANGE_OWNED = 1;
const RANGE_TAKEN = 2;
/** How long the owner waits for a helper's range before it reads the range itself (ms): a helper that died. */
const RANGE_WAIT_MS = 60_000;

/** What a helper posts on its range port for each range it read. */
interface RangeMessage {
	job: number;
	read: RangeRead | null;
}

/** What the main thread gives a reading thread when it starts (workerData). */
export interface ReadSetup {
	/** The run's limits and exclusions; `cached`: the run keeps a cache, so each read says what the cache is to keep (see readJob). */
	options: Pick<ReadOptions, 'maxFileBytes' | 'maxTotalBytes' | 'exclude'> & { cached?: boolean };
	/** Every file of the run, largest first. */
	jobs: ReadJob[];
	/**
	 * Three Int32s: jobs taken in all, from the front, from the back. Readers take jobs with Atomics.add,
	 * never waiting for another thread (see takeJob).
	 */
	next: SharedArrayBuffer;
	/** Ranges of the big files, which helpers read before any file (see RANGE_FREE for their states). */
	ranges: RangeJob[];
	rangeStates: SharedArrayBuffer;
	/** This helper's number and the port its ranges go to (each helper has its own). */
	helper?: { id: number; port: MessagePort };
}

/** One file to read. */
export interface ReadJob {
	index: number;
	rel: string;
	abs: string;
	size: number;
	/** Its ranges' jobs, from the first, when other threads read ranges of it. */
	ranges?: { first: number; count: number };
}

/** What a reading thread posts for each file it read (its facts packed: see handoff.ts), and once when it cannot go on. */
export type ReadResult = ({ type: 'file'; index: number; inputs: InputFile[]; bytes: number; stamp: Stamp | null } & PostedParts) | { type: 'error'; message: string };

/** What reading one job gave: its inputs and facts, the bytes it counted against the total limit, and its stamp. */
export interface JobRead {
	inputs: InputFile[];
	parts: Partial<Facts>[];
	bytes: number;
	/** The size and mtime the file was read at, when the run's cache is to keep its read (a text or .evtx on disk); else null. */
	stamp: Stamp | null;
}

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
	/** Read a file in ranges on every thread from this many bytes on (default RANGE_MIN_BYTES; see rangedJobs). */
	rangeMinBytes?: number;
	/** Bytes of one range (default RANGE_PIECE_BYTES). */
	rangePieceBytes?: number;
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

/**
 * Reads one job as the serial analysis reads a file. `ranges`: its ranges other threads read (the main
 * thread's ranged files).
 */
export function readJob(job: ReadJob, options: ReadSetup['options'], ranges?: RangeProvider): JobRead {
	// A cache of this file alone: what it keeps is what a serial run's cache would keep, under the stat taken
	// before reading. The run's own cache lives on the main thread, and takes it once the run is joined.
	const cache = options.cached ? new ReadCache() : undefined;
	const ctx = newContext({ ...options, cache });
	readWhole({ rel: job.rel, abs: job.abs, size: job.size, depth: 0, ranges }, ctx);
	return { inputs: ctx.inputs, parts: ctx.parts, bytes: ctx.bytesRead, stamp: cache?.stamp(job.abs, job.rel) ?? null };
}

/**
 * A helper's first work: the ranges of the big files no thread has taken, from the last (the owner reads
 * from the first: they meet wherever the threads' speeds and start-up times put them), each read and posted
 * on its port before it is marked done. Never waits for another thread, so the owner's wait always ends.
 */
export function readRanges(setup: ReadSetup): void {
	const { helper } = setup;
	if (!helper) return;
	const states = new Int32Array(setup.rangeStates);
	// Each file's head is read and its cuts found once per helper.
	const readers = new Map<string, ReturnType<typeof rangeReader>>();
	for (let job = setup.ranges.length - 1; job >= 0; job--) {
		if (Atomics.compareExchange(states, job, RANGE_FREE, RANGE_TAKEN + 2 * helper.id) !== RANGE_FREE) continue;
		const r = setup.ranges[job];
		let read: RangeRead | null = null;
		try {
			if (!readers.has(r.abs)) readers.set(r.abs, rangeReader(r.abs, r.rel, r.targets));
			read = readers.get(r.abs)?.(r.index) ?? null;
		} catch {
			// The owner then reads the range itself, and lists what went wrong as that file's problem.
			read = null;
		}
		// Posted before it is marked done: the owner takes it from the port once it sees it done.
		helper.port.postMessage({ job, read } satisfies RangeMessage);
		Atomics.store(states, job, RANGE_TAKEN + 2 * helper.id + 1);
		Atomics.notify(states, job);
	}
}

/**
 * The main thread's view of a ranged file's ranges: a range no helper has taken is marked its own (it reads
 * it); one a helper took is waited for (Atomics.wait: the owner's reading is synchronous) and taken from
 * that helper's port.
 */
function ownerRanges(setup: ReadSetup, job: ReadJob, ports: readonly MessagePort[], arrived: Map<number, RangeRead | null>): RangeProvider {
	const states = new Int32Array(setup.rangeStates);
	const { first, count } = job.ranges!;
	return {
		targets: setup.ranges[first].targets,
		take(index, wanted) {
			if (index < 0 || index >= count) return null;
			const at = first + index;
			const waitUntil = Date.now() + RANGE_WAIT_MS;
			for (let state = Atomics.compareExchange(states, at, RANGE_FREE, RANGE_OWNED); state !== RANGE_OWNED; state = Atomics.load(states, at)) {
				if (state % 2 === 1) {
					const port = ports[(state - RANGE_TAKEN - 1) / 2];
					// The helper's earlier ranges (of files this thread no longer wanted) come first.
					while (!arrived.has(at)) {
						const m = receiveMessageOnPort(port);
						if (!m) break;
						const message = m.message as RangeMessage;
						arrived.set(message.job, message.read);
					}
					const read = arrived.get(at) ?? null;
					arrived.delete(at);
					return wanted ? read : null;
				}
				if (!wanted) return null;
				const left = waitUntil - Date.now();
				if (left <= 0) return null;
				Atomics.wait(states, at, state, left);
			}
			return null;
		},
	};
}

/** Marks every range of a file taken by its reader, a helper that reads it whole: no thread reads them for nothing. */
function ownAll(setup: ReadSetup, job: ReadJob): void {
	if (!job.ranges) return;
	const states = new Int32Array(setup.rangeStates);
	for (let i = 0; i < job.ranges.count; i++) Atomics.compareExchange(states, job.ranges.first + i, RANGE_FREE, RANGE_OWNED);
}

/** A helper's reading of a job: a ranged file is read whole, its ranges marked as taken. */
export function readHelperJob(job: ReadJob, setup: ReadSetup): JobRead {
	ownAll(setup, job);
	return readJob(job, setup.options);
}

/** Counts every job as taken: no reader takes another. */
const takeNoMore = (setup: ReadSetup) => Atomics.store(new Int32Array(setup.next), 0, setup.jobs.length);

/**
 * A reading thread taking jobs until none is left; each result goes to `take`, its records' strings shared
 * through `shared` with those of every helper (shareStrings). `ended` settles when the thread has ended, or
 * rejects on its first error (after which no reader takes another job).
 */
function runHelper(script: string, setup: ReadSetup, helper: NonNullable<ReadSetup['helper']>, take: (index: number, read: JobRead) => void, shared: Map<string, string>, oldMb: number): { worker: Worker; ended: Promise<void> } {
	const worker = new Worker(script, { workerData: { ...setup, helper } satisfies ReadSetup, transferList: [helper.port], resourceLimits: { maxOldGenerationSizeMb: oldMb, maxYoungGenerationSizeMb: HELPER_YOUNG_MB } });
	const ended = new Promise<void>((resolve, reject) => {
		let failed = false;
		const fail = (e: Error) => {
			failed = true;
			takeNoMore(setup);
			reject(e);
		};
		worker.on('message', (m: ReadResult) => {
			if (m.type !== 'file') return fail(new Error(m.message));
			const parts = unpackRecords(m);
			shareStrings(parts, shared);
			take(m.index, { inputs: m.inputs, parts, bytes: m.bytes, stamp: m.stamp });
		});
		worker.on('error', fail);
		worker.on('exit', (code) => (failed || code === 0 ? resolve() : reject(new Error(`a reading thread exited with code ${code}`))));
	});
	return { worker, ended };
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

/**
 * Reads `paths` on several threads when that pays; otherwise file by file, yielding between files. With a
 * cache, the files it holds unchanged are taken from it on this thread and only the others count: a
 * re-analysis after a few files changed reads them here, starting no helper.
 */
export async function readParallel(paths: readonly string[], options: ReadOptions, parallel: ParallelOptions): Promise<ReadOutcome> {
	const plan = planRun(paths, options);
	const cached = takeCached(plan, options.cache);
	const jobs: ReadJob[] = [];
	plan.queue.forEach((item, index) => cached.has(index) || jobs.push({ index, rel: item.rel, abs: item.abs!, size: item.size }));
	const cores = parallel.threads ?? os.availableParallelism();
	// A file big enough to be read in ranges (see rangedJobs) keeps every thread busy on its own.
	const threads = Math.min(cores, jobs.length + (jobs.some((j) => j.size >= (parallel.rangeMinBytes ?? RANGE_MIN_BYTES)) ? cores - 1 : 0));
	const toRead = jobs.reduce((n, j) => n + j.size, 0);
	const total = plan.queue.reduce((n, i) => n + i.size, 0);
	const serial = threads < 2 || toRead < (parallel.minBytes ?? PARALLEL_MIN_BYTES) || total > plan.ctx.maxTotalBytes;
	parallel.onThreads?.(serial ? 1 : threads);
	if (serial) return readSerially(paths, options);
	let read: Awaited<ReturnType<typeof readOnThreads>>;
	try {
		read = await readOnThreads(plan, jobs, cached, options, parallel, threads);
	} catch (e) {
		// A helper that ran out of its heap (HELPER_OLD_MB): this thread has no such limit.
		if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return readSerially(paths, options);
		throw e;
	}
	// Each thread counted its files against the total limit as if they were the run's first. Where the run's
	// count stayed a per-file limit below the total limit, the limit changed nothing a serial run reads (no
	// file over it, every archive's members allowed the per-file limit); else the run is read serially.
	if (read.bytes > plan.ctx.maxTotalBytes - plan.ctx.maxFileBytes) return readSerially(paths, options);
	if (options.cache) keepReads(options.cache, read.fresh);
	return read.outcome;
}

/** Reads `paths` file by file, yielding between files (also the extension's path for a small bundle). */
export async function readSerially(paths: readonly string[], options: ReadOptions): Promise<ReadOutcome> {
	const run = startReading(paths, options);
	do await new Promise<void>((resolve) => setImmediate(resolve));
	while (run.step());
	return run.outcome();
}

/** A file's inputs and facts, ready to be joined in the run's order. */
type Joined = Pick<JobRead, 'inputs' | 'parts'>;

/** A file read in this run that the cache is to keep, under the size and mtime it was read at. */
interface Fresh {
	job: ReadJob;
	stamp: Stamp;
	read: Joined;
}

/**
 * The files of a planned run that the cache holds unchanged, by their index in the queue (each counted as
 * reused), starting the cache's run. A file over the per-file limit is listed unread, as a serial run does.
 */
function takeCached(plan: RunPlan, cache: ReadCache | undefined): Map<number, Joined> {
	const reads = new Map<number, Joined>();
	if (!cache) return reads;
	cache.begin();
	plan.queue.forEach((item, index) => {
		const read = item.size <= plan.ctx.maxFileBytes ? readCached(item, cache) : null;
		if (read) reads.set(index, read);
	});
	return reads;
}

/**
 * Puts what the run's readers read of texts and .evtx files on disk into the cache, under the size and mtime
 * each was read at, and ends the cache's run. Only once the run stands: a run read again serially (see
 * readParallel) counts its files itself.
 */
function keepReads(cache: ReadCache, fresh: readonly Fresh[]): void {
	for (const { job, stamp, read } of fresh) {
		// A text's own input first, then those of its further sections; its facts are one part (see readItem).
		cache.put(job.abs, job.rel, stamp, { input: read.inputs[0], sections: read.inputs.slice(1), facts: read.parts[0] });
		cache.stats.reread++;
	}
	cache.end();
}

/**
 * The ranges of the files too big for one thread (at least `bytes.min`, within the per-file limit, and more
 * than a thread's share of the run's bytes): pieces of `bytes.piece` after the first, which the main thread
 * reads as their owner (it takes the largest files first), reading on into the next piece until it meets
 * one a helper took (helpers take them from the last). Marks each such job with its ranges.
 */
function rangedJobs(jobs: ReadJob[], threads: number, bytes: { min: number; max: number; piece: number }): RangeJob[] {
	const total = jobs.reduce((n, j) => n + j.size, 0);
	const ranges: RangeJob[] = [];
	for (const job of jobs) {
		// A file over the per-file limit is not read: no thread reads its ranges.
		if (job.size < bytes.min || job.size > bytes.max || job.size * threads <= total) continue;
		const pieces = Math.max(2, Math.ceil(job.size / bytes.piece));
		const targets = Array.from({ length: pieces - 1 }, (_, k) => Math.round(((k + 1) * job.size) / pieces));
		job.ranges = { first: ranges.length, count: targets.length };
		targets.forEach((_, index) => ranges.push({ rel: job.rel, abs: job.abs, targets, index }));
	}
	return ranges;
}

/** How often a run waiting for its helpers asks whether it is cancelled (ms). */
const CANCEL_POLL_MS = 20;

/**
 * Reads a planned run's `jobs` on `threads` threads, joined with the files taken from the cache (`cached`):
 * what was read, the bytes all threads counted against the total limit, and the reads the cache is to keep.
 * Cancelled (options.isCancelled, asked between this thread's files and every CANCEL_POLL_MS while it waits
 * for the helpers' files), it rejects with AnalysisCancelled. Either way its helpers have ended when it settles.
 */
async function readOnThreads(plan: RunPlan, jobs: ReadJob[], cached: ReadonlyMap<number, Joined>, options: ReadOptions, parallel: ParallelOptions, threads: number): Promise<{ outcome: ReadOutcome; bytes: number; fresh: Fresh[] }> {
	const byIndex = new Map<number, Joined>();
	// Each reader takes its next file when it is free (see takeJob): the readers end together however fast
	// each file's reader is (split by bytes beforehand, a thread with slower formats ends last while the
	// other waits).
	jobs.sort((a, b) => b.size - a.size);
	const ranges = rangedJobs(jobs, threads, { min: parallel.rangeMinBytes ?? RANGE_MIN_BYTES, max: plan.ctx.maxFileBytes, piece: parallel.rangePieceBytes ?? RANGE_PIECE_BYTES });
	const setup: ReadSetup = {
		options: { maxFileBytes: options.maxFileBytes, maxTotalBytes: options.maxTotalBytes, exclude: options.exclude, cached: options.cache !== undefined },
		jobs,
		next: new SharedArrayBuffer(3 * 4),
		ranges,
		rangeStates: new SharedArrayBuffer(Math.max(1, ranges.length) * 4),
	};
	// Each helper posts its ranges on a port of its own, which this thread reads while its reading waits.
	const channels = Array.from({ length: threads - 1 }, () => new MessageChannel());
	const ports = channels.map((c) => c.port1);
	const arrived = new Map<number, RangeRead | null>();
	const byJob = new Map(jobs.map((j) => [j.index, j]));
	const fresh: Fresh[] = [];
	let done = 0;
	let bytesDone = 0;
	let counted = 0;
	let allRead = () => {};
	const everyFileRead = new Promise<void>((resolve) => (allRead = resolve));
	const take = (index: number, read: Joined & { bytes: number }) => {
		byIndex.set(index, read);
		counted += read.bytes;
		bytesDone += plan.queue[index].size;
		options.onProgress?.(++done, plan.queue.length, bytesDone, plan.bytesTotal);
		if (done === plan.queue.length) allRead();
	};
	// A file taken from the cache counts against the total limit as its size, as a serial run counts it.
	for (const [index, read] of cached) take(index, { ...read, bytes: plan.queue[index].size });
	const takeRead = (index: number, read: JobRead) => {
		take(index, read);
		if (read.stamp) fresh.push({ job: byJob.get(index)!, stamp: read.stamp, read });
	};
	let failure: unknown = null;
	// This thread reads too, with threads - 1 helpers: one isolate fewer to start, compile for and collect.
	// Handled at once: a helper failing while this thread reads must not be an unhandled rejection.
	const shared = new Map<string, string>();
	const helpers = channels.map((c, id) => runHelper(parallel.workerScript, setup, { id, port: c.port2 }, takeRead, shared, parallel.helperOldMb ?? HELPER_OLD_MB));
	const ended = Promise.all(helpers.map((h) => h.ended)).catch((e: unknown) => {
		failure = e;
	});
	let cancelled = false;
	const isCancelled = () => (cancelled ||= options.isCancelled?.() === true);
	while (failure === null && !isCancelled()) {
		const job = takeJob(setup, 'front');
		if (!job) break;
		const read = readJob(job, setup.options, job.ranges && ownerRanges(setup, job, ports, arrived));
		shareStrings(read.parts, shared);
		takeRead(job.index, read);
		// Lets the helpers' results in as they come.
		await new Promise<void>((resolve) => setImmediate(resolve));
	}
	// Waits for the files the helpers hold, not for the helpers: once every file is read, one still starting
	// (a helper takes 100-400 ms to load, more on a busy machine) or ending has nothing left to give.
	if (!cancelled && done < plan.queue.length) {
		let poll: NodeJS.Timeout | undefined;
		const stop = options.isCancelled && new Promise<void>((resolve) => (poll = setInterval(() => isCancelled() && resolve(), CANCEL_POLL_MS)));
		await Promise.race(stop ? [everyFileRead, ended, stop] : [everyFileRead, ended]).finally(() => clearInterval(poll));
	}
	// What ended the wait is what is reported: a helper terminated here ends with an error of its own.
	const failed = failure;
	takeNoMore(setup);
	await Promise.all(helpers.map((h) => h.worker.terminate()));
	for (const port of ports) port.close();
	if (cancelled) throw new AnalysisCancelled('Analysis cancelled.');
	if (failed !== null) throw failed;
	for (let i = 0; i < plan.queue.length; i++) {
		const read = byIndex.get(i);
		if (!read) throw new Error(`no thread read ${plan.queue[i].rel}`);
		appendAll(plan.ctx.inputs, read.inputs);
		appendAll(plan.ctx.parts, read.parts);
	}
	return { outcome: { root: plan.root, inputs: plan.ctx.inputs, parts: plan.ctx.parts }, bytes: counted, fresh };
}
