// The report as it crosses to the extension host (src/workers/reportText.ts): in pieces, parsed a piece per
// turn of the event loop, and the same report as one JSON round trip gives.
import * as assert from 'assert/strict';
import { analyze, type Report } from '../../src/core';
import { MessageChannel } from 'worker_threads';
import { buffersOf, listPieces, parsePieces, parseReportText, PIECE_ITEMS, reportBuffers, reportText, type ReportText } from '../../src/workers/reportText';
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

	it('crosses a thread boundary by transfer: the sender keeps no copy, the receiver parses the same report', async () => {
		const report = manyAttempts(2 * PIECE_ITEMS + 3);
		const text = reportText(report);
		const bytes = text.lists.flatMap((l) => l.pieces).reduce((n, p) => n + p.byteLength, 0);
		// Each piece's buffer is its own (not a slice of a shared pool), so moving it moves that piece only.
		assert.deepEqual(
			reportBuffers(text).map((b) => b.byteLength),
			text.lists.flatMap((l) => l.pieces.map((p) => p.byteLength)),
		);
		const { port1, port2 } = new MessageChannel();
		try {
			const arrived = new Promise<ReportText>((resolve) => port2.once('message', resolve));
			port1.postMessage(text, reportBuffers(text));
			const received = await arrived;
			assert.ok(bytes > 100_000);
			assert.ok(
				text.lists.every((l) => l.pieces.every((p) => p.byteLength === 0)),
				'the sent pieces are detached',
			);
			assert.equal(JSON.stringify(await parseReportText(received)), JSON.stringify(report));
		} finally {
			port1.close();
		}
	});

	it("a list's pieces (the attempts' rows) parse back in order into the list given", async () => {
		const rows = Array.from({ length: PIECE_ITEMS + 1 }, (_, i) => ({ id: `a${i + 1}`, note: i % 2 ? 'の' : null }));
		const pieces = listPieces(rows);
		assert.equal(buffersOf(pieces).length, 2);
		assert.deepEqual(await parsePieces(pieces, [{ id: 'a0', note: null }]), [{ id: 'a0', note: null }, ...rows]);
		assert.deepEqual(await parsePieces(listPieces([])), []);
	});

	it('a small report is one piece of text: nothing to wait for', async () => {
		const report = analyze([fixture('bundles')]);
		const text = reportText(report);
		assert.deepEqual(text.lists, []);
		assert.deepEqual(await parseReportText(text), JSON.parse(JSON.stringify(report)));
	});
});
