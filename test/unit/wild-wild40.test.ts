import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { pasteNormaliser } from '../../src/core/decode/paste';
import { analyse, codes, crlf, quoted, rewrapped, wild } from '../lib/wildText';

// Session 14 (wild40): the VMware side, round 5 — an ESXi 8 vmware.log that names its VM only in the path of
// its memory image, libvirt's quiesced snapshots that worked (their consistency), and Ansible's output around
// vSphere's quiesced snapshots; test/fixtures/wild/README.md names each source. Variants: what a paste does
// (quoted, CRLF, re-wrapped, cut), the report in Japanese, and negatives that look alike.

const ESXI8 = 'qazeer-artefacts-esxi8-vmware-log-in05-snapshot-not-quiesced-vim-cmd.txt';
const TP_LIBVIRT = 'tp-libvirt-135-virsh-snapshot-create-as-quiesce-without-ga-created.txt';
const GODLEON = 'godleon-kvm-zh-virsh-external-snapshots-quiesce-created.txt';
const ASSERT_UUID = 'ansible-gos-290-check-quiesce-snapshot-disk-enableuuid-not-in-vmx-assert.txt';
const WAIT_FILE = 'ansible-gos-263-check-quiesce-snapshot-wait-pre-freeze-file-stat-exists-false.txt';
const SNAPSHOT_INFO = 'community-vmware-978-guest-snapshot-info-quiesced-true-json.txt';

/** The ESXi 8 excerpt's one try: crash-consistent, named after the folder its memory image is written to. */
function readsEsxi8(r: Report, vm = 'Base-WindowsServer2019'): void {
	assert.equal(r.attempts.length, 1);
	const a = r.attempts[0];
	assert.equal(a.vm, vm);
	assert.equal(a.snapshotName, 'snapshot_exfill');
	assert.equal(a.result, 'success');
	assert.equal(a.quiesced, false);
	assert.equal(a.consistency, 'crash');
	assert.deepEqual(codes(r), []);
	// The memory image's line names the VM; it is no step of the try.
	assert.ok(a.events.every((e) => !/MainMem/.test(e.text)));
}

