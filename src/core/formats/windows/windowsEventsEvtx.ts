import type { LogRecord } from '../../model/records';
import type { FormatDefinition, ReadResult } from '../lib/format';
import { evtxChunks, type EvtxEvent, type EvtxSource, type EvtxSummary } from './evtx';
import { binaryText, emptyEvent, eventRecord, isIdentified, isQuiesceRelevant, type WindowsEvent } from './windowsEvents';

/**
 * Native Windows event logs (`.evtx`: Event Viewer's *Save All Events As…*, `wevtutil epl`, a copy of
 * `C:\Windows\System32\winevt\Logs`). Binary, so not a line format of the registry: ingest tells it by its
 * signature (`ElfFile\0`), whatever the file's name, and reads it chunk by chunk (evtx/reader.ts), holding
 * one 64 KiB chunk and that chunk's events at a time.
 *
 * Records: the `windows-event` records the Event XML reader makes of the same events (windowsEvents.ts),
 * so that an `.evtx` and its XML export give the same findings: the same fields from the same `<System>`
 * values and insertion strings, the same quiesce-relevant events kept (the others are counted, not kept),
 * `time` = TimeCreated/@SystemTime (UTC). A local log stores no message text (`message` null, as in an XML
 * export without RenderingInfo); the record's text shows the provider, id, record id and the insertion
 * strings instead (`Name=value` where the value is named). `source.line` is the record's position among
 * the file's event records (1-based, file order): an `.evtx` has no lines, and the position is unique
 * where a record id may repeat (an edited log).
 *
 * Records carved from slack or from chunks whose header is gone are old or deleted events: counted
 * (`recoveredRecords`), never analysed (evtx-format.md §13.6).
 */

/**
 * What the report says of the format: the line formats' FormatDefinition fields that apply (its records are
 * of the kind `windows-event`, declared by the Event XML format).
 */
export const windowsEventsEvtx = {
	id: 'windows-events-evtx',
	title: 'Windows event log (.evtx)',
	url: 'https://learn.microsoft.com/windows-server/administration/windows-commands/wevtutil',
	origin: 'guest-windows',
} satisfies Pick<FormatDefinition, 'id' | 'title' | 'url' | 'origin'>;

/** What reading one `.evtx` gives: the reader's result and the counts of event records for `inputs[]`. */
export interface EvtxRead extends ReadResult {
	/** Live event records read (every one, whether kept as a record or not). */
	records: number;
	/** Event records carved from slack or header-less chunks (counted, not analysed). */
	recoveredRecords: number;
	/** Live records found but not decodable (each named in a problem). */
	unreadableRecords: number;
	/** Why the format was chosen and what the file holds, for `formatReason`. */
	reason: string;
}

/** Line ends as an XML export gives them: any XML reading turns CRLF and a lone CR into LF (XML 1.0 §2.11). */
const xmlLineEnds = (text: string): string => (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);

/** The event as the Event XML reader has it (parseEventXml): the same fields, the same absent values. */
function windowsEventOfEvtx(e: EvtxEvent): WindowsEvent {
	const w = emptyEvent();
	w.provider = e.provider;
	w.eventId = e.eventId;
	w.qualifiers = e.qualifiers;
	w.level = e.level;
	w.levelText = e.levelText;
	w.channel = e.channel;
	w.computer = e.computer;
	w.recordId = e.recordId;
	w.time = e.timeCreated === '' ? null : e.timeCreated;
	w.data = e.data.map((d) => xmlLineEnds(d.value));
	w.message = e.message === null ? null : xmlLineEnds(e.message);
	w.binary = e.binary;
	w.binaryText = binaryText(e.binary);
	return w;
}

/** Runs of white space (the VSS context block's line breaks and indents) become one space in the record's text. */
const SPACES = /\s+/g;

/** The text shown for a record whose file stores no message: `VSS 8229, record 220431: value | Name=value …`. */
function recordText(e: EvtxEvent, provider: string, eventId: number): string {
	const values = e.data.map((d) => {
		const v = d.value.replace(SPACES, ' ').trim();
		return d.name ? `${d.name}=${v}` : v;
	});
	return `${provider} ${eventId}, record ${e.recordId}${values.length > 0 ? `: ${values.join(' | ')}` : ''}`;
}

/**
 * Whether an event can become a record: live, naming its provider and id, and quiesce-relevant (as the
 * Event XML reader keeps). The others are counted, and their data never decoded (EvtxOptions.wantData).
 */
export const becomesRecord = (e: EvtxEvent): boolean => !e.recovered && e.provider !== null && e.eventId !== null && isQuiesceRelevant(e);

/** At most this many records that name no provider or id are listed by number; the rest are counted. */
const MAX_LISTED = 5;

/** Reads an `.evtx` source into `windows-event` records (see the module comment). */
export function readEvtxEvents(source: EvtxSource, path: string): EvtxRead {
	const records: LogRecord[] = [];
	const unnamed: string[] = [];
	let unnamedCount = 0;
	let position = 0;
	const chunks = evtxChunks(source, { wantData: becomesRecord });
	let summary: EvtxSummary;
	for (;;) {
		const next = chunks.next();
		if (next.done) {
			summary = next.value;
			break;
		}
		for (const e of next.value.events) {
			if (e.recovered) continue;
			position++;
			if (e.provider === null || e.eventId === null) {
				if (unnamedCount++ < MAX_LISTED) unnamed.push(`${e.recordId} in chunk ${e.chunk}`);
				continue;
			}
			// Most events of a system's log matter to no rule: told from two fields before any mapping.
			if (!becomesRecord(e)) continue;
			const w = windowsEventOfEvtx(e);
			if (isIdentified(w)) records.push(eventRecord(w, { path, line: position }, recordText(e, w.provider, w.eventId)));
		}
	}
	const problems = summary.problems.slice();
	if (unnamedCount > 0) {
		const more = unnamedCount > unnamed.length ? ` and ${unnamedCount - unnamed.length} more` : '';
		problems.push(`${unnamedCount} event record(s) name no provider or no event id (record ${unnamed.join(', ')}${more}); they were counted, not analysed.`);
	}
	return {
		facts: { records },
		unparsedLines: 0,
		problems,
		// TimeCreated/@SystemTime is UTC by definition.
		clock: summary.events > 0 ? { utcOffsetMinutes: 0, basis: 'stamped' } : null,
		records: summary.events,
		recoveredRecords: summary.recovered,
		unreadableRecords: summary.unreadable,
		reason: describe(summary, records.length),
	};
}

/** `Windows event log (.evtx), format 3.1, dirty: 27 chunk(s) in 33 slot(s); 5009 event records, 12 kept …`. */
function describe(s: EvtxSummary, kept: number): string {
	const h = s.header;
	if (!h) return `${windowsEventsEvtx.title}: the EVTX signature, but no readable file header`;
	const flags = [h.dirty ? 'dirty (copied while open)' : '', h.noCrc ? 'no checksums' : ''].filter((f) => f !== '');
	return (
		`${windowsEventsEvtx.title}, format ${h.majorVersion}.${h.minorVersion}${flags.length > 0 ? `, ${flags.join(', ')}` : ''}: ${s.chunks} chunk(s) in ${s.chunkSlots} slot(s); ` +
		`${s.events} event record(s), ${kept} kept for the analysis (quiesce providers, critical, error and warning events)`
	);
}
