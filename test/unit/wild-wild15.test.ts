import * as assert from 'assert/strict';
import * as iconv from 'iconv-lite';
import { decodeText } from '../../src/core/decode/decode';
import type { Report } from '../../src/core/model/report';
import { analyse, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 9 (wild15): excerpts published in other languages than English — Japanese blogs and Microsoft's
// Japanese docs, Chinese issues — (test/fixtures/wild/README.md names each source), with the same evidence
// in another display language, re-wrapped, quoted and with full-width punctuation.

const severityOf = (r: Report, code: string) => finding(r, code)?.severity;

describe('wild15: Windows Server Backup’s own code names it, and one that only says the shadow copy failed defers to VSS’s', () => {
	const BLOG = wild('jekyll-ja-wsb-rdm-0x80780034-deviceiocontrol-0x80070057.txt');

	const reading = (r: Report) => {
		assert.equal(r.attempts.length, 1, "WSB's event and VSS's 12289 are one try");
		const [a] = r.attempts;
		assert.deepEqual([a.requester, a.result, a.hresult], ['Windows Server Backup', 'failed', '0x80070057']);
		// VSS's DeviceIoControl error on the volume is the cause; WSB's 0x80780034 only says the shadow copy failed.
		assert.equal(r.findings.filter((f) => f.severity === 'error')[0]?.code, 'QL317');
		assert.match(finding(r, 'QL317')!.title, /DeviceIoControl with 0x80070057/);
	};

	it('a Japanese blog (ESXi RDM disk, physical compatibility): WSB 0x80780034 and VSS 12289 DeviceIoControl 0x80070057 at EndPrepareSnapshots', () => {
		const r = analyse(BLOG);
		reading(r);
		assert.equal(severityOf(r, 'QL550'), 'info');
		assert.match(finding(r, 'QL550')!.message, /only says that the shadow copy failed; E_INVALIDARG \(0x80070057\)/);
	});

	it('the same page quoted as a mail reply with CRLF, and with full-width colons after the labels: the same reading', () => {
		reading(analyse(crlf(quoted(BLOG))));
		reading(analyse(BLOG.replace(/:$/gm, '：').replace('コンテキスト: System', 'コンテキスト：System')));
	});

	it('the same two events in English (WSB event 5’s text, VSS 12289): QL306 is information, QL317 the cause', () => {
		const en = [
			"The backup operation that started at '2020-09-05T14:00:12.000000000Z' has failed with following error code '0x80780034' (Windows Backup failed to create the shadow copy on the storage location.). Please review the event details for a solution, and then rerun the backup operation once the issue is resolved.",
			'',
			'Volume Shadow Copy Service error: Unexpected error DeviceIoControl(\\\\?\\Volume{a59dcd66-5963-4ba8-995c-915935cb8654} - 000000000000024C,0x0053c008,00000219B0C80150,0,00000219B0C81160,4096,[0]).  hr = 0x80070057, The parameter is incorrect.',
			'. ',
			'',
			'Operation:',
			'   Processing EndPrepareSnapshots',
			'',
			'Context:',
			'   Execution Context: System Provider',
		].join('\n');
		const r = analyse(en);
		reading(r);
		assert.equal(severityOf(r, 'QL306'), 'info');
		assert.match(finding(r, 'QL306')!.message, /could not create the shadow copy on the backup storage location/);
	});

	it('in Japanese words: the echo sentence and the code’s meaning come from the Japanese catalogue', () => {
		const r = analyse(BLOG, 'ja');
		assert.match(finding(r, 'QL550')!.message, /このコードはシャドウ コピーが失敗したことしか示しません。同じ試行で報告された E_INVALIDARG \(0x80070057\) が原因を示します/);
		assert.match(finding(r, 'QL550')!.message, /保存場所にシャドウ コピーを作成できませんでした/);
	});

	it('negative: WSB’s 0x80780034 alone is the failure as far as the text goes: an error, named Windows Server Backup', () => {
		const alone = BLOG.split('\n').slice(0, 8).join('\n');
		const r = analyse(alone);
		assert.deepEqual([r.attempts.length, r.attempts[0].requester, r.attempts[0].hresult], [1, 'Windows Server Backup', '0x80780034']);
		assert.equal(severityOf(r, 'QL550'), 'error');
		// Alone it still only says that much: the finding sends the reader to the writer or VSS error of that time.
		assert.match(finding(r, 'QL550')!.message, /only says that the shadow copy failed: the writer or VSS error logged at that time/);
		assert.doesNotMatch(finding(r, 'QL550')!.message, /the code above is the cause/);
	});

	it('WSB event 521 in Japanese (its code in decimal, no event id pasted): named Windows Server Backup, 0x807800A1 with its documented meaning', () => {
		const r = analyse(
			"'2021-03-12T17:00:05.123000000Z' に開始されたバックアップ操作は、バックアップするボリュームのシャドウ コピーを作成するボリューム シャドウ コピー サービスの操作が次のエラー コード '2155348129' で失敗したため、失敗しました。イベントの詳細で解決策を確認し、問題の解決後にバックアップ操作を再実行してください。",
		);
		assert.deepEqual([r.attempts[0].requester, r.attempts[0].hresult], ['Windows Server Backup', '0x807800A1']);
		assert.match(finding(r, 'QL550')!.message, /printed as 2155348129\): the volume shadow copy for the backup volumes failed/);
	});

	it('negative: VSS_E_BAD_STATE alone is the failure itself, not an echo of another', () => {
		const r = analyse('Backup aborted: COM call BackupComplete failed. Returned HRESULT = 0x80042301');
		assert.doesNotMatch(finding(r, 'QL550')?.message ?? '', /only says that the shadow copy failed/);
	});

	it('negative: a code of another facility in the same sentence names no product', () => {
		const r = analyse("'開始したバックアップ操作は、次のエラー コード '0x80070057' (パラメーターが間違っています。) のため失敗しました。");
		assert.equal(r.attempts[0]?.requester ?? null, null);
	});
});