/** A libvirt quiesced snapshot that worked: one try of `vm`, quiesced, file-system-consistent by the agent's freeze. */
function readsAgentSnapshot(r: Report, vm: string, snapshot: string): void {
	assert.equal(r.attempts.length, 1);
	const a = r.attempts[0];
	assert.equal(a.vm, vm);
	// The name virsh said it created (`Domain snapshot <name> created`).
	assert.equal(a.snapshotName, snapshot);
	assert.equal(a.result, 'success');
	assert.equal(a.quiesced, true);
	assert.equal(a.requester, 'libvirt (QEMU guest agent)');
	assert.equal(a.consistency, 'filesystem');
	assert.equal(a.consistencyEvidence.length, 1);
	assert.match(a.consistencyEvidence[0], /^libvirt \(QEMU guest agent\) took the snapshot with the guest's file systems frozen by the QEMU guest agent \(guest-fsfreeze-freeze\)/);
	assert.deepEqual(codes(r), []);
}

/** `text`'s lines from `from` to `to` (1-based, inclusive), as a paste cut there keeps them. */
const linesOf = (text: string, from: number, to?: number): string =>
	text
		.split('\n')
		.slice(from - 1, to)
		.join('\n');

/** An ESXi 8 vmware.log line (`In(05)`, a thread, an opID or `-`) with `message`. */
const esxi8 = (ms: number, message: string): string => `2024-03-01T10:00:00.${String(ms).padStart(3, '0')}Z In(05) vmx - ${message}`;

describe('wild40: the VM an ESXi 8 vmware.log is about, by the path of its own files', () => {
	it("Qazeer's notebook: the snapshot's memory image `/vmfs/volumes/<ds>/Base-WindowsServer2019/Base-WindowsServer2019-Snapshot2.vmem` names the VM", () => {
		for (const text of [wild(ESXI8), quoted(wild(ESXI8)), crlf(wild(ESXI8)), rewrapped(wild(ESXI8), 80)]) readsEsxi8(analyse(text));
	});

	it('cut to the vmware.log block (the shell.log line and the notes gone), or to the start and the memory image only: the same VM', () => {
		const text = wild(ESXI8);
		const from = text.split('\n').findIndex((l) => l.includes('SnapshotVMX_TakeSnapshot')) + 1;
		readsEsxi8(analyse(linesOf(text, from, from + 3)));
		const cut = analyse(linesOf(text, from, from + 1));
		assert.equal(cut.attempts.length, 1);
		assert.equal(cut.attempts[0].vm, 'Base-WindowsServer2019');
	});

	it('in Japanese: the same try and VM', () => {
		readsEsxi8(analyse(wild(ESXI8), 'ja'));
	});

	it("the VM's configuration, suspend state or snapshot list name it too (`.vmx`, `.vmss`, `.vmsd`), a name with spaces kept", () => {
		for (const file of ['SQL 01/SQL 01.vmx', 'SQL 01/SQL 01-2f1c.vmss', 'SQL 01/SQL 01.vmsd']) {
			const r = analyse(
				[
					esxi8(1, "SnapshotVMX_TakeSnapshot start: 'nightly', deviceState=0, lazy=0, quiesced=1, forceNative=0, tryNative=1, saveAllocMaps=0"),
					esxi8(2, `SNAPSHOT: SnapshotConfigInfoReadEx: Creating new snapshot dictionary, '/vmfs/volumes/5f3a1c2e-9d0b7a11-0d3c-0050569a1b2c/${file}'.`),
					esxi8(900, "SnapshotVMXTakeSnapshotComplete: Done with snapshot 'nightly': 7"),
				].join('\n'),
			);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].vm, 'SQL 01', file);
		}
	});

	it('negatives: a disk of another VM (a proxy hot-adding it), a file not named after its folder, a path outside a datastore name no VM', () => {
		for (const path of ['/vmfs/volumes/ds1/SQL-01/SQL-01-000001.vmdk', '/vmfs/volumes/ds1/old-name/SQL-01-Snapshot2.vmem', '/vmfs/volumes/ds1/SQL-01/SQL-010-Snapshot2.vmem', '/var/lib/vmware/SQL-01/SQL-01-Snapshot2.vmem']) {
			const r = analyse(
				[
					esxi8(1, "SnapshotVMX_TakeSnapshot start: 'nightly', deviceState=1, lazy=1, quiesced=0, forceNative=0, tryNative=1, saveAllocMaps=0"),
					esxi8(2, `MainMem: Writing full memory image, '${path}' Snapshot`),
					esxi8(900, "SnapshotVMXTakeSnapshotComplete: Done with snapshot 'nightly': 7"),
				].join('\n'),
			);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].vm, null, path);
		}
	});

	it("the power-on dump's displayName still wins over the folder (a VM renamed keeps its folder)", () => {
		const r = analyse(
			[
				esxi8(0, 'DICT --- CONFIGURATION /vmfs/volumes/ds1/SQL-01/SQL-01.vmx'),
				esxi8(1, 'DICT               displayName = "SQL-PRD-01"'),
				esxi8(2, "SnapshotVMX_TakeSnapshot start: 'nightly', deviceState=1, lazy=1, quiesced=0, forceNative=0, tryNative=1, saveAllocMaps=0"),
				esxi8(3, "MainMem: Writing full memory image, '/vmfs/volumes/ds1/SQL-01/SQL-01-Snapshot2.vmem'"),
				esxi8(900, "SnapshotVMXTakeSnapshotComplete: Done with snapshot 'nightly': 7"),
			].join('\n'),
		);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].vm, 'SQL-PRD-01');
	});
});

