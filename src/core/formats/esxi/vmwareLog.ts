/**
 * The per-VM `vmware.log` (and its rotations `vmware-N.log`) of every ESXi era and of the hosted products
 * (formats.md §3). Two line shapes:
 * - up to ESXi 7.0 and hosted: `STAMP| thread| I125: message`, continuation lines `STAMP| thread| I125+ text`;
 * - ESXi 8: `STAMP In(05) thread opID message` (opID or `-`), continuation lines `STAMP In(05)+ thread text`.
 * ESXi stamps are UTC (`Z`); hosted products stamp local time with `±hh:mm`, converted to UTC per line. ESX 4
 * and hosted products of its time wrote `Mar 12 03:01:14.512: vmx| message` (no year, no zone, no level):
 * those lines are read as the first shape, their records with a local time only (`local`, `time` null).
 *
 * Every record carries `thread` and `opId` (the ESXi 8 opID column; null when the column is `-` or the era
 * has none). Record kinds and their other fields:
 * - `log-header` — `Log for VMware ESX pid=… version=… build=…`: `product`, `version`, `build`.
 * - `snapshot-start` — `SnapshotVMX_TakeSnapshot start: '<name>', deviceState=, lazy=, quiesced=…`: `name`,
 *   `quiesced` (boolean; false is a crash-consistent request), `memory` (deviceState=1), `lazy` (booleans,
 *   null when the argument is missing).
 * - `snapshot-done` — `SnapshotVMXTakeSnapshotComplete: Done with snapshot '<name>': <uid>`: `name`, `uid`
 *   (0 when no snapshot was created).
 * - `snapshot-failed` — `… Snapshot <uid> failed: <error> (<code>).`: `uid`, `error`, `errorCode` (the VMX
 *   error number, 31 for a quiesce failure), `reason` (see quiesceReason).
 * - `quiesce-state` — `ToolsBackup: changing quiesce state: A -> B`: `from`, `to`.
 * - `stun` — `Checkpoint_Unstun: vm stopped for N us`: `stunUs` (microseconds).
 * - `msg-post` — a whole `Msg_Post:` block (header, `[msg.id]` lines, `+` continuations, `----` separator)
 *   or a bare `[msg.id]` line: `msgType` (`Post` | `Question` | `Hint`, null for a bare line), `severity`
 *   (`Warning`, `Error` … as printed, or null), `msgId` (first message id), `message` (the block's text lines
 *   joined with `\n`), `lastLine` (1-based line that ends the block), `reason`, and the guest report
 *   `vmbackupStatus`, `errorMessage`, `op`, `detail`, `hresult`, `idispatchError` (see decodeGuestError).
 * - `quiesce-note` — any other single line that states a quiesce reason: `reason`, `message`.
 * - `Guest:` lines VMware Tools forwards (`handler = vmx`) are classified as in the guest's own log
 *   (toolsMessages.ts): the record has the Tools kind (`vmbackup-step`, `vmbackup-event`, `vmbackup-options`,
 *   `vmvss-event`, `tools-warning` …) with its fields, or kind `guest` for another line about vmbackup, VSS or
 *   quiescing; both add `guestText` (the forwarded text), `domain`, `app`, `level` and `guestThread` (null
 *   when the text is no `[level] [domain]` payload).
 * - `vigor-request` / `vigor-response` — hostd's Snapshot.* requests as the VMX receives and completes them
 *   (`VigorTransport… opID=… seq=…`): `opId` (hostd's opID with the VMX's own suffix), `seq`, `request`,
 *   and for responses `withMessages` (true when the VMX posted messages, i.e. a failure or warning).
 * - `vmx-setting` — a setting of the `DICT --- CONFIGURATION` dump at power-on (fields as in vmx.ts).
 * - `lwd-error` — an error of the ESXi 8 lightweight-delta (LWD) snapshot data path (`LWD: Failed to write
 *   extent range … for the SES …. Error 15: IO was aborted`, `LWD: Failure writing to SES, snapshot must be
 *   canceled, disk 6187408BF0: IO was aborted (15)`, `PANIC: LWD: Failure to quiesce IOs on disk …`): `disk`
 *   (the LWD disk id, or null), `ioError` (the I/O status number, 15 for an aborted I/O, or null), `canceled`
 *   (the line cancels the snapshot), `quiesceFailed` (LWD could not quiesce the disk's I/O: the VMX panics),
 *   `message` (the text after `LWD: `).
 * - `vm-file` — a path the VMX prints of one of the VM's own files in its folder on a datastore
 *   (`MainMem: Writing full memory image, '/vmfs/volumes/<ds>/SQL-01/SQL-01-Snapshot2.vmem'`; see vmFile):
 *   `vm` (the folder, which the file's name starts with), `path`. An ESXi 8 log prints no `displayName` outside
 *   its power-on dump, so an excerpt names its VM here only.
 * - `tools-unresponsive` — VMware Tools' service in the guest stopped answering the VMX: `GuestRpcSendTimedOut:
 *   message to toolbox timed out.` (an RPC to the `toolbox` channel, vmtoolsd's service instance, the one
 *   that runs vmbackup; `toolbox-dnd` and other channels are the user session's and make none) or `Tools:
 *   Tools heartbeat timeout.`: `heartbeat` (false for the RPC's line).
 */
