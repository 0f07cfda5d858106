import * as assert from 'assert/strict';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 8 (wild9): Windows-side evidence around VSS failures — the Service Control Manager's events about
// the services a snapshot runs through, volsnap's events by what they did to the attempt, VSS constant names
// printed for their codes, Macrium Reflect's log by its own lines (test/fixtures/wild/README.md names the
// sources), each with variants of its shape.

/** An Event Viewer text copy (the English General-tab layout) of one event. */
const textCopy = (log: string, source: string, date: string, id: number, level: string, message: string) =>
	[
		`Log Name:      ${log}`,
		`Source:        ${source}`,
		`Date:          ${date}`,
		`Event ID:      ${id}`,
		'Task Category: None',
		`Level:         ${level}`,
		'Keywords:      Classic',
		'User:          N/A',
		'Computer:      SRV01.contoso.local',
		'Description:',
		message,
	].join('\n');

describe('wild9: the Service Control Manager says a service the snapshot runs through stopped', () => {
	const VSS_7034 = textCopy('System', 'Service Control Manager', '2021-03-14T02:01:13.000', 7034, 'Error', 'The Volume Shadow Copy service terminated unexpectedly.  It has done this 1 time(s).');
	const PROVIDER_12293 = textCopy(
		'Application',
		'VSS',
		'2021-03-14T02:01:14.000',
		12293,
		'Error',
		'Volume Shadow Copy Service error: Error calling a routine on a Shadow Copy Provider {b5946137-7b9f-4925-af80-51abd60b20d5}. Routine details Cannot ask provider {b5946137-7b9f-4925-af80-51abd60b20d5} if volume is supported. [0x8004230f] [hr = 0x8004230f, The shadow copy provider had an unexpected error while trying to process the specified operation.\n].',
	);

	it("VSS 7034 beside the provider error it caused: one attempt, QL307 names the service and the attempt's 0x8004230F as its consequence", () => {
		const r = analyse(`${VSS_7034}\n\n${PROVIDER_12293}\n`);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x8004230F');
		assert.deepEqual(codes(r), ['QL307', 'QL401']);
		const f = finding(r, 'QL307')!;
		assert.equal(f.severity, 'error');
		assert.equal(f.attemptId, r.attempts[0].id);
		assert.match(f.title, /\(VSS\) service terminated unexpectedly/);
		assert.match(f.message, /that is why attempt a1 failed with VSS_E_UNEXPECTED_PROVIDER_ERROR \(0x8004230F\)/);
		assert.match(f.fix, /Set-Service -Name VSS -StartupType Manual/);
		assert.match(f.fix, /Application Error \(1000\)/);
		assert.ok(f.kb.some((k) => /volume-shadow-copy-service/.test(k.url)));
	});

	it('the same pasted as a mail quote with CRLF, and in Japanese, reads the same', () => {
		assert.deepEqual(codes(analyse(crlf(quoted(`${VSS_7034}\n\n${PROVIDER_12293}`)))), ['QL307', 'QL401']);
		const ja = analyse(`${VSS_7034}\n\n${PROVIDER_12293}\n`, 'ja');
		assert.match(finding(ja, 'QL307')!.title, /VSS\) サービスが予期せず終了しました/);
		assert.match(finding(ja, 'QL307')!.message, /0x8004230F/);
	});

	it('a German copy names the service by its German display name; the Japanese one swprv by its own', () => {
		const de = [
			'Protokollname: System',
			'Quelle:        Service Control Manager',
			'Datum:         14.03.2021 02:01:13',
			'Ereignis-ID:   7034',
			'Aufgabenkategorie:Keine',
			'Ebene:         Fehler',
			'Computer:      SRV01',
			'Beschreibung:',
			'Der Dienst "Volumeschattenkopie" wurde unerwartet beendet. Dies ist bereits 1 Mal passiert.',
		];
		const r = analyse(de.join('\r\n'));
		assert.deepEqual(codes(r), ['QL307']);
		assert.match(finding(r, 'QL307')!.title, /\(VSS\)/);
		const ja = [
			'ログの名前:         System',
			'ソース:           Service Control Manager',
			'日付:            2021/03/14 2:01:13',
			'イベント ID:       7009',
			'レベル:           エラー',
			'説明:',
			'Microsoft Software Shadow Copy Provider サービスの接続を待機中にタイムアウト (30000 ミリ秒) になりました。',
		];
		const p = finding(analyse(ja.join('\n')), 'QL307')!;
		assert.match(p.title, /\(swprv\) service failed to start/);
		assert.match(p.fix, /KB 2009513/);
		assert.ok(p.kb.some((k) => k.id === 'Microsoft KB 2009513'));
	});

	const xmlEvent = (id: number, param1: string, binary: string, time: string) =>
		`<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Service Control Manager' Guid='{555908d1-a6d7-4695-8e1e-26931d2012f4}' EventSourceName='Service Control Manager'/><EventID Qualifiers='49152'>${id}</EventID><Level>2</Level><TimeCreated SystemTime='${time}'/><Channel>System</Channel><Computer>srv</Computer></System><EventData><Data Name='param1'>${param1}</Data><Data Name='param2'>1</Data><Binary>${binary}</Binary></EventData></Event>`;
	/** `swprv` and `Spooler` in UTF-16LE with their NUL, as the SCM writes the service name into Binary. */
	const SWPRV = '73007700700072007600000000000000';
	const SPOOLER = '530070006F006F006C00650072000000';

	it('in XML the Binary service name decides, whatever the display name says (a display language not listed)', () => {
		const r = analyse(`<Events>\n${xmlEvent(7031, 'Fornecedor de Cópias Sombra de Software da Microsoft', SWPRV, '2023-05-02T01:10:04.123Z')}\n</Events>\n`);
		assert.deepEqual(codes(r), ['QL307']);
		assert.match(finding(r, 'QL307')!.title, /\(swprv\)/);
		assert.equal(r.attempts.length, 1);
	});

	it('negative: another service stopping (the print spooler) is no quiesce finding and no attempt', () => {
		const r = analyse(`<Events>\n${xmlEvent(7034, 'Print Spooler', SPOOLER, '2023-05-02T01:12:04.123Z')}\n</Events>\n`);
		assert.deepEqual(codes(r), []);
		assert.equal(r.attempts.length, 0);
		assert.deepEqual(codes(analyse(textCopy('System', 'Service Control Manager', '2021-03-14T02:01:13.000', 7034, 'Error', 'The Print Spooler service terminated unexpectedly.  It has done this 1 time(s).'))), []);
	});
});

