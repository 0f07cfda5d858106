import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 10 (wild19): backup products and application writers, round 2 — a SQL writer's 24583 message quoted
// without its event header, System Center DPM's job errors around Exchange logs (an id whose label lost its
// colon, an ESE error printed as unsigned hex), and excerpts the product reads only in part (Datto's agent,
// Arcserve's Exchange 5.5 agent, an Exchange 2010 event list, a Windows Server 2003 VSS event 20), each with
// variants of what a paste does to it (test/fixtures/wild/README.md names the sources).

const SQLWRITER = 'mskb2550085-dpm-30111-sqlwriter-24583-restore-quoted.txt';
const DPM = 'dpm-kb10061-exchange-2033-crc-30146-30216-quoted.txt';
const DATTO = 'datto-360034872392-snapshot-not-good-state-5-error-0x28.txt';
const ARCSERVE = 'mskb297172-arcserve-exchange55-agent-error-301-hrbackupprepare.txt';
const EXCHANGE = 'timmcmic-exchange2010-passive-c7ff07d7-time-id-level-events.txt';
const VSS20 = 'betaarchive-kb904418-vss-20-cocreateinstance-sqlvdi-0x80040154.txt';

/** `text` with the `> ` quoting of its lines removed, as the message reads in Event Viewer. */
const unquoted = (text: string): string => text.replace(/^> ?/gm, '');

/** The SQL writer's failure QL208 reports, SQL Server's own error 1834 named as the cause. */
function sqlWriterFailure(r: Report) {
	assert.equal(r.attempts.length, 1);
	assert.equal(r.attempts[0].result, 'failed');
	assert.equal(r.attempts[0].hresult, '0x80040E14');
	const f = finding(r, 'QL208');
	assert.ok(f, codes(r).join(','));
	assert.match(f.title, /SqlServerWriter reported its failure: SQLWRITER event 24583/);
	assert.match(f.message, /SQL Server refused the backup with its own error 1834/);
	assert.match(f.message, /It is being used by database 'DPMBackup'/);
	assert.match(f.fix, /Fix what SQL Server error 1834 names/);
	assert.match(f.fix, /Restart-Service -Name SQLWriter/);
	return f;
}

