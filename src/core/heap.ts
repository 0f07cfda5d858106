// A full collection between the phases of a big analysis. V8 collects its old generation when the heap
// reaches a limit set from what was live at the last full collection; reading a large bundle leaves that
// limit where the reading's garbage put it (the lines' strings, the readers' windows), and building the
// attempts on top of that garbage raises the peak. Collecting once the reading is merged and once the
// attempts are built gives the next phase the live heap only (issue 19: peak RSS under 300 MB).
import * as v8 from 'v8';
import * as vm from 'vm';

/**
 * Heap in use (bytes) from which a collection between phases pays: a smaller heap is far from the peak
 * that matters and a collection would only cost time (about 1 ms per MB live).
 */
const COLLECT_FROM_BYTES = 128 * 1024 * 1024;
/**
 * Records from which an analysis is big enough to collect for: a 1 GiB bundle of the record-dense or
 * many-VM shapes holds 160,000–210,000 after folding, a paste or a test a few thousand. The heap alone does
 * not say it: in a process that holds other things (a test run) a small analysis would pay for their heap.
 */
export const COLLECT_FROM_RECORDS = 100_000;

type Collect = () => void;
/** undefined until first needed; null where this runtime gives no collector. */
let collector: Collect | null | undefined;

/** Collects the whole heap when an analysis of `records` records is big and the heap holds `fromBytes` or more; else does nothing. */
export function collectBetweenPhases(records: number, fromBytes = COLLECT_FROM_BYTES): void {
	if (records < COLLECT_FROM_RECORDS || v8.getHeapStatistics().used_heap_size < fromBytes) return;
	fullCollection();
}

/** A full collection of this thread's heap now (nothing where the runtime gives no collector). */
export function fullCollection(): void {
	collector ??= findCollector();
	collector?.();
}

/** `gc` where `--expose-gc` gave it; else the one a fresh context has once the flag is set (V8's own function). */
function findCollector(): Collect | null {
	const exposed = (globalThis as { gc?: unknown }).gc;
	if (typeof exposed === 'function') return exposed as Collect;
	try {
		v8.setFlagsFromString('--expose-gc');
		const gc: unknown = vm.runInNewContext('gc');
		return typeof gc === 'function' ? (gc as Collect) : null;
	} catch {
		return null;
	}
}
