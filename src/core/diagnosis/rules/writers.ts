import { pushTo } from '../../collections';
import type { KindRecord, LogRecord } from '../../model/records';
import type { Attempt, Writer } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { HRESULTS, hresultLabel } from '../../knowledge/hresults';
import { EXCHANGE_FREEZE_LIMIT_MS, WINDOW_NAMES, WRITER_FREEZE_LIMIT_MS } from '../../knowledge/limits';
import { eventImpact, eventSourceHost, hresultAdvice, hresultMeaning, phaseMeaning, restartImpact } from '../../knowledge/messages/tables';
import { writerIdOf, writerInfo, writerOfEvent } from '../../knowledge/writerServices';
import { writerState } from '../../knowledge/writerStates';
import { kindStatesFailure } from '../../formats';
import { ruleDefaults } from '../ruleCatalogue';
import { attemptName, ev, eventName, ofKind, onVmware, recordsOf, type RuleFinding, signalEvidence, signals, steps, tr, windowsEvents, withHresult } from './common';

/**
 * QL2xx, VSS writers: a writer a listing shows failed or stuck (QL201–QL204) or stable after a failure (QL209), a writer frozen past its
 * freeze–thaw window (QL205), a writer veto in the event log (QL206), and a shadow copy set that lacks a
 * volume a writer needs (QL207).
 */
export function writerRules(input: DiagnosisInput): RuleFinding[] {
	return [...input.writers.map((w) => listedWriter(input, w)).filter((f): f is RuleFinding => f !== null), ...freezeTimeouts(input), ...vetoes(input), ...inconsistentSets(input), ...hostedWriterErrors(input)];
}

const FREEZE_TIMEOUT = '0x800423F2';
/** VSS_E_WRITERERROR_RETRYABLE: the writer asks for the backup to be retried. */
const RETRYABLE = '0x800423F3';
const INCONSISTENT_SNAPSHOT = '0x800423F0';
const EXCHANGE_WRITER_ID = writerIdOf('Microsoft Exchange Writer');
/** The name a VSS 8229 event that names no writer is grouped under. */
const UNKNOWN_WRITER = 'unknown writer';

/** QL201–QL204: a writer of a listing that is failed, waiting for BackupComplete, mid-backup or unknown. */
function listedWriter(input: DiagnosisInput, w: Writer): RuleFinding | null {
	if (w.stateCode === null) return null;
	const info = writerState(w.stateCode);
	if (!info) return null;
	const evidence = [...(w.stateSource && w.stateLine ? [ev(w.stateSource.path, w.stateSource.line, w.stateLine)] : []), ev(w.source.path, w.source.line, w.nameLine)];
	const hr = w.lastErrorHresult;
	const t = tr(input);
	const named = { name: w.name, lastError: w.hasLastError ? w.lastError : null, hrLabel: hr ? hresultLabel(hr) : null };
	const base = { attemptId: null, writers: [w.name], hresult: hr, evidence };
	if (info.failed) {
		const stableAt = stableLater(input, w);
		return {
			...base,
			...ruleDefaults('QL201', { inBoxWriters: Boolean(w.service) }),
			// Reset since (a later listing shows it stable): the state before, no longer the reason for anything.
			...(stableAt !== null ? { severity: 'info' as const } : {}),
			title: t('QL201.title', { name: w.name, phase: info.phase ?? '', state: w.stateCode }),
			message: t('QL201.message', { ...named, stateName: info.name, phaseMeaning: phaseMeaning(w.stateCode, input.locale) ?? '', stoppedWith: stoppedTogether(input, w), stableAt }),
			fix: resetSteps(input, w.name, w.writerId, hr ? hresultAdvice(hr, input.locale) : undefined),
		};
	}
	if (w.stateCode === 5) {
		return {
			...base,
			...ruleDefaults('QL202'),
			title: t('QL202.title', { name: w.name }),
			message: t('QL202.message', { ...named, vmware: input.hypervisor !== 'hyper-v' }),
			fix: resetSteps(input, w.name, w.writerId),
		};
	}
	if (w.stateCode >= 2 && w.stateCode <= 4) {
		return {
			...base,
			...ruleDefaults('QL203'),
			title: t('QL203.title', { name: w.name, state: w.stateCode }),
			message: t('QL203.message', { ...named, short: t('word.writerState', { code: w.stateCode }) }),
			fix: t('QL203.fix'),
		};
	}
	// A stable writer keeps the error of its last failure until the next backup that includes it.
	if (w.stateCode === 1 && w.hasLastError && w.lastError !== null) {
		return {
			...base,
			...ruleDefaults('QL209'),
			title: t('QL209.title', { name: w.name, hr: hr ? (HRESULTS[hr]?.name ?? hr) : null }),
			message: t('QL209.message', { name: w.name, lastError: w.lastError, hrLabel: named.hrLabel, hrMeaning: hr ? (hresultMeaning(hr, input.locale) ?? null) : null, retryable: hr === RETRYABLE }),
			fix: steps(hr ? hresultAdvice(hr, input.locale) : undefined, t('QL209.fix.retry'), t('QL209.fix.events', { name: w.name }), restartStep(input, w.name, w.writerId)),
		};
	}
	if (w.stateCode === 0) {
		return {
			...base,
			...ruleDefaults('QL204'),
			title: t('QL204.title', { name: w.name }),
			message: t('QL204.message', named),
			fix: resetSteps(input, w.name, w.writerId),
		};
	}
	return null;
}

