// Damaged-input generators shared by the fuzz properties (test/robustness/fuzz*.test.ts) and the hostile
// corpus (test/lib/hostileCorpus.ts): real sample lines, damaged the ways support bundles arrive
// damaged — truncated, spliced, re-encoded, NULs and stray controls, very long lines, mixed CRLF/LF.
import * as fc from 'fast-check';
import * as iconv from 'iconv-lite';

/** One way a line gets damaged. */
export type LineDamage = (line: string, other: string, at: number, junk: string) => string;

/** Cut, splice, insert: `at` is a fraction (0–1) of the line's length. */
export const LINE_DAMAGE: Readonly<Record<string, LineDamage>> = {
	keep: (l) => l,
	truncate: (l, _o, at) => l.slice(0, Math.floor(l.length * at)),
	cutHead: (l, _o, at) => l.slice(Math.floor(l.length * at)),
	splice: (l, o, at) => l.slice(0, Math.floor(l.length * at)) + o.slice(Math.floor(o.length * at)),
	insertJunk: (l, _o, at, j) => l.slice(0, Math.floor(l.length * at)) + j + l.slice(Math.floor(l.length * at)),
	insertNul: (l, _o, at) => l.slice(0, Math.floor(l.length * at)) + '\0' + l.slice(Math.floor(l.length * at)),
	trailingCr: (l) => `${l}\r`,
	repeatTail: (l, _o, at) => l + l.slice(Math.floor(l.length * at)).repeat(20),
	blanks: (l, _o, at) => l.slice(0, Math.floor(l.length * at)) + ' \t'.repeat(50) + l.slice(Math.floor(l.length * at)),
	upper: (l) => l.toUpperCase(),
	empty: () => '',
};

/** Characters that break parsers: quotes, brackets, separators, controls, surrogates, BOMs, wide forms. */
const JUNK_CHARS = [
	'"',
	"'",
	'<',
	'>',
	'&',
	'[',
	']',
	'{',
	'}',
	':',
	'：',
	'=',
	',',
	'|',
	'\\',
	'/',
	'-->',
	'<!--',
	'\t',
	'\0',
	'\u0001',
	'\u001b',
	'\u2028',
	'\ufeff',
	'\ud800',
	'\udfff',
	'\uffff',
	'🙂',
	'日本',
	'é',
	' ',
	'0x8004230f',
	'[6]',
	"='",
	'(31)',
	'\u0085',
];

/** A short string of parser-hostile characters (or arbitrary code units). */
export const junk: fc.Arbitrary<string> = fc.oneof(
	fc.array(fc.constantFrom(...JUNK_CHARS), { maxLength: 6 }).map((a) => a.join('')),
	fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Lines made from real sample lines, each damaged one way or kept (most are kept, so readers get deep). */
export function damagedLines(sampleLines: readonly string[], maxLines = 40): fc.Arbitrary<string[]> {
	const pick = fc.nat({ max: sampleLines.length - 1 });
	const damage = fc.oneof({ weight: 3, arbitrary: fc.constant('keep') }, { weight: 2, arbitrary: fc.constantFrom(...Object.keys(LINE_DAMAGE)) });
	const line = fc.tuple(pick, pick, damage, fc.double({ min: 0, max: 1, noNaN: true }), junk).map(([i, j, d, at, jk]) => LINE_DAMAGE[d](sampleLines[i], sampleLines[j], at, jk));
	// Sometimes a run of sample lines in order (so multi-line blocks stay intact), damaged inside.
	const run = fc.tuple(pick, fc.nat({ max: 30 }), fc.array(fc.tuple(fc.nat(), damage, fc.double({ min: 0, max: 1, noNaN: true }), junk), { maxLength: 3 })).map(([start, len, hits]) => {
		const out = sampleLines.slice(start, start + len + 1);
		for (const [k, d, at, jk] of hits) if (out.length > 0) out[k % out.length] = LINE_DAMAGE[d](out[k % out.length], sampleLines[(start + k) % sampleLines.length], at, jk);
		return out;
	});
	return fc
		.array(
			fc.oneof(
				line.map((l) => [l]),
				run,
			),
			{ maxLength: Math.ceil(maxLines / 4) },
		)
		.map((parts) => parts.flat().slice(0, maxLines));
}

/** Encodings Windows and ESXi save text in (iconv-lite names), with or without a byte-order mark. */
export const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16le-bom', 'utf-16be-bom', 'shift_jis', 'euc-jp', 'gb18030', 'cp850', 'cp437', 'cp866', 'windows-1251', 'windows-1252'] as const;
export type SavedEncoding = (typeof ENCODINGS)[number];

/** The bytes of lines saved in an encoding, each line ended by one of the given terminators in turn. */
export function encodeLines(lines: readonly string[], encoding: SavedEncoding, eols: readonly string[] = ['\r\n']): Buffer {
	const text = lines.map((l, i) => l + eols[i % eols.length]).join('');
	const bom = encoding.endsWith('-bom');
	const name = encoding.replace(/-bom$/, '');
	return Buffer.concat([bom ? iconv.encode('\ufeff', name) : Buffer.alloc(0), iconv.encode(text, name)]);
}

/** Byte-level damage after encoding: cut anywhere (mid-character too), flip bytes, insert NULs. */
export const byteDamage: fc.Arbitrary<(b: Buffer) => Buffer> = fc.oneof(
	fc.constant((b: Buffer) => b),
	fc.double({ min: 0, max: 1, noNaN: true }).map((at) => (b: Buffer) => b.subarray(0, Math.floor(b.length * at))),
	fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([i, v]) => (b: Buffer) => {
		const c = Buffer.from(b);
		if (c.length > 0) c[i % c.length] = v;
		return c;
	}),
	fc.nat().map((i) => (b: Buffer) => (b.length === 0 ? b : Buffer.concat([b.subarray(0, i % b.length), Buffer.alloc(3), b.subarray(i % b.length)]))),
);

/** The lines of every sample of a format (`\n`-joined in the registry). */
export function sampleLinesOf(samples: readonly string[]): string[] {
	return samples.flatMap((s) => s.split(/\r\n|\r|\n/));
}
