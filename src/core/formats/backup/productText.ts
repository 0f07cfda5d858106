import { eseError, hresultOfName, parseHresult, SEQUENCE_ERRORS } from '../../knowledge/hresults';
import { HYPERV_JOB_PREFIX, PRODUCT_CODES } from '../../knowledge/productCodes';
import type { VeeamGuestStep } from '../../knowledge/veeam';
import { WRITERS } from '../../knowledge/writerServices';
import { WRITER_STATES } from '../../knowledge/writerStates';
import type { ClockHint, LogRecord, RecordFields } from '../../model/records';
import type { ProductQuiesceFields } from '../esxi/esxiCommon';
import { SETTING_KIND, type KindDeclarations } from '../lib/kinds';
import { type LineReader, type ReadResult, recordText } from '../lib/format';
import { localStamp, toUtcIso } from '../lib/stamps';
import { RecordFold } from '../lib/fold';
import { foldWidth } from '../lib/width';

/**
 * What the backup-product readers share: finding the codes, writer, VSS operation and volume in a product's
 * error text by structure (labels in brackets, code spellings), whatever the language around them, and a
 * line reader that turns classified lines into records.
 *
 * Record kinds the product readers emit (every one has `product`, a key of knowledge/productCodes PRODUCTS):
 * - `product-error` — a line (or joined message) where the requester reports a failure: `hresult` (the
 *   decisive code, `0x` + 8 upper-case hex, or null), `code` (that code as printed: `0x8004231f`, `800423f0`,
 *   `-2147212538`, `2147754758`), `codes` (every distinct HRESULT of the text, comma-separated, decisive
 *   first), `productCode` (a non-HRESULT code the product prints: `0xA000971E`, `-1022`, `-3960`, or null),
 *   `writerName`, `writerState` (VSS_WRITER_STATE number), `operation` (the VSS step as printed, e.g.
 *   `Shadow copies commit`, `PrepareForBackup event`), `volume` (`C:`), `path` (a file the product names),
 *   `vm` (the VM a host-side product names), `store` (the ESE instance or store a streaming backup names:
 *   `Microsoft Information Store`), `message` (the text, at most 400 characters), `level` (as printed),
 *   `win32` (a Win32 error code the text prints, decimal, or null), `guestStep` (the guest-processing step a
 *   Veeam error names, knowledge/veeam.ts, or null).
 * - `product-job` — a job or task verdict: `scope` (`job` | `task`), `status` (lower case as printed:
 *   `success`, `warning`, `failed` …), `session`, `tasks`, `succeeded`, `failed` (counts or null), `details`,
 *   `vm` (a host-side tool's task: the VM it backed up, when it names one), `productCode` and `quiesced`
 *   (`false`: a warning code that says the backup went on crash-consistent).
 * - `product-cancel` — an operator stopped the job: `user`, `exception` (the exception type when printed).
 * - `product-attempt` — the requester starts a snapshot try: `attempt` (its number).
 * - `product-option` — a job setting that decides what the attempt is: `option` (`vmware-tools-quiesce`:
 *   whether the product asks vSphere for a quiesced snapshot), `enabled`.
 * - `product-snapshot` — the requester's call to vSphere for a VM snapshot: `action` (`create` | `remove`),
 *   `name` (the snapshot's name as the host logs it, or null), `ref` (the managed object as printed: the VM's
 *   `vm-…` for a create, the snapshot's `snapshot-…` for a remove, or null), `quiesce` and `memory` (the
 *   call's flags, null when not printed). The name pairs the line with the host's start of that snapshot.
 * What an in-guest attempt needs is in these fields: requester (`product`), time, result (`product-job`
 * status or a `product-error`), `hresult` and `writerName`.
 */

/** A product's failure report (see the module comment). */
export interface ProductErrorFields {
	product: string;
	hresult: string | null;
	code: string | null;
	codes: string;
	productCode: string | null;
	writerName: string | null;
	writerState: number | null;
	operation: string | null;
	volume: string | null;
	path: string | null;
	vm: string | null;
	store: string | null;
	message: string;
	level: string | null;
	win32: number | null;
	guestStep: VeeamGuestStep | null;
	/**
	 * Set when the line is a page's explanation of the code, not a run's report: a last-resort reader's text laid
	 * out as a page (PageLayout) and the line one of its sentences or headings.
	 */
	documented?: true;
}

declare module '../../model/records' {
	interface RecordFields {
		'product-error': ProductErrorFields;
		'product-job': {
			product: string;
			scope: string;
			session: string;
			status: string;
			tasks: number | null;
			succeeded: number | null;
			failed: number | null;
			details: string | null;
			/** The product's own code of the verdict (a warning's: Altaro's `RCTCONTROLLER_011`), when it prints one. */
			productCode?: string;
			/** Set when the verdict says the backup went on without quiescing (crash-consistent): its try was not quiesced. */
			quiesced?: false;
		};
		'product-cancel': { product: string; user: string | null; exception: string | null; level: string | null };
		'product-attempt': { product: string; attempt: number };
		'product-option': { product: string; option: 'vmware-tools-quiesce'; enabled: boolean };
		'product-snapshot': { product: string; action: 'create' | 'remove'; name: string | null; ref: string | null; quiesce: boolean | null; memory: boolean | null };
	}
}

