import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { analyzeAsync } from '../../src/core';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, wild } from '../lib/wildText';

// Session 6 (wild5): real published excerpts in other display languages (test/fixtures/wild/README.md names
// each source), and variants of their shapes: quoted, re-wrapped, another language, CRLF, Shift_JIS.

const formats = (r: Report) => r.inputs.map((i) => i.format);

/** Analyses `text` written to a temporary file in `encoding` (the bytes a user's export holds). */
async function analyseEncoded(text: string, encoding: string): Promise<Report> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-wild5-'));
	try {
		const file = path.join(dir, 'export.txt');
		fs.writeFileSync(file, iconv.encode(text, encoding));
		return await analyzeAsync([file]);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

describe('wild5: VSS 12289 removing an abandoned writer session (0x80042409, KB 978773)', () => {
	const JA = 'mskb978773-ja-12289-0x80042409-hyperv-prerestore.txt';
	const EN = 'mskb978773-en-12289-0x80042409-quoted-context.txt';

	it('the Japanese KB text is one VSS 12289 event, harmless (QL321), no failed attempt, every line read', () => {
		const r = analyse(wild(JA));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL321']);
		assert.equal(r.findings[0].severity, 'info');
		assert.equal(r.findings[0].hresult, '0x80042409');
		assert.deepEqual(r.attempts, []);
		assert.equal(r.inputs[0].unparsedLines, 0);
	});

	it("the English original, its context half out of the Markdown quote: the writer is the one after the Execution Context, not the old session's operation", () => {
		const r = analyse(wild(EN));
		assert.deepEqual(codes(r), ['QL321']);
		assert.deepEqual(r.findings[0].writers, ['Microsoft Hyper-V VSS']);
		assert.match(r.findings[0].message, /two days old/);
		assert.deepEqual(r.attempts, []);
	});

	it('a Japanese report says it is harmless unless it recurs, and cites KB 978773', () => {
		const r = analyse(wild(EN), 'ja');
		assert.match(r.findings[0].title, /無害/);
		assert.ok(r.findings[0].kb.some((k) => k.id === 'Microsoft KB 978773'));
	});

	it('saved as Shift_JIS with CRLF, the Japanese text reads the same', async () => {
		const r = await analyseEncoded(wild(JA).replace(/\n/g, '\r\n'), 'cp932');
		assert.deepEqual(codes(r), ['QL321']);
		assert.deepEqual(r.attempts, []);
	});

	it("the Japanese message under Event Viewer's Japanese text-copy header, saved as UTF-16LE: the same harmless event", async () => {
		const header = [
			'ログの名前:         Application',
			'ソース:           VSS',
			'日付:            2010/01/20 10:00:00',
			'イベント ID:       12289',
			'タスクのカテゴリ:      なし',
			'レベル:           エラー',
			'ユーザー:          N/A',
			'コンピューター:       host',
			'説明:',
		];
		const message = wild(JA).split('\n').slice(2);
		const r = await analyseEncoded([...header, ...message].join('\r\n'), 'utf16le');
		assert.deepEqual(
			r.inputs.map((i) => i.format),
			['windows-events-text'],
		);
		assert.deepEqual(codes(r), ['QL321']);
		assert.deepEqual(r.attempts, []);
	});

	it('the message re-wrapped before its HRESULT and the header moved into a Markdown quote: still the harmless event', () => {
		const text = wild(EN)
			.replace('being removed. . hr = 0x80042409', 'being removed. .\n> hr = 0x80042409')
			.split('\n')
			.map((l) => (l.startsWith('>') ? l : `> ${l}`))
			.join('\n');
		assert.deepEqual(codes(analyse(text)), ['QL321']);
	});

	it('negative: the same context with another HRESULT is a writer failure, named by the writer after the Execution Context', () => {
		const r = analyse(wild(EN).replace('hr = 0x80042409', 'hr = 0x800423f4'));
		assert.deepEqual(codes(r), ['QL315']);
		assert.deepEqual(r.findings[0].writers, ['Microsoft Hyper-V VSS']);
	});

	it("negative: a VSS error line with no HRESULT and another event's id above it makes no event", () => {
		const r = analyse(['Event ID: 12289', '', 'Volume Shadow Copy Service error: Unexpected error An older writer session state is being removed.'].join('\n'));
		assert.deepEqual(codes(r), []);
		assert.ok(!formats(r).includes('windows-events-pasted'));
	});
});

describe('wild5: VSS 8194, a writer that could not call the requester back (IVssWriterCallback, 0x80070005)', () => {
	const DE = 'duplicati-1297-de-8194-ivsswritercallback-0x80070005.txt';
	const JA = [
		'ボリューム シャドウ コピー サービス エラー: IVssWriterCallback インターフェイスの照会中に予期しないエラーが発生しました。hr = 0x80070005, アクセスが拒否されました。',
		'. これは、多くの場合、ライターまたは要求元のプロセスのセキュリティ設定が正しくないことが原因です。',
		'',
		'操作:',
		'   ライター データを収集しています',
		'',
		'コンテキスト:',
		'   ライター クラス ID: {e8132975-6f93-4464-a53e-1050253ae220}',
		'   ライター名: System Writer',
		'   ライター インスタンス ID: {2fe3e19b-1667-4d44-aa58-950653db9d79}',
	];

	it('the German and English events of the post name the System Writer (no Execution Context before its ids) and the COM callback fix', () => {
		const r = analyse(wild(DE));
		assert.deepEqual(codes(r), ['QL315']);
		const f = r.findings[0];
		assert.deepEqual(f.writers, ['System Writer']);
		assert.equal(f.hresult, '0x80070005');
		assert.match(f.fix, /IVssWriterCallback/);
		assert.match(f.fix, /NETWORK SERVICE/);
	});

	it('the same event in Japanese, CRLF, in a Japanese report: the same writer and fix', () => {
		const r = analyse(JA.join('\r\n'), 'ja');
		assert.deepEqual(codes(r), ['QL315']);
		assert.deepEqual(r.findings[0].writers, ['System Writer']);
		assert.match(r.findings[0].fix, /NETWORK SERVICE/);
	});

	it('the context flattened by a paste (no indentation, operation on its label line): the same writer', () => {
		const flat = JA.map((l) => l.trim()).filter((l) => l !== '');
		flat.splice(2, 2, `操作: ${flat[3]}`);
		assert.deepEqual(analyse(flat.join('\n')).findings[0].writers, ['System Writer']);
	});

	it('negative: three context values that are not class id, name and instance id are no writer (the VSS fallback stays)', () => {
		const provider = JA.slice(0, 7).concat(['   プロバイダー ID: {b5946137-7b9f-4925-af80-51abd60b20d5}', '   クラス ID: {65ee1dba-8ff4-4a58-ac1c-3470ee2f376a}', '   スナップショット セット ID: {2fe3e19b-1667-4d44-aa58-950653db9d79}']);
		const r = analyse(provider.join('\n'));
		assert.deepEqual(codes(r), ['QL317']);
		assert.deepEqual(r.findings[0].writers, []);
	});
});

describe('wild5: DiskShadow writer status (`* WRITER` blocks)', () => {
	const DOCS = 'winserverdocs-ja-diskshadow-list-writers-status-excerpt.txt';
	const KB = 'mskb943471-vshadow-selected-writer-failed-state-8.txt';
	const listing = (r: Report) => r.writers.map((w) => `${w.name} [${w.stateCode}]${w.failed ? ' failed' : ''}`);

	it('the Japanese docs page: three writers by their state numbers, an excerpt of the eight the tool listed', () => {
		const r = analyse(wild(DOCS));
		assert.deepEqual(formats(r), ['diskshadow-writer-status']);
		assert.deepEqual(listing(r).sort(), ['Registry Writer [1]', 'Shadow Copy Optimization Writer [1]', 'System Writer [5]']);
		assert.equal(r.writerListings[0].whole, false);
		assert.ok(!r.findings.some((f) => f.severity === 'error'));
	});

	it('a failed writer in the same listing, whole by its count line, CRLF: the writer, its state and its failure code', () => {
		const failed = wild(DOCS)
			.replace(
				'- Status: 1 (VSS_WS_STABLE)\n        - Writer Failure code: 0x00000000 (S_OK)\n        - Writer ID: {afbab4a2',
				'- Status: 9 (VSS_WS_FAILED_AT_FREEZE)\n        - Writer Failure code: 0x800423f2 (VSS_E_WRITERERROR_TIMEOUT)\n        - Writer ID: {afbab4a2',
			)
			.replace('8 writers listed.', '3 writers listed.')
			.replace(/\n/g, '\r\n');
		const r = analyse(failed);
		assert.deepEqual(listing(r).sort(), ['Registry Writer [9] failed', 'Shadow Copy Optimization Writer [1]', 'System Writer [5]']);
		assert.equal(r.writers.find((w) => w.failed)?.lastErrorHresult, '0x800423F2');
		assert.equal(r.writerListings[0].whole, true);
		assert.ok(r.findings.some((f) => f.writers.includes('Registry Writer') && f.severity === 'error'));
	});

	it("negative: a product's log quoting a requester's failed-writer block stays the product's (no listing section of its own)", () => {
		const aip = [
			'07/13/2017 04:37:54.439 VssStart()',
			'07/13/2017 04:40:43.790 com exception caught(0x8000ffff) in VssStart',
			'07/13/2017 04:40:43.957 [07/13/2017 13:40:43.787] OUTPUT:',
			...wild(KB)
				.split('\n')
				.filter((l) => l.startsWith('> ') && /writer|Status|code/.test(l))
				.map((l) => l.slice(2)),
		];
		assert.deepEqual(formats(analyse(aip.join('\n'))), ['image-backup-task-log']);
	});

	it("KB 943471's requester block alone (not DiskShadow's listing) keeps its generic reading: one failed attempt with the writer's code", () => {
		const r = analyse(wild(KB));
		assert.ok(!formats(r).includes('diskshadow-writer-status'));
		assert.equal(r.attempts[0]?.hresult, '0x800423F4');
	});

	it('negative: a state number whose constant is another state, or a `* WRITER` line with no state, is no writer status', () => {
		const wrong = ['* WRITER "System Writer"', '        - Status: 8 (VSS_WS_STABLE)', '        - Writer Failure code: 0x00000000 (S_OK)'];
		assert.ok(!formats(analyse(wrong.join('\n'))).includes('diskshadow-writer-status'));
		const bare = ['* WRITER "System Writer"', '        - Writer ID: {e8132975-6f93-4464-a53e-1050253ae220}'];
		assert.ok(!formats(analyse(bare.join('\n'))).includes('diskshadow-writer-status'));
	});
});

describe('wild5: excerpts in other languages that read right (kept right)', () => {
	it("OpenZFS #406: DiskShadow's 80042306 and the VSS 12289 on the shadow copy device (QL314 names file-system filters)", () => {
		const r = analyse(wild('openzfs-406-diskshadow-0x80042306-createfilew.txt'));
		assert.ok(codes(r).includes('QL314') && codes(r).includes('QL401'));
		assert.match(r.findings.find((f) => f.code === 'QL314')!.fix, /fltmc/);
	});

	it('ZFSin #354: the French VSS 12289 of the post, alone and Markdown-quoted, is the shadow copy device failure (QL314)', () => {
		const event = wild('zfsin-354-fr-12289-createfilew-veeam-0x80042306.txt').trimEnd().split('\n').slice(-8).join('\n');
		for (const text of [event, event.replace(/^/gm, '> ')]) {
			const r = analyse(text);
			assert.deepEqual(codes(r), ['QL314']);
			assert.equal(r.attempts[0].hresult, '0x80070001');
		}
	});

	it('Actiphy (ja): the ActiveImage task log inside Japanese prose is VSS_E_SNAPSHOT_SET_IN_PROGRESS, CRLF or not', () => {
		for (const text of [wild('actiphy-ja-aip-311-0x80042316-snapshot-set-in-progress.txt'), wild('actiphy-ja-aip-311-0x80042316-snapshot-set-in-progress.txt').replace(/\n/g, '\r\n')]) {
			const r = analyse(text);
			assert.deepEqual(codes(r), ['QL550']);
			assert.equal(r.attempts[0].hresult, '0x80042316');
		}
	});

	it('burp #753: a French `vssadmin list providers` is read (the Microsoft provider), nothing to diagnose', () => {
		const r = analyse(wild('burp-753-fr-vssadmin-list-providers.txt'));
		assert.deepEqual(codes(r), []);
		assert.deepEqual(
			r.providers.map((p) => p.name),
			['Microsoft Software Shadow Copy provider 1.0'],
		);
	});

	it('fanblogs (ja): 0x81000019 in full-width brackets is the failed backup, its cause elsewhere', () => {
		const r = analyse(wild('fanblogs-ja-win11-backup-0x81000019.txt'));
		assert.equal(r.attempts[0].result, 'failed');
		assert.equal(r.attempts[0].hresult, '0x81000019');
	});
});

describe('wild5: a Japanese Event Viewer copy of VSS 8229 with no failure code (jpabrs, CSV writer)', () => {
	const FILE = 'jpabrs-csv-writer-8229-0x00000000-clustering-1544.txt';

	it('is the Cluster Shared Volume writer vetoing PrepareForSnapshot (QL206), quoted with CRLF as published', () => {
		const r = analyse(wild(FILE));
		assert.deepEqual(codes(r), ['QL206']);
		assert.deepEqual(r.findings[0].writers, ['Cluster Shared Volume VSS Writer']);
		assert.match(r.findings[0].title, /PrepareForSnapshot/);
	});

	it('unquoted, LF, the trailing spaces gone: the same finding', () => {
		const plain = wild(FILE)
			.replace(/\r\n/g, '\n')
			.split('\n')
			.map((l) => l.replace(/^\s*>\s?/, '').trimEnd())
			.join('\n');
		const r = analyse(plain);
		assert.deepEqual(codes(r), ['QL206']);
		assert.deepEqual(r.findings[0].writers, ['Cluster Shared Volume VSS Writer']);
	});
});

describe('wild5: excerpts no reader knows yet (not fixed): their lines are counted, never dropped', () => {
	it("PlateSpin's DoSnapshotSet line with its Japanese cause: the 5 lines are shown as unparsed", () => {
		const r = analyse(wild('netiq-00009039-ja-platespin-dosnapshotset-disk-space.txt'));
		assert.deepEqual(
			r.inputs.map((i) => [i.format, i.unparsedLines]),
			[['unknown', 5]],
		);
	});
});
