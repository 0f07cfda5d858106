import { isAscii } from 'buffer';
import * as iconv from 'iconv-lite';
import type { Encoding } from '../model/report';

/** How many bytes the code-page heuristics look at (64 KiB: a few hundred log lines is plenty). */
const SNIFF_BYTES = 64 * 1024;

/**
 * Decides a file's encoding from its first bytes alone (never from the machine's locale), in the order of
 * formats.md §0.3: BOM → BOM-less UTF-16 → valid UTF-8 → CP932 / EUC-JP / GB18030 / OEM / ANSI code pages
 * (Western and Cyrillic) by plausibility; Korean CP949 (Korean Windows' ANSI and console code page) too.
 * UTF-8 validity is judged on all the bytes given (the analysis gives the first MiB).
 */
export function detectEncoding(bytes: Uint8Array): { encoding: Encoding; reason: string } {
	if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', reason: 'UTF-16LE byte-order mark' };
	if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', reason: 'UTF-16BE byte-order mark' };
	if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', reason: 'UTF-8 byte-order mark' };
	const head = bytes.subarray(0, SNIFF_BYTES);
	const utf16 = bomlessUtf16(head);
	if (utf16) return { encoding: utf16, reason: `no BOM; NUL in every ${utf16 === 'utf-16le' ? 'odd' : 'even'} byte (UTF-16 text)` };
	if (looksBinary(head)) return { encoding: 'binary', reason: 'control bytes that text files do not contain' };
	if (!hasHighBytes(bytes)) return { encoding: 'utf-8', reason: 'plain ASCII' };
	if (isValidUtf8(bytes)) return { encoding: 'utf-8', reason: 'valid UTF-8 multi-byte sequences' };
	return pickCodePage(head);
}

/** iconv-lite's name for an encoding of the report. */
export function iconvName(encoding: Exclude<Encoding, 'binary'>): string {
	switch (encoding) {
		case 'utf-8-bom':
			return 'utf-8';
		case 'cp932':
			return 'shift_jis'; // iconv-lite's shift_jis table is the Windows CP932 superset
		default:
			return encoding;
	}
}

/** UTF-16 without BOM: ASCII-heavy text has a NUL in every other byte (odd bytes for LE). */
function bomlessUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
	const pairs = Math.floor(head.length / 2);
	// No NUL at all (a native search; almost every file): the counts below would both be 0.
	if (pairs < 2 || head.indexOf(0) < 0) return null;
	let evenNul = 0,
		oddNul = 0;
	for (let i = 0; i + 1 < head.length; i += 2) {
		if (head[i] === 0) evenNul++;
		if (head[i + 1] === 0) oddNul++;
	}
	// 30 % of code units ASCII is far below any vssadmin/log text, yet a NUL rate no 8-bit text has.
	const guess = oddNul >= pairs * 0.3 && evenNul <= pairs * 0.05 ? 'utf-16le' : evenNul >= pairs * 0.3 && oddNul <= pairs * 0.05 ? 'utf-16be' : null;
	// Binary data can have the same NUL pattern; real UTF-16 text has no C0 controls but tab, CR and LF.
	if (guess && hasStrayControls(iconv.decode(Buffer.from(head.subarray(0, pairs * 2)), guess))) return null;
	return guess;
}

/** C0 controls other than tab, LF, FF and CR: text files do not contain them. */
function hasStrayControls(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) return true;
	}
	return false;
}

/** A run of at least this many NULs is a zero-filled block (a log cut by a host crash), not binary data. */
const NUL_BLOCK = 16;
/** Fewer bytes than this besides zero-filled blocks is no text (bytes). */
const MIN_TEXT_BYTES = 64;

/**
 * Scattered NULs or many C0 controls (other than tab/CR/LF/FF/ESC/SUB) mean this is not a text file. A
 * zero-filled block inside a log (what a crashed host leaves where the last writes were lost) is not:
 * the lines around it are read, and the block's own line is counted as unparsed. A head that is nothing
 * but such blocks is binary (a preallocated, never-written file).
 */
function looksBinary(head: Uint8Array): boolean {
	let control = 0;
	let padding = 0;
	for (let i = 0; i < head.length; i++) {
		const b = head[i];
		if (b === 0) {
			let end = i;
			while (end < head.length && head[end] === 0) end++;
			// A short run is binary evidence, unless it is cut by the end of the head (the block goes on).
			if (end - i < NUL_BLOCK && end < head.length) return true;
			padding += end - i;
			i = end - 1;
			continue;
		}
		if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 27 && b !== 26) control++;
	}
	return (padding > 0 && head.length - padding < MIN_TEXT_BYTES) || control > Math.max(8, head.length * 0.01);
}

