import * as assert from 'assert/strict';
import { analyzeText } from '../../src/core';
import { diagnose } from '../../src/core/diagnosis/diagnose';
import type { LogRecord } from '../../src/core/model/records';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';
import { input, only, rec } from './ruleInputs';

// Session 9 (wild17): the vSphere side as other versions and other tools publish it — vmware.log of
// ESXi 6.0 and 8.x, a KB's run-together copy, hot-add and consolidation stuns, a VDDK trace, tools.conf
// (test/fixtures/wild/README.md names each source), with variants of what a paste does to them.

const SYNC_OFF = 'ovt-7-tools-conf-vmbackup-enablesyncdriver-false-comment.txt';
const VIMCMD = 'dfir-esxi8-vimcmd-snapshot-create-memory-not-quiesced-fenced.txt';
const VIRTEN = 'virten-esxi60-takesnapshot-quiesced-1-checkpoint-unstun.txt';
const CONSOLIDATE = 'broadcom-417644-vsan8-snapshot-done-consolidate-stun-bulleted.txt';
const RUN_TOGETHER = 'codenotary-kb2039754-checkpoint-unstun-consolidate-run-together.txt';
const HOT_ADD = 'broadcom-432796-hot-add-migrate-stun-placeholder-stamps.txt';
const VDDK = 'velero-vsphere-118-vixdisklib-nfc-902-timeout.txt';

describe('wild17: tools.conf turns the Linux sync driver off (open-vm-tools lies about quiescing)', () => {
	const readsOff = (r: Report) => {
		assert.deepEqual(codes(r), ['QL407']);
		const f = finding(r, 'QL407')!;
		assert.equal(f.severity, 'warning');
		assert.match(f.message, /enableSyncDriver=false/);
		assert.match(f.message, /crash-consistent/);
		assert.match(f.fix, /excludedFileSystems/);
		assert.match(f.fix, /enableSyncDriver/);
		assert.deepEqual(
			f.kb.map((k) => k.id),
			['open-vm-tools #7', 'open-vm-tools syncDriverOps.c'],
		);
		return f;
	};

	it("the maintainer's comment (a [vmbackup] block between # Start / # End, prose around it): QL407 on the setting's line", () => {
		const f = readsOff(analyse(wild(SYNC_OFF)));
		assert.equal(f.evidence[0].text, 'enableSyncDriver=false');
	});

	it('quoted with `> `, with CRLF line ends, written `enableSyncDriver = 0` or `FALSE`: the same reading', () => {
		readsOff(analyse(quoted(wild(SYNC_OFF))));
		readsOff(analyse(crlf(wild(SYNC_OFF))));
		const zero = wild(SYNC_OFF).replace('enableSyncDriver=false', 'enableSyncDriver = 0');
		assert.equal(finding(analyse(zero), 'QL407')?.evidence[0].text, 'enableSyncDriver = 0');
		assert.deepEqual(codes(analyse(wild(SYNC_OFF).replace('=false', '=FALSE'))), ['QL407']);
	});

	it('negative: true, a word GKeyFile does not take as false (Tools keeps the default), a key of another group, a Windows guest', () => {
		assert.deepEqual(codes(analyse(wild(SYNC_OFF).replace('=false', '=true'))), []);
		assert.deepEqual(codes(analyse(wild(SYNC_OFF).replace('=false', '=no'))), []);
		assert.deepEqual(codes(analyse(wild(SYNC_OFF).replace('[vmbackup]', '[vmsvc]'))), []);
		// A Windows guest's facts (its VMX guestOS) beside the same tools.conf: Windows Tools never read the key.
		const vmx = ['.encoding = "UTF-8"', 'config.version = "8"', 'virtualHW.version = "19"', 'guestOS = "windows2019srv-64"', 'displayName = "SQL-01"'].join('\n');
		const r = analyzeTwo(wild(SYNC_OFF), vmx);
		assert.equal(finding(r, 'QL407'), undefined);
	});

	it("Tools' own log of the defaults it read (`Returning default value … =TRUE.`) raises nothing", () => {
		const log = ["[Jul 16 20:47:04.466] [   debug] [vmsvc] VMTools_ConfigGetBoolean: Returning default value for '[vmbackup] enableSyncDriver'=TRUE.", '[Jul 16 20:47:04.466] [   debug] [vmbackup] *** VmBackupStart'].join('\n');
		assert.deepEqual(codes(analyse(log)), []);
	});

	it('beside a quiesced snapshot the host recorded, the message names that try; in Japanese the finding says so in Japanese', () => {
		const vmwareLog = [
			"2023-03-14T21:56:47.101Z| vmx| I125: SnapshotVMX_TakeSnapshot start: 'nightly', deviceState=0, lazy=0, quiesced=1, forceNative=0, tryNative=1, saveAllocMaps=0",
			"2023-03-14T21:56:52.877Z| vmx| I125: SnapshotVMXTakeSnapshotComplete: Done with snapshot 'nightly': 12",
		].join('\n');
		const r = analyzeTwo(wild(SYNC_OFF), vmwareLog);
		const a = r.attempts.find((x) => x.quiesced === true)!;
		assert.equal(a.result, 'success');
		assert.match(finding(r, 'QL407')!.message, new RegExp(`Attempts ${a.id} are recorded as quiesced`));
		const ja = analyse(wild(SYNC_OFF), 'ja');
		assert.match(finding(ja, 'QL407')!.title, /同期|フリーズ/);
		assert.match(finding(ja, 'QL407')!.message, /クラッシュ整合/);
	});
});

