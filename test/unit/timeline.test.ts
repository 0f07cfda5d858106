import * as assert from 'assert';
import { analyze, buildTimeline, findAttempt } from '../../src/core';
import { axisTicks, clusterEvents } from '../../src/core/report/timelineLayout';
import type { InputClock, Report, Severity } from '../../src/core/model/report';
import { fixture } from './fixtures';

describe('timeline model: one attempt as the webview draws it', () => {
	const report = analyze([fixture('workspaces', 'exchange-writer-failed')]);
	const model = buildTimeline(report, report.attempts[0]);

	it('has one lane per source, host before guest, with each clock, and every timed event once', () => {
		assert.deepStrictEqual(
			model.lanes.map((l) => l.format),
			['hostd-log', 'vmware-log', 'windows-events-xml'],
		);
		assert.deepStrictEqual(
			model.lanes.map((l) => l.clock?.basis),
			['stamped', 'stamped', 'stamped'],
		);
		const drawn = model.lanes.flatMap((l) => l.events.map((e) => e.index)).sort((a, b) => a - b);
		assert.deepStrictEqual(
			drawn,
			report.attempts[0].events.map((_, i) => i),
		);
		for (const l of model.lanes) assert.ok(l.events.every((e) => e.source === l.path));
	});

	it('a source whose clock rests on no pair of its own is marked unaligned and drawn after the aligned lanes', () => {
		assert.ok(
			model.lanes.every((l) => l.aligned),
			'stamped clocks are aligned',
		);
		const withClock = (path: string, clock: InputClock | null): Report => ({ ...report, inputs: report.inputs.map((i) => (i.path === path ? { ...i, clock } : i)) });
		const assumed = buildTimeline(withClock('guest/events-application.xml', null), report.attempts[0]);
		assert.deepEqual(
			assumed.lanes.map((l) => [l.format, l.aligned]),
			[
				['hostd-log', true],
				['vmware-log', true],
				['windows-events-xml', false],
			],
		);
		// Moved last even though its origin (the host) comes first; an inferred clock is still aligned.
		const host = report.inputs.find((i) => i.format === 'hostd-log')!.path;
		const guessed = buildTimeline(withClock(host, { utcOffsetMinutes: 120, basis: 'assumed', confidence: 'none', anchors: 0, spreadMs: null }), report.attempts[0]);
		assert.deepEqual(
			guessed.lanes.map((l) => [l.format, l.aligned]),
			[
				['vmware-log', true],
				['windows-events-xml', true],
				['hostd-log', false],
			],
		);
		const inferred = buildTimeline(withClock(host, { utcOffsetMinutes: 120, basis: 'anchor', confidence: 'inferred', anchors: 3, spreadMs: 900 }), report.attempts[0]);
		assert.ok(inferred.lanes.every((l) => l.aligned));
		// A report written before confidences: an assumed basis alone says the same.
		const old = buildTimeline(withClock(host, { utcOffsetMinutes: 120, basis: 'assumed' }), report.attempts[0]);
		assert.equal(old.lanes.find((l) => l.format === 'hostd-log')?.aligned, false);
	});

	it('pins the failure on the event that names the attempt HRESULT and spans every event and phase', () => {
		assert.strictEqual(model.failure?.hresult, '0x800423F3');
		assert.strictEqual(model.failure?.path, 'guest/events-application.xml');
		const all = model.lanes.flatMap((l) => [...l.events.map((e) => e.ms), ...l.phases.flatMap((p) => [Date.parse(p.start), Date.parse(p.end)])]);
		assert.strictEqual(model.fromMs, Math.min(...all, model.startMs!));
		assert.strictEqual(model.toMs, Math.max(...all, Date.parse(report.attempts[0].end!)));
	});

	it('details: the attempt findings plus bundle-wide findings about its writers, failed writers first', () => {
		assert.deepStrictEqual(model.findings.map((f) => f.code).sort(), ['QL201', 'QL206']);
		assert.strictEqual(model.writers[0].name, 'Microsoft Exchange Writer');
		assert.strictEqual(model.writers[0].failed, true);
	});

	it('a successful attempt has no failure pin; the key finds an attempt again after its id changed', () => {
		const ok = analyze([fixture('bundles', 'case-01-success-app-consistent-esxi67')]);
		const m = buildTimeline(ok, ok.attempts[0]);
		assert.strictEqual(m.failure, null);
		assert.strictEqual(findAttempt(ok, m.key, 'a7'), ok.attempts[0]);
		assert.strictEqual(findAttempt(ok, 'nope', 'a1'), ok.attempts[0]);
		assert.strictEqual(findAttempt(ok, 'nope', 'a7'), undefined);
	});
});

describe('timeline layout', () => {
	const events = (n: number, stepMs: number, severity: (i: number) => Severity = () => 'info') => Array.from({ length: n }, (_, i) => ({ ms: 1_000_000 + i * stepMs, severity: severity(i), i }));

	it('10,000 events in 1,000 px become at most 1,000 / gap + 1 markers that still stand for every event', () => {
		const list = events(10_000, 10);
		const clusters = clusterEvents(list, list[0].ms, list[list.length - 1].ms, 1000, 7);
		assert.ok(clusters.length <= 1000 / 7 + 1, `${clusters.length} markers`);
		assert.strictEqual(
			clusters.reduce((n, c) => n + c.count, 0),
			10_000,
		);
		assert.deepStrictEqual([clusters[0].first, clusters[clusters.length - 1].last], [0, 9_999]);
	});

	it('a cluster is led by its worst event, and only visible events are placed', () => {
		const list = events(100, 1, (i) => (i === 42 ? 'error' : i === 10 ? 'warning' : 'info'));
		const [one] = clusterEvents(list, list[0].ms, list[99].ms, 10, 50);
		assert.strictEqual(one.lead.i, 42);
		const visible = clusterEvents(list, list[20].ms, list[29].ms, 1000, 1);
		assert.deepStrictEqual(
			visible.map((c) => c.lead.i),
			[20, 21, 22, 23, 24, 25, 26, 27, 28, 29],
		);
		assert.ok(visible.every((c) => c.x >= 0 && c.x <= 1000));
	});

	it('axis ticks: a 1-2-5 step that fits, aligned to the display zone', () => {
		const from = Date.UTC(2024, 0, 1, 10, 0, 7),
			to = from + 50_000;
		const { stepMs, ticks } = axisTicks(from, to, 6);
		assert.strictEqual(stepMs, 10_000);
		assert.deepStrictEqual(
			ticks.map((t) => new Date(t).toISOString().slice(11, 19)),
			['10:00:10', '10:00:20', '10:00:30', '10:00:40', '10:00:50'],
		);
		// Hour ticks on a +05:45 zone fall on its local hours, not UTC hours.
		const day = axisTicks(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 23), 24, 345);
		assert.strictEqual(day.stepMs, 3_600_000);
		assert.ok(day.ticks.every((t) => new Date(t + 345 * 60_000).getUTCMinutes() === 0));
	});
});
