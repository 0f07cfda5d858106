import { loggedByProviderQuery } from '../../knowledge/events';
import { pushTo } from '../../collections';
import { firstHresult, type KindRecord, type LogRecord } from '../../model/records';
import type { Evidence, Provider } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { hresultLabel } from '../../knowledge/hresults';
import { guidKey, isThirdParty, KNOWN_PROVIDERS, MICROSOFT_PROVIDER_CLSID, MICROSOFT_PROVIDER_ID, VMWARE_PROVIDER_ID } from '../../knowledge/providers';
import { ruleDefaults } from '../ruleCatalogue';
import { attemptName, ev, mergeEvidence, namedEvents, onVmware, type RuleFinding, signalEvidence, signalHresult, signals, steps, tr, windowsEvents, withHresult } from './common';

/**
 * QL401–QL403, VSS providers: a provider that vetoed the snapshot (QL401), several third-party providers
 * competing (QL402), and a provider registered twice or not at all (QL403). Providers are told apart by
 * their GUIDs, never by their (localized) type words.
 */
export function providerRules(input: DiagnosisInput): RuleFinding[] {
	return [...vetoes(input), ...competing(input), ...registrations(input)];
}

const VETO = new Set(['0x80042306', '0x8004230F']);
const REGISTRATION = new Set(['0x80042303', '0x80042304']);

/** `'VMware Snapshot Provider' {564d7761-…}`, from the listing or the known ids. */
export function providerName(input: DiagnosisInput, id: string, named: string | null = null): string {
	const key = guidKey(id);
	const name = input.providers.find((p) => p.id !== null && guidKey(p.id) === key)?.name ?? KNOWN_PROVIDERS[key]?.name ?? named;
	return name ? `'${name}' {${key}}` : `{${key}}`;
}

/** A provider's line: the registry key or listing line read there when the input has it. */
export function providerEvidence(input: DiagnosisInput, p: Provider): Evidence {
	const r = input.records.find((x) => x.source.path === p.source.path && x.source.line === p.source.line);
	return ev(p.source.path, p.source.line, r?.text ?? `${p.name} {${p.id ?? ''}}`);
}

/** Third-party providers, each once: the same GUID or name in several lists is one provider (a duplicate is QL403's). */
const thirdParty = (input: DiagnosisInput) => {
	const seen = new Set<string>();
	return input.providers.filter((p) => {
		if (!p.id || !isThirdParty(p.id)) return false;
		const keys = [guidKey(p.id), p.name.toLowerCase()];
		const isNew = keys.every((k) => !seen.has(k));
		keys.forEach((k) => seen.add(k));
		return isNew;
	});
};

/**
 * The volsnap events of a shadow copy the system provider's driver could not create or had to abort, for a
 * reason of its own rather than its storage (QL404's): no non-paged pool for its bitmap (5), an I/O failure
 * (14), a failed free-space computation (20), on-disk structures it could not create (28).
 */
const VOLSNAP_ABORTS = [5, 14, 20, 28];
/** volsnap's event of a shadow copy it could not create for want of non-paged pool. */
const NO_NONPAGED_POOL = 5;
/** A driver's final status that says kernel memory ran out (ntstatus.h). */
const KERNEL_MEMORY = new Set(['0xC000009A', '0xC0000017']);

/** VSS 12362: a hardware provider's shadow copy LUN was not detected and did not arrive. */
const LUN_NOT_ARRIVED = 12362;

