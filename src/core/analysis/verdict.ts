import { KNOWN_PROVIDERS, guidKey, MICROSOFT_PROVIDER_ID } from '../knowledge/providers';
import { PROVIDER_HRESULTS, SHADOW_STORAGE_CREATE_EVENTS, SHADOW_STORAGE_EVENTS, SHADOW_STORAGE_HRESULTS, phaseOfCall, phaseOfHresult, phaseOfWriterState } from '../knowledge/vssPhases';
import { requesterName } from '../knowledge/productCodes';
import { phaseOfGuestStep } from '../knowledge/veeam';
import { kindStatesFailure } from '../formats';
import type { LogRecord } from '../model/records';
import type { Attempt, AttemptResult, FailedComponent, VssPhase, Writer } from '../model/report';

/**
 * Where a failed attempt failed: the VSS (or Tools quiesce) phase and the component, read from its records
 * by structure only: event ids, provider GUIDs, the execution context VSS prints in English on every
 * system, writer state numbers, HRESULTs, VmBackupStatus codes and the API names in an event's text. The
 * first failure line (in time order) that names a component decides it; the phase is that line's, else the
 * first phase any failure line names.
 */

/** What one failure line says about where the attempt failed; null parts when it does not say. */
interface Reading {
	phase: VssPhase | null;
	component: FailedComponent | null;
}

/** The verdict of an attempt: null and null for one that did not fail. */
export function failurePoint(own: readonly LogRecord[], result: AttemptResult, requester: string | null): Reading {
	if (result !== 'failed') return { phase: null, component: null };
	let phase: VssPhase | null = null;
	let component: FailedComponent | null = null;
	// The requester reporting its own failure is the last resort: its error lines come first and follow from
	// the cause (a fatal "snapshot failed", a later API call refused in the wrong state), and a line of the same
	// try that names a writer, provider, storage or the host says more.
	let reporter: Reading | null = null;
	for (const r of own) {
		if (!kindStatesFailure(r) && !(r.kind === 'vmbackup-event' && r.fields.code > 0)) continue;
		const read = readFailure(r, requester);
		if (read.component?.type === 'requester') {
			reporter ??= read;
			continue;
		}
		if (component === null && read.component !== null) {
			component = read.component;
			phase = read.phase ?? phase;
		}
		phase ??= read.phase;
	}
	return { phase: phase ?? reporter?.phase ?? null, component: component ?? reporter?.component ?? null };
}

/**
 * A paste's untimed attempt (a product's error text) that names no writer and no phase takes its failure
 * point from the `vssadmin list writers` output pasted with it: the one failed writer of that same file,
 * its `[n]` state naming the phase. Not when the listing has several failed writers (which one failed the
 * try is not known), or the writer's last error is another HRESULT than the attempt's.
 */
export function withPastedListing(a: Attempt, writers: readonly Writer[]): Attempt {
	if (a.result !== 'failed' || a.failedPhase !== null || (a.failedComponent !== null && a.failedComponent.type !== 'requester')) return a;
	const path = a.events[0]?.source;
	if (path === undefined || a.events.some((e) => e.time !== null || e.source !== path)) return a;
	const failed = writers.filter((w) => w.failed && w.source.path === path);
	if (failed.length !== 1) return a;
	const [w] = failed;
	const phase = phaseOfWriterState(w.stateCode);
	if (phase === null || (a.hresult !== null && w.lastErrorHresult !== null && w.lastErrorHresult !== a.hresult)) return a;
	return { ...a, failedPhase: phase, failedComponent: { type: 'writer', name: w.name } };
}

const VSS_PROVIDER = 'vss';
const VOLSNAP = 'volsnap';
/** The Execution Context value of an event a provider logged; `System Provider` is Windows' own (swprv). */
const PROVIDER_CONTEXT = /provider/i;

