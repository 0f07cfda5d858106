// The report as it crosses to the extension host (src/workers/reportText.ts): in pieces, parsed a piece per
// turn of the event loop, and the same report as one JSON round trip gives.
import * as assert from 'assert/strict';
import { analyze, type Report } from '../../src/core';
import { parseReportText, PIECE_ITEMS, reportText } from '../../src/workers/reportText';
import { fixture } from './fixtures';

/** A report with `n` attempts: the fixture bundles' attempts repeated with new ids. */
function manyAttempts(n: number): Report {
	const report = analyze([fixture('bundles')]);
	const base = report.attempts;
	report.attempts = Array.from({ length: n }, (_, i) => ({ ...base[i % base.length], id: `a${i + 1}` }));
	return report;
}

describe('the report crossing to the host in pieces', () => {
	it('gives back the report a single JSON round trip gives, key order included', async () => {
		const report = manyAttempts(3 * PIECE_ITEMS + 7);
		const back = await parseReportText(reportText(report));
		assert.equal(JSON.stringify(back), JSON.stringify(report));
	});

	it('cuts long lists in pieces of PIECE_ITEMS and parses one piece per turn', async () => {
		const report = manyAttempts(2 * PIECE_ITEMS + 1);
		const text = reportText(report);
		assert.deepEqual(
			text.lists.map((l) => [l.key, l.pieces.length]),
			[['attempts', 3]],
		);
		let turns = 0;
		const back = await parseReportText(text, async () => {
			turns++;
		});
		assert.equal(turns, 3);
		assert.equal(back.attempts.length, 2 * PIECE_ITEMS + 1);
	});

	it('a small report is one piece of text: nothing to wait for', async () => {
		const report = analyze([fixture('bundles')]);
		const text = reportText(report);
		assert.deepEqual(text.lists, []);
		assert.deepEqual(await parseReportText(text), JSON.parse(JSON.stringify(report)));
	});
});
