import * as assert from 'assert/strict';
import * as fs from 'fs';
import Ajv from 'ajv';
import { analyze } from '../../src/core';
import schema from '../../src/core/report/reportSchema.json';
import { fixture, FIXTURES } from './fixtures';

describe('report schema: every fixture report validates against the shipped JSON Schema', () => {
	const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
	const targets = [
		...fs.readdirSync(fixture('listings')).map((f) => fixture('listings', f)),
		...fs.readdirSync(fixture('workspaces')).map((f) => fixture('workspaces', f)),
		FIXTURES,
	];
	for (const target of targets) {
		it(target.slice(FIXTURES.length + 1) || 'all fixtures', () => {
			// The golden reports are JSON test data, not evidence: reading 100 of them as text proves nothing more.
			const report = JSON.parse(JSON.stringify(analyze([target], { exclude: ['golden/**'] })));
			assert.ok(validate(report), JSON.stringify(validate.errors, null, 1));
		});
	}

	it('an .evtx input carries its record counts, and the schema holds them to whole numbers', () => {
		const report = JSON.parse(JSON.stringify(analyze([fixture('formats', 'windows', 'wevtutil-epl-system.evtx')]))) as { inputs: Record<string, unknown>[] };
		const input = report.inputs[0];
		assert.deepEqual([input.records, input.recoveredRecords, input.unreadableRecords], [5, 0, 0]);
		assert.ok(validate(report), JSON.stringify(validate.errors, null, 1));
		input.records = -1;
		assert.equal(validate(report), false);
		input.records = '5';
		assert.equal(validate(report), false);
	});

	it('the schema rejects a report that breaks the contract', () => {
		const report = JSON.parse(JSON.stringify(analyze([fixture('listings', 'ja-cp932-sql-failed-at-freeze.txt')])));
		report.findings[0].hresult = '0x800423f2'; // lower-case hex is not the contract's form
		assert.equal(validate(report), false);
	});
});
