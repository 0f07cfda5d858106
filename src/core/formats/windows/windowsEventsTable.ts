import type { LogRecord } from '../../model/records';
import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { PrintedDates } from '../lib/printedDates';
import { RecordFold } from '../lib/fold';
import { EVENT_PROPERTIES, eventOfProperties, FIELD_OF, type EventProperty } from './windowsEventsCsv';
import { WINDOWS_EVENT_KINDS, eventRecord } from './windowsEvents';

/**
 * Windows events as PowerShell prints them in a table: `Get-WinEvent …` at the console (its default view,
 * grouped under `   ProviderName: VSS`, columns TimeCreated, Id, LevelDisplayName, Message), `Format-Table`
 * of a `Select-Object` subset, `-Wrap` or not. The header row names the objects' properties (never
 * translated), the row under it underlines each name with dashes; a left-aligned value starts at its
 * name's dashes, a right-aligned one (a number) ends at them. A value too long for its column is cut with
 * `...` or `…`; with `-Wrap` it goes on in the next rows, the other columns blank. A table is an event
 * table when its columns (or its group header) name a provider and an event id (the same properties as the
 * CSV export: windowsEventsCsv.ts).
 *
 * Records: `windows-event` (fields in windowsEvents.ts; `data` null, the message as far as the table shows
 * it), `source.line` = the row's line. The time is the culture's local text (`local`, day/month order
 * settled per file).
 *
 * Lines: the group header, the header and dash rows, the rows and blank lines are parsed; other lines
 * (prose, a prompt, a Markdown fence) are unparsed.
 */

/** `   ProviderName: VSS`: the group Get-WinEvent's default view prints above its rows (an event property). */
const GROUP = /^\s{0,8}([A-Za-z]\w{1,39}): (\S.*)$/;
const groupOf = (text: string): { name: string; value: string } | null => {
	const g = GROUP.exec(text);
	return g && FIELD_OF.has(g[1].toLowerCase()) ? { name: g[1].toLowerCase(), value: g[2].trim() } : null;
};
/** The row under the header: runs of dashes, one per column. */
const DASHES = /^\s*-+(?: +-+)+\s*$/;
/** Property names in the header row. */
const HEADER = /^\s*[A-Za-z]\w{0,39}(?: +[A-Za-z]\w{0,39})+\s*$/;

interface Column {
	name: string;
	/** Where its dashes start and end (columns of the line). */
	start: number;
	end: number;
}

/** A header row's length at most (chars): forty names of forty characters; a longer line is no header. */
const MAX_HEADER_CHARS = 40 * 41;

/** The columns a header row and its dash row give, or null when the dashes do not underline the names. */
function columnsOf(header: string, dashes: string): Column[] | null {
	// The length first: the patterns repeat a group per column, which a long line would make deep. The dash row
	// before the header: it fails at a line's first character, where a prose line can match HEADER's words for long.
	if (header.length > MAX_HEADER_CHARS || dashes.length > MAX_HEADER_CHARS || !DASHES.test(dashes) || !HEADER.test(header)) return null;
	const columns: Column[] = [];
	for (const m of dashes.matchAll(/-+/g)) {
		const start = m.index;
		const end = start + m[0].length;
		const name = header.slice(start, end);
		// Each name stands exactly over its dashes.
		if (!/^[A-Za-z]\w*$/.test(name) || /\w/.test(header[start - 1] ?? ' ') || /\w/.test(header[end] ?? ' ')) return null;
		columns.push({ name: name.toLowerCase(), start, end });
	}
	return columns;
}

/** Whether columns (and the group's property) name an event: a provider and an id. */
function namesEvent(names: readonly string[]): boolean {
	const fields = new Set(names.map((n) => FIELD_OF.get(n)));
	return fields.has('provider') && (fields.has('eventId') || fields.has('instanceId'));
}

/**
 * The cells of a row: each column's text, from where it starts (its dashes, or earlier where a
 * right-aligned value reaches left of them) to where the next starts; the last runs to the line's end.
 */
function cellsOf(row: string, columns: readonly Column[]): string[] {
	const starts = columns.map((c, i) => {
		if (i === 0) return 0;
		let s = c.start;
		// A right-aligned value (a number) ends at its dashes and may start before them.
		while (s > columns[i - 1].end && s <= row.length && row[s - 1] !== undefined && row[s - 1] !== ' ') s--;
		return s;
	});
	return columns.map((_, i) => row.slice(starts[i], i + 1 < columns.length ? starts[i + 1] : undefined).trim());
}

/** A cut value's ellipsis, PowerShell 5.1's three dots or 7's one character. */
const ELLIPSIS = /(?:\.\.\.|…)$/;

