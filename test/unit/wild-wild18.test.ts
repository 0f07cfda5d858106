import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 10 (wild18): pasted text that mixes or nests evidence — two writer listings in one paste, PowerShell's
// objects of a listing (Format-List, Format-Table), DiskShadow's exclusions and metadata beside its writer
// status, a quote under a list item (test/fixtures/wild/README.md names each source), with what a paste does to them.

const BEFORE_AFTER = 'lanyon-post-vss-writers-before-after-pre-code-bat-fences.txt';
const POSH = 'poshfunctions-doc-vssadmin-writers-format-list-table-escaped.txt';
const DISKSHADOW = 'htb-writeup-diskshadow-create-excluding-writer-including-components-exposed.txt';
const LIST_QUOTE = 'mskb4230569-vhds-guest-cluster-32768-32770-32775-vmms-19100-list.txt';
const STORAGE = 'pytest-vss-verbatim-shadowstorage-full-then-empty-shadows-one-none.txt';
const ZH_NOTES = 'zhnotes-vss-errors-writer-block-bold-state-double-spaced-fence.txt';

/** Each listing's writers as `name [n]`, in the listing's order of lines. */
const byListing = (r: Report) =>
	r.writerListings.map((l) =>
		r.writers
			.filter((w) => w.listing === (l.id ?? l.path))
			.sort((a, b) => a.source.line - b.source.line)
			.map((w) => `${w.name} [${w.stateCode}]`),
	);

const block = (name: string, id: string, instance: string, state: string, error = 'No error') => `Writer name: '${name}'\n   Writer Id: {${id}}\n   Writer Instance Id: {${instance}}\n   State: ${state}\n   Last error: ${error}\n`;
const BANNER = 'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\n(C) Copyright 2001-2013 Microsoft Corp.\n';
const SYSTEM = ['System Writer', 'e8132975-6f93-4464-a53e-1050253ae220', '7e631031-c695-4229-9da1-a7de057e64cb'] as const;
const SQL = ['SqlServerWriter', 'a65faa63-5ea8-4ebc-9dbd-a0c4db26912a', '1e247a69-0781-4c5a-b4c2-8f87c195eea4'] as const;
const EXCHANGE = ['Microsoft Exchange Writer', '76fe1ac4-15f7-4bcd-987e-8e1acb462fb7'] as const;

describe('wild18: two `vssadmin list writers` listings in one paste are two listings', () => {
	it("the blog's before and after (a second prompt and banner): two listings of four, each its own states", () => {
		const r = analyse(wild(BEFORE_AFTER));
		assert.equal(r.writerListings.length, 2);
		assert.deepEqual(byListing(r), [
			['System Writer [1]', 'SqlServerWriter [1]', 'MSDEWriter [1]', 'WMI Writer [7]'],
			['System Writer [1]', 'SqlServerWriter [1]', 'MSDEWriter [1]', 'WMI Writer [7]'],
		]);
		assert.deepEqual(
			r.writerListings.map((l) => l.line),
			[20, 62],
		);
		// The words are compared within a listing: only the first's `[1] Failed` contradicts its own `[7] Failed`.
		assert.deepEqual(
			r.findings.filter((f) => f.code === 'QL316').map((f) => f.writers),
			[['System Writer']],
		);
		// Each WMI Writer [7] is alone at its step in its listing: no "stopped together" reading; the later listing
		// still shows it [7], so the earlier one is no state before a reset: both stay errors.
		for (const f of r.findings.filter((x) => x.code === 'QL201')) {
			assert.doesNotMatch(f.message, /failed at this same step/);
			assert.equal(f.severity, 'error');
		}
	});

	it('quoted with `> ` and with CRLF: the same two listings', () => {
		for (const text of [quoted(wild(BEFORE_AFTER)), crlf(wild(BEFORE_AFTER))]) assert.equal(analyse(text).writerListings.length, 2);
	});

	it('a second banner right under the last block (no blank line), or in Japanese: another listing', () => {
		const first = BANNER + '\n' + block(...SYSTEM, '[9] Failed', 'Timed out');
		const r = analyse(first + BANNER + '\n' + block(...SYSTEM, '[1] Stable'));
		assert.deepEqual(byListing(r), [['System Writer [9]'], ['System Writer [1]']]);
		const ja =
			"vssadmin 1.1 - ボリューム シャドウ コピー サービス管理コマンド ライン ツール\n(C) Copyright 2001-2013 Microsoft Corp.\n\nライター名: 'System Writer'\n   ライター Id: {e8132975-6f93-4464-a53e-1050253ae220}\n   ライター インスタンス Id: {7e631031-c695-4229-9da1-a7de057e64cb}\n   状態: [1] 安定\n   最後のエラー: エラーなし\n";
		assert.deepEqual(byListing(analyse(first + '\n' + ja)), [['System Writer [9]'], ['System Writer [1]']]);
	});

	it('no banner between: the same writer instance again starts another listing; a restarted writer after prose too', () => {
		const twice = block(...SYSTEM, '[9] Failed', 'Timed out') + '\n' + block(...SQL, '[1] Stable') + '\n' + block(...SYSTEM, '[1] Stable') + '\n' + block(...SQL, '[1] Stable');
		assert.deepEqual(byListing(analyse(twice)), [
			['System Writer [9]', 'SqlServerWriter [1]'],
			['System Writer [1]', 'SqlServerWriter [1]'],
		]);
		// After `net stop cryptsvc` the System Writer has a new instance id; the sentence between says another paste.
		const restarted = block(...SYSTEM, '[9] Failed', 'Timed out') + '\nAfter restarting the Cryptographic Services service:\n\n' + block(SYSTEM[0], SYSTEM[1], 'c0ffee00-1111-2222-3333-444455556666', '[1] Stable');
		const r = analyse(restarted);
		assert.deepEqual(byListing(r), [['System Writer [9]'], ['System Writer [1]']]);
		assert.deepEqual(codes(r), ['QL201']);
		// Stable in the later listing: reset since, the [9] is the state before (info, not the reason for a failure).
		const f = finding(r, 'QL201')!;
		assert.equal(f.severity, 'info');
		assert.match(f.message, /later listing of the same file shows it stable \(\[1\], line 9\)/);
		assert.match(finding(analyse(restarted, 'ja'), 'QL201')!.message, /後の一覧では安定 \(\[1\]、9 行目\)/);
	});

	it("negative: one listing's two Exchange Writer instances (two services, one writer id) stay one listing", () => {
		const r = analyse(
			BANNER + '\n' + block(EXCHANGE[0], EXCHANGE[1], '0798db2b-6d29-5075-89a3-014e629ad9d2', '[1] Stable') + '\n' + block(EXCHANGE[0], EXCHANGE[1], '0d0c5a3a-9b55-4a1b-8c59-1a2b3c4d5e6f', '[1] Stable') + '\n' + block(...SYSTEM, '[1] Stable'),
		);
		assert.equal(r.writerListings.length, 1);
		assert.equal(r.writers.length, 3);
		assert.equal(r.writerListings[0].line, undefined, 'a listing alone in its file says no line');
	});
});

