import { eventInfo } from '../../knowledge/events';
import { matchTemplate } from './eventMessages';
import type { LogRecord } from '../../model/records';
import { CsvTableReader, cellOf, intCell, mapColumns, readCsvHead, type CsvRowReader } from '../lib/csv';
import type { Detection, FormatDefinition } from '../lib/format';
import { isPrintedDate, PrintedDates } from '../lib/printedDates';
import { emptyEvent, eventRecord, isIdentified, isQuiesceRelevant, SAMPLE_8229_DATA, sample8229Message, WINDOWS_EVENT_KINDS, type IdentifiedEvent } from './windowsEvents';

/**
 * Windows events as CSV:
 * - `Get-WinEvent … | Export-Csv` (Windows PowerShell 5.1 starts with `#TYPE
 *   System.Diagnostics.Eventing.Reader.EventLogRecord`; PowerShell 7 has no type line), also after
 *   `Select-Object` of some properties; columns by header name in any order;
 * - `Get-EventLog … | Export-Csv` (Windows PowerShell 5.1 only: EventID, Source, EntryType, TimeGenerated,
 *   InstanceId);
 * - Event Viewer "Save All Events As… CSV" (localized header of five names, rows of six fields: level,
 *   date and time, source, event id, task category, description), recognised by position: a date in the
 *   second field and an integer in the fourth.
 *
 * Export-Csv prints dates in the exporting machine's culture and local time: `local` (day/month order
 * settled per file, printed text in `printedTime`). A message may span lines inside quotes.
 *
 * Records: `windows-event` (fields in windowsEvents.ts; `data` is null, the HRESULT and VSS context come
 * from `message`), `source.line` = the row's first line, same relevance filter as the XML reader.
 * `level` is the number of Get-WinEvent's Level column, or EntryType mapped (Error 2, Warning 3,
 * Information 4, audits 0: .NET enum names, not translated), or, with neither printed, the level of the
 * message's template for that provider and id (eventMessages.ts) or the one the event's source always logs
 * it at (knowledge/events.ts); Event Viewer's level word stays `levelText`.
 *
 * Lines: the type line, header, rows and blank lines are parsed; a row without a numeric event id or
 * with the wrong number of fields is unparsed.
 */

/** The properties of a Get-WinEvent / Get-EventLog object, by name (not translated), each field's aliases. */
export const EVENT_PROPERTIES = {
	eventId: ['id', 'eventid'],
	instanceId: ['instanceid'],
	qualifiers: ['qualifiers'],
	level: ['level'],
	levelText: ['leveldisplayname', 'entrytype'],
	provider: ['providername', 'source'],
	channel: ['logname'],
	computer: ['machinename'],
	recordId: ['recordid', 'index'],
	time: ['timecreated', 'timegenerated'],
	message: ['message'],
} as const;

export type EventProperty = keyof typeof EVENT_PROPERTIES;

/** The property names each event field may carry, lower-cased, to the field (the list and table readers look names up in it). */
export const FIELD_OF: ReadonlyMap<string, EventProperty> = new Map(Object.entries(EVENT_PROPERTIES).flatMap(([field, names]) => names.map((n) => [n, field as EventProperty] as const)));

/** Event Viewer's CSV: level, date and time, source, event id, task category, then the description. */
const EVENT_VIEWER: Partial<Record<EventProperty, number>> = { levelText: 0, time: 1, provider: 2, eventId: 3, message: 5 };

/** System.Diagnostics.EventLogEntryType names (Get-EventLog) → event levels. */
const ENTRY_TYPE_LEVEL: Readonly<Record<string, number>> = { error: 2, warning: 3, information: 4, successaudit: 0, failureaudit: 0 };

/**
 * A header cell is a property name or a column title; braces, `$` and `=` are a PowerShell command's
 * (`Format-List @{n='Log';e={$_.LogName}}, ProviderName, Id`), whose property list is no table.
 */
const SCRIPT_CELL = /[{}$=]/;

function namedColumns(header: readonly string[]): Partial<Record<EventProperty, number>> | null {
	if (header.some((h) => SCRIPT_CELL.test(h))) return null;
	const c = mapColumns(header, EVENT_PROPERTIES);
	const ok = c.provider !== undefined && (c.eventId !== undefined || c.instanceId !== undefined) && (c.time !== undefined || c.message !== undefined);
	return ok ? c : null;
}

/** A row of Event Viewer's CSV: six fields, a date second, an integer event id fourth. */
const isEventViewerRow = (row: readonly string[]): boolean => row.length === 6 && isPrintedDate(row[1]) && /^\d{1,5}$/.test(row[3].trim());

const GET_WINEVENT = `#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord
"Message","Id","Version","Qualifiers","Level","Task","Opcode","Keywords","RecordId","ProviderName","ProviderId","LogName","ProcessId","ThreadId","MachineName","UserId","TimeCreated","ActivityId","RelatedActivityId","ContainerLog","MatchedQueryIds","Bookmark","LevelDisplayName","OpcodeDisplayName","TaskDisplayName","KeywordsDisplayNames","Properties"
"Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.  hr = 0x80040154, Class not registered.
","8193","0","0","2","0",,"36028797018963968","77121","VSS",,"Application",,,"APP-2K8R2-04.corp.example",,"2/11/2014 3:05:40 PM",,,"Application","System.UInt32[]","System.Diagnostics.Eventing.Reader.EventBookmark","Error",,"None","System.Collections.ObjectModel.ReadOnlyCollection\`1[System.String]","System.Collections.Generic.List\`1[System.Diagnostics.Eventing.Reader.EventProperty]"
`;