const DEFAULT_VIEW = `   ProviderName: VSS

TimeCreated                     Id LevelDisplayName Message
-----------                     -- ---------------- -------
2/11/2014 3:05:40 PM          8193 Error            Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.  hr = 0x80040154, Class...
`;

const SELECTED = `TimeCreated           ProviderName    Id Message
-----------           ------------    -- -------
2/11/2014 3:05:40 PM  VSS           8193 Volume Shadow Copy Service error: Unexpected error calling routine
                                         CoCreateInstance.  hr = 0x80040154, Class not registered.
`;

/** Windows events as `Get-WinEvent` / `Format-Table` print them at the console. */
export const windowsEventsTable = {
	id: 'windows-events-table',
	title: 'Windows events (PowerShell table)',
	url: 'https://learn.microsoft.com/powershell/module/microsoft.powershell.utility/format-table',
	origin: 'guest-windows',
	kinds: WINDOWS_EVENT_KINDS,
	variants: [
		{ name: 'get-winevent', samples: [DEFAULT_VIEW] },
		{ name: 'format-table-wrap', samples: [SELECTED] },
	],

	detect(head) {
		let group: string | null = null;
		for (let i = 0; i + 1 < head.length; i++) {
			group = groupOf(head[i])?.name ?? group;
			const columns = columnsOf(head[i], head[i + 1]);
			if (columns && namesEvent([...columns.map((c) => c.name), ...(group ? [group] : [])])) {
				return { variant: 'format-table', reason: `a header of property names (${columns.map((c) => c.name).join(', ')}) underlined with dashes, naming a provider and an event id (PowerShell table)` };
			}
		}
		return null;
	},

	reader(path) {
		return new EventTableReader(path);
	},
} satisfies FormatDefinition;

interface Row {
	line: number;
	text: string;
	cells: string[];
}

class EventTableReader implements LineReader {
	private readonly records = new RecordFold();
	private readonly dates = new PrintedDates();
	private unparsed = 0;
	/** The group's property and value (`ProviderName: VSS`), for the rows under it. */
	private group: { name: string; value: string } | null = null;
	private columns: Column[] | null = null;
	/** The line before, a header when the next is its dash row. */
	private previous: { text: string; lineNo: number } | null = null;
	/** The row read last, which `-Wrap` rows continue. */
	private row: Row | null = null;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		const previous = this.previous;
		this.previous = { text, lineNo };
		if (text.trim() === '') return;
		const columns = previous ? columnsOf(previous.text, text) : null;
		if (columns) {
			// The line before was this table's header: counted unparsed, or taken for a row of the table before.
			if (this.row?.line === previous!.lineNo) this.row = null;
			else this.unparsed--;
			this.flush();
			this.columns = columns;
			return;
		}
		const g = groupOf(text);
		if (g) {
			// A group header (before the first table, or between tables): its rows come under a header of their own.
			this.flush();
			this.columns = null;
			this.group = g;
			return;
		}
		if (!this.columns) {
			this.unparsed++;
			return;
		}
		// A row holds a value in its first column; a wrapped value's rest comes in rows whose first column is blank.
		const cells = cellsOf(text, this.columns);
		if (cells[0] !== '') {
			this.flush();
			this.row = { line: lineNo, text, cells };
			return;
		}
		if (this.row) {
			cells.forEach((c, i) => {
				if (c !== '') this.row!.cells[i] = this.row!.cells[i] === '' ? c : `${this.row!.cells[i]}\n${c}`;
			});
			return;
		}
		this.unparsed++;
	}

	/** Makes the event of the row read last. */
	private flush(): void {
		const row = this.row;
		this.row = null;
		if (!row || !this.columns) return;
		const cellOf = new Map(this.columns.map((c, i) => [c.name, row.cells[i]]));
		if (this.group) cellOf.set(this.group.name, this.group.value);
		const names = [...cellOf.keys()];
		const value = (field: EventProperty): string | null => {
			for (const name of EVENT_PROPERTIES[field]) {
				const v = cellOf.get(name);
				if (v) return field === 'message' ? v.replace(ELLIPSIS, '') : v;
			}
			return null;
		};
		const e = namesEvent(names) ? eventOfProperties(value) : false;
		if (e === false) {
			this.unparsed++;
			return;
		}
		if (e === null) return;
		const r: LogRecord = eventRecord(e, { path: this.path, line: row.line }, row.text);
		this.dates.stamp(r, e.printedTime);
		this.records.push(r);
	}

	end(): ReadResult {
		this.flush();
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: this.dates.settle(), clock: this.dates.clock() };
	}
}
