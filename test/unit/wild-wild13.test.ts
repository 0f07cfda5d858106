import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';
import { ROOT } from './readFixture';

// Session 9 (wild13): gaps the session-8 helpers saw and left — the host's CBT failure behind
// msg.snapshot.error-QUIESCINGERROR, `<br>`-ended lines, writer blocks with placeholder ids, a stable writer
// whose last error is an earlier failure, `[snip]` markers inside one text, an e-mail header above an export —
// and new excerpts of the same shapes (test/fixtures/wild/README.md names each source), with their variants.

const formatSample = (file: string) => fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'formats', file), 'utf8');
/** What a user sees of a reading, as the paste-variants property compares it. */
const seen = (r: Report) => ({
	attempts: r.attempts.map((a) => `${a.result} ${a.quiesced} ${a.hresult ?? '-'}`),
	failed: r.writers
		.filter((w) => w.failed)
		.map((w) => `${w.name} [${w.stateCode}]`)
		.sort(),
	codes: codes(r),
});

describe('wild13: KB 2114076 — changed block tracking out of memory behind QUIESCINGERROR', () => {
	const OPVIZOR = wild('opvizor-kb2114076-cbt-no-memory-quiescingerror.txt');
	const CBT_LINE = 'DISKLIB-CBT   : Creating cbt node 92b78c-cbt failed with error Cannot allocate memory (0xbad0014, Out of memory)';
	const vmwareLog = (cbt: string) =>
		[
			"2015-05-20T08:00:01.000Z| vmx| I120: SnapshotVMX_TakeSnapshot start: 'backup', deviceState=0, lazy=0, logging=0, quiesced=1, forceNative=0, tryNative=1, sibling=0 saveAllocMaps=0 cb=1E9B3D0, cbData=32724A60",
			'2015-05-20T08:00:01.010Z| vcpu-0| I120: ToolsBackup: changing quiesce state: IDLE -> STARTED',
			'2015-05-20T08:00:03.500Z| vcpu-0| I120: ToolsBackup: changing quiesce state: STARTED -> COMMITTED',
			`2015-05-20T08:00:03.600Z| vcpu-0| I120: ${cbt}`,
			'2015-05-20T08:00:03.700Z| vmx| I120: SnapshotVMXTakeSnapshotComplete: Snapshot 0 failed: An error occurred while taking a snapshot: msg.snapshot.error-QUIESCINGERROR (5).',
		].join('\n');

	it("the retold KB: one failed quiesced try, QL116 names the host's CBT out of memory, the patch and the KB; no guest VSS advice", () => {
		for (const text of [OPVIZOR, crlf(quoted(OPVIZOR))]) {
			const r = analyse(text);
			assert.deepEqual(seen(r).attempts, ['failed true -']);
			assert.deepEqual(codes(r), ['QL116']);
			const f = finding(r, 'QL116')!;
			assert.equal(f.attemptId, r.attempts[0].id);
			assert.match(f.message, /0xbad0014 \(Out of memory\)/);
			assert.match(f.fix, /ESXi600-201505001/);
			assert.ok(f.kb.some((k) => k.id === 'VMware KB 2114076'));
			assert.ok(f.evidence.some((e) => e.text.includes('DISKLIB-CBT')));
		}
	});

	it("the same line in a host's own vmware.log joins the stamped try; in Japanese the finding's words change, not the reading", () => {
		const r = analyse(vmwareLog(CBT_LINE));
		assert.equal(r.attempts.length, 1);
		assert.equal(finding(r, 'QL116')?.attemptId, r.attempts[0].id);
		assert.equal(r.attempts[0].result, 'failed');
		const ja = analyse(vmwareLog(CBT_LINE), 'ja');
		assert.match(finding(ja, 'QL116')?.title ?? '', /変更ブロック追跡/);
	});

	it('another VMkernel status from the CTK module: QL116 without the ESXi 6.0 patch or its KB; a CBT line with no status is no failure', () => {
		const r = analyse(vmwareLog('DISKLIB-CTK   : Could not open change tracking file "/vmfs/volumes/ds1/vm/vm-ctk.vmdk": (0xbad0003, Not found)'));
		const f = finding(r, 'QL116')!;
		assert.match(f.title, /0xbad0003/);
		assert.doesNotMatch(f.fix, /ESXi600-201505001/);
		assert.ok(!f.kb.some((k) => k.id === 'VMware KB 2114076'));
		assert.equal(finding(analyse(vmwareLog('DISKLIB-CBT   : Initializing ESX kernel change tracking for fid 3917959.')), 'QL116'), undefined);
	});
});

describe('wild13: a Markdown page whose quoted event lines end with <br>', () => {
	const NTDS = wild('mslearn-ntds-8229-postsnapshot-br-tags-bitlocker-fence-error.txt');

	it("the 8229 and NTDS's [11] are one try of 0x800423F4: QL206 (PostSnapshot veto) beside QL201", () => {
		for (const text of [NTDS, crlf(NTDS), NTDS.replace(/<br>/g, '<br />'), NTDS.replace(/<br>/g, '<BR/>')]) {
			const r = analyse(text);
			assert.deepEqual(seen(r), { attempts: ['failed null 0x800423F4'], failed: ['NTDS [11]'], codes: ['QL201', 'QL206'] });
			assert.match(finding(r, 'QL206')!.title, /PostSnapshot/);
		}
	});

	it("Error Lookup's output under the listing (`# for hex 0xc0210000 / decimal …`) is a code looked up, no second try", () => {
		const r = analyse(NTDS);
		assert.ok(!r.attempts.some((a) => a.hresult === '0xC0210000'));
	});
});

