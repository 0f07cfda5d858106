import { eventInfo } from '../../knowledge/events';
import type { LogRecord } from '../../model/records';
import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { hasGluedDate, localStamp } from '../lib/stamps';
import { emptyEvent, eventRecord, WINDOWS_EVENT_KINDS } from '../windows/windowsEvents';
import { RecordFold } from '../lib/fold';

/**
 * SQL Server's error log (`ERRORLOG`, `ERRORLOG.1` … in the instance's `MSSQL\Log` folder), as a file or pasted
 * from SSMS or a support article: `2022-05-29 15:55:42.89 Backup      Error: 18210, Severity: 16, State: 1.`,
 * then the error's text on the next line with the same stamp and source column (`Backup`, `spid53`, `Server`),
 * local time. An error line is three `label: number` pairs whatever the install's language (`Error: 3041,
 * Severity: 16, State: 1.`, `エラー: 3041、重大度: 16、状態: 1。`): the first number is the error, which SQL Server
 * also logs to the Application log as event `MSSQLSERVER` of that id, so the entry becomes the
 * `windows-event` record that event would be (provider `MSSQLSERVER`, level 2, message the text line) when the
 * error is one that matters to a snapshot backup (knowledge/events.ts: 3041, 18210 …). Every other stamped
 * line is the log's own (parsed, no record); a line without a stamp is not the log's (unparsed). A log with no
 * error line (a snapshot backup's `I/O is frozen` / `I/O was resumed` pairs) is still recognised by the
 * layout of its entries: centiseconds and the source padded to its column, whatever the words. Entries a
 * copy ran together on one line (the line break before a stamp lost) are read apart.
 * `local` is the stamp; `time` stays null (the log states no offset).
 */

const STAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\.(\d{2,3}) (\S{1,24})\s{1,24}(\S.*)$/;
/** `Error: 18210, Severity: 16, State: 1.` in any language: three labelled numbers, the error first. */
const ERROR = /^[^:：,，、\d]{1,24}[:：]\s{0,2}(\d{1,6})[,，、]\s{0,2}[^:：,，、\d]{1,24}[:：]\s{0,2}\d{1,2}[,，、]\s{0,2}[^:：,，、\d]{1,24}[:：]\s{0,2}\d{1,3}[.。]?$/u;
/**
 * An entry in ERRORLOG's own layout: a stamp with centiseconds, then the source (`spid71`, `Server`, `Backup`)
 * padded to a 12-character column, so the text starts at column 35 (a longer source: one blank after it).
 */
const LAYOUT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{2} (\S{1,24}) +(?=\S)/;
const SOURCE_COLUMN_END = 35;
const inLayout = (text: string): boolean => {
	const m = LAYOUT.exec(text);
	return m !== null && (m[0].length === SOURCE_COLUMN_END || (m[1].length >= SOURCE_COLUMN_END - 23 && m[0].length === 23 + m[1].length + 1));
};
/** Entries in that layout that make a log without error lines (I/O frozen and resumed, backups done) ERRORLOG. */
const MIN_LAYOUT_ENTRIES = 3;

/** SQL Server's own event source: a named instance logs as `MSSQL$<name>` too, which the rules read alike. */
export const PROVIDER = 'MSSQLSERVER';

interface Stamped {
	parts: [number, number, number, number, number, number, number];
	source: string;
	rest: string;
}

/**
 * A stamp inside a line, where a copy lost the line break before it (`… State: 1.2010-12-06 03:39:15.280 Backup
 * BACKUP failed …`, as a blog printed two entries).
 */