describe("wild18: PowerShell's objects of a writer listing (Format-List, Format-Table)", () => {
	it("a module's help: one filtered object, then the table of fourteen, all [1]: two listings, nothing to fix", () => {
		const r = analyse(wild(POSH));
		assert.deepEqual(
			r.writerListings.map((l) => l.count),
			[1, 14],
		);
		assert.ok(r.writers.every((w) => w.stateCode === 1 && w.lastError === 'No error' && !w.hasLastError));
		assert.deepEqual(codes(r), []);
		// The table's rows are padded to one width: no hard wrap is undone over them.
		assert.doesNotMatch(r.inputs[0].formatReason, /hard wrap/);
	});

	it('quoted and with CRLF: the same fifteen writers', () => {
		for (const text of [quoted(wild(POSH)), crlf(wild(POSH))]) assert.equal(analyse(text).writers.length, 15);
	});

	it('Format-List of objects with bare GUIDs (`Id : d61d61c8-…`): a writer [9] timed out is QL201 with 0x800423F2', () => {
		const fl = (name: string, id: string, instance: string, state: string, error: string) => `Name       : ${name}\nId         : ${id}\nInstanceId : ${instance}\nState      : ${state}\nLastError  : ${error}\n`;
		const text = 'PS C:\\> Get-VSSWriter | Format-List\n\n' + fl(...SYSTEM, '[1] Stable', 'No error') + '\n' + fl(...SQL, '[9] Failed', 'Timed out');
		const r = analyse(text);
		assert.deepEqual(codes(r), ['QL201'], 'a pipeline may have filtered writers: no missing System Writer');
		assert.equal(finding(r, 'QL201')?.hresult, '0x800423F2');
		assert.deepEqual(finding(r, 'QL201')?.writers, ['SqlServerWriter']);
		// German state words: the number decides.
		const de = analyse(text.replace('[9] Failed', '[9] Fehlgeschlagen').replace('Timed out', 'Zeitüberschreitung'));
		assert.deepEqual(
			de.writers.filter((w) => w.failed).map((w) => w.stateCode),
			[9],
		);
	});

	it('Format-Table: the underline gives the columns, so the state word and the last error are apart', () => {
		const table = [
			'Writer                          WriterID                               WriterInstanceID                       State      LastError',
			'------                          --------                               ----------------                       -----      ---------',
			'ASR Writer                      {be000cbe-11fe-4426-9c58-531aa6355fc4} {8b373ea3-83ab-4642-a2b5-f7ddede48292} [1] Stable No error',
			'SqlServerWriter                 {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a} {1e247a69-0781-4c5a-b4c2-8f87c195eea4} [8] Failed Retryable error',
		].join('\n');
		const r = analyse(table);
		const sql = r.writers.find((w) => w.name === 'SqlServerWriter')!;
		assert.deepEqual([sql.stateCode, sql.stateText, sql.lastError, sql.lastErrorHresult], [8, 'Failed', 'Retryable error', '0x800423F3']);
		assert.deepEqual(codes(r), ['QL201']);
		// Rows without their header: the number still decides, the words stay together.
		const rows = analyse(table.split('\n').slice(2).join('\n'));
		assert.deepEqual(
			rows.writers.filter((w) => w.failed).map((w) => [w.name, w.stateCode]),
			[['SqlServerWriter', 8]],
		);
	});

	it('negative: a Format-List of shadow copies (`ID : {…}`, no `[n]` state) is no writer listing', () => {
		const r = analyse('ID           : {9663A8D7-9D12-4D44-BB55-FF0DEFEC2E50}\nInstallDate  : 4/12/2025 5:44:46 PM\nDeviceObject : \\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1\n');
		assert.equal(r.writers.length, 0);
	});
});

