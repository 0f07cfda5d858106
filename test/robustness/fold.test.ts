// The fold's comparison of lines without building their masked text (formats/lib/fold.ts) against the
// definition it stands for: every run of hex digits holding a decimal digit replaced by one mark.
import * as assert from 'assert';
import fc from 'fast-check';
import { sameMasked, shapeHash } from '../../src/core/formats/lib/fold';
import type { LogRecord } from '../../src/core/model/records';
import { fuzzParams } from '../lib/fuzz';

const NUMBER = /[0-9A-Fa-f]*[0-9][0-9A-Fa-f]*/g;
const masked = (text: string) => text.replace(NUMBER, '#');
const record = (text: string) => ({ time: null, local: null, kind: 'tools-warning', fields: {}, source: { path: 'x', line: 1 }, text }) as unknown as LogRecord;

describe('the fold compares lines as their masked text would', () => {
	// Lines of hex digits, other letters and separators: runs with and without digits, of any length.
	const line = fc.array(fc.constantFrom(...'0189aAfFgz- :#'.split('')), { maxLength: 24 }).map((c) => c.join(''));
	// A line and one like it: the same, with some runs' digits changed, or with a character changed.
	const pair = fc.tuple(line, line, fc.nat()).map(([a, b, k]) => (k % 3 === 0 ? [a, b] : k % 3 === 1 ? [a, a.replace(/\d/g, (d) => String((Number(d) + k) % 10))] : [a, `${a.slice(0, k % (a.length + 1))}${b.slice(0, 2)}${a.slice(k % (a.length + 1))}`]));

	it('sameMasked(a, b) exactly when the masked texts are equal', () => {
		fc.assert(
			fc.property(pair, ([a, b]) => {
				assert.strictEqual(sameMasked(a, b), masked(a) === masked(b), `'${a}' / '${b}'`);
			}),
			fuzzParams(),
		);
	});

	it('lines equal once masked hash alike', () => {
		fc.assert(
			fc.property(pair, ([a, b]) => {
				if (masked(a) === masked(b)) assert.strictEqual(shapeHash(record(a)), shapeHash(record(b)), `'${a}' / '${b}'`);
			}),
			fuzzParams(),
		);
	});
});
