import { pushTo } from '../../collections';
import type { LogRecord } from '../../model/records';
import type { Evidence, Finding, Provider } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { hresultLabel } from '../hresults';
import { KB } from '../kb';
import { guidKey, isThirdParty, KNOWN_PROVIDERS, MICROSOFT_PROVIDER_CLSID, VMWARE_PROVIDER_ID } from '../providers';
import { attemptName, ev, mergeEvidence, namedEvents, onVmware, signalEvidence, signalHresult, signals, steps, str, windowsEvents } from './common';

/**
 * QL401–QL403, VSS providers: a provider that vetoed the snapshot (QL401), several third-party providers
 * competing (QL402), and a provider registered twice or not at all (QL403). Providers are told apart by
 * their GUIDs, never by their (localized) type words.
 */
export function providerRules(input: DiagnosisInput): Finding[] {
	return [...vetoes(input), ...competing(input), ...registrations(input)];
}

const VETO = new Set(['0x80042306', '0x8004230F']);
const REGISTRATION = new Set(['0x80042303', '0x80042304']);

/** `'VMware Snapshot Provider' {564d7761-…}`, from the listing or the known ids. */
function providerName(input: DiagnosisInput, id: string): string {
	const key = guidKey(id);
	const name = input.providers.find((p) => p.id !== null && guidKey(p.id) === key)?.name ?? KNOWN_PROVIDERS[key]?.name;
	return name ? `'${name}' {${key}}` : `{${key}}`;
}

