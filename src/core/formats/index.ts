import type { FormatDefinition } from './lib/format';
import { hostdLog, vpxaLog, vpxdLog } from './esxi/esxiAgentLog';
import { vmwareLog } from './esxi/vmwareLog';
import { vmx } from './esxi/vmx';
import { vssadminProviders, vssadminShadows, vssadminShadowStorage, vssadminVolumes } from './vss/vssadminListings';
import { vssBackupComponents, vssWriterMetadata } from './vss/vssManifest';
import { vssadminWriters } from './vss/vssadminWriters';
import { sqlWriterLog } from './sql/sqlWriterLog';
import { toolsConf } from './tools/toolsConf';
import { toolsLog } from './tools/toolsLog';
import { registryExport } from './windows/registryExport';
import { vcenterEventsCsv, vcenterTasksCsv } from './vcenter/vcenterCsv';
import { windowsEventsCsv } from './windows/windowsEventsCsv';
import { windowsEventsText } from './windows/windowsEventsText';
import { windowsEventsPasted } from './windows/windowsEventsPasted';
import { windowsEventsXml } from './windows/windowsEventsXml';
import { agentJobMessages, agentLevelLog, imageTaskLog } from './backup/agents';
import { codeLines } from './backup/generic';
import { veeamErrorText, veeamLog } from './backup/veeam';
import { vmwareProductErrors } from './backup/vmwareProducts';
import { ntbackupReport, windowsServerBackupLog } from './backup/windowsBackup';
import { wsbErrorLog } from './windows/wsbErrorLog';

/**
 * The explicit, ordered format registry: detection tries formats in this order and the first match wins,
 * so a more specific format must come before a more general one. The registry test proves each format's
 * samples are detected by that format and by no format before it.
 */
export const FORMATS: readonly FormatDefinition[] = [
	// Windows guest: vssadmin listings (one classifier decides which, so their order does not matter)
	vssadminWriters,
	vssadminProviders,
	vssadminShadows,
	vssadminShadowStorage,
	vssadminVolumes,
	// VSS documents (members of vss_manifests*.zip)
	vssBackupComponents,
	vssWriterMetadata,
	// ESXi host: vmware.log, hostd/vpxa/vpxd, .vmx
	vmwareLog,
	vmx,
	hostdLog,
	vpxaLog,
	vpxdLog,
	// VMware Tools guest logs, tools.conf, SQL Writer log
	sqlWriterLog,
	toolsLog,
	toolsConf,
	// Windows events (XML, text, CSV), vCenter exports (CSV), registry exports
	windowsEventsXml,
	windowsEventsText,
	windowsEventsCsv,
	vcenterTasksCsv,
	vcenterEventsCsv,
	registryExport,
	// Backup products (requesters): their logs and pasted error text
	veeamLog,
	imageTaskLog,
	ntbackupReport,
	wsbErrorLog,
	windowsServerBackupLog,
	agentLevelLog,
	agentJobMessages,
	veeamErrorText,
	vmwareProductErrors,
	// Pasted evidence with the least structure last: events without a full header, then any line with an error code
	windowsEventsPasted,
	codeLines,
];
