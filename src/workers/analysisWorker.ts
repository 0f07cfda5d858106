// The analysis thread (bundled to dist/analysisWorker.js): runs whole analyses for AnalysisWorker, with
// progress and cancel, keeping a ReadCache between them. Protocol types are in analysisWorkerClient.ts.
import { parentPort } from 'worker_threads';
import { AnalysisCancelled, analyzeParallel, analyzeText, InputError, ReadCache, type Attempt, type Report } from '../core';
import type { FromWorker, ToWorker } from './analysisWorkerClient';
import { attemptHeads } from './firstReport';
import { buffersOf, listPieces, reportBuffers, reportText, type ReportText } from './reportText';
import { READ_HELPER_MIN_BYTES, READ_THREADS } from './readThreads';
import { workerScript } from './scripts';

const port = parentPort;
if (!port) throw new Error('analysisWorker runs as a worker thread only.');

const cache = new ReadCache();
/** Ids of analyses asked to stop; checked by the core between files. */
const cancelled = new Set<number>();
/**
 * Progress goes to the host at most this often (ms): a bundle of 7,000 small files would otherwise send
 * 7,000 messages, each a round trip to the window's progress notification.
 */
const PROGRESS_INTERVAL_MS = 100;
/** How the helper is started (dist/readWorker.js beside this thread's bundle), and when (readThreads.ts). */
const parallel = { workerScript: workerScript(__dirname, 'readWorker'), threads: READ_THREADS, minBytes: READ_HELPER_MIN_BYTES };

const post = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

function errorMessage(id: number, e: unknown): FromWorker {
	const kind = e instanceof InputError ? 'input' : e instanceof AnalysisCancelled ? 'cancelled' : 'other';
	const err = e instanceof Error ? e : new Error(String(e));
	return { type: 'error', id, kind, message: err.message, stack: kind === 'other' ? err.stack : undefined };
}

/** The report as JSON in pieces (reportText.ts); one whose element is too big for a string crosses as objects. */
function handOff(report: Report): Report | ReportText {
	try {
		return reportText(report);
	} catch (e) {
		if (e instanceof RangeError) return report;
		throw e;
	}
}

port.on('message', (m: ToWorker) => {
	if (m.type === 'cancel') {
		cancelled.add(m.id);
		return;
	}
	void (async () => {
		try {
			const t0 = performance.now();
			let lastProgress = -Infinity;
			let attemptsMs: number | null = null;
			const options = {
				...m.options,
				cache,
				isCancelled: () => cancelled.has(m.id),
				onProgress: (done: number, total: number, bytesDone: number, bytesTotal: number) => {
					const now = performance.now();
					if (done < total && now - lastProgress < PROGRESS_INTERVAL_MS) return;
					lastProgress = now;
					post({ type: 'progress', id: m.id, done, total, bytesDone, bytesTotal });
				},
				onAttempts: (attempts: readonly Attempt[]) => {
					attemptsMs = performance.now() - t0;
					// JSON bytes, transferred: 10,000 rows as a structured clone held the host for a second on arrival.
					const pieces = listPieces(attemptHeads(attempts));
					post({ type: 'attempts', id: m.id, pieces }, buffersOf(pieces));
				},
			};
			const report = 'paths' in m.source ? await analyzeParallel(m.source.paths, options, parallel) : analyzeText(m.source.texts, options);
			const analysisMs = performance.now() - t0;
			const sent = handOff(report);
			post({ type: 'report', id: m.id, report: sent, stats: { ...cache.stats }, timings: { attemptsMs, analysisMs, serializeMs: performance.now() - t0 - analysisMs } }, 'head' in sent ? reportBuffers(sent) : []);
		} catch (e) {
			post(errorMessage(m.id, e));
		} finally {
			cancelled.delete(m.id);
		}
	})();
});
