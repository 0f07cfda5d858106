import type { Finding } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { KB } from '../kb';
import { isTrue, recordEvidence, steps } from './common';

/** QL5xx, the hypervisor itself: ESXi 6.0 builds whose changed block tracking loses changed blocks (QL501). */
export function hypervisorRules(input: DiagnosisInput): Finding[] {
	if (input.hypervisor === 'hyper-v') return [];
	return cbtEsxi60(input);
}

/**
 * The first ESXi 6.0 build with the CBT fix: patch ESXi600-201511001 (VMware KB 2136854 names the patch;
 * the build number is that patch's, from VMware's ESXi build list).
 */
const CBT_FIXED_BUILD = 3247720;

/** QL501: an ESXi 6.0 host before the fix with CBT enabled: incremental backups may miss changed blocks. */
function cbtEsxi60(input: DiagnosisInput): Finding[] {
	// The host version as vmware.log's header or hostd's section line states it (`version=6.0.0 build=build-3029758`).
	const affected = input.records.filter((r) => (r.kind === 'log-header' || r.kind === 'section') && /^6\.0(\.|$)/.test(String(r.fields.version ?? ''))
		&& Number(/(\d+)$/.exec(String(r.fields.build ?? ''))?.[1] ?? Infinity) < CBT_FIXED_BUILD);
	const cbt = input.records.filter((r) => r.kind === 'vmx-setting' && /(^|\.)ctkEnabled$/i.test(String(r.fields.key)) && isTrue(r));
	if (affected.length === 0 || cbt.length === 0) return [];
	const host = affected[0];
	return [{
		code: 'QL501',
		severity: 'warning',
		title: 'ESXi 6.0 before ESXi600-201511001 with CBT on: incremental backups may be inconsistent',
		message: `The host runs ESXi ${host.fields.version} ${host.fields.build} and the VM has changed block tracking enabled. On ESXi 6.0 builds before patch ESXi600-201511001 (build ${CBT_FIXED_BUILD}), CBT loses the changes written during snapshot consolidation, so QueryChangedDiskAreas misses blocks and every CBT-based incremental backup can be silently inconsistent.`,
		attemptId: null,
		writers: [],
		hresult: null,
		kb: [KB.cbtEsxi60],
		fix: steps(
			'Patch the host to ESXi600-201511001 or later (any later 6.0 update).',
			'Reset CBT on each VM after patching: set `ctkEnabled` and each disk\'s `scsiX:Y.ctkEnabled` to FALSE, take and delete a snapshot (or power-cycle the VM), then set them back to TRUE.',
			'Take a new full backup; do not base incrementals on change ids from before the patch.',
		),
		evidence: [...affected.slice(0, 1), ...cbt.slice(0, 2)].map(recordEvidence),
	}];
}
