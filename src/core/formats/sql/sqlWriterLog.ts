import { normalizeHresult } from '../../knowledge/hresults';
import type { ClockHint } from '../../model/records';
import { classifiedRecord, type Classified, type Detection, type FormatDefinition, type LineReader, type ReadResult } from '../lib/format';
import { HEADER_KIND, PHASE_EVENT, PLAIN_EVENT, type KindDeclarations } from '../lib/kinds';
import { MessageJoiner, type JoinedMessage } from '../lib/multiline';
import { localStamp, toUtcIso } from '../lib/stamps';
import { utcOffsetOf } from '../../utcOffset';
import { RecordFold } from '../lib/fold';

/**
 * SQL Server's VSS writer log `SqlWriterLogger.txt` (SQL Server 2019 CU4+, 2017 CU27+, 2016 SP3+; formats.md §9):
 * `[MM/DD/YYYY HH:MM:SS, TID xxxx] message`, local time. Each service start writes a banner of `****` and
 * `**  …` lines that states `UTC OFFSET: -8:00`. Since the offset is then known, records after a banner get
 * `time` in UTC (and `local` null), using the offset of the latest banner; records before the first banner
 * (a file that starts mid-way, e.g. after a rollover) keep `local` and `time` null. ReadResult.clock is the
 * first banner's offset (basis `banner`); a later banner with another offset (daylight saving time) is a
 * problem. Lines without the `[stamp, TID]` prefix continue the message before them.
 *
 * Records (all have `tid`, the writer thread as printed, lower-case hex):
 * - `sqlwriter-banner` — a service start: `processId` (number), `version`, `traceLevel`, `utcOffsetMinutes`
 *   (east of UTC, e.g. -480), each null when the banner lacks it. SQL Writer sometimes writes the banner twice
 *   per start; a repeat with the same process id gives no second record.
 * - `sqlwriter-backup-begin` — the `VSS SQL BACKUP BEGIN - ID: 232c` banner: `backupId`.
 * - `sqlwriter-phase` — `Entering SQL Writer OnFreeze.`: `phase` (`Initialize`, `OnIdentify`,
 *   `OnPrepareBackup`, `OnPrepareSnapshot`, `OnFreeze`, `OnThaw`, `OnPostSnapshot`, `OnBackupComplete`,
 *   `OnAbort`, and any other the writer prints).
 * - `sqlwriter-error` — `HRESULT EXCEPTION CAUGHT: hr: 0x800423f2`: `hresult` (`0x` + 8 upper-case hex),
 *   `phase` (the last phase entered on the same thread, or null).
 * - `sqlwriter-backup-mode` — `Component based backup selected.` / `Volume based (= NonComponent) backup
 *   selected.`: `componentBased` (boolean).
 * - `sqlwriter-database-count` — `Database count from metadata is 7`: `count`.
 * - `sqlwriter-database` — `Database SalesDW on instance SQL-PRD-07 found in metadata`: `database`, `instance`,
 *   `found` (false for `not found`).
 * - `sqlwriter-backup-type` — `Backup type is VSS_BT_COPY`: `backupType` (`VSS_BT_FULL`, `VSS_BT_COPY` …;
 *   VMware Tools asks for VSS_BT_COPY).
 */

/** The fields of a service start's banner (see the module comment). */
interface BannerFields {
	processId: number | null;
	version: string | null;
	traceLevel: string | null;
	utcOffsetMinutes: number | null;
}

/** The fields of each kind, besides the writer thread `tid` every record has (see the module comment). */
interface SqlWriterFields {
	'sqlwriter-banner': BannerFields;
	'sqlwriter-backup-begin': { backupId: string };
	'sqlwriter-phase': { phase: string };
	'sqlwriter-error': { hresult: string | null; phase: string | null };
	'sqlwriter-backup-mode': { componentBased: boolean };
	'sqlwriter-database-count': { count: number };
	'sqlwriter-database': { database: string; instance: string; found: boolean };
	'sqlwriter-backup-type': { backupType: string };
}

/** The writer thread, as printed in lower-case hex. */
interface Tid {
	tid: string;
}

