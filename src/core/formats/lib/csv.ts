import type { LogRecord } from '../../model/records';
import type { LineReader, ReadResult } from './format';
import { RecordFold } from './fold';

/**
 * RFC 4180 CSV shared by every CSV format (PowerShell Export-Csv, vSphere Client exports, Event Viewer
 * "Save as CSV"). Push-based: lines go in one at a time and a record comes out when it is complete, so
 * a quoted field holding line breaks (an event message, an error text) spans lines without the file
 * ever being held whole.
 */

/** One CSV record: its fields and the 1-based lines it spans. */
export interface CsvRecord {
	fields: string[];
	firstLine: number;
	lastLine: number;
	/** The raw text of the first line (evidence). */
	firstText: string;
	/** A quote RFC 4180 does not allow (`ab"c`, `"a"b`), a quoted field left open at the end, or a record over the size cap. */
	malformed: boolean;
}

/** A record longer than this (UTF-16 code units) is cut off, so a quote never closed cannot eat memory. */
const MAX_RECORD_CHARS = 1024 * 1024;

/** Splits lines into CSV records; a quoted field continues across line breaks, which it keeps as `\n`. */
export class CsvTokenizer {
	private fields: string[] = [];
	private field = '';
	/** Inside a quoted field at the end of the previous line. */
	private open = false;
	private firstLine = 0;
	private firstText = '';
	private malformed = false;
	private chars = 0;

	constructor(private readonly delimiter: string) {}

	/** One line without its terminator; the record it completes, or null while a quoted field goes on. */
	line(text: string, lineNo: number): CsvRecord | null {
		if (this.open) {
			this.field += '\n';
		} else {
			this.fields = [];
			this.field = '';
			this.malformed = false;
			this.chars = 0;
			this.firstLine = lineNo;
			this.firstText = text;
		}
		this.chars += text.length + 1;
		let i = 0;
		// Where the line starts: inside a quoted field carried over, or at the start of a field.
		let quoted = this.open;
		let fieldStart = !this.open;
		while (i <= text.length) {
			if (quoted) {
				const q = text.indexOf('"', i);
				if (q < 0) {
					this.field += text.slice(i);
					this.open = true;
					return this.chars > MAX_RECORD_CHARS ? this.finish(lineNo, true) : null;
				}
				this.field += text.slice(i, q);
				if (text[q + 1] === '"') {
					this.field += '"';
					i = q + 2;
					continue;
				}
				quoted = false;
				i = q + 1;
				if (i < text.length && text[i] !== this.delimiter) this.malformed = true;
				continue;
			}
			if (fieldStart && text[i] === '"') {
				quoted = true;
				fieldStart = false;
				i++;
				continue;
			}
			const d = text.indexOf(this.delimiter, i);
			const stop = d < 0 ? text.length : d;
			const chunk = text.slice(i, stop);
			if (chunk.includes('"')) this.malformed = true;
			this.field += chunk;
			if (d < 0) break;
			this.fields.push(this.field);
			this.field = '';
			fieldStart = true;
			i = d + 1;
		}
		this.open = false;
		return this.finish(lineNo, false);
	}

	/** The record a quoted field left open at the end of the file, if any (malformed). */
	end(lastLine: number): CsvRecord | null {
		return this.open ? this.finish(lastLine, true) : null;
	}

	private finish(lineNo: number, cut: boolean): CsvRecord {
		this.fields.push(this.field);
		this.open = false;
		return { fields: this.fields, firstLine: this.firstLine, lastLine: lineNo, firstText: this.firstText, malformed: this.malformed || cut };
	}
}

/**
 * The delimiter of a header line: `,` unless `;` (Export-Csv -UseCulture in French/German locales) or a
 * tab (Event Viewer "Text (Tab delimited)") occurs more often outside quotes.
 */
export function sniffDelimiter(header: string): string {
	const counts = new Map<string, number>([
		[',', 0],
		[';', 0],
		['\t', 0],
	]);
	let quoted = false;
	for (const ch of header) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
	}
	let best = ',';
	for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
	return best;
}

/** `#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord`: Windows PowerShell Export-Csv's first line. */
const TYPE_LINE = /^#TYPE\s+(\S+)\s*$/;

/** What the first lines of a CSV file say: PowerShell type name, header and the rows that follow. */
export interface CsvHead {
	typeName: string | null;
	header: string[];
	rows: string[][];
}

/** Reads the type line, header and complete rows of a file's first lines (for detect()); null when there is no header. */
export function readCsvHead(head: readonly string[]): CsvHead | null {
	let typeName: string | null = null;
	let tokenizer: CsvTokenizer | null = null;
	let header: string[] | null = null;
	const rows: string[][] = [];
	head.forEach((text, i) => {
		if (!tokenizer) {
			if (text.trim() === '') return;
			const t = TYPE_LINE.exec(text);
			if (t && typeName === null) {
				typeName = t[1];
				return;
			}
			tokenizer = new CsvTokenizer(sniffDelimiter(text));
		}
		const rec = tokenizer.line(text, i + 1);
		if (!rec || rec.malformed) return;
		if (!header) header = rec.fields;
		else if (!isBlank(rec)) rows.push(rec.fields);
	});
	return header ? { typeName, header, rows } : null;
}

