import { pushTo } from '../../collections';
import type { LogRecord } from '../../model/records';
import type { Attempt, Finding, KbRef, Writer } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { HRESULTS, hresultLabel } from '../hresults';
import { KB } from '../kb';
import { EXCHANGE_FREEZE_LIMIT_MS, WRITER_FREEZE_LIMIT_MS } from '../limits';
import { writerIdOf, writerInfo } from '../writerServices';
import { writerState } from '../writerStates';
import { attemptName, duration, ev, onVmware, recordsOf, signalEvidence, signals, steps, str, windowsEvents } from './common';

/**
 * QL2xx, VSS writers: a writer a listing shows failed or stuck (QL201–QL204), a writer frozen past its
 * freeze–thaw window (QL205), a writer veto in the event log (QL206), and a shadow copy set that lacks a
 * volume a writer needs (QL207).
 */
export function writerRules(input: DiagnosisInput): Finding[] {
	return [
		...input.writers.map(listedWriter).filter((f): f is Finding => f !== null),
		...freezeTimeouts(input),
		...vetoes(input),
		...inconsistentSets(input),
	];
}

const FREEZE_TIMEOUT = '0x800423F2';
const INCONSISTENT_SNAPSHOT = '0x800423F0';
const EXCHANGE_WRITER_ID = writerIdOf('Microsoft Exchange Writer');

/** What a veto in each VSS phase means for the user (keyed by VSS_WRITER_STATE number). */
const PHASE_MEANING: Readonly<Record<number, string>> = {
	6: 'it could not report its metadata, so every backup leaves its data out or fails',
	7: 'it refused the backup while preparing it, before any snapshot was taken',
	8: 'it refused while preparing its data for the snapshot, so no application-consistent snapshot could be taken',
	9: 'it could not freeze its application (flush and hold writes) in time, so the snapshot was not application-consistent',
	10: 'it failed to resume after the snapshot; if its freeze-thaw window (60 s for most writers) expired, the snapshot is not consistent for it',
	11: 'it failed after the snapshot was taken',
	12: 'it failed in the clean-up after the backup (for example, log truncation did not happen)',
	13: 'it failed while preparing a restore',
	14: 'it failed after a restore',
	15: 'the requester went away in the middle of the backup (crashed, or was aborted, e.g. a VMware Tools quiesce cancelled by the host)',
};

/** QL201–QL204: a writer of a listing that is failed, waiting for BackupComplete, mid-backup or unknown. */
function listedWriter(w: Writer): Finding | null {
	if (w.stateCode === null) return null;
	const info = writerState(w.stateCode);
	if (!info) return null;
	const evidence = [
		...(w.stateSource && w.stateLine ? [ev(w.stateSource.path, w.stateSource.line, w.stateLine)] : []),
		ev(w.source.path, w.source.line, w.nameLine),
	];
	const hr = w.lastErrorHresult;
	const hrText = hr ? ` with ${hresultLabel(hr)}` : '';
	const lastError = w.hasLastError ? `, last error "${w.lastError}"${hrText}` : '';
	const base = { attemptId: null, writers: [w.name], hresult: hr, evidence };
	if (info.failed) {
		const kb: KbRef[] = [KB.writerVetoes, KB.writerStates];
		if (w.service) kb.push(KB.inBoxWriters);
		return {
			...base,
			code: 'QL201',
			severity: 'error',
			title: `${w.name} failed at ${info.phase} (state [${w.stateCode}])`,
			message: `The VSS writer '${w.name}' is in ${info.name}${lastError}: ${PHASE_MEANING[w.stateCode]}. Until it is reset, application-consistent backups of this machine fail or silently leave its data out.`,
			kb,
			fix: resetSteps(w.name, w.writerId, hr ? HRESULTS[hr]?.advice : undefined),
		};
	}
	if (w.stateCode === 5) {
		return {
			...base,
			code: 'QL202',
			severity: 'warning',
			title: `${w.name} is still waiting for BackupComplete (state [5])`,
			message: `The VSS writer '${w.name}' took part in a snapshot but the requester never sent BackupComplete${lastError}. If no backup was running when the listing was taken, the requester crashed or was aborted (for example a VMware Tools quiesce cancelled by the host), and post-backup clean-up such as log truncation did not run.`,
			kb: [KB.writerStates],
			fix: resetSteps(w.name, w.writerId),
		};
	}
	if (w.stateCode >= 2 && w.stateCode <= 4) {
		return {
			...base,
			code: 'QL203',
			severity: 'info',
			title: `${w.name} was in the middle of a backup (state [${w.stateCode}])`,
			message: `The VSS writer '${w.name}' was ${info.short} when the listing was taken${lastError}: a snapshot was in progress. Take the listing again when no backup runs to see the writer's resting state.`,
			kb: [KB.writerStates],
			fix: 'Run `vssadmin list writers` again once the backup has finished; if the writer stays in this state, restart the service that hosts it.',
		};
	}
	if (w.stateCode === 0) {
		return {
			...base,
			code: 'QL204',
			severity: 'warning',
			title: `${w.name} reports an unknown state (state [0])`,
			message: `The VSS writer '${w.name}' is in VSS_WS_UNKNOWN${lastError}, which VSS uses when the writer itself is in error.`,
			kb: [KB.writerStates],
			fix: resetSteps(w.name, w.writerId),
		};
	}
	return null;
}

