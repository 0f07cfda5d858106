import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { parseIsoStamp } from '../lib/stamps';
import { reflowContext } from './eventMessages';
import { binaryText, emptyEvent, eventRecord, HeldLines, isIdentified, isQuiesceRelevant, type WindowsEvent, WINDOWS_EVENT_KINDS } from './windowsEvents';

/**
 * Event Viewer's Details tab in "Friendly View", copied as text (issue 18): the event's XML drawn as a tree,
 * one row per element or attribute. The tree's names are the Windows event schema's, which no display
 * language translates (only values are localised), so rows are read by those names and by shape:
 *
 * - `- System`, `- EventData`, `- UserData`, `- RenderingInfo`: a part of the event (`-`, or `+` when
 *   collapsed, is the expand button; some copies drop it);
 * - `[ Name]  VSS`: an attribute of the element above (`[ Qualifiers]  0`, `[ SystemTime]  2021-…Z`);
 * - `Level 2`, `- EventID 12289`, `Channel Application`: an element and its text;
 * - in EventData, one row per `<Data>`: the value alone (classic events, unnamed), or `Name value` (manifest
 *   events name their data), or `Data value`, or a `[ Name]  X` row then the value; a value that holds line
 *   breaks (VSS's Operation/Context block) runs on below, out of the tree's indentation;
 * - the `<Binary>` blob as a row of hex, and under the tree a localised "Binary data:" heading with a word
 *   and a byte dump (`0000: 2D 20 43 6F …`), whose bytes are the blob.
 *
 * Copies differ in spacing only: a blank line between rows, trailing spaces, tabs or no-break spaces for
 * indents, or no indentation at all (a blog's reflow), so indentation is never what ends an event. An event
 * ends where the next one's System part begins: a `System` row, or a System element or attribute the event
 * already has, or (its `System` row cut) System rows after the data. A copy cut at the top keeps the System
 * rows it still has.
 *
 * Records: `windows-event` (fields in windowsEvents.ts), the same the event's XML gives: provider, id,
 * qualifiers, level, channel, computer, record id, `time` from SystemTime (UTC), `data` the Data values in
 * order (names dropped, as the XML reader drops them), `binaryText`, and `message`/`levelText` from a
 * RenderingInfo part when the copy has one. An unnamed value that runs on over several lines keeps them,
 * its Operation/Context block put back into the indented shape (reflowContext) where a copy lost indents.
 *
 * Lines: every row of the tree is parsed; text before the first event is unparsed. An event that names no
 * provider or no id (a copy cut above them) gives no record, and a problem says so.
 */

/** The parts of an event, as the tree names them. */
const PART = /^(?:[-+]\s*)?(System|EventData|UserData|RenderingInfo)$/;
/** `[ Name]  VSS`: an attribute and its value. */
const ATTRIBUTE = /^(?:[-+]\s*)?\[\s*([A-Za-z_][\w.-]{0,60})\s*\](.*)$/;
/** `- EventID 12289`, `Level 2`, `Correlation`: an element, its text after one space. */
const ELEMENT = /^(?:[-+]\s+)?([A-Za-z_][\w.-]{0,60})(?:\s(.*))?$/;
/** A row ELEMENT reads as the EventID element (what detection looks for first). */
const EVENT_ID_ROW = /^(?:[-+]\s+)?EventID(?:\s|$)/;
/** A dump row of the "Binary data" section in bytes: `0000: 2D 20 43 6F 64 65 3A 20   - Code: `. */
const DUMP_BYTES = /^[0-9a-f]{4}:((?:\s[0-9a-f]{2}){1,16})(?![0-9a-f])/i;
/** A dump row in words: `0000: 6F43202D 3A656420 …`. */
const DUMP_WORDS = /^[0-9a-f]{4}:(?:\s+[0-9a-f]{8}){1,4}\s*$/i;
/** The Binary blob as a row of hex (at least 8 bytes: a shorter hex value is more likely a code). */
const HEX_BLOB = /^(?:[0-9a-f]{2}){8,}$/i;
/** A line of a value that opens a section of the VSS context block (`Operation:`, `操作:`, `Opération :`). */
const SECTION_HEAD = /^\S.{0,60}[:：]$/;
/** A name a manifest gives its data (`BackupTime`, `param1`, `HRESULT`). */
const DATA_NAME = /^[A-Za-z_][\w.-]{0,60}$/;

