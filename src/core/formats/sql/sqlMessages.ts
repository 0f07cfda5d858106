import { eventInfo } from '../../knowledge/events';
import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { emptyEvent, eventRecord, WINDOWS_EVENT_KINDS } from '../windows/windowsEvents';
import { RecordFold } from '../lib/fold';
import { PROVIDER } from './sqlErrorLog';

/**
 * SQL Server's errors as a client prints them: SSMS's Messages tab and sqlcmd (`Msg 3035, Level 16, State 1,
 * Line 1`, sqlcmd with `Server SQL01,` or `Procedure p,` between), the error's text on the next line. The header
 * is labelled numbers in any language (`メッセージ 3035、レベル 16、状態 1、行 1`, `Meldung 3035, Ebene 16, …`): the
 * first is the error, the second its severity (at most 25), the last the batch line. The error is the one SQL
 * Server also logs as event `MSSQLSERVER` of that id, so a header with its text becomes that `windows-event`
 * record (level 2 from severity 11 on) when the error matters to a backup (knowledge/events.ts); other text (the
 * prose of a post around it) is counted unparsed. No stamp: `time` stays null.
 */

/** One `label number` part: a label without digits, then the number. */
const PART = /^([^\d,，、:：]{1,20}?) ?(\d{1,7})$/u;
/** A part naming where the batch ran (`Server SQL01`, `Procedure usp_backup`): a label, then one name. */
const NAMED = /^[^\d,，、:：]{1,20} \S{1,128}$/u;
const SEPARATOR = /[,，、] ?/u;
/** Severities from 11 on are errors (SQL Server's database engine error severities). */
const ERROR_SEVERITY = 11;
const MAX_SEVERITY = 25;

/** The error and severity a header line gives, or null when the line is none. */
function header(text: string): { id: number; severity: number } | null {
	const parts = text
		.trim()
		.replace(/[.。]$/, '')
		.split(SEPARATOR);
	if (parts.length < 4 || parts.length > 6) return null;
	const numbers = [parts[0], parts[1], parts[2], parts[parts.length - 1]].map((p) => PART.exec(p));
	if (numbers.some((m) => m === null) || !parts.slice(3, -1).every((p) => NAMED.test(p))) return null;
	const [id, severity] = numbers.map((m) => Number(m![2]));
	return severity <= MAX_SEVERITY && id > 0 ? { id, severity } : null;
}

const SAMPLE = `Msg 3035, Level 16, State 1, Line 1
Cannot perform a differential backup for database "SalesDB", because a current database backup does not exist. Perform a full database backup by reissuing BACKUP DATABASE, omitting the WITH DIFFERENTIAL option.
Msg 3013, Level 16, State 1, Line 1
BACKUP DATABASE is terminating abnormally.`;

const SAMPLE_SQLCMD = `Msg 4214, Level 16, State 1, Server SQL01, Line 1
BACKUP LOG cannot be performed because there is no current database backup.
Msg 3013, Level 16, State 1, Server SQL01, Line 1
BACKUP LOG is terminating abnormally.`;

const SAMPLE_JA = `メッセージ 3035、レベル 16、状態 1、行 1
現在のデータベース バックアップが存在しないため、データベース "SalesDB" の差分バックアップを実行できません。`;

/** SQL Server's messages as SSMS and sqlcmd print them. */
export const sqlMessages = {
	id: 'sql-messages',
	title: 'SQL Server messages (SSMS, sqlcmd)',
	url: 'https://learn.microsoft.com/sql/relational-databases/errors-events/database-engine-events-and-errors',
	origin: 'guest-sql',
	kinds: WINDOWS_EVENT_KINDS,
	variants: [
		{ name: 'ssms', samples: [SAMPLE] },
		{ name: 'sqlcmd', samples: [SAMPLE_SQLCMD] },
		{ name: 'ja', samples: [SAMPLE_JA] },
	],

	detect(head) {
		// Four labelled numbers alone could be any list (`Chapter 3, Part 2, …`): the error must be one SQL Server logs.
		const headers = head.filter((l) => {
			const h = header(l);
			return h !== null && eventInfo(PROVIDER, h.id) !== undefined;
		}).length;
		return headers > 0 ? { variant: 'messages', reason: `${headers} 'Msg n, Level n, State n, Line n' header(s) of a backup error` } : null;
	},

	reader(path) {
		return new SqlMessagesReader(path);
	},
} satisfies FormatDefinition;

class SqlMessagesReader implements LineReader {
	private readonly records = new RecordFold();
	private unparsed = 0;
	/** The header whose text the next non-blank line gives. */
	private open: { id: number; severity: number; lineNo: number; text: string } | null = null;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		if (text.trim() === '') return;
		const h = header(text);
		if (h !== null) {
			this.close(null);
			this.open = { ...h, lineNo, text };
			return;
		}
		if (this.open !== null) {
			this.close(text.trim());
			return;
		}
		// Text that is no header and follows none: the post around the messages.
		this.unparsed++;
	}

	/** Records the open header, with its text when the line after it gave it. */
	private close(message: string | null): void {
		const o = this.open;
		this.open = null;
		if (o === null || eventInfo(PROVIDER, o.id) === undefined) return;
		const e = { ...emptyEvent(), provider: PROVIDER, eventId: o.id, level: o.severity >= ERROR_SEVERITY ? 2 : 4, message };
		this.records.push(eventRecord(e, { path: this.path, line: o.lineNo }, o.text));
	}

	end(): ReadResult {
		this.close(null);
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: [] };
	}
}
