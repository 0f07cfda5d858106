import * as assert from 'assert/strict';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import type { QuiesceReason } from '../../src/core/formats/esxi/esxiCommon';
import { attempt, goodAttempt, IDS, input, listing, only, rec, winEvent, writer } from './ruleInputs';

const VMX = 'esxi/vm/vmware.log';
const GUEST = 'guest/vmware-vmsvc.log';
const hostError = (status: number, extra: Record<string, string | number | null> = {}) =>
	rec('msg-post', { msgId: 'msg.snapshot.quiesce.vmerr', reason: 'guest-error', vmbackupStatus: status, errorMessage: null, op: null, hresult: null, ...extra }, { path: VMX, time: '2024-01-01T00:00:50.000Z', text: 'Msg_Post: Warning' });
const reason = (r: QuiesceReason, path = VMX) => rec('quiesce-note', { reason: r, message: r }, { path, time: '2024-01-01T00:00:40.000Z', text: `note ${r}` });
const linuxGuest = rec('vmx-setting', { key: 'guestOS', value: 'rhel8-64', bool: null }, { path: VMX });
const windowsGuest = rec('vmx-setting', { key: 'guestOS', value: 'windows2019srv-64', bool: null }, { path: VMX });

describe('rules QL1xx: what the guest and the host said about each attempt', () => {
	describe('QL101 guest VSS error (VmBackupStatus 5, fallback)', () => {
		const post = hostError(5, { op: 'VssSyncStart', hresult: '0x80042301', errorMessage: "'VssSyncStart' operation failed: IDispatch error #8449 (0x80042301)" });
		const a = attempt({ vmbackupStatus: 5, guestOperation: 'VssSyncStart', hresult: '0x80042301', windows: [{ name: 'Tools quiesce timeout', measuredMs: 931_000, limitMs: 900_000, exceeded: true }] }, [post]);

		it('names the operation and the HRESULT, cites KB 1018194 for VSS_E_BAD_STATE, quotes the host line', () => {
			const [f] = only(diagnose(input({ attempts: [a], records: [post] })), 'QL101');
			assert.equal(f.severity, 'error');
			assert.equal(f.attemptId, 'a1');
			assert.equal(f.hresult, '0x80042301');
			assert.match(f.title, /VssSyncStart.*VSS_E_BAD_STATE/);
			assert.match(f.message, /15 min 31 s/);
			assert.ok(f.kb.some((k) => k.url === 'https://knowledge.broadcom.com/external/article/301541/io.html'));
			assert.deepEqual(
				f.evidence.map((e) => [e.path, e.line]),
				[[VMX, post.source.line]],
			);
			assert.match(f.fix, /^1\. /);
		});

		it('stays silent when a more specific rule explains the attempt (a writer veto)', () => {
			const veto = winEvent('VSS', 8229, { hresult: '0x800423F3', writerName: 'Microsoft Exchange Writer', operation: 'PrepareForSnapshot Event' });
			const b = attempt({ vmbackupStatus: 5, hresult: '0x800423F3' }, [post, veto]);
			const findings = diagnose(input({ attempts: [b], records: [post, veto] }));
			assert.equal(only(findings, 'QL101').length, 0);
			assert.equal(only(findings, 'QL206').length, 1);
		});

		it('reports a guest log on its own (no attempt) at bundle level, and never on Hyper-V', () => {
			const ev = rec('vmbackup-event', { event: 'req.error', code: 5, message: "'VssSyncStart' operation failed: 0x80042302", op: 'VssSyncStart', hresult: '0x80042302' }, { path: GUEST });
			const [f] = only(diagnose(input({ records: [ev] })), 'QL101');
			assert.equal(f.attemptId, null);
			assert.equal(f.hresult, '0x80042302');
			assert.equal(only(diagnose(input({ records: [ev], hypervisor: 'hyper-v' })), 'QL101').length, 0);
		});
	});

	describe('QL102 invalid state (VmBackupStatus 1)', () => {
		it('positive: status 1 says an earlier quiesce was still running', () => {
			const post = hostError(1);
			const [f] = only(diagnose(input({ attempts: [attempt({ vmbackupStatus: 1 }, [post])], records: [post] })), 'QL102');
			assert.equal(f.severity, 'error');
			assert.match(f.fix, /one backup/);
		});
		it('negative: another status', () => {
			const post = hostError(5);
			assert.equal(only(diagnose(input({ attempts: [attempt({ vmbackupStatus: 5 }, [post])], records: [post] })), 'QL102').length, 0);
		});
	});

	describe('QL103 custom quiesce script failed (VmBackupStatus 2 / exit code)', () => {
		const run = rec('vmbackup-script', { action: 'run', script: '/etc/vmware-tools/backupScripts.d/10-db.sh', phase: 'freeze', exitCode: null }, { path: GUEST, line: 900 });
		const exit = rec('vmbackup-script', { action: 'exit', script: null, phase: null, exitCode: 3 }, { path: GUEST, line: 901 });

		it('positive: names the script, its phase and exit code, with the freeze command to rerun', () => {
			const post = hostError(2);
			const a = attempt({ vmbackupStatus: 2 }, [run, exit, post]);
			const [f] = only(diagnose(input({ attempts: [a], records: [linuxGuest, run, exit, post] })), 'QL103');
			assert.equal(f.severity, 'error');
			assert.match(f.message, /10-db\.sh.*'freeze'.*code 3/);
			assert.match(f.fix, /"\/etc\/vmware-tools\/backupScripts\.d\/10-db\.sh" freeze/);
			assert.deepEqual(new Set(f.evidence.map((e) => e.path)), new Set([GUEST, VMX]));
		});
		it('a non-zero exit in a successful attempt is a warning', () => {
			const a = goodAttempt({}, [run, exit]);
			const [f] = only(diagnose(input({ attempts: [a], records: [run, exit] })), 'QL103');
			assert.equal(f.severity, 'warning');
		});
		it('negative: exit code 0', () => {
			const ok = rec('vmbackup-script', { action: 'exit', exitCode: 0 }, { path: GUEST, line: 902 });
			assert.equal(only(diagnose(input({ records: [run, ok] })), 'QL103').length, 0);
		});
	});

	describe('QL104 file systems could not be frozen (VmBackupStatus 3)', () => {
		const post = hostError(3, { errorMessage: 'Error when enabling the sync provider.' });
		it('positive on Linux: points at excludedFileSystems and fsfreeze -u', () => {
			const [f] = only(diagnose(input({ attempts: [attempt({ vmbackupStatus: 3 }, [post])], records: [linuxGuest, post] })), 'QL104');
			assert.equal(f.severity, 'error');
			assert.match(f.message, /sync provider/);
			assert.match(f.fix, /excludedFileSystems/);
			assert.match(f.fix, /fsfreeze -u/);
			assert.match(f.fix, /systemctl restart vmtoolsd/);
		});
		it('on Windows: repair the VSS component instead', () => {
			const [f] = only(diagnose(input({ attempts: [attempt({ vmbackupStatus: 3 }, [post])], records: [windowsGuest, post] })), 'QL104');
			assert.match(f.fix, /VSS component/);
			assert.doesNotMatch(f.fix, /fsfreeze/);
		});
		it('negative: no status 3', () => {
			assert.equal(only(diagnose(input({ attempts: [attempt()], records: [linuxGuest] })), 'QL104').length, 0);
		});
		it('positive without a status: the sync driver line names the mount and errno, the fix excludes that mount', () => {
			const busy = rec('sync-driver', { domain: 'vmsvc', call: 'freeze', path: '/data', errno: 16, errnoName: 'EBUSY', errorText: 'Device or resource busy', failed: true, run: 1 }, { path: GUEST, line: 3 });
			const [f] = only(diagnose(input({ attempts: [attempt({}, [busy])], records: [linuxGuest, busy] })), 'QL104');
			assert.match(f.title, /\/data/);
			assert.match(f.message, /\/data failed with EBUSY \(16, Device or resource busy\)/);
			assert.match(f.message, /frozen already/);
			assert.match(f.fix, /excludedFileSystems=\/data/);
			assert.match(f.fix, /fsfreeze -u \/data/);
			assert.deepEqual(
				f.evidence.map((e) => e.line),
				[3],
			);
			const ja = only(diagnose(input({ attempts: [attempt({}, [busy])], records: [linuxGuest, busy], locale: 'ja' })), 'QL104')[0];
			assert.match(ja.message, /EBUSY 16/);
		});
		it('EOPNOTSUPP says the file system type cannot be frozen, and no thaw step', () => {
			const nfs = rec('sync-driver', { domain: 'vmsvc', call: 'freeze', path: '/mnt/nfs', errno: 95, errnoName: 'EOPNOTSUPP', errorText: 'Operation not supported', failed: true, run: 1 }, { path: GUEST, line: 3 });
			const [f] = only(diagnose(input({ attempts: [attempt({}, [nfs])], records: [linuxGuest, nfs] })), 'QL104');
			assert.match(f.message, /cannot be frozen \(NFS/);
			assert.doesNotMatch(f.fix, /fsfreeze -u/);
		});
		it('negative: a sync driver trace that is no failure (`freeze on … returned`)', () => {
			const trace = rec('sync-driver', { domain: 'vmsvc', call: 'freeze', path: '/mnt/nfs', errno: 95, errnoName: 'EOPNOTSUPP', errorText: 'Operation not supported', failed: false, run: 1 }, { path: GUEST, line: 3 });
			assert.equal(only(diagnose(input({ attempts: [attempt({}, [trace])], records: [linuxGuest, trace] })), 'QL104').length, 0);
		});
	});

	describe('QL105 host aborted the quiesce (VmBackupStatus 4)', () => {
		const post = hostError(4);
		it('positive: status 4 without a host timeout', () => {
			assert.equal(only(diagnose(input({ attempts: [attempt({ vmbackupStatus: 4 }, [post])], records: [post] })), 'QL105').length, 1);
		});
		it('negative: a host timeout explains the abort (QL106 instead)', () => {
			const timeout = reason('timeout');
			const findings = diagnose(input({ attempts: [attempt({ vmbackupStatus: 4 }, [post, timeout])], records: [post, timeout] }));
			assert.equal(only(findings, 'QL105').length, 0);
			assert.equal(only(findings, 'QL106').length, 1);
		});
	});

	describe('QL106 quiesce timed out', () => {
		it('positive: states how long the host waited', () => {
			const t = reason('timeout');
			const [f] = only(diagnose(input({ attempts: [attempt({ quiesceMs: 900_000 }, [t])], records: [t] })), 'QL106');
			assert.equal(f.severity, 'error');
			assert.match(f.message, /after 15 min/);
			assert.ok(f.kb.some((k) => k.url.endsWith('/issues/16')));
		});
		it('negative: "guest not privileged" is the cause (QL109 alone)', () => {
			const t = reason('timeout');
			const np = reason('not-privileged');
			const findings = diagnose(input({ attempts: [attempt({}, [np, t])], records: [np, t] }));
			assert.equal(only(findings, 'QL106').length, 0);
			assert.equal(only(findings, 'QL109').length, 1);
		});
	});

	describe('QL107 I/O hold-off exceeded', () => {
		it('positive: from the host message, with KB 1018194 and the fault page', () => {
			const r = reason('io-holdoff-exceeded');
			const [f] = only(diagnose(input({ attempts: [attempt({ stunUs: 12_000_000 }, [r])], records: [r] })), 'QL107');
			assert.match(f.message, /stunned for 12 s/);
			assert.deepEqual(
				f.kb.slice(0, 2).map((k) => k.id),
				['VMware KB 1018194', 'vSphere API: FilesystemQuiesceFault'],
			);
		});
		it('positive: from the task fault alone', () => {
			assert.equal(only(diagnose(input({ attempts: [attempt({ fault: 'vim.fault.FilesystemQuiesceFault' })] })), 'QL107').length, 1);
		});
		it('negative: another fault', () => {
			assert.equal(only(diagnose(input({ attempts: [attempt({ fault: 'vim.fault.ApplicationQuiesceFault' })] })), 'QL107').length, 0);
		});
	});

	describe('QL108 VMware Tools not available', () => {
		it('positive: host note, Tools restart for a Linux guest, starved-guest warnings as evidence', () => {
			const r = reason('tools-not-available', 'esxi/hostd.log');
			const late = rec('tools-warning', { domain: 'guestinfo', message: 'GuestInfo collection interval longer than expected' }, { path: GUEST });
			const [f] = only(diagnose(input({ attempts: [attempt({}, [r])], records: [linuxGuest, r, late] })), 'QL108');
			assert.equal(f.severity, 'error');
			assert.match(f.fix, /systemctl restart vmtoolsd/);
			assert.match(f.fix, /CPU contention/);
			assert.deepEqual(new Set(f.evidence.map((e) => e.path)), new Set(['esxi/hostd.log', GUEST]));
		});
		it('negative: Tools answered', () => {
			assert.equal(only(diagnose(input({ attempts: [attempt()] })), 'QL108').length, 0);
		});
	});

	describe('QL109 guest not privileged', () => {
		it('positive', () => {
			const r = reason('not-privileged');
			assert.equal(only(diagnose(input({ attempts: [attempt({}, [r])], records: [r] })), 'QL109')[0].severity, 'error');
		});
		it('negative', () => {
			assert.equal(only(diagnose(input({ attempts: [attempt()] })), 'QL109').length, 0);
		});
	});

	describe('QL110 crash-consistent fallback', () => {
		const s1 = rec('snapshot-start', { quiesced: true }, { path: VMX, text: "SnapshotVMX_TakeSnapshot start: 'n', quiesced=1" });
		const s2 = rec('snapshot-start', { quiesced: false }, { path: VMX, text: "SnapshotVMX_TakeSnapshot start: 'n retry', quiesced=0" });
		const a1 = attempt({ id: 'a1' }, [s1]);
		it('positive: the retry is an error that quotes both snapshot starts', () => {
			const a2 = attempt({ id: 'a2', quiesced: false, result: 'success', consistency: 'crash', fallbackOf: 'a1', start: '2024-01-01T00:03:00.000Z' }, [s2]);
			const [f] = only(diagnose(input({ attempts: [a1, a2], records: [s1, s2] })), 'QL110');
			assert.equal(f.severity, 'error');
			assert.equal(f.attemptId, 'a2');
			assert.match(f.message, /crash-consistent/);
			assert.match(f.message, /\(quiesced=0\) 2 min later/);
			assert.deepEqual(
				f.evidence.map((e) => e.line),
				[s2.source.line, s1.source.line],
			);
		});
		it('negative: a plain crash-consistent snapshot, and a retry that failed too', () => {
			const plain = attempt({ id: 'a2', quiesced: false, result: 'success', consistency: 'crash' });
			const failed = attempt({ id: 'a3', quiesced: false, result: 'failed', fallbackOf: 'a1' });
			assert.equal(only(diagnose(input({ attempts: [a1, plain, failed] })), 'QL110').length, 0);
		});
	});

	describe('QL111 only file-system-consistent on Windows', () => {
		const fs = goodAttempt({ consistency: 'filesystem', consistencyEvidence: ['The VM does not set disk.EnableUUID = TRUE.'] });
		it('positive: a Windows guest', () => {
			const [f] = only(diagnose(input({ attempts: [fs], records: [windowsGuest] })), 'QL111');
			assert.equal(f.severity, 'warning');
			assert.match(f.message, /disk\.EnableUUID/);
			assert.match(f.fix, /disk\.EnableUUID = TRUE/);
		});
		it('negative: application-consistent, or a Linux guest (file-system is the best it gets)', () => {
			assert.equal(only(diagnose(input({ attempts: [goodAttempt()], records: [windowsGuest] })), 'QL111').length, 0);
			assert.equal(only(diagnose(input({ attempts: [fs], records: [linuxGuest] })), 'QL111').length, 0);
		});
	});

	describe('QL112 failed quiesce with no explanation (fallback)', () => {
		it('positive: says what to collect', () => {
			const [f] = only(diagnose(input({ attempts: [attempt({ fault: 'vim.fault.ApplicationQuiesceFault' })], writerListings: [listing()] })), 'QL112');
			assert.equal(f.severity, 'error');
			assert.match(f.message, /ApplicationQuiesceFault/);
			assert.match(f.fix, /vmbackup\.level = debug/);
			assert.match(f.fix, /wevtutil epl Application/);
		});
		it('negative: another error explains it, or the failed snapshot was not quiesced', () => {
			const r = reason('tools-not-available');
			assert.equal(only(diagnose(input({ attempts: [attempt({}, [r])], records: [r] })), 'QL112').length, 0);
			assert.equal(only(diagnose(input({ attempts: [attempt({ quiesced: false })] })), 'QL112').length, 0);
		});
	});

	describe('QL113 copy backups do not truncate logs', () => {
		const bcd = rec('vss-backup-components', { backupType: 'copy' }, { path: 'esxi/vm/vss_manifests1.zip!/backup.xml' });
		const sqlWriter = rec('vss-bcd-writer', { writerId: IDS.sqlWriter }, { path: 'esxi/vm/vss_manifests1.zip!/backup.xml' });
		it('positive: SQL Server in the manifest is info, with VSS_BACKUP_TYPE cited', () => {
			const [f] = only(diagnose(input({ attempts: [goodAttempt()], records: [bcd, sqlWriter] })), 'QL113');
			assert.equal(f.severity, 'info');
			assert.match(f.message, /VSS_BT_COPY/);
			assert.deepEqual(f.writers, ['SqlServerWriter']);
			assert.ok(f.kb.some((k) => k.url.endsWith('ne-vss-vss_backup_type')));
		});
		it("positive: Exchange (logs fill the volume) is a warning; SQL Writer's own log also shows the copy type", () => {
			const exch = writer('Microsoft Exchange Writer', 1, { writerId: IDS.exchangeWriter });
			const type = rec('sqlwriter-backup-type', { backupType: 'VSS_BT_COPY' });
			const [f] = only(diagnose(input({ attempts: [goodAttempt()], writers: [exch], records: [type] })), 'QL113');
			assert.equal(f.severity, 'warning');
			assert.deepEqual(f.writers, ['SqlServerWriter', 'Microsoft Exchange Writer']);
		});
		it('negative: no successful quiesced attempt, or a full backup', () => {
			assert.equal(only(diagnose(input({ attempts: [attempt()], records: [bcd] })), 'QL113').length, 0);
			const full = rec('vss-backup-components', { backupType: 'full' });
			assert.equal(only(diagnose(input({ attempts: [goodAttempt()], records: [full] })), 'QL113').length, 0);
		});
	});
});