/** System's elements and attributes: what opens or continues an event's System part. */
const SYSTEM_ELEMENTS = new Set(['Provider', 'EventID', 'Version', 'Level', 'Task', 'Opcode', 'Keywords', 'TimeCreated', 'EventRecordID', 'Correlation', 'Execution', 'Channel', 'Computer', 'Security']);
const SYSTEM_ATTRIBUTES = new Set(['Name', 'Guid', 'EventSourceName', 'Qualifiers', 'SystemTime', 'ActivityID', 'RelatedActivityID', 'ProcessID', 'ThreadID', 'UserID']);
/** System rows that each event has at most once: seen again, they are the next event's. */
const ONCE = new Set(['EventID', 'Level', 'EventRecordID', 'Channel', 'Computer', 'TimeCreated', '[Name]', '[SystemTime]', '[Qualifiers]']);
/** The RenderingInfo elements read (the message and the level word in the display language). */
const RENDERING = new Set(['Message', 'Level', 'Task', 'Opcode', 'Channel', 'Provider', 'Keywords', 'Keyword']);

/** One row of the copy: its indentation (characters of whitespace), its text without them, its line. */
interface Row {
	indent: number;
	text: string;
	lineNo: number;
	raw: string;
}

/** What a row is, by shape alone. */
type Shape = { part: string } | { attribute: string; value: string } | { element: string; value: string | null } | { dump: string | null } | null;

function shapeOf(text: string): Shape {
	const part = PART.exec(text);
	if (part) return { part: part[1] };
	const attr = ATTRIBUTE.exec(text);
	if (attr) return { attribute: attr[1], value: attr[2].trim() };
	const bytes = DUMP_BYTES.exec(text);
	if (bytes) return { dump: bytes[1].replace(/\s+/g, '') };
	if (DUMP_WORDS.test(text)) return { dump: null };
	const el = ELEMENT.exec(text);
	return el ? { element: el[1], value: el[2]?.trim() || null } : null;
}

/**
 * The key under which a System row counts once per event (`[Name]` for an attribute), or null for any other
 * row. Every attribute row in System is System's (Execution has more than the schema's ProcessID and
 * ThreadID on some builds: `[ ProcessorID]`, `[ KernelTime]`), so any attribute has a key there.
 */
function systemKey(s: Shape): string | null {
	if (s && 'attribute' in s) return `[${s.attribute}]`;
	if (s && 'element' in s) return SYSTEM_ELEMENTS.has(s.element) ? s.element : null;
	return null;
}

/** The System rows only an event header holds: the id, the provider's element, the creation time. */
const HEADER_KEYS = new Set(['EventID', 'Provider', 'TimeCreated', '[SystemTime]', '[Qualifiers]']);

/**
 * Whether the rows from `i` on are an event's System part, seen from inside the data above it (whose own
 * elements and attributes may share System's names): one of the header's own rows within the next six, and
 * three different System rows there, none past a `System` row.
 */
function systemAhead(rows: readonly Row[], i: number): boolean {
	const window = rows.slice(i, i + 6);
	// A `System` row below starts the next event itself: rows past it are not this one's.
	const stop = window.findIndex((r, k) => k > 0 && PART.exec(r.text)?.[1] === 'System');
	const keys = new Set(
		window
			.slice(0, stop < 0 ? window.length : stop)
			.map((r) => systemKey(shapeOf(r.text)))
			.filter((k): k is string => k !== null && (SYSTEM_ELEMENTS.has(k) || SYSTEM_ATTRIBUTES.has(k.slice(1, -1)))),
	);
	return keys.size >= 3 && [...keys].some((k) => HEADER_KEYS.has(k));
}

/** One data row of EventData: its name when the copy shows one, its lines. */
interface DataItem {
	/** The name shown (`Data` or a `[ Name]` row): the value is known to be named; null when undecided. */
	named: string | null;
	lines: Row[];
	/** Set once a line of the value opened a section (`Operation:`): the rest of EventData is this value's. */
	tail: boolean;
}