describe('wild15: excerpts the product already read right', () => {
	it("Microsoft's Japanese docs (MARS system state): a table row quoting VSS's English 0x800423f2 with its translation — QL205 writer timeout", () => {
		const r = analyse(wild('azuredocs-ja-mars-systemstate-vss-writer-timeout-0x800423f2-table-row.txt'));
		assert.deepEqual([r.attempts.length, r.attempts[0].result, r.attempts[0].hresult], [1, 'failed', '0x800423F2']);
		assert.equal(r.findings.filter((f) => f.severity === 'error')[0]?.code, 'QL205');
	});

	it('a Chinese issue: Dism++ system backup, the code typed as 0*8004230F and 0*800423F, then 0x8004230F — VSS_E_UNEXPECTED_PROVIDER_ERROR', () => {
		const r = analyse(wild('dismpp-866-zh-system-backup-0x8004230f-typo-asterisk.txt'));
		assert.deepEqual([r.attempts.length, r.attempts[0].hresult], [1, '0x8004230F']);
		assert.ok(finding(r, 'QL401'));
	});

	it('Chinese issues: Dism++ backups failing with “0x80042301” (curly quotes, VSS_E_BAD_STATE) and 0x80042308 (hot backup only)', () => {
		for (const [file, code] of [
			['dismpp-216-zh-backup-0x80042301-curly-quotes-re.txt', '0x80042301'],
			['dismpp-637-zh-hot-backup-0x80042308-pe-works.txt', '0x80042308'],
		] as const) {
			const r = analyse(wild(file));
			assert.deepEqual([r.attempts.length, r.attempts[0].result, r.attempts[0].hresult], [1, 'failed', code], file);
			assert.equal(finding(r, 'QL550')?.hresult, code, file);
		}
	});

	it('not read (see README): Dism++ reading a file through the shadow copy fails with Win32 error 6 — no VSS failure, and nothing reported', () => {
		const r = analyse(wild('dismpp-284-zh-wimgapi-shadow-copy-read-0x00000006-invalid-handle.txt'));
		assert.equal(r.findings.filter((f) => f.severity === 'error').length, 0);
	});

	it('a Chinese issue: Dism++ on Windows 7 (systeminfo in Chinese), 0x8004230C — VSS_E_VOLUME_NOT_SUPPORTED', () => {
		const r = analyse(wild('dismpp-488-zh-win7-system-backup-0x8004230c-systeminfo.txt'));
		assert.deepEqual([r.attempts.length, r.attempts[0].hresult], [1, '0x8004230C']);
		assert.match(finding(r, 'QL550')!.message, /not supported/);
	});
});

