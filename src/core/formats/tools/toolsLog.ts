import type { QuickPass } from '../../decode/decode';
import type { ClockHint } from '../../model/records';
import { classifiedRecord, literalPattern, type Detection, type FormatDefinition, type LineReader, type ReadResult } from '../lib/format';
import { MAX_KEPT_CONTINUATION_LINES, MessageJoiner, TakenMessage, type JoinedMessage } from '../lib/multiline';
import { localStamp, monthNumber, fractionMs, parseIsoStamp, toUtcIso } from '../lib/stamps';
import { parseToolsPayload, ToolsMessageClassifier, TOOLS_MESSAGE_KINDS, type ToolsPayload } from './toolsMessages';
import { RecordFold, RepeatLane } from '../lib/fold';

/**
 * VMware Tools guest logs (`vmsvc`, `vmbackup`, `vmvss` and the other Tools domains), Windows and Linux
 * (formats.md §6). Line shapes, by the Tools version that wrote them:
 * - before 10.3: `[Jul 16 21:00:36.153] [ warning] [vmbackup] msg` — local time without a year, so records
 *   get `local` = `--07-16T21:00:36.153` and `time` null;
 * - 10.3 to 11.2: `[2019-03-14T21:56:48.123Z] [   debug] [vmbackup] msg` — UTC, records get `time`;
 * - 11.3 and later: the same with the thread id after the domain: `[vmbackup] [11804] msg`;
 * - messages cached while the guest's file systems were frozen are written later as
 *   `[cached at <stamp>] [level] [domain] msg` (open-vm-tools vmtoolsLog.c); the stamp is when they were logged;
 * - handler `syslog` (journald): `Mar 14 21:56:48 host vmsvc[29258]: [   debug] [vmbackup] [29258] msg`, local
 *   time without a year (or `journalctl -o short-iso` stamps with an offset, which give `time`); lines of other
 *   programs in the same file are parsed and give no record.
 * A shared domain `[vmsvc:vmbackup]` is read as domain `vmbackup`, app `vmsvc`. Lines that do not start a
 * message (no `[` in file logs, indented in journald output) continue the message before them. Each line
 * is read by its own stamp: a log that spans a Tools upgrade mixes local and UTC lines (a problem says so).
 *
 * Records: see toolsMessages.ts for the kinds and their fields. Every record also has `domain`, `level`,
 * `thread` (Tools ≥ 11.3 thread id, or null), `app` (the `vmsvc` of a shared domain, the syslog program, or
 * null) and `cached` (true for `[cached at …]` lines).
 */

/** The fields every record of a Tools log carries besides its kind's (see the module comment). */
export interface ToolsLogFields {
	domain: string;
	level: string;
	thread: number | null;
	app: string | null;
	cached: boolean;
}

/** `[stamp] rest`: the file-handler line (`cached at` when logged while file I/O was frozen). */
const FILE_LINE = /^\[(cached at )?([^\][]{7,40})\] (.*)$/;
/** `Mmm dd HH:MM:SS[.fff]`: pre-10.3 Tools and BSD syslog stamps, local time without a year. */
const BSD_STAMP = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;
/** `stamp host program[pid]: payload` (syslog, `journalctl`, `journalctl -o short-iso`, RFC 3339 rsyslog). */
const SYSLOG_LINE = /^([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?) (\S{1,255}) ([^\s[\]:]{1,64})(?:\[(\d{1,10})\])?: ?(.*)$/;
/**
 * strace's trace of a `write` as a terminal shows it when strace and the traced program share it: the call,
 * then at once the program's own output (`write(2, "[May 13 11:41:06.596] [ warning]"..., 123[May 13 …`);
 * with `-f`, a `[pid N] ` before it. The quoted text is what was written, cut at strace's string limit.
 */
const STRACE_WRITE = /^(?:\[pid +\d{1,10}\] )?(?:SYS_)?write\(\d{1,5}, "((?:[^"\\]|\\.){1,256})"(?:\.\.\.)?, \d{1,10}/;

/**
 * The program's output after an strace `write` trace (STRACE_WRITE): the rest of the line when it starts with
 * the text the call quotes (strace escapes `"` and `\\`), else null: a trace alone, or followed by anything else.
 */
function straceEcho(text: string): string | null {
	const m = STRACE_WRITE.exec(text);
	if (m === null) return null;
	const written = m[1].replace(/\\(.)/g, '$1');
	const rest = text.slice(m[0].length);
	return rest.startsWith(written) ? rest : null;
}

/** journalctl's own lines: `-- Logs begin at … --`, `-- Boot 1a2b… --`, `-- No entries --`. */
const JOURNAL_MARKER = /^-- .{1,200} --$/;

