/**
 * UTC offsets (minutes east of UTC), the one place they are parsed, bounded and printed: log stamps
 * (`+09:00`), SQL Writer's `UTC OFFSET: -8:00` banner, the estimated clock of a source, the `--tz` option,
 * the settings and what a user types in the clock dialog or the timeline. Pure: the webview bundles it too.
 */

/** Real zones span UTC−12:00 (Baker Island) … UTC+14:00 (Line Islands), in minutes east of UTC. */
export const MIN_UTC_OFFSET_MINUTES = -12 * 60;
export const MAX_UTC_OFFSET_MINUTES = 14 * 60;

/** True for whole minutes east of UTC that a real zone can have. */
export function isUtcOffset(minutes: number): boolean {
	return Number.isInteger(minutes) && minutes >= MIN_UTC_OFFSET_MINUTES && minutes <= MAX_UTC_OFFSET_MINUTES;
}

/** The offset of a sign, hours and minutes as printed (`-`, 8, 0 → -480), or null when it is no real zone's. */
export function utcOffsetOf(sign: string, hours: number, minutes: number): number | null {
	if (minutes >= 60) return null;
	const magnitude = hours * 60 + minutes;
	// `0 - 0` is +0 where `-1 * 0` would be -0: `-00:00` is UTC, and compares as 0 everywhere.
	const total = sign === '-' ? 0 - magnitude : magnitude;
	return isUtcOffset(total) ? total : null;
}

const OFFSET = /^([+-])(?:(\d{1,2}):(\d{2})|(\d{2})(\d{2}))$/;

/** `Z` or `UTC` (any case) → 0; `+09:00`, `-8:00`, `+0545` → minutes; null for anything else or beyond the bounds. */
export function parseUtcOffset(text: string): number | null {
	const t = text.trim();
	if (/^(z|utc)$/i.test(t)) return 0;
	const m = OFFSET.exec(t);
	return m ? utcOffsetOf(m[1], Number(m[2] ?? m[4]), Number(m[3] ?? m[5])) : null;
}

/** What a person types for a source's clock: whole minutes (`540`, `-300`) or what parseUtcOffset reads. */
export function parseOffsetInput(text: string): number | null {
	const t = text.trim();
	if (/^[+-]?\d{1,3}$/.test(t)) {
		const minutes = Number(t);
		return isUtcOffset(minutes) ? minutes : null;
	}
	return parseUtcOffset(t);
}

/** Minutes east of UTC as `+09:00` / `-05:00` / `+00:00`. */
export function formatOffset(minutes: number): string {
	const abs = Math.abs(minutes);
	return `${minutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