describe('wild15: a writer named in a VSS error keeps the routine’s cause, and its own name as Execution Context names it', () => {
	// The commonest VSS 8193 of all: the System Writer's OnIdentify calling ConvertStringSidToSid on a stale profile's SID.
	const event = (labels: { log: string; source: string; id: string; description: string; operation: string; context: string; exec: string; cls: string; name: string; inst: string }, message: string, ops: readonly string[]) =>
		[
			`${labels.log} Application`,
			`${labels.source} VSS`,
			`${labels.id} 8193`,
			labels.description,
			message,
			'',
			labels.operation,
			...ops.map((o) => `   ${o}`),
			'',
			labels.context,
			`   ${labels.exec} Writer`,
			`   ${labels.cls} {e8132975-6f93-4464-a53e-1050253ae220}`,
			`   ${labels.name} System Writer`,
			`   ${labels.inst} {5ec4e7f9-8bd1-4a29-8a3d-e5f2d4c0e5d8}`,
		].join('\n');
	const JA = event(
		{ log: 'ログの名前:', source: 'ソース:', id: 'イベント ID:', description: '説明:', operation: '操作:', context: 'コンテキスト:', exec: '実行コンテキスト:', cls: 'ライター クラス ID:', name: 'ライター名:', inst: 'ライター インスタンス ID:' },
		'ボリューム シャドウ コピー サービス エラー: ルーチン ConvertStringSidToSid(S-1-5-21-1234-5678-9012-1001.bak) の呼び出し中に予期しないエラーが発生しました。hr = 0x80070539, セキュリティ ID の構造が無効です。',
		['OnIdentify イベント', 'ライター データを収集しています'],
	);
	const FR = event(
		{
			log: 'Nom du journal :',
			source: 'Source :',
			id: 'ID de l’événement :',
			description: 'Description :',
			operation: 'Opération :',
			context: 'Contexte :',
			exec: 'Contexte d’exécution :',
			cls: 'ID de classe de l’enregistreur :',
			name: 'Nom de l’enregistreur :',
			inst: 'ID d’instance de l’enregistreur :',
		},
		'Erreur du service de cliché instantané de volume : erreur inattendue lors de l’appel de la routine ConvertStringSidToSid(S-1-5-21-1234-5678-9012-1001.bak). hr = 0x80070539, La structure de l’identificateur de sécurité n’est pas valide.',
		['Événement OnIdentify', 'Collecte des données de l’enregistreur'],
	);

	for (const [language, text] of [
		['Japanese', JA],
		['French', FR],
	] as const)
		it(`${language} Event Viewer copy: QL315 names the System Writer and gives the ProfileList fix first`, () => {
			const r = analyse(text);
			const writer = finding(r, 'QL315');
			assert.deepEqual(writer?.writers, ['System Writer']);
			assert.match(writer!.message, /security identifier \(SID\)/);
			assert.match(writer!.fix, /^1\. Open `HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList`/);
		});

	it('the same in Japanese words: the cause from the Japanese catalogue', () => {
		assert.match(finding(analyse(JA, 'ja'), 'QL315')!.message, /セキュリティ識別子 \(SID\)/);
	});

	it('KB 2019392’s event (Execution Context: Shadow Copy Optimization Writer, the writer’s own name): the writer is named', () => {
		const r = analyse(wild('mskb2019392-vmm-p2v-13243-vss-8193-convertstringsidtosid.txt'));
		assert.deepEqual(finding(r, 'QL315')?.writers, ['Shadow Copy Optimization Writer']);
		assert.ok(!finding(r, 'QL317'), 'a named writer is QL315’s');
	});

	it('negative: an IVssWriterCallback failure keeps its own callback fix, not a routine cause', () => {
		const writer = finding(analyse(wild('restic-5169-vss-8194-unindented-context-wrapped.txt')), 'QL315');
		assert.match(writer?.fix ?? '', /^1\. The writer's process could not call the backup program back/);
		assert.doesNotMatch(writer!.message, /security identifier|registry key|COM object/);
	});

	it('negative: a provider context with GUIDs (a hardware provider’s 12293) names no writer', () => {
		const text = [
			'Volume Shadow Copy Service error: Error calling a routine on a Shadow Copy Provider {b5946137-7b9f-4925-af80-51abd60b20d5}. Routine details PreFinalCommitSnapshots({e9eaa1ad-1c2b-4a6d-9c6a-3bf3d1a4f36a}, 5) [hr = 0x80042302, A Volume Shadow Copy Service component encountered an unexpected error.',
			'Check the Application event log for more information.',
			'].',
			'',
			'Operation:',
			'   Executing Asynchronous Operation',
			'',
			'Context:',
			'   Current State: DoSnapshotSet',
		].join('\n');
		const r = analyse(text);
		assert.equal(r.attempts.length, 1);
		assert.deepEqual(r.attempts[0].writers, []);
		assert.ok(!finding(r, 'QL315'));
	});
});

describe('wild15: the guest’s report of its own VSS operation, quoted without the status before it', () => {
	const REPORT = "'VssSyncStart' operation failed: IDispatch error #8449 (0x80042301)";
	const clients = [
		['Japanese', `仮想マシンの静止中にエラーが発生しました。詳細については、仮想マシンのイベント ログを参照してください。 ${REPORT}`],
		['German, hard-wrapped', `Beim Stilllegen der virtuellen Maschine ist ein Fehler aufgetreten. Weitere\nInformationen finden Sie im Ereignisprotokoll der virtuellen Maschine.\n${REPORT}`],
		['English, quoted', `> An error occurred while quiescing the virtual machine. See the virtual machine's event log for details. ${REPORT}`],
	] as const;

	for (const [language, text] of clients)
		it(`${language} client text: QL101 reads the guest's VssSyncStart failure (VSS_E_BAD_STATE) without claiming a status number`, () => {
			const r = analyse(text);
			assert.deepEqual([r.attempts.length, r.attempts[0].quiesced, r.attempts[0].hresult], [1, true, '0x80042301']);
			const guest = finding(r, 'QL101');
			assert.match(guest?.title ?? '', /VssSyncStart with VSS_E_BAD_STATE/);
			assert.match(guest!.message, /^The guest reported that its own quiesce operation failed/);
			assert.doesNotMatch(guest!.message, /VmBackupStatus/);
			assert.ok(!finding(r, 'QL112'), 'the bundle shows why: the guest said so');
		});

	it('with the status printed (`The error code was: 5`) the status is still named', () => {
		const r = analyse(`The guest OS has reported an error during quiescing. The error code was: 5 The error message was: ${REPORT}`);
		assert.match(finding(r, 'QL101')!.message, /VmBackupStatus 5/);
	});

	it('in Japanese words: the statusless report from the Japanese catalogue', () => {
		assert.match(finding(analyse(clients[0][1], 'ja'), 'QL101')!.message, /ゲストが自身の静止操作の失敗/);
	});

	it('negative: the client sentence alone (no guest report, no code) still does not show why', () => {
		const r = analyse("An error occurred while quiescing the virtual machine. See the virtual machine's event log for details.");
		assert.ok(!finding(r, 'QL101'));
	});
});

describe('wild15: Windows Server Backup’s ESP lock (0x8078011E), from a French article and as the event prints it', () => {
	it('a French troubleshooting article: WSB named by its own code, the ESP lock explained', () => {
		const r = analyse(wild('ittrip-fr-wsb-517-0x8078011e-esp-exclusive-lock.txt'));
		assert.deepEqual([r.attempts.length, r.attempts[0].requester, r.attempts[0].result, r.attempts[0].hresult], [1, 'Windows Server Backup', 'failed', '0x8078011E']);
		assert.match(finding(r, 'QL550')!.message, /exclusive lock on the EFI System Partition/);
	});

	it('the event itself (517, English text, Event Viewer labels): QL306 with the same meaning', () => {
		const event = [
			'Log Name:      Application',
			'Source:        Microsoft-Windows-Backup',
			'Event ID:      517',
			'Level:         Error',
			'Description:',
			"The backup operation that started at '2023-01-14T01:00:04.000000000Z' has failed with following error code '0x8078011E' (Windows Backup failed to get an exclusive lock on the EFI System Partition (ESP). This can happen if another application is using files on the ESP. Please retry the operation.). Please review the event details for a solution, and then rerun the backup operation once the issue is resolved.",
		].join('\n');
		const wsb = finding(analyse(event), 'QL306');
		assert.equal(wsb?.hresult, '0x8078011E');
		assert.match(wsb!.message, /exclusive lock on the EFI System Partition/);
	});

	it('the same code in a Japanese build’s sentence, in Japanese words: named Windows Server Backup, the Japanese meaning', () => {
		const r = analyse("開始したバックアップ操作は、次のエラー コード '0x8078011E' のため失敗しました。", 'ja');
		assert.equal(r.attempts[0].requester, 'Windows Server Backup');
		assert.match(finding(r, 'QL550')!.message, /EFI システム パーティション \(ESP\) の排他ロック/);
	});
});

describe('wild15: Microsoft’s Japanese Windows 7 Backup KB (a reparse point in a library)', () => {
	it('its two problems are two alternatives: 0x80070001 (a FAT volume) and Windows Backup’s 0x81000037 explained', () => {
		const r = analyse(wild('mskb-ja-win7-backup-reparse-point-library-0x80070001-0x81000037.txt'));
		// A page, not a run (session 12, wild29): no try, each code explained at information level.
		assert.equal(r.attempts.length, 0);
		const wb = r.findings.find((f) => f.code === 'QL550' && f.hresult === '0x81000037');
		assert.equal(wb?.severity, 'info');
		assert.match(wb?.message ?? '', /reading from the shadow copy of one of the volumes/);
		assert.match(wb!.message, /reparse point/);
	});
});

describe('wild15: a Japanese paste saved as Shift_JIS is read as CP932, not as GBK', () => {
	// The blog's text in Shift_JIS scored 558 as CP932 and 560 as GB18030 (its `…` a rare ideograph): GBK's
	// extension rows, where Shift_JIS's kana and most kanji fall, are no Chinese prose.
	const japanese = ['jekyll-ja-wsb-rdm-0x80780034-deviceiocontrol-0x80070057.txt', 'azuredocs-ja-mars-systemstate-vss-writer-timeout-0x800423f2-table-row.txt', 'mskb-ja-win7-backup-reparse-point-library-0x80070001-0x81000037.txt'];
	for (const file of japanese)
		it(`${file} in Shift_JIS decodes as CP932, line for line`, () => {
			const text = wild(file);
			const d = decodeText(iconv.encode(text, 'shift_jis'));
			assert.equal(d.encoding, 'cp932', d.reason);
			assert.deepEqual(d.lines, text.replace(/\n$/, '').split('\n'));
		});

	it('the blog in Shift_JIS reads as in UTF-8: one WSB try decided by 0x80070057 (QL317)', () => {
		const d = decodeText(iconv.encode(wild('jekyll-ja-wsb-rdm-0x80780034-deviceiocontrol-0x80070057.txt'), 'shift_jis'));
		const r = analyse(d.lines.join('\n'));
		assert.deepEqual([r.attempts.length, r.attempts[0].hresult], [1, '0x80070057']);
		assert.ok(finding(r, 'QL317'));
	});

	it('negative: the Chinese issues saved as GB18030 stay GB18030', () => {
		for (const file of ['dismpp-866-zh-system-backup-0x8004230f-typo-asterisk.txt', 'dismpp-488-zh-win7-system-backup-0x8004230c-systeminfo.txt', 'azuredocs-zhtw-mars-systemstate-vss-writer-timeout-0x800423f2-table-row.txt']) {
			const d = decodeText(iconv.encode(wild(file), 'gb18030'));
			assert.equal(d.encoding, 'gb18030', `${file}: ${d.reason}`);
		}
	});
});
