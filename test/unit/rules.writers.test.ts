import * as assert from 'assert/strict';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import { attempt, goodAttempt, IDS, input, only, rec, winEvent, writer } from './ruleInputs';

const sqlFailed = () => writer('SqlServerWriter', 9, { writerId: IDS.sqlWriter, service: 'SQLWriter', hasLastError: true, lastError: 'Timed out', lastErrorHresult: '0x800423F2' });

describe('rules QL2xx: VSS writers', () => {
	describe('QL201 writer failed in a phase (from the listing)', () => {
		it('positive: phase-specific meaning, the HRESULT advice, and the exact service with its restart impact', () => {
			const [f] = only(diagnose(input({ writers: [sqlFailed()] })), 'QL201');
			assert.equal(f.severity, 'error');
			assert.equal(f.title, 'SqlServerWriter failed at Freeze (state [9])');
			assert.match(f.message, /could not freeze its application/);
			assert.match(f.fix, /Reduce I\/O/);
			assert.match(f.fix, /Restart-Service -Name SQLWriter -Force/);
			assert.match(f.fix, /SQL Server itself keeps running/);
			assert.deepEqual(
				f.evidence.map((e) => e.text),
				['State: [9]', "Writer name: 'SqlServerWriter'"],
			);
		});
		it('negative: a stable writer makes no finding', () => {
			assert.equal(diagnose(input({ writers: [writer('System Writer', 1)] })).length, 0);
		});
	});

	describe('QL202–QL204 writer states that are not failures', () => {
		it('[5] waiting for BackupComplete is a warning, [3] mid-backup is info, [0] unknown is a warning', () => {
			const findings = diagnose(input({ writers: [writer('WMI Writer', 5), writer('Registry Writer', 3), writer('BITS Writer', 0)] }));
			assert.deepEqual(
				findings.map((f) => [f.code, f.severity]),
				[
					['QL202', 'warning'],
					['QL204', 'warning'],
					['QL203', 'info'],
				],
			);
			assert.match(only(findings, 'QL202')[0].fix, /Restart-Service -Name Winmgmt -Force/);
		});
		it('negative: [1] stable gives none of them', () => {
			assert.deepEqual(diagnose(input({ writers: [writer('WMI Writer', 1)] })), []);
		});
	});

	describe('QL205 writer freeze window exceeded', () => {
		const veto = winEvent('VSS', 8229, { hresult: '0x800423F2', writerName: 'SqlServerWriter', operation: 'Freeze Event' });
		const sqlErr = rec('sqlwriter-error', { hresult: '0x800423F2', phase: 'OnFreeze' }, { path: 'guest/SqlWriterLogger.txt', time: '2024-01-01T00:00:31.000Z' });
		const post = rec('msg-post', { reason: 'guest-error', vmbackupStatus: 5, hresult: '0x800423F2' }, { path: 'esxi/vmware.log', time: '2024-01-01T00:00:32.000Z' });

		it('positive: 0x800423F2 in an attempt names the writer, the 60 s window, and quotes each file', () => {
			const a = attempt({ vmbackupStatus: 5, hresult: '0x800423F2', freezeMs: 60_000, windows: [{ name: 'writer freeze-thaw', measuredMs: 60_000, limitMs: 60_000, exceeded: true }] }, [veto, sqlErr, post]);
			const [f] = only(diagnose(input({ attempts: [a], records: [veto, sqlErr, post] })), 'QL205');
			assert.equal(f.severity, 'error');
			assert.deepEqual(f.writers, ['SqlServerWriter']);
			assert.equal(f.hresult, '0x800423F2');
			assert.match(f.message, /60 s at most/);
			assert.match(f.message, /stayed frozen for 60 s/);
			assert.match(f.fix, /memory/);
			assert.match(f.fix, /Restart-Service -Name SQLWriter/);
			assert.deepEqual(new Set(f.evidence.map((e) => e.path)), new Set(['guest/events.xml', 'guest/SqlWriterLogger.txt', 'esxi/vmware.log']));
			assert.deepEqual(
				f.kb[0],
				{
					id: 'Microsoft Learn: CVssWriter::SetWriterFailure',
					title: "VSS_E_WRITERERROR_TIMEOUT (0x800423F2): the time between Freeze and Thaw exceeded the writer's freeze time-out (dwTimeoutFreeze, 60 s by default)",
					url: 'https://learn.microsoft.com/windows/win32/api/vswriter/nf-vswriter-cvsswriter-setwriterfailure',
				},
				"Microsoft's definition of the timeout first",
			);
			assert.equal(only(diagnose(input({ attempts: [a], records: [veto, sqlErr, post] })), 'QL101').length, 0, 'the fallback stays silent');
		});
		it('positive: an Exchange freeze over 20 s in a successful attempt is a warning', () => {
			const a = goodAttempt({ writers: ['Microsoft Exchange Writer'], freezeMs: 25_000, windows: [{ name: 'Exchange writer freeze', measuredMs: 25_000, limitMs: 20_000, exceeded: true }] });
			const [f] = only(diagnose(input({ attempts: [a] })), 'QL205');
			assert.equal(f.severity, 'warning');
			assert.match(f.message, /20 s at most \(the Exchange writer: 20 s\)/);
		});
		it("positive: a measured freeze alone (no window check) is held against the writer's limit", () => {
			const exch = winEvent('VSS', 8224, { writerClassId: IDS.exchangeWriter, level: 4 });
			const [f] = only(diagnose(input({ attempts: [goodAttempt({ freezeMs: 21_000 }, [exch])], records: [exch] })), 'QL205');
			assert.match(f.message, /frozen for 20 s at most/);
			assert.equal(only(diagnose(input({ attempts: [goodAttempt({ freezeMs: 21_000 })] })), 'QL205').length, 0, '21 s is within the 60 s of other writers');
		});
		it('on Hyper-V the fix gives no VMware advice', () => {
			const a = attempt({ hresult: '0x800423F2' }, [veto]);
			const [f] = only(diagnose(input({ attempts: [a], records: [veto], hypervisor: 'hyper-v' })), 'QL205');
			assert.doesNotMatch(f.fix, /VMware|datastore|memory/i);
			assert.ok(f.kb.every((k) => !k.id.startsWith('VMware')));
		});
		it('negative: no timeout and a freeze within its window', () => {
			const a = goodAttempt({ freezeMs: 5_000, windows: [{ name: 'writer freeze-thaw', measuredMs: 5_000, limitMs: 60_000, exceeded: false }] });
			assert.equal(only(diagnose(input({ attempts: [a] })), 'QL205').length, 0);
		});
	});

	describe('QL206 writer veto in the event log (VSS 8229)', () => {
		const veto = winEvent('VSS', 8229, { hresult: '0x800423F3', writerName: 'Microsoft Exchange Writer', writerClassId: IDS.exchangeWriter, operation: 'PrepareForSnapshot Event' });
		it('positive: in an attempt, names writer, phase and HRESULT, restarts MSExchangeRepl', () => {
			const [f] = only(diagnose(input({ attempts: [attempt({ hresult: '0x800423F3' }, [veto])], records: [veto] })), 'QL206');
			assert.equal(f.severity, 'error');
			assert.equal(f.title, 'Microsoft Exchange Writer vetoed PrepareForSnapshot with VSS_E_WRITERERROR_RETRYABLE');
			assert.match(f.fix, /transient/);
			assert.match(f.fix, /Restart-Service -Name MSExchangeRepl -Force/);
		});
		it('positive: outside any attempt, for a writer no listing shows failed', () => {
			assert.equal(only(diagnose(input({ records: [veto] })), 'QL206')[0].attemptId, null);
		});
		it("negative: outside attempts the listing already reports the writer (QL201), and 0x800423F2 is QL205's", () => {
			const listed = writer('Microsoft Exchange Writer', 8, { writerId: IDS.exchangeWriter });
			assert.equal(only(diagnose(input({ writers: [listed], records: [veto] })), 'QL206').length, 0);
			const timeout = winEvent('VSS', 8229, { hresult: '0x800423F2', writerName: 'SqlServerWriter' });
			assert.equal(only(diagnose(input({ records: [timeout] })), 'QL206').length, 0);
		});
	});

	describe('QL207 shadow copy set lacks a volume a writer needs (0x800423F0)', () => {
		const e24579 = winEvent('SQLWRITER', 24579, { level: 2 });
		const independent = rec('vmx-setting', { key: 'scsi0:1.mode', value: 'independent-persistent', device: 'scsi0:1' }, { path: 'esxi/vm.vmx' });
		it('positive: SQLWRITER 24579 in an attempt, with the independent disk VMware leaves out', () => {
			const a = attempt({ hresult: '0x800423F0', writers: ['SqlServerWriter'] }, [e24579]);
			const [f] = only(diagnose(input({ attempts: [a], records: [e24579, independent] })), 'QL207');
			assert.equal(f.severity, 'error');
			assert.match(f.message, /independent disks.*scsi0:1 \(independent-persistent\)/);
			assert.match(f.fix, /sys\.master_files/);
			assert.match(f.fix, /dependent mode/);
			assert.deepEqual(new Set(f.evidence.map((e) => e.path)), new Set(['guest/events.xml', 'esxi/vm.vmx']));
		});
		it('on Hyper-V no VMware disk advice', () => {
			const [f] = only(diagnose(input({ records: [e24579, independent], hypervisor: 'hyper-v' })), 'QL207');
			assert.doesNotMatch(f.message + f.fix, /independent|VMware/);
		});
		it('negative: no such error', () => {
			assert.equal(only(diagnose(input({ attempts: [attempt({ hresult: '0x800423F3' })], records: [independent] })), 'QL207').length, 0);
		});
	});
});
