import { axisTicks, clusterEvents, compareShift, formatDuration, formatOffset, repeatMark, type AttemptPhase, type Cluster, type InputClock, type TimelineEvent, type TimelineLane, type TimelineModel } from '../../core/pure';
import type { TimelineStrings } from '../protocol';

/**
 * Draws one attempt as SVG: an axis, one lane per source (label, clock offset), phases as bars with
 * their limits, events as markers coloured by severity (clustered when too close to tell apart), the
 * failure pin, and the compared attempt as an outline overlay. Colours come from CSS classes that use
 * theme variables only (media/timeline.css). Every text goes in through textContent.
 */

const SVG = 'http://www.w3.org/2000/svg';
/** Pixels: the label gutter, the axis band, a lane's marker band and each phase row under it. */
export const LABEL_W = 230;
const AXIS_H = 34;
const MARKER_BAND = 26;
const PHASE_ROW = 13;
const LANE_PAD = 8;
/** Events closer than this (px) merge into one marker. */
const MIN_GAP_PX = 7;

export interface PlotInput {
	model: TimelineModel;
	compare: TimelineModel | null;
	fromMs: number;
	toMs: number;
	/** Total width of the SVG (px). */
	width: number;
	/** Minutes east of UTC the axis is printed in. */
	offsetMinutes: number;
	highlight: number | null;
	strings: TimelineStrings;
}

export interface PlotHandlers {
	onOpen(e: TimelineEvent): void;
	onHover(e: TimelineEvent | null, count: number, anchor: Element | null): void;
}

type Attrs = Record<string, string | number>;

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Attrs, parent?: Element, text?: string): SVGElementTagNameMap[K] {
	const e = document.createElementNS(SVG, name);
	for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
	if (text !== undefined) e.textContent = text;
	parent?.append(e);
	return e;
}

/** A time in the display zone: `HH:MM:SS`, with ms when the step is under a second, with the date when asked. */
export function clockText(ms: number, offsetMinutes: number, withMs: boolean, withDate = false): string {
	const iso = new Date(ms + offsetMinutes * 60_000).toISOString();
	const time = iso.slice(11, withMs ? 23 : 19);
	return withDate ? `${iso.slice(0, 10)} ${time}` : time;
}

/** How sure a clock is in words (`inferred from 3 pair(s), spread 2.5 s`); null for a clock that does not say. */
export function confidenceText(clock: InputClock, strings: TimelineStrings): string | null {
	if (clock.confidence === undefined) return null;
	return strings.confidences[clock.confidence].replace('{0}', String(clock.anchors ?? 0)).replace('{1}', formatDuration(clock.spreadMs ?? 0, strings.locale));
}

/** A source's clock in words: offset, how it was decided and how sure it is. */
function clockLine(clock: InputClock, strings: TimelineStrings): string {
	return [`UTC${formatOffset(clock.utcOffsetMinutes)}`, strings.bases[clock.basis], confidenceText(clock, strings)].filter(Boolean).join(' · ');
}

/** Phase rows: each phase takes the first row where it overlaps nothing. */
function stackPhases(phases: readonly AttemptPhase[]): number[] {
	const rowsEnd: number[] = [];
	return phases.map((p) => {
		const s = Date.parse(p.start),
			e = Date.parse(p.end);
		let row = rowsEnd.findIndex((end) => end <= s);
		if (row < 0) row = rowsEnd.length;
		rowsEnd[row] = e;
		return row;
	});
}

interface LaneLayout {
	lane: TimelineLane;
	/** The compared attempt's lane with the same source, if any. */
	other: TimelineLane | null;
	y: number;
	height: number;
	rows: number[];
	otherRows: number[];
}

/** Lanes of the model, then lanes only the compared attempt has. */
function layoutLanes(model: TimelineModel, compare: TimelineModel | null): LaneLayout[] {
	const out: LaneLayout[] = [];
	let y = AXIS_H;
	const add = (lane: TimelineLane, other: TimelineLane | null) => {
		const rows = stackPhases(lane.phases);
		const otherRows = other ? stackPhases(other.phases) : [];
		const n = Math.max(1, ...rows.map((r) => r + 1), ...otherRows.map((r) => r + 1));
		const height = MARKER_BAND + n * PHASE_ROW + LANE_PAD;
		out.push({ lane, other, y, height, rows, otherRows });
		y += height;
	};
	const empty = (l: TimelineLane): TimelineLane => ({ ...l, events: [], phases: [] });
	for (const lane of model.lanes) add(lane, compare?.lanes.find((l) => l.id === lane.id) ?? null);
	for (const l of compare?.lanes ?? []) if (!model.lanes.some((m) => m.id === l.id)) add(empty(l), l);
	return out;
}

