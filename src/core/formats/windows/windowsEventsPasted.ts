import { eventInfo } from '../../knowledge/events';
import type { LogRecord } from '../../model/records';
import { type FormatDefinition, type LineReader, type ReadResult, recordText } from '../lib/format';
import { foldWidth } from '../lib/width';
import { isPrintedDate, PrintedDates } from '../lib/printedDates';
import { flat, labelled, matchCutTemplate, matchTemplate, opensVssMessage, reflowContext, type TemplateMatch } from './eventMessages';
import { emptyEvent, eventRecord, HeldLines, isProse, isQuiesceRelevant, LEVELS, WINDOWS_EVENT_KINDS } from './windowsEvents';

/**
 * Windows events as people paste them when they are not a whole "Copy details as text": a header missing
 * lines or in another layout (`ID:` / `Level:` / `Source:` / `Message:`, Windows 2003's `Event Type:` /
 * `Event Source:` / `Event ID:` with Date and Time apart, full-width colons, an Event Viewer list row
 * `Error <Source> <Id> <Category>`), or the message alone. Several events may run together, with or
 * without blank lines, with a blank line between every line, or with separator rules and an author's notes
 * between them.
 *
 * A header is a run of short `label: value` lines read by their values, never their labels: an integer
 * 0–65535 is the event id, a known provider name (or `Microsoft-Windows-…`) the source, a printed date the
 * date, a level word the level; the first value that is long text (or that follows a label with no value)
 * starts the message. A run counts as a header when it has an id and two of source, date and level, or an
 * id whose message is an event of that id. A message with no header is recognised by its template
 * (eventMessages.ts), which also gives provider, id and level where no header does.
 *
 * Records: `windows-event` (fields in windowsEvents.ts); `data` is null (no insertion strings), `time`/`local`
 * from the printed date when there is one, `source.line` the event's first line. Lines outside any event
 * (prose, notes) are unparsed; separator rules (`*****`, `-----`) are parsed.
 */

/** Provider names as pasted (lower case) → as Windows names them; `Backup` is how Event Viewer lists Microsoft-Windows-Backup. */
const PROVIDERS: ReadonlyMap<string, string> = new Map([
	['vss', 'VSS'],
	['volsnap', 'volsnap'],
	['backup', 'Microsoft-Windows-Backup'],
	['esent', 'ESENT'],
	['sqlwriter', 'SQLWRITER'],
	['sqlvdi', 'SQLVDI'],
	['mssqlserver', 'MSSQLSERVER'],
	['eventsystem', 'EventSystem'],
	['ntds general', 'NTDS General'],
	['ntds isam', 'NTDS ISAM'],
	['msexchangerepl', 'MSExchangeRepl'],
	['msexchangeis', 'MSExchangeIS'],
	['vmtools', 'VMTools'],
	['vmware tools', 'VMware Tools'],
	['hyper-v-vmms', 'Microsoft-Windows-Hyper-V-VMMS'],
	['spp', 'SPP'],
	['capi2', 'Microsoft-Windows-CAPI2'],
	['service control manager', 'Service Control Manager'],
	['application error', 'Application Error'],
]);

/** A provider as pasted, or null when the value is not one (a Markdown-escaped `\_` kept as `_`). */
function providerOf(value: string): string | null {
	const v = foldWidth(value.trim()).replace(/\\_/g, '_');
	if (/^Microsoft-Windows-[\w-]+$/i.test(v)) return v;
	if (/^MSSQL\$\w+$/i.test(v)) return v;
	return PROVIDERS.get(v.toLowerCase()) ?? null;
}

const DATE_ONLY = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$/;
const TIME_ONLY = /^\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?$/i;
/** A value that is message text rather than a header value. */

/** A value that may be an event id: an integer 0–65535, in ASCII or full-width digits (an input method's `８１９３`). */
const isInteger = (v: string) => /^\d{1,5}$/.test(foldWidth(v)) && Number(foldWidth(v)) <= 65535;
/** The event id a value isInteger accepted stands for. */
const idOf = (v: string) => Number(foldWidth(v));

interface Header {
	eventId: number | null;
	provider: string | null;
	date: string | null;
	level: number | null;
	levelText: string | null;
	/** Row index after the header, and the message text the header's last line already holds. */
	next: number;
	message: string | null;
	/** Whether a label with no value (Description:) ended the header. */
	described: boolean;
}

