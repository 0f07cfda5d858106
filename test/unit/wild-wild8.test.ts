import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import { analyzeAsync } from '../../src/core';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, wild } from '../lib/wildText';

// Session 7 (wild8): real published excerpts in other display languages and their layouts
// (test/fixtures/wild/README.md names each source), with variants of their shapes: full-width forms, another
// language's labels, quoted, CRLF, Shift_JIS / UTF-16.

const formats = (r: Report) => r.inputs.map((i) => i.format);
const eventLines = (r: Report) => r.attempts.flatMap((a) => a.events.filter((e) => e.kind === 'windows-event').map((e) => e.line));

/** Analyses `text` written to a temporary file in `encoding` (the bytes a user's export holds). */
async function analyseEncoded(text: string, encoding: string, bom = false): Promise<Report> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-wild8-'));
	try {
		const file = path.join(dir, 'export.txt');
		const body = iconv.encode(text, encoding);
		fs.writeFileSync(file, bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body);
		return await analyzeAsync([file]);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** Full-width forms of ASCII punctuation and digits (`:` → `：`, `[8]` → `［８］`), as an input method writes them. */
const widen = (text: string, chars: RegExp) => text.replace(chars, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('wild8: a writer block quoted in a mail reply, a blank line between its fields', () => {
	const MAIL = 'css-exchange-2093-exchange-writer-8-not-responding-mail.txt';

	it('is the Microsoft Exchange Writer in [8], not responding (0x80042319): QL201 with its service restart', () => {
		const r = analyse(wild(MAIL));
		assert.deepEqual(formats(r), ['vssadmin-list-writers']);
		assert.deepEqual(codes(r), ['QL201']);
		assert.equal(r.writers.length, 1);
		assert.equal(r.writers[0].stateCode, 8);
		assert.equal(r.writers[0].lastErrorHresult, '0x80042319');
		assert.equal(r.findings[0].hresult, '0x80042319');
		assert.match(r.findings[0].fix, /MSExchangeRepl/);
		// Five fields of one excerpt and no header: the listing is not taken for the machine's whole list.
		assert.equal(r.writerListings[0].whole, false);
	});

	it("with Japanese labels in full-width colons, brackets and digits (an input method's), the same writer and state", () => {
		const ja = wild(MAIL)
			.replace("Writer name: 'Microsoft Exchange Writer'", "ライター名：'Microsoft Exchange Writer'")
			.replace('Writer Id: {', 'ライター ID：｛')
			.replace('Writer Instance Id: {', 'ライター インスタンス ID：｛')
			.replace(/\}\n/g, '｝\n')
			.replace('State: [8] Failed', `状態：${widen('[8]', /[[\]8]/g)}\u3000失敗`)
			.replace('Last error: Not responding', '最後のエラー：応答なし');
		assert.match(ja, /状態：［８］\u3000失敗/);
		const r = analyse(ja);
		assert.deepEqual(codes(r), ['QL201']);
		assert.equal(r.writers[0].name, 'Microsoft Exchange Writer');
		assert.equal(r.writers[0].stateCode, 8);
		assert.equal(r.writers[0].writerId, '76fe1ac4-15f7-4bcd-987e-8e1acb462fb7');
		assert.equal(r.writers[0].lastError, '応答なし');
	});

	it('a whole Japanese listing in full-width forms, quoted with `> ` and saved as Shift_JIS with CRLF: one failed writer of two', async () => {
		const listing = [
			'vssadmin 1.1 - ボリューム シャドウ コピー サービス管理コマンドライン ツール',
			'(C) Copyright 2001-2013 Microsoft Corp.',
			'',
			"ライター名：'System Writer'",
			'   ライター ID：｛e8132975-6f93-4464-a53e-1050253ae220｝',
			'   ライター インスタンス ID：｛7a9e9dc0-4c70-4b28-98f7-b0ea1b7bc8f2｝',
			'   状態：［１］安定',
			'   最後のエラー：エラーなし',
			'',
			"ライター名：'SqlServerWriter'",
			'   ライター ID：｛a65faa63-5ea8-4ebc-9dbd-a0c4db26912a｝',
			'   ライター インスタンス ID：｛2c2d8bd0-1a6b-4d0a-a8a9-cb2ef7e4a4c9｝',
			'   状態：［８］失敗',
			'   最後のエラー：再試行不可能なエラー',
		];
		const r = await analyseEncoded(listing.map((l) => `> ${l}`).join('\r\n'), 'cp932');
		assert.deepEqual(
			r.writers.map((w) => [w.name, w.stateCode, w.failed]),
			[
				['SqlServerWriter', 8, true],
				['System Writer', 1, false],
			],
		);
		assert.deepEqual(codes(r), ['QL201']);
		assert.deepEqual(r.findings[0].writers, ['SqlServerWriter']);
	});

	it("DiskShadow's status listing with full-width digits and brackets reads its state number too", () => {
		const status = ['* WRITER "System Writer"', '  - Status: ９ （VSS_WS_FAILED_AT_FREEZE）', '  - Writer Failure code: 0x800423f2 (<Unknown error code>)', '  - Writer ID: {e8132975-6f93-4464-a53e-1050253ae220}'];
		const r = analyse(status.join('\n'));
		assert.equal(r.writers[0]?.stateCode, 9);
		assert.equal(r.writers[0].failed, true);
	});

	it('negative: a full-width `［８］` in prose after a label is no writer block', () => {
		const r = analyse(['状態：［８］ は、ライターが失敗したことを表します。', '最後のエラー：応答なし'].join('\n'));
		assert.deepEqual(r.writers, []);
		assert.deepEqual(codes(r), []);
	});
});

describe('wild8: KB 833167 in other languages — VolSnap 5 and 20 in three layouts', () => {
	const JA = 'mskb833167-ja-volsnap-5-20-spaced-colons.txt';
	const SK = 'mskb833167-sk-volsnap-5-20-header-run-together-tabs.txt';
	const SL = 'mskb833167-sl-volsnap-5-20-bilingual-labels-run-together.txt';

	const readsBoth = (r: Report) => {
		assert.deepEqual(codes(r), ['QL401']);
		assert.match(r.findings[0].message, /volsnap event 5 \(.*non-paged pool/);
		assert.match(r.findings[0].message, /volsnap event 20 \(.*free space computation/);
		assert.doesNotMatch(r.findings[0].message, /event 35/);
	};

	it('the Japanese page (`種類 : エラー`, a blank line inside the message) reads both events: QL401', () => {
		const r = analyse(wild(JA));
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		readsBoth(r);
		assert.equal(r.inputs[0].unparsedLines, 1);
	});

	it('the Slovak page, each header flattened onto one line with tabs, reads events 5 and 20 by their ids, not 20 as 35 by its words', () => {
		const r = analyse(wild(SK));
		readsBoth(r);
		assert.equal(r.attempts.length, 1);
		assert.equal(eventLines(r).length, 2);
	});

	it('the Slovenian page, each label followed by its translation in brackets, reads the same', () => {
		readsBoth(analyse(wild(SL)));
	});

	it('the Italian page, labels, level and message all Italian (`Tipo evento: Errore … ID evento: 5`), reads event 5 by its id', () => {
		const r = analyse(wild('mskb833167-it-volsnap-5-italian-header-run-together.txt'));
		assert.deepEqual(codes(r), ['QL401']);
		assert.match(r.findings[0].message, /volsnap event 5 \(.*non-paged pool/);
		assert.equal(eventLines(r).length, 1);
	});

	it('the Japanese labels flattened onto one line (spaced and full-width colons), quoted with `> `: the same two events', () => {
		const lines = [
			'> 種類 : エラー ソース : VolSnap 分類 : なし イベント ID : 5 説明 : ビットマップ構造の非ページ プール メモリ不足のため、ボリューム X: のシャドウ コピーを作成できませんでした。',
			'> 種類：エラー ソース：VolSnap 分類：なし イベント ID：20 説明：ボリューム X: のシャドウ コピーが、空き領域の計算に失敗したために中止しました。',
		];
		const r = analyse(lines.join('\r\n'));
		assert.deepEqual(codes(r), ['QL401']);
		assert.equal(eventLines(r).length, 2);
	});

	it('the Japanese page retyped with full-width digits and colons (`イベント ID：２０`): the same two events by their ids', () => {
		const retyped = wild(JA)
			.replace(/イベント ID : (\d+)/g, (_, id: string) => `イベント ID：${widen(id, /\d/g)}`)
			.replace(/ソース : VolSnap/g, 'ソース：ＶｏｌＳｎａｐ');
		assert.match(retyped, /イベント ID：２０/);
		const r = analyse(retyped);
		readsBoth(r);
		assert.equal(r.inputs[0].unparsedLines, 1);
	});

	it('negative: a full-width number past 65535 after the id label is no event id', () => {
		const r = analyse(wild(JA).replace('イベント ID : 20', `イベント ID：${widen('700000', /\d/g)}`));
		// The second header (line 11) is no event's: its message alone (line 17) is read as volsnap 20 by its template.
		assert.deepEqual(eventLines(r), [2, 17]);
	});

	it('a Japanese report names the provider error and both events in Japanese', () => {
		const r = analyse(wild(SK), 'ja');
		assert.equal(r.findings[0].title, 'VSS プロバイダーがスナップショットを拒否しました');
		assert.match(r.findings[0].message, /^シャドウ コピー プロバイダーが、試行 a1/);
		assert.match(r.findings[0].message, /volsnap イベント 5 .*volsnap イベント 20/);
	});

	it("saved as UTF-16LE with a BOM, or as EUC-JP (an old web page's bytes), the Japanese page reads the same, its text intact", async () => {
		readsBoth(await analyseEncoded(wild(JA), 'utf16le', true));
		const euc = await analyseEncoded(wild(JA), 'euc-jp');
		assert.equal(euc.inputs[0].encoding, 'euc-jp');
		readsBoth(euc);
		assert.ok(euc.attempts[0].events.some((e) => e.text === '種類 : エラー'));
	});

	it('negative: a flattened line whose integer follows no `ID` label, or with no known source, is no event', () => {
		// Its message is no volsnap template (one is an event by itself, header or not).
		const noId = 'Event Type:\tError Event Source:\tVolSnap Event Category:\tNone Count: 5 Description: Something happened to volume X:.';
		const noSource = 'Event Type:\tError Event Source:\tContoso Event Category:\tNone Event ID: 5 Description: Something happened.';
		for (const line of [noId, noSource]) assert.deepEqual(eventLines(analyse(line)), [], line);
		assert.deepEqual(codes(analyse(noSource)), []);
	});
});

describe('wild8: German, Chinese and Russian text around the codes', () => {
	it('Bareos with Windows\' German "operation completed" (0x00000000) and two writers vetoing the preparation: the writers, not the success code', () => {
		const r = analyse(wild('bareos-1923-de-createsnapshot-0x00000000-writers-vetoed.txt'));
		assert.deepEqual(codes(r), ['QL550', 'QL570']);
		const ql570 = r.findings.find((f) => f.code === 'QL570')!;
		assert.deepEqual(ql570.writers, ['MSSearch Service Writer', 'Shadow Copy Optimization Writer']);
		assert.match(ql570.message, /\[7\] VSS_WS_FAILED_AT_PREPARE_BACKUP/);
		assert.equal(r.attempts[0].result, 'failed');
		assert.notEqual(r.attempts[0].hresult, '0x00000000');
	});

	it('the German VSS 8194 in a Markdown fence (restic): System Writer, E_ACCESSDENIED, its operation quoted as printed', () => {
		const r = analyse(wild('restic-3390-de-8194-ivsswritercallback-fenced.txt'));
		assert.deepEqual(codes(r), ['QL315']);
		assert.equal(r.findings[0].hresult, '0x80070005');
		assert.equal(r.findings[0].title, 'System Writer failed in "Generatordaten werden gesammelt" with 0x80070005');
		const ja = analyse(wild('restic-3390-de-8194-ivsswritercallback-fenced.txt'), 'ja');
		assert.equal(ja.findings[0].title, 'System Writer が「Generatordaten werden gesammelt」で 0x80070005 により失敗しました');
	});

	it('a Chinese issue quoting only the code (错误提示0x80042316): a snapshot set already in progress', () => {
		const r = analyse(wild('dismpp-306-zh-win10-backup-0x80042316.txt'));
		assert.deepEqual(codes(r), ['QL550']);
		assert.equal(r.findings[0].hresult, '0x80042316');
		assert.equal(r.attempts[0].hresult, '0x80042316');
	});

	it("the Chinese issue saved as GB18030 (Chinese Windows' ANSI code page): decoded as such, the same finding and its line intact", async () => {
		const r = await analyseEncoded(wild('dismpp-306-zh-win10-backup-0x80042316.txt'), 'gb18030');
		assert.equal(r.inputs[0].encoding, 'gb18030');
		assert.deepEqual(codes(r), ['QL550']);
		assert.ok(r.attempts[0].events.some((e) => e.text === '错误提示0x80042316'));
	});

	it('a Russian page printing the code with a multiplication sign (0×80042302): VSS_E_UNEXPECTED', () => {
		const r = analyse(wild('avataria-ru-0x80042302-multiplication-sign.txt'));
		assert.deepEqual(codes(r), ['QL550']);
		assert.equal(r.findings[0].hresult, '0x80042302');
		// The same page with an ASCII x reads the same.
		assert.deepEqual(codes(analyse(wild('avataria-ru-0x80042302-multiplication-sign.txt').replace(/×/g, 'x'))), ['QL550']);
	});

	it("German KB 826936: NTBackup's bare 800423f4 in a German sentence, other values in brackets: the first is the code", () => {
		const r = analyse(wild('mskb826936-de-ntbackup-800423f4-writer-timeouts.txt'));
		assert.deepEqual(codes(r), ['QL550']);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x800423F4');
	});

	it("a French listing's last error (Délai dépassé) gives the HRESULT the English one (Timed out) gives", () => {
		const failed = (lastError: string) => wild('openzfs-406-fr-vssadmin-list-writers-stable-excerpt.txt').replace('État : [1] Stable', 'État : [9] Échec').replace('Dernière erreur : Aucune erreur', `Dernière erreur : ${lastError}`);
		const fr = analyse(failed('Délai dépassé'));
		const en = analyse(failed('Timed out'));
		assert.equal(fr.writers.find((w) => w.failed)?.lastErrorHresult, '0x800423F2');
		assert.deepEqual(
			fr.findings.map((f) => [f.code, f.hresult]),
			en.findings.map((f) => [f.code, f.hresult]),
		);
		// An unknown text is no code, whatever its language: the state number still says the writer failed.
		const unknown = analyse(failed('Erreur quelconque'));
		assert.equal(unknown.writers.find((w) => w.failed)?.lastErrorHresult, null);
		assert.deepEqual(codes(unknown), ['QL201']);
	});

	it('the Russian page saved as Windows-1251 (Notepad on a Russian system): decoded as such, the same code', async () => {
		// Windows-1251 has no multiplication sign: the page is saved with an x.
		const r = await analyseEncoded(wild('avataria-ru-0x80042302-multiplication-sign.txt').replace(/×/g, 'x').replace(/\n/g, '\r\n'), 'win1251');
		assert.equal(r.inputs[0].encoding, 'windows-1251');
		assert.deepEqual(codes(r), ['QL550']);
		assert.ok(r.attempts[0].events.some((e) => e.text.endsWith('Ошибка 0x80042302')));
	});

	it('a French `vssadmin list writers` excerpt, every writer [1] Stable: four writers, no finding, an excerpt', () => {
		const r = analyse(wild('openzfs-406-fr-vssadmin-list-writers-stable-excerpt.txt'));
		assert.deepEqual(
			r.writers.map((w) => [w.name, w.stateCode]),
			[
				['Task Scheduler Writer', 1],
				['VSS Metadata Store Writer', 1],
				['Performance Counters Writer', 1],
				['System Writer', 1],
			],
		);
		assert.deepEqual(codes(r), []);
	});
});

describe('wild8: Japanese vendor KB pages (ActiveImage Protector)', () => {
	it("0x8004231f from VssStart with a Japanese diskpart table: shadow storage (QL404) and the product's code (QL550)", () => {
		const r = analyse(wild('actiphy-jpkb-ja-0x8004231f-exit-311-diskpart-recovery.txt'));
		assert.deepEqual(codes(r), ['QL404', 'QL550']);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].hresult, '0x8004231F');
		assert.deepEqual(r.writers, []);
	});

	it('a Japanese report of it says the shadow copy storage ran out', () => {
		const r = analyse(wild('actiphy-jpkb-ja-0x8004231f-exit-311-diskpart-recovery.txt'), 'ja');
		assert.match(r.findings.find((f) => f.code === 'QL404')!.title, /シャドウ コピー記憶域/);
	});

	it('negative: "Log Name / Source: VSS / Level: Error" with no event id, in Japanese prose, is no event and no finding', () => {
		const r = analyse(wild('actiphy-jpkb-ja-exit-311-aiptrack-upperfilters-no-id.txt'));
		assert.deepEqual(codes(r), []);
		assert.deepEqual(r.attempts, []);
		assert.ok(!formats(r).includes('windows-events-pasted'));
	});
});

describe('wild8: a Japanese `vssadmin list shadows`, the set id before its head noun', () => {
	// The shape of a Japanese listing (reconstructed: no real one was found published): the set line puts
	// `の内容` ("contents of") after the GUID, the creation line the local time before its sentence.
	const JA = [
		'vssadmin 1.1 - ボリューム シャドウ コピー サービス管理コマンドライン ツール',
		'(C) Copyright 2001-2013 Microsoft Corp.',
		'',
		'シャドウ コピー セット ID: {b4e5e5a1-1c1d-4f4a-9d2c-6c1e2f3a4b5c} の内容',
		'   2023/04/10 3:00:12 の作成時に 1 個のシャドウ コピーが含まれていました',
		'      シャドウ コピー ID: {0f1e2d3c-4b5a-6978-8a9b-acbdcedf0a1b}',
		'         元のボリューム: (C:)\\\\?\\Volume{4c2a0f6e-0000-0000-0000-100000000000}\\',
		'         シャドウ コピー ボリューム: \\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1',
		'         元のコンピューター: host',
		'         サービス コンピューター: host',
		"         プロバイダー: 'Microsoft Software Shadow Copy provider 1.0'",
		'         種類: ClientAccessibleWriters',
		'         属性: 永続的, クライアント アクセス可能, 自動解放なし, 差分, 自動回復済み',
	];

	it('reads the set and its shadow copy: set id, copy id, volume, local creation time, provider', () => {
		const r = analyse(JA.join('\r\n'));
		assert.deepEqual(formats(r), ['vssadmin-list-shadows']);
		assert.equal(r.shadows.length, 1);
		const s = r.shadows[0];
		assert.equal(s.setId, 'b4e5e5a1-1c1d-4f4a-9d2c-6c1e2f3a4b5c');
		assert.equal(s.id, '0f1e2d3c-4b5a-6978-8a9b-acbdcedf0a1b');
		assert.equal(s.originalVolume, 'C:');
		assert.equal(s.created, '2023/04/10 3:00:12');
		assert.equal(s.provider, 'Microsoft Software Shadow Copy provider 1.0');
		assert.equal(r.inputs[0].unparsedLines, 0);
	});

	it('the English listing reads the same set, its time after the colon', () => {
		const en = JA.map((l) => l.replace(/^シャドウ コピー セット ID: (\{.*\}) の内容$/, 'Contents of shadow copy set ID: $1').replace(/^ {3}(\S+ \S+) の作成時に 1 個の.*$/, '   Contained 1 shadow copies at creation time: $1'));
		const s = analyse(en.join('\n')).shadows;
		assert.equal(s.length, 1);
		assert.equal(s[0].setId, 'b4e5e5a1-1c1d-4f4a-9d2c-6c1e2f3a4b5c');
		assert.equal(s[0].created, '2023/04/10 3:00:12');
	});

	it("lines before the first set that are no message of vssadmin's are counted unparsed, not dropped", () => {
		const r = analyse(['Here is what vssadmin shows:', 'see below', ...JA.slice(3)].join('\n'));
		assert.equal(r.shadows.length, 1);
		assert.equal(r.inputs[0].unparsedLines, 2);
	});

	it('negative: a label whose GUID is followed by a sentence (with a colon) opens no set', () => {
		const r = analyse(['シャドウ コピー セット ID: {b4e5e5a1-1c1d-4f4a-9d2c-6c1e2f3a4b5c} は次のとおりです: 詳細は下記', ...JA.slice(4)].join('\n'));
		assert.notEqual(r.shadows[0]?.setId, 'b4e5e5a1-1c1d-4f4a-9d2c-6c1e2f3a4b5c');
	});
});
