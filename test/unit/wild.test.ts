import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes } from '../lib/wildText';

// Shapes of real published excerpts the product misread (test/fixtures/wild/README.md names each source);
// each case is built from an excerpt's shape, with a variant that changes what the paste did to it.

const formats = (r: Report) => r.inputs.map((i) => i.format);

describe('wild excerpts: an event id and its source alone make a header', () => {
	// thewindowsclub.com on KB 972135: the id, the source and the first sentence of the message only.
	const BLOG = ['Event ID: 12293', 'Source: VSS', 'Message: Volume Shadow Copy Service error: Error calling a routine on a Shadow Copy Provider.'];

	it('VSS 12293 with its message cut short is the provider error it is (QL401), read as a pasted event', () => {
		const r = analyse(BLOG.join('\n'));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL401']);
	});

	it('the same lines with Japanese labels, CRLF and a blank line between each read the same', () => {
		const ja = ['イベント ID: 12293', '', 'ソース: VSS', '', 'メッセージ: ボリューム シャドウ コピー サービス エラー: シャドウ コピー プロバイダーでルーチンを呼び出し中にエラーが発生しました。'];
		const r = analyse(ja.join('\r\n'));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL401']);
	});

	it('negative: an id no known source logs, or a source that is none, makes no event', () => {
		assert.deepEqual(codes(analyse(['Event ID: 4242', 'Source: VSS', 'Message: Something happened to the service.'].join('\n'))), []);
		assert.deepEqual(codes(analyse(['Event ID: 12293', 'Source: Contoso Agent', 'Message: Something happened to the service.'].join('\n'))), []);
	});
});

describe('wild excerpts: an event header copied from a web page, each label above its value', () => {
	// Druva's KB (SQL49): Source / Event ID / Level / Message each on a line, the value on the next.
	const KB = [
		'Source:',
		'SQLWRITER',
		'Event ID:',
		'24583',
		'Level:',
		'Error',
		'Message:',
		'BACKUP DATABASE is terminating abnormally.',
		'Message:',
		'Cannot perform a differential backup for database "MyDatabase", because a current database backup does not exist.',
	];

	it('is SQLWRITER 24583: SqlServerWriter failed (QL208), its message quoted', () => {
		const r = analyse(KB.join('\n'));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL208']);
		assert.match(r.findings[0].message, /BACKUP DATABASE is terminating abnormally/);
		assert.deepEqual(r.findings[0].writers, ['SqlServerWriter']);
	});

	it('the same header in Japanese, CRLF, read by its values: the same finding', () => {
		const ja = ['ソース:', 'SQLWRITER', 'イベント ID:', '24583', 'レベル:', 'エラー', 'メッセージ:', 'BACKUP DATABASE is terminating abnormally.'];
		assert.deepEqual(codes(analyse(ja.join('\r\n'))), ['QL208']);
	});

	it('negative: one label above its text (Description:) is no header; pairs without an id are none either', () => {
		const described = ['Description:', 'The backup finished.', 'Notes:', 'Nothing to do.'];
		const r = analyse(described.join('\n'));
		assert.deepEqual(codes(r), []);
		assert.ok(!formats(r).includes('windows-events-pasted'));
	});
});

