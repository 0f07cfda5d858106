/** A full-width ASCII form (U+FF01–U+FF5E) or the ideographic space (U+3000). */
const WIDE = /[\uff01-\uff5e\u3000]/;
const WIDE_ALL = /[\uff01-\uff5e\u3000]/g;
/** Code-point distance from a full-width form to its ASCII character (U+FF01 `！` → U+0021 `!`). */
const WIDE_OFFSET = 0xfee0;

/**
 * Folds full-width ASCII forms (`：［８］｛…｝（）`) and the ideographic space to ASCII, keeping every other
 * character (kana, kanji, hangul). Windows prints its listings' punctuation and digits in ASCII in every
 * display language, but a listing retyped or converted by a Japanese or Chinese input method, or a page set
 * in full-width forms, turns them wide; a reader that finds fields by their brackets, braces, colons and
 * digits folds a line first so that the same structure reads the same. Lines without a wide form come back
 * as they are.
 */
export function foldWidth(text: string): string {
	if (!WIDE.test(text)) return text;
	return text.replace(WIDE_ALL, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - WIDE_OFFSET)));
}
