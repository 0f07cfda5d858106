// The attempts' rows the analysis thread sends before the report (src/workers/firstReport.ts): what the first
// tree shows must be what the final tree shows for the same attempts, and stay small.
import * as assert from 'assert/strict';
import { analyze } from '../../src/core';
import { attemptHeads, attemptRowId } from '../../src/workers/firstReport';
import { fixture } from './fixtures';

describe('first rows (attempt heads)', () => {
	it("keep every attempt, in the report's order, with its verdict and row id, and leave events, phases and windows behind", () => {
		const report = analyze([fixture('bundles')]);
		const heads = attemptHeads(report.attempts);
		assert.ok(report.attempts.length > 1);
		assert.deepEqual(
			heads.map((h) => [h.id, h.vm, h.start, h.result, h.consistency, h.failedPhase, h.hresult]),
			report.attempts.map((a) => [a.id, a.vm, a.start, a.result, a.consistency, a.failedPhase, a.hresult]),
		);
		assert.deepEqual(
			heads.map((h) => h.rowId),
			report.attempts.map(attemptRowId),
		);
		assert.equal(new Set(heads.map((h) => h.rowId)).size, heads.length, 'row ids tell the rows apart');
		for (const h of heads) for (const bulk of ['events', 'phases', 'windows']) assert.ok(!(bulk in h), `a head carries no ${bulk}`);
		// The heads are the light part: the events are most of a report.
		assert.ok(JSON.stringify(heads).length < JSON.stringify(report.attempts).length / 2);
		// The report's attempts are left whole.
		assert.ok(report.attempts.every((a) => Array.isArray(a.events) && Array.isArray(a.phases)));
	});

	it('an untimed attempt (a pasted message) is told apart by its first source line instead of its start', () => {
		const report = analyze([fixture('fragments', 'de-8193-8229-no-blank-between.txt')]);
		const [untimed] = report.attempts;
		assert.equal(untimed.start, null);
		assert.equal(attemptRowId(untimed), `attempt:${untimed.id}:${untimed.events[0].source}`);
		const timed = analyze([fixture('bundles')]).attempts.find((a) => a.start !== null)!;
		assert.equal(attemptRowId(timed), `attempt:${timed.id}:${timed.start}`);
	});
});