/** The command that resets a writer, with what the restart interrupts; a generic step when its service is unknown. */
function restartStep(name: string, writerId: string | null): string {
	const info = writerInfo(name, writerId);
	return info
		? `Restart the service that hosts '${name}': \`Restart-Service -Name ${info.service} -Force\` (or \`net stop ${info.service}\` then \`net start ${info.service}\`). ${info.restartImpact}`
		: `Restart the application or service that hosts '${name}' (see Microsoft's list of in-box writers and their services); reboot the guest if none can be identified.`;
}

/** The reset procedure for a writer, with its service's exact name where known. */
function resetSteps(name: string, writerId: string | null, advice?: string): string {
	return steps(
		advice,
		restartStep(name, writerId),
		`Run \`vssadmin list writers\` again and check that '${name}' shows [1].`,
		'Retry the backup (or quiesced snapshot).',
	);
}

/** Writers a group of records names: the 8229 context, SQL Writer's own log, and the attempt's. */
function namedWriters(records: readonly LogRecord[], a: Attempt | null): string[] {
	const names = records.map((r) => (r.kind === 'sqlwriter-error' ? 'SqlServerWriter' : str(r.fields.writerName)));
	return [...new Set([...names.filter((n): n is string => n !== null), ...(a?.writers ?? [])])];
}

const isExchange = (records: readonly LogRecord[], writers: readonly string[]) =>
	writers.some((n) => writerInfo(n)?.writerId === EXCHANGE_WRITER_ID) || records.some((r) => r.fields.writerClassId === EXCHANGE_WRITER_ID);

/**
 * How long the writers of an attempt stayed frozen, when it reached their limit: the attempt builder's
 * freeze window check, else the measured freeze against 60 s (20 s when the Exchange writer took part).
 */
function frozenTooLong(input: DiagnosisInput, a: Attempt): { measuredMs: number; limitMs: number } | undefined {
	const window = a.windows.find((w) => w.exceeded && /freeze/i.test(w.name));
	if (window || a.freezeMs === null) return window;
	const limitMs = isExchange(recordsOf(input, a), a.writers) ? EXCHANGE_FREEZE_LIMIT_MS : WRITER_FREEZE_LIMIT_MS;
	return a.freezeMs >= limitMs ? { measuredMs: a.freezeMs, limitMs } : undefined;
}

