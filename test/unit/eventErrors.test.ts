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
