import * as assert from 'assert/strict';
import { chopLines } from '../lib/pasteStyles';
import { analyse, codes, crlf, finding, quoted, rewrapped, wild } from '../lib/wildText';

// Session 14 (wild38): Windows events as people paste them — a blog's copy with Operation and Context run into the
// message's line, KB 2009513's 12292 context, VSS 22/12292 logged while VSS only queried its providers, a writer's
// partial failure printed with its components' codes; test/fixtures/wild/README.md names each source.

const SYSTEM_WRITER = 'mslearn-archive-missing-system-writer-two-8193-one-line-context-cut.txt';
const SWPRV = 'mskb2009513-swprv-7023-vss-12292-11-0x80080005.txt';
const AZURE = 'jpwinsup-ja-vss-22-12292-0x80040154-hyperv-ic-provider-azure.txt';
const PARTIAL = 'netapp-smhv-es-partial-writer-error-8193-12293-revert-wrapped.txt';

/** The same 8193 as the blog's older copy prints it (blogs.msdn.com: indented, a blank line between the header's lines). */
const INDENTED = [
	'    Event Type: Error',
	'',
	'    Event Source: VSS',
	'',
	'    Event ID: 8193',
	'',
	'    Description: Volume Shadow Copy Service error: Unexpected error calling routine XML document is too long. hr = 0x80070018, The program issued a command but the command length is incorrect. . Operation: Writer Exposing its Metadata Context: Execution Context: Requestor Writer Instance ID: {636923A0-89C2-4823-ADEF-023A739B2515} Writer Class Id: {E8132975-6F93-4464-A53E-1050253AE220} Writer Name: System Writer',
].join('\n');

/** VSS 22 and 12292 in English as Windows prints them for the Hyper-V IC provider during a query (an event summary's messages). */
const QUERY_EN = [
	'Log Name:      Application',
	'Source:        VSS',
	'Event ID:      22',
	'Level:         Error',
	'Description:',
	'Volume Shadow Copy Service error: A critical component required by the Volume Shadow Copy service is not registered.',
	'This might happened if an error occurred during Windows setup or during installation of a Shadow Copy provider.',
	'The error returned from CoCreateInstance on class with CLSID {3e02620c-e180-44f3-b154-2473646e4cb8} and Name SW_PROV is [0x80040154, Class not registered',
	'].',
	'',
	'Operation:',
	'   Obtain a callable interface for this provider',
	'   List interfaces for all providers supporting this context',
	'   Query Shadow Copies',
	'',
	'Context:',
	'   Provider ID: {74600e39-7dc5-4567-a03b-f091d6c7b092}',
	'   Class ID: {3e02620c-e180-44f3-b154-2473646e4cb8}',
	'   Snapshot Context: -1',
	'   Snapshot Context: -1',
	'   Execution Context: Coordinator',
	'Log Name:      Application',
	'Source:        VSS',
	'Event ID:      12292',
	'Level:         Error',
	'Description:',
	'Volume Shadow Copy Service error: Error creating the Shadow Copy Provider COM class with CLSID {3e02620c-e180-44f3-b154-2473646e4cb8} [0x80040154, Class not registered',
	'].',
	'',
	'Operation:',
	'   Obtain a callable interface for this provider',
	'   List interfaces for all providers supporting this context',
	'   Query Shadow Copies',
	'',
	'Context:',
	'   Provider ID: {74600e39-7dc5-4567-a03b-f091d6c7b092}',
	'   Class ID: {3e02620c-e180-44f3-b154-2473646e4cb8}',
	'   Snapshot Context: -1',
	'   Snapshot Context: -1',
	'   Execution Context: Coordinator',
].join('\n');