describe("wild17: Tools' own warning when no quiescing provider is left (stateMachine.c: `Requested quiescing cannot be initialized.`)", () => {
	const warning = [
		'[2023-03-14T21:56:48.318Z] [   debug] [vmbackup] [11804] *** VmBackupStart',
		'[2023-03-14T21:56:48.318Z] [   debug] [vmbackup] [11804] Using quiesceApps = 1, quiesceFS = 1, allowHWProvider = 1, execScripts = 1, scriptArg = , timeout = 0, enableNullDriver = 1, forceQuiesce = 1',
		'[2023-03-14T21:56:48.318Z] [ warning] [vmbackup] [11804] Requested quiescing cannot be initialized.',
	].join('\n');

	it("the Tools log alone: the failed try's cause is QL407 (error), not QL112 — the sync driver is off or could not start", () => {
		for (const text of [warning, quoted(warning), crlf(warning)]) {
			const r = analyse(text);
			assert.deepEqual(codes(r), ['QL407']);
			const f = finding(r, 'QL407')!;
			assert.equal(f.severity, 'error');
			assert.equal(f.attemptId, r.attempts[0].id);
			assert.equal(r.attempts[0].result, 'failed');
			assert.match(f.fix, /enableSyncDriver/);
		}
	});

	it("with the guest's tools.conf in the bundle, the finding names the setting as the cause; in Japanese too", () => {
		const r = analyzeText([
			{ name: 'guest/tools.conf', text: '[vmbackup]\nenableSyncDriver = false\n' },
			{ name: 'guest/vmsvc.log', text: warning },
		]);
		const f = finding(r, 'QL407')!;
		assert.equal(f.severity, 'error');
		assert.match(f.message, /turns the sync driver off \(enableSyncDriver = false\)/);
		assert.equal(f.evidence.length, 2);
		const ja = analyzeText([{ name: 'guest/vmsvc.log', text: warning }], { locale: 'ja' });
		assert.match(finding(ja, 'QL407')!.message, /プロバイダー/);
	});

	it('negative: the sync driver failing to freeze (its own error) is not this finding', () => {
		const failed = warning.replace('Requested quiescing cannot be initialized.', 'Error freezing filesystems.');
		assert.equal(finding(analyse(failed), 'QL407'), undefined);
	});
});