interface Stamp {
	time: string | null;
	local: string | null;
	/** Minutes east of UTC when the stamp says (Z = 0); null for local stamps. */
	offset: number | null;
}

/** A line that starts a message; `payload` is null for another program's syslog line. */
interface Head {
	stamp: Stamp;
	payload: ToolsPayload | null;
	cached: boolean;
	/** The syslog program, when the line came through syslog. */
	program: string | null;
}

function parseStamp(text: string): Stamp | null {
	if (text === 'no time') return { time: null, local: null, offset: null };
	const bsd = BSD_STAMP.exec(text);
	if (bsd) {
		const mo = monthNumber(bsd[1]);
		const [d, h, mi, s] = bsd.slice(2, 6).map(Number);
		const ms = fractionMs(bsd[6]);
		// 2000 is a leap year: a real `Feb 29` passes, `Feb 30` does not.
		if (mo === null || toUtcIso(2000, mo, d, h, mi, s, ms) === null) return null;
		return { time: null, local: localStamp(null, mo, d, h, mi, s, ms), offset: null };
	}
	const iso = parseIsoStamp(text);
	return iso ? { time: iso.time, local: iso.local, offset: iso.offsetMinutes } : null;
}

function parseFileLine(text: string): Head | null {
	if (text[0] !== '[') return null;
	const m = FILE_LINE.exec(text);
	const stamp = m ? parseStamp(m[2]) : null;
	const payload = m && stamp ? parseToolsPayload(m[3]) : null;
	return payload ? { stamp: stamp!, payload, cached: m![1] !== undefined, program: null } : null;
}

function parseSyslogLine(text: string): Head | null {
	const m = SYSLOG_LINE.exec(text);
	const stamp = m ? parseStamp(m[1]) : null;
	return stamp ? { stamp, payload: parseToolsPayload(m![5]), cached: false, program: m![3] } : null;
}

/** VMware Tools guest logs (formats.md §6). */
export const toolsLog = {
	id: 'tools-log',
	title: 'VMware Tools guest log (vmsvc, vmbackup, vmvss)',
	url: 'https://github.com/vmware/open-vm-tools/blob/master/open-vm-tools/libvmtools/vmtoolsLog.c',
	origin: 'guest-tools',
	kinds: TOOLS_MESSAGE_KINDS,
	variants: [
		{
			name: 'tools-pre10.3',
			samples: [
				`[Oct 09 12:17:30.424] [ warning] [guestinfo] *** WARNING: GuestInfo collection interval longer than expected; actual=60 sec, expected=30 sec. ***
[Oct 09 13:17:30.647] [ warning] [guestinfo] *** WARNING: GuestInfo collection interval longer than expected; actual=60 sec, expected=30 sec. ***
[Jul 16 21:00:36.153] [ warning] [vmbackup] Error freezing filesystems.
`,
			],
		},
		{
			name: 'tools-10.3',
			samples: [
				`[2019-03-14T21:56:47.982Z] [   debug] [vmsvc] RpcIn: received 16 bytes, content:"vmbackup.start 1"
[2019-03-14T21:56:47.983Z] [   debug] [vmbackup] *** VmBackupStart
[2019-03-14T21:56:47.984Z] [   debug] [vmbackup] Using quiesceApps = 1, quiesceFS = 1, allowHWProvider = 1, execScripts = 1, scriptArg = , timeout = 0, enableNullDriver = 1, forceQuiesce = 0
[2019-03-14T21:56:47.984Z] [   debug] [vmbackup] Quiescing volumes: (null)
`,
			],
		},
		{
			name: 'tools-11.3',
			samples: [
				`[2025-09-30T10:15:26.318Z] [   debug] [vmbackup] [11804] *** VmBackupStart
[2025-09-30T10:15:26.319Z] [   debug] [vmbackup] [11804] *** VmBackup_SendEvent
[2025-09-30T10:15:26.319Z] [   debug] [vmbackup] [11804] Sending vmbackup event: vmbackup.eventSet reset 0 
[2025-09-30T10:15:26.320Z] [   debug] [vmbackup] [11804] *** VmBackupStartScripts
`,
			],
		},
		{
			name: 'syslog',
			samples: [
				`Mar 14 21:56:48 host vmsvc[29258]: [   debug] [vmbackup] [29258] *** VmBackupStart
Mar 14 21:56:48 host vmsvc[29258]: [   debug] [vmbackup] [29258] *** VmBackup_SendEvent
Mar 14 21:56:49 host kernel: [ 4711.123456] EXT4-fs (sda1): re-mounted. Opts: (null)
`,
			],
		},
	],

	// A file log's line: its stamp in brackets, then its level and its service in brackets (`[ warning] [vmsvc]`).
	startLine: /^\[(?:cached at )?[^\][]{7,40}\] \[ {0,8}[a-z]{1,10}\] \[[\w:.-]{1,40}\]/,
	detect: detectToolsLog,
	reader: (path, detection) => new ToolsLogReader(path, detection.variant === 'syslog'),
} satisfies FormatDefinition;