describe('wild excerpts: volsnap events that abort a shadow copy for a reason of their own', () => {
	// KB 833167 (Windows Server 2003): VolSnap 5, 20 and 28 in the Event Type / Event Source / Event ID layout.
	const KB = [
		'Event Type: Error',
		'Event Source:   VolSnap',
		'Event Category: None ',
		'Event ID:       5',
		'Description:',
		'The shadow copy of volume X: could not be created due to insufficient non-paged memory pool ',
		'for a bitmap structure.',
		'Event Type:    Error',
		'Event Source:   VolSnap',
		'Event Category: None',
		'Event ID:       20',
		'Description:',
		'The shadow copies of volume X: were aborted because of a failed free space computation.',
	];

	it('name the cause (QL401, the events and their meaning), not "the bundle does not show why" (QL112)', () => {
		const r = analyse(KB.join('\n'));
		assert.deepEqual(codes(r), ['QL401']);
		const f = r.findings[0];
		assert.match(f.message, /volsnap event 5 \(.*non-paged pool/);
		assert.match(f.fix, /swprv/);
		assert.equal(r.attempts[0].result, 'failed');
	});

	it('the same events in Japanese Event Viewer text read the same, in a Japanese report', () => {
		const ja = ['イベントの種類: エラー', 'イベント ソース: VolSnap', 'イベント ID: 28', '説明:', 'ボリューム X: のシャドウ コピーは、必要なディスク上の構造を作成できなかったため作成できませんでした。'];
		const r = analyse(ja.join('\n'), 'ja');
		assert.deepEqual(codes(r), ['QL401']);
		assert.match(r.findings[0].message, /ディスク上の構造/);
	});

	it('negative: the shadow storage events stay QL404 and make no provider finding', () => {
		const storage = ['Event Type: Error', 'Event Source: VolSnap', 'Event ID: 36', 'Description:', 'The shadow copies of volume C: were aborted because the shadow copy storage could not grow due to a user imposed limit.'];
		assert.deepEqual(codes(analyse(storage.join('\n'))), ['QL404']);
	});
});

describe('wild excerpts: a requester naming a writer in brackets and its failed state by name', () => {
	// KB 959978 (Hyper-V backup of a Windows Server 2003 VM), as a forum quoted it.
	const LINE = '"GetWriterStatus FAILED for Selected writer [Microsoft Hyper-V VSS Writer], writer is in state [9] [VSS_WS_FAILED_AT_FREEZE]"';

	it('is a failed attempt whose writer failed at freeze (QL570 with the writer and its service)', () => {
		const r = analyse(LINE);
		assert.deepEqual(codes(r), ['QL570']);
		assert.deepEqual(r.findings[0].writers, ['Microsoft Hyper-V VSS Writer']);
		assert.equal(r.attempts[0].failedPhase, 'freeze');
		assert.match(r.findings[0].fix, /vmms/);
	});

	it('quoted in Markdown, another writer and state: the writer and the phase its state names', () => {
		const r = analyse(`> GetWriterStatus FAILED for Selected writer [System Writer], writer is in state [11] [VSS_WS_FAILED_AT_POST_SNAPSHOT]`);
		assert.deepEqual(codes(r), ['QL570']);
		assert.deepEqual(r.findings[0].writers, ['System Writer']);
		assert.equal(r.attempts[0].failedPhase, 'post-snapshot');
	});

	it('negative: a writer in a waiting or stable state by name is no failure', () => {
		assert.deepEqual(codes(analyse('GetWriterStatus for Selected writer [System Writer], writer is in state [1] [VSS_WS_STABLE]')), []);
	});
});

describe('wild excerpts: two whole quoted messages on consecutive lines are two messages', () => {
	// Veeam KB1377 lists its two wait timeouts one under the other, each in quotes.
	const KB = ['"VSSControl: Failed to prepare guest for freeze, wait timeout 900 sec."', '"VSSControl: Failed to freeze guest, wait timeout"'];

	it('each timeout gets its finding (QL561 preparation, QL562 freeze window)', () => {
		assert.deepEqual(codes(analyse(KB.join('\n'))), ['QL561', 'QL562']);
	});

	it('typographic quotes and the other order read the same', () => {
		const curly = [...KB].reverse().map((l) => l.replace(/^"/, '“').replace(/"$/, '”'));
		assert.deepEqual(codes(analyse(curly.join('\n'))), ['QL561', 'QL562']);
	});

	it('negative: an unquoted message wrapped over two lines stays one message', () => {
		const wrapped = ['VSSControl: Failed to freeze guest, wait', 'timeout'];
		assert.deepEqual(codes(analyse(wrapped.join('\n'))), ['QL562']);
	});
});

describe('wild excerpts: an event an agent printed on one line, header first', () => {
	// CloudBerry's KB: source, level, date, `EventID: 8193`, then the message, all on one line.
	const KB =
		'VSS Error 12/7/2018 8:23:12 AM EventID: 8193 Volume Shadow Copy Service error: Unexpected error calling routine Cannot find anymore diff area candidates for volume \\?\\Volume{ae7c3d9e-5755-11e1-9069-806e6f6e6963}\\ [0]. hr = 0x8000ffff, Catastrophic failure.';

	it('is VSS 8193, and a routine naming the diff area is the shadow copy storage (QL404), not an agent code (QL550)', () => {
		const r = analyse(`${KB}\n\nOperation: Automatically choosing a diff-area volume Processing EndPrepareSnapshots`);
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL404']);
		assert.equal(r.attempts[0].hresult, '0x8000FFFF');
	});

	it('level first and a Japanese message (the routine text stays English): the same reading', () => {
		const ja =
			'エラー VSS 2018/12/07 8:23:12 EventID: 8193 ボリューム シャドウ コピー サービス エラー: ルーチン Cannot find anymore diff area candidates for volume \\?\\Volume{ae7c3d9e-5755-11e1-9069-806e6f6e6963}\\ [0] の呼び出し中に予期しないエラーが発生しました。hr = 0x8000ffff, 致命的なエラーです。';
		assert.deepEqual(codes(analyse(ja)), ['QL404']);
	});

	it('negative: another routine stays the VSS fallback (QL317); a first word that is no source makes no event row', () => {
		const other = KB.replace('Cannot find anymore diff area candidates for volume', 'CoCreateInstance on volume');
		assert.deepEqual(codes(analyse(other)), ['QL317']);
		assert.ok(!formats(analyse(KB.replace(/^VSS/, 'Contoso'))).includes('windows-events-pasted'));
	});
});

describe('wild excerpts: SQL Server ERRORLOG lines', () => {
	// Microsoft Learn's MSSQLSERVER_18210 page: a VDI backup aborted, the devices named by GUID.
	const LOG = [
		'2022-05-29 15:55:42.89 Backup Error: 18210, Severity: 16, State: 1.',
		"2022-05-29 15:55:42.89 Backup BackupIoRequest::ReportIoError: write failure on backup device '{AA4B3232-1881-4F09-9DBA-0983D553BF46}2'. Operating system error 995(The I/O operation has been aborted because of either a thread exit or an application request.).",
		'2022-05-29 15:55:42.91 Backup Error: 3041, Severity: 16, State: 1.',
	];

	it("are SQL Server's backup errors: the virtual device aborted by its requester (QL319, a warning)", () => {
		const r = analyse(LOG.join('\n'));
		assert.deepEqual(formats(r), ['sql-errorlog']);
		const f = r.findings.find((x) => x.code === 'QL319');
		assert.equal(f?.severity, 'warning');
		assert.match(f!.message, /995/);
		assert.equal(r.inputs[0].unparsedLines, 0);
	});

	it('a Japanese install, the source column padded, CRLF: the same records', () => {
		const ja = [
			'2022-05-29 15:55:42.89 Backup      エラー: 18210、重大度: 16、状態: 1。',
			"2022-05-29 15:55:42.89 Backup      BackupIoRequest::ReportIoError: バックアップ デバイス '{AA4B3232-1881-4F09-9DBA-0983D553BF46}2' で write エラーが発生しました。オペレーティング システム エラー 995(スレッドの終了またはアプリケーションの要求によって、I/O 処理は中止されました。)。",
		];
		const r = analyse(ja.join('\r\n'));
		assert.deepEqual(formats(r), ['sql-errorlog']);
		assert.ok(codes(r).includes('QL319'));
	});

	it('negative: errors that do not matter to a backup (a failed login) make no record; stamped lines alone are no ERRORLOG', () => {
		const login = ['2022-05-29 15:55:42.89 Logon       Error: 18456, Severity: 14, State: 8.', "2022-05-29 15:55:42.89 Logon       Login failed for user 'sa'."];
		const r = analyse(login.join('\n'));
		assert.deepEqual(formats(r), ['sql-errorlog']);
		assert.deepEqual(codes(r), []);
		assert.ok(!formats(analyse('2022-05-29 15:55:42.89 Server      Microsoft SQL Server 2019 (RTM-CU16)')).includes('sql-errorlog'));
	});
});

describe('wild excerpts: ERRORLOG entries a copy ran together, with an Event Viewer list row after them', () => {
	// troubleshootingsql.com (2010): two ERRORLOG entries per printed line, the author's prose, then the list row
	// of the SQLVDI event with the preview's message, cut short.
	const POST = [
		'After that I looked into the SQL Server Errorlog and found the following errors:',
		'2010-12-06 03:39:15.280 Backup Error: 3041, Severity: 16, State: 1.2010-12-06 03:39:15.280 Backup BACKUP failed to complete the command BACKUP DATABASE db68. Check the backup application log for detailed messages.',
		'2010-12-06 03:39:15.370 spid53 Error: 18210, Severity: 16, State: 1.2010-12-06 03:39:15.370 spid53 BackupVirtualDeviceFile::PrepareToFreeze: failure on backup device ‘{DB840D1B-DD17-4D73-83F1-7390F676DEE4}1’. Operating system error 995(The I/O operation has been aborted because of either a thread exit or an application request.).',
		'The next thing I did was to pick the errors from the Application Event logs:',
		'Error 12/6/2010 3:39:15 AM SQLVDI 1 None SQLVDI: Loc=SignalAbort. Desc=Client initiates abort. ErrorCode=(0). Process=3920. Thread=11604. Clie',
	];

	it('reads the entries apart, the database, the aborted virtual device (995 in typographic quotes) and the SQLVDI abort', () => {
		const r = analyse(POST.join('\n'));
		assert.ok(formats(r).includes('sql-errorlog') && formats(r).includes('windows-events-pasted'), formats(r).join());
		const ql319 = r.findings.find((f) => f.code === 'QL319');
		assert.equal(ql319?.severity, 'warning', 'the device was aborted by its requester: the cause is elsewhere');
		assert.match(ql319!.title, /db68/);
		const ql318 = r.findings.find((f) => f.code === 'QL318');
		assert.match(ql318!.title, /SignalAbort/);
	});

	it('the list row alone, with its level, date, source, id, category and message, is the SQLVDI event', () => {
		const r = analyse(POST[4]);
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(
			codes(r).filter((c) => c !== 'QL112'),
			['QL318'],
		);
	});

	it('negative: a list row whose date is no date, or whose source is none, is no event', () => {
		assert.ok(!formats(analyse('Error yesterday SQLVDI 1 None SQLVDI: Loc=SignalAbort. Desc=Client initiates abort. ErrorCode=(0).')).includes('windows-events-pasted'));
		assert.ok(!formats(analyse('Error 12/6/2010 3:39:15 AM Contoso 1 None Loc=SignalAbort.')).includes('windows-events-pasted'));
	});
});

describe('wild excerpts: a writer listing a web page flattened onto one line', () => {
	// KB 826936 as support.microsoft.com rendered it: the prompt, an elision, the NTDS block and two events, one line.
	const KB =
		"C:\\>VSSADMIN LIST WRITERS [...] Writer name: 'NTDS' Writer Id: {b2014c9e-8711-4c5c-a5a9-3cf384484757} Writer Instance Id: {26ed439f-4a52-481d-963d-5db5b695d9e7} State: [10] Failed Last error: Retryable error Event ID: 12290 Description: Volume Shadow Copy Service warning: ESENT ERROR {b2014c9e-8711-4c5c-a5a9-3cf384484757} NTDS: -2402. hr = 0x00000000.";

	it('is the NTDS writer failed at thaw (QL201), an excerpt (not "no writers", not "System Writer missing")', () => {
		const r = analyse(`Error returned while creating the volume shadow copy:\n800423f4\n${KB}`);
		assert.deepEqual(codes(r), ['QL201']);
		assert.deepEqual(
			r.writers.map((w) => [w.name, w.stateCode, w.writerId]),
			[['NTDS', 10, 'b2014c9e-8711-4c5c-a5a9-3cf384484757']],
		);
		assert.equal(r.writerListings[0].whole, false);
		assert.equal(r.attempts[0].failedComponent?.name, 'NTDS', 'the attempt failed in that writer, so QL112 does not say nothing explains it');
	});

	it('the same flattened in French, with an ellipsis of its own: the same writer and state', () => {
		const fr = "C:\\>vssadmin list writers (…) Nom du rédacteur : 'NTDS' ID du rédacteur : {b2014c9e-8711-4c5c-a5a9-3cf384484757} ID de l’instance du rédacteur : {26ed439f-4a52-481d-963d-5db5b695d9e7} État : [10] Échec Dernière erreur : Erreur relançable";
		const r = analyse(fr);
		assert.deepEqual(
			r.writers.map((w) => [w.name, w.stateCode]),
			[['NTDS', 10]],
		);
		assert.equal(r.writerListings[0].whole, false);
	});

	it('negative: a listing copied whole under its prompt with no elision is still whole; one quoted value on a line is no flattening', () => {
		const whole = ['C:\\>vssadmin list writers', "Writer name: 'System Writer'", '   Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}', '   Writer Instance Id: {2ed30535-dd89-526c-b699-1037110ecfd1}', '   State: [1] Stable', '   Last error: No error'];
		const r = analyse(whole.join('\n'));
		assert.equal(r.writerListings[0].whole, true);
		assert.equal(r.writers.length, 1);
	});
});

describe("wild excerpts: SQL Server's messages pasted without any header or ERRORLOG stamp", () => {
	// windowsadmins.com (Hyper-V Replica, 2014): the guest's SQLVDI, 3041 and 18210 messages alone, blank lines
	// between them, the SQLVDI prefix mistyped and the device's GUID masked with `*` by the author.
	const BLOG = [
		'Here is an example of the error registered in the guest:',
		'',
		'SQLVM: Loc=SignalAbort. Desc=Client initiates abort. ErrorCode=(0). Process=2644. Thread=7212. Client. Instance=. VD=Global*******',
		'',
		'',
		'BACKUP failed to complete the command BACKUP DATABASE model. Check the backup application log for detailed messages.',
		'',
		'',
		"BackupVirtualDeviceFile::SendFileInfoBegin:  failure on backup device '{********-63**-49**-BA**-5DB6********}1'. Operating system error 995(error not found).",
	];

	it('reads the three events: the virtual device aborted by its requester (QL319 warning, model), the abort asked by the client (QL318)', () => {
		const r = analyse(BLOG.join('\n'));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		const ql319 = r.findings.find((f) => f.code === 'QL319');
		assert.equal(ql319?.severity, 'warning', 'a masked GUID is still the virtual device: 995 on it is the requester ending the backup');
		assert.match(ql319!.title, /\bmodel\b/);
		assert.match(r.findings.find((f) => f.code === 'QL318')!.title, /SignalAbort/);
	});

	it('the same messages in German, CRLF, no blank lines, typographic quotes: the same two findings', () => {
		const de = [
			'SQLVDI: Loc=SignalAbort. Desc=Client initiates abort. ErrorCode=(0). Process=2644. Thread=7212. Client. Instance=. VD=Global\\{…}',
			'BACKUP konnte den Befehl BACKUP DATABASE [Sales DB] nicht abschließen. Überprüfen Sie das Sicherungsanwendungsprotokoll.',
			'BackupVirtualDeviceFile::PrepareToFreeze: Fehler auf dem Sicherungsmedium ‘{DB840D1B-DD17-4D73-83F1-7390F676DEE4}1’. Betriebssystemfehler 995(Der E/A-Vorgang wurde abgebrochen.).',
		];
		const r = analyse(de.join('\r\n'));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(
			codes(r).filter((c) => c !== 'QL112'),
			['QL318', 'QL319'],
		);
		assert.match(r.findings.find((f) => f.code === 'QL319')!.title, /Sales DB/);
	});

	it('negative: a T-SQL BACKUP statement, a C++ scope with no quoted device, `Loc=` without its labels make no event', () => {
		assert.ok(!formats(analyse("BACKUP DATABASE model TO DISK = 'D:\\model.bak' WITH COPY_ONLY;\nBACKUP LOG model TO DISK = 'D:\\model.trn';")).includes('windows-events-pasted'));
		assert.ok(!formats(analyse('std::vector::at: index 995(out of range)')).includes('windows-events-pasted'));
		assert.ok(!formats(analyse('Loc=Berlin. Nothing else here (0).')).includes('windows-events-pasted'));
	});
});

describe('wild excerpts: events a blog wrote one a line, `EventId N – Source – message`', () => {
	// superwidgets.wordpress.com (November 2014 rollup): VSS 12366 and MSExchangeRepl 2034, prose around them.
	const BLOG = [
		'Error messages have been ovserved like:',
		'',
		'EventId 12366 – VSS – An unhandled exception was encountered while processing a VSS writer event callback method. The VSS writer infrastructure is in an unstable state.',
		'',
		'and',
		'',
		'EventId 2034 – MSExchangeRepl – The Microsoft Exchange Replication service VSS Writer when processing the backup completion event.',
	];

	it("reads both events; VSS 12366 is a writer's event handler that threw (QL320, an error), 2034 the Exchange writer's failure (QL208)", () => {
		const r = analyse(BLOG.join('\n'));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL208', 'QL320']);
		const ql320 = r.findings.find((f) => f.code === 'QL320')!;
		assert.equal(ql320.severity, 'error');
		assert.match(ql320.evidence[0].text, /^EventId 12366/);
	});

	it('with `Event ID:`, ASCII hyphens, CRLF and a German message: the same finding, and in Japanese too', () => {
		const de = 'Event ID: 12366 - VSS - Beim Verarbeiten einer Rückrufmethode für ein VSS-Writer-Ereignis ist eine nicht behandelte Ausnahme aufgetreten.\r\n';
		assert.deepEqual(codes(analyse(de)), ['QL320']);
		const ja = analyse(de, 'ja');
		assert.match(ja.findings[0].title, /VSS 12366/);
		assert.notEqual(ja.findings[0].title, analyse(de).findings[0].title);
	});

	it('negative: a source no event logs between the dashes, a number too large for an id, or no message make no event', () => {
		assert.ok(!formats(analyse('EventId 12366 – Contoso Agent – An unhandled exception was encountered.')).includes('windows-events-pasted'));
		assert.ok(!formats(analyse('EventId 123660 – VSS – An unhandled exception was encountered.')).includes('windows-events-pasted'));
		assert.ok(!formats(analyse('EventId 12366 – VSS –')).includes('windows-events-pasted'));
	});
});

describe("wild excerpts: NetBackup's bpbkar lines, hard-wrapped or run together", () => {
	// Symantec TECH 276739: the lines hard-wrapped inside their prefix and text.
	const WRAPPED = [
		'6:00:14.156',
		'AM: [452.976] <2> tar_base::V_vTarMsgW: ERR - Snapshot Error while reading',
		'file:',
		'6:00:14.171',
		'AM: [452.976] <2> tar_base::V_vTarMsgW: FTL - Backup operation',
		'aborted!',
		'6:00:14.218 AM: [452.976]',
		'<2> tar_base::V_vTarMsgW: INF - EXIT STATUS 156: snapshot error',
		'encountered',
	];
	// The NetBackup guide as a web page: the same kind of lines run together on one, prose above.
	const RUN_TOGETHER = [
		'If bpbkar debug logs are turned on, a message similar to the following appears in the bpbkar debug log for the backup.',
		'8:51:14.569 AM: [1924.2304] <2> tar_base::V_vTarMsgW: ERR - Snapshot Error while reading test.file 8:51:14.569 AM: [1924.2304] <2> tar_base::V_vTarMsgW: FTL - Backup operation aborted! 8:51:14.569 AM: [1924.2304] <2> tar_base::V_vTarMsgW: INF - EXIT STATUS 156: snapshot error encountered',
	];

	it('hard-wrapped: status 156 is NetBackup reporting the snapshot failed (QL550), its cache the usual cause', () => {
		const r = analyse(WRAPPED.join('\n'));
		assert.deepEqual(formats(r), ['backup-job-messages']);
		assert.deepEqual(codes(r), ['QL550']);
		assert.match(r.findings[0].title, /NetBackup.*status 156/);
		assert.equal(r.attempts[0].requester, 'Veritas NetBackup');
	});

	it('run together on one line under prose, CRLF, in Japanese: the same finding', () => {
		const r = analyse(RUN_TOGETHER.join('\r\n'), 'ja');
		assert.deepEqual(codes(r), ['QL550']);
		assert.match(r.findings[0].title, /status 156/);
	});

	it('negative: EXIT STATUS 0 is success; a status in prose with no bpbkar line is no NetBackup message', () => {
		const ok = '6:00:14.218 AM: [452.976] <2> tar_base::V_vTarMsgW: INF - EXIT STATUS 0: the requested operation was successfully completed';
		const r = analyse(ok);
		assert.deepEqual(formats(r), ['backup-job-messages']);
		assert.deepEqual(codes(r), []);
		assert.ok(!formats(analyse('The job ended with EXIT STATUS 156: snapshot error encountered.')).includes('backup-job-messages'));
	});
});

describe("wild excerpts: a person's sentence quoting vSphere's reason, above a Tools log", () => {
	// open-vm-tools #297: the sentence, a blank line, then the vmsvc log in a Markdown fence.
	const LOG = [
		'[Oct 09 12:17:30.424] [ warning] [guestinfo] *** WARNING: GuestInfo collection interval longer than expected; actual=60 sec, expected=30 sec. ***',
		'[Oct 09 13:17:30.647] [ warning] [guestinfo] *** WARNING: GuestInfo collection interval longer than expected; actual=60 sec, expected=30 sec. ***',
		'[Oct 09 14:17:30.426] [ warning] [guestinfo] *** WARNING: GuestInfo collection interval longer than expected; actual=60 sec, expected=30 sec. ***',
	];
	const ISSUE = ['The log showed the message : `Cannot quiesce this virtual machine because VMware Tools is not currently available.` This issue started without any reason.', '', '```', ...LOG, '```'];

	it('the sentence is its own section: Tools was not available (QL108), and the Tools log is read too', () => {
		const r = analyse(ISSUE.join('\n'));
		assert.deepEqual(codes(r), ['QL108']);
		assert.deepEqual(formats(r).sort(), ['tools-log', 'vmware-product-quiesce']);
	});

	it('the message in typographic quotes, no fence and no blank line, CRLF: the same reading', () => {
		const r = analyse(['We got “Cannot quiesce this virtual machine because VMware Tools is not currently available.” on every snapshot:', ...LOG].join('\r\n'));
		assert.deepEqual(codes(r), ['QL108']);
	});

	it('negative: a sentence that quotes nothing of vSphere is no section; the Tools log alone gives no failure', () => {
		const r = analyse(['Here is the log from the guest, nothing else changed:', '', '```', ...LOG, '```'].join('\n'));
		assert.deepEqual(codes(r), []);
		assert.deepEqual(formats(r), ['tools-log']);
	});
});