/** QL205: writers frozen longer than VSS lets them hold a freeze (0x800423F2, or the measured freeze). */
function freezeTimeouts(input: DiagnosisInput): Finding[] {
	const records = input.records.filter((r) => r.fields.hresult === FREEZE_TIMEOUT);
	return signals(input, records, (a) => a.hresult === FREEZE_TIMEOUT || frozenTooLong(input, a) !== undefined).map(({ attempt: a, records: own }) => {
		const writers = namedWriters(own, a);
		const window = a ? frozenTooLong(input, a) : undefined;
		const exchange = isExchange(own, writers);
		const limit = window?.limitMs ?? (exchange ? EXCHANGE_FREEZE_LIMIT_MS : WRITER_FREEZE_LIMIT_MS);
		const timedOut = own.length > 0 || a?.hresult === FREEZE_TIMEOUT;
		const who = writers.length > 0 ? `The VSS writer${writers.length > 1 ? 's' : ''} ${writers.map((n) => `'${n}'`).join(', ')}` : 'A VSS writer';
		const measured = window ? ` The writers stayed frozen for ${duration(window.measuredMs)}.` : '';
		const stun = a?.stunUs ? ` The VM was stunned for ${duration(a.stunUs / 1000)} to create the snapshot.` : '';
		const phases = a ? recordsOf(input, a).filter((r) => r.kind === 'sqlwriter-phase' && /^On(Freeze|Thaw|Abort)$/.test(String(r.fields.phase))) : [];
		return {
			code: 'QL205',
			severity: timedOut || a?.result === 'failed' ? 'error' : 'warning',
			title: `${writers[0] ?? 'A VSS writer'} timed out between Freeze and Thaw${a ? ` in ${a.id}` : ''}`,
			message: `${who} ${timedOut ? `gave up with ${hresultLabel(FREEZE_TIMEOUT)}` : 'was frozen longer than allowed'} in ${attemptName(a)}: VSS lets a writer hold its application frozen for ${duration(limit)} at most${exchange ? ` (the Exchange writer: ${duration(EXCHANGE_FREEZE_LIMIT_MS)})` : ` (${duration(EXCHANGE_FREEZE_LIMIT_MS)} for Exchange)`}, and the snapshot was not taken within that window.${measured}${stun} So the snapshot was not application-consistent${a?.result === 'failed' ? ' and the quiesced snapshot failed' : ''}.`,
			attemptId: a?.id ?? null,
			writers,
			hresult: timedOut ? FREEZE_TIMEOUT : null,
			kb: [KB.writerVetoes, KB.vssFreezeTimeout, ...(input.hypervisor === 'hyper-v' ? [] : [KB.freezeUnderLoad])],
			fix: steps(
				onVmware(input, 'Make the snapshot itself fast, since writers stay frozen while it is created: check datastore latency during the backup window, and delete or consolidate old snapshots of the VM (each delta disk slows snapshot creation).'),
				onVmware(input, 'Do not include the VM memory in backup snapshots: a memory snapshot keeps the writers frozen far longer.'),
				'Move I/O-heavy work (database maintenance, antivirus full scans, defragmentation, other backups) out of the backup window.',
				...writers.map((n) => restartStep(n, null)),
				'Run `vssadmin list writers` and check that every writer shows [1], then retry the backup.',
			),
			evidence: signalEvidence(input, a, own, phases),
		};
	});
}

