import { PRODUCT_CODES } from './productCodes';
/**
 * HRESULTs a quiesce failure reports, with their public source: the whole VSS family of vsserror.h
 * (formats.md §7.3; names and messages checked against the Windows SDK header), the COM and Win32 codes
 * VSS events carry (winerror.h), and the Windows Server Backup codes its events print in decimal.
 */
export interface HresultInfo {
	/** Symbolic name from the header (`VSS_E_WRITERERROR_TIMEOUT`). */
	name: string;
	/** What it means, in one line. */
	meaning: string;
	/** What to do about it, when the meaning alone does not say. */
	advice?: string;
	/** Where the code and its meaning come from. */
	source: string;
}

const VSSERROR_H = 'vsserror.h (Windows SDK)';
const WINERROR_H = 'winerror.h (Windows SDK)';

/** What to do when a backup server cannot talk to its agent (DCOM/RPC control path, TCP data path). */
const AGENT_LINK =
	"The backup server lost its connection to the agent on the protected machine: check that the agent's service runs there, that the network path and firewall allow RPC (TCP 135 and the dynamic RPC ports) and the product's data ports, and whether the network is saturated during the backup window (throttle the product's data transfer, stagger the jobs; DPM: KB 971411's agent time-outs). Then rerun the job.";

const vss = (name: string, meaning: string, advice?: string): HresultInfo => ({ name, meaning, source: VSSERROR_H, ...(advice ? { advice } : {}) });
const win = (name: string, meaning: string, advice?: string): HresultInfo => ({ name, meaning, source: WINERROR_H, ...(advice ? { advice } : {}) });

