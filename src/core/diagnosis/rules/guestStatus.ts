import { firstHresult, type KindRecord, type LogRecord } from '../../model/records';
import type { Attempt } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { HRESULTS, hresultLabel } from '../../knowledge/hresults';
import { WINDOW_NAMES } from '../../knowledge/limits';
import { hresultAdvice, hresultMeaning, vmbackupMeaning } from '../../knowledge/messages/tables';
import { errnoCause } from '../../knowledge/errno';
import { vmbackupStatusName } from '../../knowledge/vmbackup';
import { ruleDefaults } from '../ruleCatalogue';
import { attemptName, guestFamily, ofKind, recordsOf, withStatus, type RuleFinding, signalEvidence, signals, steps, toolsRestart, tr, unexplainedSignals } from './common';

/**
 * QL101–QL105, the VmBackupStatus the guest's VMware Tools reported (formats.md §3.2): 1 invalid state
 * (QL102), 2 custom script failed (QL103), 3 file systems could not be frozen (QL104), 4 aborted by the host
 * (QL105), and 5, an error of the guest's own quiesce (QL101, a fallback: more specific rules usually name
 * the cause of a status 5, and QL101 speaks only when none did).
 */
export function guestStatusRules(input: DiagnosisInput): RuleFinding[] {
	// VmBackupStatus is VMware Tools' own: a Hyper-V guest has none, and gets no VMware advice.
	if (input.hypervisor === 'hyper-v') return [];
	return [...invalidState(input), ...scripts(input), ...syncDriver(input), ...remoteAbort(input)];
}

const statusLabel = (code: number) => `VmBackupStatus ${code}, ${vmbackupStatusName(code)}`;

/** Everything a finding about one reported status shares. */
function statusFinding(input: DiagnosisInput, code: number, a: Attempt | null, own: readonly LogRecord[], extra: readonly LogRecord[] = []) {
	// The guest's own words: the host quotes them as "The error message was: …", the guest log sends them with the event.
	const message = own.map(guestWords).find((m) => m !== null) ?? a?.guestMessage ?? null;
	return {
		attemptId: a?.id ?? null,
		writers: [],
		hresult: a?.hresult ?? null,
		reported: tr(input)('status.reported', { label: statusLabel(code), message, attempt: attemptName(input, a) }),
		evidence: signalEvidence(input, a, own, extra),
	};
}

/** The guest's own words in a record: the error message the host quotes, or the text of its `req.error` event. */
function guestWords(r: LogRecord): string | null {
	if ('errorMessage' in r.fields && r.fields.errorMessage !== null) return r.fields.errorMessage;
	return r.kind === 'vmbackup-event' ? r.fields.message : null;
}

/** QL102: a quiesce request reached a guest whose backup state machine was still busy. */
function invalidState(input: DiagnosisInput): RuleFinding[] {
	return signals(input, withStatus(input, 1), (a) => a.vmbackupStatus === 1).map(({ attempt: a, records: own }) => {
		const meaning = vmbackupMeaning(1, input.locale) ?? '';
		const { reported, ...rest } = statusFinding(input, 1, a, own);
		const t = tr(input);
		return {
			...rest,
			...ruleDefaults('QL102'),
			title: t('QL102.title'),
			message: t('QL102.message', { reported, meaning }),
			fix: steps(t('QL102.fix.oneJob'), t('QL102.fix.resetTools', { restart: toolsRestart(input) }), t('common.retrySnapshot')),
		};
	});
}

/** The `Running script: …` line a script's exit code belongs to: the last one before it in the same file. */
function scriptRun(input: DiagnosisInput, exit: LogRecord): KindRecord<'vmbackup-script'> | undefined {
	return ofKind(input, 'vmbackup-script')
		.filter((r) => r.fields.action === 'run' && r.source.path === exit.source.path && r.source.line < exit.source.line)
		.pop();
}

/** QL103: a custom quiesce script failed (status 2, or a script that exited non-zero). */
function scripts(input: DiagnosisInput): RuleFinding[] {
	const exits = ofKind(input, 'vmbackup-script').filter((r) => r.fields.action === 'exit' && r.fields.exitCode !== null && r.fields.exitCode !== 0);
	return signals(input, [...withStatus(input, 2), ...exits], (a) => a.vmbackupStatus === 2).map(({ attempt: a, records: own }) => {
		const exit = own.find((r) => r.kind === 'vmbackup-script');
		const run = exit
			? scriptRun(input, exit)
			: a
				? recordsOf(input, a)
						.filter((r): r is KindRecord<'vmbackup-script'> => r.kind === 'vmbackup-script' && r.fields.action === 'run')
						.pop()
				: undefined;
		const script = run?.fields.script ?? null;
		const phase = run?.fields.phase ?? null;
		const failed = a?.vmbackupStatus === 2 || a?.result === 'failed' || own.some((r) => r.kind !== 'vmbackup-script');
		const { reported, ...rest } = statusFinding(
			input,
			2,
			a,
			own.filter((r) => r.kind !== 'vmbackup-script'),
			[...(run ? [run] : []), ...own.filter((r) => r.kind === 'vmbackup-script')],
		);
		const windows = guestFamily(input) === 'windows';
		const t = tr(input);
		return {
			...rest,
			...ruleDefaults('QL103'),
			severity: failed ? 'error' : 'warning',
			title: t('QL103.title', { script }),
			message: t('QL103.message', { exited: exit !== undefined, script, phase, exitCode: exit?.fields.exitCode ?? null, reported, failed }),
			fix: steps(t('QL103.fix.runByHand', { script, phase, windows }), t('QL103.fix.exitZero'), t('QL103.fix.remove', { windows }), t('common.retryQuiesced')),
		};
	});
}

