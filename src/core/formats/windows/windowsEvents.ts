import { appendAll } from '../../collections';
import { codesIn } from '../backup/productText';
import { normalizeHresult } from '../../knowledge/hresults';
import { blobFinalStatus, driverFinalStatus } from '../../knowledge/ntstatus';
import { writerInfo, WRITERS } from '../../knowledge/writerServices';
import { APPLICATION_ERROR_PROVIDER, SCM_PROVIDER } from '../../knowledge/events';
import { crashedService, type QuiesceService, serviceOf } from '../../knowledge/services';
import type { KindRecord } from '../../model/records';
import type { SourceRef } from '../../model/report';
import type { KindDeclarations } from '../lib/kinds';
import { parseIsoStamp } from '../lib/stamps';
import { parseXml, type XmlElement } from '../lib/xml';

/**
 * What the three Windows event formats (XML, Event Viewer text copy, CSV) share: one event as read, the
 * record it becomes, and the language-neutral analysis of its insertion strings and message.
 *
 * Record kind `windows-event`, fields (every key always present, null when the format does not carry it):
 * - `provider` (string): `VSS`, `volsnap`, `SQLWRITER`, `MSSQLSERVER` …
 * - `eventId` (number): the id without Qualifiers (`8229`, not `0x00002025`)
 * - `qualifiers` (number|null): the high 16 bits of a classic message id (49158 for VolSnap errors)
 * - `level` (number|null): 1 critical, 2 error, 3 warning, 4 information (0: LogAlways/audit)
 * - `levelText` (string|null): the level word as printed (localized), where the format prints one
 * - `channel` (string|null): log name (`Application`, `System`)
 * - `computer` (string|null), `recordId` (number|null)
 * - `data` (string|null): the positional `<Data>` insertion strings (`%1`, `%2` …) as a JSON array of
 *   strings, Name attributes dropped; null when the format has no insertion strings (text copy without its
 *   Event Xml part, CSV)
 * - `message` (string|null): the rendered message (text copy description, CSV Message, XML RenderingInfo)
 * - `hresult` (string|null): the first failure HRESULT (`0x8xxxxxxx`…`0xFxxxxxxx`) in the data, else in the
 *   message, normalised to `0x800423F3`: `hr = 0x…` first, then a value that starts with one
 *   (`0x800423f3, The writer…`, `[0x80040154, …]`), then any other standalone one
 * - `finalStatus` (string|null): a storage driver's failure status (an NTSTATUS) from its IO_ERROR_LOG_PACKET, the
 *   event's `<Binary>` blob or the Data dump a text copy prints (knowledge/ntstatus.ts); `hresult` when the text has
 *   no code
 * - `guid` (string|null): the first insertion string that is a whole `{GUID}`, lower case without braces
 *   (CLSID for 11/12/13/22/12292, provider id for 12293)
 * - `operation` (string|null): the VSS Operation section (`PrepareForSnapshot Event`, `Freeze Event`),
 *   lines joined with ` / `
 * - `executionContext` (string|null): the Context value that names who ran (`Writer`, `Coordinator`,
 *   `System Provider`, `Provider`, `Requestor`)
 * - `writerName`, `writerClassId`, `writerInstanceId`, `writerInstanceName`, `commandLine` (string|null),
 *   `processId` (number|null): the writer context of 8229 and friends, read by position (below)
 * - `providerName`, `providerId` (string|null): the provider context of a 12289 logged in a provider's
 *   execution context (id lower case without braces), read by position (below)
 * - `binaryText` (string|null): the `<Binary>` blob when it decodes to printable text (VSS writes
 *   `- Code: …- Call: …- PID: …- CMD: …`)
 * - `printedTime` (string|null): the date as printed, for formats whose dates are local text
 *
 * The VSS context block (`Operation:` / indented lines / `Context:` / indented `label: value` lines) is
 * read by shape, never by its labels, which newer Windows builds translate: a section is a line ending
 * in a colon followed by indented lines; the last section of `label: value` lines is the context, the first
 * section before it the operation. The Execution Context value is an insertion string that stays English
 * on translated systems (`実行コンテキスト: Coordinator`), so it is recognised by value. In a `Writer` context, among the
 * values after the Execution Context (a 12289 about an abandoned session lists that session's ids before it), the first `{GUID}` value is
 * the writer class id, the value after it the writer name, the second `{GUID}` the instance id, a single
 * value between name and instance id the instance name, the value after the instance id the command line,
 * and the last all-digit value the process id. With no `{GUID}` at all (ids blanked in a paste), the value
 * that is a known writer name is the writer name. In a `Provider` context (a hardware or third-party provider's
 * 12289), the value after the Execution Context is the provider's name and the first `{GUID}` its id
 * (`providerName`, `providerId`). With no Execution Context, a context of exactly a `{GUID}`,
 * a name and a `{GUID}` (8193/8194 of Windows 2008 and 2012) is a writer's class id, name and instance id.
 */

