import type { FormatDefinition } from './format';
import { hostdLog, vpxaLog, vpxdLog } from './esxiAgentLog';
import { vmwareLog } from './vmwareLog';
import { vmx } from './vmx';
import { vssadminProviders, vssadminShadows, vssadminShadowStorage, vssadminVolumes } from './vssadminListings';
import { vssBackupComponents, vssWriterMetadata } from './vssManifest';
import { vssadminWriters } from './vssadminWriters';
import { sqlWriterLog } from './sqlWriterLog';
import { toolsConf } from './toolsConf';
import { toolsLog } from './toolsLog';
import { registryExport } from './registryExport';
import { vcenterEventsCsv, vcenterTasksCsv } from './vcenterCsv';
import { windowsEventsCsv } from './windowsEventsCsv';
import { windowsEventsText } from './windowsEventsText';
import { windowsEventsXml } from './windowsEventsXml';

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
];