/**
 * The line of `w`'s block in the last listing of its file after its own that lists it (by writer id, else name),
 * when that block is stable ([1]): the writer was reset between the two listings (a paste of before and after).
 * Null when no later listing lists it, or the last one that does shows another state.
 */
function stableLater(input: DiagnosisInput, w: Writer): number | null {
	const same = (o: Writer) => (w.writerId !== null && o.writerId !== null ? o.writerId === w.writerId : o.name === w.name);
	const later = input.writers.filter((o) => o.source.path === w.source.path && o.listing !== w.listing && o.source.line > w.source.line && same(o));
	const last = later.reduce<Writer | null>((a, o) => (a === null || o.source.line > a.source.line ? o : a), null);
	return last?.stateCode === 1 ? last.source.line : null;
}

/**
 * How many writers of `w`'s listing, `w` among them, failed at its very step with no error of their own, when
 * `w` is one and there are at least two: a writer that fails by itself records why (retryable, non-retryable,
 * timed out); several that stop at one step with none were stopped together — the requester aborted the
 * sequence there, or another participant failed or timed out (KB 2952783: a 2003/2008 guest's writers all
 * `[9]` after a host backup). 0 otherwise.
 */
function stoppedTogether(input: DiagnosisInput, w: Writer): number {
	if (w.hasLastError || w.lastError === null) return 0;
	const together = input.writers.filter((o) => o.listing === w.listing && o.failed && o.stateCode === w.stateCode && !o.hasLastError && o.lastError !== null).length;
	return together >= 2 ? together : 0;
}

/**
 * The command that resets a writer, with what the restart interrupts; a generic step when its service is
 * unknown. `host` is the service its own event named, when that is not the writer's usual one.
 */
export function restartStep(input: DiagnosisInput, name: string, writerId: string | null, host?: { service: string; impact: string }): string {
	const info = writerInfo(name, writerId);
	const t = tr(input);
	if (host) return t('writer.restart.known', { name, ...host });
	return info ? t('writer.restart.known', { name, service: info.service, impact: restartImpact(name, writerId, input.locale) ?? info.restartImpact }) : t('writer.restart.unknown', { name });
}

/** The reset procedure for a writer, with its service's exact name where known (see restartStep for `host`). */
function resetSteps(input: DiagnosisInput, name: string, writerId: string | null, advice?: string, host?: { service: string; impact: string }): string {
	const t = tr(input);
	return steps(advice, restartStep(input, name, writerId, host), t('writer.checkStable', { name }), t('writer.retry'));
}

/**
 * Writers a group of records names: the 8229 context, SQL Writer's own log, a requester's report that quotes the
 * writer (NTBackup's `"NTDS" has reported an error 0x800423f0`), and the attempt's.
 */
function namedWriters(records: readonly LogRecord[], a: Attempt | null): string[] {
	const names = records.map((r) => (r.kind === 'sqlwriter-error' ? 'SqlServerWriter' : 'writerName' in r.fields && typeof r.fields.writerName === 'string' ? r.fields.writerName : null));
	return [...new Set([...names.filter((n): n is string => n !== null), ...(a?.writers ?? [])])];
}