/** The VSS context block of an event (see the module comment). */
interface ContextFields {
	operation: string | null;
	executionContext: string | null;
	writerName: string | null;
	writerClassId: string | null;
	writerInstanceId: string | null;
	writerInstanceName: string | null;
	commandLine: string | null;
	processId: number | null;
	providerName: string | null;
	providerId: string | null;
}

/**
 * The fields of a `windows-event` record (see the module comment): what the event as read carries (its
 * `eventId` is null for a message read alone whose template names no id: Hyper-V-VMMS, ESENT texts), its
 * provider, and what the analysis of its insertion strings and message adds.
 */
export interface WindowsEventFields extends ContextFields, Pick<WindowsEvent, 'eventId' | 'qualifiers' | 'level' | 'levelText' | 'channel' | 'computer' | 'recordId' | 'message' | 'binaryText' | 'printedTime'> {
	provider: string;
	/** The insertion strings as a JSON array of strings. */
	data: string | null;
	hresult: string | null;
	/** A driver's failure status from the event's binary data (see binaryStatus), or null. */
	finalStatus: string | null;
	guid: string | null;
}

declare module '../../model/records' {
	interface RecordFields {
		'windows-event': WindowsEventFields;
	}
}

/** What a Windows event means, for the three event formats. */
export const WINDOWS_EVENT_KINDS = {
	'windows-event': {
		role: 'event',
		// Its level decides (phases.ts), and an HRESULT of a failure; critical and error events state one.
		severity: 'info',
		failure: (f) => (typeof f.level === 'number' && f.level >= 1 && f.level <= 2) || f.hresult != null,
		// One Windows event seen by two exports (the XML and the CSV of the same log) pairs their clocks.
		anchor: (f) => (f.provider && f.eventId !== null ? `event:${f.provider.toLowerCase()}:${f.eventId}` : null),
	},
} satisfies KindDeclarations;

/** One event as a format read it, before analysis. */
export interface WindowsEvent {
	provider: string | null;
	eventId: number | null;
	qualifiers: number | null;
	level: number | null;
	levelText: string | null;
	channel: string | null;
	computer: string | null;
	recordId: number | null;
	/** UTC instant (XML SystemTime, or a printed date with a zone). */
	time: string | null;
	/** Local wall clock when the format printed a local date. */
	local: string | null;
	printedTime: string | null;
	data: string[] | null;
	message: string | null;
	binaryText: string | null;
	/** The `<Binary>` blob as hex (XML, `.evtx`, Friendly View), when the event has one. */
	binary: string | null;
}

/** The insertion strings of an Exchange writer 8229 as case-05 has them; the three formats' samples share them. */
export const SAMPLE_8229_DATA: readonly [string, string] = [
	'0x800423f3, The writer experienced a transient error.  If the backup process is retried,\nthe error may not reoccur.\n',
	'\n\nOperation:\n   PrepareForSnapshot Event\n\nContext:\n   Execution Context: Writer\n   Writer Class Id: {76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}\n' +
		'   Writer Name: Microsoft Exchange Writer\n   Writer Instance ID: {0798db2b-6d29-5075-89a3-014e629ad9d2}\n' +
		'   Command Line: "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Bin\\msexchangerepl.exe"\n   Process ID: 4412\n',
];

/** The English 8229 message: its template around the two insertion strings. */
export const sample8229Message = (data: readonly [string, string]): string =>
	`A VSS writer has rejected an event with error ${data[0]}. Changes that the writer made to the writer components while handling the event will not be available to the requester. Check the event log for related events from the application hosting the VSS writer.${data[1]}`;