describe('wild9: volsnap shadow storage events by what happened to the attempt, not by their level', () => {
	const event = (id: number, level: string, message: string) => textCopy('System', 'volsnap', '2021-03-14T02:01:13.000', id, level, message);
	const AT_RISK = event(24, 'Warning', 'There was insufficient disk space on volume D: to grow the shadow copy storage for shadow copies of D:. As a result of this failure all shadow copies of volume D: are at risk of being deleted.');
	const ABORTED = event(35, 'Error', 'The shadow copies of volume D: were aborted because the shadow copy storage failed to grow.');

	it('event 24 alone (copies at risk, none lost) is a warning', () => {
		const r = analyse(AT_RISK);
		assert.deepEqual(codes(r), ['QL404']);
		assert.equal(r.findings[0].severity, 'warning');
	});

	it('event 35 (copies aborted) in a failed attempt is an error, and a copy of 24 logged as an error is still a warning', () => {
		const r = analyse(ABORTED);
		assert.equal(finding(r, 'QL404')!.severity, 'error');
		assert.equal(finding(analyse(AT_RISK.replace('Level:         Warning', 'Level:         Error')), 'QL404')!.severity, 'warning');
	});
});

describe('wild9: VSS constant names printed for their codes', () => {
	// Bareos fd messages as bareos #1923 prints them, with the constant's name after ERR= instead of its text.
	const BAREOS = ['22309: Error: VSS API failure calling "BackupComplete". ERR=VSS_E_BAD_STATE', '22309: Fatal error: Generate VSS snapshots failed. ERR=VSS_E_UNEXPECTED_PROVIDER_ERROR'];

	it("Bareos: the provider error is the attempt's code, BAD_STATE its echo (QL401, not QL112)", () => {
		const r = analyse(BAREOS.join('\n'));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x8004230F');
		assert.equal(r.attempts[0].requester, 'Bacula / Bareos');
		assert.ok(codes(r).includes('QL401'));
		assert.ok(!codes(r).includes('QL112'));
	});

	it('the BAD_STATE line alone is VSS_E_BAD_STATE (0x80042301); quoted with CRLF the same', () => {
		assert.equal(analyse(BAREOS[0]).attempts[0].hresult, '0x80042301');
		assert.equal(analyse(crlf(quoted(BAREOS.join('\n')))).attempts[0].hresult, '0x8004230F');
	});

	it('negative: a constant of another header in prose (E_INVALIDARG) and an unknown VSS_E_ name are no code', () => {
		assert.deepEqual(codes(analyse('The agent calls InitializeForBackup, which returns E_INVALIDARG on every run.')), []);
		assert.deepEqual(
			codes(analyse('22309: Error: VSS API failure calling "BackupComplete". ERR=VSS_E_NOT_A_REAL_CONSTANT')).filter((c) => c !== 'QL112'),
			[],
		);
	});
});

