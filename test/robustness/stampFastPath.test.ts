import * as assert from 'assert';
import fc from 'fast-check';
import { ESX_STAMP, utcStampEnd } from '../../src/core/formats/esxi/esxiCommon';
import { hasGluedDate, parseIsoStamp } from '../../src/core/formats/lib/stamps';
import { analyze } from '../../src/core';
import { fixture } from '../unit/fixtures';

const STAMP_AT_START = new RegExp(`^${ESX_STAMP}`);

describe('the character-code fast path for UTC stamps', () => {
	it('agrees with the ESX_STAMP regex: whenever it finds a stamp, the regex finds the same one', () => {
		const digit = fc.constantFrom(...'0123456789'.split(''));
		const part = fc.oneof(digit, fc.constantFrom('-', 'T', ':', '.', 'Z', '+', ' ', '|', 'x'));
		// Mostly well-formed stamps with random damage, so both outcomes are exercised.
		const stampish = fc
			.tuple(fc.array(part, { minLength: 18, maxLength: 30 }), fc.boolean())
			.map(([chars, wellFormed]) => (wellFormed ? `2024-05-22T19:30:0${chars[0] >= '0' && chars[0] <= '9' ? chars[0] : '1'}.${'123456'.slice(0, 1 + (chars.length % 6))}Z${chars.slice(20).join('')}` : chars.join('')));
		fc.assert(
			fc.property(stampish, (s) => {
				const end = utcStampEnd(s);
				const m = STAMP_AT_START.exec(s);
				if (end > 0) assert.strictEqual(m?.[0], s.slice(0, end));
				else if (m && m[0].endsWith('Z') && m[0].length >= 22) assert.fail(`the fast path missed ${m[0]}`);
			}),
			{ numRuns: 2000, seed: 20241124 },
		);
	});

	it('a stamp already in UTC is taken as it is only when the general parse gives it back unchanged', () => {
		// `YYYY-MM-DDTHH:MM:SS.mmmZ` with any two digits in each field (month 13, Feb 30, hour 24, minute
		// 60 …) and now and then a damaged character: the length-24 fast path (character codes, no regex)
		// against the general path, which a leading blank sends the same text through.
		const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
		const stamp = fc
			.tuple(fc.constantFrom('0099', '0100', '1900', '2000', '2023', '2024', '2100', '9999'), two, two, two, two, two, fc.integer({ min: 0, max: 999 }), fc.nat(40), fc.constantFrom('x', ' ', '/', '5', 'Z'))
			.map(([y, mo, d, h, mi, s, ms, at, bad]) => {
				const text = `${y}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, '0')}Z`;
				return at < 24 && at % 3 === 0 ? text.slice(0, at) + bad + text.slice(at + 1) : text;
			});
		fc.assert(
			fc.property(stamp, (text) => {
				assert.deepStrictEqual(parseIsoStamp(text), parseIsoStamp(` ${text}`), text);
			}),
			{ numRuns: 5000, seed: 20261206 },
		);
	});

	it('a date glued to the text before it is found where the regex finds one, and only there', () => {
		// The definition: what splitRunOn and takeLong asked of a line before the character-code search.
		const GLUED = /\S(?:\d{4}|YYYY)-(?:\d\d|MM)-(?:\d\d|DD)[T ]/g;
		// Dates, placeholders and their damaged neighbours among blanks, letters and signs, so that both outcomes and
		// every early exit of the search are exercised; `from` anywhere around the pieces.
		const piece = fc.constantFrom(
			'2024-05-22T',
			'2024-05-22 ',
			'YYYY-MM-DDT',
			'2024-MM-22 ',
			'YYY-05-22T',
			'202-05-22T',
			'2024-5-22T',
			'2024-05-2T',
			'2024-05-22x',
			'12YY-05-22T',
			'-',
			'--',
			' ',
			'\t',
			'\u00a0',
			'\u2028',
			'a',
			'|',
			'7',
			'Z',
			'YYYY',
			'MM',
			'DD',
		);
		fc.assert(
			fc.property(fc.array(piece, { maxLength: 14 }), fc.nat(40), (pieces, from) => {
				const text = pieces.join('');
				GLUED.lastIndex = from;
				assert.strictEqual(hasGluedDate(text, from), GLUED.test(text), JSON.stringify([text, from]));
			}),
			{ numRuns: 20000, seed: 20261207 },
		);
	});

	it('offsets, no fraction and 7 fraction digits are left to the regex', () => {
		for (const s of ['2024-05-22T19:30:02+02:00 x', '2024-05-22T19:30:02Z x', '2024-05-22T19:30:02.1234567Z x', '2024-05-22 19:30:02.123Z x']) {
			assert.strictEqual(utcStampEnd(s), -1, s);
		}
		assert.strictEqual(utcStampEnd('2024-05-22T19:30:02.117Z| vmx|'), 24);
	});

	it('the ESXi sample bundles read the same: every line still parsed or counted', () => {
		for (const b of ['case-01-success-app-consistent-esxi67', 'case-05-exchange-writer-retryable-ps51-utf16', 'case-12-2008r2-eventcls-class-not-registered-8193']) {
			const report = analyze([fixture('bundles', b)]);
			for (const i of report.inputs.filter((x) => /hostd|vpxa|vmware-log/.test(x.format))) assert.strictEqual(i.unparsedLines, 0, `${b}: ${i.path}`);
		}
	});
});