const isExchange = (records: readonly LogRecord[], writers: readonly string[]) => writers.some((n) => writerInfo(n)?.writerId === EXCHANGE_WRITER_ID) || records.some((r) => r.kind === 'windows-event' && r.fields.writerClassId === EXCHANGE_WRITER_ID);

/**
 * How long the writers of an attempt stayed frozen, when it reached their limit: the attempt builder's
 * freeze window check, else the measured freeze against 60 s (20 s when the Exchange writer took part).
 */
function frozenTooLong(input: DiagnosisInput, a: Attempt): { measuredMs: number; limitMs: number } | undefined {
	const window = a.windows.find((w) => w.exceeded && (w.name === WINDOW_NAMES.writerFreeze || w.name === WINDOW_NAMES.exchangeFreeze));
	if (window || a.freezeMs === null) return window;
	const limitMs = isExchange(recordsOf(input, a), a.writers) ? EXCHANGE_FREEZE_LIMIT_MS : WRITER_FREEZE_LIMIT_MS;
	return a.freezeMs >= limitMs ? { measuredMs: a.freezeMs, limitMs } : undefined;
}

/** QL205: writers frozen longer than VSS lets them hold a freeze (0x800423F2, or the measured freeze). */
function freezeTimeouts(input: DiagnosisInput): RuleFinding[] {
	const records = withHresult(input, [FREEZE_TIMEOUT]);
	return signals(input, records, (a) => a.hresult === FREEZE_TIMEOUT || frozenTooLong(input, a) !== undefined).map(({ attempt: a, records: own }) => {
		const writers = namedWriters(own, a);
		const window = a ? frozenTooLong(input, a) : undefined;
		const exchange = isExchange(own, writers);
		const limit = window?.limitMs ?? (exchange ? EXCHANGE_FREEZE_LIMIT_MS : WRITER_FREEZE_LIMIT_MS);
		const timedOut = own.length > 0 || a?.hresult === FREEZE_TIMEOUT;
		const t = tr(input);
		const phases = a ? recordsOf(input, a).filter((r) => r.kind === 'sqlwriter-phase' && /^On(Freeze|Thaw|Abort)$/.test(r.fields.phase)) : [];
		return {
			...ruleDefaults('QL205', { freezeUnderLoad: input.hypervisor !== 'hyper-v' }),
			severity: timedOut || a?.result === 'failed' ? 'error' : 'warning',
			title: t('QL205.title', { writer: writers[0] ?? null, attemptId: a?.id ?? null }),
			message: t('QL205.message', {
				writers,
				timedOut,
				hrLabel: hresultLabel(FREEZE_TIMEOUT),
				attempt: attemptName(input, a),
				limitMs: limit,
				exchange,
				exchangeLimitMs: EXCHANGE_FREEZE_LIMIT_MS,
				measuredMs: window?.measuredMs ?? null,
				stunMs: a?.stunUs ? a.stunUs / 1000 : null,
				failed: a?.result === 'failed',
			}),
			attemptId: a?.id ?? null,
			writers,
			hresult: timedOut ? FREEZE_TIMEOUT : null,
			fix: steps(
				onVmware(input, t('QL205.fix.fastSnapshot')),
				onVmware(input, t('QL205.fix.noMemory')),
				t('QL205.fix.moveIo'),
				writers.map((n) => restartStep(input, n, null)),
				t('QL205.fix.check'),
			),
			evidence: signalEvidence(input, a, own, phases),
		};
	});
}