/** Windows events exported as CSV (Get-WinEvent / Get-EventLog | Export-Csv, Event Viewer "Save as CSV"). */
export const windowsEventsCsv = {
	id: 'windows-events-csv',
	title: 'Windows events (CSV)',
	url: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.diagnostics/get-winevent',
	origin: 'guest-windows',
	kinds: WINDOWS_EVENT_KINDS,
	variants: [
		{ name: 'get-winevent-ps51', samples: [GET_WINEVENT] },
		{
			name: 'get-winevent-select-ps7',
			samples: ['"TimeCreated","Id","ProviderName","LevelDisplayName","Message"\n"22/05/2024 20:30:49","8229","VSS","Warning","A VSS writer has rejected an event with error 0x800423f3, The writer experienced a transient error."\n'],
		},
		{
			name: 'get-eventlog-ps51',
			samples: [
				'#TYPE System.Diagnostics.EventLogEntry#Application/VSS/8224\n"EventID","MachineName","Data","Index","Category","CategoryNumber","EntryType","Message","Source","ReplacementStrings","InstanceId","TimeGenerated","TimeWritten","UserName","Site","Container"\n"8224","EXCH-MBX-02.corp.example","System.Byte[]","220433","(0)","0","Information","The VSS service is shutting down due to idle timeout. ","VSS","System.String[]","8224","5/22/2024 12:33:52 PM","5/22/2024 12:33:52 PM",,,\n',
			],
		},
		{
			name: 'event-viewer-save-as-csv',
			samples: [`Level,Date and Time,Source,Event ID,Task Category\nWarning,5/22/2024 12:30:49 PM,VSS,8229,None,"${sample8229Message(SAMPLE_8229_DATA).replace(/"/g, '""')}"\n`],
		},
	],

	detect(head) {
		const csv = readCsvHead(head);
		if (!csv) return null;
		const named = namedColumns(csv.header);
		if (named) {
			const eventLog = named.instanceId !== undefined || csv.typeName?.startsWith('System.Diagnostics.EventLogEntry') === true;
			return { variant: eventLog ? 'get-eventlog' : 'get-winevent', reason: `CSV header with event id, provider and time/message columns${csv.typeName ? ` (#TYPE ${csv.typeName})` : ''}` };
		}
		if (csv.header.length === 5 && csv.rows.length > 0 && isEventViewerRow(csv.rows[0])) {
			return { variant: 'event-viewer', reason: 'a five-name CSV header and six-field rows with a date second and an event id fourth (Event Viewer "Save as CSV")' };
		}
		return null;
	},

	reader(path, detection: Detection) {
		return new CsvTableReader((header) => {
			const columns = detection.variant === 'event-viewer' ? EVENT_VIEWER : namedColumns(header);
			return columns ? eventRows(path, columns, detection.variant === 'event-viewer' ? [6] : [header.length]) : null;
		});
	},
} satisfies FormatDefinition;

function eventRows(path: string, columns: Partial<Record<EventProperty, number>>, widths: readonly number[]): CsvRowReader {
	const dates = new PrintedDates();
	return {
		widths,
		row(fields, rec): LogRecord | null | false {
			const e = eventOfProperties((name) => cellOf(fields, columns, name));
			if (e === false || e === null) return e;
			const r = eventRecord(e, { path, line: rec.firstLine }, rec.firstText);
			dates.stamp(r, e.printedTime);
			return r;
		},
		finish: () => ({ problems: dates.settle(), clock: dates.clock() }),
	};
}

/**
 * The event an object's properties describe (a CSV row, a Format-List block), `value` giving each property's
 * text or null: false when it names no provider and id (not an event), null when the event does not matter to
 * a snapshot. `printedTime` is the time as printed, for the caller's PrintedDates.
 */
export function eventOfProperties(value: (name: EventProperty) => string | null): IdentifiedEvent | null | false {
	const instanceId = intCell(value('instanceId'));
	const e = emptyEvent();
	e.provider = value('provider');
	e.eventId = intCell(value('eventId')) ?? (instanceId !== null ? instanceId % 0x10000 : null);
	if (!isIdentified(e)) return false;
	// InstanceId is the whole classic message id: Qualifiers are its high 16 bits.
	e.qualifiers = intCell(value('qualifiers')) ?? (instanceId !== null ? Math.floor(instanceId / 0x10000) : null);
	e.levelText = value('levelText');
	e.channel = value('channel');
	e.computer = value('computer');
	e.recordId = intCell(value('recordId'));
	e.message = value('message');
	// A selection without Level (Format-List's default view) still states what an always-error event is: its
	// message's template of this very provider and id, or the level its documentation gives.
	const tm = e.message === null ? null : matchTemplate(e.message);
	const templateLevel = tm !== null && tm.eventId === e.eventId && tm.provider.toLowerCase() === e.provider.toLowerCase() ? tm.level : undefined;
	e.level = intCell(value('level')) ?? ENTRY_TYPE_LEVEL[e.levelText?.toLowerCase() ?? ''] ?? templateLevel ?? eventInfo(e.provider, e.eventId)?.level ?? null;
	e.printedTime = value('time');
	return isQuiesceRelevant(e) ? e : null;
}
