/** Shared timestamp helpers for readers. All results are ISO 8601 with milliseconds. */
import { utcOffsetOf } from '../../utcOffset';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 1-based month number of an English three-letter month name (`Jul` → 7), or null. */
export function monthNumber(name: string): number | null {
	const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
	return i < 0 ? null : i + 1;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Days in a month of the proleptic Gregorian calendar (the one Date uses). */
const daysInMonth = (y: number, mo: number) => (mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : DAYS[mo - 1]);

/**
 * UTC ISO string for a wall-clock time at a given offset east of UTC in minutes (0 for `Z`), or null
 * when the fields do not form a real date/time.
 */
export function toUtcIso(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMinutes = 0): string | null {
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60 || ms > 999) return null;
	// Date.UTC rolls 31 Feb over to March: reject dates that do not exist (checked by arithmetic, not a
	// second Date: this runs for every stamped line of a Tools log).
	if (d > daysInMonth(y >= 0 && y <= 99 ? 1900 + y : y, mo)) return null;
	const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000);
	return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** `YYYY-MM-DDTHH:MM:SS.mmm` (or `--MM-DD…` when y is null): a local wall-clock time for LogRecord.local. */
export function localStamp(y: number | null, mo: number, d: number, h: number, mi: number, s: number, ms: number): string {
	return `${y === null ? '-' : pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}.${pad(ms, 3)}`;
}

/** Milliseconds from a fraction as printed (`.4` → 400, `.457` → 457, `.457123` → 457). */
export function fractionMs(fraction: string | undefined): number {
	if (!fraction) return 0;
	return Math.floor(Number(`0.${fraction}`) * 1000 + 1e-6);
}

const DAY_MS = 86_400_000;
/** 10000-01-01T00:00:00.000Z: from here on ISO strings have more than four year digits (ms since the epoch). */
const YEAR_10000_MS = 253_402_300_800_000;

