// Shared settings and checks of the fuzz properties (test/robustness/fuzz*.test.ts).
import * as assert from 'assert/strict';
import type * as fc from 'fast-check';
import type { ReadResult } from '../../src/core/formats/lib/format';

export const FUZZ_SEED = Number(process.env.QL_FUZZ_SEED || 20261124);
/** At least 1,000 cases per reader (the floor); QL_FUZZ_RUNS raises it for a long local run. */
export const FUZZ_RUNS = Math.max(1000, Number(process.env.QL_FUZZ_RUNS || 1000));
/** A property that has not finished its runs in this time fails (a hang is a failure, not a pass). */
export const FUZZ_TIME_LIMIT_MS = 60_000;

export const fuzzParams = (seed = FUZZ_SEED): fc.Parameters<unknown> => ({
	seed,
	numRuns: FUZZ_RUNS,
	interruptAfterTimeLimit: FUZZ_TIME_LIMIT_MS,
	markInterruptAsFailure: true,
});

/** Checks the result of reading `lineCount` lines; throws with the first broken property. */
export function checkReadResult(r: ReadResult, lineCount: number, path: string): void {
	assert.ok(Number.isInteger(r.unparsedLines) && r.unparsedLines >= 0 && r.unparsedLines <= lineCount, `unparsedLines ${r.unparsedLines} of ${lineCount} lines`);
	assert.ok(
		r.problems.every((p) => typeof p === 'string' && p.length > 0),
		'problems are sentences',
	);
	// The report is JSON: a BigInt or a cycle in the facts would throw here.
	assert.doesNotThrow(() => JSON.stringify(r.facts), 'facts are plain JSON');
	// Every SourceRef-shaped object ({ path, line }) anywhere in the facts is real evidence.
	const visit = (v: unknown): void => {
		if (Array.isArray(v)) v.forEach(visit);
		else if (v && typeof v === 'object') {
			const o = v as Record<string, unknown>;
			if (typeof o.path === 'string' && typeof o.line === 'number') {
				assert.equal(o.path, path, 'evidence names this file');
				assert.ok(Number.isInteger(o.line) && o.line >= 1 && o.line <= lineCount, `evidence line ${o.line} of ${lineCount}`);
			}
			Object.values(o).forEach(visit);
		}
	};
	visit(r.facts);
}

/**
 * Milliseconds of this process's CPU (user and system) in the cheapest of three runs (the least disturbed by
 * GC). CPU, not wall time: other processes on a busy machine stretch a run's wall time, not its work (a run of
 * 18 ms of work took 129 ms of wall time at a load of 9 on 2 cores).
 */
function fastestMs(run: () => void): number {
	let best = Infinity;
	for (let i = 0; i < 3; i++) {
		const t0 = process.cpuUsage();
		run();
		const { user, system } = process.cpuUsage(t0);
		best = Math.min(best, (user + system) / 1000);
	}
	return best;
}

/**
 * Cost of the big input relative to the small one (8× its size). Linear work gives about 8, quadratic
 * 64; the bound of 24 leaves room for caches and GC, and 20 ms of slack keeps tiny timings from
 * turning noise into a ratio.
 */
export function assertLinear(label: string, small: () => void, big: () => void): void {
	const s = fastestMs(small);
	const b = fastestMs(big);
	assert.ok(b <= 24 * s + 20, `${label}: 8× the input took ${b.toFixed(1)} ms against ${s.toFixed(1)} ms (${(b / Math.max(s, 0.01)).toFixed(1)}×): not linear`);
}