/** An event being read. */
interface Draft {
	first: Row;
	lastLine: number;
	e: WindowsEvent;
	/** System rows seen (see ONCE). */
	seen: Set<string>;
	part: string | null;
	data: DataItem[];
	/** A `[ Name]  X` row in EventData names the value on the next row. */
	pendingName: string | null;
	hex: string | null;
	dump: string[];
	leaves: string[];
	message: string[];
	/** Whether the last RenderingInfo element was the Message (its lines run on). */
	messageOpen: boolean;
	/** Rows that hold a value (not the tree's bare skeleton): whether a problem is due when the event is no event. */
	valued: number;
}

/** Reads the events of a Friendly View copy. */
export function parseFriendly(lines: readonly { text: string; lineNo: number }[]): { events: { e: WindowsEvent; first: Row; lastLine: number }[]; unparsed: number; problems: string[] } {
	const rows: Row[] = [];
	for (const l of lines) {
		const text = l.text.trimEnd();
		if (text.trim() === '') continue;
		const indent = text.length - text.trimStart().length;
		rows.push({ indent, text: text.trimStart(), lineNo: l.lineNo, raw: text });
	}
	const out = { events: [] as { e: WindowsEvent; first: Row; lastLine: number }[], unparsed: 0, problems: [] as string[] };
	let cur = null as Draft | null;
	const close = () => {
		if (cur) finish(cur, out);
		cur = null;
	};
	const open = (r: Row) => {
		close();
		cur = { first: r, lastLine: r.lineNo, e: emptyEvent(), seen: new Set(), part: null, data: [], pendingName: null, hex: null, dump: [], leaves: [], message: [], messageOpen: false, valued: 0 };
		return cur;
	};
	for (let i = 0; i < rows.length; i++) {
		const r = rows[i];
		const s = shapeOf(r.text);
		const key = systemKey(s);
		const inData = cur !== null && (cur.part === 'EventData' || cur.part === 'UserData' || cur.part === 'RenderingInfo' || cur.part === 'dump');
		// The next event's System part: a System row, a System row this event has, or System rows after the data.
		// (Before any event, a row only the tree has opens one: a copy cut above its `- System` row.)
		const next =
			(s !== null && 'part' in s && s.part === 'System') || (key !== null && cur !== null && ONCE.has(key) && cur.seen.has(key) && !inData) || (key !== null && (inData || cur === null) && systemAhead(rows, i)) || (cur === null && treeOnly(r.text));
		if (next) {
			const d = open(r);
			d.part = 'System';
			if (s && 'part' in s) continue;
		}
		if (cur === null) {
			out.unparsed++;
			continue;
		}
		const d: Draft = cur;
		d.lastLine = r.lineNo;
		if (s && 'part' in s) {
			d.part = s.part;
			continue;
		}
		if (s && 'dump' in s) {
			d.part = 'dump';
			if (s.dump !== null) d.dump.push(s.dump);
			continue;
		}
		if (d.part === 'dump' || (d.part === 'EventData' && dumpAhead(rows, i))) {
			// The dump's headings ("Binary data:", "In Words", "バイト単位") are localised: known by the dump around them.
			d.part = 'dump';
			continue;
		}
		if (d.part === 'EventData') dataRow(d, r, s);
		else if (d.part === 'UserData') {
			if (s && 'element' in s && s.value !== null) d.leaves.push(s.value);
		} else if (d.part === 'RenderingInfo') renderingRow(d, r, s);
		else if (!systemRow(d, s, key)) {
			out.unparsed++;
			continue;
		}
		if (!isSkeleton(s)) d.valued++;
	}
	close();
	return out;
}

/** Whether a row in EventData is a heading of the binary dump: the next row or the one after it is a dump row. */
function dumpAhead(rows: readonly Row[], i: number): boolean {
	const r = rows[i];
	if (r.text.length > 40 || /\d/.test(r.text)) return false;
	return rows.slice(i + 1, i + 3).some((x) => DUMP_BYTES.test(x.text) || DUMP_WORDS.test(x.text));
}

