import type { DiagnosisInput } from '../diagnose';
import { ruleDefaults } from '../ruleCatalogue';
import { attemptHolding, guestFamily, isTrue, ofKind, recordEvidence, type RuleFinding, type SettingRecord, settings, steps, toolsRestart, tr } from './common';

/**
 * QL405–QL407, guest and VM settings that rule out a consistent quiesced snapshot before any log is read:
 * `disk.EnableUUID` set to FALSE on a Windows VM (QL405), VMware Tools told not to quiesce applications
 * (QL406) and, in a guest that is not Windows, told not to freeze file systems (QL407). All are VMware
 * settings: a Hyper-V bundle gets none.
 */
export function guestConfigRules(input: DiagnosisInput): RuleFinding[] {
	if (input.hypervisor === 'hyper-v') return [];
	// enableSyncDriver is read by the Linux (and FreeBSD/Solaris) Tools only; Windows Tools ignore it.
	if (guestFamily(input) !== 'windows') return syncDriverOff(input);
	return [...diskUuid(input), ...appQuiescingOff(input)];
}

/** Attempts that ended file-system-consistent, which the setting explains. */
const fsOnly = (input: DiagnosisInput) => input.attempts.filter((a) => a.consistency === 'filesystem').map((a) => a.id);

/** QL405: the VM sets disk.EnableUUID = FALSE, so VMware Tools cannot quiesce applications on Windows. */
function diskUuid(input: DiagnosisInput): RuleFinding[] {
	const off = settings(input, 'disk.EnableUUID').filter((r) => (r.kind === 'vmx-setting' && r.fields.bool === false) || /^false$/i.test(r.fields.value));
	if (off.length === 0) return [];
	const attempts = fsOnly(input);
	const t = tr(input);
	return [
		{
			...ruleDefaults('QL405'),
			title: t('QL405.title'),
			message: t('QL405.message', { attempts }),
			attemptId: null,
			writers: [],
			hresult: null,
			fix: steps(t('QL405.fix.powerOff'), t('QL405.fix.set'), t('QL405.fix.retake')),
			evidence: off.map(recordEvidence),
		},
	];
}

/** True for a key under `[vmbackup]` (tools.conf and what Tools logged it read carry the section; a .vmx has none). */
const inVmbackup = (r: SettingRecord) => r.kind === 'vmx-setting' || r.fields.section === 'vmbackup';

/** True for a value Tools logged it used by default (the key is absent from tools.conf). */
const byDefault = (r: SettingRecord) => r.kind === 'tools-config-read' && r.fields.isDefault;

/** QL406: tools.conf turns application quiescing off (vss.disableAppQuiescing = true, or enableVSS = false). */
function appQuiescingOff(input: DiagnosisInput): RuleFinding[] {
	const off = [...settings(input, 'vss.disableAppQuiescing').filter((r) => inVmbackup(r) && !byDefault(r) && isTrue(r)), ...settings(input, 'enableVSS').filter((r) => inVmbackup(r) && !byDefault(r) && !isTrue(r))];
	if (off.length === 0) return [];
	const attempts = fsOnly(input);
	const t = tr(input);
	return [
		{
			...ruleDefaults('QL406'),
			title: t('QL406.title'),
			message: t('QL406.message', { settings: off.map((r) => r.text), attempts }),
			attemptId: null,
			writers: [],
			hresult: null,
			fix: steps(t('QL406.fix.edit'), t('QL104.fix.restartTools', { restart: toolsRestart(input) }), t('QL111.fix.retake')),
			evidence: off.map(recordEvidence),
		},
	];
}

/** The words GKeyFile reads as false; any other word is an error after which Tools keeps the default (true). */
const GKEYFILE_FALSE = /^(?:false|0)$/i;

/**
 * QL407: tools.conf turns the sync driver off (`[vmbackup] enableSyncDriver = false`). open-vm-tools then
 * freezes no file system for a quiesced snapshot (stateMachine.c, VmBackupStartCommon): for a plain
 * `vmbackup.start` it falls back to its null provider, which only flushes buffers and answers the host that
 * the guest is quiesced, so vSphere records a quiesced snapshot whose disks are crash-consistent; for a host
 * that insists on quiescing (`forceQuiesce`, the default of `vmbackup.startWithOpts`) no provider is left and
 * the quiesce fails. A warning: the setting is often a deliberate workaround.
 */
function syncDriverOff(input: DiagnosisInput): RuleFinding[] {
	const off = settings(input, 'enableSyncDriver').filter((r) => inVmbackup(r) && !byDefault(r) && GKEYFILE_FALSE.test(r.fields.value));
	// Tools' own warning when no provider is left for a quiesce the host insists on (stateMachine.c; Tools logs English only).
	const none = ofKind(input, 'tools-warning').filter((r) => r.fields.domain === 'vmbackup' && NO_PROVIDER.test(r.fields.message));
	if (off.length === 0 && none.length === 0) return [];
	const t = tr(input);
	if (none.length > 0) {
		// The failed try's cause: the setting when the bundle has it, else the sync driver that could not start.
		return [
			{
				...ruleDefaults('QL407'),
				title: t('QL407.noProvider.title'),
				message: t('QL407.noProvider.message', { settings: off.map((r) => r.text) }),
				attemptId: attemptHolding(input, none)?.id ?? null,
				writers: [],
				hresult: null,
				fix: steps(off.length > 0 ? t('QL407.fix.edit') : t('QL407.fix.check'), t('QL104.fix.restartTools', { restart: toolsRestart(input) }), t('QL111.fix.retake')),
				evidence: [...none, ...off].map(recordEvidence),
			},
		];
	}
	// The tries the host recorded as quiesced are the ones the setting makes untrue.
	const attempts = input.attempts.filter((a) => a.quiesced === true).map((a) => a.id);
	return [
		{
			...ruleDefaults('QL407'),
			// The setting alone makes no try fail: what it costs is consistency.
			severity: 'warning',
			title: t('QL407.title'),
			message: t('QL407.message', { settings: off.map((r) => r.text), attempts }),
			attemptId: null,
			writers: [],
			hresult: null,
			fix: steps(t('QL407.fix.cause'), t('QL407.fix.edit'), t('QL104.fix.restartTools', { restart: toolsRestart(input) }), t('QL111.fix.retake')),
			evidence: off.map(recordEvidence),
		},
	];
}

/** open-vm-tools' warning when it has no quiescing provider to start (`Requested quiescing cannot be initialized.`). */
const NO_PROVIDER = /^Requested quiescing cannot be initialized/;
