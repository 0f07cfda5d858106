import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
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
