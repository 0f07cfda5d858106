import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { FORMATS } from '../../src/core/formats';
import { decodeGuestError, quiesceReason } from '../../src/core/formats/esxi/esxiCommon';
import { hostdLog, vpxaLog, vpxdLog } from '../../src/core/formats/esxi/esxiAgentLog';
import { DETECT_LINES, readLines, type FormatDefinition, type ReadResult } from '../../src/core/formats/lib/format';
import { vmwareLog } from '../../src/core/formats/esxi/vmwareLog';
import { vmx } from '../../src/core/formats/esxi/vmx';
import type { RecordKind, RecordOf } from '../../src/core/model/records';
import { fieldsOf, readChecked, recordsOf, ROOT } from './readFixture';

const ESXI = 'test/fixtures/formats/esxi';
const BUNDLES = 'test/fixtures/bundles';
const SAMPLE = 'samples/sql-freeze-timeout/esxi';

const detectText = (text: string) => FORMATS.find((f) => f.detect(text.split('\n').slice(0, DETECT_LINES)))?.id ?? null;
const readText = (format: FormatDefinition, text: string) => readLines(format, 't', text.split('\n'));
const one = <K extends RecordKind>(r: ReadResult, kind: K): RecordOf<K> => {
	const found = recordsOf(r, kind);
	assert.equal(found.length, 1, `one ${kind} record`);
	return found[0];
};
const states = (r: ReadResult) => recordsOf(r, 'quiesce-state').map((x) => `${x.fields.from}>${x.fields.to}`);