import type { QuickPass } from '../../decode/decode';
import {
	decodeGuestError,
	CBT_STATUS_KEY,
	cbtError,
	type CbtErrorFields,
	ESXI_KINDS,
	ESX_STAMP,
	isPlaceholderStamp,
	MAX_CONTINUATIONS,
	PLACEHOLDER_STAMP,
	mostlyParsed,
	quiesceReason,
	REASON_KEYS,
	StampedLogReader,
	stampedClassified,
	stampedRecord,
	UTC_STAMP,
	utcStampEnd,
	type GuestErrorFields,
	type QuiesceReason,
} from './esxiCommon';
import { literalPattern, Prefixes, type Classified, type Detection, type FormatDefinition } from '../lib/format';
import { HEADER_KIND, PLAIN_EVENT, type KindDeclarations } from '../lib/kinds';
import { hasGluedDate, localStamp, monthNumber } from '../lib/stamps';
import { parseToolsPayload, ToolsMessageClassifier, TOOLS_MESSAGE_KINDS } from '../tools/toolsMessages';
import { VMX_KINDS, vmxSettingFields } from './vmx';

/** The fields every record of a line carries besides its kind's (see the module comment). */
export interface VmxLineFields {
	thread: string;
	opId: string | null;
}

/** What a forwarded `Guest:` line adds (see the module comment); `domain` and `level` null when the text is no Tools payload. */
interface GuestLineFields {
	guestText: string;
	domain: string | null;
	app: string | null;
	level: string | null;
	guestThread: number | null;
}

/** What vmware.log adds to the fields of a Tools message it forwards (a `Guest:` line with a Tools payload). */
export type ForwardedToolsFields = VmxLineFields & GuestLineFields & { domain: string; level: string };

/** The fields of each kind a single message makes, besides the line's (see the module comment). */
export interface VmxMessageFields {
	'log-header': { product: string; version: string; build: string };
	'snapshot-start': { name: string; quiesced: boolean | null; memory: boolean | null; lazy: boolean | null };
	'snapshot-done': { name: string; uid: number };
	'snapshot-failed': { uid: number; error: string; errorCode: number | null; reason: QuiesceReason | null };
	'quiesce-state': { from: string; to: string };
	stun: { stunUs: number };
	/** The opID of the request, hostd's with the VMX's suffix (it replaces the line's). */
	'vigor-request': { opId: string; seq: number; request: string };
	'vigor-response': { opId: string; seq: number; request: string; withMessages: boolean };
	'quiesce-note': { reason: QuiesceReason; message: string };
	'lwd-error': { disk: string | null; ioError: number | null; canceled: boolean; quiesceFailed: boolean; message: string };
	'cbt-error': CbtErrorFields;
	'tools-unresponsive': { heartbeat: boolean };
	'vm-file': { vm: string; path: string };
}

declare module '../../model/records' {
	interface RecordFields {
		'log-header': VmxLineFields & VmxMessageFields['log-header'];
		'snapshot-start': VmxLineFields & VmxMessageFields['snapshot-start'];
		'snapshot-done': VmxLineFields & VmxMessageFields['snapshot-done'];
		'snapshot-failed': VmxLineFields & VmxMessageFields['snapshot-failed'];
		'quiesce-state': VmxLineFields & VmxMessageFields['quiesce-state'];
		stun: VmxLineFields & VmxMessageFields['stun'];
		'vigor-request': VmxLineFields & VmxMessageFields['vigor-request'];
		'vigor-response': VmxLineFields & VmxMessageFields['vigor-response'];
		'msg-post': VmxLineFields & { msgType: string | null; severity: string | null; msgId: string | null; message: string; lastLine: number; reason: QuiesceReason | null } & GuestErrorFields;
		guest: VmxLineFields & GuestLineFields;
		'lwd-error': VmxLineFields & VmxMessageFields['lwd-error'];
		'tools-unresponsive': VmxLineFields & VmxMessageFields['tools-unresponsive'];
		'vm-file': VmxLineFields & VmxMessageFields['vm-file'];
	}
}

/** What the kinds of vmware.log mean (it also emits Tools kinds, `vmx-setting` and the host logs' `quiesce-note`). */
const VMWARE_LOG_KINDS = {
	'log-header': HEADER_KIND,
	'snapshot-start': { role: 'event', severity: 'info', failure: false, anchor: 'start' },
	'snapshot-done': PLAIN_EVENT,
	'snapshot-failed': { role: 'event', severity: 'error', failure: true, anchor: null },
	// Entering ERROR_WAIT is the VMX giving up on the quiesce; STARTED is the quiesce start the guest logs too.
	'quiesce-state': { role: 'event', severity: (f) => (f.to === 'ERROR_WAIT' ? 'error' : 'info'), failure: false, anchor: (f) => (f.to === 'STARTED' ? 'start' : null), phase: true },
	stun: PLAIN_EVENT,
	'vigor-request': PLAIN_EVENT,
	'vigor-response': PLAIN_EVENT,
	// What the VMX posts to the user during an attempt is what went wrong (vCenter shows it as the task's
	// error), though it posts a quiesce failure at its Warning level: a warning that states the failure.
	'msg-post': { role: 'event', severity: 'warning', failure: true, anchor: (f) => (f.vmbackupStatus != null || f.reason ? 'error' : null) },
	guest: PLAIN_EVENT,
	// The snapshot's data path failed: an error, and the snapshot's end when it cancels it.
	'lwd-error': { role: 'event', severity: 'error', failure: true, anchor: 'error' },
	// Tools not answering is a warning by itself (a busy guest, a user session's channel); it fails a quiesced
	// snapshot it happens in, which the attempt decides (analysis/attempts.ts), not the line: outside a try
	// it states no failure and makes no attempt of its own.
	'tools-unresponsive': { role: 'event', severity: 'warning', failure: false, anchor: null },
	// The VM's own file the VMX names (its memory image): which VM the log is about, when nothing else says.
	'vm-file': HEADER_KIND,
} satisfies KindDeclarations;

