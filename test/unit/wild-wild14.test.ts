import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 9 (wild14): backup products' own words about a failed (or finished) shadow copy — burp's Windows client
// (Bacula's VSS code under its own stamp), Azure VM Backup's error codes as Microsoft's pages print them, and
// wbadmin's console output of a run that went well (test/fixtures/wild/README.md names the sources), each with
// variants of what a paste does to it.

const ACCESS = 'burp-164-createvssbackupcomponents-0x80070005-not-elevated.txt';
const UNEXPECTED = 'burp-185-fr-initializeforbackup-0x80042302-wrapped.txt';
const NO_CODE = 'burp-926-fr-generate-vss-snapshots-failed-no-code.txt';
const STATES = 'burp-935-win11-24h2-quoted-writer-states-prepareforbackup.txt';
const BITLOCKER = 'msdocs-azure-vm-backup-extensionsnapshotbitlockererror-table-row.txt';
const TIMEOUT = 'msdocs-azure-vm-backup-extensionfailedtimeoutvmnetworkunresponsive.txt';
const WRITERS_TR = 'msdocs-azure-vm-backup-tr-extensionfailedvsswriterinbadstate.txt';
const WBADMIN = 'wbadmin-image-backup-bat-readme-success-allcritical.txt';
const CHECKPOINT = 'acronis-forum-hyperv-production-checkpoint-ubuntu-vss-warning.txt';
const NOT_VSS = 'bareos-zh-joblog-vss-yes-storage-daemon-unreachable.txt';
const FLOW = 'unitrends-doc-agent-events-vss-flow-table.txt';
const NBU_13 = 'msqa-2119489-netbackup-exchange-status-13-invalid-strm-header.txt';
const BAREOS_OK = 'bareos-zh-tutorial-win7-vss-joblog-backup-ok.txt';

/** The one failed in-guest try burp reports, with its decisive code (or none). */
function burpFailure(r: Report, hresult: string | null) {
	assert.equal(r.attempts.length, 1);
	const [a] = r.attempts;
	assert.equal(a.requester, 'Burp');
	assert.equal(a.kind, 'guest-shadow-copy');
	assert.equal(a.quiesced, null);
	assert.equal(a.result, 'failed');
	assert.equal(a.hresult, hresult);
	return a;
}

describe("wild14: burp's client denied its own VSS setup call (CreateVssBackupComponents, E_ACCESSDENIED)", () => {
	it('the console run wrapped at 80 columns: one failed try of Burp, QL550 says the requester is not elevated', () => {
		const r = analyse(wild(ACCESS));
		burpFailure(r, '0x80070005');
		assert.deepEqual(codes(r), ['QL550']);
		const f = finding(r, 'QL550')!;
		assert.match(f.title, /^Burp reported the backup failed: E_ACCESSDENIED \(0x80070005\)/);
		assert.match(f.message, /Step: CreateVssBackupComponents\./);
		assert.match(f.fix, /Run the backup elevated/);
		assert.match(f.fix, /Backup Operators/);
		assert.doesNotMatch(f.fix, /RmMetadata/);
	});

	it('quoted with CRLF it reads the same; in Japanese the fix says to run as administrator', () => {
		const r = analyse(crlf(quoted(wild(ACCESS))));
		burpFailure(r, '0x80070005');
		assert.match(finding(r, 'QL550')!.fix, /Run the backup elevated/);
		assert.match(finding(analyse(wild(ACCESS), 'ja'), 'QL550')!.fix, /管理者として/);
	});

	it("the VSS class's line alone (Bacula's code, no burp stamp) names Bacula / Bareos with the same advice", () => {
		const r = analyse('VSSClientGeneric::Initialize: CreateVssBackupComponents returned 0x80070005. ERR=Access is denied.\n');
		assert.equal(r.attempts[0].requester, 'Bacula / Bareos');
		assert.equal(r.attempts[0].hresult, '0x80070005');
		assert.match(finding(r, 'QL550')!.fix, /Run the backup elevated/);
	});

	it("AlphaVSS's constructor of the same call, denied, gets the same advice; access denied to a file does not", () => {
		const dotnet = analyse(wild('duplicati-638-alphavss-unauthorizedaccess-createvssbackupcomponents.txt'));
		assert.match(finding(dotnet, 'QL550')!.fix, /Run the backup elevated/);
		const file = analyse('Backup failed reading C:\\data\\a.db: access denied (0x80070005)\n');
		assert.doesNotMatch(finding(file, 'QL550')!.fix, /Run the backup elevated/);
		assert.match(finding(file, 'QL550')!.fix, /Access was denied to C:\\data\\a\.db/);
	});
});

