import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, quoted, wild } from '../lib/wildText';

// Session 8 (wild11): a KVM host's backup and the QEMU guest agent's freeze, as Proxmox VE's vzdump logs it
// (test/fixtures/wild/README.md names each source), with variants of what a paste does to it.

const SKIPPED = 'haos-3685-proxmox-vzdump-skipping-fs-freeze-agent-not-running.txt';
const HOOK = 'openccu-3593-de-vzdump-fsfreeze-hook-bad-substitution.txt';
const THAWED = 'haos-3251-vzdump-fs-freeze-thaw-success.txt';

const formats = (r: Report) => r.inputs.map((i) => i.format);
const finding = (r: Report, code: string) => r.findings.find((f) => f.code === code);

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
		assert.equal(a.quiesced, true);
		assert.equal(a.result, 'failed');
		assert.equal(f.attemptId, a.id);
		assert.match(f.message, /fsfreeze-hook: line 60: syntax error: bad substitution/);
		assert.match(f.fix, /fsfreeze-hook freeze/);
		// Not QL112: the agent's words say why, and no VMware Tools advice for a KVM guest.
		assert.doesNotMatch(f.fix, /VMware Tools/);
		return f;
	};

	it('reads the three vzdump lines: a failed quiesced try, QL555 (error) with the hook fix', () => {
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