describe('ESXi vmware.log: every era, read by structure', () => {
	it('case-01 (ESXi 6.7): quiesce IDLE→STARTED→COMMITTED→FINISHING→DONE→IDLE, stun 287412 µs, forwarded Tools lines', () => {
		const r = readChecked(`${BUNDLES}/case-01-success-app-consistent-esxi67/esxi/vmfs/volumes/ds-ssd-01/SQL-PRD-01/vmware.log`, 'vmware-log', 'esxi6');
		const start = one(r, 'snapshot-start');
		assert.equal(start.time, '2019-07-10T01:00:11.870Z');
		assert.deepEqual([start.fields.name, start.fields.quiesced, start.fields.memory], ['VEEAM BACKUP TEMPORARY SNAPSHOT', true, false]);
		assert.deepEqual(states(r), ['IDLE>STARTED', 'STARTED>COMMITTED', 'COMMITTED>FINISHING', 'FINISHING>DONE', 'DONE>IDLE']);
		assert.equal(one(r, 'stun').fields.stunUs, 287412);
		const done = one(r, 'snapshot-done');
		assert.deepEqual([done.time, done.fields.uid, done.source.line], ['2019-07-10T01:00:22.831Z', 4, 10]);
		const step = one(r, 'vmbackup-step');
		assert.deepEqual([step.fields.step, step.fields.domain, fieldsOf(step).guestText], ['VmBackupStart', 'vmbackup', '[   debug] [vmsvc:vmbackup] *** VmBackupStart']);
		assert.equal(one(r, 'vmbackup-options').fields.quiesceApps, 1);
		assert.deepEqual(r.clock, { utcOffsetMinutes: 0, basis: 'stamped' });
	});

	it('case-02 (ESXi 5.x, I120): one Msg_Post record with status 5, VssSyncStart, 0x80042301 ↔ #8449; the failed line (31)', () => {
		const r = readChecked(`${BUNDLES}/case-02-vsssyncstart-bad-state-8449-kb1018194/esxi/vmfs/volumes/datastore2/FS-02/vmware.log`, 'vmware-log', 'esxi5');
		const msg = one(r, 'msg-post');
		assert.equal(msg.source.line, 3);
		const { lastLine, msgId, severity, reason, vmbackupStatus, op, hresult, idispatchError } = msg.fields;
		assert.deepEqual(
			{ lastLine, msgId, severity, reason, vmbackupStatus, op, hresult, idispatchError },
			{
				lastLine: 7,
				msgId: 'msg.snapshot.quiesce.vmerr',
				severity: 'Warning',
				reason: 'guest-error',
				vmbackupStatus: 5,
				op: 'VssSyncStart',
				hresult: '0x80042301',
				idispatchError: 8449,
			},
			'the dashed separator closes the block',
		);
		assert.match(String(msg.fields.message), /^\[msg\.snapshot\.quiesce\.vmerr\] The guest OS[^\n]*\nThe error code was: 5\nThe error message was: 'VssSyncStart'/);
		const failed = one(r, 'snapshot-failed');
		assert.deepEqual([failed.fields.uid, failed.fields.errorCode, failed.fields.reason, failed.time], [0, 31, 'quiesce-failed', '2010-10-10T22:53:31.071Z']);
		assert.deepEqual(states(r), ['IDLE>STARTED', 'STARTED>ERROR_WAIT', 'ERROR_WAIT>IDLE', 'IDLE>DONE']);
	});

	it('case-05 (ESXi 7.0, I005) and case-12 (ESXi 5.x): guest errors decode to HRESULTs', () => {
		const c5 = readChecked(`${BUNDLES}/case-05-exchange-writer-retryable-ps51-utf16/esxi/vmfs/volumes/vsanDatastore/EXCH-MBX-02/vmware.log`, 'vmware-log', 'esxi7');
		assert.deepEqual([one(c5, 'msg-post').fields.hresult, one(c5, 'msg-post').fields.idispatchError], ['0x800423F3', 8691]);
		const c12 = readChecked(`${BUNDLES}/case-12-2008r2-eventcls-class-not-registered-8193/esxi/vmfs/volumes/ds-bronze/APP-2K8R2-04/vmware.log`, 'vmware-log', 'esxi5');
		assert.deepEqual([one(c12, 'msg-post').fields.hresult, one(c12, 'msg-post').fields.vmbackupStatus], ['0x80042302', 5]);
	});

	it('the sample bundle (ESXi 7.0): a failed quiesced attempt, a crash-consistent retry, hostd opIDs through Vigor', () => {
		const r = readChecked(`${SAMPLE}/vmfs/volumes/ds-prd-sql-01/SQL-PRD-07/vmware.log`, 'vmware-log', 'esxi7');
		assert.deepEqual(
			recordsOf(r, 'snapshot-start').map((x) => [x.source.line, x.fields.quiesced]),
			[
				[229, true],
				[242, false],
			],
		);
		const msg = one(r, 'msg-post');
		assert.deepEqual([msg.source.line, msg.fields.lastLine, msg.fields.hresult, msg.fields.idispatchError], [231, 234, '0x800423F2', 8690]);
		assert.deepEqual(
			recordsOf(r, 'stun').map((x) => [x.source.line, x.fields.stunUs]),
			[
				[253, 412807],
				[265, 21817],
			],
		);
		const take = recordsOf(r, 'vigor-request')[0];
		assert.deepEqual([take.fields.request, take.fields.seq], ['Snapshot.Take', 88213]);
		assert.ok(String(take.fields.opId).startsWith('lxq2r8vn-31807-auto-ra7z-h5:70094822-63-01-9d40'), 'hostd opID + the VMX suffix');
		assert.equal(recordsOf(r, 'vigor-response')[0].fields.withMessages, true);
		const settings = new Map(recordsOf(r, 'vmx-setting').map((x) => [x.fields.key, x.fields.value]));
		assert.equal(settings.get('disk.EnableUUID'), 'TRUE', 'the DICT CONFIGURATION dump is read as the .vmx');
		assert.equal(settings.get('scsi0.virtualDev'), 'pvscsi');
		assert.equal(settings.get('libdir'), undefined, 'other DICT sections are not the VM configuration');
		assert.deepEqual(one(r, 'log-header').fields, { thread: 'vmx', opId: null, product: 'VMware ESX', version: '7.0.3', build: 'build-21930508' });
	});

	it('ESXi 5.5 fixture: a timeout Msg_Post, the not-privileged note, no guest report', () => {
		const r = readChecked(`${ESXI}/vmware-esxi55-timeout.log`, 'vmware-log', 'esxi5');
		const msg = one(r, 'msg-post');
		assert.deepEqual([msg.fields.msgId, msg.fields.reason, msg.fields.vmbackupStatus, msg.fields.lastLine], ['msg.snapshot.quiesce.timeout', 'timeout', null, 10]);
		assert.deepEqual(one(r, 'quiesce-note').fields, { thread: 'vcpu-1', opId: null, reason: 'not-privileged', message: 'Guest not privileged, dropping vmbackup event set request' });
		assert.equal(one(r, 'snapshot-start').time, '2015-05-12T13:39:14.328Z');
	});

	it('a rotated ESXi 6.0 log: the cut first line counts 1 unparsed; Msg_SetLocaleEx opens no block; unrelated Guest lines make no record', () => {
		const r = readChecked(`${ESXI}/vmware-esxi60-rotated.log`, 'vmware-log', 'esxi6', 1);
		const msg = one(r, 'msg-post');
		assert.deepEqual([msg.source.line, msg.fields.lastLine, msg.fields.vmbackupStatus, msg.fields.errorMessage, msg.fields.hresult], [8, 11, 3, 'Error when enabling the sync provider.', null]);
		assert.deepEqual(
			recordsOf(r, 'vmbackup-step').map((x) => x.fields.step),
			['VmBackupStart', 'VmBackupSyncDriverStart'],
		);
		assert.equal(recordsOf(r, 'guest').length, 0, 'the timeSync line is not about quiescing');
	});

	it('ESXi 7.0 fixture: DICT settings (SATA disk, EnableUUID FALSE) and a committed quiesce with its stun', () => {
		const r = readChecked(`${ESXI}/vmware-esxi70-dict.log`, 'vmware-log', 'esxi7');
		const uuid = recordsOf(r, 'vmx-setting').find((x) => x.fields.key === 'disk.EnableUUID');
		assert.deepEqual([uuid?.fields.bool, uuid?.source.line], [false, 18]);
		const sataDisk = recordsOf(r, 'vmx-setting').find((x) => x.fields.key === 'sata0:1.fileName');
		assert.deepEqual([sataDisk?.fields.bus, sataDisk?.fields.device], ['sata', 'sata0:1']);
		assert.equal(
			recordsOf(r, 'vmx-setting').some((x) => x.fields.key === 'tools.syncTime'),
			false,
			'USER DEFAULTS are not the VM configuration',
		);
		assert.equal(one(r, 'stun').fields.stunUs, 193507);
		assert.equal(one(r, 'snapshot-done').fields.uid, 7);
	});

	it('ESXi 8 fixture: the opID column on every record, a new-style Msg_Post block with In(05)+ continuations', () => {
		const r = readChecked(`${ESXI}/vmware-esxi80-opid.log`, 'vmware-log', 'esxi8');
		const op = 'lnx6ehce-42910-auto-x40-h5:70004075-b2-a9-003a';
		const starts = recordsOf(r, 'snapshot-start');
		assert.deepEqual(
			starts.map((x) => [x.fields.opId, x.fields.quiesced, x.fields.memory]),
			[
				['vim-cmd-09-a45d', false, true],
				[op, true, false],
			],
		);
		assert.deepEqual(
			recordsOf(r, 'quiesce-state').map((x) => x.fields.opId),
			[op, op, op, op],
		);
		const msg = one(r, 'msg-post');
		assert.deepEqual([msg.fields.opId, msg.fields.lastLine, msg.fields.vmbackupStatus, msg.fields.hresult, msg.fields.idispatchError], [op, 12, 5, '0x80042306', 8454]);
		assert.equal(one(r, 'snapshot-failed').fields.opId, op);
		assert.equal(one(r, 'snapshot-done').fields.opId, null, 'a `-` column is no opID');
		assert.equal(recordsOf(r, 'vigor-request')[0].fields.opId, 'lnx6ehce-42910-auto-x40-h5:70004075-b2', 'the opID Vigor prints joins hostd');
	});

	it('hosted (Workstation, -06:00): times converted to UTC, clock stamped at -360 minutes', () => {
		const r = readChecked(`${ESXI}/vmware-hosted-offset.log`, 'vmware-log', 'hosted');
		assert.deepEqual(r.clock, { utcOffsetMinutes: -360, basis: 'stamped' });
		assert.equal(one(r, 'snapshot-start').time, '2017-02-14T02:31:02.118Z');
		assert.equal(one(r, 'quiesce-note').fields.reason, 'tools-not-available');
		assert.equal(one(r, 'log-header').fields.product, 'VMware Workstation');
		assert.deepEqual(r.problems, []);
	});

	it('a hosted log across a daylight-saving change: each line keeps its own offset, and the change is a problem', () => {
		const r = readText(vmwareLog, ['2024-03-10T01:59:59.100-06:00| vmx| I125: ToolsBackup: changing quiesce state: IDLE -> STARTED', '2024-03-10T03:00:00.200-05:00| vmx| I125: ToolsBackup: changing quiesce state: STARTED -> IDLE'].join('\n'));
		assert.deepEqual(
			recordsOf(r, 'quiesce-state').map((x) => x.time),
			['2024-03-10T07:59:59.100Z', '2024-03-10T08:00:00.200Z'],
		);
		assert.deepEqual(r.clock, { utcOffsetMinutes: -360, basis: 'stamped' });
		assert.equal(r.problems.length, 1);
		assert.match(r.problems[0], /line 2/);
	});

	it('a block with no separator ends at the next line of its thread; a bare [msg.id] line is a block of its own', () => {
		const r = readText(
			vmwareLog,
			[
				'2016-12-29T05:54:34.166Z| vmx| I125: Msg_Post: Error',
				'2016-12-29T05:54:34.166Z| vcpu-0| I125: ToolsBackup: changing quiesce state: STARTED -> ERROR_WAIT',
				'2016-12-29T05:54:34.166Z| vmx| I125: [msg.snapshot.error-QUIESCINGERROR] An error occurred while taking a snapshot: Failed to quiesce the virtual machine.',
				'2016-12-29T05:54:34.167Z| vmx| I125: Tools: Changing running status: 1 => 2.',
				'2016-12-29T05:54:35.001Z| vmx| I125: [msg.snapshot.quiesce.timeout] Timed out while quiescing the virtual machine.',
			].join('\n'),
		);
		const msgs = recordsOf(r, 'msg-post');
		assert.deepEqual(
			msgs.map((x) => [x.source.line, x.fields.lastLine, x.fields.msgId, x.fields.reason, x.fields.msgType]),
			[
				[1, 3, 'msg.snapshot.error-QUIESCINGERROR', 'quiesce-failed', 'Post'],
				[5, 5, 'msg.snapshot.quiesce.timeout', 'timeout', null],
			],
		);
		assert.equal(one(r, 'quiesce-state').source.line, 2, 'a line of another thread inside the block is read on its own');
		assert.equal(r.unparsedLines, 0);
	});

	it('a line of thousands of characters is read in linear time', () => {
		const long = `2016-12-29T05:54:34.166Z| vmx| I125: SnapshotVMX_TakeSnapshot start: '${'a'.repeat(100_000)}`;
		const started = Date.now();
		const r = readText(vmwareLog, `${long}\n${long.replace('I125:', 'I125+')}\n2016-12-29T05:54:34.166Z| vmx| I125: Snapshot 3 failed: ${'x '.repeat(50_000)}`);
		assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
		assert.equal(r.unparsedLines, 0);
	});

	it('is not claimed for other logs, nor does it claim an agent log of ESXi 8', () => {
		assert.equal(vmwareLog.detect(['2019-07-10T01:00:11.870Z| vmx| I125: SnapshotVMX_TakeSnapshot start', 'random text']), null);
		assert.equal(vmwareLog.detect(fs.readFileSync(path.join(ROOT, ESXI, 'hostd-esxi80.log'), 'utf8').split('\n')), null);
	});
});

