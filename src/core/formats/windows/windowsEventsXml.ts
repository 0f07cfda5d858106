import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { EVENT_WITH_NS, EventSplitter, eventRecord, isQuiesceRelevant, MAX_EVENT_CHARS, parseEventXml, SAMPLE_8229_DATA, type EventChunk, WINDOWS_EVENT_KINDS } from './windowsEvents';
import { RecordFold } from '../lib/fold';

/**
 * Windows events as XML (formats.md §7.1): `wevtutil qe … /f:xml` and `Get-WinEvent | % ToXml()` print
 * `<Event>` elements back to back with no root; Event Viewer "Save as XML" wraps them in `<Events>` after
 * an XML declaration. Encoding (UTF-16LE with BOM or UTF-8) is decoded before the reader sees lines.
 *
 * Streaming: one `<Event …>…</Event>` is cut out at a time (events may span lines or share one), capped
 * at 1 MiB, and parsed on its own with xml2js; the document is never parsed whole. A DTD or entity
 * declaration is never read (the event is refused; outside events the line counts unparsed).
 *
 * Records: `windows-event` (fields in windowsEvents.ts), `source.line` = the line the `<Event` starts on,
 * `time` = TimeCreated/@SystemTime (UTC). Only quiesce-relevant events become records (VSS, volsnap, SQL,
 * Exchange, VMware Tools, Windows Server Backup, EventSystem; any critical/error/warning event); other
 * events are parsed and dropped.
 *
 * Lines: every line of an event, the XML declaration, `<Events>`/`</Events>`, comments and blank lines
 * are parsed; text outside events, DTD lines and the lines of an event that cannot be read are unparsed.
 */

/** First element of an event file: `<Events>` root or a bare `<Event`. */
const START = /^<Events?[\s>/]/;
const XML_DECL = /^<\?xml\b/;
/** What may stand outside events: the declaration, the root's tags, one-line comments. */
// Each alternative stops at the next tag or comment, so a hostile line is scanned once (redos.test.ts).
const ENVELOPE = /<\?xml[^<>]*\?>|<\/?Events(?:\s[^<>]*)?>|<!--(?:(?!<!--|-->).)*-->/gs;
const DTD = /<!DOCTYPE|<!ENTITY/i;

const EVENT_8229 = `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='VSS'/><EventID Qualifiers='0'>8229</EventID><Version>0</Version><Level>3</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='2024-05-22T19:30:49.8110000Z'/><EventRecordID>220431</EventRecordID><Correlation/><Execution ProcessID='0' ThreadID='0'/><Channel>Application</Channel><Computer>EXCH-MBX-02.corp.example</Computer><Security/></System><EventData><Data>${SAMPLE_8229_DATA[0]}</Data><Data>${SAMPLE_8229_DATA[1]}</Data></EventData></Event>`;

const EVENT_8193 = `<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='VSS'/><EventID Qualifiers='0'>8193</EventID><Version>0</Version><Level>2</Level><Task>0</Task><Opcode>0</Opcode><Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='2014-02-11T23:05:40.1210000Z'/><EventRecordID>77121</EventRecordID><Correlation/><Execution ProcessID='0' ThreadID='0'/><Channel>Application</Channel><Computer>APP-2K8R2-04.corp.example</Computer><Security/></System><EventData><Data>CoCreateInstance</Data><Data>0x80040154, Class not registered</Data><Data></Data></EventData></Event>`;

/** Windows event log records as XML (wevtutil, Get-WinEvent ToXml(), Event Viewer "Save as XML"). */
export const windowsEventsXml = {
	id: 'windows-events-xml',
	title: 'Windows events (XML)',
	url: 'https://learn.microsoft.com/windows-server/administration/windows-commands/wevtutil',
	origin: 'guest-windows',
	kinds: WINDOWS_EVENT_KINDS,
	variants: [
		{ name: 'wevtutil-no-root', samples: [EVENT_8193] },
		{ name: 'save-as-xml-events-root', samples: [`<?xml version="1.0" encoding="utf-8"?>\n<Events>\n${EVENT_8229}\n</Events>\n`] },
		{
			name: 'pretty-printed',
			samples: [
				`<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
  <System>
    <Provider Name="VSS" />
    <EventID Qualifiers="0">12289</EventID>
    <Level>2</Level>
    <TimeCreated SystemTime="2012-05-21T14:02:11.000000000Z" />
    <Channel>Application</Channel>
    <Computer>WIN2K8R2.example</Computer>
  </System>
  <EventData>
    <Data>DeviceIoControl(\\\\?\\fdc#generic_floppy_drive#6&amp;1435b2e2&amp;0&amp;0#{53f5630d-b6bf-11d0-94f2-00a0c91efb8b} - 0000000000000448,0x00070000,0000000000000000,0,000000000026E6E0,4096,[0])</Data>
    <Data>0x80070001, Incorrect function.</Data>
  </EventData>
</Event>`,
			],
		},
	],

	// The XML declaration or an export's `<Events>` root: markup no other text starts with (a lone `<Event>` is
	// not: the Event Viewer's text view prints one under `Event Xml:`, as part of the event's text).
	startLine: /^\s*(?:<\?xml\b|<Events[\s>])/,

	detect(head) {
		const lines = head.map((l) => l.trim()).filter((l) => l !== '');
		const start = lines.length > 0 && XML_DECL.test(lines[0]) ? 1 : 0;
		if (lines.length <= start || !START.test(lines[start])) return null;
		const at = head.findIndex((l) => EVENT_WITH_NS.test(l));
		if (at < 0) return null;
		const root = lines[start].startsWith('<Events');
		return {
			variant: root ? 'events-root' : 'no-root',
			reason: `${root ? '<Events> root with ' : ''}<Event> elements in the Windows event namespace (line ${at + 1})`,
		};
	},

	reader(path) {
		return new EventsXmlReader(path);
	},
} satisfies FormatDefinition;

