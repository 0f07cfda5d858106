// Between the phases of a big analysis the heap is collected (core/heap.ts), so that the next phase
// starts from what is live and not from the last phase's garbage; a small heap is left alone.
import * as assert from 'assert/strict';
import * as v8 from 'v8';
import { COLLECT_FROM_RECORDS, collectBetweenPhases } from '../../src/core/heap';

const MB = 1024 * 1024;
const used = () => v8.getHeapStatistics().used_heap_size;

/**
 * About `mb` MB of garbage the young generation's collections cannot free: arrays of 1.6 MB each go to the
 * large-object space, which only a full collection sweeps. Returned live; the caller drops it.
 */
function bigArrays(mb: number): number[][] {
	return Array.from({ length: Math.ceil(mb / 1.6) }, (_, i) => new Array<number>(200_000).fill(i));
}

describe('heap: a full collection between phases', () => {
	it('gives back what the last phase left once the heap holds the threshold', () => {
		let phase: number[][] | null = bigArrays(48);
		assert.equal(phase.length, 30);
		phase = null;
		const before = used();
		collectBetweenPhases(COLLECT_FROM_RECORDS, 0);
		const freed = before - used();
		assert.ok(freed > 40 * MB, `freed ${(freed / MB).toFixed(1)} MB of 48`);
	});

	it('leaves the heap as it is after a small analysis, however big the heap', () => {
		let phase: number[][] | null = bigArrays(32);
		assert.equal(phase.length, 20);
		phase = null;
		const before = used();
		collectBetweenPhases(COLLECT_FROM_RECORDS - 1, 0);
		const freed = before - used();
		assert.ok(freed < 16 * MB, `freed ${(freed / MB).toFixed(1)} MB of 32`);
	});

	it('leaves a heap under the threshold as it is', () => {
		let phase: number[][] | null = bigArrays(32);
		assert.equal(phase.length, 20);
		phase = null;
		const before = used();
		collectBetweenPhases(COLLECT_FROM_RECORDS, before + 64 * MB);
		const freed = before - used();
		assert.ok(freed < 16 * MB, `freed ${(freed / MB).toFixed(1)} MB of 32`);
	});
});
