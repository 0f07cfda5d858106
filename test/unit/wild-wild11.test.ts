import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 8 (wild11): a KVM host's backup and the QEMU guest agent's freeze, as Proxmox VE's vzdump logs it
// (test/fixtures/wild/README.md names each source), with variants of what a paste does to it.

const SKIPPED = 'haos-3685-proxmox-vzdump-skipping-fs-freeze-agent-not-running.txt';
const HOOK = 'openccu-3593-de-vzdump-fsfreeze-hook-bad-substitution.txt';
const THAWED = 'haos-3251-vzdump-fs-freeze-thaw-success.txt';

const formats = (r: Report) => r.inputs.map((i) => i.format);

describe('wild11: vzdump skips the freeze because the guest agent does not answer', () => {
	const readsSkipped = (r: Report) => {
		assert.deepEqual(codes(r), ['QL555']);
		const f = finding(r, 'QL555')!;
		assert.equal(f.severity, 'warning');
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.equal(a.quiesced, false);
		assert.equal(a.result, 'unknown');
		assert.equal(a.requester, 'Proxmox VE (vzdump)');
		assert.equal(f.attemptId, a.id);
		assert.match(f.message, /crash-consistent/);
		assert.match(f.fix, /qemu-guest-agent/);
		return f;
	};

	it('the job log with VM ids and local stamps: a crash-consistent try of VM 106, QL555 (warning) naming the agent', () => {
		const r = analyse(wild(SKIPPED));
		assert.deepEqual(formats(r), ['proxmox-vzdump']);
		const f = readsSkipped(r);
		assert.equal(r.attempts[0].vm, '106');
		// The poster's arrow after vzdump's text is no part of it.
		assert.match(f.message, /\(agent configured but not running\?\)/);
		assert.doesNotMatch(f.message, /<<=/);
	});

	it('quoted with `> `, with CRLF line ends, and as the GUI task viewer prints it (no VM id, no stamp): the same reading', () => {
		readsSkipped(analyse(quoted(wild(SKIPPED))));
		readsSkipped(analyse(crlf(wild(SKIPPED))));
		const gui = wild(SKIPPED).replace(/^106: \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} /gm, '');
		assert.match(gui, /^INFO: skipping guest-agent/m);
		readsSkipped(analyse(gui));
	});

	it('cut mid-line after the command name, the skip still reads; in Japanese the finding says so in Japanese', () => {
		const cut = wild(SKIPPED).replace(/'fs-freeze', agent configured.*$/m, "'fs-freeze', agent conf");
		readsSkipped(analyse(cut));
		const ja = analyse(wild(SKIPPED), 'ja');
		assert.match(finding(ja, 'QL555')!.title, /ゲスト エージェントが応答しませんでした/);
		assert.match(finding(ja, 'QL555')!.message, /クラッシュ整合/);
	});

	it('a job of two VMs, one frozen and one skipped: two tries, quiesced yes and no, the warning on the skipped one', () => {
		const job = [
			'INFO: starting new backup job: vzdump 101 102 --mode snapshot --storage pbs',
			'INFO: Starting Backup of VM 101 (qemu)',
			"INFO: issuing guest-agent 'fs-freeze' command",
			"INFO: issuing guest-agent 'fs-thaw' command",
			'INFO: Finished Backup of VM 101 (00:01:02)',
			'INFO: Starting Backup of VM 102 (qemu)',
			"INFO: skipping guest-agent 'fs-freeze', agent configured but not running?",
			'INFO: Finished Backup of VM 102 (00:00:41)',
			'INFO: Backup job finished successfully',
			'TASK OK',
		].join('\n');
		const r = analyse(job);
		const byVm = new Map(r.attempts.map((a) => [a.vm, a]));
		assert.equal(byVm.get('101')?.quiesced, true);
		assert.equal(byVm.get('101')?.result, 'success');
		assert.equal(byVm.get('102')?.quiesced, false);
		assert.deepEqual(codes(r), ['QL555']);
		assert.equal(finding(r, 'QL555')!.attemptId, byVm.get('102')!.id);
	});
});

