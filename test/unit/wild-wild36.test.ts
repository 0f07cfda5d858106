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
			assert.ok(f.evidence.some((e) => e.line === 33));
			// The 8193's context is `Execution Context: System Provider`, never the next event's message.
			for (const x of r.findings) assert.doesNotMatch(x.message, /context: System Provider, 'Error calling a routine/);
		}
	});

	it('the two events alone, cut from the page: 8193 (GetOverlappedResult, 0x80070057) and 12293 (RevertToSnapshot, 0x80042302) are both read', () => {
		const text = wild(PARTIAL);
		const events = text.slice(text.indexOf('Volume Shadow Copy Service error: Unexpected'), text.indexOf('* *Descripci'));
		for (const t of [events, crlf(events), quoted(events)]) {
			const r = analyse(t);
			assert.deepEqual(codes(r), ['QL317', 'QL401']);
			const routine = finding(r, 'QL317')!;
			assert.match(routine.title, /GetOverlappedResult with 0x80070057/);
			assert.deepEqual(
				routine.evidence.map((e) => e.line),
				[1],
			);
			const provider = finding(r, 'QL401')!;
			assert.match(provider.message, /VSS event 12293/);
			assert.deepEqual(
				provider.evidence.map((e) => e.line),
				[10],
			);
			// Known limit (README): untimed, with two codes, they are still two tries, not one.
			assert.equal(r.attempts.length, 2);
		}
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
});