describe('wild17: vmware.log of ESXi 8 (`In(05) vmx <opID>`) — vim-cmd takes a memory snapshot, not quiesced', () => {
	const readsVimCmd = (r: Report) => {
		assert.deepEqual(codes(r), []);
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.equal(a.quiesced, false);
		assert.equal(a.result, 'success');
		assert.equal(a.start, '2023-12-05T17:42:40.666Z');
		assert.equal(a.snapshotName, 'snapshot_exfill');
		assert.equal(a.consistency, 'crash');
	};

	it('the DFIR notes (Jekyll include, fenced shell.log and vmware.log): one crash-consistent try, started 17:42:40.666 UTC', () => {
		readsVimCmd(analyse(wild(VIMCMD)));
	});

	it('quoted, CRLF, and in the ESXi 6/7 layout (`| vmx| I125:`) the same reading', () => {
		readsVimCmd(analyse(quoted(wild(VIMCMD))));
		readsVimCmd(analyse(crlf(wild(VIMCMD))));
		const esxi6 = wild(VIMCMD).replace(/^(\S+Z) In\(05\) (vmx|vcpu-0) \S+ /gm, '$1| $2| I125: ');
		assert.match(esxi6, /^2023-12-05T17:42:40\.666Z\| vmx\| I125: SnapshotVMX_TakeSnapshot start/m);
		readsVimCmd(analyse(esxi6));
	});
});

describe('wild17: vmware.log of ESXi 6.0 in a blog — a quiesced TakeSnapshot cut mid-line, then the stun', () => {
	it('one quiesced try from the start line (22:01:39.876 UTC), outcome unknown (the excerpt shows no end), its stun 188405 us; no finding', () => {
		for (const text of [wild(VIRTEN), crlf(wild(VIRTEN)), quoted(wild(VIRTEN))]) {
			const r = analyse(text);
			assert.deepEqual(codes(r), []);
			assert.equal(r.attempts.length, 1);
			const [a] = r.attempts;
			assert.equal(a.quiesced, true);
			assert.equal(a.result, 'unknown');
			assert.equal(a.start, '2015-10-27T22:01:39.876Z');
			assert.equal(a.stunUs, 188405);
		}
	});
});

describe('wild17: a Veeam quiesced snapshot of a guest with ZFS on a sparse file times out (vmware.log quoted in a comment, its last line cut)', () => {
	const FLYNN = 'flynn-3952-zfs-sparse-file-veeam-quiesce-timeout-cut.txt';
	const readsTimeout = (r: Report) => {
		assert.deepEqual(codes(r), ['QL106']);
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.equal(a.quiesced, true);
		assert.equal(a.result, 'failed');
		assert.equal(a.start, '2017-02-09T12:53:30.106Z');
		assert.equal(a.snapshotName, 'VEEAM BACKUP TEMPORARY SNAPSHOT');
		assert.match(finding(r, 'QL106')!.message, /Timed out while quiescing/);
	};

	it('ESXi 6.x layout (`| vmx| I120:`), the msg id line cut after "Timed out": QL106 for the try started 12:53:30.106 UTC', () => {
		readsTimeout(analyse(wild(FLYNN)));
		readsTimeout(analyse(quoted(wild(FLYNN))));
		readsTimeout(analyse(crlf(wild(FLYNN))));
	});

	it("the same entries in ESXi 8's layout (`In(05) vmx -`): the same reading", () => {
		const esxi8 = wild(FLYNN).replace(/^(\S+Z)\| (vmx|vcpu-0)\| I120: /gm, '$1 In(05) $2 - ');
		assert.match(esxi8, /^2017-02-09T13:08:30\.109Z In\(05\) vmx - \[msg\.snapshot\.quiesce\.timeout\]/m);
		readsTimeout(analyse(esxi8));
	});
});

