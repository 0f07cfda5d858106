/**
 * Writer name → the Windows service that hosts it (the one to restart to reset a failed writer).
 * Writer names come from the writers themselves and are never translated. Sources: formats.md §9,
 * Microsoft Learn "In-Box VSS Writers".
 */
export const WRITER_SERVICES: Readonly<Record<string, string>> = {
	'System Writer': 'CryptSvc',
	'WMI Writer': 'Winmgmt',
	'SqlServerWriter': 'SQLWriter',
	'Microsoft Exchange Writer': 'MSExchangeRepl',
	'Microsoft Exchange Replica Writer': 'MSExchangeRepl',
	'NTDS': 'NTDS',
	'Registry Writer': 'VSS',
	'Shadow Copy Optimization Writer': 'VSS',
	'COM+ REGDB Writer': 'VSS',
	'VSS Metadata Store Writer': 'VSS',
	'ASR Writer': 'VSS',
	'Task Scheduler Writer': 'Schedule',
	'BITS Writer': 'BITS',
	'IIS Config Writer': 'AppHostSvc',
	'IIS Metabase Writer': 'IISADMIN',
	'Microsoft Hyper-V VSS Writer': 'vmms',
	'DFS Replication service writer': 'DFSR',
	'Certificate Authority': 'CertSvc',
	'Dhcp Jet Writer': 'DHCPServer',
	'FRS Writer': 'NtFrs',
	'MSSearch Service Writer': 'WSearch',
	'Cluster Database': 'ClusSvc',
};

/** The hosting service of a writer, or null when not known. */
export function writerService(name: string): string | null {
	return Object.prototype.hasOwnProperty.call(WRITER_SERVICES, name) ? WRITER_SERVICES[name] : null;
}
