import { hresultOf, type KindRecord, type LogRecord, type RecordKind, type RecordOf } from '../../model/records';
import type { Attempt, AttemptEvent, Evidence, Finding } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { translator, type Translate } from '../../knowledge/messages';
import { eventMeaning } from '../../knowledge/messages/tables';
import { eventSource } from '../../knowledge/events';
import { ntstatusLabel } from '../../knowledge/ntstatus';
import { ECHO_CODES, echoesBeside, hresultLabel, SEQUENCE_ERRORS } from '../../knowledge/hresults';
import { pushTo } from '../../collections';
import { kindInfo, kindStatesFailure } from '../../formats';

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

/** The message lookup in the locale the input asks for (English by default). */
export const tr = (input: DiagnosisInput): Translate => translator(input.locale);

type Step = string | false | null | undefined;

/**
 * `1. …\n2. …`; a step given as false, null or undefined does not apply and is left out. A list of steps
 * (one per writer, per provider …) is passed as it is, not spread: its length follows the input.
 */
export function steps(...items: (Step | readonly Step[])[]): string {
	return items
		.flat()
		.filter((s): s is string => typeof s === 'string' && s !== '')
		.map((s, i) => `${i + 1}. ${s}`)
		.join('\n');
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

/**
 * Values by file and line: per file its lines in ascending order and their values, found by binary search (no
 * key string built per lookup). Two arrays hold an entry in 16 bytes, where a Map per file took about 40: the
 * index holds every record and every attempt event (420,000 entries at the 10,000 attempts of the vms bench
 * bundle). Of the values set for one line, the first is kept, or the last with `keep: 'last'`.
 */
class LineMap<T> {
	private readonly files = new Map<string, { lines: number[]; values: T[]; sorted: boolean }>();

	constructor(private readonly keep: 'first' | 'last') {}

	get(path: string, line: number): T | undefined {
		const file = this.files.get(path);
		if (!file) return undefined;
		if (!file.sorted) this.sort(file);
		const { lines, values } = file;
		let lo = 0;
		let hi = lines.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >>> 1;
			if (lines[mid] < line) lo = mid + 1;
			else if (lines[mid] > line) hi = mid - 1;
			else return values[mid];
		}
		return undefined;
	}

	set(path: string, line: number, value: T): void {
		let file = this.files.get(path);
		if (!file) this.files.set(path, (file = { lines: [], values: [], sorted: false }));
		file.lines.push(line);
		file.values.push(value);
		file.sorted = false;
	}

	/**
	 * Puts a file's entries in line order (stable: in the order set within a line), one per line. Entries set
	 * in line order already (a file's records, its attempts' events) are kept in their arrays, repeats dropped
	 * in place: a copy of every file's arrays was about 7 MB of garbage at the 420,000 entries of the vms
	 * bench bundle, made while the diagnosis holds the most.
	 */
	private sort(file: { lines: number[]; values: T[]; sorted: boolean }): void {
		const { lines, values } = file;
		let order: number[] | null = null;
		for (let i = 1; i < lines.length && order === null; i++) if (lines[i] < lines[i - 1]) order = lines.map((_, j) => j).sort((a, b) => lines[a] - lines[b] || a - b);
		// Entry i of the sorted order is entry at(i) as set; `kept` entries are written from the front.
		const at = (i: number) => (order === null ? i : order[i]);
		const keptLines = order === null ? lines : new Array<number>(lines.length);
		const keptValues = order === null ? values : new Array<T>(values.length);
		let kept = 0;
		for (let i = 0; i < lines.length; i++) {
			const line = lines[at(i)];
			if (kept > 0 && keptLines[kept - 1] === line) {
				if (this.keep === 'last') keptValues[kept - 1] = values[at(i)];
				continue;
			}
			keptLines[kept] = line;
			keptValues[kept] = values[at(i)];
			kept++;
		}
		keptLines.length = kept;
		keptValues.length = kept;
		file.lines = keptLines;
		file.values = keptValues;
		file.sorted = true;
	}
}

/** A setting the VMX or VMware Tools reads, by its key: a .vmx or tools.conf line, or what Tools logged it read. */
export type SettingRecord = RecordOf<'vmx-setting' | 'tools-conf-setting' | 'tools-config-read'>;

