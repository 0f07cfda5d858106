import type { LogRecord } from '../../model/records';
import type { Attempt, Finding } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { faultInfo } from '../faults';
import { HRESULTS, hresultLabel } from '../hresults';
import { faultRef, KB } from '../kb';
import { VMBACKUP_STATUS_MEANING, vmbackupStatusName } from '../vmbackup';
import { attemptName, duration, guestFamily, recordsOf, signalEvidence, signals, steps, str, toolsRestart } from './common';

/**
 * QL101–QL105, the VmBackupStatus the guest's VMware Tools reported (formats.md §3.2): 1 invalid state
 * (QL102), 2 custom script failed (QL103), 3 file systems could not be frozen (QL104), 4 aborted by the host
 * (QL105), and 5, an error of the guest's own quiesce (QL101, a fallback: more specific rules usually name
 * the cause of a status 5, and QL101 speaks only when none did).
 */
export function guestStatusRules(input: DiagnosisInput): Finding[] {
	// VmBackupStatus is VMware Tools' own: a Hyper-V guest has none, and gets no VMware advice.
	if (input.hypervisor === 'hyper-v') return [];
	return [...invalidState(input), ...scripts(input), ...syncDriver(input), ...remoteAbort(input)];
}

/** Records of the guest reporting this status: its `req.error` event, or the host's Msg_Post / hostd note. */
const statusRecords = (input: DiagnosisInput, code: number): LogRecord[] =>
	input.records.filter((r) => (r.kind === 'vmbackup-event' && r.fields.event === 'req.error' && r.fields.code === code) || ((r.kind === 'msg-post' || r.kind === 'quiesce-note' || r.kind === 'task-completed') && r.fields.vmbackupStatus === code));

const statusLabel = (code: number) => `VmBackupStatus ${code}, ${vmbackupStatusName(code)}`;

/** Everything a finding about one reported status shares. */
function statusFinding(input: DiagnosisInput, code: number, a: Attempt | null, own: readonly LogRecord[], extra: readonly LogRecord[] = []) {
	// The guest's own words: the host quotes them as "The error message was: …", the guest log sends them with the event.
	const message = own.map((r) => str(r.fields.errorMessage) ?? (r.kind === 'vmbackup-event' ? str(r.fields.message) : null)).find((m) => m !== null) ?? a?.guestMessage ?? null;
	return {
		attemptId: a?.id ?? null,
		writers: [],
		hresult: a?.hresult ?? null,
		reported: `The guest reported ${statusLabel(code)}${message ? ` ("${message}")` : ''} in ${attemptName(a)}`,
		evidence: signalEvidence(input, a, own, extra),
	};
}

/** QL102: a quiesce request reached a guest whose backup state machine was still busy. */
function invalidState(input: DiagnosisInput): Finding[] {
	return signals(input, statusRecords(input, 1), (a) => a.vmbackupStatus === 1).map(({ attempt: a, records: own }) => {
		const { reported, ...rest } = statusFinding(input, 1, a, own);
		return {
			...rest,
			code: 'QL102',
			severity: 'error',
			title: 'The guest was still busy with an earlier quiesce',
			message: `${reported}: ${VMBACKUP_STATUS_MEANING[1]}. Two snapshot requests overlapped (two backup jobs on one VM, or a retry while the first quiesce was still running), or an earlier quiesce is stuck in the guest.`,
			kb: [KB.vmbackupStatus],
			fix: steps(
				'Make sure only one backup or snapshot job runs against this VM at a time.',
				`If no other job was running, reset the guest's VMware Tools: ${toolsRestart(input)}.`,
				'Retry the snapshot.',
			),
		};
	});
}

/** The `Running script: …` line a script's exit code belongs to: the last one before it in the same file. */
function scriptRun(input: DiagnosisInput, exit: LogRecord): LogRecord | undefined {
	return input.records.filter((r) => r.kind === 'vmbackup-script' && r.fields.action === 'run' && r.source.path === exit.source.path && r.source.line < exit.source.line).pop();
}