describe('wild11: the guest agent fails the freeze (its fsfreeze hook), under German prose', () => {
	const readsHook = (r: Report) => {
		assert.deepEqual(codes(r), ['QL555']);
		const f = finding(r, 'QL555')!;
		assert.equal(f.severity, 'error');
		const [a] = r.attempts;
		assert.equal(r.attempts.length, 1);
		// wild26: vzdump logs the failed freeze and backs the guest up unfrozen: a crash-consistent try, not a failed one.
		assert.equal(a.quiesced, false);
		assert.notEqual(a.result, 'failed');
		assert.equal(f.attemptId, a.id);
		assert.match(f.message, /fsfreeze-hook: line 60: syntax error: bad substitution/);
		assert.match(f.fix, /fsfreeze-hook freeze/);
		// Not QL112: the agent's words say why, and no VMware Tools advice for a KVM guest.
		assert.doesNotMatch(f.fix, /VMware Tools/);
		return f;
	};

	it('reads the three vzdump lines: an unfrozen (crash-consistent) try, QL555 (error) with the hook fix', () => {
		const r = analyse(wild(HOOK));
		assert.ok(formats(r).includes('proxmox-vzdump'), formats(r).join());
		readsHook(r);
	});

	it('quoted, CRLF, and the hook error hard-wrapped by a mail client: the same reading', () => {
		readsHook(analyse(quoted(wild(HOOK))));
		readsHook(analyse(crlf(wild(HOOK))));
		// Wrapped after the hook's name: the agent's words on the line kept still name the hook.
		const wrapped = analyse(wild(HOOK).replace('fsfreeze hook: /etc', 'fsfreeze hook:\n/etc'));
		const f = finding(wrapped, 'QL555')!;
		assert.equal(f.severity, 'error');
		assert.match(f.fix, /fsfreeze-hook freeze/);
	});

	it('a failed thaw says the guest may still be frozen and how to thaw it', () => {
		const r = analyse(["INFO: issuing guest-agent 'fs-freeze' command", "INFO: issuing guest-agent 'fs-thaw' command", 'ERROR: unable to thaw guest fs - got timeout'].join('\n'));
		const f = finding(r, 'QL555')!;
		assert.equal(f.severity, 'error');
		assert.match(f.message, /may still be frozen/);
		assert.match(f.fix, /fsfreeze-thaw/);
		assert.match(f.fix, /journalctl -u qemu-guest-agent/);
	});

	it("in Japanese: the title and the hook explanation in Japanese, the agent's words as printed", () => {
		const f = finding(analyse(wild(HOOK), 'ja'), 'QL555')!;
		assert.match(f.title, /フリーズが失敗しました/);
		assert.match(f.message, /fsfreeze フック/);
		assert.match(f.message, /bad substitution/);
	});
});

