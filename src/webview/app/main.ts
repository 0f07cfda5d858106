import { compareShift, fileLanes, formatDuration, formatOffset, parseOffsetInput, repeatMark, type EventJoin, type TimelineEvent, type TimelineModel } from '../../core/pure';
import type { AttemptChoice, HostMessage, TimelineState, TimelineStrings, WebviewMessage } from '../protocol';
import { pngDataUrl, standaloneSvg } from './exportImage';
import { clockText, confidenceText, LABEL_W, renderPlot } from './plot';
import { badge, button, dataGrid, divider, dropdown, link, tabs, textField } from './toolkit';

/**
 * The timeline app in the webview: receives the attempt's model from the host, draws it, and sends back
 * only protocol messages (open a line, set a clock offset, compare, export). The host validates them.
 */

interface VsCodeApi {
	postMessage(message: WebviewMessage): void;
	getState(): unknown;
	setState(state: TimelineState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

let strings: TimelineStrings;
let model: TimelineModel;
let compare: TimelineModel | null = null;
let attempts: AttemptChoice[] = [];
let state: TimelineState;
let highlight: number | null = null;
let plotHost: HTMLElement | null = null;
let tooltip: HTMLElement | null = null;

/** Smallest visible span (ms): below it the axis has nothing left to tell. */
const MIN_SPAN_MS = 5;

function post(m: WebviewMessage): void {
	vscode.postMessage(m);
}

function save(): void {
	vscode.setState(state);
}

function h<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
	const e = document.createElement(tag);
	if (text !== undefined) e.textContent = text;
	if (cls) e.className = cls;
	return e;
}

const fill = (template: string, ...args: (string | number)[]) => args.reduce<string>((s, a, i) => s.replace(`{${i}}`, String(a)), template);
/** A duration in the UI language. */
const duration = (ms: number): string => formatDuration(ms, strings.locale);

/** The attempt plus a margin on each side (3 % of its span, at least 0.5 s). */
function fitRange(): { fromMs: number; toMs: number } {
	let from = model.fromMs,
		to = model.toMs;
	if (compare) {
		const shift = compareShift(model, compare);
		from = Math.min(from, compare.fromMs + shift);
		to = Math.max(to, compare.toMs + shift);
	}
	const pad = Math.max(500, (to - from) * 0.03);
	return { fromMs: from - pad, toMs: to + pad };
}

function view(): { fromMs: number; toMs: number } {
	return state.view ?? fitRange();
}

function setView(fromMs: number, toMs: number): void {
	const fit = fitRange();
	const maxSpan = (fit.toMs - fit.fromMs) * 10;
	const span = Math.min(maxSpan, Math.max(MIN_SPAN_MS, toMs - fromMs));
	const mid = (fromMs + toMs) / 2;
	state = { ...state, view: { fromMs: mid - span / 2, toMs: mid + span / 2 } };
	save();
	drawPlot();
}

function zoom(factor: number, atMs?: number): void {
	const v = view();
	const at = atMs ?? (v.fromMs + v.toMs) / 2;
	setView(at - (at - v.fromMs) * factor, at + (v.toMs - at) * factor);
}

function pan(fraction: number): void {
	const v = view();
	const d = (v.toMs - v.fromMs) * fraction;
	setView(v.fromMs + d, v.toMs + d);
}

function fit(): void {
	state = { ...state, view: null };
	save();
	drawPlot();
}

/** Minutes east of UTC of the chosen zone (a source's clock, or 0). */
function zoneOffset(): number {
	const z = state.zone;
	if (z.kind === 'utc') return 0;
	return model.lanes.find((l) => l.path === z.path)?.clock?.utcOffsetMinutes ?? 0;
}

function plotWidth(): number {
	return Math.max(480, (plotHost?.clientWidth ?? window.innerWidth) - 2);
}

function drawPlot(): void {
	if (!plotHost) return;
	const focused = (document.activeElement as Element | null)?.getAttribute?.('data-index') ?? null;
	const v = view();
	const svg = renderPlot(
		{ model, compare, fromMs: v.fromMs, toMs: v.toMs, width: plotWidth(), offsetMinutes: zoneOffset(), highlight, strings },
		{
			onOpen: (e) => post({ type: 'openSource', path: e.source, line: e.line }),
			onHover: showTooltip,
		},
	);
	plotHost.replaceChildren(svg);
	if (focused !== null) (svg.querySelector(`.marker[data-index="${CSS.escape(focused)}"]`) as SVGGElement | null)?.focus();
	plotHost.dataset.from = String(Math.round(v.fromMs));
	plotHost.dataset.to = String(Math.round(v.toMs));
}

/** The raw line of the event under the pointer or focus, as text. */
function showTooltip(e: TimelineEvent | null, count: number, anchor: Element | null): void {
	if (!tooltip) return;
	if (!e || !anchor) {
		tooltip.hidden = true;
		return;
	}
	const head = `${clockText(e.ms, zoneOffset(), true, true)} · ${e.severity} · ${e.source}:${e.line}${repeatMark(e) && ` · ${repeatMark(e)} → ${e.lastTime ? clockText(Date.parse(e.lastTime), zoneOffset(), true, true) : '?'} :${e.lastLine}`}${count > 1 ? ` · +${count - 1}` : ''}`;
	const parts: HTMLElement[] = [h('div', head, 'tip-head')];
	if (e.join) parts.push(h('div', `${strings.joinedBy}: ${joinText(e.join)}`, 'tip-join'));
	parts.push(h('pre', e.text, 'tip-text'));
	tooltip.replaceChildren(...parts);
	tooltip.hidden = false;
	const r = anchor.getBoundingClientRect();
	const host = plotHost!.getBoundingClientRect();
	tooltip.style.left = `${Math.max(0, Math.min(r.left - host.left, host.width - 420))}px`;
	tooltip.style.top = `${r.bottom - host.top + 6}px`;
}

/** Why the event is the attempt's, in the catalogue's words; a window's bounds in the axis's zone. */
function joinText(j: EventJoin): string {
	const at = (iso: string) => clockText(Date.parse(iso), zoneOffset(), true, true);
	if (j.by === 'window') return fill(strings.joins.window, at(j.from), at(j.to));
	return fill(strings.joins[j.by], j.by === 'opid' ? j.opId : j.by === 'task' ? (j.task ?? '—') : j.by === 'requester' ? String(j.line) : '');
}

function summary(): HTMLElement {
	const s = h('section', undefined, 'summary');
	const title = h('h1', `${model.vm ?? '?'}${model.snapshotName ? ` — ${model.snapshotName}` : ''}`);
	const line = h('div', undefined, 'summary-line');
	const result = badge(strings.results[model.result]);
	result.classList.add(`result-${model.result}`);
	line.append(h('span', `${strings.result}: `), result, h('span', ` ${strings.consistency}: ${strings.consistencies[model.consistency]}`));
	if (model.failure) line.append(h('span', ` · ${strings.failure}: ${[model.failure.hresult, model.failure.hresultName].filter(Boolean).join(' ')}`, 'failure-text'));
	s.append(title, line);
	if (compare) s.append(h('div', fill(strings.comparing, `${compare.vm ?? '?'} ${compare.startMs === null ? strings.timeUnknown : new Date(compare.startMs).toISOString()} (${strings.results[compare.result]})`), 'compare-note'));
	return s;
}

function toolbar(): HTMLElement {
	const bar = h('div', undefined, 'toolbar');
	bar.setAttribute('role', 'toolbar');
	const zones = [
		{ value: 'utc', label: strings.utc },
		...fileLanes(model.lanes)
			.filter((l) => l.clock)
			.map((l) => ({ value: `source:${l.path}`, label: `${fill(strings.localOf, l.file)} (UTC${formatOffset(l.clock!.utcOffsetMinutes)})` })),
	];
	const zoneValue = state.zone.kind === 'utc' ? 'utc' : `source:${state.zone.path}`;
	bar.append(
		button('⤢', fit, { id: 'fit', secondary: true, label: strings.fit }),
		button('+', () => zoom(0.5), { id: 'zoom-in', secondary: true, label: strings.zoomIn }),
		button('−', () => zoom(2), { id: 'zoom-out', secondary: true, label: strings.zoomOut }),
		dropdown('zone', strings.zone, zones, zoneValue, (v) => {
			state = { ...state, zone: v === 'utc' ? { kind: 'utc' } : { kind: 'source', path: v.slice('source:'.length) } };
			save();
			drawPlot();
		}),
		dropdown('compare', strings.compare, [{ value: '', label: strings.noCompare }, ...attempts.map((a) => ({ value: a.key, label: a.label }))], state.compareKey ?? '', (v) => {
			state = { ...state, compareKey: v || null, view: null };
			save();
			post({ type: 'compare', key: v || null });
		}),
		button(strings.exportSvg, () => void exportAs('svg'), { id: 'export-svg', secondary: true }),
		button(strings.exportPng, () => void exportAs('png'), { id: 'export-png', secondary: true }),
	);
	return bar;
}

async function exportAs(format: 'svg' | 'png'): Promise<void> {
	const svg = plotHost?.querySelector('svg');
	if (!svg) return;
	const text = standaloneSvg(svg);
	const data = format === 'svg' ? text : await pngDataUrl(text, svg.width.baseVal.value, svg.height.baseVal.value);
	post({ type: 'export', format, data });
}

function detailsPane(): HTMLElement {
	const details = h('div', undefined, 'details');
	const dl = h('dl');
	const row = (k: string, v: string) => dl.append(h('dt', k), h('dd', v));
	row(strings.result, strings.results[model.result]);
	row(strings.consistency, `${strings.consistencies[model.consistency]} — ${model.consistencyEvidence.join(' ')}`);
	if (model.failure) row(strings.failure, `${[model.failure.hresult, model.failure.hresultName].filter(Boolean).join(' ')} · ${model.failure.path}:${model.failure.line}`);
	for (const w of model.windows) row(strings.windows[w.name] ?? w.name, `${duration(w.measuredMs)} / ${fill(strings.limit, duration(w.limitMs))}${w.exceeded ? ` — ${fill(strings.exceededBy, duration(w.measuredMs - w.limitMs))}` : ''}`);
	details.append(dl);
	if (model.untimed > 0) details.append(h('p', fill(strings.untimed, model.untimed)));

	const findings = h('div', undefined, 'findings');
	if (model.findings.length === 0) findings.append(h('p', strings.noFindings));
	for (const f of model.findings) {
		const card = h('article', undefined, `finding sev-${f.severity}`);
		card.append(h('h3', `${f.code} · ${f.title}`), h('p', f.message), h('h4', strings.fix), h('pre', f.fix, 'fix'));
		const kb = h('p', undefined, 'kb');
		f.kb.forEach((k, i) => {
			if (i > 0) kb.append(h('span', ' · '));
			kb.append(link(k.id, k.url));
		});
		card.append(kb, divider());
		findings.append(card);
	}

	const writers = dataGrid(
		'writers-grid',
		strings.writers,
		[
			{ key: 'name', title: strings.writer },
			{ key: 'state', title: strings.state },
			{ key: 'lastError', title: strings.lastError },
			{ key: 'service', title: strings.service },
		],
		model.writers.map((w) => ({ name: w.name, state: w.stateCode === null ? '—' : `[${w.stateCode}] ${strings.writerStates[w.stateCode] ?? w.state ?? ''}`, lastError: w.lastError ?? '—', service: w.service ?? '—' })),
	);

	const clocks = h('table', undefined, 'clocks');
	const head = h('tr');
	head.append(h('th', strings.source), h('th', strings.offset), h('th', strings.basis), h('th', strings.confidence));
	clocks.append(head);
	for (const l of fileLanes(model.lanes)) {
		const tr = h('tr');
		tr.dataset.path = l.path;
		const cell = h('td');
		if (l.clock) {
			cell.append(
				textField(String(l.clock.utcOffsetMinutes), `${strings.offset}: ${l.file}`, (v) => {
					const minutes = parseOffsetInput(v);
					if (minutes !== null) post({ type: 'setClockOffset', path: l.path, minutes });
				}),
			);
		} else {
			cell.textContent = '—';
		}
		const sure = h('td', (l.clock && confidenceText(l.clock, strings)) ?? '—');
		if (!l.aligned) {
			tr.classList.add('unaligned');
			sure.append(h('div', strings.unalignedNote, 'hint'));
		}
		tr.append(h('td', l.path), cell, h('td', l.clock ? strings.bases[l.clock.basis] : '—'), sure);
		clocks.append(tr);
	}
	const clockPane = h('div');
	clockPane.append(clocks, h('p', strings.offsetHint, 'hint'));

	return tabs('detail-tabs', [
		{ id: 'details', title: strings.result, body: details },
		{ id: 'findings', title: `${strings.findings} (${model.findings.length})`, body: findings },
		{ id: 'writers', title: strings.writers, body: writers },
		{ id: 'clocks', title: strings.clocks, body: clockPane },
	]);
}

function plotSection(): HTMLElement {
	const wrap = h('section', undefined, 'plot-wrap');
	plotHost = h('div', undefined, 'plot-host');
	plotHost.id = 'plot';
	plotHost.tabIndex = 0;
	plotHost.setAttribute('role', 'group');
	plotHost.setAttribute('aria-label', strings.plotLabel);
	tooltip = h('div', undefined, 'tooltip');
	tooltip.id = 'tooltip';
	tooltip.setAttribute('role', 'tooltip');
	tooltip.hidden = true;
	wireNavigation(plotHost);
	wrap.append(plotHost, tooltip);
	return wrap;
}

/** Wheel zooms (shift+wheel pans), dragging pans, keys pan/zoom/fit. */
function wireNavigation(host: HTMLElement): void {
	const msAt = (clientX: number) => {
		const r = host.getBoundingClientRect();
		const v = view();
		return v.fromMs + ((clientX - r.left - LABEL_W) / Math.max(1, r.width - LABEL_W)) * (v.toMs - v.fromMs);
	};
	host.addEventListener(
		'wheel',
		(e) => {
			e.preventDefault();
			if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) pan((e.shiftKey ? e.deltaY : e.deltaX) / 1000);
			else zoom(Math.exp(e.deltaY * 0.002), msAt(e.clientX));
		},
		{ passive: false },
	);
	let drag: { x: number; from: number; to: number } | null = null;
	host.addEventListener('pointerdown', (e) => {
		if ((e.target as Element).closest('.marker')) return;
		const v = view();
		drag = { x: e.clientX, from: v.fromMs, to: v.toMs };
		host.setPointerCapture(e.pointerId);
	});
	host.addEventListener('pointermove', (e) => {
		if (!drag) return;
		const msPerPx = (drag.to - drag.from) / Math.max(1, host.clientWidth - LABEL_W);
		const d = (drag.x - e.clientX) * msPerPx;
		state = { ...state, view: { fromMs: drag.from + d, toMs: drag.to + d } };
		drawPlot();
	});
	host.addEventListener('pointerup', () => {
		if (drag) save();
		drag = null;
	});
	host.addEventListener('keydown', (e) => {
		const keys: Record<string, () => void> = {
			ArrowLeft: () => pan(-0.1),
			ArrowRight: () => pan(0.1),
			'+': () => zoom(0.5),
			'=': () => zoom(0.5),
			'-': () => zoom(2),
			'0': fit,
		};
		const act = keys[e.key];
		if (act && !(e.target as Element).closest('vscode-text-field')) {
			e.preventDefault();
			act();
		}
	});
}

