import * as assert from 'assert/strict';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 8 (wild12): what the application writers themselves log when a snapshot backup fails — SQL Server's
// ERRORLOG and events, SQLWRITER, SQLVDI, the NTDS writer, Hyper-V checkpoints — as people paste it
// (test/fixtures/wild/README.md names each source), with variants of what a paste does to it.

describe('wild12: SQLWRITER 24583 names SQL Server’s own error behind the writer’s failure', () => {
	// KB 2615182: WSB 521 (0x807800A1), the console's 0x800423F4, SQLWRITER 24583 twice, SQLVDI aborts.
	const KB = wild('mskb2615182-wsb-521-sqlwriter-24583-sqlvdi-instance.txt');

	it('one Windows Server Backup try, decided by the writer error 0x800423F4; QL208 quotes error 945 and its database', () => {
		const r = analyse(KB);
		assert.equal(r.attempts.length, 1, "WSB's 521, its console message and the SQL writer's events are one try");
		assert.deepEqual([r.attempts[0].requester, r.attempts[0].hresult, r.attempts[0].result], ['Windows Server Backup', '0x800423F4', 'failed']);
		const sql = finding(r, 'QL208');
		assert.deepEqual(sql?.writers, ['SqlServerWriter']);
		assert.match(sql!.message, /error 945: "Database 'SBSMonitoring' cannot be opened/);
		assert.match(sql!.fix, /^1\. Fix what SQL Server error 945 names/);
		assert.match(finding(r, 'QL318')?.message ?? '', /instance SBSMonitoring/);
		assert.ok(finding(r, 'QL306'), "WSB's own failure is still read");
	});

	it('the same page quoted as a mail reply, with CRLF: the same reading', () => {
		const r = analyse(crlf(quoted(KB)));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x800423F4');
		assert.match(finding(r, 'QL208')?.message ?? '', /error 945/);
	});

	const EVENT = (natives: readonly string[]) =>
		[
			'Log Name: Application',
			'Source: SQLWRITER',
			'Event ID: 24583',
			'Level: Error',
			'Description:',
			'Sqllib error: OLEDB Error encountered calling ICommandText::Execute. hr = 0x80040e14. SQLSTATE: 42000, Native Error: 3013',
			'Error state: 1, Severity: 16',
			'Source: Microsoft SQL Server Native Client 11.0',
			'Error message: BACKUP DATABASE is terminating abnormally.',
			...natives,
		].join('\n');

	it('Japanese labels around the untranslated SQLSTATE and numbers: the error and its text are read', () => {
		const ja = EVENT(['SQLSTATE: 42000、ネイティブ エラー: 4214', 'エラーの状態: 1、重大度: 16', 'ソース: Microsoft SQL Server Native Client 11.0', 'エラー メッセージ: 現在のデータベース バックアップが存在しないため、BACKUP LOG を実行できません。']);
		const sql = finding(analyse(ja), 'QL208');
		assert.match(sql?.message ?? '', /error 4214: "現在のデータベース バックアップが存在しないため/);
	});

	it('negative: only the backup’s ending (3013, 3271 with 995) named — no SQL Server cause, the first line is quoted as before', () => {
		const ending = EVENT([
			'SQLSTATE: 42000, Native Error: 3271',
			'Error state: 1, Severity: 16',
			'Source: Microsoft SQL Server Native Client 10.0',
			'Error message: A nonrecoverable I/O error occurred on file "{DF1DD65F-F8AD-4946-A764-F62166C541E2}22:" 995(The I/O operation has been aborted).',
		]);
		const sql = finding(analyse(ending), 'QL208');
		assert.match(sql?.message ?? '', /"Sqllib error: OLEDB Error encountered calling ICommandText::Execute/);
		assert.doesNotMatch(sql!.message, /its own error/);
		assert.doesNotMatch(sql!.fix, /Fix what SQL Server error/);
	});
});

describe('wild12: a virtual device’s failure is known by SQL Server’s class name, whatever the device is called', () => {
	it("KB 3050765 (Hyper-V Replica): 18210 on '{\\<GUID>}\\<ID>' with 995 is the requester ending the backup (warning), 3041 names <DB Name>", () => {
		const r = analyse(wild('mskb3050765-hvr-18210-3041-sqlvdi-quoted-placeholders.txt'));
		const backup = finding(r, 'QL319');
		assert.equal(backup?.severity, 'warning');
		assert.equal(backup!.title, 'SQL Server could not back up <DB Name>');
		assert.equal(finding(r, 'QL318')?.severity, 'warning');
	});

	it("a blog's 18210 on a backup agent's 'RVX-{GUID}' device with 995: a warning, the cause is the agent's", () => {
		const r = analyse(wild('sqlblog-kehayias-18210-requestdurablemedia-rvx-995.txt'));
		assert.equal(finding(r, 'QL319')?.severity, 'warning');
		assert.match(finding(r, 'QL319')!.message, /virtual device failed with operating system error 995/);
	});

	it('the same message in a Japanese ERRORLOG (the class name and the number untranslated): a warning too', () => {
		const log = [
			'2009-06-09 00:35:11.52 spid62      エラー: 18210、重大度: 16、状態: 1。',
			"2009-06-09 00:35:11.52 spid62      BackupVirtualDeviceFile::RequestDurableMedia: バックアップ デバイス 'RVX-{58702BA0-C160-4125-952E-CC21954404B7}' でフラッシュ エラーが発生しました。オペレーティング システム エラー 995(スレッドの終了またはアプリケーションの要求によって、I/O 処理は中止されました。)。",
		].join('\n');
		assert.equal(finding(analyse(log), 'QL319')?.severity, 'warning');
	});

	it('negative: a disk device (BackupDiskFile) failing with 995 is SQL Server’s own device failure (error)', () => {
		const msg = "BackupDiskFile::RequestDurableMedia: Flush failure on backup device 'D:\\Backup\\sales.bak'.\nOperating system error 995(The I/O operation has been aborted because of either a thread exit or an application request.)";
		assert.equal(finding(analyse(msg), 'QL319')?.severity, 'error');
	});
});

describe('wild12: the other device errors of a BACKUP (18204, 3201, 3271) are read from ERRORLOG', () => {
	it('a blog’s 18204 / 3041 pair: SQL Server could not back up adventureworks, OS error 3 (path not found)', () => {
		const r = analyse(wild('troubleshootingsql-18204-createmedia-os-error-3-3041.txt'));
		const backup = finding(r, 'QL319');
		assert.equal(backup?.severity, 'error');
		assert.match(backup!.message, /adventureworks.*operating system error 3 \(The system cannot find the path specified\)/s);
	});

	const errorlog = (lines: readonly [string, string][]) => lines.map(([s, t]) => `2010-05-28 03:10:11.52 Backup      ${s}\n2010-05-28 03:10:11.52 Backup      ${t}`).join('\n');

	it('the same entries in ERRORLOG’s own layout: 18204 was dropped (an id the reader did not know); now its OS error is read', () => {
		const log = errorlog([
			['Error: 18204, Severity: 16, State: 1.', "BackupDiskFile::CreateMedia: Backup device 'R:\\adventureworks.bak' failed to create. Operating system error 3(The system cannot find the path specified.)."],
			['Error: 3041, Severity: 16, State: 1.', 'BACKUP failed to complete the command BACKUP DATABASE adventureworks. Check the backup application log for detailed messages.'],
		]);
		const r = analyse(log);
		assert.deepEqual(
			r.inputs.map((i) => i.format),
			['sql-errorlog'],
		);
		assert.match(finding(r, 'QL319')?.message ?? '', /operating system error 3 /);
	});

	it('3201 (cannot open the device) with access denied, in Japanese: the OS error 5 is read', () => {
		const log = errorlog([['エラー: 3201、重大度: 16、状態: 1。', "バックアップ デバイス '\\\\nas\\sql\\sales.bak' を開けません。オペレーティング システム エラー 5(アクセスが拒否されました。)。"]]);
		const backup = finding(analyse(log), 'QL319');
		assert.equal(backup?.severity, 'error');
		assert.match(backup!.message, /error 5 /);
	});
});

describe('wild12: excerpts the product already read right', () => {
	it('KB 913642: NTBackup on a DC, "NTDS" reported 0x800423f0 — the log volume not in the set (QL207 naming NTDS)', () => {
		const r = analyse(wild('mskb913642-ntbackup-ntds-0x800423f0-dc-systemstate.txt'));
		assert.deepEqual([r.attempts.length, r.attempts[0].hresult, r.attempts[0].requester], [1, '0x800423F0', 'NTBackup']);
		assert.deepEqual(finding(r, 'QL207')?.writers, ['NTDS']);
	});

	it('MS Learn’s BitLocker DC case (HTML <br> line ends, a fence with an info string): NTDS [11] failed at PostSnapshot, 0x800423F4', () => {
		const r = analyse(wild('mslearn-ntds-8229-postsnapshot-br-tags-bitlocker-fence-error.txt'));
		assert.deepEqual([r.attempts.length, r.attempts[0].hresult], [1, '0x800423F4']);
		const ntds = finding(r, 'QL201');
		assert.deepEqual(ntds?.writers, ['NTDS']);
		assert.match(ntds!.title, /PostSnapshot \(state \[11\]\)/);
	});

	it('a SQL Server 2022 T-SQL snapshot lab: VERBOSE freeze and resume, Get-DbaErrorLog rows — a backup that went well', () => {
		const r = analyse(wild('purestorage-sql2022-tsql-snapshot-verbose-frozen-resumed.txt'));
		assert.deepEqual([codes(r), r.attempts.length], [[], 0]);
	});

	it("a blog's table of freeze, thaw and 'Database backed up' messages: a backup that went well, no finding", () => {
		const r = analyse(wild('pinal-frozen-resumed-backed-up-virtual-device-table.txt'));
		assert.deepEqual(codes(r), []);
	});
});

describe('wild12: a code a product printed with a minus sign before it', () => {
	it('MS Learn’s Hyper-V list: "Error -0x800423F2" is the writer timeout (it was not read)', () => {
		const r = analyse(wild('mslearn-hyperv-backup-failures-checkpoint-32768-minus-0x800423f2.txt'));
		assert.ok(r.attempts.some((a) => a.hresult === '0x800423F2'));
		assert.ok(finding(r, 'QL205'));
	});

	it('negative: a minus joined to a name (`id-0x…`) is no sign', () => {
		assert.ok(!analyse('Backup failed. Error code: job-0x800423F2-retry').attempts.some((a) => a.hresult === '0x800423F2'));
	});
});

describe('wild12: SQL Server’s messages as SSMS and sqlcmd print them (Msg n, Level n, State n, Line n)', () => {
	it('dbi-services: a differential backup refused (3035) for database demo — the chain broken by a VSS product’s backups', () => {
		const r = analyse(wild('dbi-services-msg-3035-3013-differential-io-frozen-veeam.txt'));
		assert.deepEqual(
			r.inputs.map((i) => i.format),
			['sql-messages'],
		);
		const backup = finding(r, 'QL319');
		assert.deepEqual([backup?.severity, backup?.title], ['error', 'SQL Server could not back up demo']);
		assert.match(backup!.message, /no current full backup.*backup chain is broken/s);
		assert.match(backup!.fix, /copy-only/);
	});

	it('KB 903643 (NTBackup’s VDI snapshot): the same error with straight quotes, the 3013 line without its full stop', () => {
		const r = analyse(wild('mskb903643-ntbackup-vdi-snapshot-msg-3035-differential-chain.txt'));
		assert.equal(finding(r, 'QL319')?.title, 'SQL Server could not back up NTBackupTest');
	});

	it('sqlservercentral: the text printed twice under one header reads as one error', () => {
		const r = analyse(wild('sqlservercentral-msg-3035-repeated-virtual-device-backups.txt'));
		assert.deepEqual(codes(r), ['QL319']);
		assert.equal(finding(r, 'QL319')?.title, 'SQL Server could not back up Mydatabase');
	});

	it('sqlcmd’s header (Server between), quoted and CRLF; a Japanese SSMS header; 4214 for a log backup', () => {
		const sqlcmd = ['Msg 4214, Level 16, State 1, Server SQL01, Line 1', 'BACKUP LOG cannot be performed because there is no current database backup.', 'Msg 3013, Level 16, State 1, Server SQL01, Line 1', 'BACKUP LOG is terminating abnormally.'].join(
			'\n',
		);
		assert.match(finding(analyse(crlf(quoted(sqlcmd))), 'QL319')?.message ?? '', /error 3035 or 4214/);
		const ja = ['メッセージ 3035、レベル 16、状態 1、行 1', '現在のデータベース バックアップが存在しないため、データベース "demo" の差分バックアップを実行できません。'].join('\n');
		const r = analyse(ja, 'ja');
		assert.deepEqual(
			r.inputs.map((i) => i.format),
			['sql-messages'],
		);
		assert.match(finding(r, 'QL319')?.title ?? '', /demo/);
	});

	it('negative: four labelled numbers of no SQL Server error, and an ERRORLOG error line, are no message header', () => {
		assert.ok(!analyse('Chapter 3, Part 2, Section 1, Page 4\nSome text.').inputs.some((i) => i.format === 'sql-messages'));
		assert.ok(!analyse('Error: 3041, Severity: 16, State: 1.\nBACKUP failed to complete the command BACKUP DATABASE demo.').inputs.some((i) => i.format === 'sql-messages'));
		// An informational message (severity under 11) states no failure.
		assert.deepEqual(codes(analyse('Msg 3035, Level 10, State 1, Line 1\nCannot perform a differential backup for database "demo".')), []);
	});
});

describe('wild12: what an Exchange writer host’s event means for the backup', () => {
	// KB 4037535: a DAG's passive copy backup fails retryable; MSExchangeRepl 2153, the log copier disconnected.
	const KB = wild('mskb4037535-exchange-dag-passive-retryable-betest-msexchangerepl-2153.txt');

	it('one try of 0x800423F3; QL208 reads 2153 as the RPC channel to the active server lost, with the network fix', () => {
		const r = analyse(KB);
		assert.deepEqual([r.attempts.length, r.attempts[0].hresult], [1, '0x800423F3']);
		const repl = finding(r, 'QL208');
		assert.deepEqual(repl?.writers, ['Microsoft Exchange Writer']);
		assert.match(repl!.title, /MSExchangeRepl event 2153 \(The log copier could not communicate/);
		assert.match(repl!.message, /RPC channel to the active server.*KeepAliveTime.*QueryLogRangeTimeoutInMsec/s);
	});

	it('the same in Japanese words: the meaning and what it means for the backup are translated', () => {
		const repl = finding(analyse(crlf(KB), 'ja'), 'QL208');
		assert.match(repl?.message ?? '', /バックアップにとっての意味: .*RPC チャネル/);
	});

	it('negative: an MSExchangeRepl event of an id with no known meaning adds no such sentence', () => {
		const other = ['Log Name: Application', 'Source: MSExchangeRepl', 'Event ID: 2034', 'Level: Error', 'Description: The Microsoft Exchange Replication service VSS Writer failed when processing the backup completion event.'].join('\n');
		const repl = finding(analyse(other), 'QL208');
		assert.match(repl?.message ?? '', /For a backup this means: the Microsoft Exchange Writer failed at backup complete/);
		const unknown = finding(analyse(other.replace('2034', '2099')), 'QL208');
		assert.ok(unknown, 'an error of the writer host is still its failure');
		assert.doesNotMatch(unknown.message, /For a backup this means/);
	});
});