interface Index {
	/** The first attempt whose timeline holds a line. */
	attemptByLine: LineMap<Attempt>;
	/** The last record read from a line. */
	recordByLine: LineMap<LogRecord>;
	/** Settings records by lower-case key. */
	settingsByKey: Map<string, SettingRecord[]>;
	/** Windows events by lower-case provider. */
	eventsByProvider: Map<string, KindRecord<'windows-event'>[]>;
	/** guestFamily's answer, once asked. */
	family: ReturnType<typeof guestFamily> | null;
	/** Positions in `input.records` of the records of each kind, of each HRESULT, of each quiesce reason. */
	byKind: Map<RecordKind, number[]>;
	byHresult: Map<string, number[]>;
	byReason: Map<string, number[]>;
	/**
	 * Positions of the records reporting each VmBackupStatus: the guest's `req.error` event of that code, or a
	 * host's record (Msg_Post, quiesce note, task) stating it.
	 */
	byStatus: Map<number, number[]>;
	/** Each attempt's position in `input.attempts`. */
	attemptAt: Map<Attempt, number>;
}

/** The host's records that state the VmBackupStatus the guest reported (the VMX's Msg_Post, hostd's note, a task's result). */
const HOST_STATUS_KINDS: ReadonlySet<RecordKind> = new Set<RecordKind>(['msg-post', 'quiesce-note', 'task-completed']);

// Rules are pure functions of the input; the join is computed once per input and shared by them all (rules
// ask per attempt and per finding: a scan of every record each time grows with attempts × records).
const INDEX = new WeakMap<DiagnosisInput, Index>();

function indexOf(input: DiagnosisInput): Index {
	let index = INDEX.get(input);
	if (!index) {
		index = {
			attemptByLine: new LineMap('first'),
			recordByLine: new LineMap('last'),
			settingsByKey: new Map(),
			eventsByProvider: new Map(),
			family: null,
			byKind: new Map(),
			byHresult: new Map(),
			byReason: new Map(),
			byStatus: new Map(),
			attemptAt: new Map(),
		};
		input.attempts.forEach((a, i) => index!.attemptAt.set(a, i));
		for (const a of input.attempts) for (const e of a.events) index.attemptByLine.set(e.source, e.line, a);
		for (let i = 0; i < input.records.length; i++) {
			const r = input.records[i];
			const f = r.fields;
			pushTo(index.byKind, r.kind, i);
			// Readers write an HRESULT as a string (`0x800423F2`) and a reason as a QuiesceReason string.
			if ('hresult' in f && typeof f.hresult === 'string') pushTo(index.byHresult, f.hresult, i);
			if ('reason' in f && typeof f.reason === 'string') pushTo(index.byReason, f.reason, i);
			const status = r.kind === 'vmbackup-event' ? (r.fields.event === 'req.error' ? r.fields.code : null) : HOST_STATUS_KINDS.has(r.kind) && 'vmbackupStatus' in f ? f.vmbackupStatus : null;
			if (typeof status === 'number') pushTo(index.byStatus, status, i);
			index.recordByLine.set(r.source.path, r.source.line, r);
			if (r.kind === 'vmx-setting' || r.kind === 'tools-conf-setting' || r.kind === 'tools-config-read') pushTo(index.settingsByKey, r.fields.key.toLowerCase(), r);
			else if (r.kind === 'windows-event') pushTo(index.eventsByProvider, eventSource(r.fields.provider), r);
		}
		INDEX.set(input, index);
	}
	return index;
}

/** The records at these positions of `input.records` (lists of ascending positions, none in two), in input order. */
function recordsAt(input: DiagnosisInput, lists: readonly (readonly number[] | undefined)[]): LogRecord[] {
	let positions: readonly number[] = [];
	// Merged two at a time: the lists are each in order (a sort of tens of thousands of positions with a
	// comparator cost more than the rule that asked).
	for (const list of lists) if (list !== undefined) positions = positions.length === 0 ? list : mergeAscending(positions, list);
	return positions.map((i) => input.records[i]);
}

/** Two ascending lists as one. */
function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
	const out = new Array<number>(a.length + b.length);
	let i = 0;
	let j = 0;
	let k = 0;
	while (i < a.length && j < b.length) out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
	while (i < a.length) out[k++] = a[i++];
	while (j < b.length) out[k++] = b[j++];
	return out;
}

// The rules ask for a few kinds, HRESULTs or reasons among tens of thousands of records, many times per
// bundle: looked up in the index instead of a scan of every record each (each scan with a callback of
// its own, which runs cold: about 7 ms per 40,000 records).
/** The records of these kinds, in input order. */
export const ofKind = <K extends RecordKind>(input: DiagnosisInput, ...kinds: K[]): RecordOf<K>[] => {
	const byKind = indexOf(input).byKind;
	// The index files each record under its own kind: these are records of the kinds asked for.
	return recordsAt(
		input,
		kinds.map((k) => byKind.get(k)),
	) as RecordOf<K>[];
};

