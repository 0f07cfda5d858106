/**
 * Pieces the ESXi host readers share (vmware.log, hostd / vpxa / vpxd): the stamp grammar, the file's
 * clock, record construction, and decoding of the quiesce error texts that both the VMX and hostd print.
 */
import { idispatchErrorFromHresult } from '../../knowledge/vmbackup';
import type { ClockHint, KindRecord, RecordFields, RecordKind } from '../../model/records';
import { classifiedRecord, type LineReader, type ReadResult } from '../lib/format';
import type { KindDeclarations } from '../lib/kinds';
import { parseIsoStamp } from '../lib/stamps';
import { errorFields, type ErrorFields } from '../tools/toolsMessages';
import type { AgentLineFields, AgentMessageFields } from './esxiAgentLog';
import type { VmxLineFields, VmxMessageFields } from './vmwareLog';
import { RecordFold } from '../lib/fold';

declare module '../../model/records' {
	interface RecordFields {
		/** A quiesce reason stated outside a task or Msg_Post: by hostd / vpxa / vpxd, or by the VMX. */
		'quiesce-note': (AgentLineFields & AgentMessageFields['quiesce-note']) | (VmxLineFields & VmxMessageFields['quiesce-note']) | ProductQuiesceFields;
		/** Changed block tracking failed on the host: DiskLib's CBT or CTK module with a VMkernel status (vmware.log, or a paste of it). */
		'cbt-error': CbtErrorFields | (VmxLineFields & CbtErrorFields);
	}
}

/** A changed block tracking error of the host (cbtError). */
export interface CbtErrorFields {
	/** The VMkernel status (`0xbad0014`), lower case. */
	status: string;
	/** What the log printed for it after the comma (`Out of memory`), or null. */
	statusText: string | null;
	message: string;
}

/** DiskLib's change tracking modules as vmware.log tags their messages (`DISKLIB-CBT   :`, `DISKLIB-CTK :`). */
const CBT_TAGS = ['DISKLIB-CBT', 'DISKLIB-CTK'] as const;
/**
 * What a quick lane searches for to hand a CBT failure to its reader: a VMkernel status (`0xbad0014`), which only
 * failures print. Not the tags: a vmware.log prints `DISKLIB-CBT` lines at every snapshot and power-on, and
 * sending them all to the slow path cost a fifth of a lane's lines. Not `(0xbad` either: the lanes' literal search
 * skips by the characters its literals have at each place, and a `0` there, in every stamp, made the search 4×
 * slower (the `big` bench bundle read 0.8 s slower); `xbad0` costs it about a tenth (measured on that vmware.log).
 */
export const CBT_STATUS_KEY = 'xbad0';
/** A VMkernel status in a message (`(0xbad0014, Out of memory)`): 0xbad0000 and its number, with the text VMkernel gives it. */
const VMK_STATUS = /\(0x(bad0[0-9a-f]{3})(?:, ?([^()]{1,60}))?\)/i;

/**
 * A CBT failure a message states: one of CBT_TAGS, then a VMkernel status in parentheses (what the VMX logs when
 * it could not create or open a disk's change tracking). Its words are the VMX's English; the status decides.
 */
export function cbtError(message: string): CbtErrorFields | null {
	const tag = CBT_TAGS.find((t) => message.includes(t));
	if (tag === undefined) return null;
	const status = message.includes(CBT_STATUS_KEY) ? VMK_STATUS.exec(message) : null;
	if (!status) return null;
	return { status: `0x${status[1].toLowerCase()}`, statusText: status[2]?.trim() || null, message: message.trim().slice(0, 400) };
}

/** A quiesce failure a VMware-based backup product or the vSphere Client reports (formats/backup/vmwareProducts.ts). */
export interface ProductQuiesceFields {
	product: string;
	/** The product's own code (`-3960`), when it prints one. */
	productCode: string | null;
	reason: QuiesceReason;
	message: string;
	vmbackupStatus: number | null;
	errorMessage: string | null;
	hresult: string | null;
	/** The VM a vCenter event's text names (`Warning message on <vm> on <host> in <datacenter>: …`), or null. */
	vm: string | null;
}

