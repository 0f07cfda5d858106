import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, rewrapped, wild } from '../lib/wildText';

// Session 13 (wild34): quiescing on KVM hosts — virsh's quiesced snapshot (`snapshot-create-as … --quiesce`,
// `domfsfreeze`) as a person, a test harness or a backup script runs it, and what virsh printed after it;
// test/fixtures/wild/README.md names each source. Variants: what a paste does (quoted, CRLF, re-wrapped, cut),
// the report in Japanese, and lines that look alike but are no try.

const AGENT_ERROR = 'tarsier-oerv-444-zh-virsh-snapshot-quiesce-guest-agent-not-available.txt';
const CREATED = 'tp-libvirt-135-virsh-snapshot-create-as-quiesce-without-ga-created.txt';
const TOOL_FAILED = 'unraid-easybackup-3-virsh-snapshot-create-as-quiesce-failed-windows11.txt';
const OPNSENSE = 'opnsense-7681-virsh-quiesce-fsfreeze-resource-deadlock-avoided.txt';

/** The excerpt without its first `n` lines, or (negative `n`) without its last. */
const cut = (text: string, n: number): string => {
	const lines = text.replace(/\r?\n$/, '').split('\n');
	return `${(n >= 0 ? lines.slice(n) : lines.slice(0, n)).join('\n')}\n`;
};

/** The one try libvirt's quiesced snapshot makes: its VM, quiesced, the result, libvirt the requester. */
function readsTry(r: Report, vm: string, result: 'failed' | 'success'): void {
	assert.deepEqual(
		r.attempts.map((a) => [a.vm, a.quiesced, a.result, a.requester]),
		[[vm, true, result, 'libvirt (QEMU guest agent)']],
	);
}

