import { pushTo } from '../../collections';
import type { KindRecord } from '../../model/records';
import type { DiagnosisInput } from '../diagnose';
import { hresultLabel } from '../../knowledge/hresults';
import { ruleDefaults } from '../ruleCatalogue';
import { attemptHolding, attemptName, eventName, namedEvents, ofKind, type RuleFinding, signalEvidence, signals, steps, tr, windowsEvents } from './common';

/**
 * QL311–QL315, what single Windows events and Windows Server Backup's error log say on their own:
 * files WSB could not back up (QL311), a Hyper-V backup checkpoint that could not be created (QL312), a
 * stale VssAccessControl entry (QL313, harmless), a shadow copy device VSS could not open (QL314), and a
 * writer failure VSS reports outside an 8229 veto (QL315).
 */
export function eventEvidenceRules(input: DiagnosisInput): RuleFinding[] {
	return [...wsbFileErrors(input), ...hyperVCheckpoints(input), ...accessControl(input), ...shadowDevice(input), ...writerErrors(input)];
}

/** NTFS's transaction (TxF) metadata: internal files a file-level backup cannot read. */
const TXF = /\$Extend\\+\$RmMetadata|\$TxfLog/i;
/** A path built from a service's ImagePath that the System Writer could not resolve (`\SystemRoot\` kept, a doubled backslash). */
const IMAGE_PATH = /\\\\[^\\]|\\systemroot\\/i;
const BAD_NAME = '0x8007007B';

/** QL311: files Windows Server Backup could not back up (Backup_Error log, events 546/547), by error. */
function wsbFileErrors(input: DiagnosisInput): RuleFinding[] {
	const files = ofKind(input, 'wsb-file-error');
	const events = windowsEvents(input, 'Microsoft-Windows-Backup', [546, 547]);
	if (files.length === 0 && events.length === 0) return [];
	const t = tr(input);
	const byCode = new Map<string | null, KindRecord<'wsb-file-error'>[]>();
	for (const r of files) pushTo(byCode, r.fields.hresult, r);
	if (byCode.size === 0) byCode.set(null, []);
	return [...byCode].map(([hr, list]): RuleFinding => {
		const paths = [...new Set(list.map((r) => r.fields.path))];
		const txf = paths.some((p) => TXF.test(p));
		const imagePath = hr === BAD_NAME && paths.some((p) => IMAGE_PATH.test(p));
		return {
			...ruleDefaults('QL311', { wsbAccessDenied: txf }),
			title: t('QL311.title', { hrLabel: hr ? hresultLabel(hr) : null }),
			message: [
				t('QL311.message', { paths: paths.slice(0, 3), more: Math.max(0, paths.length - 3), hrLabel: hr ? hresultLabel(hr) : null, errorText: list[0]?.fields.errorText ?? null, events: namedEvents(input, events) }),
				txf ? t('QL311.txf') : '',
				imagePath ? t('QL311.imagePath') : '',
			]
				.filter(Boolean)
				.join(' '),
			attemptId: attemptHolding(input, list)?.id ?? null,
			writers: imagePath ? ['System Writer'] : [],
			hresult: hr,
			fix: steps(txf && t('QL311.fix.txf'), imagePath && t('QL311.fix.imagePath'), !txf && !imagePath && t('QL311.fix.open'), t('QL306.fix.rerun')),
			evidence: signalEvidence(input, null, list.slice(0, 3), events.slice(0, 2)),
		};
	});
}

const VMMS = 'microsoft-windows-hyper-v-vmms';

/** QL312: Hyper-V could not create a VM's backup (recovery) checkpoint, so its writer skipped the VM. */
function hyperVCheckpoints(input: DiagnosisInput): RuleFinding[] {
	const events = ofKind(input, 'windows-event').filter((r) => String(r.fields.provider).toLowerCase() === VMMS);
	const failed = events.filter((r) => typeof r.fields.hresult === 'string');
	if (failed.length === 0) return [];
	const t = tr(input);
	const hr = failed[0].fields.hresult!;
	return [
		{
			...ruleDefaults('QL312'),
			title: t('QL312.title', { hr }),
			message: t('QL312.message', { hrLabel: hresultLabel(hr), fileMissing: hr === '0x80070002' || hr === '0x80070003' }),
			attemptId: attemptHolding(input, failed)?.id ?? null,
			writers: ['Microsoft Hyper-V VSS Writer'],
			hresult: hr,
			fix: steps(t('QL312.fix.paths'), t('QL312.fix.integration'), t('QL312.fix.checkpoints'), t('QL306.fix.rerun')),
			evidence: signalEvidence(input, null, events.slice(0, 4)),
		},
	];
}