/** What the backup products' records mean (their lanes are the requester's, model/report.ts ORIGINS). */
export const PRODUCT_KINDS = {
	// A product's error states the failure it saw; its code is what the VSS rules read.
	'product-error': { role: 'event', severity: 'error', failure: true, anchor: null },
	'product-job': { role: 'event', severity: (f) => (/^(?:success|succeeded)$/.test(f.status) ? 'info' : /^warn/.test(f.status) ? 'warning' : 'error'), failure: false, anchor: null },
	// An operator's stop is no failure of the backup (the tasks' own verdicts say what failed).
	'product-cancel': { role: 'event', severity: 'info', failure: false, anchor: null },
	'product-attempt': { role: 'event', severity: 'info', failure: false, anchor: 'start' },
	'product-option': SETTING_KIND,
	// The requester's create call is its view of the snapshot start (its name pairs it with the host's).
	'product-snapshot': { role: 'event', severity: 'info', failure: false, anchor: (f) => (f.action === 'create' ? 'start' : null) },
} satisfies KindDeclarations;

/**
 * `0x…` with 8 hex digits; a C header quoted in a KB adds the long suffix (`((HRESULT)0x800423FBL)`). A minus
 * standing alone before it is a sign a product printed (`Error -0x800423F2`), not a joined name (`id-0x…`).
 */
const HEX = /(?:(?<![\w-])|(?<=(?:^|\s)-))0x([0-9A-Fa-f]{8})L?(?![\w])/g;
/** Eight bare hex digits of an error facility (8004 VSS, 8007 Win32, 8078/8100 backup, 8000 COM). */
const BARE = /(?<![\w.\-+])(800[0-7][0-9A-Fa-f]{4}|8078[0-9A-Fa-f]{4}|8100[0-9A-Fa-f]{4})(?![\w.])/g;
/** Decimal spellings: signed (-2147212538) or unsigned (2147754758). */
const DECIMAL = /(?<![\w.,])(-?2\d{9})(?![\w.,])/g;
/** Short negative numbers: ESE errors and vSphere Data Recovery codes, kept only when the table knows them. */
const NEGATIVE = /(?<![\w.,-])(-\d{3,4})(?![\w.,])/g;
/**
 * Hyper-V's WMI job codes after an error-code label, quoted as Veeam and Hyper-V print them (`Error code:
 * '32768'`): 32768–32779 alone are too common a number to be read without the label.
 */
