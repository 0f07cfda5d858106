/**
 * The VMware Tools vmbackup plugin's numbers (open-vm-tools `lib/include/vmware/guestrpc/vmbackup.h`,
 * `services/plugins/vmbackup/stateMachine.c`; formats.md §6.2) and the `IDispatch error #N` decoding
 * the Windows requester prints for VSS HRESULTs.
 */

/** `VmBackupStatus`: the code the guest sends with every `vmbackup.eventSet` event, by value. */
const VMBACKUP_STATUS: readonly string[] = ['VMBACKUP_SUCCESS', 'VMBACKUP_INVALID_STATE', 'VMBACKUP_SCRIPT_ERROR', 'VMBACKUP_SYNC_ERROR', 'VMBACKUP_REMOTE_ABORT', 'VMBACKUP_UNEXPECTED_ERROR'];

/** Name of a VmBackupStatus code (`5` → `VMBACKUP_UNEXPECTED_ERROR`), or null when Tools defines none. */
export function vmbackupStatusName(code: number): string | null {
	return VMBACKUP_STATUS[code] ?? null;
}

/** Where the status codes and what the guest means by each are defined. */
export const VMBACKUP_STATUS_SOURCE = 'https://github.com/vmware/open-vm-tools/blob/master/open-vm-tools/lib/include/vmware/guestrpc/vmbackup.h';

/**
 * What each failure status means for a quiesce, from the places stateMachine.c, scriptOps.c and
 * syncDriverOps.c send it (formats.md §3.2): keyed by code.
 */
export const VMBACKUP_STATUS_MEANING: Readonly<Record<number, string>> = {
	1: 'the guest received a quiesce request while its backup state machine was not idle (a previous quiesce had not finished)',
	2: 'a custom quiesce script (backupScripts.d, pre-freeze-script / post-thaw-script) failed',
	3: 'the guest could not freeze its file systems (the sync driver / file-system freeze failed)',
	4: 'the host aborted the quiesce (it timed out or the snapshot task was cancelled)',
	5: "the guest's quiesce operation failed with an error it reports (on Windows, a VSS error)",
};

/**
 * The generic quiesce manifest the guest sends after a freeze (`vmbackup.h`: VMBACKUP_EVENT_GENERIC_MANIFEST is
 * `req.genericManifest`). Hosts before vSphere 6.7 do not know the event, and Tools warns on every quiesce
 * (`Failed to send vmbackup event: vmbackup.eventSet req.genericManifest 0 …, result: Error processing event.`,
 * `Error trying to send VMBACKUP_EVENT_GENERIC_MANIFEST`): "purely a logging issue", the quiesced snapshot
 * still works (open-vm-tools 10.3.5 release notes); syncManifest.c sends it with VmBackup_SendEventNoAbort and
 * goes on ("Non-fatal error occurred while sending").
 */
const GENERIC_MANIFEST = /\breq\.genericManifest\b|\bVMBACKUP_EVENT_GENERIC_MANIFEST\b/;

/** True when a Tools message is about sending the generic manifest event, a step whose failure is no quiesce failure. */
export const namesGenericManifest = (text: string): boolean => GENERIC_MANIFEST.test(text);

/** The vmbackup state machine's states as `VmBackupGetStateName` prints them in errors. */
export const VMBACKUP_STATES = ['IDLE', 'SCRIPT_FREEZE', 'SYNC_FREEZE_WAIT', 'SYNC_FREEZE', 'SYNC_THAW', 'SCRIPT_THAW', 'COMPLETE_WAIT', 'SCRIPT_ERROR', 'SYNC_ERROR'] as const;

/** One state of the vmbackup state machine. */
export type VmbackupState = (typeof VMBACKUP_STATES)[number];

// `_com_error::ErrorMessage()` prints an HRESULT it has no text for as `IDispatch error #N` when the
// facility is FACILITY_ITF (4) and the code is at least 0x200: N = (hr & 0xFFFF) - 0x200. VSS errors
// (0x8004_23xx) are all of that kind, so `#8690` is 0x800423F2.
const ITF_ERROR_BASE = 0x80040000;
const IDISPATCH_OFFSET = 0x200;

/** HRESULT (`0x800423F2`) behind `IDispatch error #N` (8690), or null when N is out of range. */
export function hresultFromIDispatchError(n: number): string | null {
	if (!Number.isInteger(n) || n < 0 || n > 0xffff - IDISPATCH_OFFSET) return null;
	return `0x${(ITF_ERROR_BASE + n + IDISPATCH_OFFSET).toString(16).toUpperCase()}`;
}

/** The `IDispatch error #N` number `_com_error` prints for an HRESULT (`0x800423F2` → 8690), or null when it prints none. */
export function idispatchErrorFromHresult(hresult: string): number | null {
	const m = /^0x([0-9a-f]{8})$/i.exec(hresult);
	if (!m) return null;
	const hr = parseInt(m[1], 16);
	const code = hr & 0xffff;
	// Severity bit set, facility ITF: the only HRESULTs _com_error turns into `IDispatch error #N`.
	if ((hr & 0xffff0000) >>> 0 !== ITF_ERROR_BASE || code < IDISPATCH_OFFSET) return null;
	return code - IDISPATCH_OFFSET;
}