// Declared with its literal keys, so other locales' tables (messages/jaTables.ts) can be held to every code.
const HRESULT_TABLE = {
	'0x80042301': vss(
		'VSS_E_BAD_STATE',
		'a VSS call was made in the wrong state or sequence',
		'Usually another VSS operation was still running or the freeze outlasted the time VSS allows: make sure no other backup or shadow copy runs at the same time (`vssadmin list shadows`, `vssadmin list writers`), then restart the Volume Shadow Copy service (`Restart-Service -Name VSS`) and retry.',
	),
	'0x80042302': vss('VSS_E_UNEXPECTED', 'a VSS component hit an unexpected error (see the Application log)', 'Look in the Application event log at that time for the VSS error that names the routine (events 8193, 22, 12289, 12292) and fix that cause.'),
	'0x80042303': vss('VSS_E_PROVIDER_ALREADY_REGISTERED', 'the provider is registered twice'),
	'0x80042304': vss('VSS_E_PROVIDER_NOT_REGISTERED', 'the provider is not registered'),
	'0x80042306': vss('VSS_E_PROVIDER_VETO', 'the shadow copy provider had an error'),
	'0x80042307': vss('VSS_E_PROVIDER_IN_USE', 'the provider is in use and cannot be unregistered'),
	'0x80042308': vss('VSS_E_OBJECT_NOT_FOUND', 'the object was not found'),
	'0x00042309': vss('VSS_S_ASYNC_PENDING', 'the asynchronous operation is pending (success code)'),
	'0x0004230A': vss('VSS_S_ASYNC_FINISHED', 'the asynchronous operation has completed (success code)'),
	'0x0004230B': vss('VSS_S_ASYNC_CANCELLED', 'the asynchronous operation was cancelled'),
	'0x8004230C': vss('VSS_E_VOLUME_NOT_SUPPORTED', 'shadow copying this volume is not supported', 'Exclude the volume from the backup or move the data to an NTFS or ReFS volume that VSS supports.'),
	'0x8004230D': vss('VSS_E_OBJECT_ALREADY_EXISTS', 'the object already exists'),
	'0x8004230E': vss('VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER', 'the provider does not support shadow copying this volume'),
	'0x8004230F': vss('VSS_E_UNEXPECTED_PROVIDER_ERROR', 'the provider hit an unexpected error'),
	'0x80042310': vss('VSS_E_CORRUPT_XML_DOCUMENT', 'an XML document is malformed (deprecated code)'),
	'0x80042311': vss('VSS_E_INVALID_XML_DOCUMENT', 'an XML document is malformed or does not match the schema'),
	'0x80042312': vss('VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED', 'the maximum number of volumes for the operation was reached'),
	'0x80042313': vss('VSS_E_FLUSH_WRITES_TIMEOUT', 'the provider timed out flushing writes (heavy I/O on the volume)'),
	'0x80042314': vss('VSS_E_HOLD_WRITES_TIMEOUT', 'the provider timed out holding writes (heavy I/O on the volume)'),
	'0x80042315': vss('VSS_E_UNEXPECTED_WRITER_ERROR', 'VSS could not send events to the writers', 'Check that the COM+ Event System and Volume Shadow Copy services run (`Get-Service EventSystem, VSS`) and look for VSS errors 8193/22 in the Application log.'),
	'0x80042316': vss('VSS_E_SNAPSHOT_SET_IN_PROGRESS', 'another shadow copy creation is already in progress', 'Another backup, System Restore or a second backup product was taking a shadow copy at the same time: schedule them apart and retry.'),
	'0x80042317': vss('VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED', 'the volume already has the maximum number of shadow copies', 'Delete old shadow copies of the volume (`vssadmin delete shadows /for=C: /oldest`) and retry.'),
	'0x80042318': vss('VSS_E_WRITER_INFRASTRUCTURE', 'VSS could not contact the writers (COM+ Event System / VSS services)'),
	'0x80042319': vss('VSS_E_WRITER_NOT_RESPONDING', 'a writer did not respond to GatherWriterStatus', 'The writer hung: restart its service.'),
	'0x8004231A': vss('VSS_E_WRITER_ALREADY_SUBSCRIBED', 'the writer has already subscribed'),
	'0x8004231B': vss('VSS_E_UNSUPPORTED_CONTEXT', 'the provider does not support the requested shadow copy type'),
	'0x8004231D': vss('VSS_E_VOLUME_IN_USE', 'the shadow copy storage association is in use and cannot be deleted'),
	'0x8004231E': vss('VSS_E_MAXIMUM_DIFFAREA_ASSOCIATIONS_REACHED', 'the maximum number of shadow copy storage associations is reached'),
	'0x8004231F': vss('VSS_E_INSUFFICIENT_STORAGE', 'not enough space for the shadow copy storage (diff area)', 'Free space on the volume that holds the shadow copy storage, or give it more room (`vssadmin resize shadowstorage /for=C: /on=C: /maxsize=10%`).'),
	'0x80042320': vss('VSS_E_NO_SNAPSHOTS_IMPORTED', 'no shadow copies were imported'),
	'0x00042321': vss('VSS_S_SOME_SNAPSHOTS_NOT_IMPORTED', 'some shadow copies were not imported (success code)'),
	'0x80042321': vss('VSS_E_SOME_SNAPSHOTS_NOT_IMPORTED', 'some shadow copies were not imported'),
	'0x80042322': vss('VSS_E_MAXIMUM_NUMBER_OF_REMOTE_MACHINES_REACHED', 'the maximum number of remote machines is reached'),
	'0x80042323': vss('VSS_E_REMOTE_SERVER_UNAVAILABLE', 'the remote server is unavailable'),
	'0x80042324': vss('VSS_E_REMOTE_SERVER_UNSUPPORTED', 'the remote server does not support remote shadow copies'),
	'0x80042325': vss('VSS_E_REVERT_IN_PROGRESS', 'a revert is in progress for the volume'),
	'0x80042326': vss('VSS_E_REVERT_VOLUME_LOST', 'the volume was lost during a revert'),
	'0x80042327': vss('VSS_E_REBOOT_REQUIRED', 'a reboot is required to complete the operation', 'Restart the guest, then retry.'),
	'0x80042328': vss('VSS_E_TRANSACTION_FREEZE_TIMEOUT', 'a timeout occurred while freezing a transaction manager (KTM)'),
	'0x80042329': vss('VSS_E_TRANSACTION_THAW_TIMEOUT', 'too much time passed between freezing and thawing a transaction manager (KTM)'),
	'0x8004232A': vss('VSS_E_UNSELECTED_VOLUME', 'the operation would overwrite a volume that is not selected'),
	'0x8004232B': vss('VSS_E_SNAPSHOT_NOT_IN_SET', 'the shadow copy id is not in the backup components document'),
	'0x8004232C': vss('VSS_E_NESTED_VOLUME_LIMIT', 'the volume is nested too deeply (a VHD inside a VHD)'),
	'0x8004232D': vss('VSS_E_VOLUME_NOT_LOCAL', 'the volume is not mounted on the local host'),
	'0x8004232E': vss('VSS_E_CLUSTER_TIMEOUT', 'a timeout occurred preparing a cluster shared volume'),
	'0x8004232F': vss('VSS_E_NOT_SUPPORTED', 'the operation is not supported'),
	'0x80042336': vss('VSS_E_WRITERERROR_PARTIAL_FAILURE', 'some components of the writer failed'),
	'0x800423F0': vss('VSS_E_WRITERERROR_INCONSISTENTSNAPSHOT', 'the shadow copy set lacks a volume the writer needs', "Include every volume that holds the application's data in the snapshot (for example a database spread over several volumes)."),
	'0x800423F1': vss('VSS_E_WRITERERROR_OUTOFRESOURCES', 'the writer ran out of resources', 'Reduce load in the guest (memory, handles, I/O) before retrying.'),
	'0x800423F2': vss('VSS_E_WRITERERROR_TIMEOUT', "the writer's freeze–thaw window expired", 'Reduce I/O and load in the guest during the backup window (move other jobs, defragmentation, antivirus scans), then retry.'),
	'0x800423F3': vss('VSS_E_WRITERERROR_RETRYABLE', 'a transient writer error; a retry may succeed', 'The error is transient: retry the backup first; restart the service only if it keeps failing.'),
	'0x800423F4': vss('VSS_E_WRITERERROR_NONRETRYABLE', 'a non-transient writer error; the writer must be fixed', "The error is not transient: look in the Application event log for the writer's own errors at that time and fix them before retrying."),
	'0x800423F5': vss('VSS_E_WRITERERROR_RECOVERY_FAILED', 'the writer failed to recover the shadow copy volume'),
	'0x800423F6': vss('VSS_E_BREAK_REVERT_ID_FAILED', 'disk identities could not be reverted when breaking the shadow copy set'),
	'0x800423F7': vss('VSS_E_LEGACY_PROVIDER', 'this hardware provider version does not support the operation'),
	'0x800423F8': vss('VSS_E_MISSING_DISK', 'an expected disk did not arrive'),
	'0x800423F9': vss('VSS_E_MISSING_HIDDEN_VOLUME', 'an expected hidden volume did not arrive'),
	'0x800423FA': vss('VSS_E_MISSING_VOLUME', 'an expected volume did not arrive'),
	'0x800423FB': vss(
		'VSS_E_AUTORECOVERY_FAILED',
		'auto-recovery of the shadow copy failed',
		"On a Hyper-V host a failed earlier backup can leave the VM's AutoRecovery.avhdx behind, and every later backup's auto-recovery (or checkpoint, 0x80070050 'The file exists') fails on it: delete or rename that file in the VM's folder (KB 3175561), then retry.",
	),
	'0x800423FC': vss('VSS_E_DYNAMIC_DISK_ERROR', 'an error occurred processing the dynamic disks involved'),
	'0x800423FD': vss('VSS_E_NONTRANSPORTABLE_BCD', 'the backup components document is for a non-transportable shadow copy'),
	'0x800423FE': vss('VSS_E_CANNOT_REVERT_DISKID', 'the MBR signature or GPT id of a disk could not be set'),
	'0x800423FF': vss('VSS_E_RESYNC_IN_PROGRESS', 'another LUN resynchronization is in progress'),
	'0x80042400': vss('VSS_E_CLUSTER_ERROR', 'clustered disks could not be enumerated or put into maintenance mode'),
	'0x80042401': vss('VSS_E_ASRERROR_DISK_ASSIGNMENT_FAILED', 'ASR restore: too few or too small disks'),
	'0x80042402': vss('VSS_E_ASRERROR_DISK_RECREATION_FAILED', 'ASR restore: a disk could not be created'),
	'0x80042403': vss('VSS_E_ASRERROR_NO_ARCPATH', 'ASR restore: a restart is needed to prepare a disk'),
	'0x80042404': vss('VSS_E_ASRERROR_MISSING_DYNDISK', 'a disk of a dynamic volume is missing'),
	'0x80042405': vss('VSS_E_ASRERROR_SHARED_CRIDISK', 'a critical volume is on a cluster shared disk'),
	'0x80042406': vss('VSS_E_ASRERROR_DATADISK_RDISK0', 'ASR restore: a data disk is set active in BIOS'),
	'0x80042407': vss('VSS_E_ASRERROR_RDISK0_TOOSMALL', 'ASR restore: the active disk is too small'),
	'0x80042408': vss('VSS_E_ASRERROR_CRITICAL_DISKS_TOO_SMALL', 'ASR restore: not enough suitable disks'),
	'0x80042409': vss('VSS_E_WRITER_STATUS_NOT_AVAILABLE', 'writer status is not available (a writer ran out of backup session states)'),
	'0x8004240A': vss('VSS_E_ASRERROR_DYNAMIC_VHD_NOT_SUPPORTED', 'a critical dynamic disk is a VHD'),
	'0x80042411': vss('VSS_E_CRITICAL_VOLUME_ON_INVALID_DISK', 'a critical volume is on a disk ASR cannot back up'),
	'0x80042412': vss('VSS_E_ASRERROR_RDISK_FOR_SYSTEM_DISK_NOT_FOUND', 'ASR restore: no disk can take the system disk'),
	'0x80042413': vss('VSS_E_ASRERROR_NO_PHYSICAL_DISK_AVAILABLE', 'ASR restore: no fixed disk is available'),
	'0x80042414': vss('VSS_E_ASRERROR_FIXED_PHYSICAL_DISK_AVAILABLE_AFTER_DISK_EXCLUSION', 'ASR restore: every usable disk is excluded'),
	'0x80042415': vss('VSS_E_ASRERROR_CRITICAL_DISK_CANNOT_BE_EXCLUDED', 'ASR restore: a critical disk is excluded'),
	'0x80042416': vss('VSS_E_ASRERROR_SYSTEM_PARTITION_HIDDEN', 'the system partition is hidden or has an unknown file system'),
	'0x80042417': vss('VSS_E_FSS_TIMEOUT', 'a timeout occurred preparing a file share shadow copy'),
	// COM and Win32 codes the VSS events carry (formats.md §7.1–7.2).
	'0x80040154': win('REGDB_E_CLASSNOTREG', 'a COM class is not registered'),
	'0x800401FB': win('CO_E_OBJNOTREG', 'a COM object is not registered'),
	'0x800401FD': win('CO_E_OBJNOTCONNECTED', 'a COM object is not connected to its server'),
	'0x80080005': win('CO_E_SERVER_EXEC_FAILURE', 'a COM server failed to start'),
	'0x8000FFFF': win('E_UNEXPECTED', 'catastrophic failure'),
	'0x80070001': win('ERROR_INVALID_FUNCTION', 'incorrect function (e.g. an I/O control sent to a floppy or CD device)'),
	'0x80070005': win('E_ACCESSDENIED', 'access is denied', 'Check the account VSS and the writer run under, and the VssAccessControl registry key.'),
	'0x8007000E': win('E_OUTOFMEMORY', 'out of memory'),
	'0x80070012': win(
		'ERROR_NO_MORE_FILES',
		'there are no more files',
		"When Windows Server Backup fails with it saving to a shared folder, the SMB client's directory cache gave it a stale listing of the backup's own files on the share (Microsoft Japan Windows support): set `DirectoryCacheLifetime` (REG_DWORD) to 0 under `HKLM\\System\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters`, restart, and retry.",
	),
	'0x80070018': win(
		'ERROR_BAD_LENGTH',
		'a writer metadata document is too long',
		"A writer listed more components or files than VSS's backup document can hold (KB 3098315: often the System Writer and a folder of many small files, such as .NET's `Temporary ASP.NET Files` or `TemporaryInternetFiles`). Save the writers' metadata (`diskshadow /l C:\\Metadata.txt`, then `list writers detailed`), find the writer with the most components or files, and clean up or exclude them.",
	),
	'0x80070032': win(
		'ERROR_NOT_SUPPORTED',
		'the request is not supported',
		"When Hyper-V's Volume Shadow Copy Requestor reports it for a VM, the requester in the guest does not match the host's version: install the guest's Windows updates and upgrade its integration services (Microsoft, Azure Site Recovery Hyper-V troubleshooting).",
	),
	'0x80070057': win('E_INVALIDARG', 'a parameter is not valid'),
	'0x800700EA': win(
		'ERROR_MORE_DATA',
		'more data is available',
		"When Hyper-V reports it for a VM's VSS snapshot set (an application-consistent checkpoint or replica point), a dynamic disk inside the guest is the documented cause: application-consistent snapshots do not support dynamic disks (Microsoft, Azure Site Recovery Hyper-V troubleshooting). Convert the guest's dynamic disks to basic disks, or take crash-consistent snapshots of that VM.",
	),
	'0x8007041F': win('ERROR_SERVICE_DATABASE_LOCKED', 'the service database is locked'),
	'0x80070422': win(
		'ERROR_SERVICE_DISABLED',
		'the service cannot be started because it is disabled',
		"Set the startup type of the service the backup needs (Volume Shadow Copy, COM+ System Application, the product's own VSS provider service) to Manual or Automatic, then retry.",
	),
	'0x80070430': win('ERROR_SERVICE_MARKED_FOR_DELETE', 'the service has been marked for deletion (it is removed at the next restart)'),
	'0x8007045D': win(
		'ERROR_IO_DEVICE',
		'the request could not be performed because of an I/O device error',
		"A disk the backup reads or writes failed an I/O: look in the System log at that time for the disk's, its controller's and Ntfs's errors, run `chkdsk /r` on the source and target volumes, and check the cable or enclosure of an external target disk.",
	),
	'0x800704C8': win('ERROR_USER_MAPPED_FILE', 'the requested operation cannot be performed on a file with a user-mapped section open (another process has the file mapped into memory)'),
	'0x800706BE': win('RPC_S_CALL_FAILED', 'the remote procedure call failed'),
	'0x80070070': win('ERROR_DISK_FULL', 'there is not enough space on the disk', 'Free space on the disk the product writes to (the backup target, or the volume an export or a shadow copy needs), or point the job at one with room.'),
	// Network and RPC codes a backup server prints when it cannot talk to its agent on the protected machine.
	'0x80070079': win('ERROR_SEM_TIMEOUT', 'the semaphore timeout period expired (a network call to the protected machine timed out)', AGENT_LINK),
	'0x800706BA': win('RPC_S_SERVER_UNAVAILABLE', 'the RPC server is unavailable (the protected machine or its agent service could not be reached)', AGENT_LINK),
	'0x80072746': win('WSAECONNRESET', 'an existing connection was forcibly closed by the remote host', AGENT_LINK),
	'0x8007274D': win('WSAECONNREFUSED', 'no connection could be made because the target machine actively refused it', AGENT_LINK),
	// Failover clustering codes a host-level backup of VMs on a Cluster Shared Volume reports.
	'0x8007138F': win('ERROR_RESOURCE_NOT_FOUND', 'the cluster resource could not be found'),
	'0x8007173D': win(
		'ERROR_CLUSTER_BACKUP_IN_PROGRESS',
		'another backup of the same Cluster Shared Volume is in progress',
		'Host-level backups of VMs that share a Cluster Shared Volume take it in turn with the system software provider: serialise them in the backup product (DPM: cluster and CSV serialization, and no `&` in VM names of DataSourceGroups.xml), let it retry claiming the volume (DPM: `CsvMaxRetryAttempt`, `CsvAttemptWaitTime` under HKLM\\SOFTWARE\\Microsoft\\Microsoft Data Protection Manager\\Agent\\CSV), or use a VSS hardware provider (KB 2549533).',
	),
} satisfies Record<string, HresultInfo>;

