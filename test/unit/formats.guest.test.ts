import * as assert from 'assert/strict';
import { analyzeText } from '../../src/core';
import { readLines, type FormatDefinition, type ReadResult } from '../../src/core/formats/lib/format';
import { sqlWriterLog } from '../../src/core/formats/sql/sqlWriterLog';
import { toolsConf } from '../../src/core/formats/tools/toolsConf';
import { toolsLog } from '../../src/core/formats/tools/toolsLog';
import { hresultFromIDispatchError, idispatchErrorFromHresult } from '../../src/core/knowledge/vmbackup';
import type { RecordKind, RecordOf } from '../../src/core/model/records';
import { fieldsOf, readChecked, recordsOf } from './readFixture';

const GUEST = 'test/fixtures/formats/guest';
const SAMPLE = 'samples/sql-freeze-timeout/guest';

const readText = (format: FormatDefinition, text: string) => readLines(format, 't', text.split(/\r?\n/));
/** The record at a line, of the kind given. */
const at = <K extends RecordKind>(r: ReadResult, line: number, kind: K): RecordOf<K> => {
	const rec = r.facts.records?.find((x) => x.source.line === line);
	assert.ok(rec, `no record at line ${line}`);
	assert.equal(rec.kind, kind, `the kind of the record at line ${line}`);
	return rec as RecordOf<K>;
};

