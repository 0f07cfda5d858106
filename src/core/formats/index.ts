import type { KindRecord, RecordKind } from '../model/records';
import type { EventSeverity, Origin } from '../model/report';
import type { FormatDefinition } from './lib/format';
import { HOST_SIDE_ORIGINS, VMWARE_ORIGINS, type AnchorCategory, type KindInfo, type KindTable } from './lib/kinds';
import { hostdLog, vpxaLog, vpxdLog } from './esxi/esxiAgentLog';
import { esxSyslog } from './esxi/esxSyslog';
import { esxiVdf } from './esxi/vdf';
import { vmwareLog } from './esxi/vmwareLog';
import { vmx } from './esxi/vmx';
import { vssadminProviders, vssadminShadows, vssadminShadowStorage, vssadminVolumes } from './vss/vssadminListings';
import { vssBackupComponents, vssWriterMetadata } from './vss/vssManifest';
import { vssadminWriters } from './vss/vssadminWriters';
import { writerStatusListing } from './vss/writerStatusListing';
import { diskShadowConsole } from './vss/diskshadow';
import { sqlErrorLog } from './sql/sqlErrorLog';
import { sqlMessages } from './sql/sqlMessages';
import { sqlWriterLog } from './sql/sqlWriterLog';
import { toolsConf } from './tools/toolsConf';
import { toolsLog } from './tools/toolsLog';
import { registryExport } from './windows/registryExport';
import { vcenterEventsCsv, vcenterTasksCsv } from './vcenter/vcenterCsv';
import { windowsEventsCsv } from './windows/windowsEventsCsv';
import { windowsEventsList } from './windows/windowsEventsList';
import { windowsEventsTable } from './windows/windowsEventsTable';
import { windowsEventsJson } from './windows/windowsEventsJson';
import { windowsEventsText } from './windows/windowsEventsText';
import { windowsEventsPasted } from './windows/windowsEventsPasted';
import { windowsEventsFriendly } from './windows/windowsEventsFriendly';
import { windowsEventsXml } from './windows/windowsEventsXml';
import { windowsEventsEvtx } from './windows/windowsEventsEvtx';
import { acronisErrorChain } from './backup/acronis';
import { agentJobMessages, agentLevelLog, imageTaskLog } from './backup/agents';
import { codeLines, macriumLog } from './backup/generic';
import { veeamErrorText, veeamLog } from './backup/veeam';
import { veeamVssSupportLog } from './backup/veeamVssSupport';
import { vmwareProductErrors } from './backup/vmwareProducts';
import { vzdumpLog } from './backup/vzdump';
import { ghettoVcbLog } from './backup/ghettoVcb';
import { qemuAgentFreezeLines } from './backup/qemuAgent';
import { ntbackupReport, windowsServerBackupLog } from './backup/windowsBackup';
import { wsbErrorLog } from './windows/wsbErrorLog';
import { windowsInstallerLog } from './windows/windowsInstallerLog';
import { useFoldKinds } from './lib/fold';

/**
 * The explicit, ordered format registry: detection tries formats in this order and the first match wins,
 * so a more specific format must come before a more general one. The registry test proves each format's
 * samples are detected by that format and by no format before it. A tuple of each format's own type, so
 * that what its kinds mean is checked (KINDS); a new format is one line here.
 */
const REGISTERED = [
	// Event Viewer's Friendly View tree: rows no other format has, first so that it wins a tie in a ticket
	// (a one-row block of a double-spaced copy reads as nothing to a listing's reader too)
	windowsEventsFriendly,
	// DiskShadow's `create` and `list shadows` (its shadow copy blocks are no vssadmin listing's)
	diskShadowConsole,
	// Windows guest: vssadmin listings (one classifier decides which, so their order does not matter)
	vssadminWriters,
	vssadminProviders,
	vssadminShadows,
	vssadminShadowStorage,
	vssadminVolumes,
	// DiskShadow's writer status (`* WRITER` blocks)
	writerStatusListing,
	// VSS documents (members of vss_manifests*.zip)
	vssBackupComponents,
	vssWriterMetadata,
	// ESXi host: vmware.log, .vmx, hostd/vpxa/vpxd, the 4.x syslog, vdf
	vmwareLog,
	vmx,
	hostdLog,
	vpxaLog,
	vpxdLog,
	esxSyslog,
	esxiVdf,
	// VMware Tools guest logs, tools.conf, SQL Writer log, SQL Server's ERRORLOG
	sqlWriterLog,
	sqlErrorLog,
	toolsLog,
	toolsConf,
	// Windows events (XML, text, CSV, PowerShell lists and tables), vCenter exports (CSV), registry exports
	windowsEventsXml,
	windowsEventsText,
	windowsEventsCsv,
	windowsEventsList,
	windowsEventsTable,
	windowsEventsJson,
	vcenterTasksCsv,
	vcenterEventsCsv,
	registryExport,
	// Windows Installer's verbose log: an install's codes are no backup's
	windowsInstallerLog,
	// Backup products (requesters): their logs and pasted error text
	veeamLog,
	veeamVssSupportLog,
	imageTaskLog,
	macriumLog,
	acronisErrorChain,
	ntbackupReport,
	wsbErrorLog,
	windowsServerBackupLog,
	vzdumpLog,
	ghettoVcbLog,
	agentLevelLog,
	agentJobMessages,
	veeamErrorText,
	vmwareProductErrors,
	// SQL Server's errors as SSMS and sqlcmd print them (a header of labelled numbers any paste may sit around)
	sqlMessages,
	// Pasted evidence with the least structure last: events without a full header, then any line with an error code
	windowsEventsPasted,
	qemuAgentFreezeLines,
	codeLines,
] as const satisfies readonly FormatDefinition[];