/** An HRESULT the table knows. */
export type KnownHresult = keyof typeof HRESULT_TABLE;

/** Keyed by the report form `0x` + 8 upper-case hex digits. */
export const HRESULTS: Readonly<Record<string, HresultInfo>> = HRESULT_TABLE;

/**
 * Windows Server Backup's own error codes, which its events 517 and 521 print in decimal (2155348129).
 * Only codes whose meaning Microsoft documents are listed.
 */
const BACKUP_ERROR_TABLE = {
	'0x807800A1': { meaning: 'the volume shadow copy for the backup volumes failed (Windows Server Backup event 521; a VSS writer failed)', source: 'https://learn.microsoft.com/troubleshoot/windows-server/backup-and-storage/backup-fails-vss-writer' },
	'0x80780102': { meaning: 'the System Writer is not found in the backup (Windows Server Backup event 517)', source: 'https://learn.microsoft.com/troubleshoot/windows-server/backup-and-storage/system-writer-not-found-in-backup' },
	'0x8078015B': {
		meaning: 'Windows Backup could not access the remote shared folder it writes to (the share was not available, or did not answer within the SMB time-out: for a DPM bare-metal backup, I/O latency on the DPM server)',
		source: 'https://learn.microsoft.com/troubleshoot/system-center/dpm/bare-metal-recovery-backup-fails',
	},
} satisfies Record<string, { meaning: string; source: string }>;

