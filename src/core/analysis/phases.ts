import { EXCHANGE_FREEZE_LIMIT_MS, FLUSH_HOLD_LIMIT_MS, TOOLS_QUIESCE_TIMEOUT_MS, WINDOW_NAMES, WRITER_FREEZE_LIMIT_MS } from '../knowledge/limits';
import { kindSeverity } from '../formats';
import { instantMs, isCanonicalUtc, isoOfMs } from '../formats/lib/stamps';
import type { KindRecord, LogRecord } from '../model/records';
import type { AttemptPhase, EventSeverity, PhaseName, WindowCheck } from '../model/report';

/**
 * The spans of one attempt (task, snapshot, quiesce, flush-and-hold, freeze, thaw, stun) and the window
 * checks measured on them, from records already on the aligned UTC axis. The timeline draws the spans;
 * the rules read the checks. Both come from here so a bar and its verdict can never disagree.
 */

const ms = instantMs;
const iso = isoOfMs;
/**
 * A record's time (`t`, its instant in ms) as the report prints it: its own text when that is already the
 * canonical form, as aligned times are (a string made per phase end cost 35 MB of allocations at 10,000
 * attempts).
 */
const isoOfTime = (time: string, t: number): string => (isCanonicalUtc(time) ? time : iso(t));

/** What a span was measured on: the record that opens it and the one that closes it (same timeline). */
interface Span {
	name: PhaseName;
	open: LogRecord;
	close: LogRecord;
	/** The window check measured on this span, when it has a limit. */
	window: { name: string; limitMs: number } | null;
	/** Start override (ms) for spans a single line reports as a duration (stun). */
	startMs?: number;
}

/** The transition into `state` and the next transition out of it, in the VMX's quiesce state machine. */
function stateSpan(states: readonly KindRecord<'quiesce-state'>[], state: string): [LogRecord, LogRecord] | null {
	const i = states.findIndex((r) => r.fields.to === state);
	const out = i < 0 ? undefined : states.slice(i + 1).find((r) => r.fields.from === state);
	return i < 0 || !out ? null : [states[i], out];
}

/** SQL Writer's OnFreeze until OnThaw/OnAbort: the writers' own view of how long they were frozen. */
function freezeSpan(own: readonly LogRecord[]): [LogRecord, LogRecord] | null {
	const phases = own.filter((r) => r.kind === 'sqlwriter-phase');
	const freeze = phases.find((r) => r.fields.phase === 'OnFreeze');
	const thaw = freeze && phases.find((r) => ms(r.time!) >= ms(freeze.time!) && (r.fields.phase === 'OnThaw' || r.fields.phase === 'OnAbort'));
	return freeze && thaw ? [freeze, thaw] : null;
}

export interface PhaseInput {
	/** The attempt's records, timed, in time order. */
	own: readonly LogRecord[];
	/** Its `quiesce-state` records from its own vmware.log. */
	states: readonly KindRecord<'quiesce-state'>[];
	/** The VMX log of the attempt, when it came from one. */
	vmxLog: string | null;
}

