import { pushTo } from '../collections';
import { kindAnchor } from '../formats';
import { instantMs, isoOfMs } from '../formats/lib/stamps';
import type { LogRecord } from '../model/records';
import type { InputFile } from '../model/report';
import { isUtcOffset } from '../utcOffset';
import { vmOfPath, vmxLogFolder } from './vmPaths';

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

/** A record on the UTC axis that a local one may pair with: its instant (ms) and the VM its file names. */
interface Anchor {
	ms: number;
	vm: string | null;
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

/** Votes for the zone offset (ms) that pairs the most local anchors of a source (its records' positions) with host anchors. */
function estimateOffset(records: readonly LogRecord[], own: readonly number[], anchors: Map<string, Anchor[]>, vm: string | null): { offsetMs: number; pairs: number } | null {
	const votes = new Map<number, { n: number; residual: number }>();
	for (const i of own) {
		const r = records[i];
		const cat = kindAnchor(r);
		const all = cat ? anchors.get(cat) : undefined;
		if (!all || r.local === null) continue;
		// A source of one VM pairs with that VM's anchors when there are any (other VMs' starts would vote for
		// offsets that are their start times' differences), else with every anchor.
		const mine = vm === null ? all : all.filter((a) => a.vm === vm);
		for (const { ms: h } of mine.length > 0 ? mine : all) {
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

/** What alignClocks gives: every input with its clock, and the records on the UTC axis. */
export interface AlignedClocks {
	/** The inputs in their order: a new object for each whose clock was decided here, the others as given. */
	inputs: InputFile[];
	/** The records in their order: a new object for each whose time was set or moved, the others as given. */
	records: LogRecord[];
}

/**
 * Decides every input's clock and gives local-time records their UTC time, as new values: the inputs and
 * records given are not altered (a read cache shares them between runs). When there is nothing to align,
 * the arrays given are returned as they are.
 * `settings` maps a report path to a user-set offset in minutes east of UTC; it overrides everything when it is a
 * real zone's offset (settings.json may hold anything).
 */
export function alignClocks(inputs: InputFile[], records: LogRecord[], settings: Readonly<Record<string, number>> = {}): AlignedClocks {
	// Nothing to align: every record is already on the UTC axis and no offset is set (a host bundle).
	if (Object.keys(settings).length === 0 && !records.some((r) => r.local !== null)) return { inputs, records };
	// The positions of each source's records, so that a record's new value takes its place.
	const bySource = new Map<string, number[]>();
	for (let i = 0; i < records.length; i++) pushTo(bySource, records[i].source.path, i);
	// Anchors on the UTC axis: every record whose instant is already known.
	const anchors = new Map<string, Anchor[]>();
	const utcTimes: number[] = [];
	const vmOf = vmOfPath(inputs.filter((i) => i.format === 'vmware-log').map((i) => vmxLogFolder(i.path)).filter((v): v is string => v !== null));
	for (const r of records) {
		if (r.time === null) continue;
		const t = instantMs(r.time);
		utcTimes.push(t);
		const cat = kindAnchor(r);
		if (cat) pushTo(anchors, cat, { ms: t, vm: vmOf(r.source.path) });
	}
	utcTimes.sort((a, b) => a - b);
	const reference = utcTimes.length > 0 ? utcTimes[Math.floor(utcTimes.length / 2)] : null;

	const aligned = records.slice();
	// The clocks decided here, by report path; an input not in it keeps the clock its file stated (or none).
	const decided = new Map<string, NonNullable<InputFile['clock']>>();
	const estimated = new Map<string, number>();
	const unanchored: string[] = [];
	for (const input of inputs) {
		const own = bySource.get(input.path) ?? [];
		const setting = settings[input.path];
		if (setting !== undefined && isUtcOffset(setting)) {
			// Times the file stamped itself were read with its own offset: move them by the correction.
			const shiftMs = input.clock ? (setting - input.clock.utcOffsetMinutes) * MINUTE : 0;
			if (shiftMs !== 0) {
				for (const i of own) {
					const r = aligned[i];
					if (r.time !== null) aligned[i] = { ...r, time: isoOfMs(instantMs(r.time) - shiftMs) };
				}
			}
			decided.set(input.path, { utcOffsetMinutes: setting, basis: 'setting' });
			continue;
		}
		if (!own.some((i) => records[i].local !== null)) continue;
		if (input.clock) continue; // the file stated its offset (banner) but some lines came before it
		const est = estimateOffset(records, own, anchors, vmOf(input.path));
		if (est) {
			decided.set(input.path, { utcOffsetMinutes: est.offsetMs / MINUTE, basis: 'anchor' });
			estimated.set(input.path, est.offsetMs / MINUTE);
		} else {
			unanchored.push(input.path);
		}
	}
	// Sources of one site share a time zone: when every anchored local source agrees, assume it for the rest.
	const agreed = new Set(estimated.values());
	if (agreed.size === 1) {
		const [offset] = agreed;
		for (const path of unanchored) decided.set(path, { utcOffsetMinutes: offset, basis: 'assumed' });
	}

	const clocked = inputs.map((input) => {
		const clock = decided.get(input.path);
		return clock ? { ...input, clock } : input;
	});
	for (const input of clocked) {
		if (!input.clock) continue;
		const offsetMs = input.clock.utcOffsetMinutes * MINUTE;
		for (const i of bySource.get(input.path) ?? []) {
			const r = aligned[i];
			if (r.local === null) continue;
			if (isYearless(r.local) && reference === null) continue; // no dated source to borrow a year from
			const year = isYearless(r.local) ? nearestYear(r.local, reference! + offsetMs) : 0;
			const t = localMs(r.local, year) - offsetMs;
			if (Number.isNaN(t)) continue;
			aligned[i] = { ...r, time: isoOfMs(t), local: null };
		}
	}
	return { inputs: clocked, records: aligned };
}