interface Row {
	text: string;
	lineNo: number;
}

/**
 * Rows of `lines`: the blank lines dropped where the paste put one between every line (they then separate
 * nothing). Decided around each blank line, not for the whole paste: events pasted together may be spaced
 * one way and not the other.
 */
function rowsOf(lines: readonly Row[]): Row[] {
	const blank = (j: number) => lines[j].text.trim() === '';
	// A spacer: lines alternate text and blank for four lines either side (as far as the paste goes), and it
	// has a spacer for a neighbour two lines off.
	const spacer = (i: number) => {
		if (i < 1 || i + 1 >= lines.length) return false;
		let neighbours = 0;
		for (let j = Math.max(0, i - 4); j <= Math.min(lines.length - 1, i + 4); j++) {
			if (blank(j) !== ((j - i) % 2 === 0)) return false;
			if (j !== i && blank(j)) neighbours++;
		}
		return neighbours >= 1;
	};
	return joinStacked(lines.filter((_, i) => !blank(i) || !spacer(i)));
}

/** Whether a row is a label alone (`Event ID:`), its value on the row below. */
const labelOnly = (r: Row | undefined) => r !== undefined && labelled(r.text)?.value === '';
/** Whether a row may be the value below such a label: text that is no `label: value` line of its own. */
const stackedValue = (r: Row | undefined) => r !== undefined && r.text.trim() !== '' && labelled(r.text) === null;

/**
 * A header copied from a web page's definition list, each label on its own line with its value below
 * (`Source:` / `SQLWRITER` / `Event ID:` / `24583` / `Message:` / …), as `label: value` rows. Only a run of
 * at least two such pairs, one of whose values is an integer 0–65535 (the event id), is a header: a single
 * label over its text (`Description:`, `Operation:`) stays as it is.
 */
function joinStacked(rows: readonly Row[]): Row[] {
	const out: Row[] = [];
	for (let i = 0; i < rows.length;) {
		let j = i;
		while (labelOnly(rows[j]) && stackedValue(rows[j + 1])) j += 2;
		const pairs = (j - i) / 2;
		const values = Array.from({ length: pairs }, (_, p) => rows[i + 2 * p + 1].text.trim());
		if (pairs >= 2 && values.some(isInteger)) {
			for (let p = 0; p < pairs; p++) out.push({ text: `${rows[i + 2 * p].text.trim()} ${values[p]}`, lineNo: rows[i + 2 * p].lineNo });
			i = j;
		} else {
			out.push(rows[i]);
			i++;
		}
	}
	return out;
}

/**
 * An Event Viewer list row: `Error Microsoft-Windows-ActiveDirectory_DomainService 1168 Internal Processing`,
 * or with its Date and Time column and the preview pane's message after the category (`Error 12/6/2010
 * 3:39:15 AM SQLVDI 1 None SQLVDI: Loc=SignalAbort. …`, a blog's copy of the list), or with the id in a column
 * before the source as well, the message right after the repeated id.
 */
function listRow(text: string): Partial<Header> | null {
	const words = text.trim().split(/\s+/);
	const levelText = words[0];
	const level = LEVELS.get(levelText.toLowerCase()) ?? null;
	if (level === null) return null;
	// The source right after the level, or after a printed date of up to three words.
	for (let at = 1; at <= 4 && at + 1 < words.length; at++) {
		const provider = providerOf(words[at]);
		const id = words[at + 1];
		if (provider === null || !isInteger(id)) continue;
		const date = words.slice(1, at).join(' ');
		// A row that prints the id in a column of its own before the source too (`Error Event 19100
		// Hyper-V-VMMS 19100 'BackupVM' background disk merge failed …`): the message follows the second id.
		if (at <= 3 && words[at - 1] === id) return { provider, eventId: idOf(id), level, levelText, message: words.slice(at + 2).join(' ') || null };
		if (date !== '' && !isPrintedDate(date)) return null;
		// With a date the row is a copy of the list and the preview: the category's word, then the message.
		const message = date !== '' && words.length > at + 3 ? words.slice(at + 3).join(' ') : null;
		return { provider, eventId: idOf(id), level, levelText, date: date || null, message };
	}
	return null;
}

/**
 * An event a backup agent's log printed on one line, its header before the message:
 * `VSS Error 12/7/2018 8:23:12 AM EventID: 8193 Volume Shadow Copy Service error: …` (CloudBerry). The source
 * and the level are the first two words in either order, the date what lies between them and the id label.
 */
