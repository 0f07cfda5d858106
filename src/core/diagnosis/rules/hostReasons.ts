import type { KindRecord, LogRecord } from '../../model/records';
import type { Attempt } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { TOOLS_QUIESCE_TIMEOUT_MS } from '../../knowledge/limits';
import { ruleDefaults } from '../ruleCatalogue';
import { attemptName, ofKind, recordsOf, type RuleFinding, signalEvidence, signals, steps, toolsRestart, tr, withReason } from './common';

/**
 * QL106–QL109, why the host ended a quiesce, from the `reason` the host readers decode from the VMX and
 * hostd messages (message ids first, then their fixed English text; see esxiCommon.ts quiesceReason) and the
 * vSphere fault of the task: timeout (QL106), I/O hold-off exceeded (QL107), VMware Tools not available
 * (QL108), guest not privileged (QL109), a quiesce already in progress in the guest (QL115); and the host's own
 * data path failing the snapshot: LWD (QL114), changed block tracking (QL116).
 */
export function hostReasonRules(input: DiagnosisInput): RuleFinding[] {
	// These reasons come from ESXi and VMware Tools; a Hyper-V guest has none, and gets no VMware advice.
	if (input.hypervisor === 'hyper-v') return [];
	return [...toolsNotAvailable(input), ...notPrivileged(input), ...alreadyInProgress(input), ...ioHoldOff(input), ...timeout(input), ...lwdDataPath(input), ...cbtFailure(input)];
}

/** The reasons the records of an attempt state. */
function reasonsOf(input: DiagnosisInput, a: Attempt): Set<string> {
	const reasons = new Set<string>();
	for (const r of recordsOf(input, a)) if ('reason' in r.fields && r.fields.reason !== null && r.fields.reason !== undefined) reasons.add(r.fields.reason);
	return reasons;
}

/** What every finding of this family shares. */
function base(input: DiagnosisInput, a: Attempt | null, own: readonly LogRecord[]) {
	return { attemptId: a?.id ?? null, writers: [], hresult: null, evidence: signalEvidence(input, a, own) };
}

/**
 * QL108: the host refused to quiesce because VMware Tools did not answer, or Tools stopped answering the VMX
 * during a quiesced snapshot that failed (its RPC to the service timed out, its heartbeat lapsed: the same
 * cause seen in the vmware.log before the host gives up).
 */
function toolsNotAvailable(input: DiagnosisInput): RuleFinding[] {
	const FAULT = 'vim.fault.ToolsUnavailable';
	const records: LogRecord[] = [...withReason(input, 'tools-not-available'), ...ofKind(input, 'tools-unresponsive')];
	const silentOnly = (own: readonly LogRecord[]) => own.every((r) => r.kind === 'tools-unresponsive');
	return (
		signals(input, records, (a) => a.fault === FAULT)
			// Tools not answering is the cause of a quiesced try that failed with no other reason stated; outside one
			// (a busy guest, a try that still succeeded) it is none, and beside a stated reason (a quiesce that timed
			// out while a frozen guest blocked vmtoolsd) it is that reason's symptom: QL106 and the others speak.
			.filter(({ attempt: a, records: own }) => !silentOnly(own) || a?.fault === FAULT || (a !== null && a.quiesced === true && a.result === 'failed' && reasonsOf(input, a).size === 0))
			.map(({ attempt: a, records: own }) => {
				const silent = own.filter((r): r is KindRecord<'tools-unresponsive'> => r.kind === 'tools-unresponsive');
				const refused = silent.length < own.length || a?.fault === FAULT;
				// The host's view of the Tools service (running / not running), for the evidence.
				const status = ofKind(input, 'tools-status').slice(-1);
				// Warnings of a starved guest (late GuestInfo collection), from the guest's own log.
				const starved = ofKind(input, 'tools-warning')
					.filter((r) => r.fields.domain === 'guestinfo')
					.slice(-2);
				const t = tr(input);
				const lost = { rpc: silent.some((r) => !r.fields.heartbeat), heartbeat: silent.some((r) => r.fields.heartbeat) };
				return {
					...base(input, a, [...own, ...status, ...starved]),
					...ruleDefaults('QL108'),
					title: t('QL108.title', { refused }),
					message: t('QL108.message', { attempt: attemptName(input, a), starved: starved.length > 0, refused, ...lost }),
					fix: steps(t('QL108.fix.restart', { restart: toolsRestart(input) }), t('QL108.fix.check'), starved.length > 0 || !refused ? t('QL108.fix.contention') : undefined, t('common.retryQuiesced')),
				};
			})
	);
}