function detectToolsLog(head: readonly string[]): Detection | null {
	const nonBlank = head.filter((l) => l.trim() !== '');
	// Two heads of the Tools log's own layout decide (one, in a head of one line): read until they are found.
	const wanted = Math.min(2, nonBlank.length);
	let firstFile = -1;
	let found = 0;
	let h: ReturnType<typeof parseFileLine> = null;
	for (let i = 0; i < nonBlank.length && found < wanted; i++) {
		const parsed = parseFileLine(nonBlank[i]);
		if (parsed === null) continue;
		if (found++ === 0) [firstFile, h] = [i, parsed];
	}
	if (h !== null && found >= wanted) {
		const variant = h.stamp.time === null && h.stamp.local !== null ? 'tools-pre10.3' : h.payload!.thread !== null ? 'tools-11.3' : 'tools-10.3';
		return { variant, reason: `Tools log lines '[stamp] [level] [domain]' (${variant === 'tools-pre10.3' ? 'local time without a year' : 'UTC'}${variant === 'tools-11.3' ? ', thread id' : ''}), the first at line ${head.indexOf(nonBlank[firstFile]) + 1}` };
	}
	const syslogHeads = nonBlank.map(parseSyslogLine);
	const firstTools = syslogHeads.findIndex((h) => h?.payload);
	if (firstTools >= 0 && syslogHeads.filter((h) => h !== null).length * 2 >= nonBlank.length) {
		return { variant: 'syslog', reason: `syslog lines, line ${head.indexOf(nonBlank[firstTools]) + 1} from ${syslogHeads[firstTools]!.program} with a Tools '[level] [domain]' payload` };
	}
	return null;
}

/**
 * What makes the classifier give a record for a message of another domain than vmbackup and vmvss, at a
 * level below warning: a message holding none of these gives none (`vmbackup` stands for the event and
 * RPC texts).
 */
const TOOLS_LITERALS = literalPattern(['*** ', 'vmbackup', 'Tools Version: ', 'VMTools_ConfigGet', 'SyncDriver: ']);
/**
 * The quick lane's message start: `[STAMP] [level] [domain]` with a UTC stamp of millisecond precision, a
 * level below warning, and a domain without an app part other than vmbackup and vmvss. Every line it
 * matches whose date is real is one parseFileLine reads as such a head.
 */
const QUICK_HEAD = /\[\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z\] \[ {0,8}(?:message|info|debug)\] \[(?!(?:vmbackup|vmvss)\])[!-9;-\\^-~]{1,128}\]/y;

/** Reads a Tools log one line at a time; a message is classified once its continuation lines are in. */
class ToolsLogReader implements LineReader, QuickPass {
	private readonly records = new RecordFold();
	private readonly classifier = new ToolsMessageClassifier();
	private readonly joiner = new MessageJoiner<Head>((m) => this.complete(m));
	/** A message the quick lane took: it gives no record unless a continuation line that matters follows. */
	private readonly taken = new TakenMessage();
	/** Heads the stamp aside, as they are (the thread id is a field). */
	private readonly repeats = new RepeatLane(this.records, 1, false);
	/** The last date (`YYYY-MM-DD`) a quick head was checked to be a real one. */
	private realDate = '';
	private unparsed = 0;
	private stampedLines = 0;
	private localLines = 0;
	private firstOffset: number | null = null;
	/**
	 * File logs only: a head QUICK_HEAD matches starts a message that gives no record so far; lines not
	 * starting with `[` continue it. The reader is its own quick lane (one method for every reader of the
	 * class, so the splitter's call of it stays optimized).
	 */
	readonly quick?: QuickPass;
	readonly literals = TOOLS_LITERALS;

	constructor(
		private readonly path: string,
		private readonly syslog: boolean,
	) {
		if (!syslog) this.quick = this;
	}

	line(text: string, lineNo: number): void {
		// A line strace printed ahead of the Tools line it traced, on one terminal: the Tools line is read.
		if (!this.syslog && text.charCodeAt(0) !== 0x5b) text = straceEcho(text) ?? text;
		const head = this.syslog ? parseSyslogLine(text) : parseFileLine(text);
		if (head) {
			this.endMessage();
			this.joiner.start(head, lineNo, text);
			return;
		}
		// File logs continue a message on any line not starting with `[`; journald indents continuations.
		const continuation = text.trim() === '' || (this.syslog ? /^\s/.test(text) : text[0] !== '[');
		if (continuation) this.resume();
		if (continuation && this.joiner.continueWith(text)) return;
		if (text.trim() === '' || (this.syslog && JOURNAL_MARKER.test(text))) return;
		this.endMessage();
		this.unparsed++;
	}