describe('wild34: virsh snapshot-create-as --quiesce refused because libvirt cannot reach the guest agent', () => {
	const readsUnreachable = (r: Report) => {
		readsTry(r, 'avocado-vt-vm1', 'failed');
		assert.deepEqual(codes(r), ['QL555']);
		const f = finding(r, 'QL555')!;
		assert.equal(f.severity, 'error');
		assert.equal(f.attemptId, r.attempts[0].id);
		assert.match(f.message, /libvirt could not reach the QEMU guest agent \(Guest agent is not responding: QEMU guest agent is not available/);
		assert.match(f.message, /nothing was sent to the guest/);
		assert.match(f.message, /quiesced snapshot was not taken/);
		// The agent's set-up, not a freeze to debug.
		assert.match(f.fix, /systemctl enable --now qemu-guest-agent/);
		assert.match(f.fix, /guest-ping/);
		assert.doesNotMatch(f.fix, /journalctl -u qemu-guest-agent|VMware/);
	};

	it("the issue's command (in a fence) and virsh's error (in backticks) under Chinese prose: a failed quiesced try of avocado-vt-vm1", () => {
		readsUnreachable(analyse(wild(AGENT_ERROR)));
	});

	it('quoted, CRLF, re-wrapped at 72 and 80 columns (the command cut before --quiesce), its prose cut: the same try', () => {
		for (const text of [quoted(wild(AGENT_ERROR)), crlf(wild(AGENT_ERROR)), rewrapped(wild(AGENT_ERROR), 72), rewrapped(wild(AGENT_ERROR), 80), cut(wild(AGENT_ERROR), 3)]) readsUnreachable(analyse(text));
	});

	it('in Japanese: the same finding in its words, the agent named', () => {
		const r = analyse(wild(AGENT_ERROR), 'ja');
		readsTry(r, 'avocado-vt-vm1', 'failed');
		const f = finding(r, 'QL555')!;
		assert.match(f.message, /接続できませんでした/);
		assert.match(f.message, /QEMU guest agent is not available/);
	});

	it('virsh domfsfreeze: the failed call first, its cause on the next line — one failure, the cause quoted', () => {
		const r = analyse('virsh domfsfreeze vm1\nerror: Unable to freeze filesystems\nerror: Guest agent is not responding: QEMU guest agent is not connected\n');
		readsTry(r, 'vm1', 'failed');
		assert.deepEqual(codes(r), ['QL555']);
		assert.match(finding(r, 'QL555')!.message, /QEMU guest agent is not connected/);
		// The agent's own freeze error after the call: the freeze to debug, the mount named.
		const busy = analyse("virsh domfsfreeze vm1\nerror: Unable to freeze filesystems\nerror: internal error: unable to execute QEMU agent command 'guest-fsfreeze-freeze': failed to freeze /mnt: Device or resource busy\n");
		readsTry(busy, 'vm1', 'failed');
		assert.match(finding(busy, 'QL555')!.message, /failed to freeze \/mnt: Device or resource busy/);
		assert.match(finding(busy, 'QL555')!.fix, /journalctl -u qemu-guest-agent/);
	});

	it("a web page's long dashes (`—domain vm1 … —quiesce`) and a shell continuation (`\\`) are options of the command", () => {
		readsTry(analyse('# virsh snapshot-create-as —domain vm1 —name vm1-snapshot —disk-only —atomic —quiesce –no-metadata\nerror: argument unsupported: QEMU guest agent is not configured\n'), 'vm1', 'failed');
		readsTry(analyse('virsh -c qemu:///system snapshot-create-as web01 snap1 \\\n  --disk-only --atomic --quiesce\nerror: Guest agent is not responding: QEMU guest agent is not connected\n'), 'web01', 'failed');
	});

	it("negatives: the command without its outcome (cut, or a page's example), without --quiesce, and the agent error with no snapshot asked", () => {
		// Cut after the command: nothing says what happened.
		assert.equal(analyse(cut(wild(AGENT_ERROR), -1)).attempts.length, 0);
		// A tutorial's steps: the command, then the next step's command.
		assert.equal(analyse('# virsh snapshot-create-as —domain vm1 —name vm1-snapshot —disk-only —atomic —quiesce –no-metadata\n\nБекап диска vm1:\n\n# cp /vms/vm1.iso /backup/vms/vm1/\n').attempts.length, 0);
		// No --quiesce: libvirt asks no freeze, its error is not the agent's.
		assert.equal(analyse(wild(AGENT_ERROR).replace(' --quiesce', '')).attempts.length, 0);
		// libvirtd's own log and a tool's error on the agent, no snapshot asked (an interface query).
		for (const text of [
			'2022-10-26 12:00:01.000+0000: 1234: error : qemuDomainAgentAvailable:8411 : Guest agent is not responding: QEMU guest agent is not connected\n',
			'│ Error: error retrieving interface addresses: Guest agent is not responding: QEMU guest agent is not connected\n',
		]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0);
			assert.deepEqual(codes(r), []);
		}
		// The outcome too far below the command (another story in the prose) is not its outcome.
		assert.equal(analyse(`virsh snapshot-create-as vm1 --disk-only --quiesce\n${'prose line\n'.repeat(14)}error: Guest agent is not responding: QEMU guest agent is not connected\n`).attempts.length, 0);
	});
});

describe('wild34: a harness log where virsh created the quiesced snapshot', () => {
	it("`Domain snapshot 1399970624 created` after `snapshot-create-as virt-tests-vm1 --quiesce`: a quiesced try that succeeded, no finding (the harness's own traceback is not virsh's)", () => {
		for (const text of [wild(CREATED), quoted(wild(CREATED)), crlf(wild(CREATED)), cut(wild(CREATED), 2)]) {
			const r = analyse(text);
			readsTry(r, 'virt-tests-vm1', 'success');
			assert.deepEqual(codes(r), []);
		}
	});

	it('negative: without --quiesce the created snapshot is no quiesced try', () => {
		assert.equal(analyse(wild(CREATED).replace(/ --quiesce/g, '')).attempts.length, 0);
	});
});