describe('wild38: Windows event evidence as people paste it', () => {
	it("a blog's two 8193s, Operation and Context run into the message's line: one failed try of the System Writer, 0x80070018 with KB 3098315's advice", () => {
		const text = wild(SYSTEM_WRITER);
		const lines = text.split('\n');
		const variants = [text, quoted(text), crlf(text), rewrapped(text, 72), rewrapped(text, 76), rewrapped(text, 80), lines.slice(1).join('\n'), lines.slice(0, 5).join('\n'), INDENTED, ...[72, 76, 80].map((w) => chopLines(lines, w).join('\n'))];
		for (const t of variants) {
			const r = analyse(t);
			assert.equal(r.attempts.length, 1);
			const a = r.attempts[0];
			assert.equal(a.result, 'failed');
			assert.equal(a.hresult, '0x80070018');
			assert.deepEqual(a.writers, ['System Writer']);
			assert.deepEqual(codes(r), ['QL315']);
			const f = finding(r, 'QL315')!;
			assert.match(f.title, /System Writer failed with 0x80070018/);
			assert.match(f.fix, /KB 3098315/);
		}
		// The requester's CreateVssExamineWriterMetadata failing with VSS_E_UNEXPECTED under it is the same failure.
		assert.deepEqual(
			analyse(text).attempts[0].events.map((e) => e.line),
			[2, 7],
		);
	});

	it('the same in Japanese: the writer, the code and the advice in Japanese', () => {
		const f = finding(analyse(wild(SYSTEM_WRITER), 'ja'), 'QL315')!;
		assert.match(f.title, /System Writer/);
		assert.match(f.fix, /3098315/);
		assert.doesNotMatch(f.fix, /A writer listed more components/);
	});

	it('negatives: an unknown GUID and name run into the line name no writer; VSS_E_UNEXPECTED 25 lines away is a try of its own', () => {
		const unknown = wild(SYSTEM_WRITER).replace('{E8132975-6F93-4464-A53E-1050253AE220}', '{12345678-6F93-4464-A53E-1050253AE220}').replace('Writer Name: System Writer', 'Writer Name: Contoso Writer');
		const r = analyse(unknown.split('\n').slice(0, 5).join('\n'));
		assert.deepEqual(r.attempts[0].writers, []);
		assert.deepEqual(codes(r), ['QL317']);
		const lines = wild(SYSTEM_WRITER).split('\n');
		const apart = [...lines.slice(0, 5), ...Array<string>(25).fill('Another paragraph of the post.'), ...lines.slice(5)].join('\n');
		assert.equal(analyse(apart).attempts.length, 2);
	});

	it("KB 2009513's 12292: `Class ID: {00000000-…}`, `Snapshot Context: -1` between two provider ids is no writer named '-1'", () => {
		for (const t of [wild(SWPRV), crlf(wild(SWPRV))]) {
			const r = analyse(t);
			assert.equal(r.attempts.length, 1);
			const a = r.attempts[0];
			assert.equal(a.result, 'failed');
			assert.deepEqual(a.writers, []);
			assert.equal(a.failedComponent, null);
			// The system provider's class under the query context still fails every backup (the swprv fix stays).
			assert.deepEqual(codes(r), ['QL307', 'QL403']);
			assert.equal(finding(r, 'QL403')!.severity, 'error');
		}
	});

	it('VSS 22 and 12292 logged while VSS listed every provider for a query (context -1), a leftover provider: no failed try, two warnings saying so', () => {
		for (const t of [wild(AZURE), quoted(wild(AZURE)), crlf(wild(AZURE)), QUERY_EN, crlf(QUERY_EN)]) {
			const r = analyse(t);
			assert.equal(r.attempts.length, 0);
			assert.deepEqual(codes(r), ['QL304', 'QL403']);
			for (const f of r.findings) {
				assert.equal(f.severity, 'warning');
				assert.match(f.message, /listed every provider for a query \(snapshot context -1/);
				assert.doesNotMatch(f.message, /every shadow copy fails/);
			}
			assert.match(finding(r, 'QL403')!.message, /Hyper-V IC Software Shadow Copy Provider/);
			assert.match(finding(r, 'QL403')!.fix, /reg delete "HKLM\\SYSTEM\\CurrentControlSet\\Services\\VSS\\Providers\\\{74600e39-7dc5-4567-a03b-f091d6c7b092\}"/);
		}
		const ja = analyse(wild(AZURE), 'ja');
		assert.match(finding(ja, 'QL403')!.message, /スナップショット コンテキスト -1/);
		assert.doesNotMatch(finding(ja, 'QL403')!.message, /すべてのシャドウ コピーが失敗します/);
	});

	it("negatives: the same events under a backup's context (0), or naming the system provider's class, are a failed try", () => {
		const backup = QUERY_EN.replace(/Snapshot Context: -1/g, 'Snapshot Context: 0');
		const r = analyse(backup);
		assert.equal(r.attempts.length, 1);
		assert.equal(r.attempts[0].result, 'failed');
		assert.ok(r.findings.some((f) => f.severity === 'error'));
		const system = QUERY_EN.replace(/\{74600e39-7dc5-4567-a03b-f091d6c7b092\}/g, '{b5946137-7b9f-4925-af80-51abd60b20d5}');
		assert.equal(analyse(system).attempts[0]?.result, 'failed');
		// A -1 in the message's sentence is no context line.
		const sentence = QUERY_EN.replace(/ {3}Snapshot Context: -1\n/g, '').replace('Class not registered\n].', 'Class not registered, code: -1 in the text].');
		assert.equal(analyse(sentence).attempts[0]?.result, 'failed');
	});

	it("the writer's partial failure and its failed component's codes: one QL550 beside QL401, not one per code", () => {
		for (const t of [wild(PARTIAL), quoted(wild(PARTIAL)), crlf(wild(PARTIAL))]) {
			const r = analyse(t);
			assert.equal(r.attempts.length, 1);
			assert.deepEqual(codes(r), ['QL401', 'QL550']);
			assert.equal(finding(r, 'QL550')!.hresult, '0x80042336');
		}
		// A code far below the partial failure is a failure of its own, as its try is.
		const far = ['Writer returned failure code 0x80042336. Writer state is 5.', ...Array<string>(12).fill('some other line of the job'), 'Error: 0x8004230f'].join('\n');
		assert.equal(codes(analyse(far)).filter((c) => c === 'QL550').length, 2);
	});
});