/** Reads a row of the System part; false when it is none of System's rows. */
function systemRow(d: Draft, s: Shape, key: string | null): boolean {
	if (key === null || s === null) return false;
	d.seen.add(key);
	const e = d.e;
	const int = (v: string | null) => (v !== null && /^\d{1,10}$/.test(v) ? Number(v) : null);
	if ('attribute' in s) {
		if (s.attribute === 'Name') e.provider = s.value || null;
		else if (s.attribute === 'Qualifiers') e.qualifiers = int(s.value);
		else if (s.attribute === 'SystemTime') e.time = parseIsoStamp(s.value)?.time ?? null;
		return true;
	}
	if (!('element' in s)) return true;
	if (s.element === 'EventID') e.eventId = int(s.value);
	else if (s.element === 'Level') e.level = int(s.value);
	else if (s.element === 'EventRecordID') e.recordId = int(s.value);
	else if (s.element === 'Channel') e.channel = s.value;
	else if (s.element === 'Computer') e.computer = s.value;
	return true;
}

function dataRow(d: Draft, r: Row, s: Shape): void {
	if (s && 'attribute' in s && s.attribute === 'Name' && d.data.at(-1)?.tail !== true) {
		d.pendingName = s.value;
		return;
	}
	if (s && 'element' in s && s.element === 'Binary' && s.value !== null && HEX_BLOB.test(s.value)) {
		d.hex = s.value;
		return;
	}
	if (HEX_BLOB.test(r.text)) {
		d.hex = r.text;
		return;
	}
	const last = d.data.at(-1);
	if (last?.tail) {
		last.lines.push(r);
		return;
	}
	const indent = d.data[0]?.lines[0].indent ?? r.indent;
	const left = r.indent < indent;
	if (d.pendingName !== null) d.data.push({ named: d.pendingName, lines: [r], tail: false });
	// A section of VSS's context block (`Operation:`) opens the value that holds the block, to the end of EventData.
	else if (SECTION_HEAD.test(r.text) && (d.e.qualifiers !== null || left)) d.data.push({ named: null, lines: [r], tail: true });
	// A value's own line breaks: its next lines stand left of the tree's indentation.
	else if (last !== undefined && left) last.lines.push(r);
	else if (s && 'element' in s && s.element === 'Data') d.data.push({ named: 'Data', lines: [{ ...r, text: s.value ?? '' }], tail: false });
	else d.data.push({ named: null, lines: [r], tail: false });
	d.pendingName = null;
}

function renderingRow(d: Draft, r: Row, s: Shape): void {
	if (s && 'element' in s && RENDERING.has(s.element)) {
		d.messageOpen = s.element === 'Message';
		if (d.messageOpen) d.message.push(s.value ?? '');
		else if (s.element === 'Level' && s.value !== null) d.e.levelText = s.value;
		return;
	}
	// The message runs on over its own line breaks; an attribute row (`[ Culture]`) is none of it.
	if (d.messageOpen && !(s && 'attribute' in s)) d.message.push(r.text);
}

/** The Data values of an event, in order (see the module comment for names). */
function dataValues(d: Draft): string[] {
	const raw = d.data.filter((x) => x.named === null);
	// Classic events (they carry Qualifiers) never name their data; manifest events name every value.
	const named = d.e.qualifiers === null && raw.length > 0 && raw.every((x) => x.lines.length === 1 && DATA_NAME.test(x.lines[0].text.split(/\s/)[0])) && new Set(raw.map((x) => x.lines[0].text.split(/\s/)[0])).size === raw.length;
	return d.data.map((x) => {
		if (x.named !== null) return x.lines.map((l) => l.text).join('\n');
		if (named) return x.lines[0].text.replace(/^\S+\s*/, '');
		const [head, ...rest] = x.lines;
		if (!x.tail) return [head.text, ...rest.map((l) => l.raw)].join('\n');
		// The block as VSS writes it (two line breaks, then indented sections), whatever indents the copy kept.
		const trimmed = ['', ...x.lines.map((l) => l.text)];
		const reflowed = reflowContext(trimmed);
		return ['', ...(reflowed.join('\n') === trimmed.join('\n') ? ['', ...x.lines.map((l) => l.raw)] : reflowed)].join('\n');
	});
}

function finish(d: Draft, out: { events: { e: WindowsEvent; first: Row; lastLine: number }[]; unparsed: number; problems: string[] }): void {
	const e = d.e;
	// The blob: its row of hex in EventData, else the byte dump below the tree.
	if (d.hex === null && d.dump.length > 0) d.hex = d.dump.join('');
	e.binary = d.hex;
	e.binaryText = binaryText(d.hex);
	e.data = d.leaves.length > 0 ? d.leaves : dataValues(d);
	if (d.message.length > 0) e.message = d.message.join('\n');
	if (isIdentified(e)) {
		out.events.push({ e, first: d.first, lastLine: d.lastLine });
		return;
	}
	// Its rows fit the tree (parsed), but what they hold is not read: a problem says so, unless they are the
	// tree's bare skeleton (`- System`), which holds nothing.
	if (d.valued === 0) return;
	out.problems.push(`Lines ${d.first.lineNo}–${d.lastLine} are an event's Friendly View without its ${e.provider === null ? 'provider (Provider Name)' : 'event id (EventID)'}: the copy was cut above it; it is not read.`);
}

