// Snapshot names as clock anchors (issue 16 item 2): the requester's create call (Veeam's `[VimApi] Create
// snapshot, … name "…"`) and the host's `SnapshotVMX_TakeSnapshot start: '<name>'` of the same snapshot pair
// a requester log with the host's UTC axis — without its banner, or against a banner wrong by an hour. Names
// repeat (Veeam names every snapshot alike): several pairs vote, one ambiguous pair decides nothing.
import * as assert from 'assert/strict';
import { analyze, analyzeText, type Report } from '../../src/core';
import type { InputFile } from '../../src/core/model/report';
import { fixture } from './fixtures';

const NAME = 'VEEAM BACKUP TEMPORARY SNAPSHOT';
const HOUR = 3600_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `[dd.MM.yyyy HH:mm:ss] <tid> Level<pad> message` at the wall clock of `zoneMinutes` east of UTC. */
function veeamLine(utcMs: number, zoneMinutes: number, message: string, level = 'Info'): string {
	const d = new Date(utcMs + zoneMinutes * 60_000);
	const stamp = `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
	return `[${stamp}] <31> ${level.padEnd(13)}${message}`;
}
const create = (vm: string, name = NAME, quiesce = 'False') => `[VimApi] Create snapshot, ref "${vm}", name "${name}", description "Please do not delete this snapshot. It is being used by Veeam Backup.", memory "False", quiesce "${quiesce}"`;
const remove = (snap: string) => `[VimApi] RemoveSnapshot, type "VirtualMachineSnapshot", ref "${snap}", removeChildren "False"`;

/** Veeam's banner, ending in the offset it states (decimal hours). */
const banner = (utcMs: number, statedHours: number) =>
	[
		'===================================================================',
		'Starting new log',
		"Log has been started by 'VBR01\\SYSTEM' user (Non-interactive)",
		`UTC Time: [${new Date(utcMs).toISOString()}], DaylightSavingTime: [True]`,
		`UTC offset: ${statedHours.toFixed(2)} hours`,
		'',
	].join('\n');

/** A job log: for each snapshot (UTC instant of the create call), the create, the remove 6 min later and the task verdict. */
function jobLog(creates: readonly number[], zoneMinutes: number, head = ''): string {
	const lines = creates.flatMap((t, i) => [
		veeamLine(t - 9000, zoneMinutes, `[ViTaskBuilder] Task session 'a7c1e0d2-5b3f-4e8a-9c6d-${pad(i, 12)}' created for Vm 'APP-01'`),
		veeamLine(t, zoneMinutes, create('vm-2207')),
		veeamLine(t + 6 * 60_000, zoneMinutes, remove(`snapshot-${9154 + i}`)),
		veeamLine(t + 6 * 60_000 + 9000, zoneMinutes, `Task session 'a7c1e0d2-5b3f-4e8a-9c6d-${pad(i, 12)}' has been completed, status: 'Success', '40 GB' of '40 GB' bytes, '2' of '2' objects, details: ''`),
	]);
	return `${head}${lines.join('\n')}\n`;
}

/** A vmware.log (ESXi 6.x shape) with a non-quiesced snapshot of each name at each UTC instant, done 4 s later. */
function vmwareLog(starts: readonly { ms: number; name: string }[]): string {
	const iso = (ms: number) => new Date(ms).toISOString();
	return (
		starts
			.flatMap(({ ms, name }, i) => [
				`${iso(ms)}| vmx| I125: SnapshotVMX_TakeSnapshot start: '${name}', deviceState=0, lazy=0, logging=0, quiesced=0, forceNative=0, tryNative=1, sibling=0 saveAllocMaps=0 cb=8A0E9B0, cbData=32424BF0`,
				`${iso(ms + 4000)}| vmx| I125: SnapshotVMXTakeSnapshotComplete: Done with snapshot '${name}': ${i + 1}`,
			])
			.join('\n') + '\n'
	);
}

const JOB = 'veeam/Job.Nightly.Backup.log';
const VMX = 'esxi/vmfs/volumes/ds1/APP-01/vmware.log';
const clockOf = (r: Report, p: string): InputFile['clock'] => r.inputs.find((i) => i.path === p)?.clock ?? null;
/** The times the report gives the job log's create calls. */
const createTimes = (r: Report) =>
	r.attempts
		.flatMap((a) => a.events)
		.filter((e) => e.source === JOB && e.text.includes('Create snapshot'))
		.map((e) => e.time)
		.sort();

const T0 = Date.UTC(2024, 2, 21, 21, 5, 12);

describe('clocks: snapshot names pair a requester log with the host', () => {
	it('a Veeam job log without its banner takes its offset from the create call of the snapshot vmware.log starts', () => {
		// Another VM's snapshot starts 0.5 s from the job's call an hour off: by start alone it would win.
		const host = vmwareLog([{ ms: T0 + 1800, name: NAME }]);
		const other = vmwareLog([{ ms: T0 - HOUR - 500, name: 'nightly-DB-02' }]);
		const r = analyzeText([
			{ name: JOB, text: jobLog([T0], 120) },
			{ name: VMX, text: host },
			{ name: 'esxi/vmfs/volumes/ds1/DB-02/vmware.log', text: other },
		]);
		const clock = clockOf(r, JOB);
		assert.equal(clock?.utcOffsetMinutes, 120);
		assert.equal(clock?.basis, 'anchor');
		assert.equal(clock?.confidence, 'inferred');
		assert.deepEqual(clock?.pairs, [{ kind: 'snapshot-name', local: { path: JOB, line: 2 }, utc: { path: VMX, line: 1 }, residualMs: -1800 }]);
		assert.deepEqual(createTimes(r), [new Date(T0).toISOString()], 'the call is on the UTC axis, 1.8 s before the host starts the snapshot');
		// The remove and the task's verdict, minutes after the snapshot, are of the attempt whose snapshot the call created.
		assert.equal(r.attempts.filter((a) => a.events.some((e) => e.source === JOB)).length, 1, 'no attempt of its own for the requester');
		const a = r.attempts.find((x) => x.vm === 'APP-01')!;
		assert.deepEqual(
			a.events.filter((e) => e.source === JOB).map((e) => [e.line, e.kind, e.join?.by, e.join?.by === 'requester' ? e.join.line : null]),
			[
				[2, 'product-snapshot', 'window', null],
				[3, 'product-snapshot', 'requester', 2],
				[4, 'product-job', 'requester', 2],
			],
		);
	});

	it("a requester's lines follow its create call only until a call no host attempt holds", () => {
		// Two runs a day apart (too far for the name to pair twice); the host's log holds only the first. The
		// second run's remove is not the first's.
		const r = analyzeText([
			{ name: JOB, text: jobLog([T0, T0 + 26 * HOUR], 120) },
			{ name: VMX, text: vmwareLog([{ ms: T0 + 1800, name: NAME }]) },
		]);
		const a = r.attempts.find((x) => x.vm === 'APP-01')!;
		assert.deepEqual(
			a.events.filter((e) => e.source === JOB).map((e) => e.line),
			[2, 3, 4],
		);
		assert.ok(r.attempts.some((x) => x !== a && x.events.some((e) => e.source === JOB && e.line === 7)));
	});

	it('without the host file the same log stays unaligned: a name alone is no clock', () => {
		const r = analyzeText([{ name: JOB, text: jobLog([T0], 120) }]);
		assert.equal(clockOf(r, JOB), null);
	});

	it("a banner wrong by a daylight-saving hour loses to the snapshot's pair, and the clock says what the banner stated", () => {
		const r = analyzeText([
			{ name: JOB, text: jobLog([T0], 120, banner(T0 - 20_000, 1)) },
			{ name: VMX, text: vmwareLog([{ ms: T0 + 1800, name: NAME }]) },
		]);
		const clock = clockOf(r, JOB)!;
		assert.deepEqual([clock.utcOffsetMinutes, clock.basis, clock.statedUtcOffsetMinutes, clock.pairs?.map((p) => p.kind)], [120, 'anchor', 60, ['snapshot-name']]);
		assert.deepEqual(createTimes(r), [new Date(T0).toISOString()]);
		// Negative: a banner that agrees with its pair stays the file's own, exact clock.
		const right = analyzeText([
			{ name: JOB, text: jobLog([T0], 120, banner(T0 - 20_000, 2)) },
			{ name: VMX, text: vmwareLog([{ ms: T0 + 1800, name: NAME }]) },
		]);
		assert.deepEqual(clockOf(right, JOB), { utcOffsetMinutes: 120, basis: 'banner', confidence: 'exact', anchors: 0, spreadMs: null });
	});

	it('one name used for every snapshot: several pairs vote for the offset they agree on, not the first name that matches', () => {
		// Hourly runs; the job log was cut and lacks the first run the host logged. Each call also matches the
		// starts an hour before and after (offsets of UTC+1 and UTC+3): only UTC+2 has all three.
		const runs = [T0, T0 + HOUR + 3000, T0 + 2 * HOUR - 2000];
		const starts = [T0 - HOUR, ...runs].map((ms) => ({ ms: ms + 1500, name: NAME }));
		const r = analyzeText([
			{ name: JOB, text: jobLog(runs, 120) },
			{ name: VMX, text: vmwareLog(starts) },
		]);
		const clock = clockOf(r, JOB)!;
		assert.deepEqual([clock.utcOffsetMinutes, clock.basis, clock.anchors], [120, 'anchor', 3]);
		assert.ok(
			clock.pairs!.every((p) => p.kind === 'snapshot-name' && p.residualMs === -1500),
			JSON.stringify(clock.pairs),
		);
		assert.deepEqual(
			createTimes(r),
			runs.map((ms) => new Date(ms).toISOString()),
		);
	});

	it('a single call whose name the host started twice, an hour apart, gives no confident offset', () => {
		const r = analyzeText([
			{ name: JOB, text: jobLog([T0], 120) },
			{
				name: VMX,
				text: vmwareLog([
					{ ms: T0 + 1500, name: NAME },
					{ ms: T0 - HOUR + 1500, name: NAME },
				]),
			},
		]);
		const clock = clockOf(r, JOB);
		assert.ok(clock === null || clock.confidence === 'none', `no offset from an ambiguous pair: ${JSON.stringify(clock)}`);
	});

	it('a create call with quiesce "False" makes its attempt a crash-consistent one, named as it names the snapshot', () => {
		const r = analyzeText([{ name: JOB, text: jobLog([T0], 120, banner(T0 - 20_000, 2)) }]);
		assert.equal(r.attempts.length, 1);
		assert.deepEqual([r.attempts[0].quiesced, r.attempts[0].snapshotName, r.attempts[0].result], [false, NAME, 'success']);
		// Negative: a quiesced call makes a quiesced attempt.
		const quiesced = jobLog([T0], 120, banner(T0 - 20_000, 2)).replace('quiesce "False"', 'quiesce "True"');
		assert.equal(analyzeText([{ name: JOB, text: quiesced }]).attempts[0].quiesced, true);
	});
});

describe('a Veeam task log without its banner beside the vmware.log of its snapshot (fixture)', () => {
	const r = analyze([fixture('products', 'veeam-vimapi-snapshot-name')]);
	const log = 'veeam/Task.APP-01.log';

	it('is aligned by the snapshot name: CET in March, the call 1.8 s before the host starts the snapshot', () => {
		const clock = clockOf(r, log)!;
		assert.deepEqual([clock.utcOffsetMinutes, clock.basis, clock.pairs?.[0].kind, clock.pairs?.[0].local.line, clock.pairs?.[0].residualMs], [60, 'anchor', 'snapshot-name', 3, -1802]);
	});

	it('is one crash-consistent attempt of that snapshot, with the requester lines after it joined by its call', () => {
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.deepEqual([a.vm, a.snapshotName, a.quiesced, a.consistency, a.result], ['APP-01', NAME, false, 'crash', 'success']);
		assert.deepEqual(
			a.events.filter((e) => e.source === log).map((e) => [e.line, e.time, e.join?.by]),
			[
				[3, '2024-03-21T22:05:12.000Z', 'window'],
				[4, '2024-03-21T22:11:31.000Z', 'requester'],
				[5, '2024-03-21T22:11:40.000Z', 'requester'],
			],
		);
	});
});

describe('Veeam VimApi calls as KBs and mails quote them', () => {
	const records = (text: string) => {
		const r = analyzeText([{ name: 'kb.txt', text }]);
		return { format: r.inputs[0].format, unparsed: r.inputs[0].unparsedLines };
	};
	const KB = `Info [VimApi] Create snapshot, ref "vm-545020", name "${NAME}", description "Please do not delete this snapshot. It is being used by Veeam Backup.", memory "False", quiesce "False"\nInfo [VimApi] RemoveSnapshot, type "VirtualMachineSnapshot", ref "snapshot-545020", removeChildren "False"\n`;

	it('prefix-stripped, one space after the level: read as Veeam text, quoted with > or >> alike', () => {
		for (const text of [KB, KB.replace(/^/gm, '> ').replace(/> $/, ''), KB.replace(/^/gm, '>> ').replace(/>> $/, '')]) assert.deepEqual(records(text), { format: 'veeam-error-text', unparsed: 0 }, text);
	});

	it('the create call names the snapshot, the VM and the flags; the remove its snapshot; hard-wrapped or cut alike', async () => {
		const { veeamErrorText } = await import('../../src/core/formats/backup/veeam');
		const { readLines } = await import('../../src/core/formats/lib/format');
		const read = (text: string) => {
			const lines = text.split('\n');
			return (readLines(veeamErrorText, 'kb.txt', lines, veeamErrorText.detect(lines)!).facts.records ?? []).map((r) => r.fields);
		};
		const want = [
			{ product: 'veeam', action: 'create', name: NAME, ref: 'vm-545020', quiesce: false, memory: false },
			{ product: 'veeam', action: 'remove', name: null, ref: 'snapshot-545020', quiesce: null, memory: null },
		];
		assert.deepEqual(read(KB), want);
		// Re-wrapped at 72 columns inside the description: the paragraph is one message.
		const wrapped = KB.replace('snapshot. It is', 'snapshot.\nIt is').replace(', ref "snapshot', ',\nref "snapshot');
		assert.deepEqual(read(wrapped), want);
		// Cut: only the remove line survived the paste.
		assert.deepEqual(read(KB.split('\n')[1]), [want[1]]);
		// Negative: another VimApi call is no snapshot call.
		assert.equal(veeamErrorText.detect(['Info [VimApi] RetrieveProperties, type "VirtualMachine", ref "vm-545020"']), null);
	});
});