describe('wild34: a backup script whose log says only that its virsh --quiesce snapshot failed', () => {
	const readsToolFailure = (r: Report) => {
		readsTry(r, 'Windows 11', 'failed');
		// The script's log is the try's only record: QL554 explains the try (no QL112 with VMware advice).
		assert.deepEqual(codes(r), ['QL554']);
		const f = finding(r, 'QL554')!;
		assert.equal(f.severity, 'error');
		assert.match(f.message, /Create Snapshot "snap0" failed/);
		assert.match(f.fix, /run the same command by hand/);
		assert.match(f.fix, /--quiesce/);
		assert.match(f.fix, /virsh domfsfreeze <vm>/);
		assert.doesNotMatch(f.fix, /VMware|failed -|backup storage/);
	};

	it('the command on the DEBUG line (`--domain "Windows 11"`), the script\'s ERROR line right after it: a failed quiesced try of Windows 11', () => {
		readsToolFailure(analyse(wild(TOOL_FAILED)));
	});

	it("quoted, CRLF, re-wrapped at 76 columns (the domain's quotes split across lines), cut before the command's lines", () => {
		for (const text of [quoted(wild(TOOL_FAILED)), crlf(wild(TOOL_FAILED)), rewrapped(wild(TOOL_FAILED)), cut(wild(TOOL_FAILED), 3)]) readsToolFailure(analyse(text));
	});

	it('in Japanese: the fix in its words', () => {
		const r = analyse(wild(TOOL_FAILED), 'ja');
		assert.match(finding(r, 'QL554')!.fix, /手動で実行/);
	});

	it("negatives: an ERROR line that does not follow the command at once, or the script's INFO line, is not its outcome", () => {
		const later = wild(TOOL_FAILED).replace(/(--no-metadata\n)/, '$12023-10-08 00:33:04 DEBUG    VM: waiting\n');
		assert.equal(analyse(later).attempts.length, 0);
		assert.equal(analyse(wild(TOOL_FAILED).replace(/ERROR {4}VM: Create/, 'INFO     VM: Create')).attempts.length, 0);
	});

	it("libvirt's error instead of the script's: the agent's cause, QL555", () => {
		const r = analyse(wild(TOOL_FAILED).replace(/2023-10-08 00:33:04 ERROR {4}VM: Create Snapshot "snap0" failed/, 'error: Guest agent is not responding: QEMU guest agent is not connected'));
		readsTry(r, 'Windows 11', 'failed');
		assert.deepEqual(codes(r), ['QL555']);
	});
});

describe('wild34: the OPNsense excerpt names its VM on the virsh line', () => {
	it("`virsh snapshot-create opnsense.local … --quiesce` four lines above the agent's error: the try of VM opnsense.local, QL555 naming it", () => {
		for (const text of [wild(OPNSENSE), quoted(wild(OPNSENSE)), crlf(wild(OPNSENSE))]) {
			const r = analyse(text);
			readsTry(r, 'opnsense.local', 'failed');
			assert.match(finding(r, 'QL555')!.message, /VM opnsense\.local/);
			assert.match(finding(r, 'QL555')!.message, /Resource deadlock avoided/);
		}
	});
});

describe("wild34: vzdump's freeze skipped by the VM's own option, not by a silent agent", () => {
	// qemu-server's VZDump/QemuServer.pm prints `skipping guest-agent 'fs-freeze', disabled in VM options` when the VM's
	// agent option sets freeze-fs-on-backup=0; the HAOS excerpt's job log with that line in place of its own.
	const HAOS = 'haos-3685-proxmox-vzdump-skipping-fs-freeze-agent-not-running.txt';
	const disabled = (text: string) => text.replace(/agent configured but not running\? {3}<<=+ Message/, 'disabled in VM options');

	it('an unfrozen try of VM 106 by configuration: QL555 says the option turned the freeze off and how to turn it on, not to install the agent', () => {
		for (const text of [disabled(wild(HAOS)), quoted(disabled(wild(HAOS))), crlf(disabled(wild(HAOS)))]) {
			const r = analyse(text);
			assert.deepEqual(
				r.attempts.map((a) => [a.vm, a.quiesced]),
				[['106', false]],
			);
			const f = finding(r, 'QL555')!;
			assert.equal(f.severity, 'warning');
			assert.match(f.title, /turned off in the VM's options/);
			assert.match(f.message, /freeze-fs-on-backup=0/);
			assert.match(f.message, /crash-consistent/);
			assert.match(f.fix, /freeze-fs-on-backup=1/);
			assert.doesNotMatch(f.fix, /systemctl enable --now qemu-guest-agent/);
		}
		assert.match(finding(analyse(disabled(wild(HAOS)), 'ja'), 'QL555')!.title, /VM のオプションでフリーズが無効/);
	});

	it('negative: the excerpt as posted (agent configured but not running) keeps the agent advice', () => {
		const f = finding(analyse(wild(HAOS)), 'QL555')!;
		assert.match(f.title, /the guest agent did not answer/);
		assert.match(f.fix, /systemctl enable --now qemu-guest-agent/);
	});
});
