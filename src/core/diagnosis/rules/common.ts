import type { FieldValue, LogRecord } from '../../model/records';
import type { Attempt, AttemptEvent, Evidence, Finding } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { translator, type Translate } from '../../knowledge/messages';
import { eventMeaning } from '../../knowledge/messages/tables';
import { pushTo } from '../../collections';

/**
 * What the rule families share: reading record fields, joining records to the attempt they belong to,
 * quoting evidence from each file involved, and writing fix steps that stay off VMware advice on Hyper-V.
 */

/** A finding as a rule states it: diagnose() gives each its id once all rules have spoken. */
export type RuleFinding = Omit<Finding, 'id'>;
/** A rule family: every finding it can make from the analysed facts. */
export type Rule = (input: DiagnosisInput) => RuleFinding[];
/** A rule that only speaks where the others found nothing (it sees their findings). */
export type FallbackRule = (input: DiagnosisInput, found: readonly RuleFinding[]) => RuleFinding[];

export const str = (v: FieldValue | undefined): string | null => (v === null || v === undefined ? null : String(v));

/** The message lookup in the locale the input asks for (English by default). */
export const tr = (input: DiagnosisInput): Translate => translator(input.locale);

type Step = string | false | null | undefined;

/**
 * `1. …\n2. …`; a step given as false, null or undefined does not apply and is left out. A list of steps
 * (one per writer, per provider …) is passed as it is, not spread: its length follows the input.
 */
export function steps(...items: (Step | readonly Step[])[]): string {
	return items.flat().filter((s): s is string => typeof s === 'string' && s !== '').map((s, i) => `${i + 1}. ${s}`).join('\n');
}

/** The step, unless the guest runs on Hyper-V: VMware advice must never reach a Hyper-V bundle. */
export const onVmware = (input: DiagnosisInput, step: string): string | undefined => (input.hypervisor === 'hyper-v' ? undefined : step);

export const ev = (path: string, line: number, text: string): Evidence => ({ path, line, text });
export const recordEvidence = (r: LogRecord): Evidence => ev(r.source.path, r.source.line, r.text);
const eventEvidence = (e: AttemptEvent): Evidence => ev(e.source, e.line, e.text);