declare module '../../model/records' {
	interface RecordFields {
		'sqlwriter-banner': Tid & SqlWriterFields['sqlwriter-banner'];
		'sqlwriter-backup-begin': Tid & SqlWriterFields['sqlwriter-backup-begin'];
		'sqlwriter-phase': Tid & SqlWriterFields['sqlwriter-phase'];
		'sqlwriter-error': Tid & SqlWriterFields['sqlwriter-error'];
		'sqlwriter-backup-mode': Tid & SqlWriterFields['sqlwriter-backup-mode'];
		'sqlwriter-database-count': Tid & SqlWriterFields['sqlwriter-database-count'];
		'sqlwriter-database': Tid & SqlWriterFields['sqlwriter-database'];
		'sqlwriter-backup-type': Tid & SqlWriterFields['sqlwriter-backup-type'];
	}
}

/** What the kinds of SQL Writer's log mean. */
const SQL_WRITER_KINDS = {
	'sqlwriter-banner': HEADER_KIND,
	'sqlwriter-backup-begin': PLAIN_EVENT,
	'sqlwriter-phase': PHASE_EVENT,
	// An exception the writer caught vetoes its phase.
	'sqlwriter-error': { role: 'event', severity: 'error', failure: true, anchor: null },
	'sqlwriter-backup-mode': PLAIN_EVENT,
	'sqlwriter-database-count': PLAIN_EVENT,
	'sqlwriter-database': PLAIN_EVENT,
	'sqlwriter-backup-type': PLAIN_EVENT,
} satisfies KindDeclarations;

