/** Shared timestamp helpers for readers. All results are ISO 8601 with milliseconds. */

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

const CANONICAL_UTC = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/**
 * Whether a stamp is already what toUtcIso would make of it (`2024-05-01T10:15:26.318Z`, a real date,
 * seconds below 60, a year Date does not remap): most host and Tools lines are stamped so, and returning
 * the text as it is spares a Date per line.
 */
function isCanonicalUtc(text: string): boolean {
	const m = CANONICAL_UTC.exec(text);
	if (!m) return false;
	const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
	return y >= 100 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/**
 * Parses an ISO-like stamp `YYYY-MM-DD[T ]HH:MM:SS[.fff](Z|±hh:mm|±hhmm)?`. With a zone: `{ time }` in UTC;
 * without: `{ local }` and the caller decides.
 */
export function parseIsoStamp(text: string): { time: string | null; local: string | null; offsetMinutes: number | null } | null {
	if (text.length === 24 && isCanonicalUtc(text)) return { time: text, local: null, offsetMinutes: 0 };
	const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
	if (!m) return null;
	const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
	const ms = fractionMs(m[7]);
	if (m[8] === undefined) return { time: null, local: localStamp(y, mo, d, h, mi, s, ms), offsetMinutes: null };
	const off = m[8] === 'Z' ? 0 : (m[8][0] === '-' ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(-2)));
	const time = toUtcIso(y, mo, d, h, mi, s, ms, off);
	return time ? { time, local: null, offsetMinutes: off } : null;
}