/** The attempt's spans and the window checks measured on them (see the module comment). */
export function measurePhases({ own, states, vmxLog }: PhaseInput): { phases: AttemptPhase[]; windows: WindowCheck[] } {
	const spans: Span[] = [];
	const task = own.find((r) => r.kind === 'task-created');
	const taskDone = task && own.find((r) => r.kind === 'task-completed' && r.fields.taskId === task.fields.taskId);
	if (task && taskDone) spans.push({ name: 'task', open: task, close: taskDone, window: null });
	const snap = own.find((r) => r.kind === 'snapshot-start' && r.source.path === vmxLog);
	const snapEnd = snap && own.find((r) => (r.kind === 'snapshot-done' || r.kind === 'snapshot-failed') && r.source.path === vmxLog && ms(r.time!) >= ms(snap.time!));
	if (snap && snapEnd) spans.push({ name: 'snapshot', open: snap, close: snapEnd, window: null });
	// vmbackup prints its timeout in seconds; 0 means the Tools default.
	const configured = own.map((r) => (r.kind === 'vmbackup-options' && typeof r.fields.timeout === 'number' ? r.fields.timeout : null)).find((t) => t !== null && t > 0);
	const quiesce = stateSpan(states, 'STARTED');
	if (quiesce) spans.push({ name: 'quiesce', open: quiesce[0], close: quiesce[1], window: { name: WINDOW_NAMES.toolsTimeout, limitMs: configured ? configured * 1000 : TOOLS_QUIESCE_TIMEOUT_MS } });
	// COMMITTED: the guest reported "frozen" and the host snapshots the disks while VSS holds writes;
	// FINISHING: the host lets it thaw. That span is what VSS's flush-and-hold limit applies to.
	const hold = stateSpan(states, 'COMMITTED');
	if (hold) spans.push({ name: 'flush-hold', open: hold[0], close: hold[1], window: { name: WINDOW_NAMES.flushHold, limitMs: FLUSH_HOLD_LIMIT_MS } });
	const thaw = stateSpan(states, 'FINISHING');
	if (thaw) spans.push({ name: 'thaw', open: thaw[0], close: thaw[1], window: null });
	const freeze = freezeSpan(own);
	if (freeze) {
		const exchange = own.some((r) => r.kind === 'windows-event' && /exchange/i.test(r.fields.writerName ?? r.fields.provider ?? ''));
		spans.push({ name: 'freeze', open: freeze[0], close: freeze[1], window: exchange ? { name: WINDOW_NAMES.exchangeFreeze, limitMs: EXCHANGE_FREEZE_LIMIT_MS } : { name: WINDOW_NAMES.writerFreeze, limitMs: WRITER_FREEZE_LIMIT_MS } });
	}
	for (const r of own) {
		const us = r.kind === 'stun' && r.source.path === vmxLog ? r.fields.stunUs : null;
		// The unstun line ends the stun; it states how long the VM was stopped (µs).
		if (us !== null) spans.push({ name: 'stun', open: r, close: r, window: null, startMs: ms(r.time!) - Math.round(us / 1000) });
	}

	// Each phase with its start (ms), to sort by without parsing the start back.
	const phases: { phase: AttemptPhase; startMs: number }[] = [];
	const windows: WindowCheck[] = [];
	for (const s of spans) {
		const startMs = s.startMs ?? ms(s.open.time!);
		const endMs = ms(s.close.time!);
		const measuredMs = endMs - startMs;
		// A writer gives up when the window has elapsed: reaching the limit is already too long.
		const exceeded = s.window !== null && measuredMs >= s.window.limitMs;
		phases.push({
			phase: {
				name: s.name,
				start: s.startMs === undefined ? isoOfTime(s.open.time!, startMs) : iso(startMs),
				end: isoOfTime(s.close.time!, endMs),
				source: s.open.source.path,
				line: s.open.source.line,
				endLine: s.close.source.line,
				limitMs: s.window?.limitMs ?? null,
				exceeded,
			},
			startMs,
		});
		if (s.window) windows.push({ name: s.window.name, measuredMs, limitMs: s.window.limitMs, exceeded });
	}
	// Checks keep the order the rules and reports have always printed them in: timeout, hold, freeze.
	const order: string[] = [WINDOW_NAMES.toolsTimeout, WINDOW_NAMES.flushHold];
	windows.sort((a, b) => rank(order, a.name) - rank(order, b.name));
	return { phases: phases.sort((a, b) => a.startMs - b.startMs).map((p) => p.phase), windows };
}

const rank = (order: readonly string[], name: string) => (order.includes(name) ? order.indexOf(name) : order.length);

/**
 * How bad a line is, from its structure: what its kind declares (a failed task, the VMX entering ERROR_WAIT,
 * a non-zero VmBackupStatus event …, formats' kind tables), the level it prints (a word for ESXi and Tools
 * logs, a number for Windows events: 1 critical, 2 error, 3 warning), a failure HRESULT or a non-zero
 * VmBackupStatus. Never from localized words.
 */
export function eventSeverity(r: LogRecord): EventSeverity {
	const kind = kindSeverity(r);
	const f = r.fields;
	const printed = 'level' in f ? f.level : null;
	const level = typeof printed === 'string' ? printed.toLowerCase() : printed;
	const failed =
		kind === 'error' ||
		('hresult' in f && typeof f.hresult === 'string' && f.hresult !== '') ||
		level === 'error' ||
		level === 'critical' ||
		level === 1 ||
		level === 2 ||
		('vmbackupStatus' in f && typeof f.vmbackupStatus === 'number' && f.vmbackupStatus > 0);
	if (failed) return 'error';
	return kind === 'warning' || level === 'warning' || level === 3 ? 'warning' : 'info';
}