describe("wild18: DiskShadow's exclusions, components and metadata beside its writer status", () => {
	it('a create with `Excluding writer`, `* Including writer` / `+ Adding component`, exposed: no writer, no finding', () => {
		for (const text of [wild(DISKSHADOW), quoted(wild(DISKSHADOW)), crlf(wild(DISKSHADOW))]) {
			const r = analyse(text);
			assert.deepEqual(codes(r), []);
			assert.equal(r.writers.length, 0);
		}
	});

	const STATUS = [
		'DISKSHADOW> list writers status',
		'',
		'Listing writer status ...',
		'',
		'* WRITER "System Writer"',
		'\t- Status: 9 (VSS_WS_FAILED_AT_FREEZE)',
		'\t- Writer Failure code: 0x800423f2 (VSS_E_WRITERERROR_TIMEOUT)',
		'\t- Writer ID: {e8132975-6f93-4464-a53e-1050253ae220}',
		'\t- Instance ID: {7e631031-c695-4229-9da1-a7de057e64cb}',
		'* WRITER "Registry Writer"',
		'\t- Status: 1 (VSS_WS_STABLE)',
		'\t- Writer Failure code: 0x00000000 (S_OK)',
		'\t- Writer ID: {afbab4a2-367d-4d15-a586-71dbb18f8485}',
		'\t- Instance ID: {e87ba7e3-f8d8-42d8-b2ee-c76ae26b98e8}',
		'2 writers listed.',
	];
	const METADATA = [
		'DISKSHADOW> list writers',
		'',
		'Listing writer metadata ...',
		'',
		'* WRITER "System Writer"',
		'\t- Writer ID   = {e8132975-6f93-4464-a53e-1050253ae220}',
		'\t- Writer instance ID = {7e631031-c695-4229-9da1-a7de057e64cb}',
		'\t- Supports restore events = TRUE',
		'\t- Restore method = VSS_RME_RESTORE_AT_REBOOT',
		'\t+ Component "System Writer:\\System Files"',
		'\t\t- Name: System Files',
		'\t\t- Type: VSS_CT_FILEGROUP [2]',
		'* WRITER "Registry Writer"',
		'\t- Writer ID   = {afbab4a2-367d-4d15-a586-71dbb18f8485}',
		'\t- Writer instance ID = {e87ba7e3-f8d8-42d8-b2ee-c76ae26b98e8}',
		'\t+ Component "Registry Writer:\\Registry"',
		'2 writers listed.',
	];

	it('`list writers status` then `list writers`: the metadata blocks add no stateless writer, its lines none unparsed', () => {
		const r = analyse([...STATUS, '', ...METADATA].join('\n'));
		assert.deepEqual(r.writers.map((w) => [w.name, w.stateCode]).sort(), [
			['Registry Writer', 1],
			['System Writer', 9],
		]);
		assert.equal(r.inputs[0].unparsedLines, 0);
		assert.deepEqual(r.inputs[0].problems, []);
		assert.equal(finding(r, 'QL201')?.hresult, '0x800423F2');
	});

	it("a create's exclusions above the status: the same two writers", () => {
		const create = [
			'-> CREATE',
			'Excluding writer "Shadow Copy Optimization Writer", because all of its components have been excluded.',
			'Component "\\TasksStore" from writer "Task Scheduler Writer" is excluded from backup,',
			'because it requires volume C:\\ which is not in the shadow copy set.',
			'* Including writer "SqlServerWriter":',
			'\t+ Adding component: \\HOSTNAME\\test',
		];
		const r = analyse([...create, ...STATUS].join('\n'));
		assert.deepEqual(
			r.writers.filter((w) => w.failed).map((w) => [w.name, w.stateCode]),
			[['System Writer', 9]],
		);
	});
});

