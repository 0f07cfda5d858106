import * as assert from 'assert/strict';
import { hyperVVm } from '../../src/core/formats/windows/eventMessages';
import { relayedFreeze } from '../../src/core/formats/backup/guestAgent';
import { analyse, crlf, finding, quoted, wild } from '../lib/wildText';
import { chopLines, WRAP_WIDTHS } from '../lib/pasteStyles';

// Session 12 (wild30): the hypervisor side — the VM a Hyper-V message names, vdsm's snapshot timeout after a failed
// freeze, libvirt's freeze failing on one file system; test/fixtures/wild/README.md names each source.

const VAGRANT = 'vagrant-9977-hyperv-checkpoint-operation-failed-checkpoints-disabled-quoted.txt';
const ACRONIS = 'acronis-forum-hyperv-production-checkpoint-ubuntu-vss-warning.txt';
const CAMIE = 'camie-hyperv-vmms-0x80070002-checkpoint-storage.txt';
const VDSM = 'ovirt-vdsm-160-unable-to-freeze-guest-agent-not-responding.txt';
const OPNSENSE = 'opnsense-7681-virsh-quiesce-fsfreeze-resource-deadlock-avoided.txt';

const GUID = '32CE0777-9746-44DF-934F-4ACF9D002896';

describe('wild30: a Hyper-V attempt takes the VM its VMMS / Worker messages name (quoted name, else the GUID)', () => {
	it('Vagrant and Acronis: the VM quoted before `(Virtual machine ID …)`, quoted and CRLF the same; the prose before the message is not its VM', () => {
		for (const v of [(s: string) => s, quoted, crlf]) {
			assert.deepEqual(
				analyse(v(wild(VAGRANT))).attempts.map((a) => a.vm),
				['my_default_1530532955211_14843'],
			);
			// Acronis' own line (`Activity 'Creating …' succeeded …`) stands above the event: its quotes are no VM.
			const r = analyse(v(wild(ACRONIS)));
			assert.deepEqual(
				r.attempts.map((a) => [a.vm, a.result]),
				[['BSUbuntu-Monitoring', 'failed']],
			);
			assert.equal(finding(r, 'QL323')!.attemptId, r.attempts[0].id);
		}
	});

	it("the messages in Japanese, German and French (VMMS in the host's language): the same VM", () => {
		for (const text of [
			`'web01' のチェックポイント操作に失敗しました。(仮想マシン ID ${GUID})`,
			`Fehler beim Prüfpunktvorgang für "web01". (ID des virtuellen Computers ${GUID})`,
			`Échec de l'opération de point de contrôle pour « web01 ». (ID de machine virtuelle ${GUID})`,
			`Échec de l'opération de point de contrôle pour 'web01'. (ID de machine virtuelle ${GUID})`,
		]) {
			assert.equal(hyperVVm(text), 'web01', text);
			assert.deepEqual(
				analyse(text).attempts.map((a) => a.vm),
				['web01'],
			);
		}
	});

	it('a message wrapped after the name, and one that quotes no name (the GUID, upper case)', () => {
		assert.equal(hyperVVm(`Could not create backup checkpoint for virtual machine 'sql01': The system cannot\nfind the file specified. (0x80070002). (Virtual machine ID ${GUID})`), 'sql01');
		assert.equal(hyperVVm(`Checkpoint operation failed. (Virtual machine ID ${GUID.toLowerCase()})`), GUID);
		assert.deepEqual(
			analyse(`Checkpoint operation failed. (Virtual machine ID ${GUID.toLowerCase()})`).attempts.map((a) => a.vm),
			[GUID],
		);
	});

	it("negative: a blog's placeholders (`'<VM Name>'`, `<VM GUID>`) and a message without the label name no VM", () => {
		assert.equal(hyperVVm("Checkpoint operation for '<VM Name>' failed. (Virtual machine ID <VM GUID>)"), null);
		assert.equal(hyperVVm("Checkpoint operation for 'sql01' failed."), null);
		// The blog's Windows Server Backup line names its component `<VM Name>` as printed: the try stays that one.
		const r = analyse(wild(CAMIE));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x80070002');
	});
});

describe("wild30: Hyper-V-Worker's checkpoint messages are VMMS's (the VM's worker process), its other errors no try", () => {
	const copy = (message: string, id: number) =>
		[
			'Log Name:      Microsoft-Windows-Hyper-V-Worker-Admin',
			'Source:        Microsoft-Windows-Hyper-V-Worker',
			'Date:          6/25/2024 10:57:12 PM',
			`Event ID:      ${id}`,
			'Task Category: None',
			'Level:         Error',
			'Keywords:      ',
			`User:          NT VIRTUAL MACHINE\\${GUID}`,
			'Computer:      HV01.contoso.local',
			'Description:',
			message,
		].join('\n');

	it("an Event Viewer copy of the worker's failed checkpoint: a failed Hyper-V try of that VM with its code, QL312; CRLF the same", () => {
		const text = copy(`'sql01' could not initiate a checkpoint operation: Element not found. (0x80070490). (Virtual machine ID ${GUID})`, 3280);
		for (const v of [(s: string) => s, crlf]) {
			const r = analyse(v(text));
			assert.deepEqual(
				r.attempts.map((a) => [a.kind, a.vm, a.result, a.hresult]),
				[['hyperv-checkpoint', 'sql01', 'failed', '0x80070490']],
			);
			assert.equal(finding(r, 'QL312')!.attemptId, r.attempts[0].id);
		}
	});

	it("negative: the worker's error about something else (a VM's start) is no checkpoint try", () => {
		const r = analyse(copy(`'sql01' failed to start worker process: Access is denied. (0x80070005). (Virtual machine ID ${GUID})`, 12030));
		assert.deepEqual(r.attempts, []);
		assert.equal(finding(r, 'QL312'), undefined);
	});
});