/** QL401: the provider vetoed the snapshot (0x80042306 / 0x8004230F, VSS 12293 naming the provider GUID, volsnap's own aborts). */
function vetoes(input: DiagnosisInput): RuleFinding[] {
	const records = [...windowsEvents(input, 'VSS', [12293, LUN_NOT_ARRIVED]), ...windowsEvents(input, 'volsnap', VOLSNAP_ABORTS), ...withHresult(input, VETO).filter((r) => r.kind !== 'windows-event')];
	const others = thirdParty(input);
	const t = tr(input);
	return signals(input, records, (a) => VETO.has(String(a.hresult))).map(({ attempt: a, records: own }) => {
		const ids = [
			...new Set(
				own
					// 12293 names its provider by a GUID in its message; 12362 by its context's Provider ID.
					.map((r) => (r.kind === 'windows-event' ? (r.fields.eventId === LUN_NOT_ARRIVED ? r.fields.providerId : r.fields.guid) : null))
					.filter((g): g is string => g !== null)
					.map(guidKey),
			),
		];
		// The name an event's context gives its provider (12362's `Provider Name:`), when no listing names that id.
		const named = (id: string) => own.find((r): r is KindRecord<'windows-event'> => r.kind === 'windows-event' && r.fields.providerId !== null && guidKey(r.fields.providerId) === id)?.fields.providerName ?? null;
		// A LUN of the provider the backup uses that never arrived: that provider is needed, not one to remove.
		const lun = own.some((r) => r.kind === 'windows-event' && r.fields.eventId === LUN_NOT_ARRIVED);
		// volsnap.sys is the driver of Microsoft's own software provider.
		const volsnapEvents = own.filter((r): r is KindRecord<'windows-event'> => r.kind === 'windows-event' && String(r.fields.provider).toLowerCase() === 'volsnap');
		// Without a VSS code, the driver's own final status (its events' binary data) is the code.
		const hr = signalHresult(a, own, VETO) ?? volsnapEvents.find((r) => r.fields.finalStatus !== null)?.fields.finalStatus ?? null;
		const volsnap = volsnapEvents.length > 0;
		// Out of kernel memory: event 5 (no non-paged pool for its bitmap), or binary data whose final status says so.
		const kernelMemory = volsnapEvents.some((r) => r.fields.eventId === NO_NONPAGED_POOL || KERNEL_MEMORY.has(r.fields.finalStatus ?? ''));
		const vendors: string[] = [...ids.map((id) => KNOWN_PROVIDERS[id]?.vendor ?? 'third-party'), ...(volsnap ? ['microsoft'] : [])];
		return {
			...ruleDefaults('QL401'),
			title: t('QL401.title', { provider: ids.length > 0 ? providerName(input, ids[0], named(ids[0])) : null }),
			message: t('QL401.message', {
				providers: ids.map((id) => providerName(input, id, named(id))),
				attempt: attemptName(input, a),
				hrLabel: hr ? hresultLabel(hr) : null,
				events: namedEvents(input, own),
				others: others.map((p) => providerName(input, p.id!)),
			}),
			attemptId: a?.id ?? null,
			writers: [],
			hresult: hr,
			fix: steps(
				t('QL401.fix.events'),
				vendors.includes('vmware') && onVmware(input, t('QL401.fix.vmvss')),
				kernelMemory && t('QL401.fix.kernelMemory'),
				lun && t('QL401.fix.lun'),
				vendors.includes('microsoft') && t('QL401.fix.swprv'),
				((vendors.includes('third-party') && !lun) || others.length >= 2) && t('QL401.fix.uninstall'),
				t('common.retryBackup'),
			),
			evidence: signalEvidence(input, a, own),
		};
	});
}

/** QL402: more than one non-Microsoft provider is registered; they compete for the same snapshot. */
function competing(input: DiagnosisInput): RuleFinding[] {
	const others = thirdParty(input);
	if (others.length < 2) return [];
	const vmware = others.some((p) => guidKey(p.id!) === VMWARE_PROVIDER_ID);
	const t = tr(input);
	return [
		{
			...ruleDefaults('QL402'),
			title: t('QL402.title', { count: others.length }),
			message: t('QL402.message', { providers: others.map((p) => providerName(input, p.id!)) }),
			attemptId: null,
			writers: [],
			hresult: null,
			fix: steps(t('QL402.fix.keepOne'), vmware && onVmware(input, t('QL402.fix.vmware')), t('QL402.fix.check')),
			evidence: others.map((p) => providerEvidence(input, p)),
		},
	];
}

/** `ControlSet001` / `CurrentControlSet` of a registry provider key, so two control sets are not read as a duplicate. */
function controlSet(input: DiagnosisInput, p: Provider): string {
	const r = input.records.find((x): x is KindRecord<'registry-key'> => x.kind === 'registry-key' && x.source.path === p.source.path && x.source.line === p.source.line);
	return /\\(CurrentControlSet|ControlSet\d{3})\\/i.exec(r?.fields.key ?? '')?.[1].toLowerCase() ?? '';
}