const HYPERV_JOB = /\berror ?code\s{0,2}[:=]?\s{0,2}['‘’"]?(327(?:6[89]|7\d))(?![\w.,])/gi;
/** A code after a label: `Code: [0x…]`, `Error code: [0x…]`, `hr = 0x…`, `Error [0x…]`, `HRESULT = 0x…`, `Failure code: 0x…`. */
const LABELLED = /(?:code|hr|error|hresult|エラー|fehler)\s{0,2}[:=]?\s{0,2}\[?\s{0,2}0x([0-9A-Fa-f]{8})/gi;
/**
 * A .NET VSS wrapper's exception class (AlphaVSS: `Alphaleonis.Win32.Vss.VssProviderVetoException`): its name is
 * the constant's (`VSS_E_PROVIDER_VETO`) in CamelCase, never translated; only names of known constants count.
 */
const VSS_EXCEPTION = /\bVss([A-Z][A-Za-z]{2,60})Exception\b/g;
/**
 * A VSS constant's name printed for its code (Bareos `ERR=VSS_E_BAD_STATE`, Macrium `Error text: VSS_E_…`): an
 * identifier of vsserror.h, never translated; only names of known constants count. Other headers' names
 * (`E_INVALIDARG`) are too often prose about an API's contract to be a failure's code.
 */
const CONSTANT_NAME = /(?<![\w])(VSS_E_[A-Z0-9_]{2,60})(?![\w])/g;
/** Facilities whose codes are errors worth reporting when printed in decimal or bare hex. */
const FACILITIES = new Set(['8004', '8007', '8078', '8100', '8000', '8003', '8008']);
/** VSSControl and similar wrappers print E_FAIL around the real code. */
const WRAPPERS = new Set(['0x80004005']);

/** The codes of a text: the decisive HRESULT first, with its printed form, and any product code. */
export interface Codes {
	hresult: string | null;
	code: string | null;
	codes: string;
	productCode: string | null;
	/** True when every code was found by a constant's name alone (no number printed). */
	byName: boolean;
}

const isError = (hr: string) => hr.startsWith('0x8') || hr.startsWith('0xC') || hr.startsWith('0xE') || hr.startsWith('0xA');
/**
 * Backup Exec and other vendors use these high nibbles for their own codes (not HRESULTs); System Center (DPM,
 * VMM) prints its internal error codes in facility 0x099 (`Internal error code: 0x809909FB`, `0x809933BB`),
 * its own as well: the Windows or VSS result, when there is one, is printed beside it.
 */
const isVendor = (hr: string) => hr.startsWith('0xA') || hr.startsWith('0xE') || hr.startsWith('0x8099');

/**
 * Every code in a text, in any spelling and width (full-width forms folded), normalised: labelled codes (`Code: [0x…]`) beat bare ones, a
 * wrapper (E_FAIL) or a sequence error (VSS_E_BAD_STATE) loses to any other code, and success codes (`0x00000000`) are not codes.
 */
export function codesIn(raw: string): Codes {
	// A code typed or converted by a Japanese or Chinese input method is full-width (`（０ｘ８００４２３Ｆ３）`): the
	// same digits, read the same once folded.
	const text = foldWidth(raw);
	const found: { hr: string; printed: string; rank: number; byName: boolean }[] = [];
	let productCode: string | null = null;
	const add = (printed: string, rank: number, byName = false) => {
		const hr = parseHresult(printed);
		if (hr === null || !isError(hr)) return;
		if (isVendor(hr) || (PRODUCT_CODES[hr] !== undefined && !FACILITIES.has(hr.slice(2, 6)))) {
			productCode ??= hr;
			return;
		}
		found.push({ hr, printed, rank: WRAPPERS.has(hr) || SEQUENCE_ERRORS.has(hr) ? 3 : rank, byName });
	};
	for (const m of text.matchAll(LABELLED)) add(`0x${m[1]}`, 0);
	for (const m of text.matchAll(HEX)) {
		add(`0x${m[1]}`, 1);
		// A negative ESE error printed as its 32-bit hex (DPM: `Unknown error (0xfffffdf0)` is -528).
		const ese = eseError(`0x${m[1].toUpperCase()}`);
		if (ese !== null) productCode ??= ese.code;
	}
	for (const m of text.matchAll(BARE)) add(m[1], 2);
	for (const m of text.matchAll(DECIMAL)) {
		const hr = parseHresult(m[1]);
		if (hr !== null && FACILITIES.has(hr.slice(2, 6))) add(m[1], 2);
	}
	for (const m of text.matchAll(NEGATIVE)) if (PRODUCT_CODES[m[1]] !== undefined) productCode ??= m[1];
	for (const m of text.matchAll(VSS_EXCEPTION)) {
		const hr = hresultOfName(`VSS_E_${m[1].replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase()}`);
		if (hr !== undefined) add(hr, 2);
	}
	for (const m of text.matchAll(CONSTANT_NAME)) {
		const hr = hresultOfName(m[1]);
		if (hr !== undefined) add(hr, 2, true);
	}
	for (const m of text.matchAll(HYPERV_JOB)) if (PRODUCT_CODES[HYPERV_JOB_PREFIX + m[1]] !== undefined) productCode ??= HYPERV_JOB_PREFIX + m[1];
	found.sort((a, b) => a.rank - b.rank);
	const distinct = [...new Set(found.map((f) => f.hr))];
	// A labelled code's printed form is the label's hex; the bare spelling of the same code may come first in the text.
	const best = found[0];
	const printed = best ? (found.find((f) => f.hr === best.hr && f.rank > 0)?.printed ?? best.printed) : null;
	// The decisive code wins over its own spelled-out twins; a product code alone leaves the HRESULT null.
	return { hresult: best?.hr ?? null, code: printed, codes: distinct.join(','), productCode, byName: found.length > 0 && found.every((f) => f.byName) };
}

const BRACKET_WRITER = /Writer(?:'s)? name:?\s{0,2}[[']([^\]'\n]{1,120})[\]']/i;
/** `Selected writer [X]`: a vsbackup requester's GetWriterStatus line (KB 959978). */
const SELECTED_WRITER = /Selected writer \[([^\]\n]{1,120})\]/i;
/** A quoted name before these words is a writer (`"MSDEWriter" has reported an error`). */
const QUOTE_THEN_VERDICT = /["'’] ?(?:has reported|is in failed state|has invalid state)/i;
/** A quoted name after these words is a writer (`Selected writer 'System Writer'`, `VSS Writer "…"`). */
const WRITER_THEN_QUOTE = /(?:Selected writer|VSS Writer|writer) ["'‘]/i;
const OPENING = `"'‘「`;
const CLOSING = `"'’」`;
const REPORTED_BY = /error reported by ([^.:\n]{1,80}?(?:Writer|writer|Writer \([^)\n]{1,40}\)))(?=[.:\s])/;
const WS_NAME = /VSS_WS_[A-Z_]{4,40}/;
const WS_NUMBER = /(?:Status|State|状態)\s{0,2}[:=]\s{0,2}\[?(\d{1,2})\]?\s{0,2}\(VSS_WS_/i;
const OPERATION = /Operation:\s{0,2}\[([^\]\n]{1,80})\]/i;
const VOLUME = /(?<![\w\\])([A-Za-z]:)(?:\\|(?=[\s\]).,]|$))/;
const PATH = /(?<![\w\\])([A-Za-z]:\\[^\s"'<>|*?]{0,240}[^\s"'<>|*?.,:;\])])/;

/** Writer names the knowledge knows, longest first, so `Microsoft Exchange Replica Writer` beats its prefix. */
const KNOWN_WRITERS = WRITERS.map((w) => w.name).sort((a, b) => b.length - a.length);

/** The VSS writer a product's text names: bracketed, quoted, `reported by`, or a known writer's name. */
export function writerIn(text: string): string | null {
	return labelledWriterIn(text) ?? KNOWN_WRITERS.find((n) => text.includes(n)) ?? null;
}

/**
 * The VSS writer a product's text names by its own labels (`Writer name: [X]`, `writer 'X'`, `'X' failed`,
 * `error reported by X Writer`), or null: a known writer's name in a sentence (a list of writers a post restarted)
 * is no report of that writer.
 */
export function labelledWriterIn(text: string): string | null {
	const bracket = BRACKET_WRITER.exec(text) ?? SELECTED_WRITER.exec(text);
	if (bracket) return bracket[1].trim();
	const after = WRITER_THEN_QUOTE.exec(text);
	const quoted = after ? quotedFrom(text, after.index + after[0].length - 1) : null;
	if (quoted) return quoted;
	const before = QUOTE_THEN_VERDICT.exec(text);
	const back = before ? quotedBefore(text, before.index) : null;
	if (back) return back;
	return REPORTED_BY.exec(text)?.[1].trim() ?? null;
}

/** Most characters a quoted name may have. */
const MAX_QUOTED = 120;

/** The text quoted from the opening quote at `open` to its closing quote on the same line, or null. */
export function quotedFrom(text: string, open: number): string | null {
	for (let i = open + 1; i < text.length && i <= open + MAX_QUOTED + 1; i++) {
		if (text[i] === '\n') return null;
		if (CLOSING.includes(text[i])) return i > open + 1 ? text.slice(open + 1, i) : null;
	}
	return null;
}

/** The text quoted up to the closing quote at `close`, back to its opening quote on the same line, or null. */
function quotedBefore(text: string, close: number): string | null {
	for (let i = close - 1; i >= 0 && i >= close - MAX_QUOTED - 1; i--) {
		if (text[i] === '\n') return null;
		if (OPENING.includes(text[i])) return i < close - 1 ? text.slice(i + 1, close) : null;
	}
	return null;
}

/** The first quoted text of a line (`‘SQL-01’`, `'SQL-01'`, `「SQL-01」`), or null. */
export function firstQuoted(text: string): string | null {
	for (let i = 0; i < text.length; i++) if (OPENING.includes(text[i])) return quotedFrom(text, i);
	return null;
}

/** The VSS_WRITER_STATE a text states: `Status: 9 (VSS_WS_…)` or the state's name. */
export function writerStateIn(text: string): number | null {
	const n = WS_NUMBER.exec(text);
	if (n) return Number(n[1]);
	const name = WS_NAME.exec(text)?.[0];
	const state = name ? WRITER_STATES.find((s) => s.name === name) : undefined;
	return state?.code ?? null;
}

/** The fields of a `product-error` from its text. */
export function errorFields(text: string, extra: Partial<ProductErrorFields> = {}): WithProduct<ProductErrorFields> {
	const codes = codesIn(text);
	const path = PATH.exec(text)?.[1] ?? null;
	return {
		hresult: codes.hresult,
		code: codes.code,
		codes: codes.codes,
		productCode: codes.productCode,
		writerName: writerIn(text),
		writerState: writerStateIn(text),
		operation: OPERATION.exec(text)?.[1].trim() ?? null,
		volume: VOLUME.exec(text)?.[1].toUpperCase() ?? null,
		path,
		vm: null,
		store: null,
		message: text.trim().slice(0, 400),
		level: null,
		win32: null,
		guestStep: null,
		...extra,
	};
}

/**
 * What a classifier makes of a line: records (kind and fields), or nothing. `text`, when given, is the record's
 * text instead of the line's: a message the classifier joined from hard-wrapped lines before it. `mark`, when
 * given, is what the record's own line of a joined paragraph holds (a pasted paragraph of several log lines
 * makes several records): the record is that line's, the first from the message's start, each line once.
 */
export type Found = (
	| { kind: 'product-error'; fields: WithProduct<ProductErrorFields> }
	| { kind: 'product-job'; fields: WithProduct<RecordFields['product-job']> }
	| { kind: 'product-cancel'; fields: WithProduct<RecordFields['product-cancel']> }
	| { kind: 'product-attempt'; fields: WithProduct<RecordFields['product-attempt']> }
	| { kind: 'product-option'; fields: WithProduct<RecordFields['product-option']> }
	| { kind: 'product-snapshot'; fields: WithProduct<RecordFields['product-snapshot']> }
	| { kind: 'quiesce-note'; fields: WithProduct<ProductQuiesceFields> }
	| { kind: 'wsb-file-error'; fields: RecordFields['wsb-file-error'] }
	| { kind: 'cbt-error'; fields: RecordFields['cbt-error'] }
) & {
	text?: string;
	mark?: string;
	/**
	 * The wall-clock stamp the classifier read in the message itself, for a grammar with no stamp of its own that
	 * reads several products' lines (burp's client stamp, which only its lines carry among the job messages), with
	 * the UTC offset (minutes east) the stamp states, or null when it states none.
	 */
	stamp?: { parts: Stamped['parts']; utcOffsetMinutes: number | null };
};

/** A kind's fields, whose `product` the reader adds unless the classifier names another (per line). */
type WithProduct<T> = Omit<T, 'product'> & { product?: string };

/** A line's wall-clock stamp and the rest of the line. */
export interface Stamped {
	parts: [number, number, number, number, number, number, number];
	rest: string;
	/** The level column as printed (`Error`, `WARN`), or null when the format has none. */
	level: string | null;
}

/** What a product reader needs: how a line is stamped (if at all) and what a message says. */
export interface ProductGrammar {
	product: string;
	/** The stamp of a line, or null when the line has none (it then continues the message before it, or stands alone). */
	stamp?: (text: string) => Stamped | null;
	/**
	 * Records of one message (a stamped line with its continuations, or an unstamped paragraph line); `lineNo` is
	 * the message's first line, for a classifier that pairs a message with the lines just before it.
	 */
	classify(message: string, level: string | null, lineNo?: number): Found[];
	/** Unstamped lines join the message before them (hard-wrapped pastes) instead of standing alone. */
	joinUnstamped?: boolean;
	/** Joined lines keep their breaks: a block whose lines are each a labelled field, not a wrapped sentence. */
	lineBreaks?: boolean;
	/** Lines of one message kept at most (MESSAGE_LINES unless the format's messages are longer: a chain of records). */
	messageLines?: number;
	/** Unstamped lines before the first stamped line are the file's banner: parsed, no records. */
	preamble?: boolean;
	/** A banner line stating the clock: minutes east of UTC, or null. */
	offset?: (text: string) => number | null;
	/**
	 * Whether a message's lines from one of them on are another format's (a Windows event's text pasted under
	 * the product's error, a sentence before it): not read, its lines counted unparsed, so the paste is cut
	 * into sections and that format reads them.
	 */
	foreign?: (lines: readonly string[]) => boolean;
	/**
	 * A reader of any text with a code in it (no structure of its own): its lines that no message classifies
	 * are prose or another format's, not its own, and count as unparsed. A product's format knows its lines.
	 */
	lastResort?: boolean;
	/**
	 * The product a mark anywhere in the file names (a .NET namespace in a stack frame under the error it
	 * explains), or null: the file's records of the grammar's own product (`product`) take it at the end.
	 */
	fileProduct?: () => string | null;
}

/** Lines of one message kept at most: a stamped message's continuations, or a paragraph joined. */
const MESSAGE_LINES = 64;

/** A line that is one quotation from its first character to its last (`"VSSControl: Failed to …"`). */
const WHOLE_QUOTE = /^["“][^"“”\n]{8,}["”]$/;
/** A line a table or a viewer cut at its width (`… IDispatch error #8...`): the next line is no continuation of it. */
const CUT_AT_WIDTH = /(?:\.{3}|…)$/;

/** Reads a product's log or pasted text: each message classified once, records carry the product. */
export class ProductReader implements LineReader {
	private readonly records = new RecordFold();
	/** The text's layout, for a last-resort reader (its lines are any text's: a page's or a run's). */
	private readonly layout: PageLayout | null;
	private unparsed = 0;
	private open: { lineNo: number; text: string; lines: string[]; lineNos: number[]; stamp: Stamped | null } | null = null;
	/** The code of the last message that reported one, and its last line. */
	private lastCode: { hresult: string | null; line: number } | null = null;
	private offset: number | null = null;
	private clock: ClockHint | null = null;
	private stamped = false;

	constructor(
		private readonly path: string,
		private readonly grammar: ProductGrammar,
	) {
		this.layout = grammar.lastResort ? new PageLayout() : null;
	}

	line(text: string, lineNo: number): void {
		this.layout?.line(text, lineNo);
		const off = this.grammar.offset?.(text) ?? null;
		if (off !== null && this.clock === null) {
			this.offset = off;
			this.clock = { utcOffsetMinutes: off, basis: 'banner' };
		}
		const stamp = this.grammar.stamp?.(text) ?? null;
		if (stamp) {
			this.stamped = true;
			this.flush();
			this.open = { lineNo, text, lines: [stamp.rest], lineNos: [lineNo], stamp };
			return;
		}
		if (text.trim() === '') {
			if (!this.grammar.stamp) this.flush();
			return;
		}
		if (this.grammar.preamble && !this.stamped) return;
		// Two lines each quoted whole are two messages quoted one after the other (a KB listing alternatives), not
		// one message a paste wrapped.
		const last = this.open?.lines[this.open.lines.length - 1].trim() ?? '';
		const quotedPair = this.open !== null && this.open.stamp === null && WHOLE_QUOTE.test(text.trim()) && WHOLE_QUOTE.test(last);
		// A block of labelled fields (lineBreaks) goes on past a field cut short.
		const cut = this.open !== null && this.open.stamp === null && this.grammar.lineBreaks !== true && CUT_AT_WIDTH.test(last);
		if (this.open && !quotedPair && !cut && (this.grammar.joinUnstamped || this.open.stamp !== null)) {
			if (this.open.lines.length < (this.grammar.messageLines ?? MESSAGE_LINES)) {
				this.open.lines.push(text);
				this.open.lineNos.push(lineNo);
			}
			return;
		}
		this.flush();
		this.open = { lineNo, text, lines: [text], lineNos: [lineNo], stamp: null };
	}

	private flush(): void {
		const m = this.open;
		this.open = null;
		if (!m) return;
		const joined = this.grammar.joinUnstamped === true && !m.stamp;
		const message = m.lines.map((l) => l.trim()).join(joined && this.grammar.lineBreaks !== true ? ' ' : '\n');
		if (m.stamp === null && this.grammar.foreign?.(m.lines)) {
			this.unparsed += m.lines.length;
			return;
		}
		const found = this.grammar.classify(message, m.stamp?.level ?? null, m.lineNo);
		// An unstamped message nothing classifies is not read: one line in a stamped log (a stray line), its
		// every line in a last-resort paste (prose around the code) — counted, so a paste that holds another
		// format's lines too is cut into sections (ingest/sections.ts) instead of being read whole by this one.
		if (found.length === 0 && m.stamp === null) this.unparsed += off(this.grammar) ? 1 : this.grammar.lastResort ? m.lines.length : 0;
		if (joined && found.length > 0) {
			const from = this.messageStart(m.lines, found);
			let after = from.line - 1;
			for (const f of from.found) {
				const own = f.mark === undefined ? -1 : m.lines.findIndex((l, i) => i > after && l.includes(f.mark!));
				if (own >= 0) after = own;
				const at = own >= 0 ? own : from.line;
				this.push(f, m.lineNos[at], m.lines[at], null);
			}
			return;
		}
		// A message that only names the code the message just before printed (vshadow's `- Error text: VSS_E_…`
		// under `- Returned HRESULT = 0x…`) is that message's detail, not another report.
		const codes = found.length > 0 ? codesIn(message) : null;
		const echo = codes !== null && codes.byName && this.lastCode !== null && this.lastCode.hresult === codes.hresult && m.lineNo - this.lastCode.line <= ECHO_LINES;
		if (codes !== null) this.lastCode = { hresult: codes.hresult, line: m.lineNos[m.lineNos.length - 1] };
		if (echo) return;
		for (const f of found) this.push(f, m.lineNo, m.text, m.stamp);
	}

	/**
	 * Where the message of a joined paragraph starts: prose before it (`on the esx I have the message`) shares
	 * its paragraph, and the evidence is the line the message begins on. A leading line is prose when it stops
	 * short of the paragraph's wrap width (a hard-wrapped message fills its lines to about the same width: its
	 * first line is part of it) and the paragraph's rest still reads as the same records (their kinds and every
	 * field but the message's own text).
	 */
	private messageStart(lines: readonly string[], found: Found[]): { line: number; found: Found[] } {
		const same = (a: Found[], b: Found[]) => a.length === b.length && a.every((f, i) => f.kind === b[i].kind && sameFields(f.fields, b[i].fields));
		const trimmed = lines.map((l) => l.trim());
		const widths = trimmed.map(columns);
		const width = widths.reduce((a, b) => Math.max(a, b), 0);
		let line = 0;
		while (line + 1 < lines.length && widths[line] < WRAPPED_WIDTH * width) {
			const rest = this.grammar.classify(trimmed.slice(line + 1).join(this.grammar.lineBreaks === true ? '\n' : ' '), null);
			if (!same(rest, found)) break;
			line++;
			found = rest;
		}
		return { line, found };
	}

	private push(f: Found, lineNo: number, text: string, stamp: Stamped | null): void {
		let time: string | null = null,
			local: string | null = null;
		const parts = stamp?.parts ?? f.stamp?.parts;
		if (parts) {
			const [y, mo, d, h, mi, s, ms] = parts;
			const offset = stamp ? this.offset : (f.stamp?.utcOffsetMinutes ?? this.offset);
			time = offset === null ? null : toUtcIso(y, mo, d, h, mi, s, ms, offset);
			local = time === null ? localStamp(y, mo, d, h, mi, s, ms) : null;
		}
		// Each product kind's fields with the product added; a file WSB could not back up is no product's record and
		// keeps the object it was given (its classifier may still set the error text from the next line).
		// TypeScript does not follow the kind through the spread.
		// A host's or Windows' own record names no product.
		const fields = f.kind === 'wsb-file-error' || f.kind === 'cbt-error' ? f.fields : { product: this.grammar.product, ...f.fields };
		this.records.push({ time, local, kind: f.kind, fields, source: { path: this.path, line: lineNo }, text: recordText(f.text ?? text) } as LogRecord);
	}

	end(): ReadResult {
		this.flush();
		// A log whose format states its offset in a banner, read without one (a pasted excerpt): say that its times are local.
		const problems = this.grammar.offset && this.clock === null && this.stamped ? [NO_BANNER] : [];
		const product = this.grammar.fileProduct?.() ?? null;
		const records = this.records.records();
		const named = product === null ? records : records.map((r) => ('product' in r.fields && r.fields.product === this.grammar.product ? ({ ...r, fields: { ...r.fields, product } } as LogRecord) : r));
		const page = this.layout?.isPage() === true ? this.layout : null;
		const alternatives = page?.alternatives(named) === true;
		const read = page ? named.map((r) => (r.kind === 'product-error' && (alternatives || page.explains(r)) ? { ...r, fields: { ...r.fields, documented: true as const } } : r)) : named;
		return { facts: { records: read }, unparsedLines: this.unparsed, problems, clock: this.clock };
	}
}

/** A line's end that opens what follows (`Consider the following scenario:`), or a clause that goes on (`Hi all,`). */
const CLAUSE_END = /[:：,，、;；]\s*$/;
/**
 * A sentence's end or a clause's inside a line (a page's paragraph run together with the heading after it:
 * `…実行します。問題 2: …`; a paragraph's line a wrap cut before its sentence ends: `…指定している場合、エラー`).
 */
const SENTENCE_MARK = /[.!?,](?:\s|$)|[。．！？、，]/;
/** A mark a heading never has: a sentence's or a clause's end anywhere (`是自动的状态。点击…`, `Hi all,`), an ellipsis, a table's cell. */
const PROSE_MARK = /[.!?,;](?:\s|$)|[。．！？，、；…|]|[:：]\s*$/;
/** A line that asks (a thread's question: `Any ideas?`, `这是什么原因？`): a page explains, it does not ask. */
const QUESTION = /[?？][)）」』"”']?\s*$/;
/** A Markdown heading. */
const MD_HEADING = /^#{1,6}\s/;
/** A list item's mark (`•`, `-`, `*`, `1.`): an item is no heading. */
const LIST_MARK = /^(?:[•·*\-–]|\d{1,3}[.)])\s/;
/** Columns a heading fills at most (a wide character two): `Symptoms`, `問題 1: エラー コード 0x80070001`. */
const HEADING_COLUMNS = 40;
/** Columns a paragraph's line fills at least. */
const PARAGRAPH_COLUMNS = 30;
/** Lines of a hard-wrapped paragraph with no sentence's end yet that a heading may stand above (a wrapped first sentence). */
const WRAPPED_LINES = 3;
/** Columns from which a line may have been cut by a mail client's or a forum's wrap (the narrowest width, 72, less its marks). */
const WRAP_COLUMNS = 64;
/** Short headings over a paragraph a page has at least (`Symptoms` then its text, `Cause` then its). */
const PAGE_HEADINGS = 2;
/** Sections a page's reports fill at least, each its own codes, to be a list of alternatives (PageLayout.alternatives). */
const SECTIONS_LISTED = 2;

/** A line without its quoting (`> `, kept where the paste was not unquoted: a quote inside a code block). */
const bare = (text: string): string => text.replace(/^\s*(?:>\s?)+/, '').trim();
/** Marks of code or data, not prose (JSON's `"key":`, braces, brackets, markup, assignments): such a line is neither a heading nor a paragraph's. */
const CODE_MARK = /[{}[\]<>=`]|"\s*:/;
/** A title's shape: a Markdown heading, or a line with no mark of a sentence, a clause or code that is no list item. */
const isTitle = (line: string): boolean => MD_HEADING.test(line) || (!PROSE_MARK.test(line) && !CODE_MARK.test(line) && !LIST_MARK.test(line));
/** A short title; `width` the line's columns. */
const isHeading = (line: string, width = columns(line)): boolean => isTitle(line) && (MD_HEADING.test(line) || width <= HEADING_COLUMNS);
/** A paragraph's line: a sentence or a clause ends in it, or it opens what follows (`Consider the following scenario:`); `width` its columns. */
const isParagraph = (line: string, width = columns(line)): boolean => width >= PARAGRAPH_COLUMNS && !CODE_MARK.test(line) && (SENTENCE_MARK.test(line) || CLAUSE_END.test(line));

/**
 * The layout of a text a last-resort reader reads: a page (a KB article, a vendor's documentation) sets headings
 * over paragraphs (`Cause` over `The Volume Shadow Copy Service (VSS) returns … 0x80042301 …`), a run's text (a
 * log, a person's post telling one failure, a thread of replies) does not. Counted on the layout only: titles
 * (isTitle) over a paragraph's line (blank lines aside), at least PAGE_HEADINGS of them short, and no paragraph's
 * line asks a question.
 */
class PageLayout {
	private headings = 0;
	private asks = false;
	/** The last line if it has a title's shape: its number, and whether it is short (a heading). */
	private last: { lineNo: number; heading: boolean; wrapped: number; alone: boolean } | null = null;
	/** Whether the line before the current one was blank (or there was none): a heading a page sets stands alone. */
	private blankBefore = true;
	/** Lines with a title's shape over a paragraph or a heading (a page's title `…エラー メッセージ:"0x80042409"`, its headings). */
	private readonly titles = new Set<number>();
	/** Whether the last line is a Markdown heading a wrap may have cut. */
	private cutHeading = false;
	/** The lines of the headings counted (each over a paragraph) that stand alone, in order: where the page's sections start. */
	private readonly sections: number[] = [];

	line(text: string, lineNo: number): void {
		const line = bare(text);
		if (line === '') {
			this.blankBefore = true;
			return;
		}
		const alone = this.blankBefore || MD_HEADING.test(line);
		this.blankBefore = false;
		const width = columns(line);
		const paragraph = isParagraph(line, width);
		const title = isTitle(line);
		// A title over a heading (the page's own over `Symptoms`) is one too; only headings over a paragraph are counted.
		if (this.last !== null && (paragraph || title) && this.last.wrapped === 0) this.titles.add(this.last.lineNo);
		if (this.last?.heading === true && paragraph) {
			this.headings++;
			// A section starts at a heading standing alone (a Markdown one, or a blank line above it): a short line
			// a wrap cut off a message's end (`service in bad state`) heads no section.
			if (this.last.alone) this.sections.push(this.last.lineNo);
		}
		this.asks ||= paragraph && QUESTION.test(line);
		// A Markdown heading as wide as a wrap's width goes on in the next line (a client cut it there).
		if (this.cutHeading) this.titles.add(lineNo);
		this.cutHeading = MD_HEADING.test(line) && width >= WRAP_COLUMNS;
		// A paragraph hard-wrapped before its first sentence ends (a mail client's 72 columns) starts with long lines
		// of no mark: the heading above stays pending over WRAPPED_LINES of them.
		const wrapped = this.last !== null && !paragraph && width >= PARAGRAPH_COLUMNS && this.last.wrapped < WRAPPED_LINES;
		this.last = wrapped && this.last !== null ? { ...this.last, wrapped: this.last.wrapped + 1 } : title ? { lineNo, heading: isHeading(line, width), wrapped: 0, alone } : null;
	}

	isPage(): boolean {
		return this.headings >= PAGE_HEADINGS && !this.asks;
	}

	/**
	 * Whether the page's reports are alternatives it lists, one failure a section (a troubleshooting article's
	 * `## Cyclic Redundancy Check (CRC) errors` over `… an error message similar to the one below:` and its quote,
	 * then the next heading's): every report sits under a heading, they fill SECTIONS_LISTED sections at least, and
	 * no code of one section's is another's. A page telling one failure (`Symptoms` quoting its event, `Cause`
	 * naming the same code) shares its code between sections, and keeps its try.
	 */
	alternatives(records: readonly LogRecord[]): boolean {
		const codes = new Map<number, Set<string>>();
		for (const r of records) {
			if (r.kind !== 'product-error') continue;
			const line = r.source.line;
			let section = -1;
			for (let i = 0; i < this.sections.length && this.sections[i] < line; i++) section = i;
			if (section < 0) return false;
			const own = codes.get(section) ?? new Set<string>();
			for (const code of [r.fields.hresult, r.fields.productCode]) if (code !== null && code !== undefined) own.add(code);
			codes.set(section, own);
		}
		if (codes.size < SECTIONS_LISTED) return false;
		const seen = new Set<string>();
		for (const own of codes.values()) {
			for (const code of own) if (seen.has(code)) return false;
			for (const code of own) seen.add(code);
		}
		return true;
	}

	/** Whether a record's line explains its code on such a page: a title over a paragraph, a heading, a paragraph's line. */
	explains(r: LogRecord): boolean {
		const line = bare(r.text);
		return this.titles.has(r.source.line) || isHeading(line) || isParagraph(line);
	}
}

/** Lines after a message that printed a code within which a line naming the same constant is its detail. */
const ECHO_LINES = 2;

const NO_BANNER = 'No banner states the UTC offset of this log: its times are local wall-clock times, placed in UTC only when another file of the same attempt pairs with them.';

/** The share of a paragraph's longest line that a line wrapped at the same width fills at least. */
const WRAPPED_WIDTH = 0.8;

/** East Asian wide characters (CJK, kana, hangul, full-width forms): two columns each where text is wrapped. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;

/** The columns a line fills (a wide character two), as an editor or a mail client wraps it. */
const columns = (text: string): number => text.length + (text.match(WIDE)?.length ?? 0);

/** Whether two records' fields say the same, the message's own text (`message`) aside. */
function sameFields(a: object, b: object): boolean {
	const strip = (o: object) => JSON.stringify({ ...o, message: undefined });
	return strip(a) === strip(b);
}

/** Stamped formats count their unstamped, unclassified lines as unparsed. */
const off = (g: ProductGrammar) => g.stamp !== undefined;
