import { translator } from '../knowledge/messages';
import { ORIGINS, VSS_ROLES, type Attempt, type AttemptEvent, type AttemptPhase, type Finding, type InputClock, type Origin, type Report, type VssRole, type Writer } from '../model/report';

/**
 * The timeline of one attempt as the webview draws it: one lane per source file (host to guest), its
 * events and spans on the aligned UTC axis, the failure pin and the details pane. An in-guest attempt's
 * file is split further into a lane per VSS role its events have (requester, VSS, writers, provider,
 * volsnap: report events[].vssRole). Derived from the report only (no surface re-reads a log); plain JSON
 * so it crosses the webview boundary as is.
 */

export interface TimelineEvent extends AttemptEvent {
	/** Index into the attempt's `events` (stable id for selection and highlighting). */
	index: number;
	/** Aligned UTC time in ms since the epoch. */
	ms: number;
}

export interface TimelineLane {
	/** The lane's id: the source's path, then `#` and the role for a role's lane. */
	id: string;
	/** The source's report path (the file a click opens). */
	path: string;
	/** The VSS role whose events of the source this lane holds; null for a whole file's (or its other events'). */
	role: VssRole | null;
	/** The source's file name. */
	file: string;
	/** The file name, and the role's word after ` · ` for a role's lane (`Application.evtx · writers`). */
	label: string;
	format: string;
	/** Where the source's format comes from (the report input's origin): the lanes' order. */
	origin: Origin | null;
	/** The source's clock: minutes east of UTC and how that was decided; null when unknown. */
	clock: InputClock | null;
	/**
	 * False when the source's clock rests on nothing of its own (unknown, or assumed from other sources): its
	 * events are at its local time moved by a guess, not measured on the UTC axis. Such lanes come last, but
	 * for the requester's, which stays on top (drawn as unaligned all the same).
	 */
	aligned: boolean;
	events: TimelineEvent[];
	phases: AttemptPhase[];
}

export interface TimelineFailure {
	/** Aligned UTC ms. */
	ms: number;
	path: string;
	line: number;
	hresult: string | null;
	hresultName: string | null;
	text: string;
}

export interface TimelineWriter {
	name: string;
	state: string | null;
	stateCode: number | null;
	lastError: string | null;
	failed: boolean;
	service: string | null;
	path: string;
	line: number;
}

export interface TimelineModel {
	attemptId: string;
	/** Stable across re-analyses (the id is not): VM and start. */
	key: string;
	vm: string | null;
	snapshotName: string | null;
	/**
	 * Attempt start and the span every event and phase fits in (UTC ms). The start is null for an attempt
	 * known only from untimed text: it has no axis, its events are listed only (the span is then empty).
	 */
	startMs: number | null;
	fromMs: number;
	toMs: number;
	result: Attempt['result'];
	consistency: Attempt['consistency'];
	consistencyEvidence: string[];
	hresult: string | null;
	hresultName: string | null;
	windows: Attempt['windows'];
	lanes: TimelineLane[];
	failure: TimelineFailure | null;
	findings: Finding[];
	writers: TimelineWriter[];
	/** Events without a known time: listed in the details, not drawn. */
	untimed: number;
	eventCount: number;
}

/** Whether a clock puts its source on the UTC axis by evidence of its own (a report before confidences: by its basis). */
const isAligned = (clock: InputClock | null): boolean => clock !== null && clock.basis !== 'assumed' && clock.confidence !== 'none';

/** The key that finds "the same attempt" again after a re-analysis renumbered it. */
export const attemptKey = (a: Pick<Attempt, 'vm' | 'start' | 'events'>): string => `${a.vm ?? ''}@${a.start ?? untimedKey(a)}`;

/** An untimed attempt has no start to be found by: the first line it was read from stands in. */
const untimedKey = (a: Pick<Attempt, 'events'>): string => (a.events[0] ? `${a.events[0].source}:${a.events[0].line}` : 'untimed');

/** The attempt a key (or, failing that, an id) names in this report. */
export function findAttempt(report: Report, key: string, id?: string): Attempt | undefined {
	return report.attempts.find((a) => attemptKey(a) === key) ?? (id ? report.attempts.find((a) => a.id === id) : undefined);
}

/** The failure line: the first error event naming the attempt's HRESULT (hex, or IDispatch's decimal), else the first error. */
function failureOf(a: Attempt, events: readonly TimelineEvent[]): TimelineFailure | null {
	if (a.result !== 'failed') return null;
	const errors = events.filter((e) => e.severity === 'error');
	const hex = a.hresult?.toLowerCase();
	const decimal = a.hresult ? String(Number.parseInt(a.hresult, 16) & 0xffff) : null;
	const names = (e: TimelineEvent) => hex !== undefined && (e.text.toLowerCase().includes(hex) || (decimal !== null && new RegExp(`#${decimal}\\b`).test(e.text)));
	const pin = errors.find(names) ?? errors[0];
	return pin ? { ms: pin.ms, path: pin.source, line: pin.line, hresult: a.hresult, hresultName: a.hresultName, text: pin.text } : null;
}