describe('wild18: a quote under a list item is peeled as a layer', () => {
	it('KB 4230569: each error quoted four spaces deep under its bullet — the 19100 row reads as the VMMS event (QL324 since wild41: a merge failure)', () => {
		const r = analyse(wild(LIST_QUOTE));
		assert.equal(finding(r, 'QL324')?.hresult, '0x80070005');
		assert.match(r.inputs[0].formatReason, /quotes under list items/);
		assert.deepEqual(r.findings.filter((f) => f.code === 'QL550').length, 3);
	});

	it('the same with tab-indented quotes, nested `> >` and CRLF: the same reading', () => {
		const text = wild(LIST_QUOTE);
		for (const variant of [text.replace(/^ {4}>/gm, '\t>'), text.replace(/^ {4}> /gm, '    > > '), crlf(text)]) assert.equal(finding(analyse(variant), 'QL324')?.hresult, '0x80070005');
	});

	it('a listing quoted under a list item: its writers read', () => {
		const listing = block(...SQL, '[8] Failed', 'Retryable error')
			.trimEnd()
			.split('\n')
			.map((l) => `    > ${l}`)
			.join('\n');
		const r = analyse(`1. The customer ran vssadmin list writers:\n\n${listing}\n\n2. Then we restarted SQL Writer.\n`);
		assert.deepEqual(
			r.writers.map((w) => [w.name, w.stateCode]),
			[['SqlServerWriter', 8]],
		);
	});

	it('negative: one indented line that starts with `>` is left as it is', () => {
		const r = analyse("Writer name: 'SqlServerWriter'\n   Writer Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}\n   Writer Instance Id: {1e247a69-0781-4c5a-b4c2-8f87c195eea4}\n   State: [1] Stable\n   Last error: No error\n\n    > not a quote of a paste\n");
		assert.doesNotMatch(r.inputs.map((i) => i.formatReason).join(' '), /quotes under list items/);
	});
});

describe("wild18: a script's verbatim captures of two days (shadow storage full, then empty; one shadow copy, then none)", () => {
	const storage = (r: Report) => r.shadowStorage.map((s) => [s.forVolume, s.used, s.allocated, s.maximum, s.usedBytes, s.maximumPercent]);

	it('each day its own association: 1.93 of 2.00 GB used, then `0 bytes (0%)` under the same 2.00 GB ceiling; QL404', () => {
		const r = analyse(wild(STORAGE));
		assert.deepEqual(storage(r), [
			['C:', '1.93 GB (1%)', '2.00 GB (1%)', '2.00 GB (1%)', 2072321720, 1],
			['C:', '0 bytes (0%)', '0 bytes (0%)', '2.00 GB (1%)', 0, 1],
		]);
		assert.equal(r.shadows.length, 1);
		assert.deepEqual(codes(r), ['QL404']);
	});

	it('quoted, with CRLF, and the word for bytes in German, French or Japanese: the same figures', () => {
		for (const text of [quoted(wild(STORAGE)), crlf(wild(STORAGE))]) assert.deepEqual(storage(analyse(text))[1].slice(1, 4), ['0 bytes (0%)', '0 bytes (0%)', '2.00 GB (1%)']);
		for (const word of ['Bytes', 'octets', 'バイト']) {
			const r = analyse(wild(STORAGE).replace(/0 bytes \(0%\)/g, `0 ${word} (0%)`));
			assert.deepEqual(storage(r)[1].slice(3, 6), ['2.00 GB (1%)', 0, 1], word);
		}
	});
});

describe('wild18: a Chinese note whose writer block sits in a fence under a list item, double-spaced, its state in bold', () => {
	it('the Hyper-V VSS Writer [8] with Retryable error is read (QL201, 0x800423F3), as printed and quoted, with CRLF', () => {
		for (const text of [wild(ZH_NOTES), quoted(wild(ZH_NOTES)), crlf(wild(ZH_NOTES))]) {
			const r = analyse(text);
			assert.deepEqual(
				r.writers.map((w) => [w.name, w.stateCode, w.lastError]),
				[['Microsoft Hyper-V VSS Writer', 8, 'Retryable error']],
			);
			const f = r.findings.find((x) => x.code === 'QL201' && x.writers.includes('Microsoft Hyper-V VSS Writer'));
			assert.equal(f?.hresult, '0x800423F3');
		}
	});
});
