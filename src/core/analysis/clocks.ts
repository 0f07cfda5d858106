import { pushTo } from '../collections';
import { HOST_SIDE_FORMATS, kindAnchor, kindStatesFailure } from '../formats';
import { instantMs, isoOfMs } from '../formats/lib/stamps';
import { hresultOf, type LogRecord } from '../model/records';
import type { ClockConfidence, InputClock, InputFile } from '../model/report';
import { isUtcOffset } from '../utcOffset';
import { vmOfPath, vmxLogFolder } from './vmPaths';

/**
 * Clock alignment (architecture.md §4). Host logs are UTC; guests and exports often print local time,
 * sometimes without a year. Every input gets `clock`: what its file says (stamped, banner), a user
 * setting, an offset estimated from anchor pairs, or — when a local source has no anchor — the offset
 * every anchored local source agrees on (assumed). Records with a local time are then given UTC times.
 *
 * Anchor pairs: the same Windows event (provider, id and record id) in a local copy and a UTC one gives the
 * exact offset; otherwise two sources' records of the same happening vote (a snapshot start, an error
 * reported to the host, the same failure HRESULT, one kind of Windows event), and every clock says how sure
 * it is (`confidence`, the pairs it rests on and their spread).
 */

const MINUTE = 60_000;
/** Time zones are whole quarter hours (Nepal's +5:45 included). */
const ZONE_STEP = 15 * MINUTE;
/** Two logs of the same happening may differ by clock drift and logging delay: up to 3 min (ms). */
const PAIR_TOLERANCE = 3 * MINUTE;
/** One event in two exports differs only by what a copy leaves out of its stamp: whole seconds (ms). */
const SAME_EVENT_TOLERANCE = 2000;

/**
 * A record on the UTC axis that a local one may pair with: its instant (ms), the VM its file names, and
 * whether its file is of the hypervisor's side (which sees every VM's snapshots).
 */
interface Anchor {
	ms: number;
	vm: string | null;
	hostSide: boolean;
}

/**
 * The anchors of a category that may be the same happening as a local record of a source of `vm`: that VM's,
 * when there are any; else the hypervisor side's, which see every VM. Another guest's file sees only its own
 * VM: its snapshot starts and errors are other happenings (one guest's vmbackup.start is not another's). One
 * Windows event (`event:` categories) is the same whichever export of its log holds it.
 */