describe('wild13: writer blocks with placeholder ids, and a stable writer whose last error is a failure', () => {
	const KB = wild('mskb4037535-exchange-dag-passive-retryable-betest-msexchangerepl-2153.txt');
	const block = (id: string, instance: string, state = '[1] Stable', error = 'Retryable error') =>
		[`Writer name: 'Microsoft Exchange Writer'`, `   Writer Id: ${id}`, `   Writer Instance Id: ${instance}`, `   State: ${state}`, `   Last error: ${error}`].join('\n');

	it("KB 4037535: the template's writer is read ([1], last error 0x800423F3), said to be a template; QL209 beside QL208 and BETEST's code", () => {
		const r = analyse(KB);
		assert.deepEqual(
			r.writers.map((w) => [w.name, w.stateCode, w.writerId, w.lastErrorHresult]),
			[['Microsoft Exchange Writer', 1, null, '0x800423F3']],
		);
		assert.ok(r.inputs.some((i) => i.problems.some((p) => /placeholders/.test(p))));
		assert.deepEqual(codes(r), ['QL208', 'QL209', 'QL550']);
		assert.equal(r.attempts[0].hresult, '0x800423F3');
		const f = finding(r, 'QL209')!;
		assert.equal(f.severity, 'warning');
		assert.match(f.message, /asked to be retried/);
		assert.match(f.fix, /Restart-Service -Name MSExchangeRepl/);
	});

	it('placeholders of any spelling: `{GUID}`, `<writer-id>`, `WriterId`; a real GUID beside one; Japanese labels', () => {
		for (const [id, instance] of [
			['{GUID}', '{GUID}'],
			['<writer-id>', '<writer-instance-id>'],
			['{76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}', 'WriterInstanceId'],
			['{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}', '{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}'],
		]) {
			const r = analyse(`The listing looks like this:\n\n${block(id, instance, '[8] Failed')}\n`);
			assert.deepEqual(seen(r).failed, ['Microsoft Exchange Writer [8]'], `${id} / ${instance}`);
		}
		const ja = ["ライター名: 'Microsoft Exchange Writer'", '   ライター Id: {GUID}', '   ライター インスタンス Id: {GUID}', '   状態: [9] 失敗', '   最後のエラー: タイムアウト'].join('\n');
		assert.deepEqual(seen(analyse(ja)).failed, ['Microsoft Exchange Writer [9]']);
	});

	it('a provider block is no writer block with placeholders; a word value after a name is none without the state', () => {
		const providers = ["Provider name: 'Microsoft Software Shadow Copy provider 1.0'", '   Provider type: System', '   Provider Id: {b5946137-7b9f-4925-af80-51abd60b20d5}', '   Version: 1.0.0.7'].join('\n');
		const r = analyse(providers);
		assert.equal(r.writers.length, 0);
		assert.equal(r.providers.length, 1);
	});

	it("QL209 by the error's code or constant, not its words; 'No error' of every stable writer is none", () => {
		const GUIDS = ['{76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}', '{0798db2b-6d29-5075-89a3-014e629ad9d2}'] as const;
		const stated = analyse(block(...GUIDS, '[1] Stable', '0x800423f3'));
		assert.equal(finding(stated, 'QL209')?.hresult, '0x800423F3');
		const named = analyse(block(...GUIDS, '[1] Stable', 'Fehler VSS_E_WRITERERROR_RETRYABLE'));
		assert.equal(finding(named, 'QL209')?.hresult, '0x800423F3');
		// The Japanese text the table knows: one stable writer is not the listing's no-error text.
		assert.equal(finding(analyse(block(...GUIDS, '[1] Stable', '再試行可能なエラー')), 'QL209')?.hresult, '0x800423F3');
		const other = (n: string) => block(...GUIDS, '[1] Stable', 'No error').replace('Microsoft Exchange Writer', n);
		const clean = [other('System Writer'), other('Registry Writer'), other('WMI Writer')].join('\n\n');
		assert.equal(finding(analyse(clean), 'QL209'), undefined);
		const oneFailedBefore = [clean, block(...GUIDS)].join('\n\n');
		assert.deepEqual(finding(analyse(oneFailedBefore), 'QL209')?.writers, ['Microsoft Exchange Writer']);
	});
});