/** Providers registered twice in one list (same GUID, or same name under two GUIDs), grouped. */
function duplicates(input: DiagnosisInput): Provider[][] {
	const groups = new Map<string, Provider[]>();
	for (const p of input.providers) {
		const scope = `${p.source.path}\n${controlSet(input, p)}`;
		for (const key of [p.id ? `id:${guidKey(p.id)}` : null, /^\{.*\}$/.test(p.name) ? null : `name:${p.name.toLowerCase()}`]) {
			if (key) pushTo(groups, `${scope}\n${key}`, p);
		}
	}
	// A provider that repeats both its id and its name shows up in two groups: keep each set once.
	const seen = new Set<string>();
	return [...groups.values()]
		.filter((g) => g.length > 1)
		.filter((g) => {
			const key = g.map((p) => `${p.source.path}:${p.source.line}`).join('|');
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
}

/** COM's REGDB_E_CLASSNOTREG: the class VSS asked for is not registered on this machine at all. */
const CLASS_NOT_REGISTERED = '0x80040154';
/** A `{GUID}` in a message. */
const BRACED_GUID = /\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}/gi;

/**
 * The providers the events name, by id (lower case): a GUID of their message (or insertion strings) that the
 * bundle's provider list or the known ids say is a provider. VSS 12292's context prints the provider's id
 * beside the class id, under labels each display language translates; the GUIDs are the same in all.
 */
function namedProviders(input: DiagnosisInput, records: readonly LogRecord[]): string[] {
	const listed = new Set(input.providers.flatMap((p) => (p.id !== null ? [guidKey(p.id)] : [])));
	const ids = new Set<string>();
	for (const r of records) {
		if (r.kind !== 'windows-event') continue;
		const texts = [r.fields.message ?? '', ...(r.fields.guid !== null ? [`{${r.fields.guid}}`] : [])];
		for (const text of texts) for (const m of text.matchAll(BRACED_GUID)) if (listed.has(guidKey(m[1])) || KNOWN_PROVIDERS[guidKey(m[1])]) ids.add(guidKey(m[1]));
	}
	return [...ids];
}

/**
 * QL403: a provider registered twice (a stale VMware Snapshot Provider key left by an old Tools install is
 * how 0x80042303 / `IDispatch error #8451` shows), not registered (0x80042304), or whose COM class cannot
 * be created (VSS 12292).
 */
function registrations(input: DiagnosisInput): RuleFinding[] {
	const dups = duplicates(input);
	const records: LogRecord[] = [...windowsEvents(input, 'VSS', [12292]), ...withHresult(input, REGISTRATION).filter((r) => r.kind !== 'windows-event')];
	const found = signals(input, records, (a) => REGISTRATION.has(String(a.hresult)));
	if (found.length === 0 && dups.length === 0) return [];
	const dupEvidence = dups.flat().map((p) => providerEvidence(input, p));
	const t = tr(input);
	const label = (p: Provider) => (p.id ? providerName(input, p.id) : `'${p.name}'`);
	const dupText = dups.map((g) => t('QL403.duplicate', { labels: g.map(label), path: g[0].source.path })).join('; ');
	const vmware = dups.flat().some((p) => p.id !== null && guidKey(p.id) === VMWARE_PROVIDER_ID);
	// The class id is an insertion string of the event's data, or (an event pasted as text) in its message.
	const swprv = records.some((r) => r.kind === 'windows-event' && (r.fields.guid === MICROSOFT_PROVIDER_CLSID || (r.fields.message?.toLowerCase().includes(`{${MICROSOFT_PROVIDER_CLSID}}`) ?? false)));
	// In a group that holds the provider's published GUID, the other registrations are the stale ones.
	const stale = dups.flatMap((g) => (g.some((p) => p.id !== null && KNOWN_PROVIDERS[guidKey(p.id)]) ? g.filter((p) => p.id !== null && !KNOWN_PROVIDERS[guidKey(p.id)]) : []));
	const named = namedProviders(input, records);
	// A provider whose COM class is not registered at all: the software that installed it is gone or broken
	// while VSS still lists it, a leftover registration (never the system provider's, which KB 2009513 repairs).
	const leftover = records.some((r) => r.kind === 'windows-event' && r.fields.hresult === CLASS_NOT_REGISTERED) ? named.filter((id) => id !== MICROSOFT_PROVIDER_ID) : [];
	const fix = steps(
		leftover.map((id) => t('QL403.fix.classGone', { provider: providerName(input, id) })),
		(dups.length > 0 || leftover.length > 0) && t('QL403.fix.export'),
		[...stale.map((p) => guidKey(p.id!)), ...leftover].map((guid) => t('QL403.fix.deleteStale', { guid })),
		dups.length > 0 && stale.length === 0 && t('QL403.fix.askVendor'),
		vmware && onVmware(input, t('QL403.fix.repairTools')),
		swprv && t('QL403.fix.swprv'),
		t('QL403.fix.restartVss'),
		t('common.retryBackup'),
	);
	const base = { writers: [], ...ruleDefaults('QL403') };
	if (found.length === 0) {
		return [
			{
				...base,
				severity: 'warning',
				title: t('QL403.twice.title'),
				message: t('QL403.twice.message', { duplicates: dupText, vmware: input.hypervisor !== 'hyper-v' }),
				attemptId: null,
				hresult: null,
				fix,
				evidence: dupEvidence,
			},
		];
	}
	return found.map(({ attempt: a, records: own }): RuleFinding => {
		// VSS 12292 carries the COM error of the provider class (0x80080005 …) rather than a VSS code.
		const hr = signalHresult(a, own, REGISTRATION) ?? firstHresult(own);
		// Only 12292s logged while VSS listed every provider for a query (no try holds them): that provider is skipped.
		const query = a === null && own.length > 0 && own.every((r) => r.kind === 'windows-event' && loggedByProviderQuery(r.fields.message ?? ''));
		return {
			...base,
			...(query ? { severity: 'warning' as const } : {}),
			title: t('QL403.broken.title'),
			message: t('QL403.broken.message', {
				attempt: attemptName(input, a),
				hrLabel: hr ? hresultLabel(hr) : null,
				events: namedEvents(input, own),
				duplicates: dups.length > 0 ? dupText : null,
				providers: namedProviders(input, own).map((id) => providerName(input, id)),
				query,
			}),
			attemptId: a?.id ?? null,
			hresult: hr,
			fix,
			evidence: mergeEvidence(signalEvidence(input, a, own), dupEvidence),
		};
	});
}