/** QL103: a custom quiesce script failed (status 2, or a script that exited non-zero). */
function scripts(input: DiagnosisInput): Finding[] {
	const exits = input.records.filter((r) => r.kind === 'vmbackup-script' && r.fields.action === 'exit' && typeof r.fields.exitCode === 'number' && r.fields.exitCode !== 0);
	return signals(input, [...statusRecords(input, 2), ...exits], (a) => a.vmbackupStatus === 2).map(({ attempt: a, records: own }) => {
		const exit = own.find((r) => r.kind === 'vmbackup-script');
		const run = exit ? scriptRun(input, exit) : a ? recordsOf(input, a).filter((r) => r.kind === 'vmbackup-script' && r.fields.action === 'run').pop() : undefined;
		const script = str(run?.fields.script);
		const phase = str(run?.fields.phase);
		const failed = a?.vmbackupStatus === 2 || a?.result === 'failed' || own.some((r) => r.kind !== 'vmbackup-script');
		const { reported, ...rest } = statusFinding(input, 2, a, own.filter((r) => r.kind !== 'vmbackup-script'), [...(run ? [run] : []), ...own.filter((r) => r.kind === 'vmbackup-script')]);
		const fault = faultInfo('vim.fault.ApplicationQuiesceFault')!;
		const windows = guestFamily(input) === 'windows';
		return {
			...rest,
			code: 'QL103',
			severity: failed ? 'error' : 'warning',
			title: `A custom quiesce script failed${script ? `: ${script}` : ''}`,
			message: `${exit ? `The custom quiesce script ${script ?? ''}${phase ? ` (run with '${phase}')` : ''} exited with code ${exit.fields.exitCode}` : reported}. VMware Tools runs the scripts in backupScripts.d (and the legacy pre-freeze/post-thaw scripts) around the freeze; a script that exits non-zero ${failed ? 'fails the quiesced snapshot' : 'is reported but did not fail this snapshot'}.`,
			kb: [KB.quiesceScripts, faultRef('vim.fault.ApplicationQuiesceFault', fault.url), KB.freezeUnderLoad],
			fix: steps(
				`Run the script by hand with the same argument, as the account VMware Tools uses, and check its exit code: ${script ? `\`"${script}" ${phase ?? 'freeze'}\`` : 'the script with `freeze`'} then ${windows ? '`echo %ERRORLEVEL%`' : '`echo $?`'}.`,
				'Fix it so it exits 0 on success and finishes quickly: it runs while the guest is being quiesced.',
				`If the script is no longer needed, move it out of ${windows ? '`C:\\Program Files\\VMware\\VMware Tools\\backupScripts.d`' : '`/etc/vmware-tools/backupScripts.d`'} (and remove a legacy ${windows ? '`C:\\Windows\\pre-freeze-script.bat`' : '`/usr/sbin/pre-freeze-script`'}), or set \`execScripts = false\` under \`[vmbackup]\` in tools.conf.`,
				'Retry the quiesced snapshot.',
			),
		};
	});
}

/** QL104: the guest could not freeze its file systems (status 3; on Linux the FIFREEZE of a mount failed). */
function syncDriver(input: DiagnosisInput): Finding[] {
	return signals(input, statusRecords(input, 3), (a) => a.vmbackupStatus === 3).map(({ attempt: a, records: own }) => {
		// The Tools warning that names the file system comes just before the error.
		const warnings = (a ? recordsOf(input, a) : input.records).filter((r) => r.kind === 'tools-warning' && r.fields.domain === 'vmbackup' && (!own[0] || r.source.path !== own[0].source.path || r.source.line <= own[0].source.line));
		const { reported, ...rest } = statusFinding(input, 3, a, own, warnings.slice(-2));
		const windows = guestFamily(input) === 'windows';
		return {
			...rest,
			code: 'QL104',
			severity: 'error',
			title: 'The guest could not freeze its file systems',
			message: `${reported}: ${VMBACKUP_STATUS_MEANING[3]}.${windows ? ' A Windows guest quiesces through VSS; the sync driver is only used when the VMware Tools VSS component is missing.' : ' A file system that cannot be frozen (a network, FUSE or bind mount), or one still frozen from an earlier attempt, makes the whole freeze fail.'}`,
			kb: [KB.syncProvider, KB.syncDriver],
			fix: windows
				? steps('Repair VMware Tools with its VSS component (Programs and Features → VMware Tools → Change → Repair), so quiescing uses VSS.', `Restart VMware Tools: ${toolsRestart(input)}.`, 'Retry the quiesced snapshot.')
				: steps(
					'Find the file system that failed: the VMware Tools log line just before the error names it (e.g. `fsfreeze: /srv/data: …`).',
					'Exclude file systems that cannot be frozen in `/etc/vmware-tools/tools.conf`: under `[vmbackup]` set `excludedFileSystems=/mnt/nfs*,/var/lib/docker/*` (comma-separated mount points, wildcards allowed).',
					'If a file system is still frozen from an earlier attempt, thaw it: `sudo fsfreeze -u <mountpoint>`.',
					`Update open-vm-tools, then restart it: ${toolsRestart(input)}.`,
					'Retry the quiesced snapshot.',
				),
		};
	});
}

