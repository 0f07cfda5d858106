import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { wrapLines } from '../lib/pasteStyles';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 12 (wild29): copies of documentation and of dialogs read as what they are (sources in
// test/fixtures/wild/README.md). Windows Backup's dialog copied with Ctrl+C (`[Window Title]`, `[Main Instruction]`,
// `[Content]`: tags Windows writes in English in every display language) is the try it reports, its code from
// the dialog or from the caption just above it.

const ONK = ['onk164-ja-bootcamp-macrium-0x80042306-wsb-0x81000019-createfilew.txt', 'onk164-ja-macrium-0x80042306-createfilew-and-windows-backup-0x81000019.txt'];
const WSB = 'Windows Server Backup';

const tries = (r: Report) => JSON.stringify(r.attempts.map((a) => [a.requester, a.result, a.hresult]));

/** A dialog copy as Windows writes it: each part under its tag, blank lines between, the buttons last. */
const dialog = (title: string, instruction: string, content: string[], expanded: string[] = [], buttons = '[Close]'): string[] => [
	'[Window Title]',
	title,
	'',
	'[Main Instruction]',
	instruction,
	'',
	'[Content]',
	...content,
	'',
	buttons,
	...(expanded.length > 0 ? ['', '[Expanded Information]', ...expanded] : []),
	'',
];

describe('wild29: Windows Backup’s dialog copied as text is its try (onk164)', () => {
	for (const file of ONK)
		it(`${file}: Macrium's try (0x80042306, QL314 its cause) and Windows Backup's (0x81000019, the caption's code)`, () => {
			for (const text of [wild(file), crlf(quoted(wild(file)))]) {
				const r = analyse(text);
				assert.deepEqual(
					r.attempts.map((a) => [a.requester, a.result, a.hresult]),
					[
						['Macrium Reflect', 'failed', '0x80042306'],
						[WSB, 'failed', '0x81000019'],
					],
				);
				assert.equal(finding(r, 'QL314')?.attemptId, r.attempts[0].id, codes(r).join(','));
				const wb = r.findings.find((f) => f.code === 'QL550' && f.attemptId === r.attempts[1].id);
				assert.match(wb?.message ?? '', /shadow copy could not be created/);
				// The dialog is read by Windows Backup's reader, from its caption on.
				assert.equal(r.inputs.at(-1)?.format, 'wsb-log');
			}
		});

	it('the English dialog with its details and `Error code:` under Expanded Information: one try, the provider’s code decisive', () => {
		const text = [
			'Windows 7 backup keeps failing, this is what I get:',
			'',
			...dialog(
				'Windows Backup: Troubleshooting Options',
				'Check your backup',
				['Shadow copy could not be created. Please check "VSS" and "SPP" application event logs for more information.', 'Details: The shadow copy provider had an error. Check the System and Application event logs for more information. (0x80042306)'],
				['Error code: 0x81000019'],
				'[^] Hide details  [Close]',
			),
		].join('\n');
		for (const t of [text, crlf(quoted(text))]) {
			const r = analyse(t);
			assert.deepEqual(tries(r), JSON.stringify([[WSB, 'failed', '0x80042306']]));
			assert.ok(finding(r, 'QL401'), codes(r).join(','));
		}
	});

	it('the Japanese dialog with `エラー コード:` inside it, and the German one with `Fehlercode:` (no caption): one try each', () => {
		for (const [title, instruction, content, expanded] of [
			['Windows バックアップ: トラブルシューティング オプション', 'バックアップを確認する', 'シャドウ コピーを作成できませんでした。', 'エラー コード: 0x81000019'],
			['Windows-Sicherung: Problembehandlungsoptionen', 'Sicherung überprüfen', 'Die Schattenkopie konnte nicht erstellt werden.', 'Fehlercode: 0x81000019'],
		]) {
			const text = dialog(title, instruction, [content], [expanded], '[閉じる]').join('\n');
			for (const t of [text, crlf(text)]) {
				const r = analyse(t);
				assert.deepEqual(tries(r), JSON.stringify([[WSB, 'failed', '0x81000019']]), title);
			}
		}
	});

	it('a caption naming the code directly above a dialog without one, blank lines lost: the caption’s code', () => {
		const text = ['My Windows Backup fails with 0x81000019', '[Window Title]', 'Windows Backup: Troubleshooting Options', '[Main Instruction]', 'Check your backup', '[Content]', 'Shadow copy could not be created.'].join('\n');
		const r = analyse(text);
		assert.deepEqual(tries(r), JSON.stringify([[WSB, 'failed', '0x81000019']]));
	});

	it('two dialog copies (two runs) are two tries', () => {
		const text = [
			'First run:',
			...dialog('Windows Backup: Troubleshooting Options', 'Check your backup', ['Shadow copy could not be created.'], ['Error code: 0x81000019']),
			'Second run, a week later:',
			...dialog('Windows Backup: Troubleshooting Options', 'Check your backup', ['The backup did not complete successfully.'], ['Error code: 0x8100002F']),
		].join('\n');
		assert.deepEqual(
			analyse(text).attempts.map((a) => [a.requester, a.hresult]),
			[
				[WSB, '0x81000019'],
				[WSB, '0x8100002F'],
			],
		);
	});

	it('negatives: a dialog with no code makes no try; another program’s dialog with a VSS code is not Windows Backup’s', () => {
		const bare = dialog('Windows Backup: Troubleshooting Options', 'Check your backup', ['Shadow copy could not be created.']).join('\n');
		assert.equal(analyse(bare).attempts.length, 0);
		const restore = dialog('System Restore', 'System Restore did not complete successfully.', ['An unspecified error occurred during System Restore. (0x80042306)']).join('\n');
		const r = analyse(restore);
		assert.equal(r.attempts.length, 1);
		assert.notEqual(r.attempts[0].requester, WSB);
	});
});

// Documentation read as what it is: a page laid out with headings over paragraphs (a KB article, a vendor's page)
// whose codes are in its sentences or headings, or a table of codes, is no run: no try, and its findings explain
// the codes at information level. A person's post telling one failure, or a page quoting a log line, keeps its try.

const KB_EN = 'mskb976461-vss-writer-dependency-no-local-components-0x80042301.txt';
const KB_JA = 'mskb-ja-978773-vss-restore-0x80042409-writer-session-state.txt';
const KB_JA_BACKUP = 'mskb-ja-win7-backup-reparse-point-library-0x80070001-0x81000037.txt';

/** The re-pastings a page meets: quoted with CRLF, hard-wrapped by a mail client (by columns, and by characters at spaces). */
const pastings = (text: string): string[] => {
	const lines = text.split('\n');
	return [text, crlf(quoted(text)), ...[72, 76].flatMap((w) => [wrapLines(lines, w).join('\n'), wrapLines(lines, w, 'characters').join('\n')])];
};
const explained = (r: Report) => r.findings.map((f) => [f.severity, f.code, f.hresult]);

describe('wild29: a KB page naming codes in its sentences and headings is no run', () => {
	it('KB 976461 (Symptoms, Cause, Resolution; the code alone under “you receive the following error code:” and in the Cause’s sentence): no try, explained', () => {
		for (const text of pastings(wild(KB_EN))) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0, tries(r));
			assert.deepEqual(explained(r), [['info', 'QL550', '0x80042301']]);
			assert.match(r.findings[0].title, /^The text explains VSS_E_BAD_STATE \(0x80042301\)$/);
		}
		// Its headings as Markdown's, and in Japanese words: the same.
		const md = wild(KB_EN).replace(/^(Symptoms|Cause|Resolution)$/gm, '## $1');
		assert.equal(analyse(md).attempts.length, 0);
		assert.match(analyse(wild(KB_EN), 'ja').findings[0].title, /^本文は VSS_E_BAD_STATE \(0x80042301\) を説明しています$/);
	});

	it('a Japanese KB (its title naming 0x80042409 over 現象 and 原因): no try, the code explained', () => {
		for (const text of pastings(wild(KB_JA))) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0, tries(r));
			assert.deepEqual(explained(r), [['info', 'QL550', '0x80042409']]);
		}
	});

	it('the Japanese Windows 7 Backup KB (wild22’s; its problem headings name the codes): no try however it is wrapped', () => {
		for (const text of pastings(wild(KB_JA_BACKUP))) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0, tries(r));
			assert.ok(r.findings.length === 2 && r.findings.every((f) => f.severity === 'info'), JSON.stringify(explained(r)));
		}
	});

	it('a table of codes (wild27’s) explains at information level too', () => {
		const r = analyse(wild('msfsrvp-2-2-4-error-codes-table-one-cell-per-line.txt'));
		assert.equal(r.attempts.length, 0);
		assert.ok(r.findings.length > 0 && r.findings.every((f) => f.severity === 'info'), JSON.stringify(explained(r)));
	});
});