describe('.vmx: the settings that matter to quiescing', () => {
	it('an ESXi 8 .vmx: controllers, disks, EnableUUID, CBT, Tools keys; nothing unparsed', () => {
		const r = readChecked(`${ESXI}/SQL-APP-03.vmx`, 'vmx', 'esxi8');
		const byKey = new Map(recordsOf(r, 'vmx-setting').map((x) => [x.fields.key, x]));
		assert.deepEqual([byKey.get('disk.EnableUUID')?.fields.bool, byKey.get('disk.EnableUUID')?.source.line], [true, 33]);
		assert.deepEqual([byKey.get('scsi0.virtualDev')?.fields.value, byKey.get('scsi0.virtualDev')?.fields.controller], ['pvscsi', 'scsi0']);
		assert.deepEqual([byKey.get('nvme0:0.fileName')?.fields.bus, byKey.get('nvme0:0.fileName')?.fields.device], ['nvme', 'nvme0:0']);
		assert.equal(byKey.get('scsi0:1.mode')?.fields.value, 'independent-persistent');
		assert.equal(byKey.get('ctkEnabled')?.fields.bool, true);
		assert.equal(byKey.get('guestinfo.vmtools.versionString')?.fields.value, '12.3.5');
		assert.equal(byKey.get('toolsInstallManager.updateCounter')?.fields.value, '2');
		assert.equal(byKey.get('displayName')?.fields.value, 'SQL-APP-03');
		assert.equal(byKey.has('ethernet0.virtualDev'), false, 'network settings do not matter to quiescing');
		assert.ok(recordsOf(r, 'vmx-setting').every((x) => x.time === null && x.local === null));
	});

	it('keys are case-insensitive, |XX escapes are undone, unquoted hand edits still read', () => {
		const r = readText(vmx, 'config.version = "8"\nvirtualHW.version = "13"\ndisplayName = "DB |22blue|22"\ndisk.enableUUID = TRUE\n');
		assert.deepEqual(
			recordsOf(r, 'vmx-setting').map((x) => [x.fields.key, x.fields.value, x.fields.bool]),
			[
				['virtualHW.version', '13', null],
				['displayName', 'DB "blue"', null],
				['disk.enableUUID', 'TRUE', true],
			],
		);
		assert.equal(r.unparsedLines, 0);
		assert.equal(vmx.detect(['config.version = "8"', 'virtualHW.version = "13"', 'displayName = "DB"'])?.variant, 'esxi6');
	});

	it('does not swallow other key = value files: tools.conf, a .vmsd, the host config, a .reg export', () => {
		assert.equal(vmx.detect(['[vmbackup]', 'enableVSS = "true"', 'vss.disableAppQuiescing = "false"', 'displayName = "x"']), null);
		assert.equal(detectText(fs.readFileSync(path.join(ROOT, ESXI, 'SQL-APP-03.vmsd'), 'utf8')), null);
		assert.equal(vmx.detect(['libdir = "/usr/lib/vmware"', 'authd.proxy.nfc = "vmware-hostd:ha-nfc"', 'authd.fullpath = "/sbin/authd"']), null);
		assert.equal(vmx.detect(['Windows Registry Editor Version 5.00', '', '[HKEY_LOCAL_MACHINE\\SOFTWARE\\VMware, Inc.\\VMware Tools]', '"InstallPath"="C:\\\\Program Files\\\\VMware\\\\VMware Tools\\\\"']), null);
	});
});

