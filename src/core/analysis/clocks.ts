import { pushTo } from '../collections';
import { HOST_SIDE_FORMATS, kindAnchor, kindStatesFailure } from '../formats';
import { instantMs, isoOfMs } from '../formats/lib/stamps';
import { hresultOf, type LogRecord } from '../model/records';
import type { ClockConfidence, ClockPair, ClockPairKind, InputClock, InputFile, SourceRef } from '../model/report';
import { isUtcOffset } from '../utcOffset';
import { vmOfPath, vmxLogFolder } from './vmPaths';

/**
 * Clock alignment (architecture.md §4). Host logs are UTC; guests and exports often print local time,
 * sometimes without a year. Every input gets `clock`: what its file says (stamped, banner), a user
 * setting, an offset estimated from anchor pairs, or — when a local source has no anchor — the offset
 * every anchored local source agrees on (assumed). Records with a local time are then given UTC times.
 *
 * Anchor pairs: the same Windows event (provider, id and record id) in a local copy and a UTC one gives the
 * exact offset; then the requester's create call and the host's start of a snapshot of the same name; else
 * two sources' records of the same happening vote (a snapshot start, an error reported to the host, the same
 * failure HRESULT, one kind of Windows event). Names repeat (a product names every snapshot alike): each name
 * pair votes, and an offset two candidates tie for is no offset. A snapshot-name pair also checks a banner's
 * offset (Veeam's `UTC offset:` is wrong by an hour across a DST change): unambiguous pairs that agree on
 * another offset win. Every clock says how sure it is (`confidence`, the pairs it rests on, their spread and
 * the closest of them).
 */

const MINUTE = 60_000;
/** Time zones are whole quarter hours (Nepal's +5:45 included). */
const ZONE_STEP = 15 * MINUTE;
/** Two logs of the same happening may differ by clock drift and logging delay: up to 3 min (ms). */
const PAIR_TOLERANCE = 3 * MINUTE;
/** One event in two exports differs only by what a copy leaves out of its stamp: whole seconds (ms). */
const SAME_EVENT_TOLERANCE = 2000;
/** Most pairs a clock lists (report inputs[].clock.pairs; `anchors` counts them all). */
const PAIRS_LISTED = 5;
/** The anchor category of a snapshot's name (`snapshot:<name>`): the requester's create call and the host's start. */
const SNAPSHOT_PREFIX = 'snapshot:';

/**
 * A record on the UTC axis that a local one may pair with: its instant (ms), the VM its file names, and
 * whether its file is of the hypervisor's side (which sees every VM's snapshots).
 */
interface Anchor {
	ms: number;
	vm: string | null;
	hostSide: boolean;
	source: SourceRef;
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

/** The name of the snapshot a record starts: the host's `SnapshotVMX_TakeSnapshot start`, a requester's create call. */
function snapshotNameOf(r: LogRecord): string | null {
	if (r.kind === 'snapshot-start') return r.fields.name;
	if (r.kind === 'product-snapshot' && r.fields.action === 'create') return r.fields.name;
	return null;
}

/**
 * The anchor categories a record is: its kind's (formats' declarations), `hresult:<hr>` for a record that
 * states a failure with an HRESULT (the host's Msg_Post and the guest's req.error or VSS event of one error),
 * and `snapshot:<name>` for a snapshot's start by name.
 */
function anchorsOf(r: LogRecord): string[] {
	const out: string[] = [];
	const cat = kindAnchor(r);
	if (cat) out.push(cat);
	const hr = hresultOf(r);
	if (hr !== null && kindStatesFailure(r)) out.push(`hresult:${hr}`);
	const name = snapshotNameOf(r);
	if (name) out.push(`${SNAPSHOT_PREFIX}${name}`);
	return out;
}

/** What a pair of a category is in the report. */
function pairKind(cat: string): ClockPairKind {
	if (cat.startsWith(SNAPSHOT_PREFIX)) return 'snapshot-name';
	if (cat.startsWith('hresult:')) return 'hresult';
	if (cat.startsWith('event:')) return 'event';
	return cat === 'error' ? 'error' : 'start';
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
	pairs: ClockPair[];
}

/** The votes for one offset: how many pairs, their summed residual and their spread (ms), the closest pairs. */
interface Tally {
	n: number;
	residual: number;
	min: number;
	max: number;
	pairs: ClockPair[];
}

/** The votes for each offset (in zone steps). */
class Votes {
	private readonly byStep = new Map<number, Tally>();

