import type { LogRecord } from '../../model/records';
import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { PrintedDates } from '../lib/printedDates';
import { RecordFold } from '../lib/fold';
import { EVENT_PROPERTIES, eventOfProperties, FIELD_OF, type EventProperty } from './windowsEventsCsv';
import { eventRecord, WINDOWS_EVENT_KINDS } from './windowsEvents';

/**
 * Windows events as PowerShell prints them in a list: `Get-WinEvent … | Format-List` (its default view:
 * TimeCreated, ProviderName, Id, Message; `fl *` every property), `Get-EventLog … | fl` (EventID, Source,
 * EntryType, InstanceId, TimeGenerated …), or a `Select-Object`/calculated subset. One object per block of
 * `Name : value` lines: the property names are the objects' own (never translated), padded so that every
 * colon of a block stands in one column; a value runs on in lines indented past the names (a message's own
 * lines, or a long line PowerShell wrapped), and its blank lines may be kept or lost by the paste. Blocks
 * are apart by a blank line before a property line, or where a property the block has already given comes
 * again. A block is an event when it names a provider and an event id (the same properties as the CSV
 * export: windowsEventsCsv.ts).
 *
 * Records: `windows-event` (fields in windowsEvents.ts; `data` null, the HRESULT and VSS context come from
 * the message), `source.line` = the block's first line. The time is the culture's local text (`local`,
 * day/month order settled per file, as in the CSV reader); Level is the number, or EntryType's .NET name.
 *
 * Lines: a block's lines are parsed, as are blank lines; a block that names no event and any other line
 * (prose, a prompt, a Markdown fence) are unparsed.
 */

/** `ProviderName     : VSS` — a property name at the line start, padding, ` : `, the value (trailing blanks lost). */
const PROPERTY = /^([A-Za-z_]\w{0,39}) +:(?: (.*))?$/;
/** A value's further lines are indented under it; a line at the margin is not part of the list. */
const CONTINUATION = /^\s+\S/;

interface Block {
	firstLine: number;
	firstText: string;
	lines: number;
	/** The column of the block's colons: where the names' padding ends. */
	colon: number;
	/** Property name (lower case) → value lines. */
	values: Map<string, string[]>;
	last: string[] | null;
}

/** Whether a block's properties name an event: a provider, an id and a message or time. */
export function namesEvent(values: ReadonlyMap<string, unknown>): boolean {
	const fields = new Set([...values.keys()].map((k) => FIELD_OF.get(k)));
	return fields.has('provider') && (fields.has('eventId') || fields.has('instanceId')) && (fields.has('message') || fields.has('time'));
}

/**
 * Splits lines into Format-List blocks: `take` gets each block when it ends, `other` each line that is no
 * part of one (blank lines are neither).
 */
class BlockSplitter {
	private block: Block | null = null;
	/** Blank lines seen since the last line of the open block: kept in a value if it goes on, else a break. */
	private blanks = 0;

	constructor(
		private readonly take: (b: Block) => void,
		private readonly other: (lineNo: number) => void,
	) {}

	line(text: string, lineNo: number): void {
		const trimmed = text.trimEnd();
		if (trimmed === '') {
			if (this.block) this.blanks++;
			return;
		}
		const p = PROPERTY.exec(trimmed);
		const b = this.block;
		if (p) {
			const name = p[1].toLowerCase();
			const colon = trimmed.indexOf(':');
			// A blank line, a property given already, or colons in another column start another object.
			if (b && (this.blanks > 0 || b.values.has(name) || colon !== b.colon)) this.close();
			const open = this.block ?? this.open(trimmed, lineNo, colon);
			const value = [p[2] ?? ''];
			open.values.set(name, value);
			open.last = value;
			open.lines++;
			return;
		}
		if (b?.last && CONTINUATION.test(trimmed)) {
			// The value's own indentation past the column PowerShell aligns it at is the message's (`   PrepareForSnapshot Event`).
			const indent = trimmed.length - trimmed.trimStart().length;
			for (; this.blanks > 0; this.blanks--) b.last.push('');
			b.last.push(trimmed.slice(Math.min(indent, b.colon + 2)));
			b.lines++;
			return;
		}
		this.close();
		this.other(lineNo);
	}

	private open(text: string, lineNo: number, colon: number): Block {
		this.block = { firstLine: lineNo, firstText: text, lines: 0, colon, values: new Map(), last: null };
		return this.block;
	}

	close(): void {
		const b = this.block;
		this.block = null;
		this.blanks = 0;
		if (b) this.take(b);
	}
}

