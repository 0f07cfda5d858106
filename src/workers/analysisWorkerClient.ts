// Runs the core in a worker thread (no `vscode` import: plain Node can test it). AnalysisWorker runs whole
// analyses off the caller's thread, one at a time, with progress and cancel; its thread keeps a ReadCache,
// so a re-analysis re-reads only changed files.
import { Worker } from 'worker_threads';
import { AnalysisCancelled, InputError, type AnalyzeOptions, type Report } from '../core/host';
import type { AttemptHead } from './firstReport';
import { parsePieces, parseReportText, type ReportText } from './reportText';
import { workerScript } from './scripts';

/** The options that cross to the thread: plain data only (the callbacks and the cache stay on their side). */
export type WorkerAnalyzeOptions = Omit<AnalyzeOptions, 'onProgress' | 'isCancelled' | 'cache'>;

/** Of one analysis in the thread: on-disk text files read from disk, and files whose earlier result was reused. */
export interface ReadStats {
	reread: number;
	reused: number;
}

/** Where one analysis's time went in the thread (ms from its start); attemptsMs is null when it ended before its attempts were judged. */
export interface ThreadTimings {
	attemptsMs: number | null;
	analysisMs: number;
	/** Turning the report into what crosses to the host (JSON text). */
	serializeMs: number;
}

/** What one analysis gives back: the report, what the thread read and reused, and where its time went. */
export interface WorkerResult {
	report: Report;
	stats: ReadStats;
	timings: ThreadTimings & {
		/** Parsing the report on the caller's thread (ms). */
		parseMs: number;
	};
}

/** Called with the attempts' rows as soon as they are judged, before their findings are diagnosed. */
export type OnAttempts = (attempts: AttemptHead[]) => void;

/** Files done and in all so far, and their on-disk bytes done and in all. */
export type Progress = (done: number, total: number, bytesDone: number, bytesTotal: number) => void;

/** Text to analyse, as the core's analyzeText takes it: a report path, the text, and its first line (1-based). */
export interface TextInput {
	name: string;
	text: string;
	firstLine?: number;
}

/** What one analysis reads: files and folders, or text held in memory (an editor's). */
export type WorkerSource = { paths: readonly string[] } | { texts: readonly TextInput[] };

/** Messages to the thread. */
export type ToWorker = { type: 'analyze'; id: number; source: WorkerSource; options: WorkerAnalyzeOptions } | { type: 'cancel'; id: number };

/** Messages from the thread; `kind` keeps InputError and AnalysisCancelled apart across the boundary. */
export type FromWorker =
	| { type: 'progress'; id: number; done: number; total: number; bytesDone: number; bytesTotal: number }
	/** The attempts' rows as JSON in pieces (reportText.ts). */
	| { type: 'attempts'; id: number; pieces: Uint8Array[] }
	/** The report as JSON in pieces (objects only when a piece is too big for a string). */
	| { type: 'report'; id: number; report: Report | ReportText; stats: ReadStats; timings: ThreadTimings }
	| { type: 'error'; id: number; kind: 'input' | 'cancelled' | 'other'; message: string; stack?: string };

/** After a cancel, the thread gets this long to stop at a file boundary before it is terminated (ms). */
const CANCEL_GRACE_MS = 1000;

/** The error a thread reported, as the class the core throws. */
function toError(m: Extract<FromWorker, { type: 'error' }>): Error {
	const e = m.kind === 'input' ? new InputError(m.message) : m.kind === 'cancelled' ? new AnalysisCancelled(m.message) : new Error(m.message);
	if (m.stack) e.stack = m.stack;
	return e;
}

interface Job {
	resolve(value: WorkerResult): void;
	reject(e: Error): void;
	onProgress?: Progress;
	onAttempts?: OnAttempts;
	/** The rows being parsed (a piece per turn): the report waits for them, so onAttempts comes first. */
	rows?: Promise<void>;
}

/** What a caller may be told while one analysis runs. */
export interface RunCallbacks {
	onProgress?: Progress;
	onAttempts?: OnAttempts;
	signal?: AbortSignal;
}

/** One analysis thread, started on first use and kept (with its read cache) until disposed or cancelled hard. */
export class AnalysisWorker {
	private worker: Worker | null = null;
	private readonly jobs = new Map<number, Job>();
	private nextId = 1;
	/** Analyses run one after the other: the thread's cache counts one run at a time. */
	private queue: Promise<unknown> = Promise.resolve();

