/**
 * Windows event ids that matter to quiesce diagnosis, per provider, with what they mean and where that is
 * documented (formats.md §7.2; message tables of vssvc.exe and volsnap.sys as catalogued by
 * libyal/winevt-kb; Microsoft support articles). Keyed by provider name as it appears in
 * `<Provider Name='…'>` (case-insensitive lookup). Event ids and provider names are never translated.
 */
import { MICROSOFT_PROVIDER_CLSID, MICROSOFT_PROVIDER_ID } from './providers';

export interface EventInfo {
	/** What the event says, in one line. */
	meaning: string;
	/** Why it matters for a quiesced backup. */
	impact: string;
	/** Where the id and its meaning come from. */
	source: string;
	/**
	 * The level the source always logs it at (2 error, 3 warning), where its documentation shows one: a paste of
	 * the message without its header still states what the event is. Absent where it varies or is not known.
	 */
	level?: number;
}

const VSSVC = 'vssvc.exe message table (libyal/winevt-kb MessageFile-vssvc.exe.md)';
/** 12366 is logged by the writer's own process, through the writer library. */
const VSSAPI = 'vssapi.dll message table (the writer side of VSS, logged in the process that hosts the writer)';
const VOLSNAP = 'volsnap.sys message table (libyal/winevt-kb MessageFile-volsnap.sys.md)';
const KB2009533 = 'https://learn.microsoft.com/troubleshoot/windows-server/backup-and-storage/no-vss-writers-listed-run-vssadmin-list';
const KB2009272 = 'https://learn.microsoft.com/troubleshoot/windows-server/backup-and-storage/system-writer-not-found-in-backup';
const KB2615182 = 'https://learn.microsoft.com/troubleshoot/windows-server/backup-and-storage/backup-fails-vss-writer';
const KB4512842 = 'https://learn.microsoft.com/troubleshoot/system-center/dpm/bare-metal-recovery-backup-fails';

const e = (meaning: string, impact: string, source: string, level?: number): EventInfo => (level === undefined ? { meaning, impact, source } : { meaning, impact, source, level });
/** Event levels as Windows numbers them. */
const ERROR = 2;

const VSS: Readonly<Record<number, EventInfo>> = {
	8193: e('Unexpected error calling a routine (hr given)', 'generic VSS failure; the routine names the cause (CoCreateInstance → COM registration, RegOpenKeyExW → permissions)', VSSVC),
	8194: e('Unexpected error querying for the IVssWriterCallback interface', 'DCOM permissions of a writer or requester', VSSVC),
	8213: e('The process that hosts a writer does not run under an account with sufficient rights', 'the writer (often the System Writer) is missing from the listing; fix VssAccessControl', KB2009272),
	8224: e('The VSS service is shutting down due to idle timeout', 'noise; marks the end of a VSS session', VSSVC),
	8229: e('A VSS writer rejected an event (writer veto)', 'the writer named in the context refused the phase; the HRESULT says why', VSSVC),
	8230: e('Failed resolving an account in VssAccessControl', 'a stale VssAccessControl registry entry', VSSVC),
	11: e('A COM server could not be started (CPU under heavy load)', 'provider or writer COM start failure', VSSVC),
	12: e('A COM server could not be started (shutting down or out of memory)', 'provider or writer COM start failure', VSSVC),
	13: e('A COM server with a CLSID could not be started', 'often the COM+ Event System (CEventSystem) is not registered', VSSVC),
	// Windows Server 2003 numbered its messages apart: its 20 is what later Windows logs as 22 (vssvc.exe 5.2.3790's message table).
	20: e('VSS cannot be used in Safe Mode; on Windows Server 2003, a critical component required by VSS is not registered', 'no shadow copies in Safe Mode; on Windows Server 2003 a COM class VSS creates is not registered', VSSVC),
	22: e('A critical component required by VSS is not registered', 'COM registration (e.g. VSSEvent / Eventcls.dll) is broken: writers cannot be reached', VSSVC),
	34: e('The VSS event class is not registered', 'no writer receives events: the listing is empty', KB2009533),
	12289: e('Unexpected error (routine and hr given)', 'e.g. DeviceIoControl on a floppy device in the VM', VSSVC),
	12290: e('VSS warning (routine and hr given)', 'informational for diagnosis', VSSVC),
	12292: e('Error creating the shadow copy provider COM class', 'broken provider registration', VSSVC),
	12293: e('Error calling a routine on a shadow copy provider', 'provider veto; the GUID names the provider (VMware or Microsoft)', VSSVC),
	12297: e('I/O writes cannot be flushed during the shadow copy creation period', 'VSS_E_FLUSH_WRITES_TIMEOUT under heavy I/O', VSSVC),
	12298: e('I/O writes cannot be held during the shadow copy creation period', 'VSS_E_HOLD_WRITES_TIMEOUT under heavy I/O', VSSVC),
	12301: e('A writer did not respond to a GatherWriterStatus call', 'the writer hung', VSSVC),
	12302: e('Internal inconsistency contacting the writers', 'VSS_E_WRITER_INFRASTRUCTURE: check the Event System and VSS services', VSSVC),
	// A hardware provider's shadow copy LUN that never surfaced on the host (its descriptor dumped: LUN ID, version,
	// device type, bus type, vendor, product, serial number); VSS then fails the set (VSS_E_MISSING_DISK).
	12362: e('A shadow copy LUN was not detected in the system and did not arrive', "the hardware provider's shadow copy LUN was not presented to this host (LUN masking or mapping, zoning, MPIO, the storage)", VSSVC),
	12366: e("An unhandled exception in a writer's event callback method", 'the writer hosted by the process that logged it fails until that process restarts', VSSAPI),
	12310: e('The shadow copy could not be committed: operation timed out', 'commit timeout', VSSVC),
	12338: e('VSS spent too long opening and flushing the volumes', 'heavy I/O during the freeze', VSSVC),
	12340: e('VSS waited too long for the volumes to be flushed', 'heavy I/O during the freeze', VSSVC),
	8222: e('Shadow copy has been created', 'success marker (VSS auditing on)', VSSVC),
};

