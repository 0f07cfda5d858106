import { translator } from '../../src/core/knowledge/messages';
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze } from '../../src/core';
import { buildAttempts } from '../../src/core/analysis/attempts';
import { alignClocks } from '../../src/core/analysis/clocks';
import { judgeConsistency } from '../../src/core/analysis/consistency';
import type { LogRecord, RecordKind } from '../../src/core/model/records';
import type { Attempt, InputFile } from '../../src/core/model/report';
import { fixture } from './fixtures';
import { attempt as baseAttempt, rec as make, winEvent, type TestFields } from './ruleInputs';
import type { WindowsEventFields } from '../../src/core/formats/windows/windowsEvents';

const bundle = (name: string) => analyze([fixture('bundles', name)]);

describe('attempts: each sample bundle reads as its case.json says', () => {
	it('case-01: one successful application-consistent quiesced snapshot, joined with the hostd task', () => {
		const r = bundle('case-01-success-app-consistent-esxi67');
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.deepEqual([a.start, a.end, a.snapshotName, a.quiesced, a.result, a.consistency], ['2019-07-10T01:00:11.870Z', '2019-07-10T01:00:22.831Z', 'VEEAM BACKUP TEMPORARY SNAPSHOT', true, 'success', 'application']);
		assert.deepEqual(a.quiesceStates, ['IDLE', 'STARTED', 'COMMITTED', 'FINISHING', 'DONE', 'IDLE']);
		assert.equal(a.stunUs, 287412);
		assert.equal(a.task, 'haTask-12-vim.VirtualMachine.createSnapshot-183552208');
		assert.equal(a.opId, '4f3c2a1b-8e-01-7a');
		assert.match(a.consistencyEvidence[0], /vss_manifests4\.zip holds backup\.xml and 2 writer/);
		assert.deepEqual(
			a.windows.find((w) => w.name === 'VSS flush-and-hold'),
			{ name: 'VSS flush-and-hold', measuredMs: 1210, limitMs: 10000, exceeded: false },
			'COMMITTED → FINISHING',
		);
		assert.equal(r.hypervisor, 'vmware');
	});

	it('case-02: VssSyncStart with VSS_E_BAD_STATE, vCenter task-768 joined by time, the 15-minute Tools timeout overrun', () => {
		const [a] = bundle('case-02-vsssyncstart-bad-state-8449-kb1018194').attempts;
		assert.deepEqual(
			[a.start, a.end, a.quiesced, a.result, a.vmbackupStatus, a.guestOperation, a.hresult, a.hresultName, a.task, a.fault],
			['2010-10-10T22:37:58.402Z', '2010-10-10T22:53:31.071Z', true, 'failed', 5, 'VssSyncStart', '0x80042301', 'VSS_E_BAD_STATE', 'task-768', 'vim.fault.ApplicationQuiesceFault'],
		);
		const timeout = a.windows.find((w) => w.name === 'Tools quiesce timeout')!;
		assert.equal(timeout.exceeded, true);
		assert.equal(timeout.measuredMs, 930657);
		assert.equal(a.consistency, 'none');
	});

	it('case-05: the Exchange writer veto reaches the host as 0x800423F3, hostd task failed', () => {
		const [a] = bundle('case-05-exchange-writer-retryable-ps51-utf16').attempts;
		assert.deepEqual([a.start, a.quiesced, a.result, a.vmbackupStatus, a.hresult, a.hresultName], ['2024-05-22T19:30:02.117Z', true, 'failed', 5, '0x800423F3', 'VSS_E_WRITERERROR_RETRYABLE']);
		assert.ok(
			a.events.some((e) => e.kind === 'windows-event' && e.source === 'guest/events-application.xml'),
			'the guest 8229 is on the timeline',
		);
		assert.deepEqual(a.writers, ['Microsoft Exchange Writer']);
	});

	it('case-10: the host task alone makes the attempt; the export and the guest clocks are UTC+2', () => {
		const r = bundle('case-10-tools-not-available-vcenter-export');
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.deepEqual([a.start, a.quiesced, a.result, a.vm], ['2018-10-09T16:20:04.551Z', true, 'failed', 'RHEL-APP-11']);
		const clock = (p: string) => r.inputs.find((i) => i.path === p)?.clock;
		assert.deepEqual(clock('vcenter/tasks-export.csv'), {
			utcOffsetMinutes: 120,
			basis: 'anchor',
			confidence: 'inferred',
			anchors: 1,
			spreadMs: 0,
			pairs: [{ kind: 'start', local: { path: 'vcenter/tasks-export.csv', line: 2 }, utc: { path: 'esxi/var/run/log/hostd.log', line: 1 }, residualMs: -551 }],
		});
		assert.deepEqual(clock('guest/var/log/vmware-vmsvc.log'), { utcOffsetMinutes: 120, basis: 'assumed', confidence: 'none', anchors: 0, spreadMs: null });
		assert.ok(
			a.events.some((e) => e.source === 'vcenter/tasks-export.csv' && e.time === '2018-10-09T16:20:04.000Z'),
			'the export row is aligned to UTC',
		);
	});

	it('case-12: VSS_E_UNEXPECTED from the guest', () => {
		const [a] = bundle('case-12-2008r2-eventcls-class-not-registered-8193').attempts;
		assert.deepEqual([a.start, a.quiesced, a.result, a.vmbackupStatus, a.hresult, a.hresultName], ['2014-02-11T23:05:38.904Z', true, 'failed', 5, '0x80042302', 'VSS_E_UNEXPECTED']);
	});

	it('ESXi 8: the opID column of vmware.log joins the shorter hostd opID, across files', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-e8-'));
		fs.mkdirSync(path.join(dir, 'APP-WEB-04'));
		fs.copyFileSync(fixture('formats', 'esxi', 'vmware-esxi80-opid.log'), path.join(dir, 'APP-WEB-04', 'vmware.log'));
		fs.copyFileSync(fixture('formats', 'esxi', 'hostd-esxi80.log'), path.join(dir, 'hostd.log'));
		const a = analyze([dir]).attempts.find((x) => x.snapshotName === 'VeeamSnapshot')!;
		assert.equal(a.task, 'haTask-31-vim.VirtualMachine.createSnapshot-70014822');
		assert.equal(a.opId, 'lnx6ehce-42910-auto-x40-h5:70004075-b2-a9-003a');
		assert.deepEqual([a.hresult, a.fault], ['0x80042306', 'vim.fault.ApplicationQuiesceFault']);
		assert.ok(a.events.some((e) => e.source === 'hostd.log'));
		fs.rmSync(dir, { recursive: true });
	});

	it('case-07 (guest listing only): no attempt, hypervisor unknown', () => {
		const r = bundle('case-07-de-utf16-system-and-wmi-writer-failed');
		assert.deepEqual([r.attempts.length, r.hypervisor], [0, 'unknown']);
	});

	it('the sample: a failed quiesced attempt, then the silent crash-consistent fallback; SQL Writer froze for its whole 60 s window', () => {
		const r = analyze([path.resolve(__dirname, '..', '..', '..', 'samples', 'sql-freeze-timeout')]);
		const [a1, a2] = r.attempts;
		assert.deepEqual([a1.result, a1.hresult, a1.freezeMs, a2.quiesced, a2.result, a2.consistency, a2.fallbackOf], ['failed', '0x800423F2', 60000, false, 'success', 'crash', 'a1']);
		assert.equal(a1.windows.find((w) => w.name === 'writer freeze-thaw')?.exceeded, true);
		assert.deepEqual(r.inputs.find((i) => i.path === 'guest/SqlWriterLogger.txt')?.clock, { utcOffsetMinutes: -300, basis: 'banner', confidence: 'exact', anchors: 0, spreadMs: null });
		assert.equal(a2.stunUs, 412807);
	});
});

