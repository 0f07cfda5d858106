/**
 * VSS providers whose ids are public, so a provider list can be read without its (localized) type words:
 * anything else registered is a third-party provider. Ids lower case without braces.
 */
export interface KnownProvider {
	name: string;
	vendor: 'microsoft' | 'vmware';
	/** The Windows service that hosts it, when public. */
	service: string | null;
	source: string;
}

/** `VMware Snapshot Provider`: the id is the ASCII of "VMware VSS Provi" (formats.md §2.1). */
export const VMWARE_PROVIDER_ID = '564d7761-7265-2056-5353-2050726f7669';
/** `Microsoft Software Shadow Copy provider 1.0`, the system provider (formats.md §2.1). */
export const MICROSOFT_PROVIDER_ID = 'b5946137-7b9f-4925-af80-51abd60b20d5';
/** `Hyper-V IC Software Shadow Copy Provider`, the Hyper-V integration services' provider in a guest (vmicvss). */
export const HYPERV_PROVIDER_ID = '74600e39-7dc5-4567-a03b-f091d6c7b092';

export const KNOWN_PROVIDERS: Readonly<Record<string, KnownProvider>> = {
	[MICROSOFT_PROVIDER_ID]: { name: 'Microsoft Software Shadow Copy provider 1.0', vendor: 'microsoft', service: 'swprv', source: 'https://learn.microsoft.com/troubleshoot/windows-server/backup-and-storage/backup-fails-event-12292-11' },
	'89300202-3cec-4981-9171-19f59559e0f2': { name: 'Microsoft File Share Shadow Copy provider', vendor: 'microsoft', service: null, source: 'Microsoft Learn DiskShadow example output (Provider ID {89300202-…}, FileShare)' },
	[HYPERV_PROVIDER_ID]: { name: 'Hyper-V IC Software Shadow Copy Provider', vendor: 'microsoft', service: null, source: 'Microsoft Japan Windows support blog 2023-01-30 (VSS 22/12292 on Azure, class {3e02620c-…}); public VSS event dumps' },
	[VMWARE_PROVIDER_ID]: { name: 'VMware Snapshot Provider', vendor: 'vmware', service: 'vmvss', source: 'vssadmin list providers in guests with VMware Tools; its id is the ASCII of "VMware VSS Provi", its service vmvss' },
};

/** The COM class of the Microsoft software provider (swprv), which VSS 11/12292 name when it cannot start. */
export const MICROSOFT_PROVIDER_CLSID = '65ee1dba-8ff4-4a58-ac1c-3470ee2f376a';

/** `{564D7761-…}` / `564d7761-…` → `564d7761-…`. */
export const guidKey = (id: string): string => id.toLowerCase().replace(/[{}]/g, '');

/** True for a provider Microsoft does not ship with Windows (VMware's included: VSS sees it as third-party). */
export const isThirdParty = (id: string): boolean => KNOWN_PROVIDERS[guidKey(id)]?.vendor !== 'microsoft';