const PROVIDER_NAME = /<Provider\s+Name=(?:'([^'&<]*)'|"([^"&<]*)")/;
/** The System level is a number; RenderingInfo's `<Level>` is a word and never matches. */
const SYSTEM_LEVEL = /<Level>(\d{1,3})<\/Level>/;
const EVENT_ID = /<EventID(?:\s[^<>]*)?>\d{1,10}<\/EventID>/;

/**
 * True for an event no diagnosis reads, told from its `<System>` header alone: a provider outside the
 * quiesce list at information level. Most events of an exported Application or System log are such, and
 * the full XML parse is what costs (tens of µs each), so these are counted and not parsed. An event with a
 * markup declaration or entity reference is always parsed, so that it is refused as before.
 */
function isPlainOtherEvent(xml: string): boolean {
	if (xml.includes('<!') || xml.includes('&')) return false;
	const provider = PROVIDER_NAME.exec(xml);
	const level = SYSTEM_LEVEL.exec(xml);
	return provider !== null && level !== null && EVENT_ID.test(xml) && !isQuiesceRelevant({ provider: provider[1] ?? provider[2], level: Number(level[1]) });
}

/** At most this many per-event problems are listed one by one; the rest are counted. */
const MAX_LISTED_PROBLEMS = 10;

class EventsXmlReader implements LineReader {
	private readonly splitter = new EventSplitter();
	private readonly records = new RecordFold();
	private readonly problems: string[] = [];
	private moreProblems = 0;
	private unparsed = 0;
	/** Last line counted unparsed, so that a line is never counted twice. */
	private countedTo = 0;
	private lastLine = 0;
	private events = 0;
	private dtdSeen = false;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		this.lastLine = lineNo;
		const { events, outside } = this.splitter.push(text, lineNo);
		for (const ev of events) this.take(ev);
		const junk = outside.some((o) => o.replace(ENVELOPE, '').trim() !== '');
		if (junk) this.skip(lineNo, lineNo);
		if (junk && !this.dtdSeen && outside.some((o) => DTD.test(o))) {
			this.dtdSeen = true;
			this.problems.push(`Line ${lineNo} declares a DTD or entities; it is not read (no entity is ever expanded).`);
		}
	}

	private take(ev: EventChunk): void {
		if (ev.xml === null) {
			this.problem(`The event at line ${ev.firstLine} is larger than ${MAX_EVENT_CHARS / 1024 / 1024} MiB; it was skipped.`);
			this.skip(ev.firstLine, ev.lastLine);
			return;
		}
		if (isPlainOtherEvent(ev.xml)) {
			this.events++;
			return;
		}
		const e = parseEventXml(ev.xml);
		if ('error' in e) {
			this.problem(`The event at line ${ev.firstLine} cannot be read (${e.error}); it was skipped.`);
			this.skip(ev.firstLine, ev.lastLine);
			return;
		}
		this.events++;
		if (isQuiesceRelevant(e)) this.records.push(eventRecord(e, { path: this.path, line: ev.firstLine }, ev.firstText));
	}

	private skip(from: number, to: number): void {
		const start = Math.max(from, this.countedTo + 1);
		if (to >= start) this.unparsed += to - start + 1;
		this.countedTo = Math.max(this.countedTo, to);
	}

	private problem(text: string): void {
		if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push(text);
		else this.moreProblems++;
	}

	end(): ReadResult {
		if (this.splitter.open) {
			this.problems.push(`The file ends inside the event that starts at line ${this.splitter.openLine}: it looks truncated.`);
			this.skip(this.splitter.openLine, this.lastLine);
		}
		if (this.moreProblems > 0) this.problems.push(`${this.moreProblems} more events could not be read.`);
		return {
			facts: { records: this.records.records() },
			unparsedLines: this.unparsed,
			problems: this.problems,
			// TimeCreated/@SystemTime is UTC by definition.
			clock: this.events > 0 ? { utcOffsetMinutes: 0, basis: 'stamped' } : null,
		};
	}
}
