/**
 * The Windows services a quiesced backup runs through, as the Service Control Manager's events name them: the
 * VSS service itself, the system provider, the writers' and the backup agents' services. An SCM event names
 * the service twice: by its display name in its first insertion string (`%1`, rendered into the message) and by
 * its service (key) name in its Binary data (UTF-16, since Windows Vista). The key name is never translated; a
 * display name is the service's own registered value, which some languages' Windows builds translate (the VSS
 * service is `Volumeschattenkopie` in German): every form seen in published SCM events is listed, so that a
 * message copied without its Binary part still names the service, but only inside an SCM event (the id and
 * the provider say what the value is).
 */

/** What a service is to a snapshot. */
export type ServiceRole = 'vss' | 'provider' | 'writer' | 'agent' | 'com';

export interface QuiesceService {
	/** The service (key) name: `sc query <name>`, `Restart-Service -Name <name>`. */
	name: string;
	role: ServiceRole;
	/** Its start type as Windows or the product installs it (`Set-Service -StartupType`). */
	startType: 'Manual' | 'Automatic';
	/** Its display names as the SCM prints them (`%1` of 7034), English first. */
	displayNames: readonly string[];
	/** The executable of its own process (lower case), which Application Error 1000 names when it crashes; null for a service hosted by svchost. */
	process: string | null;
}

const s = (name: string, role: ServiceRole, startType: QuiesceService['startType'], process: string | null, ...displayNames: string[]): QuiesceService => ({ name, role, startType, process, displayNames });

export const QUIESCE_SERVICES: readonly QuiesceService[] = [
	s('VSS', 'vss', 'Manual', 'vssvc.exe', 'Volume Shadow Copy', 'Volumeschattenkopie', 'Cliché instantané des volumes', 'Instantáneas de volumen', 'Copia shadow del volume', 'Теневое копирование тома'),
	s('swprv', 'provider', 'Manual', null, 'Microsoft Software Shadow Copy Provider', 'Microsoft-Softwareschattenkopie-Anbieter', 'Fournisseur de cliché instantané de logiciel Microsoft', 'Proveedor de instantáneas de software de Microsoft'),
	s('vmvss', 'provider', 'Manual', null, 'VMware Snapshot Provider'),
	s('SQLWriter', 'writer', 'Automatic', 'sqlwriter.exe', 'SQL Server VSS Writer'),
	s('VMTools', 'agent', 'Automatic', 'vmtoolsd.exe', 'VMware Tools'),
	s('VeeamEndpointBackupSvc', 'agent', 'Automatic', null, 'Veeam Agent for Microsoft Windows', 'Veeam Endpoint Backup Service'),
	s('VeeamDeploymentSvc', 'agent', 'Automatic', null, 'Veeam Installer Service'),
	// Windows Server Backup's engine, the requester of its backups (its own process, which Application Error 1000 names).
	s('wbengine', 'agent', 'Manual', 'wbengine.exe', 'Block Level Backup Engine Service'),
	s('EventSystem', 'com', 'Automatic', null, 'COM+ Event System', 'COM+-Ereignissystem', "Système d'événement COM+"),
	s('COMSysApp', 'com', 'Manual', null, 'COM+ System Application', 'COM+-Systemanwendung', 'Application système COM+'),
];

const BY_NAME = new Map(QUIESCE_SERVICES.map((v) => [v.name.toLowerCase(), v]));
/** Display names, longest first, so that a name that contains another wins. */
const DISPLAY = QUIESCE_SERVICES.flatMap((v) => v.displayNames.map((d) => ({ d: d.toLowerCase(), v }))).sort((a, b) => b.d.length - a.d.length);

const BY_PROCESS = new Map(QUIESCE_SERVICES.flatMap((v) => (v.process !== null ? [[v.process, v] as const] : [])));
/** An executable's file name in a text: never translated, whatever the labels around it are. */
const EXECUTABLE = /(?<![\w.-])([\w.-]{1,80}\.exe)(?![\w.])/gi;

/**
 * The service whose own process crashed, from an Application Error 1000: the faulting application is its first
 * insertion string, and the first executable its message names (the labels around it are translated).
 */
export function crashedService(e: { data: readonly string[]; message: string | null }): QuiesceService | null {
	const first = e.data[0]?.trim().toLowerCase();
	if (first !== undefined && first !== '') return BY_PROCESS.get(first) ?? null;
	const exe = [...(e.message ?? '').matchAll(EXECUTABLE)][0]?.[1].toLowerCase();
	return exe !== undefined ? (BY_PROCESS.get(exe) ?? null) : null;
}

/** The faulting module an Application Error 1000 names (its fourth insertion string, else the message's first DLL), or null. */
export function faultingModule(e: { data: readonly string[]; message: string | null }): string | null {
	if (e.data.length >= 4 && e.data[3].trim() !== '') return e.data[3].trim();
	return /(?<![\w.-])([\w.-]{1,80}\.dll)(?![\w.])/i.exec(e.message ?? '')?.[1] ?? null;
}

/** The service whose key name is `name` (any case), or undefined. */
export const serviceByName = (name: string): QuiesceService | undefined => BY_NAME.get(name.trim().toLowerCase());

/**
 * The service an SCM event names: its Binary data's key name first, then an insertion string that is a key or a
 * display name, then a display name inside the message (a copy without its insertion strings).
 */
export function serviceOf(e: { binaryText: string | null; data: readonly string[]; message: string | null }): QuiesceService | null {
	const fromBinary = e.binaryText !== null ? serviceByName(e.binaryText) : undefined;
	if (fromBinary) return fromBinary;
	for (const v of e.data) {
		const found = serviceByName(v) ?? DISPLAY.find((x) => x.d === v.trim().toLowerCase())?.v;
		if (found) return found;
	}
	const message = e.message?.toLowerCase() ?? '';
	return DISPLAY.find((x) => message.includes(x.d))?.v ?? null;
}

/** What an SCM event says happened to the service. */
export type ServiceStop = 'crashed' | 'error' | 'start' | 'hung' | 'shutdown';

/** The SCM events of a service that stopped or could not start (knowledge/events.ts), by what each says. */
export const SERVICE_STOPS: Readonly<Record<number, ServiceStop>> = {
	7000: 'start',
	7009: 'start',
	7011: 'hung',
	7022: 'start',
	7023: 'error',
	7024: 'error',
	7031: 'crashed',
	7034: 'crashed',
	7043: 'shutdown',
};