/** Days since 1970-01-01 of a proleptic Gregorian date; a day past its month's end rolls over (as Date.parse does). */
function daysFromCivil(y: number, m: number, d: number): number {
	const yy = m <= 2 ? y - 1 : y;
	const era = Math.floor(yy / 400);
	const yoe = yy - era * 400;
	const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
	return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** The number the two digits at `i` make, or NaN when they are not two ASCII digits. */
function twoDigits(s: string, i: number): number {
	const a = s.charCodeAt(i) - 0x30,
		b = s.charCodeAt(i + 1) - 0x30;
	return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/**
 * Date.parse for an instant, by arithmetic for `YYYY-MM-DDTHH:MM:SS.mmmZ` (the shape of every record's and
 * attempt's time) and by Date.parse for anything else: the analysis compares and sorts tens of thousands
 * of instants, and Date.parse costs about 190 ns each.
 */
export function instantMs(iso: string): number {
	if (iso.length !== 24 || iso.charCodeAt(23) !== 0x5a || iso.charCodeAt(4) !== 0x2d || iso.charCodeAt(7) !== 0x2d || iso.charCodeAt(10) !== 0x54 || iso.charCodeAt(13) !== 0x3a || iso.charCodeAt(16) !== 0x3a || iso.charCodeAt(19) !== 0x2e)
		return Date.parse(iso);
	const y = twoDigits(iso, 0) * 100 + twoDigits(iso, 2),
		mo = twoDigits(iso, 5),
		d = twoDigits(iso, 8),
		h = twoDigits(iso, 11),
		mi = twoDigits(iso, 14),
		s = twoDigits(iso, 17);
	// Characters 20–22 as two overlapping pairs: both are numbers only when all three are digits.
	const msHigh = twoDigits(iso, 20),
		msLow = twoDigits(iso, 21);
	// What Date.parse refuses or reads its own way (hour 24) is left to it; NaN fails every comparison.
	if (!(y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 59 && msHigh >= 0 && msLow >= 0)) return Date.parse(iso);
	return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000 + msHigh * 10 + (msLow % 10);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * Year, month (1–12) and day of the days since 1970-01-01 (proleptic Gregorian, 400-year eras; H. Hinnant's
 * algorithm, the inverse of daysFromCivil).
 */
export function civilFromDays(days: number): [year: number, month: number, day: number] {
	const z = days + 719_468;
	const era = Math.floor(z / 146_097);
	const doe = z - era * 146_097;
	const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/**
 * `new Date(ms).toISOString()`, by arithmetic for whole milliseconds from 1970 to 9999 (faster, one flat
 * string) and by Date otherwise (which throws for NaN, as before).
 */
export function isoOfMs(ms: number): string {
	if (!(ms >= 0 && ms < YEAR_10000_MS) || ms !== Math.floor(ms)) return new Date(ms).toISOString();
	const days = Math.floor(ms / DAY_MS);
	let rest = ms - days * DAY_MS;
	const [y, m, d] = civilFromDays(days);
	const h = Math.floor(rest / 3_600_000);
	rest -= h * 3_600_000;
	const mi = Math.floor(rest / 60_000);
	rest -= mi * 60_000;
	const s = Math.floor(rest / 1000);
	// Joined, not a template: V8 keeps a template of this length as a tree of its concatenations (about
	// 320 bytes held per stamp, against 48 for the joined string), and a report keeps several stamps per
	// attempt (start, end, phases, join windows): 10,000 attempts held 30 MB more.
	return [y, '-', pad2(m), '-', pad2(d), 'T', pad2(h), ':', pad2(mi), ':', pad2(s), '.', pad3(rest - s * 1000), 'Z'].join('');
}

/**
 * Whether a stamp is already what toUtcIso would make of it (`2024-05-01T10:15:26.318Z`: that shape, a
 * real date, hours below 24, minutes and seconds below 60, a year Date does not remap): most host and
 * Tools lines are stamped so, and returning the text as it is spares a Date per line. By character codes,
 * as instantMs reads them: a regular expression and its captures cost more than the rest of the line's
 * parsing on record-dense logs.
 */
export function isCanonicalUtc(text: string): boolean {
	return text.length === 24 && !Number.isNaN(canonicalUtcMsAt(text, 0));
}

/**
 * The instant (ms) of the stamp isCanonicalUtc accepts at `at` in `text` (its 24 characters; what follows
 * is not read), or NaN when there is none there: one pass, no string cut (a repeat lane reads every line's).
 */
export function canonicalUtcMsAt(text: string, at: number): number {
	if (
		text.length < at + 24 ||
		text.charCodeAt(at + 23) !== 0x5a ||
		text.charCodeAt(at + 4) !== 0x2d ||
		text.charCodeAt(at + 7) !== 0x2d ||
		text.charCodeAt(at + 10) !== 0x54 ||
		text.charCodeAt(at + 13) !== 0x3a ||
		text.charCodeAt(at + 16) !== 0x3a ||
		text.charCodeAt(at + 19) !== 0x2e
	)
		return NaN;
	const y = twoDigits(text, at) * 100 + twoDigits(text, at + 2),
		mo = twoDigits(text, at + 5),
		d = twoDigits(text, at + 8),
		h = twoDigits(text, at + 11),
		mi = twoDigits(text, at + 14),
		s = twoDigits(text, at + 17);
	// NaN (not two digits) fails every comparison; 20–22 as two overlapping pairs, as in instantMs.
	const msHigh = twoDigits(text, at + 20),
		msLow = twoDigits(text, at + 21);
	if (!(y >= 100 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h <= 23 && mi <= 59 && s <= 59 && msHigh >= 0 && msLow >= 0)) return NaN;
	return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000 + msHigh * 10 + (msLow % 10);
}

/** Whether the character at `at` is an ASCII digit. */
const isDigitAt = (text: string, at: number) => {
	const c = text.charCodeAt(at);
	return c >= 0x30 && c <= 0x39;
};

/** Whether `text` has `pair` (`MM`, `DD`) or two digits at `at`. */
const twoDigitsOr = (text: string, at: number, pair: string) => (isDigitAt(text, at) && isDigitAt(text, at + 1)) || text.startsWith(pair, at);

/** White space as a regex's `\s` has it (ASCII, Latin-1, Unicode spaces, line and paragraph separators, BOM). */
const WHITE = /\s/;

/**
 * Whether a date (or its placeholder: `YYYY-MM-DD`) followed by `T` or a blank starts at `from` or later in
 * `text` right after a character that is no white space: `/\S(?:\d{4}|YYYY)-(?:\d\d|MM)-(?:\d\d|DD)[T ]/`
 * matched from `from` (test/robustness/stampFastPath.test.ts holds it to that). A line whose break was lost
 * has the next line's stamp glued on; nearly every line has none, and this is asked of each: its dashes are
 * found by a native search and checked by character codes, 3–5× cheaper than the regex (measured).
 */
export function hasGluedDate(text: string, from: number): boolean {
	// The date's first dash is 5 characters after where the match starts.
	for (let i = text.indexOf('-', from + 5); i >= 0 && i + 6 < text.length; i = text.indexOf('-', i + 1)) {
		if (text.charCodeAt(i + 3) !== 0x2d) continue;
		const after = text.charCodeAt(i + 6);
		if ((after !== 0x54 && after !== 0x20) || !twoDigitsOr(text, i + 1, 'MM') || !twoDigitsOr(text, i + 4, 'DD')) continue;
		const year = (isDigitAt(text, i - 4) && isDigitAt(text, i - 3) && isDigitAt(text, i - 2) && isDigitAt(text, i - 1)) || text.startsWith('YYYY', i - 4);
		if (!year) continue;
		if (!WHITE.test(text[i - 5])) return true;
	}
	return false;
}

/**
 * Parses an ISO-like stamp `YYYY-MM-DD[T ]HH:MM:SS[.fff](Z|±hh:mm|±hhmm)?`. With a zone: `{ time }` in UTC;
 * without: `{ local }` and the caller decides. An offset no real zone has (`+15:00`) makes it no stamp.
 */
const YEARLESS = /^--\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/;

export function parseIsoStamp(text: string): { time: string | null; local: string | null; offsetMinutes: number | null } | null {
	if (text.length === 24 && isCanonicalUtc(text)) return { time: text, local: null, offsetMinutes: 0 };
	// A local wall clock without a year (`--07-16T21:00:36.153`, as localStamp writes one): no instant.
	if (text.startsWith('--')) return YEARLESS.test(text) ? { time: null, local: text, offsetMinutes: null } : null;
	const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
	if (!m) return null;
	const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
	const ms = fractionMs(m[7]);
	if (m[8] === undefined) return { time: null, local: localStamp(y, mo, d, h, mi, s, ms), offsetMinutes: null };
	const off = m[8] === 'Z' ? 0 : utcOffsetOf(m[8][0], Number(m[8].slice(1, 3)), Number(m[8].slice(-2)));
	if (off === null) return null;
	const time = toUtcIso(y, mo, d, h, mi, s, ms, off);
	return time ? { time, local: null, offsetMinutes: off } : null;
}
