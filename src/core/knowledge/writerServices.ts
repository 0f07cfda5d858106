import { eventInfo } from './events';

/**
 * VSS writers: the class id Microsoft documents, the Windows service that hosts each (the one to restart to
 * reset a failed writer), and what that restart interrupts. Writer names and ids come from the writers
 * themselves and are never translated. Writer ids: Microsoft Learn "In-Box VSS Writers"; the SQL Server and
 * Exchange ids as they appear in vssadmin and VSS 8229 events (formats.md §1, §7.1).
 */
export interface WriterInfo {
	/** The writer name vssadmin prints. */
	name: string;
	/** Writer class id, lower case without braces; null when no public source gives it. */
	writerId: string | null;
	/** Service name (for `Restart-Service -Name …`). */
	service: string;
	/** What restarting that service interrupts, in one sentence. */
	restartImpact: string;
	/** Where the writer → service mapping comes from; `[R]` marks practitioner knowledge not seen in a Microsoft page. */
	source: string;
}

const INBOX = 'Microsoft Learn: In-Box VSS Writers (https://learn.microsoft.com/windows/win32/vss/in-box-vss-writers)';
const PRACTITIONERS = 'practitioner write-ups (a blog post, a CSS-Exchange thread)';
const PRACTITIONERS_R = 'practitioner knowledge [R]';
const HOSTED_BY_VSS = 'Only the Volume Shadow Copy service restarts: a backup running at that moment fails; none should be running.';

/** The Oracle writer's name; each database prints it with its SID (`Oracle VSS Writer - ORCL`). */
const ORACLE_WRITER = 'Oracle VSS Writer';

const w = (name: string, writerId: string | null, service: string, restartImpact: string, source: string): WriterInfo => ({ name, writerId, service, restartImpact, source });