// Node's native check (SIMD): this runs on the first 1 MiB of every file.
const hasHighBytes = (bytes: Uint8Array) => !isAscii(bytes);

/** Strict UTF-8 validation (no overlongs, no surrogates, max U+10FFFF); a sequence cut at EOF is tolerated. */
export function isValidUtf8(bytes: Uint8Array): boolean {
	const n = bytes.length;
	for (let i = 0; i < n;) {
		const b = bytes[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		let need: number, min: number;
		if (b >= 0xc2 && b <= 0xdf) {
			need = 1;
			min = 0x80;
		} else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			min = 0x800;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			min = 0x10000;
		} else return false;
		if (i + need >= n) return tailIsContinuation(bytes, i + 1);
		let cp = b & (0x3f >> need);
		for (let k = 1; k <= need; k++) {
			const c = bytes[i + k];
			if ((c & 0xc0) !== 0x80) return false;
			cp = (cp << 6) | (c & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
		i += need + 1;
	}
	return true;
}

function tailIsContinuation(bytes: Uint8Array, from: number): boolean {
	for (let i = from; i < bytes.length; i++) if ((bytes[i] & 0xc0) !== 0x80) return false;
	return true;
}

type CodePage = 'cp932' | 'euc-jp' | 'gb18030' | 'cp949' | 'cp850' | 'cp437' | 'windows-1252' | 'cp866' | 'windows-1251' | 'windows-1250' | 'cp852' | 'windows-1254' | 'cp857';
/**
 * Tie order: Japanese before Chinese (EUC-JP's kana rows are GB2312's too, so Japanese text reads as well
 * in both; its kanji then decide nothing); Chinese before Korean (a few EUC-KR bytes read as well in GB2312,
 * see koreanRows); a non-ASCII OEM listing comes from a localized console, which in Western Europe is CP850;
 * CP437 before the Russian CP866, whose box-drawing bytes are the same; the Central European (1250, OEM 852) and
 * Turkish (1254, OEM 857) pages last: a text that reads the same in them and in a Western page (only the
 * letters they share, as German's äöüß) is reported Western.
 */
const CODE_PAGES: CodePage[] = ['cp932', 'euc-jp', 'gb18030', 'cp949', 'cp850', 'windows-1252', 'cp437', 'cp866', 'windows-1251', 'windows-1250', 'cp852', 'windows-1254', 'cp857'];
/** Multi-byte code pages, each with the byte structure a text in it must have. */
const WELL_FORMED: Partial<Record<CodePage, (bytes: Uint8Array) => boolean>> = { cp932: isWellFormedCp932, 'euc-jp': isWellFormedEucJp, gb18030: isWellFormedGb18030, cp949: isWellFormedCp949 };
/** Japanese code pages: text decoded with them that has kanji but not one kana is not Japanese (Chinese bytes). */
const JAPANESE: ReadonlySet<CodePage> = new Set(['cp932', 'euc-jp']);

/**
 * Picks the legacy code page whose decoding reads most like natural text. Scored per non-ASCII
 * character with its neighbours, so that e.g. `é` between lower-case letters (CP850 `0x82`) beats
 * `Ú` (the same byte read as Windows-1252 `0xE9`), and kana/kanji beat Latin mojibake.
 */
function pickCodePage(head: Uint8Array): { encoding: Encoding; reason: string } {
	let best: CodePage = 'cp850',
		bestScore = -Infinity;
	const scores: string[] = [];
	for (const cp of CODE_PAGES) {
		if (WELL_FORMED[cp]?.(head) === false) {
			scores.push(`${cp} ill-formed`);
			continue;
		}
		const text = iconv.decode(Buffer.from(head), iconvName(cp));
		// Shift_JIS and EUC-JP bytes are valid GB18030 and GB2312 bytes valid EUC-JP: Japanese has kana
		// (particles, katakana words), so a Japanese reading with kanji and none is half as plausible; a
		// Chinese reading with hiragana is EUC-JP (GB2312 has the kana rows too, Chinese prose never writes
		// them) and one whose characters come mostly from GBK's extension rows is Shift_JIS read as GBK; and
		// EUC-KR and GB2312 share their byte structure, so the rows the characters come from decide between
		// Korean and Chinese (koreanRows).
		const korean = cp === 'gb18030' || cp === 'cp949' ? koreanRows(head) : false;
		const halved = (JAPANESE.has(cp) && HAN.test(text) && !KANA.test(text)) || (cp === 'gb18030' && (korean || HIRAGANA.test(text) || mostlyGbkExtension(head))) || (cp === 'cp949' && !korean);
		const score = (halved ? Math.floor(plausibility(text) / 2) : plausibility(text)) - MISFIT_COST * misfit(text, cp);
		scores.push(`${cp} ${score}`);
		if (score > bestScore) {
			best = cp;
			bestScore = score;
		}
	}
	return { encoding: best, reason: `not UTF-8; most plausible code page (${scores.join(', ')})` };
}

/**
 * Whether most two-byte GB18030 sequences have a lead byte 0x81–0xA0: GBK's extension rows (GBK/3, rare
 * ideographs), which Chinese text seldom uses — GB2312's characters and punctuation all lead with 0xA1 or
 * more — but which Shift_JIS's kana (0x82, 0x83) and most of its kanji (0x88–0x9F) fill.
 */
function mostlyGbkExtension(bytes: Uint8Array): boolean {
	let extension = 0,
		pairs = 0;
	for (let i = 0; i + 1 < bytes.length; i++) {
		const b = bytes[i];
		if (b < 0x81 || b > 0xfe) continue;
		const t = bytes[i + 1];
		// A four-byte sequence (lead, digit, lead, digit) is GB18030's own, not a GBK pair.
		if (t >= 0x30 && t <= 0x39) {
			i += 3;
			continue;
		}
		pairs++;
		if (b <= 0xa0) extension++;
		i++;
	}
	return pairs > 0 && extension * 2 > pairs;
}

/** Fewest characters from the shared rows 0xB0–0xFE before their rows may call a text Korean. */
const KOREAN_MIN_PAIRS = 12;
/** Share of those characters that must come from the hangul rows (a Korean text's few hanja may not). */
const KOREAN_SHARE = 0.95;

/**
 * Whether a text's two-byte characters are Korean by the rows they come from. KS X 1001 (EUC-KR, CP949) puts
 * all 2,350 hangul syllables in rows 0xB0–0xC8 and its hanja, which modern Korean seldom writes, in
 * 0xCA–0xFD; GB2312 fills 0xB0–0xF7 with hanzi, ordered by pinyin, so that any Chinese sentence has many
 * characters past 0xC8 (`的` 0xB5 but `是` 0xCA, `一` 0xD2, `中` 0xD6, `在` 0xD4). A text of at least
 * KOREAN_MIN_PAIRS characters from 0xB0–0xFE nearly all within 0xB0–0xC8 is Korean; fewer decide nothing, and
 * the tie order keeps them Chinese. Symbol rows (0xA1–0xAF) and CP949's extension (0x81–0xA0) count for neither.
 */
function koreanRows(bytes: Uint8Array): boolean {
	let shared = 0,
		hangul = 0;
	for (let i = 0; i + 1 < bytes.length; i++) {
		const b = bytes[i];
		if (b < 0x81 || b > 0xfe) continue;
		i++;
		if (b < 0xb0) continue;
		shared++;
		if (b <= 0xc8) hangul++;
	}
	return shared >= KOREAN_MIN_PAIRS && hangul >= shared * KOREAN_SHARE;
}

/**
 * CP949 structure (Korean Windows' EUC-KR superset): a lead byte 0x81–0xFE followed by a trail byte
 * 0x41–0x5A, 0x61–0x7A or 0x81–0xFE; 0x80 and 0xFF never stand alone.
 */
function isWellFormedCp949(bytes: Uint8Array): boolean {
	let pairs = 0;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (b < 0x80) continue;
		if (b === 0x80 || b === 0xff) return false;
		if (i + 1 >= bytes.length) return pairs > 0; // pair cut by the sniff window
		const t = bytes[++i];
		if (!((t >= 0x41 && t <= 0x5a) || (t >= 0x61 && t <= 0x7a) || (t >= 0x81 && t <= 0xfe))) return false;
		pairs++;
	}
	return pairs > 0;
}

/** CP932 structure: lead bytes 0x81–0x9F/0xE0–0xFC each followed by a trail byte 0x40–0x7E/0x80–0xFC. */
function isWellFormedCp932(bytes: Uint8Array): boolean {
	let pairs = 0;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if ((b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc)) {
			if (i + 1 >= bytes.length) return pairs > 0; // pair cut by the sniff window
			const t = bytes[++i];
			if (!((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfc))) return false;
			pairs++;
		} else if (b === 0x80 || b === 0xa0 || b >= 0xfd) {
			return false;
		}
	}
	return pairs > 0;
}

