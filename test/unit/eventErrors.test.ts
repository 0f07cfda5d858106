import * as assert from 'assert/strict';
import { analyzeText } from '../../src/core/analyze';
import { routineOf } from '../../src/core/diagnosis/rules/eventEvidence';

// QL317: a VSS error event (8193, 8194, 12289, 12292) that nothing else explains names where the shadow copy
// failed. The events below are pasted as people paste them: a header cut short, message alone, translated.

const header = (id: number) => `Log Name:      Application\nSource:        VSS\nEvent ID:      ${id}\nLevel:         Error\nDescription:\n`;
const DEVICE_IO_EN = `${header(12289)}Volume Shadow Copy Service error: Unexpected error DeviceIoControl(\\\\?\\Volume{5b3e5d8e-8a5b-11e2-9c3e-806e6f6e6963} - 0000000000000100,0x0053c008,000000000025CF60,0,000000000025E070,4096,[0]).  hr = 0x80070001, Incorrect function.

Operation:
   Processing EndPrepareSnapshots

Context:
   Execution Context: System Provider
`;
const SID_JA = `ボリューム シャドウ コピー サービス エラー: ルーチン ConvertStringSidToSid(S-1-5-21-1004336348-1177238915-682003330-1001.bak) の呼び出し中に予期しないエラーが発生しました。hr = 0x80070539, セキュリティ ID の構造が無効です。
`;
const SID_DE = `${header(8193)}Volumeschattenkopie-Dienstfehler: Unerwarteter Fehler beim Aufrufen der Routine ConvertStringSidToSid(S-1-5-21-1004336348-1177238915-682003330-1001.bak).  hr = 0x80070539, Die Struktur der Sicherheitskennung ist ungültig.
`;

const analyse = (text: string, lang: 'en' | 'ja' = 'en') => analyzeText([{ name: 'ticket.txt', text }], { locale: lang });
const ql317 = (text: string, lang: 'en' | 'ja' = 'en') => analyse(text, lang).findings.filter((f) => f.code === 'QL317');

describe('QL317 a VSS error nothing else explains', () => {
	it('12289 DeviceIoControl with 0x80070001: the routine, the operation, a volume cause, not "the bundle does not show why"', () => {
		const report = analyse(DEVICE_IO_EN);
		const [f] = report.findings.filter((x) => x.code === 'QL317');
		assert.equal(f.severity, 'error');
		assert.equal(f.hresult, '0x80070001');
		assert.match(f.title, /DeviceIoControl/);
		assert.match(f.message, /EndPrepareSnapshots/);
		assert.match(f.fix, /fltmc filters/);
		assert.equal(f.attemptId, report.attempts[0].id);
		assert.deepEqual(
			report.findings.filter((x) => x.code === 'QL112'),
			[],
		);
	});

	it('8193 ConvertStringSidToSid in Japanese (message only) and in German: a stale profile SID, in both report languages', () => {
		for (const text of [SID_JA, SID_DE]) {
			const [f] = ql317(text);
			assert.ok(f, text.slice(0, 40));
			assert.equal(f.hresult, '0x80070539');
			assert.match(f.title, /ConvertStringSidToSid/);
			assert.match(f.fix, /ProfileList/);
		}
		assert.match(ql317(SID_JA, 'ja')[0].fix, /ProfileList/);
	});

	it('stays silent where another rule explains the event: a writer named (QL315), a shadow copy device (QL314), a benign stale session', () => {
		const writer = `${header(12289)}Volume Shadow Copy Service error: Unexpected error calling routine IVssWriterCallback::GetContent.  hr = 0x80070005, Access is denied.

Context:
   Execution Context: Writer
   Writer Class Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}
   Writer Name: SqlServerWriter
`;
		const device = `${header(12289)}Volume Shadow Copy Service error: Unexpected error CreateFileW(\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy2,0x80000000,0x00000003,...).  hr = 0x80070001, Incorrect function.
`;
		const stale = `${header(12289)}Volume Shadow Copy Service error: Unexpected error calling routine GatherWriterStatus.  hr = 0x80042409.
`;
		assert.deepEqual(ql317(writer), []);
		assert.ok(analyse(writer).findings.some((f) => f.code === 'QL315'));
		assert.deepEqual(ql317(device), []);
		assert.ok(analyse(device).findings.some((f) => f.code === 'QL314'));
		assert.deepEqual(ql317(stale), []);
	});

	it('reads the routine from any display language by its shape, never from a translated word', () => {
		assert.equal(routineOf('Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.  hr = 0x80040154'), 'CoCreateInstance');
		assert.equal(routineOf('ボリューム シャドウ コピー サービス エラー: ルーチン RegOpenKeyExW(-2147483646,SYSTEM\\CurrentControlSet\\Services\\VSS\\Diag,...) の呼び出し中'), 'RegOpenKeyExW');
		assert.equal(routineOf('Erreur du service de cliché instantané de volume : erreur inattendue DeviceIoControl(\\\\?\\Volume{x}'), 'DeviceIoControl');
		assert.equal(routineOf('Volume Shadow Copy Service error: Unexpected error. hr = 0x80004005'), null);
	});
});

