import * as assert from 'assert';
import { analyze, buildTimeline, findAttempt } from '../../src/core';
import { axisTicks, clusterEvents, fileLanes } from '../../src/core/report/timelineLayout';
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

describe('timeline lanes of an in-guest attempt: one per VSS role, requester on top', () => {
	const guest = (name: string) => {
		const report = analyze([fixture('bundles', name)]);
		return { report, model: buildTimeline(report, report.attempts[0]) };
	};
	/** The Windows event id of a drawn event (Event XML: `<EventID …>n</EventID>`), for telling which events a lane holds. */
	const eventId = (text: string): number | null => {
		const m = /<EventID[^>]*>(\d+)</.exec(text);
		return m ? Number(m[1]) : null;
	};
	const everyEventOnce = (report: Report, model: ReturnType<typeof buildTimeline>) =>
		assert.deepStrictEqual(
			model.lanes.flatMap((l) => l.events.map((e) => e.index)).sort((a, b) => a - b),
			report.attempts[0].events.flatMap((e, i) => (e.time === null ? [] : [i])),
		);

	it('a provider failure: VSS lane above the provider lane, which holds 12289 and 12293, both of the one file', () => {
		const { report, model } = guest('guest-01-provider-createfilew-prefinalcommit');
		assert.strictEqual(report.attempts[0].kind, 'guest-shadow-copy');
		assert.deepStrictEqual(
			model.lanes.map((l) => [l.id, l.label]),
			[
				['guest/events-application.xml#vss', 'events-application.xml · VSS'],
				['guest/events-application.xml#provider', 'events-application.xml · provider'],
			],
		);
		assert.deepStrictEqual(
			model.lanes.map((l) => l.events.map((e) => eventId(e.text))),
			[
				[8224, 8224],
				[12289, 12293],
			],
		);
		// Both lanes open the same file and keep its clock.
		assert.ok(model.lanes.every((l) => l.path === 'guest/events-application.xml' && l.aligned && l.clock?.basis === 'stamped'));
		assert.strictEqual(model.failure?.path, 'guest/events-application.xml');
		everyEventOnce(report, model);
	});

	it('a backup product and a writer: the product log as the requester lane first, the 8229 in the writers lane', () => {
		const { report, model } = guest('guest-02-veeam-sql-writer-timeout');
		assert.deepStrictEqual(
			model.lanes.map((l) => [l.role, l.format]),
			[
				['requester', 'veeam-log'],
				['writers', 'windows-events-xml'],
			],
		);
		assert.ok(model.lanes[0].events.every((e) => e.kind.startsWith('product-')));
		assert.deepStrictEqual(
			model.lanes[1].events.map((e) => eventId(e.text)),
			[8229],
		);
		everyEventOnce(report, model);
		// The role's word follows the locale; the file name does not change.
		const ja = buildTimeline(report, report.attempts[0], 'ja');
		assert.deepStrictEqual(
			ja.lanes.map((l) => l.label),
			['Task.SQL-HAM-01.log · リクエスター', 'events-application.xml · ライター'],
		);
	});

	it('a requester whose clock is only assumed stays the top lane, marked unaligned; any other unaligned lane still goes last', () => {
		const { report } = guest('guest-02-veeam-sql-writer-timeout');
		const requester = report.inputs.find((i) => i.format === 'veeam-log')!.path;
		const events = report.inputs.find((i) => i.format === 'windows-events-xml')!.path;
		const withClock = (path: string, clock: InputClock | null): Report => ({ ...report, inputs: report.inputs.map((i) => (i.path === path ? { ...i, clock } : i)) });
		const assumed: InputClock = { utcOffsetMinutes: 120, basis: 'assumed', confidence: 'none', anchors: 0, spreadMs: null };
		const lanes = (r: Report) => buildTimeline(r, r.attempts[0]).lanes.map((l) => [l.role, l.format, l.aligned, l.clock?.basis ?? null]);
		assert.deepStrictEqual(lanes(withClock(requester, assumed)), [
			['requester', 'veeam-log', false, 'assumed'],
			['writers', 'windows-events-xml', true, 'stamped'],
		]);
		assert.deepStrictEqual(lanes(withClock(requester, null)), [
			['requester', 'veeam-log', false, null],
			['writers', 'windows-events-xml', true, 'stamped'],
		]);
		// Negative: the writers' file with a guessed clock goes under the aligned requester, as before.
		assert.deepStrictEqual(lanes(withClock(events, assumed)), [
			['requester', 'veeam-log', true, 'banner'],
			['writers', 'windows-events-xml', false, 'assumed'],
		]);
	});

	it('a host snapshot: a backup product log with an assumed clock stays above the host lanes, an assumed guest log goes last', () => {
		const report = analyze([fixture('workspaces', 'exchange-writer-failed')]);
		const a = report.attempts[0];
		// The product's line of this attempt, as a requester log beside the host's files would add it.
		const product = { ...a.events[0], source: 'veeam/Job.Nightly.Backup.log', line: 7, kind: 'product-snapshot', vssRole: undefined };
		const assumed: InputClock = { utcOffsetMinutes: 60, basis: 'assumed', confidence: 'none', anchors: 0, spreadMs: null };
		const withProduct: Report = {
			...report,
			inputs: [...report.inputs.map((i) => (i.format === 'windows-events-xml' ? { ...i, clock: assumed } : i)), { ...report.inputs[0], path: product.source, format: 'veeam-log', origin: 'backup-product', clock: assumed }],
			attempts: [{ ...a, events: [...a.events, product] }],
		};
		assert.deepStrictEqual(
			buildTimeline(withProduct, withProduct.attempts[0]).lanes.map((l) => [l.format, l.aligned]),
			[
				['veeam-log', false],
				['hostd-log', true],
				['vmware-log', true],
				['windows-events-xml', false],
			],
		);
	});

	it('shadow storage exhausted: the volsnap events in one volsnap lane', () => {
		const { report, model } = guest('guest-03-volsnap-shadow-storage-exhausted');
		assert.deepStrictEqual(
			model.lanes.map((l) => [l.label, l.events.map((e) => eventId(e.text))]),
			[['events-system.xml · volsnap', [25, 36]]],
		);
		everyEventOnce(report, model);
	});

	it('a file’s events of no role go on a lane of their own under its roles; a phase on the file’s top lane', () => {
		const { report } = guest('guest-01-provider-createfilew-prefinalcommit');
		const a = report.attempts[0];
		const plain = { ...a.events[0] };
		delete plain.vssRole;
		const first = a.events[1];
		const phase = { name: 'freeze' as const, start: first.time!, end: a.events[2].time!, source: first.source, line: first.line, endLine: a.events[2].line, limitMs: null, exceeded: false };
		const model = buildTimeline(report, { ...a, events: [plain, ...a.events.slice(1)], phases: [phase] });
		assert.deepStrictEqual(
			model.lanes.map((l) => [l.id, l.events.length, l.phases.length]),
			[
				['guest/events-application.xml#vss', 1, 1],
				['guest/events-application.xml#provider', 2, 0],
				['guest/events-application.xml', 1, 0],
			],
		);
		assert.strictEqual(model.lanes[2].label, 'events-application.xml');
		// The clock table and the zone menu list the file once.
		assert.deepStrictEqual(
			fileLanes(model.lanes).map((l) => l.id),
			['guest/events-application.xml#vss'],
		);
	});

	it('a host snapshot keeps one lane per file even when the guest’s VSS events joined it', () => {
		const report = analyze([fixture('bundles', 'case-05-exchange-writer-retryable-ps51-utf16')]);
		const a = report.attempts[0];
		assert.strictEqual(a.kind, 'host-snapshot');
		assert.ok(a.events.some((e) => e.source.startsWith('guest/')));
		assert.ok(a.events.every((e) => e.vssRole === undefined));
		const model = buildTimeline(report, a);
		assert.deepStrictEqual(
			model.lanes.map((l) => [l.id, l.role, l.label]),
			[
				['esxi/var/run/log/hostd.log', null, 'hostd.log'],
				['esxi/vmfs/volumes/vsanDatastore/EXCH-MBX-02/vmware.log', null, 'vmware.log'],
				['guest/events-application.xml', null, 'events-application.xml'],
			],
		);
		assert.deepStrictEqual(fileLanes(model.lanes), model.lanes);
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