describe('VMware Tools guest logs: every era, decided by the stamp', () => {
	it('Tools 10.1 on Linux: local time without a year, a truncated first line, a two-line message', () => {
		const r = readChecked(`${GUEST}/vmware-vmsvc-10.1-linux.log`, 'tools-log', 'tools-pre10.3', 1);
		assert.equal(r.clock, null);
		const error = at(r, 18, 'tools-warning');
		assert.equal(error.kind, 'tools-warning');
		assert.equal(error.time, null);
		assert.equal(error.local, '--07-16T21:00:36.153');
		assert.equal(error.fields.message, 'Error freezing filesystems.');
		assert.equal(at(r, 19, 'tools-warning').fields.message, 'Failed to send vmbackup event: Unable to send the message\nover the backdoor: the channel was reset.');
		assert.deepEqual(
			recordsOf(r, 'vmbackup-step').map((x) => [x.fields.step, x.fields.state]),
			[
				['VmBackupStart', null],
				['VmBackupStartScripts', 'SCRIPT_FREEZE'],
				['VmBackupEnableSyncWait', 'SYNC_FREEZE_WAIT'],
				['VmBackupSyncDriverStart', null],
				['VmBackupEnableSync', 'SYNC_FREEZE'],
				['VmBackupStartScripts', 'SCRIPT_ERROR'],
				['VmBackupFinalize', 'IDLE'],
			],
		);
		const err = recordsOf(r, 'vmbackup-event').find((x) => x.fields.event === 'req.error')!;
		assert.equal(err.fields.code, 3);
		assert.equal(err.fields.status, 'VMBACKUP_SYNC_ERROR');
		assert.equal(err.fields.message, 'Error when enabling the sync provider.');
		assert.deepEqual(
			recordsOf(r, 'vmbackup-script')
				.filter((x) => x.fields.action === 'run')
				.map((x) => [x.fields.script, x.fields.phase]),
			[
				['/usr/sbin/pre-freeze-script', 'freeze'],
				['/usr/sbin/post-thaw-script', 'freezeFail'],
			],
		);
		assert.deepEqual(recordsOf(r, 'tools-version')[0].fields.version, '10.1.5.59732');
	});

	it('Tools 10.3 on Windows (CRLF): UTC, IDispatch error #8449 decoded to 0x80042301, a cached vmvss line', () => {
		const r = readChecked(`${GUEST}/vmware-vmsvc-10.3-windows.log`, 'tools-log', 'tools-10.3');
		assert.deepEqual(r.clock, { utcOffsetMinutes: 0, basis: 'stamped' });
		const err = at(r, 19, 'vmbackup-event');
		assert.equal(err.kind, 'vmbackup-event');
		assert.equal(err.time, '2018-09-20T22:53:29.060Z');
		assert.equal(err.local, null);
		assert.deepEqual([err.fields.event, err.fields.code, err.fields.status, err.fields.op, err.fields.hresult, err.fields.idispatchError, err.fields.run], ['req.error', 5, 'VMBACKUP_UNEXPECTED_ERROR', 'VssSyncStart', '0x80042301', 8449, 1]);
		assert.equal(fieldsOf(err).thread, null, 'no thread id before Tools 11.3');
		const vss = at(r, 15, 'vmvss-event');
		assert.equal(vss.kind, 'vmvss-event');
		assert.equal(vss.fields.method, 'CommitSnapshots');
		assert.equal(fieldsOf(vss).cached, true);
		assert.equal(vss.time, '2018-09-20T22:53:21.310Z');
		assert.equal(at(r, 14, 'vmbackup-step').fields.state, 'SYNC_FREEZE', 'Windows goes from EnableSyncWait straight to SYNC_FREEZE');
		assert.deepEqual(recordsOf(r, 'tools-config-read')[0].fields, { domain: 'vmsvc', level: 'debug', thread: null, app: null, cached: false, section: 'vmbackup', key: 'enableVSS', value: 'TRUE', isDefault: true });
	});

	it('Tools 12.1 on Windows: thread ids; a successful freeze → snapshotDone → thaw → complete → done', () => {
		const r = readChecked(`${GUEST}/vmware-vmsvc-12.1-windows-success.log`, 'tools-log', 'tools-11.3');
		assert.equal(fieldsOf(at(r, 3, 'vmbackup-step')).thread, 2044);
		assert.deepEqual(
			recordsOf(r, 'vmbackup-event').map((x) => x.fields.event),
			['reset', 'req.keepAlive', 'prov.snapshotCommit', 'req.done'],
		);
		assert.deepEqual(
			recordsOf(r, 'vmbackup-rpc').map((x) => x.fields.command),
			['vmbackup.start', 'vmbackup.snapshotDone', 'vmbackup.snapshotCompleted'],
		);
		assert.deepEqual(
			recordsOf(r, 'vmbackup-step')
				.map((x) => x.fields.state)
				.filter((s) => s !== null),
			['SCRIPT_FREEZE', 'SYNC_FREEZE', 'SYNC_THAW', 'SCRIPT_THAW', 'COMPLETE_WAIT', 'IDLE'],
		);
		assert.equal(at(r, 12, 'vmvss-event').fields.method, 'PreCommitSnapshots');
		assert.equal(fieldsOf(at(r, 12, 'vmvss-event')).thread, 3112);
	});

	it('journald on Linux: syslog prefix, other programs and journal markers parsed, an indented continuation joined', () => {
		const r = readChecked(`${GUEST}/vmtoolsd-journal.log`, 'tools-log', 'syslog');
		assert.equal(r.clock, null);
		const start = at(r, 3, 'vmbackup-step');
		assert.deepEqual([start.kind, start.local, start.time, fieldsOf(start).app, fieldsOf(start).thread], ['vmbackup-step', '--03-14T21:56:48.000', null, 'vmsvc', 29258]);
		assert.equal(recordsOf(r, 'vmbackup-step').find((x) => x.fields.step === 'VmBackupEnableSyncWait')?.fields.state, 'SYNC_FREEZE_WAIT');
		assert.equal(recordsOf(r, 'vmbackup-step').find((x) => x.fields.step === 'VmBackupEnableCompleteWait')?.fields.state, 'IDLE', 'Linux has no completer');
		assert.match(at(r, 17, 'tools-warning').fields.message, /OP_THAW on filesystems\.\n\s+fsfreeze: \/srv\/data: Invalid argument$/);
		const scripts = recordsOf(r, 'vmbackup-script');
		assert.deepEqual(
			scripts.filter((x) => x.fields.action === 'run').map((x) => [x.fields.phase, x.fields.arg]),
			[
				['freeze', 'nightly'],
				['thaw', 'nightly'],
			],
		);
		assert.equal(scripts.find((x) => x.fields.action === 'exit')?.fields.exitCode, 0);
		assert.equal(
			r.facts.records?.some((x) => x.source.line === 8),
			false,
			"systemd's line gives no record",
		);
	});

	it('the sync driver line names the mount and its errno (strerror words alone, or the number); run joins it to the quiesce', () => {
		const r = readChecked(`${GUEST}/vmtoolsd-syncdriver-busy.log`, 'tools-log', 'syslog');
		const busy = at(r, 3, 'sync-driver');
		assert.deepEqual([busy.fields.call, busy.fields.path, busy.fields.errno, busy.fields.errnoName, busy.fields.failed, busy.fields.run], ['freeze', '/data', 16, 'EBUSY', true, 1]);
		assert.equal(recordsOf(r, 'tools-warning').length, 1, 'only `Error freezing filesystems.` stays a plain warning');
	});

	it('sync driver lines of every Tools era: debug-level failures count, traces and successes do not', () => {
		const r = readText(
			toolsLog,
			[
				'[2024-05-02T01:00:00.000Z] [   debug] [vmbackup] [812] *** VmBackupStart',
				"[2024-05-02T01:00:00.100Z] [   debug] [vmsvc] [812] SyncDriver: successfully froze '/' (fd=5).",
				"[2024-05-02T01:00:00.200Z] [   debug] [vmsvc] [812] SyncDriver: freeze on '/mnt/nfs' returned: 95 (Operation not supported)",
				"[2024-05-02T01:00:00.300Z] [   debug] [vmsvc] [812] SyncDriver: failed to freeze '/srv/loop': 22 (Invalid argument)",
				"[2024-05-02T01:00:00.400Z] [ warning] [vmsvc] [812] SyncDriver: '/data' appears locked or frozen by another process.  Cannot complete the quiesced snapshot request.",
				"[2024-05-02T01:00:00.500Z] [ warning] [vmsvc] [812] SyncDriver: failed to open '/x': Some words no libc prints",
			].join('\n'),
		);
		assert.equal(r.unparsedLines, 0);
		const sync = recordsOf(r, 'sync-driver');
		assert.deepEqual(
			sync.map((x) => [x.source.line, x.fields.call, x.fields.path, x.fields.errno, x.fields.errnoName, x.fields.failed, x.fields.run]),
			[
				[3, 'freeze', '/mnt/nfs', 95, 'EOPNOTSUPP', false, 1],
				[4, 'freeze', '/srv/loop', 22, 'EINVAL', true, 1],
				[5, 'freeze', '/data', 16, 'EBUSY', true, 1],
				[6, 'open', '/x', null, null, true, 1],
			],
		);
	});

	it('a guest-only freeze failure is explained (QL104 names the mount), also through the quick lane of a file log', () => {
		const text = [
			'[2024-05-02T01:00:00.000Z] [   debug] [vmbackup] [812] *** VmBackupStart',
			"[2024-05-02T01:00:00.300Z] [   debug] [vmsvc] [812] SyncDriver: failed to freeze '/data': 16 (Device or resource busy)",
			'[2024-05-02T01:00:00.400Z] [ warning] [vmbackup] [812] Error freezing filesystems.',
			'[2024-05-02T01:00:00.500Z] [   debug] [vmbackup] [812] *** VmBackupFinalize',
		].join('\n');
		const r = analyzeText([{ name: 'vmsvc.log', text }]);
		assert.deepEqual(
			r.findings.map((f) => f.code),
			['QL104'],
		);
		assert.match(r.findings[0].message, /\/data failed with EBUSY/);
		assert.deepEqual([r.attempts[0].failedPhase, r.attempts[0].failedComponent], ['freeze', { type: 'guest-tools', name: '/data' }]);
		// At the default log level the driver's mount line is missing: `Error freezing filesystems.` still says
		// the freeze failed, and the finding names no mount.
		const lines = text.split('\n').filter((l) => !l.includes('SyncDriver'));
		const bare = analyzeText([{ name: 'vmsvc.log', text: lines.join('\n') }]);
		assert.deepEqual(
			bare.findings.map((f) => [f.code, f.title]),
			[['QL104', 'The guest could not freeze its file systems']],
		);
		assert.doesNotMatch(bare.findings[0].message, /EBUSY/);
		assert.equal(bare.attempts[0].failedPhase, 'freeze');
		// Negative: another vmbackup warning says nothing of the freeze.
		const other = analyzeText([{ name: 'vmsvc.log', text: lines.map((l) => l.replace('Error freezing filesystems.', 'Failed to send vmbackup event: req.keepAlive.')).join('\n') }]);
		assert.deepEqual(
			other.findings.map((f) => f.code),
			['QL112'],
		);
	});

	it('journalctl -o short-iso stamps carry an offset: records get UTC time and the clock is stamped', () => {
		const r = readText(toolsLog, '2024-03-14T21:56:48+0100 host vmsvc[29258]: [   debug] [vmbackup] [29258] *** VmBackupStart\n2024-03-14T21:56:49+0100 host vmsvc[29258]: [   debug] [vmbackup] [29258] *** VmBackupStartScripts\n');
		assert.equal(r.unparsedLines, 0);
		assert.equal(r.facts.records?.[0].time, '2024-03-14T20:56:48.000Z');
		assert.deepEqual(r.clock, { utcOffsetMinutes: 60, basis: 'stamped' });
	});

	it('a log spanning a Tools upgrade mixes local and UTC lines: no clock, and a problem says why', () => {
		const r = readText(toolsLog, '[Jul 16 21:00:36.153] [ warning] [vmbackup] Error freezing filesystems.\n[2019-07-17T02:00:01.000Z] [ message] [vmtoolsd] Tools Version: 10.3.10 (build-12406962)\n');
		assert.equal(r.clock, null);
		assert.match(r.problems[0], /spans a Tools upgrade/);
	});

	it('a shared domain [vmsvc:vmbackup] is read as domain vmbackup of app vmsvc', () => {
		const r = readText(toolsLog, '[2019-07-10T01:00:13.075Z] [   debug] [vmsvc:vmbackup] *** VmBackupStart\n[2019-07-10T01:00:13.078Z] [   debug] [vmsvc:vmbackup] *** VmBackupStartScripts\n');
		assert.deepEqual([fieldsOf(r.facts.records![0]).domain, fieldsOf(r.facts.records![0]).app], ['vmbackup', 'vmsvc']);
	});

	it('two quiesce requests in one file are numbered; a start without its RPC line still counts', () => {
		const lines = [
			'[2019-07-10T01:00:13.000Z] [   debug] [vmsvc] RpcIn: received 16 bytes, content:"vmbackup.start 1"',
			'[2019-07-10T01:00:13.001Z] [   debug] [vmbackup] *** VmBackupStart',
			'[2019-07-10T01:00:20.000Z] [   debug] [vmbackup] Sending vmbackup event: vmbackup.eventSet req.done 0 ',
			'[2019-07-10T02:00:13.001Z] [   debug] [vmbackup] *** VmBackupStart',
			'[2019-07-10T02:00:40.000Z] [ warning] [vmbackup] Aborting backup operation due to timeout.',
			'[2019-07-10T02:00:40.001Z] [   debug] [vmbackup] Sending vmbackup event: vmbackup.eventSet req.aborted 4 Quiesce aborted.',
		];
		const r = readText(toolsLog, lines.join('\n'));
		assert.deepEqual(
			r.facts.records?.map((x) => [x.kind, fieldsOf(x).run]),
			[
				['vmbackup-rpc', 1],
				['vmbackup-step', 1],
				['vmbackup-event', 1],
				['vmbackup-step', 2],
				['tools-warning', 2],
				['vmbackup-event', 2],
			],
		);
		assert.equal(fieldsOf(r.facts.records![5]).status, 'VMBACKUP_REMOTE_ABORT');
	});

	it('an event whose text runs over a continuation line keeps all of it', () => {
		const r = readText(
			toolsLog,
			"[2024-05-22T19:30:50.410Z] [   debug] [vmbackup] [2044] Sending vmbackup event: vmbackup.eventSet req.error 5 'VssSyncStart' operation failed: IDispatch error #8691 (0x800423F3)\nWriter Microsoft Exchange Writer failed.\n",
		);
		assert.equal(r.unparsedLines, 0);
		const e = recordsOf(r, 'vmbackup-event')[0];
		assert.deepEqual([e.fields.hresult, e.fields.idispatchError, e.fields.detail], ['0x800423F3', 8691, 'IDispatch error #8691 (0x800423F3)\nWriter Microsoft Exchange Writer failed.']);
	});

	it('a bracketed line that is not a Tools line is counted, not dropped', () => {
		const r = readText(toolsLog, '[2019-07-10T01:00:13.075Z] [   debug] [vmbackup] *** VmBackupStart\n[garbage] nothing\n');
		assert.equal(r.unparsedLines, 1);
	});
});

