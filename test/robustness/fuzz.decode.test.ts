// Property-based fuzzing of the decoder (fast-check): random bytes, and real samples re-encoded in every
// encoding Windows saves, damaged at byte level (cut mid-character, bytes flipped, NULs inserted), with
// CRLF/LF/CR mixed. Properties: never throws; every line is accounted for (the streamed lines are exactly
// the whole text split at its terminators); chunk and read boundaries change nothing; a line longer
// than the cap is cut and counted, never dropped; the work is linear in the length of a line.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import * as iconv from 'iconv-lite';
import { decodeText, fileSource, LineSplitter, splitLines, streamLines, type ByteSource } from '../../src/core/decode/decode';
import { iconvName } from '../../src/core/decode/detect';
import { FORMATS } from '../../src/core/formats';
import { byteDamage, damagedLines, encodeLines, ENCODINGS, sampleLinesOf } from '../lib/mutate';
import { assertLinear, FUZZ_SEED, fuzzParams } from '../lib/fuzz';

const ALL_SAMPLE_LINES = sampleLinesOf(FORMATS.flatMap((f) => f.variants.flatMap((v) => v.samples)));
/** 1.1 MB of plain lines (just over the first chunk). */
const FILLER = Array.from({ length: 17_500 }, (_, i) => `${i} filler line to push the damaged lines past the first chunk`);
const EOLS = fc.constantFrom(['\r\n'], ['\n'], ['\r\n', '\n'], ['\n', '\r\n', '\r'], ['\r']);

/** The lines a whole text has: split at CRLF, LF or CR; a final terminator starts no extra line. */
function oracleLines(text: string): string[] {
	if (text === '') return [];
	const parts = text.split(/\r\n|\r|\n/);
	if (/[\r\n]$/.test(text)) parts.pop();
	return parts;
}

/** A byte source that hands out its bytes from `from` on in the given read sizes (a pipe or a slow disk). */
function trickleSource(bytes: Uint8Array, sizes: readonly number[], from: number): ByteSource {
	let pos = 0,
		k = 0;
	return {
		read(buf) {
			const n = Math.min(buf.length, bytes.length - pos, pos < from ? from - pos : Math.max(1, sizes[k++ % sizes.length]));
			buf.set(bytes.subarray(pos, pos + n));
			pos += n;
			return n;
		},
		close() {
			/* nothing */
		},
	};
}

describe(`fuzz: the decoder (seed ${FUZZ_SEED})`, function () {
	this.timeout(120_000);

	it('random bytes: never throws, and the lines are the whole decoded text split at its terminators', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
				const d = decodeText(bytes);
				if (d.encoding === 'binary') return assert.equal(d.lines.length, 0);
				assert.deepEqual(d.lines, oracleLines(iconv.decode(Buffer.from(bytes), iconvName(d.encoding))));
			}),
			fuzzParams(),
		);
	});

	it('real samples re-encoded, damaged at byte level, any line endings: every line is accounted for', () => {
		fc.assert(
			fc.property(damagedLines(ALL_SAMPLE_LINES, 60), fc.constantFrom(...ENCODINGS), EOLS, byteDamage, (lines, encoding, eols, damage) => {
				const bytes = damage(encodeLines(lines, encoding, eols));
				const d = decodeText(bytes);
				if (d.encoding === 'binary') return;
				assert.deepEqual(d.lines, oracleLines(iconv.decode(bytes, iconvName(d.encoding))));
			}),
			fuzzParams(),
		);
	});

	it('short reads (pipes) decode to the same lines as one read, multi-byte characters cut anywhere', () => {
		fc.assert(
			fc.property(damagedLines(ALL_SAMPLE_LINES, 60), fc.constantFrom(...ENCODINGS), EOLS, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }), (lines, encoding, eols, sizes) => {
				// More than the first chunk (1 MiB, always filled) comes before the damaged lines, so they
				// arrive in the small reads.
				const filler = encodeLines(FILLER, encoding, eols);
				const bytes = Buffer.concat([filler, encodeLines(lines, encoding.replace(/-bom$/, '') as typeof encoding, eols)]);
				const whole = decodeText(bytes);
				const got: string[] = [];
				// The first chunk is filled whatever the read sizes; later reads stay small.
				const streamed = streamLines(trickleSource(bytes, sizes, filler.length), (t) => got.push(t));
				assert.equal(streamed.encoding, whole.encoding);
				assert.deepEqual(got, whole.lines);
			}),
			{ ...fuzzParams(), numRuns: 100 },
		);
	});

	it('any chunking of the text gives the same lines, cut at the line cap and counted', () => {
		const text = fc.array(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('\r', '\n', '\r\n', '\r\r\n', 'x'.repeat(40))), { maxLength: 40 }).map((a) => a.join(''));
		fc.assert(
			fc.property(text, fc.array(fc.nat(), { maxLength: 10 }), fc.integer({ min: 1, max: 50 }), (s, cuts, cap) => {
				const lines: string[] = [];
				const splitter = new LineSplitter((t) => lines.push(t), cap);
				const at = [...new Set(cuts.map((c) => c % (s.length + 1)))].sort((a, b) => a - b);
				let prev = 0;
				for (const c of [...at, s.length]) {
					splitter.push(s.slice(prev, c));
					prev = c;
				}
				splitter.end();
				const expected = oracleLines(s);
				assert.deepEqual(
					lines,
					expected.map((l) => l.slice(0, cap)),
				);
				assert.equal(splitter.count, expected.length);
				assert.equal(splitter.longLines, expected.filter((l) => l.length > cap).length);
				assert.equal(splitter.eol(), splitLines(s).eol);
			}),
			fuzzParams(),
		);
	});

	it('a line spanning many chunks costs time linear in its length (8 MB vs 1 MB, 64 KiB chunks)', () => {
		const chunk = 'a'.repeat(64 * 1024);
		const feed = (chunks: number) => () => {
			const s = new LineSplitter(() => undefined);
			for (let i = 0; i < chunks; i++) s.push(chunk);
			s.push('\n');
			s.end();
		};
		assertLinear('one long line', feed(16), feed(128));
	});

	it('a file growing while it is read is read as it was when opened', () => {
		const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ql-grow-')), 'live.log');
		fs.writeFileSync(file, 'one\ntwo\n');
		const source = fileSource(file);
		fs.appendFileSync(file, 'three\n'.repeat(1000));
		const lines: string[] = [];
		streamLines(source, (t) => lines.push(t));
		fs.rmSync(path.dirname(file), { recursive: true });
		assert.deepEqual(lines, ['one', 'two']);
	});

	it('a 10 MB line without a terminator is one line; CRLF/LF mixed files say mixed', () => {
		const d = decodeText(Buffer.from('x'.repeat(10 * 1024 * 1024)));
		assert.equal(d.lines.length, 1);
		assert.equal(d.lines[0].length, 10 * 1024 * 1024);
		assert.equal(decodeText(Buffer.from('a\r\nb\nc\r\n')).eol, 'mixed');
	});
});