const VOLSNAP_EVENTS: Readonly<Record<number, EventInfo>> = {
	// 5, 20 and 28 are errors in volsnap.sys's message table (their ids carry the error severity, 0xC006…, as
	// the dumps KB 887827 prints show) and in every copy KB 833167 prints.
	5: e('The shadow copy could not be created: insufficient non-paged pool memory for its bitmap', 'the driver ran out of kernel memory (large volumes with small clusters need more; KB 833167)', VOLSNAP, ERROR),
	8: e('Flush and hold writes timed out waiting for the release-writes command', 'the freeze lasted longer than VSS allows (10 s flush-and-hold)', VOLSNAP),
	9: e('Flush and hold writes timed out waiting for file system cleanup', 'heavy I/O during the freeze', VOLSNAP),
	14: e('Shadow copies aborted because of an I/O failure', 'storage problem under the guest', VOLSNAP),
	20: e('Shadow copies aborted: free space computation failed', 'diff area problem', VOLSNAP, ERROR),
	28: e('The shadow copy could not be created: the necessary on-disk structures could not be created', 'the driver could not set up the shadow copy on the volume (memory or disk)', VOLSNAP, ERROR),
	24: e('Not enough disk space to grow the shadow copy storage: the shadow copies of the volume are at risk of being deleted', 'shadow storage volume full', VOLSNAP),
	25: e('Shadow copies deleted because the shadow copy storage could not grow in time', 'shadow storage exhausted under write load', VOLSNAP),
	32: e('Shadow copies aborted because the shadow copy storage volume was not present', 'the volume holding the diff area was offline or came online too late (phantom VolumeSnapshot device entries slow its start): the copies are deleted', VOLSNAP, ERROR),
	33: e('The oldest shadow copy was deleted to respect the limit', 'informational', VOLSNAP),
	35: e('Shadow copies aborted because the shadow copy storage failed to grow', 'shadow storage exhausted (no room on its volume, or its maximum reached)', VOLSNAP),
	36: e('Shadow copies aborted: the storage could not grow due to a user imposed limit', 'shadow storage maximum too small', VOLSNAP),
	41: e('The shadow copy storage had no large enough contiguous blocks for a new shadow copy', 'shadow storage volume too full or fragmented', VOLSNAP),
};

