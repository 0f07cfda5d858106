import * as assert from 'assert/strict';
import { analyzeText } from '../../src/core';

const LISTING = [
	"Writer name: 'System Writer'",
	'   Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}',
	'   Writer Instance Id: {a86d9ae8-d2f3-53df-9ea8-cd88fa7524ad}',
	'   State: [1] Stable',
	'   Last error: No error',
	'',
	"Writer name: 'SqlServerWriter'",
	'   Writer Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}',
	'   Writer Instance Id: {8a3e1a7c-2f3b-4d55-9b7e-1c2d3e4f5a6b}',
	'   State: [9] Failed',
	'   Last error: Timed out',
	'',
].join('\n');

describe('analyzeText: a selection keeps the lines of the editor it came from', () => {
	it('every line the report names for the text moves by the selection\'s first line', () => {
		const whole = analyzeText([{ name: 'Untitled-1', text: LISTING }]);
		const selected = analyzeText([{ name: 'Untitled-1', text: LISTING, firstLine: 21 }]);
		const lines = (r: typeof whole) => [
			...r.writers.map((w) => w.source.line),
			...r.findings.flatMap((f) => f.evidence.filter((e) => e.path === 'Untitled-1').map((e) => e.line)),
		];
		assert.ok(lines(whole).length >= 3, 'writers and evidence name lines');
		assert.deepEqual(lines(selected), lines(whole).map((l) => l + 20));
		assert.equal(selected.writers.find((w) => w.failed)?.source.line, 27);
		// Nothing else changes.
		const strip = (r: typeof whole) => JSON.stringify(r).replace(/"line":\d+/g, '');
		assert.equal(strip(selected), strip(whole));
	});

	it('a text whose name has a backslash is named with / and still moves', () => {
		const r = analyzeText([{ name: 'tickets\\4711.txt', text: LISTING, firstLine: 3 }]);
		assert.equal(r.inputs[0].path, 'tickets/4711.txt');
		assert.equal(r.writers.find((w) => w.failed)?.source.line, 9);
	});
});
