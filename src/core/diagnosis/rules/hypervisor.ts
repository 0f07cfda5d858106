import { guidKey, HYPERV_PROVIDER_ID } from '../../knowledge/providers';
import type { DiagnosisInput } from '../diagnose';
import { ruleDefaults } from '../ruleCatalogue';
import { isTrue, ofKind, recordEvidence, type RuleFinding, steps, tr } from './common';
import { providerEvidence, providerName } from './providers';

/**
 * QL5xx, the hypervisor itself: ESXi 6.0 builds whose changed block tracking loses changed blocks (QL501), and
 * a Hyper-V provider a VMware guest kept from its Hyper-V days (QL502).
 */
export function hypervisorRules(input: DiagnosisInput): RuleFinding[] {
	if (input.hypervisor === 'hyper-v') return [];
	return [...cbtEsxi60(input), ...staleHypervProvider(input)];
}

/**
 * QL502: the Hyper-V IC provider listed in a guest that runs on VMware (VMware's evidence decided the
 * hypervisor). Said only while no VSS event names the provider's GUID: then it did take part, and the
 * provider rules (QL401, QL403) speak of it instead.
 */
function staleHypervProvider(input: DiagnosisInput): RuleFinding[] {
	if (input.hypervisor !== 'vmware') return [];
	const listed = input.providers.filter((p) => p.id !== null && guidKey(p.id) === HYPERV_PROVIDER_ID);
	if (listed.length === 0 || ofKind(input, 'windows-event').some((r) => r.fields.guid !== null && guidKey(r.fields.guid) === HYPERV_PROVIDER_ID)) return [];
	const t = tr(input);
	return [{
		...ruleDefaults('QL502'),
		title: t('QL502.title'),
		message: t('QL502.message', { provider: providerName(input, HYPERV_PROVIDER_ID) }),
		attemptId: null,
		writers: [],
		hresult: null,
		fix: steps(t('QL502.fix.nothing'), t('QL502.fix.cleanUp')),
		evidence: listed.map((p) => providerEvidence(input, p)),
	}];
}

/**
 * The first ESXi 6.0 build with the CBT fix: patch ESXi600-201511001 (VMware KB 2136854 names the patch;
 * the build number is that patch's, from VMware's ESXi build list).
 */
const CBT_FIXED_BUILD = 3247720;

/** QL501: an ESXi 6.0 host before the fix with CBT enabled: incremental backups may miss changed blocks. */
function cbtEsxi60(input: DiagnosisInput): RuleFinding[] {
	// The host version as vmware.log's header or hostd's section line states it (`version=6.0.0 build=build-3029758`).
	const affected = ofKind(input, 'log-header', 'section').filter((r) => /^6\.0(\.|$)/.test(r.fields.version ?? '')
		&& Number(/(?<!\d)(\d+)$/.exec(r.fields.build ?? '')?.[1] ?? Infinity) < CBT_FIXED_BUILD);
	const cbt = ofKind(input, 'vmx-setting').filter((r) => /(^|\.)ctkEnabled$/i.test(r.fields.key) && isTrue(r));
	if (affected.length === 0 || cbt.length === 0) return [];
	const host = affected[0];
	const t = tr(input);
	return [{
		...ruleDefaults('QL501'),
		title: t('QL501.title'),
		message: t('QL501.message', { version: host.fields.version ?? '', build: host.fields.build ?? '', fixedBuild: CBT_FIXED_BUILD }),
		attemptId: null,
		writers: [],
		hresult: null,
		fix: steps(
			t('QL501.fix.patch'),
			t('QL501.fix.resetCbt'),
			t('QL501.fix.full'),
		),
		evidence: [...affected.slice(0, 1), ...cbt.slice(0, 2)].map(recordEvidence),
	}];
}
