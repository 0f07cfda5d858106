import type { Evidence, Finding, KbRef, Writer, WriterListing } from '../model/report';
import { HRESULTS } from './hresults';
import { KB } from './kb';
import { writerState } from './writerStates';

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

/** Advice per last-error HRESULT, from Microsoft's "Writer Errors and Vetoes". */
const HRESULT_ADVICE: Readonly<Record<string, string>> = {
	'0x800423F3': 'The error is transient: retry the backup first; restart the service only if it keeps failing.',
	'0x800423F4': 'The error is not transient: look in the Application event log for the writer\'s own errors at that time and fix them before retrying.',
	'0x800423F2': 'Reduce I/O and load in the guest during the backup window (move other jobs, defragmentation, antivirus scans), then retry.',
	'0x800423F1': 'Reduce load in the guest (memory, handles, I/O) before retrying.',
	'0x800423F0': 'Include every volume that holds the application\'s data in the snapshot (for example a database spread over several volumes).',
	'0x80042319': 'The writer hung: restart its service.',
};

/** Findings for one writer listing and its writers. Codes: QL2xx writers, QL3xx listings. */
export function diagnoseWriters(listings: readonly WriterListing[], writers: readonly Writer[]): Finding[] {
	const findings: Finding[] = [];
	for (const listing of listings) {
		if (listing.status === 'error') findings.push(listingError(listing));
		if (listing.status === 'empty') findings.push(listingEmpty(listing));
	}
	for (const w of writers) {
		const f = writerFinding(w);
		if (f) findings.push(f);
	}
	return findings;
}

/** Evidence is quoted from what the reader kept, so no file has to stay in memory for it. */
const ev = (path: string, line: number, text: string): Evidence => ({ path, line, text });

function writerFinding(w: Writer): Finding | null {
	if (w.stateCode === null) return null;
	const info = writerState(w.stateCode);
	if (!info) return null;
	const evidence = [
		...(w.stateSource && w.stateLine ? [ev(w.stateSource.path, w.stateSource.line, w.stateLine)] : []),
		ev(w.source.path, w.source.line, w.nameLine),
	];
	const hr = w.lastErrorHresult;
	const hrText = hr ? ` with ${HRESULTS[hr]?.name ?? hr} (${hr})` : '';
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
			fix: resetSteps(w, hr ? HRESULT_ADVICE[hr] : undefined),
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
			fix: resetSteps(w),
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
			fix: resetSteps(w),
		};
	}
	return null;
}

/** The reset procedure for a writer, with its service's exact name where known. */
function resetSteps(w: Writer, advice?: string): string {
	const restart = w.service
		? `Restart the service that hosts the writer: \`Restart-Service -Name ${w.service} -Force\` (or \`net stop ${w.service}\` then \`net start ${w.service}\`).`
		: `Restart the application or service that hosts '${w.name}' (see Microsoft's list of in-box writers and their services); reboot the guest if none can be identified.`;
	const steps = [
		...(advice ? [advice] : []),
		restart,
		`Run \`vssadmin list writers\` again and check that '${w.name}' shows [1].`,
		'Retry the backup (or quiesced snapshot).',
	];
	return steps.map((s, i) => `${i + 1}. ${s}`).join('\n');
}

function listingError(listing: WriterListing): Finding {
	return {
		code: 'QL301',
		severity: 'error',
		title: 'vssadmin could not list the VSS writers',
		message: `vssadmin printed an error instead of the writer list, so VSS cannot reach its writers and no application-consistent backup is possible until this is fixed. It said: "${listing.errorText}"`,
		attemptId: null, writers: [], hresult: null,
		kb: [KB.writerVetoes],
		fix: [
			'Run `vssadmin list writers` again from an elevated (Administrator) prompt.',
			'Check the Application event log for VSS errors at that time (event ids 8193, 22, 12292, 12302) and follow their cause.',
			'Make sure the Volume Shadow Copy (VSS) and COM+ Event System (EventSystem) services can start: `Start-Service -Name EventSystem, VSS`.',
		].map((s, i) => `${i + 1}. ${s}`).join('\n'),
		evidence: [ev(listing.path, listing.errorLine ?? 1, listing.errorFirstLine ?? '')],
	};
}

function listingEmpty(listing: WriterListing): Finding {
	return {
		code: 'QL302',
		severity: 'warning',
		title: 'vssadmin listed no VSS writers',
		message: 'The listing has no writers at all. Every Windows system has in-box writers (System Writer, Registry Writer …), so they failed to register: backups can only be crash-consistent.',
		attemptId: null, writers: [], hresult: null,
		kb: [KB.writersMissing],
		fix: [
			'Restart the Volume Shadow Copy service: `Restart-Service -Name VSS -Force`, then run `vssadmin list writers` again.',
			'If writers are still missing, check the Application event log for VSS and COM+ errors and repair the VSS/COM+ registration as the KB describes.',
		].map((s, i) => `${i + 1}. ${s}`).join('\n'),
		evidence: [ev(listing.path, 1, listing.headerLine ?? '')],
	};
}