/** A row of the tree's skeleton: a part, or an element with no text (`- Provider`, `- TimeCreated`). */
const isSkeleton = (s: Shape) => s !== null && ('part' in s || ('element' in s && s.value === null));

/**
 * Whether a row is one only the tree has: a part (`- System`), an attribute row (`[ Name]  VSS`), or a System
 * element with its expand button (`- Provider`, `- EventID 8229`, `- TimeCreated`).
 */
function treeOnly(text: string): boolean {
	const s = shapeOf(text);
	if (s === null) return false;
	if ('part' in s || 'attribute' in s) return true;
	return 'element' in s && /^[-+]\s/.test(text) && SYSTEM_ELEMENTS.has(s.element);
}

/** VSS 12289 as a forum post shows the Details tab: indented tree, two spaces after an attribute's name. */
const EN_12289 = `- System
  - Provider
   [ Name]  VSS
  - EventID 12289
   [ Qualifiers]  0
   Level 2
   Task 0
   Keywords 0x80000000000000
  - TimeCreated
   [ SystemTime]  2021-03-04T10:11:12.123456700Z
   EventRecordID 4711
   Channel Application
   Computer SQL01.corp.example
   Security
- EventData
   DeviceIoControl(\\\\?\\fdc#generic_floppy_drive#6&2a2f3b6b&0&0#{53f5630d-b6bf-11d0-94f2-00a0c91efb8b} - 00000000000002F8,0x00560000,0000000000000000,0,00000000002E3C20,4096,[0])
   0x80070001, Incorrect function.
`;

/** VSS 8229 whose second value is the Operation/Context block: its lines run on left of the tree. */
const EN_8229 = `- System
  - Provider
   [ Name]  VSS
  - EventID 8229
   [ Qualifiers]  0
   Level 3
  - TimeCreated
   [ SystemTime]  2024-05-22T19:30:49.811000000Z
   EventRecordID 220431
   Channel Application
   Computer EXCH-MBX-02.corp.example
- EventData
   0x800423f3, The writer experienced a transient error.  If the backup process is retried,
the error may not reoccur.

Operation:
   PrepareForSnapshot Event

Context:
   Execution Context: Writer
   Writer Class Id: {76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}
   Writer Name: Microsoft Exchange Writer
   Writer Instance ID: {0798db2b-6d29-5075-89a3-014e629ad9d2}
   Command Line: "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\Bin\\msexchangerepl.exe"
   Process ID: 4412
`;

/** Windows Server Backup 517, a manifest event: its data named, no Qualifiers. */
const EN_517 = `- System
  - Provider
   [ Name]  Microsoft-Windows-Backup
   [ Guid]  {1db28f2e-8f80-4027-8c5a-a11f7f10f62d}
   EventID 517
   Version 0
   Level 2
  - TimeCreated
   [ SystemTime]  2023-11-02T01:04:55.512345600Z
   EventRecordID 9012
  - Execution
   [ ProcessID]  3712
   [ ThreadID]  4480
   Channel Application
   Computer FS02.corp.example
  - Security
   [ UserID]  S-1-5-18
- EventData
  BackupTime 2023-11-02T01:00:02.123Z
  ErrorCode 0x80780049
  ErrorMessage %%2155348041
`;

/** A Japanese Windows: the tree's names stay English, values (the error's text) are Japanese. */
const JA_8193 = `- System
  - Provider
   [ Name]  VSS
  - EventID 8193
   [ Qualifiers]  0
   Level 2
  - TimeCreated
   [ SystemTime]  2022-07-22T01:15:03.000000000Z
   EventRecordID 51234
   Channel Application
   Computer SQL-JP-01.corp.example
- EventData
   RegOpenKeyExW(-2147483646,SYSTEM\\CurrentControlSet\\Services\\VSS\\Diag,...)
   0x80070005, アクセスが拒否されました。
`;