describe("wild14: burp's client, InitializeForBackup returned VSS_E_UNEXPECTED on the line after it", () => {
	it('the code a console wrapped onto its own line is the call’s: one failed try, 0x80042302 at InitializeForBackup', () => {
		const r = analyse(wild(UNEXPECTED));
		burpFailure(r, '0x80042302');
		const f = finding(r, 'QL550')!;
		assert.match(f.message, /Step: InitializeForBackup\./);
		assert.match(f.evidence[0].text, /InitializeForBackup returned 0x80042302$/);
	});

	it('unwrapped (the code on the line) and with CRLF it reads the same', () => {
		const one = wild(UNEXPECTED).replace('InitializeForBackup returned\n 0x80042302', 'InitializeForBackup returned 0x80042302');
		burpFailure(analyse(crlf(one)), '0x80042302');
	});

	it("a newer client's tag, the program's whole path (`\\Program Files\\Burp\\bin\\burp.exe[14332]`), reads the same", () => {
		const path = wild(UNEXPECTED).replace(/burp\[9200\]/g, '\\Program Files\\Burp\\bin\\burp.exe[14332]');
		burpFailure(analyse(path), '0x80042302');
	});

	it("the class's line cut again before `returned` (its rest on the two lines after it) still gives the call and its code", () => {
		const cut = wild(UNEXPECTED).replace('InitializeForBackup returned\n 0x80042302', 'InitializeForBackup \nreturned\n 0x80042302');
		const r = analyse(cut);
		burpFailure(r, '0x80042302');
		assert.match(finding(r, 'QL550')!.message, /Step: InitializeForBackup\./);
		// A stamped line after the class's line is no rest of it: the code below it is not the call's.
		const apart = wild(UNEXPECTED).replace('InitializeForBackup returned\n 0x80042302', 'InitializeForBackup returned\n2014-01-03 12:02:12: burp[9200] nocsr ok\n 0x80042302');
		assert.equal(analyse(apart).attempts[0].hresult, null);
	});

	it('cut before the code, the try still failed (VSS support is disabled) but names no code', () => {
		const cut = wild(UNEXPECTED).replace('\n 0x80042302', '');
		const r = analyse(cut);
		burpFailure(r, null);
		assert.deepEqual(codes(r), ['QL112']);
	});
});