describe('VMware Tools guest logs: the sample bundles', () => {
	it('case-10 (Tools 10.1, CEST, no year): six GuestInfo interval warnings in local time, nothing unparsed', () => {
		const r = readChecked('test/fixtures/bundles/case-10-tools-not-available-vcenter-export/guest/var/log/vmware-vmsvc.log', 'tools-log', 'tools-pre10.3');
		assert.equal(r.clock, null, 'local time: the offset comes from the analysis');
		const warnings = recordsOf(r, 'tools-warning');
		assert.equal(warnings.length, 6);
		assert.deepEqual([warnings[0].local, warnings[5].local], ['--10-09T12:17:30.424', '--10-09T17:17:30.491']);
		assert.ok(warnings.every((w) => w.time === null && w.fields.domain === 'guestinfo'));
	});

	it('sql-freeze-timeout vmware-vmsvc.log (Tools 11.3.5): the VssSyncStart timeout at 04:01:08.231Z, run 1 from start to done', () => {
		const r = readChecked(`${SAMPLE}/vmware-vmsvc.log`, 'tools-log', 'tools-11.3');
		assert.deepEqual(r.clock, { utcOffsetMinutes: 0, basis: 'stamped' });
		assert.equal(recordsOf(r, 'tools-version')[0].fields.version, '11.3.5');
		const start = recordsOf(r, 'vmbackup-rpc')[0];
		assert.deepEqual([start.source.line, start.time, start.fields.command], [20, '2024-11-15T04:00:02.161Z', 'vmbackup.start']);
		const err = recordsOf(r, 'vmbackup-event').find((x) => x.fields.event === 'req.error')!;
		assert.deepEqual([err.source.line, err.time, err.fields.code, err.fields.op, err.fields.hresult, err.fields.idispatchError], [241, '2024-11-15T04:01:08.231Z', 5, 'VssSyncStart', '0x800423F2', 8690]);
		const done = recordsOf(r, 'vmbackup-event').at(-1)!;
		assert.deepEqual([done.source.line, done.fields.event, done.fields.run], [250, 'req.done', 1]);
		// The 26 keep-alives of the request are one record, folded: the first, the last, and how many.
		const keepAlives = recordsOf(r, 'vmbackup-event').filter((x) => x.fields.event === 'req.keepAlive');
		assert.deepEqual(
			keepAlives.map((x) => [x.source.line, x.fold?.count, x.fold?.lastLine, x.fold?.spanMs]),
			[[36, 26, 235, 62_500]],
		);
		assert.ok(r.facts.records?.every((x) => fieldsOf(x).run === undefined || fieldsOf(x).run === 1));
	});

	it('sql-freeze-timeout SqlWriterLogger.txt: banner -5:00, OnFreeze at 04:00:07Z, 0x800423F2 at 04:01:07Z during OnFreeze, then OnAbort', () => {
		const r = readChecked(`${SAMPLE}/SqlWriterLogger.txt`, 'sqlwriter-log', 'banner');
		assert.deepEqual(r.clock, { utcOffsetMinutes: -300, basis: 'banner' });
		assert.equal(recordsOf(r, 'sqlwriter-banner').length, 1, 'the banner written twice per start is one start');
		assert.deepEqual(recordsOf(r, 'sqlwriter-banner')[0].fields, { tid: '0c44', processId: 0x0cf0, version: '15.0.4385.2', traceLevel: 'DEFAULT', utcOffsetMinutes: -300 });
		const freeze = at(r, 40, 'sqlwriter-phase');
		assert.deepEqual([freeze.kind, freeze.fields.phase, freeze.time, freeze.local], ['sqlwriter-phase', 'OnFreeze', '2024-11-15T04:00:07.000Z', null]);
		const error = at(r, 41, 'sqlwriter-error');
		assert.deepEqual([error.kind, error.fields.hresult, error.fields.phase, error.time], ['sqlwriter-error', '0x800423F2', 'OnFreeze', '2024-11-15T04:01:07.000Z']);
		assert.equal(at(r, 42, 'sqlwriter-phase').fields.phase, 'OnAbort');
		assert.equal(recordsOf(r, 'sqlwriter-backup-type')[0].fields.backupType, 'VSS_BT_COPY');
		assert.equal(recordsOf(r, 'sqlwriter-database-count')[0].fields.count, 7);
		assert.deepEqual(
			recordsOf(r, 'sqlwriter-database').map((x) => x.fields.database),
			['master', 'model', 'msdb', 'SalesOLTP', 'SalesDW', 'ReportServer', 'ReportServerTempDB'],
		);
	});
});