describe('attempts: every line in one attempt at most', () => {
	// Each step takes only what no attempt holds yet (the join marks each record as it is taken): a line in
	// two timelines would be one event counted twice, and its findings told twice.
	for (const name of fs.readdirSync(fixture('bundles'))) {
		it(name, () => {
			const seen = new Map<string, string>();
			for (const a of bundle(name).attempts) {
				for (const e of a.events) {
					const key = `${e.source}:${e.line}:${e.kind}`;
					assert.equal(seen.get(key), undefined, `${key} is in ${seen.get(key)} and ${a.id}`);
					seen.set(key, a.id);
				}
			}
		});
	}
});

describe('clocks: offsets from anchor pairs, settings, assumptions', () => {
	const rec = <K extends RecordKind>(path: string, kind: K, fields: TestFields<K>, time: string | null, local: string | null, line = 1) => make(kind, fields, { path, time, local, line, text: kind });
	const input = (p: string, format = 'x'): InputFile => ({ path: p, format, origin: null, formatReason: '', encoding: 'utf-8', eol: 'LF', lines: 1, unparsedLines: 0, clock: null, problems: [] });

	it('a yearless local guest log pairs its quiesce start and error with the host: offset and year', () => {
		const host = [rec('vmware.log', 'quiesce-state', { from: 'IDLE', to: 'STARTED' }, '2019-12-31T23:50:00.000Z', null), rec('vmware.log', 'msg-post', { vmbackupStatus: 5 }, '2019-12-31T23:55:02.000Z', null)];
		const guest = [rec('g.log', 'vmbackup-rpc', { command: 'vmbackup.start' }, null, '--01-01T09:20:01.500'), rec('g.log', 'vmbackup-event', { event: 'req.error' }, null, '--01-01T09:25:01.000', 2)];
		const inputs = [input('vmware.log', 'vmware-log'), input('g.log')];
		const aligned = alignClocks(inputs, [...host, ...guest]);
		assert.deepEqual(
			aligned.inputs[1].clock,
			{
				utcOffsetMinutes: 570,
				basis: 'anchor',
				confidence: 'inferred',
				anchors: 2,
				spreadMs: 2500,
				pairs: [
					{ kind: 'error', local: { path: 'g.log', line: 2 }, utc: { path: 'vmware.log', line: 1 }, residualMs: -1000 },
					{ kind: 'start', local: { path: 'g.log', line: 1 }, utc: { path: 'vmware.log', line: 1 }, residualMs: 1500 },
				],
			},
			'UTC+9:30, across New Year: the guest start 1.5 s after the host start, the guest error 1 s before: 2.5 s apart; the closest pair first',
		);
		assert.deepEqual(
			aligned.records.slice(2).map((r) => [r.time, r.local]),
			[
				['2019-12-31T23:50:01.500Z', null],
				['2019-12-31T23:55:01.000Z', null],
			],
		);
		assert.equal(aligned.records[0], host[0], 'a record already on the UTC axis is kept as it is');
		assert.deepEqual([inputs[1].clock, guest[0].time, guest[0].local], [null, null, '--01-01T09:20:01.500'], 'what was given is not altered');
	});

	const event = (path: string, recordId: number | null, time: string | null, local: string | null, fields: Partial<WindowsEventFields> = {}) =>
		rec(path, 'windows-event', { provider: 'VSS', eventId: 8224, recordId, level: 4, hresult: null, ...fields }, time, local, recordId ?? 1);

	it('the same Windows event in a local copy and a UTC export gives the exact offset, where its kind alone is ambiguous', () => {
		// Three 8224s on UTC a quarter hour apart: by kind alone the copy's one event votes for three offsets.
		const xml = [100, 101, 102].map((id, i) => event('events.xml', id, `2024-05-01T10:${String(i * 15).padStart(2, '0')}:00.250Z`, null));
		const csv = [event('events.csv', 101, null, '2024-05-01T16:00:00')];
		const aligned = alignClocks([input('events.xml'), input('events.csv')], [...xml, ...csv]);
		assert.deepEqual(aligned.inputs[1].clock, {
			utcOffsetMinutes: 345,
			basis: 'anchor',
			confidence: 'exact',
			anchors: 1,
			spreadMs: 0,
			pairs: [{ kind: 'same-event', local: { path: 'events.csv', line: 101 }, utc: { path: 'events.xml', line: 101 }, residualMs: -250 }],
		});
		assert.equal(aligned.records[3].time, '2024-05-01T10:15:00.000Z');
		const unnumbered = alignClocks([input('events.xml'), input('events.csv')], [...xml, event('events.csv', null, null, '2024-05-01T16:00:00')]);
		assert.notEqual(unnumbered.inputs[1].clock?.confidence, 'exact', 'without its record id the copy pairs by kind only');
	});

	it('the same failure HRESULT on the host and in a local guest event pairs them; another HRESULT does not', () => {
		const host = rec('hostd.log', 'task-completed', { taskId: 'haTask-1', status: 'error', hresult: '0x800423F3' }, '2024-05-01T10:00:03.000Z', null);
		const guest = (hresult: string) => event('events.csv', 7, null, '2024-05-01T12:00:01', { eventId: 8229, level: 2, hresult });
		const paired = alignClocks([input('hostd.log', 'hostd-log'), input('events.csv')], [host, guest('0x800423F3')]);
		assert.deepEqual(paired.inputs[1].clock, {
			utcOffsetMinutes: 120,
			basis: 'anchor',
			confidence: 'inferred',
			anchors: 1,
			spreadMs: 0,
			pairs: [{ kind: 'hresult', local: { path: 'events.csv', line: 7 }, utc: { path: 'hostd.log', line: 1 }, residualMs: -2000 }],
		});
		assert.equal(alignClocks([input('hostd.log', 'hostd-log'), input('events.csv')], [host, guest('0x80042301')]).inputs[1].clock, null);
	});

	it("another guest's log is no anchor: one guest's snapshot start is not another's, only the host sees them all", () => {
		// Two guests of VMs no host file names: one Tools log on UTC, one local three hours ahead with a start 4 s later.
		const utcGuest = rec('guest-a/vmsvc.log', 'vmbackup-rpc', { command: 'vmbackup.start' }, '2024-05-01T10:00:00.000Z', null);
		const localGuest = rec('guest-b/vmsvc.log', 'vmbackup-rpc', { command: 'vmbackup.start' }, null, '2024-05-01T13:00:04.000');
		const guests = [input('guest-a/vmsvc.log', 'tools-log'), input('guest-b/vmsvc.log', 'tools-log')];
		assert.equal(alignClocks(guests, [utcGuest, localGuest]).inputs[1].clock, null, 'not aligned, rather than placed by a guess');
		// The host's view of a snapshot start pairs with it.
		const vmx = rec('vm/vmware.log', 'quiesce-state', { from: 'IDLE', to: 'STARTED' }, '2024-05-01T10:00:03.000Z', null);
		const withHost = alignClocks([...guests, input('vm/vmware.log', 'vmware-log')], [utcGuest, localGuest, vmx]);
		assert.deepEqual(withHost.inputs[1].clock, {
			utcOffsetMinutes: 180,
			basis: 'anchor',
			confidence: 'inferred',
			anchors: 1,
			spreadMs: 0,
			pairs: [{ kind: 'start', local: { path: 'guest-b/vmsvc.log', line: 1 }, utc: { path: 'vm/vmware.log', line: 1 }, residualMs: 1000 }],
		});
	});

	it('no anchor and no agreeing source: the clock stays unknown and times stay unset', () => {
		const guest = [rec('g.log', 'tools-warning', {}, null, '--10-09T12:17:30.424')];
		const aligned = alignClocks([input('g.log')], guest);
		assert.equal(aligned.inputs[0].clock, null);
		assert.equal(aligned.records[0].time, null);
	});

	it('a setting overrides a stamped clock and moves its times', () => {
		const r = rec('hostd.log', 'task-created', { method: 'x' }, '2024-01-01T10:00:00.000Z', null);
		const inputs = [{ ...input('hostd.log'), clock: { utcOffsetMinutes: 0, basis: 'stamped' as const } }];
		const aligned = alignClocks(inputs, [r], { 'hostd.log': 60 });
		assert.deepEqual(aligned.inputs[0].clock, { utcOffsetMinutes: 60, basis: 'setting', confidence: 'exact', anchors: 0, spreadMs: null });
		assert.equal(aligned.records[0].time, '2024-01-01T09:00:00.000Z');
		assert.deepEqual([inputs[0].clock.basis, r.time], ['stamped', '2024-01-01T10:00:00.000Z'], 'what was given is not altered');
	});
});

