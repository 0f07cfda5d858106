import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, analyzeText } from '../../src/core/analyze';

const LISTING = [
	'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool',
	'(C) Copyright 2001-2013 Microsoft Corp.',
	'',
	"Writer name: 'System Writer'",
	'   Writer Id: {e8132975-6f93-4464-a53e-1050253ae220}',
	'   Writer Instance Id: {eb6b4c30-aa48-486a-9618-0d1934d180ca}',
	'   State: [7] Failed',
	'   Last error: Retryable error',
	'',
];
const EVENT = [
	'Log Name:      System',
	'Source:        Volsnap',
	'Date:          09/27/2024 01:28:47',
	'Event ID:      36',
	'Task Category: None',
	'Level:         Error',
	'Description:',
	'The shadow copies of volume C: were aborted because the shadow copy storage could not grow due to a user imposed limit.',
];

describe('sections: a text no format claims as a whole is read section by section', () => {
	it('a ticket: prose, a vssadmin listing, then an event — one entry each, with the file path and line ranges', () => {
		const intro = ['Hi team,', 'the nightly backup failed again. Here is what I found on the server.', ''];
		// Pasted into a ticket as a Markdown quote: a paste is cut into sections even when one format claims its head.
		const text = [...intro, ...LISTING, ...EVENT].map((l) => `> ${l}`).join('\n');
		const report = analyzeText([{ name: 'ticket.txt', text }]);
		assert.deepEqual(
			report.inputs.map((i) => [i.path, i.format, i.section, i.lines]),
			[
				['ticket.txt', 'unknown', { firstLine: 1, lastLine: 3 }, 3],
				['ticket.txt', 'vssadmin-list-writers', { firstLine: 4, lastLine: 12 }, 9],
				['ticket.txt', 'windows-events-text', { firstLine: 13, lastLine: 20 }, 8],
			],
		);
		assert.equal(report.inputs[0].unparsedLines, 3);
		assert.match(report.inputs[0].formatReason, /^Markdown-quoted; prose: no log line/);
		const failed = report.writers.find((w) => w.failed);
		assert.equal(failed?.name, 'System Writer');
		// Evidence points at the file's own lines.
		assert.equal(failed?.stateSource?.line, 10);
	});

	it('an article: an error code and event lines, then a writer block under its caption and without its instance id', () => {
		const text = [
			'# Error code: 0x800423f3',
			'',
			'Event ID: 12290',
			'Source: VSS',
			'The writer experienced a transient error.',
			'',
			'# vssadmin output when the writer is failing:',
			"Writer name: 'Microsoft Exchange Writer'",
			'   Writer Id: {76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}',
			'   State: [8] Failed',
			'   Last error: Retryable error',
		].join('\n');
		const report = analyzeText([{ name: 'kb.txt', text }]);
		assert.deepEqual(
			report.inputs.map((i) => [i.format, i.section?.firstLine, i.unparsedLines]),
			[
				['backup-code-lines', 1, 3],
				['vssadmin-list-writers', 7, 1],
			],
		);
		assert.deepEqual(
			report.writers.map((w) => [w.name, w.stateCode, w.writerId]),
			[['Microsoft Exchange Writer', 8, '76fe1ac4-15f7-4bcd-987e-8e1acb462fb7']],
		);
		assert.deepEqual(report.findings.map((f) => f.code).sort(), ['QL201', 'QL550']);
	});

	it('a small file holding two formats (a ticket saved to disk) is cut into them like a paste', () => {
		withFile([...LISTING, ...EVENT], (report) =>
			assert.deepEqual(
				report.inputs.map((i) => i.format),
				['vssadmin-list-writers', 'windows-events-text'],
			),
		);
	});

	it('a file over 256 KiB one format claims, as written (no paste damage), is a log: read whole, with no section', () => {
		// 2,000 writer blocks (about 400 KB): a listing far bigger than any ticket, then the event's lines.
		const blocks = Array.from({ length: 2_000 }, (_, i) => LISTING.slice(3).map((l) => l.replace('System Writer', `Writer ${i}`))).flat();
		withFile([...LISTING.slice(0, 3), ...blocks, ...EVENT], (report) =>
			assert.deepEqual(
				report.inputs.map((i) => [i.format, i.section]),
				[['vssadmin-list-writers', undefined]],
			),
		);
	});

	it("a log's banner stays with its log before a listing: its UTC offset gives the records their instants", () => {
		const veeam = [
			'===================================================================',
			'Starting new log',
			'UTC offset: 1.00 hours',
			'',
			"[02.03.2024 21:04:14] <01> Info         Job session '0b3c9f2e-6a1d-4c55-9d2a-1f0e7b2c4d11' has been completed, status: 'Failed', '0 MB' of '40 GB' bytes, '1' of '1' tasks, '0' successful, '1' failed, details: ''",
			'',
		];
		const report = analyzeText([{ name: 'ticket.txt', text: [...veeam, ...LISTING].join('\n') }]);
		assert.deepEqual(
			report.inputs.map((i) => [i.format, i.section]),
			[
				['veeam-log', { firstLine: 1, lastLine: 6 }],
				['vssadmin-list-writers', { firstLine: 7, lastLine: 14 }],
			],
		);
		assert.equal(report.inputs[0].clock?.utcOffsetMinutes, 60);
	});

	it('error details past a blank line stay in their section; two vssadmin listings are two sections, each of its kind', () => {
		const details = ['Error Code: 0x81000019', '', 'Shadow copy creation failed because of error reported by System Writer. More info: Access is denied. (0x80070005).', ''];
		const one = analyzeText([{ name: 't.txt', text: [...details, ...LISTING].join('\n') }]);
		assert.deepEqual(
			one.inputs.map((i) => [i.format, i.section?.firstLine]),
			[
				['wsb-log', 1],
				['vssadmin-list-writers', 5],
			],
		);
		const providers = [
			'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool',
			'(C) Copyright 2001-2013 Microsoft Corp.',
			'',
			"Provider name: 'Microsoft Software Shadow Copy provider 1.0'",
			'   Provider type: System',
			'   Provider Id: {b5946137-7b9f-4925-af80-51abd60b20d5}',
			'   Version: 1.0.0.7',
			'',
		];
		const two = analyzeText([{ name: 't.txt', text: [...providers, ...LISTING].join('\n') }]);
		assert.deepEqual(
			two.inputs.map((i) => i.format),
			['vssadmin-list-providers', 'vssadmin-list-writers'],
		);
		assert.deepEqual([two.providers.length, two.writers.length], [1, 1]);
	});

	it('the same text given in memory (an editor, standard input) is a paste: cut into its formats', () => {
		const report = analyzeText([{ name: 'w.txt', text: [...LISTING, ...EVENT].join('\n') }]);
		assert.deepEqual(
			report.inputs.map((i) => i.format),
			['vssadmin-list-writers', 'windows-events-text'],
		);
	});
});

/** Analyses `lines` written to a file of their own in a fresh folder. */
function withFile(lines: string[], check: (report: ReturnType<typeof analyze>) => void): void {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-sections-'));
	try {
		fs.writeFileSync(path.join(dir, 'w.txt'), lines.join('\n'));
		check(analyze([dir]));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