describe('SqlWriterLogger.txt', () => {
	it('UTF-16LE with BOM: banner, component backup, torn-database failure at OnPrepareSnapshot', () => {
		const r = readChecked(`${GUEST}/SqlWriterLogger-utf16le.txt`, 'sqlwriter-log', 'banner');
		assert.deepEqual(r.clock, { utcOffsetMinutes: -480, basis: 'banner' });
		assert.deepEqual(
			recordsOf(r, 'sqlwriter-backup-begin').map((x) => [x.source.line, x.fields.backupId]),
			[
				[17, '232c'],
				[31, '5a88'],
			],
		);
		assert.deepEqual(
			recordsOf(r, 'sqlwriter-backup-mode').map((x) => x.fields.componentBased),
			[true, false],
		);
		assert.deepEqual(
			recordsOf(r, 'sqlwriter-backup-type').map((x) => x.fields.backupType),
			['VSS_BT_COPY', 'VSS_BT_FULL'],
		);
		const error = recordsOf(r, 'sqlwriter-error')[0];
		assert.deepEqual([error.fields.hresult, error.fields.phase, error.fields.tid, error.time], ['0x80780002', 'OnPrepareSnapshot', '5a88', '2021-01-11T10:57:03.000Z']);
		assert.deepEqual(
			recordsOf(r, 'sqlwriter-phase')
				.filter((x) => x.fields.tid === '232c')
				.map((x) => x.fields.phase),
			['OnIdentify', 'OnPrepareBackup', 'OnPrepareSnapshot', 'OnFreeze', 'OnThaw', 'OnPostSnapshot', 'OnBackupComplete'],
		);
	});

	it('a file without a banner (after a rollover) keeps local time; a later banner switches to UTC', () => {
		const r = readText(
			sqlWriterLog,
			[
				'[01/11/2021 02:57:03, TID 5a88] Entering SQL Writer OnFreeze.',
				'[01/11/2021 03:00:00, TID 61f8] ****************************************************************',
				'[01/11/2021 03:00:00, TID 61f8] **  SQLWRITER TRACING STARTED - ProcessId: 0x4124',
				'[01/11/2021 03:00:00, TID 61f8] **  Recording events in Server Local Time. UTC OFFSET: +5:30',
				'[01/11/2021 03:00:00, TID 61f8] ****************************************************************',
				'[01/11/2021 03:00:01, TID 61f8] Entering SQL Writer Initialize.',
			].join('\n'),
		);
		assert.deepEqual([r.facts.records?.[0].local, r.facts.records?.[0].time], ['2021-01-11T02:57:03.000', null]);
		assert.equal(recordsOf(r, 'sqlwriter-phase')[1].time, '2021-01-10T21:30:01.000Z');
		assert.deepEqual(r.clock, { utcOffsetMinutes: 330, basis: 'banner' });
	});

	it('a second banner with another offset (daylight saving time) is a problem; later records use the new offset', () => {
		const banner = (pid: string, offset: string, time: string) => [
			`[${time}, TID 61f8] ****************************************************************`,
			`[${time}, TID 61f8] **  SQLWRITER TRACING STARTED - ProcessId: ${pid}`,
			`[${time}, TID 61f8] **  Recording events in Server Local Time. UTC OFFSET: ${offset}`,
			`[${time}, TID 61f8] ****************************************************************`,
		];
		const r = readText(sqlWriterLog, [...banner('0x10', '-8:00', '03/09/2024 10:00:00'), ...banner('0x20', '-7:00', '03/10/2024 10:00:00'), '[03/10/2024 10:00:05, TID 61f8] Entering SQL Writer Initialize.'].join('\n'));
		assert.equal(recordsOf(r, 'sqlwriter-banner').length, 2);
		assert.equal(recordsOf(r, 'sqlwriter-phase')[0].time, '2024-03-10T17:00:05.000Z');
		assert.deepEqual(r.clock, { utcOffsetMinutes: -480, basis: 'banner' });
		assert.match(r.problems[0], /changes from -480 to -420 minutes/);
	});

	it('a continuation line belongs to its message; a stray line before any message is counted', () => {
		const r = readText(sqlWriterLog, 'cut line\n[01/11/2021 02:57:03, TID 5a88] Entering SQL Writer OnFreeze.\n   more text of it\n[01/11/2021 02:57:03, TID 5a88] HRESULT EXCEPTION CAUGHT: hr: 0x800423f2\n');
		assert.equal(r.unparsedLines, 1);
		assert.equal(recordsOf(r, 'sqlwriter-error')[0].fields.hresult, '0x800423F2');
	});
});