/** QL105: the host aborted the quiesce; when a host timeout is in the bundle, QL106 explains it instead. */
function remoteAbort(input: DiagnosisInput): Finding[] {
	const timedOut = (a: Attempt) => recordsOf(input, a).some((r) => r.fields.reason === 'timeout');
	return signals(input, statusRecords(input, 4), (a) => a.vmbackupStatus === 4).filter((s) => !s.attempt || !timedOut(s.attempt)).map(({ attempt: a, records: own }) => {
		const { reported, ...rest } = statusFinding(input, 4, a, own);
		return {
			...rest,
			code: 'QL105',
			severity: 'error',
			title: 'The host aborted the quiesce',
			message: `${reported}: ${VMBACKUP_STATUS_MEANING[4]}. The guest was still quiescing when the host gave up.`,
			kb: [KB.vmbackupStatus],
			fix: steps(
				'Check the backup job log and the vCenter tasks for a cancel at that time.',
				'If nothing cancelled it, the guest took too long: look at the writers (`vssadmin list writers`) and custom scripts that run during the freeze, and reduce load in the guest during the backup window.',
				'Retry the quiesced snapshot.',
			),
		};
	});
}

/** The quiesce window of an attempt when it reached the Tools timeout (the attempt builder measures it). */
const quiesceWindow = (a: Attempt) => a.windows.find((w) => w.exceeded && /quiesce/i.test(w.name));

/** QL101 (fallback): the guest's quiesce failed with its own error (status 5) and no other rule named the cause. */
export function guestErrorFallback(input: DiagnosisInput, found: readonly Finding[]): Finding[] {
	if (input.hypervisor === 'hyper-v') return [];
	const explained = new Set(found.filter((f) => f.severity === 'error' && f.attemptId !== null).map((f) => f.attemptId));
	const bundleHresults = new Set(found.filter((f) => f.severity === 'error' && f.attemptId === null).map((f) => f.hresult));
	return signals(input, statusRecords(input, 5), (a) => a.vmbackupStatus === 5)
		.filter(({ attempt: a, records: own }) => (a ? !explained.has(a.id) : !bundleHresults.has(str(own[0].fields.hresult))))
		.map(({ attempt: a, records: own }) => {
			const { reported, ...rest } = statusFinding(input, 5, a, own);
			const hr = a?.hresult ?? str(own.find((r) => r.fields.hresult)?.fields.hresult);
			const op = a?.guestOperation ?? str(own.find((r) => r.fields.op)?.fields.op);
			const info = hr ? HRESULTS[hr] : undefined;
			const window = a ? quiesceWindow(a) : undefined;
			const slow = window ? ` The guest worked on it for ${duration(window.measuredMs)}, as long as the VMware Tools quiesce timeout (${duration(window.limitMs)}).` : '';
			const windows = guestFamily(input) === 'windows';
			return {
				...rest,
				hresult: hr,
				code: 'QL101',
				severity: 'error',
				title: `The guest's quiesce failed${op ? ` in ${op}` : ''}${hr ? ` with ${info?.name ?? hr}` : ''}`,
				message: `${reported}: ${VMBACKUP_STATUS_MEANING[5]}${op ? `. The operation '${op}' failed` : ''}${hr ? ` with ${hresultLabel(hr)}${info ? `: ${info.meaning}` : ''}` : ''}.${slow} The bundle holds no writer, provider or VSS event that explains it further.`,
				kb: [KB.vmbackupStatus, ...(windows ? [KB.writerVetoes] : []), ...(hr === '0x80042301' ? [KB.ioHoldOff] : [])],
				fix: steps(
					info?.advice,
					windows && 'Collect the guest\'s Application and System event logs for that time (VSS 8193, 8229, 12289, 12293) and `vssadmin list writers`, `vssadmin list providers`: they name the writer or provider that failed.',
					hr === '0x80042301' && 'VMware KB 1018194 describes this VssSyncStart error when the snapshot exceeds the time the guest may hold I/O frozen: reduce I/O during the backup window and update VMware Tools.',
					'Retry the quiesced snapshot.',
				),
			};
		});
}
