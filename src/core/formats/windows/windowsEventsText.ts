import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { isPrintedDate, PrintedDates } from '../lib/printedDates';
import { emptyEvent, EVENT_WITH_NS, EventSplitter, eventRecord, isIdentified, isProse, isQuiesceRelevant, LEVELS, parseEventXml, SAMPLE_8229_DATA, sample8229Message, type WindowsEvent, WINDOWS_EVENT_KINDS } from './windowsEvents';
import { RecordFold } from '../lib/fold';

/**
 * Event Viewer "Copy → Copy details as text" in any display language, one or more events pasted into a
 * file. Labels are translated (`Log Name:`, `ログの名前:`, `Nom du journal :`), so a block is recognised by
 * its structure, never its words:
 *
 * - a header of `label: value` lines, none indented, each split at its first colon (`:` or `：`), in the
 *   fixed order Log Name, Source, Date, Event ID, Task Category, Level, Keywords, User, Computer;
 * - a block starts where four such lines have a non-empty log name and source, a value in the third slot
 *   that parses as a date, and an integer 0–65535 in the fourth (the Event ID);
 * - the header ends after nine label lines, at a line that is not `label: value`, or at a label with no
 *   value after which text follows (the Description label); the description runs to the next block or
 *   to the `Event Xml:` part: a label line followed by an `<Event xmlns='…/events/event'>` element, read
 *   with the XML reader's event parser when present. (A copy always has the nine header lines, some with
 *   empty values; in a header someone shortened by hand, a first description line shaped like
 *   `label: value` is taken for a header line unless its value is prose after a label with no value.)
 *
 * Records: `windows-event` (fields in windowsEvents.ts), `source.line` = the block's first line. With an
 * Event Xml part, time, level, data, qualifiers and record id come from the XML (`time` UTC); without it,
 * the Date is local time in the exporter's locale (`local`, day/month order settled per file, printed text
 * in `printedTime`), `levelText` is the printed level and `data` is null. `message` is the description.
 *
 * Lines: header, description and Event Xml lines are parsed; text before the first block or between an
 * Event Xml part and the next block (other than blank lines) is unparsed.
 */

interface Labelled {
	label: string;
	value: string;
}

/** Header labels are short and never indented. */
const MAX_LABEL_CHARS = 40;
/** Log Name … Computer. */
const HEADER_SLOTS = 9;
/** Description characters kept per block. */
const MAX_DESCRIPTION_CHARS = 64 * 1024;

function labelled(line: string): Labelled | null {
	if (line === '' || /^\s/.test(line)) return null;
	const i = line.search(/[:：]/);
	if (i < 1 || i > MAX_LABEL_CHARS) return null;
	const label = line.slice(0, i).trim();
	return label === '' ? null : { label, value: line.slice(i + 1).trim() };
}

/** Whether four lines open a block: log name, source, a date, an integer event id (see the module comment). */
function opensBlock(lines: readonly string[]): boolean {
	const l = lines.map(labelled);
	if (l.length < 4 || l.some((x) => x === null)) return false;
	const [log, source, date, id] = l as Labelled[];
	return log.value !== '' && source.value !== '' && isPrintedDate(date.value) && /^\d{1,5}$/.test(id.value) && Number(id.value) <= 65535;
}

const EN = `Log Name:      Application
Source:        VSS
Date:          5/22/2024 12:30:49 PM
Event ID:      8229
Task Category: None
Level:         Warning
Keywords:      Classic
User:          N/A
Computer:      EXCH-MBX-02.corp.example
Description:
${sample8229Message(SAMPLE_8229_DATA)}Event Xml:
<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
  <System>
    <Provider Name="VSS" />
    <EventID Qualifiers="0">8229</EventID>
    <Level>3</Level>
    <TimeCreated SystemTime="2024-05-22T19:30:49.811000000Z" />
    <EventRecordID>220431</EventRecordID>
    <Channel>Application</Channel>
    <Computer>EXCH-MBX-02.corp.example</Computer>
  </System>
  <EventData>
    <Data>${SAMPLE_8229_DATA[0]}</Data>
    <Data>${SAMPLE_8229_DATA[1]}</Data>
  </EventData>
</Event>`;