describe('consistency verdicts: each piece of evidence', () => {
	// The shared builder, as a succeeded attempt whose consistency is still to be judged.
	const attempt = (over: Partial<Attempt> = {}): Attempt => baseAttempt({ vm: 'VM', snapshotName: 's', end: null, result: 'success', consistency: 'unknown', ...over });

	const setting = (kind: 'vmx-setting' | 'tools-conf-setting', key: string, value: string, extra: TestFields<'vmx-setting'> = {}): LogRecord => make(kind, { key, value, ...extra }, { path: 'vm/vm.vmx', line: 3, text: key });
	const windows = [setting('vmx-setting', 'guestOS', 'windows2019srv-64'), setting('vmx-setting', 'disk.EnableUUID', 'TRUE', { bool: true })];
	const none = { snapshotUid: null, vmFolder: 'vm' };
	const input = (p: string, format: string): InputFile => ({ path: p, format, origin: null, formatReason: '', encoding: 'binary', eol: 'none', lines: 0, unparsedLines: 0, clock: null, problems: [] });

	it('a manifest with only backup.xml is file-system-consistent; with writer documents, application-consistent', () => {
		const zip = input('vm/vss_manifests7.zip', 'vss-manifests');
		const only = [zip, input('vm/vss_manifests7.zip!/backup.xml', 'vss-backup-components')];
		assert.equal(judgeConsistency(attempt(), { snapshotUid: 7, vmFolder: 'vm' }, only, windows).consistency, 'filesystem');
		const full = [...only, input('vm/vss_manifests7.zip!/w0.xml', 'vss-writer-metadata')];
		assert.equal(judgeConsistency(attempt(), { snapshotUid: 7, vmFolder: 'vm' }, full, windows).consistency, 'application');
		assert.equal(judgeConsistency(attempt(), { snapshotUid: 8, vmFolder: 'vm' }, full, windows).consistency, 'unknown', "another snapshot's manifest says nothing");
	});

	it('tools.conf vss.disableAppQuiescing, a Linux guest, an IDE disk or no disk.EnableUUID mean file-system-consistent', () => {
		const fs1 = (records: LogRecord[]) => judgeConsistency(attempt(), none, [], records).consistency;
		assert.equal(fs1([...windows, setting('tools-conf-setting', 'vss.disableAppQuiescing', 'true')]), 'filesystem');
		assert.equal(fs1([setting('vmx-setting', 'guestOS', 'rhel8-64')]), 'filesystem');
		assert.equal(fs1([...windows, setting('vmx-setting', 'ide0:0.deviceType', 'ata-hardDisk', { bus: 'ide', device: 'ide0:0' })]), 'filesystem');
		assert.equal(fs1([setting('vmx-setting', 'guestOS', 'windows2019srv-64')]), 'filesystem');
		assert.equal(fs1([...windows, setting('vmx-setting', 'ide1:0.deviceType', 'atapi-cdrom', { bus: 'ide', device: 'ide1:0' })]), 'unknown', 'an IDE CD-ROM is no disk');
		assert.equal(fs1(windows), 'unknown');
	});

	it('failed → none; quiesced=0 → crash, naming the attempt it replaced', () => {
		assert.equal(judgeConsistency(attempt({ result: 'failed' }), none, [], []).consistency, 'none');
		const crash = judgeConsistency(attempt({ quiesced: false, fallbackOf: 'a1' }), none, [], []);
		assert.equal(crash.consistency, 'crash');
		assert.match(crash.evidence[1], /fell back/);
		const ja = judgeConsistency(attempt({ quiesced: false, fallbackOf: 'a1' }), none, [], [], translator('ja'));
		assert.deepStrictEqual(ja.consistency, 'crash');
		assert.match(ja.evidence[1], /a1.*クラッシュ整合/, "the evidence speaks the report's language, naming the same attempt");
	});
});

