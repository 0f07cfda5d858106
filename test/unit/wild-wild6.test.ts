import * as assert from 'assert/strict';
import { analyse, codes, crlf, quoted, wild } from '../lib/wildText';

// Backup products' own lines as people paste them (session 7, test/fixtures/wild/README.md names each source):
// each excerpt as published, then variants of what a paste does to the same shape, and a negative.

const DPM = 'System Center DPM';

describe("wild6: System Center DPM named by its alert id, the code in the id's details", () => {
	const KB = 'mskb2462424-dpm-30112-0x800423f3-iscsi-hw-provider-autorecovery.txt';

	it("KB 2462424: DPM's 30112 alert and VMMS's event are one DPM attempt; the finding reads the id", () => {
		const r = analyse(wild(KB));
		const a = r.attempts.find((x) => x.requester === DPM);
		assert.ok(a, 'a DPM attempt');
		assert.equal(a.hresult, '0x800423F3');
		assert.equal(a.result, 'failed');
		assert.ok(
			a.events.some((e) => /Hyper-V-VMMS/.test(e.text)),
			"VMMS's event is the same try",
		);
		const f = r.findings.find((x) => x.code === 'QL550' && x.attemptId === a.id);
		assert.match(f?.title ?? '', /^System Center DPM reported the backup failed: VSS_E_WRITERERROR_RETRYABLE/);
		assert.match(f!.message, /DPM ID 30112: .*autorecovery/);
	});

	it('the alert quoted in Markdown with CRLF, in a Japanese report: the same requester, code and id', () => {
		const alert = 'Description: DPM encountered a retryable VSS error. (ID 30112 Details: VssError:The writer experienced a transient error. If the backup process is retried, the error may not reoccur.  (0x800423F3))';
		const r = analyse(crlf(quoted(alert)), 'ja');
		assert.equal(r.attempts.length, 1);
		assert.deepEqual([r.attempts[0].requester, r.attempts[0].hresult], [DPM, '0x800423F3']);
		assert.match(r.findings[0].message, /DPM ID 30112: DPM: 保護対象コンピューターで再試行可能な VSS エラー/);
	});

	it("a German console's 30111 with `ID: Details:` and the code wrapped to the next line: DPM, 0x80042308, SQLWRITER 24581 the writer's side", () => {
		const r = analyse(wild('eidolf-de-dpm-30111-0x80042308-sqlwriter-24581.txt'));
		assert.equal(r.attempts.length, 1);
		assert.deepEqual([r.attempts[0].requester, r.attempts[0].hresult], [DPM, '0x80042308']);
		assert.deepEqual(codes(r), ['QL208', 'QL550']);
		assert.match(r.findings.find((f) => f.code === 'QL550')!.message, /DPM ID 30111: DPM: the VSS writer of the application or the VSS provider/);
	});

	it('the id ending a wrapped line, `VssError:` and the code on the two lines after it: one DPM attempt', () => {
		const r = analyse(wild('eidolf-de-dpm-30111-0x800423f4-wrapped-no-details.txt'));
		assert.equal(r.attempts.length, 1);
		assert.deepEqual([r.attempts[0].requester, r.attempts[0].hresult], [DPM, '0x800423F4']);
		assert.match(r.findings[0].title, /^System Center DPM reported the backup failed: VSS_E_WRITERERROR_NONRETRYABLE/);
	});

	it("a Japanese console's own word for Details, re-wrapped and quoted: the same DPM reading", () => {
		const ja = [
			'アプリケーションの VSS ライターまたは VSS プロバイダーの状態が正しくありません。(ID 30111 詳細: VssError:ライターで一時的でないエラーが発生しました。',
			'バックアップ処理を再試行すると、エラーが再発する可能性があります。 (0x800423F4))',
		].join('\n');
		const r = analyse(quoted(ja), 'ja');
		assert.deepEqual([r.attempts[0]?.requester, r.attempts[0]?.hresult], [DPM, '0x800423F4']);
	});

	it("30229: WSB's event and code on the lines above DPM's id are DPM's one try; DPM's internal code is no HRESULT", () => {
		const r = analyse(wild('eidolf-de-dpm-30229-wsb-521-0x807800a1-asr-writer.txt'));
		const a = r.attempts.find((x) => x.requester === DPM);
		assert.ok(a);
		// WSB's 0x807800A1 only says the shadow copy failed; the ASR Writer's 0x80070001 of the same try says why (wild12).
		assert.equal(a.hresult, '0x80070001');
		assert.ok(!r.attempts.some((x) => x.hresult === '0x809909FB'), 'the internal code is not read as a result');
		const titles = r.findings.filter((f) => f.code === 'QL550').map((f) => f.title);
		// The WSB code DPM quotes is Windows Server Backup's own (0x8078…, wild15); it only says the shadow copy failed.
		assert.deepEqual(titles.sort(), ['System Center DPM reported the backup failed: DPM ID 30229', 'Windows Server Backup reported the backup failed: 0x807800A1']);
		assert.equal(r.findings.find((f) => f.title.endsWith('0x807800A1'))?.severity, 'info');
	});

	it("KB 4512842: DPM's 30229 and WSB's event 5 on the protected server; WSB's 0x8078015B read (the share, the SMB time-out)", () => {
		const r = analyse(wild('mskb4512842-dpm-bmr-30229-wsb-517-0x8078015b-smb-latency.txt'));
		assert.equal(r.attempts.length, 1, "DPM's alert and the protected server's WSB event are one try");
		assert.deepEqual([r.attempts[0].requester, r.attempts[0].hresult], [DPM, '0x8078015B']);
		const wsb = r.findings.find((f) => f.code === 'QL306');
		assert.equal(wsb?.hresult, '0x8078015B');
		assert.match(wsb!.message, /event 5 .*remote shared folder.*SMB time-out/s);
		const dpm = r.findings.find((f) => f.code === 'QL550');
		assert.match(dpm?.title ?? '', /DPM ID 30229$/);
		assert.match(dpm!.fix, /Microsoft-Windows-Backup log/);
	});

	it("negative: two WSB failures of other VMs beside the DPM alert: nothing says which was DPM's, they stay apart", () => {
		const wsb = (vm: string, code: string) =>
			[
				'Log Name: Microsoft-Windows-Backup',
				'Source: Microsoft-Windows-Backup',
				'Event ID: 5',
				'Level: Error',
				`Computer: ${vm}`,
				'Description:',
				`The backup operation that started at '2026-12-01T02:00:00' has failed with following error code '${code}' (Windows Backup encountered an error.).`,
			].join('\n');
		const alert = 'DPM cannot create a backup because Windows Server Backup (WSB) on the protected computer encountered an error (WSB Event ID: 517, WSB Error Code: 0x6B48C3A0). (ID 30229 Details: Internal error code: 0x80990ED0)';
		const r = analyse([alert, '', wsb('SRV1', '0x8078015B'), '', 'Between the two, the other server:', '', wsb('SRV2', '0x807800C5')].join('\n'));
		assert.ok(r.attempts.some((a) => a.requester === DPM && a.hresult === null));
	});

	it('the WSB event alone, in Japanese: QL306 with the code read in Japanese', () => {
		const event = [
			'Log Name: Microsoft-Windows-Backup',
			'Source: Microsoft-Windows-Backup',
			'Event ID: 5',
			'Level: Error',
			'Description:',
			"The backup operation that started at '2026-12-01T02:00:00' has failed with following error code '0x8078015B' (Windows Backup encountered an error when accessing the remote shared folder.).",
		].join('\r\n');
		const r = analyse(event, 'ja');
		const f = r.findings.find((x) => x.code === 'QL306');
		assert.match(f?.message ?? '', /リモートの共有フォルダー/);
	});

	it("KB 2549533: the CSV is another backup's (0x8007173D, DPM's errlog lines the same try) and the cluster resource lost (0x8007138F)", () => {
		const r = analyse(wild('mskb2549533-dpm-csv-32612-0x8007173d-backup-in-progress.txt'));
		assert.deepEqual(
			r.attempts.map((a) => [a.requester, a.hresult]),
			[
				[DPM, '0x8007173D'],
				[DPM, '0x8007138F'],
			],
		);
		const csv = r.findings.find((f) => f.hresult === '0x8007173D');
		assert.match(csv?.title ?? '', /ERROR_CLUSTER_BACKUP_IN_PROGRESS/);
		assert.match(csv!.fix, /CsvMaxRetryAttempt/);
		assert.match(csv!.message, /DPM ID 32612: DPM: the Cluster Shared Volume could not be prepared/);
		assert.ok(
			csv!.evidence.some((e) => /DPMRACurr\.errlog/.test(e.text)),
			"the agent's errlog line is the same failure",
		);
	});

	it("KB 971411: DPM's two-digit ids (agent communication) are DPM's too; the RPC and socket codes say the agent was not reached", () => {
		const r = analyse(wild('mskb971411-dpm-agent-communication-ids-42-308-52-43.txt'));
		// The KB lists the alerts one may receive under its headings: a page, no try (session 12, wild29); each explained.
		assert.equal(r.attempts.length, 0);
		assert.ok(r.findings.every((f) => f.severity === 'info'));
		const rpc = r.findings.find((f) => f.hresult === '0x800706BA');
		assert.match(rpc?.title ?? '', /RPC_S_SERVER_UNAVAILABLE/);
		assert.match(rpc!.fix, /agent on the protected machine/);
		assert.match(r.findings.find((f) => f.hresult === '0x80070079')?.fix ?? '', /KB 971411/);
	});

	it('negative: a DPM id line without a code, three lines before an unrelated code, names nothing', () => {
		const text = ['The job failed.(ID 30111', 'see the log', 'more text', 'Snapshot failed on volume E: with hr = 0x80042313'].join('\n');
		const r = analyse(text);
		assert.equal(r.attempts[0].requester, null);
	});

	it('negative: a process id in parentheses is no DPM alert', () => {
		const r = analyse('Backup agent (ID 4242) stopped: hr = 0x80042306');
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].requester, null);
	});
});

