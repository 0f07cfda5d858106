/**
 * Wording shared by the text and Markdown reports, so both say the same thing about an attempt,
 * a writer or the whole bundle. Plain strings: each renderer escapes or wraps them itself. The reports
 * are English; their domain words are the message catalogue's, the same the trees and the timeline show.
 */
import { t } from '../knowledge/messages';
import { vmbackupStatusName } from '../knowledge/vmbackup';
import { writerState } from '../knowledge/writerStates';
import type { Attempt, AttemptEvent, Consistency, EventJoin, InputClock, InputFile, Report, Writer } from '../model/report';
import { formatDuration } from '../knowledge/messages/duration';
import { formatTime, type TimeZone } from './displayTime';

/** What a file of event records (`.evtx`, no lines) held: `5009 event records, 89 recovered, 1 unreadable`. */
export function eventRecordsLabel(i: InputFile): string {
	const extra = [i.recoveredRecords ? `${i.recoveredRecords} recovered` : '', i.unreadableRecords ? `${i.unreadableRecords} unreadable` : ''].filter((x) => x !== '');
	return [`${i.records ?? 0} event records`, ...extra].join(', ');
}

/** The consistency verdict in words (`crash-consistent`). */
export function consistencyLabel(c: Consistency): string {
	return t('en', 'word.consistency', { consistency: c, fallback: false });
}

/** A window check's name in words (the report's name is its id). */
export function windowLabel(name: string): string {
	return t('en', 'word.window', { name });
}

/** The attempt's start in the display zone, or `time unknown` for one known only from untimed text. */
export function attemptStart(a: Attempt, zone: TimeZone): string {
	return a.start === null ? t('en', 'word.timeUnknown') : formatTime(a.start, zone);
}

/** Who asked and where it failed: `requester VMware Tools · failed in freeze · writer SqlServerWriter`, or null when nothing is known. */
export function attemptPoint(a: Attempt): string | null {
	// A requester that failed is already named as the requester: saying it twice adds nothing.
	const component = a.failedComponent && !(a.failedComponent.type === 'requester' && a.requester !== null && (a.failedComponent.name ?? a.requester) === a.requester) ? a.failedComponent : null;
	const parts = [a.requester && `requester ${a.requester}`, a.failedPhase && `failed in ${t('en', 'word.vssPhase', { phase: a.failedPhase })}`, component && t('en', 'word.component', component)].filter((p): p is string => typeof p === 'string');
	return parts.length > 0 ? parts.join(' · ') : null;
}

/** Why an event joined its attempt in words (`opID 5a1…`, `time window … – …`, times as `time` prints them); `—` when not known. */
export function joinLabel(join: EventJoin | undefined, time: (iso: string) => string): string {
	if (!join) return '—';
	const id = join.by === 'opid' ? join.opId : join.by === 'task' ? join.task : join.by === 'requester' ? String(join.line) : null;
	return t('en', 'word.join', { by: join.by, id, from: join.by === 'window' ? time(join.from) : '', to: join.by === 'window' ? time(join.to) : '' });
}

/** How sure a clock is in words (`inferred from 3 pair(s), spread 2.5 s`); null for a clock that does not say. */
export function confidenceLabel(clock: InputClock): string | null {
	if (clock.confidence === undefined) return null;
	return t('en', 'word.clockConfidence', { confidence: clock.confidence, anchors: String(clock.anchors ?? 0), spread: formatDuration(clock.spreadMs ?? 0) });
}

/** `yes` / `no` / `unknown` for a quiesced flag. */
export function quiescedLabel(q: boolean | null): string {
	return q === null ? 'unknown' : q ? 'yes' : 'no';
}

/**
 * What kind of try an attempt is, for the text report's attempt line: a host snapshot says whether it was
 * quiesced (`quiesced yes`); a shadow copy a requester made inside the guest and a Hyper-V checkpoint say
 * what they are, since "quiesced" is a host snapshot's word.
 */
export function attemptKindLabel(a: Pick<Attempt, 'kind' | 'quiesced'>): string {
	return a.kind === 'guest-shadow-copy' ? 'in-guest shadow copy' : a.kind === 'hyperv-checkpoint' ? 'Hyper-V checkpoint' : `quiesced ${quiescedLabel(a.quiesced)}`;
}

/** The attempt's error codes: `0x80042301 VSS_E_BAD_STATE; VmBackupStatus 5 VMBACKUP_UNEXPECTED_ERROR`, or `—`. */
export function attemptCodes(a: Attempt): string {
	const parts: string[] = [];
	if (a.hresult) parts.push(a.hresultName ? `${a.hresult} ${a.hresultName}` : a.hresult);
	if (a.vmbackupStatus !== null) {
		const name = vmbackupStatusName(a.vmbackupStatus);
		parts.push(`VmBackupStatus ${a.vmbackupStatus}${name ? ` ${name}` : ''}`);
	}
	return parts.length > 0 ? parts.join('; ') : '—';
}

/** A writer's state from its `[n]` number: `[9] failed at freeze` (a number VSS does not define says so itself). */
export function writerStateLabel(w: Writer): string {
	const word = t('en', 'word.writerState', { code: w.stateCode });
	return w.stateCode !== null && writerState(w.stateCode) ? `[${w.stateCode}] ${word}` : word;
}

/** Writers with the failed ones first, otherwise in report order. */
export function failedWritersFirst(writers: readonly Writer[]): Writer[] {
	return [...writers.filter((w) => w.failed), ...writers.filter((w) => !w.failed)];
}

/** A long timeline cut to its first and last events, with how many were left out between them. */
export interface EventSlice {
	head: AttemptEvent[];
	omitted: number;
	tail: AttemptEvent[];
}

/** Keeps every event when there are at most `first + last`; else the first `first` and the last `last`. */
export function sliceEvents(events: readonly AttemptEvent[], first: number, last: number): EventSlice {
	if (events.length <= first + last) return { head: [...events], omitted: 0, tail: [] };
	return { head: events.slice(0, first), omitted: events.length - first - last, tail: events.slice(events.length - last) };
}

/**
 * The one-line answer to "did the backup work, and if not why": the attempts' outcome, the latest
 * attempt's consistency, the finding counts and the first error's title.
 */
export function verdict(report: Report): string {
	const errors = report.findings.filter((f) => f.severity === 'error');
	const warnings = report.findings.filter((f) => f.severity === 'warning').length;
	const parts: string[] = [];
	const failed = report.attempts.filter((a) => a.result === 'failed').length;
	const latest = report.attempts.at(-1);
	if (latest) {
		parts.push(`${failed} of ${report.attempts.length} snapshot attempt(s) failed`);
		parts.push(`latest attempt ${latest.id}: ${latest.result}, ${consistencyLabel(latest.consistency)}`);
	}
	parts.push(`${errors.length} error(s), ${warnings} warning(s)`);
	// A failed attempt is a problem even before a rule has explained it.
	const headline = errors.length > 0 || failed > 0 ? 'Problem found' : warnings > 0 ? 'Warnings only' : 'No problem found';
	const cause = errors.length > 0 ? ` — ${errors[0].code} ${errors[0].title}` : '';
	return `${headline}: ${parts.join('; ')}${cause}`;
}

/** Every time the report prints (attempt starts/ends and events), to describe a local zone's offsets. */
export function reportTimes(report: Report): (string | null)[] {
	return report.attempts.flatMap((a) => [a.start, a.end, ...a.events.map((e) => e.time)]);
}