/** A line's stamp: a real one, or the placeholder a KB prints instead (read, untimed). */
const LINE_STAMP = `${ESX_STAMP}|${PLACEHOLDER_STAMP}`;
/** What follows the stamp in each shape, up to the message (see VmxLine). */
const OLD_PREFIX = String.raw`\| ([^|\s]+)\| ([A-Z])(\d{3})([:+])`;
// The VMX's facility number has two digits and its thread names no brackets: an 8.x syslog line of an
// agent (`In(166) Hostd[1050738]:`) must not match.
const NEW_PREFIX = String.raw` ([A-Z][a-z])\((\d{2})\)(\+?) ([\w.#-]+)`;
const OLD_LINE = new RegExp(String.raw`^(${LINE_STAMP})${OLD_PREFIX}(?: (.*))?$`);
const NEW_LINE = new RegExp(String.raw`^(${LINE_STAMP})${NEW_PREFIX}(?: (.*))?$`);
/**
 * Where a line that lost its line breaks (a KB's excerpt run together) holds another log line: a stamp of
 * either shape with its level and thread, right after the end of the line before (no blank between them).
 */
const RUN_ON = new RegExp(String.raw`(?<=[^\s[])(?=(?:${LINE_STAMP})(?:\| [^|\s]+\| [A-Z]\d{3}[:+]| [A-Z][a-z]\(\d{2}\)\+? [\w.#-]+) )`, 'g');