const INLINE_ID = /Event ?ID ?[:：] {0,2}(\d{1,5})[ \t]+(?=\S)/i;

function inlineRow(text: string): Partial<Header> | null {
	const m = INLINE_ID.exec(text);
	if (!m || !isInteger(m[1])) return null;
	const [a, b, ...rest] = text.slice(0, m.index).trim().split(/\s+/);
	const date = rest.join(' ');
	if (b === undefined || date.length > 40) return null;
	const provider = providerOf(a) ?? providerOf(b);
	const levelText = LEVELS.has(b.toLowerCase()) ? b : LEVELS.has(a.toLowerCase()) ? a : null;
	if (provider === null || levelText === null) return null;
	return { provider, level: LEVELS.get(levelText.toLowerCase())!, levelText, eventId: Number(m[1]), date: isPrintedDate(date) ? date : null, message: text.slice(m.index + m[0].length).trim() };
}

/**
 * An event a blog wrote on one line, label and id, source and message apart by dashes: `EventId 12366 – VSS –
 * An unhandled exception …`. The id's label, a known source between the dashes and a message after them make it
 * one; its level is not printed.
 */
const DASHED_ID = /^Event ?ID[:：]? {0,2}(\d{1,5}) {1,3}[-–—] {1,3}/i;
const DASH = / {1,3}[-–—] {1,3}/;

function dashedRow(text: string): Partial<Header> | null {
	const line = text.trim();
	const m = DASHED_ID.exec(line);
	if (!m || !isInteger(m[1])) return null;
	const rest = line.slice(m[0].length);
	// A source is a few words at most: the second dash stands within its first 80 characters.
	const d = DASH.exec(rest.slice(0, 80));
	const provider = d ? providerOf(rest.slice(0, d.index)) : null;
	const message = d ? rest.slice(d.index + d[0].length).trim() : '';
	return provider !== null && message !== '' ? { provider, eventId: Number(m[1]), message } : null;
}

/**
 * An event a KB or a blog names in a sentence, its id after an id label and its message after a colon later
 * on the line: `The event log contains the following ID: 12298 and the following records: Volume Shadow Copy
 * Service error: The I/O writes cannot be held …`. The message must be a known template of that very id from
 * its first word (eventMessages.ts): the id and the message's shape agree, whatever the words between.
 */
const ID_LABEL = /\bID[:：]? {0,2}(\d{3,5})\b/;
/** Where a message may start after the id: right after a colon (and its blank), at most this many tried. */
const MESSAGE_AFTER = /[:：] {0,2}(?=\S)/g;
const MAX_MESSAGE_STARTS = 6;

function sentenceRow(text: string): Partial<Header> | null {
	const line = recordText(text);
	const m = ID_LABEL.exec(line);
	if (!m) return null;
	const id = Number(m[1]);
	MESSAGE_AFTER.lastIndex = m.index + m[0].length;
	for (let n = 0, c = MESSAGE_AFTER.exec(line); c !== null && n < MAX_MESSAGE_STARTS; c = MESSAGE_AFTER.exec(line), n++) {
		const message = line.slice(c.index + c[0].length);
		const tm = matchTemplate(message);
		if (tm !== null && tm.at === 0 && tm.eventId === id) return { provider: tm.provider, eventId: id, level: tm.level, message };
	}
	return null;
}

/**
 * An Event Viewer header a KB page flattened onto one line, the description after it: `Event Type:\tError
 * Event Source:\tVolSnap Event Category:\tNone Event ID: \t\t5 Description: The shadow copy of volume X: …`
 * (KB 833167's Slovak page; its Slovenian page puts each label's translation in brackets after it; its Polish,
 * Czech and Turkish pages translate the labels too). Read by its values as a header of rows is: each value the
 * first word after a colon, a level word and a known source before an integer that is the id (see flatRow);
 * the label after that integer is the description's, and the message starts after its colon.
 */
// An ASCII colon needs a blank after it (`X:` in a path or a message does not); a full-width one may have none.
const FLAT_VALUE = /(?::[ \t]+|：[ \t]*)([^\s:：]+)/g;
/** The id's label right before its colon: `ID`, or `ID` with a translation or a few words after it. */
const ID_BEFORE = /\bID\b[^:：]{0,20}$/;
/** The description's label after the id's value: a few words up to a colon. */
const NEXT_LABEL = /^[ \t]*[^:：\s][^:：]{0,39}[:：][ \t]*/;

