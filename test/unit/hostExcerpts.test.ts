import * as assert from 'assert/strict';
import { analyzeText, renderText, type Report } from '../../src/core';

// Issue 18 item 3: hostd / vpxa excerpts as people paste them, without the snapshot task's lines: the VM's
// state transitions of the Vmsvc component and its quiesce note, or the note alone. Each is a failed quiesced
// snapshot of the VM its .vmx path names, never "no problem found".

const VMX = '/vmfs/volumes/5f1a3c2d-8e1b2c3d-8f9a-001e0b123456/SQL-01/SQL-01.vmx';
const hostd = (stamp: string, opId: string, msg: string) => `${stamp} info hostd[2099A95B] [Originator@6876 sub=Vmsvc.vm:${VMX} opID=${opId} user=vpxuser] ${msg}`;
const INTO = 'State Transition (VM_STATE_ON -> VM_STATE_CREATE_SNAPSHOT)';
const OUT = 'State Transition (VM_STATE_CREATE_SNAPSHOT -> VM_STATE_ON)';
const NOTE = 'Failed to create snapshot: Failed to quiesce the virtual machine.';

const paste = (...lines: string[]): Report => analyzeText([{ name: 'ticket.txt', text: lines.join('\n') + '\n' }]);
const summary = (r: Report) => r.attempts.map((a) => [a.vm, a.start, a.end, a.result, a.quiesced, a.requester, a.events.length]);

describe('hostd excerpts without the snapshot task', () => {
	it("the VM's state into and out of the snapshot, and the quiesce note between: one failed quiesced attempt of the VM", () => {
		const r = paste(hostd('2021-03-12T03:01:14.512Z', 'abc-01-7f', INTO), hostd('2021-03-12T03:06:15.002Z', 'abc-01-7f', NOTE), hostd('2021-03-12T03:06:15.010Z', 'abc-01-7f', OUT));
		assert.deepEqual(summary(r), [['SQL-01', '2021-03-12T03:01:14.512Z', '2021-03-12T03:06:15.010Z', 'failed', true, 'VMware Tools', 3]]);
		assert.ok(
			r.findings.some((f) => f.attemptId === 'a1' && f.severity === 'error'),
			'an error finding is tied to the attempt',
		);
	});

	it('the quiesce note alone, stamped: a failed quiesced attempt of the VM at its time', () => {
		const r = paste(hostd('2021-03-12T03:06:15.002Z', 'abc-01-7f', NOTE));
		assert.deepEqual(summary(r), [['SQL-01', '2021-03-12T03:06:15.002Z', null, 'failed', true, 'VMware Tools', 1]]);
	});

	it('a snapshot that went into the state and out without a note is an attempt whose result the excerpt does not tell', () => {
		const r = paste(hostd('2021-03-12T03:01:14.512Z', 'abc-01-7f', INTO), hostd('2021-03-12T03:01:20.100Z', 'abc-01-7f', OUT));
		assert.deepEqual(summary(r), [['SQL-01', '2021-03-12T03:01:14.512Z', '2021-03-12T03:01:20.100Z', 'unknown', null, null, 2]]);
		assert.equal(r.findings.filter((f) => f.severity === 'error').length, 0);
	});

	it("two VMs' snapshots at once stay two attempts, each with its own VM's lines", () => {
		const other = (line: string) => line.replaceAll('SQL-01', 'SQL-02').replace('abc-01-7f', 'def-02-11');
		const r = paste(
			hostd('2021-03-12T03:01:14.512Z', 'abc-01-7f', INTO),
			other(hostd('2021-03-12T03:01:15.000Z', 'abc-01-7f', INTO)),
			other(hostd('2021-03-12T03:01:30.000Z', 'abc-01-7f', OUT)),
			hostd('2021-03-12T03:06:15.002Z', 'abc-01-7f', NOTE),
			hostd('2021-03-12T03:06:15.010Z', 'abc-01-7f', OUT),
		);
		assert.deepEqual(
			r.attempts.map((a) => [a.vm, a.result, a.events.map((e) => e.line)]),
			[
				['SQL-01', 'failed', [1, 4, 5]],
				['SQL-02', 'unknown', [2, 3]],
			],
		);
	});

	it('with the task lines the transitions stay evidence of the task: still one attempt', () => {
		const task = (stamp: string, what: string) => `${stamp} info hostd[2099A95B] [Originator@6876 sub=Vimsvc.TaskManager opID=abc-01-7f user=vpxuser] ${what}`;
		const r = paste(
			task('2021-03-12T03:01:14.400Z', 'Task Created : haTask-12-vim.VirtualMachine.createSnapshot-1234'),
			hostd('2021-03-12T03:01:14.512Z', 'abc-01-7f', INTO),
			hostd('2021-03-12T03:06:15.002Z', 'abc-01-7f', NOTE),
			hostd('2021-03-12T03:06:15.010Z', 'abc-01-7f', OUT),
			task('2021-03-12T03:06:15.020Z', 'Task Completed : haTask-12-vim.VirtualMachine.createSnapshot-1234 Status error'),
		);
		assert.deepEqual(
			r.attempts.map((a) => [a.vm, a.task, a.result, a.events.length]),
			[['SQL-01', 'haTask-12-vim.VirtualMachine.createSnapshot-1234', 'failed', 5]],
		);
	});
});