	/** The quick lane (see `quick`): a head QUICK_HEAD matches, or a continuation of a message it took. */
	take(chunk: string, start: number, end: number, lineNo: number): boolean {
		if (chunk.charCodeAt(start) !== 0x5b) {
			// A continuation: taken with a taken message; with a message that matters, or none, line() decides.
			if (!this.taken.open) return false;
			if (this.taken.size <= MAX_KEPT_CONTINUATION_LINES) this.taken.add(chunk, start, end, lineNo);
			return true;
		}
		QUICK_HEAD.lastIndex = start;
		if (!QUICK_HEAD.test(chunk)) return false;
		// The regex bounds each field; whether the day exists in its month is parseStamp's to say, once per date.
		if (this.realDate === '' || !chunk.startsWith(this.realDate, start + 1)) {
			const stamp = chunk.slice(start + 1, start + 25);
			if (parseStamp(stamp) === null) return false;
			this.realDate = stamp.slice(0, 10);
		}
		this.endMessage();
		this.taken.start(chunk, start, end, lineNo);
		return true;
	}

	/**
	 * The repeat lane (RepeatLane): a head equal but for its stamp to a head that alone made a record of an
	 * open fold, of a kind no state of the classifier reads (no `run`), ends the message before it as line()
	 * does, and is held until the next line shows that no continuation line is part of it.
	 */
	repeat(chunk: string, start: number, end: number, lineNo: number): boolean {
		const handle = this.repeats.find(chunk, start, end);
		if (handle === null) return false;
		this.endMessage();
		return this.repeats.hold(handle, chunk, start, end, lineNo);
	}

	/** The message before a line that starts one, or fits no shape, is complete. */
	private endMessage(): void {
		this.dropTaken();
		// A held repeat counts its stamp (UTC, the lane's) as complete() counts one.
		if (this.repeats.commit()) this.stampedLines++;
		this.joiner.flush();
	}

	/** A continuation follows a held repeat or a taken message: the message is read as line() would have read it. */
	private resume(): void {
		// The lane learns heads alone (complete): a held repeat is one line.
		const held = this.repeats.release();
		if (held) {
			this.joiner.start(parseFileLine(held.lines[0])!, held.lineNo, held.lines[0]);
			return;
		}
		if (!this.taken.open) return;
		const {
			lines: [text, ...more],
			lineNo,
		} = this.taken.take();
		this.joiner.start(parseFileLine(text)!, lineNo, text);
		for (const m of more) this.joiner.continueWith(m);
	}

	/** Ends a taken message: it gives no record, and its stamp (UTC, QUICK_HEAD's) counts as complete() counts one. */
	private dropTaken(): void {
		if (!this.taken.open) return;
		this.taken.clear();
		this.stampedLines++;
		this.firstOffset ??= 0;
	}

	private complete(m: JoinedMessage<Head>): void {
		const { stamp, payload, cached, program } = m.head;
		if (!payload) return;
		if (stamp.offset !== null) {
			this.stampedLines++;
			this.firstOffset ??= stamp.offset;
		} else if (stamp.local !== null) {
			this.localLines++;
		}
		const message = [payload.message, ...m.more].join('\n');
		const found = this.classifier.classify(payload.domain, payload.level, message);
		if (!found) return;
		const envelope: ToolsLogFields = { domain: payload.domain, level: payload.level, thread: payload.thread, app: payload.app ?? program, cached };
		const record = classifiedRecord(found, envelope, stamp.time, stamp.local, { path: this.path, line: m.lineNo }, m.text.trim());
		const handle = this.records.push(record);
		// A head alone, classified without the classifier's state (records with `run` count quiesce requests):
		// a repeat of it is the same record.
		if (m.more.length === 0 && !('run' in found.fields)) this.repeats.learn(handle, record, m.text);
	}

	end(): ReadResult {
		this.endMessage();
		const problems: string[] = [];
		let clock: ClockHint | null = null;
		if (this.stampedLines > 0 && this.localLines > 0) {
			problems.push(`The log mixes ${this.localLines} local-time lines (Tools before 10.3, or syslog) with ${this.stampedLines} UTC-stamped lines: it spans a Tools upgrade, and its local lines need the guest's UTC offset.`);
		} else if (this.stampedLines > 0) {
			clock = { utcOffsetMinutes: this.firstOffset!, basis: 'stamped' };
		}
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems, clock };
	}
}