const SQLWRITER: Readonly<Record<number, EventInfo>> = {
	24579: e(
		'A database is stored on several volumes, only some of which are shadowed',
		'the writer vetoes with 0x800423F0: include every volume of the database',
		'https://learn.microsoft.com/sql/relational-databases/backup-restore/sql-server-vss-writer-logging',
	),
	24583: e('Sqllib error: OLEDB error running the VSS backup of a database', 'the database named in the message failed its snapshot backup', KB2615182, ERROR),
};

const KB2996928 = 'https://support.microsoft.com/kb/2996928';
const KB4037535 = 'https://support.microsoft.com/kb/4037535';
const KB910250 = 'https://support.microsoft.com/kb/910250';
const KB933779 = 'https://support.microsoft.com/kb/933779';

/** The Exchange writer's own events: its Replication service's (2010 on) and its Information Store's (2003/2007). */
const MSEXCHANGEREPL: Readonly<Record<number, EventInfo>> = {
	2034: e(
		"The Exchange Replication service's VSS writer failed processing the backup completion event",
		'the Microsoft Exchange Writer failed at backup complete: the logs are not truncated and the writer stays failed until its service restarts',
		KB2996928,
		ERROR,
	),
	2153: e(
		"The log copier could not communicate with the active database's server: the database copy is disconnected",
		"a backup of the passive copy fails with a retryable writer error (0x800423F3) while the Replication service cannot hold its RPC channel to the active server: check the network and security software between the DAG members, keep KeepAliveTime below the network devices' idle timeout, raise QueryLogRangeTimeoutInMsec",
		KB4037535,
		ERROR,
	),
};

const MSEXCHANGEIS: Readonly<Record<number, EventInfo>> = {
	9607: e('The Exchange VSS writer failed preparing for backup (error code given)', "with 'Backup in progress' in its data: an earlier snapshot backup never completed; the backups fail until it does or the service restarts", KB910250, ERROR),
	9611: e('The Exchange VSS writer failed freezing the storage groups (error code given)', 'ESE refused the freeze (e.g. -2403, a backup or recovery in progress)', KB933779, ERROR),
};

const SQLVDI: Readonly<Record<number, EventInfo>> = {
	1: e('SQLVDI: the virtual device of a snapshot backup aborted (Loc=…, Desc=…)', 'the first one names the failing SQL Server instance', KB2615182),
};

const SQL_ERRORS = 'https://learn.microsoft.com/sql/relational-databases/errors-events/database-engine-events-and-errors';

/** SQL Server's own events (provider MSSQLSERVER, or MSSQL$<instance> for a named instance: see eventSource). */
const MSSQLSERVER: Readonly<Record<number, EventInfo>> = {
	3041: e('BACKUP failed to complete the command (the command names the database)', 'the database was not backed up; the backup application (the requester, VSS, SQLWRITER) logs why', SQL_ERRORS),
	3197: e('I/O is frozen on a database for a snapshot backup', "the SQL Server writer's freeze of the database starts", SQL_ERRORS),
	3198: e('I/O was resumed on a database after a snapshot backup', 'the freeze ends: the time since 3197 is how long the database was frozen', SQL_ERRORS),
	18210: e('A backup device failed with an operating system error (a snapshot backup names its virtual device by a GUID)', 'error 995 is the backup aborted by its requester: the failure before it is the cause', SQL_ERRORS),
	// The other device errors of a BACKUP, each with the operating system error that says why.
	3201: e('BACKUP could not open its backup device (operating system error given)', 'the device path or its permissions: the backup did not start', SQL_ERRORS),
	3271: e('A nonrecoverable I/O error occurred on a backup file (operating system error given)', "on a snapshot backup's virtual device, error 995 is the requester ending the backup", SQL_ERRORS),
	18204: e('A backup device on disk failed (operating system error given)', 'the path, the disk or its permissions: the backup did not complete', SQL_ERRORS),
	// A differential or log backup with no full backup to base it on: another product's full backups (a VSS
	// snapshot backup that is not copy-only, or one the base was never taken for) break the chain.
	3035: e('Cannot perform a differential backup: no current database backup exists (names the database)', 'take a full backup; when a VSS backup product also backs the database up, its backups move or hide the base', SQL_ERRORS),
	4214: e('BACKUP LOG cannot be performed: no current database backup exists', 'take a full backup to start the log chain; a copy-only full backup does not start one', SQL_ERRORS),
};