describe('wild11: a vzdump log whose freeze and thaw went through', () => {
	it("a quiesced try with no finding; with the VM's verdict, a success", () => {
		const r = analyse(wild(THAWED));
		assert.deepEqual(formats(r), ['proxmox-vzdump']);
		assert.deepEqual(codes(r), []);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].quiesced, true);
		assert.equal(r.attempts[0].result, 'unknown');
		const done = analyse(`${wild(THAWED).replace(/```\s*$/, '')}INFO: Finished Backup of VM 105 (00:03:05)\n`);
		assert.equal(done.attempts[0].result, 'success');
		assert.deepEqual(codes(done), []);
	});

	it("negative: an agent log of `INFO:`/`ERROR:` lines without vzdump's own lines is not read as vzdump", () => {
		const r = analyse(['INFO: Backup started {BackupManager}', 'ERROR: Failed to create snapshot, error 0x80042306 {VssModule}'].join('\n'));
		assert.ok(!formats(r).includes('proxmox-vzdump'), formats(r).join());
	});
});

describe("wild11: Proxmox's own page runs the task log's two lines together", () => {
	const WIKI = 'pvewiki-vm-backup-consistency-fs-freeze-thaw-run-together.txt';

	it('reads the run-together freeze and thaw: one quiesced try, no finding; the prose around it unparsed', () => {
		const r = analyse(wild(WIKI));
		assert.deepEqual(formats(r), ['proxmox-vzdump']);
		assert.equal(r.inputs[0].unparsedLines, 4);
		assert.deepEqual(codes(r), []);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].quiesced, true);
		assert.equal(r.attempts[0].events.length, 2);
	});

	it('a failed freeze run together with its request is read too: QL555 (error)', () => {
		const r = analyse(wild(WIKI).replace("INFO: issuing guest-agent 'fs-thaw' command", 'ERROR: unable to freeze guest fs - got timeout'));
		assert.deepEqual(codes(r), ['QL555']);
		assert.equal(finding(r, 'QL555')!.severity, 'error');
		// wild26: vzdump goes on without the freeze.
		assert.equal(r.attempts[0].quiesced, false);
		assert.notEqual(r.attempts[0].result, 'failed');
	});

	it('negative: one level line alone (no second entry) is not taken for a vzdump log', () => {
		const r = analyse(['The trigger that can be observed in the backup task log:', "INFO: issuing guest-agent 'fs-freeze' command"].join('\n'));
		assert.ok(!formats(r).includes('proxmox-vzdump'), formats(r).join());
	});
});

describe('wild11: vmware.log relaying the Linux sync driver (open-vm-tools 10.0.5, Docker devicemapper)', () => {
	const OVT127 = 'ovt-127-vmware-log-guest-syncdriver-ebusy-docker.txt';

	it('EBUSY traces of a driver that skips them are no failure: one quiesced try, unknown, no finding', () => {
		const r = analyse(wild(OVT127));
		assert.deepEqual(formats(r), ['vmware-log']);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].quiesced, true);
		assert.equal(r.attempts[0].result, 'unknown');
		assert.deepEqual(codes(r), []);
		assert.deepEqual(codes(analyse(quoted(wild(OVT127)))), []);
	});

	it('a newer driver (its `(fd=N)` trace) that then fails the freeze: QL104 names the mount of the last EBUSY and the busy cause', () => {
		const newer = `${wild(OVT127)
			.replace(/freezing path '([^']+)'\./g, "freezing path '$1' (fd=12).")
			.replace(/\n[^\n]*opening path '\/var\/lib\/docker\/devicemapper'[\s\S]*$/, '')}\n2016-12-29T05:54:32.186Z| vcpu-7| I125: Guest: [ warning] [vmsvc:vmbackup] Error freezing filesystems.\n`;
		const r = analyse(newer);
		assert.deepEqual(codes(r), ['QL104']);
		const f = finding(r, 'QL104')!;
		assert.match(f.title, /\/var\/tmp/);
		assert.match(f.message, /EBUSY \(16/);
		assert.match(f.fix, /fsfreeze -u \/var\/tmp/);
		// In Japanese the same mount and errno.
		const ja = finding(analyse(newer, 'ja'), 'QL104')!;
		assert.match(ja.title, /\/var\/tmp/);
		assert.match(ja.message, /EBUSY/);
	});

	it('negative: EOPNOTSUPP traces (a file system that cannot freeze, always skipped) name no mount', () => {
		const skipped = `${wild(OVT127).replace(/returned: 16 \(Device or resource busy\)/g, 'returned: 95 (Operation not supported)')}\n2016-12-29T05:54:32.186Z| vcpu-7| I125: Guest: [ warning] [vmsvc:vmbackup] Error freezing filesystems.\n`;
		const f = finding(analyse(skipped), 'QL104')!;
		assert.doesNotMatch(f.title, /\/var\/tmp/);
		assert.doesNotMatch(f.message, /EOPNOTSUPP/);
	});
});

describe('wild11: Veeam KB 1790 quotes its VimApi calls without their stamps', () => {
	const KB1790 = 'veeam-kb1790-vimapi-create-remove-snapshot-quiesce-false.txt';

	it('one snapshot Veeam asked for without quiescing, created and removed: crash-consistent, success; each call its own line', () => {
		const r = analyse(wild(KB1790));
		assert.deepEqual(codes(r), []);
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.equal(a.requester, 'Veeam Backup & Replication');
		assert.equal(a.quiesced, false);
		assert.equal(a.result, 'success');
		assert.equal(a.consistency, 'crash');
		assert.deepEqual(
			a.events.map((e) => e.line),
			[3, 4],
		);
	});

	it('quoted and CRLF: the same try; the create alone (no remove) is a try of unknown outcome', () => {
		for (const text of [quoted(wild(KB1790)), crlf(wild(KB1790))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].result, 'success');
		}
		const created = analyse(wild(KB1790).replace(/^Info \[VimApi\] RemoveSnapshot.*$/m, ''));
		assert.equal(created.attempts[0].result, 'unknown');
		assert.equal(created.attempts[0].quiesced, false);
	});

	it('a quiesced create: the try is quiesced', () => {
		const r = analyse(wild(KB1790).replace('quiesce "False"', 'quiesce "True"'));
		assert.equal(r.attempts[0].quiesced, true);
	});
});

describe("wild11: other KVM hosts relay the guest agent's failed freeze (libvirt, oVirt vdsm, QMP)", () => {
	const VDSM = 'ovirt-vdsm-160-unable-to-freeze-guest-agent-not-responding.txt';
	const UNRAID = 'unraid-vmbackup-30-qemu-agent-fsfreeze-failed-to-add-c.txt';

	it('vdsm: a quiesced snapshot try at 08:19:01.667 UTC (its +0200 stamp) that failed when its freeze outlasted the timeout, QL555 quoting the agent not responding, virsh to test', () => {
		const r = analyse(wild(VDSM));
		assert.deepEqual(formats(r), ['qemu-agent-freeze-lines']);
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.equal(a.start, '2022-05-03T08:19:01.667Z');
		// wild30: vdsm's timeout line after the failed freeze: it gave the snapshot up (SnapshotFailed), no unfrozen one.
		assert.equal(a.quiesced, true);
		assert.equal(a.result, 'failed');
		assert.equal(a.vm, '808827db-1b8b-4563-b085-7b34fec4dde1');
		const f = finding(r, 'QL555')!;
		assert.equal(f.severity, 'error');
		assert.match(f.message, /Guest agent is not responding: Guest agent disappeared while executing command\./);
		assert.doesNotMatch(f.message, /\(vm:4312\)/);
		assert.match(f.fix, /virsh domfsfreeze <vm>/);
		assert.doesNotMatch(f.fix, /\bqm /);
		assert.deepEqual(
			f.kb.map((k) => k.url),
			['https://libvirt.org/manpages/virsh.html#domfsfreeze'],
		);
	});

	it("libvirt in an issue title: the freeze failed adding C:\\ (the Windows agent's VSS), no snapshot taken; quoted and CRLF the same", () => {
		for (const text of [wild(UNRAID), quoted(wild(UNRAID)), crlf(wild(UNRAID))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].result, 'failed');
			assert.equal(r.attempts[0].requester, 'libvirt (QEMU guest agent)');
			const f = finding(r, 'QL555')!;
			assert.match(f.message, /failed to add C:\\ to snapshot/);
			assert.match(f.message, /quiesced snapshot was not taken/);
		}
	});

	it("libvirt's sentence translated (the host's locale): read by its form, the command in quotes and a colon", () => {
		const de = "Fehler: Interner Fehler: QEMU-Agent-Befehl 'guest-fsfreeze-freeze' kann nicht ausgeführt werden: failed to add C:\\ to snapshot";
		const r = analyse(de);
		assert.deepEqual(codes(r), ['QL555']);
		assert.match(finding(r, 'QL555')!.message, /failed to add C:\\ to snapshot/);
		assert.match(finding(analyse(de, 'ja'), 'QL555')!.title, /フリーズが失敗しました/);
	});

	it("Proxmox's QMP wrapper, in a vzdump log and alone: the freeze failed by timeout, VM 100", () => {
		const line = "ERROR: VM 100 qmp command 'guest-fsfreeze-freeze' failed - got timeout";
		const inLog = analyse(['INFO: Starting Backup of VM 100 (qemu)', "INFO: issuing guest-agent 'fs-freeze' command", line].join('\n'));
		assert.deepEqual(formats(inLog), ['proxmox-vzdump']);
		assert.equal(finding(inLog, 'QL555')!.severity, 'error');
		assert.match(finding(inLog, 'QL555')!.fix, /qm guest cmd <vm> fsfreeze-freeze/);
		const alone = analyse(line);
		assert.equal(alone.attempts[0].vm, '100');
		assert.match(finding(alone, 'QL555')!.message, /got timeout/);
	});

	it("negative: the guest's own agent log (`guest-fsfreeze called`) and a debug line quoting the command in JSON are no failure", () => {
		const r = analyse(['Mar 20 13:33:21 sonia qemu-ga[11874]: info: guest-fsfreeze called', 'Mar 20 13:33:23 sonia qemu-ga[11874]: info: guest-fsthaw called', '{"execute":"guest-fsfreeze-freeze"}'].join('\n'));
		assert.deepEqual(codes(r), []);
		assert.deepEqual(r.attempts, []);
	});
});

describe('wild11: a Proxmox backup of a Windows guest whose writer cannot call back the agent (VSS 8194)', () => {
	it('reads the event under the prose: the in-guest shadow copy failed with E_ACCESSDENIED, QL317 with VssAccessControl in the fix', () => {
		const r = analyse(wild('virtio-win-1505-proxmox-qga-vss-8194-ivsswritercallback.txt'));
		assert.deepEqual(codes(r), ['QL317']);
		assert.equal(r.attempts[0].hresult, '0x80070005');
		assert.match(finding(r, 'QL317')!.message, /IVssWriterCallback/);
		assert.match(finding(r, 'QL317')!.fix, /VssAccessControl/);
	});
});

describe("wild11: a PowerCLI daily report of vCenter's warnings (Get-VIEvent FullFormattedMessage), dates masked", () => {
	const REPORT = 'powercli-daily-report-get-vievent-quiesce-in-progress-vsssyncstart.txt';

	const readsReport = (r: Report) => {
		const byVm = new Map(r.attempts.map((a) => [a.vm, a]));
		assert.equal(r.attempts.length, 2);
		const busy = byVm.get('vmbdyyyy_xxx')!;
		const dc = byVm.get('vmdc1')!;
		assert.equal(busy.result, 'failed');
		assert.equal(busy.quiesced, true);
		assert.equal(dc.hresult, '0x80042301');
		assert.equal(dc.vmbackupStatus, 5);
		assert.deepEqual(codes(r), ['QL101', 'QL108', 'QL115']);
		const inProgress = finding(r, 'QL115')!;
		assert.equal(inProgress.attemptId, busy.id);
		assert.match(inProgress.message, /8 times/);
		assert.equal(finding(r, 'QL101')!.attemptId, dc.id);
	};

	it("two VMs by the event's `Warning message on <vm> on <host> in <dc>:`: Tools unavailable then a quiesce already in progress (QL108, QL115), VssSyncStart 0x80042301 (QL101)", () => {
		readsReport(analyse(wild(REPORT)));
	});

	it('quoted as a mail reply and with CRLF: the same two tries and findings', () => {
		readsReport(analyse(quoted(wild(REPORT))));
		readsReport(analyse(crlf(wild(REPORT))));
	});

	it('in Japanese the refused quiesce reads in Japanese, the Tools answer quoted as printed', () => {
		const f = finding(analyse(wild(REPORT), 'ja'), 'QL115')!;
		assert.match(f.title, /静止がすでに進行中/);
		assert.match(f.message, /Quiesce operation already in progress/);
	});

	it('negative: a message event of another kind in the same report is no quiesce try', () => {
		const r = analyse('vcenter11 xx/xx/2016 2:02:20 esx_yy_xxxx Warning message on vm1 on esx_yy_xxxx in cluster_sitea_xxx: The CPU has been disabled by the guest operating system.');
		assert.deepEqual(codes(r), []);
		assert.deepEqual(r.attempts, []);
	});
});

describe("wild11: a consultant's cmd notes quoting the vSphere warning on one line, the resolutions under it", () => {
	const NOTES = 'isystems-notes-cmd-vsssyncstart-8451-0x80042303-vmware-provider.txt';

	it('VssSyncStart 0x80042303 (provider already registered): QL403, the guest message cut at its code', () => {
		const r = analyse(wild(NOTES));
		assert.deepEqual(codes(r), ['QL403']);
		const [a] = r.attempts;
		assert.equal(a.hresult, '0x80042303');
		assert.equal(a.vmbackupStatus, 5);
		assert.equal(a.guestMessage, 'VssSyncStart operation failed: IDispatch error #8451 (0x80042303)');
	});

	it("cut mid-word at 72 columns (a forum's box): the guest's report by its two labels still reads, whatever the cut did to the host's sentence", () => {
		const chopped = wild(NOTES)
			.split('\n')
			.flatMap((l) => l.match(/.{1,72}/g) ?? [''])
			.join('\n');
		assert.match(chopped, /duri\nng quiescing/);
		const r = analyse(chopped);
		assert.deepEqual(codes(r), ['QL403']);
		assert.equal(r.attempts[0].quiesced, true);
		// A host sentence broken by a space the unwrapping put in a word: the labels say the guest failed.
		const broken = analyse('Warning message from esx01: The guest OS has reported an error duri ng quiescing. The error code was: 5 The error message was: VssSyncStart operation failed: IDispatch error #8451 (0x80042303)');
		assert.equal(broken.attempts[0].vmbackupStatus, 5);
		assert.deepEqual(codes(broken), ['QL403']);
	});

	it('quoted: the same', () => {
		const r = analyse(quoted(wild(NOTES)));
		assert.deepEqual(codes(r), ['QL403']);
		assert.equal(r.attempts[0].guestMessage, 'VssSyncStart operation failed: IDispatch error #8451 (0x80042303)');
	});
});

describe('wild11: the vSphere Client shows the message id msg.snapshot.error-QUIESCINGERROR (KB 2114076 retold)', () => {
	const OPVIZOR = 'opvizor-kb2114076-cbt-no-memory-quiescingerror.txt';

	const readsId = (r: Report, found = ['QL552']) => {
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].quiesced, true);
		assert.equal(r.attempts[0].result, 'failed');
		assert.deepEqual(codes(r), found);
	};

	it('a failed quiesced snapshot by the message id, whatever the prose around it', () => {
		// The article's vmware.log line says why (the host's CBT had no memory: QL116, wild13), which QL552's VSS advice does not.
		readsId(analyse(wild(OPVIZOR)), ['QL116']);
		readsId(analyse(quoted(wild(OPVIZOR))), ['QL116']);
	});

	it("the id is the same in a client of another language: a Japanese client's sentence around it reads the same", () => {
		readsId(analyse('スナップショットの作成中にエラーが発生しました: msg.snapshot.error-QUIESCINGERROR'));
	});
});
