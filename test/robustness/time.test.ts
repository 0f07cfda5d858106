// instantMs and isoOfMs stand in for Date.parse and toISOString on the analysis' hot paths: they must give
// exactly what Date gives, for every instant and for every string (the odd ones go to Date itself).
import * as assert from 'assert/strict';
import * as fc from 'fast-check';
import { canonicalUtcMsAt, instantMs, isCanonicalUtc, isoOfMs } from '../../src/core/formats/lib/stamps';
import { fuzzParams } from '../lib/fuzz';

/** The range Date can represent (ms since the epoch). */
const DATE_RANGE = 8.64e15;
const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

describe('instants: instantMs and isoOfMs agree with Date', () => {
	it('isoOfMs(ms) is new Date(ms).toISOString(), and instantMs reads it back, for any instant', () => {
		fc.assert(
			fc.property(fc.oneof(fc.integer({ min: -DATE_RANGE, max: DATE_RANGE }), fc.integer({ min: 0, max: 253_402_300_799_999 }), fc.double({ min: 0, max: 2e12, noNaN: true })), (ms) => {
				const iso = new Date(ms).toISOString();
				assert.equal(isoOfMs(ms), iso);
				assert.ok(same(instantMs(iso), Date.parse(iso)), iso);
			}),
			fuzzParams(),
		);
	});

	it('instantMs(text) is Date.parse(text) for stamps damaged one character at a time', () => {
		const base = fc.integer({ min: 0, max: 253_402_300_799_999 }).map((ms) => new Date(ms).toISOString());
		const char = fc.constantFrom(...'0123456789:-.TZ+ x'.split(''), '١');
		fc.assert(
			fc.property(base, fc.nat(23), char, (iso, at, c) => {
				const text = iso.slice(0, at) + c + iso.slice(at + 1);
				assert.ok(same(instantMs(text), Date.parse(text)), text);
			}),
			fuzzParams(),
		);
	});

	// A repeat lane reads each line's stamp where it is: an instant only for a real day in the canonical shape.
	it('canonicalUtcMsAt reads the canonical stamp inside a line as Date.parse reads it alone, and nothing else', () => {
		const base = fc.integer({ min: 0, max: 253_402_300_799_999 }).map((ms) => new Date(ms).toISOString());
		const char = fc.constantFrom(...'0123456789:-.TZ+ x'.split(''), '١');
		const CANONICAL = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
		fc.assert(
			fc.property(base, fc.nat(24), char, fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), (iso, at, c, before, after) => {
				const stamp = at === 24 ? iso : iso.slice(0, at) + c + iso.slice(at + 1);
				const parsed = Date.parse(stamp);
				// Real: the shape, and a day its month has (Date rolls 02-30 over to March).
				const real = CANONICAL.test(stamp) && Number(stamp.slice(0, 4)) >= 100 && new Date(parsed).toISOString() === stamp;
				assert.ok(same(canonicalUtcMsAt(before + stamp + after, before.length), real ? parsed : NaN), stamp);
				assert.equal(isCanonicalUtc(stamp), real, stamp);
			}),
			fuzzParams(),
		);
	});

	it('the edges Date reads its own way: rolled-over days, hour 24, second 60, years before 100', () => {
		for (const text of [
			'2024-02-30T00:00:00.000Z',
			'2023-02-29T12:00:00.000Z',
			'2024-04-31T00:00:00.000Z',
			'2024-02-32T00:00:00.000Z',
			'2024-01-01T24:00:00.000Z',
			'2024-01-01T23:59:60.000Z',
			'0050-01-01T00:00:00.000Z',
			'0000-02-29T00:00:00.000Z',
			'2024-00-10T00:00:00.000Z',
			'2024-01-00T00:00:00.000Z',
			'9999-12-31T23:59:59.999Z',
		]) {
			assert.ok(same(instantMs(text), Date.parse(text)), text);
		}
		assert.throws(() => isoOfMs(NaN), RangeError);
	});
});