/** What one failure line names (see the module comment). */
function readFailure(r: LogRecord, requester: string | null): Reading {
	const hresult = 'hresult' in r.fields && typeof r.fields.hresult === 'string' ? r.fields.hresult : null;
	switch (r.kind) {
		case 'windows-event': {
			const f = r.fields;
			const provider = f.provider.toLowerCase();
			const called = phaseOfCall([f.operation, f.data, f.message].filter(Boolean).join('\n'));
			const phase = phaseOfHresult(hresult) ?? called;
			if (provider === VOLSNAP && f.eventId !== null && SHADOW_STORAGE_EVENTS.has(f.eventId)) return { phase: 'post-snapshot', component: { type: 'shadow-storage', name: volumeIn(f.message ?? f.data) } };
			if (provider === VOLSNAP && f.eventId !== null && SHADOW_STORAGE_CREATE_EVENTS.has(f.eventId)) return { phase: 'commit', component: { type: 'shadow-storage', name: volumeIn(f.message ?? f.data) } };
			if (hresult !== null && SHADOW_STORAGE_HRESULTS.has(hresult)) return { phase, component: { type: 'shadow-storage', name: null } };
			if (f.writerName) return { phase, component: { type: 'writer', name: f.writerName } };
			if (provider === VSS_PROVIDER && (f.eventId === 12293 || (f.executionContext !== null && PROVIDER_CONTEXT.test(f.executionContext)) || (hresult !== null && PROVIDER_HRESULTS.has(hresult)))) {
				// A provider's own event names it by its context's id and name (a hardware provider's 12289).
				const id = f.eventId === 12293 && f.guid ? f.guid : (f.providerId ?? (f.executionContext === 'System Provider' ? MICROSOFT_PROVIDER_ID : null));
				return { phase, component: { type: 'provider', name: id === null ? f.providerName : (KNOWN_PROVIDERS[guidKey(id)]?.name ?? f.providerName ?? id) } };
			}
			return { phase, component: null };
		}
		case 'product-error': {
			const f = r.fields;
			const phase = phaseOfHresult(hresult) ?? phaseOfWriterState(f.writerState) ?? phaseOfGuestStep(f.guestStep) ?? phaseOfCall([f.operation, f.message].filter(Boolean).join('\n'));
			if (hresult !== null && SHADOW_STORAGE_HRESULTS.has(hresult)) return { phase, component: { type: 'shadow-storage', name: f.volume } };
			if (f.writerName) return { phase, component: { type: 'writer', name: f.writerName } };
			if (hresult !== null && PROVIDER_HRESULTS.has(hresult)) return { phase, component: { type: 'provider', name: null } };
			return { phase, component: { type: 'requester', name: requesterName(f.product) } };
		}
		case 'product-job':
			return { phase: null, component: { type: 'requester', name: requesterName(r.fields.product) } };
		case 'vmbackup-script':
			return { phase: r.fields.phase === 'thaw' ? 'thaw' : 'freeze', component: { type: 'guest-tools', name: r.fields.script } };
		case 'vmbackup-event':
		case 'msg-post':
		case 'quiesce-note':
		case 'task-completed':
			return guestStatus(r, hresult, requester);
		case 'sync-driver':
			// The mount the Linux sync driver could not freeze (or thaw).
			return { phase: r.fields.call === 'thaw' ? 'thaw' : 'freeze', component: { type: 'guest-tools', name: r.fields.path } };
		case 'tools-warning': {
			// `Error freezing filesystems.` and its kin name the state the machine was in.
			const f = r.fields;
			return {
				phase: f.state === 'SYNC_FREEZE' || f.state === 'SYNC_FREEZE_WAIT' || f.state === 'SCRIPT_FREEZE' ? 'freeze' : f.state === 'SYNC_THAW' || f.state === 'SCRIPT_THAW' ? 'thaw' : null,
				component: f.domain === 'vmbackup' ? { type: 'guest-tools', name: null } : null,
			};
		}
		default:
			return { phase: phaseOfHresult(hresult), component: null };
	}
}

/** VmBackupStatus numbers (knowledge/vmbackup.ts): 2 a script, 3 the sync driver, 4 the host's abort. */
const SCRIPT_ERROR = 2,
	SYNC_ERROR = 3,
	REMOTE_ABORT = 4;

/** What the guest's status report (as the guest or the host logged it) says. */
function guestStatus(r: LogRecord, hresult: string | null, requester: string | null): Reading {
	const f = r.fields;
	const status = 'vmbackupStatus' in f && typeof f.vmbackupStatus === 'number' ? f.vmbackupStatus : 'code' in f && typeof f.code === 'number' ? f.code : null;
	const reason = 'reason' in f && typeof f.reason === 'string' ? f.reason : null;
	if (status === SCRIPT_ERROR) return { phase: 'freeze', component: { type: 'guest-tools', name: null } };
	if (status === SYNC_ERROR) return { phase: 'freeze', component: { type: 'guest-tools', name: null } };
	if (status === REMOTE_ABORT) return { phase: null, component: { type: 'host', name: null } };
	const phase = phaseOfHresult(hresult) ?? phaseOfCall('op' in f && typeof f.op === 'string' ? f.op : null);
	if (hresult !== null && SHADOW_STORAGE_HRESULTS.has(hresult)) return { phase, component: { type: 'shadow-storage', name: null } };
	if (hresult !== null && PROVIDER_HRESULTS.has(hresult)) return { phase, component: { type: 'provider', name: null } };
	// The host's own limit on holding I/O ended the snapshot: the flush-and-hold ran over.
	if (reason === 'io-holdoff-exceeded') return { phase: 'commit', component: { type: 'host', name: null } };
	if (reason === 'tools-not-available' || reason === 'not-privileged' || reason === 'already-in-progress') return { phase: null, component: { type: 'guest-tools', name: null } };
	return { phase, component: hresult !== null || status !== null ? { type: 'requester', name: requester } : null };
}

/** A drive letter the text names (`C:`), or null. */
function volumeIn(text: string | null): string | null {
	return text ? (/(?<![\w\\])([A-Za-z]:)(?![\w])/.exec(text)?.[1] ?? null) : null;
}
