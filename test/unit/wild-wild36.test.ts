import * as assert from 'assert/strict';
import type { Report } from '../../src/core/model/report';
import { analyse, codes, crlf, finding, quoted, wild } from '../lib/wildText';

// Session 13 (wild36): VSS events as vendors' localized pages quote them (NetApp SnapManager for Hyper-V's Spanish
// troubleshooting pages: AsciiDoc, English messages under Spanish headings, wrapped at a narrow width, the service's
// prefix sometimes left out); test/fixtures/wild/README.md names each source.

const PARTIAL = 'netapp-smhv-es-partial-writer-error-8193-12293-revert-wrapped.txt';
const CALLBACK = 'netapp-smhv-es-8194-ivsswritercallback-no-prefix-benign.txt';
const ISCSI = 'netapp-smhv-es-iscsi-target-provider-12292-access-denied-benign.txt';
const INCONSISTENCY = 'netapp-smhv-es-vss-12302-internal-inconsistency-kb940184.txt';
const LUN = 'netapp-smhv-es-vss-12362-lun-did-not-arrive-ontap-hardware-provider.txt';
const CSV = 'netapp-smhv-es-failover-clustering-5121-csv-redirected-benign.txt';

/** The lines of the report's evidence, every finding's. */
const evidenceLines = (r: Report): number[] => r.findings.flatMap((f) => f.evidence.map((e) => e.line));