/** Japanese labels and date as Event Viewer prints them (verbatim shape from public Japanese support blogs). */
const JA = `ログの名前:         Application
ソース:           VSS
日付:            2022/07/22 10:15:03
イベント ID:       8229
タスクのカテゴリ:      なし
レベル:           警告
キーワード:         クラシック
ユーザー:          N/A
コンピューター:       SQL-JP-01.corp.example
説明:
エラー 0x800423f2, The writer's timeout expired between the Freeze and Thaw events.
 により、VSS ライターはイベントを拒否しました。イベントの処理中に VSS ライターがライター コンポーネントに加えた変更は、要求側では利用できません。 VSS ライターをホストしているアプリケーションからの関連イベントについては、イベント ログを参照してください。

Operation:
   Freeze Event

Context:
   Execution Context: Writer
   Writer Class Id: {a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}
   Writer Name: SqlServerWriter
   Writer Instance Name: SQL Server 2019:SQLWriter
   Writer Instance ID: {5c8e2f17-93ab-4d6e-b1f4-7a20c9d83e65}
   Command Line: "C:\\Program Files\\Microsoft SQL Server\\90\\Shared\\sqlwriter.exe"
   Process ID: 3312
`;

/**
 * French labels (a space before the colon, long labels without padding), day-first date. The message
 * joins the verbatim French 12289 wording (openzfsonwindows/ZFSin#354) with the floppy-drive routine of
 * the well-known English 12289 (formats.md §7.2).
 */
const FR = `Nom du journal :Application
Source :       VSS
Date :         14/11/2024 23:01:07
ID de l’événement :12289
Catégorie de la tâche :Aucun
Niveau :       Erreur
Mots clés :    Classique
Utilisateur :  N/A
Ordinateur :   FS-PAR-02.corp.example
Description :
Erreur du service de cliché instantané des volumes : erreur inattendue DeviceIoControl(\\\\?\\fdc#generic_floppy_drive#6&2a2f3b6b&0&0#{53f5630d-b6bf-11d0-94f2-00a0c91efb8b} - 00000000000002F8,0x00560000,0000000000000000,0,00000000002E3C20,4096,[0]). hr = 0x80070001, Fonction incorrecte.

Opération :
   Traitement de PreFinalCommitSnapshots

Contexte :
   Contexte d’exécution: System Provider
`;

/** Event Viewer's text copy of events, in any display language. */
export const windowsEventsText = {
	id: 'windows-events-text',
	title: 'Windows events (Event Viewer text copy)',
	url: 'https://learn.microsoft.com/windows/win32/wes/windows-event-log',
	origin: 'guest-windows',
	kinds: WINDOWS_EVENT_KINDS,
	variants: [
		{ name: 'en-with-event-xml', samples: [EN] },
		{ name: 'ja', samples: [JA] },
		{ name: 'fr', samples: [FR] },
	],

	detect(head) {
		for (let i = 0; i + 4 <= head.length; i++) {
			if (!opensBlock(head.slice(i, i + 4))) continue;
			const xml = head.some((l) => EVENT_WITH_NS.test(l));
			return {
				variant: xml ? 'with-event-xml' : 'description-only',
				reason: `an event block at line ${i + 1}: log and source, a date in the third line, an integer event id in the fourth`,
			};
		}
		return null;
	},

	reader(path) {
		return new EventsTextReader(path);
	},
} satisfies FormatDefinition;

interface Line {
	text: string;
	lineNo: number;
}

interface Block {
	header: string[];
	firstLine: number;
	firstText: string;
	description: string[];
	/** Characters kept in `description`; past MAX_DESCRIPTION_CHARS the rest is read but not kept. */
	chars: number;
	xml: WindowsEvent | null;
}

type State = 'outside' | 'header' | 'description' | 'xml';

/**
 * Push-based block reader. Up to four lines wait in `pending` while it is undecided whether they open a
 * new block (a description may hold `label: value` lines too).
 */