const MSG_HEADER = /^Msg_(Post|Question|Hint): ?(\w*)\s*$/;
const MSG_ID = /^\[(msg\.[\w.-]+)\]/;
const SEPARATOR = /^-{20,}\s*$/;
const LOG_HEADER = /^Log for (.+?) pid=(\d+) version=(\S+) build=(\S+)/;
// These look at the first occurrence of their literal only (one scan of the line): an unanchored search
// would rescan the rest of a hostile line from every occurrence (ReDoS-checked in test/robustness/redos.test.ts).
const SNAPSHOT_START = /^(?:(?!start: ').)*start: '(.*?)',? (?=\w+=)(.*)$/s;
const SNAPSHOT_ARG = /(?<!\w)(\w+)=([^,\s]*)/g;
const SNAPSHOT_DONE = /^(?:(?!Done with snapshot ').)*Done with snapshot '(.*)': (\d+)$/s;
const SNAPSHOT_FAILED = /Snapshot (\d+) failed: (.*?)(?: \((\d+)\))?\.?$/s;
const QUIESCE_STATE = /quiesce state: ([A-Z_]+) -> ([A-Z_]+)/;
const STUN = /vm stopped for (\d+) us/;
const GUEST_RELEVANT = /vmbackup|vmvss|vss|quiesc|syncdriver/i;
const VIGOR = /^(?:(?!opID=).)*opID=(\S+) seq=(\d+): (Receiving|Completed) ([\w.]+) request( with messages)?/s;
const DICT_SECTION = 'DICT --- ';
const DICT_ENTRY = /^DICT\s+(\S+) = "(.*)"\s*$/;

type Era = 'esx4' | 'esxi5' | 'esxi6' | 'esxi7' | 'esxi8' | 'hosted';
/** ESXi 5.0's line: the later shape without its level (`2012-05-14T13:34:34.351Z| vcpu-0| DISKLIB-CBT : …`). */
const ESX50_LINE = new RegExp(String.raw`^(${LINE_STAMP})\| ([^|\s]+)\| (.*)$`);

/** ESX 4's line (and Workstation/Fusion of its time): `Mar 12 03:01:14.512: vmx| message`. */
const ESX4_LINE = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d\d):(\d\d):(\d\d)\.(\d{3}): ([^|\s]+)\| ?(.*)$/;

/** One line in either shape. `cont` marks a `+` continuation line, whose text has no opID column. */
interface VmxLine {
	shape: 'old' | 'new';
	stamp: string;
	thread: string;
	cont: boolean;
	opId: string | null;
	msg: string;
	/** The info level number of the old shape (`I125` → 125); null for the ESXi 8 shape. */
	levelNumber: number | null;
	/** ESXi 5.0's shape: a UTC stamp and the thread, no level (ESX50_LINE). */
	levelless?: true;
}

/**
 * OLD_LINE's shape with a canonical UTC stamp (`STAMP| thread| I125: msg`), split by character codes: the
 * shape of nearly every ESXi 5–7 line. Null when the line is anything else (the regexes then decide).
 */
function splitOldLine(text: string): VmxLine | null {
	const end = utcStampEnd(text);
	if (end < 0 || text.charCodeAt(end) !== 0x7c || text.charCodeAt(end + 1) !== 0x20) return null;
	let i = end + 2;
	for (let c = text.charCodeAt(i); i < text.length && c !== 0x7c && c > 0x20; c = text.charCodeAt(++i));
	if (i === end + 2 || text.charCodeAt(i) !== 0x7c || text.charCodeAt(i + 1) !== 0x20) return null;
	const level = text.charCodeAt(i + 2);
	const digits = (c: number) => c >= 0x30 && c <= 0x39;
	if (level < 0x41 || level > 0x5a || !digits(text.charCodeAt(i + 3)) || !digits(text.charCodeAt(i + 4)) || !digits(text.charCodeAt(i + 5))) return null;
	const mark = text.charCodeAt(i + 6);
	if (mark !== 0x3a && mark !== 0x2b) return null;
	const after = i + 7;
	if (after < text.length && text.charCodeAt(after) !== 0x20) return null;
	return {
		shape: 'old',
		stamp: text.slice(0, end),
		thread: text.slice(end + 2, i),
		cont: mark === 0x2b,
		opId: null,
		msg: after < text.length ? text.slice(after + 1) : '',
		levelNumber: level === 0x49 ? Number(text.slice(i + 3, i + 6)) : null,
	};
}

function parseLine(text: string): VmxLine | null {
	const fast = splitOldLine(text);
	if (fast) return fast;
	const old = OLD_LINE.exec(text);
	if (old) return { shape: 'old', stamp: old[1], thread: old[2], cont: old[5] === '+', opId: null, msg: old[6] ?? '', levelNumber: old[3] === 'I' ? Number(old[4]) : null };
	const m = NEW_LINE.exec(text);
	if (!m) return esx4Line(text) ?? esx50Line(text);
	const rest = m[6] ?? '';
	if (m[4] === '+') return { shape: 'new', stamp: m[1], thread: m[5], cont: true, opId: null, msg: rest, levelNumber: null };
	const sp = rest.indexOf(' ');
	const column = sp < 0 ? rest : rest.slice(0, sp);
	return { shape: 'new', stamp: m[1], thread: m[5], cont: false, opId: column === '-' || column === '' ? null : column, msg: sp < 0 ? '' : rest.slice(sp + 1), levelNumber: null };
}

/** ESX4_LINE's line, its stamp as a local time without a year (`--03-12T03:01:14.512`); null for another line. */
function esx4Line(text: string): VmxLine | null {
	const m = ESX4_LINE.exec(text);
	const month = m ? monthNumber(m[1]) : null;
	if (!m || month === null) return null;
	const stamp = localStamp(null, month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
	return { shape: 'old', stamp, thread: m[7], cont: false, opId: null, msg: m[8], levelNumber: null };
}

/** ESX50_LINE's line (its message may be a `+` continuation of none: 5.0 prints none); null for another line. */
function esx50Line(text: string): VmxLine | null {
	const m = ESX50_LINE.exec(text);
	return m ? { shape: 'old', stamp: m[1], thread: m[2], cont: false, opId: null, msg: m[3], levelNumber: null, levelless: true } : null;
}

/** The era a line's shape and level number point at (formats.md §3.1). */
function eraOf(line: VmxLine): Era | null {
	if (line.stamp.startsWith('--')) return 'esx4';
	if (line.levelless) return line.stamp.endsWith('Z') || isPlaceholderStamp(line.stamp) ? 'esxi5' : 'hosted';
	// A placeholder names no zone: the line's shape and level tell the era, as for a UTC stamp.
	if (!line.stamp.endsWith('Z') && !isPlaceholderStamp(line.stamp)) return 'hosted';
	if (line.shape === 'new') return 'esxi8';
	if (line.levelNumber === null) return null;
	if (line.levelNumber < 100) return 'esxi7';
	return line.levelNumber <= 120 ? 'esxi5' : 'esxi6';
}

/** Where a line's own stamp ends at the latest: a date glued on after it is another line's (hasGluedDate: RUN_ON's cheap first test). */
const OWN_STAMP_CHARS = 20;

/**
 * The log lines a text line holds: itself, or the lines a lost line break ran together (RUN_ON). Most lines
 * hold one: a line with no date glued to a character past its own stamp is not searched further.
 */
function splitRunOn(text: string): string[] {
	if (!hasGluedDate(text, OWN_STAMP_CHARS)) return [text];
	const pieces: string[] = [];
	let from = 0;
	for (const m of text.matchAll(RUN_ON)) {
		if (m.index === 0) continue;
		pieces.push(text.slice(from, m.index));
		from = m.index;
	}
	pieces.push(text.slice(from));
	return pieces;
}

function detectVmwareLog(head: readonly string[]): Detection | null {
	const seen: { parsed: number; era: Era | null } = { parsed: 0, era: null };
	// Split only when a line holds another's stamp: a flatMap of the whole head cost most of this detection.
	const lines = head.some((l) => hasGluedDate(l, OWN_STAMP_CHARS)) ? head.flatMap(splitRunOn) : head;
	const mostly = mostlyParsed(lines, parseLine, (line) => {
		seen.parsed++;
		// A hosted stamp anywhere decides; otherwise the first line that shows its era does.
		const e = eraOf(line);
		if (e === 'hosted' || seen.era === null) seen.era = e ?? seen.era;
	});
	if (!mostly) return null;
	const variant = seen.era ?? 'esxi6';
	return { variant, reason: `${seen.parsed} leading lines have the vmware.log shape (stamp, thread, ${variant === 'esx4' ? 'no level' : `level${variant === 'esxi8' ? ' (NN), opID column' : ' Innn'}`}); era ${variant}` };
}

interface MsgBlock {
	stamp: string;
	thread: string;
	opId: string | null;
	lineNo: number;
	raw: string;
	msgType: string | null;
	severity: string | null;
	msgId: string | null;
	lines: string[];
	lastLine: number;
}

/**
 * The two messages of Tools not answering (tools-unresponsive), whole: compared where the message starts
 * (VMX_STARTS), never searched for in the line, so the quick lane's search stays as it was. The RPC's is
 * the service channel's only: the user session's `message to toolbox-dnd timed out`, frequent in the logs of
 * VMs nobody is logged on to, differs at the `-` and stays in the lane (a prefix that took it cost a
 * 200 MB vmware.log a third more time).
 */
const RPC_TIMED_OUT = 'GuestRpcSendTimedOut: message to toolbox timed out';
const HEARTBEAT_TIMEOUT = 'Tools: Tools heartbeat timeout';

/**
 * Whatever makes handle() or recordFields() give a record: a message that starts with none of VMX_STARTS
 * and holds none of VMX_LITERALS gives none. `Snapshot` stands for both snapshot texts and VigorTransport's
 * condition, `Unstun` for `Checkpoint_Unstun:`, `quiesc` (a reason key) for `quiesce state:`, `(0xbad` for a
 * DiskLib CBT line's VMkernel status (cbtError).
 */
const VMX_STARTS = new Prefixes(['Msg_', '[msg.', 'DICT ', 'Guest: ', 'Log for ', 'LWD: ', 'PANIC: ', RPC_TIMED_OUT, HEARTBEAT_TIMEOUT]);
const VMX_LITERALS = literalPattern(['Snapshot', 'Unstun', CBT_STATUS_KEY, ...REASON_KEYS]);
/**
 * The quick lane's plain line, up to where its message starts: `STAMP| thread| I125: ` (ESXi 5–7) or
 * `STAMP In(05) thread opID ` (ESXi 8), UTC stamps only. Every line it matches is one parseLine reads so.
 */
const QUICK_PLAIN_SOURCE = String.raw`${UTC_STAMP}(?:\| [!-{}~]+\| [A-Z]\d{3}: | [A-Z][a-z]\(\d\d\) [\w.#-]+ [^ \r\n]* )`;
const QUICK_PLAIN = new RegExp(QUICK_PLAIN_SOURCE, 'y');
/** A `Guest:` text without a Tools payload that GUEST_RELEVANT finds nothing in, to the line's end. */
const QUICK_GUEST_IRRELEVANT = new RegExp(String.raw`Guest: (?!\[)(?:(?!${GUEST_RELEVANT.source})[^\r\n])*[\r\n]`, 'iy');
/** A continuation line's head, `STAMP| thread| I125+` or `STAMP In(05)+ thread`. */
const CONTINUATION_HEAD = String.raw`${UTC_STAMP}(?:\| [!-{}~]+\| [A-Z]\d{3}\+| [A-Z][a-z]\(\d\d\)\+ [\w.#-]+)`;
/** The quick lane's continuation line: its head followed by a blank or the line's end. */
const QUICK_CONTINUATION = new RegExp(String.raw`${CONTINUATION_HEAD}(?:[ \r\n])`, 'y');
/**
 * The quick lane's run (QuickPass.runPattern): the head of a plain line whose message starts with none of
 * VMX_STARTS (`Guest:` lines are left to take()) or of a continuation. The two exclude each other (`:` or `+`
 * after the level), so every line matches as take() decides it.
 */
const QUICK_RUN = new RegExp(String.raw`${QUICK_PLAIN_SOURCE}${VMX_STARTS.absent}|${CONTINUATION_HEAD}(?=[ \n])`, 'y');

class VmwareLogReader extends StampedLogReader<VmxLine> implements QuickPass {
	private block: MsgBlock | null = null;
	/** The reader is its own quick lane: one method for every reader of the class, so the splitter's call of it stays optimized. */
	readonly quick: QuickPass = this;
	readonly literals = VMX_LITERALS;
	/** Inside the `DICT --- CONFIGURATION` section of the power-on dump (the VM's own .vmx). */
	private inConfigDict = false;
	/** Follows the guest's vmbackup runs across forwarded `Guest:` lines, as in the guest's own log. */
	private readonly tools = new ToolsMessageClassifier();

	/**
	 * The quick lane: with no Msg_Post block open, a line stamped in UTC like the line before gives nothing
	 * when it is a plain line whose message starts with none of VMX_STARTS (and holds no literal) or is a
	 * `Guest:` line that matters to no one, or a continuation (ignored outside a block).
	 */
	take(chunk: string, start: number): boolean {
		if (this.block !== null || !this.clock.utc) return false;
		QUICK_PLAIN.lastIndex = start;
		if (QUICK_PLAIN.test(chunk)) {
			const msg = QUICK_PLAIN.lastIndex;
			if (!VMX_STARTS.at(chunk, msg)) return true;
			// Forwarded guest chatter (`Guest: toolbox: …`) gives nothing either, as guest() reads it.
			QUICK_GUEST_IRRELEVANT.lastIndex = msg;
			return QUICK_GUEST_IRRELEVANT.test(chunk);
		}
		QUICK_CONTINUATION.lastIndex = start;
		return QUICK_CONTINUATION.test(chunk);
	}

	/** Runs (QuickPass.runPattern) while take() takes lines without a state: no Msg_Post block open, the clock in UTC. */
	runPattern(): RegExp | null {
		return this.block === null && this.clock.utc ? QUICK_RUN : null;
	}

	/**
	 * A line longer than the splitter's windows (a stats blob), by its head: take() reads a plain line no
	 * further than where its message starts, and refuses a `Guest:` line, which it reads to its end (the head
	 * has none). A head holding another line's stamp is refused: a text that lost its line breaks, whose
	 * later lines line() reads (splitRunOn).
	 */
	takeLong(head: string): boolean {
		return !hasGluedDate(head, OWN_STAMP_CHARS) && this.take(head, 0);
	}

	/**
	 * The lane consults the open block and the clock's zone only: a new reader has no block open, and refuses
	 * every line until it has noted a stamp (its zone unknown), after which its zone is this one's.
	 */
	resumable(): boolean {
		return this.block === null;
	}

	protected override parse(text: string): VmxLine | null {
		return parseLine(text);
	}

	/** Each log line a text line holds (splitRunOn), under the text line's number. */
	override line(text: string, lineNo: number): void {
		for (const piece of splitRunOn(text)) super.line(piece, lineNo);
	}

	protected override accept(line: VmxLine, raw: string, lineNo: number): void {
		// Other threads' lines interleave with a block; only its own thread's next plain line ends it.
		if (this.block && line.thread === this.block.thread) {
			if (this.extendBlock(line, lineNo)) return;
			this.flushBlock();
		}
		// A continuation outside a message block belongs to a line no record is made of.
		if (line.cont) return;
		this.handle(line, raw, lineNo);
	}

	protected override finish(): void {
		this.flushBlock();
	}

	/** Adds a line to the open Msg_Post block; false when the line is not part of it. */
	private extendBlock(line: VmxLine, lineNo: number): boolean {
		const block = this.block!;
		if (SEPARATOR.test(line.msg)) {
			block.lastLine = lineNo;
			this.flushBlock();
			return true;
		}
		const id = line.cont ? null : MSG_ID.exec(line.msg);
		if (!line.cont && !id) return false;
		block.msgId ??= id?.[1] ?? null;
		if (block.lines.length < MAX_CONTINUATIONS) block.lines.push(line.msg);
		block.lastLine = lineNo;
		return true;
	}

	private openBlock(line: VmxLine, raw: string, lineNo: number, msgType: string | null, severity: string | null): MsgBlock {
		this.flushBlock();
		this.block = { stamp: line.stamp, thread: line.thread, opId: line.opId, lineNo, raw, msgType, severity, msgId: null, lines: [], lastLine: lineNo };
		return this.block;
	}

	private flushBlock(): void {
		const b = this.block;
		if (!b) return;
		this.block = null;
		const message = b.lines.join('\n');
		this.records.push(
			stampedRecord(
				this.path,
				b.lineNo,
				b.stamp,
				'msg-post',
				{
					thread: b.thread,
					opId: b.opId,
					msgType: b.msgType,
					severity: b.severity,
					msgId: b.msgId,
					message,
					lastLine: b.lastLine,
					reason: quiesceReason(message, b.msgId),
					...decodeGuestError(message),
				},
				b.raw,
			),
		);
	}

	private handle(line: VmxLine, raw: string, lineNo: number): void {
		const m = line.msg;
		if (m.startsWith('Msg_')) {
			const header = MSG_HEADER.exec(m);
			if (header) this.openBlock(line, raw, lineNo, header[1], header[2] || null);
			return;
		}
		if (m.startsWith('[msg.')) {
			const block = this.openBlock(line, raw, lineNo, null, null);
			block.msgId = MSG_ID.exec(m)?.[1] ?? null;
			block.lines.push(m);
			return;
		}
		if (m.startsWith('DICT ')) {
			this.dict(line, raw, lineNo);
			return;
		}
		if (m.startsWith('Guest: ')) {
			this.guest(line, raw, lineNo);
			return;
		}
		const made = recordFields(m);
		if (!made) return;
		const lineFields: VmxLineFields = { thread: line.thread, opId: line.opId };
		this.records.push(stampedClassified(this.path, lineNo, line.stamp, made, lineFields, raw));
	}

	private guest(line: VmxLine, raw: string, lineNo: number): void {
		const guestText = line.msg.slice('Guest: '.length);
		const payload = parseToolsPayload(guestText);
		const found = payload ? this.tools.classify(payload.domain, payload.level, payload.message) : null;
		if (payload && found) {
			const forwarded: ForwardedToolsFields = { thread: line.thread, opId: line.opId, guestText, domain: payload.domain, app: payload.app, level: payload.level, guestThread: payload.thread };
			this.records.push(stampedClassified(this.path, lineNo, line.stamp, found, forwarded, raw));
			return;
		}
		if (!GUEST_RELEVANT.test(guestText)) return;
		this.records.push(
			stampedRecord(
				this.path,
				lineNo,
				line.stamp,
				'guest',
				{
					thread: line.thread,
					opId: line.opId,
					guestText,
					domain: payload?.domain ?? null,
					app: payload?.app ?? null,
					level: payload?.level ?? null,
					guestThread: payload?.thread ?? null,
				},
				raw,
			),
		);
	}

	private dict(line: VmxLine, raw: string, lineNo: number): void {
		if (line.msg.startsWith(DICT_SECTION)) {
			this.inConfigDict = line.msg.startsWith('CONFIGURATION', DICT_SECTION.length);
			return;
		}
		if (!this.inConfigDict) return;
		const entry = DICT_ENTRY.exec(line.msg);
		const setting = entry ? vmxSettingFields(entry[1], entry[2]) : null;
		if (setting) this.records.push(stampedRecord(this.path, lineNo, line.stamp, 'vmx-setting', { thread: line.thread, opId: line.opId, ...setting }, raw));
	}
}

/** The record a single (non-block) message makes, tested by a literal before any regex runs. */
function recordFields(m: string): Classified<VmxMessageFields> | null {
	if (m.includes('SnapshotVMX_TakeSnapshot start:')) {
		const s = SNAPSHOT_START.exec(m);
		if (!s) return null;
		const args = new Map<string, string>();
		for (const a of s[2].matchAll(SNAPSHOT_ARG)) args.set(a[1], a[2]);
		const flag = (k: string) => (args.has(k) ? args.get(k) === '1' : null);
		return { kind: 'snapshot-start', fields: { name: s[1], quiesced: flag('quiesced'), memory: flag('deviceState'), lazy: flag('lazy') } };
	}
	if (m.includes('TakeSnapshotComplete:')) {
		// Trimmed once here, so that neither pattern needs a trailing `\s*` to backtrack over.
		const text = m.trimEnd();
		const done = SNAPSHOT_DONE.exec(text);
		if (done) return { kind: 'snapshot-done', fields: { name: done[1], uid: Number(done[2]) } };
		const failed = SNAPSHOT_FAILED.exec(text);
		if (failed) return { kind: 'snapshot-failed', fields: { uid: Number(failed[1]), error: failed[2], errorCode: failed[3] ? Number(failed[3]) : null, reason: quiesceReason(failed[2]) } };
		return null;
	}
	if (m.includes('ToolsBackup: changing quiesce state:')) {
		const s = QUIESCE_STATE.exec(m);
		return s ? { kind: 'quiesce-state', fields: { from: s[1], to: s[2] } } : null;
	}
	if (m.includes('Checkpoint_Unstun:')) {
		const s = STUN.exec(m);
		return s ? { kind: 'stun', fields: { stunUs: Number(s[1]) } } : null;
	}
	if (m.startsWith('VigorTransport')) {
		// Only snapshot requests matter; the guest-stats chatter never reaches the regex.
		if (!m.includes('Snapshot')) return null;
		const v = VIGOR.exec(m);
		if (!v || !v[4].startsWith('Snapshot')) return null;
		const fields = { opId: v[1], seq: Number(v[2]), request: v[4] };
		return v[3] === 'Receiving' ? { kind: 'vigor-request', fields } : { kind: 'vigor-response', fields: { ...fields, withMessages: v[5] !== undefined } };
	}
	if (m.startsWith('Log for ')) {
		const h = LOG_HEADER.exec(m);
		return h ? { kind: 'log-header', fields: { product: h[1], version: h[3], build: h[4] } } : null;
	}
	if (m.startsWith('LWD: ') || m.startsWith('PANIC: LWD: ')) return lwdError(m.slice(m.indexOf('LWD: ') + 'LWD: '.length));
	if (m.startsWith(RPC_TIMED_OUT)) return { kind: 'tools-unresponsive', fields: { heartbeat: false } };
	if (m.startsWith(HEARTBEAT_TIMEOUT)) return { kind: 'tools-unresponsive', fields: { heartbeat: true } };
	if (m.startsWith('DISKLIB-C')) {
		const cbt = cbtError(m);
		return cbt ? { kind: 'cbt-error', fields: cbt } : null;
	}
	const reason = quiesceReason(m);
	if (reason) return { kind: 'quiesce-note', fields: { reason, message: m } };
	return vmFile(m);
}

/**
 * A VM's own file on a datastore: `/vmfs/volumes/<datastore>/<folder>/<file>` whose name is the folder's, then
 * `-`, `_` or `.`, ending in one of the extensions only the VM itself owns (its configuration, memory image,
 * snapshot state and list, suspend state, NVRAM). A disk (`.vmdk`) may be another VM's (a backup proxy's
 * hot-added disks), so it names none. Only lines that reach recordFields are read (the quick lane passes
 * those holding `Snapshot`, as a snapshot's memory image `<vm>-Snapshot<n>.vmem` does): no cost elsewhere.
 */
const VM_FILE = /\/vmfs\/volumes\/[^/'"\r\n]{1,200}\/([^/'"\r\n]{1,200})\/([^/'"\r\n]{1,240}?\.(?:vmx|vmem|vmsn|vmsd|vmss|nvram))(?![\w-])/;
function vmFile(m: string): Classified<VmxMessageFields> | null {
	if (!m.includes('/vmfs/volumes/')) return null;
	const f = VM_FILE.exec(m);
	if (!f) return null;
	const [, folder, file] = f;
	const after = file.charAt(folder.length);
	if (!file.startsWith(folder) || (after !== '-' && after !== '_' && after !== '.')) return null;
	return { kind: 'vm-file', fields: { vm: folder, path: f[0] } };
}

/** The I/O status an LWD error prints: `Error 15:`, `Error: 15:` or a closing `(15)`. */
const LWD_STATUS = /\bError:? (\d{1,4}):|\((\d{1,4})\)\s*$/;
const LWD_DISK = /\bdisk ([0-9A-Fa-f]{6,16})\b/;
/**
 * An LWD line that states a failure of the snapshot's data path (see the module comment): one with an I/O
 * status, or that cancels the snapshot, or that could not quiesce the disk's I/O. LWD's other lines (its
 * progress and statistics) make none. The VMX logs these in English on every host, as its other messages.
 */
function lwdError(message: string): Classified<VmxMessageFields> | null {
	const status = LWD_STATUS.exec(message);
	const canceled = message.includes('snapshot must be canceled');
	const quiesceFailed = message.includes('Failure to quiesce IOs');
	if (!status && !canceled && !quiesceFailed) return null;
	const code = status ? (status[1] ?? status[2]) : null;
	return { kind: 'lwd-error', fields: { disk: LWD_DISK.exec(message)?.[1] ?? null, ioError: code === null ? null : Number(code), canceled, quiesceFailed, message } };
}

/** The per-VM `vmware.log` of ESXi 5.x–8.x and hosted products (formats.md §3). */
export const vmwareLog = {
	id: 'vmware-log',
	title: 'vmware.log (VM process log)',
	url: 'https://docs.vmware.com/en/VMware-vSphere/7.0/com.vmware.vsphere.monitoring.doc/GUID-832A2618-6B11-4A28-9672-93296DA931D0.html',
	origin: 'vmx',
	kinds: { ...VMWARE_LOG_KINDS, ...ESXI_KINDS, ...VMX_KINDS, ...TOOLS_MESSAGE_KINDS },
	variants: [
		{
			name: 'esxi5',
			samples: [
				`2015-05-12T13:39:14.328Z| vmx| I120: SnapshotVMX_TakeSnapshot start: 'veeam-quiesce', deviceState=0, lazy=0, logging=0, quiesced=1, forceNative=0, tryNative=1, sibling=0 saveAllocMaps=0 cb=2C7B9A0, cbData=3D11E60
2015-05-12T13:39:14.331Z| vcpu-0| I120: ToolsBackup: changing quiesce state: IDLE -> STARTED
2015-05-12T13:54:14.350Z| vmx| I120: Msg_Post: Warning
2015-05-12T13:54:14.350Z| vmx| I120: [msg.snapshot.quiesce.timeout] Timed out while quiescing the virtual machine.
2015-05-12T13:54:14.350Z| vmx| I120: ----------------------------------------
2015-05-12T13:54:14.353Z| vcpu-0| I120: ToolsBackup: changing quiesce state: STARTED -> ERROR_WAIT
`,
				// KB 2114076's line: CBT could not get memory on an ESXi 6.0 host (read by its VMkernel status).
				`2015-05-20T08:00:01.000Z| vmx| I120: SnapshotVMX_TakeSnapshot start: 'backup', deviceState=0, lazy=0, logging=0, quiesced=1, forceNative=0, tryNative=1, sibling=0 saveAllocMaps=0 cb=1E9B3D0, cbData=32724A60
2015-05-20T08:00:03.600Z| vcpu-0| I120: DISKLIB-CBT   : Creating cbt node 92b78c-cbt failed with error Cannot allocate memory (0xbad0014, Out of memory)
`,
				// ESXi 5.0 printed no level.
				`2012-05-14T13:34:34.351Z| vcpu-0| DISKLIB-CBT : Shutting down change tracking for untracked fid 5277995.
2012-05-14T13:34:34.377Z| vcpu-0| DISKLIB-LIB : Resuming change tracking.
2012-05-14T13:34:34.412Z| vcpu-0| Checkpoint_Unstun: vm stopped for 4233332 us
`,
			],
		},
		{
			name: 'esxi6',
			samples: [
				`2016-12-29T05:54:32.074Z| vmx| I125: Guest: [   debug] [vmsvc:vmbackup] *** VmBackupSyncDriverStart
2016-12-29T05:54:34.166Z| vmx| I125: Msg_Post: Warning
2016-12-29T05:54:34.166Z| vmx| I125: [msg.snapshot.quiesce.vmerr] The guest OS has reported an error during quiescing.
2016-12-29T05:54:34.166Z| vmx| I125+ The error code was: 3
2016-12-29T05:54:34.166Z| vmx| I125+ The error message was: Error when enabling the sync provider.
`,
			],
		},
		{
			name: 'esxi7',
			samples: [
				`2024-05-22T19:30:02.117Z| vmx| I005: SnapshotVMX_TakeSnapshot start: 'Commvault-5512', deviceState=0, lazy=0, quiesced=1, forceNative=0, tryNative=1, saveAllocMaps=0
2024-05-22T19:30:02.121Z| vcpu-0| I005: ToolsBackup: changing quiesce state: IDLE -> STARTED
2024-05-22T19:30:50.422Z| vmx| I005: Msg_Post: Warning
2024-05-22T19:30:50.422Z| vmx| I005: [msg.snapshot.quiesce.vmerr] The guest OS has reported an error during quiescing.
2024-05-22T19:30:50.422Z| vmx| I005+ The error code was: 5
2024-05-22T19:30:50.422Z| vmx| I005+ The error message was: 'VssSyncStart' operation failed: IDispatch error #8691 (0x800423F3)
2024-05-22T19:30:52.433Z| vmx| I005: SnapshotVMXTakeSnapshotComplete: Snapshot 0 failed: Failed to quiesce the virtual machine (31).
`,
			],
		},
		{
			name: 'esxi8',
			samples: [
				`2023-12-05T17:42:40.666Z In(05) vmx vim-cmd-09-a45d SnapshotVMX_TakeSnapshot start: 'snapshot_exfill', deviceState=1, lazy=1, quiesced=0, forceNative=0, tryNative=1, saveAllocMaps=0
2023-12-05T17:42:40.680Z In(05) vcpu-0 vim-cmd-09-a45d MainMem: Writing full memory image, '/vmfs/volumes/643a85c2-3920a51f-8175-48210b361288/Base-WindowsServer2019/Base-WindowsServer2019-Snapshot2.vmem'
2023-12-05T17:42:40.741Z In(05) vcpu-0 - SnapshotVMXTakeSnapshotWork: Initiated lazy snapshot 'snapshot_exfill': 2
2023-12-05T17:42:41.585Z In(05) vmx - SnapshotVMXTakeSnapshotComplete: Done with snapshot 'snapshot_exfill': 2
`,
			],
		},
		{
			name: 'esx4',
			samples: [
				`Mar 12 03:01:14.512: vmx| SnapshotVMX_TakeSnapshot start: 'VCB-SNAPSHOT', deviceState=0, lazy=0, logging=0, quiesced=1, forceNative=0, tryNative=1, sibling=0 saveAllocMaps=0 cb=46A9E10, cbData=3AC2F590
Mar 12 03:01:14.620: vcpu-0| ToolsBackup: changing quiesce state: IDLE -> STARTED
Mar 12 03:06:14.700: vmx| ToolsBackup: changing quiesce state: STARTED -> ERROR_WAIT
Mar 12 03:06:15.002: vmx| Msg_Post: Error
Mar 12 03:06:15.002: vmx| [msg.snapshot.quiesce.vmx_timeout] Timed out while quiescing the virtual machine.
Mar 12 03:06:15.002: vmx| ----------------------------------------
Mar 12 03:06:15.020: vmx| SnapshotVMXTakeSnapshotComplete: Snapshot 0 failed: Failed to quiesce the virtual machine. (40).
`,
			],
		},
		{
			name: 'hosted',
			samples: [
				`2017-02-13T20:24:26.983-06:00| vmx| I125: Log for VMware Workstation pid=9412 version=12.5.2 build=build-4638234 option=Release
2017-02-13T20:24:26.983-06:00| vmx| I125: Host codepage=windows-1252 encoding=windows-1252
2017-02-13T20:31:02.118-06:00| vmx| I125: SnapshotVMX_TakeSnapshot start: 'before-patch', deviceState=0, lazy=0, logging=0, quiesced=1, forceNative=0, tryNative=1, sibling=0 saveAllocMaps=0 cb=0, cbData=0
2017-02-13T20:31:02.120-06:00| vcpu-0| I125: ToolsBackup: changing quiesce state: IDLE -> STARTED
`,
			],
		},
	],

	// A stamped line of either layout (the stamp, then `| thread| I125:` or ` In(05) thread`).
	startLine: new RegExp(`(?:${OLD_LINE.source})|(?:${NEW_LINE.source})`),
	detect: detectVmwareLog,

	reader(path) {
		return new VmwareLogReader(path);
	},
} satisfies FormatDefinition;
