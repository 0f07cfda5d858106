import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { analyze, ORIGINS } from '../../src/core';
import { fixture } from './fixtures';
import { schemaErrors } from './reportSchema';

// Every fixture's report is validated against the schema in golden.test.ts, where it is analysed anyway.
describe('report schema', () => {
	it("an event's join reason: each kind with what it names, nothing else", () => {
		const report = JSON.parse(JSON.stringify(analyze([fixture('bundles', 'case-05-exchange-writer-retryable-ps51-utf16')])));
		const event = report.attempts[0].events[0];
		const valid = (join: unknown) => schemaErrors({ ...report, attempts: [{ ...report.attempts[0], events: [{ ...event, join }] }] }) === null;
		assert.ok(valid({ by: 'window', from: '2024-05-22T19:29:02.117Z', to: '2024-05-22T19:31:02.117Z' }));
		assert.ok(valid({ by: 'task', task: null }));
		assert.equal(valid({ by: 'window', from: '2024-05-22T19:29:02.117Z' }), false, 'a window without its end');
		assert.equal(valid({ by: 'opid' }), false, 'an opID join without the opID');
		assert.equal(valid({ by: 'vmx-log', opId: 'x' }), false, 'a field its kind does not have');
		assert.equal(valid({ by: 'guess' }), false);
	});

	it('an .evtx input carries its record counts, and the schema holds them to whole numbers', () => {
		const report = JSON.parse(JSON.stringify(analyze([fixture('formats', 'windows', 'wevtutil-epl-system.evtx')]))) as { inputs: Record<string, unknown>[] };
		const input = report.inputs[0];
		assert.deepEqual([input.records, input.recoveredRecords, input.unreadableRecords], [5, 0, 0]);
		assert.equal(schemaErrors(report), null);
		input.records = -1;
		assert.notEqual(schemaErrors(report), null);
		input.records = '5';
		assert.notEqual(schemaErrors(report), null);
	});

	it("each input names the side its format comes from, in the schema's words", () => {
		const report = JSON.parse(JSON.stringify(analyze([fixture('bundles', 'case-05-exchange-writer-retryable-ps51-utf16')]))) as { inputs: { format: string; origin: unknown }[] };
		assert.ok(report.inputs.some((i) => i.origin === 'guest-windows'));
		for (const i of report.inputs) assert.equal(i.origin === null, i.format === 'unknown' || i.format === 'archive', `${i.format}: ${String(i.origin)}`);
		const schemaOrigins = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'src', 'core', 'report', 'reportSchema.json'), 'utf8')) as { definitions: { input: { properties: { origin: { enum: unknown[] } } } } }).definitions.input
			.properties.origin.enum;
		assert.deepEqual(schemaOrigins, [...ORIGINS, null]);
		report.inputs[0].origin = 'guest';
		assert.match(schemaErrors(report) ?? '', /origin/);
	});

	it('rejects a report that breaks the contract', () => {
		const report = JSON.parse(JSON.stringify(analyze([fixture('listings', 'ja-cp932-sql-failed-at-freeze.txt')])));
		assert.equal(schemaErrors(report), null);
		report.findings[0].hresult = '0x800423f2'; // lower-case hex is not the contract's form
		assert.match(schemaErrors(report) ?? '', /hresult/);
	});
});