const BACKUP: Readonly<Record<number, EventInfo>> = {
	5: e('Windows Server Backup failed (the error code and its text in the message)', 'the code says why (0x8078015B: the remote shared folder it writes to could not be accessed)', KB4512842),
	517: e('Windows Server Backup failed (error code in decimal)', 'decode the code with parseHresult (e.g. 2155348226 = 0x80780102, System Writer not found)', KB2009272),
	521: e('Windows Server Backup failed because the volume shadow copy failed (error code in decimal)', 'a VSS writer failed; look for SQLWRITER / SQLVDI or 8229 events at the same time', KB2615182),
	546: e('Windows Server Backup failed to back up volumes', 'the volumes named were not backed up', KB2615182),
	547: e('Windows Server Backup encountered errors for volumes; the files not backed up are in its Backup_Error log', 'the backup is incomplete: read the Backup_Error log it names', KB2615182),
};

const CAPI2: Readonly<Record<number, EventInfo>> = {
	513: e("Cryptographic Services failed processing the System Writer's OnIdentity call", 'the System Writer fails or is missing (file permissions under %windir%\\winsxs)', KB2009272),
};

const SCM_DOCS = 'Service Control Manager message table (services.exe; Microsoft Learn: Service Control Manager events 7000-7043)';

/**
 * The Service Control Manager's events about a service that stopped or could not start. They matter only for
 * the services a snapshot runs through (knowledge/services.ts names them); the service is `%1` and the Binary data.
 */
const SCM: Readonly<Record<number, EventInfo>> = {
	7000: e('The service failed to start (the error is given)', 'a snapshot that needs the service fails at once', SCM_DOCS, ERROR),
	7009: e('A timeout was reached while waiting for the service to connect', 'the service did not start in time (30 s by default): the snapshot that needed it fails', SCM_DOCS, ERROR),
	7011: e('A timeout was reached while waiting for a transaction response from the service', 'the service hung: calls into it (VSS requests) wait and time out', SCM_DOCS, ERROR),
	7022: e('The service hung on starting', 'the snapshot that needed the service fails', SCM_DOCS, ERROR),
	7023: e('The service terminated with an error (the error is given)', 'a snapshot in progress through the service is lost', SCM_DOCS, ERROR),
	7024: e('The service terminated with a service-specific error', 'a snapshot in progress through the service is lost', SCM_DOCS, ERROR),
	7031: e('The service terminated unexpectedly (a recovery action follows)', 'its process crashed: a snapshot in progress through it is lost', SCM_DOCS, ERROR),
	7034: e('The service terminated unexpectedly', 'its process crashed: a snapshot in progress through it is lost', SCM_DOCS, ERROR),
	7043: e('The service did not shut down properly after a preshutdown control', 'the service was stuck when Windows shut down (a snapshot left unfinished)', SCM_DOCS, ERROR),
};

/** The SCM's provider name (lower case), as its events carry it in every format. */
export const SCM_PROVIDER = 'service control manager';

/** Windows Error Reporting's crash event of a process (Application Error 1000): the faulting application and module. */
const APPLICATION_ERROR: Readonly<Record<number, EventInfo>> = {
	1000: e(
		'A process crashed (the faulting application, module and exception code are given)',
		"for vssvc.exe, sqlwriter.exe or vmtoolsd.exe the service's process: a snapshot in progress through it is lost",
		'Windows Error Reporting (Application Error event 1000)',
		ERROR,
	),
};

/** Application Error's provider name (lower case). */
export const APPLICATION_ERROR_PROVIDER = 'application error';

/** The events this module knows, by provider (lower case) and id. */
export const EVENTS: Readonly<Record<string, Readonly<Record<number, EventInfo>>>> = {
	'vss': VSS,
	'volsnap': VOLSNAP_EVENTS,
	'sqlwriter': SQLWRITER,
	'msexchangerepl': MSEXCHANGEREPL,
	'msexchangeis': MSEXCHANGEIS,
	'sqlvdi': SQLVDI,
	'mssqlserver': MSSQLSERVER,
	'microsoft-windows-backup': BACKUP,
	'microsoft-windows-capi2': CAPI2,
	[SCM_PROVIDER]: SCM,
	[APPLICATION_ERROR_PROVIDER]: APPLICATION_ERROR,
};

