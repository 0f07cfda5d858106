// Every renderer on a report whose lists follow the input: one attempt of 300,000 events and 200,000
// writers, named by the attempt, listed, and cited as evidence. A renderer that passes such a list as
// call arguments (`out.push(...lines)`, `Math.max(...xs)`) dies with "Maximum call stack size exceeded"
// (a 400 MB log did); ESLint bans the spread in the pipeline folders, this test holds the renderers to it.
import * as assert from 'assert/strict';
import { buildTimeline, jsonPieces, REPORT_SCHEMA, renderMarkdown, renderSarif, renderText, type AttemptEvent, type Evidence, type Report, type Writer } from '../../src/core';

const EVENTS = 300_000;
const WRITERS = 200_000;
const LISTING = 'guest/vssadmin-writers.txt';
const T0 = Date.UTC(2024, 2, 3, 17, 0, 0);

function hugeReport(): Report {
	const events: AttemptEvent[] = [];
	for (let i = 0; i < EVENTS; i++) {
		events.push({ time: new Date(T0 + i * 10).toISOString(), source: 'esxi/vmware.log', line: i + 1, kind: 'quiesce-state', severity: i % 1000 === 0 ? 'error' : 'info', text: `line ${i}` });
	}
	const writers: Writer[] = [];
	const names: string[] = [];
	const evidence: Evidence[] = [];
	for (let i = 0; i < WRITERS; i++) {
		const name = `Writer ${i}`;
		names.push(name);
		evidence.push({ path: LISTING, line: i + 1, text: `Writer name: '${name}'` });
		writers.push({
			name,
			writerId: null,
			instanceId: null,
			stateCode: 9,
			state: null,
			stateText: 'Failed',
			stateLine: null,
			stateSource: null,
			lastError: 'Timed out',
			lastErrorHresult: '0x800423F2',
			hasLastError: true,
			failed: true,
			service: null,
			source: { path: LISTING, line: i + 1 },
			nameLine: `Writer name: '${name}'`,
			listing: LISTING,
		});
	}
	// A logged line with more backtick runs than a call takes arguments (the Markdown code span measures them).
	evidence[0].text = '`x'.repeat(WRITERS);
	return {
		schema: REPORT_SCHEMA,
		tool: { name: 'quiesce-lens', version: '0.1.0' },
		root: 'huge',
		hypervisor: 'vmware',
		inputs: [{ path: LISTING, format: 'vssadmin-list-writers', origin: 'guest-windows', formatReason: 'test', encoding: 'utf-8', eol: 'LF', lines: WRITERS, unparsedLines: 0, clock: null, problems: [] }],
		writerListings: [{ path: LISTING, status: 'ok', count: WRITERS, errorText: null, errorLine: null, errorFirstLine: null, headerLine: null, whole: true }],
		writers,
		providers: [],
		shadows: [],
		shadowStorage: [],
		volumes: [],
		attempts: [
			{
				id: 'a1',
				vm: 'VM',
				snapshotName: 'nightly',
				opId: null,
				task: null,
				quiesced: true,
				start: new Date(T0).toISOString(),
				end: new Date(T0 + EVENTS * 10).toISOString(),
				result: 'failed',
				consistency: 'none',
				consistencyEvidence: ['failed'],
				fallbackOf: null,
				vmbackupStatus: 5,
				guestOperation: null,
				guestMessage: null,
				hresult: '0x800423F2',
				hresultName: 'VSS_E_WRITERERROR_TIMEOUT',
				fault: null,
				quiesceStates: [],
				quiesceMs: null,
				freezeMs: null,
				windows: [],
				phases: [],
				stunUs: null,
				writers: names,
				events,
				requester: 'VMware Tools',
				kind: 'host-snapshot',
				failedPhase: null,
				failedComponent: null,
			},
		],
		findings: [
			{
				id: 'QL201-a1-00000000',
				code: 'QL201',
				severity: 'error',
				title: 'Writers failed',
				message: `${WRITERS} writers failed`,
				attemptId: 'a1',
				writers: names,
				hresult: '0x800423F2',
				kb: [],
				fix: names.map((n, i) => `${i + 1}. Restart ${n}.`).join('\n'),
				evidence,
			},
		],
	};
}

describe('renderers on a report whose lists follow the input (no stack overflow)', function () {
	this.timeout(120_000);
	const report = hugeReport();

	it('text', () => {
		assert.ok(renderText(report).includes(`events (${EVENTS}):`));
	});

	it('markdown', () => {
		assert.ok(renderMarkdown(report).includes(`Writer ${WRITERS - 1}`));
	});

	it('sarif', () => {
		assert.ok(renderSarif(report).length > 0);
	});

	it('json pieces', () => {
		let chars = 0;
		for (const piece of jsonPieces(report)) chars += piece.length;
		assert.ok(chars > EVENTS);
	});

	it('timeline', () => {
		const model = buildTimeline(report, report.attempts[0]);
		assert.equal(
			model.lanes.reduce((n, l) => n + l.events.length, 0),
			EVENTS,
		);
	});
});