const writerRow = (w: Writer): TimelineWriter => ({
	name: w.name,
	state: w.state,
	stateCode: w.stateCode,
	lastError: w.lastError,
	failed: w.failed,
	service: w.service,
	path: w.stateSource?.path ?? w.source.path,
	line: w.stateSource?.line ?? w.source.line,
});

/** Where a file's lane goes among the timeline's lanes: its origin's place in ORIGINS (vCenter first); a file of no registered format last. */
const laneRank = (origin: Origin | null): number => (origin === null ? ORIGINS.length : ORIGINS.indexOf(origin));

/**
 * Whether a lane is the requester's: its role's lane, or a backup product's whole log. The try starts there,
 * so it stays the top lane even when its clock is only assumed (issue 17); it is drawn as unaligned then.
 */
const isRequester = (l: TimelineLane): boolean => l.role === 'requester' || (l.role === null && l.origin === 'backup-product');

/** Where a lane goes among its file's: the roles in VSS_ROLES order (requester on top), the file's other events last. */
const roleRank = (role: VssRole | null): number => (role === null ? VSS_ROLES.length : VSS_ROLES.indexOf(role));

/** The timeline of one attempt of the report; lane labels in the locale's words (English unless Japanese). */
export function buildTimeline(report: Report, a: Attempt, locale?: string | null): TimelineModel {
	const t = translator(locale);
	const inputs = new Map(report.inputs.map((i) => [i.path, i]));
	const lanes = new Map<string, TimelineLane>();
	const lane = (path: string, role: VssRole | null): TimelineLane => {
		const id = role === null ? path : `${path}#${role}`;
		let l = lanes.get(id);
		if (!l) {
			const input = inputs.get(path);
			const clock = input?.clock ?? null;
			const file = path.split(/!\/|\//).pop() ?? path;
			const label = role === null ? file : `${file} · ${t('word.vssRole', { role })}`;
			l = { id, path, role, file, label, format: input?.format ?? 'unknown', origin: input?.origin ?? null, clock, aligned: isAligned(clock), events: [], phases: [] };
			lanes.set(id, l);
		}
		return l;
	};
	const timed: TimelineEvent[] = [];
	a.events.forEach((e, index) => {
		if (e.time === null) return;
		const ev = { ...e, index, ms: Date.parse(e.time) };
		timed.push(ev);
		lane(e.source, e.vssRole ?? null).events.push(ev);
	});
	// A phase is measured on a file, not a role: it goes on the file's top lane.
	for (const p of a.phases) {
		const top = [...lanes.values()].filter((l) => l.path === p.source).sort((x, y) => roleRank(x.role) - roleRank(y.role))[0];
		(top ?? lane(p.source, null)).phases.push(p);
	}
	const instants = [...(a.start === null ? [] : [Date.parse(a.start)]), ...timed.map((e) => e.ms), ...a.phases.flatMap((p) => [Date.parse(p.start), Date.parse(p.end)])];
	if (a.end) instants.push(Date.parse(a.end));
	// Writers this attempt names, or (when it names none) every writer of the bundle's listings.
	const named = new Set([...a.writers, ...report.findings.filter((f) => f.attemptId === a.id).flatMap((f) => f.writers)]);
	const writers = named.size > 0 ? report.writers.filter((w) => named.has(w.name)) : report.writers;
	return {
		attemptId: a.id,
		key: attemptKey(a),
		vm: a.vm,
		snapshotName: a.snapshotName,
		startMs: a.start === null ? null : Date.parse(a.start),
		fromMs: instants.reduce((m, t) => Math.min(m, t), Infinity),
		toMs: instants.reduce((m, t) => Math.max(m, t), -Infinity),
		result: a.result,
		consistency: a.consistency,
		consistencyEvidence: a.consistencyEvidence,
		hresult: a.hresult,
		hresultName: a.hresultName,
		windows: a.windows,
		// The requester's lanes on top, whatever their clock; then aligned lanes before those whose place on
		// the axis is a guess; within each, an in-guest attempt's roles in VSS order, then, from the requester
		// and vCenter through the host and the VMX into the guest, the order a quiesce travels (the formats' origins).
		lanes: [...lanes.values()].sort((x, y) => Number(!isRequester(x)) - Number(!isRequester(y)) || Number(!x.aligned) - Number(!y.aligned) || roleRank(x.role) - roleRank(y.role) || laneRank(x.origin) - laneRank(y.origin) || x.path.localeCompare(y.path)),
		failure: failureOf(a, timed),
		// Its own findings, and bundle-wide ones about a writer it named (a listing's failed writer).
		findings: report.findings.filter((f) => f.attemptId === a.id || (f.attemptId === null && f.writers.some((w) => named.has(w)))),
		writers: writers.map(writerRow).sort((x, y) => Number(y.failed) - Number(x.failed)),
		untimed: a.events.length - timed.length,
		eventCount: a.events.length,
	};
}
