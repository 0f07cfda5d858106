import { PRODUCT_KINDS } from '../formats/backup/productText';
import { WRITER_EVENT_SOURCES } from '../knowledge/writerServices';
import { sqlWriterLog } from '../formats/sql/sqlWriterLog';
import { wsbErrorLog } from '../formats/windows/wsbErrorLog';
import type { WindowsEventFields } from '../formats/windows/windowsEvents';
import type { LogRecord } from '../model/records';
import type { VssRole } from '../model/report';

/**
 * Which part of a VSS backup wrote a line (report.ts VSS_ROLES), so that the timeline of an in-guest attempt
 * draws the requester, VSS, the writers, the provider and volsnap as lanes of their own. Decided by what a
 * record is (its kind, and a Windows event's provider, id and context fields), never by its words.
 */

/** VMware Tools' kinds: vmbackup is the requester inside the guest, vmvss its VSS provider. */
const TOOLS_ROLES: Readonly<Record<string, VssRole>> = {
	'vmbackup-rpc': 'requester',
	'vmbackup-step': 'requester',
	'vmbackup-options': 'requester',
	'vmbackup-event': 'requester',
	'vmbackup-op': 'requester',
	'vmbackup-script': 'requester',
	'vmvss-event': 'provider',
};

/** Event sources (lower case) that are a requester: Windows Server Backup and Hyper-V's management service. */
const REQUESTER_SOURCES = new Set(['microsoft-windows-backup', 'microsoft-windows-hyper-v-vmms']);
/** Event sources of writers or of the stores they freeze (SQL Writer and its VDI, Exchange, AD DS, ESE). */
const WRITER_SOURCES = new Set([...WRITER_EVENT_SOURCES.keys(), 'sqlvdi', 'esent']);
const WRITER_SOURCE_PREFIXES = ['msexchange', 'ntds'];
/** Event sources of the provider: VMware's VSS provider. */
const PROVIDER_SOURCES = new Set(['vmvss']);
/** Event sources of the volume shadow copy driver (classic name, and its manifest's). */
const VOLSNAP_SOURCES = new Set(['volsnap', 'microsoft-windows-volumesnapshot-driver']);
const VSS_SOURCE = 'vss';
/** VSS's "provider … failed" event: its first `{GUID}` insertion string is the provider id. */
const PROVIDER_EVENT = 12293;
/** Execution Context values (they stay English on translated systems): `Provider`, `System Provider`. */
const PROVIDER_CONTEXT = /provider/i;
const REQUESTER_CONTEXT = /^requestor$/i;

/** The role of a Windows event: by its source, then (VSS's own events) by the writer or provider it names. */
function windowsEventRole(f: WindowsEventFields): VssRole | null {
	const source = f.provider.toLowerCase();
	if (REQUESTER_SOURCES.has(source)) return 'requester';
	if (VOLSNAP_SOURCES.has(source)) return 'volsnap';
	if (PROVIDER_SOURCES.has(source)) return 'provider';
	if (WRITER_SOURCES.has(source) || WRITER_SOURCE_PREFIXES.some((p) => source.startsWith(p)) || source.startsWith('mssql$') || source === 'mssqlserver') return 'writers';
	if (source !== VSS_SOURCE) return null;
	if (f.writerName !== null || f.writerClassId !== null) return 'writers';
	if ((f.eventId === PROVIDER_EVENT && f.guid !== null) || (f.executionContext !== null && PROVIDER_CONTEXT.test(f.executionContext))) return 'provider';
	if (f.executionContext !== null && REQUESTER_CONTEXT.test(f.executionContext)) return 'requester';
	return 'vss';
}

/** The role of one record of an in-guest attempt; null for a line of no part of VSS (a disk error, a Tools status). */
export function vssRoleOf(r: LogRecord): VssRole | null {
	if (r.kind === 'windows-event') return windowsEventRole(r.fields);
	if (Object.hasOwn(PRODUCT_KINDS, r.kind) || Object.hasOwn(wsbErrorLog.kinds, r.kind)) return 'requester';
	if (Object.hasOwn(sqlWriterLog.kinds, r.kind)) return 'writers';
	return Object.hasOwn(TOOLS_ROLES, r.kind) ? TOOLS_ROLES[r.kind] : null;
}
