import { pushTo } from '../../collections';
import { firstHresult, type KindRecord } from '../../model/records';
import type { DiagnosisInput } from '../diagnose';
import { hresultLabel, parseHresult } from '../../knowledge/hresults';
import { FLUSH_HOLD_LIMIT_MS } from '../../knowledge/limits';
import { backupErrorMeaning, hresultAdvice, hresultMeaning, productCodeMeaning } from '../../knowledge/messages/tables';
import { eventService, insertionStrings } from '../../formats/windows/windowsEvents';
import { APPLICATION_ERROR_PROVIDER, loggedByProviderQuery, SCM_PROVIDER } from '../../knowledge/events';
import { faultingModule, SERVICE_STOPS, type ServiceStop } from '../../knowledge/services';
import { WRITERS } from '../../knowledge/writerServices';
import { ruleDefaults } from '../ruleCatalogue';
import { restartStep } from './writers';
import { attemptName, echoNote, eventName, namedEvents, onVmware, type RuleFinding, signalEvidence, signalHresult, signals, steps, tr, windowsEvents, withHresult } from './common';

/**
 * QL304–QL305, the VSS machinery between writers and providers: the COM+ event registration VSS needs to
 * reach its writers (QL304), writes that could not be flushed or held in time (QL305), and Windows Server
 * Backup failures whose decimal error code names the cause (QL306), a service the snapshot runs through that
 * stopped or could not start (QL307).
 */
export function vssInfraRules(input: DiagnosisInput): RuleFinding[] {
	return [...comRegistration(input), ...flushAndHold(input), ...backupFailures(input), ...serviceStops(input)];
}

const SCM_IDS = Object.keys(SERVICE_STOPS).map(Number);
/** Application Error's event of a crashed process. */
const APPLICATION_CRASH = 1000;
/** What an event says happened to its service: an SCM event by its id, a process crash a crash. */
const stopOf = (r: KindRecord<'windows-event'>): ServiceStop => (r.fields.provider.toLowerCase() === APPLICATION_ERROR_PROVIDER ? 'crashed' : SERVICE_STOPS[r.fields.eventId!]);
/** The system provider's service, whose registration KB 2009513 repairs. */
const SYSTEM_PROVIDER_SERVICE = 'swprv';

/**
 * QL307: the Service Control Manager logged that the VSS service, the system provider's, a writer's or a backup
 * agent's service stopped or could not start; one finding per service and attempt. During a failed attempt it
 * is the cause (the attempt's HRESULT its consequence); beside a successful one, a warning.
 */
function serviceStops(input: DiagnosisInput): RuleFinding[] {
	const events = [...windowsEvents(input, SCM_PROVIDER, SCM_IDS), ...windowsEvents(input, APPLICATION_ERROR_PROVIDER, [APPLICATION_CRASH])].filter((r) => eventService(r.fields) !== null);
	const t = tr(input);
	return signals(input, events).flatMap(({ attempt: a, records: own }) => {
		const byService = new Map<string, KindRecord<'windows-event'>[]>();
		for (const r of own) pushTo(byService, eventService(r.fields)!.name, r);
		return [...byService.values()].map((list): RuleFinding => {
			const service = eventService(list[0].fields)!;
			const what = stopOf(list[0]);
			const crash = list.find((r) => r.fields.provider.toLowerCase() === APPLICATION_ERROR_PROVIDER);
			const module = crash ? faultingModule({ data: insertionStrings(crash.fields.data), message: crash.fields.message }) : null;
			const failed = a === null || a.result !== 'success';
			const hr = a?.hresult ?? null;
			const label = `${service.displayNames[0]} (${service.name})`;
			return {
				...ruleDefaults('QL307', { providerClass: service.name === SYSTEM_PROVIDER_SERVICE }),
				severity: failed ? 'error' : 'warning',
				title: t('QL307.title', { service: label, what }),
				message: t('QL307.message', { service: label, what, role: service.role, module, attempt: a ? attemptName(input, a) : null, failed: a?.result === 'failed', hrLabel: hr ? hresultLabel(hr) : null, events: namedEvents(input, list) }),
				attemptId: a?.id ?? null,
				writers: [],
				hresult: hr,
				fix: steps(
					t('QL307.fix.state', { name: service.name, startType: service.startType }),
					list.some((r) => stopOf(r) === 'start' || stopOf(r) === 'error') ? t('QL307.fix.error') : t('QL307.fix.crash'),
					service.name === SYSTEM_PROVIDER_SERVICE && t('QL307.fix.provider'),
					t('common.retryBackup'),
				),
				evidence: signalEvidence(input, a, list),
			};
		});
	});
}

