import * as assert from 'assert/strict';
import { analyzeText } from '../../src/core';
import type { Report } from '../../src/core/model/report';

// Session 6 (wild4): Windows and ESXi evidence in odd containers. Each case is built from the shape of a real
// published excerpt (test/fixtures/wild/README.md names each source), with variants of what a paste does to it.

const analyse = (text: string, locale?: 'en' | 'ja'): Report => analyzeText([{ name: 'paste.txt', text }], locale ? { locale } : {});
const codes = (r: Report) => r.findings.map((f) => f.code).sort();
const formats = (r: Report) => r.inputs.map((i) => i.format);

describe('wild4: a vSphere message under prose in one paragraph', () => {
	// open-vm-tools #180: two short lines of the reporter's prose, then the host's message, no blank line between.
	const COMMENT = ['i just try and it fails. ', 'on the esx i have the message', 'The guest OS has reported an error during quiescing'];

	it("points its evidence at the message's line, not the paragraph's first", () => {
		const r = analyse(['VMware ESXi, 6.0.0, 5050593', '', ...COMMENT].join('\n'));
		assert.deepEqual(formats(r), ['vmware-product-quiesce']);
		assert.equal(r.attempts[0].result, 'failed');
		assert.deepEqual(codes(r), ['QL112']);
		const f = r.findings[0];
		assert.equal(f.evidence[0].line, 5);
		assert.match(f.evidence[0].text, /^The guest OS has reported/);
	});

	it('quoted in Markdown with CRLF: the same line', () => {
		const r = analyse(COMMENT.map((l) => `> ${l}`).join('\r\n'));
		assert.equal(r.findings.find((x) => x.code === 'QL112')!.evidence[0].line, 3);
	});

	it('negative: a message hard-wrapped at its width keeps its first line (every line is part of it)', () => {
		const wrapped = ['Warning message from ESXi: the guest OS has reported an error during', 'quiescing. Error code was: 2 the error message was: custom quiesce script', 'failed.'];
		const r = analyse(wrapped.join('\n'));
		assert.deepEqual(
			r.findings.map((f) => f.evidence[0].line),
			r.findings.map(() => 1),
		);
		// A Japanese client's message, wrapped by columns (a wide character fills two): its first line too.
		const ja = ['仮想マシンの静止中にエラーが発生しました。詳細については、仮想マシンのイベ', "ント ログを参照してください。'VssSyncStart' operation failed: IDispatch", 'error #8451 (0x80042303)'];
		assert.ok(analyse(ja.join('\n')).findings.every((f) => f.evidence.every((e) => e.line === 1)));
	});
});

describe("wild4: an Exchange writer's own error events, with or without their header", () => {
	// superwidgets.wordpress.com: `EventId 2034 – MSExchangeRepl – …` printed without its level.
	const REPL = 'EventId 2034 – MSExchangeRepl – The Microsoft Exchange Replication service VSS Writer when processing the backup completion event.';

	it('MSExchangeRepl 2034 without a level is the error its source always logs: the Exchange writer failed (QL208)', () => {
		const r = analyse(REPL);
		assert.deepEqual(formats(r), ['windows-events-pasted']);
		assert.deepEqual(codes(r), ['QL208']);
		assert.deepEqual(r.findings[0].writers, ['Microsoft Exchange Writer']);
		assert.match(r.findings[0].title, /MSExchangeRepl event 2034/);
		assert.equal(r.attempts[0].result, 'failed');
	});

	it('with `Event ID:`, ASCII hyphens and CRLF, in a Japanese report: the same finding, its meaning in Japanese', () => {
		const r = analyse(`Event ID: 2034 - MSExchangeRepl - The Microsoft Exchange Replication service VSS Writer (Id: {76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}) failed with error 80070015 when processing the backup completion event.\r\n`, 'ja');
		assert.deepEqual(codes(r), ['QL208']);
		assert.match(r.findings[0].title, /バックアップ完了/);
	});

	// KB 910250 / KB 933779 (Exchange 2003): MSExchangeIS 9607 and 9611 in the Event Type / Event Source layout.
	it("MSExchangeIS 9607 and 9611 with their headers name the Exchange writer's failure", () => {
		const kb = ['Event Type: Error', 'Event Source: MSExchangeIS', 'Event Category: Exchange VSS Writer', 'Event ID: 9607', 'Description: Error code 0x50d when preparing for backup.'];
		const r = analyse(kb.join('\n'));
		assert.deepEqual(codes(r), ['QL208']);
		assert.match(r.findings[0].title, /preparing for backup/);
	});

	it('negative: an id the source does not document as an error, without a level, states no failure', () => {
		const r = analyse('EventId 2021 – MSExchangeRepl – The Microsoft Exchange Replication service VSS Writer has successfully collected the metadata document in preparation for backup.');
		assert.deepEqual(codes(r), []);
		assert.ok(r.attempts.every((a) => a.result !== 'failed'));
	});
});