export const WRITERS: readonly WriterInfo[] = [
	w('System Writer', 'e8132975-6f93-4464-a53e-1050253ae220', 'CryptSvc', 'Cryptographic Services restarts: signature and catalog checks wait for a few seconds.', `${INBOX} ("runs as part of the Cryptographic Services (CryptSvc) service")`),
	w('WMI Writer', 'a6ad56c2-b509-4e6c-bb19-49d8f43532f0', 'Winmgmt', 'WMI restarts and so do the services that depend on it (-Force); monitoring and management agents reconnect.', PRACTITIONERS),
	w('SqlServerWriter', 'a65faa63-5ea8-4ebc-9dbd-a0c4db26912a', 'SQLWriter', 'Only the SQL Server VSS Writer service restarts; SQL Server itself keeps running.', PRACTITIONERS),
	w('Microsoft Exchange Writer', '76fe1ac4-15f7-4bcd-987e-8e1acb462fb7', 'MSExchangeRepl', 'Exchange replication (database copies, log shipping) pauses while the service restarts: do it outside peak hours.', PRACTITIONERS),
	w('Microsoft Exchange Replica Writer', null, 'MSExchangeRepl', 'Exchange replication (database copies, log shipping) pauses while the service restarts: do it outside peak hours.', PRACTITIONERS),
	w('NTDS', 'b2014c9e-8711-4c5c-a5a9-3cf384484757', 'NTDS', 'Active Directory Domain Services stop on this domain controller while they restart; clients use other domain controllers.', PRACTITIONERS_R),
	w('Registry Writer', 'afbab4a2-367d-4d15-a586-71dbb18f8485', 'VSS', HOSTED_BY_VSS, PRACTITIONERS),
	w('Shadow Copy Optimization Writer', '4dc3bdd4-ab48-4d07-adb0-3bee2926fd7f', 'VSS', HOSTED_BY_VSS, PRACTITIONERS),
	w('COM+ REGDB Writer', '542da469-d3e1-473c-9f4f-7847f01fc64f', 'VSS', HOSTED_BY_VSS, PRACTITIONERS),
	w('VSS Metadata Store Writer', '75dfb225-e2e4-4d39-9ac9-ffaff65ddf06', 'VSS', HOSTED_BY_VSS, PRACTITIONERS_R),
	w('ASR Writer', 'be000cbe-11fe-4426-9c58-531aa6355fc4', 'VSS', HOSTED_BY_VSS, PRACTITIONERS_R),
	w('Task Scheduler Writer', 'd61d61c8-d73a-4eee-8cdd-f6f9786b7124', 'Schedule', 'The Task Scheduler service cannot be stopped on Windows Server 2012 and later: reboot the guest to reset this writer.', PRACTITIONERS_R),
	w('BITS Writer', '4969d978-be47-48b0-b100-f328f07ac1e0', 'BITS', 'Background transfers (e.g. Windows Update downloads) pause and resume.', PRACTITIONERS_R),
	w('IIS Config Writer', '2a40fd15-dfca-4aa8-a654-1f8c654603f6', 'AppHostSvc', 'The Application Host Helper service restarts; websites keep running.', PRACTITIONERS_R),
	w('IIS Metabase Writer', '59b1f0cf-90ef-465f-9609-6ca8b2938366', 'IISADMIN', 'IIS Admin restarts and, with -Force, the web services that depend on it: websites drop their connections.', PRACTITIONERS),
	w('Microsoft Hyper-V VSS Writer', '66841cd4-6ded-4f4b-8f17-fd23f8ddc3de', 'vmms', 'Hyper-V management restarts; running virtual machines keep running.', PRACTITIONERS_R),
	w('DFS Replication service writer', null, 'DFSR', 'DFS Replication pauses and catches up after the restart.', PRACTITIONERS_R),
	w('Certificate Authority', '6f5b15b5-da24-4d88-b737-63063e3a1f86', 'CertSvc', 'Certificate enrollment is unavailable while the service restarts.', PRACTITIONERS_R),
	w('Dhcp Jet Writer', 'be9ac81e-3619-421f-920f-4c6fea9e93ad', 'DHCPServer', 'DHCP hands out no leases for the few seconds of the restart.', PRACTITIONERS_R),
	w('FRS Writer', null, 'NtFrs', 'SYSVOL replication pauses and catches up after the restart.', PRACTITIONERS_R),
	w('MSSearch Service Writer', 'cd3f2362-8bef-46c7-9181-d62844cdc062', 'WSearch', 'Search indexing restarts.', PRACTITIONERS_R),
	w('Cluster Database', null, 'ClusSvc', 'The Cluster service restarts on this node and its roles may fail over: use a maintenance window.', PRACTITIONERS_R),
	// Writers backup products name in the field (requester side; formats/backup).
	w('Cluster Shared Volume VSS Writer', null, 'ClusSvc', 'The Cluster service restarts on this node and its roles may fail over: use a maintenance window.', PRACTITIONERS_R),
	w('SharePoint Services Writer', null, 'SPWriterV4', 'Only the SharePoint VSS Writer service restarts; SharePoint sites keep running.', PRACTITIONERS_R),
	w('OSearch VSS Writer', null, 'OSearch', 'The Office SharePoint Server Search service restarts: crawls pause and resume.', PRACTITIONERS_R),
	w('WIDWriter', null, 'WIDWriter', 'Only the Windows Internal Database VSS writer service restarts; the database keeps running.', PRACTITIONERS_R),
	w(
		ORACLE_WRITER,
		null,
		'OracleVssWriter<SID>',
		'Only the Oracle VSS Writer service of that database (one per SID) restarts; the database keeps running. An online backup needs the database in ARCHIVELOG mode (`ARCHIVE LOG LIST` in SQL*Plus); in NOARCHIVELOG mode the writer can take only a snapshot of a database that is mounted, not open.',
		'Oracle Database Platform Guide for Windows: Oracle VSS Writer [R]',
	),
];