describe("wild6: System Center's internal error codes are the product's own, not the failure's HRESULT", () => {
	const FILE = 'mskb2019392-vmm-p2v-13243-vss-8193-convertstringsidtosid.txt';

	it("KB 2019392: VMM's job error and VSS 8193 are one try; its code is the event's, QL315 (the writer it names) still says why", () => {
		const r = analyse(wild(FILE));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x80070539');
		assert.deepEqual(codes(r), ['QL315', 'QL550']);
		assert.match(r.findings.find((f) => f.code === 'QL315')!.fix, /ProfileList/);
	});

	it('the job error after the event, CRLF, quoted: the same one attempt', () => {
		const [job, event] = wild(FILE).split('**Event in Application event log on the source machine**');
		const r = analyse(crlf(`${event}\n\n${quoted(job)}`));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x80070539');
	});

	it('negative: an internal code beside a Windows code leaves the Windows code decisive; alone it is no HRESULT', () => {
		assert.equal(analyse('Job failed (Internal error code: 0x809933BB) hr = 0x80070005').attempts[0].hresult, '0x80070005');
		assert.equal(analyse('Job failed (Internal error code: 0x809933BB)').attempts[0].hresult, null);
	});
});

describe("wild6: Backup Exec's Hyper-V recovery checkpoint codes", () => {
	it('Veritas 100031826: both codes with their meaning and the fix the KB gives (the leftover checkpoint, the VMMS log)', () => {
		const r = analyse(wild('veritas-100031826-be-hyperv-checkpoint-0xa000971e-umi-v79-40960-38686.txt'));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].requester, 'Veritas Backup Exec');
		const leftover = r.findings.find((f) => f.title.endsWith('0xA000971E'));
		assert.match(leftover?.message ?? '', /another recovery checkpoint exists/);
		assert.match(leftover!.fix, /Remove-VMSnapshot/);
		assert.match(r.findings.find((f) => f.title.endsWith('0xA0009723'))?.fix ?? '', /Hyper-V-VMMS Admin log/);
	});

	it('the UMI alone, in a Japanese report: the code it spells, with its Japanese meaning', () => {
		const r = analyse('UMI コード: V-79-40960-38686', 'ja');
		assert.match(r.findings[0]?.message ?? '', /別の回復チェックポイント/);
	});
});