/**
 * The sync driver's trace of the ioctl that failed the freeze, when no line says so: the last `freeze on '<path>'
 * returned: <errno>` before the failure of an errno the driver does not skip. The driver stops at the first
 * error it does not skip, and skips EOPNOTSUPP (a file system that cannot freeze); whether it skips EBUSY
 * depends on its version, but a trace followed by the failure is the one it stopped at.
 */
function lastFatalTrace(attemptRecords: readonly LogRecord[], failures: readonly LogRecord[]): KindRecord<'sync-driver'>[] {
	const failure = failures.find((r) => r.kind !== 'sync-driver');
	if (failure === undefined) return [];
	const before = (r: LogRecord) => r.source.path === failure.source.path && r.source.line < failure.source.line;
	const traces = attemptRecords.filter((r): r is KindRecord<'sync-driver'> => r.kind === 'sync-driver' && !r.fields.failed && r.fields.errno !== null && errnoCause(r.fields.errno) !== 'unsupported' && before(r));
	return traces.slice(-1);
}

/**
 * QL104: the guest could not freeze its file systems: status 3, a Linux sync driver line naming the mount
 * whose FIFREEZE failed, or the driver's `Error freezing filesystems.` (a guest-only log has those lines but no
 * status; at the default log level only the last).
 */
function syncDriver(input: DiagnosisInput): RuleFinding[] {
	const failedMounts = ofKind(input, 'sync-driver').filter((r) => r.fields.failed);
	const failedFreezes = ofKind(input, 'tools-warning').filter((r) => r.fields.syncCall === 'freeze');
	return signals(input, [...withStatus(input, 3), ...failedMounts, ...failedFreezes], (a) => a.vmbackupStatus === 3).map(({ attempt: a, records }) => {
		const own = records.filter((r) => r.kind !== 'sync-driver' && r.kind !== 'tools-warning');
		const failedOnes = records.filter((r): r is KindRecord<'sync-driver'> => r.kind === 'sync-driver');
		// Without a line that says which mount failed, the driver's trace of the last FIFREEZE that returned an error it does not skip.
		const mounts = failedOnes.length > 0 || a === null ? failedOnes : lastFatalTrace(recordsOf(input, a), records);
		const mount = mounts[0]?.fields ?? null;
		// The Tools warning that names the file system comes just before the error.
		const warnings = (a ? recordsOf(input, a) : ofKind(input, 'tools-warning')).filter((r) => r.kind === 'tools-warning' && r.fields.domain === 'vmbackup' && (!own[0] || r.source.path !== own[0].source.path || r.source.line <= own[0].source.line));
		const meaning = vmbackupMeaning(3, input.locale) ?? '';
		const { reported, ...rest } = statusFinding(input, 3, a, own, [...mounts, ...warnings.slice(-2)]);
		const windows = guestFamily(input) === 'windows';
		const t = tr(input);
		const restart = toolsRestart(input);
		const cause = mount ? errnoCause(mount.errno) : null;
		// Without the guest's status report, the sync driver's own line is what shows the freeze failed.
		const reportedStatus = own.length > 0 || a?.vmbackupStatus === 3;
		return {
			...rest,
			...ruleDefaults('QL104'),
			title: t('QL104.title', { path: mount?.path ?? null }),
			message: t('QL104.message', {
				reported: reportedStatus ? reported : t('QL104.seen', { attempt: attemptName(input, a) }),
				meaning,
				windows,
				mount: mount && t('QL104.mount', { path: mount.path, call: mount.call, errno: mount.errno, errnoName: mount.errnoName, errorText: mount.errorText }),
				cause: cause && t(`QL104.cause.${cause}`),
			}),
			fix: windows
				? steps(t('QL104.fix.repairTools'), t('QL104.fix.restartTools', { restart }), t('common.retryQuiesced'))
				: steps(
						!mount && t('QL104.fix.findFs'),
						t('QL104.fix.exclude', { path: mount?.path ?? null }),
						(!mount || cause === 'busy') && t('QL104.fix.thaw', { path: mount?.path ?? null }),
						t('QL104.fix.update', { restart }),
						mount !== null && t('QL104.fix.crashConsistent'),
						t('common.retryQuiesced'),
					),
		};
	});
}

