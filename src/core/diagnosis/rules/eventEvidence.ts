import { pushTo } from '../../collections';
import type { KindRecord } from '../../model/records';
import type { DiagnosisInput } from '../diagnose';
import { isBenignEvent, LEGACY_DRIVER_FILES } from '../../knowledge/events';
import { hresultLabel } from '../../knowledge/hresults';
import { hresultAdvice, productCodeMeaning } from '../../knowledge/messages/tables';
import { HYPERV_JOB_PREFIX } from '../../knowledge/productCodes';
import { kindStatesFailure } from '../../formats';
import { insertionStrings } from '../../formats/windows/windowsEvents';
import { checkpointRefusal, hyperVVm, isVmmsEvent } from '../../formats/windows/eventMessages';
import { codesIn } from '../../formats/backup/productText';
import { MICROSOFT_PROVIDER_ID } from '../../knowledge/providers';
import { providerName } from './providers';
import { ruleDefaults } from '../ruleCatalogue';
import { attemptHolding, attemptName, eventName, namedEvents, ofKind, type RuleFinding, signalEvidence, signals, steps, tr, unexplainedSignals, windowsEvents } from './common';

/**
 * QL311–QL315, what single Windows events and Windows Server Backup's error log say on their own:
 * files WSB could not back up (QL311), a Hyper-V backup checkpoint that could not be created (QL312), a
 * stale VssAccessControl entry (QL313, harmless), a shadow copy device VSS could not open (QL314), a
 * writer failure VSS reports outside an 8229 veto (QL315), SQL Server's virtual device failing (QL318),
 * SQL Server's own BACKUP of a database failing (QL319), a writer's event callback that threw (QL320), and
 * a writer's abandoned session state removed (QL321, harmless), a legacy driver's image the System Writer
 * skipped (QL322, harmless), a checkpoint Hyper-V refused or took as a standard one, and why (QL323), a
 * checkpoint's differencing disk Hyper-V could not merge back after a backup (QL324).
 */