describe('findings: each sample bundle gets the diagnosis its case.json gives', () => {
	const codes = (name: string) => bundle(name).findings.map((f) => [f.code, f.severity, f.attemptId]);
	const kbIds = (name: string) => bundle(name).findings.flatMap((f) => f.kb.map((k) => k.id));

	it('case-01 (healthy): no error finding; the copy backup that does not truncate logs is information', () => {
		assert.deepEqual(codes('case-01-success-app-consistent-esxi67'), [['QL113', 'info', 'a1']]);
	});
	it('case-02: the guest error names VssSyncStart and VSS_E_BAD_STATE and cites VMware KB 1018194', () => {
		assert.deepEqual(codes('case-02-vsssyncstart-bad-state-8449-kb1018194'), [['QL101', 'error', 'a1']]);
		assert.ok(kbIds('case-02-vsssyncstart-bad-state-8449-kb1018194').includes('VMware KB 1018194'));
	});
	it('case-05: the Exchange writer, failed at [8] in the listing and vetoing the attempt in event 8229', () => {
		const r = bundle('case-05-exchange-writer-retryable-ps51-utf16');
		assert.deepEqual(
			r.findings.map((f) => [f.code, f.writers]),
			[
				['QL201', ['Microsoft Exchange Writer']],
				['QL206', ['Microsoft Exchange Writer']],
			],
		);
		assert.equal(r.writers.find((w) => w.failed)?.stateCode, 8);
		const veto = r.findings.find((f) => f.code === 'QL206')!;
		assert.ok(new Set(veto.evidence.map((e) => e.path)).size >= 3, 'evidence from the guest event, the VMX and hostd');
	});
	it('case-07: System Writer and WMI Writer, each with its service', () => {
		const r = bundle('case-07-de-utf16-system-and-wmi-writer-failed');
		assert.deepEqual(
			r.findings.map((f) => f.writers[0]),
			['System Writer', 'WMI Writer'],
		);
		assert.match(r.findings[0].fix, /CryptSvc/);
		assert.match(r.findings[1].fix, /Winmgmt/);
	});
	it('case-10: VMware Tools not available', () => {
		assert.deepEqual(codes('case-10-tools-not-available-vcenter-export'), [['QL108', 'error', 'a1']]);
	});
	it('case-12: the VSS event class is not registered (Event 22 / 8193 with 0x80040154); the listing failed', () => {
		assert.deepEqual(codes('case-12-2008r2-eventcls-class-not-registered-8193'), [
			['QL301', 'error', null],
			['QL304', 'error', 'a1'],
		]);
	});
});