describe('wild40: a libvirt quiesced snapshot that worked is file-system-consistent (the guest agent froze it)', () => {
	it('tp-libvirt #135: `virsh snapshot-create-as virt-tests-vm1 --quiesce --disk-only`, status 0, "Domain snapshot … created"', () => {
		for (const text of [wild(TP_LIBVIRT), quoted(wild(TP_LIBVIRT)), crlf(wild(TP_LIBVIRT))]) readsAgentSnapshot(analyse(text), 'virt-tests-vm1', '1399970624');
	});

	it("godleon's KVM notes (Chinese): the unquiesced ext_snapshot2 makes no try, the quiesced ext_snapshot3 of rhel7.3 a file-system-consistent one", () => {
		for (const text of [wild(GODLEON), quoted(wild(GODLEON)), crlf(wild(GODLEON)), rewrapped(wild(GODLEON), 72), rewrapped(wild(GODLEON), 80)]) {
			const r = analyse(text);
			readsAgentSnapshot(r, 'rhel7.3', 'ext_snapshot3');
			assert.ok(r.attempts[0].events.some((e) => /Domain snapshot ext_snapshot3 created/.test(e.text)));
		}
	});

	it('cut after the outcome, after the listing, or before the unquiesced command: the same try — the two commands of one width are no hard wrap at 96 columns', () => {
		const text = wild(GODLEON);
		const lines = text.split('\n');
		const at = lines.findIndex((l) => l.includes('ext_snapshot3 created')) + 1;
		const fence = lines.lastIndexOf('```') + 1;
		// Without the long Chinese line under the fence, the commands (96 columns each, their outputs one text but
		// for a digit) and the listing's dashed rule (after a shorter header) looked like a text wrapped or cut at 96.
		for (const cut of [linesOf(text, 1, at), linesOf(text, 4, at), linesOf(text, 1, fence), linesOf(text, at - 3)]) readsAgentSnapshot(analyse(cut), 'rhel7.3', 'ext_snapshot3');
	});

	it('a text really cut at one width still is unwrapped; two lines of one template whose tails are one text but for a number are not', () => {
		const start = "2024-03-01T10:00:00.001Z In(05) vmx - SnapshotVMX_TakeSnapshot start: 'nigh";
		const state = '2024-03-01T10:00:05.002Z In(05) vmx - ToolsBackup: changing quiesce state: IDLE';
		const width = start.length;
		const cut = [start, "tly', deviceState=0, lazy=0, quiesced=1", state.slice(0, width), `${state.slice(width)} -> STARTED`];
		assert.match(pasteNormaliser(cut)?.undone ?? '', /hard wrap at 75 columns, cut mid-word/);
		const transcript = [start.replace("'nigh", "'nig1"), 'ht run done', start.replace("'nigh", "'nig2"), 'ht run done'];
		assert.equal(pasteNormaliser(transcript), null);
		// Three such tails are a cut all the same (a log of one template cut at the width).
		const three = [...transcript, start.replace("'nigh", "'nig3"), 'ht run done'];
		assert.match(pasteNormaliser(three)?.undone ?? '', /hard wrap/);
	});

	it('in Japanese: the same verdict, the evidence in Japanese', () => {
		const r = analyse(wild(GODLEON), 'ja');
		assert.equal(r.attempts[0].consistency, 'filesystem');
		assert.match(r.attempts[0].consistencyEvidence[0], /QEMU ゲスト エージェント/);
		assert.match(r.attempts[0].consistencyEvidence[0], /ファイルシステム整合/);
	});

	it('negatives: the quiesced command that failed stays no restore point; the command without its outcome makes no try', () => {
		const failed = analyse(['$ virsh snapshot-create-as rhel7.3 s3 --disk-only --quiesce', 'error: Guest agent is not responding: QEMU guest agent is not connected'].join('\n'));
		assert.equal(failed.attempts.length, 1);
		assert.equal(failed.attempts[0].result, 'failed');
		assert.equal(failed.attempts[0].consistency, 'none');
		assert.equal(analyse('$ virsh snapshot-create-as rhel7.3 s3 --disk-only --quiesce').attempts.length, 0);
		// Without --quiesce: no freeze asked, no try (a crash-consistent snapshot is not what this tool judges here).
		assert.equal(analyse(['$ virsh snapshot-create-as rhel7.3 s2 --disk-only --atomic', 'Domain snapshot s2 created'].join('\n')).attempts.length, 0);
	});

	it('a vzdump whose fs-freeze was issued and thawed, the backup finished: file-system-consistent; a freeze skipped stays crash-consistent', () => {
		const run = (freeze: string[]) =>
			analyse(
				[
					'INFO: starting new backup job: vzdump 100 --mode snapshot --storage local',
					'INFO: Starting Backup of VM 100 (qemu)',
					'INFO: Backup started at 2024-03-01 10:00:00',
					...freeze,
					'INFO: Finished Backup of VM 100 (00:01:02)',
					'INFO: Backup finished at 2024-03-01 10:01:02',
					'INFO: Backup job finished successfully',
				].join('\n'),
			);
		const frozen = run(["INFO: issuing guest-agent 'fs-freeze' command", "INFO: issuing guest-agent 'fs-thaw' command"]);
		assert.equal(frozen.attempts.length, 1);
		assert.equal(frozen.attempts[0].result, 'success');
		assert.equal(frozen.attempts[0].consistency, 'filesystem');
		assert.match(frozen.attempts[0].consistencyEvidence[0], /^Proxmox VE \(vzdump\) took the snapshot/);
		const skipped = run(["INFO: skipping guest-agent 'fs-freeze', agent configured but not running?"]);
		assert.equal(skipped.attempts.length, 1);
		assert.notEqual(skipped.attempts[0].consistency, 'filesystem');
	});
});

describe("wild40: Ansible's output around vSphere's quiesced snapshots that states no snapshot failure", () => {
	it("gos-validation #290: a test's assertion quoting `'disk.EnableUUID = TRUE' is not in VM vmx file.` is no VM setting and no try", () => {
		for (const text of [wild(ASSERT_UUID), quoted(wild(ASSERT_UUID)), crlf(wild(ASSERT_UUID))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0);
			assert.deepEqual(codes(r), []);
		}
	});

	it("gos-validation #263: the test's wait for the pre-freeze script's file (`stat.exists: false` after 40 attempts) is no failed snapshot", () => {
		for (const text of [wild(WAIT_FILE), crlf(wild(WAIT_FILE))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0);
			assert.deepEqual(codes(r), []);
		}
	});

	it('community.vmware #978: a snapshot listing with `"quiesced": true` / `false` is a listing, no try', () => {
		const r = analyse(wild(SNAPSHOT_INFO));
		assert.equal(r.attempts.length, 0);
		assert.deepEqual(codes(r), []);
	});
});