describe("wild9: Macrium Reflect's log named by its own lines", () => {
	// The lines of a Macrium image log as a Japanese blog (onk164) and qBittorrent #13102 quote them.
	const LOG = [
		'ERROR: COM call "m_pVssObject->BackupComplete(&pAsync)" failed.',
		'- Returned HRESULT = 0x80042301',
		'- Error text: VSS_E_BAD_STATE',
		'Gathering Windows Events - Please Wait',
		'Backup aborted! - Failed To Create Volume Snapshot. Result Code: 0x80042306',
	];

	it('the abort line names Macrium Reflect as the requester; its 0x80042306 decides (QL401), BAD_STATE is the echo', () => {
		const r = analyse(LOG.join('\n'));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].requester, 'Macrium Reflect');
		assert.equal(r.attempts[0].hresult, '0x80042306');
		assert.ok(codes(r).includes('QL401'));
	});

	it('the retry line alone names it too, quoted and CRLF', () => {
		const r = analyse(crlf(quoted('Creating Volume Snapshot - Please Wait\nFailed: Failed - 0x80042316 - IDispatch error #8470 - Retrying without VSS Writers')));
		assert.equal(r.attempts[0].requester, 'Macrium Reflect');
		assert.equal(r.attempts[0].hresult, '0x80042316');
	});

	it('negative: the vshadow-style lines alone (other products embed them) name no product', () => {
		const r = analyse(LOG.slice(0, 3).join('\n'));
		assert.equal(r.attempts[0].requester, null);
	});
});

describe("wild9: a hardware provider's own 12289 is the layer under the requester's report", () => {
	// KB 2462424 (DPM 30112 on a Hyper-V host with the Microsoft iSCSI Target VSS Hardware Provider), session 7's excerpt.
	const KB = wild('mskb2462424-dpm-30112-0x800423f3-iscsi-hw-provider-autorecovery.txt');

	it('one incident is one attempt: DPM with the provider named as the failed component; QL317 names the provider, not the floppy', () => {
		const r = analyse(KB);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].requester, 'System Center DPM');
		assert.deepEqual(r.attempts[0].failedComponent, { type: 'provider', name: 'Microsoft iSCSI Target VSS Hardware Provider' });
		const f = finding(r, 'QL317')!;
		assert.equal(f.attemptId, r.attempts[0].id);
		assert.match(f.message, /'Microsoft iSCSI Target VSS Hardware Provider' \{2f900f90-00e9-440e-873a-96ca5eb079e5\}/);
		assert.match(f.fix, /UseSystemSoftwareProvider/);
		assert.doesNotMatch(f.fix, /floppy/);
	});

	it('the same with CRLF, and the 12289 with Japanese labels around its untranslated context values, reads the same', () => {
		assert.equal(analyse(crlf(KB)).attempts.length, 1);
		const ja = KB.replace('Operation:', '操作:').replace('Context:', 'コンテキスト:').replace('Execution Context: Provider', '実行コンテキスト: Provider').replace('Provider Name:', 'プロバイダー名:').replace('Provider ID:', 'プロバイダー ID:');
		const r = analyse(ja, 'ja');
		assert.equal(r.attempts.length, 1);
		assert.match(finding(r, 'QL317')!.fix, /Microsoft iSCSI Target VSS Hardware Provider/);
	});

	it("negative: the system provider's own context (Windows' provider) keeps the routine's cause", () => {
		const sys = KB.replace('Provider Name: Microsoft iSCSI Target VSS Hardware Provider', 'Provider Name: Microsoft Software Shadow Copy provider 1.0').replace('{2f900f90-00e9-440e-873a-96ca5eb079e5}', '{b5946137-7b9f-4925-af80-51abd60b20d5}');
		assert.match(finding(analyse(sys), 'QL317')!.fix, /floppy/);
	});
});

describe('wild9: real excerpts of session 8 (test/fixtures/wild/README.md)', () => {
	it('cyphertite #9: VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED (80042317) after a killed backup is the count limit, not storage space', () => {
		const r = analyse(wild('cyphertite-9-vssrl-max-snapshots-80042317-wrapped.txt'));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x80042317');
		const f = finding(r, 'QL404')!;
		assert.match(f.title, /maximum number of shadow copies/);
		assert.match(f.fix, /vssadmin list shadows/);
		assert.doesNotMatch(f.message, /diff area/);
		// Quoted with CRLF, and the constants printed without their numbers: the same code.
		const names = wild('cyphertite-9-vssrl-max-snapshots-80042317-wrapped.txt').replace(' (80042317)', '').replace(' (80042301)', '');
		assert.equal(analyse(crlf(quoted(names))).attempts[0].hresult, '0x80042317');
	});

	it("onk164 (ja): Macrium's abort and the Japanese CreateFileW 0x80070001 on the shadow copy device: QL314", () => {
		const r = analyse(wild('onk164-ja-macrium-0x80042306-createfilew-and-windows-backup-0x81000019.txt'));
		// Macrium's try, and Windows Backup's (its dialog copy, session 12: wild29).
		assert.equal(r.attempts.length, 2);
		assert.equal(finding(r, 'QL314')?.attemptId, r.attempts[0].id);
		assert.ok(r.attempts.every((a) => a.result === 'failed'));
	});
});