describe('wild6: a .NET exception a VSS call threw, by the HRESULT of its type', () => {
	const FILE = 'duplicati-638-alphavss-unauthorizedaccess-createvssbackupcomponents.txt';

	it('Duplicati 638: UnauthorizedAccessException from VssBackupComponents is E_ACCESSDENIED; no longer "no problem found"', () => {
		const r = analyse(wild(FILE));
		assert.equal(r.attempts.length, 1);
		assert.deepEqual([r.attempts[0].result, r.attempts[0].hresult], ['failed', '0x80070005']);
		assert.match(r.findings[0].message, /printed as System\.UnauthorizedAccessException/);
	});

	it('a German stack (`bei`), CRLF, quoted: the same code', () => {
		const de = [
			'System.UnauthorizedAccessException: Es wurde versucht, einen nicht autorisierten Vorgang auszuführen.',
			'   bei Alphaleonis.Win32.Vss.VssBackupComponents..ctor()',
			'   bei Duplicati.Library.Snapshots.WindowsSnapshot..ctor(String[] sourcepaths)',
		].join('\n');
		assert.equal(analyse(crlf(quoted(de))).attempts[0]?.hresult, '0x80070005');
	});

	it('negative: the same exception from a file read, or a VSS frame three lines later, is no VSS failure', () => {
		const file = ['System.UnauthorizedAccessException: Access to the path is denied.', '   at System.IO.FileStream.Init(String path)'].join('\n');
		assert.equal(analyse(file).attempts.length, 0);
		const far = ['System.UnauthorizedAccessException: Access to the path is denied.', '   at A.B()', '   at C.D()', '   at E.F()', '   at Alphaleonis.Win32.Vss.VssBackupComponents..ctor()'].join('\n');
		assert.equal(analyse(far).attempts.length, 0);
	});
});