/** A Windows Server Backup code the table knows. */
export type KnownBackupError = keyof typeof BACKUP_ERROR_TABLE;

export const BACKUP_ERRORS: Readonly<Record<string, { meaning: string; source: string }>> = BACKUP_ERROR_TABLE;

/**
 * Codes that say a call came out of sequence: after another failure of the same try, the requester's next
 * call (BackupComplete, AbortBackup) gets VSS_E_BAD_STATE. Beside another code it is that failure's echo,
 * never its cause; alone it is the error (VMware's VssSyncStart, an I/O hold-off).
 */
export const SEQUENCE_ERRORS: ReadonlySet<string> = new Set(['0x80042301']);

/**
 * Codes that say only that a try failed, never why: a sequence error (SEQUENCE_ERRORS), and Windows Server
 * Backup's and Windows Backup's "the shadow copy failed" codes — 0x807800A1 (its event 521: the volume shadow
 * copy operation failed), 0x80780034 (the shadow copy on the storage location could not be created),
 * 0x81000019 (a shadow copy could not be created) — which the writer's or the provider's code of the same try
 * explains (KB 2615182: 521 with 0x807800A1, the console's 0x800423F4). Beside another code they are that
 * failure's echo.
 */
export const ECHO_CODES: ReadonlySet<string> = new Set([...SEQUENCE_ERRORS, '0x807800A1', '0x80780034', '0x81000019']);