	/** Counts the pair whose local minus UTC time is `d` (ms) when within `tolerance` of a real zone's offset. */
	add(d: number, tolerance: number, kind: ClockPairKind, local: SourceRef, utc: SourceRef): void {
		const k = Math.round(d / ZONE_STEP);
		const signed = d - k * ZONE_STEP;
		if (Math.abs(signed) > tolerance || !isUtcOffset((k * ZONE_STEP) / MINUTE)) return;
		const v = this.byStep.get(k) ?? { n: 0, residual: 0, min: signed, max: signed, pairs: [] };
		v.n++;
		v.residual += Math.abs(signed);
		v.min = Math.min(v.min, signed);
		v.max = Math.max(v.max, signed);
		keepClosest(v.pairs, { kind, local, utc, residualMs: signed });
		this.byStep.set(k, v);
	}

	/**
	 * The offset the most pairs vote for; `exact` when every pair agrees on it. Among offsets with as many
	 * votes, the smaller summed residual wins — unless `strict` (pairs by a name that repeats): then the one
	 * whose pairs agree best (smallest spread) wins, and a tie of single pairs is no answer (one call matching
	 * two starts of its name an hour apart says nothing of which is its twin).
	 */
	best(exact: boolean, strict = false): Estimate | null {
		const tallies = [...this.byStep].map(([k, v]) => ({ k, ...v }));
		const most = tallies.reduce((m, v) => Math.max(m, v.n), 0);
		const top = tallies.filter((v) => v.n === most);
		const spread = (v: Tally) => v.max - v.min;
		const order = strict ? (x: Tally, y: Tally) => spread(x) - spread(y) || x.residual - y.residual : (x: Tally, y: Tally) => x.residual - y.residual;
		top.sort(order);
		const best = top[0];
		if (!best) return null;
		if (strict && top.length > 1 && (most === 1 || order(best, top[1]) === 0)) return null;
		return { offsetMs: best.k * ZONE_STEP, confidence: exact && this.byStep.size === 1 ? 'exact' : 'inferred', anchors: best.n, spreadMs: spread(best), pairs: best.pairs };
	}
}

/** Keeps the PAIRS_LISTED pairs of smallest residual, closest first (in place). */
function keepClosest(list: ClockPair[], pair: ClockPair): void {
	const at = list.findIndex((p) => Math.abs(p.residualMs) > Math.abs(pair.residualMs));
	if (at < 0) {
		if (list.length < PAIRS_LISTED) list.push(pair);
		return;
	}
	list.splice(at, 0, pair);
	if (list.length > PAIRS_LISTED) list.pop();
}

/**
 * A record's local wall-clock time (ms, as if UTC) near a UTC instant: its local stamp (a yearless one takes
 * the year that puts it nearest), or, for a file that stated its offset, its UTC time moved back by it.
 */
function localNear(r: LogRecord, refMs: number, stated: number | null): number {
	if (r.local !== null) return localMs(r.local, isYearless(r.local) ? nearestYear(r.local, refMs) : 0);
	return stated !== null && r.time !== null ? instantMs(r.time) + stated * MINUTE : Number.NaN;
}

/**
 * The offset the snapshot names vote for: each create call or start of the source with every start of that
 * name on UTC it may be (pairable). Strict: two offsets with as many votes (a name reused an hour later) give
 * none, and say so (`ambiguous`).
 */
function snapshotNameOffset(records: readonly LogRecord[], own: readonly number[], anchors: Map<string, Anchor[]>, vm: string | null, stated: number | null): { estimate: Estimate | null; ambiguous: boolean } {
	const votes = new Votes();
	for (const i of own) {
		const r = records[i];
		const name = snapshotNameOf(r);
		const cat = name ? `${SNAPSHOT_PREFIX}${name}` : null;
		const all = cat === null ? undefined : anchors.get(cat);
		if (!all) continue;
		for (const a of pairable(all, cat!, vm)) votes.add(localNear(r, a.ms, stated) - a.ms, PAIR_TOLERANCE, 'snapshot-name', r.source, a.source);
	}
	const estimate = votes.best(false, true);
	return { estimate, ambiguous: estimate === null && votes.best(false) !== null };
}

/**
 * A source's offset from its records (positions in `records`): exact from the Windows events another source
 * holds on UTC (`twins`), else from its snapshots' names, else voted for by the pairs of its local anchors
 * with the anchors on UTC.
 */
function estimateOffset(records: readonly LogRecord[], own: readonly number[], anchors: Map<string, Anchor[]>, twins: Map<string, { ms: number; source: SourceRef }>, vm: string | null): Estimate | null {
	const same = new Votes();
	for (const i of own) {
		const r = records[i];
		const key = r.local === null ? null : sameEventKey(r);
		const twin = key === null ? undefined : twins.get(key);
		if (twin !== undefined) same.add(localNear(r, twin.ms, null) - twin.ms, SAME_EVENT_TOLERANCE, 'same-event', r.source, twin.source);
	}
	const exact = same.best(true);
	if (exact) return exact;
	const named = snapshotNameOffset(records, own, anchors, vm, null);
	if (named.estimate) return named.estimate;
	const votes = new Votes();
	for (const i of own) {
		const r = records[i];
		if (r.local === null) continue;
		for (const cat of anchorsOf(r)) {
			const all = cat.startsWith(SNAPSHOT_PREFIX) ? undefined : anchors.get(cat);
			if (!all) continue;
			// Other VMs' starts would vote for offsets that are their start times' differences (pairable).
			for (const a of pairable(all, cat, vm)) votes.add(localNear(r, a.ms, null) - a.ms, PAIR_TOLERANCE, pairKind(cat), r.source, a.source);
		}
	}
	// The same starts whose names could not tell their twins apart may not decide it by a residual either.
	return votes.best(false, named.ambiguous);
}

/** The clock an estimate decides. */
const clockOf = (est: Estimate): InputClock => ({ utcOffsetMinutes: est.offsetMs / MINUTE, basis: 'anchor', confidence: est.confidence, anchors: est.anchors, spreadMs: est.spreadMs, pairs: est.pairs });

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
	// Nothing to align: every record is already on the UTC axis, no offset is set and no banner's offset is
	// to be checked against a snapshot's name (a host bundle).
	const bannered = new Set(inputs.filter((i) => i.clock?.basis === 'banner').map((i) => i.path));
	if (Object.keys(settings).length === 0 && !records.some((r) => r.local !== null || (bannered.has(r.source.path) && snapshotNameOf(r) !== null))) return { inputs: inputs.map(withConfidence), records };
	// The positions of each source's records, so that a record's new value takes its place.
	const bySource = new Map<string, number[]>();
	for (let i = 0; i < records.length; i++) pushTo(bySource, records[i].source.path, i);
	// Anchors on the UTC axis: every record whose instant is already known.
	const anchors = new Map<string, Anchor[]>();
	// Windows events already on UTC by their identity (sameEventKey), for a local copy of the same event.
	const twins = new Map<string, { ms: number; source: SourceRef }>();
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
		for (const cat of anchorsOf(r)) pushTo(anchors, cat, { ms: t, vm: vmOf(r.source.path), hostSide: hostSide.has(r.source.path), source: r.source });
		const key = sameEventKey(r);
		if (key !== null) twins.set(key, { ms: t, source: r.source });
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
		if (input.clock?.basis === 'banner') {
			// A banner's offset against its snapshots' names: the host's starts of them say when they really were.
			const check = snapshotNameOffset(records, own, anchors, vmOf(input.path), input.clock.utcOffsetMinutes).estimate;
			const offset = check === null ? input.clock.utcOffsetMinutes : check.offsetMs / MINUTE;
			if (offset !== input.clock.utcOffsetMinutes) {
				const shiftMs = (offset - input.clock.utcOffsetMinutes) * MINUTE;
				for (const i of own) {
					const r = aligned[i];
					if (r.time !== null) aligned[i] = { ...r, time: isoOfMs(instantMs(r.time) - shiftMs) };
				}
				decided.set(input.path, { ...clockOf(check!), statedUtcOffsetMinutes: input.clock.utcOffsetMinutes });
				continue;
			}
		}
		if (!own.some((i) => records[i].local !== null)) continue;
		if (input.clock) continue; // the file stated its offset (banner) but some lines came before it
		const est = estimateOffset(records, own, anchors, twins, vmOf(input.path));
		if (est) {
			decided.set(input.path, clockOf(est));
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