describe('attempt windows from hand-built records', () => {
	const r = <K extends RecordKind>(path: string, kind: K, fields: TestFields<K>, time: string, line: number) => make(kind, fields, { path, time, line, text: kind });
	const vmx = 'ds/VM1/vmware.log';
	const inputs: InputFile[] = [{ path: vmx, format: 'vmware-log', origin: 'vmx', formatReason: '', encoding: 'utf-8', eol: 'LF', lines: 5, unparsedLines: 0, clock: null, problems: [] }];
	const base = [
		r(vmx, 'snapshot-start', { name: 's', quiesced: true, opId: null }, '2024-01-01T00:00:00.000Z', 1),
		r(vmx, 'quiesce-state', { from: 'IDLE', to: 'STARTED' }, '2024-01-01T00:00:00.100Z', 2),
		r(vmx, 'quiesce-state', { from: 'STARTED', to: 'ERROR_WAIT' }, '2024-01-01T00:01:30.100Z', 3),
		r(vmx, 'snapshot-failed', { uid: 0 }, '2024-01-01T00:01:31.000Z', 4),
	];

	it('a timeout set in the guest (vmbackup options, seconds) replaces the 15-minute default', () => {
		const options = r('guest/vmsvc.log', 'vmbackup-options', { timeout: 60 }, '2024-01-01T00:00:00.500Z', 9);
		const [a] = buildAttempts([...base, options], inputs);
		assert.deepEqual(
			a.windows.find((w) => w.name === 'Tools quiesce timeout'),
			{ name: 'Tools quiesce timeout', measuredMs: 90000, limitMs: 60000, exceeded: true },
		);
	});

	it("each event says why it joined: its vmware.log, its task's opID, its time window, the task it was made from", () => {
		const hostd = 'esxi/hostd.log';
		const opened = { ...base[0], fields: { ...base[0].fields, opId: 'abcdef12-3456-01' } } as LogRecord;
		const task = (id: string, opId: string | null, at: string, line: number) => [
			r(hostd, 'task-created', { taskId: id, method: 'vim.VirtualMachine.createSnapshot', opId }, at, line),
			r(hostd, 'task-completed', { taskId: id, method: 'vim.VirtualMachine.createSnapshot', opId, status: 'success' }, at.replace(/:00\./, ':05.'), line + 1),
		];
		const guest = r('guest/vmsvc.log', 'vmbackup-event', { event: 'req.error' }, '2024-01-01T00:01:29.000Z', 7);
		// A guest line outside every window joins nothing: no reason to give.
		const stray = r('guest/vmsvc.log', 'vmbackup-event', { event: 'req.error' }, '2024-01-01T01:00:00.000Z', 8);
		const records = [
			opened,
			...base.slice(1),
			...task('haTask-1-vim.VirtualMachine.createSnapshot-5', 'abcdef12-3456', '2023-12-31T23:59:59.900Z', 20),
			...task('haTask-1-vim.VirtualMachine.createSnapshot-6', null, '2024-01-01T05:00:00.000Z', 30),
			guest,
			stray,
		];
		const [a, b] = buildAttempts(records, inputs);
		const why = (x: Attempt, path: string, line: number) => x.events.find((e) => e.source === path && e.line === line)?.join;
		assert.deepEqual(
			[1, 2, 3, 4].map((l) => why(a, vmx, l)),
			Array(4).fill({ by: 'vmx-log' }),
		);
		assert.deepEqual([why(a, hostd, 20), why(a, hostd, 21)], Array(2).fill({ by: 'opid', opId: 'abcdef12-3456' }));
		assert.deepEqual(why(a, 'guest/vmsvc.log', 7), { by: 'window', from: '2023-12-31T23:59:00.000Z', to: '2024-01-01T00:02:31.000Z' }, 'start − 60 s to end + 60 s');
		assert.equal(why(a, 'guest/vmsvc.log', 8), undefined);
		assert.deepEqual(
			b.events.map((e) => e.join),
			Array(2).fill({ by: 'task', task: 'haTask-1-vim.VirtualMachine.createSnapshot-6' }),
		);
	});

	it('a task without an opID joins the VMX attempt starting within its span: its window is that span ± 10 s', () => {
		const hostd = 'esxi/hostd.log';
		const created = r(hostd, 'task-created', { taskId: 'haTask-2-vim.VirtualMachine.createSnapshot-7', method: 'vim.VirtualMachine.createSnapshot', opId: null }, '2023-12-31T23:59:59.000Z', 40);
		const [a, ...rest] = buildAttempts([...base, created], inputs);
		assert.equal(rest.length, 0);
		assert.deepEqual(a.events.find((e) => e.line === 40)?.join, { by: 'window', from: '2023-12-31T23:59:49.000Z', to: '2024-01-01T00:00:09.000Z' });
	});

	it("a line one attempt holds is no other's: a Tools run in a host attempt's window joins it, one outside every window is a try of its own that takes the Windows events of its time", () => {
		const tools = 'guest/vmsvc.log';
		const run = (n: number, event: string, code: number, time: string, line: number) => r(tools, 'vmbackup-event', { event, code, run: n }, time, line);
		const records = [
			...base,
			run(1, 'req.error', 4, '2024-01-01T00:01:20.000Z', 1),
			winEvent('VSS', 12289, { hresult: '0x80042313' }, { time: '2024-01-01T00:01:25.000Z' }),
			run(2, 'req.error', 4, '2024-01-01T02:00:00.000Z', 2),
			winEvent('VSS', 12289, { hresult: '0x80042313' }, { time: '2024-01-01T02:00:05.000Z' }),
		];
		const attempts = buildAttempts(records, inputs);
		const lines = (a: Attempt) => a.events.map((e) => `${e.source}:${e.line}:${e.join?.by ?? ''}`);
		assert.deepEqual(
			attempts.map((a) => [a.vmbackupStatus, lines(a)]),
			[
				[4, ['ds/VM1/vmware.log:1:vmx-log', 'ds/VM1/vmware.log:2:vmx-log', 'guest/vmsvc.log:1:window', `guest/events.xml:${records[5].source.line}:window`, 'ds/VM1/vmware.log:3:vmx-log', 'ds/VM1/vmware.log:4:vmx-log']],
				[4, ['guest/vmsvc.log:2:', `guest/events.xml:${records[7].source.line}:window`]],
			],
		);
	});

	it('without one, the default applies and 90 s is well within it', () => {
		const [a] = buildAttempts(base, inputs);
		assert.equal(a.windows.find((w) => w.name === 'Tools quiesce timeout')?.limitMs, 900000);
		assert.equal(a.windows.find((w) => w.name === 'Tools quiesce timeout')?.exceeded, false);
	});
});