/** Event Viewer's Details tab in Friendly View, copied as text. */
export const windowsEventsFriendly = {
	id: 'windows-events-friendly',
	title: 'Windows events (Event Viewer Friendly View copy)',
	url: 'https://learn.microsoft.com/windows/win32/wes/eventschema-schema',
	origin: 'guest-windows',
	kinds: WINDOWS_EVENT_KINDS,
	variants: [
		{ name: 'classic-data', samples: [EN_12289, EN_8229, JA_8193] },
		{ name: 'named-data', samples: [EN_517] },
	],

	detect(head) {
		const rows = head.map((text) => text.trim()).filter((t) => t !== '');
		// Only ELEMENT's shape gives an EventID row; a head of more than three rows without one is no tree. Most
		// heads are told so by a native search per row (an XML event's `<EventID>` row is then tested, and is none).
		if (rows.length > 3 && !rows.some((t) => t.includes('EventID') && EVENT_ID_ROW.test(t))) return null;
		const at = rows.findIndex((t, i) => {
			const s = shapeOf(t);
			return s !== null && 'element' in s && s.element === 'EventID' && s.value !== null && /^\d{1,5}$/.test(s.value) && friendlyRows(rows.slice(Math.max(0, i - 6), i + 8)) >= 3;
		});
		// A block of a copy with a blank line after every row, as a section is looked for, is one row or a few:
		// a head of the tree's own rows, the first with its button or brackets, is the tree.
		const tree = at < 0 && rows.length > 0 && rows.length <= 3 && treeOnly(rows[0]) && rows.every((t) => treeOnly(t) || systemKey(shapeOf(t)) !== null);
		if (at < 0 && !tree) return null;
		if (at < 0) return { variant: 'classic-data', reason: `rows of an event tree alone (\`${rows[0]}\` …): a part of a copy with a blank line after every row` };
		const named = rows.some((t) => /^(?:[-+]\s*)?EventData$/.test(t)) && !rows.some((t) => /^(?:[-+]\s*)?\[\s*Qualifiers\s*\]/.test(t));
		return {
			variant: named ? 'named-data' : 'classic-data',
			reason: `an EventID row (line ${head.findIndex((l) => l.trim() === rows[at]) + 1}) among ${friendlyRows(rows.slice(Math.max(0, at - 6), at + 8))} more System rows of the tree (\`[ Name]\`, \`[ SystemTime]\`, \`Level n\` …)`,
		};
	},

	reader(path) {
		return new FriendlyReader(path);
	},
} satisfies FormatDefinition;

/** How many different System rows, other than EventID, of the right shape `rows` hold. */
function friendlyRows(rows: readonly string[]): number {
	const keys = new Set<string>();
	for (const t of rows) {
		const s = shapeOf(t);
		if (s && 'part' in s && s.part === 'System') keys.add('System');
		else if (s && 'attribute' in s && s.value !== '' && SYSTEM_ATTRIBUTES.has(s.attribute) && (s.attribute !== 'SystemTime' || parseIsoStamp(s.value) !== null)) keys.add(`[${s.attribute}]`);
		else if (s && 'element' in s && s.element !== 'EventID' && SYSTEM_ELEMENTS.has(s.element) && (s.value === null || !/^(?:Level|Task|Version|Opcode|EventRecordID)$/.test(s.element) || /^\d+$/.test(s.value))) keys.add(s.element);
	}
	return keys.size;
}

class FriendlyReader implements LineReader {
	private readonly held = new HeldLines();

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		this.held.push(text, lineNo);
	}

	end(): ReadResult {
		const parsed = parseFriendly(this.held.lines);
		const records = parsed.events.filter(({ e }) => isQuiesceRelevant(e)).map(({ e, first }) => eventRecord({ ...e, provider: e.provider! }, { path: this.path, line: first.lineNo }, first.raw));
		const problems = [...parsed.problems, ...this.held.problems('as a Friendly View copy')];
		// SystemTime is UTC by definition.
		const clock = parsed.events.some(({ e }) => e.time !== null) ? { utcOffsetMinutes: 0, basis: 'stamped' as const } : null;
		return { facts: { records }, unparsedLines: parsed.unparsed + this.held.dropped, problems, clock };
	}
}