/**
 * EUC-JP structure: JIS X 0208 pairs 0xA1–0xFE twice, 0x8E before a half-width kana 0xA1–0xDF, 0x8F before a
 * JIS X 0212 pair; no other byte above 0x7F.
 */
function isWellFormedEucJp(bytes: Uint8Array): boolean {
	let pairs = 0;
	const high = (b: number | undefined) => b !== undefined && b >= 0xa1 && b <= 0xfe;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (b < 0x80) continue;
		// A sequence cut by the sniff window counts as whole.
		const left = bytes.length - i - 1;
		if (high(b)) {
			if (left >= 1 && !high(bytes[i + 1])) return false;
			i += 1;
		} else if (b === 0x8e) {
			if (left >= 1 && !(bytes[i + 1] >= 0xa1 && bytes[i + 1] <= 0xdf)) return false;
			i += 1;
		} else if (b === 0x8f) {
			if ((left >= 1 && !high(bytes[i + 1])) || (left >= 2 && !high(bytes[i + 2]))) return false;
			i += 2;
		} else return false;
		pairs++;
	}
	return pairs > 0;
}

/**
 * GB18030 structure: a lead byte 0x81–0xFE followed by a trail byte 0x40–0x7E/0x80–0xFE, or by a digit, a
 * lead-range byte and a digit (a four-byte sequence); 0x80 and 0xFF never stand alone.
 */
