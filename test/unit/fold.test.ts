import * as assert from 'assert/strict';
import { analyzeText } from '../../src/core/analyze';
import { FOLD_GAP_MS, FOLD_SPAN_MS } from '../../src/core/formats/lib/fold';
import type { LogRecord } from '../../src/core/model/records';
import { renderText } from '../../src/core/report/renderText';
import { renderMarkdown } from '../../src/core/report/renderMarkdown';
import { FORMATS } from '../../src/core/formats';
import { readLines } from '../../src/core/formats/lib/format';
import { memorySource, streamLines } from '../../src/core/decode/decode';

// Repeats of one shape are folded into the first (formats/lib/fold.ts): these tests read Tools and hostd
// lines as a user's files would be read, and look at the records and the report.

const T0 = Date.UTC(2024, 10, 15, 4, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const tools = (ms: number, level: string, domain: string, text: string, thread = 3260) => `[${iso(ms)}] [${level.padStart(8)}] [${domain}] [${thread}] ${text}`;
const keepAlive = (ms: number) => tools(ms, 'debug', 'vmbackup', 'Sending vmbackup event: vmbackup.eventSet req.keepAlive 0 ');
const starved = (ms: number, actual: number) => tools(ms, 'warning', 'guestinfo', `*** WARNING: GuestInfo collection interval longer than expected; actual=${actual} sec, expected=30 sec. ***`);
const start = (ms: number) => tools(ms, 'debug', 'vmsvc', 'RpcIn: received 16 bytes, content:"vmbackup.start 1"');

function read(id: string, lines: readonly string[]): LogRecord[] {
	const format = FORMATS.find((f) => f.id === id)!;
	return readLines(format, 'guest/vmware-vmsvc.log', lines).facts.records ?? [];
}

/** [line, kind, count or 1, last line or null] of each record. */
const shape = (records: readonly LogRecord[]) => records.map((r) => [r.source.line, r.kind, r.fold?.count ?? 1, r.fold?.lastLine ?? null]);

describe('folding repeated records', () => {
	it('folds a warning repeated with other numbers into its first, with the count, the last line and the span', () => {
		const records = read('tools-log', [start(T0), ...Array.from({ length: 40 }, (_, i) => starved(T0 + 1000 + i * 10_000, 60 + (i % 3)))]);
		assert.deepEqual(shape(records), [
			[1, 'vmbackup-rpc', 1, null],
			[2, 'tools-warning', 40, 41],
		]);
		const fold = records[1].fold!;
		assert.equal(fold.spanMs, 39 * 10_000);
		assert.match(fold.lastText, /actual=60 sec/);
		assert.equal(records[1].text, starved(T0 + 1000, 60));
	});

	it('folds interleaved repeats of several shapes, each into its own first', () => {
		const lines = [start(T0)];
		for (let i = 0; i < 30; i++) lines.push(keepAlive(T0 + 1000 + i * 1000), starved(T0 + 1500 + i * 1000, 61));
		assert.deepEqual(shape(read('tools-log', lines)), [
			[1, 'vmbackup-rpc', 1, null],
			[2, 'vmbackup-event', 30, 60],
			[3, 'tools-warning', 30, 61],
		]);
	});

	it('never folds across a state-machine step: the freeze scripts and the thaw scripts stay two records', () => {
		const scripts = (ms: number) => tools(ms, 'debug', 'vmbackup', 'Trying to run scripts from C:\\Program Files\\VMware\\VMware Tools\\backupScripts.d');
		const step = (ms: number, name: string) => tools(ms, 'debug', 'vmbackup', `*** ${name}`);
		const lines = [start(T0), step(T0 + 1, 'VmBackupStartScripts'), scripts(T0 + 2), step(T0 + 3000, 'VmBackupSnapshotCompleted'), step(T0 + 3001, 'VmBackupPostSnapshotScripts'), scripts(T0 + 3002)];
		assert.deepEqual(
			shape(read('tools-log', lines)).map(([line, kind, count]) => [line, kind, count]),
			[
				[1, 'vmbackup-rpc', 1],
				[2, 'vmbackup-step', 1],
				[3, 'vmbackup-script', 1],
				[4, 'vmbackup-step', 1],
				[5, 'vmbackup-step', 1],
				[6, 'vmbackup-script', 1],
			],
		);
	});

	it('never folds across a clock anchor: a new quiesce request starts new folds', () => {
		const lines = [start(T0), keepAlive(T0 + 1000), keepAlive(T0 + 2000), start(T0 + 3000), keepAlive(T0 + 4000), keepAlive(T0 + 5000)];
		// Two requests (run 1 and run 2): each keeps its own keep-alives; the starts stay as they are.
		assert.deepEqual(shape(read('tools-log', lines)), [
			[1, 'vmbackup-rpc', 1, null],
			[2, 'vmbackup-event', 2, 3],
			[4, 'vmbackup-rpc', 1, null],
			[5, 'vmbackup-event', 2, 6],
		]);
	});

	it('keeps records apart that differ in an id, a number field or a word', () => {
		const lines = [
			start(T0),
			keepAlive(T0 + 1000),
			tools(T0 + 1100, 'debug', 'vmbackup', 'Sending vmbackup event: vmbackup.eventSet req.keepAlive 0 ', 4711), // another thread id: a number field
			tools(T0 + 1200, 'debug', 'vmbackup', 'Sending vmbackup event: vmbackup.eventSet req.error 5 '), // another event
			tools(T0 + 1300, 'warning', 'guestinfo', '*** WARNING: GuestInfo collection interval longer than expected; actual=61 sec, expected=30 sec. ***'),
			tools(T0 + 1400, 'warning', 'guestinfo', '*** WARNING: Some other problem; actual=61 sec, expected=30 sec. ***'),
		];
		assert.deepEqual(
			shape(read('tools-log', lines)).map((s) => s[2]),
			[1, 1, 1, 1, 1, 1],
		);
	});

	it('starts a new fold after a gap of more than FOLD_GAP_MS, once a fold spans FOLD_SPAN_MS, and when time goes back', () => {
		const gap = [start(T0), starved(T0 + 1000, 61), starved(T0 + 2000, 61), starved(T0 + 3000 + FOLD_GAP_MS, 61), starved(T0 + 2500 + FOLD_GAP_MS, 61)];
		assert.deepEqual(shape(read('tools-log', gap)), [
			[1, 'vmbackup-rpc', 1, null],
			[2, 'tools-warning', 2, 3],
			[4, 'tools-warning', 1, null],
			[5, 'tools-warning', 1, null],
		]);
		// Repeats every minute for 90 minutes: a fold of the first hour, then one of the rest.
		const chain = [start(T0), ...Array.from({ length: 90 }, (_, i) => starved(T0 + 1000 + i * 60_000, 61))];
		const span = FOLD_SPAN_MS / 60_000;
		assert.deepEqual(shape(read('tools-log', chain)), [
			[1, 'vmbackup-rpc', 1, null],
			[2, 'tools-warning', span + 1, span + 2],
			[span + 3, 'tools-warning', 90 - span - 1, 91],
		]);
	});

	it('the repeat lane folds a line repeated with other stamps and thread ids as line-by-line reading does, not one with another opID or a continuation', () => {
		const fault = (ms: number, thread: string, bracket = 'sub=Default') => `${iso(ms)} warning hostd[${thread}] [Originator@6876 ${bracket}] AdapterServer caught exception: vmodl.fault.ManagedObjectNotFound`;
		const lines = [
			fault(T0, '2099A95B'),
			fault(T0 + 1000, '20A1'),
			fault(T0 + 2000, '3F2C1'),
			fault(T0 + 3000, '2099A95B'),
			fault(T0 + 4000, '2100946'),
			fault(T0 + 5000, '20A1', 'sub=Default opID=abc-02'),
			fault(T0 + 6000, '20A1'),
			'--> vim.fault.InvalidState',
			fault(T0 + 7000, '3F2C1'),
		];
		const format = FORMATS.find((f) => f.id === 'hostd-log')!;
		const reader = format.reader('esxi/hostd.log', format.detect(lines)!);
		let repeats = 0;
		const lane = { literals: reader.quick!.literals, take: reader.quick!.take.bind(reader.quick), repeat: (c: string, s: number, e: number, n: number) => reader.quick!.repeat!(c, s, e, n) && ++repeats > 0 };
		streamLines(memorySource(Buffer.from(lines.join('\n') + '\n')), (t, n) => reader.line(t, n), { quick: () => lane });
		const records = reader.end().facts.records!;
		// Lines 3, 4, 7 (held, then read the slow way for its continuation) and 9; line 1 is learnt only when
		// line 2 ends it, line 5's thread id is all decimal where the ones learnt are not.
		assert.equal(repeats, 4);
		assert.deepEqual(records, readLines(format, 'esxi/hostd.log', lines).facts.records);
		// The opID and the continuation make records of their own; the last line joins the first fold.
		assert.deepEqual(shape(records), [
			[1, 'fault', 6, 9],
			[6, 'fault', 1, null],
			[7, 'fault', 1, null],
		]);
		assert.equal(records[0].fold!.lastText, fault(T0 + 7000, '3F2C1'));
		assert.equal(records[0].fold!.spanMs, 7000);
	});

	it('the repeat lane takes a line whose message differs in a number only prose holds, not one a field reads', () => {
		const line = (ms: number, bracket: string, message: string) => `${iso(ms)} warning hostd[2099A95B] [Originator@6876 ${bracket}] ${message}`;
		const refresh = (ms: number, n: string, took: string) => line(ms, 'sub=Hostsvc.DatastoreSystem', `Failed to refresh datastore ds-ssd-0${n}: vim.fault.NotFound (${took} ms)`);
		const lines = [
			refresh(T0, '1', '812'),
			refresh(T0 + 1000, '1', '812'),
			// Other numbers in the message, shorter and longer: the lane's.
			refresh(T0 + 2000, '2', '9'),
			refresh(T0 + 3000, '3', '10450'),
			// A number in a hex code, of an id a field reads (the opID), of an event id: read the slow way.
			refresh(T0 + 4000, '0x1F', '812'),
			line(T0 + 5000, 'sub=Hostsvc.DatastoreSystem opID=op-7', 'Failed to refresh datastore ds-ssd-01: vim.fault.NotFound (812 ms)'),
			line(T0 + 6000, 'sub=Hostsvc.DatastoreSystem opID=op-8', 'Failed to refresh datastore ds-ssd-01: vim.fault.NotFound (812 ms)'),
			line(T0 + 7000, 'sub=Vimsvc.ha-eventmgr', 'Event 52312 : The guest OS has reported an error during quiescing (812 ms).'),
			line(T0 + 8000, 'sub=Vimsvc.ha-eventmgr', 'Event 52313 : The guest OS has reported an error during quiescing (812 ms).'),
		];
		const format = FORMATS.find((f) => f.id === 'hostd-log')!;
		const reader = format.reader('esxi/hostd.log', format.detect(lines)!);
		const taken: number[] = [];
		const lane = { literals: reader.quick!.literals, take: reader.quick!.take.bind(reader.quick), repeat: (c: string, s: number, e: number, n: number) => reader.quick!.repeat!(c, s, e, n) && taken.push(n) > 0 };
		streamLines(memorySource(Buffer.from(lines.join('\n') + '\n')), (t, n) => reader.line(t, n), { quick: () => lane });
		const records = reader.end().facts.records!;
		// Line 2 is the first the lane knows (line 1 is learnt when line 2 ends it).
		assert.deepEqual(taken, [3, 4]);
		assert.deepEqual(records, readLines(format, 'esxi/hostd.log', lines).facts.records);
		assert.deepEqual(shape(records), [
			[1, 'fault', 4, 4],
			[5, 'fault', 1, null],
			[6, 'fault', 1, null],
			[7, 'fault', 1, null],
			[8, 'quiesce-note', 1, null],
			[9, 'quiesce-note', 1, null],
		]);
	});

	it('the repeat lane takes a fault dump said again with its continuation lines, not one with other or fewer lines', () => {
		const dump = (ms: number, fault: string, n: string, close = true) => [
			`${iso(ms)} warning hostd[2099A95B] [Originator@6876 sub=Solo.Vmomi] Result:`,
			`--> (vim.fault.${fault}) {`,
			`-->    msg = "The operation is not allowed in the current state (${n}).",`,
			...(close ? ['--> }'] : []),
		];
		const lines = [
			...dump(T0, 'InvalidState', '1'),
			...dump(T0 + 1000, 'InvalidState', '1'),
			// Another number in the message: the lane's, each of its four lines.
			...dump(T0 + 2000, 'InvalidState', '42'),
			// Another fault, then the dump cut short: read the slow way.
			...dump(T0 + 3000, 'NotFound', '42'),
			...dump(T0 + 4000, 'InvalidState', '7', false),
			...dump(T0 + 5000, 'InvalidState', '8'),
		];
		const format = FORMATS.find((f) => f.id === 'hostd-log')!;
		const reader = format.reader('esxi/hostd.log', format.detect(lines)!);
		const byLane: number[] = [];
		const note = (taken: boolean, n: number) => taken && byLane.push(n) > 0;
		const q = reader.quick!;
		const lane = { literals: q.literals, take: (c: string, s: number, e: number, n: number) => q.take(c, s, e, n), repeat: (c: string, s: number, e: number, n: number) => note(q.repeat!(c, s, e, n), n) };
		streamLines(memorySource(Buffer.from(lines.join('\n') + '\n')), (t, n) => reader.line(t, n), { quick: () => lane });
		const records = reader.end().facts.records!;
		assert.deepEqual(records, readLines(format, 'esxi/hostd.log', lines).facts.records);
		// The lane holds the header of the dump at line 9 and its fault line 10 (the quick lane takes a header
		// without a literal; the fault line, which has one, is the repeat lane's).
		assert.ok(byLane.includes(10) && !byLane.includes(14) && !byLane.includes(18), `lines taken by the repeat lane: ${byLane.join(', ')}`);
		// The dump cut short is a message of its own; the last joins the first fold.
		assert.deepEqual(shape(records), [
			[1, 'fault', 4, 20],
			[13, 'fault', 1, null],
			[17, 'fault', 1, null],
		]);
	});

	it('never folds host task lines of distinct tasks', () => {
		const host = (ms: number, n: number) => `${iso(ms)} info hostd[2099A95B] [Originator@6876 sub=Vimsvc.TaskManager opID=a1b2c3d4-${n} user=vpxuser] Task Created : haTask-ha-host-vim.HostSystem.retrieveInternalCapability-${1000 + n}`;
		const format = FORMATS.find((f) => f.id === 'hostd-log')!;
		const records =
			readLines(
				format,
				'hostd.log',
				Array.from({ length: 5 }, (_, i) => host(T0 + i * 1000, i)),
			).facts.records ?? [];
		assert.deepEqual(
			records.map((r) => r.fold?.count ?? 1),
			[1, 1, 1, 1, 1],
		);
	});

	it('shows a folded event in the attempt with its count and last repeat, and ×N in the text and Markdown reports', () => {
		const vmx = (ms: number, text: string) => `${iso(ms)}| vcpu-0| I125: ${text}`;
		const report = analyzeText([
			{
				name: 'esxi/SQL-01/vmware.log',
				text: [
					vmx(T0, "SnapshotVMX_TakeSnapshot start: 'backup', deviceState=0, lazy=0, logging=0, quiesced=1, forceNative=0, tryNative=1, sibling=0 saveAllocMaps=0 cb=8A0E9B0, cbData=32424BF0"),
					vmx(T0 + 5, 'ToolsBackup: changing quiesce state: IDLE -> STARTED'),
					vmx(T0 + 30_000, 'ToolsBackup: changing quiesce state: STARTED -> COMMITTED'),
					vmx(T0 + 31_000, 'ToolsBackup: changing quiesce state: COMMITTED -> FINISHING'),
					vmx(T0 + 32_000, 'ToolsBackup: changing quiesce state: FINISHING -> DONE'),
					vmx(T0 + 32_001, 'ToolsBackup: changing quiesce state: DONE -> IDLE'),
					vmx(T0 + 33_000, "SnapshotVMXTakeSnapshotComplete: Done with snapshot 'backup': 1"),
				].join('\n'),
			},
			{ name: 'guest/vmware-vmsvc.log', text: [start(T0 + 1000), ...Array.from({ length: 25 }, (_, i) => keepAlive(T0 + 2000 + i * 1000))].join('\n') },
		]);
		assert.equal(report.attempts.length, 1);
		const folded = report.attempts[0].events.filter((e) => e.count !== undefined);
		assert.deepEqual(
			folded.map((e) => [e.source, e.line, e.count, e.lastTime, e.lastLine]),
			[['guest/vmware-vmsvc.log', 2, 25, iso(T0 + 26_000), 26]],
		);
		// The other events stand alone and carry no count.
		assert.ok(report.attempts[0].events.filter((e) => e.kind === 'quiesce-state').every((e) => !('count' in e)));
		assert.match(renderText(report), /req\.keepAlive 0 {2}×25, the last at .*04:00:26.* \(line 26\)/);
		assert.match(renderMarkdown(report), /×25, the last at .* \(line 26\)/);
	});
});
