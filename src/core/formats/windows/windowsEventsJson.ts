import type { FormatDefinition } from '../lib/format';
import { FIELD_OF } from './windowsEventsCsv';
import { WINDOWS_EVENT_KINDS } from './windowsEvents';
import { eventBlocks, PropertyEventReader } from './windowsEventsList';

/**
 * Windows events kept as JSON: `Get-WinEvent … | ConvertTo-Json` (an array of objects, one `"Name":  value`
 * per line), a log shipper's document (Winlogbeat's `winlog.event_id` / `winlog.provider_name` beside the
 * `message`, pretty-printed or one document per line), an API's export. The JSON is the container's syntax,
 * peeled as a layer: each outermost object (a document, or an object of the outermost array) is one block, its
 * scalar members at any depth its properties (names lower-cased, `_` dropped: `event_id` is `EventID`, the first of a name wins;
 * a shipper's `@timestamp`, `computer_name` and `channel` are TimeCreated, MachineName and LogName),
 * string values unescaped by JSON's own rules; the properties are then read as the CSV export's and
 * PowerShell's lists are (windowsEventsCsv.ts: a provider, an event id and a message or time make an event).
 * PowerShell writes a date as `"\/Date(1701334861000)\/"` (milliseconds since 1970, UTC).
 *
 * Records: `windows-event` (fields in windowsEvents.ts), `source.line` = the line of the block's message, or
 * of its first line when it has none. Lines: a block's lines and the brackets between blocks are parsed; a
 * block that names no event and any other line (prose, a prompt, a Markdown fence) are unparsed.
 */

/** `"Name": scalar` anywhere in a line: a JSON string (escapes kept whole), a number, true, false or null. */
const MEMBER = /"([A-Za-z_@$][\w.@$-]{0,63})"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/g;
/** PowerShell's JSON date: milliseconds since 1970-01-01 UTC, an optional offset after them (ignored: the number is UTC). */
const PS_DATE = /^\/Date\((-?\d{1,15})(?:[+-]\d{4})?\)\/$/;
/** A log shipper's names for the event properties PowerShell names otherwise (Winlogbeat, ECS). */
const ALIASES: Readonly<Record<string, string>> = { '@timestamp': 'timecreated', computername: 'machinename', channel: 'logname' };
/** A line of nothing but JSON punctuation (`[`, `},`, `]`): structure, not content. */
const PUNCTUATION = /^[\s[\]{},]*$/;

interface Block {
	firstLine: number;
	firstText: string;
	lines: number;
	/** Property name (lower case, no `_`) → value, the first of each name. */
	values: Map<string, string>;
	/** The line of the message, the record's evidence. */
	messageLine: number | null;
	messageText: string | null;
}

/** A member's value as text: a string unescaped, a number or a literal as written; null for `null`. */
function valueOf(literal: string): string | null {
	if (literal === 'null') return null;
	if (!literal.startsWith('"')) return literal;
	let text: string;
	try {
		text = JSON.parse(literal) as string;
	} catch {
		return null;
	}
	const date = PS_DATE.exec(text);
	return date ? new Date(Number(date[1])).toISOString() : text;
}

/** Braces a line opens minus those it closes, outside its string literals, and whether it opens any. */
function braces(line: string): { change: number; opens: boolean } {
	let change = 0;
	let opens = false;
	let inString = false;
	for (let i = 0; i < line.length; i++) {
		const c = line.charCodeAt(i);
		if (inString) {
			if (c === 0x5c) i++;
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x7b) {
			change++;
			opens = true;
		} else if (c === 0x7d) change--;
	}
	return { change, opens };
}

/**
 * Splits lines into outermost objects: `take` gets each when its closing brace comes, `other` each line outside
 * any object that is not punctuation. (A search API's reply that wraps all its hits in one object is one block.)
 */
class ObjectSplitter {
	private block: Block | null = null;
	private depth = 0;

	constructor(
		private readonly take: (b: Block) => void,
		private readonly other: (lineNo: number) => void,
	) {}

	line(text: string, lineNo: number): void {
		const { change, opens } = braces(text);
		if (this.block === null) {
			// An object starts at a line that opens one (a document on one line opens and closes it).
			if (!opens) {
				if (!PUNCTUATION.test(text)) this.other(lineNo);
				return;
			}
			this.block = { firstLine: lineNo, firstText: text.trim(), lines: 0, values: new Map(), messageLine: null, messageText: null };
			this.depth = 0;
		}
		const b = this.block;
		b.lines++;
		for (const m of text.matchAll(MEMBER)) {
			const leaf = (m[1].split('.').pop() ?? m[1]).toLowerCase().replace(/_/g, '');
			const name = ALIASES[leaf] ?? leaf;
			if (b.values.has(name)) continue;
			const value = valueOf(m[2]);
			if (value === null) continue;
			b.values.set(name, value);
			if (FIELD_OF.get(name) === 'message') {
				b.messageLine = lineNo;
				b.messageText = text.trim();
			}
		}
		this.depth += change;
		if (this.depth <= 0) this.close();
	}

	close(): void {
		const b = this.block;
		this.block = null;
		this.depth = 0;
		if (b) this.take(b);
	}
}

const CONVERT_TO_JSON = `[
    {
        "Id":  8193,
        "ProviderName":  "VSS",
        "LevelDisplayName":  "Error",
        "Message":  "Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.  hr = 0x80040154, Class not registered.\\r\\n",
        "TimeCreated":  "\\/Date(1392131140000)\\/"
    }
]
`;

const WINLOGBEAT = `{"@timestamp":"2014-02-11T15:05:40.000Z","message":"Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.  hr = 0x80040154, Class not registered.","winlog":{"channel":"Application","event_id":8193,"provider_name":"VSS","computer_name":"APP-2K8R2-04.corp.example","record_id":77121},"log":{"level":"error"}}
`;

/** Windows events as JSON: PowerShell's ConvertTo-Json, a log shipper's documents. */
export const windowsEventsJson = {
	id: 'windows-events-json',
	title: 'Windows events (JSON: ConvertTo-Json, log shippers)',
	url: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertto-json',
	origin: 'guest-windows',
	kinds: WINDOWS_EVENT_KINDS,
	variants: [
		{ name: 'convertto-json', samples: [CONVERT_TO_JSON] },
		{ name: 'winlogbeat', samples: [WINLOGBEAT] },
	],

	detect(head) {
		if (!head.some((l) => l.includes('"'))) return null;
		const events = eventBlocks(head, (take, other) => new ObjectSplitter(take, other));
		return events === 0 ? null : { variant: 'json', reason: `${events} JSON object(s) naming a provider and an event id` };
	},

	reader(path) {
		return new PropertyEventReader<Block>(
			path,
			(take, other) => new ObjectSplitter(take, other),
			(b, name) => b.values.get(name),
			(b) => ({ line: b.messageLine ?? b.firstLine, text: b.messageText ?? b.firstText }),
		);
	},
} satisfies FormatDefinition;