function isWellFormedGb18030(bytes: Uint8Array): boolean {
	let sequences = 0;
	const digit = (b: number | undefined) => b === undefined || (b >= 0x30 && b <= 0x39);
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (b < 0x80) continue;
		if (b === 0x80 || b === 0xff) return false;
		const t = bytes[i + 1];
		if (t === undefined) return sequences > 0;
		if ((t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfe)) i += 1;
		else if (digit(t) && (bytes[i + 2] === undefined || (bytes[i + 2] >= 0x81 && bytes[i + 2] <= 0xfe)) && digit(bytes[i + 3])) i += 3;
		else return false;
		sequences++;
	}
	return sequences > 0;
}

const LETTER = /\p{L}/u;
const HAN = /\p{Script=Han}/u;
/** Hiragana and full-width katakana (the half-width forms are no sign of Japanese in decoded bytes). */
const KANA = /[\u3041-\u30ff]/u;
const HIRAGANA = /[\u3041-\u309f]/u;
const LATIN = /\p{Script=Latin}/u;
/** The ordinal indicators (`1ª`, `N.º`): letters to Unicode, natural after a digit or a period only. */
const ORDINAL = /[ªº]/;
const GREEK_CYRILLIC = /[\p{Script=Greek}\p{Script=Cyrillic}]/u;
/** CJK scripts (hangul too) and punctuation, with the full-width forms (`：［８］`) East Asian text puts next to them. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]/u;
/** Punctuation that natural Western text uses next to words (but not inside them, except the apostrophe). */
const TYPOGRAPHIC = /[\u2018-\u201e\u2013\u2014\u2026\u00ab\u00bb\u00b0\u00a0\u00b7\u20ac\u00a1\u00bf\u00a7]/;

const isLetter = (c: string | undefined): boolean => c !== undefined && LETTER.test(c);
const isLower = (c: string | undefined): boolean => c !== undefined && c !== c.toUpperCase() && c === c.toLowerCase();
const isUpper = (c: string | undefined): boolean => c !== undefined && c !== c.toLowerCase() && c === c.toUpperCase();
const isAsciiLetter = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z]$/.test(c);
const isNonAsciiLetter = (c: string | undefined): boolean => c !== undefined && c.charCodeAt(0) >= 0x80 && LETTER.test(c);

/**
 * The accented letters of the languages each single-byte page is written in (lower case; İ is Turkish's own
 * capital). Most single-byte pages read each other's text as letters too — Czech `č ř ě` saved in Windows-1250
 * reads `è ø ì` in Windows-1252, Turkish `ı ş ğ` saved in 1254 reads `ý þ ð` — so letter by letter both
 * readings are natural; as a set they are not: no language written in Windows-1252 has `è` and `ø` and `ì`.
 * Icelandic (`ý þ ð`) is left out: Windows has no Icelandic display language (vssadmin and the event texts are
 * never Icelandic), and Turkish text saved in 1254 reads as Icelandic in 1252. German is among the Central
 * European languages too: 1250 and 852 have `äöüß` (German names in a Czech or Polish text are no mojibake).
 */