/** QL105: the host aborted the quiesce; when a host timeout is in the bundle, QL106 explains it instead. */
function remoteAbort(input: DiagnosisInput): RuleFinding[] {
	const timedOut = (a: Attempt) => recordsOf(input, a).some((r) => 'reason' in r.fields && r.fields.reason === 'timeout');
	return signals(input, withStatus(input, 4), (a) => a.vmbackupStatus === 4)
		.filter((s) => !s.attempt || !timedOut(s.attempt))
		.map(({ attempt: a, records: own }) => {
			const meaning = vmbackupMeaning(4, input.locale) ?? '';
			const { reported, ...rest } = statusFinding(input, 4, a, own);
			const t = tr(input);
			return {
				...rest,
				...ruleDefaults('QL105'),
				title: t('QL105.title'),
				message: t('QL105.message', { reported, meaning }),
				fix: steps(t('QL105.fix.cancel'), t('QL105.fix.slow'), t('common.retryQuiesced')),
			};
		});
}

/** The first failed guest operation (`VssSyncStart` …) a record names, or null. */
function firstOp(own: readonly LogRecord[]): string | null {
	for (const r of own) if ('op' in r.fields && r.fields.op) return r.fields.op;
	return null;
}

/** The quiesce window of an attempt when it reached the Tools timeout (the attempt builder measures it). */
const quiesceWindow = (a: Attempt) => a.windows.find((w) => w.exceeded && w.name === WINDOW_NAMES.toolsTimeout);

/**
 * The guest's report of its own VSS operation quoted without the status before it (`'VssSyncStart' operation
 * failed: IDispatch error #8449 (0x80042301)` after a client's sentence, VMware Tools' English in any client
 * language): a quiesce note of a guest error with the guest's words and a code, and no VmBackupStatus.
 */
const statuslessReports = (input: DiagnosisInput): LogRecord[] =>
	ofKind(input, 'quiesce-note').filter((r) => {
		const f = r.fields;
		return f.reason === 'guest-error' && 'vmbackupStatus' in f && f.vmbackupStatus === null && f.errorMessage !== null && f.hresult !== null;
	});

/**
 * QL101 (fallback): the guest's quiesce failed with its own error (status 5, or the guest's report of its failed
 * operation quoted without the status) and no other rule named the cause.
 */
export function guestErrorFallback(input: DiagnosisInput, found: readonly RuleFinding[]): RuleFinding[] {
	if (input.hypervisor === 'hyper-v') return [];
	return unexplainedSignals(
		found,
		signals(input, [...withStatus(input, 5), ...statuslessReports(input)], (a) => a.vmbackupStatus === 5),
	).map(({ attempt: a, records: own }) => {
		const meaning = vmbackupMeaning(5, input.locale) ?? '';
		const stated = a?.vmbackupStatus === 5 || own.some((r) => !('vmbackupStatus' in r.fields) || r.fields.vmbackupStatus !== null);
		const { reported: withStatus, ...rest } = statusFinding(input, 5, a, own);
		// No status printed: the guest's words say it failed its own operation, which is what status 5 means; the number is not claimed.
		const reported = stated ? withStatus : tr(input)('status.reportedWords', { message: own.map(guestWords).find((m) => m !== null) ?? a?.guestMessage ?? null, attempt: attemptName(input, a) });
		const hr = a?.hresult ?? firstHresult(own);
		const op = a?.guestOperation ?? firstOp(own);
		const info = hr ? HRESULTS[hr] : undefined;
		const window = a ? quiesceWindow(a) : undefined;
		const windows = guestFamily(input) === 'windows';
		const t = tr(input);
		return {
			...rest,
			hresult: hr,
			...ruleDefaults('QL101', { writerVetoes: windows, ioHoldOff: hr === '0x80042301' }),
			title: t('QL101.title', { op, hr: hr ? (info?.name ?? hr) : null }),
			message: t('QL101.message', {
				reported,
				meaning,
				op,
				hrLabel: hr ? hresultLabel(hr) : null,
				hrMeaning: hr ? (hresultMeaning(hr, input.locale) ?? null) : null,
				measuredMs: window?.measuredMs ?? null,
				limitMs: window?.limitMs ?? null,
			}),
			fix: steps(hr ? hresultAdvice(hr, input.locale) : undefined, windows && t('QL101.fix.collect'), hr === '0x80042301' && t('QL101.fix.badState'), t('common.retryQuiesced')),
		};
	});
}