/** QL206: a writer vetoed a phase (VSS 8229). Other HRESULTs than the freeze timeout and the missing volume. */
function vetoes(input: DiagnosisInput): RuleFinding[] {
	const records = windowsEvents(input, 'VSS', [8229]).filter((r) => r.fields.hresult !== FREEZE_TIMEOUT && r.fields.hresult !== INCONSISTENT_SNAPSHOT);
	const listedFailed = new Set(input.writers.filter((w) => w.failed).flatMap((w) => [w.name, w.writerId]));
	const t = tr(input);
	return signals(input, records).flatMap(({ attempt: a, records: own }) => {
		const byWriter = new Map<string, KindRecord<'windows-event'>[]>();
		for (const r of own) {
			const name = r.fields.writerName ?? UNKNOWN_WRITER;
			// Outside any attempt, a writer a listing already shows failed is reported there (QL201).
			if (!a && (listedFailed.has(name) || listedFailed.has(r.fields.writerClassId))) continue;
			pushTo(byWriter, name, r);
		}
		return [...byWriter].map(([writer, list]): RuleFinding => {
			const first = list[0];
			// The `writers` field keeps the placeholder as data; the prose names it in the locale.
			const name = writer === UNKNOWN_WRITER ? t('QL206.unknownWriter') : writer;
			const hr = first.fields.hresult;
			const info = hr ? HRESULTS[hr] : undefined;
			// The Operation line as printed (English on most builds), shown, never decided from.
			const phase = first.fields.operation?.replace(/ Event$/, '') ?? null;
			return {
				...ruleDefaults('QL206', { inBoxWriters: writerInfo(writer, first.fields.writerClassId) !== undefined }),
				title: t('QL206.title', { name, phase, hr: hr ? (info?.name ?? hr) : null }),
				message: t('QL206.message', {
					name,
					phase,
					hrLabel: hr ? hresultLabel(hr) : null,
					hrMeaning: hr ? (hresultMeaning(hr, input.locale) ?? null) : null,
					attempt: a ? attemptName(input, a) : null,
					failed: a?.result === 'failed',
				}),
				attemptId: a?.id ?? null,
				writers: [writer],
				hresult: hr,
				fix: resetSteps(input, name, first.fields.writerClassId, hr ? hresultAdvice(hr, input.locale) : undefined),
				evidence: signalEvidence(input, a, list),
			};
		});
	});
}

/** QL207: the shadow copy set lacked a volume a writer needs (0x800423F0, SQLWRITER 24579). */
function inconsistentSets(input: DiagnosisInput): RuleFinding[] {
	const records = [...withHresult(input, [INCONSISTENT_SNAPSHOT]), ...windowsEvents(input, 'SQLWRITER', [24579])];
	// VMware leaves independent disks out of every snapshot: data on them is never in the shadow copy set.
	const independent = input.hypervisor === 'hyper-v' ? [] : ofKind(input, 'vmx-setting').filter((r) => /\.mode$/i.test(r.fields.key) && /^independent/i.test(r.fields.value));
	const t = tr(input);
	return signals(input, records, (a) => a.hresult === INCONSISTENT_SNAPSHOT).map(({ attempt: a, records: own }) => {
		const writers = namedWriters(own, a);
		const sql = writers.includes('SqlServerWriter') || own.some((r) => r.kind === 'windows-event' && r.fields.provider.toUpperCase() === 'SQLWRITER');
		const disks = independent.map((r) => `${r.fields.device ?? r.fields.key} (${r.fields.value})`);
		return {
			...ruleDefaults('QL207', { sqlWriterLogging: sql }),
			title: t('QL207.title', { writer: writers[0] ?? null }),
			message: t('QL207.message', { writers, hrLabel: hresultLabel(INCONSISTENT_SNAPSHOT), attempt: attemptName(input, a), disks }),
			attemptId: a?.id ?? null,
			writers,
			hresult: INCONSISTENT_SNAPSHOT,
			fix: steps(sql && t('QL207.fix.sql'), disks.length > 0 && onVmware(input, t('QL207.fix.dependent')), t('QL207.fix.include'), t('common.retryBackup')),
			evidence: signalEvidence(input, a, own, independent),
		};
	});
}

/**
 * QL208: the service that hosts a writer logged an error of its VSS or backup events (MSExchangeRepl, MSExchangeIS,
 * SQLWRITER; writerOfEvent): the writer's own report of its failure, with the code it gives. An error another writer rule explains (a
 * freeze timeout, a volume missing from the set) is left to it.
 */