describe('wild14: burp says "Generate VSS snapshots failed" with a success text after ERR=', () => {
	it('a fenced excerpt: one failed try of Burp, no code (the French success text is no cause), QL112 asks for more', () => {
		const r = analyse(wild(NO_CODE));
		burpFailure(r, null);
		assert.deepEqual(codes(r), ['QL112']);
		assert.match(finding(r, 'QL112')!.title, /Burp's shadow copy a1 failed/);
	});

	it('with the German text and its success code after ERR= it reads the same', () => {
		const de = wild(NO_CODE).replace(/ERR=.*$/m, 'ERR=Der Vorgang wurde erfolgreich beendet. (0x00000000)');
		burpFailure(analyse(de), null);
	});

	it('a stamped line of another log that says nothing of VSS is no burp line', () => {
		const r = analyse('2024-02-05 12:00:01: WARNING: disk almost full ERR=28\n2024-02-05 12:00:02: done\n');
		assert.equal(r.attempts.length, 0);
	});
});

describe("wild14: burp's writer states after PrepareForBackup, quoted with '> '", () => {
	it('every writer stable and the excerpt cut before the verdict: one try of Burp whose outcome is unknown, no finding', () => {
		const r = analyse(wild(STATES));
		assert.deepEqual(codes(r), []);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].requester, 'Burp');
		assert.equal(r.attempts[0].result, 'unknown');
	});

	it('one writer at 0x7 fails the try: QL570 names it in [7] VSS_WS_FAILED_AT_PREPARE_BACKUP', () => {
		const failed = wild(STATES).replace('"System Writer", State: 0x1 (VSS_WS_STABLE)', '"System Writer", State: 0x7 (VSS_WS_FAILED_AT_PREPARE_BACKUP)');
		const r = analyse(crlf(failed));
		burpFailure(r, null);
		assert.deepEqual(codes(r), ['QL570']);
		assert.match(finding(r, 'QL570')!.message, /'System Writer' \(\[7\] VSS_WS_FAILED_AT_PREPARE_BACKUP/);
	});

	it("Bareos' job log with the same start line stays Bareos'", () => {
		const r = analyse('06-Dec 03:10 winsrv-fd JobId 1234: Generate VSS snapshots. Driver="Win64 VSS", Drive(s)="C"\n06-Dec 03:11 winsrv-fd JobId 1234: VSS Writer (PrepareForBackup): "System Writer", State: 0x7 (VSS_WS_FAILED_AT_PREPARE_BACKUP)\n');
		assert.equal(r.attempts[0].requester, 'Bacula / Bareos');
		assert.deepEqual(codes(r), ['QL570']);
	});
});

describe("wild14: Azure VM Backup's snapshot error codes as Microsoft's troubleshooting page prints them", () => {
	it('ExtensionSnapshotBitlockerError in a Markdown table row: a failed try, QL550 with the BitLocker fix', () => {
		const r = analyse(wild(BITLOCKER));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
		assert.equal(r.attempts[0].requester, 'Azure VM Backup');
		const f = finding(r, 'QL550')!;
		assert.match(f.message, /locked by BitLocker Drive Encryption/);
		assert.match(f.fix, /manage-bde -unlock/);
		assert.match(finding(analyse(wild(BITLOCKER), 'ja'), 'QL550')!.fix, /BitLocker をオフ/);
	});

	it('the same row in the Chinese page (full-width colons, the next row a code of no snapshot): one failed try, the same reading', () => {
		const r = analyse(wild('msdocs-azure-vm-backup-zh-extensionsnapshotbitlockererror-table-row.txt'));
		assert.equal(r.attempts.length, 1);
		assert.deepEqual(codes(r), ['QL550']);
		assert.match(finding(r, 'QL550')!.message, /locked by BitLocker Drive Encryption/);
	});

	it('ExtensionFailedTimeoutVMNetworkUnresponsive glued to its <br/>: the snapshot timed out, the host-first fix', () => {
		const r = analyse(crlf(wild(TIMEOUT)));
		const f = finding(r, 'QL550')!;
		assert.match(f.message, /timed out/);
		assert.match(f.fix, /firstHostThenGuest/);
	});

	it("the Turkish page's labels around ExtensionFailedVssWriterInBadState: the constant decides", () => {
		const r = analyse(wild(WRITERS_TR));
		const f = finding(r, 'QL550')!;
		assert.match(f.title, /Azure VM Backup reported the backup failed: ExtensionFailedVssWriterInBadState/);
		assert.match(f.fix, /vssadmin list writers/);
	});

	it('a Linux VM whose mount points could not be frozen (UserErrorFsFreezeFailed), quoted', () => {
		const r = analyse(quoted('Error code: UserErrorFsFreezeFailed <br/>\nError message: Failed to freeze one or more mount-points of the VM to take a file-system consistent snapshot.'));
		assert.match(finding(r, 'QL550')!.fix, /fsck/);
	});
});