/** The records stating one of these HRESULTs, in input order. */
export const withHresult = (input: DiagnosisInput, hresults: Iterable<string>): LogRecord[] => {
	const byHresult = indexOf(input).byHresult;
	return recordsAt(
		input,
		[...hresults].map((h) => byHresult.get(h)),
	);
};

/** The records reporting this VmBackupStatus (the guest's `req.error` of that code, or a host's record of it), in input order. */
export const withStatus = (input: DiagnosisInput, status: number): LogRecord[] => recordsAt(input, [indexOf(input).byStatus.get(status)]);

/** The records stating this quiesce reason, in input order. */
export const withReason = (input: DiagnosisInput, reason: string): LogRecord[] => recordsAt(input, [indexOf(input).byReason.get(reason)]);

/** The attempt whose timeline holds this record (the attempt builder put it there), or null. */
const attemptOf = (input: DiagnosisInput, r: LogRecord): Attempt | null => indexOf(input).attemptByLine.get(r.source.path, r.source.line) ?? null;

/** The attempt whose timeline holds the first of these records that any attempt holds, or null. */
export function attemptHolding(input: DiagnosisInput, records: readonly LogRecord[]): Attempt | null {
	for (const r of records) {
		const a = attemptOf(input, r);
		if (a) return a;
	}
	return null;
}

/** The records behind an attempt's events (those the input still has). */
export function recordsOf(input: DiagnosisInput, a: Attempt): LogRecord[] {
	const byLine = indexOf(input).recordByLine;
	return a.events.map((e) => byLine.get(e.source, e.line)).filter((r): r is LogRecord => r !== undefined);
}

/** A signal found in the bundle: the attempt it explains (null when it stands outside every attempt) and its records. */
export interface Signal<R extends LogRecord = LogRecord> {
	attempt: Attempt | null;
	records: R[];
}

/**
 * Groups the records that show a signal by attempt: one group per attempt that has such a record or that
 * `attemptShows` (its own fields show the signal), then one group of the records outside every attempt.
 */
export function signals<R extends LogRecord>(input: DiagnosisInput, records: readonly R[], attemptShows: (a: Attempt) => boolean = () => false): Signal<R>[] {
	// Records grouped by their attempt's position first: a group per attempt up front was 20,000 objects per
	// call at 10,000 attempts (rules call this some 25 times per diagnosis), nearly all of them left empty.
	const byAttempt = new Map<number, R[]>();
	const loose: R[] = [];
	const at = indexOf(input).attemptAt;
	for (const r of records) {
		const a = attemptOf(input, r);
		if (a) pushTo(byAttempt, at.get(a)!, r);
		else loose.push(r);
	}
	const out: Signal<R>[] = [];
	input.attempts.forEach((a, i) => {
		const own = byAttempt.get(i);
		if (own !== undefined || attemptShows(a)) out.push({ attempt: a, records: own ?? [] });
	});
	if (loose.length > 0) out.push({ attempt: null, records: loose });
	return out;
}

/**
 * The signals no error finding of the rules before explains, for a fallback rule: its attempt has no error
 * finding, or (a signal of no attempt) no bundle-wide error finding has its first record's code.
 */
export function unexplainedSignals<R extends LogRecord>(found: readonly RuleFinding[], all: readonly Signal<R>[]): Signal<R>[] {
	const errors = found.filter((f) => f.severity === 'error');
	const explained = new Set(errors.filter((f) => f.attemptId !== null).map((f) => f.attemptId));
	const bundleHresults = new Set(errors.filter((f) => f.attemptId === null).map((f) => f.hresult));
	return all.filter(({ attempt: a, records: own }) => (a ? !explained.has(a.id) : !bundleHresults.has(hresultOf(own[0]))));
}

/**
 * True when a line of an attempt states (part of) its failure, as its kind declares (the formats' kind tables);
 * other lines are its ordinary timeline. A kind that states one by its fields needs the line's record.
 */
function statesFailure(e: AttemptEvent, r: LogRecord | undefined): boolean {
	if (r !== undefined && r.kind === e.kind) return kindStatesFailure(r);
	return kindInfo(e.kind)?.failure === true;
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
	for (const r of own) if ('hresult' in r.fields && typeof r.fields.hresult === 'string' && codes.has(r.fields.hresult)) return r.fields.hresult;
	return null;
}

