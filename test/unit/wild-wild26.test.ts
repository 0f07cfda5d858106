import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { checkpointRefusal } from '../../src/core/formats/windows/eventMessages';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 11 (wild26): Hyper-V checkpoints VMMS refused or changed, and why (QL323); test/fixtures/wild/README.md
// names each source. Variants: what a paste does to the messages, and VMMS's text in Japanese and German.

const VAGRANT = 'vagrant-9977-hyperv-checkpoint-operation-failed-checkpoints-disabled-quoted.txt';
const ACRONIS = 'acronis-forum-hyperv-production-checkpoint-ubuntu-vss-warning.txt';

const GUID = '32CE0777-9746-44DF-934F-4ACF9D002896';

describe('wild26: VMMS says why a checkpoint was refused (QL323), by the message and its `(Virtual machine ID …)`', () => {
	const readsRefused = (r: Report, refusal: RegExp, fix: RegExp, vm: string | null) => {
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].kind, 'hyperv-checkpoint');
		assert.equal(r.attempts[0].result, 'failed');
		assert.deepEqual(codes(r), ['QL323']);
		const f = finding(r, 'QL323')!;
		assert.equal(f.severity, 'error');
		assert.equal(f.attemptId, r.attempts[0].id);
		assert.match(f.title, refusal);
		if (vm) assert.ok(f.title.includes(vm), f.title);
		assert.match(f.fix, fix);
		assert.ok(f.kb.some((k) => k.url.includes('choose-between-standard-or-production-checkpoints')));
	};

	it('Vagrant\'s PowerShell error, quoted on some lines: checkpoints disabled for the VM (not "the bundle does not show why"), Set-VM -CheckpointType', () => {
		for (const text of [wild(VAGRANT), quoted(wild(VAGRANT)), crlf(wild(VAGRANT))]) readsRefused(analyse(text), /checkpoints are disabled/, /Set-VM -Name <vm> -CheckpointType Production/, 'my_default_1530532955211_14843');
	});

	it('the Acronis thread: a production checkpoint of a Linux VM could not be created — the Backup integration service, or allow a standard one', () => {
		for (const text of [wild(ACRONIS), quoted(wild(ACRONIS)), crlf(wild(ACRONIS))]) {
			readsRefused(analyse(text), /could not create a production checkpoint/, /Enable-VMIntegrationService -VMName <vm> -Name 'Backup\*'/, 'BSUbuntu-Monitoring');
			assert.match(finding(analyse(text), 'QL323')!.fix, /-CheckpointType Standard/);
		}
	});

	it("the message in Japanese and German (VMMS in the host's language), re-wrapped mid-sentence: the same reason; the findings in Japanese", () => {
		const ja = `チェックポイント操作は 'web01' に失敗しました。(仮想マシン ID ${GUID})\n'web01' のチェックポイントは無効になっています。(仮想マシン ID ${GUID})`;
		readsRefused(analyse(ja), /checkpoints are disabled/, /CheckpointType/, 'web01');
		assert.match(finding(analyse(ja, 'ja'), 'QL323')!.title, /チェックポイントが無効/);
		const de = `Fehler beim Prüfpunktvorgang für "web01". (ID des virtuellen Computers ${GUID})\nProduktionsprüfpunkte können für "web01" nicht\nerstellt werden. (ID des virtuellen Computers ${GUID})`;
		readsRefused(analyse(de), /could not create a production checkpoint/, /Backup\*/, 'web01');
	});

	it('a production checkpoint that fell back to a standard one: a warning (a checkpoint was taken, not application-consistent), no failed try', () => {
		const text = `Production checkpoint for 'sql01' fell back to a standard checkpoint. (Virtual machine ID ${GUID})`;
		const r = analyse(text);
		assert.equal(r.attempts.filter((a) => a.result === 'failed').length, 0);
		assert.deepEqual(codes(r), ['QL323']);
		const f = finding(r, 'QL323')!;
		assert.equal(f.severity, 'warning');
		assert.match(f.title, /standard checkpoint of VM 'sql01' instead of a production one/);
		assert.match(f.message, /not application-consistent/);
	});

	it('negative: a VM whose name holds the words, a message with an HRESULT (QL312 reads it by its code), prose without the VM id', () => {
		assert.equal(checkpointRefusal(`Checkpoint operation for 'production-disabled-standard' failed. (Virtual machine ID ${GUID})`), null);
		assert.equal(checkpointRefusal(`Could not create backup checkpoint for virtual machine 'x': Access is denied. (0x80070005). (Virtual machine ID ${GUID})`), null);
		assert.equal(checkpointRefusal('Production checkpoints are disabled on this host, we use standard ones.'), null);
		const coded = analyse(`Could not create backup checkpoint for virtual machine 'SQL-01': The system cannot find the file specified. (0x80070002). (Virtual machine ID ${GUID})`);
		assert.deepEqual(codes(coded), ['QL312']);
	});
});