describe("wild14: wbadmin's console output of a backup that went well", () => {
	it('the list of files backed up after the summary is the verdict: one successful try of Windows Server Backup', () => {
		const r = analyse(wild(WBADMIN));
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.equal(a.requester, 'Windows Server Backup');
		assert.equal(a.kind, 'guest-shadow-copy');
		assert.equal(a.result, 'success');
		assert.deepEqual(codes(r), []);
	});

	it('in German (translated banner and summary, the file names as they are) and with CRLF it reads the same', () => {
		const de = [
			'wbadmin 1.0 - Sicherungsbefehlszeilen-Tool',
			'(C) Copyright Microsoft Corporation. Alle Rechte vorbehalten.',
			'',
			'Die Schattenkopie der für die Sicherung angegebenen Volumes wird erstellt...',
			'Zusammenfassung des Sicherungsvorgangs:',
			'------------------',
			'',
			'Der Sicherungsvorgang wurde erfolgreich abgeschlossen.',
			'Protokoll der erfolgreich gesicherten Dateien:',
			'C:\\Windows\\Logs\\WindowsServerBackup\\Backup-31-07-2026_13-04-36.log',
		].join('\r\n');
		const r = analyse(de);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'success');
	});

	it('an error list beside it leaves the try successful (files left out, the snapshot made); alone it is no verdict; a failure code fails it', () => {
		const errorList = 'Log of files for which backup failed:\nC:\\Windows\\Logs\\WindowsBackup\\Backup_Error-05-04-2023_16-20-11.log';
		const errors = wild(WBADMIN).replace('Log of files successfully backed up:', `${errorList}\nLog of files successfully backed up:`);
		assert.equal(analyse(errors).attempts[0].result, 'success');
		const only = wild(WBADMIN).replace(/Log of files successfully backed up:\n.*\n/, `${errorList}\n`);
		assert.equal(analyse(only).attempts.length, 0);
		const failed = wild(WBADMIN).replace('The backup operation successfully completed.', 'ERROR - A Volume Shadow Copy Service operation error has occurred: (0x800423f4)');
		assert.equal(
			analyse(failed).attempts.some((a) => a.result === 'failed' && a.hresult === '0x800423F4'),
			true,
		);
	});

	it('in Japanese (translated banner, the list as it is) it reads the same', () => {
		const ja = [
			'wbadmin 1.0 - バックアップ コマンドライン ツール',
			'(C) Copyright Microsoft Corporation. All rights reserved.',
			'',
			'バックアップ操作の概要:',
			'------------------',
			'',
			'バックアップ操作は正常に完了しました。',
			'正常にバックアップされたファイルのログ:',
			'C:\\Windows\\Logs\\WindowsServerBackup\\Backup-05-04-2023_16-20-11.log',
		].join('\n');
		const r = analyse(ja, 'ja');
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'success');
	});

	it("a log file's name without wbadmin's banner is no verdict", () => {
		assert.equal(analyse('See C:\\Windows\\Logs\\WindowsBackup\\Backup-05-04-2023_16-20-11.log\n').attempts.length, 0);
	});
});

describe("wild14: Acronis' VSS hypervisor snapshot of a Linux VM on Hyper-V, with the host's VMMS messages", () => {
	it('the production checkpoint could not be created: a failed Hyper-V checkpoint, the integration service advice', () => {
		const r = analyse(wild(CHECKPOINT));
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.equal(a.kind, 'hyperv-checkpoint');
		assert.equal(a.result, 'failed');
		// wild26: VMMS's message says why (QL323), not "the bundle does not show why".
		const f = finding(r, 'QL323')!;
		assert.match(f.fix, /Enable-VMIntegrationService -VMName <vm> -Name 'Backup\*'/);
	});

	it('quoted with CRLF it reads the same', () => {
		const r = analyse(crlf(quoted(wild(CHECKPOINT))));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].kind, 'hyperv-checkpoint');
		assert.equal(r.attempts[0].result, 'failed');
	});
});