/**
 * QL109: the VMX dropped the guest's quiesce events ("Guest not privileged"), or, seen from the guest, VMware
 * Tools could not send them (`Failed to send event to the VMX: <reply>.`): the same refusal from its other end.
 */
function notPrivileged(input: DiagnosisInput): RuleFinding[] {
	const t = tr(input);
	return signals(input, withReason(input, 'not-privileged')).map(({ attempt: a, records: own }) => {
		// Only the guest's side in the bundle: its own words, and the VMX's reply when the line kept it.
		const guest = own.every((r) => r.kind === 'tools-warning');
		const reply = guest ? (own.map((r) => (r.kind === 'tools-warning' ? VMX_REPLY.exec(r.fields.message)?.[1].replace(/\.$/, '') : undefined)).find((x) => x) ?? null) : null;
		return {
			...base(input, a, own),
			...ruleDefaults('QL109'),
			title: t('QL109.title', { guest }),
			message: t('QL109.message', { attempt: attemptName(input, a), guest, reply }),
			fix: steps(t('QL109.fix.reinstall'), t('QL109.fix.service', { restart: toolsRestart(input) }), t('common.retryQuiesced')),
		};
	});
}

/** The VMX's reply vmbackup prints after `Failed to send event to the VMX:` (its full stop left out). */
const VMX_REPLY = /^Failed to send event to the VMX: ([^\n]{1,200})/i;

/** QL115: VMware Tools refused the quiesce request because its previous one had not ended. */
function alreadyInProgress(input: DiagnosisInput): RuleFinding[] {
	const t = tr(input);
	return signals(input, withReason(input, 'already-in-progress')).map(({ attempt: a, records: own }) => ({
		...base(input, a, own),
		...ruleDefaults('QL115'),
		title: t('QL115.title'),
		message: t('QL115.message', { attempt: attemptName(input, a), count: own.length }),
		fix: steps(t('QL115.fix.concurrent'), t('QL115.fix.restart', { restart: toolsRestart(input) }), t('common.retryQuiesced')),
	}));
}

/** QL107: the snapshot took longer than the host may hold the frozen guest's I/O (FilesystemQuiesceFault). */
function ioHoldOff(input: DiagnosisInput): RuleFinding[] {
	const FAULT = 'vim.fault.FilesystemQuiesceFault';
	const t = tr(input);
	return signals(input, withReason(input, 'io-holdoff-exceeded'), (a) => a.fault === FAULT).map(({ attempt: a, records: own }) => ({
		...base(input, a, own),
		...ruleDefaults('QL107'),
		title: t('QL107.title'),
		// The guest's own error, when the attempt has one (KB 1018194 lists VssSyncStart failing as the same problem).
		message: t('QL107.message', { attempt: attemptName(input, a), stunMs: a?.stunUs ? a.stunUs / 1000 : null, guest: a?.guestMessage ?? null }),
		fix: steps(t('QL107.fix.reduceIo'), t('QL107.fix.datastore'), t('QL107.fix.noMemory'), t('common.retryQuiesced')),
	}));
}

