import { guidKey, HYPERV_PROVIDER_ID } from '../../knowledge/providers';
import type { RecordOf } from '../../model/records';
import type { DiagnosisInput } from '../diagnose';
import { HOSTD_STATS_RAMDISK, ramdiskOf } from '../../knowledge/ramdisks';
import { ruleDefaults } from '../ruleCatalogue';
import { isTrue, ofKind, recordEvidence, type RuleFinding, steps, tr } from './common';
import { providerEvidence, providerName } from './providers';

/**
 * QL5xx, the hypervisor itself: ESXi 6.0 builds whose changed block tracking loses changed blocks (QL501), a
 * Hyper-V provider a VMware guest kept from its Hyper-V days (QL502), and a full ramdisk that makes the
 * management agents fail (QL503).
 */
export function hypervisorRules(input: DiagnosisInput): RuleFinding[] {
	if (input.hypervisor === 'hyper-v') return [];
	return [...cbtEsxi60(input), ...staleHypervProvider(input), ...ramdiskFull(input)];
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
	return [
		{
			...ruleDefaults('QL502'),
			title: t('QL502.title'),
			message: t('QL502.message', { provider: providerName(input, HYPERV_PROVIDER_ID) }),
			attemptId: null,
			writers: [],
			hresult: null,
			fix: steps(t('QL502.fix.nothing'), t('QL502.fix.cleanUp')),
			evidence: listed.map((p) => providerEvidence(input, p)),
		},
	];
}

/**
 * The first ESXi 6.0 build with the CBT fix: patch ESXi600-201511001 (VMware KB 2136854 names the patch;
 * the build number is that patch's, from VMware's ESXi build list).
 */
const CBT_FIXED_BUILD = 3247720;

/** QL501: an ESXi 6.0 host before the fix with CBT enabled: incremental backups may miss changed blocks. */
function cbtEsxi60(input: DiagnosisInput): RuleFinding[] {
	// The host version as vmware.log's header or hostd's section line states it (`version=6.0.0 build=build-3029758`).
	const affected = ofKind(input, 'log-header', 'section').filter((r) => /^6\.0(\.|$)/.test(r.fields.version ?? '') && Number(/(?<!\d)(\d+)$/.exec(r.fields.build ?? '')?.[1] ?? Infinity) < CBT_FIXED_BUILD);
	const cbt = ofKind(input, 'vmx-setting').filter((r) => /(^|\.)ctkEnabled$/i.test(r.fields.key) && isTrue(r));
	if (affected.length === 0 || cbt.length === 0) return [];
	const host = affected[0];
	const t = tr(input);
	return [
		{
			...ruleDefaults('QL501'),
			title: t('QL501.title'),
			message: t('QL501.message', { version: host.fields.version ?? '', build: host.fields.build ?? '', fixedBuild: CBT_FIXED_BUILD }),
			attemptId: null,
			writers: [],
			hresult: null,
			fix: steps(t('QL501.fix.patch'), t('QL501.fix.resetCbt'), t('QL501.fix.full')),
			evidence: [...affected.slice(0, 1), ...cbt.slice(0, 2)].map(recordEvidence),
		},
	];
}

/** Use% from which a ramdisk is nearly full (a warning): a few more statistics or log lines fill it. */
const RAMDISK_NEARLY_FULL = 90;
/** The failed writes quoted per finding at most (hostd retries a failed write, often many times). */
const MAX_WRITES = 3;

/**
 * QL503: a ramdisk of the host is full or nearly full (`vdf -h`), or an agent could not write a file for want
 * of space (hostd's `No space left`); one finding per ramdisk, the listing's numbers and the failed writes
 * together. A failed write is a full ramdisk even without a listing.
 */
function ramdiskFull(input: DiagnosisInput): RuleFinding[] {
	const byRamdisk = new Map<string | null, { row: RecordOf<'ramdisk'> | null; writes: RecordOf<'no-space'>[] }>();
	const of = (name: string | null) => byRamdisk.get(name) ?? byRamdisk.set(name, { row: null, writes: [] }).get(name)!;
	for (const r of ofKind(input, 'ramdisk')) {
		if (r.fields.usePercent < RAMDISK_NEARLY_FULL && r.fields.availableBytes !== 0) continue;
		// Two listings of one ramdisk (taken at two times): the later speaks.
		of(r.fields.name).row = r;
	}
	for (const w of ofKind(input, 'no-space')) of(w.fields.path !== null ? ramdiskOf(w.fields.path) : null).writes.push(w);
	const t = tr(input);
	return [...byRamdisk].map(([ramdisk, { row, writes }]): RuleFinding => {
		const full = row === null || row.fields.usePercent >= 100 || row.fields.availableBytes === 0 || writes.length > 0;
		const stats = ramdisk === HOSTD_STATS_RAMDISK;
		// The first failed write of each agent and file.
		const firsts = new Map<string, RecordOf<'no-space'>>();
		for (const w of writes) if (!firsts.has(`${w.fields.agent}\n${w.fields.path}`)) firsts.set(`${w.fields.agent}\n${w.fields.path}`, w);
		const distinct = [...firsts.values()].slice(0, MAX_WRITES);
		const usage = row && { used: row.fields.used, size: row.fields.size, available: row.fields.available, percent: row.fields.usePercent };
		return {
			...ruleDefaults('QL503', { hostdStatsFull: stats }),
			severity: full ? 'error' : 'warning',
			title: t('QL503.title', { ramdisk, full }),
			message: t('QL503.message', { ramdisk, full, usage, writes: distinct.map((w) => ({ agent: w.fields.agent, path: w.fields.path })), stats }),
			attemptId: null,
			writers: [],
			hresult: null,
			fix: steps(t('QL503.fix.vdf'), stats ? t('QL503.fix.clearStats') : ramdisk !== null && t('QL503.fix.other', { ramdisk }), t('QL503.fix.restart'), t('QL503.fix.update')),
			evidence: [...distinct, ...(row ? [row] : [])].map(recordEvidence),
		};
	});
}
