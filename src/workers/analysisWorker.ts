// The analysis thread (bundled to dist/analysisWorker.js): runs whole analyses for AnalysisWorker, with
// progress and cancel, keeping a ReadCache between them. Protocol types are in analysisWorkerClient.ts.
import { parentPort } from 'worker_threads';
import { AnalysisCancelled, analyzeAsync, analyzeText, InputError, ReadCache } from '../core';
import type { FromWorker, ToWorker } from './analysisWorkerClient';

const port = parentPort;
if (!port) throw new Error('analysisWorker runs as a worker thread only.');

const cache = new ReadCache();
/** Ids of analyses asked to stop; checked by the core between files. */
const cancelled = new Set<number>();

const post = (m: FromWorker) => port.postMessage(m);

function errorMessage(id: number, e: unknown): FromWorker {
	const kind = e instanceof InputError ? 'input' : e instanceof AnalysisCancelled ? 'cancelled' : 'other';
	const err = e instanceof Error ? e : new Error(String(e));
	return { type: 'error', id, kind, message: err.message, stack: kind === 'other' ? err.stack : undefined };
}

port.on('message', (m: ToWorker) => {
	if (m.type === 'cancel') {
		cancelled.add(m.id);
		return;
	}
	void (async () => {
		try {
			const options = {
				...m.options,
				cache,
				isCancelled: () => cancelled.has(m.id),
				onProgress: (done: number, total: number, bytesDone: number, bytesTotal: number) => post({ type: 'progress', id: m.id, done, total, bytesDone, bytesTotal }),
			};
			const report = 'paths' in m.source ? await analyzeAsync(m.source.paths, options) : analyzeText(m.source.texts, options);
			post({ type: 'report', id: m.id, report, stats: { ...cache.stats } });
		} catch (e) {
			post(errorMessage(m.id, e));
		} finally {
			cancelled.delete(m.id);
		}
	})();
});
