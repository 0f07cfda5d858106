import { isUtcOffset, type AttemptResult, type ClockBasis, type DomainWords, type Locale, type TimelineModel } from '../core/pure';

/**
 * The timeline webview's message protocol: one union per direction. The app posts `ready` once its
 * script runs; the host answers `init`. Everything the webview sends is untrusted and goes through
 * parseWebviewMessage before the host acts on it. No `vscode` import: the browser app shares this file.
 */

/** The zone the axis is printed in: UTC, or the local time of one source (its clock offset). */
export type ZoneChoice = { kind: 'utc' } | { kind: 'source'; path: string };

/** What the app persists with setState, and what the panel serializer gets back after a reload. */
export interface TimelineState {
	/** attemptKey(): VM and start, stable across re-analyses. */
	key: string;
	attemptId: string;
	zone: ZoneChoice;
	/** Visible range (UTC ms), null = fit to the attempt. */
	view: { fromMs: number; toMs: number } | null;
	compareKey: string | null;
}

/** Another attempt of the bundle, offered for the overlay. */
export interface AttemptChoice {
	key: string;
	label: string;
}

/**
 * Every text the app shows, localized by the host (the app has no l10n of its own); its domain words
 * (consistencies, phases, window names, writer states) are the core catalogue's.
 */
export interface TimelineStrings extends DomainWords {
	/** The UI language, for what the app formats itself (durations). */
	locale: Locale;
	fit: string;
	zoomIn: string;
	zoomOut: string;
	zone: string;
	utc: string;
	localOf: string;
	compare: string;
	noCompare: string;
	exportSvg: string;
	exportPng: string;
	lanes: string;
	result: string;
	consistency: string;
	failure: string;
	findings: string;
	noFindings: string;
	fix: string;
	writers: string;
	writer: string;
	state: string;
	lastError: string;
	service: string;
	clocks: string;
	source: string;
	offset: string;
	basis: string;
	offsetHint: string;
	limit: string;
	exceededBy: string;
	events: string;
	untimed: string;
	plotLabel: string;
	comparing: string;
	/** The clocks table's column of how sure each clock is (its words are the catalogue's `confidences`). */
	confidence: string;
	/** A lane whose clock rests on nothing of its own: its label, and the note that says what that means. */
	unaligned: string;
	unalignedNote: string;
	/** Label of an event's join reason (the reason's words are the catalogue's `joins`). */
	joinedBy: string;
	/** Words for the report's enums, in the UI language. */
	results: Record<AttemptResult, string>;
	bases: Record<ClockBasis, string>;
}

export type HostMessage =
	| { type: 'init'; model: TimelineModel; compare: TimelineModel | null; attempts: AttemptChoice[]; state: TimelineState; strings: TimelineStrings }
	/** The report changed (re-analysis, clock offset): same attempt, new model. */
	| { type: 'update'; model: TimelineModel; compare: TimelineModel | null; attempts: AttemptChoice[] }
	/** The attempt is not in the report (yet, after a reload, or any more): the text says so. */
	| { type: 'missing'; text: string }
	/** A line selected in an editor is this event (index into the model's attempt events), or none. */
	| { type: 'highlight'; index: number | null };

export type WebviewMessage = { type: 'ready' } | { type: 'openSource'; path: string; line: number } | { type: 'setClockOffset'; path: string; minutes: number } | { type: 'compare'; key: string | null } | { type: 'export'; format: 'svg' | 'png'; data: string };

/** An exported picture larger than this (characters of SVG text or PNG data URL) is refused. */
export const MAX_EXPORT_CHARS = 64 * 1024 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max = 4096): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function parseZone(v: unknown): ZoneChoice | null {
	if (!isObject(v)) return null;
	if (v.kind === 'utc') return { kind: 'utc' };
	return v.kind === 'source' && isString(v.path) ? { kind: 'source', path: v.path } : null;
}

/** A persisted state, or null when it is not one (state comes back from storage: validate it too). */
export function parseState(v: unknown): TimelineState | null {
	if (!isObject(v) || !isString(v.key) || !isString(v.attemptId, 64)) return null;
	const zone = parseZone(v.zone) ?? { kind: 'utc' };
	const view = isObject(v.view) && Number.isFinite(v.view.fromMs) && Number.isFinite(v.view.toMs) && (v.view.toMs as number) > (v.view.fromMs as number) ? { fromMs: v.view.fromMs as number, toMs: v.view.toMs as number } : null;
	return { key: v.key, attemptId: v.attemptId, zone, view, compareKey: isString(v.compareKey) ? v.compareKey : null };
}

/** The message, checked field by field, or null when it is not one this protocol knows. */
export function parseWebviewMessage(v: unknown): WebviewMessage | null {
	if (!isObject(v)) return null;
	switch (v.type) {
		case 'ready':
			return { type: 'ready' };
		case 'openSource':
			return isString(v.path) && isInt(v.line, 1, 2 ** 31) ? { type: 'openSource', path: v.path, line: v.line } : null;
		case 'setClockOffset':
			return isString(v.path) && typeof v.minutes === 'number' && isUtcOffset(v.minutes) ? { type: 'setClockOffset', path: v.path, minutes: v.minutes } : null;
		case 'compare':
			return v.key === null || isString(v.key) ? { type: 'compare', key: v.key as string | null } : null;
		case 'export':
			return (v.format === 'svg' || v.format === 'png') && isString(v.data, MAX_EXPORT_CHARS) ? { type: 'export', format: v.format, data: v.data } : null;
		default:
			return null;
	}
}