// The same for a vmware.log excerpt that starts after `SnapshotVMX_TakeSnapshot start` (a forum post quotes
// the lines around the error): the quiesce's states, the Msg_Post and the snapshot's end are its attempt.
describe('vmware.log excerpts cut after the snapshot start', () => {
	const old = (stamp: string, msg: string) => `2023-01-10T02:${stamp}Z| vcpu-0| I125: ${msg}`;
	const esxi8 = (stamp: string, msg: string) => `2023-01-10T02:${stamp}Z In(05) vmx - ${msg}`;
	for (const [era, line] of [
		['ESXi 6/7 (`| vcpu-0| I125:`)', old],
		['ESXi 8 (`In(05) vmx -`)', esxi8],
	] as const) {
		it(`${era}: the quiesce states, the Msg_Post and the failed snapshot are one failed quiesced attempt`, () => {
			const r = analyzeText([
				{
					name: 'vmware.log',
					text: [
						line('05:41.226', 'ToolsBackup: changing quiesce state: STARTED -> ERROR_WAIT'),
						line('05:41.226', 'Msg_Post: Error'),
						line('05:41.226', '[msg.snapshot.quiesce.vmx_timeout] Timed out while quiescing the virtual machine.'),
						line('05:41.226', '----------------------------------------'),
						line('05:41.230', 'ToolsBackup: changing quiesce state: ERROR_WAIT -> IDLE'),
						line('05:41.231', 'SnapshotVMXTakeSnapshotComplete: Snapshot 0 failed: Failed to quiesce the virtual machine (31).'),
					].join('\n'),
				},
			]);
			assert.deepEqual(summary(r), [[null, '2023-01-10T02:05:41.226Z', '2023-01-10T02:05:41.231Z', 'failed', true, 'VMware Tools', 4]]);
			assert.ok(r.findings.some((f) => f.code === 'QL106' && f.attemptId === 'a1'));
		});
	}

	it('lines of no snapshot (a stun of a vMotion, another Msg_Post) before the first start make no attempt', () => {
		const r = analyzeText([
			{
				name: 'vmware.log',
				text: [
					old('00:01.000', 'Checkpoint_Unstun: vm stopped for 312104 us'),
					old('00:02.000', 'Msg_Post: Warning'),
					old('00:02.000', '[msg.hbacommon.outofspace] There is no more space for virtual disk SQL-01.vmdk.'),
					old('00:02.000', '----------------------------------------'),
				].join('\n'),
			},
		]);
		assert.equal(r.attempts.filter((a) => a.kind === 'host-snapshot').length, 0);
	});
});

// The vSphere Client's "guest OS reported an error" in a translated client: the labels are translated, the
// status is one digit after a colon and the guest's report (VMware Tools' English) follows a second label.
describe("the vSphere Client's guest error in any client language", () => {
	const GUEST = "'VssSyncStart' operation failed: IDispatch error #8455 (0x80042307)";
	for (const [lang, text] of [
		['en', `An error occurred while quiescing the virtual machine. See the virtual machine's event log for details.\nThe guest OS has reported an error during quiescing. The error code was: 5 The error message was: ${GUEST}`],
		[
			'de',
			`Fehler beim Stilllegen der virtuellen Maschine. Weitere Informationen finden Sie im Ereignisprotokoll der virtuellen Maschine.\nDas Gastbetriebssystem hat beim Stilllegen einen Fehler gemeldet. Der Fehlercode lautete: 5 Die Fehlermeldung lautete: ${GUEST}`,
		],
		['fr', `Une erreur s'est produite lors de la suspension de la machine virtuelle.\nLe système d'exploitation invité a signalé une erreur lors de la suspension. Le code d'erreur était : 5 Le message d'erreur était : ${GUEST}`],
		['ja', `仮想マシンの静止中にエラーが発生しました。\nゲスト OS が静止中にエラーを報告しました。エラー コード：5 エラー メッセージ：${GUEST}`],
	] as const) {
		it(`${lang}: VmBackupStatus 5 and the HRESULT, so the finding is the guest's VSS error`, () => {
			const r = analyzeText([{ name: 'ticket.txt', text: `${text}\n` }]);
			assert.deepEqual(
				r.attempts.map((a) => [a.result, a.vmbackupStatus, a.hresult]),
				[['failed', 5, '0x80042307']],
			);
			assert.equal(r.findings[0].code, 'QL101');
		});
	}

	it('a number that is no VmBackupStatus (two digits) before the guest report reads no status, the HRESULT still', () => {
		const r = analyzeText([{ name: 'ticket.txt', text: `Fehler beim Stilllegen der virtuellen Maschine nach: 12 Sekunden: ${GUEST}\n` }]);
		assert.deepEqual(
			r.attempts.map((a) => [a.vmbackupStatus, a.hresult]),
			[[null, '0x80042307']],
		);
	});
});