export function eventEvidenceRules(input: DiagnosisInput): RuleFinding[] {
	return [
		...wsbFileErrors(input),
		...hyperVCheckpoints(input),
		...checkpointRefusals(input),
		...mergeFailures(input),
		...accessControl(input),
		...shadowDevice(input),
		...writerErrors(input),
		...virtualDeviceErrors(input),
		...sqlBackupErrors(input),
		...writerCallbackExceptions(input),
		...abandonedSessions(input),
		...legacyDriverImages(input),
	];
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

/**
 * The Hyper-V WMI job code a checkpoint message carries after its error-code label, as a requester appends it
 * to VMMS's text (`… failed. (Virtual machine ID …)'). Error code: '32768'.`), in the product table's form.
 */
function jobCode(message: string | null): string | null {
	const code = message === null ? null : codesIn(message).productCode;
	return code?.startsWith(HYPERV_JOB_PREFIX) ? code : null;
}

/**
 * VMMS's event id of a background disk merge that failed (`'<vm>' background disk merge failed to complete: <error>
 * (0x…)`): the merge of a checkpoint's differencing disk (.avhdx) into its parent, which ends every backup
 * checkpoint. The id, not the words, tells it from a checkpoint that could not be created (QL312).
 */
const MERGE_FAILED = 19100;
const isMergeFailure = (r: KindRecord<'windows-event'>) => r.fields.eventId === MERGE_FAILED;

/** QL312: Hyper-V could not create a VM's backup (recovery) checkpoint, so its writer skipped the VM. */
function hyperVCheckpoints(input: DiagnosisInput): RuleFinding[] {
	// A failed merge comes after the checkpoint was made: QL324's, not a checkpoint that could not be created.
	const events = ofKind(input, 'windows-event').filter((r) => isVmmsEvent(String(r.fields.provider), r.fields.message) && !isMergeFailure(r));
	const failed = events.filter((r) => typeof r.fields.hresult === 'string' || jobCode(r.fields.message) !== null);
	if (failed.length === 0) return [];
	const t = tr(input);
	const hr = failed[0].fields.hresult;
	// Without an HRESULT the job's code says what failed, with its meaning.
	const code = hr ?? jobCode(failed[0].fields.message)!;
	const label = hr !== null ? hresultLabel(hr) : `${code} (${productCodeMeaning(code, input.locale) ?? code})`;
	return [
		{
			...ruleDefaults('QL312'),
			title: t('QL312.title', { hr: code }),
			message: t('QL312.message', { hrLabel: label, fileMissing: hr === '0x80070002' || hr === '0x80070003' }),
			attemptId: attemptHolding(input, failed)?.id ?? null,
			writers: ['Microsoft Hyper-V VSS Writer'],
			hresult: hr,
			fix: steps(t('QL312.fix.paths'), t('QL312.fix.integration'), t('QL312.fix.checkpoints'), t('QL306.fix.rerun')),
			evidence: signalEvidence(input, null, events.slice(0, 4)),
		},
	];
}

/** A VM's name quoted at the start of a VMMS message (`'BackupVM' background disk merge failed …`), in either kind of quotes. */
const LEADING_NAME = /^\s*['‘’"“]([^'‘’"“”\n]{1,100})['‘’"”]/u;

/**
 * QL324: VMMS 19100, the differencing disk of a VM's checkpoint (a backup's, merged away when the backup ends) could
 * not be merged into its parent: the checkpoint was made, the VM keeps writing to the .avhdx, and Hyper-V retries.
 * Access denied is the VM's account without rights on its disks' folder (VHD Sets' shared files, by default).
 */
function mergeFailures(input: DiagnosisInput): RuleFinding[] {
	const events = ofKind(input, 'windows-event').filter((r) => isMergeFailure(r) && isVmmsEvent(String(r.fields.provider), r.fields.message));
	if (events.length === 0) return [];
	const t = tr(input);
	const hr = events.map((r) => r.fields.hresult).find((h) => typeof h === 'string') ?? null;
	const message = events[0].fields.message ?? '';
	const vm = events.map((r) => (r.fields.message ? hyperVVm(r.fields.message) : null)).find((v) => v !== null) ?? LEADING_NAME.exec(message)?.[1].trim() ?? null;
	const accessDenied = hr === '0x80070005';
	return [
		{
			...ruleDefaults('QL324'),
			title: t('QL324.title', { vm, hr }),
			message: t('QL324.message', { hrLabel: hr ? hresultLabel(hr) : null, accessDenied, events: namedEvents(input, events.slice(0, 1)) }),
			attemptId: attemptHolding(input, events)?.id ?? null,
			writers: [],
			hresult: hr,
			fix: steps(accessDenied && t('QL324.fix.permissions'), !accessDenied && t('QL324.fix.space'), t('QL324.fix.check')),
			evidence: signalEvidence(input, null, events.slice(0, 3)),
		},
	];
}

/**
 * QL323: VMMS says why it refused a checkpoint or changed its type (formats/windows/eventMessages.ts,
 * checkpointRefusal): checkpoints disabled for the VM, a production checkpoint impossible with no fallback (errors:
 * the checkpoint failed), a production checkpoint that fell back to a standard one (a warning: a checkpoint was
 * taken, not application-consistent). One finding per reason, the VM from its first message.
 */
function checkpointRefusals(input: DiagnosisInput): RuleFinding[] {
	const events = ofKind(input, 'windows-event').filter((r) => typeof r.fields.message === 'string' && isVmmsEvent(String(r.fields.provider), r.fields.message));
	const byRefusal = new Map<ReturnType<typeof checkpointRefusal>, KindRecord<'windows-event'>[]>();
	for (const r of events) {
		const refusal = checkpointRefusal(r.fields.message!);
		if (refusal !== null) pushTo(byRefusal, refusal, r);
	}
	// No production checkpoint in a try that went on (a backup product's crash-consistent fallback, Altaro's
	// RCTCONTROLLER_011) is a fallback that did happen: told as one.
	const impossible = byRefusal.get('production-failed');
	if (impossible !== undefined && attemptHolding(input, impossible)?.result === 'success') {
		byRefusal.delete('production-failed');
		for (const r of impossible) pushTo(byRefusal, 'fell-back', r);
	}
	// A checkpoint that failed for want of a production one is the fallback that did not happen: say only the failure.
	if (byRefusal.has('production-failed')) byRefusal.delete('fell-back');
	const t = tr(input);
	return [...byRefusal].map(([refusal, list]): RuleFinding => {
		const vm = list.map((r) => hyperVVm(r.fields.message!)).find((v) => v !== null) ?? null;
		return {
			...ruleDefaults('QL323'),
			severity: refusal === 'fell-back' ? 'warning' : 'error',
			title: t('QL323.title', { refusal: refusal!, vm }),
			message: t('QL323.message', { refusal: refusal!, events: namedEvents(input, list.slice(0, 1)) }),
			attemptId: attemptHolding(input, list)?.id ?? null,
			writers: [],
			hresult: null,
			fix: steps(refusal === 'disabled' && t('QL323.fix.enable'), refusal !== 'disabled' && t('QL323.fix.integration'), refusal === 'production-failed' && t('QL323.fix.type'), t('QL323.fix.retry')),
			evidence: signalEvidence(input, null, list.slice(0, 3)),
		};
	});
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

/**
 * QL315: a writer named in the context of a VSS error or warning (8193, 8194, 12289, 12290) failed; 8229 vetoes
 * are QL206. A COM routine's failure (8194: the writer could not call the requester back) has the COM fix first.
 */
function writerErrors(input: DiagnosisInput): RuleFinding[] {
	// A benign event (12289 for a writer's old session state being dropped, KB 978773) reports no failure of its writer.
	const events = windowsEvents(input, 'VSS', [8193, 8194, 12289, 12290]).filter(
		(r) => r.fields.writerName && typeof r.fields.hresult === 'string' && !REGISTRATION.has(String(r.fields.hresult)) && !isBenignEvent(r.fields.provider, r.fields.eventId, r.fields.hresult, r.fields.message),
	);
	const t = tr(input);
	return signals(input, events).flatMap(({ attempt: a, records: own }) => {
		const byWriter = new Map<string, KindRecord<'windows-event'>[]>();
		for (const r of own) pushTo(byWriter, String(r.fields.writerName), r);
		return [...byWriter].map(([writer, list]): RuleFinding => {
			const hr = list[0].fields.hresult!;
			const phase = list.find((r) => r.fields.operation)?.fields.operation ?? null;
			const message = String(list[0].fields.message ?? '');
			const routine = routineOf(message);
			// IVssWriterCallback: the writer's process could not call the requester back (its COM security).
			const callback = routine === 'IVssWriterCallback';
			// The routine says why as it does without a writer (QL317): the System Writer's ConvertStringSidToSid
			// failing on a profile's SID is the commonest 8193 of all, and its fix is the profile's, not the writer's.
			const cause = routineCause(routine, message) ?? null;
			return {
				...ruleDefaults('QL315'),
				title: t('QL315.title', { writer, hr, phase }),
				message: t('QL315.message', { writer, hrLabel: hresultLabel(hr), phase, event: eventName(input, list[0]), attempt: a ? attemptName(input, a) : null, cause: callback ? null : cause }),
				attemptId: a?.id ?? null,
				writers: [writer],
				hresult: hr,
				// The code's own advice when the routine gives no cause: 0x80070018, the writer's metadata too long (KB 3098315).
				fix: steps(hr === ASR_DEVICE_MISSING && t('QL315.fix.asrDisk'), callback ? t('QL315.fix.callback') : (cause && t(`QL317.fix.${cause}`)) || hresultAdvice(hr, input.locale), t('QL315.fix.listWriters'), t('common.retryBackup')),
				evidence: signalEvidence(input, a, list),
			};
		});
	});
}

/** What a routine's failure usually means, by the routine's name (Windows API names are never translated). */
type RoutineCause = 'volume' | 'floppy' | 'account' | 'com' | 'registry' | 'provider';
/**
 * A floppy drive's device path in the routine's arguments (`\\\\?\\fdc#generic_floppy_drive#…`, `flpydisk#`):
 * hardware ids, never translated. VSS asking the VM's (unused) virtual floppy drive fails this way.
 */
const FLOPPY_DEVICE = /\\\?\\(?:fdc|flpydisk)#/i;
const ROUTINE_CAUSES: readonly (readonly [RegExp, RoutineCause])[] = [
	[/^(?:DeviceIoControl|IOCTL_\w+)$/, 'volume'],
	[/^(?:ConvertStringSidToSid\w*|LookupAccount\w+)$/, 'account'],
	[/^(?:CoCreateInstance\w*|CoGetClassObject|CoInitializeSecurity|CoSetProxyBlanket|IVss\w+(?:::\w+)?)$/, 'com'],
	[/^Reg[A-Z]\w+$/, 'registry'],
];

/** The usual cause of a routine's failure (ROUTINE_CAUSES), a volume routine asked about a floppy drive being the floppy's; undefined when none. */
function routineCause(routine: string | null, text: string): Exclude<RoutineCause, 'provider'> | undefined {
	const byRoutine = routine === null ? undefined : ROUTINE_CAUSES.find(([re]) => re.test(routine))?.[1];
	return byRoutine === 'volume' && FLOPPY_DEVICE.test(text) ? 'floppy' : (byRoutine as Exclude<RoutineCause, 'provider'> | undefined);
}

/**
 * The routine a VSS error names, in any display language: the first Windows API name in its message — an
 * ASCII identifier with a lower-to-upper hump (`DeviceIoControl`, `ConvertStringSidToSid`, `IVssWriterCallback`),
 * maybe `Class::Method` — ending at `(`, a full stop, white space or the end; words of a translated
 * message have no hump, paths and GUIDs come after the routine.
 */
export function routineOf(message: string): string | null {
	// Token by token (each character looked at once): one pattern with the hump inside backtracks on long words.
	for (const m of message.matchAll(IDENTIFIER)) {
		const name = m[0];
		const before = m.index > 0 ? message[m.index - 1] : '';
		const after = message[m.index + name.length] ?? '';
		if (before === '\\' || before === '{' || before === '-' || (after !== '' && !ROUTINE_END.test(after))) continue;
		const parts = name.split('::');
		if (parts.length <= 2 && parts.every((p) => p !== '' && !/^\d/.test(p)) && HUMP.test(parts[parts.length - 1])) return name;
	}
	return null;
}
const IDENTIFIER = /[A-Za-z_][\w:]*/g;
const HUMP = /[a-z][A-Z]/;
// A routine quoted in a translated message (`der Schnittstelle "IVssWriterCallback"`) ends at its quote.
const ROUTINE_END = /[(.\s,"'“”»]/;

/**
 * QL317 (fallback): VSS's own error event (8193, 8194, 12289, 12292 with an HRESULT) where no other finding
 * explains the attempt: the routine that failed, the operation and context VSS gives, what the code means and,
 * for routines whose failure has a usual cause, that cause and its fix. Without it such an event, the only
 * evidence of a pasted Windows-only failure, ended in "the bundle does not show why".
 */
export function vssErrorFallback(input: DiagnosisInput, found: readonly RuleFinding[]): RuleFinding[] {
	const events = windowsEvents(input, 'VSS', [8193, 8194, 12289, 12292]).filter((r) => typeof r.fields.hresult === 'string' && !r.fields.writerName && !isBenignEvent(r.fields.provider, r.fields.eventId, r.fields.hresult, r.fields.message));
	const t = tr(input);
	// A requester's report of its code (QL550) is the failure seen from outside; VSS's own event still says why.
	const explaining = found.filter((f) => f.code !== 'QL550');
	return unexplainedSignals(explaining, signals(input, events)).map(({ attempt: a, records: own }): RuleFinding => {
		const r = own[0];
		const hr = r.fields.hresult!;
		const firstData = insertionStrings(r.fields.data)[0] ?? '';
		const text = r.fields.message ?? firstData;
		const routine = routineOf(r.fields.message ?? '') ?? routineOf(firstData);
		// A routine that failed in a hardware or third-party provider's context is that provider's failure, whatever device it named.
		const { providerId, providerName: printedName } = r.fields;
		const byId = providerId !== null ? providerName(input, providerId) : null;
		const provider = byId?.startsWith("'") ? byId : printedName !== null ? `'${printedName}'${providerId !== null ? ` {${providerId}}` : ''}` : byId;
		const ownProvider = provider !== null && providerId !== MICROSOFT_PROVIDER_ID;
		const cause = ownProvider ? 'provider' : routineCause(routine, text);
		return {
			...ruleDefaults('QL317'),
			title: t('QL317.title', { routine, hr, event: eventName(input, r) }),
			message: t('QL317.message', {
				event: eventName(input, r),
				routine,
				hrLabel: hresultLabel(hr),
				operation: r.fields.operation,
				context: r.fields.executionContext,
				provider,
				attempt: a ? attemptName(input, a) : null,
				cause: cause ?? null,
			}),
			attemptId: a?.id ?? null,
			writers: [],
			hresult: hr,
			fix: steps(cause === 'provider' ? t('QL317.fix.provider', { provider: provider! }) : cause && t(`QL317.fix.${cause}`), hresultAdvice(hr, input.locale), t('QL317.fix.collect'), t('common.retryBackup')),
			evidence: signalEvidence(input, a, own),
		};
	});
}

/**
 * SQLVDI's message (event 1): `Loc=<routine>. Desc=<what>. ErrorCode=(<Win32 code>)<its text>. Process=…` —
 * labels and routine names are never translated; the code's text is Windows' own, in its language.
 */
/** The parts of an SQLVDI message, found by their labels (one pass each, no backtracking pattern); null when it is none. */
function vdiParts(message: string): { loc: string; desc: string; code: number; codeText: string | null; instance: string | null } | null {
	const loc = message.indexOf('Loc=');
	const desc = loc < 0 ? -1 : message.indexOf('Desc=', loc);
	const err = desc < 0 ? -1 : message.indexOf('ErrorCode=(', desc);
	const close = err < 0 ? -1 : message.indexOf(')', err);
	if (close < 0) return null;
	const digits = message.slice(err + 'ErrorCode=('.length, close);
	if (!/^\d{1,10}$/.test(digits)) return null;
	const field = (from: number, to: number) =>
		message
			.slice(from, to)
			.trim()
			.replace(/[.。]$/, '');
	const rest = message.slice(close + 1);
	const stop = (i: number) => (i < 0 ? rest.length : i);
	const codeText = field(close + 1, close + 1 + Math.min(stop(rest.indexOf('. Process=')), stop(rest.indexOf('\n')))).slice(0, 200) || null;
	const inst = message.indexOf('Instance=');
	const instEnd = inst < 0 ? -1 : message.indexOf('.', inst);
	const instance = inst < 0 ? null : field(inst + 'Instance='.length, instEnd < 0 ? message.length : instEnd) || null;
	return { loc: field(loc + 4, desc), desc: field(desc + 5, err), code: Number(digits), codeText, instance: instance && !/\s/.test(instance) ? instance : null };
}
/** Win32 codes of an abort the client asked for (0) or an I/O it cancelled (995): the cause is elsewhere. */
const VDI_ABORTED = new Set([0, 995]);
/** Win32 codes SQLVDI gives when the writer's account may not use the instance. */
const VDI_DENIED = new Set([5]);
/** Win32 codes of exhausted memory or system resources (8, 14, 1450). */
const VDI_RESOURCES = new Set([8, 14, 1450]);

/**
 * QL318: SQL Server's virtual device interface failed (SQLVDI event 1): where (Loc), what (Desc) and the
 * Win32 code. An abort the client asked for is a consequence (warning: the failure that made the requester
 * abort is the cause); access denied, exhausted resources and other codes are the failure itself.
 */
function virtualDeviceErrors(input: DiagnosisInput): RuleFinding[] {
	const events = windowsEvents(input, 'SQLVDI', [1]).filter((r) => vdiParts(r.fields.message ?? '') !== null);
	const t = tr(input);
	return signals(input, events).flatMap(({ attempt: a, records: own }) => {
		// The first failure of the run is the decisive one; the aborts that follow it repeat it.
		const vdi = own.map((r) => ({ r, p: vdiParts(r.fields.message!)! }));
		const first = vdi.find((v) => !VDI_ABORTED.has(v.p.code)) ?? vdi[0];
		const { loc, desc, code, codeText, instance } = first.p;
		const cause = VDI_ABORTED.has(code) ? 'aborted' : VDI_DENIED.has(code) ? 'denied' : VDI_RESOURCES.has(code) ? 'resources' : 'other';
		const finding: RuleFinding = {
			...ruleDefaults('QL318'),
			severity: cause === 'aborted' ? 'warning' : 'error',
			title: t('QL318.title', { loc, desc, code }),
			message: t('QL318.message', { loc, desc, code, codeText, instance, cause, attempt: a ? attemptName(input, a) : null }),
			attemptId: a?.id ?? null,
			writers: ['SqlServerWriter'],
			hresult: null,
			fix: steps(cause !== 'other' && t(`QL318.fix.${cause}`), cause === 'other' && t('QL318.fix.errorLog'), t('common.retryBackup')),
			evidence: signalEvidence(input, a, [first.r]),
		};
		return [finding];
	});
}

/**
 * `BACKUP DATABASE SalesDB`, `BACKUP LOG [Sales DB]` in a 3041: T-SQL's keywords are never translated. A page's
 * placeholder (`<DB Name>`, Markdown-escaped `\\<DB Name>`) is one name however many words it holds.
 */
const BACKUP_COMMAND = /\bBACKUP (?:DATABASE|LOG) \\?(\[[^\]\r\n]{1,128}\]|<[^>\r\n]{1,60}>|[^\s.。,、]{1,128})/;
/**
 * A snapshot backup's virtual device as SQL Server names it in 18210: `'{GUID}1'` (a blog's `‘{GUID}1’` too), its
 * digits masked with `*` where an author hid them (`{********-63**-…}1`), 3271's `"  {GUID}22:"` file: the GUID's
 * shape is the device.
 */
const VIRTUAL_DEVICE = /['‘"“] {0,4}\{[0-9A-Fa-f*]{8}-[0-9A-Fa-f*]{4}-[0-9A-Fa-f*]{4}-[0-9A-Fa-f*]{4}-[0-9A-Fa-f*]{12}\}\d*:?['’"”]/;
/**
 * The C++ class SQL Server names a virtual device's failure by (`BackupVirtualDeviceFile::RequestDurableMedia`,
 * `BackupVirtualDeviceSet::AllocateBuffer`), never translated: the device is a VDI client's (a snapshot backup's
 * requester, or a third-party backup agent) whatever its name looks like (`'RVX-{GUID}'`, a page's `'{<GUID>}<ID>'`).
 */
const VIRTUAL_DEVICE_CLASS = /\bBackupVirtualDevice\w{0,20}::/;
/** The operating system error's number after the device, `… error 995(The I/O operation …).`, in any language. */
const OS_ERROR = /(\d{1,5}) ?[(（]/g;

/**
 * SQL Server's errors of a backup device, each with the operating system error that says why: 18210 (a device
 * failed), 18204 (a disk device could not be created), 3201 (a device could not be opened), 3271 (an I/O error).
 */
const DEVICE_ERRORS: readonly number[] = [18210, 18204, 3201, 3271];

/**
 * A differential (3035) or log (4214) backup SQL Server refused for want of a current full backup to base it on:
 * the chain is broken, often by another product's full backups (knowledge/events.ts).
 */
const BASE_ERRORS: readonly number[] = [3035, 4214];
/** The database 3035 names, in any quotes (`database "demo"`, a blog's `“demo”`). */
const QUOTED_NAME = /["“'‘]([^"“”'‘’\r\n]{1,128})["”'’]/;

/** What a device error says: whether its device is a snapshot backup's virtual device, the OS error and its text. */
function deviceFailure(message: string): { virtual: boolean; code: number; codeText: string | null } | null {
	const device = VIRTUAL_DEVICE.exec(message);
	const rest = device ? message.slice(device.index + device[0].length) : message;
	for (const m of rest.matchAll(OS_ERROR)) {
		// A whole number (not the end of a version `1.0(`): the text in its parentheses is the system's words.
		if (m.index > 0 && /[\d.]/.test(rest[m.index - 1])) continue;
		const open = m.index + m[0].length;
		const close = [rest.indexOf(')', open), rest.indexOf('）', open), rest.indexOf('\n', open)].reduce((m, i) => (i >= 0 && i < m ? i : m), rest.length);
		return {
			virtual: device !== null || VIRTUAL_DEVICE_CLASS.test(message),
			code: Number(m[1]),
			codeText:
				rest
					.slice(open, Math.min(close, open + 200))
					.trim()
					.replace(/[.。]$/, '') || null,
		};
	}
	return null;
}

/**
 * QL319: SQL Server logged that its BACKUP of a database failed (MSSQLSERVER or MSSQL$<instance> event 3041,
 * with 18210, 18204, 3201 or 3271 when a backup device failed, 3035 / 4214 when no full backup is there to base a
 * differential or log backup on): which databases were not backed up. SQL Server logs 3041 for any
 * failed backup, and an operating system error 995 or 0 on a snapshot backup's virtual device is the requester
 * ending the backup: both are consequences (warning) of the failure before them. A device failing with any
 * other error is SQL Server's own failure (error).
 */
function sqlBackupErrors(input: DiagnosisInput): RuleFinding[] {
	const events = windowsEvents(input, 'MSSQLSERVER', [3041, ...DEVICE_ERRORS, ...BASE_ERRORS]).filter((r) => kindStatesFailure(r));
	const t = tr(input);
	return signals(input, events).map(({ attempt: a, records: own }) => {
		const text = (r: KindRecord<'windows-event'>) => [r.fields.message ?? '', ...insertionStrings(r.fields.data)].join('\n');
		const named = own.map((r) => (r.fields.eventId === 3041 ? BACKUP_COMMAND.exec(text(r))?.[1] : BASE_ERRORS.includes(r.fields.eventId ?? 0) ? QUOTED_NAME.exec(text(r))?.[1] : null) ?? null);
		const databases = [...new Set(named)].filter((d): d is string => d !== null);
		const base = own.some((r) => BASE_ERRORS.includes(r.fields.eventId ?? 0));
		const devices = own.filter((r) => DEVICE_ERRORS.includes(r.fields.eventId ?? 0)).map((r) => deviceFailure(text(r)));
		const device = devices.find((d) => d !== null && !VDI_ABORTED.has(d.code)) ?? devices.find((d) => d !== null) ?? null;
		const cause = base ? 'base' : device === null ? 'consequence' : device.virtual && VDI_ABORTED.has(device.code) ? 'aborted' : 'device';
		const first = own.find((r) => r.fields.eventId === 3041) ?? own[0];
		return {
			...ruleDefaults('QL319'),
			severity: cause === 'device' || cause === 'base' ? 'error' : 'warning',
			title: t('QL319.title', { databases }),
			message: t('QL319.message', { databases, device, cause, instance: first.fields.provider, attempt: a ? attemptName(input, a) : null }),
			attemptId: a?.id ?? null,
			writers: ['SqlServerWriter'],
			hresult: null,
			fix: steps(cause === 'base' ? t('QL319.fix.base') : cause === 'device' ? t('QL318.fix.errorLog') : t('QL318.fix.aborted'), t('common.retryBackup')),
			evidence: signalEvidence(input, a, own.slice(0, 3)),
		};
	});
}

/**
 * QL320: VSS 12366, an exception a writer's event callback did not catch. The event id states the failure
 * whatever its level says (a blog's one-line copy prints none); it names no writer, so the fix finds it.
 */
function writerCallbackExceptions(input: DiagnosisInput): RuleFinding[] {
	const events = windowsEvents(input, 'VSS', [12366]);
	const t = tr(input);
	return signals(input, events).map(({ attempt: a, records: own }) => ({
		...ruleDefaults('QL320'),
		title: t('QL320.title'),
		message: t('QL320.message', { attempt: a ? attemptName(input, a) : null, events: namedEvents(input, own) }),
		attemptId: a?.id ?? null,
		writers: [],
		hresult: null,
		fix: steps(t('QL320.fix.find'), t('QL320.fix.restart'), t('common.retryBackup')),
		evidence: signalEvidence(input, a, own.slice(0, 3)),
	}));
}

/** VSS_E_WRITER_STATUS_NOT_AVAILABLE: what VSS 12289 carries when it removes a writer's abandoned session state. */
const SESSION_STATE_REMOVED = '0x80042409';

/**
 * QL321: VSS 12289 with 0x80042409, VSS removing a writer's session state that a requester left behind
 * (no BackupComplete or PostRestore, no abort) once it is two days old (KB 978773). It is logged outside any
 * running backup or restore, so it explains no failure; only its recurrence says a requester does not end
 * its sessions. Its Context names the old session's operation, state and failure, which are history.
 */
function abandonedSessions(input: DiagnosisInput): RuleFinding[] {
	const events = windowsEvents(input, 'VSS', [12289]).filter((r) => r.fields.hresult === SESSION_STATE_REMOVED);
	if (events.length === 0) return [];
	const t = tr(input);
	const writers = [...new Set(events.map((r) => r.fields.writerName).filter((w): w is string => typeof w === 'string'))];
	return [
		{
			...ruleDefaults('QL321'),
			title: t('QL321.title'),
			message: t('QL321.message', { writers, count: events.length, events: namedEvents(input, events) }),
			attemptId: null,
			writers,
			hresult: SESSION_STATE_REMOVED,
			fix: t('QL321.fix'),
			evidence: signalEvidence(input, null, events.slice(0, 2)),
		},
	];
}

/**
 * QL322: CAPI2 513 whose details name AddLegacyDriverFiles: the System Writer (Cryptographic Services) could not
 * read one legacy driver's binary image while answering OnIdentify, skipped it and went on; the backup does not
 * fail for it (KB 3209092, the LLDP driver mslldp whose service denies the writer's account). Any other 513
 * (the component store's files) is the System Writer's failure, which the listing and KB 2009272 rules read.
 */
function legacyDriverImages(input: DiagnosisInput): RuleFinding[] {
	const events = windowsEvents(input, 'Microsoft-Windows-CAPI2', [513]).filter((r) => LEGACY_DRIVER_FILES.test(String(r.fields.message ?? '')));
	if (events.length === 0) return [];
	const t = tr(input);
	// The details line as the event states it: the routine and the image it names, in the display language.
	const detail =
		String(events[0].fields.message)
			.split('\n')
			.map((l) => l.trim())
			.find((l) => LEGACY_DRIVER_FILES.test(l)) ?? null;
	return [
		{
			...ruleDefaults('QL322'),
			title: t('QL322.title'),
			message: t('QL322.message', { detail, events: namedEvents(input, events) }),
			attemptId: null,
			writers: ['System Writer'],
			hresult: null,
			fix: t('QL322.fix'),
			evidence: signalEvidence(input, null, events.slice(0, 2)),
		},
	];
}