/** The COM+ event class VSS publishes writer events through (VSSEvent, Eventcls.dll; KB 2009550). */
const VSS_EVENT_CLASS = 'faf53cc4-bd73-4e36-83f1-2b23f46e513e';
/** A class or object that is not registered: the COM errors a broken registration gives. */
const NOT_REGISTERED = new Set(['0x80040154', '0x800401FB']);
const WRITER_INFRASTRUCTURE = '0x80042318';

/**
 * Event 22 (component not registered), 34 (event class not registered), 12302 (writers unreachable), and 13/8193
 * with "not registered". Windows Server 2003 logs 22's message as event 20 (later Windows' Safe Mode event, which
 * carries no code): a 20 with a "not registered" code is that message.
 */
function isRegistrationEvent(r: KindRecord<'windows-event'>): boolean {
	const { eventId: id, hresult } = r.fields;
	const notRegistered = hresult !== null && NOT_REGISTERED.has(hresult);
	return id === 22 || id === 34 || id === 12302 || ((id === 13 || id === 8193 || id === 20) && notRegistered);
}

/** `{CLSID} … [0x…]` of a registration event, the class's name between them (`… and Name MSSQL_ClientVirtualDeviceSet is [0x80040154]`). */
const CLASS_AND_CODE = /\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}([^[\]\n]{1,120})\[0x[0-9a-f]{8}/i;
/** An identifier (a COM class's name is never translated; the words around it are). */
const IDENTIFIER = /[A-Za-z_][\w.]{3,80}/g;
/**
 * COM's activation calls, which a message names beside the class it could not create: Japanese puts
 * `CoCreateInstance` between the CLSID and the code (`CLSID {…} および名前 SW_PROV を持つクラスについて
 * CoCreateInstance から返されたエラーは [0x80040154, …]`), English before the CLSID. Never the class's name.
 */
const COM_ACTIVATION_CALL = /^Co(?:CreateInstance(?:Ex)?|GetClassObject|GetObject)$/;
/**
 * Classes whose registration is Windows' own VSS machinery, which KB 2009550 / 2009533 repair: VSS's (its event
 * class VSSEvent, its coordinator interfaces IVssCoordinator…) and the COM+ Event System's (CEventSystem, CEventClass…).
 */
const VSS_OWN_CLASS = /^(?:I?vss|CEvent|EventSystem)/i;

/**
 * The COM class a registration event's message names, when it prints one: the {CLSID} and, for its name, the
 * longest identifier between the CLSID and the [0x…] code. Pasted text has no insertion strings to take it from.
 */
function namedClass(events: readonly KindRecord<'windows-event'>[]): { name: string; clsid: string } | null {
	for (const r of events) {
		const m = CLASS_AND_CODE.exec(r.fields.message ?? '');
		const name = m ? (m[2].match(IDENTIFIER) ?? []).filter((w) => !COM_ACTIVATION_CALL.test(w)).reduce((a, b) => (b.length > a.length ? b : a), '') : '';
		if (m && name !== '') return { name, clsid: m[1].toLowerCase() };
	}
	return null;
}

/** VSS's event of writers it could not contact (VSS_E_WRITER_INFRASTRUCTURE). */
const WRITERS_UNREACHABLE = 12302;

/**
 * The one writer a 12302 names as the one that did not answer (`The Registry Writer failed to respond to a query
 * from VSS`, newer Windows): a writer's name is never translated, so it is found whole in any language's message.
 * Null when the event names none (the COM+ registration then failed for all of them) or several.
 */
function unansweredWriter(events: readonly KindRecord<'windows-event'>[]): string | null {
	const names = new Set<string>();
	for (const r of events) {
		if (r.fields.eventId !== WRITERS_UNREACHABLE) continue;
		const message = r.fields.message ?? '';
		for (const w of WRITERS) if (message.includes(` ${w.name} `)) names.add(w.name);
	}
	return names.size === 1 ? [...names][0] : null;
}

/** QL304: VSS cannot reach its writers because the COM+ event system or the VSS event class is not registered. */
function comRegistration(input: DiagnosisInput): RuleFinding[] {
	const events = windowsEvents(input, 'VSS', [20, 22, 34, 12302, 13, 8193]).filter(isRegistrationEvent);
	const records = [...events, ...withHresult(input, [WRITER_INFRASTRUCTURE]).filter((r) => r.kind !== 'windows-event')];
	const t = tr(input);
	return signals(input, records, (a) => a.hresult === WRITER_INFRASTRUCTURE).map(({ attempt: a, records: own }) => {
		const ownEvents = own.filter((r): r is KindRecord<'windows-event'> => r.kind === 'windows-event');
		const named = namedClass(ownEvents);
		// Only 12302s, naming the writer that did not answer: the other writers were reached, so the COM+ registration
		// is sound; that writer (or VSS's in-memory state of it) is what to reset.
		const writer = ownEvents.length === own.length && ownEvents.every((r) => r.fields.eventId === WRITERS_UNREACHABLE) ? unansweredWriter(ownEvents) : null;
		if (writer !== null) {
			const hr = firstHresult(own) ?? a?.hresult ?? null;
			return {
				...ruleDefaults('QL304', { vssEventClass: false, vssEventClassType: false }),
				title: t('QL304.unanswered.title', { writer }),
				message: t('QL304.unanswered.message', { writer, events: namedEvents(input, own), attempt: a ? attemptName(input, a) : null, failed: a?.result === 'failed' }),
				attemptId: a?.id ?? null,
				writers: [writer],
				hresult: hr,
				fix: steps(restartStep(input, writer, null), t('QL304.fix.reboot'), t('common.retryBackup')),
				evidence: signalEvidence(input, a, own),
			};
		}
		const eventClass = named?.clsid === VSS_EVENT_CLASS || own.some((r) => r.kind === 'windows-event' && (r.fields.guid === VSS_EVENT_CLASS || r.fields.eventId === 34));
		// Another program's class (a writer's helper, a provider) not registered: that program's registration is the fix, not VSS's.
		const foreign = !eventClass && named !== null && !VSS_OWN_CLASS.test(named.name) ? named : null;
		const hr = firstHresult(own) ?? a?.hresult ?? null;
		const params = { eventClass, component: foreign?.name ?? null };
		// Logged while VSS listed every provider for a query (no try holds it): a provider skipped, no backup failed.
		const query = a === null && foreign !== null && ownEvents.length === own.length && ownEvents.every((r) => loggedByProviderQuery(r.fields.message ?? ''));
		return {
			// KB 2009550 / 2009533 repair VSS's own event class, not another program's.
			...ruleDefaults('QL304', { vssEventClass: foreign === null, vssEventClassType: foreign === null }),
			...(query ? { severity: 'warning' as const } : {}),
			title: t('QL304.title', params),
			message: t('QL304.message', { ...params, clsid: foreign?.clsid ?? null, hrLabel: hr ? hresultLabel(hr) : null, events: namedEvents(input, own), attempt: a ? attemptName(input, a) : null, failed: a?.result === 'failed', query }),
			attemptId: a?.id ?? null,
			writers: [],
			hresult: hr,
			fix: foreign ? steps(t('QL304.fix.component', foreign), t('QL304.fix.restartVss'), t('common.retryBackup')) : steps(t('QL304.fix.services'), t('QL304.fix.typeLib'), t('QL304.fix.restart'), t('QL304.fix.check'), t('common.retryBackup')),
			evidence: signalEvidence(input, a, own),
		};
	});
}

const FLUSH_HOLD = new Set(['0x80042313', '0x80042314']);

/** QL305: VSS could not flush or hold writes in time (0x80042313/14, VSS 12297/12298/12338/12340, volsnap 8/9). */
function flushAndHold(input: DiagnosisInput): RuleFinding[] {
	const records = [...windowsEvents(input, 'VSS', [12297, 12298, 12338, 12340]), ...windowsEvents(input, 'volsnap', [8, 9]), ...withHresult(input, FLUSH_HOLD).filter((r) => r.kind !== 'windows-event')];
	const t = tr(input);
	return signals(input, records, (a) => FLUSH_HOLD.has(String(a.hresult))).map(({ attempt: a, records: own }) => {
		const hr = signalHresult(a, own, FLUSH_HOLD);
		return {
			...ruleDefaults('QL305', { freezeUnderLoad: input.hypervisor !== 'hyper-v' }),
			title: t('QL305.title'),
			message: t('QL305.message', { attempt: attemptName(input, a), limitMs: FLUSH_HOLD_LIMIT_MS, hrLabel: hr ? hresultLabel(hr) : null, events: namedEvents(input, own) }),
			attemptId: a?.id ?? null,
			writers: [],
			hresult: hr,
			fix: steps(t('QL305.fix.moveIo'), t('QL305.fix.storage'), onVmware(input, t('QL305.fix.datastore')), t('QL305.fix.retry')),
			evidence: signalEvidence(input, a, own),
		};
	});
}

/** The failure code in an event's insertion strings, as Windows Server Backup prints it (decimal) or as hex. */
function failureCode(r: KindRecord<'windows-event'>): string | null {
	const codes = insertionStrings(r.fields.data).map(parseHresult);
	// The severity bit set: a failure code, not a count or a time that happens to be digits. A pasted message
	// has no insertion strings: its HRESULT is the one the event model found in the text.
	return codes.find((c): c is string => c !== null && parseInt(c.slice(2), 16) >= 0x80000000) ?? (typeof r.fields.hresult === 'string' ? r.fields.hresult : null);
}

/** QL306: Windows Server Backup failed (events 5 / 517 / 521); its code (decimal in 517 and 521) decoded and explained. */
function backupFailures(input: DiagnosisInput): RuleFinding[] {
	const events = windowsEvents(input, 'Microsoft-Windows-Backup', [5, 517, 521]);
	const t = tr(input);
	return signals(input, events).flatMap(({ attempt: a, records: own }) => {
		const byCode = new Map<string | null, KindRecord<'windows-event'>[]>();
		for (const r of own) pushTo(byCode, failureCode(r), r);
		return [...byCode].map(([code, list]): RuleFinding => {
			const meaning = code ? (backupErrorMeaning(code, input.locale) ?? hresultMeaning(code, input.locale) ?? productCodeMeaning(code, input.locale)) : undefined;
			// A code that only says the shadow copy failed, in an attempt another code decides: information pointing there.
			const echo = echoNote(input, code, a);
			return {
				...ruleDefaults('QL306', { systemWriterMissing: code === '0x80780102', sqlWriterBackup: code === '0x807800A1', writerVetoes: code !== '0x80780102' }),
				...(echo?.decided === true && { severity: 'info' as const }),
				title: t('QL306.title', { code }),
				message: t('QL306.message', { event: eventName(input, list[0]), code, meaning: meaning ?? null, attempt: a ? attemptName(input, a) : null, echo: echo?.sentence ?? null }),
				attemptId: a?.id ?? null,
				writers: [],
				hresult: code,
				fix: steps(code ? hresultAdvice(code, input.locale) : undefined, code === '0x80780102' && t('QL306.fix.systemWriter'), code === '0x807800A1' && t('QL306.fix.findWriter'), t('QL306.fix.rerun')),
				evidence: signalEvidence(input, a, list),
			};
		});
	});
}
