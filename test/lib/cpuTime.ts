// Timing for the scaling properties (test/robustness/*scaling*.test.ts): CPU time, which a busy machine
// does not stretch as it does the wall clock, of runs that each start from a collected heap.
import { fullCollection as gc } from '../../src/core/heap';

/** A word nothing writes to, to sleep on; and how long the collector's background threads get (ms). */
const SETTLE = new Int32Array(new SharedArrayBuffer(4));
const SETTLE_MS = 25;

/**
 * The CPU time of `run` (ms), from a collected heap: a major collection the previous run left to do is not
 * this run's. The collector finishes a full collection on background threads, whose CPU time
 * process.cpuUsage counts: they are waited out, or a short run after a large heap reads several times its
 * real cost.
 */
export function settledCpuMs(run: () => void): number {
	gc();
	Atomics.wait(SETTLE, 0, 0, SETTLE_MS);
	const t0 = process.cpuUsage();
	run();
	const { user, system } = process.cpuUsage(t0);
	return (user + system) / 1000;
}

/**
 * The fastest of `rounds` runs of each of `runs` (ms of CPU time), interleaved (a, b, a, b …) so that a busy
 * spell of the machine slows both.
 */
export function fastestCpuMs(runs: readonly (() => void)[], rounds: number): number[] {
	const best = runs.map(() => Infinity);
	for (let k = 0; k < rounds; k++) runs.forEach((run, i) => (best[i] = Math.min(best[i], settledCpuMs(run))));
	return best;
}

/** The heap (bytes) that what `make` returns keeps alive, measured between two full collections. */
export function retainedBytes<T>(make: () => T): { value: T; bytes: number } {
	gc();
	const before = process.memoryUsage().heapUsed;
	const value = make();
	gc();
	return { value, bytes: process.memoryUsage().heapUsed - before };
}