describe('wild30: a VMMS line cut mid-word at a fixed width reads as the line whole', () => {
	const reading = (text: string) => {
		const r = analyse(text);
		return { attempts: r.attempts.map((a) => [a.kind, a.vm, a.result]), codes: r.findings.map((f) => f.code), title: finding(r, 'QL323')?.title ?? null };
	};

	it('Vagrant cut at 72, 76 and 80 columns (`(Virt` / `ual machine ID`, `(V` / `irtual …`): QL323 for VM my_default_…, as whole', () => {
		const whole = reading(wild(VAGRANT));
		assert.deepEqual(whole.codes, ['QL323']);
		for (const width of WRAP_WIDTHS) assert.deepEqual(reading(chopLines(wild(VAGRANT).split('\n'), width).join('\n')), whole, `cut at ${width}`);
	});

	it('the label cut in Japanese, German and French: the same VM and reason', () => {
		for (const [cut, whole] of [
			[`'web01' のチェックポイントは無効になっています。(仮想\nマシン ID ${GUID})`, `'web01' のチェックポイントは無効になっています。(仮想マシン ID ${GUID})`],
			[`Prüfpunkte wurden für "web01" deaktiviert. (ID des virtu\nellen Computers ${GUID})`, `Prüfpunkte wurden für "web01" deaktiviert. (ID des virtuellen Computers ${GUID})`],
			[`Les points de contrôle ont été désactivés pour « web01 ». (ID de mach\nine virtuelle ${GUID})`, `Les points de contrôle ont été désactivés pour « web01 ». (ID de machine virtuelle ${GUID})`],
		]) {
			assert.equal(hyperVVm(cut), 'web01', cut);
			assert.deepEqual(reading(cut), reading(whole), cut);
		}
	});

	it("negative: the label's words spread over prose (no parenthesis before them) are no VMMS message", () => {
		assert.equal(hyperVVm("We checked 'web01': its Virtual machine ID is 32CE0777-9746-44DF-934F-4ACF9D002896."), null);
		assert.deepEqual(analyse("We checked 'web01': its Virtual machine ID is 32CE0777-9746-44DF-934F-4ACF9D002896.").attempts, []);
	});
});

describe("wild30: vdsm's `Non-memory snapshot timeout … passed` after a failed freeze: the snapshot given up", () => {
	it('oVirt issue 160: a quiesced try that failed, QL555 with the agent not responding and the timeout; quoted and CRLF the same', () => {
		for (const v of [(s: string) => s, quoted, crlf]) {
			const r = analyse(v(wild(VDSM)));
			assert.equal(r.attempts.length, 1);
			const [a] = r.attempts;
			assert.equal(a.vm, '808827db-1b8b-4563-b085-7b34fec4dde1');
			assert.equal(a.quiesced, true);
			assert.equal(a.result, 'failed');
			const f = finding(r, 'QL555')!;
			assert.equal(f.attemptId, a.id);
			assert.equal(r.findings.filter((x) => x.code === 'QL555').length, 1);
			assert.match(f.message, /Guest agent is not responding/);
			assert.match(f.message, /timeout .*gave the snapshot up \(Non-memory snapshot timeout 480 passed after 27905\.\d+ seconds\)/);
			assert.match(f.message, /quiesced snapshot was not taken/);
			assert.doesNotMatch(f.message, /crash-consistent/);
			assert.equal(f.evidence.length, 2);
		}
	});

	it('the timeout line alone (the warning cut away): a failed quiesced try of that VM; in Japanese the finding says so', () => {
		const line = wild(VDSM)
			.split('\n')
			.find((l) => l.includes('Non-memory'))!;
		assert.equal(relayedFreeze(line)?.outcome, 'timed-out');
		const r = analyse(line);
		assert.deepEqual(
			r.attempts.map((a) => [a.vm, a.quiesced, a.result]),
			[['808827db-1b8b-4563-b085-7b34fec4dde1', true, 'failed']],
		);
		assert.match(finding(r, 'QL555')!.message, /did not return in time/);
		assert.match(finding(analyse(line, 'ja'), 'QL555')!.message, /タイムアウト/);
	});

	it('negative: prose about a timeout, and the warning alone, are no given-up snapshot', () => {
		assert.equal(relayedFreeze('the snapshot timeout passed after a while'), null);
		const warning = wild(VDSM)
			.split('\n')
			.filter((l) => !l.includes('Non-memory'))
			.join('\n');
		const [a] = analyse(warning).attempts;
		assert.equal(a.quiesced, false);
		assert.notEqual(a.result, 'failed');
	});
});

describe('wild30: libvirt quiesced snapshot whose freeze failed on one file system (OPNsense + Zenarmor)', () => {
	it('virsh snapshot-create --quiesce: a quiesced try that failed, QL555 quoting the mount the agent could not freeze; quoted and CRLF the same', () => {
		for (const v of [(s: string) => s, quoted, crlf]) {
			const r = analyse(v(wild(OPNSENSE)));
			assert.equal(r.attempts.length, 1);
			const [a] = r.attempts;
			assert.equal(a.quiesced, true);
			assert.equal(a.result, 'failed');
			const f = finding(r, 'QL555')!;
			assert.equal(f.severity, 'error');
			assert.match(f.message, /failed to freeze \/usr\/local\/zenarmor\/output\/active\/temp: Resource deadlock avoided/);
			assert.match(f.message, /quiesced snapshot was not taken/);
		}
	});
});
