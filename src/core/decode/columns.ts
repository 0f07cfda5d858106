/**
 * How many terminal columns a character takes (East Asian Width): a mail client or a forum that re-wraps
 * Japanese text wraps at a column count where a full-width character takes two.
 */

/**
 * Code point ranges of Wide and Fullwidth characters (UAX #11), start and end inclusive: CJK, kana, Hangul,
 * full-width forms and the emoji planes. Ambiguous ones (Greek, box drawing) are narrow, as a Western client counts them.
 */
const WIDE: readonly (readonly [number, number])[] = [
	[0x1100, 0x115f],
	[0x2e80, 0x303e],
	[0x3041, 0x33ff],
	[0x3400, 0x4dbf],
	[0x4e00, 0x9fff],
	[0xa000, 0xa4cf],
	[0xa960, 0xa97f],
	[0xac00, 0xd7a3],
	[0xf900, 0xfaff],
	[0xfe30, 0xfe4f],
	[0xff00, 0xff60],
	[0xffe0, 0xffe6],
	[0x1f300, 0x1f64f],
	[0x1f900, 0x1f9ff],
	[0x20000, 0x3fffd],
];

/**
 * Code points that take no column: combining marks, zero-width spaces and joiners, the direction marks a
 * Windows event viewer puts around dates, the BOM.
 */
const ZERO: readonly (readonly [number, number])[] = [
	[0x0300, 0x036f],
	[0x200b, 0x200f],
	[0x202a, 0x202e],
	[0x2060, 0x206f],
	[0xfe00, 0xfe0f],
	[0xfeff, 0xfeff],
];

/** Columns of one code point: 2 for a wide one, 0 for a mark that takes none, 1 otherwise. */
export function codePointColumns(code: number): 0 | 1 | 2 {
	if (code < 0x0300) return 1;
	for (const [from, to] of ZERO) if (code >= from && code <= to) return 0;
	if (code < 0x1100) return 1;
	for (const [from, to] of WIDE) {
		if (code < from) return 1;
		if (code <= to) return 2;
	}
	return 1;
}

/** Columns a text takes on a fixed-width display (a wide character counts 2). */
export function displayColumns(text: string): number {
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		// Only text from U+0300 on can be wide or take no column: ASCII lines count their length without a lookup.
		if (c < 0x0300) n++;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
			n += codePointColumns(text.codePointAt(i)!);
			i++;
		} else n += codePointColumns(c);
	}
	return n;
}