/** QL313: VSS 8230, an account listed under VssAccessControl that cannot be resolved: harmless for backups. */
function accessControl(input: DiagnosisInput): RuleFinding[] {
	const events = windowsEvents(input, 'VSS', [8230]);
	if (events.length === 0) return [];
	const t = tr(input);
	// The status is the one number of the first sentence (`with status 1376`, `状態: 1376`); an account name is text.
	const status = /(?:^|[\s:：])(\d{2,5})(?=[\s.。,]|$)/.exec(String(events[0].fields.message ?? '').split('\n')[0])?.[1] ?? null;
	return [
		{
			...ruleDefaults('QL313'),
			title: t('QL313.title'),
			message: t('QL313.message', { status, events: namedEvents(input, events) }),
			attemptId: null,
			writers: [],
			hresult: null,
			fix: t('QL313.fix'),
			evidence: signalEvidence(input, null, events.slice(0, 2)),
		},
	];
}

/**
 * The routine called on a shadow copy's device (`CreateFileW(\\?\GLOBALROOT\Device\HarddiskVolumeShadowCopy2,…)`),
 * backslashes lost or not: the name before the `(` that opens shortly before the device; null when none.
 */
function deviceCall(message: string): string | null {
	const at = message.search(/HarddiskVolumeShadowCopy\d/i);
	if (at < 0) return null;
	const open = message.lastIndexOf('(', at);
	if (open < 0 || at - open > 40 || message.slice(open, at).includes(')')) return null;
	let start = open;
	while (start > 0 && open - start < 60 && /\w/.test(message[start - 1])) start--;
	return start < open ? message.slice(start, open) : null;
}

/** QL314: the shadow copy was made but VSS could not open its device (VSS 12289 with a call on HarddiskVolumeShadowCopyN). */
function shadowDevice(input: DiagnosisInput): RuleFinding[] {
	const events = windowsEvents(input, 'VSS', [12289, 8193]).filter((r) => typeof r.fields.hresult === 'string' && deviceCall(String(r.fields.message ?? '')) !== null);
	const t = tr(input);
	return signals(input, events).map(({ attempt: a, records: own }): RuleFinding => {
		const hr = own[0].fields.hresult!;
		const routine = deviceCall(String(own[0].fields.message))!;
		return {
			...ruleDefaults('QL314'),
			title: t('QL314.title', { routine }),
			message: t('QL314.message', { routine, hrLabel: hresultLabel(hr), attempt: a ? attemptName(input, a) : null }),
			attemptId: a?.id ?? null,
			writers: [],
			hresult: hr,
			fix: steps(t('QL314.fix.filters'), t('QL314.fix.providers'), t('QL314.fix.storage'), t('common.retryBackup')),
			evidence: signalEvidence(input, a, own),
		};
	});
}

/** Registration failures QL304 explains (COM classes not registered); not a writer's own error. */
const REGISTRATION = new Set(['0x80040154', '0x800401FB']);
/** ASR writer: a disk it must describe cannot be found. */
const ASR_DEVICE_MISSING = '0x80073BC3';

/** QL315: a writer named in the context of a VSS error or warning (8193, 12289, 12290) failed; 8229 vetoes are QL206. */
function writerErrors(input: DiagnosisInput): RuleFinding[] {
	const events = windowsEvents(input, 'VSS', [8193, 12289, 12290]).filter((r) => r.fields.writerName && typeof r.fields.hresult === 'string' && !REGISTRATION.has(String(r.fields.hresult)));
	const t = tr(input);
	return signals(input, events).flatMap(({ attempt: a, records: own }) => {
		const byWriter = new Map<string, KindRecord<'windows-event'>[]>();
		for (const r of own) pushTo(byWriter, String(r.fields.writerName), r);
		return [...byWriter].map(([writer, list]): RuleFinding => {
			const hr = list[0].fields.hresult!;
			const phase = list.find((r) => r.fields.operation)?.fields.operation ?? null;
			return {
				...ruleDefaults('QL315'),
				title: t('QL315.title', { writer, hr, phase }),
				message: t('QL315.message', { writer, hrLabel: hresultLabel(hr), phase, event: eventName(input, list[0]), attempt: a ? attemptName(input, a) : null }),
				attemptId: a?.id ?? null,
				writers: [writer],
				hresult: hr,
				fix: steps(hr === ASR_DEVICE_MISSING && t('QL315.fix.asrDisk'), t('QL315.fix.listWriters'), t('common.retryBackup')),
				evidence: signalEvidence(input, a, list),
			};
		});
	});
}