/**
 * COM's generic failures, E_FAIL (0x80004005) and E_UNEXPECTED (0x8000FFFF), which a requester's COM wrapper
 * returns for any failed VSS call: ActiveImage Protector's `com exception caught(0x8000ffff) in VssStart` a moment
 * before its helper names the writer's 0x800423F2, Veeam's `VSSControl: -2147467259` before its `Code: [0x…]`.
 * Beside a VSS code (FACILITY_ITF, 0x80042…) they are that failure's echo; beside another code (a Win32 error
 * DPM reports for another alert) they are a failure of their own.
 */
const GENERIC_FAILURES: ReadonlySet<string> = new Set(['0x80004005', '0x8000FFFF']);
const isVssCode = (code: string): boolean => /^0x80042[0-9A-F]{3}$/.test(code);

/** Whether `code` only echoes the failure `other` states (an ECHO_CODES code, or a generic COM failure beside a VSS code). */
export const echoesBeside = (code: string, other: string): boolean => ECHO_CODES.has(code) || (GENERIC_FAILURES.has(code) && isVssCode(other));

/** The first code of a list that echoes no other code of it (echoesBeside), else the first that is not an ECHO_CODES code, else the first code, else null. */
export function decisiveOf(codes: readonly string[]): string | null {
	return codes.find((c) => !codes.some((o) => echoesBeside(c, o))) ?? codes.find((c) => !ECHO_CODES.has(c)) ?? codes[0] ?? null;
}