	constructor(private readonly script = workerScript(__dirname, 'analysisWorker')) {}

	/**
	 * Analyses files (`{ paths }`) or in-memory text (`{ texts }`) in the thread. Rejects with InputError or
	 * AnalysisCancelled as analyze would; `signal` cancels (at the next file boundary, or by terminating the
	 * thread after CANCEL_GRACE_MS); `onAttempts` gets the attempts' rows before the report is done.
	 */
	run(source: WorkerSource, options: WorkerAnalyzeOptions, callbacks: RunCallbacks = {}): Promise<WorkerResult> {
		const job = this.queue.then(() => this.start(source, options, callbacks));
		this.queue = job.catch(() => undefined);
		return job;
	}

	/** Starts the thread now, so that the first analysis does not wait for it to load (about 100 ms). */
	warm(): void {
		this.ensure();
	}

	dispose(): void {
		this.stop(new AnalysisCancelled('Analysis cancelled.'));
	}

	private start(source: WorkerSource, options: WorkerAnalyzeOptions, { onProgress, onAttempts, signal }: RunCallbacks): Promise<WorkerResult> {
		if (signal?.aborted) return Promise.reject(new AnalysisCancelled('Analysis cancelled.'));
		const id = this.nextId++;
		const worker = this.ensure();
		return new Promise((resolve, reject) => {
			let grace: NodeJS.Timeout | undefined;
			const onAbort = () => {
				worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
				grace = setTimeout(() => this.stop(new AnalysisCancelled('Analysis cancelled.')), CANCEL_GRACE_MS);
			};
			const settle = () => {
				clearTimeout(grace);
				signal?.removeEventListener('abort', onAbort);
				this.jobs.delete(id);
			};
			this.jobs.set(id, {
				resolve: (v) => {
					settle();
					resolve(v);
				},
				reject: (e) => {
					settle();
					reject(e);
				},
				onProgress,
				onAttempts,
			});
			signal?.addEventListener('abort', onAbort);
			// Settings objects VS Code returns are proxies, which cannot be cloned to a thread: the options
			// are plain JSON data by contract, so a JSON copy is what crosses.
			const plain = JSON.parse(JSON.stringify(options)) as WorkerAnalyzeOptions;
			worker.postMessage({ type: 'analyze', id, source: JSON.parse(JSON.stringify(source)) as WorkerSource, options: plain } satisfies ToWorker);
		});
	}

	private ensure(): Worker {
		if (this.worker) return this.worker;
		const worker = new Worker(this.script);
		worker.on('message', (m: FromWorker) => {
			const job = this.jobs.get(m.id);
			if (!job) return;
			if (m.type === 'progress') job.onProgress?.(m.done, m.total, m.bytesDone, m.bytesTotal);
			else if (m.type === 'attempts') {
				// Rows of an analysis that ended meanwhile (cancelled, failed) are not shown.
				job.rows = parsePieces<AttemptHead>(m.pieces).then((rows) => {
					if (this.jobs.get(m.id) === job) job.onAttempts?.(rows);
				});
			} else if (m.type === 'report') {
				const t0 = performance.now();
				const sent = m.report;
				// Parsed a piece per turn of the event loop: the host keeps answering while 100 MB arrive.
				void Promise.resolve(job.rows)
					.then(() => ('head' in sent ? parseReportText(sent) : sent))
					.then(
						(report) => job.resolve({ report, stats: m.stats, timings: { ...m.timings, parseMs: performance.now() - t0 } }),
						(e: unknown) => job.reject(e instanceof Error ? e : new Error(String(e))),
					);
			} else if (m.type === 'error') job.reject(toError(m));
		});
		// Only the current thread's end fails its jobs: a thread terminated after a hard cancel exits later.
		worker.on('error', (e) => {
			if (this.worker === worker) this.stop(e);
		});
		worker.on('exit', (code) => {
			if (this.worker === worker) this.stop(new Error(`The analysis thread exited (code ${code}).`));
		});
		this.worker = worker;
		return worker;
	}

	/** Ends the thread (its cache goes with it) and fails what it was doing with `why`. */
	private stop(why: Error): void {
		const worker = this.worker;
		this.worker = null;
		for (const job of [...this.jobs.values()]) job.reject(why);
		this.jobs.clear();
		if (worker) void worker.terminate();
	}
}
