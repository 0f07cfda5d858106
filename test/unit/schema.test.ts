import * as assert from 'assert/strict';
import { analyze } from '../../src/core';
import { fixture } from './fixtures';
import { schemaErrors } from './reportSchema';

// Every fixture's report is validated against the schema in golden.test.ts, where it is analysed anyway.
describe('report schema', () => {
	it('rejects a report that breaks the contract', () => {
		const report = JSON.parse(JSON.stringify(analyze([fixture('listings', 'ja-cp932-sql-failed-at-freeze.txt')])));
		assert.equal(schemaErrors(report), null);
		report.findings[0].hresult = '0x800423f2'; // lower-case hex is not the contract's form
		assert.match(schemaErrors(report) ?? '', /hresult/);
	});
});