/** The code of a VSS constant name (`VSS_E_PROVIDER_VETO` → `0x80042306`), or undefined. */
const BY_NAME: ReadonlyMap<string, string> = new Map(Object.entries(HRESULTS).map(([code, info]) => [info.name, code]));
export const hresultOfName = (name: string): string | undefined => BY_NAME.get(name);

/** Normalises `0x800423f2` / `800423F2` to the report form `0x800423F2`; null if not an HRESULT. */
export function normalizeHresult(text: string): string | null {
	const m = /^(?:0x)?([0-9a-f]{8})$/i.exec(text.trim());
	return m ? `0x${m[1].toUpperCase()}` : null;
}

/**
 * The report form of an error code as users paste it: hex (`0x800423F3`, `800423f3`), unsigned decimal
 * as Windows Server Backup prints it (`2147754995`) or signed decimal as .NET and PowerShell print it
 * (`-2147212301`). Eight bare digits read as hex, the HRESULT convention. Null when it is none of these.
 */
export function parseHresult(text: string): string | null {
	const t = text.trim();
	const hex = normalizeHresult(t);
	if (hex) return hex;
	const m = /^([+-]?)(\d{1,10})$/.exec(t);
	if (!m) return null;
	const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
	// A 32-bit code: -2^31 … 2^32-1; `>>> 0` turns the signed form into the unsigned one.
	if (n < -0x80000000 || n > 0xffffffff) return null;
	return `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** `VSS_E_WRITERERROR_TIMEOUT (0x800423F2)`, or the bare code when it has no known name. */
export function hresultLabel(hr: string): string {
	const name = HRESULTS[hr]?.name;
	if (name) return `${name} (${hr})`;
	const ese = eseError(hr);
	return ese ? `${ese.name} (${ese.code}, ${hr})` : hr;
}

/**
 * An ESE error (a small negative number: Exchange's and Active Directory's database engine) that an event
 * printed as a 32-bit value (`Error code 0xfffff69d when freezing the Storage groups` is -2403), when the
 * product table names it; null for any other code.
 */
export function eseError(hr: string): { code: string; name: string } | null {
	if (!/^0xFFFF[0-9A-F]{4}$/.test(hr)) return null;
	const code = String(parseInt(hr, 16) | 0);
	const name = PRODUCT_CODES[code]?.name;
	return name ? { code, name } : null;
}