/** A provider's line: the registry key or listing line read there when the input has it. */
function providerEvidence(input: DiagnosisInput, p: Provider): Evidence {
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

/** QL401: the provider vetoed the snapshot (0x80042306 / 0x8004230F, VSS 12293 naming the provider GUID). */
function vetoes(input: DiagnosisInput): Finding[] {
	const records = [...windowsEvents(input, 'VSS', [12293]), ...input.records.filter((r) => r.kind !== 'windows-event' && VETO.has(String(r.fields.hresult)))];
	const others = thirdParty(input);
	return signals(input, records, (a) => VETO.has(String(a.hresult))).map(({ attempt: a, records: own }) => {
		const ids = [...new Set(own.map((r) => str(r.fields.guid)).filter((g): g is string => g !== null).map(guidKey))];
		const hr = signalHresult(a, own, VETO);
		const vendors: string[] = ids.map((id) => KNOWN_PROVIDERS[id]?.vendor ?? 'third-party');
		const who = ids.length > 0 ? `The shadow copy provider ${ids.map((id) => providerName(input, id)).join(' and ')}` : 'The shadow copy provider';
		const competingNote = others.length >= 2 ? ` ${others.length} third-party providers are registered (${others.map((p) => providerName(input, p.id!)).join(', ')}); more than one non-Microsoft provider is a classic cause of this veto.` : '';
		return {
			code: 'QL401',
			severity: 'error',
			title: ids.length > 0 ? `The VSS provider ${providerName(input, ids[0])} vetoed the snapshot` : 'The VSS provider vetoed the snapshot',
			message: `${who} failed the shadow copy in ${attemptName(a)}${hr ? ` with ${hresultLabel(hr)}` : ''}${namedEvents(own)}: the provider that creates the shadow copy had an error, so no snapshot of the volumes was taken.${competingNote}`,
			attemptId: a?.id ?? null,
			writers: [],
			hresult: hr,
			kb: [KB.providerErrors, KB.providerClass],
			fix: steps(
				'Look in the Application event log at that time for the provider\'s own error (VSS 12293 names the routine that failed) and in the System log for volsnap and disk errors.',
				vendors.includes('vmware') && onVmware(input, 'Check the VMware Snapshot Provider service: `Get-Service -Name vmvss` must exist and not be disabled; if it is missing, repair VMware Tools with its VSS component (Programs and Features → VMware Tools → Change → Repair) and reboot.'),
				vendors.includes('microsoft') && 'Restart the Microsoft Software Shadow Copy Provider: `Restart-Service -Name swprv`, and check the shadow storage (`vssadmin list shadowstorage`).',
				(vendors.includes('third-party') || others.length >= 2) && 'Uninstall the software of third-party providers that are no longer used (its uninstaller removes the provider), so only the provider the backup needs stays registered; check with `vssadmin list providers`.',
				'Retry the backup.',
			),
			evidence: signalEvidence(input, a, own),
		};
	});
}

/** QL402: more than one non-Microsoft provider is registered; they compete for the same snapshot. */
function competing(input: DiagnosisInput): Finding[] {
	const others = thirdParty(input);
	if (others.length < 2) return [];
	const vmware = others.some((p) => guidKey(p.id!) === VMWARE_PROVIDER_ID);
	return [{
		code: 'QL402',
		severity: 'warning',
		title: `${others.length} third-party VSS providers are registered`,
		message: `Besides Microsoft's own providers, ${others.map((p) => providerName(input, p.id!)).join(', ')} are registered. Each backup product that installs a provider competes for the same shadow copy; more than one is a classic cause of provider vetoes (0x80042306) and unexpected provider errors (0x8004230F).`,
		attemptId: null,
		writers: [],
		hresult: null,
		kb: [KB.providerErrors],
		fix: steps(
			'Keep only the provider of the backup product in use: uninstall the software of the others (its uninstaller removes the provider).',
			vmware && onVmware(input, 'For VMware quiesced snapshots the VMware Snapshot Provider is the one needed; remove the others.'),
			'Run `vssadmin list providers` and check the list, then retry the backup.',
		),
		evidence: others.map((p) => providerEvidence(input, p)),
	}];
}

/** `ControlSet001` / `CurrentControlSet` of a registry provider key, so two control sets are not read as a duplicate. */
function controlSet(input: DiagnosisInput, p: Provider): string {
	const r = input.records.find((x) => x.kind === 'registry-key' && x.source.path === p.source.path && x.source.line === p.source.line);
	return /\\(CurrentControlSet|ControlSet\d{3})\\/i.exec(String(r?.fields.key ?? ''))?.[1].toLowerCase() ?? '';
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
	return [...groups.values()].filter((g) => g.length > 1).filter((g) => {
		const key = g.map((p) => `${p.source.path}:${p.source.line}`).join('|');
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/**
 * QL403: a provider registered twice (a stale VMware Snapshot Provider key left by an old Tools install is
 * how 0x80042303 / `IDispatch error #8451` shows), not registered (0x80042304), or whose COM class cannot
 * be created (VSS 12292).
 */
function registrations(input: DiagnosisInput): Finding[] {
	const dups = duplicates(input);
	const records: LogRecord[] = [...windowsEvents(input, 'VSS', [12292]), ...input.records.filter((r) => r.kind !== 'windows-event' && REGISTRATION.has(String(r.fields.hresult)))];
	const found = signals(input, records, (a) => REGISTRATION.has(String(a.hresult)));
	if (found.length === 0 && dups.length === 0) return [];
	const dupEvidence = dups.flat().map((p) => providerEvidence(input, p));
	const label = (p: Provider) => (p.id ? providerName(input, p.id) : `'${p.name}'`);
	const dupText = dups.map((g) => `${g.map(label).join(' and ')} in ${g[0].source.path}`).join('; ');
	const vmware = dups.flat().some((p) => p.id !== null && guidKey(p.id) === VMWARE_PROVIDER_ID);
	const swprv = records.some((r) => r.fields.guid === MICROSOFT_PROVIDER_CLSID);
	// In a group that holds the provider's published GUID, the other registrations are the stale ones.
	const stale = dups.flatMap((g) => (g.some((p) => p.id !== null && KNOWN_PROVIDERS[guidKey(p.id)]) ? g.filter((p) => p.id !== null && !KNOWN_PROVIDERS[guidKey(p.id)]) : []));
	const fix = steps(
		dups.length > 0 && 'Back up the provider keys first: `reg export HKLM\\SYSTEM\\CurrentControlSet\\Services\\VSS\\Providers vss-providers.reg`.',
		...stale.map((p) => `Delete the stale registration: \`reg delete "HKLM\\SYSTEM\\CurrentControlSet\\Services\\VSS\\Providers\\{${guidKey(p.id!)}}" /f\`.`),
		dups.length > 0 && stale.length === 0 && 'Delete the registrations the provider\'s vendor did not create (ask the vendor which GUID is current), keeping one per provider.',
		vmware && onVmware(input, 'Repair VMware Tools (Programs and Features → VMware Tools → Change → Repair) so it registers its VSS provider once.'),
		swprv && 'The Microsoft Software Shadow Copy Provider cannot start: check that `HKLM\\SYSTEM\\CurrentControlSet\\Services\\swprv\\Parameters` has `ServiceDll` = `%Systemroot%\\System32\\swprv.dll` (REG_EXPAND_SZ).',
		'Restart the Volume Shadow Copy service: `Restart-Service -Name VSS`, then check `vssadmin list providers` lists each provider once.',
		'Retry the backup.',
	);
	const base = { writers: [], kb: [KB.providerClass, KB.providerErrors] };
	if (found.length === 0) {
		return [{
			...base,
			code: 'QL403',
			severity: 'warning',
			title: 'A VSS provider is registered twice',
			message: `The provider list registers the same provider more than once: ${dupText}. A stale registration makes VSS fail with VSS_E_PROVIDER_ALREADY_REGISTERED (0x80042303, shown by VMware Tools as IDispatch error #8451) the next time it loads the providers.`,
			attemptId: null,
			hresult: null,
			fix,
			evidence: dupEvidence,
		}];
	}
	return found.map(({ attempt: a, records: own }): Finding => {
		// VSS 12292 carries the COM error of the provider class (0x80080005 …) rather than a VSS code.
		const hr = signalHresult(a, own, REGISTRATION) ?? str(own.find((r) => r.fields.hresult)?.fields.hresult);
		return {
			...base,
			code: 'QL403',
			severity: 'error',
			title: 'A VSS provider registration is broken',
			message: `VSS could not load a shadow copy provider in ${attemptName(a)}${hr ? `: ${hresultLabel(hr)}` : ''}${namedEvents(own)}.${dups.length > 0 ? ` The provider list registers the same provider more than once: ${dupText}.` : ''} Until the registration is repaired, every shadow copy fails.`,
			attemptId: a?.id ?? null,
			hresult: hr,
			fix,
			evidence: mergeEvidence(signalEvidence(input, a, own), dupEvidence),
		};
	});
}