/** QL114: the ESXi 8 lightweight-delta (LWD) data path could not write or read the snapshot's data (vmware.log `LWD:` errors). */
function lwdDataPath(input: DiagnosisInput): RuleFinding[] {
	const t = tr(input);
	return signals(input, ofKind(input, 'lwd-error')).map(({ attempt: a, records: own }) => {
		const disks = [...new Set(own.map((r) => r.fields.disk).filter((d): d is string => d !== null))];
		const ioError = own.find((r) => r.fields.ioError !== null)?.fields.ioError ?? null;
		const canceled = own.some((r) => r.fields.canceled);
		const quiesceFailed = own.some((r) => r.fields.quiesceFailed);
		return {
			...base(input, a, own),
			...ruleDefaults('QL114'),
			title: t('QL114.title', { ioError }),
			message: t('QL114.message', { attempt: attemptName(input, a), disks, ioError, canceled, quiesceFailed }),
			fix: steps(t('QL114.fix.latency'), t('QL114.fix.load'), t('QL114.fix.update'), t('common.retryBackup')),
		};
	});
}

/**
 * The one failed attempt whose events come from the text that holds these untimed records (a KB or a ticket
 * pasting the host's error beside the client's), or null: a line with no time joins no attempt by its time.
 */
function pastedWith(input: DiagnosisInput, records: readonly LogRecord[]): Attempt | null {
	if (records.some((r) => r.time !== null)) return null;
	const paths = new Set(records.map((r) => r.source.path));
	const failed = input.attempts.filter((a) => a.result === 'failed' && a.events.some((e) => paths.has(e.source)));
	return failed.length === 1 ? failed[0] : null;
}

/** VMK_NO_MEMORY: VMkernel could not allocate the memory asked for (KB 2114076's CBT failure on ESXi 6.0). */
const VMK_NO_MEMORY = '0xbad0014';

/** QL116: the VMX could not create or open a disk's changed block tracking (DiskLib's CBT/CTK with a VMkernel status): the snapshot fails. */
function cbtFailure(input: DiagnosisInput): RuleFinding[] {
	const t = tr(input);
	return signals(input, ofKind(input, 'cbt-error')).map(({ attempt: held, records: own }) => {
		const a = held ?? pastedWith(input, own);
		const first = own.find((r) => r.fields.status === VMK_NO_MEMORY) ?? own[0];
		const noMemory = first.fields.status === VMK_NO_MEMORY;
		return {
			...base(input, a, own),
			...ruleDefaults('QL116', { cbtNoMemory: noMemory }),
			title: t('QL116.title', { status: first.fields.status, noMemory }),
			message: t('QL116.message', { attempt: attemptName(input, a), status: first.fields.status, statusText: first.fields.statusText, noMemory }),
			fix: steps(noMemory ? t('QL116.fix.patch') : undefined, t('QL116.fix.reset'), noMemory ? undefined : t('QL116.fix.hostMemory'), t('common.retryBackup')),
		};
	});
}

/** QL106: the host timed out waiting for the guest to quiesce (unless QL108/QL109 name why the guest never answered). */
function timeout(input: DiagnosisInput): RuleFinding[] {
	const explained = (a: Attempt) => {
		const reasons = reasonsOf(input, a);
		return reasons.has('tools-not-available') || reasons.has('not-privileged');
	};
	const t = tr(input);
	return signals(input, withReason(input, 'timeout'))
		.filter((s) => !s.attempt || !explained(s.attempt))
		.map(({ attempt: a, records: own }) => ({
			...base(input, a, own),
			...ruleDefaults('QL106'),
			title: t('QL106.title'),
			message: t('QL106.message', { attempt: attemptName(input, a), quiesceMs: a?.quiesceMs ?? null, limitMs: TOOLS_QUIESCE_TIMEOUT_MS }),
			fix: steps(t('QL106.fix.where'), t('QL106.fix.reset'), t('QL106.fix.restartTools', { restart: toolsRestart(input) }), t('QL106.fix.slow'), t('common.retryQuiesced')),
		}));
}