/** QL206: a writer vetoed a phase (VSS 8229). Other HRESULTs than the freeze timeout and the missing volume. */
function vetoes(input: DiagnosisInput): Finding[] {
	const records = windowsEvents(input, 'VSS', [8229]).filter((r) => r.fields.hresult !== FREEZE_TIMEOUT && r.fields.hresult !== INCONSISTENT_SNAPSHOT);
	const listedFailed = new Set(input.writers.filter((w) => w.failed).flatMap((w) => [w.name, w.writerId]));
	return signals(input, records).flatMap(({ attempt: a, records: own }) => {
		const byWriter = new Map<string, LogRecord[]>();
		for (const r of own) {
			const name = str(r.fields.writerName) ?? 'unknown writer';
			// Outside any attempt, a writer a listing already shows failed is reported there (QL201).
			if (!a && (listedFailed.has(name) || listedFailed.has(str(r.fields.writerClassId)))) continue;
			pushTo(byWriter, name, r);
		}
		return [...byWriter].map(([name, list]): Finding => {
			const first = list[0];
			const hr = str(first.fields.hresult);
			const info = hr ? HRESULTS[hr] : undefined;
			// The Operation line as printed (English on most builds), shown, never decided from.
			const phase = str(first.fields.operation)?.replace(/ Event$/, '') ?? null;
			return {
				code: 'QL206',
				severity: 'error',
				title: `${name} vetoed ${phase ?? 'the backup'}${hr ? ` with ${info?.name ?? hr}` : ''}`,
				message: `The VSS writer '${name}' refused ${phase ? `the ${phase} phase` : 'a backup phase'}${hr ? ` with ${hresultLabel(hr)}${info ? `: ${info.meaning}` : ''}` : ''} (VSS event 8229)${a ? `, during ${attemptName(a)}${a.result === 'failed' ? ', which therefore failed' : ''}` : ''}. Without that writer the snapshot cannot be application-consistent.`,
				attemptId: a?.id ?? null,
				writers: [name],
				hresult: hr,
				kb: [KB.writerVetoes, ...(writerInfo(name, str(first.fields.writerClassId)) ? [KB.inBoxWriters] : [])],
				fix: resetSteps(name, str(first.fields.writerClassId), info?.advice),
				evidence: signalEvidence(input, a, list),
			};
		});
	});
}

/** QL207: the shadow copy set lacked a volume a writer needs (0x800423F0, SQLWRITER 24579). */
function inconsistentSets(input: DiagnosisInput): Finding[] {
	const records = [...input.records.filter((r) => r.fields.hresult === INCONSISTENT_SNAPSHOT), ...windowsEvents(input, 'SQLWRITER', [24579])];
	// VMware leaves independent disks out of every snapshot: data on them is never in the shadow copy set.
	const independent = input.hypervisor === 'hyper-v' ? [] : input.records.filter((r) => r.kind === 'vmx-setting' && /\.mode$/i.test(String(r.fields.key)) && /^independent/i.test(String(r.fields.value)));
	return signals(input, records, (a) => a.hresult === INCONSISTENT_SNAPSHOT).map(({ attempt: a, records: own }) => {
		const writers = namedWriters(own, a);
		const sql = writers.includes('SqlServerWriter') || own.some((r) => String(r.fields.provider).toUpperCase() === 'SQLWRITER');
		const disks = independent.map((r) => `${str(r.fields.device) ?? str(r.fields.key)} (${str(r.fields.value)})`);
		return {
			code: 'QL207',
			severity: 'error',
			title: `The shadow copy set lacked a volume ${writers[0] ?? 'a writer'} needs`,
			message: `${writers.length > 0 ? writers.map((n) => `'${n}'`).join(', ') : 'A VSS writer'} reported ${hresultLabel(INCONSISTENT_SNAPSHOT)} in ${attemptName(a)}: some of its data (a database spread over several volumes, for example) is on a volume that was not part of the snapshot, so it refused to take part.${disks.length > 0 ? ` The VM has independent disks, which VMware snapshots leave out: ${disks.join(', ')}.` : ''}`,
			attemptId: a?.id ?? null,
			writers,
			hresult: INCONSISTENT_SNAPSHOT,
			kb: [KB.writerVetoes, ...(sql ? [KB.sqlWriterLogging] : [])],
			fix: steps(
				sql && 'Find the database whose files span volumes: SQLWRITER event 24579 names it, or list the files with `SELECT DB_NAME(database_id), physical_name FROM sys.master_files`.',
				disks.length > 0 && onVmware(input, 'Set the disks that hold application data back to dependent mode (VM settings → disk → Mode), so snapshots include them.'),
				'Include every volume that holds the application\'s data in the backup, or move the files onto volumes the backup covers.',
				'Retry the backup.',
			),
			evidence: signalEvidence(input, a, own, independent),
		};
	});
}
