/**
 * The management agents' logs: ESXi `hostd.log` and `vpxa.log`, vCenter `vpxd.log` (formats.md §4). One
 * reader serves the three; which agent wrote a file is decided from its content (the process name on the
 * line, `sub=` component names, task and method ids), never from the file name. Line shapes by era:
 * - 4.x: `[YYYY-MM-DD HH:MM:SS.fff THREAD level 'Sub' opID=…] message`, the stamp inside the bracket, with no
 *   zone (the host's local time: records get `local`, and `time` stays null); the same line follows a syslog
 *   prefix in the host's `/var/log/messages` (esxSyslog.ts reads that file)
 * - 5.x / 6.0: `STAMP [THREAD level 'Sub' opID=… user=…] message`
 * - 6.5 / 6.7 (hex thread) and 7.0 (decimal thread): `STAMP level hostd[THREAD] [Originator@6876 sub=… opID=… user=…] message`
 *   (Windows vCenter stamps `±hh:mm`; its vpxd may omit the bracket)
 * - 8.x: `STAMP In(166) Hostd[PID]: [Originator@6876 sub=… opID=… sid=… user=…] message`; vCenter 8 vpxd also
 *   `STAMP INFO vpxd PID [Originator@4413 sub="…" opID="…"] message`
 * - section headers (`STAMP Section for VMware ESX, pid=…, version=…, build=…`, `STAMP - last log rotation time, …`)
 * - `-->` continuation lines (bare, or after an 8.x header), read as part of the message above them.
 *
 * Every record carries `agent` (`hostd` | `vpxa` | `vpxd`), `level` (`info`, `warning`, `error`, `verbose` …),
 * `sub`, `opId`, `user` (null when the line has none). Record kinds and their other fields:
 * - `task-created` — `Task Created : <id>` or `[VpxLRO] -- BEGIN <id> -- <entity> -- <method>`: `taskId`
 *   (`haTask-12-vim.VirtualMachine.createSnapshot-183552208`, `task-768`), `entity` (`12`, `vm-1421`, or null),
 *   `method` (`vim.VirtualMachine.createSnapshot`, `vpxapi.VpxaService.createSnapshot`, or null).
 * - `task-completed` — `Task Completed : <id> Status success|error`, `[VpxLRO] -- FINISH <id>` or
 *   `-- ERROR <id> … <method>: <error>`: `taskId`, `entity`, `method`, `status` (`success` | `error` | as
 *   printed), `error` (text after the method, or null), `fault` (`vim.fault.ApplicationQuiesceFault` … found in
 *   the message or its continuation lines, or null), and the failure fields below.
 * - `vm-state` — `State Transition (VM_STATE_ON -> VM_STATE_CREATE_SNAPSHOT)`: `vmx` (the VM's .vmx path from
 *   `sub=`, or null), `from`, `to`.
 * - `tools-status` — `Tools running status changed to: guestToolsRunning` (and the version form): `vmx`,
 *   `what` (`running` | `version`), `status`.
 * - `quiesce-note` — a message (with its continuations) stating a quiesce reason, e.g. hostd's event
 *   `Warning message from …: The guest OS has reported an error during quiescing. --> The error code was: 5 …`:
 *   `vmx`, `eventId` (hostd event number or null), `fault`, `message` (joined with `\n`), and the failure fields.
 * Failure fields (from the message and its continuation lines; null when absent): `reason` (see quiesceReason)
 * and the guest report `vmbackupStatus`, `errorMessage`, `op`, `detail`, `hresult`, `idispatchError` (see
 * decodeGuestError).
 * - `no-space` — a message stating ENOSPC (`FileIO error: No space left : /var/lib/vmware/hostd/stats/…`): `path`
 *   (the file it could not write, or null), `message`.
 * - `fault` — any other message naming a `vim.fault.*` / `vmodl.fault.*`: `vmx`, `fault`, `message`.
 * - `section` — a section header: `product`, `pid`, `version`, `build` (null when the line has no section).
 */
import type { QuickPass } from '../../decode/decode';
import type { LogRecord, RecordKind } from '../../model/records';
import { decodeGuestError, ESXI_KINDS, ESX_STAMP, MAX_CONTINUATIONS, mostlyParsed, quiesceReason, REASON_KEYS, StampedLogReader, stampedClassified, stampedRecord, UTC_STAMP, utcStampEnd, type GuestErrorFields, type QuiesceReason } from './esxiCommon';
import { unrelay } from './relay';
import { literalPattern, Prefixes, type Classified, type Detection, type FormatDefinition, type FormatVariant } from '../lib/format';
import { RepeatLane } from '../lib/fold';
import type { Origin } from '../../model/report';
import { HEADER_KIND, PLAIN_EVENT, type KindDeclarations, type KindTable } from '../lib/kinds';
import { TakenMessage } from '../lib/multiline';

export type Agent = 'hostd' | 'vpxa' | 'vpxd';

/** The fields every record of a message carries besides its kind's (see the module comment). */
export interface AgentLineFields {
	agent: Agent;
	level: string;
	sub: string | null;
	opId: string | null;
	user: string | null;
}

/** The failure fields (see the module comment). */
type FailureFields = { reason: QuiesceReason | null } & GuestErrorFields;

/** A task's id and what the id or the LRO line says of it. */
interface TaskFields {
	taskId: string;
	entity: string | null;
	method: string | null;
}

/** The fields of each kind a message makes, besides the line's (see the module comment). */
export interface AgentMessageFields {
	'task-created': TaskFields;
	'task-completed': TaskFields & { status: string; error: string | null; fault: string | null } & FailureFields;
	'vm-state': { vmx: string | null; from: string; to: string };
	'tools-status': { vmx: string | null; what: string; status: string };
	'quiesce-note': { vmx: string | null; eventId: number | null; fault: string | null; message: string; reason: QuiesceReason } & GuestErrorFields;
	fault: { vmx: string | null; fault: string; message: string };
	'no-space': { path: string | null; message: string };
}

declare module '../../model/records' {
	interface RecordFields {
		'task-created': AgentLineFields & AgentMessageFields['task-created'];
		'task-completed': AgentLineFields & AgentMessageFields['task-completed'];
		'vm-state': AgentLineFields & AgentMessageFields['vm-state'];
		'tools-status': AgentLineFields & AgentMessageFields['tools-status'];
		fault: AgentLineFields & AgentMessageFields['fault'];
		'no-space': AgentLineFields & AgentMessageFields['no-space'];
		section: { agent: Agent; product: string | null; pid: string | null; version: string | null; build: string | null };
	}
}

