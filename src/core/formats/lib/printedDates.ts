import type { ClockHint } from '../../model/records';
import { fractionMs, localStamp, parseIsoStamp, toUtcIso } from './stamps';

/**
 * Dates as an exporter printed them in its locale (Event Viewer text copies, Export-Csv, vSphere Client
 * exports): ISO-like, year first (`2018/04/01 22:04:42`, ja/zh), `5/22/2024 7:30:49 PM` (en-US),
 * `22/05/2024 21:30:49` (fr, en-GB), `22.05.2024 21:30:49` (de), `10/09/2018, 6:20:04 PM` (vSphere Client).
 *
 * Which of `05/06/2024` is the day cannot be told from one date, but one exporter prints every date of a
 * file the same way: a date with a first number over 12 shows day-first, one with a second number over 12
 * or an upper-case `AM`/`PM` (en-US) shows month-first, dots are day-first everywhere. So readers defer
 * each time and settle them all at the end of the file; when the file never shows its order (or shows
 * both), those times stay unset and the printed text is all there is.
 */

/** The numbers of a date without a zone, and which order its first two numbers are in. */
interface Parts {
	y: number;
	first: number;
	second: number;
	h: number;
	mi: number;
	s: number;
	ms: number;
	order: 'ymd' | 'dmy' | 'mdy' | 'either';
}

/** What a printed date says: a UTC instant (the text had `Z` or an offset), or local parts. */
type Parsed = { time: string; offsetMinutes: number } | { parts: Parts };

/** UTC time or local wall clock of a printed date, as LogRecord has them. */
export interface PrintedTime {
	time: string | null;
	local: string | null;
}

const CLOCK = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?(?:\s*(AM|PM|am|pm|a\.m\.|p\.m\.))?`;
/** `2018/04/01 22:04:42`, `2024/5/22 7:30:49`: year first, any separator. */
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})[T ,]+${CLOCK}$`);
/** `5/22/2024 7:30:49 PM`, `22/05/2024 21:30:49`, `22.05.2024 21:30`, `10/09/2018, 6:20:04 PM`. */
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}),?\s+${CLOCK}$`);

function parse(text: string): Parsed | null {
	const t = text.trim();
	const iso = parseIsoStamp(t);
	if (iso?.time) return { time: iso.time, offsetMinutes: iso.offsetMinutes ?? 0 };
	const ymd = YEAR_FIRST.exec(t);
	if (ymd) return withClock(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]), 'ymd', ymd.slice(4));
	const m = YEAR_LAST.exec(t);
	if (!m) return null;
	const first = Number(m[1]),
		second = Number(m[3]);
	let order: Parts['order'] = 'either';
	// en-US writes AM/PM in capitals; en-AU/en-IN write am/pm after a day-first date.
	if (m[2] === '.' || first > 12) order = 'dmy';
	else if (second > 12 || m[9] === 'AM' || m[9] === 'PM') order = 'mdy';
	return withClock(Number(m[4]), first, second, order, m.slice(5));
}

/** Adds the clock groups (h, mi, s, fraction, AM/PM) to the date; null when they are out of range. */
function withClock(y: number, first: number, second: number, order: Parts['order'], clock: readonly (string | undefined)[]): Parsed | null {
	let h = Number(clock[0]);
	const half = clock[4]?.toLowerCase()[0];
	if (half && (h < 1 || h > 12)) return null;
	if (half === 'p' && h < 12) h += 12;
	if (half === 'a' && h === 12) h = 0;
	const parts: Parts = { y, first, second, h, mi: Number(clock[1]), s: Number(clock[2] ?? 0), ms: fractionMs(clock[3]), order };
	return h > 23 || parts.mi > 59 || parts.s > 59 ? null : { parts };
}

/** Whether a value is a date in one of the printed shapes (detection uses it to find the date slot of a block or row). */
export function isPrintedDate(text: string): boolean {
	return parse(text) !== null;
}

/** Reads the printed dates of one file and settles their day/month order once the whole file is seen. */
export class PrintedDates {
	private readonly waiting: Array<{ parsed: Parsed; apply: (t: PrintedTime) => void }> = [];
	private dayFirst = false;
	private monthFirst = false;
	private offset: number | null = null;
	private unsettled = 0;

	/** Reads one printed date now and hands its time to `apply` in settle(); false when the text is not a date. */
	defer(text: string, apply: (t: PrintedTime) => void): boolean {
		const parsed = parse(text);
		if (!parsed) return false;
		if ('time' in parsed) this.offset ??= parsed.offsetMinutes;
		else if (parsed.parts.order === 'dmy') this.dayFirst = true;
		else if (parsed.parts.order === 'mdy') this.monthFirst = true;
		this.waiting.push({ parsed, apply });
		return true;
	}

	/** defer() into a record's own `time` / `local`. */
	stamp(record: PrintedTime, text: string | null): void {
		if (text === null) return;
		this.defer(text, (t) => {
			record.time = t.time;
			record.local = t.local;
		});
	}

	/** Gives every deferred date its time; problems for the dates whose order the file never showed. */
	settle(): string[] {
		const order = this.dayFirst === this.monthFirst ? null : this.dayFirst ? 'dmy' : 'mdy';
		for (const { parsed, apply } of this.waiting) apply(this.timeOf(parsed, order));
		this.waiting.length = 0;
		if (this.unsettled === 0) return [];
		const why = this.dayFirst ? 'the file prints dates both day-first and month-first' : 'no date in the file has a day over 12';
		return [`${this.unsettled} printed dates could be day/month or month/day (${why}); their times are left unset and kept as printed.`];
	}

	/** `Z` / `±hh:mm` on the dates: the file states its own clock. */
	clock(): ClockHint | null {
		return this.offset === null ? null : { utcOffsetMinutes: this.offset, basis: 'stamped' };
	}

	private timeOf(parsed: Parsed, fileOrder: 'dmy' | 'mdy' | null): PrintedTime {
		if ('time' in parsed) return { time: parsed.time, local: null };
		const p = parsed.parts;
		const order = p.order === 'either' ? fileOrder : p.order;
		if (!order) {
			this.unsettled++;
			return { time: null, local: null };
		}
		const [mo, d] = order === 'dmy' ? [p.second, p.first] : [p.first, p.second];
		// toUtcIso at offset 0 only validates the calendar date (no 31 February); the stamp stays local.
		if (!toUtcIso(p.y, mo, d, p.h, p.mi, p.s, p.ms)) return { time: null, local: null };
		return { time: null, local: localStamp(p.y, mo, d, p.h, p.mi, p.s, p.ms) };
	}
}