const NBD = 'virtnbdbackup-59-journalctl-qemu-ga-fsfreeze-called-de-agent-disappeared.txt';
const VDSM = 'ovirt-vdsm-160-unable-to-freeze-guest-agent-not-responding.txt';

describe("wild26: a KVM tool that goes on after the agent's failed freeze reads as an unfrozen try, as QL555 says", () => {
	const readsWentOn = (r: Report, requester: RegExp) => {
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.match(a.requester ?? '', requester);
		assert.equal(a.quiesced, false);
		assert.notEqual(a.result, 'failed');
		const f = finding(r, 'QL555')!;
		assert.equal(f.attemptId, a.id);
		assert.match(f.message, /crash-consistent/);
	};

	it('virtnbdbackup, oVirt vdsm and a vzdump log (the QMP wrapper): not "failed, no restore point"; quoted and CRLF the same', () => {
		for (const v of [(s: string) => s, quoted, crlf]) {
			readsWentOn(analyse(v(wild(NBD))), /virtnbdbackup/);
			// vdsm's warning alone (wild30: its timeout line after it says the snapshot was given up, see wild-wild30).
			readsWentOn(analyse(v(wild(VDSM).replace(/^.*Non-memory snapshot timeout.*$/m, ''))), /oVirt/);
			readsWentOn(analyse(v(['INFO: Starting Backup of VM 100 (qemu)', "INFO: issuing guest-agent 'fs-freeze' command", "ERROR: VM 100 qmp command 'guest-fsfreeze-freeze' failed - got timeout"].join('\n'))), /Proxmox/);
		}
	});

	it("vzdump's verdict after the failed freeze decides the result: a finished backup is crash-consistent", () => {
		const log = ['INFO: Starting Backup of VM 100 (qemu)', "INFO: issuing guest-agent 'fs-freeze' command", "ERROR: VM 100 qmp command 'guest-fsfreeze-freeze' failed - got timeout", 'INFO: Finished Backup of VM 100 (00:01:02)'].join('\n');
		const [a] = analyse(log).attempts;
		assert.equal(a.quiesced, false);
		assert.notEqual(a.result, 'failed');
	});

	it("negative: libvirt's own failed freeze (virsh snapshot-create --quiesce takes no snapshot) and a failed thaw still fail the try", () => {
		const libvirt = analyse("error: internal error: unable to execute QEMU agent command 'guest-fsfreeze-freeze': failed to add C:\\ to snapshot");
		assert.equal(libvirt.attempts[0].quiesced, true);
		assert.equal(libvirt.attempts[0].result, 'failed');
		const thaw = analyse('[2022-07-12 22:43:38] WARNING libvirthelper - fsThaw [MainThread]: Guest agent is not responding: Guest agent disappeared while executing command\n');
		assert.equal(thaw.attempts[0].result, 'failed');
	});
});