describe("wild6: other products' pasted lines already read right", () => {
	it("Bareos fd's writers with invalid state (a German success text in ERR=): QL570 names both writers [7]", () => {
		const r = analyse(wild('bareos-1923-de-vss-writer-invalid-state-vetoed.txt'));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].requester, 'Bacula / Bareos');
		const f = r.findings.find((x) => x.code === 'QL570');
		assert.deepEqual(f?.writers.sort(), ['MSSearch Service Writer', 'Shadow Copy Optimization Writer']);
		assert.match(f!.message, /\[7\] VSS_WS_FAILED_AT_PREPARE_BACKUP/);
	});

	it('Veeam Agent for Windows: the retry line and the final error cut mid-word are one provider veto', () => {
		const r = analyse(wild('atlas-1315-veeam-agent-retrying-shadow-copies-commit-0x80042306.txt'));
		assert.equal(r.attempts.length, 1);
		assert.deepEqual([r.attempts[0].requester, r.attempts[0].hresult], ['Veeam Backup & Replication', '0x80042306']);
		assert.deepEqual(codes(r), ['QL401', 'QL550']);
	});

	it("VSSTester's writer block, one field a paragraph: Exchange writer [8] not responding", () => {
		const r = analyse(wild('css-exchange-2093-vsstester-exchange-writer-8-not-responding.txt'));
		const f = r.findings.find((x) => x.code === 'QL201');
		assert.match(f?.title ?? '', /Microsoft Exchange Writer .*state \[8\]/);
		assert.match(f!.fix, /MSExchangeRepl/);
	});

	it("Macrium Reflect's log: the retry without writers and BackupComplete's BAD_STATE are one try, another snapshot in progress", () => {
		const r = analyse(wild('qbittorrent-13102-macrium-snapshot-set-in-progress-retrying-without-writers.txt'));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x80042316');
		assert.deepEqual(codes(r), ['QL550']);
		assert.match(r.findings[0].fix, /schedule them apart/);
	});

	it("AlphaVSS's VssUnexpectedProviderErrorException from IsVolumeSupported: the provider's unexpected error", () => {
		const r = analyse(wild('duplicati-1248-alphavss-unexpected-provider-error-isvolumesupported.txt'));
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x8004230F');
		assert.deepEqual(codes(r), ['QL401', 'QL550']);
	});

	for (const [file, code, fix] of [
		['docs-veeam-hot-backup-admin-share-win32-53.txt', /Win32 53 ERROR_BAD_NETPATH/, /File and Printer Sharing/],
		['emergingit-veeam-hot-backup-admin-share-locked-out-1909.txt', /Win32 1909 ERROR_ACCOUNT_LOCKED_OUT/, /unlock/],
	] as const)
		it(`Veeam guest processing could not reach the guest (${file}): QL560, no VSS failure`, () => {
			const r = analyse(wild(file));
			assert.deepEqual(codes(r), ['QL560']);
			assert.match(r.findings[0].title, code);
			assert.match(r.findings[0].fix, fix);
		});
});