/** What the kinds both host logs emit mean. */
export const ESXI_KINDS = {
	// A note states why a quiesce ended (the error the guest reported, or the host's timeout): an error line.
	'quiesce-note': { role: 'event', severity: 'error', failure: true, anchor: 'error' },
	// The VMX could not set up a disk's change tracking: the snapshot (and the backup reading it) fails.
	'cbt-error': { role: 'event', severity: 'error', failure: true, anchor: 'error' },
} satisfies KindDeclarations;

/** ESXi and vCenter appliance stamps end in `Z` (UTC); hosted products and Windows vCenter print `±hh:mm`. */
export const ESX_STAMP = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})`;

/**
 * The stamp a vendor's KB prints in place of a real one (`[YYYY-MM-DDTHH:MM:SS]`, `YYYY-MM-DDTHH:MM:SS.sssZ`):
 * the date and time letters of ESX_STAMP's shape, brackets optional. A line so stamped is read for what it
 * says, its record without a time.
 */
export const PLACEHOLDER_STAMP = String.raw`\[?YYYY-MM-DD[T ]HH:MM:SS(?:\.[sSfx#]{1,6})?Z?\]?`;

/** Whether a line's stamp is a placeholder (PLACEHOLDER_STAMP), not a time. */
export const isPlaceholderStamp = (stamp: string): boolean => stamp.includes('YYYY');

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** Offsets of the digits in `YYYY-MM-DDTHH:MM:SS`. */
const STAMP_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

/**
 * Where a stamp of ESX_STAMP's most common shape, `YYYY-MM-DDTHH:MM:SS.fffZ` (1–6 fraction digits), ends
 * at the start of `text`; -1 for any other shape (callers then use the regex). Character codes, no regex,
 * no substring and no closure: this runs on every line of gigabyte logs.
 */
export function utcStampEnd(text: string): number {
	if (text.length < 22) return -1;
	for (let k = 0; k < STAMP_DIGITS.length; k++) if (!isDigit(text.charCodeAt(STAMP_DIGITS[k]))) return -1;
	if (text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d || text.charCodeAt(10) !== 0x54 || text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a || text.charCodeAt(19) !== 0x2e) return -1;
	let i = 20;
	while (i < text.length && i < 26 && isDigit(text.charCodeAt(i))) i++;
	return i > 20 && text.charCodeAt(i) === 0x5a ? i + 1 : -1;
}

/**
 * ESX_STAMP's common shape (see utcStampEnd) as a regex source, for the quick lanes' sticky regexes, which
 * check a whole line prefix in one native call (faster than character codes in JavaScript).
 */
export const UTC_STAMP = String.raw`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,6}Z`;

/**
 * The clock of a stamped file: the offset of its first stamp, and one problem per change of offset
 * (a hosted product's log crossing a daylight-saving change), so the timeline can warn.
 */
export class StampClock {
	private first: number | null = null;
	private zone = '';
	readonly problems: string[] = [];

	/** Whether noting a `Z` stamp would change nothing (the last stamp noted was one). */
	get utc(): boolean {
		return this.zone === 'Z';
	}

	/** Notes the zone of a parsed line's stamp; cheap when the zone is unchanged (a string compare). */
	note(stamp: string, lineNo: number): void {
		const zone = stamp.endsWith('Z') ? 'Z' : stamp.slice(-6);
		if (zone === this.zone) return;
		this.zone = zone;
		const offset = parseIsoStamp(stamp)?.offsetMinutes ?? null;
		if (offset === null) return;
		if (this.first === null) this.first = offset;
		else this.problems.push(`The UTC offset changes to ${zone} at line ${lineNo} (the file was written across a time-zone change); each line is converted with its own offset.`);
	}

	hint(): ClockHint | null {
		return this.first === null ? null : { utcOffsetMinutes: this.first, basis: 'stamped' };
	}
}

/**
 * The push loop the stamped host logs share: blank lines pass, a line the subclass cannot parse is counted,
 * every stamp feeds the file's clock; records, problems and the clock hint are handed back at the end.
 */
export abstract class StampedLogReader<T extends { stamp: string | null }> implements LineReader {
	protected readonly records = new RecordFold();
	protected readonly clock = new StampClock();
	private unparsed = 0;

	constructor(protected readonly path: string) {}

	/** One line in the format's grammar, or null when it fits none of its shapes. */
	protected abstract parse(text: string): T | null;
	/** Takes a parsed line (raw text and 1-based number for evidence). */
	protected abstract accept(line: T, raw: string, lineNo: number): void;
	/** Emits what is still pending when the file ends. */
	protected abstract finish(): void;

	line(text: string, lineNo: number): void {
		// A line starting with a printable ASCII character is not blank: trim() only for the others.
		const first = text.charCodeAt(0);
		if (!(first > 0x20 && first < 0x7f) && text.trim() === '') return;
		const line = this.parse(text);
		if (line === null) {
			this.unparsed++;
			return;
		}
		if (line.stamp !== null) this.clock.note(line.stamp, lineNo);
		this.accept(line, text, lineNo);
	}

	end(): ReadResult {
		this.finish();
		return { facts: { records: this.records.records() }, unparsedLines: this.unparsed, problems: this.clock.problems, clock: this.clock.hint() };
	}
}

/** A record whose instant is the line's own stamp (converted to UTC with the stamp's offset). */
export function stampedRecord<K extends RecordKind>(path: string, lineNo: number, stamp: string, kind: K, fields: RecordFields[K], raw: string): KindRecord<K> {
	const p = parseIsoStamp(stamp);
	return { time: p?.time ?? null, local: p?.local ?? null, kind, fields, source: { path, line: lineNo }, text: raw.trim() };
}

/** The stamped record of a classified message, `envelope` (the reader's fields of the line) before its own fields. */
export function stampedClassified<M extends { kind: RecordKind; fields: object }, E extends object>(path: string, lineNo: number, stamp: string, made: M, envelope: E, raw: string) {
	const p = parseIsoStamp(stamp);
	return classifiedRecord(made, envelope, p?.time ?? null, p?.local ?? null, { path, line: lineNo }, raw.trim());
}

/** Why a quiesce did not happen, as the VMX or hostd words it (formats.md §3.2); `null` for other text. */
export type QuiesceReason = 'guest-error' | 'timeout' | 'io-holdoff-exceeded' | 'tools-not-available' | 'not-privileged' | 'already-in-progress' | 'quiesce-failed';

// The texts come from the VMX message catalog and hostd, which log in English on every host; the message
// id is checked first where the line carries one. Order matters: the most specific reason wins.
// `key` is a short part of the literal that quick lanes search for instead (see REASON_KEYS).
const REASONS: readonly { reason: QuiesceReason; msgId: string | null; literal: string; key: string }[] = [
	{ reason: 'guest-error', msgId: 'msg.snapshot.quiesce.vmerr', literal: 'reported an error during quiescing', key: 'quiesc' },
	{ reason: 'timeout', msgId: 'msg.snapshot.quiesce.timeout', literal: 'Timed out while quiescing', key: 'quiesc' },
	{ reason: 'io-holdoff-exceeded', msgId: null, literal: 'time limit for holding off I/O', key: 'I/O' },
	{ reason: 'tools-not-available', msgId: null, literal: 'VMware Tools is not currently available', key: 'Tools is not' },
	{ reason: 'not-privileged', msgId: null, literal: 'Guest not privileged, dropping vmbackup', key: 'privileged' },
	// VMware Tools' answer to a quiesce request while its previous one still runs (`Failed to start quiescing operation …`).
	// Its key is the text's start: `in progress`, all common letters, made the lanes' search 2.5× slower.
	{ reason: 'already-in-progress', msgId: null, literal: 'Quiesce operation already in progress', key: 'Quiesce operation' },
	// The message id a client or a task error shows in place of a text it has no translation for (KB 2114076).
	{ reason: 'quiesce-failed', msgId: null, literal: 'msg.snapshot.error-QUIESCINGERROR', key: 'QUIESCINGERROR' },
	{ reason: 'quiesce-failed', msgId: null, literal: 'Failed to quiesce', key: 'quiesc' },
];

/**
 * Parts of the texts quiesceReason looks for, each inside one or more of them: a line holding none of these
 * states no reason. A quick lane searches for these, fewer and shorter than the texts (a regex alternation
 * costs per alternative, about 10 ms per 100 MB each, and more for one of common letters: measure the lane's
 * search on a vmware.log and a hostd.log before adding one).
 */
export const REASON_KEYS: readonly string[] = [
	...new Set(
		REASONS.map((r) => {
			if (!r.literal.includes(r.key)) throw new Error(`The key '${r.key}' is not part of '${r.literal}'.`);
			return r.key;
		}),
	),
];

/** The quiesce reason a message states, by message id first and then by its fixed English text. */
export function quiesceReason(text: string, msgId: string | null = null): QuiesceReason | null {
	for (const r of REASONS) if ((msgId !== null && r.msgId === msgId) || text.includes(r.literal)) return r.reason;
	return null;
}

const ERROR_CODE = /The error code was: (\d+)/;
const ERROR_MESSAGE = /The error message was: ([^\n]*)/;
/**
 * The same two values in a translated client (`Der Fehlercode lautete: 5 Die Fehlermeldung lautete: '…'`, a
 * full-width colon in Japanese): a VmBackupStatus of one digit after a colon, then a label and a colon
 * before the guest's own words. Tried only where the English labels are missing.
 */
const TRANSLATED_CODE = /[:：] ?([0-5])[ \t][^:：\n]{1,60}[:：] ?([^\n]+)/;

/** The guest's own report inside a quiesce error (see decodeGuestError). */
export interface GuestErrorFields extends ErrorFields {
	vmbackupStatus: number | null;
	errorMessage: string | null;
}

/**
 * The guest's own report inside a quiesce error (formats.md §3.2): `vmbackupStatus` (VmBackupStatus 0–5),
 * `errorMessage`, and the error fields the Tools readers use (toolsMessages.ts): `op` (`VssSyncStart` …),
 * `detail`, `hresult` (also decoded from `IDispatch error #N`) and `idispatchError` (N as printed, or derived
 * from a `0x8004xxxx` HRESULT printed alone). Fields are null when the text does not carry them.
 */
export function decodeGuestError(text: string): GuestErrorFields {
	const english = ERROR_CODE.exec(text);
	const translated = english ? null : TRANSLATED_CODE.exec(text);
	const code = english ?? translated;
	const message = english ? ERROR_MESSAGE.exec(text) : translated;
	// The op's detail runs to the end of the text it is given: give it the one line that states the op.
	const errors = errorFields(text.split('\n').find((l) => l.includes("' operation failed")) ?? text);
	return {
		vmbackupStatus: code ? Number(code[1]) : null,
		errorMessage: message ? message[1].trim() : null,
		...errors,
		idispatchError: errors.idispatchError ?? (errors.hresult !== null ? idispatchErrorFromHresult(errors.hresult) : null),
	};
}

/**
 * Runs `parse` over the non-blank lines of a detection head and hands every parsed line to `visit`. The head
 * is the file's when at least `minParsed` lines (two by default) parse and they are most of it: a cut first
 * line of a rotated log and a few stray lines are tolerated. A caller that can tell a quoted line by its own
 * content (an agent's API name) may accept one.
 */
export function mostlyParsed<T>(head: readonly string[], parse: (text: string) => T | null, visit: (line: T) => void, minParsed = 2): boolean {
	let parsed = 0,
		nonBlank = 0;
	for (let i = 0; i < head.length; i++) {
		// The head can no longer be mostly parsed even if every line left parses (each then counts +0.4 to
		// parsed - 0.6 × nonBlank, a blank 0, an unparsed one -0.6; in fifths, integers): most heads of a
		// bundle are another format's, and stop here after 33 of their 80 lines, not parsed to the end.
		const left = head.length - i;
		if (parsed + left < minParsed || 5 * parsed + 2 * left < 3 * nonBlank) return false;
		const text = head[i];
		if (text.trim() === '') continue;
		nonBlank++;
		const line = parse(text);
		if (line === null) continue;
		parsed++;
		visit(line);
	}
	return parsed >= minParsed && parsed >= nonBlank * 0.6;
}

/** At most this many continuation lines are kept per message: enough for any fault dump's fault name. */
export const MAX_CONTINUATIONS = 64;