/** An event that says which provider logged it, and its id: what makes an event a record. */
export type IdentifiedEvent = WindowsEvent & { provider: string; eventId: number };

/** Whether the event names its provider and its id. */
export const isIdentified = (e: WindowsEvent): e is IdentifiedEvent => e.provider !== null && e.eventId !== null;

/** An event with nothing known yet; formats fill in what they carry. */
export function emptyEvent(): WindowsEvent {
	return { provider: null, eventId: null, qualifiers: null, level: null, levelText: null, channel: null, computer: null, recordId: null, time: null, local: null, printedTime: null, data: null, message: null, binaryText: null, binary: null };
}

/**
 * Providers whose every event matters to a quiesce, whatever its level: VSS and the volume shadow copy
 * driver, SQL Server and its writer/VDI, Exchange's writer hosts, VMware Tools, Windows Server Backup,
 * the COM+ event system VSS publishes through. Lower-cased; `mssql$<instance>` is matched by prefix.
 */
const QUIESCE_PROVIDERS = new Set([
	'vss',
	'volsnap',
	'microsoft-windows-volumesnapshot-driver',
	'sqlwriter',
	'sqlvdi',
	'mssqlserver',
	'msexchangerepl',
	'msexchangeis',
	'vmtools',
	'vmware tools',
	'vmstatsprovider',
	'vmupgradehelper',
	'microsoft-windows-backup',
	'eventsystem',
	'microsoft-windows-eventsystem',
]);

/**
 * Whether an event becomes a record: a quiesce provider, or any critical/error/warning event (a disk or
 * NTFS error during the freeze matters too), or an event whose level the format does not say. Other
 * events are parsed and dropped, so an exported Application log of thousands of events stays small.
 */
export function isQuiesceRelevant(e: Pick<WindowsEvent, 'provider' | 'level'>): boolean {
	const p = e.provider?.toLowerCase() ?? '';
	return QUIESCE_PROVIDERS.has(p) || p.startsWith('mssql$') || e.level === null || (e.level >= 1 && e.level <= 3);
}

/** Evidence text is the event's first line, capped so that a whole event on one line stays readable. */
const MAX_EVIDENCE_CHARS = 1000;

/** The `windows-event` record of an event (see the module comment for its fields). */
export function eventRecord(e: WindowsEvent & { provider: string }, source: SourceRef, firstLine: string): KindRecord<'windows-event'> {
	const ctx = vssContext(e.data ?? [], e.message);
	const trimmed = firstLine.trim();
	const finalStatus = binaryStatus(e);
	const fields: WindowsEventFields = {
		provider: e.provider,
		eventId: e.eventId,
		qualifiers: e.qualifiers,
		level: e.level,
		levelText: e.levelText,
		channel: e.channel,
		computer: e.computer,
		recordId: e.recordId,
		data: e.data ? JSON.stringify(e.data) : null,
		message: e.message,
		hresult: firstHresult(e.data ?? []) ?? (e.message !== null ? (firstHresult([e.message]) ?? spelledCode(e.provider, e.message)) : null) ?? finalStatus,
		finalStatus,
		guid: e.data?.map(wholeGuid).find((g) => g !== null) ?? null,
		...ctx,
		binaryText: e.binaryText,
		printedTime: e.printedTime,
	};
	return {
		time: e.time,
		local: e.time ? null : e.local,
		kind: 'windows-event',
		fields,
		source,
		text: trimmed.length > MAX_EVIDENCE_CHARS ? `${trimmed.slice(0, MAX_EVIDENCE_CHARS)}…` : trimmed,
	};
}

/**
 * The failure status a driver's event carries in its binary data (the IO_ERROR_LOG_PACKET's FinalStatus), when
 * its text has no code: the `<Binary>` blob, or the Data dump an Event Viewer text copy prints after the message.
 */
function binaryStatus(e: WindowsEvent): string | null {
	if (e.eventId === null) return null;
	return blobFinalStatus(e.eventId, e.binary) ?? driverFinalStatus(e.eventId, e.message);
}

const GUID = /^\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}$/i;
const wholeGuid = (v: string): string | null => GUID.exec(v.trim())?.[1].toLowerCase() ?? null;