/** The registry, in detection order (see REGISTERED). */
export const FORMATS: readonly FormatDefinition[] = REGISTERED;

/** The kinds the formats F declare. */
type DeclaredKind<F> = F extends { kinds: infer T } ? keyof T & RecordKind : never;

/**
 * What every record kind means: the formats' tables merged (formats/lib/kinds.ts). Typed as a table of
 * every kind of the record contract, so a kind that no registered format declares fails to compile here,
 * with its name in the message.
 */
export const KINDS: KindTable = mergeKinds(REGISTERED);
// The fold (lib/fold.ts) pins clock anchors, headers and listings: it reads what they are here.
useFoldKinds(KINDS);

/** One table of the formats' tables; a kind two formats share must be the one declaration (the owner's), not two alike. */
function mergeKinds<F extends FormatDefinition>(formats: readonly F[]): KindTable<DeclaredKind<F>> {
	const merged = new Map<string, KindInfo<RecordKind>>();
	for (const format of formats) {
		for (const [kind, info] of Object.entries(format.kinds as Readonly<Record<string, KindInfo<RecordKind>>>)) {
			if (merged.has(kind) && merged.get(kind) !== info) throw new Error(`The record kind '${kind}' is declared twice (again by the format '${format.id}'): declare it once, where its family's reader is, and reference it.`);
			merged.set(kind, info);
		}
	}
	return Object.fromEntries(merged) as KindTable<DeclaredKind<F>>;
}

/** The severity a record's kind gives it: declared, or read from its fields (`none` for kinds that are no events). */
export function kindSeverity<K extends RecordKind>(r: KindRecord<K>): EventSeverity | 'none' {
	const severity = KINDS[r.kind].severity;
	return typeof severity === 'function' ? severity(r.fields) : severity;
}

/** Whether a record states (part of) its attempt's failure, as its kind declares. */
export function kindStatesFailure<K extends RecordKind>(r: KindRecord<K>): boolean {
	const failure = KINDS[r.kind].failure;
	return typeof failure === 'function' ? failure(r.fields) : failure;
}

/** The clock anchor a record is, as its kind declares (null when it pairs with no other source). */
export function kindAnchor<K extends RecordKind>(r: KindRecord<K>): AnchorCategory | null {
	const anchor = KINDS[r.kind].anchor;
	return typeof anchor === 'function' ? anchor(r.fields) : anchor;
}

/** The declaration of a kind named by a string (an attempt's event); undefined for a name that is no kind. */
export function kindInfo(kind: string): KindTable[RecordKind] | undefined {
	return Object.hasOwn(KINDS, kind) ? KINDS[kind as RecordKind] : undefined;
}

/** Formats of binary files, told by their signature in ingest rather than detected from lines (no LineReader). */
const BINARY_FORMATS: readonly Pick<FormatDefinition, 'id' | 'origin'>[] = [windowsEventsEvtx];

const ORIGIN_OF = new Map<string, Origin>([...FORMATS, ...BINARY_FORMATS].map((f) => [f.id, f.origin]));

/** Where files of this format come from (the report input's `origin`); null for a format the registry lacks. */
export const originOf = (formatId: string): Origin | null => ORIGIN_OF.get(formatId) ?? null;

/** The formats only a VMware environment has (VMWARE_ORIGINS). */
export const VMWARE_FORMATS: ReadonlySet<string> = new Set(FORMATS.filter((f) => VMWARE_ORIGINS.has(f.origin)).map((f) => f.id));

/** The formats of the hypervisor's side (HOST_SIDE_ORIGINS). */
export const HOST_SIDE_FORMATS: ReadonlySet<string> = new Set(FORMATS.filter((f) => HOST_SIDE_ORIGINS.has(f.origin)).map((f) => f.id));
