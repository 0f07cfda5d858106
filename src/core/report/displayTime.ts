/**
 * How the text and Markdown reports print times. The report itself always holds ISO 8601 UTC
 * (`2024-03-03T16:59:58.904Z`); only what a person reads is shifted (`--tz`).
 */
import { formatOffset, parseUtcOffset } from '../utcOffset';

/** `utc`, the machine's own zone (`local`, with its daylight-saving rules), or a fixed offset east of UTC in minutes. */
export type TimeZone = { kind: 'utc' } | { kind: 'local' } | { kind: 'offset'; minutes: number };

/** The default zone: the same axis as the report. */
export const UTC: TimeZone = { kind: 'utc' };

/** Options of the human-readable renderers (text and Markdown). */
export interface RenderOptions {
	/** Zone the printed times are shifted to (the report itself stays UTC); default UTC. */
	timeZone?: TimeZone;
}

/** Parses `utc`, `local` or a fixed offset `+09:00` / `-05:00` / `+0545` (case-insensitive); null when it is none of them. */
export function parseTimeZone(text: string): TimeZone | null {
	const t = text.trim().toLowerCase();
	if (t === 'utc' || t === 'z') return UTC;
	if (t === 'local') return { kind: 'local' };
	const minutes = parseUtcOffset(t);
	return minutes === null ? null : { kind: 'offset', minutes };
}

/**
 * An ISO UTC time as `YYYY-MM-DD HH:MM:SS.mmm` in the zone (no suffix: the report header names
 * the zone). Null prints as `—`; text that is not a time is returned unchanged rather than guessed.
 */
export function formatTime(iso: string | null, zone: TimeZone): string {
	if (iso === null) return '—';
	const ms = Date.parse(iso);
	if (Number.isNaN(ms)) return iso;
	// Shift the instant, then read it back with the UTC getters: the same arithmetic for every zone kind.
	return new Date(ms + offsetAt(zone, ms) * 60_000).toISOString().replace('T', ' ').replace(/Z$/, '');
}

/**
 * The zone for a report header: `UTC`, `UTC+09:00`, or for `local` the machine's zone name and
 * every offset it takes at the given times (two when they straddle a daylight-saving change).
 */
export function describeTimeZone(zone: TimeZone, times: readonly (string | null)[]): string {
	if (zone.kind === 'utc') return 'UTC';
	if (zone.kind === 'offset') return `UTC${formatOffset(zone.minutes)}`;
	const instants = times.map((t) => (t === null ? NaN : Date.parse(t))).filter((ms) => !Number.isNaN(ms));
	const offsets = [...new Set((instants.length > 0 ? instants : [Date.now()]).map((ms) => offsetAt(zone, ms)))].sort((a, b) => a - b);
	const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
	return `local time${name ? ` ${name}` : ''} (${offsets.map((o) => `UTC${formatOffset(o)}`).join(' / ')})`;
}

/** Minutes east of UTC that the zone applies at an instant (ms since the epoch). */
function offsetAt(zone: TimeZone, ms: number): number {
	switch (zone.kind) {
		case 'utc':
			return 0;
		case 'offset':
			return zone.minutes;
		// getTimezoneOffset is minutes *west* of UTC, for this instant's DST rules; `|| 0` avoids printing -0.
		case 'local':
			return -new Date(ms).getTimezoneOffset() || 0;
	}
}