describe("QL317 DeviceIoControl on the VM's floppy drive", () => {
	// elatov.github.io (2012), "Quiesced snapshots failing Windows 2008 R2 VMs": the 12289 as Event Viewer shows it.
	const FLOPPY_EN = `${header(12289)}Volume Shadow Copy Service error: Unexpected error DeviceIoControl(\\\\?\\fdc#generic_floppy_drive#6&2bc13940&0&0#{53f5630d-b6bf-11d0-94f2-00a0c91efb8b} - 00000000000004A0,0x00560000,0000000000000000,0,0000000000353B50,4096,[0]). hr = 0x80070001, Incorrect function.\n`;
	const FLOPPY_JA = `ボリューム シャドウ コピー サービス エラー: 予期しないエラー DeviceIoControl(\\\\?\\fdc#generic_floppy_drive#6&1435b2e2&0&0#{53f5630d-b6bf-11d0-94f2-00a0c91efb8b} - 0000000000000280,0x00560000,0000000000000000,0,000000000047D770,4096,[0]) です。hr = 0x80070001, ファンクションが間違っています。\n`;

	for (const [lang, text] of [
		['en', FLOPPY_EN],
		['ja (message alone)', FLOPPY_JA],
	] as const) {
		it(`${lang}: the device path names the floppy controller, so the fix removes the floppy drive`, () => {
			const [f] = ql317(text);
			assert.match(f.message, /floppy drive/);
			assert.match(f.fix, /^1\. Remove the virtual machine's floppy drive/);
			assert.match(ql317(text, 'ja')[0].fix, /フロッピー ドライブを削除/);
		});
	}

	it('a volume that is no floppy keeps the volume advice', () => {
		const [f] = ql317(DEVICE_IO_EN);
		assert.doesNotMatch(f.message + f.fix, /floppy/);
		assert.match(f.fix, /fltmc filters/);
	});
});

describe("QL318 SQL Server's virtual device (SQLVDI) failed", () => {
	const vdi = (level: string, loc: string, desc: string, code: string) =>
		`Log Name:      Application\nSource:        SQLVDI\nDate:          7/14/2015 10:03:21 PM\nEvent ID:      1\nTask Category: None\nLevel:         ${level}\nKeywords:      Classic\nUser:          N/A\nComputer:      SQL01.contoso.local\nDescription:\nSQLVDI: Loc=${loc}. Desc=${desc}. ErrorCode=${code}. Process=3144. Thread=7320. Server. Instance=MSSQLSERVER. VD=Global\\{AB2F6A5F-8B0E-4A1B-9E0A-2C8D0E9F5E11}1_SQLVDIMemoryName_0. \n`;

	it('an abort the client asked for, copied as text with no HRESULT: a failed attempt and a warning that points elsewhere', () => {
		const r = analyse(vdi('Error', 'SignalAbort', 'Client initiates abort', '(0)'));
		assert.deepEqual(
			r.attempts.map((a) => a.result),
			['failed'],
		);
		const [f] = r.findings.filter((x) => x.code === 'QL318');
		assert.equal(f.severity, 'warning');
		assert.match(f.title, /SignalAbort/);
		assert.match(f.fix, /came first/);
	});

	it('access denied on the instance is the failure itself: an error naming the instance and the sysadmin fix, in en and ja', () => {
		const text = vdi('エラー', 'IdentifySQLServer', 'MSSQLSERVER', '(5)アクセスが拒否されました。');
		const [f] = ql318(text);
		assert.equal(f.severity, 'error');
		assert.match(f.message, /MSSQLSERVER/);
		assert.match(f.message, /Win32 error 5 \(アクセスが拒否されました\)/);
		assert.match(f.fix, /sysadmin/);
		assert.match(analyse(text, 'ja').findings.find((x) => x.code === 'QL318')!.fix, /sysadmin/);
	});

	it('an SQLVDI event that is no VDI failure message gives none', () => {
		assert.deepEqual(ql318(vdi('Information', 'x', 'y', 'z').replace(/SQLVDI: Loc=.*\n$/, 'SQLVDI: The virtual device set was created.\n')), []);
	});
});

function ql318(text: string) {
	return analyse(text).findings.filter((f) => f.code === 'QL318');
}

describe('QL319 SQL Server logged that its BACKUP of a database failed', () => {
	const sqlEvent = (source: string, id: number, level: string, text: string) =>
		`Log Name:      Application\nSource:        ${source}\nDate:          5/1/2023 1:01:13 AM\nEvent ID:      ${id}\nTask Category: Backup\nLevel:         ${level}\nKeywords:      Classic\nUser:          N/A\nComputer:      SQL01.corp.local\nDescription:\n${text}\n`;
	const DEVICE = "'{4C5E1A2B-8F3D-4E6A-9B1C-2D3E4F5A6B7C}1'";
	const ABORTED_EN = [
		sqlEvent(
			'MSSQLSERVER',
			18210,
			'Error',
			`BackupVirtualDeviceFile::RequestDurableMedia: Flush failure on backup device ${DEVICE}. Operating system error 995(The I/O operation has been aborted because of either a thread exit or an application request.).`,
		),
		sqlEvent('MSSQLSERVER', 3041, 'Error', 'BACKUP failed to complete the command BACKUP DATABASE SalesDB. Check the backup application log for detailed messages.'),
	].join('\n');
	const ABORTED_JA = [
		sqlEvent(
			'MSSQL$PROD',
			18210,
			'エラー',
			`BackupVirtualDeviceFile::RequestDurableMedia: バックアップ デバイス ${DEVICE} でフラッシュ エラーが発生しました。オペレーティング システム エラー 995(スレッドの終了またはアプリケーションの要求によって、I/O 処理は中止されました。)。`,
		),
		sqlEvent('MSSQL$PROD', 3041, 'エラー', 'BACKUP でコマンド BACKUP DATABASE [Sales DB] を完了できませんでした。詳細については、バックアップ アプリケーションのログを確認してください。'),
	].join('\n');
	const ql319 = (text: string, lang: 'en' | 'ja' = 'en') => analyse(text, lang).findings.filter((f) => f.code === 'QL319');

	it('3041 with its virtual device aborted (995), copied as text: a failed attempt and a warning naming the database that points at the first failure', () => {
		const r = analyse(ABORTED_EN);
		assert.deepEqual(
			r.attempts.map((a) => [a.kind, a.result]),
			[['guest-shadow-copy', 'failed']],
		);
		const [f] = r.findings.filter((x) => x.code === 'QL319');
		assert.deepEqual([f.severity, f.title, f.attemptId], ['warning', 'SQL Server could not back up SalesDB', 'a1']);
		assert.match(f.message, /operating system error 995 \(The I\/O operation has been aborted/);
		assert.match(f.fix, /came first/);
	});

	it('a header shortened by hand (no Keywords, no User): the first message line, shaped `Routine: text`, is the message, not a header line', () => {
		const short = ABORTED_EN.split('\n')
			.filter((l) => !/^(?:Keywords|User):/.test(l))
			.join('\n');
		const [f] = ql319(short);
		assert.equal(f.severity, 'warning');
		assert.match(f.message, /operating system error 995/);
	});

	it('a named instance in a Japanese Windows: the same reading, by the command and the numbers; the Japanese report too', () => {
		const [f] = ql319(ABORTED_JA);
		assert.deepEqual([f.severity, f.title], ['warning', 'SQL Server could not back up [Sales DB]']);
		assert.match(f.message, /^MSSQL\$PROD logged/);
		assert.match(f.message, /error 995 \(スレッドの終了/);
		assert.match(ql319(ABORTED_JA, 'ja')[0].title, /\[Sales DB\] をバックアップできませんでした/);
	});

	it("a device failing with another error (112, disk full) is SQL Server's own failure: an error", () => {
		const text = sqlEvent('MSSQLSERVER', 18210, 'Error', "BackupDiskFile::RequestDurableMedia: Flush failure on backup device 'E:\\Backup\\SalesDB.bak'. Operating system error 112(There is not enough space on the disk.).");
		const [f] = ql319(text);
		assert.deepEqual([f.severity, f.title], ['error', "SQL Server's backup device failed"]);
		assert.match(f.message, /its backup device failed with operating system error 112 \(There is not enough space on the disk\)/);
	});

	it('the event XML of a named instance names the database in its insertion string only', () => {
		const xml = `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="MSSQL$PROD"/><EventID Qualifiers="49152">3041</EventID><Level>2</Level><TimeCreated SystemTime="2023-05-01T01:01:13.100Z"/><EventRecordID>88</EventRecordID><Channel>Application</Channel><Computer>SQL01</Computer></System><EventData><Data>BACKUP DATABASE SalesDB</Data><Data></Data></EventData></Event>`;
		const r = analyzeText([{ name: 'app.xml', text: `<Events>${xml}</Events>` }]);
		const [f] = r.findings.filter((x) => x.code === 'QL319');
		// 3041 alone is what SQL Server logs for any failed backup: a warning that points at the failure before it.
		assert.deepEqual([f.severity, f.title, r.attempts[0].start], ['warning', 'SQL Server could not back up SalesDB', '2023-05-01T01:01:13.100Z']);
		assert.match(f.message, /for any backup of the database that fails/);
		assert.ok(
			r.findings.some((x) => x.code === 'QL112' && x.severity === 'error'),
			'the report still says the cause is not in the bundle',
		);
	});

	it('I/O frozen and resumed (3197, 3198) alone are no failure: no attempt, no finding', () => {
		const text = [
			sqlEvent('MSSQLSERVER', 3197, 'Information', 'I/O is frozen on database SalesDB. No user action is required. However, if I/O is not resumed promptly, you could cancel the backup.'),
			sqlEvent('MSSQLSERVER', 3198, 'Information', 'I/O was resumed on database SalesDB. No user action is required.'),
		].join('\n');
		const r = analyse(text);
		assert.deepEqual([r.attempts.length, r.findings.length], [0, 0]);
	});
});

describe("QL208 the service hosting a writer logged the writer's failure", () => {
	const hostEvent = (source: string, id: number, level: string, text: string) =>
		`Log Name:      Application\nSource:        ${source}\nDate:          9/12/2019 11:02:44 PM\nEvent ID:      ${id}\nTask Category: Exchange VSS Writer\nLevel:         ${level}\nComputer:      EXMBX01.contoso.local\nDescription:\n${text}\n`;
	const exchange = hostEvent('MSExchangeRepl', 2112, 'Error', "The Microsoft Exchange Replication service VSS Writer instance 0ab5c8c0-1c45-4b8c-a1f9-4a2b3c4d5e6f failed with error code 80070015 when preparing for a backup of database 'DB01'.");

	it('an Exchange replication writer error with a code spelled without 0x: a failed attempt, the writer, the code and its service restart', () => {
		const r = analyse(exchange);
		assert.deepEqual(
			r.attempts.map((a) => [a.result, a.hresult]),
			[['failed', '0x80070015']],
		);
		const [f] = r.findings.filter((x) => x.code === 'QL208');
		assert.deepEqual(f.writers, ['Microsoft Exchange Writer']);
		assert.equal(f.hresult, '0x80070015');
		assert.match(f.fix, /MSExchangeRepl/);
		assert.equal(f.attemptId, r.attempts[0].id);
	});

	it('the same event in Japanese Event Viewer text reads the same', () => {
		const ja = `ログの名前:         Application\nソース:           MSExchangeRepl\n日付:            2019/09/12 23:02:44\nイベント ID:       2112\nタスクのカテゴリ:      Exchange VSS Writer\nレベル:           エラー\nコンピューター:       EXMBX01.contoso.local\n説明:\nMicrosoft Exchange Replication サービス VSS ライター インスタンス 0ab5c8c0-1c45-4b8c-a1f9-4a2b3c4d5e6f は、データベース 'DB01' のバックアップの準備中にエラー コード 80070015 で失敗しました。\n`;
		const [f] = analyse(ja).findings.filter((x) => x.code === 'QL208');
		assert.equal(f?.hresult, '0x80070015');
	});

	it("an informational event of the writer's host is no failure", () => {
		const info = hostEvent('MSExchangeRepl', 2021, 'Information', 'The Microsoft Exchange Replication service VSS Writer has successfully collected the metadata document in preparation for backup.');
		const r = analyse(info);
		assert.deepEqual(r.attempts, []);
		assert.deepEqual(
			r.findings.filter((x) => x.code === 'QL208'),
			[],
		);
	});
});