/** Evidence lists joined in order, each line once. */
export function mergeEvidence(...lists: Evidence[][]): Evidence[] {
	const seen = new Set<string>();
	return lists.flat().filter((e) => {
		const key = `${e.path}\n${e.line}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** Values by file and line: a map per file, keyed by line number (no key string built per lookup). */
class LineMap<T> {
	private readonly files = new Map<string, Map<number, T>>();

	get(path: string, line: number): T | undefined {
		return this.files.get(path)?.get(line);
	}

	/** Keeps the first value set for a line unless `replace`. */
	set(path: string, line: number, value: T, replace: boolean): void {
		let lines = this.files.get(path);
		if (!lines) this.files.set(path, (lines = new Map()));
		if (replace || !lines.has(line)) lines.set(line, value);
	}
}

interface Index {
	/** The first attempt whose timeline holds a line. */
	attemptByLine: LineMap<Attempt>;
	/** The last record read from a line. */
	recordByLine: LineMap<LogRecord>;
	/** Settings records (vmx, tools.conf, what Tools read) by lower-case key. */
	settingsByKey: Map<string, LogRecord[]>;
	/** Windows events by lower-case provider. */
	eventsByProvider: Map<string, LogRecord[]>;
	/** guestFamily's answer, once asked. */
	family: ReturnType<typeof guestFamily> | null;
	/** Positions in `input.records` of the records of each kind, of each HRESULT, of each quiesce reason. */
	byKind: Map<string, number[]>;
	byHresult: Map<string, number[]>;
	byReason: Map<string, number[]>;
	/** Each attempt's position in `input.attempts`. */
	attemptAt: Map<Attempt, number>;
}

// Rules are pure functions of the input; the join is computed once per input and shared by them all (rules
// ask per attempt and per finding: a scan of every record each time grows with attempts × records).
const INDEX = new WeakMap<DiagnosisInput, Index>();
const SETTING_KINDS = new Set(['vmx-setting', 'tools-conf-setting', 'tools-config-read']);

function indexOf(input: DiagnosisInput): Index {
	let index = INDEX.get(input);
	if (!index) {
		index = { attemptByLine: new LineMap(), recordByLine: new LineMap(), settingsByKey: new Map(), eventsByProvider: new Map(), family: null, byKind: new Map(), byHresult: new Map(), byReason: new Map(), attemptAt: new Map() };
		input.attempts.forEach((a, i) => index!.attemptAt.set(a, i));
		for (const a of input.attempts) for (const e of a.events) index.attemptByLine.set(e.source, e.line, a, false);
		for (let i = 0; i < input.records.length; i++) {
			const r = input.records[i];
			pushTo(index.byKind, r.kind, i);
			// Readers write an HRESULT as a string (`0x800423F2`) and a reason as a QuiesceReason string.
			if (typeof r.fields.hresult === 'string') pushTo(index.byHresult, r.fields.hresult, i);
			if (typeof r.fields.reason === 'string') pushTo(index.byReason, r.fields.reason, i);
			index.recordByLine.set(r.source.path, r.source.line, r, true);
			if (SETTING_KINDS.has(r.kind)) pushTo(index.settingsByKey, String(r.fields.key ?? '').toLowerCase(), r);
			else if (r.kind === 'windows-event') pushTo(index.eventsByProvider, String(r.fields.provider ?? '').toLowerCase(), r);
		}
		INDEX.set(input, index);
	}
	return index;
}

/** The records at these positions of `input.records` (lists of ascending positions), in input order. */
function recordsAt(input: DiagnosisInput, lists: readonly (readonly number[] | undefined)[]): LogRecord[] {
	const present = lists.filter((l): l is readonly number[] => l !== undefined);
	const positions = present.length === 1 ? present[0] : present.flat().sort((a, b) => a - b);
	return positions.map((i) => input.records[i]);
}

// The rules ask for a few kinds, HRESULTs or reasons among tens of thousands of records, many times per
// bundle: looked up in the index instead of a scan of every record each (each scan with a callback of
// its own, which runs cold: about 7 ms per 40,000 records).
/** The records of these kinds, in input order. */
export const ofKind = (input: DiagnosisInput, ...kinds: string[]): LogRecord[] => {
	const byKind = indexOf(input).byKind;
	return recordsAt(input, kinds.map((k) => byKind.get(k)));
};

/** The records stating one of these HRESULTs, in input order. */
export const withHresult = (input: DiagnosisInput, hresults: Iterable<string>): LogRecord[] => {
	const byHresult = indexOf(input).byHresult;
	return recordsAt(input, [...hresults].map((h) => byHresult.get(h)));
};

/** The records stating this quiesce reason, in input order. */
export const withReason = (input: DiagnosisInput, reason: string): LogRecord[] => recordsAt(input, [indexOf(input).byReason.get(reason)]);

/** The attempt whose timeline holds this record (the attempt builder put it there), or null. */
const attemptOf = (input: DiagnosisInput, r: LogRecord): Attempt | null => indexOf(input).attemptByLine.get(r.source.path, r.source.line) ?? null;

/** The records behind an attempt's events (those the input still has). */
export function recordsOf(input: DiagnosisInput, a: Attempt): LogRecord[] {
	const byLine = indexOf(input).recordByLine;
	return a.events.map((e) => byLine.get(e.source, e.line)).filter((r): r is LogRecord => r !== undefined);
}

/** A signal found in the bundle: the attempt it explains (null when it stands outside every attempt) and its records. */
export interface Signal {
	attempt: Attempt | null;
	records: LogRecord[];
}

/**
 * Groups the records that show a signal by attempt: one group per attempt that has such a record or that
 * `attemptShows` (its own fields show the signal), then one group of the records outside every attempt.
 */
export function signals(input: DiagnosisInput, records: readonly LogRecord[], attemptShows: (a: Attempt) => boolean = () => false): Signal[] {
	const out: Signal[] = input.attempts.map((a) => ({ attempt: a, records: [] as LogRecord[] }));
	const loose: LogRecord[] = [];
	const at = indexOf(input).attemptAt;
	for (const r of records) {
		const a = attemptOf(input, r);
		if (a) out[at.get(a)!].records.push(r);
		else loose.push(r);
	}
	return [...out.filter((s) => s.records.length > 0 || attemptShows(s.attempt!)), ...(loose.length > 0 ? [{ attempt: null, records: loose }] : [])];
}

const FAILURE_KINDS = new Set(['msg-post', 'quiesce-note', 'snapshot-failed', 'fault', 'sqlwriter-error', 'vmvss-event']);

/** True when a line of an attempt states (part of) its failure; other lines are its ordinary timeline. */
function statesFailure(e: AttemptEvent, r: LogRecord | undefined): boolean {
	if (FAILURE_KINDS.has(e.kind)) return true;
	if (!r) return false;
	const f = r.fields;
	switch (e.kind) {
		case 'task-completed': return f.status === 'error';
		case 'vcenter-task': return f.state === 'error' || (f.error !== null && f.error !== undefined);
		case 'vcenter-event': return typeof f.hresult === 'string';
		case 'vmbackup-event': return typeof f.code === 'number' && f.code !== 0;
		case 'vmbackup-script': return typeof f.exitCode === 'number' && f.exitCode !== 0;
		case 'tools-warning': return f.domain === 'vmbackup' || f.domain === 'vmvss';
		// Level 1–2 are critical and error; a warning counts when it carries a failure HRESULT (8229).
		case 'windows-event': return (typeof f.level === 'number' && f.level >= 1 && f.level <= 2) || typeof f.hresult === 'string';
		default: return false;
	}
}

/** Lines of an attempt that state its failure, at most `perFile` from each file, in time order. */
export function failureEvidence(input: DiagnosisInput, a: Attempt, perFile = 2): Evidence[] {
	const byLine = indexOf(input).recordByLine;
	const count = new Map<string, number>();
	const out: Evidence[] = [];
	for (const e of a.events) {
		if (!statesFailure(e, byLine.get(e.source, e.line))) continue;
		const n = count.get(e.source) ?? 0;
		if (n >= perFile) continue;
		count.set(e.source, n + 1);
		out.push(eventEvidence(e));
	}
	return out;
}

/** Evidence of a signal: the records that show it (and any given with them), then its attempt's failure lines. */
export function signalEvidence(input: DiagnosisInput, a: Attempt | null, ...records: (readonly LogRecord[])[]): Evidence[] {
	return mergeEvidence(records.flat().map(recordEvidence), a ? failureEvidence(input, a) : []);
}

/** The HRESULT of a signal among `codes`: the attempt's own when it is one of them, else the first record's. */
export function signalHresult(a: Attempt | null, own: readonly LogRecord[], codes: ReadonlySet<string>): string | null {
	if (a?.hresult && codes.has(a.hresult)) return a.hresult;
	return str(own.find((r) => codes.has(String(r.fields.hresult)))?.fields.hresult);
}

/** The attempt's lines of these record kinds (e.g. its `snapshot-start`). */
export const kindEvidence = (a: Attempt, ...kinds: string[]): Evidence[] => a.events.filter((e) => kinds.includes(e.kind)).map(eventEvidence);

/** Windows events of a provider (case-insensitive) with one of these ids. */
export function windowsEvents(input: DiagnosisInput, provider: string, ids: readonly number[]): LogRecord[] {
	return (indexOf(input).eventsByProvider.get(provider.toLowerCase()) ?? []).filter((r) => ids.includes(Number(r.fields.eventId)));
}

/** `VSS event 12293 (Error calling a routine on a shadow copy provider)`, in the input's locale. */
export function eventName(input: DiagnosisInput, r: LogRecord): string {
	const provider = String(r.fields.provider);
	const id = Number(r.fields.eventId);
	return tr(input)('common.eventName', { provider, id, meaning: eventMeaning(provider, id, input.locale) ?? null });
}

/** ` — VSS event 22 (…); VSS event 8193 (…)`: a signal's Windows events by name (two at most), or `` when it has none. */
export function namedEvents(input: DiagnosisInput, own: readonly LogRecord[]): string {
	const names = own.filter((r) => r.kind === 'windows-event').slice(0, 2).map((r) => eventName(input, r));
	return names.length > 0 ? ` — ${names.join('; ')}` : '';
}

/** Settings of a key (vmx, tools.conf, or what Tools logged it read), any case. */
export function settings(input: DiagnosisInput, key: string): LogRecord[] {
	return [...(indexOf(input).settingsByKey.get(key.toLowerCase()) ?? [])];
}

/** True for a setting value Tools or the VMX reads as true. */
export const isTrue = (r: LogRecord): boolean => r.fields.bool === true || /^(true|1|yes|on)$/i.test(String(r.fields.value ?? ''));

/**
 * The guest's OS family from language-neutral facts: Windows when the bundle holds VSS facts (listings,
 * providers, Windows events, SQL Writer, manifests) or the VMX guestOS id starts with `win`; other when the
 * guestOS id names another OS; unknown otherwise.
 */
export function guestFamily(input: DiagnosisInput): 'windows' | 'other' | 'unknown' {
	const index = indexOf(input);
	return (index.family ??= familyOf(input));
}

function familyOf(input: DiagnosisInput): 'windows' | 'other' | 'unknown' {
	const guestOs = settings(input, 'guestOS')[0];
	if (guestOs) return /^win/i.test(String(guestOs.fields.value)) ? 'windows' : 'other';
	const windowsFacts = input.writerListings.length > 0 || input.providers.length > 0
		|| [...indexOf(input).byKind.keys()].some((kind) => kind === 'windows-event' || kind.startsWith('sqlwriter-') || kind.startsWith('vss-'))
		|| input.attempts.some((a) => a.guestOperation !== null && /^Vss/.test(a.guestOperation));
	return windowsFacts ? 'windows' : 'unknown';
}

/** The command that restarts VMware Tools in this guest. */
export const toolsRestart = (input: DiagnosisInput): string => tr(input)('common.toolsRestart', { family: guestFamily(input) });

/** `attempt a1 (snapshot 'nightly', VM SQL-01)` for messages; `the snapshot` for records outside every attempt. */
export function attemptName(input: DiagnosisInput, a: Attempt | null): string {
	const t = tr(input);
	return a ? t('common.attempt', { id: a.id, snapshot: a.snapshotName, vm: a.vm }) : t('common.theSnapshot');
}