describe('tools.conf', () => {
	it('Windows (CRLF): logging and vmbackup settings as records; a backslash path GLib rejects is a problem', () => {
		const r = readChecked(`${GUEST}/tools-windows.conf`, 'tools-conf', 'gkeyfile');
		const settings = recordsOf(r, 'tools-conf-setting');
		const level = settings.find((x) => x.fields.key === 'vmbackup.level')!;
		assert.deepEqual(level.fields, { section: 'logging', key: 'vmbackup.level', value: 'debug', domain: 'vmbackup', option: 'level' });
		assert.equal(settings.find((x) => x.fields.key === 'vmvss.handler')?.fields.value, 'vmx');
		const appQuiescing = settings.find((x) => x.fields.key === 'vss.disableAppQuiescing')!;
		assert.deepEqual([appQuiescing.fields.section, appQuiescing.fields.value, appQuiescing.fields.domain], ['vmbackup', 'true', null]);
		assert.deepEqual(
			recordsOf(r, 'tools-conf-section').map((x) => x.fields.section),
			['logging', 'vmbackup'],
		);
		assert.equal(r.problems.length, 1);
		assert.match(r.problems[0], /vmbackup\.data \(line 8\).*forward slashes/);
	});

	it('Linux (LF): enableSyncDriver, execScripts and excludedFileSystems', () => {
		const r = readChecked(`${GUEST}/tools-linux.conf`, 'tools-conf', 'gkeyfile');
		assert.deepEqual(r.problems, []);
		assert.deepEqual(
			recordsOf(r, 'tools-conf-setting')
				.filter((x) => x.fields.section === 'vmbackup')
				.map((x) => [x.fields.key, x.fields.value]),
			[
				['enableSyncDriver', 'true'],
				['execScripts', 'false'],
				['excludedFileSystems', '/mnt/nfs-*'],
			],
		);
	});

	it('a line GKeyFile refuses (a ; comment) is counted and explained: Tools then ignores the whole file', () => {
		const r = readText(toolsConf, '[vmbackup]\n; disable VSS app quiescing\nvss.disableAppQuiescing = true\n');
		assert.equal(r.unparsedLines, 1);
		assert.match(r.problems[0], /Line 2 .*ignores every setting/);
	});

	it("lines after the last setting and a blank line (a post under a pasted tools.conf) may be text around it; a setting after them makes them the file's", () => {
		const tail = readText(toolsConf, '[logging]\nvmbackup.level = debug\n\nPlease send the vmware.log to me over email.\nFYI, scripts go to backupScripts.d\n');
		assert.equal(tail.unparsedLines, 2);
		assert.match(tail.problems[0], /^Lines from 4 on follow the last setting after a blank line .* if they are in the file itself, GLib's key-file parser rejects the whole file/);
		const inside = readText(toolsConf, '[logging]\nvmbackup.level = debug\n\nPlease send the vmware.log\nvmbackup.handler = vmx\n');
		assert.match(inside.problems[0], /^Line 4 is not a \[group\], key = value pair or # comment: .*ignores every setting/);
		const noBlank = readText(toolsConf, '[logging]\nvmbackup.level = debug\nPlease send the vmware.log\n');
		assert.match(noBlank.problems[0], /^Line 3 is not .*ignores every setting/);
	});

	it('a setting before the first group, a key set twice, trailing white space', () => {
		const r = readText(toolsConf, 'log = true\n[logging]\nvmbackup.level = debug \nvmbackup.level = info\n');
		assert.equal(r.unparsedLines, 1);
		assert.match(r.problems.join('\n'), /Line 1 is a key = value pair before the first \[group\]/);
		assert.match(r.problems.join('\n'), /\[logging\] vmbackup\.level is set at line 3 and again at line 4; the last one applies/);
		assert.match(r.problems.join('\n'), /Line 3 .*ends with white space/);
	});

	it('does not claim a .reg export, a .vmx or an INI file of another program', () => {
		const reg = ['Windows Registry Editor Version 5.00', '', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\VMware, Inc.\\VMware Tools]', '"InstallPath"="C:\\\\Program Files\\\\VMware\\\\VMware Tools\\\\"'];
		const vmx = ['.encoding = "UTF-8"', 'config.version = "8"', 'tools.syncTime = "FALSE"', 'disk.EnableUUID = "TRUE"'];
		const ini = ['[SqlWriterLogger]', '; EnableLogging = TRUE | FALSE', 'TraceLevel = DEFAULT'];
		for (const head of [reg, vmx, ini]) assert.equal(toolsConf.detect(head), null, head[0]);
	});
});

describe('IDispatch error numbers ↔ HRESULTs', () => {
	it('decodes both ways: #8690 ↔ 0x800423F2, #8449 ↔ 0x80042301', () => {
		assert.equal(hresultFromIDispatchError(8690), '0x800423F2');
		assert.equal(hresultFromIDispatchError(8449), '0x80042301');
		assert.equal(idispatchErrorFromHresult('0x800423f2'), 8690);
		assert.equal(idispatchErrorFromHresult('0x80042301'), 8449);
	});

	it('HRESULTs _com_error prints otherwise give no number', () => {
		assert.equal(idispatchErrorFromHresult('0x80070005'), null, 'FACILITY_WIN32');
		assert.equal(idispatchErrorFromHresult('0x80040100'), null, 'code below 0x200');
		assert.equal(hresultFromIDispatchError(-1), null);
	});
});