function pairable(all: readonly Anchor[], cat: string, vm: string | null): readonly Anchor[] {
	const mine = vm === null ? [] : all.filter((a) => a.vm === vm);
	if (mine.length > 0) return mine;
	return cat.startsWith('event:') ? all : all.filter((a) => a.hostSide);
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

/**
 * The anchor categories a record is: its kind's (formats' declarations), and `hresult:<hr>` for a record that
 * states a failure with an HRESULT (the host's Msg_Post and the guest's req.error or VSS event of one error).
 */
function anchorsOf(r: LogRecord): string[] {
	const out: string[] = [];
	const cat = kindAnchor(r);
	if (cat) out.push(cat);
	const hr = hresultOf(r);
	if (hr !== null && kindStatesFailure(r)) out.push(`hresult:${hr}`);
	return out;
}

/** One Windows event, whichever export it is read from: provider, id and its log's record number. */
function sameEventKey(r: LogRecord): string | null {
	if (r.kind !== 'windows-event' || r.fields.recordId === null || r.fields.eventId === null) return null;
	return `${r.fields.provider.toLowerCase()}:${r.fields.eventId}:${r.fields.recordId}`;
}

/** A source's offset as estimated from pairs: the offset (ms) and what it rests on. */
interface Estimate {
	offsetMs: number;
	confidence: ClockConfidence;
	anchors: number;
	spreadMs: number;
}

/** The votes for each offset (in zone steps): how many pairs, their summed residual and their spread (ms). */
class Votes {
	private readonly byStep = new Map<number, { n: number; residual: number; min: number; max: number }>();

	/** Counts the pair whose local minus UTC time is `d` (ms) when within `tolerance` of a real zone's offset. */
	add(d: number, tolerance: number): void {
		const k = Math.round(d / ZONE_STEP);
		const signed = d - k * ZONE_STEP;
		if (Math.abs(signed) > tolerance || !isUtcOffset((k * ZONE_STEP) / MINUTE)) return;
		const v = this.byStep.get(k) ?? { n: 0, residual: 0, min: signed, max: signed };
		v.n++;
		v.residual += Math.abs(signed);
		v.min = Math.min(v.min, signed);
		v.max = Math.max(v.max, signed);
		this.byStep.set(k, v);
	}

	/** The offset the most pairs vote for (the smaller summed residual among equals); `exact` when every pair agrees on it. */
	best(exact: boolean): Estimate | null {
		let best: { k: number; n: number; residual: number; min: number; max: number } | null = null;
		for (const [k, v] of this.byStep) {
			if (!best || v.n > best.n || (v.n === best.n && v.residual < best.residual)) best = { k, ...v };
		}
		if (!best) return null;
		return { offsetMs: best.k * ZONE_STEP, confidence: exact && this.byStep.size === 1 ? 'exact' : 'inferred', anchors: best.n, spreadMs: best.max - best.min };
	}
}

/**
 * A source's offset from its records (positions in `records`): exact from the Windows events another source
 * holds on UTC (`twins`), else voted for by the pairs of its local anchors with the anchors on UTC.
 */
function estimateOffset(records: readonly LogRecord[], own: readonly number[], anchors: Map<string, Anchor[]>, twins: Map<string, number>, vm: string | null): Estimate | null {
	const same = new Votes();
	for (const i of own) {
		const r = records[i];
		const key = r.local === null ? null : sameEventKey(r);
		const utc = key === null ? undefined : twins.get(key);
		if (utc !== undefined) same.add(localMs(r.local!, isYearless(r.local!) ? nearestYear(r.local!, utc) : 0) - utc, SAME_EVENT_TOLERANCE);
	}
	const exact = same.best(true);
	if (exact) return exact;
	const votes = new Votes();
	for (const i of own) {
		const r = records[i];
		if (r.local === null) continue;
		for (const cat of anchorsOf(r)) {
			const all = anchors.get(cat);
			if (!all) continue;
			// Other VMs' starts would vote for offsets that are their start times' differences (pairable).
			for (const { ms: h } of pairable(all, cat, vm)) votes.add(localMs(r.local, isYearless(r.local) ? nearestYear(r.local, h) : 0) - h, PAIR_TOLERANCE);
		}
	}
	return votes.best(false);
}

/** How sure a clock its file stated (or the user set) is: exact, resting on no pair. */
const STATED: Pick<InputClock, 'confidence' | 'anchors' | 'spreadMs'> = { confidence: 'exact', anchors: 0, spreadMs: null };

/** The input with its clock's confidence, when its clock has none yet (a reader's stamped or banner clock). */
function withConfidence(input: InputFile): InputFile {
	return input.clock && input.clock.confidence === undefined ? { ...input, clock: { ...input.clock, ...STATED } } : input;
}

/** What alignClocks gives: every input with its clock, and the records on the UTC axis. */
export interface AlignedClocks {
	/** The inputs in their order: a new object for each whose clock was decided or given its confidence here, the others as given. */
	inputs: InputFile[];
	/** The records in their order: a new object for each whose time was set or moved, the others as given. */
	records: LogRecord[];
}

/**
 * Decides every input's clock and gives local-time records their UTC time, as new values: the inputs and
 * records given are not altered (a read cache shares them between runs). When there is nothing to align,
 * the records given are returned as they are, and the inputs only gain their clocks' confidence.
 * `settings` maps a report path to a user-set offset in minutes east of UTC; it overrides everything when it is a
 * real zone's offset (settings.json may hold anything).
 */
export function alignClocks(inputs: InputFile[], records: LogRecord[], settings: Readonly<Record<string, number>> = {}): AlignedClocks {
	// Nothing to align: every record is already on the UTC axis and no offset is set (a host bundle).
	if (Object.keys(settings).length === 0 && !records.some((r) => r.local !== null)) return { inputs: inputs.map(withConfidence), records };
	// The positions of each source's records, so that a record's new value takes its place.
	const bySource = new Map<string, number[]>();
	for (let i = 0; i < records.length; i++) pushTo(bySource, records[i].source.path, i);
	// Anchors on the UTC axis: every record whose instant is already known.
	const anchors = new Map<string, Anchor[]>();
	// Windows events already on UTC by their identity (sameEventKey), for a local copy of the same event.
	const twins = new Map<string, number>();
	const utcTimes: number[] = [];
	const vmOf = vmOfPath(
		inputs
			.filter((i) => i.format === 'vmware-log')
			.map((i) => vmxLogFolder(i.path))
			.filter((v): v is string => v !== null),
	);
	const hostSide = new Set(inputs.filter((i) => HOST_SIDE_FORMATS.has(i.format)).map((i) => i.path));
	for (const r of records) {
		if (r.time === null) continue;
		const t = instantMs(r.time);
		utcTimes.push(t);
		for (const cat of anchorsOf(r)) pushTo(anchors, cat, { ms: t, vm: vmOf(r.source.path), hostSide: hostSide.has(r.source.path) });
		const key = sameEventKey(r);
		if (key !== null) twins.set(key, t);
	}
	utcTimes.sort((a, b) => a - b);
	const reference = utcTimes.length > 0 ? utcTimes[Math.floor(utcTimes.length / 2)] : null;

	const aligned = records.slice();
	// The clocks decided here, by report path; an input not in it keeps the clock its file stated (or none).
	const decided = new Map<string, InputClock>();
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
			decided.set(input.path, { utcOffsetMinutes: setting, basis: 'setting', ...STATED });
			continue;
		}
		if (!own.some((i) => records[i].local !== null)) continue;
		if (input.clock) continue; // the file stated its offset (banner) but some lines came before it
		const est = estimateOffset(records, own, anchors, twins, vmOf(input.path));
		if (est) {
			decided.set(input.path, { utcOffsetMinutes: est.offsetMs / MINUTE, basis: 'anchor', confidence: est.confidence, anchors: est.anchors, spreadMs: est.spreadMs });
			estimated.set(input.path, est.offsetMs / MINUTE);
		} else {
			unanchored.push(input.path);
		}
	}
	// Sources of one site share a time zone: when every anchored local source agrees, assume it for the rest.
	const agreed = new Set(estimated.values());
	if (agreed.size === 1) {
		const [offset] = agreed;
		for (const path of unanchored) decided.set(path, { utcOffsetMinutes: offset, basis: 'assumed', confidence: 'none', anchors: 0, spreadMs: null });
	}

	const clocked = inputs.map((input) => {
		const clock = decided.get(input.path);
		return clock ? { ...input, clock } : withConfidence(input);
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