/** The SVG of the timeline, wired to the handlers. */
export function renderPlot(input: PlotInput, handlers: PlotHandlers): SVGSVGElement {
	const { model, compare, fromMs, toMs, width, offsetMinutes, strings } = input;
	const plotW = Math.max(50, width - LABEL_W);
	const x = (ms: number) => LABEL_W + ((ms - fromMs) / (toMs - fromMs)) * plotW;
	const lanes = layoutLanes(model, compare);
	const height = (lanes.length > 0 ? lanes[lanes.length - 1].y + lanes[lanes.length - 1].height : AXIS_H) + 4;
	const svg = el('svg', { xmlns: SVG, width, height, viewBox: `0 0 ${width} ${height}`, class: 'plot', role: 'group', 'aria-label': strings.plotLabel, tabindex: 0 });
	el('rect', { x: 0, y: 0, width, height, class: 'plot-bg' }, svg);
	const clip = el('clipPath', { id: 'plot-clip' }, el('defs', {}, svg));
	el('rect', { x: LABEL_W, y: 0, width: plotW, height }, clip);

	// Axis: ticks aligned to the display zone's wall clock.
	const { stepMs, ticks } = axisTicks(fromMs, toMs, Math.max(2, Math.floor(plotW / 110)), offsetMinutes);
	const backgrounds = el('g', {}, svg);
	const axis = el('g', { class: 'axis', 'clip-path': 'url(#plot-clip)' }, svg);
	for (const t of ticks) {
		el('line', { x1: x(t), x2: x(t), y1: AXIS_H - 6, y2: height, class: 'tick' }, axis);
		el('text', { x: x(t) + 3, y: AXIS_H - 10, class: 'tick-label' }, axis, clockText(t, offsetMinutes, stepMs < 1000));
	}
	// The date (of the left edge, in the display zone) goes with the zone, so tick labels stay short.
	const date = clockText(fromMs, offsetMinutes, false, true).slice(0, 10);
	el('text', { x: 8, y: AXIS_H - 10, class: 'zone-label' }, svg, `${date} ${offsetMinutes === 0 ? 'UTC' : `UTC${formatOffset(offsetMinutes)}`}`);

	// The failure pin goes under the markers: the event it pins stays clickable.
	const pinLayer = el('g', {}, svg);
	const body = el('g', { 'clip-path': 'url(#plot-clip)' }, svg);
	const shift = compareShift(model, compare);
	lanes.forEach((L, i) => {
		// Lanes whose clock is a guess come last (the model's order; the requester's stays on top), dashed, below a line of their own.
		const unaligned = !L.lane.aligned;
		el('rect', { x: 0, y: L.y, width, height: L.height, class: `lane-bg${i % 2 === 0 ? '' : ' alt'}${unaligned ? ' unaligned' : ''}` }, backgrounds);
		if (unaligned && (i === 0 || lanes[i - 1].lane.aligned)) el('line', { x1: 0, x2: width, y1: L.y, y2: L.y, class: 'unaligned-rule' }, backgrounds);
		const labels = el('g', { class: `lane-label${unaligned ? ' unaligned' : ''}`, 'data-path': L.lane.path }, svg);
		el('title', {}, labels, [L.lane.path, L.lane.clock ? clockLine(L.lane.clock, strings) : null, unaligned ? strings.unalignedNote : null].filter(Boolean).join('\n'));
		el('text', { x: 8, y: L.y + 16, class: L.other && !model.lanes.includes(L.lane) ? 'lane-name cmp' : 'lane-name' }, labels, L.lane.label);
		const clock = L.lane.clock ? `UTC${formatOffset(L.lane.clock.utcOffsetMinutes)} · ${strings.bases[L.lane.clock.basis]}` : '—';
		el('text', { x: 8, y: L.y + 30, class: 'lane-clock' }, labels, `${unaligned ? `${strings.unaligned} · ` : ''}${clock} · ${strings.events.replace('{0}', String(L.lane.events.length))}`);

		const phaseY = (row: number) => L.y + MARKER_BAND + row * PHASE_ROW;
		L.other?.phases.forEach((p, j) => drawPhase(body, p, x, phaseY(L.otherRows[j]), shift, true, strings));
		L.lane.phases.forEach((p, j) => drawPhase(body, p, x, phaseY(L.rows[j]), 0, false, strings));

		const cy = L.y + MARKER_BAND / 2 + 2;
		if (L.other) {
			const shifted = L.other.events.map((e) => ({ ...e, ms: e.ms + shift }));
			for (const c of clusterEvents(shifted, fromMs, toMs, plotW, MIN_GAP_PX)) drawMarker(body, c, LABEL_W + c.x, cy, true, false, handlers);
		}
		for (const c of clusterEvents(L.lane.events, fromMs, toMs, plotW, MIN_GAP_PX)) {
			const lit = input.highlight !== null && L.lane.events.slice(c.first, c.last + 1).some((e) => e.index === input.highlight);
			drawMarker(body, c, LABEL_W + c.x, cy, false, lit, handlers);
		}
	});

	// The failure pin across every lane, with its HRESULT.
	const f = model.failure;
	if (f && f.ms >= fromMs && f.ms <= toMs) {
		const pin = el('g', { class: 'failure' }, pinLayer);
		el('line', { x1: x(f.ms), x2: x(f.ms), y1: AXIS_H - 4, y2: height, class: 'failure-line' }, pin);
		const text = [f.hresult, f.hresultName].filter(Boolean).join(' ') || strings.failure;
		const right = x(f.ms) + 220 > width;
		el('text', { x: x(f.ms) + (right ? -4 : 4), y: AXIS_H + 10, class: 'failure-label', 'text-anchor': right ? 'end' : 'start' }, pin, `✖ ${text}`);
	}
	return svg;
}