class EventsTextReader implements LineReader {
	private readonly pending: Line[] = [];
	private readonly records = new RecordFold();
	private readonly problems: string[] = [];
	private readonly dates = new PrintedDates();
	private splitter = new EventSplitter();
	private state: State = 'outside';
	private block: Block | null = null;
	private unparsed = 0;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		this.pending.push({ text, lineNo });
		this.drain(false);
	}

	private drain(final: boolean): void {
		while (this.pending.length > 0) {
			const mayOpen = (this.state === 'outside' || this.state === 'description') && labelled(this.pending[0].text)?.value;
			if (mayOpen) {
				if (this.pending.length < 4 && !final) return;
				if (opensBlock(this.pending.slice(0, 4).map((l) => l.text))) {
					this.open(this.pending.splice(0, 4));
					continue;
				}
			}
			this.handle(this.pending.shift()!);
		}
	}

	private open(lines: Line[]): void {
		this.close();
		this.block = { header: lines.map((l) => labelled(l.text)!.value), firstLine: lines[0].lineNo, firstText: lines[0].text, description: [], chars: 0, xml: null };
		this.state = 'header';
	}

	private handle(l: Line): void {
		const b = this.block;
		if (this.state === 'xml' && b) return this.xmlLine(b, l);
		if (this.state === 'header' && b) return this.headerLine(b, l);
		if (this.state === 'description' && b) {
			if (EVENT_WITH_NS.test(l.text) && l.text.trim().startsWith('<Event')) {
				// The label line just before (`Event Xml:`, `イベント XML:`) belongs to this part, not the description.
				const last = b.description[b.description.length - 1];
				if (last !== undefined && labelled(last)?.value === '') b.description.pop();
				this.state = 'xml';
				return this.xmlLine(b, l);
			}
			this.describe(b, l.text);
			return;
		}
		if (l.text.trim() !== '') this.unparsed++;
	}

	private headerLine(b: Block, l: Line): void {
		const lab = labelled(l.text);
		// A label with no value, then a `label: value` line whose value is prose (`BackupVirtualDeviceFile::
		// RequestDurableMedia: Flush failure on …`): in a header shortened by hand that label was the Description.
		const describedAbove = lab !== null && b.header.length > 4 && b.header[b.header.length - 1] === '' && isProse(lab.value);
		if (lab && b.header.length < HEADER_SLOTS && !describedAbove) {
			b.header.push(lab.value);
			return;
		}
		this.state = 'description';
		if (!lab || describedAbove) {
			// A short header whose last label had no value: that label was the Description.
			if (b.header.length < HEADER_SLOTS && b.header[b.header.length - 1] === '') b.header.pop();
			this.describe(b, l.text);
		} else if (lab.value !== '') {
			this.describe(b, lab.value);
		}
	}

	/** Keeps a description line, up to the cap: event messages are a few KiB; a paste gone wrong can be megabytes. */
	private describe(b: Block, text: string): void {
		b.chars += text.length + 1;
		if (b.chars <= MAX_DESCRIPTION_CHARS) b.description.push(text);
		else if (b.chars - text.length - 1 <= MAX_DESCRIPTION_CHARS) this.problems.push(`The description of the block at line ${b.firstLine} is longer than ${MAX_DESCRIPTION_CHARS / 1024} KiB; the rest is not kept.`);
	}

	private xmlLine(b: Block, l: Line): void {
		for (const ev of this.splitter.push(l.text, l.lineNo).events) {
			const e = ev.xml === null ? { error: 'it is larger than 1 MiB' } : parseEventXml(ev.xml);
			if ('error' in e) this.problems.push(`The Event Xml part at line ${ev.firstLine} cannot be read (${e.error}); the block keeps its text only.`);
			else b.xml = e;
			this.close();
		}
	}

	private close(): void {
		const b = this.block;
		this.block = null;
		if (!b) return;
		if (this.state === 'xml' && this.splitter.open) {
			this.problems.push(`The Event Xml part of the block at line ${b.firstLine} is cut off: the file looks truncated.`);
			this.splitter = new EventSplitter();
		}
		this.state = 'outside';
		const e = b.xml ?? emptyEvent();
		const [logName, source, date, id, , levelText, , , computer] = b.header;
		if (!b.xml) {
			e.channel = logName;
			e.provider = source;
			e.eventId = Number(id);
			e.computer = computer ?? null;
		}
		e.levelText = levelText ?? null;
		// Without the XML part the printed level is all there is (an SQLVDI abort has no HRESULT to show it failed).
		if (e.level === null && levelText) e.level = LEVELS.get(levelText.trim().toLowerCase()) ?? null;
		e.printedTime = date;
		while (b.description.length > 0 && b.description[b.description.length - 1].trim() === '') b.description.pop();
		e.message = b.description.length > 0 ? b.description.join('\n') : null;
		if (!isIdentified(e) || !isQuiesceRelevant(e)) return;
		const rec = eventRecord(e, { path: this.path, line: b.firstLine }, b.firstText);
		this.records.push(rec);
		if (!b.xml) this.dates.stamp(rec, date);
	}

	end(): ReadResult {
		this.drain(true);
		this.close();
		const problems = [...this.problems, ...this.dates.settle()];
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems, clock: this.dates.clock() };
	}
}