describe('hostd / vpxa / vpxd: every era, the agent decided by content', () => {
	it('case-01 hostd (6.7): task created/completed with opID and user, VM state transitions', () => {
		const r = readChecked(`${BUNDLES}/case-01-success-app-consistent-esxi67/esxi/var/run/log/hostd.log`, 'hostd-log', 'esxi6');
		const created = one(r, 'task-created');
		assert.deepEqual(
			[created.fields.taskId, created.fields.entity, created.fields.method, created.fields.opId, created.fields.user],
			['haTask-12-vim.VirtualMachine.createSnapshot-183552208', '12', 'vim.VirtualMachine.createSnapshot', '4f3c2a1b-8e-01-7a', 'vpxuser:VSPHERE.LOCAL\\svc-veeam'],
		);
		assert.equal(one(r, 'task-completed').fields.status, 'success');
		assert.deepEqual(
			recordsOf(r, 'vm-state').map((x) => [x.fields.from, x.fields.to, x.fields.vmx]),
			[
				['VM_STATE_ON', 'VM_STATE_CREATE_SNAPSHOT', '/vmfs/volumes/5b2cf72d-c314ef74-0f37-8cdf9d51786c/SQL-PRD-01/SQL-PRD-01.vmx'],
				['VM_STATE_CREATE_SNAPSHOT', 'VM_STATE_ON', '/vmfs/volumes/5b2cf72d-c314ef74-0f37-8cdf9d51786c/SQL-PRD-01/SQL-PRD-01.vmx'],
			],
		);
	});

	it('case-02 vpxa (5.x, bracketed): task-768 begins and ends in error with vim.fault.ApplicationQuiesceFault', () => {
		const r = readChecked(`${BUNDLES}/case-02-vsssyncstart-bad-state-8449-kb1018194/esxi/var/log/vpxa.log`, 'vpxa-log', 'esxi5');
		assert.deepEqual(one(r, 'task-created').fields, { agent: 'vpxa', level: 'info', sub: 'Default', opId: 'D1D8F924-00002337-83', user: null, taskId: 'task-768', entity: 'vm-1421', method: 'vpxapi.VpxaService.createSnapshot' });
		const done = one(r, 'task-completed');
		assert.deepEqual([done.fields.taskId, done.fields.status, done.fields.fault, done.fields.method, done.time], ['task-768', 'error', 'vim.fault.ApplicationQuiesceFault', 'vpxapi.VpxaService.createSnapshot', '2010-10-10T22:53:31.077Z']);
	});

	it('case-05 and case-10 hostd (7.0, 6.7): failed tasks; Tools not available', () => {
		const c5 = readChecked(`${BUNDLES}/case-05-exchange-writer-retryable-ps51-utf16/esxi/var/run/log/hostd.log`, 'hostd-log', 'esxi7');
		assert.equal(one(c5, 'task-completed').fields.status, 'error');
		const c10 = readChecked(`${BUNDLES}/case-10-tools-not-available-vcenter-export/esxi/var/run/log/hostd.log`, 'hostd-log', 'esxi6');
		const note = fieldsOf(one(c10, 'quiesce-note'));
		assert.deepEqual([note.reason, note.level, note.opId], ['tools-not-available', 'warning', '63ea6a1c-2c1d-4b25-9aa1-1f0ecdbd2d31-41']);
	});

	it('the sample bundle hostd (7.0): the guest report in an event with --> continuations, the fault, both snapshot tasks', () => {
		const r = readChecked(`${SAMPLE}/var/run/log/hostd.log`, 'hostd-log', 'esxi7');
		const note = one(r, 'quiesce-note');
		assert.deepEqual([note.source.line, fieldsOf(note).eventId, fieldsOf(note).vmbackupStatus, fieldsOf(note).op, fieldsOf(note).hresult, fieldsOf(note).idispatchError], [18, 52312, 5, 'VssSyncStart', '0x800423F2', 8690]);
		const fault = one(r, 'fault');
		assert.deepEqual([fault.source.line, fault.fields.fault, fault.fields.opId], [22, 'vim.fault.ApplicationQuiesceFault', 'lxq2r8vn-31807-auto-ra7z-h5:70094822-63-01-9d40']);
		const snapshots = recordsOf(r, 'task-completed').filter((x) => x.fields.method === 'vim.VirtualMachine.createSnapshot');
		assert.deepEqual(
			snapshots.map((x) => [x.fields.taskId, x.fields.status]),
			[
				['haTask-7-vim.VirtualMachine.createSnapshot-190436671', 'error'],
				['haTask-7-vim.VirtualMachine.createSnapshot-190437019', 'success'],
			],
		);
		assert.equal(recordsOf(r, 'tools-status').length, 2);
	});

	it('hostd 5.5 (bracketed): a fault dump on --> lines belongs to its message; vm: component gives the .vmx', () => {
		const r = readChecked(`${ESXI}/hostd-esxi55.log`, 'hostd-log', 'esxi5');
		const fault = one(r, 'fault');
		assert.deepEqual([fault.source.line, fault.fields.fault, fault.fields.vmx], [6, 'vim.fault.ApplicationQuiesceFault', '/vmfs/volumes/5341ac9e-0d8b3c28-1a8e-001b21c7a410/EXCH-01/EXCH-01.vmx']);
		assert.deepEqual(
			recordsOf(r, 'task-completed').map((x) => x.fields.status),
			['success', 'error'],
		);
		assert.equal(recordsOf(r, 'task-created')[0].fields.entity, 'ha-host');
	});

	it('hostd 6.7 rotated: continuation lines at the top are understood and kept nowhere', () => {
		const r = readChecked(`${ESXI}/hostd-esxi67-rotated.log`, 'hostd-log', 'esxi6');
		assert.deepEqual([fieldsOf(one(r, 'quiesce-note')).hresult, fieldsOf(one(r, 'quiesce-note')).idispatchError], ['0x80042303', 8451]);
		assert.equal(one(r, 'task-completed').fields.status, 'error');
	});

	it('hostd 7.0: the section header, an entity-less task, Tools not running', () => {
		const r = readChecked(`${ESXI}/hostd-esxi70.log`, 'hostd-log', 'esxi7');
		assert.deepEqual([one(r, 'section').fields.version, one(r, 'section').fields.product], ['7.0.3', 'VMware ESX']);
		const catalog = recordsOf(r, 'task-completed')[0];
		assert.deepEqual([catalog.fields.entity, catalog.fields.method], [null, 'vim.vslm.host.CatalogSyncManager.queryCatalogChange']);
		assert.equal(one(r, 'tools-status').fields.status, 'guestToolsNotRunning');
	});

	it('hostd 8.0 (syslog header): Wa(164) is a warning, headed --> continuations, embedded old header, user with a space', () => {
		const r = readChecked(`${ESXI}/hostd-esxi80.log`, 'hostd-log', 'esxi8');
		const note = one(r, 'quiesce-note');
		assert.deepEqual([note.source.line, fieldsOf(note).eventId, fieldsOf(note).hresult], [6, 3117, '0x80042306']);
		assert.equal(one(r, 'fault').fields.level, 'warning');
		assert.deepEqual([one(r, 'task-created').fields.opId, one(r, 'task-created').fields.user], ['lnx6ehce-42910-auto-x40-h5:70004075-b2', 'vpxuser:VSPHERE.LOCAL\\svc-veeam']);
		const adapter = readText(hostdLog, fs.readFileSync(path.join(ROOT, ESXI, 'hostd-esxi80.log'), 'utf8'));
		assert.equal(adapter.unparsedLines, 0);
	});

	it('a quoted key=value loses one pair of quotes around the whole value, spaces kept; a lone quote stays', () => {
		const task = (ms: number, pairs: string, n: number) => `2024-05-01T10:00:0${ms}.000Z info hostd[2099A95B] [Originator@6876 sub=Vimsvc.TaskManager ${pairs}] Task Created : haTask-12-vim.VirtualMachine.createSnapshot-${n}`;
		const r = readText(hostdLog, [task(1, 'opID=q1 user="vpxuser:VSPHERE.LOCAL\\svc veeam"', 1), task(2, 'opID="q2" user="vpxuser', 2), task(3, 'opId=q3 user=""', 3), task(4, 'opID=q4 user=root', 4)].join('\n'));
		assert.deepEqual(
			recordsOf(r, 'task-created').map((x) => [x.fields.opId, x.fields.user]),
			[
				['q1', 'vpxuser:VSPHERE.LOCAL\\svc veeam'],
				['q2', '"vpxuser'],
				['q3', ''],
				['q4', 'root'],
			],
		);
	});

	it('vpxa 5.5: ERROR with a fault dump, FINISH with entity and method', () => {
		const r = readChecked(`${ESXI}/vpxa-esxi55.log`, 'vpxa-log', 'esxi5');
		assert.deepEqual(
			recordsOf(r, 'task-completed').map((x) => [x.fields.taskId, x.fields.status, x.fields.fault, x.fields.entity]),
			[
				['task-768', 'error', 'vim.fault.ApplicationQuiesceFault', null],
				['task-771', 'success', null, 'vm-1421'],
			],
		);
	});

	it('vpxd 7.0: only task LROs make records; the guest report inside the ERROR dump is decoded', () => {
		const r = readChecked(`${ESXI}/vpxd-vc70.log`, 'vpxd-log', 'vc7');
		assert.deepEqual(
			recordsOf(r, 'task-created').map((x) => x.fields.taskId),
			['task-88213'],
		);
		const done = one(r, 'task-completed');
		assert.deepEqual(
			[done.fields.status, done.fields.method, done.fields.fault, done.fields.reason, done.fields.vmbackupStatus, done.fields.hresult, done.fields.detail],
			['error', 'vim.VirtualMachine.createSnapshot', 'vim.fault.ApplicationQuiesceFault', 'guest-error', 5, '0x800423F2', 'IDispatch error #8690 (0x800423F2)'],
		);
	});

	it('Windows vCenter vpxd: ±hh:mm stamps are converted to UTC and make the clock', () => {
		const d = vpxdLog.detect(vpxdLog.variants.find((v) => v.name === 'vc-windows')!.samples[0].split('\n'));
		assert.equal(d?.variant, 'vc-windows');
		const r = readText(vpxdLog, '2025-12-06T10:52:53.916+02:00 info vpxd[06388] [VpxLRO] -- BEGIN task-37017 -- resgroup-v19002 -- vim.VirtualApp.updateVAppConfig\n2025-12-06T10:52:54.001+02:00 info vpxd[06388] [VpxLRO] -- FINISH task-37017');
		assert.deepEqual(
			recordsOf(r, 'task-created').map((x) => [x.time, x.fields.method]),
			[['2025-12-06T08:52:53.916Z', 'vim.VirtualApp.updateVAppConfig']],
		);
		assert.deepEqual(r.clock, { utcOffsetMinutes: 120, basis: 'stamped' });
	});

	it('which agent wrote a file is decided by content: the same shape is hostd, vpxa or vpxd by process and component', () => {
		const line = (proc: string) => `2024-11-15T04:00:02.117Z info ${proc}[2099588] [Originator@6876 sub=Default] Supported VMs 640`;
		for (const [proc, id] of [
			['hostd', 'hostd-log'],
			['vpxa', 'vpxa-log'],
			['vpxd', 'vpxd-log'],
		] as const) {
			assert.equal(detectText(`${line(proc)}\n${line(proc)}`), id, proc);
		}
		assert.equal(hostdLog.detect(vpxaLog.variants[0].samples[0].split('\n')), null, 'a 5.x vpxa log is not hostd');
		assert.equal(detectText(fs.readFileSync(path.join(ROOT, ESXI, 'shell-esxi80.log'), 'utf8')), null, 'ESXi 8 shell.log shares the syslog header');
		assert.equal(detectText(`${line('rhttpproxy')}\n${line('rhttpproxy')}`), null, 'another daemon with the same shape');
	});
});

describe('quiesce error decoding shared by the host readers', () => {
	it('IDispatch number and HRESULT both ways: N = (hr & 0xFFFF) - 0x200', () => {
		assert.deepEqual([decodeGuestError('IDispatch error #8449').hresult, decodeGuestError('IDispatch error #8449').idispatchError], ['0x80042301', 8449]);
		assert.deepEqual([decodeGuestError('failed: 0x800423f4').hresult, decodeGuestError('failed: 0x800423f4').idispatchError], ['0x800423F4', 8692]);
		assert.equal(decodeGuestError('no code here').hresult, null);
	});

	it('reasons by message id first, then by the fixed English text', () => {
		assert.equal(quiesceReason('anything', 'msg.snapshot.quiesce.timeout'), 'timeout');
		assert.equal(quiesceReason('Cannot create a quiesced snapshot because the create snapshot operation exceeded the time limit for holding off I/O in the frozen virtual machine.'), 'io-holdoff-exceeded');
		assert.equal(quiesceReason('Snapshot taken'), null);
	});
});
