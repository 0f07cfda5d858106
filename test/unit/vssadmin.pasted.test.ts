import * as assert from 'assert/strict';
import { FORMATS } from '../../src/core/formats';
import { readLines } from '../../src/core/formats/lib/format';

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
		assert.deepEqual(result.facts.writers?.map((w) => [w.name, w.stateCode]), [['NTDS', 11]]);
	});
});