describe("wild19: a SQLWRITER 24583 message quoted without its event header (KB 2550085, DPM's restore)", () => {
	it('the quoted message is read as SQLWRITER 24583: QL208 names SqlServerWriter and SQL Server error 1834', () => {
		const r = analyse(wild(SQLWRITER));
		sqlWriterFailure(r);
		assert.ok(!codes(r).includes('QL550'), 'the SQL writer, not an unnamed agent, reports it');
	});

	it('unquoted, quoted again and with CRLF it reads the same', () => {
		sqlWriterFailure(analyse(unquoted(wild(SQLWRITER))));
		sqlWriterFailure(analyse(crlf(quoted(wild(SQLWRITER)))));
	});

	it('in Japanese the finding quotes the same SQL Server error', () => {
		const f = finding(analyse(wild(SQLWRITER), 'ja'), 'QL208')!;
		assert.match(f.message, /1834/);
	});

	it('the message alone, with the database error of KB 2615182 (945), names that error', () => {
		const text = [
			'Sqllib error: OLEDB Error encountered calling ICommandText::Execute. hr = 0x80040e14. SQLSTATE:  42000, Native Error: 3013',
			'Error state: 1, Severity: 16',
			'Source: Microsoft SQL Server Native Client 10.0',
			'Error message: BACKUP DATABASE is terminating abnormally.',
			'SQLSTATE: 42000, Native Error: 945',
			'Error state: 2, Severity: 14',
			'Source: Microsoft SQL Server Native Client 10.0',
			"Error message: Database 'SBSMonitoring' cannot be opened due to inaccessible files or insufficient memory or disk space. See the SQL Server errorlog for details.",
			'',
		].join('\n');
		const f = finding(analyse(text), 'QL208')!;
		assert.ok(f, codes(analyse(text)).join(','));
		assert.match(f.message, /own error 945: "Database 'SBSMonitoring' cannot be opened/);
	});

	it('a connection failure (IDBInitialize::Initialize, SQLSTATE 08001) is the same event', () => {
		const text = 'Sqllib error: OLEDB Error encountered calling IDBInitialize::Initialize. hr = 0x80004005. SQLSTATE: 08001, Native Error: 2\n';
		const r = analyse(text);
		assert.ok(finding(r, 'QL208'), codes(r).join(','));
	});

	it('with labels in Japanese (full-width colons and commas) the structure still names the event and SQL error 945', () => {
		const text = [
			'Sqllib エラー: ICommandText::Execute の呼び出し中に OLEDB エラーが発生しました。hr = 0x80040e14。SQLSTATE: 42000、ネイティブ エラー: 3013',
			'エラー メッセージ: BACKUP DATABASE を異常終了します。',
			'SQLSTATE：42000、ネイティブ エラー：945',
			"エラー メッセージ: データベース 'SBSMonitoring' を開けません。",
			'',
		].join('\n');
		const f = finding(analyse(text, 'ja'), 'QL208')!;
		assert.ok(f, codes(analyse(text)).join(','));
		assert.match(f.message, /945/);
	});

	it('a COM method and an hr without SQLSTATE is no SQL writer event (an unnamed agent reports the code)', () => {
		const r = analyse('Backup error: IVssBackupComponents::DoSnapshotSet failed. hr = 0x80042306.\n');
		assert.equal(finding(r, 'QL208'), undefined);
		assert.ok(codes(r).includes('QL550'), codes(r).join(','));
	});
});

describe("wild19: DPM's job errors around Exchange logs (support article 10061), quoted in Markdown", () => {
	it('three DPM ids read, 2033 despite its label without a colon; each code says what DPM met (wild35: a page of alternatives, no try)', () => {
		const r = analyse(wild(DPM));
		// One error quoted under each heading, no code shared between them: the article lists alternatives (wild35).
		assert.equal(r.attempts.length, 0, JSON.stringify(r.attempts.map((a) => [a.requester, a.hresult])));
		const titles = r.findings.filter((f) => f.code === 'QL550').map((f) => f.title);
		assert.ok(titles.includes('The text explains 0x80070017'), titles.join(' | '));
		assert.ok(titles.includes('The text explains DPM ID 30146'), titles.join(' | '));
		assert.ok(titles.includes('The text explains 0x80004005'), titles.join(' | '));
		assert.ok(r.findings.every((f) => f.severity === 'info'));
	});

	it("the product's own id advises before a Windows code beside it; ESE -528 printed as 0xFFFFFDF0 is the missing log", () => {
		const r = analyse(wild(DPM));
		const byLine = (n: number) => r.findings.find((f) => f.code === 'QL550' && f.evidence.some((e) => e.line === n))!;
		assert.match(byLine(5).fix, /^1\. The file DPM read through the shadow copy is damaged/);
		assert.match(byLine(5).message, /Its own error DPM ID 2033/);
		assert.match(byLine(13).fix, /missing \(ESE -528\)/);
		assert.match(byLine(13).message, /-528 is a missing log file/);
		assert.match(byLine(36).fix, /express full backup/);
	});

	it('unquoted with CRLF it reads the same; in Japanese the advice is in Japanese', () => {
		const r = analyse(crlf(unquoted(wild(DPM))));
		assert.equal(r.attempts.length, 0);
		assert.equal(r.findings.filter((f) => f.code === 'QL550').length, 4);
		const ja = analyse(wild(DPM), 'ja');
		assert.ok(ja.findings.some((f) => /ウイルス対策ソフト/.test(f.fix)));
		assert.ok(ja.findings.some((f) => /高速完全バックアップ/.test(f.fix)));
	});

	it('an id without a colon counts only when its parentheses close right after the code', () => {
		// A process id in prose with a code elsewhere on the line is no DPM alert.
		const r = analyse('Worker stopped (ID 2033 of pool) and the backup failed with 0x80070017.\n');
		assert.notEqual(r.attempts[0]?.requester, 'System Center DPM');
		const dpm = analyse('DPM failed to read the replica (ID 2033 Details Data error (cyclic redundancy check) (0x80070017))\n');
		assert.equal(dpm.attempts[0].requester, 'System Center DPM');
	});

	it('a console in Japanese: the details label in its own word, no colon, read the same', () => {
		const r = analyse('DPM でエラーが発生しました (ID 2033 詳細 データ エラー (巡回冗長検査 (CRC) エラー) です。 (0x80070017))\n', 'ja');
		assert.equal(r.attempts[0].requester, 'System Center DPM');
		assert.match(r.findings[0].fix, /シャドウ コピー経由で読み取ったファイルが壊れています/);
	});

	it('an unsigned hex that is no known ESE error stays unread', () => {
		const line = (hex: string) => `Data consistency verification check failed (ID 30146 Details: Unknown error (${hex.toLowerCase()}) (${hex}))\n`;
		assert.deepEqual(analyse(line('0xFFFFF000')).findings, []);
		assert.match(analyse(line('0xFFFFFDF0')).findings[0].fix, /ESE -528/);
	});
});

describe('wild19: excerpts read only in part (see the README rows)', () => {
	it("Datto's agent: its snapshot 'State 5' is no VSS writer state", () => {
		const r = analyse(wild(DATTO));
		assert.equal(r.writers.length, 0);
		assert.ok(!r.findings.some((f) => /^QL2/.test(f.code)), codes(r).join(','));
		assert.equal(r.inputs[0].unparsedLines, 5, 'the lines not understood are counted');
	});

	it("Arcserve's Exchange 5.5 agent error 301 (a streaming backup, no VSS): no VSS cause is invented", () => {
		const r = analyse(wild(ARCSERVE));
		assert.ok(!r.findings.some((f) => /^QL[234]/.test(f.code)), codes(r).join(','));
		assert.equal(r.inputs[0].unparsedLines, 7);
	});

	it("Exchange 2010's events in Time/ID/Level/Source/Machine/Message rows are read, all information", () => {
		const r = analyse(wild(EXCHANGE));
		assert.equal(r.inputs[0].format, 'windows-events-pasted');
		assert.match(r.inputs[0].formatReason, /5 event\(s\)/);
		assert.ok(!r.findings.some((f) => f.severity === 'error'), codes(r).join(','));
		assert.equal(analyse(crlf(quoted(wild(EXCHANGE)))).inputs[0].format, 'windows-events-pasted');
	});
});

describe("wild19: Windows Server 2003's VSS 20 — another program's COM class not registered (KB 904418)", () => {
	const vss = (id: number, clsid: string, name: string, hr = '0x80040154') =>
		[
			'Event Type: Error',
			'Event Source: VSS',
			`Event ID: ${id}`,
			`Description: Volume Shadow Copy Service error: A critical component required by the Volume Shadow Copy Service is not registered. This might happen if an error occurred during Windows setup or during installation of a Shadow Copy provider. The error returned from CoCreateInstance on class with CLSID {${clsid}} and Name ${name} is [${hr}].`,
			'',
		].join('\n');

	it("QL304 names the class (SQL Server 2000 VDI) and the fix is that program's registration, not VSS's event class", () => {
		const r = analyse(wild(VSS20));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
		assert.equal(r.attempts[0].hresult, '0x80040154');
		assert.deepEqual(codes(r), ['QL304']);
		const f = finding(r, 'QL304')!;
		assert.equal(f.title, 'A COM class VSS needs is not registered: MSSQL_ClientVirtualDeviceSet');
		assert.match(f.message, /\{40700425-0080-11d2-851f-00c04fc21759\}: REGDB_E_CLASSNOTREG/);
		assert.match(f.message, /VSS event 20 \(VSS cannot be used in Safe Mode; on Windows Server 2003, a critical component/);
		assert.match(f.fix, /HKLM\\SOFTWARE\\Classes\\CLSID\\\{40700425-0080-11d2-851f-00c04fc21759\}/);
		assert.doesNotMatch(f.fix, /EVENTCLS\.DLL/);
		assert.deepEqual(f.kb, []);
	});

	it('quoted with CRLF it reads the same; in Japanese too', () => {
		assert.equal(finding(analyse(crlf(quoted(wild(VSS20)))), 'QL304')!.title, 'A COM class VSS needs is not registered: MSSQL_ClientVirtualDeviceSet');
		const ja = finding(analyse(wild(VSS20), 'ja'), 'QL304')!;
		assert.match(ja.title, /登録されていません: MSSQL_ClientVirtualDeviceSet/);
		assert.match(ja.fix, /regsvr32/);
	});

	it("VSS's own classes keep KB 2009550's repair: the VSSEvent class, a coordinator interface", () => {
		const own = finding(analyse(vss(22, 'faf53cc4-bd73-4e36-83f1-2b23f46e513e', 'VSSEvent')), 'QL304')!;
		assert.match(own.title, /VSSEvent\) is not registered/);
		assert.match(own.fix, /EVENTCLS\.DLL/);
		const coordinator = finding(analyse(vss(22, 'e579ab5f-1cc4-44b4-bed9-de0991ff0623', 'IVssCoordinatorEx2')), 'QL304')!;
		assert.equal(coordinator.title, 'VSS cannot reach its writers: COM+ registration is broken');
		const eventSystem = finding(analyse(vss(22, '4e14fba2-2e22-11d1-9964-00c04fbbb345', 'CEventSystem')), 'QL304')!;
		assert.match(eventSystem.fix, /Get-Service EventSystem/);
	});

	it("later Windows' 22 naming another program's class reads as the 2003 event 20 does", () => {
		assert.equal(finding(analyse(vss(22, '40700425-0080-11d2-851f-00c04fc21759', 'MSSQL_ClientVirtualDeviceSet')), 'QL304')!.title, 'A COM class VSS needs is not registered: MSSQL_ClientVirtualDeviceSet');
	});

	it("later Windows' 20 (Safe Mode, no code) is no registration failure", () => {
		const text = ['Event Type: Error', 'Event Source: VSS', 'Event ID: 20', 'Description: Volume Shadow Copy Service error: The Volume Shadow Copy infrastructure cannot be used during Safe Mode.', ''].join('\n');
		assert.equal(finding(analyse(text), 'QL304'), undefined);
	});
});

describe('wild19: Exchange 2003 MSExchangeIS 1159 with 0xfffffd9a — an ESE error, not an HRESULT (pingfu blog)', () => {
	// The event itself is the store's database error, no writer's: no QL208 for it (wild-wild22.test.ts).
	it("a product's line printing the same code unsigned names -614 as its own code", () => {
		const r = analyse('Backup job failed: the store returned 0xfffffd9a while the backup was running (Error code 0xFFFFFD9A)\n');
		assert.ok(
			r.findings.some((f) => /-614/.test(f.title) && /too many log generations/.test(f.message)),
			r.findings.map((f) => f.title).join(' | '),
		);
	});
});