const DEFAULT_VIEW = `TimeCreated  : 2/11/2014 3:05:40 PM
ProviderName : VSS
Id           : 8193
Message      : Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.  hr = 0x80040154, Class
               not registered.
`;

const GET_EVENTLOG = `Index              : 220433
EntryType          : Error
InstanceId         : 3221233665
Message            : Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.  hr = 0x80040154,
                     Class not registered.
Category           : (0)
CategoryNumber     : 0
ReplacementStrings : {CoCreateInstance, 0x80040154, Class not registered.}
Source             : VSS
TimeGenerated      : 2/11/2014 3:05:40 PM
TimeWritten        : 2/11/2014 3:05:40 PM
UserName           :
`;

/** Windows events as `Get-WinEvent | Format-List` / `Get-EventLog | Format-List` print them. */
export const windowsEventsList = {
	id: 'windows-events-list',
	title: 'Windows events (PowerShell Format-List)',
	url: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/format-list',
	origin: 'guest-windows',
	kinds: WINDOWS_EVENT_KINDS,
	variants: [
		{ name: 'get-winevent', samples: [DEFAULT_VIEW] },
		{ name: 'get-eventlog', samples: [GET_EVENTLOG] },
	],

	detect(head) {
		const events = eventBlocks(head, (take, other) => new BlockSplitter(take, other));
		return events === 0 ? null : { variant: 'format-list', reason: `${events} block(s) of aligned 'Name : value' properties naming a provider and an event id (PowerShell Format-List)` };
	},

	reader(path) {
		return new PropertyEventReader<Block>(
			path,
			(take, other) => new BlockSplitter(take, other),
			(b, name) => b.values.get(name)?.join('\n'),
			(b) => ({ line: b.firstLine, text: b.firstText }),
		);
	},
} satisfies FormatDefinition;

/** A block of properties as a splitter hands it on: where it starts, its lines, its properties by (lower-case) name. */
export interface PropertyBlock<V> {
	firstLine: number;
	firstText: string;
	lines: number;
	values: ReadonlyMap<string, V>;
}

/** Splits lines into blocks of properties: each block to `take` once it ends, each line of none to `other`. */
export interface PropertySplitter {
	line(text: string, lineNo: number): void;
	close(): void;
}

/** Makes a splitter of a format's blocks (BlockSplitter's Format-List blocks, the JSON reader's objects). */
export type SplitProperties<B> = (take: (block: B) => void, other: () => void) => PropertySplitter;

/** How many blocks of a head name an event (namesEvent): what detection counts. */
export function eventBlocks<B extends PropertyBlock<unknown>>(head: readonly string[], split: SplitProperties<B>): number {
	let events = 0;
	const splitter = split(
		(b) => {
			if (namesEvent(b.values)) events++;
		},
		() => undefined,
	);
	head.forEach((l, i) => splitter.line(l, i + 1));
	splitter.close();
	return events;
}

/**
 * Reads blocks of properties that name a Windows event (a PowerShell list, a JSON object) into its records: a
 * block that names none counts as unparsed lines; one whose properties make no event (eventOfProperties) is left.
 * `text` gives a property's value as text; `evidence` the line a record points at.
 */
export class PropertyEventReader<B extends PropertyBlock<unknown>> implements LineReader {
	private readonly records = new RecordFold();
	private readonly dates = new PrintedDates();
	private unparsed = 0;
	private readonly splitter: PropertySplitter;

	constructor(
		private readonly path: string,
		split: SplitProperties<B>,
		private readonly text: (block: B, name: string) => string | undefined,
		private readonly evidence: (block: B) => { line: number; text: string },
	) {
		this.splitter = split(
			(b) => this.block(b),
			() => this.unparsed++,
		);
	}

	line(text: string, lineNo: number): void {
		this.splitter.line(text, lineNo);
	}

	private block(b: B): void {
		const value = (field: EventProperty): string | null => {
			for (const name of EVENT_PROPERTIES[field]) {
				const v = this.text(b, name)?.trim();
				if (v) return v;
			}
			return null;
		};
		const e = namesEvent(b.values) ? eventOfProperties(value) : false;
		if (e === false) {
			this.unparsed += b.lines;
			return;
		}
		if (e === null) return;
		const at = this.evidence(b);
		const r: LogRecord = eventRecord(e, { path: this.path, line: at.line }, at.text);
		this.dates.stamp(r, e.printedTime);
		this.records.push(r);
	}

	end(): ReadResult {
		this.splitter.close();
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: this.dates.settle(), clock: this.dates.clock() };
	}
}