const LINE = /^\[(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?, TID ([0-9A-Fa-f]{1,8})\] ?(.*)$/;
const STARS = /^\*{8,}\s*$/;
const BANNER_LINE = /^\*\* {0,4}(.*)$/;
const PHASE = /^Entering SQL Writer (\w{1,64})\.?$/;
const HR = /hr: ?(?:0x)?([0-9A-Fa-f]{8})\b/;
const BACKUP_TYPE = /^Backup type is (VSS_BT_\w{1,32})/;
const DB_COUNT = /^Database count from metadata is (\d{1,9})/;
const DATABASE = /^Database (.{1,256}?) on instance (\S{1,256}) (not )?found in metadata/;
const BACKUP_MODE = /^(Component|Volume) based .{0,40}backup selected/;
const PROCESS_ID = /ProcessId: (0x[0-9A-Fa-f]{1,8}|\d{1,10})\b/;
const VERSION = /SQL Writer version is (\S{1,40})/;
const TRACE_LEVEL = /TraceLevel = (\w{1,20})/;
const UTC_OFFSET = /UTC OFFSET: ?([+-]?)(\d{1,2}):(\d{2})\b/;
const BACKUP_BEGIN = /VSS SQL BACKUP BEGIN - ID: ([0-9A-Fa-f]{1,8})\b/;

/** Wall-clock parts of a line, converted to `time` or `local` once the message is complete. */
interface Head {
	parts: [number, number, number, number, number, number, number];
	tid: string;
	message: string;
}

/** A `****` … `****` block read so far. */
interface Banner {
	lineNo: number;
	text: string;
	head: Head;
	fields: BannerFields;
	backupId: string | null;
	started: boolean;
}

function parseLine(text: string): Head | null {
	if (text[0] !== '[') return null;
	const m = LINE.exec(text);
	if (!m) return null;
	const [mo, d, y, h, mi, s] = m.slice(1, 7).map(Number);
	const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
	// MM/DD/YYYY is what SQL Writer prints; a day in the month slot is not this format.
	if (toUtcIso(y, mo, d, h, mi, s, ms) === null) return null;
	return { parts: [y, mo, d, h, mi, s, ms], tid: m[8].toLowerCase(), message: m[9] };
}

const newBanner = (m: JoinedMessage<Head>): Banner => ({
	lineNo: m.lineNo,
	text: m.text,
	head: m.head,
	fields: { processId: null, version: null, traceLevel: null, utcOffsetMinutes: null },
	backupId: null,
	started: false,
});

/** SQL Server VSS writer log (formats.md §9). */
export const sqlWriterLog = {
	id: 'sqlwriter-log',
	title: 'SQL Server VSS writer log (SqlWriterLogger.txt)',
	url: 'https://learn.microsoft.com/sql/relational-databases/backup-restore/sql-server-vss-writer-logging',
	origin: 'guest-sql',
	kinds: SQL_WRITER_KINDS,
	variants: [
		{
			name: 'sql2019-banner',
			samples: [
				`[01/11/2021 02:54:59, TID 61f8] ****************************************************************
[01/11/2021 02:54:59, TID 61f8] **  SQLWRITER TRACING STARTED - ProcessId: 0x4124
[01/11/2021 02:54:59, TID 61f8] **  Service is not running as WIDWriter.
[01/11/2021 02:54:59, TID 61f8] **  SQL Writer version is 15.0.4073.23
[01/11/2021 02:54:59, TID 61f8] **  MODERN LOGGER V2 ENABLED ON C:\\Program Files\\Microsoft SQL Server\\90\\Shared\\SqlWriterLogger.txt
[01/11/2021 02:54:59, TID 61f8] **  With TraceLevel = DEFAULT, TraceFileSizeMb = 1, ForceFlush = False
[01/11/2021 02:54:59, TID 61f8] **  Recording events in Server Local Time. UTC OFFSET: -8:00
[01/11/2021 02:54:59, TID 61f8] ****************************************************************
`,
			],
		},
		{
			name: 'sql2019-no-banner',
			samples: [
				`[01/11/2021 02:57:02, TID 5a88] Volume based (= NonComponent) backup selected.
[01/11/2021 02:57:02, TID 5a88] Backup type is VSS_BT_FULL
[01/11/2021 02:57:03, TID 5a88] Entering SQL Writer OnPrepareSnapshot.
[01/11/2021 02:57:03, TID 5a88] HRESULT EXCEPTION CAUGHT: hr: 0x80780002
[01/11/2021 02:57:03, TID 5a88] Entering SQL Writer OnAbort.
`,
			],
		},
	],

	// `[MM/DD/YYYY hh:mm:ss, TID n]`.
	startLine: LINE,
	detect: detectSqlWriterLog,
	reader: (path) => new SqlWriterReader(path),
} satisfies FormatDefinition;

function detectSqlWriterLog(head: readonly string[]): Detection | null {
	const nonBlank = head.filter((l) => l.trim() !== '');
	const parsed = nonBlank.map(parseLine);
	const first = parsed.findIndex((h) => h !== null);
	if (first < 0 || parsed.filter((h) => h !== null).length < Math.min(2, nonBlank.length)) return null;
	const banner = parsed.some((h) => h !== null && UTC_OFFSET.test(h.message));
	return {
		variant: banner ? 'banner' : 'no-banner',
		reason: `SQL Writer log lines '[MM/DD/YYYY HH:MM:SS, TID hex]', the first at line ${head.indexOf(nonBlank[first]) + 1}${banner ? ', with a UTC OFFSET banner' : ''}`,
	};
}

/** Reads SqlWriterLogger.txt one line at a time, following banners (for the clock) and each thread's phase. */
class SqlWriterReader implements LineReader {
	private readonly records = new RecordFold();
	private readonly problems: string[] = [];
	private readonly joiner = new MessageJoiner<Head>((m) => this.complete(m));
	private readonly phaseByTid = new Map<string, string>();
	private unparsed = 0;
	/** Minutes east of UTC from the latest banner; null until a banner states it. */
	private offset: number | null = null;
	private clock: ClockHint | null = null;
	private banner: Banner | null = null;
	private lastProcessId: number | null = null;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		const head = parseLine(text);
		if (head) {
			this.joiner.start(head, lineNo, text);
			return;
		}
		if (this.joiner.continueWith(text) || text.trim() === '') return;
		this.unparsed++;
	}

	private complete(m: JoinedMessage<Head>): void {
		const msg = m.head.message.trim();
		if (STARS.test(msg)) {
			// A star line closes a block that has content, else opens one.
			if (this.banner && (this.banner.started || this.banner.backupId)) this.closeBanner();
			else this.banner = newBanner(m);
			return;
		}
		const bannerLine = msg.startsWith('**') ? BANNER_LINE.exec(msg) : null;
		if (bannerLine) {
			this.banner ??= newBanner(m);
			this.readBanner(this.banner, bannerLine[1], m);
			return;
		}
		this.closeBanner();
		const found = this.classify(m.head.tid, [msg, ...m.more].join('\n'));
		if (found) this.push(found, m.head, m.lineNo, m.text);
	}

	private readBanner(b: Banner, text: string, m: JoinedMessage<Head>): void {
		const pid = PROCESS_ID.exec(text);
		if (pid) {
			b.fields.processId = pid[1].startsWith('0x') ? parseInt(pid[1], 16) : Number(pid[1]);
			b.started = true;
			// The record points at the line that says what the block is.
			Object.assign(b, { lineNo: m.lineNo, text: m.text, head: m.head });
		}
		b.fields.version = VERSION.exec(text)?.[1] ?? b.fields.version;
		b.fields.traceLevel = TRACE_LEVEL.exec(text)?.[1] ?? b.fields.traceLevel;
		const off = UTC_OFFSET.exec(text);
		// An offset no real zone has is a damaged banner: it sets no clock.
		const minutes = off ? utcOffsetOf(off[1], Number(off[2]), Number(off[3])) : null;
		if (minutes !== null) {
			b.fields.utcOffsetMinutes = minutes;
			if (this.clock === null) this.clock = { utcOffsetMinutes: minutes, basis: 'banner' };
			else if (minutes !== this.offset) this.problems.push(`The UTC offset changes from ${this.offset} to ${minutes} minutes at line ${m.lineNo} (daylight saving time?); records use the offset in force at their line.`);
			this.offset = minutes;
		}
		const begin = BACKUP_BEGIN.exec(text);
		if (begin) {
			b.backupId = begin[1].toLowerCase();
			Object.assign(b, { lineNo: m.lineNo, text: m.text, head: m.head });
		}
	}

	private closeBanner(): void {
		const b = this.banner;
		this.banner = null;
		if (!b) return;
		if (b.started && b.fields.processId !== this.lastProcessId) {
			this.lastProcessId = b.fields.processId;
			this.push({ kind: 'sqlwriter-banner', fields: b.fields }, b.head, b.lineNo, b.text);
		}
		if (b.backupId !== null) this.push({ kind: 'sqlwriter-backup-begin', fields: { backupId: b.backupId } }, b.head, b.lineNo, b.text);
	}

	private classify(tid: string, msg: string): Classified<SqlWriterFields> | null {
		const phase = PHASE.exec(msg);
		if (phase) {
			this.phaseByTid.set(tid, phase[1]);
			return { kind: 'sqlwriter-phase', fields: { phase: phase[1] } };
		}
		if (msg.startsWith('HRESULT')) {
			const hr = HR.exec(msg);
			if (hr) return { kind: 'sqlwriter-error', fields: { hresult: normalizeHresult(hr[1]), phase: this.phaseByTid.get(tid) ?? null } };
		}
		const type = BACKUP_TYPE.exec(msg);
		if (type) return { kind: 'sqlwriter-backup-type', fields: { backupType: type[1] } };
		const mode = BACKUP_MODE.exec(msg);
		if (mode) return { kind: 'sqlwriter-backup-mode', fields: { componentBased: mode[1] === 'Component' } };
		if (!msg.startsWith('Database ')) return null;
		const count = DB_COUNT.exec(msg);
		if (count) return { kind: 'sqlwriter-database-count', fields: { count: Number(count[1]) } };
		const db = DATABASE.exec(msg);
		return db ? { kind: 'sqlwriter-database', fields: { database: db[1], instance: db[2], found: db[3] === undefined } } : null;
	}

	private push(made: Classified<SqlWriterFields>, head: Head, lineNo: number, text: string): void {
		const [y, mo, d, h, mi, s, ms] = head.parts;
		const time = this.offset === null ? null : toUtcIso(y, mo, d, h, mi, s, ms, this.offset);
		const local = time === null ? localStamp(y, mo, d, h, mi, s, ms) : null;
		const tid: Tid = { tid: head.tid };
		this.records.push(classifiedRecord(made, tid, time, local, { path: this.path, line: lineNo }, text.trim()));
	}

	end(): ReadResult {
		this.joiner.flush();
		this.closeBanner();
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: this.problems, clock: this.clock };
	}
}