/**
 * The key of a provider in EVENTS: its name in lower case, a named SQL Server instance's `MSSQL$<name>` as
 * the default instance's `mssqlserver` (the same engine logs the same ids).
 */
export function eventSource(provider: string): string {
	const p = provider.toLowerCase();
	return p.startsWith('mssql$') ? 'mssqlserver' : p;
}

/** What an event id of a provider means, when it is one that matters here. */
export function eventInfo(provider: string, id: number): EventInfo | undefined {
	return EVENTS[eventSource(provider)]?.[id];
}

/**
 * The routine a CAPI2 513 names when the System Writer could not read one legacy driver's binary image
 * (`AddLegacyDriverFiles: Unable to back up image of binary …`): the writer skips that image and goes on
 * (KB 3209092). The routine's name is the code's own, in every display language.
 */
export const LEGACY_DRIVER_FILES = /\bAddLegacyDriverFiles\b/;

/**
 * Events that state an error or a warning but no failed shadow copy: VSS going idle (8224), a stale
 * VssAccessControl entry (8230), 12289 with VSS_E_WRITER_STATUS_NOT_AVAILABLE (a requester asked for
 * writer status after the writers dropped their session states), and CAPI2 513 about one legacy driver's image
 * (`detail`: what the message must name). Alone they make no failed attempt.
 */
export const BENIGN_EVENTS: readonly { provider: string; id: number; hresult?: string; detail?: RegExp | ((message: string) => boolean) }[] = [
	{ provider: 'vss', id: 8224 },
	{ provider: 'vss', id: 8230 },
	{ provider: 'vss', id: 12289, hresult: '0x80042409' },
	{ provider: 'microsoft-windows-capi2', id: 513, detail: LEGACY_DRIVER_FILES },
	{ provider: 'vss', id: 22, detail: (m) => loggedByProviderQuery(m) },
	{ provider: 'vss', id: 12292, detail: (m) => loggedByProviderQuery(m) },
];

/** Whether an event is one of BENIGN_EVENTS (the provider in any case; `message` for those told by a detail). */
export function isBenignEvent(provider: string, eventId: number | null, hresult: string | null, message: string | null = null): boolean {
	const lower = provider.toLowerCase();
	return BENIGN_EVENTS.some(
		(b) => b.provider === lower && b.id === eventId && (b.hresult === undefined || b.hresult === hresult) && (b.detail === undefined || (message !== null && (typeof b.detail === 'function' ? b.detail(message) : b.detail.test(message)))),
	);
}

/**
 * A context value of -1 on a line of its own (`Snapshot Context: -1`, `スナップショット コンテキスト: -1`):
 * VSS_CTX_ALL, the context of a query over every provider (`vssadmin list shadows`, a requester's Query). A backup
 * creates its shadow copies in a context of its own (0, VSS_CTX_BACKUP, or another bit mask), never -1.
 */
const hasQueryContext = (message: string): boolean =>
	message.split('\n').some((line) => {
		const colon = line.search(/[:：]/);
		return colon > 0 && colon <= 60 && line.slice(colon + 1).trim() === '-1';
	});
/** A `{GUID}` in a message. */
const ANY_GUID = /\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}/gi;

/**
 * Whether VSS 22 or 12292 (a provider's COM class could not be created) was logged while VSS enumerated the
 * providers for a query (hasQueryContext) about a provider that is not the system one: VSS skips such a provider in
 * the query and logs this each time (a leftover registration, such as the Hyper-V IC Software Shadow Copy Provider
 * on an Azure VM); no backup failed by it. The system provider's class failing is every backup's failure (KB
 * 2009513), logged under the same context, so its ids keep the event a failure. Numbers only: labels are translated.
 */
export function loggedByProviderQuery(message: string): boolean {
	if (!hasQueryContext(message)) return false;
	const ids = [...message.matchAll(ANY_GUID)].map((m) => m[1].toLowerCase());
	return ids.length > 0 && !ids.includes(MICROSOFT_PROVIDER_ID) && !ids.includes(MICROSOFT_PROVIDER_CLSID);
}