describe('wild17: snapshot consolidation stuns (expected behaviour), as a KB lists them and as a blog runs them together', () => {
	const readsDone = (r: Report) => {
		assert.deepEqual(codes(r), []);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'success');
		assert.equal(r.attempts[0].quiesced, null);
		assert.equal(r.attempts[0].end, '2025-10-27T13:41:08.590Z');
	};

	it("Broadcom KB 417644's bulleted vmware.log (ESXi 8 layout): the backup's snapshot done, the later stuns and consolidation no failure", () => {
		readsDone(analyse(wild(CONSOLIDATE)));
		readsDone(analyse(crlf(wild(CONSOLIDATE))));
	});

	it('the same entries as a page copy runs them together (each stamp glued to the line before): the same reading', () => {
		const glued = wild(CONSOLIDATE)
			.split('\n')
			.filter((l) => /\d{4}-\d{2}-\d{2}T/.test(l))
			.map((l) => l.replace(/^\s*(?:•\s*)?/, ''))
			.join('');
		assert.match(glued, /complete\.2025-10-27T13:41:08\.590Z/);
		readsDone(analyse(glued));
	});

	it('a blog quoting KB 2039754 with unstamped `vmx|` entries run together: no try and no finding (nothing failed)', () => {
		const r = analyse(wild(RUN_TOGETHER));
		assert.deepEqual(codes(r), []);
		assert.equal(r.attempts.length, 0);
	});

	it('a hot add stuns the VM through a same-host migration (Broadcom KB 432796, `YYYY-MM-DDThh:mm:ss` placeholders): no snapshot try, no finding', () => {
		for (const text of [wild(HOT_ADD), quoted(wild(HOT_ADD))]) {
			const r = analyse(text);
			assert.deepEqual(codes(r), []);
			assert.equal(r.attempts.length, 0);
		}
	});
});

describe('wild17: a VDDK trace (vixDiskLib) failing to reach the host on port 902', () => {
	it('no snapshot try and no quiesce finding: the transport, not the guest, failed', () => {
		const r = analyse(wild(VDDK));
		assert.deepEqual(codes(r), []);
		assert.equal(r.attempts.length, 0);
	});
});

/** Two texts of one bundle: the guest's paste and a file of the host. */
function analyzeTwo(guest: string, host: string): Report {
	return analyzeText([
		{ name: 'guest/tools.conf.txt', text: guest },
		{ name: 'esxi/vm/vmware.log', text: host },
	]);
}

