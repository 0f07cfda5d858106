import type { LogRecord } from '../../model/records';
import type { Attempt, Finding, KbRef } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { faultInfo } from '../faults';
import { faultRef, KB } from '../kb';
import { TOOLS_QUIESCE_TIMEOUT_MS } from '../limits';
import { attemptName, duration, recordsOf, signalEvidence, signals, steps, toolsRestart } from './common';

/**
 * QL106–QL109, why the host ended a quiesce, from the `reason` the host readers decode from the VMX and
 * hostd messages (message ids first, then their fixed English text; see esxiCommon.ts quiesceReason) and the
 * vSphere fault of the task: timeout (QL106), I/O hold-off exceeded (QL107), VMware Tools not available
 * (QL108), guest not privileged (QL109).
 */
export function hostReasonRules(input: DiagnosisInput): Finding[] {
	// These reasons come from ESXi and VMware Tools; a Hyper-V guest has none, and gets no VMware advice.
	if (input.hypervisor === 'hyper-v') return [];
	return [...toolsNotAvailable(input), ...notPrivileged(input), ...ioHoldOff(input), ...timeout(input)];
}

const withReason = (input: DiagnosisInput, reason: string): LogRecord[] => input.records.filter((r) => r.fields.reason === reason);
/** The reasons the records of an attempt state. */
const reasonsOf = (input: DiagnosisInput, a: Attempt) => new Set(recordsOf(input, a).map((r) => r.fields.reason));

/** What every finding of this family shares. */
function base(input: DiagnosisInput, a: Attempt | null, own: readonly LogRecord[], kb: KbRef[]) {
	return { attemptId: a?.id ?? null, writers: [], hresult: null, kb, evidence: signalEvidence(input, a, own) };
}

const fault = (name: string): KbRef[] => {
	const info = faultInfo(name);
	return info ? [faultRef(name, info.url)] : [];
};

/** QL108: the host refused to quiesce because VMware Tools did not answer. */
function toolsNotAvailable(input: DiagnosisInput): Finding[] {
	const FAULT = 'vim.fault.ToolsUnavailable';
	return signals(input, withReason(input, 'tools-not-available'), (a) => a.fault === FAULT).map(({ attempt: a, records: own }) => {
		// The host's view of the Tools service (running / not running), for the evidence.
		const status = input.records.filter((r) => r.kind === 'tools-status').slice(-1);
		// Warnings of a starved guest (late GuestInfo collection), from the guest's own log.
		const starved = input.records.filter((r) => r.kind === 'tools-warning' && r.fields.domain === 'guestinfo').slice(-2);
		return {
			...base(input, a, [...own, ...status, ...starved], [KB.toolsNotAvailable, ...fault(FAULT)]),
			code: 'QL108',
			severity: 'error',
			title: 'VMware Tools was not available: the guest was never asked to quiesce',
			message: `The host refused to quiesce in ${attemptName(a)} because VMware Tools in the guest did not answer ("Cannot quiesce this virtual machine because VMware Tools is not currently available"). No freeze happened in the guest; the snapshot failed before it started.${starved.length > 0 ? ' The guest\'s Tools log warns that GuestInfo collection ran late, a sign of a starved or hung guest.' : ''}`,
			fix: steps(
				`In the guest, restart VMware Tools: ${toolsRestart(input)}; check that the service stays running.`,
				'Check in the vSphere Client that the VM shows VMware Tools as running and current; upgrade VMware Tools (or open-vm-tools) if it is old.',
				starved.length > 0 && 'Check the VM for CPU contention (high CPU ready time) or guest hangs at that time.',
				'Retry the quiesced snapshot.',
			),
		};
	});
}

/** QL109: the VMX dropped the guest's quiesce events ("Guest not privileged"). */
function notPrivileged(input: DiagnosisInput): Finding[] {
	return signals(input, withReason(input, 'not-privileged')).map(({ attempt: a, records: own }) => ({
		...base(input, a, own, []),
		code: 'QL109',
		severity: 'error',
		title: 'The host dropped the guest\'s quiesce events ("Guest not privileged")',
		message: `In ${attemptName(a)} the VMX logged "Guest not privileged, dropping vmbackup event set request": the host ignored what VMware Tools in the guest reported, so the quiesce could never complete. This is seen after VMware Tools was downgraded or left half-installed (formats.md §3.2, ESXi 5.5 with an older Tools).`,
		fix: steps(
			'Reinstall the VMware Tools version that matches the host (uninstall, reboot, install), then reboot the guest.',
			`Check that the VMware Tools service runs: ${toolsRestart(input)}.`,
			'Retry the quiesced snapshot.',
		),
	}));
}

/** QL107: the snapshot took longer than the host may hold the frozen guest's I/O (FilesystemQuiesceFault). */
function ioHoldOff(input: DiagnosisInput): Finding[] {
	const FAULT = 'vim.fault.FilesystemQuiesceFault';
	return signals(input, withReason(input, 'io-holdoff-exceeded'), (a) => a.fault === FAULT).map(({ attempt: a, records: own }) => ({
		...base(input, a, own, [KB.ioHoldOff, ...fault(FAULT), KB.freezeUnderLoad]),
		code: 'QL107',
		severity: 'error',
		title: 'The snapshot exceeded the time the frozen guest may hold off I/O',
		message: `In ${attemptName(a)} the guest was quiesced, but creating the snapshot took longer than the host lets a frozen guest hold its I/O, so the host rolled the snapshot back ("exceeded the time limit for holding off I/O in the frozen virtual machine").${a?.stunUs ? ` The VM was stunned for ${duration(a.stunUs / 1000)}.` : ''}`,
		fix: steps(
			'Reduce I/O in the guest during the backup window (database maintenance, antivirus scans, other backups).',
			'Check the datastore latency at that time and delete or consolidate old snapshots of the VM: every delta disk slows snapshot creation.',
			'Do not include the VM memory in backup snapshots.',
			'Retry the quiesced snapshot.',
		),
	}));
}

/** QL106: the host timed out waiting for the guest to quiesce (unless QL108/QL109 name why the guest never answered). */
function timeout(input: DiagnosisInput): Finding[] {
	const explained = (a: Attempt) => {
		const reasons = reasonsOf(input, a);
		return reasons.has('tools-not-available') || reasons.has('not-privileged');
	};
	return signals(input, withReason(input, 'timeout')).filter((s) => !s.attempt || !explained(s.attempt)).map(({ attempt: a, records: own }) => ({
		...base(input, a, own, [KB.quiesceTimeout, KB.vmbackupStatus]),
		code: 'QL106',
		severity: 'error',
		title: 'The quiesce timed out',
		message: `The host gave up waiting for the guest to quiesce in ${attemptName(a)}${a?.quiesceMs ? ` after ${duration(a.quiesceMs)}` : ''} ("Timed out while quiescing the virtual machine"): the guest never reported that its file systems and applications were frozen. VMware Tools allows ${duration(TOOLS_QUIESCE_TIMEOUT_MS)} by default.`,
		fix: steps(
			'See where the guest got stuck: the VMware Tools (vmbackup) log of the guest at that time, and `vssadmin list writers` for writers that are not [1].',
			'Reset writers or custom quiesce scripts that hang (restart the writer\'s service; fix or remove the script).',
			`Restart VMware Tools in the guest: ${toolsRestart(input)}.`,
			'If the guest is only slow (large and busy), run the backup in a quieter window or raise the backup product\'s quiesce timeout.',
			'Retry the quiesced snapshot.',
		),
	}));
}
