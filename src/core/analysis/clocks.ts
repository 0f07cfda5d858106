import { pushTo } from '../collections';
import { instantMs, isoOfMs } from '../formats/lib/stamps';
import type { LogRecord } from '../model/records';
import type { InputFile } from '../model/report';
import { isUtcOffset } from '../utcOffset';

/**
 * Clock alignment (architecture.md §4). Host logs are UTC; guests and exports often print local time,
 * sometimes without a year. Every input gets `clock`: what its file says (stamped, banner), a user
 * setting, an offset estimated from anchor pairs, or — when a local source has no anchor — the offset
 * every anchored local source agrees on (assumed). Records with a local time are then given UTC times.
 */

const MINUTE = 60_000;
/** Time zones are whole quarter hours (Nepal's +5:45 included). */
const ZONE_STEP = 15 * MINUTE;
/** Two logs of the same happening may differ by clock drift and logging delay: up to 3 min (ms). */
const PAIR_TOLERANCE = 3 * MINUTE;

/**
 * What a record is an instance of, so that the same happening seen by two sources can be paired:
 * a snapshot start, an error reported to the host, or a particular Windows event.
 */
export function anchorCategory(r: LogRecord): string | null {
	const f = r.fields;
	switch (r.kind) {
		case 'snapshot-start':
		case 'vmbackup-rpc':
			return r.kind === 'vmbackup-rpc' && f.command !== 'vmbackup.start' ? null : 'start';
		case 'quiesce-state':
			return f.to === 'STARTED' ? 'start' : null;
		case 'task-created':
			return String(f.method ?? '').includes('createSnapshot') ? 'start' : null;
		case 'vcenter-task':
			return f.operation === 'createSnapshot' ? 'start' : null;
		case 'msg-post':
		case 'quiesce-note':
			return f.vmbackupStatus !== null && f.vmbackupStatus !== undefined || f.reason ? 'error' : null;
		case 'vmbackup-event':
			return f.event === 'req.error' || f.event === 'req.aborted' ? 'error' : null;
		case 'windows-event':
			return f.provider && f.eventId !== null ? `event:${String(f.provider).toLowerCase()}:${f.eventId}` : null;
		default:
			return null;
	}
}

/** `YYYY-MM-DDTHH:MM:SS.mmm` (or `--MM-DD…`) as if it were UTC, with a year for yearless stamps. */
function localMs(local: string, year: number): number {
	const full = local.startsWith('--') ? `${String(year).padStart(4, '0')}${local.slice(1)}` : local;
	return Date.parse(`${full}Z`);
}

const isYearless = (local: string) => local.startsWith('--');

/** For a yearless stamp, the year that puts it nearest to a reference instant. */
function nearestYear(local: string, refMs: number): number {
	const y = new Date(refMs).getUTCFullYear();
	return [y - 1, y, y + 1].reduce((best, c) => (Math.abs(localMs(local, c) - refMs) < Math.abs(localMs(local, best) - refMs) ? c : best), y);
}

/** Votes for the zone offset (ms) that pairs the most local anchors with host anchors. */
function estimateOffset(local: readonly LogRecord[], anchors: Map<string, number[]>): { offsetMs: number; pairs: number } | null {
	const votes = new Map<number, { n: number; residual: number }>();
	for (const r of local) {
		const cat = anchorCategory(r);
		const hosts = cat ? anchors.get(cat) : undefined;
		if (!hosts || r.local === null) continue;
		for (const h of hosts) {
			const t = localMs(r.local, isYearless(r.local) ? nearestYear(r.local, h) : 0);
			const d = t - h;
			const k = Math.round(d / ZONE_STEP);
			const residual = Math.abs(d - k * ZONE_STEP);
			if (residual > PAIR_TOLERANCE || !isUtcOffset((k * ZONE_STEP) / MINUTE)) continue;
			const v = votes.get(k) ?? { n: 0, residual: 0 };
			v.n++;
			v.residual += residual;
			votes.set(k, v);
		}
	}
	let best: { k: number; n: number; residual: number } | null = null;
	for (const [k, v] of votes) {
		if (!best || v.n > best.n || (v.n === best.n && v.residual < best.residual)) best = { k, ...v };
	}
	return best ? { offsetMs: best.k * ZONE_STEP, pairs: best.n } : null;
}

/**
 * Decides every input's clock and gives local-time records their UTC time (in place).
 * `settings` maps a report path to a user-set offset in minutes east of UTC; it overrides everything when it is a
 * real zone's offset (settings.json may hold anything).
 */
export function alignClocks(inputs: InputFile[], records: LogRecord[], settings: Readonly<Record<string, number>> = {}): void {
	// Nothing to align: every record is already on the UTC axis and no offset is set (a host bundle).
	if (Object.keys(settings).length === 0 && !records.some((r) => r.local !== null)) return;
	const bySource = new Map<string, LogRecord[]>();
	for (const r of records) pushTo(bySource, r.source.path, r);
	// Anchors on the UTC axis: every record whose instant is already known.
	const anchors = new Map<string, number[]>();
	const utcTimes: number[] = [];
	for (const r of records) {
		if (r.time === null) continue;
		const t = instantMs(r.time);
		utcTimes.push(t);
		const cat = anchorCategory(r);
		if (cat) pushTo(anchors, cat, t);
	}
	utcTimes.sort((a, b) => a - b);
	const reference = utcTimes.length > 0 ? utcTimes[Math.floor(utcTimes.length / 2)] : null;

	const estimated = new Map<string, number>();
	const unanchored: InputFile[] = [];
	for (const input of inputs) {
		const own = bySource.get(input.path) ?? [];
		const setting = settings[input.path];
		if (setting !== undefined && isUtcOffset(setting)) {
			// Times the file stamped itself were read with its own offset: move them by the correction.
			const shiftMs = input.clock ? (setting - input.clock.utcOffsetMinutes) * MINUTE : 0;
			for (const r of own) if (r.time !== null && shiftMs !== 0) r.time = isoOfMs(instantMs(r.time) - shiftMs);
			input.clock = { utcOffsetMinutes: setting, basis: 'setting' };
			continue;
		}
		if (!own.some((r) => r.local !== null)) continue;
		if (input.clock) continue; // the file stated its offset (banner) but some lines came before it
		const est = estimateOffset(own, anchors);
		if (est) {
			input.clock = { utcOffsetMinutes: est.offsetMs / MINUTE, basis: 'anchor' };
			estimated.set(input.path, est.offsetMs / MINUTE);
		} else {
			unanchored.push(input);
		}
	}
	// Sources of one site share a time zone: when every anchored local source agrees, assume it for the rest.
	const agreed = new Set(estimated.values());
	if (agreed.size === 1) {
		const [offset] = agreed;
		for (const input of unanchored) input.clock = { utcOffsetMinutes: offset, basis: 'assumed' };
	}

	for (const input of inputs) {
		if (!input.clock) continue;
		const offsetMs = input.clock.utcOffsetMinutes * MINUTE;
		for (const r of bySource.get(input.path) ?? []) {
			if (r.local === null) continue;
			if (isYearless(r.local) && reference === null) continue; // no dated source to borrow a year from
			const year = isYearless(r.local) ? nearestYear(r.local, reference! + offsetMs) : 0;
			const t = localMs(r.local, year) - offsetMs;
			if (Number.isNaN(t)) continue;
			r.time = isoOfMs(t);
			r.local = null;
		}
	}
}
