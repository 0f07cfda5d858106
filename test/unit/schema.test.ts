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

	it('an event\'s join reason: each kind with what it names, nothing else', () => {
		const report = JSON.parse(JSON.stringify(analyze([fixture('bundles', 'case-05-exchange-writer-retryable-ps51-utf16')])));
		const event = report.attempts[0].events[0];
		const valid = (join: unknown) => validate({ ...report, attempts: [{ ...report.attempts[0], events: [{ ...event, join }] }] });
		assert.ok(valid({ by: 'window', from: '2024-05-22T19:29:02.117Z', to: '2024-05-22T19:31:02.117Z' }));
		assert.ok(valid({ by: 'task', task: null }));
		assert.equal(valid({ by: 'window', from: '2024-05-22T19:29:02.117Z' }), false, 'a window without its end');
		assert.equal(valid({ by: 'opid' }), false, 'an opID join without the opID');
		assert.equal(valid({ by: 'vmx-log', opId: 'x' }), false, 'a field its kind does not have');
		assert.equal(valid({ by: 'guess' }), false);
	});

	it('the schema rejects a report that breaks the contract', () => {
		const report = JSON.parse(JSON.stringify(analyze([fixture('listings', 'ja-cp932-sql-failed-at-freeze.txt')])));
		report.findings[0].hresult = '0x800423f2'; // lower-case hex is not the contract's form
		assert.equal(validate(report), false);
	});
});