/** The attempt's lines of these record kinds (e.g. its `snapshot-start`). */
export function kindEvidence(a: Attempt, ...kinds: RecordKind[]): Evidence[] {
	const wanted: readonly string[] = kinds;
	return a.events.filter((e) => wanted.includes(e.kind)).map(eventEvidence);
}

/** Windows events of a provider (case-insensitive) with one of these ids. */
export function windowsEvents(input: DiagnosisInput, provider: string, ids: readonly number[]): KindRecord<'windows-event'>[] {
	return (indexOf(input).eventsByProvider.get(eventSource(provider)) ?? []).filter((r) => r.fields.eventId !== null && ids.includes(r.fields.eventId));
}

/**
 * `VSS event 12293 (Error calling a routine on a shadow copy provider)`, in the input's locale; with the final
 * status of a driver's event when its binary data came with it (`volsnap event 28 (…; final status
 * STATUS_INSUFFICIENT_RESOURCES (0xC000009A))`).
 */
export function eventName(input: DiagnosisInput, r: KindRecord<'windows-event'>): string {
	const { provider, eventId: id } = r.fields;
	const status = r.fields.finalStatus;
	return tr(input)('common.eventName', { provider, id, meaning: id === null ? null : (eventMeaning(provider, id, input.locale) ?? null), status: status === null ? null : ntstatusLabel(status) });
}

/** ` — VSS event 22 (…); VSS event 8193 (…)`: a signal's Windows events by name (two at most), or `` when it has none. */
export function namedEvents(input: DiagnosisInput, own: readonly LogRecord[]): string {
	const names = own
		.filter((r) => r.kind === 'windows-event')
		.slice(0, 2)
		.map((r) => eventName(input, r));
	return names.length > 0 ? ` — ${names.join('; ')}` : '';
}

/** Settings of a key (vmx, tools.conf, or what Tools logged it read), any case. */
export function settings(input: DiagnosisInput, key: string): SettingRecord[] {
	return [...(indexOf(input).settingsByKey.get(key.toLowerCase()) ?? [])];
}

/** True for a setting value Tools or the VMX reads as true. */
export const isTrue = (r: SettingRecord): boolean => (r.kind === 'vmx-setting' && r.fields.bool === true) || /^(true|1|yes|on)$/i.test(r.fields.value);

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
	if (guestOs) return /^win/i.test(guestOs.fields.value) ? 'windows' : 'other';
	const windowsFacts =
		input.writerListings.length > 0 ||
		input.providers.length > 0 ||
		[...indexOf(input).byKind.keys()].some((kind) => kind === 'windows-event' || kind.startsWith('sqlwriter-') || kind.startsWith('vss-')) ||
		input.attempts.some((a) => a.guestOperation !== null && /^Vss/.test(a.guestOperation));
	return windowsFacts ? 'windows' : 'unknown';
}

/** The command that restarts VMware Tools in this guest. */
export const toolsRestart = (input: DiagnosisInput): string => tr(input)('common.toolsRestart', { family: guestFamily(input) });

/** `attempt a1 (snapshot 'nightly', VM SQL-01)` for messages; `the snapshot` for records outside every attempt. */
/**
 * What a requester's finding adds when its code only says that the shadow copy failed (ECHO_CODES: Windows
 * Server Backup's 0x80780034 and 0x807800A1; a COM wrapper's E_UNEXPECTED beside the VSS code its attempt
 * states): with its attempt decided by another code (the VSS event's
 * 0x80070057), that this code says why in its own finding (`decided`: the requester's finding is then
 * information, the failure the other finding's to explain); alone, to look for the writer or VSS error at that
 * time. Null for other codes, and for a sequence error alone, which is the failure itself (SEQUENCE_ERRORS).
 */
export function echoNote(input: DiagnosisInput, code: string | null, a: Attempt | null): { sentence: string; decided: boolean } | null {
	// A generic COM failure (E_FAIL, E_UNEXPECTED) is an echo only of a VSS code its attempt states (echoesBeside).
	if (code === null || !(ECHO_CODES.has(code) || (!!a?.hresult && echoesBeside(code, a.hresult)))) return null;
	const t = tr(input);
	if (a?.hresult && a.hresult !== code) return { sentence: t('common.echoOf', { label: hresultLabel(a.hresult) }), decided: true };
	return SEQUENCE_ERRORS.has(code) ? null : { sentence: t('common.echoAlone'), decided: false };
}

export function attemptName(input: DiagnosisInput, a: Attempt | null): string {
	const t = tr(input);
	return a ? t('common.attempt', { id: a.id, snapshot: a.snapshotName, vm: a.vm }) : t('common.theSnapshot');
}