describe('wild14: backup jobs that failed or were described without any VSS failure', () => {
	it("a Bareos job (Chinese month stamps) that failed reaching its storage daemon, 'VSS: yes' in its report: no VSS attempt, no finding", () => {
		for (const text of [wild(NOT_VSS), crlf(quoted(wild(NOT_VSS)))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0);
			assert.deepEqual(codes(r), []);
		}
	});

	it('the same job had it started its shadow copy and a writer failed: the writer, not the network, is the finding', () => {
		const vss = wild(NOT_VSS).replace(
			'19-5月 00:22 client2-fd JobId 5: Created 30 wildcard excludes',
			'19-5月 00:22 client2-fd JobId 5: Generate VSS snapshots. Driver="Win64 VSS", Drive(s)="C"\n19-5月 00:22 client2-fd JobId 5: Warning: VSS Writer "System Writer" has invalid state. ERR=The writer vetoed the shadow copy creation process during the backup preparation state.\n19-5月 00:22 client2-fd JobId 5: Created 30 wildcard excludes',
		);
		const r = analyse(vss);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
		assert.deepEqual(codes(r), ['QL570']);
	});

	it('NetBackup logs run together in a question (Exchange log read after VSS Backup Complete, status 13): nothing blames VSS', () => {
		const r = analyse(wild(NBU_13));
		assert.equal(r.findings.filter((f) => f.severity === 'error').length, 0);
		assert.equal(r.attempts.filter((a) => a.hresult !== null).length, 0);
	});

	it("Unitrends' documentation of its agent's events, a table whose cells each took a line: the normal flow, nothing failed", () => {
		const r = analyse(wild(FLOW));
		assert.equal(r.attempts.filter((a) => a.result === 'failed').length, 0);
		assert.deepEqual(codes(r), []);
	});
});

describe("wild14: a Bareos job of a Windows client that used VSS and ended 'Backup OK'", () => {
	it('the start line and the report are one successful in-guest try of Bacula / Bareos, every writer stable', () => {
		const r = analyse(wild(BAREOS_OK));
		assert.equal(r.attempts.length, 1);
		const [a] = r.attempts;
		assert.equal(a.requester, 'Bacula / Bareos');
		assert.equal(a.kind, 'guest-shadow-copy');
		assert.equal(a.result, 'success');
		assert.deepEqual(codes(r), []);
	});

	it('quoted with CRLF, and ended with warnings, it is still a success', () => {
		assert.equal(analyse(crlf(quoted(wild(BAREOS_OK)))).attempts[0].result, 'success');
		assert.equal(analyse(wild(BAREOS_OK).replace('Backup OK', 'Backup OK -- with warnings')).attempts[0].result, 'success');
	});

	it("a report of a job that used no VSS, or that ended in error, says nothing of the snapshot's outcome", () => {
		const noVss = wild(BAREOS_OK).replace('VSS:                    yes', 'VSS:                    no');
		assert.equal(analyse(noVss).attempts[0].result, 'unknown');
		const error = wild(BAREOS_OK).replace('Termination:            Backup OK', 'Termination:            *** Backup Error ***');
		assert.equal(analyse(error).attempts[0].result, 'unknown');
	});

	it('a writer that failed after the snapshot fails the try whatever the report says', () => {
		const failed = wild(BAREOS_OK).replace('"WMI Writer", State: 0x1 (VSS_WS_STABLE)', '"WMI Writer", State: 0xc (VSS_WS_FAILED_AT_BACKUP_COMPLETE)');
		const r = analyse(failed);
		assert.equal(r.attempts[0].result, 'failed');
		assert.deepEqual(codes(r), ['QL570']);
	});
});