describe("wild17: ghettoVCB's log (vim-cmd snapshots on the ESXi shell, stamps in UTC)", () => {
	const TIMED_OUT = 'ghettovcb-160-snapshot-timed-out-quoted-in-prose.txt';
	const DISK = 'ghettovcb-297-vmdk-backup-error-nfs-two-hosts.txt';
	const UNSTAMPED = 'ghettovcb-326-esxi8-unstamped-backup-with-user-snapshot.txt';

	const readsTimedOut = (r: Report) => {
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.equal(a.requester, 'ghettoVCB');
		assert.equal(a.result, 'failed');
		assert.equal(a.vm, 'imap-plus-1');
		const f = finding(r, 'QL554')!;
		assert.match(f.message, /Snapshot timed out, failed to create snapshot: "ghettoVCB-snapshot-2019-06-08" for imap-plus-1\)/);
		// The prose after the quoted message is no part of it.
		assert.doesNotMatch(f.message, /15\.20 minutes/);
		assert.match(f.fix, /vmware\.log/);
		assert.match(f.fix, /vim-cmd vmsvc\/snapshot\.create <vmid> test test 0 1/);
		assert.doesNotMatch(f.fix, /Veeam/);
	};

	it('a comment quoting "Snapshot timed out, failed to create snapshot" in a sentence: a failed try of imap-plus-1, the host logs and vim-cmd by hand', () => {
		readsTimedOut(analyse(wild(TIMED_OUT)));
		readsTimedOut(analyse(quoted(wild(TIMED_OUT))));
		readsTimedOut(analyse(crlf(wild(TIMED_OUT))));
	});

	it('the log line itself, with CONFIG lines asking for a quiesced snapshot: a quiesced try, started at the create in UTC', () => {
		const log = [
			'2019-06-08 01:00:01 -- info: ============================== ghettoVCB LOG START ==============================',
			'2019-06-08 01:00:01 -- info: CONFIG - VM_SNAPSHOT_MEMORY = 0',
			'2019-06-08 01:00:01 -- info: CONFIG - VM_SNAPSHOT_QUIESCE = 1',
			'2019-06-08 01:00:03 -- info: Initiate backup for imap-plus-1',
			'2019-06-08 01:00:03 -- info: Creating Snapshot "ghettoVCB-snapshot-2019-06-08" for imap-plus-1',
			'2019-06-08 01:15:15 -- info: Snapshot timed out, failed to create snapshot: "ghettoVCB-snapshot-2019-06-08" for imap-plus-1',
			'2019-06-08 01:15:15 -- info: ERROR: Unable to backup imap-plus-1 due to snapshot creation!',
			'',
			'2019-06-08 01:15:16 -- info: ###### Final status: ERROR: All VMs failed! ######',
		].join('\n');
		const r = analyse(log);
		assert.equal(r.inputs[0].format, 'ghettovcb-log');
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.equal(a.quiesced, true);
		assert.equal(a.result, 'failed');
		assert.equal(a.start, '2019-06-08T01:00:03.000Z');
		assert.equal(a.snapshotName, 'ghettoVCB-snapshot-2019-06-08');
		assert.match(finding(r, 'QL554')!.fix, /vim-cmd/);
		// VM_SNAPSHOT_QUIESCE = 0 (the default): the same try is not quiesced.
		assert.equal(analyse(log.replace('VM_SNAPSHOT_QUIESCE = 1', 'VM_SNAPSHOT_QUIESCE = 0')).attempts[0].quiesced, false);
	});

	it('a disk the clone failed on (NFS shared by two hosts): the snapshot was taken and removed, so no vim-cmd advice, the host logs instead', () => {
		for (const text of [wild(DISK), quoted(wild(DISK)), crlf(wild(DISK))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			const [a] = r.attempts;
			assert.equal(a.vm, 'lon-p-dcstudio');
			assert.equal(a.result, 'failed');
			assert.equal(a.start, '2023-06-30T05:15:35.000Z');
			const f = finding(r, 'QL554')!;
			assert.match(f.message, /error in VMDK backup/);
			assert.match(f.fix, /vmkernel\.log/);
			assert.doesNotMatch(f.fix, /vim-cmd/);
		}
	});

	it('an ESXi 8 post keeping only `info:` lines between vmkfstools output: one successful try by ghettoVCB, no finding', () => {
		for (const text of [wild(UNSTAMPED), crlf(wild(UNSTAMPED))]) {
			const r = analyse(text);
			assert.deepEqual(codes(r), []);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].requester, 'ghettoVCB');
			assert.equal(r.attempts[0].result, 'success');
			assert.equal(r.attempts[0].start, null);
		}
	});

	it("QL554's advice follows the product's side: a guest requester's task log, a host-side script's host logs and (no snapshot made) the command by hand", () => {
		const job = (product: string) => rec('product-job', { product, scope: 'task', session: 'vm1', status: 'failed', tasks: null, succeeded: null, failed: null, details: null });
		const fixOf = (records: LogRecord[]) => only(diagnose(input({ records })), 'QL554')[0].fix;
		const veeam = fixOf([job('veeam')]);
		assert.match(veeam, /Task\.<vm>\.log/);
		assert.doesNotMatch(veeam, /vim-cmd|hostd\.log/);
		const ghetto = fixOf([job('ghettovcb')]);
		assert.match(ghetto, /hostd\.log/);
		assert.match(ghetto, /vim-cmd vmsvc\/snapshot\.create/);
		const removed = rec('product-snapshot', { product: 'ghettovcb', action: 'remove', name: null, ref: null, quiesce: null, memory: null });
		assert.doesNotMatch(fixOf([job('ghettovcb'), removed]), /vim-cmd/);
		// Another host-side product (no command of its own): the host logs only.
		const tsm = fixOf([job('tsm')]);
		assert.match(tsm, /vmware\.log/);
		assert.doesNotMatch(tsm, /vim-cmd/);
	});
});