const isBlank = (rec: CsvRecord): boolean => rec.fields.length === 1 && rec.fields[0].trim() === '';

/** Header name as compared with aliases: `Start Time`, `StartTime` and `start_time` read alike. */
const headerKey = (name: string): string => name.toLowerCase().replace(/[\s._-]/g, '');

/**
 * Column index per canonical name, from a header and the aliases each canonical name accepts, best alias
 * first (TaskInfo has both `Entity`, an object, and `EntityName`).
 */
export function mapColumns<K extends string>(header: readonly string[], aliases: Readonly<Record<K, readonly string[]>>): Partial<Record<K, number>> {
	const keys = header.map(headerKey);
	const out: Partial<Record<K, number>> = {};
	for (const name of Object.keys(aliases) as K[]) {
		const i = aliases[name].map((a) => keys.indexOf(a)).find((x) => x >= 0);
		if (i !== undefined) out[name] = i;
	}
	return out;
}

/** How a CSV format reads rows once it has seen the header. */
export interface CsvRowReader {
	/** The row widths (field counts) this header's rows have; other rows count as unparsed. */
	widths: readonly number[];
	/** A row of the table: its record, null when the row is understood but matters not, false when it is not understood (unparsed). */
	row(fields: readonly string[], rec: CsvRecord): LogRecord | null | false;
	/** After the last row: settles deferred times; the problems and the clock the file showed. */
	finish(): { problems: string[]; clock: ReadResult['clock'] };
}

/**
 * LineReader for a CSV table: the optional `#TYPE` line, the header, then rows. Lines of a malformed
 * row, or of a row whose width does not fit the header, are counted unparsed; blank lines are parsed.
 */
export class CsvTableReader implements LineReader {
	private tokenizer: CsvTokenizer | null = null;
	private rows: CsvRowReader | null = null;
	/** The header was read but is not one this format reads: every row is unparsed. */
	private refused = false;
	private typeSeen = false;
	private unparsed = 0;
	private lastLine = 0;
	private readonly records = new RecordFold();
	private readonly problems: string[] = [];

	/** `start` builds the row reader from the header; null if the header is not one the format reads. */
	constructor(private readonly start: (header: readonly string[]) => CsvRowReader | null) {}

	line(text: string, lineNo: number): void {
		this.lastLine = lineNo;
		if (!this.tokenizer) {
			if (text.trim() === '') return;
			if (!this.typeSeen && TYPE_LINE.test(text)) {
				this.typeSeen = true;
				return;
			}
			this.tokenizer = new CsvTokenizer(sniffDelimiter(text));
		}
		const rec = this.tokenizer.line(text, lineNo);
		if (rec) this.take(rec);
	}

	private take(rec: CsvRecord): void {
		const span = rec.lastLine - rec.firstLine + 1;
		if (isBlank(rec)) return;
		if (!this.rows && !this.refused) {
			this.rows = rec.malformed ? null : this.start(rec.fields);
			if (this.rows) return;
			this.refused = true;
			this.problems.push(`Line ${rec.firstLine} is not a header this format reads; the table was not read.`);
		}
		if (!this.rows || rec.malformed || !this.rows.widths.includes(rec.fields.length)) {
			this.unparsed += span;
			return;
		}
		const r = this.rows.row(rec.fields, rec);
		if (r === false) this.unparsed += span;
		else if (r) this.records.push(r);
	}

	end(): ReadResult {
		const open = this.tokenizer?.end(this.lastLine);
		if (open) {
			this.problems.push(`The quoted field that starts on line ${open.firstLine} is never closed: the file looks truncated.`);
			this.unparsed += open.lastLine - open.firstLine + 1;
		}
		const done = this.rows?.finish() ?? { problems: [], clock: null };
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: [...this.problems, ...done.problems], clock: done.clock };
	}
}

/** A .NET type name where Export-Csv met a nested object (`VMware.Vim.VmEventArgument`, `System.Collections…`). */
const TYPE_NAME = /^(?:VMware|System)\.[\w.`[\]]+$/;

/** A cell's value, trimmed; null when the column is absent or empty, or holds only a type name. */
export function cellOf<K extends string>(fields: readonly string[], columns: Partial<Record<K, number>>, name: K): string | null {
	const i = columns[name];
	const v = i === undefined ? '' : (fields[i] ?? '').trim();
	return v === '' || TYPE_NAME.test(v) ? null : v;
}

/** The integer in a cell, or null. */
export const intCell = (v: string | null): number | null => (v !== null && /^\d{1,15}$/.test(v) ? Number(v) : null);