function render(): void {
	app.removeAttribute('aria-busy');
	app.replaceChildren(summary(), toolbar(), plotSection(), detailsPane());
	drawPlot();
}

/** Centres the view on an event outside it, then draws it highlighted. */
function reveal(index: number | null): void {
	highlight = index;
	const e = index === null ? undefined : model.lanes.flatMap((l) => l.events).find((x) => x.index === index);
	const v = view();
	if (e && (e.ms < v.fromMs || e.ms > v.toMs)) {
		const half = (v.toMs - v.fromMs) / 2;
		setView(e.ms - half, e.ms + half);
	} else {
		drawPlot();
	}
	plotHost?.querySelector('.marker.highlight')?.scrollIntoView({ block: 'nearest' });
}

window.addEventListener('message', (ev: MessageEvent<HostMessage>) => {
	const m = ev.data;
	switch (m.type) {
		case 'init':
			strings = m.strings;
			model = m.model;
			compare = m.compare;
			attempts = m.attempts;
			// The app's own saved view wins over the host's copy (it is newer after a reload).
			state = { ...m.state, ...((vscode.getState() as Partial<TimelineState> | undefined) ?? {}), key: m.state.key, attemptId: m.state.attemptId };
			save();
			render();
			break;
		case 'update':
			if (!strings) return;
			model = m.model;
			compare = m.compare;
			attempts = m.attempts;
			state = { ...state, key: m.model.key, attemptId: m.model.attemptId };
			save();
			render();
			break;
		case 'missing':
			app.removeAttribute('aria-busy');
			app.replaceChildren(h('p', m.text, 'missing'));
			break;
		case 'highlight':
			if (model) reveal(m.index);
			break;
	}
});

window.addEventListener('resize', () => {
	if (model) drawPlot();
});

post({ type: 'ready' });