describe('wild29: a person’s run told in sentences keeps its try (negatives)', () => {
	it('a Japanese blog quoting Windows 7 Backup’s message (0x800704C8): one failed try', () => {
		for (const text of [wild('uzla-ja-win7-backup-0x800704c8-user-mapped-section.txt'), crlf(quoted(wild('uzla-ja-win7-backup-0x800704c8-user-mapped-section.txt')))]) {
			const r = analyse(text);
			assert.deepEqual(tries(r), JSON.stringify([[null, 'failed', '0x800704C8']]));
			assert.equal(r.findings[0].severity, 'error');
		}
	});

	it('a blog telling a WSB failure in its sentence, with vssadmin’s listing: one failed try, the Hyper-V writer [8]', () => {
		const r = analyse(wild('gilkirkpatrick-wsb-0x800423f0-hyperv-writer-inconsistent-shadow-copy.txt'));
		assert.deepEqual(tries(r), JSON.stringify([[null, 'failed', '0x800423F0']]));
		assert.ok(
			r.findings.some((f) => f.code === 'QL201' && f.severity === 'error' && f.title.includes('[8]')),
			codes(r).join(','),
		);
	});

	it('a forum post: one sentence quoting the code, a post with headings that asks, a page quoting a log line: each one try', () => {
		const post = 'My backup failed with 0x80042306 last night, the second time this week.\n';
		const asks = [
			'Environment',
			'Windows Server 2019 with the latest updates, backups to a NAS every night.',
			'',
			'Problem',
			'Since Monday my backup fails with 0x80042306 after a few minutes.',
			'Has anyone seen this before and found what causes it?',
			'',
		].join('\n');
		const log = [
			'Symptoms',
			'The backup stops after a few seconds and the agent log shows the following lines.',
			'INFO: VSS: ERROR: - Returned HRESULT = 0x80042306',
			'',
			'Cause',
			'The provider refused to create the snapshot, as the log above shows.',
			'',
		].join('\n');
		for (const text of [post, asks, log]) {
			const r = analyse(text);
			assert.deepEqual(
				r.attempts.map((a) => [a.result, a.hresult]),
				[['failed', '0x80042306']],
				text,
			);
			assert.ok(r.findings.some((f) => f.severity === 'error'));
		}
	});
});