function hostedWriterErrors(input: DiagnosisInput): RuleFinding[] {
	const events = input.records.filter(
		(r): r is KindRecord<'windows-event'> =>
			r.kind === 'windows-event' && writerOfEvent(r.fields.provider, r.fields.eventId, r.fields.message) !== undefined && kindStatesFailure(r) && r.fields.hresult !== FREEZE_TIMEOUT && r.fields.hresult !== INCONSISTENT_SNAPSHOT,
	);
	const t = tr(input);
	return signals(input, events).flatMap(({ attempt: a, records: own }) => {
		const byWriter = new Map<string, KindRecord<'windows-event'>[]>();
		for (const r of own) pushTo(byWriter, writerOfEvent(r.fields.provider, r.fields.eventId, r.fields.message)!, r);
		return [...byWriter].map(([writer, list]): RuleFinding => {
			// SQL Server's own error behind a writer's report: the event that names one that is not the backup's ending.
			const natives = list.map((r) => ({ r, native: sqlServerError(r.fields.message) }));
			const first = natives.find((n) => n.native !== null)?.r ?? list.find((r) => r.fields.hresult !== null) ?? list[0];
			const native = natives.find((n) => n.r === first)?.native ?? null;
			const hr = first.fields.hresult;
			const event = eventName(input, first);
			return {
				...ruleDefaults('QL208'),
				title: t('QL208.title', { writer, event, hr }),
				message: t('QL208.message', {
					writer,
					event,
					hrLabel: hr ? hresultLabel(hr) : null,
					text: native ? null : firstLineOf(first.fields.message),
					attempt: a ? attemptName(input, a) : null,
					native,
					// What the event means for a backup, where it is known (KB 4037535's 2153: the DAG's RPC channel).
					impact: first.fields.eventId === null ? null : (eventImpact(first.fields.provider, first.fields.eventId, input.locale) ?? null),
				}),
				attemptId: a?.id ?? null,
				writers: [writer],
				hresult: hr,
				// SQL Server's own error is fixed where it names (a database, its files); restarting the writer comes after.
				fix: resetSteps(input, writer, writerIdOf(writer), native ? t('QL208.fix.sqlError', native) : hr ? hresultAdvice(hr, input.locale) : undefined, eventSourceHost(first.fields.provider, input.locale)),
				evidence: signalEvidence(input, a, list.slice(0, 2)),
			};
		});
	});
}

/**
 * SQL Server errors a SQL writer's event (SQLWRITER 24583: `Sqllib error: OLEDB Error encountered calling
 * ICommandText::Execute. hr = 0x80040e14.`) lists one per `SQLSTATE: 42000, Native Error: 945` line, each followed
 * by its `Error message: …` line. SQLSTATE and the numbers are never translated; the labels are the writer's own.
 * 3013 (BACKUP terminating abnormally) and 3271 (an I/O error on the backup's virtual device, 995 when the backup is
 * ended) are the backup ending, whatever ended it: the error that says why is any other one.
 */
const SQLSTATE = /SQLSTATE[:：] {0,2}\w{5}[,，、] {0,2}[^:：\n]{1,30}[:：] {0,2}(\d{1,6})/g;
const ENDING_ERRORS = new Set([3013, 3271]);
/** A `label: text` line (`Error message: Database 'X' cannot be opened …`): the label short, without digits. */
const LABELLED_TEXT = /^[^:：\d]{1,30}[:：] {0,2}(\S.*)$/;

function sqlServerError(message: string | null): { code: number; text: string | null } | null {
	if (message === null) return null;
	const found = [...message.matchAll(SQLSTATE)];
	for (let i = found.length - 1; i >= 0; i--) {
		const code = Number(found[i][1]);
		if (ENDING_ERRORS.has(code)) continue;
		// The error's own text: the last labelled line before the next SQLSTATE (its source and state come first).
		const end = i + 1 < found.length ? found[i + 1].index : message.length;
		const lines = message
			.slice(found[i].index + found[i][0].length, end)
			.split(/\r?\n/)
			.slice(1);
		const text =
			lines
				.map((l) => LABELLED_TEXT.exec(l.trim())?.[1] ?? null)
				.filter((l): l is string => l !== null)
				.pop() ?? null;
		return { code, text: text === null ? null : firstLineOf(text) };
	}
	return null;
}

/** The first line of an event's message, for quoting it (capped at 300 characters). */
function firstLineOf(message: string | null): string | null {
	// Without its full stop: the finding's sentence closes the quote.
	const line =
		message
			?.split(/\r?\n/)
			.find((l) => l.trim() !== '')
			?.trim()
			.replace(/[.。]$/, '') ?? null;
	return line && line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