function flatRow(text: string): Partial<Header> | null {
	const line = recordText(text);
	let level: number | null = null;
	let levelText: string | null = null;
	let provider: string | null = null;
	// Values read since the source's: Windows 2003's copy prints Type, Source, Category, ID in that order, so
	// the id is at most one value (the category's) after the source.
	let sinceSource = 0;
	let sourceLabel = '';
	// Where the label before the current value starts: the end of the previous value.
	let labelFrom = 0;
	for (const m of line.matchAll(FLAT_VALUE)) {
		const v = m[1];
		const valueLabel = line.slice(labelFrom, m.index);
		labelFrom = m.index + m[0].length;
		if (level === null && LEVELS.has(v.toLowerCase())) {
			level = LEVELS.get(v.toLowerCase())!;
			levelText = v;
		} else if (provider === null && providerOf(v) !== null) {
			provider = providerOf(v);
			sourceLabel = valueLabel;
		} else if (isInteger(v)) {
			// The first integer decides: an id after a source, labelled `ID`, or in the id's place after the
			// category under a label of the header's own kind (a language that spells the word out shares it with
			// the source's label: `Źródło zdarzenia` / `Identyfikator zdarzenia`, `Olay Kaynağı` / `Olay Kimliği`);
			// else no flattened header.
			const idLabel = ID_BEFORE.test(line.slice(0, m.index)) || (sinceSource <= 1 && sharesWord(valueLabel, sourceLabel));
			if (provider === null || !idLabel) return null;
			const eventId = idOf(v);
			// No level read (a translation that ran the level's word into the next label, `Źródło zdarzenia
			// błędu:`): a header only when the source logs an event of that id that matters here, as for a
			// header of rows with an id and a source alone.
			if (level === null && eventInfo(provider, eventId) === undefined) return null;
			const rest = line.slice(m.index + m[0].length);
			const label = NEXT_LABEL.exec(rest);
			const message = label ? rest.slice(label[0].length).trim() : '';
			return message === '' ? null : { provider, level, levelText, eventId, message };
		} else if (provider !== null) sinceSource++;
	}
	return null;
}

