// Property-based fuzzing of every reader in the format registry with damaged real samples (fast-check).
// Properties, for every format and 1,000 inputs each:
//   - detect() and the reader never throw, whatever the lines;
//   - every line is accounted for: 0 ≤ unparsed ≤ lines (parsed + unparsed = lines), an integer;
//   - every piece of evidence points at a line that exists, in this file;
//   - the result is plain JSON (the report is the contract with every surface).
// And the work is linear in the input: 8× the lines, or an 8× longer line, costs far less than the 64×
// a quadratic reader would (compared, not timed against a fixed budget; see workRatio).
// Seeds are fixed (QL_FUZZ_SEED overrides) and printed by fast-check on failure with the failing input.
import * as fc from 'fast-check';
import { FORMATS } from '../../src/core/formats';
import { DETECT_LINES, readLines, type FormatDefinition, type ReadResult } from '../../src/core/formats/lib/format';
import { assertLinear, checkReadResult, FUZZ_RUNS, FUZZ_SEED, fuzzParams } from '../lib/fuzz';
import { damagedLines, sampleLinesOf } from '../lib/mutate';

const PATH = 'bundle/fuzz.log';

/** How each input is read: as detect() decides (falling back to the first variant), or forced to a named variant. */
function read(format: FormatDefinition, lines: readonly string[], mode: string): ReadResult {
	const detected = format.detect(lines.slice(0, DETECT_LINES));
	const detection = mode === 'detect' ? (detected ?? { variant: format.variants[0].name, reason: 'fuzz: not detected, read anyway' }) : { variant: mode, reason: 'fuzz: forced' };
	return readLines(format, PATH, lines, detection);
}

describe(`fuzz: every reader survives damaged input (seed ${FUZZ_SEED}, ${FUZZ_RUNS} runs per reader)`, function () {
	this.timeout(90_000);
	for (const format of FORMATS) {
		const lines = sampleLinesOf(format.variants.flatMap((v) => v.samples));
		const modes = ['detect', ...format.variants.map((v) => v.name)];

		it(`${format.id}: never throws, accounts for every line, evidence lines exist`, () => {
			fc.assert(
				fc.property(damagedLines(lines), fc.constantFrom(...modes), (input, mode) => {
					checkReadResult(read(format, input, mode), input.length, PATH);
				}),
				fuzzParams(),
			);
		});

		it(`${format.id}: arbitrary text lines (not from samples) never throw`, () => {
			const anyLine = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ maxLength: 200 }));
			fc.assert(
				fc.property(fc.array(anyLine, { maxLength: 30 }), fc.constantFrom(...modes), (input, mode) => {
					checkReadResult(read(format, input, mode), input.length, PATH);
				}),
				{ ...fuzzParams(FUZZ_SEED + 1), numRuns: 300 },
			);
		});

		it(`${format.id}: work is linear in the number of lines and in the length of a line`, () => {
			// The samples over and over (many records), damaged deterministically every seventh line.
			const many = (n: number) => Array.from({ length: n }, (_, i) => (i % 7 === 6 ? lines[i % lines.length].slice(0, i % 50) : lines[i % lines.length]));
			const small = many(1500),
				big = many(12_000);
			assertLinear(
				`${format.id} lines`,
				() => read(format, small, 'detect'),
				() => read(format, big, 'detect'),
			);
			// One long line per sample line shape: the line with its own tail repeated (keeps the shape,
			// so the patterns get past their prefix and into the long part).
			const long = (n: number) =>
				lines.map(
					(l) =>
						l +
						l
							.slice(Math.floor(l.length / 2))
							.repeat(Math.ceil(n / Math.max(1, l.length / 2)))
							.slice(0, n),
				);
			const shortLong = long(4_000),
				bigLong = long(32_000);
			assertLinear(
				`${format.id} line length`,
				() => read(format, shortLong, 'detect'),
				() => read(format, bigLong, 'detect'),
			);
		});

		it(`${format.id}: a 10 MB line is read (cut nowhere by the reader) without hanging`, () => {
			const huge = lines.find((l) => l.length > 20) ?? lines[0];
			const input = [huge + ' x'.repeat(5 * 1024 * 1024), ...lines.slice(0, 5)];
			checkReadResult(read(format, input, 'detect'), input.length, PATH);
		});
	}
});