const WESTERN = [
	'àâæçéèêëîïôœùûüÿ', // French
	'äöüß', // German
	'áéíñóúü', // Spanish
	'áâãàçéêíóôõú', // Portuguese
	'àèéìíîòóù', // Italian
	'àçèéíïòóúü', // Catalan
	'éèêëïöüáíóú', // Dutch
	'åæøäöéáó', // Danish, Norwegian, Swedish, Finnish
];
const CENTRAL = [
	'ąćęłńóśźż', // Polish
	'áčďéěíňóřšťúůýž', // Czech
	'áäčďéíĺľňóôŕšťúýž', // Slovak
	'áéíóöőúüű', // Hungarian
	'čćđšž', // Croatian, Slovenian, Bosnian
	'ăâîşţ', // Romanian
	'äöüß', // German
];
const TURKISH = ['çğıöşüâîûİ'];
const ALPHABETS: Partial<Record<CodePage, readonly ReadonlySet<string>[]>> = {};
for (const [pages, alphabets] of [
	[['windows-1252', 'cp850', 'cp437'], WESTERN],
	[['windows-1250', 'cp852'], CENTRAL],
	[['windows-1254', 'cp857'], TURKISH],
] as const)
	for (const cp of pages) ALPHABETS[cp] = alphabets.map((letters) => new Set(letters));
/** What one accented letter that no language of its page writes costs (as one sign of mojibake). */
const MISFIT_COST = 10;

/**
 * How many distinct accented Latin letters of `text`, read in the Latin page `cp`, the language of that page
 * that fits it best does not have (0 when one language's alphabet has them all; 0 for the other pages, whose
 * text has no accented Latin letters to judge). The ordinal indicators ª º are judged by plausibility.
 */
function misfit(text: string, cp: CodePage): number {
	const alphabets = ALPHABETS[cp];
	if (!alphabets) return 0;
	// The distinct non-ASCII characters first: the regexes then run once a character, not once an occurrence.
	const seen = new Set<string>();
	for (const c of text) if (c.charCodeAt(0) >= 0x80) seen.add(c);
	const letters = new Set<string>();
	for (const c of seen) if (!ORDINAL.test(c) && LATIN.test(c) && LETTER.test(c)) letters.add(c === 'İ' ? c : c.toLowerCase());
	if (letters.size === 0) return 0;
	let best = letters.size;
	for (const alphabet of alphabets) {
		let outside = 0;
		for (const c of letters) if (!alphabet.has(c)) outside++;
		best = Math.min(best, outside);
	}
	return best;
}

/**
 * Higher = more like natural text. Mojibake shows up as events natural text (almost) never has:
 * punctuation glued inside a word, a capital right after a lower-case letter, Greek/Cyrillic or kanji
 * inside a Latin word, C1 controls. Each such event costs far more than a plausible letter earns, so
 * one clear sign outweighs letter-frequency noise. Only non-ASCII characters are scored (ASCII reads
 * the same in every candidate).
 */
function plausibility(text: string): number {
	let good = 0,
		bad = 0;
	const chars = Array.from(text);
	for (let i = 0; i < chars.length; i++) {
		const c = chars[i];
		const cp = c.codePointAt(0)!;
		if (cp < 0x80) continue;
		const prev = chars[i - 1],
			next = chars[i + 1];
		if (cp === 0xfffd || cp <= 0x9f)
			bad++; // undefined byte or C1 control
		else if (ORDINAL.test(c)) {
			if (prev !== undefined && /[0-9.]/.test(prev)) good++;
			else bad++;
		} else if (CJK.test(c)) {
			if (isAsciiLetter(prev) && isAsciiLetter(next)) bad++;
			else good += 2; // one character for two bytes: keep the per-byte weight of Latin letters
		} else if (isLetter(c)) {
			// A letter between two of itself is a rule line read as letters (CP437's ═══ as Cyrillic ННН).
			if (c === prev && c === next) bad++;
			else if (GREEK_CYRILLIC.test(c) && (isAsciiLetter(prev) || isAsciiLetter(next))) bad++;
			else if (LATIN.test(c) && isUpper(c) && isLower(prev)) bad++;
			// Western words carry an accent here and there; three accented letters in a row are a misread
			// (e.g. CP437 box lines ═══ read as ÍÍÍ in Windows-1252).
			else if (LATIN.test(c) && isNonAsciiLetter(prev) && isNonAsciiLetter(next)) bad++;
			else good++;
		} else if (TYPOGRAPHIC.test(c)) {
			// Chinese and Japanese set “…” and — between ideographs (`将“卷影复制”服务`): natural there, mojibake inside a Latin word.
			if (CJK.test(prev ?? '') || CJK.test(next ?? '')) good += 2;
			else if (isLetter(prev) && isLetter(next) && c !== '\u2019' && c !== '\u00b7') bad++;
		} else if (isLetter(prev) || isLetter(next)) bad++; // box drawing, maths, stray symbols touching a word
	}
	return good - 10 * bad;
}