/** The writer of that class id (preferred: ids are exact) or name, when known. */
export function writerInfo(name: string | null, writerId: string | null = null): WriterInfo | undefined {
	const id = writerId?.toLowerCase().replace(/[{}]/g, '');
	return (id ? WRITERS.find((x) => x.writerId === id) : undefined) ?? WRITERS.find((x) => x.name === name);
}

/** The hosting service of a writer, or null when not known. */
export function writerService(name: string): string | null {
	return writerInfo(name)?.service ?? null;
}

/** The class id of a writer Microsoft documents, by its name (`System Writer` → `e8132975-…`). */
export function writerIdOf(name: string): string {
	const id = WRITERS.find((x) => x.name === name)?.writerId;
	if (!id) throw new Error(`No documented class id for writer '${name}'.`);
	return id;
}

/**
 * The writer a product's text names, also when the name carries an instance (`Oracle VSS Writer - ORCL`, whose
 * service is `OracleVssWriterORCL`): the known writer with that instance's service.
 */
export function writerInfoOf(name: string): WriterInfo | undefined {
	const exact = writerInfo(name);
	if (exact) return exact;
	const sid = /^Oracle VSS Writer - (\w{1,30})$/.exec(name.trim())?.[1];
	const oracle = WRITERS.find((x) => x.name === ORACLE_WRITER);
	return sid && oracle ? { ...oracle, name, service: `OracleVssWriter${sid}` } : undefined;
}

/**
 * Event sources (lower case) of the services that host a writer: an error event of one is that writer's own
 * report of its failure (Exchange's replication service hosts the Exchange writer since 2010, its information
 * store before; SQL Server's VSS Writer service logs as SQLWRITER).
 */
export const WRITER_EVENT_SOURCES: ReadonlyMap<string, string> = new Map([
	['msexchangerepl', 'Microsoft Exchange Writer'],
	['msexchangeis', 'Microsoft Exchange Writer'],
	['sqlwriter', 'SqlServerWriter'],
]);

/** Sources whose service is the writer and nothing else (SQL Server's VSS Writer service): every event of theirs is the writer's. */
const DEDICATED_WRITER_SOURCES: ReadonlySet<string> = new Set(['sqlwriter']);
/** The acronym an application's message names its VSS writer by in every language (`VSS Writer`, `VSS ライター`). */
const VSS_WORD = /\bVSS\b/;

/**
 * The writer whose own report of its failure an event is: any event of a source that is the writer's service alone
 * (DEDICATED_WRITER_SOURCES); for a source that hosts a writer beside its application's other work (Exchange's
 * Replication service and Information Store), one of its application's VSS and backup event ids (knowledge/events.ts),
 * or a message that names VSS, or an event with no id (a message pasted without its header, its source told by the
 * message). Those sources log their application's other errors too (MSExchangeIS 1159: a store's database error that
 * dismounts it), which say nothing about the writer. Undefined for any other event.
 */
export function writerOfEvent(provider: string, eventId: number | null, message: string | null): string | undefined {
	const source = provider.toLowerCase();
	const writer = WRITER_EVENT_SOURCES.get(source);
	if (writer === undefined) return undefined;
	const own = DEDICATED_WRITER_SOURCES.has(source) || eventId === null || eventInfo(provider, eventId) !== undefined || (message !== null && VSS_WORD.test(message));
	return own ? writer : undefined;
}

/**
 * The service behind an event source of WRITER_EVENT_SOURCES that is not its writer's usual host, with what
 * its restart interrupts: the Information Store hosted the Exchange writer up to Exchange 2007, and its
 * events (MSExchangeIS 9607, 9611) name the service to restart there, not the Replication service.
 */
export const EVENT_SOURCE_HOSTS: ReadonlyMap<string, { service: string; restartImpact: string }> = new Map([
	['msexchangeis', { service: 'MSExchangeIS', restartImpact: "The Information Store stops: the server's mailbox databases are offline until it is back; do it outside business hours." }],
]);