/** `hr = 0x80070001` (the identifier `hr` is code, not prose). */
const HR_ASSIGN = /\bhr\s*=\s*(0x[89a-f][0-9a-f]{7})\b/i;
/** A value that starts with the HRESULT: `0x800423f3, The writer…`, `[0x800401fb, Object is not registered]`. */
const LEADING = /^\s*\[?(0x[89a-f][0-9a-f]{7})\b/i;
/** Any failure HRESULT not inside an argument list such as `CreateFileW(…,0x80000000,0x00000003,…)`. */
const STANDALONE = /(?:^|[^\w,])(0x[89a-f][0-9a-f]{7})\b(?!,0x)/i;

/**
 * The code a writer's host spells its own way (`failed with error code 80070015`, no `0x`), found as the
 * backup products' codes are (codesIn); only for the quiesce providers, whose numbers are codes.
 */
function spelledCode(provider: string, message: string): string | null {
	return QUIESCE_PROVIDERS.has(provider.toLowerCase()) ? codesIn(message).hresult : null;
}

/** An event record's insertion strings (its `data` field, a JSON array of strings); none when it has none. */
export function insertionStrings(data: string | null): string[] {
	if (data === null) return [];
	try {
		const strings: unknown = JSON.parse(data);
		return Array.isArray(strings) ? strings.map(String) : [];
	} catch {
		return [];
	}
}

/**
 * The service a snapshot runs through that a Service Control Manager event is about, or whose own process an
 * Application Error 1000 says crashed (knowledge/services.ts), or null: another provider's event, or another
 * service's (a stopped print spooler is no quiesce's business).
 */
export function eventService(f: Pick<WindowsEventFields, 'provider' | 'eventId' | 'data' | 'binaryText' | 'message'>): QuiesceService | null {
	const provider = f.provider.toLowerCase();
	if (provider === SCM_PROVIDER) return serviceOf({ binaryText: f.binaryText, data: insertionStrings(f.data), message: f.message });
	// A crash of the service's own process (vssvc.exe) is its stop too.
	if (provider === APPLICATION_ERROR_PROVIDER && f.eventId === APPLICATION_CRASH) return crashedService({ data: insertionStrings(f.data), message: f.message });
	return null;
}

/** Application Error's event of a crashed process. */
const APPLICATION_CRASH = 1000;

/** The first failure HRESULT in a list of texts, by the precedence in the module comment. */
export function firstHresult(texts: readonly string[]): string | null {
	for (const re of [HR_ASSIGN, LEADING, STANDALONE]) {
		for (const t of texts) {
			const m = re.exec(t);
			if (m) return normalizeHresult(m[1]);
		}
	}
	return null;
}

/**
 * Level values as Event Viewer prints them in its header (en, ja, de, fr, es, it, pt, nl, ru, zh, ko, pl, cs,
 * tr; Windows 2003's Event Type too): a fixed set of values per display language, the printed form of the event's numeric
 * level, read where a text copy has no XML part.
 */
export const LEVELS: ReadonlyMap<string, number> = new Map([
	['critical', 1],
	['重大', 1],
	['kritisch', 1],
	['critique', 1],
	['crítico', 1],
	['critico', 1],
	['kritiek', 1],
	['критический', 1],
	['关键', 1],
	['위험', 1],
	['krytyczny', 1],
	['kritická', 1],
	['kritik', 1],
	['error', 2],
	['エラー', 2],
	['fehler', 2],
	['erreur', 2],
	['errore', 2],
	['erro', 2],
	['fout', 2],
	['ошибка', 2],
	['错误', 2],
	['오류', 2],
	['błąd', 2],
	['chyba', 2],
	['hata', 2],
	['warning', 3],
	['警告', 3],
	['warnung', 3],
	['avertissement', 3],
	['advertencia', 3],
	['avviso', 3],
	['aviso', 3],
	['waarschuwing', 3],
	['предупреждение', 3],
	['경고', 3],
	['ostrzeżenie', 3],
	['upozornění', 3],
	['uyarı', 3],
	['information', 4],
	['情報', 4],
	['informationen', 4],
	['informations', 4],
	['información', 4],
	['informazioni', 4],
	['informações', 4],
	['informatie', 4],
	['сведения', 4],
	['信息', 4],
	['정보', 4],
	['informacje', 4],
	['informace', 4],
	['bilgi', 4],
]);

/** A section header: a non-indented line that ends in a colon (`Operation:`, `Opération :`, `操作:`). */
const SECTION_HEAD = /^\S.{0,60}[:：]\s*$/;
/** `label: value` inside a section, split at the first colon (a Command Line value holds `C:\`). */
const PAIR = /^([^:：]{1,60})[:：]\s*(.*)$/s;

/** Execution Context values: insertion strings VSS does not translate (lower case). */
const EXECUTION_CONTEXTS = new Set(['writer', 'coordinator', 'provider', 'system provider', 'requestor']);

/** Reads the Operation/Context block of a VSS event from its insertion strings, else from its message. */
function vssContext(data: readonly string[], message: string | null): ContextFields {
	const none: ContextFields = { operation: null, executionContext: null, writerName: null, writerClassId: null, writerInstanceId: null, writerInstanceName: null, commandLine: null, processId: null, providerName: null, providerId: null };
	for (const text of [...data, ...(message !== null ? [message] : [])]) {
		const sections = sectionsOf(text);
		let ctx = -1;
		sections.forEach((lines, i) => {
			if (lines.some((l) => (PAIR.exec(l)?.[2] ?? '') !== '')) ctx = i;
		});
		if (ctx < 0) continue;
		const pairs = sections[ctx].map((l) => PAIR.exec(l)?.[2].trim() ?? '');
		const at = pairs.findIndex((v) => EXECUTION_CONTEXTS.has(v.toLowerCase()));
		const execution = at >= 0 ? pairs[at] : null;
		const out: ContextFields = { ...none, operation: ctx > 0 ? sections[0].join(' / ') : null, executionContext: execution };
		// The writer's values follow the Execution Context: a 12289 about an abandoned session lists the old
		// session's snapshot set id, operation and state before it, which are no writer's.
		if (execution?.toLowerCase() === 'writer') Object.assign(out, writerContext(pairs.slice(at + 1)));
		else if (execution !== null && PROVIDER_CONTEXT.test(execution)) Object.assign(out, providerContext(pairs.slice(at + 1)));
		// Windows 2008/2012 print no Execution Context before a writer's ids (8193, 8194), or the writer's own
		// name as its Execution Context (`Execution Context: Shadow Copy Optimization Writer`): a class id, a
		// name and an instance id in a row are a writer's, whatever comes before them.
		else if (execution === null) {
			const at = writerTriple(pairs);
			if (at >= 0) Object.assign(out, writerContext(pairs.slice(at)));
		}
		return out;
	}
	return { ...none, ...flatWriterContext(message) };
}

/**
 * The writer of a message whose context lost its section heads and indentation (a digest that printed
 * `Operation:      Gathering Writer Data` and `Writer Name:    System Writer` as lines of one paragraph):
 * among its `label: value` lines, a value that names a known writer and a whole `{GUID}` value, its class id
 * (a context always carries it; a summary that only says `Writer: …` is no context). The known names are the
 * writers' own (never translated); labels are not looked at.
 */
function flatWriterContext(message: string | null): Partial<ContextFields> {
	if (message === null) return {};
	const values = message.split(/\r?\n/).map((l) => PAIR.exec(l.trim())?.[2].trim() ?? '');
	const writerName = values.find((v) => writerInfo(v) !== undefined);
	const classId = values.map(wholeGuid).find((g) => g !== null) ?? null;
	if (writerName !== undefined && classId !== null) return { writerName, writerClassId: classId };
	// A context whose ids stand on lines of their own was read by them: only a run-together one is read by its GUIDs.
	return classId === null ? runTogetherWriter(message) : {};
}

/** The start of a `{GUID}`, whatever cut it. */
const GUID_START = /\{[0-9a-f]{8}-/i;
/** A `{GUID}` anywhere in a text. */
const INLINE_GUID = /\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}/gi;

/**
 * The writer of a context a page ran into one line with the message (`… . Operation: Writer Exposing its Metadata
 * Context: Execution Context: Requestor Writer Instance ID: {…} Writer Class Id: {E8132975-…} Writer Name: System
 * Writer`), or a mail client re-wrapped at its width: a `{GUID}` of the message that is the class id of a writer
 * Microsoft documents names it, whatever the labels' language (a message that kept its lines is read by its sections).
 */
function runTogetherWriter(message: string): Partial<ContextFields> {
	for (const m of message.matchAll(INLINE_GUID)) {
		const info = writerInfo(null, m[1]);
		if (info?.writerId) return { writerName: info.name, writerClassId: info.writerId };
	}
	// The class id cut by a forum's box (`…AE2` / `20}`): the writer's name is the context's last value, after a
	// colon at the end of a line (`Writer Name: System Writer`); writers' names are never translated. Only in a
	// context with ids (a `{GUID` begun): a summary that only says `Writer: …` is no context.
	if (!GUID_START.test(message)) return {};
	const info = WRITERS.find((x) => x.writerId !== null && endsAValue(message, x.name));
	return info ? { writerName: info.name, writerClassId: info.writerId } : {};
}

/** Whether `name` stands after a colon and a blank at the end of a line of `text`. */
function endsAValue(text: string, name: string): boolean {
	for (let at = text.indexOf(`: ${name}`); at >= 0; at = text.indexOf(`: ${name}`, at + 1)) {
		const end = at + name.length + 2;
		if (end === text.length || text[end] === '\n' || text[end] === '\r') return true;
	}
	return false;
}

/**
 * Sections of a text (their indented lines, trimmed): a header line, then indented lines up to a blank or
 * non-indented line. Blank lines between a header and its first indented line are skipped: pastes that went
 * through a mail client or a forum put a blank line between every line.
 */
function sectionsOf(text: string): string[][] {
	const out: string[][] = [];
	let current: string[] | null = null;
	for (const line of text.split(/\r?\n/)) {
		if (current && /^\s+\S/.test(line)) {
			current.push(line.trim());
			continue;
		}
		if (current && current.length === 0 && line.trim() === '') continue;
		current = SECTION_HEAD.test(line) ? [] : null;
		if (current) out.push(current);
	}
	return out.filter((s) => s.length > 0);
}

/** GUID_NULL, lower case. */
const NULL_GUID = '00000000-0000-0000-0000-000000000000';

/** The index of the first `{GUID}`, name, `{GUID}` run among a context's values (a writer's class id, name and instance id), or -1. */
function writerTriple(values: readonly string[]): number {
	// A writer's name has letters and its class id is never GUID_NULL: 12292's `Class ID: {00000000-…}`,
	// `Snapshot Context: -1`, `Provider ID: {…}` is a provider's context.
	return values.findIndex((v, i) => i + 2 < values.length && (wholeGuid(v) ?? NULL_GUID) !== NULL_GUID && /\p{L}/u.test(values[i + 1]) && wholeGuid(values[i + 1]) === null && wholeGuid(values[i + 2]) !== null);
}

/** Execution Context values of a provider's own work (`Provider`, `System Provider`). */
const PROVIDER_CONTEXT = /provider$/i;

/**
 * The provider fields of a `Provider` context, by position (see the module comment): the value right after the
 * Execution Context is the provider's name unless it is a `{GUID}` or digits, the first `{GUID}` its id.
 */
function providerContext(values: readonly string[]): Partial<ContextFields> {
	const id = values.map(wholeGuid).find((g) => g !== null) ?? null;
	const first = values[0];
	const name = first !== undefined && wholeGuid(first) === null && /\p{L}/u.test(first) ? first : null;
	return { providerName: name, providerId: id };
}

/** The writer fields of a `Writer` context, by position (see the module comment). */
function writerContext(values: readonly string[]): Partial<ContextFields> {
	const guids = values.map((v, i) => (wholeGuid(v) !== null ? i : -1)).filter((i) => i >= 0);
	// A paste whose author blanked the ids still names the writer: a name writers are known by.
	if (guids.length === 0) return { writerName: values.find((v) => writerInfo(v) !== undefined) ?? null };
	const [cls, inst] = guids;
	const digits = values.map((v, i) => (/^\d+$/.test(v) ? i : -1)).filter((i) => i >= 0);
	const pid = digits.length > 0 ? digits[digits.length - 1] : -1;
	const between = inst !== undefined ? values.slice(cls + 2, inst) : [];
	const afterInst = inst !== undefined && inst + 1 < values.length && inst + 1 !== pid ? values[inst + 1] : null;
	return {
		writerClassId: wholeGuid(values[cls]),
		writerName: values[cls + 1] !== undefined && cls + 1 !== inst ? values[cls + 1] : null,
		writerInstanceId: inst !== undefined ? wholeGuid(values[inst]) : null,
		writerInstanceName: between.length === 1 ? between[0] : null,
		commandLine: afterInst,
		processId: pid > (inst ?? cls) ? Number(values[pid]) : null,
	};
}

/** An `<Event` start tag in the Windows event schema namespace (how event XML is recognised). */
export const EVENT_WITH_NS = /<Event\s[^<>]*xmlns=(['"])http:\/\/schemas\.microsoft\.com\/win\/2004\/08\/events\/event\1/;

/** Text of an element as xml2js gives it: a string, or an object with text under `_`. */
function textOf(el: XmlElement | string | undefined): string | null {
	if (el === undefined) return null;
	return typeof el === 'string' ? el : (el._ ?? '');
}

const first = (el: XmlElement | undefined, tag: string): XmlElement | string | undefined => (el ? (el[tag] as (XmlElement | string)[] | undefined)?.[0] : undefined);
const attrOf = (el: XmlElement | string | undefined, name: string): string | null => (el && typeof el !== 'string' ? (el.$?.[name] ?? null) : null);
const intOf = (text: string | null): number | null => (text !== null && /^\s*\d+\s*$/.test(text) ? Number(text) : null);

/** Parses the text of one `<Event>` element; an error sentence when it is not a readable event. */
export function parseEventXml(xml: string): IdentifiedEvent | { error: string } {
	const parsed = parseXml(xml);
	if ('error' in parsed) return parsed;
	const event = parsed.root.Event;
	if (!event) return { error: 'the element is not an <Event>' };
	const system = first(event, 'System') as XmlElement | undefined;
	const idEl = first(system, 'EventID');
	const e = emptyEvent();
	e.provider = attrOf(first(system, 'Provider'), 'Name');
	e.eventId = intOf(textOf(idEl));
	e.qualifiers = intOf(attrOf(idEl, 'Qualifiers'));
	e.level = intOf(textOf(first(system, 'Level')));
	e.channel = textOf(first(system, 'Channel'));
	e.computer = textOf(first(system, 'Computer'));
	e.recordId = intOf(textOf(first(system, 'EventRecordID')));
	const stamp = parseIsoStamp(attrOf(first(system, 'TimeCreated'), 'SystemTime') ?? '');
	e.time = stamp?.time ?? null;
	const eventData = first(event, 'EventData');
	const userData = first(event, 'UserData');
	if (eventData !== undefined && typeof eventData !== 'string') {
		e.data = ((eventData.Data ?? []) as (XmlElement | string)[]).map((d) => textOf(d) ?? '');
		e.binary = textOf(first(eventData, 'Binary'));
		e.binaryText = binaryText(e.binary);
	} else if (userData !== undefined && typeof userData !== 'string') {
		e.data = leafTexts(userData);
	} else {
		e.data = [];
	}
	const rendering = first(event, 'RenderingInfo') as XmlElement | undefined;
	e.message = textOf(first(rendering, 'Message'));
	e.levelText = textOf(first(rendering, 'Level'));
	return isIdentified(e) ? e : { error: 'the event has no Provider Name or no numeric EventID' };
}

/** Manifest events put their values in a provider-defined `<UserData>` tree: its leaves in document order. */
function leafTexts(el: XmlElement): string[] {
	const out: string[] = [];
	for (const [key, value] of Object.entries(el)) {
		if (key === '$' || key === '_' || !Array.isArray(value)) continue;
		for (const child of value as (XmlElement | string)[]) {
			if (typeof child === 'string') out.push(child);
			else if (Object.keys(child).some((k) => k !== '$' && k !== '_')) appendAll(out, leafTexts(child));
			else out.push(child._ ?? '');
		}
	}
	return out;
}

/** The Binary blob as text when its bytes are printable ASCII (or UTF-16LE ASCII, its NUL end dropped); else null. */
export function binaryText(hex: string | null): string | null {
	if (!hex || !/^(?:[0-9a-f]{2})+$/i.test(hex.trim())) return null;
	let bytes = Buffer.from(hex.trim(), 'hex');
	// A UTF-16 string may end in its NUL (the SCM's service name, `5600530053000000`): the text ends before it.
	let end = bytes.length;
	while (end >= 4 && end % 2 === 0 && bytes[end - 1] === 0 && bytes[end - 2] === 0) end -= 2;
	const utf16 = end % 2 === 0 && end > 0 && bytes.subarray(0, end).every((b, i) => (i % 2 === 1) === (b === 0));
	if (utf16) bytes = bytes.subarray(0, end);
	const text = utf16 ? bytes.toString('utf16le') : bytes.toString('latin1');
	return /^[\x20-\x7e\r\n\t]+$/.test(text) ? text.trim() : null;
}

/** Closing tag of an event; `</Event >` is well-formed XML too. */
const EVENT_END = /<\/Event\s*>/g;
/** Opening tag of an event, not `<Events>`, `<EventData>`, `<EventID>`. */
const EVENT_START = /<Event(?=[\s>/])/g;

/** One complete `<Event>…</Event>` text cut from the lines, or one given up. */
export interface EventChunk {
	/** The event's text; null when it was larger than the cap and dropped. */
	xml: string | null;
	firstLine: number;
	lastLine: number;
	/** The text of the line the event starts on (evidence). */
	firstText: string;
}

/** An event's text longer than this (UTF-16 code units) is dropped: real events are a few KiB. */
export const MAX_EVENT_CHARS = 1024 * 1024;

/**
 * Cuts `<Event>` elements out of pushed lines, one at a time, whether they span lines or share one, so
 * that only one event's text is ever held. What lies outside events is handed back for the caller to judge.
 */
export class EventSplitter {
	private parts: string[] = [];
	private chars = 0;
	private inside = false;
	private oversized = false;
	private firstLine = 0;
	private firstText = '';

	/** Whether the last line ended inside an event. */
	get open(): boolean {
		return this.inside;
	}

	/** Line where the open event starts. */
	get openLine(): number {
		return this.firstLine;
	}

	/** One line: the events it completes, and the text found outside events. */
	push(text: string, lineNo: number): { events: EventChunk[]; outside: string[] } {
		const events: EventChunk[] = [];
		const outside: string[] = [];
		let pos = 0;
		while (pos <= text.length) {
			if (!this.inside) {
				EVENT_START.lastIndex = pos;
				const m = EVENT_START.exec(text);
				outside.push(text.slice(pos, m ? m.index : text.length));
				if (!m) break;
				this.inside = true;
				this.oversized = false;
				this.parts = [];
				this.chars = 0;
				this.firstLine = lineNo;
				this.firstText = text;
				pos = m.index;
			}
			EVENT_END.lastIndex = pos;
			const end = EVENT_END.exec(text);
			const stop = end ? end.index + end[0].length : text.length;
			this.add(text.slice(pos, stop) + (end ? '' : '\n'));
			if (!end) break;
			events.push({ xml: this.oversized ? null : this.parts.join(''), firstLine: this.firstLine, lastLine: lineNo, firstText: this.firstText });
			this.inside = false;
			this.parts = [];
			pos = stop;
		}
		return { events, outside: outside.filter((o) => o.trim() !== '') };
	}

	private add(piece: string): void {
		this.chars += piece.length;
		if (this.chars > MAX_EVENT_CHARS) {
			this.oversized = true;
			this.parts = [];
		} else if (!this.oversized) {
			this.parts.push(piece);
		}
	}
}

/** A header value that is message text rather than a value (a pasted event's first message line): long, with white space. */
export const isProse = (v: string) => v.length >= 30 && /\s/.test(v.trim());

/**
 * The lines of a paste a reader reads whole at its end (an event's header, message and tree refer to each
 * other), up to PASTE_LINES: pasted evidence is small, and past that the rest is not read but counted.
 */
export class HeldLines {
	readonly lines: { text: string; lineNo: number }[] = [];
	dropped = 0;

	push(text: string, lineNo: number): void {
		if (this.lines.length < PASTE_LINES) this.lines.push({ text, lineNo });
		else this.dropped++;
	}

	/** The problem that says what was left unread (`as pasted events`), or none. */
	problems(readAs: string): string[] {
		return this.dropped > 0 ? [`Only the first ${PASTE_LINES} lines are read ${readAs}; ${this.dropped} more are not.`] : [];
	}
}
const PASTE_LINES = 20000;
