import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 11 (wild27): documentation that lists possible codes, each row pairing one code with its meaning (a
// protocol's error table, a help desk's table, a guide's list), is no run: no try per row, each code still
// explained. A page quoting one failure (a stamped line, an event copy) keeps its try. Sources in
// test/fixtures/wild/README.md.

const FSRVP = 'msfsrvp-2-2-4-error-codes-table-one-cell-per-line.txt';
const ITKB = 'itkb-tier1-previous-versions-common-error-codes-table.txt';
const ASR_JA = 'azuredocs-ja-asr-hyperv-vss-snapshot-set-0x800700ea-table.txt';
const SPEC = 'task-spec-powershell-vss-snapshot-error-handling-table.txt';
const LEJ = 'lej77-vss-rs-errors-md-method-return-constants.txt';

const hresults = (r: Report): string[] =>
	r.findings
		.map((f) => f.hresult)
		.filter((h): h is string => h !== null && h !== undefined)
		.sort();
const tries = (r: Report) => JSON.stringify(r.attempts.map((a) => [a.result, a.hresult, a.events.map((e) => e.line)]));

describe('wild27: a page listing codes with their meanings is no run', () => {
	it('MS-FSRVP 2.2.4: its error table, one cell per line (`(0x8004230DL)` with C’s suffix): no try, each code explained', () => {
		for (const text of [wild(FSRVP), quoted(wild(FSRVP)), crlf(wild(FSRVP))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0, tries(r));
			assert.ok(hresults(r).includes('0x80042316') && hresults(r).includes('0x8004230C'), hresults(r).join(','));
			assert.match(finding(r, 'QL550')!.message, /VSS_E_/);
		}
	});

	it('a help desk article’s “Common Error Codes” table (a row naming an event id among them): no try, the provider code still QL401', () => {
		for (const text of [wild(ITKB), quoted(wild(ITKB)), crlf(wild(ITKB))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0, tries(r));
			assert.ok(finding(r, 'QL401'), codes(r).join(','));
		}
	});

	it('a task spec’s “Error Handling” table under a Pester test (a row `Access denied` among the codes): no try, the codes explained', () => {
		for (const text of [wild(SPEC), quoted(wild(SPEC)), crlf(wild(SPEC))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0, tries(r));
			assert.ok(hresults(r).includes('0x8004230F') && hresults(r).includes('0x80042316'), hresults(r).join(','));
		}
	});

	it('a Rust crate’s errors.md: each IVssBackupComponents method with its return constants, each over its meaning: no try', () => {
		for (const text of [wild(LEJ), quoted(wild(LEJ)), crlf(wild(LEJ))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0, tries(r));
			assert.ok(hresults(r).includes('0x80042302'), hresults(r).join(','));
		}
	});

	it('Azure Site Recovery’s Japanese table (earlier read as two tries): no try, both codes named', () => {
		const r = analyse(wild(ASR_JA));
		assert.equal(r.attempts.length, 0, tries(r));
		assert.deepEqual(hresults(r), ['0x80070032', '0x800700EA']);
	});

	// Shapes of the same family in other languages and layouts: the rows' structure decides, not their words.
	const JA_TABLE = ['| エラー コード | 説明 |', '|---|---|', '| 0x8004230F | シャドウ コピー プロバイダーで予期しないエラーが発生しました |', '| 0x80042313 | シャドウ コピー プロバイダーのフリーズがタイムアウトしました |', ''].join('\n');
	const ZH_LIST = ['常见错误码：', '1. 0x8004230f：卷影复制提供程序发生意外错误。', '2. 0x800423f2：编写器在冻结和解冻之间超时。', ''].join('\n');
	const EN_CONSTANTS = ['| Return code | Description |', '| VSS_E_PROVIDER_VETO (0x80042306) | The provider returned an unexpected error. |', '| VSS_E_INSUFFICIENT_STORAGE (0x8004231F) | Not enough shadow storage. |', ''].join('\n');
	const CONSTANTS_ALONE = ['AbortBackup', '', '    VSS_E_BAD_STATE', '', '        The backup components object is not initialized.', '', '    VSS_E_UNEXPECTED', '', '        Unexpected error.', ''].join('\n');
	const EN_WRAPPED = ['0x80042306', 'The provider was unable to perform the request at this time.', '', '0x8004230F', 'The provider had an unexpected error.', ''].join('\n');

	it('variants: a Japanese table, a Chinese numbered list, constant-then-code rows, code then meaning on the next line: no try', () => {
		for (const text of [JA_TABLE, ZH_LIST, EN_CONSTANTS, CONSTANTS_ALONE, EN_WRAPPED, crlf(quoted(ZH_LIST)), quoted(JA_TABLE)]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 0, `${text}\n${tries(r)}`);
			assert.ok(r.findings.length > 0, `${text}: the codes are still explained`);
		}
	});

	it('a table cut to one row (its first and last lines not selected): still a table’s row, no try', () => {
		for (const file of [ASR_JA, ITKB]) {
			const lines = wild(file).split('\n');
			const r = analyse(lines.slice(1, -2).join('\n'));
			assert.equal(r.attempts.length, 0, `${file}: ${tries(r)}`);
		}
	});

	it('negative: one code-led line is one failure told (one try)', () => {
		const r = analyse('0x8004230f - the backup fails every night, what does this mean?\n');
		assert.equal(r.attempts.length, 1, tries(r));
		assert.equal(r.attempts[0].result, 'failed');
	});

	it('negative: a log’s lines putting the code after their words stay two tries', () => {
		const text = ['ERROR: snapshot of C: failed with 0x8004231f', 'ERROR: snapshot of D: failed with 0x800423f2', ''].join('\n');
		assert.equal(analyse(text).attempts.length, 2);
	});

	it('negative: a table beside one quoted failure (a stamped line, an event copy) keeps that failure’s try', () => {
		const stamped = `${EN_WRAPPED}\n2024-03-01 02:00:13 ERROR VSS snapshot failed: 0x80042306\n`;
		const event = [
			JA_TABLE,
			'Log Name:      Application',
			'Source:        VSS',
			'Date:          3/1/2024 2:00:13 AM',
			'Event ID:      12293',
			'Level:         Error',
			'Description:',
			'Volume Shadow Copy Service error: Error calling a routine on a Shadow Copy Provider {b5946137-7b9f-4925-af80-51abd60b20d5}. Routine details PreFinalCommitSnapshots({f5f1d0c5-3e3a-4f44-9fa5-2a1ab0f8a0a1}, 1) [hr = 0x80042302, A Volume Shadow Copy Service component encountered an unexpected error.',
			'',
		].join('\n');
		for (const text of [stamped, event, crlf(quoted(event))]) {
			const r = analyse(text);
			assert.ok(r.attempts.length >= 1, `${text}\n${tries(r)}`);
			assert.ok(
				r.attempts.some((a) => a.result === 'failed'),
				tries(r),
			);
		}
	});
});
