import type { Severity } from '../model/report';
import type { TimelineLane } from './timeline';

/**
 * Pure layout helpers of the timeline (no DOM): which events to draw at a zoom level and where the
 * axis ticks go. Kept here so they are unit-tested and the webview stays a thin renderer.
 */

/** What a marker needs: its time (UTC ms) and how bad it is. */
export interface Placeable {
	ms: number;
	severity: Severity;
}

/** One marker: a single event, or several too close to tell apart at this zoom (drawn as a count). */
export interface Cluster<T extends Placeable> {
	/** Pixel x of the marker. */
	x: number;
	/** The worst event of the cluster (its colour, its tooltip, what a click opens). */
	lead: T;
	count: number;
	/** The events it stands for: indices `first` … `last` (inclusive) of the array given to clusterEvents. */
	first: number;
	last: number;
}

const RANK: Readonly<Record<Severity, number>> = { error: 2, warning: 1, info: 0 };

/** First index whose ms is >= t (events sorted by ms). */
function lowerBound<T extends Placeable>(events: readonly T[], t: number): number {
	let lo = 0,
		hi = events.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (events[mid].ms < t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/**
 * The markers of one lane for the visible range [fromMs, toMs] drawn over `widthPx` pixels: events
 * closer than `minGapPx` merge into one cluster led by the worst. Only visible events are visited
 * (binary search), so the cost is O(visible + log n) and the marker count is at most widthPx / minGapPx + 1
 * whatever the number of events: 10,000 events stay as cheap to draw as 100.
 */
export function clusterEvents<T extends Placeable>(events: readonly T[], fromMs: number, toMs: number, widthPx: number, minGapPx: number): Cluster<T>[] {
	const span = Math.max(1, toMs - fromMs);
	const pxPerMs = widthPx / span;
	const out: Cluster<T>[] = [];
	const end = lowerBound(events, toMs + 1);
	for (let i = lowerBound(events, fromMs); i < end; i++) {
		const e = events[i];
		const x = (e.ms - fromMs) * pxPerMs;
		const last = out[out.length - 1];
		if (last && x - last.x < minGapPx) {
			last.count++;
			last.last = i;
			if (RANK[e.severity] > RANK[last.lead.severity]) last.lead = e;
		} else {
			out.push({ x, lead: e, count: 1, first: i, last: i });
		}
	}
	return out;
}

/** Tick steps the axis may use (ms): 1-2-5 from 1 ms up to a day. */
const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000];

/** Tick instants (UTC ms, multiples of the step in the display zone) so that about `maxTicks` fit in the range. */
export function axisTicks(fromMs: number, toMs: number, maxTicks: number, offsetMinutes = 0): { stepMs: number; ticks: number[] } {
	const span = Math.max(1, toMs - fromMs);
	const stepMs = STEPS.find((s) => span / s <= maxTicks) ?? STEPS[STEPS.length - 1];
	const shift = offsetMinutes * 60_000;
	const ticks: number[] = [];
	// Align to the zone's wall clock so hour ticks fall on local hours.
	for (let t = Math.ceil((fromMs + shift) / stepMs) * stepMs - shift; t <= toMs; t += stepMs) ticks.push(t);
	return { stepMs, ticks };
}

/**
 * How far (ms) the compared attempt is moved so that both starts line up; 0 when either has no start (an
 * untimed attempt is drawn on no axis, so nothing lines up with it).
 */
export function compareShift(model: { startMs: number | null }, compare: { startMs: number | null } | null): number {
	return compare && model.startMs !== null && compare.startMs !== null ? model.startMs - compare.startMs : 0;
}

/** One lane per source file, its top one (an in-guest attempt splits a file by role): the files whose clocks the timeline shows and lets one set. */
export const fileLanes = (lanes: readonly TimelineLane[]): TimelineLane[] => lanes.filter((l, i) => lanes.findIndex((m) => m.path === l.path) === i);