describe("wild36: VSS messages quoted on vendors' localized pages", () => {
	it("two message-only events one after the other: the 12293 a page wrapped at a narrow width is its own event, not the 8193's context", () => {
		for (const text of [wild(PARTIAL), quoted(wild(PARTIAL)), crlf(wild(PARTIAL))]) {
			const r = analyse(text);
			const f = finding(r, 'QL401')!;
			assert.ok(f, 'the provider failure is read');
			// 12293 names the provider routine that failed (RevertToSnapshot): its own event, its own line.
			assert.match(f.message, /VSS event 12293/);
			assert.ok(f.evidence.some((e) => e.line === 42 && /Error calling a routine on a Shadow/.test(e.text)));
			// The 8193's context is `Execution Context: System Provider`, never the next event's message.
			for (const x of r.findings) assert.doesNotMatch(x.message, /context: System Provider, 'Error calling a routine/);
		}
	});

	it("the writer's partial failure and its failed component's codes, with the host's two VSS events, are one failed try", () => {
		for (const text of [wild(PARTIAL), quoted(wild(PARTIAL)), crlf(wild(PARTIAL))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			const a = r.attempts[0];
			assert.equal(a.result, 'failed');
			assert.equal(a.hresult, '0x80042336');
			assert.deepEqual(
				a.events.map((e) => e.line),
				[15, 21, 22, 33, 42],
			);
			assert.ok(r.findings.every((f) => f.attemptId === a.id));
		}
	});

	it('the two events alone, cut from the page: 8193 (GetOverlappedResult, 0x80070057) inside the provider and 12293 (RevertToSnapshot, 0x80042302) are one call, one try', () => {
		const text = wild(PARTIAL);
		const events = text.slice(text.indexOf('Volume Shadow Copy Service error: Unexpected'), text.indexOf('* *Descripci'));
		for (const t of [events, crlf(events), quoted(events)]) {
			const r = analyse(t);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].result, 'failed');
			assert.deepEqual(codes(r), ['QL401']);
			const f = finding(r, 'QL401')!;
			assert.match(f.message, /VSS event 12293/);
			assert.deepEqual(
				f.evidence.map((e) => e.line).sort((x, y) => x - y),
				[1, 10],
			);
		}
	});

	it('negatives: a partial failure does not take a code far below it, and two VSS events of different operations stay two tries', () => {
		const far = ['Writer returned failure code 0x80042336. Writer state is 5.', ...Array<string>(12).fill('some other line of the job'), 'Error: 0x8004230f'].join('\n');
		assert.equal(analyse(far).attempts.length, 2);
		const two = [
			'Volume Shadow Copy Service error: Unexpected error calling routine GetOverlappedResult.  hr = 0x80070057, The parameter is incorrect.',
			'',
			'Operation:',
			'   Revert a Shadow Copy',
			'',
			'Context:',
			'   Execution Context: System Provider',
			'',
			'Volume Shadow Copy Service error: Error calling a routine on a Shadow Copy Provider {b5946137-7b9f-4925-af80-51abd60b20d5}. Routine details PreFinalCommitSnapshots [hr = 0x80042302, A Volume Shadow Copy Service component encountered an unexpected error.].',
			'',
			'Operation:',
			'   Executing Asynchronous Operation',
			'',
			'Context:',
			'   Execution Context: Coordinator',
		].join('\n');
		assert.equal(analyse(two).attempts.length, 2);
	});

	it('a wrapped VSS message that never reaches a code stays the text after the event, and prose is never read as a message', () => {
		const text = [
			'Volume Shadow Copy Service error: Unexpected error calling routine',
			'GetOverlappedResult.  hr = 0x80070057, The parameter is incorrect.',
			'',
			'Volume Shadow Copy Service error: Error calling a routine on a Shadow',
			'Copy Provider',
			'{b5946137-7b9f-4925-af80-51abd60b20d5}. Routine details',
			'RevertToSnapshot',
			'(the rest of the message was not copied)',
		].join('\n');
		const r = analyse(text);
		assert.equal(r.attempts.length, 1);
		assert.doesNotMatch(finding(r, 'QL401')?.message ?? '', /VSS event 12293/);
		// Paragraphs of prose that only name the provider's routine start no event.
		const prose = ['The provider failed while', 'calling a routine', 'RevertToSnapshot', 'hr = 0x80042302 was logged', 'by the service.'].join('\n');
		assert.equal(analyse(prose).findings.filter((f) => /VSS event 12293/.test(f.message)).length, 0);
	});

	it("8194 copied without the service's prefix (`Unexpected error querying for the IVssWriterCallback interface. hr = 0x80070005`) is still VSS 8194", () => {
		for (const text of [wild(CALLBACK), quoted(wild(CALLBACK)), crlf(wild(CALLBACK))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].hresult, '0x80070005');
			assert.deepEqual(codes(r), ['QL317']);
			const f = finding(r, 'QL317')!;
			assert.match(f.title, /IVssWriterCallback/);
			assert.match(f.message, /VSS event 8194/);
			assert.match(f.fix, /dcomcnfg/);
		}
		// The German message (Duplicati #1297) without its prefix: the interface's name and the HRESULT, never translated.
		const de = analyse('Beim Abfragen nach der Schnittstelle "IVssWriterCallback" ist ein unerwarteter Fehler aufgetreten. hr = 0x80070005, Zugriff verweigert');
		assert.match(finding(de, 'QL317')?.message ?? '', /VSS event 8194/);
	});

	it('negatives: IVssWriterCallback in a sentence far from its start, or with no HRESULT, is no 8194', () => {
		const far = analyse('After the upgrade the backup program calls CoInitializeSecurity first, so that writers can reach its IVssWriterCallback interface; hr = 0x80070005 is gone.');
		assert.ok(!far.findings.some((f) => /VSS event 8194/.test(f.message)));
		const none = analyse('Unexpected error querying for the IVssWriterCallback interface.');
		assert.ok(!none.findings.some((f) => /VSS event 8194/.test(f.message)));
	});

	it("unchanged: the iSCSI Target provider's errors a page calls harmless make no try; 12302 keeps its COM+ reading (KB 940184)", () => {
		const iscsi = analyse(wild(ISCSI));
		assert.equal(iscsi.attempts.length, 0);
		assert.deepEqual(codes(iscsi), []);
		const inc = analyse(wild(INCONSISTENCY));
		assert.deepEqual(codes(inc), ['QL304']);
		assert.match(finding(inc, 'QL304')!.message, /VSS event 12302/);
		assert.ok(evidenceLines(inc).includes(9));
	});

	it("12362 message-only (a hardware provider's LUN that never arrived, its descriptor dumped): a failed try, QL401 naming the provider, the LUN fix", () => {
		for (const text of [wild(LUN), quoted(wild(LUN)), crlf(wild(LUN))]) {
			const r = analyse(text);
			assert.equal(r.attempts.length, 1);
			assert.equal(r.attempts[0].result, 'failed');
			assert.deepEqual(codes(r), ['QL401']);
			const f = finding(r, 'QL401')!;
			assert.match(f.title, /'Data ONTAP VSS Hardware Provider' \{ddd3d232-a96f-4ac5-8f7b-250fd91fd102\}/);
			assert.match(f.message, /VSS event 12362/);
			assert.match(f.fix, /snapshot LUN to this host/);
			// The provider the backup uses is not one to uninstall.
			assert.doesNotMatch(f.fix, /Uninstall/);
			assert.deepEqual(
				f.evidence.map((e) => e.line),
				[14],
			);
		}
		// In Japanese: the same reading, the fix in Japanese.
		const ja = finding(analyse(wild(LUN), 'ja'), 'QL401')!;
		assert.match(ja.fix, /LUN がこのホストに届きませんでした/);
		// Cut to the event alone, its indented context kept.
		const text = wild(LUN);
		const cut = text.slice(text.indexOf('A Shadow Copy LUN'), text.indexOf('----\n* *Acci'));
		assert.deepEqual(codes(analyse(cut)), ['QL401']);
	});

	it("negatives: a LUN sentence without the descriptor's values, or descriptor values far from any LUN, is no 12362; a CSV redirected during a VSS backup (5121) is no try", () => {
		const words = analyse('A Shadow Copy LUN was not detected in the system and did not arrive.\n\nPlease check the storage.');
		assert.equal(words.attempts.length, 0);
		const far = ['The LUN was mapped.', '', ...Array<string>(10).fill('a line of the job'), 'Version 0x0000000000000001', 'Device Type 0x0000000000000000', 'Bus Type 0x0000000000000006'].join('\n');
		assert.equal(analyse(far).attempts.length, 0);
		const csv = analyse(wild(CSV));
		assert.equal(csv.attempts.length, 0);
		assert.deepEqual(codes(csv), []);
	});
});