describe('wild13: a marker of lines left out inside one text keeps it one text', () => {
	const XML = formatSample('windows/wevtutil-vss-application.xml');
	const middle = (text: string, marker: string) => {
		const lines = text.split('\n');
		const at = lines.findIndex((l) => l.includes('Operation:'));
		return [...lines.slice(0, at), marker, ...lines.slice(at)].join('\n');
	};

	it('an XML event cut by `[snip]`, `...`, `<snip>`, `-- snip --` or `... (truncated) ...` reads as the whole', () => {
		const whole = seen(analyse(XML));
		for (const marker of ['[snip]', '...', '<snip>', '-- snip --', '... (truncated) ...', '[...]', '[省略]']) assert.deepEqual(seen(analyse(middle(XML, marker))), whole, marker);
	});

	it('a writer listing with a marker between its blocks, under a sentence and above an event: one listing of three writers', () => {
		const w = (name: string, state: string) => [`Writer name: '${name}'`, '   Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}', '   Writer Instance Id: {7848396d-00b1-47cd-8ba9-769b7ce402d2}', `   State: ${state}`, '   Last error: No error'].join('\n');
		for (const marker of ['[snip]', '<snip>', '-- snip --']) {
			const text = ['Writers on the server:', '', w('Task Scheduler Writer', '[1] Stable'), marker, w('System Writer', '[8] Failed'), '', w('WMI Writer', '[1] Stable')].join('\n');
			const r = analyse(text);
			assert.equal(r.writers.length, 3, marker);
			assert.deepEqual(seen(r).failed, ['System Writer [8]']);
		}
	});
});

describe("wild13: a mail client's header above an export is not the text", () => {
	const XML = formatSample('windows/wevtutil-vss-application.xml');
	const CSV = formatSample('windows/get-winevent-export-csv.csv');
	const HEADERS = [
		['-----Original Message-----', 'From: Support Desk <support@example.com>', 'Sent: Monday, March 3, 2025 10:22 AM', 'To: Backup Admins <backup@example.com>', 'Subject: RE: snapshot failed again'],
		['-----Ursprüngliche Nachricht-----', 'Von: Support <support@example.de>', 'Gesendet: Montag, 3. März 2025 10:22', 'An: Backup-Team', 'Betreff: AW: Sicherung fehlgeschlagen'],
		['________________________________', '差出人: サポート', '送信日時: 2025年3月3日 10:22', '宛先: バックアップ担当', '件名: RE: スナップショット失敗'],
		['From: ***@***.***', 'Date: Mon, 3 Mar 2025 10:22:01 +0100', 'To: backup@example.com', 'Subject: Re: [org/repo] VSS fails (#12)'],
	];

	it('XML and CSV exports under an Outlook, German, Japanese or masked GitHub header read as without it', () => {
		for (const text of [XML, CSV]) {
			const whole = seen(analyse(text));
			for (const header of HEADERS) {
				const r = analyse(crlf([...header, '', text].join('\n')));
				assert.deepEqual(seen(r), whole, header[1]);
			}
		}
	});
});

describe('wild13: new excerpts of the same shapes', () => {
	it("virtuallyhyper: ESXi 5.0's level-less vmware.log lines, tab-indented with hard breaks: read, a 4.2 s unstun, no failure", () => {
		const text = wild('virtuallyhyper-consolidation-disklib-cbt-unstun-4s-tab-hardbreaks.txt');
		for (const t of [text, crlf(text), quoted(text)]) {
			const r = analyse(t);
			assert.deepEqual(
				r.inputs.map((i) => i.format),
				['vmware-log'],
			);
			assert.deepEqual(codes(r), []);
			assert.equal(r.attempts.length, 0);
		}
	});

	it("lanyon's post: WMI's [7] read by its number whatever its words, the edited state lines said (QL316)", () => {
		const r = analyse(wild('lanyon-post-vss-writers-before-after-pre-code-bat-fences.txt'));
		assert.ok(seen(r).failed.includes('WMI Writer [7]'));
		assert.ok(!seen(r).failed.some((w) => w.startsWith('System Writer')), "System Writer's `[1] Failed` is [1]");
		assert.ok(r.findings.some((f) => f.code === 'QL316' && f.title.startsWith('System Writer')));
	});

	it('a Hyper-V export failing for want of space under a mail subject: QL550 names ERROR_DISK_FULL and its fix', () => {
		const r = analyse(wild('hyperv-backup-utility-27-email-subject-successful-export-disk-full-it.txt'));
		assert.deepEqual(seen(r).attempts, ['failed null 0x80070070']);
		const f = finding(r, 'QL550')!;
		assert.match(f.title, /ERROR_DISK_FULL/);
		assert.match(f.fix, /^1\. Free space/);
		assert.match(finding(analyse(wild('hyperv-backup-utility-27-email-subject-successful-export-disk-full-it.txt'), 'ja'), 'QL550')!.message, /空き領域/);
	});

	it('texts with nothing to fix read so: a mail reply over restic’s access errors, E_INVALIDARG in prose, a module’s help of stable writers', () => {
		for (const file of ['restic-windows-backup-119-email-reply-svi-get-ea-access-denied.txt', 'breeze-2999-initializeforbackup-e-invalidarg-writers-two-columns.txt', 'poshfunctions-doc-vssadmin-writers-format-list-table-escaped.txt']) {
			const r = analyse(wild(file));
			assert.deepEqual([codes(r), r.attempts.length], [[], 0], file);
		}
	});
});