/** What the kinds of the agents' logs mean (`quiesce-note` is the host logs' shared kind, esxiCommon.ts). */
const AGENT_LOG_KINDS = {
	// A snapshot task's creation is the host's and vCenter's view of the snapshot start.
	'task-created': { role: 'event', severity: 'info', failure: false, anchor: (f) => (f.method?.includes('createSnapshot') ? 'start' : null) },
	'task-completed': { role: 'event', severity: (f) => (f.status === 'error' ? 'error' : 'info'), failure: (f) => f.status === 'error', anchor: null },
	'vm-state': PLAIN_EVENT,
	'tools-status': PLAIN_EVENT,
	fault: { role: 'event', severity: 'error', failure: true, anchor: null },
	// The agent could not write its own files (a full ramdisk): it fails and may crash, whatever the attempt.
	'no-space': { role: 'event', severity: 'error', failure: false, anchor: null },
	section: HEADER_KIND,
} satisfies KindDeclarations;
const AGENTS: readonly Agent[] = ['hostd', 'vpxa', 'vpxd'];
/** Line shapes, in the order the products introduced them; the shape names the era. */
type Shape = 'bracketed4' | 'bracketed' | 'originator' | 'syslog' | 'spaced-pid';

const STAMPED = new RegExp(String.raw`^(${ESX_STAMP}) (.*)$`);
const BRACKETED = /^\[(\w+) (\w+) '([^']*)'([^\]]*)\] ?(.*)$/;
/** 4.x: the stamp (local time, no zone) opens the bracket. */
const BRACKETED4 = /^\[(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?) (\w+) (\w+) '([^']*)'([^\]]*)\] ?(.*)$/;
const SYSLOG = /^([A-Z][a-z])\((\d{1,3})\) ([\w.-]+)\[(\d+)\]:(?: (.*))?$/;
const ORIGINATOR = /^([A-Za-z]+) ([\w.-]+)(?:\[(\w+)\]| (\d+)) (.*)$/;
/** 8.x hostd lines that repeat the older header inside the syslog one: `info -[1001392061] [Originator…`. */
const EMBEDDED_HEADER = /^([a-z]+) [\w.-]*\[\w+\] (?=\[)/;
// Only the first "Section for" is tried (one scan): an unanchored search would rescan the rest of a hostile line from every occurrence.
const SECTION = /^(?:(?!Section for ).)*Section for (.+?), pid=(\w+), version=([^,]+), build=([^,\s]+)/s;
const KEY = /(?:^|\s)([A-Za-z]\w*)=/g;
/** What `.` does not match: a quoted value holding one keeps its quotes. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const SYSLOG_LEVELS: Readonly<Record<string, string>> = { In: 'info', Wa: 'warning', Er: 'error', Db: 'verbose', No: 'notice', Cr: 'critical', Al: 'alert', Em: 'emergency' };

const TASK_COMPLETED = /^Task Completed : (\S+) Status (\w+)/;
const HA_TASK = /^haTask-(.*?)-((?:vim|vmodl)\.[\w.]+)-(\d+)$/;
const TASK_ID = /^(?:task-\d+|haTask-\S+)$/;
const LRO = /\[VpxLRO\] -- (BEGIN|FINISH|ERROR|CANCEL\w*) (\S+)(.*)$/s;
const LRO_ERROR = / ([A-Za-z]\w*(?:\.\w+)+):(?: (.*))?$/s;
const STATE_TRANSITION = /^State Transition \((\w+) -> (\w+)\)/;
const TOOLS_STATUS = /^Tools (running|version) status changed to: (\w+)/;
const EVENT_ID = /^Event (\d+) : /;
const FAULT = /\b((?:vim|vmodl)\.fault\.\w+)/;
/**
 * ENOSPC as the agents print it: C's strerror `No space left on device`, or hostd's FileIO error, which cuts
 * it to `No space left : <path>`. The agents log in English on every host.
 */
const NO_SPACE = 'No space left';
const NO_SPACE_PATH = /No space left(?: on device)? ?:? (\/[^\s'"]+)/;

/** One parsed line: a header (starts a message), a `-->` continuation, or a section line. */
export type AgentLine =
	{ type: 'header'; shape: Shape; stamp: string; level: string; proc: string | null; thread: string | null; kv: Kv; msg: string } | { type: 'continuation'; stamp: string | null; msg: string } | { type: 'section'; stamp: string; msg: string };

/**
 * Splits `Originator@6876 sub=… opID=… user=vpxuser:<no user>` at each ` key=`; values may hold spaces and
 * quotes. One scan of KEY and plain slices: an array of matches and a regular expression
 * per value cost a microsecond a record on record-dense hostd logs.
 */
function parseKv(inner: string): Map<string, string> {
	const kv = new Map<string, string>();
	KEY.lastIndex = 0;
	let key: RegExpExecArray | null = KEY.exec(inner);
	while (key !== null) {
		const start = key.index + key[0].length;
		const name = key[1] === 'opId' ? 'opID' : key[1];
		const next = KEY.exec(inner);
		let value = inner.slice(start, next === null ? inner.length : next.index).trim();
		// One pair of quotes around the whole value is dropped (`user="vpxuser:<no user>"`), as `^"(.*)"$` would.
		if (value.length >= 2 && value.charCodeAt(0) === 0x22 && value.charCodeAt(value.length - 1) === 0x22 && !LINE_BREAK.test(value)) value = value.slice(1, -1);
		kv.set(name, value);
		key = next;
	}
	return kv;
}

/** A header's `key=value` pairs, read only through `get`. */
interface Kv {
	get(key: string): string | undefined;
}

const NO_KV: Kv = { get: () => undefined };

/**
 * The pairs of one bracket, split on first use: most lines make no record and their pairs are never
 * read, and splitting is what costs per line. `sub` is the 5.x quoted component, which a `sub=` pair overrides.
 */
function lazyKv(inner: string, sub: string | null = null): Kv {
	let kv: Map<string, string> | null = null;
	return {
		get(key) {
			if (kv === null) {
				kv = parseKv(inner);
				if (sub !== null && !kv.has('sub')) kv.set('sub', sub);
			}
			return kv.get(key);
		},
	};
}

/** Index of the `]` that closes the `[` at 0 (sub values such as `SoapAdapter[0].HTTPService` nest), or -1. */
function closingBracket(text: string): number {
	let depth = 0;
	// Character codes, not one-character strings: this runs over the bracket of every line.
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x5b) depth++;
		else if (c === 0x5d && --depth === 0) return i;
	}
	return -1;
}

/**
 * The start of a bracket of pairs other than `[Originator@6876 `: bare pairs (`[sub=…`), or RFC 5424 structured
 * data with another SD-ID, as ESXi's syslog forwarder writes it (`[esx@4413 sub="Hostsvc…"`).
 */
const SD_START = /^\[(?:\w+=|[\w.-]{1,32}@\d{1,10}[ \]])/;

/** The `[Originator@N k=v …]` / `[opID=…]` bracket and the message after it; a body without one is all message. */
function splitBody(body: string): { kv: Kv; msg: string } | null {
	if (!(body.startsWith('[Originator@') || SD_START.test(body))) return { kv: NO_KV, msg: body };
	const end = closingBracket(body);
	return end < 0 ? null : { kv: lazyKv(body.slice(1, end)), msg: body.slice(end + 1).trimStart() };
}

/**
 * `level proc[thread] body` or `level proc pid body` (ORIGINATOR's shapes) by character codes: the shape of
 * nearly every hostd/vpxa line, so it is split without a regex; anything else goes to the regex.
 */
function splitOriginator(rest: string): { level: string; proc: string; thread: string; spaced: boolean; body: string } | null {
	const word = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
	let i = 0;
	for (let c = rest.charCodeAt(0); (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a); c = rest.charCodeAt(++i));
	if (i === 0 || rest.charCodeAt(i) !== 0x20) return null;
	let j = i + 1;
	for (let c = rest.charCodeAt(j); word(c) || c === 0x2e || c === 0x2d; c = rest.charCodeAt(++j));
	if (j === i + 1) return null;
	const open = rest.charCodeAt(j);
	let k = j + 1;
	if (open === 0x5b) {
		for (let c = rest.charCodeAt(k); word(c); c = rest.charCodeAt(++k));
		if (k === j + 1 || rest.charCodeAt(k) !== 0x5d || rest.charCodeAt(k + 1) !== 0x20) return null;
		return { level: rest.slice(0, i), proc: rest.slice(i + 1, j), thread: rest.slice(j + 1, k), spaced: false, body: rest.slice(k + 2) };
	}
	if (open !== 0x20) return null;
	for (let c = rest.charCodeAt(k); c >= 0x30 && c <= 0x39; c = rest.charCodeAt(++k));
	if (k === j + 1 || rest.charCodeAt(k) !== 0x20) return null;
	return { level: rest.slice(0, i), proc: rest.slice(i + 1, j), thread: rest.slice(j + 1, k), spaced: true, body: rest.slice(k + 1) };
}

export function parseAgentLine(text: string): AgentLine | null {
	// Only a line that starts with a blank or a dash can be a `-->` continuation (no trimmed copy otherwise).
	const c0 = text.charCodeAt(0);
	if (c0 <= 0x20 || c0 === 0x2d) {
		const trimmed = text.trimStart();
		if (trimmed.startsWith('-->')) return { type: 'continuation', stamp: null, msg: trimmed.slice(3).trim() };
	}
	if (c0 === 0x5b) {
		const b = BRACKETED4.exec(text);
		if (b) return { type: 'header', shape: 'bracketed4', stamp: b[1], level: b[3].toLowerCase(), proc: null, thread: b[2], kv: lazyKv(b[5], b[4]), msg: b[6] };
	}
	let stamp: string, rest: string;
	const end = utcStampEnd(text);
	if (end > 0 && text.charCodeAt(end) === 0x20) {
		stamp = text.slice(0, end);
		rest = text.slice(end + 1);
	} else {
		const s = STAMPED.exec(text);
		if (!s) return null;
		[, stamp, rest] = s;
	}
	const fast = rest.charCodeAt(0) >= 0x61 ? splitOriginator(rest) : null;
	if (fast) {
		const split = splitBody(fast.body);
		return split ? { type: 'header', shape: fast.spaced ? 'spaced-pid' : 'originator', stamp, level: fast.level.toLowerCase(), proc: fast.proc, thread: fast.thread, ...split } : null;
	}
	if (rest.startsWith('[')) {
		const b = BRACKETED.exec(rest);
		return b ? { type: 'header', shape: 'bracketed', stamp, level: b[2].toLowerCase(), proc: null, thread: b[1], kv: lazyKv(b[4], b[3]), msg: b[5] } : null;
	}
	if (rest.startsWith('- ') || rest.startsWith('Section for ')) return { type: 'section', stamp, msg: rest };
	const sys = SYSLOG.exec(rest);
	if (sys) {
		let body = sys[5] ?? '';
		if (body.startsWith('-->')) return { type: 'continuation', stamp, msg: body.slice(3).trim() };
		let level = SYSLOG_LEVELS[sys[1]] ?? sys[1];
		const embedded = EMBEDDED_HEADER.exec(body);
		if (embedded) {
			level = embedded[1];
			body = body.slice(embedded[0].length);
		}
		const split = splitBody(body);
		return split ? { type: 'header', shape: 'syslog', stamp, level, proc: sys[3], thread: sys[4], ...split } : null;
	}
	const o = ORIGINATOR.exec(rest);
	if (!o) return null;
	const split = splitBody(o[5]);
	return split ? { type: 'header', shape: o[3] === undefined ? 'spaced-pid' : 'originator', stamp, level: o[1].toLowerCase(), proc: o[2], thread: o[3] ?? o[4], ...split } : null;
}

/** An agent's line as written, or under a syslog relay's or a collector's header (relay.ts). */
function parseRelayed(text: string): AgentLine | null {
	const own = parseAgentLine(text);
	if (own !== null) return own;
	const line = unrelay(text, (l) => parseAgentLine(l) !== null);
	return line === null ? null : parseAgentLine(line);
}

/**
 * Adds how strongly one header line points at each agent: its process name decides, components and ids
 * hint. True when the line named its process.
 */
function agentEvidence(line: Extract<AgentLine, { type: 'header' }>, score: Record<Agent, number>): boolean {
	const proc = line.proc?.toLowerCase() ?? null;
	if (proc !== null && proc !== '-') {
		// Another daemon's line (rhttpproxy, vsansystem, shell …) says nothing about these agents.
		const named = (AGENTS as readonly string[]).includes(proc);
		if (named) score[proc as Agent] += 10;
		return named;
	}
	const sub = (line.kv.get('sub') ?? '').toLowerCase();
	if (sub.includes('vpxa')) score.vpxa += 3;
	else if (sub.includes('vpxd')) score.vpxd += 3;
	else if (/^(?:vimsvc|hostsvc|vmsvc|vm:|solo|proxysvc|ha-)/.test(sub)) score.hostd += 1;
	const m = line.msg;
	if (m.includes('vpxapi.') || /^\[Vpxa/.test(m)) score.vpxa += 3;
	else if (/^\[Vpxd/.test(m)) score.vpxd += 3;
	else if (m.startsWith('[Vpx')) score.vpxd += 1;
	if (m.includes('haTask-')) score.hostd += 1;
	return false;
}

/** Era of a file from its header shapes: thread ids with hex letters are 6.5/6.7, decimal ones 7.0. */
function eraNumber(shape: Shape, hexThread: boolean): 4 | 5 | 6 | 7 | 8 {
	if (shape === 'bracketed4') return 4;
	if (shape === 'bracketed') return 5;
	if (shape === 'syslog' || shape === 'spaced-pid') return 8;
	return hexThread ? 6 : 7;
}

/** Which agent wrote the file and in which era, from its first lines; null when it is no agent log. */
function classify(head: readonly string[]): { agent: Agent; variant: string; reason: string } | null {
	const score: Record<Agent, number> = { hostd: 0, vpxa: 0, vpxd: 0 };
	const seen: { headers: number; shape: Shape | null; hexThread: boolean; offsetStamp: boolean; named: boolean } = { headers: 0, shape: null, hexThread: false, offsetStamp: false, named: false };
	const mostly = mostlyParsed(
		head,
		parseRelayed,
		(line) => {
			if (line.type !== 'header') return;
			seen.headers++;
			seen.shape ??= line.shape;
			if (line.thread && /[A-Fa-f]/.test(line.thread)) seen.hexThread = true;
			if (!line.stamp.endsWith('Z')) seen.offsetStamp = true;
			if (agentEvidence(line, score)) seen.named = true;
		},
		1,
	);
	const { headers, shape, hexThread, offsetStamp, named } = seen;
	if (!mostly || headers === 0 || shape === null) return null;
	const best = AGENTS.reduce((a, b) => (score[b] > score[a] || (score[b] === score[a] && b === 'vpxd' && score[b] > 0) ? b : a));
	// One line is enough when it names its agent or an agent's own API (a line quoted in a KB or a ticket);
	// a lone stamped line with nothing of an agent's own could be anything.
	if (headers < 2 && score[best] < 3) return null;
	// The 4.x and 5.x shapes carry no process name: a file with no hint is hostd's, by far the most common.
	if (score[best] === 0 && shape !== 'bracketed' && shape !== 'bracketed4') return null;
	const era = eraNumber(shape, hexThread);
	const variant = best === 'vpxd' ? (offsetStamp ? 'vc-windows' : `vc${era}`) : `esxi${era}`;
	const why = named ? `process name '${best}'` : score[best] > 0 ? `${best} component names and ids` : `no agent named; hostd assumed`;
	return { agent: best, variant, reason: `${headers} ${shape} agent log lines (${why}); era ${variant}` };
}

/** One message: its header line and the continuation lines kept with it. */
export interface AgentMessage {
	stamp: string;
	lineNo: number;
	raw: string;
	level: string;
	kv: Kv;
	msg: string;
	continuations: string[];
}

/**
 * Whatever makes messageRecord give a record: a message that starts with none of AGENT_STARTS and holds none
 * of AGENT_LITERALS gives none (`VpxLRO` and `fault.` stand for `[VpxLRO] -- ` and `.fault.`: shorter is faster).
 */
const AGENT_STARTS = new Prefixes(['Task Created : ', 'Task Completed : ', 'State Transition (', 'Tools ']);
const AGENT_LITERALS = literalPattern(['VpxLRO', 'fault.', NO_SPACE, ...REASON_KEYS]);

/**
 * The quick lane's header: a UTC stamp, the 6.5–7.0 or vCenter `level proc[thread] ` / `level proc pid `
 * prefix or the 8.x `In(166) Hostd[pid]: ` one (with its optional embedded `info -[pid] `, taken whole or
 * not at all, as EMBEDDED_HEADER does), then a `[key=…]` bracket without brackets inside and the blanks
 * after it, or a body that opens no such bracket. Every line it matches is one parseAgentLine reads as a
 * header whose message starts where the match ends; it leaves the rarer shapes to parseAgentLine.
 */
const QUICK_HEADER_SOURCE = String.raw`${UTC_STAMP} (?:(?!Section for )[A-Za-z]+ [\w.-]+(?:\[\w+\]| \d+) |[A-Z][a-z]\(\d{1,3}\) [\w.-]+\[\d+\]: (?!-->)(?=((?:[a-z]+ [\w.-]*\[\w+\] (?=\[))?))\1)(?:\[(?:Originator@|\w+=)[^[\]\r\n]*\] *(?=[!-~])|(?!\[(?:Originator@|\w+=)))`;
const QUICK_HEADER = new RegExp(QUICK_HEADER_SOURCE, 'y');
/** The quick lane's `-->` continuation: bare (after blanks) or after an 8.x syslog prefix. */
const QUICK_CONTINUATION_SOURCE = String.raw`(?:[\t\v\f ]*|${UTC_STAMP} [A-Z][a-z]\(\d{1,3}\) [\w.-]+\[\d+\]: )-->`;
const QUICK_CONTINUATION = new RegExp(QUICK_CONTINUATION_SOURCE, 'y');

/**
 * The quick lane's run (QuickPass.runPattern): the head of a header take() takes (its message starting with
 * none of AGENT_STARTS) or of a `-->` continuation. The alternatives exclude each other (a header has no `-->`
 * where a continuation has), so every line matches as take() decides it.
 */
const QUICK_RUN = new RegExp(String.raw`${QUICK_HEADER_SOURCE}${AGENT_STARTS.absent}|${QUICK_CONTINUATION_SOURCE}`, 'y');

/** Whether the line at `start` of `chunk` is a `-->` continuation (QUICK_CONTINUATION's). */
function isContinuation(chunk: string, start: number): boolean {
	// `-->` at the start of the line, the common continuation, needs no regex.
	if (chunk.charCodeAt(start) === 0x2d && chunk.startsWith('-->', start)) return true;
	QUICK_CONTINUATION.lastIndex = start;
	return QUICK_CONTINUATION.test(chunk);
}

class AgentLogReader extends StampedLogReader<AgentLine> implements QuickPass {
	private pending: AgentMessage | null = null;
	/** The pending message's continuation lines as they are (its `continuations` are their messages): what the repeat lane learns. */
	private pendingLines: string[] = [];
	/** A message the quick lane took: it gives no record unless a continuation line that matters follows. */
	private readonly taken = new TakenMessage();
	/** Headers the thread id (`hostd[2099A95B]`, which no field reads) and the stamp aside, as they are. */
	private readonly repeats = new RepeatLane(this.records, 0, true);

	/** The reader is its own quick lane: one method for every reader of the class, so the splitter's call of it stays optimized. */
	readonly quick: QuickPass = this;
	readonly literals = AGENT_LITERALS;

	constructor(
		path: string,
		private readonly agent: Agent,
	) {
		super(path);
	}

	protected override parse(text: string): AgentLine | null {
		return parseRelayed(text);
	}

	protected override accept(line: AgentLine, raw: string, lineNo: number): void {
		if (line.type === 'continuation') {
			this.resume();
			// A continuation at the top of a rotated file has no message above it: understood, kept nowhere.
			if (this.pending && this.pending.continuations.length < MAX_CONTINUATIONS) {
				this.pending.continuations.push(line.msg);
				this.pendingLines.push(raw);
			}
			return;
		}
		this.flush();
		if (line.type === 'section') {
			const s = SECTION.exec(line.msg);
			this.records.push(stampedRecord(this.path, lineNo, line.stamp, 'section', { agent: this.agent, product: s?.[1] ?? null, pid: s?.[2] ?? null, version: s?.[3] ?? null, build: s?.[4] ?? null }, raw));
			return;
		}
		this.pending = { stamp: line.stamp, lineNo, raw, level: line.level, kv: line.kv, msg: line.msg, continuations: [] };
		this.pendingLines = [];
	}

	protected override finish(): void {
		this.flush();
	}

	/**
	 * The quick lane: headers (stamped in UTC like the line before) whose message starts with none of
	 * AGENT_STARTS end the message before them and start one that gives no record so far; `-->`
	 * continuations add to such a message.
	 */
	take(chunk: string, start: number, end: number, lineNo: number): boolean {
		if (!this.clock.utc) return false;
		// A header starts with its stamp's first digit; a line that does not can only be a bare continuation.
		const c0 = chunk.charCodeAt(start);
		QUICK_HEADER.lastIndex = start;
		if (c0 >= 0x30 && c0 <= 0x39 && QUICK_HEADER.test(chunk)) {
			if (AGENT_STARTS.at(chunk, QUICK_HEADER.lastIndex)) return false;
			this.flush();
			this.taken.start(chunk, start, end, lineNo);
			return true;
		}
		if (!isContinuation(chunk, start) || this.pending) return false;
		// A held repeat's next line, when it is the next line of the message learnt.
		if (this.repeats.holding) return this.repeats.continueWith(chunk, start, end, lineNo);
		// The header and at most MAX_CONTINUATIONS continuations, as accept() keeps.
		if (this.taken.open && this.taken.size <= MAX_CONTINUATIONS) this.taken.add(chunk, start, end, lineNo);
		return true;
	}

	/**
	 * Runs (QuickPass.runPattern) while take() depends on nothing a run changes but the message it took: the
	 * clock in UTC, no message pending, no repeat held.
	 */
	runPattern(): RegExp | null {
		return this.clock.utc && this.pending === null && !this.repeats.holding ? QUICK_RUN : null;
	}

	/**
	 * After a run, take() would have ended each message and started the next at each header: the run's last
	 * header is the message taken, with the continuations after it that take() adds. A run of continuations
	 * alone adds them to the message taken before it.
	 */
	tookRun(chunk: string, start: number, end: number, lineNo: number, lines: number): void {
		// From the run's last line up: the continuations after its last header, counted.
		let lineEnd = end - 1;
		for (let k = lines - 1; k >= 0; k--) {
			const lineStart = chunk.lastIndexOf('\n', lineEnd - 1) + 1;
			if (!isContinuation(chunk, lineStart)) {
				this.flush();
				this.taken.start(chunk, lineStart, lineEnd, lineNo + k);
				this.addTaken(chunk, lineEnd + 1, end, lineNo + k + 1);
				return;
			}
			lineEnd = lineStart - 1;
		}
		this.addTaken(chunk, start, end, lineNo);
	}

	/** Continuation lines `[from, end)` of `chunk`, each ended by an LF (from line `lineNo`), added to the message taken as take() adds them. */
	private addTaken(chunk: string, from: number, end: number, lineNo: number): void {
		for (let n = lineNo; from < end && this.taken.open && this.taken.size <= MAX_CONTINUATIONS; n++) {
			const lf = chunk.indexOf('\n', from);
			this.taken.add(chunk, from, lf, n);
			from = lf + 1;
		}
	}

	/**
	 * The repeat lane (RepeatLane): a header stamped in UTC like the line before, equal but for its stamp,
	 * thread id and free numbers to the header of a message that made a record of an open fold, ends the
	 * message before it as accept() does, and is held with the continuation lines that repeat the learnt
	 * message's (take) until the next message shows that the message is the learnt one's, whole.
	 */
	repeat(chunk: string, start: number, end: number, lineNo: number): boolean {
		if (!this.clock.utc) return false;
		if (isContinuation(chunk, start)) {
			// A continuation line take() left (it holds a literal): of the held repeat, or of a message the quick
			// lane took whose header the lane knows with this line next.
			if (this.taken.open && this.repeats.holdTaken(this.taken)) this.taken.clear();
			return this.repeats.holding && this.repeats.continueWith(chunk, start, end, lineNo);
		}
		const handle = this.repeats.find(chunk, start, end);
		if (handle === null) return false;
		this.flush();
		return this.repeats.hold(handle, chunk, start, end, lineNo);
	}

	/**
	 * A continuation follows a held repeat or a taken message: the message becomes the pending one, as
	 * line() would have made it.
	 */
	private resume(): void {
		const held = this.repeats.release();
		if (held) {
			for (const [i, line] of held.lines.entries()) this.accept(parseAgentLine(line)!, line, held.lineNo + i);
			return;
		}
		if (!this.taken.open) return;
		const {
			lines: [raw, ...more],
			lineNo,
		} = this.taken.take();
		const head = parseAgentLine(raw) as Extract<AgentLine, { type: 'header' }>;
		const continuations = more.map((l) => (parseAgentLine(l) as Extract<AgentLine, { type: 'continuation' }>).msg);
		this.pending = { stamp: head.stamp, lineNo, raw, level: head.level, kv: head.kv, msg: head.msg, continuations };
		this.pendingLines = more;
	}

	/** Turns the finished message (header and continuations) into at most one record. */
	private flush(): void {
		// A held repeat short of the learnt message's continuation lines is read the slow way.
		if (!this.repeats.commit() && this.repeats.holding) this.resume();
		this.taken.clear();
		const p = this.pending;
		if (!p) return;
		this.pending = null;
		const record = agentMessageRecord(this.path, this.agent, p);
		if (!record) return;
		// A repeat of the message (header and continuation lines) is the same record.
		this.repeats.learn(this.records.push(record), record, p.raw, this.pendingLines);
	}
}

/** The record a finished message (header and continuations) of `agent` makes, or null (most make none). */
export function agentMessageRecord(path: string, agent: Agent, p: AgentMessage): LogRecord | null {
	const made = messageRecord(p);
	if (!made) return null;
	const line: AgentLineFields = { agent, level: p.level, sub: p.kv.get('sub') ?? null, opId: p.kv.get('opID') ?? null, user: p.kv.get('user') ?? null };
	return stampedClassified(path, p.lineNo, p.stamp, made, line, p.raw);
}

/** `haTask-<entity>-<method>-<n>` → entity and method; other ids have neither in them. */
function taskParts(taskId: string): { entity: string | null; method: string | null } {
	const t = HA_TASK.exec(taskId);
	return { entity: t ? t[1] || null : null, method: t?.[2] ?? null };
}

function vmxOf(sub: string | undefined): string | null {
	const at = sub?.indexOf('vm:/') ?? -1;
	return at < 0 ? null : sub!.slice(at + 3);
}

/** The record a whole message makes, each kind tested by a literal before its regex. */
function messageRecord(p: AgentMessage): Classified<AgentMessageFields> | null {
	const m = p.msg;
	const full = p.continuations.length > 0 ? `${m}\n${p.continuations.join('\n')}` : m;
	const fault = full.includes('.fault.') ? (FAULT.exec(full)?.[1] ?? null) : null;
	// Only a record reads the .vmx path: the line's pairs are not split for the other messages.
	const vmx = () => vmxOf(p.kv.get('sub'));
	if (m.startsWith('Task Created : ')) {
		const taskId = m.slice('Task Created : '.length).trim().split(' ')[0];
		return { kind: 'task-created', fields: { taskId, ...taskParts(taskId) } };
	}
	if (m.startsWith('Task Completed : ')) {
		const t = TASK_COMPLETED.exec(m);
		return t ? { kind: 'task-completed', fields: { taskId: t[1], ...taskParts(t[1]), status: t[2].toLowerCase(), error: null, fault, ...failureFields(full) } } : null;
	}
	if (m.includes('[VpxLRO] -- ')) return lroRecord(m, fault, full);
	if (m.startsWith('State Transition (')) {
		const s = STATE_TRANSITION.exec(m);
		return s ? { kind: 'vm-state', fields: { vmx: vmx(), from: s[1], to: s[2] } } : null;
	}
	if (m.startsWith('Tools ')) {
		const t = TOOLS_STATUS.exec(m);
		if (t) return { kind: 'tools-status', fields: { vmx: vmx(), what: t[1], status: t[2] } };
	}
	const reason = quiesceReason(full);
	if (reason) {
		const event = EVENT_ID.exec(m);
		return { kind: 'quiesce-note', fields: { vmx: vmx(), eventId: event ? Number(event[1]) : null, fault, message: full, reason, ...decodeGuestError(full) } };
	}
	if (full.includes(NO_SPACE)) return { kind: 'no-space', fields: { path: NO_SPACE_PATH.exec(full)?.[1] ?? null, message: full } };
	return fault ? { kind: 'fault', fields: { vmx: vmx(), fault, message: full } } : null;
}

/** `reason` and the guest's report, which a fault dump or an event carries in its continuation lines. */
function failureFields(full: string): FailureFields {
	return { reason: quiesceReason(full), ...decodeGuestError(full) };
}

/** vpxa / vpxd long-running operations; only those that are tasks (`task-N`, `haTask-…`) make records. */
function lroRecord(m: string, fault: string | null, full: string): Classified<Pick<AgentMessageFields, 'task-created' | 'task-completed'>> | null {
	const l = LRO.exec(m);
	if (!l || !TASK_ID.test(l[2])) return null;
	const [, what, taskId, rest] = l;
	if (what === 'BEGIN' || what === 'FINISH') {
		// ` -- <entity> -- <method> -- <session>` (FINISH often stops after the id); an empty entity is
		// printed as nothing between the dashes.
		// A paste drops the blank after a last empty `--`: a dash pair ending the line separates too.
		const parts = rest.split(/ --(?: |$)/).map((x) => x.trim());
		const fields = { taskId, entity: parts[1] || null, method: parts[2] || null };
		return what === 'BEGIN' ? { kind: 'task-created', fields } : { kind: 'task-completed', fields: { ...fields, status: 'success', error: null, fault, ...failureFields(full) } };
	}
	// The ERROR layout varies by version (with or without a session id), so only `<method>: <error>` is read.
	const err = LRO_ERROR.exec(rest);
	const status = what === 'ERROR' ? 'error' : what.toLowerCase();
	return { kind: 'task-completed', fields: { taskId, entity: null, method: err?.[1] ?? null, status, error: err?.[2]?.trim().replace(/:$/, '') || null, fault, ...failureFields(full) } };
}

/** One agent's format: the same reader, detection keeps files whose content names this agent. */
function agentFormat<K extends RecordKind>(agent: Agent, title: string, url: string, origin: Origin, kinds: KindTable<K>, variants: readonly FormatVariant[]): FormatDefinition<K> {
	return {
		id: `${agent}-log`,
		title,
		url,
		origin,
		kinds,
		variants,
		// A stamped line naming this agent (`info hostd[…]`, `In(166) Hostd[…]:`, `INFO vpxd 20973`), or of the
		// older bracketed layout (`[thread level 'Component'`), which names no agent.
		startLine: new RegExp(String.raw`^(?:${ESX_STAMP} (?:(?:\w+|[A-Z][a-z]\(\d{1,3}\)) ${agent}(?:\[| \d)|\[[0-9A-Fa-f]+ \w+ ')|\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [0-9A-Fa-f]+ \w+ ')`, 'i'),
		detect(head): Detection | null {
			const c = classify(head);
			return c && c.agent === agent ? { variant: c.variant, reason: c.reason } : null;
		},
		reader(path) {
			return new AgentLogReader(path, agent);
		},
	};
}

/** The kinds each agent's log emits: its own and the host logs' shared one. */
export const AGENT_KINDS = { ...AGENT_LOG_KINDS, ...ESXI_KINDS };

export const AGENT_DOCS = 'https://docs.vmware.com/en/VMware-vSphere/7.0/com.vmware.vsphere.monitoring.doc/GUID-832A2618-6B11-4A28-9672-93296DA931D0.html';

/** ESXi `hostd.log` (host agent), ESXi 5.x–8.x (formats.md §4). */
export const hostdLog = agentFormat('hostd', 'ESXi hostd.log', AGENT_DOCS, 'host', AGENT_KINDS, [
	{
		name: 'esxi4',
		samples: [
			`[2011-10-24 13:57:45.144 FFD17E80 error 'FSVolumeProvider'] FSVolumeVmkImplProvider::Start() called
[2011-10-24 13:57:46.622 FFD17E80 warning 'ServiceSystem'] Could not establish init directory for service vmware-vpxa
[2011-10-24 14:02:10.377 3A5C1B90 info 'TaskManager' opID=5E4C21F0-00000123] Task Created : haTask-176-vim.VirtualMachine.createSnapshot-2147
`,
		],
	},
	{
		name: 'esxi5',
		samples: [
			`2015-05-20T10:25:52.748Z [594D7B90 info 'Vimsvc.TaskManager' opID=131DAF7A-0000094A-aa-61] Task Created : haTask-ha-host-vim.host.NetworkSystem.invokeHostTransactionCall-322150621
2015-05-20T10:25:52.761Z [594D7B90 info 'Vimsvc.TaskManager' opID=131DAF7A-0000094A-aa-61] Task Completed : haTask-ha-host-vim.host.NetworkSystem.invokeHostTransactionCall-322150621 Status success
`,
		],
	},
	{
		name: 'esxi6',
		samples: [
			`2018-07-05T21:55:18.660Z info hostd[9BC1B70] [Originator@6876 sub=Vimsvc.TaskManager opID=ecb6776e user=root] Task Created : haTask-99-vim.VirtualMachine.powerOn-108005254
2019-07-10T01:00:11.861Z info hostd[6C88890] [Originator@6876 sub=Vmsvc.vm:/vmfs/volumes/5b2cf72d-c314ef74-0f37-8cdf9d51786c/SQL-PRD-01/SQL-PRD-01.vmx opID=4f3c2a1b-8e-01-7a user=vpxuser:VSPHERE.LOCAL\\svc-veeam] State Transition (VM_STATE_ON -> VM_STATE_CREATE_SNAPSHOT)
`,
		],
	},
	{
		name: 'esxi7',
		samples: [
			`2024-11-15T04:00:02.117Z info hostd[2099588] [Originator@6876 sub=Vimsvc.TaskManager opID=lxq2r8vn-31807-auto-ra7z-h5:70094822-63-01-9d40 user=vpxuser:CORP\\svc-vadp] Task Created : haTask-7-vim.VirtualMachine.createSnapshot-190436671
2024-11-15T04:01:08.338Z info hostd[2099603] [Originator@6876 sub=Vimsvc.ha-eventmgr] Event 52312 : Warning message from esx-prd-03.corp.example: The guest OS has reported an error during quiescing.
--> The error code was: 5
--> The error message was: 'VssSyncStart' operation failed: IDispatch error #8690 (0x800423F2)
2024-11-15T04:01:10.305Z info hostd[2099588] [Originator@6876 sub=Vimsvc.TaskManager opID=lxq2r8vn-31807-auto-ra7z-h5:70094822-63-01-9d40 user=vpxuser:CORP\\svc-vadp] Task Completed : haTask-7-vim.VirtualMachine.createSnapshot-190436671 Status error
`,
		],
	},
	{
		name: 'esxi8',
		samples: [
			`2024-06-02T21:19:01.386Z In(166) Hostd[1050738]: [Originator@6876 sub=Hostsvc.AppConfigOptionsProvider(Config.HostAgent.) opID=esxui-a003-5e51 sid=5295925c user=root] Set called with key 'Config.HostAgent.plugins.hostsvc.esxAdminsGroup' value '"ESX Admins new"'
2024-06-03T22:46:09.892Z In(166) Hostd[1050233]: [Originator@6876 sub=Vimsvc.ha-eventmgr] Event 229 : Guest operation Initiate File Transfer To Guest performed on Virtual machine <VIRTUAL_MACHINE_NAME>.
2022-06-02T02:15:22.987Z In(166) Hostd[1001392061]: info -[1001392061] [Originator@6876 sub=Default] Supported VMs 640
`,
		],
	},
	{
		// The same lines passed on by a syslog relay or shown by a log store (relay.ts): RFC 5424 with its PRI, a
		// store's line without it (ESXi's forwarder writes the pairs as `[esx@4413 k="v"]`), a collector's columns.
		name: 'esxi8-relayed',
		samples: [
			`<166>1 2024-02-20T03:00:02.741Z esx-11.corp.example Hostd 2099588 - [esx@4413 sub="Vimsvc.TaskManager" opID="lnx6ehce-42910-auto-x40-h5:70004075-b2"] Task Created : haTask-31-vim.VirtualMachine.createSnapshot-7001482
<166>1 2024-02-20T03:00:47.131Z esx-11.corp.example Hostd 2099603 - [esx@4413 sub="Vimsvc.ha-eventmgr"] Event 3117 : Warning message from esx-11.corp.example: The guest OS has reported an error during quiescing.
<166>1 2024-02-20T03:00:47.131Z esx-11.corp.example Hostd 2099603 - - --> The error code was: 5
`,
			`2026-10-06T14:11:34.123Z esx-02.corp.example Hostd 2098516 - [esx@4413 sub="Hostsvc.DatastoreSystem"] StorageApdUpdateInt: Processing Storage APD msg
2026-10-06T14:11:35.201Z esx-02.corp.example Hostd 2098516 - [esx@4413 sub="Vimsvc.TaskManager" opID="9a1c"] Task Created : haTask-12-vim.VirtualMachine.createSnapshot-311
`,
			`2024-02-20 04:00:02\tLocal4.Info\t10.0.0.11\t2024-02-20T03:00:02.741Z In(166) Hostd[2099588]: [Originator@6876 sub=Vimsvc.TaskManager opID=lnx6ehce-42910-auto-x40-h5:70004075-b2] Task Created : haTask-31-vim.VirtualMachine.createSnapshot-7001482
2024-02-20 04:00:49\tLocal4.Info\t10.0.0.11\t2024-02-20T03:00:49.124Z In(166) Hostd[2099588]: [Originator@6876 sub=Vimsvc.TaskManager opID=lnx6ehce-42910-auto-x40-h5:70004075-b2] Task Completed : haTask-31-vim.VirtualMachine.createSnapshot-7001482 Status error
`,
		],
	},
]);

/** ESXi `vpxa.log` (vCenter agent on the host), ESXi 5.x–8.x (formats.md §4.2). */
export const vpxaLog = agentFormat('vpxa', 'ESXi vpxa.log', AGENT_DOCS, 'host', AGENT_KINDS, [
	{
		name: 'esxi5',
		samples: [
			`2010-10-10T22:37:58.371Z [45EEEB90 info 'Default' opID=D1D8F924-00002337-83] [VpxLRO] -- BEGIN task-768 -- vm-1421 -- vpxapi.VpxaService.createSnapshot -- 
2010-10-10T22:53:31.077Z [45EEEB90 info 'Default' opID=D1D8F924-00002337-83] [VpxLRO] -- ERROR task-768 -- -- vpxapi.VpxaService.createSnapshot: vim.fault.ApplicationQuiesceFault:
`,
		],
	},
	{
		name: 'esxi7',
		samples: [
			`2024-11-15T04:00:02.095Z info vpxa[2100946] [Originator@6876 sub=vpxLro opID=lxq2r8vn-31807-auto-ra7z-h5:70094822-63] [VpxLRO] -- BEGIN task-41087 -- vm-7 -- vpxapi.VpxaService.createSnapshot -- 52c1e0a7-6b1f-29d4-8e33-1a0f7c5d9b21
2024-11-15T04:01:10.318Z info vpxa[2100946] [Originator@6876 sub=vpxLro opID=lxq2r8vn-31807-auto-ra7z-h5:70094822-63] [VpxLRO] -- FINISH task-41087
`,
		],
	},
	{
		name: 'esxi8',
		samples: [
			`2024-06-04T21:58:00.901Z In(166) Vpxa[2099884]: [Originator@6876 sub=vpxLro opID=c4c97156-01] [VpxLRO] -- BEGIN task-2214 -- vm-31 -- vpxapi.VpxaService.createSnapshot -- 52a4f1c9-0d2e-7b11-93c5-6e0a8d4f2b17
2024-06-04T21:58:02.411Z In(166) Vpxa[2099884]: [Originator@6876 sub=vpxLro opID=c4c97156-01] [VpxLRO] -- FINISH task-2214
`,
		],
	},
]);

/** vCenter `vpxd.log`, vCenter 5.x–8.x on the appliance and on Windows (formats.md §4). */
export const vpxdLog = agentFormat('vpxd', 'vCenter vpxd.log', 'https://kb.vmware.com/kb/2004201', 'vcenter', AGENT_KINDS, [
	{
		name: 'vc5',
		samples: [
			`2014-01-17T04:55:50.347Z [7F03ECE76700 verbose 'Default' opID=2140bc71] [VpxVmomi] Invoke done: vmodl.query.PropertyCollector.waitForUpdatesEx session: c580b3ef-0011-88a5-b2af-7ca7e74114c8
2014-01-17T04:55:51.102Z [7F03ECE76700 info 'Default' opID=2140bc72] [VpxLRO] -- BEGIN task-5528 -- vm-231 -- vim.VirtualMachine.createSnapshot -- c580b3ef-0011-88a5-b2af-7ca7e74114c8
`,
		],
	},
	{
		name: 'vc-windows',
		samples: [
			`2014-11-04T12:46:42.990+05:30 Section for VMware VirtualCenter, pid=6432, version=6.0.0, build=2255588, option=BETA
2014-11-04T15:53:31.075+05:30 verbose vpxd[05160] [Originator@6876 sub=PropertyProvider opID=ProcessAlarmFiring-427c3c55] RecordOp ASSIGN: declaredAlarmState["alarm-1.host-23"], host-23. Applied change to temp map.
2025-12-06T10:52:53.916+02:00 info vpxd[06388] [VpxLRO] -- BEGIN task-37017 -- resgroup-v19002 -- vim.VirtualApp.updateVAppConfig
`,
		],
	},
	{
		name: 'vc7',
		samples: [
			`2022-06-01T20:17:31.352Z info vpxd[27059] [Originator@6876 sub=drmLogger item=FixNIOCViolation opID=SWI-5441881e] FixNIOCViolation worker starts for host [vim.HostSystem:host-588,esx-3-23.vlcm.com]
2022-06-02T08:34:55.613Z info vpxd[44568] [Originator@6876 sub=SSL SoapAdapter[1].HTTPService] Max buffered response size is 104857600 bytes
`,
		],
	},
	{
		name: 'vc8',
		samples: [
			`2025-06-04T17:06:21.349Z INFO vpxd 20973 [Originator@4413 sub="ServiceAccount" opID="SvcAcctInit-5a91f2fc"] Service account accessor initialized; user: vpxd-svc-acct-90beeaa8-b1b3-46f4-8200-641edac5cacf@VSPHERE.LOCAL, passwordStatus: Ok
2025-06-04T17:06:21.512Z INFO vpxd 20973 [Originator@4413 sub="vpxLro" opID="SvcAcctInit-5a91f2fc"] [VpxLRO] -- BEGIN task-1107 -- vm-1014 -- vim.VirtualMachine.createSnapshot -- 52d0c6a1-44f2-9b3e-1a7c-0e9d2b5f8c63
`,
		],
	},
]);