// ESX 4 (and Workstation/Fusion of its time) stamped vmware.log lines `Mar 12 03:01:14.512: vmx| …`: no year,
// no zone, no level. Forum posts of that era quote them; each attempt is read with its steps, untimed.
describe('ESX 4 vmware.log lines', () => {
	const esx4 = (stamp: string, thread: string, msg: string) => `Mar 12 ${stamp}: ${thread}| ${msg}`;
	const LOG = [
		esx4('03:01:14.512', 'vmx', "SnapshotVMX_TakeSnapshot start: 'VCB-SNAPSHOT', deviceState=0, lazy=0, logging=0, quiesced=1, forceNative=0, tryNative=1, sibling=0 saveAllocMaps=0 cb=46A9E10, cbData=3AC2F590"),
		esx4('03:01:14.620', 'vcpu-0', 'ToolsBackup: changing quiesce state: IDLE -> STARTED'),
		esx4('03:06:14.700', 'vmx', 'ToolsBackup: changing quiesce state: STARTED -> ERROR_WAIT'),
		esx4('03:06:15.002', 'vmx', 'Msg_Post: Error'),
		esx4('03:06:15.002', 'vmx', '[msg.snapshot.quiesce.vmx_timeout] Timed out while quiescing the virtual machine.'),
		esx4('03:06:15.002', 'vmx', '----------------------------------------'),
		esx4('03:06:15.020', 'vmx', 'SnapshotVMXTakeSnapshotComplete: Snapshot 0 failed: Failed to quiesce the virtual machine. (40).'),
		esx4('03:20:01.000', 'vmx', "SnapshotVMX_TakeSnapshot start: 'VCB-SNAPSHOT', deviceState=0, lazy=0, logging=0, quiesced=1, forceNative=0, tryNative=1, sibling=0 saveAllocMaps=0 cb=46A9E10, cbData=3AC2F590"),
		esx4('03:20:09.000', 'vmx', "SnapshotVMXTakeSnapshotComplete: Done with snapshot 'VCB-SNAPSHOT': 12"),
	];

	it('reads as vmware.log of its era: every line parsed, local times without a year', () => {
		const r = analyzeText([{ name: 'vmware.log', text: LOG.join('\n') }]);
		assert.deepEqual(
			r.inputs.map((i) => [i.format, i.unparsedLines]),
			[['vmware-log', 0]],
		);
		assert.match(r.inputs[0].formatReason, /era esx4/);
	});

	it('each snapshot is its own attempt with its steps: the failed quiesce, then a snapshot that succeeded', () => {
		const r = analyzeText([{ name: 'vmware.log', text: LOG.join('\n') }]);
		assert.deepEqual(
			r.attempts.map((a) => [a.snapshotName, a.start, a.result, a.quiesced, a.events.map((e) => e.line)]),
			[
				['VCB-SNAPSHOT', null, 'failed', true, [1, 2, 3, 4, 7]],
				['VCB-SNAPSHOT', null, 'success', true, [8, 9]],
			],
		);
		assert.ok(r.findings.some((f) => f.code === 'QL106' && f.attemptId === 'a1'));
	});
});

describe('an attempt whose Tools were not available', () => {
	it('names VMware Tools once: the component is the guest-tools quiescing, with no name of its own', () => {
		const report = paste(hostd('2024-11-15T04:00:02.117Z', 'op-1', INTO), hostd('2024-11-15T04:00:03.117Z', 'op-1', 'Cannot quiesce this virtual machine because VMware Tools is not currently available.'), hostd('2024-11-15T04:00:04.117Z', 'op-1', OUT));
		assert.deepEqual(
			report.attempts.map((a) => a.failedComponent),
			[{ type: 'guest-tools', name: null }],
		);
		assert.doesNotMatch(renderText(report), /VMware Tools quiescing VMware Tools/);
		assert.match(renderText(report), /VMware Tools quiescing/);
	});
});
