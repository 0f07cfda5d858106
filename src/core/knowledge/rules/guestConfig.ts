import type { LogRecord } from '../../model/records';
import type { Finding } from '../../model/report';
import type { DiagnosisInput } from '../diagnose';
import { KB } from '../kb';
import { guestFamily, isTrue, recordEvidence, settings, steps, toolsRestart } from './common';

/**
 * QL405–QL406, guest and VM settings that rule out application-consistent quiescing before any log is read:
 * `disk.EnableUUID` set to FALSE on a Windows VM (QL405) and VMware Tools told not to quiesce applications
 * (QL406). Both are VMware settings: a Hyper-V bundle gets neither.
 */
export function guestConfigRules(input: DiagnosisInput): Finding[] {
	if (input.hypervisor === 'hyper-v' || guestFamily(input) !== 'windows') return [];
	return [...diskUuid(input), ...appQuiescingOff(input)];
}

/** Attempts that ended file-system-consistent, which the setting explains. */
const fsOnly = (input: DiagnosisInput) => input.attempts.filter((a) => a.consistency === 'filesystem').map((a) => a.id);

/** QL405: the VM sets disk.EnableUUID = FALSE, so VMware Tools cannot quiesce applications on Windows. */
function diskUuid(input: DiagnosisInput): Finding[] {
	const off = settings(input, 'disk.EnableUUID').filter((r) => r.fields.bool === false || /^false$/i.test(String(r.fields.value)));
	if (off.length === 0) return [];
	const attempts = fsOnly(input);
	return [{
		code: 'QL405',
		severity: 'warning',
		title: 'disk.EnableUUID is FALSE: no application-consistent quiescing',
		message: `The VM sets disk.EnableUUID = FALSE. Windows guests then get file-system quiescing only: VSS writers (SQL Server, Exchange …) do not take part in quiesced snapshots.${attempts.length > 0 ? ` Attempts ${attempts.join(', ')} ended file-system-consistent.` : ''}`,
		attemptId: null,
		writers: [],
		hresult: null,
		kb: [KB.vddkVss],
		fix: steps(
			'Power the VM off.',
			'In the vSphere Client: Edit Settings → VM Options → Advanced → Configuration Parameters, set `disk.EnableUUID` to `TRUE`.',
			'Power the VM on and take a new quiesced snapshot; check that it is application-consistent.',
		),
		evidence: off.map(recordEvidence),
	}];
}

/** True for a tools.conf key under `[vmbackup]` (tools-conf records carry the section; Tools' own log does not). */
const inVmbackup = (r: LogRecord) => r.fields.section === undefined || r.fields.section === null || r.fields.section === 'vmbackup';

/** QL406: tools.conf turns application quiescing off (vss.disableAppQuiescing = true, or enableVSS = false). */
function appQuiescingOff(input: DiagnosisInput): Finding[] {
	const off = [
		...settings(input, 'vss.disableAppQuiescing').filter((r) => inVmbackup(r) && r.fields.isDefault !== true && isTrue(r)),
		...settings(input, 'enableVSS').filter((r) => inVmbackup(r) && r.fields.isDefault !== true && !isTrue(r)),
	];
	if (off.length === 0) return [];
	const attempts = fsOnly(input);
	return [{
		code: 'QL406',
		severity: 'warning',
		title: 'VMware Tools is told not to quiesce applications',
		message: `The guest's tools.conf turns VSS application quiescing off (${off.map((r) => r.text).join('; ')}): quiesced snapshots of this VM are file-system-consistent at best, never application-consistent.${attempts.length > 0 ? ` Attempts ${attempts.join(', ')} ended file-system-consistent.` : ''}`,
		attemptId: null,
		writers: [],
		hresult: null,
		kb: [KB.vddkVss],
		fix: steps(
			'Edit `C:\\ProgramData\\VMware\\VMware Tools\\tools.conf` and remove the line from the `[vmbackup]` section (unless file-system consistency was chosen on purpose, e.g. to exclude a misbehaving writer).',
			`Restart VMware Tools: ${toolsRestart(input)}.`,
			'Take a new quiesced snapshot and check that it is application-consistent.',
		),
		evidence: off.map(recordEvidence),
	}];
}