/** A phase bar; a limited phase shows its limit line and, past it, the overrun in the error colour. */
function drawPhase(parent: Element, p: AttemptPhase, x: (ms: number) => number, y: number, shift: number, overlay: boolean, strings: TimelineStrings): void {
	const s = Date.parse(p.start) + shift,
		e = Date.parse(p.end) + shift;
	const g = el('g', { class: `phase phase-${p.name}${overlay ? ' cmp' : ''}${p.exceeded ? ' exceeded' : ''}` }, parent);
	const limitAt = p.limitMs !== null ? s + p.limitMs : null;
	const okEnd = limitAt !== null && p.exceeded ? limitAt : e;
	el('rect', { x: x(s), y, width: Math.max(2, x(okEnd) - x(s)), height: PHASE_ROW - 3, rx: 2, class: 'bar' }, g);
	if (limitAt !== null && p.exceeded) el('rect', { x: x(limitAt), y, width: Math.max(2, x(e) - x(limitAt)), height: PHASE_ROW - 3, class: 'overrun' }, g);
	const duration = formatDuration(e - s, strings.locale);
	let caption = `${strings.phases[p.name]} ${duration}`;
	if (p.limitMs !== null) {
		caption += ` · ${strings.limit.replace('{0}', formatDuration(p.limitMs, strings.locale))}`;
		if (p.exceeded) caption += ` · ${strings.exceededBy.replace('{0}', formatDuration(e - s - p.limitMs, strings.locale))}`;
		el('line', { x1: x(limitAt!), x2: x(limitAt!), y1: y - 3, y2: y + PHASE_ROW, class: 'limit' }, g);
	}
	if (!overlay) el('text', { x: x(s) + 3, y: y + PHASE_ROW - 4, class: 'phase-label' }, g, caption);
	el('title', {}, g, caption);
}

function drawMarker(parent: Element, c: Cluster<TimelineEvent>, cx: number, cy: number, overlay: boolean, lit: boolean, h: PlotHandlers): void {
	const e = c.lead;
	const g = el(
		'g',
		{
			class: `marker sev-${e.severity}${overlay ? ' cmp' : ''}${lit ? ' highlight' : ''}`,
			'data-index': e.index,
			'data-line': e.line,
			'data-source': e.source,
			'data-count': c.count,
			'data-ms': e.ms,
		},
		parent,
	);
	if (!overlay) {
		g.setAttribute('tabindex', '0');
		g.setAttribute('role', 'button');
		g.setAttribute('aria-label', `${e.severity}: ${e.source}:${e.line} ${e.text.slice(0, 200)}${repeatMark(e) && ` ${repeatMark(e)}`}${c.count > 1 ? ` (+${c.count - 1})` : ''}`);
	}
	el('circle', { cx, cy, r: c.count > 1 ? 7 : 5 }, g);
	// A cluster shows how many markers it merges; a lone event that stands for folded repeats shows ×N.
	if (c.count > 1 || repeatMark(e)) el('text', { x: cx, y: cy - 9, class: 'count', 'text-anchor': 'middle' }, g, c.count > 1 ? String(c.count) : repeatMark(e));
	if (overlay) return;
	g.addEventListener('click', () => h.onOpen(e));
	g.addEventListener('keydown', (ev) => {
		if (ev.key === 'Enter' || ev.key === ' ') {
			ev.preventDefault();
			h.onOpen(e);
		}
	});
	g.addEventListener('mouseenter', () => h.onHover(e, c.count, g));
	g.addEventListener('focus', () => h.onHover(e, c.count, g));
	g.addEventListener('mouseleave', () => h.onHover(null, 0, null));
	g.addEventListener('blur', () => h.onHover(null, 0, null));
}
