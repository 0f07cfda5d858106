import * as assert from 'assert/strict';
import { FORMATS } from '../../src/core/formats';
import { readLines } from '../../src/core/formats/lib/format';
import { analyzeText } from '../../src/core';

/** The format the registry picks for these lines, and what it reads. */
function pick(lines: string[]) {
	const format = FORMATS.find((f) => f.detect(lines));
	assert.ok(format, 'no format');
	return { id: format.id, result: readLines(format, 'p', lines) };
}

describe('vssadmin listings as pasted', () => {
	const banner = ['vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool', '(C) Copyright 2001-2013 Microsoft Corp.', ''];
	it('an empty list shadows, in English and Japanese, is a shadows listing, not a failed writers listing', () => {
		for (const sentence of ['No items found that satisfy the query.', 'クエリを満たす項目は見つかりませんでした。']) {
			const { id, result } = pick([...banner, sentence]);
			assert.equal(id, 'vssadmin-list-shadows');
			assert.deepEqual(result.facts.writerListings ?? [], []);
		}
	});
	it('an error after the banner is still a failed listing', () => {
		assert.equal(pick([...banner, 'Error: A Volume Shadow Copy Service component encountered an unexpected error.']).id, 'vssadmin-list-writers');
	});
	it('a writer block with no banner, no indentation and a blank line between every field', () => {
		const fields = ["Writer name: 'NTDS'", 'Writer Id: {b2014c9e-8711-4c5c-a5a9-3cf384484757}', 'Writer Instance Id: {08321e53-4032-44dc-9b03-7a1a15ad3eb8}', 'State:  [11]  Failed', 'Last error:   Non-retryable error'];
		const { id, result } = pick(fields.flatMap((f) => [f, '']));
		assert.equal(id, 'vssadmin-list-writers');
		assert.deepEqual(result.problems, []);
		assert.deepEqual(
			result.facts.writers?.map((w) => [w.name, w.stateCode]),
			[['NTDS', 11]],
		);
	});
	describe("a quote cut above its first writer's name line", () => {
		const ntds = ['   Writer Id: {b2014c9e-8711-4c5c-a5a9-3cf384484757}', '   Writer Instance Id: {08321e53-4032-44dc-9b03-7a1a15ad3eb8}', '   State: [11] Failed', '   Last error: Non-retryable error'];
		const system = ["Writer name: 'System Writer'", '   Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}', '   Writer Instance Id: {5cb1a3a6-2d97-4f4b-8b5c-5e8b1f3c4d2e}', '   State: [1] Stable', '   Last error: No error'];
		const states = (lines: string[]) => pick(lines).result.facts.writers?.map((w) => [w.name, w.stateCode]);
		it("a known writer's class id names the block the cut took the name of, in any display language", () => {
			assert.deepEqual(states(ntds), [['NTDS', 11]]);
			assert.deepEqual(states(ntds.slice(0, 3)), [['NTDS', 11]]);
			assert.deepEqual(states([...ntds, '', ...system]), [
				['NTDS', 11],
				['System Writer', 1],
			]);
			// German and Japanese labels: the shape and the class id, never the words.
			const german = ['   Verfasserkennung: {b2014c9e-8711-4c5c-a5a9-3cf384484757}', '   Verfasserinstanzkennung: {08321e53-4032-44dc-9b03-7a1a15ad3eb8}', '   Status: [11] Fehler', '   Letzter Fehler: Nicht wiederholbarer Fehler'];
			assert.deepEqual(states(german), [['NTDS', 11]]);
			const japanese = ['   ライター ID: {b2014c9e-8711-4c5c-a5a9-3cf384484757}', '   ライター インスタンス ID: {08321e53-4032-44dc-9b03-7a1a15ad3eb8}', '   状態: [11] 失敗', '   最後のエラー: 再試行できないエラー'];
			assert.deepEqual(states(japanese), [['NTDS', 11]]);
			assert.deepEqual(
				analyzeText([{ name: 'cut.txt', text: ntds.map((l) => `> ${l}`).join('\n') }]).writers.map((w) => [w.name, w.stateCode]),
				[['NTDS', 11]],
			);
		});
		it("an unknown writer's id (or an instance id) names nothing: no block is made up", () => {
			const unknown = ['   Writer Id: {0bada1de-aaaa-4bbb-8ccc-123456789abc}', ...ntds.slice(1)];
			assert.equal(
				FORMATS.find((f) => f.detect(unknown)),
				undefined,
			);
			assert.equal(
				FORMATS.find((f) => f.detect(ntds.slice(1))),
				undefined,
			);
			// A known class id not followed by an instance id and a state is no block either: read as before.
			const { id, result } = pick([ntds[0], 'some other line', '', ...system]);
			assert.equal(id, 'vssadmin-list-writers');
			assert.deepEqual(
				result.facts.writers?.map((w) => w.name),
				['System Writer'],
			);
		});
	});
	describe('an excerpt of a few writers is not a whole listing, so nothing is missing from it', () => {
		const exchange = (state: string) => [
			"Writer name: 'Microsoft Exchange Writer'",
			'   Writer Id: {76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}',
			'   Writer Instance Id: {e0ad4b68-8938-4be5-9b88-4c74df2b2d65}',
			`   State: ${state}`,
			'   Last error: Retryable error',
			'',
		];
		const excerpt = ['Here is the output of the writers from the failing server:', '', ...exchange('[9] Failed'), ...exchange('[1] Stable')];
		it('two blocks pasted with no header: an excerpt, and no System Writer finding (QL303)', () => {
			const [listing] = pick(excerpt).result.facts.writerListings ?? [];
			assert.equal(listing.whole, false);
			const report = analyzeText([{ name: 'ticket.txt', text: excerpt.join('\n') }]);
			// The stable block's "Retryable error" is an earlier failure (QL209), not the listing's no-error text.
			// (The same writer instance listed twice is two listings: the [9] is the state before, info: QL201's severity.)
			assert.deepEqual(
				report.findings.map((f) => [f.code, f.severity]),
				[
					['QL209', 'warning'],
					['QL201', 'info'],
				],
			);
		});
		it("the same blocks after vssadmin's header are the whole listing: the System Writer is missing (QL303)", () => {
			const [listing] = pick([...banner, ...exchange('[9] Failed')]).result.facts.writerListings ?? [];
			assert.equal(listing.whole, true);
			const report = analyzeText([{ name: 'writers.txt', text: [...banner, ...exchange('[9] Failed')].join('\n') }]);
			assert.ok(report.findings.some((f) => f.code === 'QL303'));
		});
		it('five writers or more are a whole listing even when the header was cut', () => {
			const names = ['System Writer', 'ASR Writer', 'WMI Writer', 'Registry Writer', 'COM+ REGDB Writer'];
			const blocks = names.flatMap((n, i) => [`Writer name: '${n}'`, `   Writer Id: {00000000-0000-0000-0000-00000000000${i}}`, `   Writer Instance Id: {10000000-0000-0000-0000-00000000000${i}}`, '   State: [1] Stable', '   Last error: No error', '']);
			assert.equal(pick(blocks).result.facts.writerListings?.[0].whole, true);
			assert.equal(pick(blocks.slice(0, 4 * 6)).result.facts.writerListings?.[0].whole, false);
		});
	});
});