/** Words of a label (letters, three or more). */
const labelWords = (label: string) => new Set((label.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((w) => w.length >= 3));
/** Whether two labels of one header share a word (`Event Source` and `Event ID`, `Źródło zdarzenia` and `Identyfikator zdarzenia`). */
function sharesWord(a: string, b: string): boolean {
	const words = labelWords(b);
	return [...labelWords(a)].some((w) => words.has(w));
}

/** The index of the first row from `from` on that is not blank, looking a few rows ahead only; -1 when none is. */
function nextFilled(rows: readonly Row[], from: number): number {
	for (let i = from; i < Math.min(rows.length, from + 3); i++) if (rows[i].text.trim() !== '') return i;
	return -1;
}

/**
 * The header that starts at row `k`, or null (see the module comment). A row whose value is an integer
 * right above another header (`Process ID: 680`, then `Event Type: Error` … `Event ID: 12289`) is the last
 * line of the event above, not an id: a header holds one id, and the one below has its own.
 */
function headerAt(rows: readonly Row[], k: number, below = true): Header | null {
	const next = below && isInteger(labelled(rows[k].text)?.value.trim() ?? '') ? nextFilled(rows, k + 1) : -1;
	if (next >= 0 && headerAt(rows, next, false)?.eventId != null) return null;
	const h: Header = { eventId: null, provider: null, date: null, level: null, levelText: null, next: k, message: null, described: false };
	const row = listRow(rows[k].text) ?? inlineRow(rows[k].text) ?? dashedRow(rows[k].text) ?? sentenceRow(rows[k].text) ?? flatRow(rows[k].text);
	if (row) return { ...h, ...row, next: k + 1 };
	let dateOnly: string | null = null;
	let timeOnly: string | null = null;
	let count = 0;
	let i = k;
	for (; i < rows.length && count < 12; i++) {
		const text = rows[i].text;
		if (text.trim() === '') {
			// One blank line may sit between header lines; two end the header.
			if (i + 1 < rows.length && rows[i + 1].text.trim() !== '' && count > 0 && h.message === null) continue;
			break;
		}
		if (/^\s/.test(text) && count > 0) break;
		const lab = labelled(text);
		if (!lab) break;
		const v = lab.value.trim();
		if (v === '') {
			if (count === 0) return null;
			// A label with no value: the Description, when text that is no header line follows. The message's
			// first line may look like one (`Volume Shadow Copy Service error: Unexpected error` when a paste
			// wrapped the rest away): its template is read from the lines after it too.
			const after = nextFilled(rows, i + 1);
			const afterLab = after >= 0 ? labelled(rows[after].text) : null;
			if (after < 0 || !afterLab || isProse(afterLab.value) || templateAt(rows, after)) {
				h.described = true;
				i++;
				break;
			}
			count++;
			continue;
		}
		if (count > 0 && (isProse(v) || matchTemplate(v))) {
			// The colon may be the message's own (`Volume Shadow Copy Service error: Unexpected error …` right
			// under `Event ID: 12289`): the line is the message when only the whole line is a known template.
			h.message = !matchTemplate(v) && matchTemplate(text.trim()) ? text.trim() : v;
			i++;
			break;
		}
		const integer = isInteger(v);
		// Integers on the first two lines (a blank line between or not): the first is the last line of the event
		// above (`Process ID: 680`), and the next event's header (`ID: 8229`) starts on the second.
		if (integer && h.eventId !== null && count === 1) return null;
		if (integer && h.eventId === null) h.eventId = idOf(v);
		else if (isPrintedDate(v) && h.date === null) h.date = v;
		else if (DATE_ONLY.test(v)) dateOnly = v;
		else if (TIME_ONLY.test(v)) timeOnly = v;
		else if (LEVELS.has(v.toLowerCase()) && h.level === null) {
			h.level = LEVELS.get(v.toLowerCase())!;
			h.levelText = v;
		} else if (providerOf(v) && h.provider === null) h.provider = providerOf(v);
		else if (/^\{[0-9a-f-]{36}\}$/i.test(v) || /^(?:writer|coordinator|provider|system provider|requestor)$/i.test(v)) return null;
		// A header opens with one of its values: a `label: value` line of none (`ライター名: Registry Writer`, the
		// last line of the event above, pasted with no blank line before the next header) is no header's.
		else if (count === 0) return null;
		count++;
	}
	if (h.date === null && dateOnly && timeOnly && isPrintedDate(`${dateOnly} ${timeOnly}`)) h.date = `${dateOnly} ${timeOnly}`;
	h.next = i;
	if (h.eventId === null || count < 1) return null;
	const known = [h.provider, h.date, h.level].filter((x) => x !== null).length;
	if (known >= 2) return h;
	// An id and a named source alone (`Event ID: 12293` / `Source: VSS` / `Message: …` cut short by a blog): a
	// header when that source logs an event of that id that matters here, whatever the message's words.
	if (h.provider !== null && eventInfo(h.provider, h.eventId) !== undefined) return h;
	// An id with little else (`Event ID: 547` / `Description:`): a header when its message is an event of that id.
	// The message may go on below the label's line (`hr = 0x…` on the next one), and another event's may follow
	// it (pasted with no blank line): its first lines, one more at a time, must be that event, or be as much of
	// it as a paste left before it cut the line short.
	const message = [...(h.message !== null ? [h.message] : []), ...rows.slice(h.next, h.next + 4).map((r) => r.text)];
	for (let n = 1; n <= message.length; n++) {
		const text = message.slice(0, n).join(' ');
		if (matchTemplate(text)?.eventId === h.eventId || matchCutTemplate(text, h.eventId) !== null) return h;
	}
	return null;
}

/** A rule line between pasted events (`*****`, `-----`, `=====`). */
const SEPARATOR = /^\s*([*=_~#-])\1{2,}\s*$/;
/** A line of punctuation alone (`.`, ` ・` as an author's ellipsis). */
const PUNCTUATION = /^[\s\p{P}\p{S}]+$/u;

interface Draft {
	header: Header | null;
	first: Row;
	message: Row[];
	/** Set once a headerless message's own lines match its template (see complete). */
	complete?: boolean;
}

/** One event read from a paste, or the lines of a block that turned out to be no event. */
interface Parsed {
	events: { e: ReturnType<typeof emptyEvent>; first: Row; date: string | null; template: TemplateMatch | null }[];
	unparsed: number;
}

/**
 * Where a headerless message of a known template starts at row `k` (its first lines joined). The template's
 * own words must begin in row `k`: a row that only matches with the rows after it (the tail of a message a
 * paste wrapped, `GUID>)`) starts nothing.
 */
function templateAt(rows: readonly Row[], k: number): TemplateMatch | null {
	const first = rows[k].text.slice(0, 1000);
	if (first.trim() === '' || labelled(first)?.value === '') return null;
	const window = [first, ...rows.slice(k + 1, k + 4).map((r) => r.text.slice(0, 1000))];
	const starts = (tm: TemplateMatch | null) => tm !== null && tm.at < flat(first).length;
	const tm = matchTemplate(window.join('\n'));
	if (tm === null) return wrappedAt(rows, k, window.length, starts);
	if (starts(tm)) return tm;
	// Another event's template further down (pasted with no blank line) may hide this row's: fewer rows.
	for (let n = 1; n < window.length; n++) {
		const shorter = matchTemplate(window.slice(0, n).join('\n'));
		if (starts(shorter)) return shorter;
	}
	return null;
}

/**
 * A message a page wrapped at a narrow width (a vendor's copy: `…on a Shadow` / `Copy Provider` / `{GUID}. Routine
 * details` / `RevertToSnapshot` / `[hr = 0x…`), or whose structure comes after blank rows (12362's LUN descriptor
 * under its sentence), reaches what its template asks for further down than templateAt's first rows: up to
 * WRAPPED_ROWS rows that say something, over single blank rows, up to two blank rows or another VSS message. Only
 * when those first rows found no template at all, and the row opens as VSS's messages do (its prefix) or names a
 * LUN (12362's word, untranslated): every other row of a paste costs nothing more.
 */
function wrappedAt(rows: readonly Row[], k: number, seen: number, starts: (tm: TemplateMatch | null) => boolean): TemplateMatch | null {
	const first = rows[k].text.slice(0, 1000);
	if (!opensVssMessage(first.slice(0, 200)) && !LUN.test(first)) return null;
	const paragraph = [first];
	let said = 1;
	for (let j = k + 1; j < rows.length && said < WRAPPED_ROWS; j++) {
		const text = rows[j].text.slice(0, 1000);
		const blank = text.trim() === '';
		if (blank && (j + 1 >= rows.length || rows[j + 1].text.trim() === '')) break;
		if (!blank && opensVssMessage(text.slice(0, 200))) break;
		paragraph.push(text);
		if (!blank) said++;
	}
	if (paragraph.length <= seen) return null;
	const wrapped = matchTemplate(paragraph.join('\n'));
	return starts(wrapped) ? wrapped : null;
}

/** Rows that say something a wrapped message's head may take before what its template asks for (see wrappedAt). */
const WRAPPED_ROWS = 8;
const LUN = /\bLUN\b/u;

/** Reads the events of a paste (see the module comment). */
export function parsePasted(lines: readonly Row[]): Parsed {
	const rows = rowsOf(lines);
	const out: Parsed = { events: [], unparsed: 0 };
	let cur: Draft | null = null;
	const close = () => {
		if (cur) finish(cur, out);
		cur = null;
	};
	for (let k = 0; k < rows.length;) {
		const row = rows[k];
		if (row.text.trim() === '') {
			if (cur) cur.message.push(row);
			k++;
			continue;
		}
		const h = headerAt(rows, k);
		if (h) {
			close();
			cur = { header: h, first: row, message: h.message !== null ? [{ text: h.message, lineNo: rows[h.next - 1].lineNo }] : [] };
			k = h.next;
			continue;
		}
		if (SEPARATOR.test(row.text)) {
			close();
			k++;
			continue;
		}
		const startsHere = (cur === null || (hasMessage(cur) && complete(cur))) && templateAt(rows, k) !== null;
		if (startsHere) {
			close();
			cur = { header: null, first: row, message: [row] };
		} else if (cur) {
			cur.message.push(row);
		} else if (!PUNCTUATION.test(row.text)) {
			out.unparsed++;
		}
		k++;
	}
	close();
	return out;
}

/** A line that says something (not blank, not punctuation alone). */
const isText = (l: string) => l.trim() !== '' && !PUNCTUATION.test(l);
const hasMessage = (d: Draft) => d.message.some((r) => r.text.trim() !== '');
/**
 * Whether a draft's message is whole enough for another event to start after it: one under a header is, a
 * headerless one once its own lines match its template. Until then the next lines are its own, wrapped by
 * the paste: the template found at its start looked ahead into them, and would match again from each of them.
 */
function complete(d: Draft): boolean {
	if (d.header !== null || d.complete) return true;
	d.complete =
		matchTemplate(
			d.message
				.slice(0, 8)
				.map((r) => r.text)
				.join('\n'),
		) !== null;
	return d.complete;
}

/** Turns a draft into an event, or counts its lines unparsed when it is none. */
function finish(d: Draft, out: Parsed): void {
	const lines = trimComments(d.message.map((r) => r.text));
	out.unparsed += lines.dropped.filter(isText).length;
	while (lines.kept.length > 0 && lines.kept[lines.kept.length - 1].trim() === '') lines.kept.pop();
	if (lines.kept.length > 0) lines.kept[0] = lines.kept[0].replace(/^\s*["“”]/, '');
	const h = d.header;
	const head = lines.kept.slice(0, 8).join('\n');
	// A message cut short under a header with its id: the template of that id it is as far as it goes.
	const tm = lines.kept.length > 0 ? (matchTemplate(head) ?? (h !== null && h.eventId !== null ? matchCutTemplate(head, h.eventId) : null)) : null;
	if (!h && !tm) {
		out.unparsed += lines.kept.filter(isText).length;
		return;
	}
	const e = emptyEvent();
	e.provider = h?.provider ?? tm?.provider ?? null;
	e.eventId = h?.eventId ?? (tm && (!h?.provider || h.provider.toLowerCase() === tm.provider.toLowerCase()) ? tm.eventId : null);
	// Pasted without its level, an event that is always logged at one (its documentation's) still states it.
	e.level = h?.level ?? tm?.level ?? (e.provider !== null && e.eventId !== null ? (eventInfo(e.provider, e.eventId)?.level ?? null) : null);
	e.levelText = h?.levelText ?? null;
	e.printedTime = h?.date ?? null;
	e.message = lines.kept.length > 0 ? reflowContext(lines.kept).join('\n') : null;
	out.events.push({ e, first: d.first, date: h?.date ?? null, template: tm });
}

/**
 * Drops an author's note after an event: a paragraph of prose (no `label: value` line, no HRESULT) after
 * the event's `label: value` block, so that notes never become part of a message.
 */
function trimComments(lines: readonly string[]): { kept: string[]; dropped: string[] } {
	const paragraphs: string[][] = [[]];
	for (const l of lines) {
		if (l.trim() === '') paragraphs.push([l]);
		else paragraphs[paragraphs.length - 1].push(l);
	}
	let seenBlock = false;
	let cut = paragraphs.length;
	for (let p = 0; p < paragraphs.length; p++) {
		const filled = paragraphs[p].filter((l) => l.trim() !== '');
		if (filled.filter((l) => labelled(l)).length >= 2) seenBlock = true;
		else if (seenBlock && p > 0 && filled.length > 0 && filled.every((l) => !labelled(l) && !/0x[0-9a-f]{8}/i.test(l) && !PUNCTUATION.test(l))) {
			cut = p;
			break;
		}
	}
	return { kept: paragraphs.slice(0, cut).flat(), dropped: paragraphs.slice(cut).flat() };
}

const EN_8193 = `Volume Shadow Copy Service error: Unexpected error calling routine CoCreateInstance.  hr = 0x800401fb, Object is not registered.

Operation:
   Subscribing Writer

Context:
   Writer Class Id: {be000cbe-11fe-4426-9c58-531aa6355fc4}
   Writer Name: ASR Writer
   Writer Instance ID: {5c8b67a8-a665-45e5-9f5c-45382f136693}`;

/** Japanese 8229 as a support blog pasted it: the message alone, the context block with no indentation. */
const JA_8229 = `エラー 0x800423f2, Freeze および Thaw イベントの間にライターがタイムアウトしました。
により、VSS ライターはイベントを拒否しました。イベントの処理中に VSS ライターがライター コンポーネントに加えた変更は、要求側では利用できません。
VSS ライターをホストしているアプリケーションからの関連イベントについては、イベント ログを参照してください。

操作:
解凍イベント

コンテキスト:
実行コンテキスト: Writer
ライター クラス ID: {afbab4a2-367d-4d15-a586-71dbb18f8485}
ライター名: Registry Writer`;

const SHORT_HEADER = `ID: 8229
Level: Warning
Source: VSS
Message: A VSS writer has rejected an event with error 0x800423f4, The writer experienced a non-transient error. If the backup process is retried, the error is likely to reoccur.

Changes that the writer made to the writer components while handling the event will not be available to the requester.

Operation:
PostSnapshot Event

Context:
Execution Context: Writer
Writer Class Id: {b2014c9e-8711-4c5c-a5a9-3cf384484757}
Writer Name: NTDS
Writer Instance ID: {d170b355-a523-47ba-a5c8-732244f70e75}
Command Line: C:\\Windows\\system32\\lsass.exe
Process ID: 680`;

/** Windows 2003 layout in Japanese, every line its own paragraph, events between rule lines. */
const JA_2003 = `**************************************************

イベントの種類: 警告

イベント ソース: VolSnap

イベント カテゴリ: なし

イベント ID: 24

説明:

X: のシャドウ コピーのシャドウ コピーの記憶域を拡大するためのディスク領域がボリューム X:に十分ありませんでした。

**************************************************

イベントの種類: エラー

イベント ソース: VolSnap

イベント カテゴリ: なし

イベント ID: 35

説明:

シャドウ コピーの記憶域を拡張できなかったためにボリューム X: のシャドウ コピーが中止しました。

**************************************************`;

const EN_2003 = `Event Type:	Error
Event Source:	VSS
Event Category:	None
Event ID:	12289
Date:		3/14/2008
Time:		11:02:45 PM
User:		N/A
Computer:	FS01
Description:
Volume Shadow Copy Service error: Unexpected error DeviceIoControl(\\\\?\\fdc#generic_floppy_drive#6&2a2f3b6b&0&0#{53f5630d-b6bf-11d0-94f2-00a0c91efb8b} - 00000000000002F8,0x00560000,0000000000000000,0,00000000002E3C20,4096,[0]).  hr = 0x80070001, Incorrect function.`;

/** Windows events pasted without a full Event Viewer header, in any display language. */
export const windowsEventsPasted = {
	id: 'windows-events-pasted',
	title: 'Windows events (pasted messages, short headers)',
	url: 'https://learn.microsoft.com/windows/win32/wes/windows-event-log',
	origin: 'guest-windows',
	kinds: WINDOWS_EVENT_KINDS,
	variants: [
		{ name: 'message-only', samples: [EN_8193, JA_8229] },
		{ name: 'short-header', samples: [SHORT_HEADER] },
		{ name: 'windows-2003', samples: [EN_2003, JA_2003] },
	],

	detect(head) {
		const parsed = parsePasted(head.map((text, i) => ({ text, lineNo: i + 1 })));
		const first = parsed.events[0];
		if (!first) return null;
		const what = first.template ? `${first.template.provider} ${first.template.eventId ?? ''} (${first.template.shape})`.replace(' (', first.template.eventId === null ? '(' : ' (') : `event ${first.e.eventId}`;
		const header = first.e.printedTime !== null || first.e.levelText !== null || parsed.events.some((x) => x.date !== null || x.e.levelText !== null);
		return {
			variant: header ? 'short-header' : 'message-only',
			reason: `${parsed.events.length} event(s) from line ${first.first.lineNo}: ${header ? 'a short event header, then ' : 'no event header; '}the message of ${what}`,
		};
	},

	reader(path) {
		return new PastedReader(path);
	},
} satisfies FormatDefinition;

class PastedReader implements LineReader {
	private readonly held = new HeldLines();

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		this.held.push(text, lineNo);
	}

	end(): ReadResult {
		const parsed = parsePasted(this.held.lines);
		const dates = new PrintedDates();
		const records: LogRecord[] = [];
		for (const { e, first, date } of parsed.events) {
			// A message read alone may name no event id (Hyper-V-VMMS, ESENT), never no provider.
			if (!isQuiesceRelevant(e) || e.provider === null) continue;
			const rec = eventRecord({ ...e, provider: e.provider }, { path: this.path, line: first.lineNo }, first.text);
			records.push(rec);
			dates.stamp(rec, date);
		}
		const problems = [...dates.settle(), ...this.held.problems('as pasted events')];
		return { facts: { records }, unparsedLines: parsed.unparsed + this.held.dropped, problems, clock: dates.clock() };
	}
}