const EMBEDDED_STAMP = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{2,3} \S`;
const EMBEDDED = new RegExp(String.raw`(?<=\S)(?=${EMBEDDED_STAMP})`, 'g');

/**
 * EMBEDDED's stamp found once: split() tries its lookbehind at every position, 2.5× the cost on lines with none.
 * Asked only of a line with a date glued to a sign (hasGluedDate, a native search: HAS_EMBEDDED's match is one).
 */
const HAS_EMBEDDED = new RegExp(String.raw`\S${EMBEDDED_STAMP}`);

/** The log lines a text line holds: itself, or the entries a lost line break ran together. */
const entries = (text: string): string[] => (text.length > 23 && hasGluedDate(text, 0) && HAS_EMBEDDED.test(text) ? text.split(EMBEDDED) : [text]);

function stamped(text: string): Stamped | null {
	const m = STAMP.exec(text);
	if (!m) return null;
	const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
	return { parts: [y, mo, d, h, mi, s, Number(m[7].padEnd(3, '0'))], source: m[8], rest: m[9].trim() };
}

/** The error number of an error line's text (after the stamp and source), or null. */
const errorNumber = (rest: string): number | null => {
	const m = ERROR.exec(rest);
	return m ? Number(m[1]) : null;
};

const SAMPLE = `2022-05-29 15:55:42.89 Backup      Error: 18210, Severity: 16, State: 1.
2022-05-29 15:55:42.89 Backup      BackupIoRequest::ReportIoError: write failure on backup device '{AA4B3232-1881-4F09-9DBA-0983D553BF46}2'. Operating system error 995(The I/O operation has been aborted because of either a thread exit or an application request.).
2022-05-29 15:55:42.91 Backup      Error: 3041, Severity: 16, State: 1.
2022-05-29 15:55:42.91 Backup      BACKUP failed to complete the command BACKUP DATABASE SalesDB. Check the backup application log for detailed messages.`;

const SAMPLE_JA = `2023-02-01 02:00:13.52 Backup      エラー: 3041、重大度: 16、状態: 1。
2023-02-01 02:00:13.52 Backup      BACKUP でコマンド BACKUP DATABASE SalesDB を完了できませんでした。詳細なメッセージについては、バックアップ アプリケーション ログを確認してください。`;

/** A snapshot backup's freeze and thaw that went well: informational entries only, no error line. */
const SAMPLE_FROZEN = `2014-01-27 09:35:15.43 spid71      I/O is frozen on database model. No user action is required. However, if I/O is not resumed promptly, you could cancel the backup.
2014-01-27 09:35:15.44 spid72      I/O is frozen on database msdb. No user action is required. However, if I/O is not resumed promptly, you could cancel the backup.
2014-01-27 09:35:25.57 spid71      I/O was resumed on database model. No user action is required.
2014-01-27 09:35:25.57 spid72      I/O was resumed on database msdb. No user action is required.`;

/** SQL Server's ERRORLOG. */
export const sqlErrorLog = {
	id: 'sql-errorlog',
	title: 'SQL Server error log (ERRORLOG)',
	url: 'https://learn.microsoft.com/sql/tools/configuration-manager/viewing-the-sql-server-error-log',
	origin: 'guest-sql',
	kinds: WINDOWS_EVENT_KINDS,
	startLine: LAYOUT,
	variants: [
		{ name: 'en', samples: [SAMPLE] },
		{ name: 'informational', samples: [SAMPLE_FROZEN] },
		{ name: 'ja', samples: [SAMPLE_JA] },
	],

	detect(head) {
		const filled = head.filter((l) => l.trim() !== '').flatMap(entries);
		const lines = filled.map(stamped);
		const errors = lines.filter((s) => s !== null && errorNumber(s.rest) !== null).length;
		// Mostly stamped lines (the rest are continuations), at least one of them an error line, or, a log of
		// informational entries only (a freeze and thaw that went well), several in the log's own column layout.
		if (lines.filter((s) => s !== null).length * 2 < filled.length) return null;
		if (errors > 0) return { variant: 'errorlog', reason: `${errors} 'Error: n, Severity: n, State: n' line(s) under 'yyyy-mm-dd hh:mm:ss.cc <source>' stamps` };
		const laidOut = filled.filter(inLayout).length;
		return laidOut >= MIN_LAYOUT_ENTRIES ? { variant: 'errorlog', reason: `${laidOut} entries with the source padded to ERRORLOG's column, no error line` } : null;
	},

	reader(path) {
		return new SqlErrorLogReader(path);
	},
} satisfies FormatDefinition;

class SqlErrorLogReader implements LineReader {
	private readonly records = new RecordFold();
	private unparsed = 0;
	/** The error line whose text the next line with its stamp and source gives. */
	private open: { id: number; stamp: Stamped; lineNo: number; text: string } | null = null;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		for (const entry of entries(text)) this.entry(entry, lineNo);
	}

	private entry(text: string, lineNo: number): void {
		if (text.trim() === '') return;
		const s = stamped(text);
		if (s === null) {
			// The log prints every line stamped: a line without one is someone's text around it (or another
			// format's), counted so that a paste holding both is read section by section.
			this.unparsed++;
			return;
		}
		const id = errorNumber(s.rest);
		if (id !== null) {
			this.close(null);
			this.open = { id, stamp: s, lineNo, text };
			return;
		}
		const sameEntry = this.open !== null && this.open.stamp.source === s.source && this.open.stamp.parts.join() === s.parts.join();
		this.close(sameEntry ? s.rest : null);
	}

	/** Records the open error, with its text when the line after it gave it. */
	private close(message: string | null): void {
		const o = this.open;
		this.open = null;
		if (o === null || eventInfo(PROVIDER, o.id) === undefined) return;
		const [y, mo, d, h, mi, s, ms] = o.stamp.parts;
		const e = { ...emptyEvent(), provider: PROVIDER, eventId: o.id, level: 2, message };
		const rec: LogRecord = { ...eventRecord(e, { path: this.path, line: o.lineNo }, o.text), local: localStamp(y, mo, d, h, mi, s, ms) };
		this.records.push(rec);
	}

	end(): ReadResult {
		this.close(null);
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: [] };
	}
}