describe('wild9: KB 2009513 — SCM 7023 for swprv beside VSS 12292 and 11', () => {
	const KB = wild('mskb2009513-swprv-7023-vss-12292-11-0x80080005.txt');

	it("one attempt: swprv's 7023 is the cause (QL307, the ServiceDll fix), the provider class error QL403", () => {
		const r = analyse(KB);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x80080005');
		assert.deepEqual(codes(r), ['QL307', 'QL403']);
		const f = finding(r, 'QL307')!;
		assert.match(f.title, /\(swprv\) service terminated with an error/);
		assert.match(f.fix, /ServiceDll/);
		assert.ok(f.kb.some((k) => k.id === 'Microsoft KB 2009513'));
	});

	it('without the Markdown quotes and with CRLF; the 7023 copied in German: the same findings', () => {
		assert.deepEqual(codes(analyse(crlf(KB.replace(/^> /gm, '')))), ['QL307', 'QL403']);
		const de = KB.replace('The Microsoft Software Shadow Copy Provider service terminated with the following error:', 'Der Dienst "Microsoft-Softwareschattenkopie-Anbieter" wurde mit folgendem Fehler beendet:');
		assert.match(finding(analyse(de), 'QL307')!.title, /\(swprv\)/);
	});
});

describe('wild9: volsnap 32 — the shadow copy storage volume was not present', () => {
	const DOC = wild('msdocs-volsnap-32-diff-area-volume-not-present-fenced.txt');

	it('an error naming the missing storage volume and the phantom VolumeSnapshot entries, not a full diff area', () => {
		const r = analyse(DOC);
		assert.deepEqual(codes(r), ['QL404']);
		const f = r.findings[0];
		assert.equal(f.severity, 'error');
		assert.match(f.title, /storage volume was not present/);
		assert.match(f.fix, /devnodeclean/);
		assert.doesNotMatch(f.fix, /resize shadowstorage/);
	});

	it('quoted with CRLF, and in Japanese, the same finding', () => {
		assert.match(analyse(crlf(quoted(DOC))).findings[0].title, /storage volume was not present/);
		assert.match(analyse(DOC, 'ja').findings[0].title, /記憶域のボリュームが存在せず/);
	});
});

describe("wild9: Application Error 1000 of a snapshot service's own process", () => {
	const CRASH = [
		'Faulting application name: VSSVC.exe, version: 10.0.17763.1, time stamp: 0x5f8a1b2c',
		'Faulting module name: ContosoVssProv.dll, version: 2.1.0.4, time stamp: 0x5e0c11aa',
		'Exception code: 0xc0000005',
		'Faulting application path: C:\\Windows\\system32\\VSSVC.exe',
	].join('\n');
	const event = (message: string) => textCopy('Application', 'Application Error', '2021-03-14T02:01:12.000', 1000, 'Error', message);
	const SCM = textCopy('System', 'Service Control Manager', '2021-03-14T02:01:13.000', 7034, 'Error', 'The Volume Shadow Copy service terminated unexpectedly.  It has done this 1 time(s).');

	it("vssvc.exe's crash and the SCM's 7034 are one stop of VSS: one QL307 naming the faulting module", () => {
		const r = analyse(`${event(CRASH)}\n\n${SCM}\n`);
		assert.equal(r.attempts.length, 1);
		assert.deepEqual(codes(r), ['QL307']);
		assert.match(r.findings[0].message, /the faulting module is ContosoVssProv\.dll/);
	});

	it('the crash alone, with German labels (the executable and the module are not translated), is the same stop', () => {
		const de = CRASH.replace('Faulting application name:', 'Name der fehlerhaften Anwendung:').replace('Faulting module name:', 'Name des fehlerhaften Moduls:').replace('Exception code:', 'Ausnahmecode:');
		const r = analyse(event(de));
		assert.deepEqual(codes(r), ['QL307']);
		assert.match(r.findings[0].title, /\(VSS\)/);
		assert.match(r.findings[0].message, /ContosoVssProv\.dll/);
	});

	it("negative: another program's crash is no quiesce finding", () => {
		assert.deepEqual(codes(analyse(event(CRASH.replace(/VSSVC\.exe/g, 'notepad.exe')))), []);
	});
});
