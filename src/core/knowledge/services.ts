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
}

const s = (name: string, role: ServiceRole, startType: QuiesceService['startType'], ...displayNames: string[]): QuiesceService => ({ name, role, startType, displayNames });

export const QUIESCE_SERVICES: readonly QuiesceService[] = [
	s('VSS', 'vss', 'Manual', 'Volume Shadow Copy', 'Volumeschattenkopie', 'Cliché instantané des volumes', 'Instantáneas de volumen', 'Copia shadow del volume', 'Теневое копирование тома'),
	s('swprv', 'provider', 'Manual', 'Microsoft Software Shadow Copy Provider', 'Microsoft-Softwareschattenkopie-Anbieter', 'Fournisseur de cliché instantané de logiciel Microsoft', 'Proveedor de instantáneas de software de Microsoft'),
	s('vmvss', 'provider', 'Manual', 'VMware Snapshot Provider'),
	s('SQLWriter', 'writer', 'Automatic', 'SQL Server VSS Writer'),
	s('VMTools', 'agent', 'Automatic', 'VMware Tools'),
	s('VeeamEndpointBackupSvc', 'agent', 'Automatic', 'Veeam Agent for Microsoft Windows', 'Veeam Endpoint Backup Service'),
	s('VeeamDeploymentSvc', 'agent', 'Automatic', 'Veeam Installer Service'),
	s('EventSystem', 'com', 'Automatic', 'COM+ Event System', 'COM+-Ereignissystem', "Système d'événement COM+"),
	s('COMSysApp', 'com', 'Manual', 'COM+ System Application', 'COM+-Systemanwendung', 'Application système COM+'),
];

const BY_NAME = new Map(QUIESCE_SERVICES.map((v) => [v.name.toLowerCase(), v]));
/** Display names, longest first, so that a name that contains another wins. */
const DISPLAY = QUIESCE_SERVICES.flatMap((v) => v.displayNames.map((d) => ({ d: d.toLowerCase(), v }))).sort((a, b) => b.d.length - a.d.length);

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
