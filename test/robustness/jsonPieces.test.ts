// The CLI writes the JSON report in pieces: joined, they must be JSON.stringify(report, null, 2) exactly.
import * as assert from 'assert/strict';
import * as fc from 'fast-check';
import { analyze, jsonPieces } from '../../src/core';
import { fixture } from '../unit/fixtures';
import { fuzzParams } from '../lib/fuzz';

const joined = (v: unknown) => [...jsonPieces(v)].join('');

describe('jsonPieces', () => {
	it('is JSON.stringify(report, null, 2) for the reports of the sample bundles, in more than one piece', () => {
		const report = analyze([fixture('bundles')]);
		assert.equal(joined(report), JSON.stringify(report, null, 2));
		assert.ok([...jsonPieces(report)].length > report.attempts.length + report.inputs.length);
	});

	it('is JSON.stringify(value, null, 2) for any JSON value and for what JSON leaves out', () => {
		const odd = fc.constantFrom(undefined, () => 1, Symbol('s'), new Date(0), [], {}, [undefined], { toJSON: () => 'x' });
		const value = fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), odd, fc.array(fc.oneof(fc.jsonValue(), odd)))), odd);
		fc.assert(
			fc.property(value, (v) => {
				assert.equal(joined(v), JSON.stringify(v, null, 2) ?? '');
			}),
			fuzzParams(),
		);
	});
});
