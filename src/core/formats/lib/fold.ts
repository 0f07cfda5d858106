import type { FieldValue, LogRecord, RecordKind } from '../../model/records';
import type { KindInfo } from './kinds';
import { own } from '../../decode/decode';
import { TakenMessage } from './multiline';
import { canonicalUtcMsAt, instantMs } from './stamps';

/**
 * Where a reader collects its records, folding repeats: a log that says the same thing again and again
 * (keep-alives, a poller's warning, a setting read at every poll) gives one record with a count, so that
 * memory and the report follow what is distinct in a bundle, not its line count.
 *
 * A record folds into an earlier one of its file when all of these hold:
 * - both have the same **shape**: the same kind; the same fields, where a numeric field and a single-token
 *   string (an id, a code, a path: `opId`, `taskId`, a GUID, an HRESULT, a record id) must be equal and a
 *   prose string (one with white space: a message) may differ in its numbers; and the same line text once
 *   its numbers are masked (stamps, thread ids, counters). Records with distinct ids never fold;
 * - the earlier one is among the FOLD_SHAPES shapes last seen in the file (and among the FOLDS_PER_LINE
 *   last of its line: the same line about several VMs), and no pinned record came between them (see
 *   below): a fold never spans a snapshot start or an error another source reports;
 * - both have a time (or both have none), the later one is no earlier, at most FOLD_GAP_MS after the
 *   fold's last record and FOLD_SPAN_MS after its first: an attempt's timeline still shows the chatter of
 *   its own hour.
 *
 * Pinned records never fold and close every open fold: clock anchors (snapshot starts, quiesce starts,
 * errors the host and guest both report; their kind's `anchor`), steps of a state machine (their kind's
 * `phase`: a freeze script's line and the thaw script's same line stay two records), and what is no event or setting
 * (headers, listings). Records of a kind the registry has not declared (see useFoldKinds) are pinned too.
 *
 * The folded record is the first of its shape, in its place; `fold` says how many there were and where the
 * last one is (model/records.ts).
 */

/** How many distinct shapes a file keeps open for folding (interleaved chatter of several components). */
export const FOLD_SHAPES = 64;
/** Open folds of one line shape with different fields (the same line about several VMs). */
export const FOLDS_PER_LINE = 4;
/**
 * How far a repeat may come after the one before it (ms): "nearby" repeats fold (keep-alives, a poll
 * every few minutes); a warning a guest logs once an hour stays one record each time.
 */
export const FOLD_GAP_MS = 10 * 60 * 1000;
/**
 * How long one fold may span, from its first record to its last (ms): an hour, so that memory grows by
 * one record per shape and hour of a log without snapshots (folds of at most 10 minutes kept 300,000
 * records, 0.7 GB, of a 1 GiB record-dense bundle spanning 28 days); a snapshot start closes folds anyway.
 */
export const FOLD_SPAN_MS = 60 * 60 * 1000;

/** A table of what each kind means (the registry's KINDS); looked up by kind name. */
type KindLookup = Readonly<Partial<Record<RecordKind, KindInfo<never>>>>;

/**
 * The kinds the fold consults: set once by the registry (formats/index.ts), which imports every reader and
 * so cannot be imported by them. Until it is set, every record is pinned (nothing folds).
 */
let kinds: KindLookup | null = null;

/** Gives the fold the registry's table of kinds (formats/index.ts, at load). */
export function useFoldKinds(table: KindLookup): void {
	kinds = table;
}

/** Whether a record is pinned (see the module comment). */
function pinned(r: LogRecord): boolean {
	const info = kinds?.[r.kind] as KindInfo<RecordKind> | undefined;
	if (!info || (info.role !== 'event' && info.role !== 'setting')) return true;
	if (info.role === 'event' && info.phase === true) return true;
	const anchor = typeof info.anchor === 'function' ? (info.anchor as (f: unknown) => unknown)(r.fields) : info.anchor;
	return anchor !== null;
}

/*
 * The shape, without building it: a hash of it to find candidates, and an exact comparison. In prose and
 * in the line, a run of hex digits (0-9, A-F, a-f) holding a decimal digit is masked (stamps, thread ids,
 * counters, `hostd[2099A95B]`); a run without one (`added`, `face`) is text like any other. A string
 * building and a regular expression per record cost more than reading the line did.
 */

const isHexCode = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;

/** FNV-1a step. */
const mix = (h: number, v: number) => Math.imul(h ^ v, 0x01000193);

/** Hashes `text` into `h` as it is. */
function hashExact(h: number, text: string): number {
	for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
	return mix(h, 0);
}

/**
 * Characters the line hash takes, from the end of the line: lines of one log differ most in their
 * message, at the end, and their stamps and prefixes, at the start, are alike; the comparison that
 * settles a candidate runs from the start and stops at the first difference. A whole 150-character
 * line cost as much as the comparison itself.
 */
const HASH_TAIL_CHARS = 48;

/**
 * Hashes the last HASH_TAIL_CHARS characters of `text` that are no hex digits into `h`: texts equal once
 * masked have the same such characters in the same order (hex runs are maximal, so the same characters
 * bound them), so the same last ones too; the rare texts that differ only in hex letters or before the
 * tail are told apart by sameLine. One pass from the end, no run to find.
 */
function hashBetweenRuns(h: number, text: string): number {
	let taken = 0;
	for (let i = text.length - 1; i >= 0 && taken < HASH_TAIL_CHARS; i--) {
		const c = text.charCodeAt(i);
		if (!isHexCode(c)) {
			h = mix(h, c);
			taken++;
		}
	}
	return mix(h, 0);
}

/** The end of the hex run that holds position `i` (or `i` when the character there is no hex digit). */
function runEnd(text: string, i: number): number {
	while (i < text.length && isHexCode(text.charCodeAt(i))) i++;
	return i;
}

/** Whether text[from, to) holds a decimal digit. */
function hasDigit(text: string, from: number, to: number): boolean {
	for (let i = from; i < to; i++) if (isDigitCode(text.charCodeAt(i))) return true;
	return false;
}

/**
 * Whether two texts are equal once masked (see above). Equal characters are passed over at once; at the
 * first difference, both texts have the same prefix, so the hex run it falls in starts at the same place
 * in both: the texts go on from the ends of the runs when both runs are masked.
 */
export function sameMasked(a: string, b: string): boolean {
	const la = a.length;
	const lb = b.length;
	let i = 0;
	let j = 0;
	for (;;) {
		// Equal characters: one index and one bound (the texts are `d` apart since the last masked runs).
		const d = j - i;
		const end = Math.min(la, lb - d);
		while (i < end && a.charCodeAt(i) === b.charCodeAt(i + d)) i++;
		j = i + d;
		if (i === la && j === lb) return true;
		const ca = i < la ? a.charCodeAt(i) : -1;
		const cb = j < lb ? b.charCodeAt(j) : -1;
		// A difference outside any run (no hex digit on either side) is a difference of the texts.
		if (!isHexCode(ca) && !isHexCode(cb)) return false;
		const ea = runEnd(a, i);
		const eb = runEnd(b, j);
		// Two decimal digits differ (a stamp, a counter: most differences): both runs are masked. Otherwise
		// the run the difference falls in, back to where it starts (the same characters in both), must be
		// masked in both, or the texts differ.
		if (!(isDigitCode(ca) && isDigitCode(cb))) {
			let start = 0;
			for (let k = i; k > 0 && isHexCode(a.charCodeAt(k - 1)); k--) start++;
			if (!(hasDigit(a, i - start, ea) && hasDigit(b, j - start, eb))) return false;
		}
		i = ea;
		j = eb;
	}
}

/** Prose (compared masked) as opposed to one token (an id, a code, a path: compared as it is). */
function isProse(v: string): boolean {
	for (let i = 0; i < v.length; i++) {
		const c = v.charCodeAt(i);
		if (c <= 0x20 || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029) return true;
	}
	return false;
}

/**
 * A hash of a record's shape (see the module comment): equal shapes hash alike. It covers the kind and the
 * line; the fields, which the reader read from the line (and its continuation lines and its state), are
 * compared by sameFields only when the lines match.
 */
export const shapeHash = (r: LogRecord): number => hashBetweenRuns(hashExact(0x811c9dc5, r.kind), r.text);

/** Whether two records have the same kind and the same line once masked: the first half of their shape. */
const sameLine = (a: LogRecord, b: LogRecord): boolean => a.kind === b.kind && sameMasked(a.text, b.text);

/** Whether two records of the same line (sameLine) have the same fields: the other half of their shape. */
function sameFields(a: LogRecord, b: LogRecord): boolean {
	const fa = a.fields as Readonly<Record<string, FieldValue>>;
	const fb = b.fields as Readonly<Record<string, FieldValue>>;
	// for…in, not Object.keys: no array per record.
	let n = 0;
	for (const name in fa) {
		n++;
		const va = fa[name];
		const vb = fb[name];
		if (va === vb) {
			if (va === undefined && !Object.hasOwn(fb, name)) return false;
			continue;
		}
		if (typeof va !== 'string' || typeof vb !== 'string' || !isProse(va) || !isProse(vb) || !sameMasked(va, vb)) return false;
	}
	// a's fields were all found in b: the same fields when they are as many.
	for (const name in fb) if (--n < 0 || !Object.hasOwn(fa, name)) return false;
	return n === 0;
}

/** A record's instant (ms) for the fold: its UTC time, or its printed local time on an axis of its own. */
function foldMs(r: LogRecord): number | null {
	if (r.time !== null) return instantMs(r.time);
	if (r.local === null) return null;
	// A yearless local stamp (`--07-16T…`) is placed in 2000 (a leap year): only differences count here.
	return instantMs(`${r.local.startsWith('--') ? `2000${r.local.slice(1)}` : r.local}Z`);
}

/** An open fold: its first record, that record's instant, and when the file last used it. */
interface Open {
	record: LogRecord;
	firstMs: number | null;
	used: number;
	/** The RecordFold's `epoch` while the fold is open; -1 once it is closed. */
	epoch: number;
	/** Lines a repeat lane learnt for the fold (see RepeatLane.learn). */
	learnt: number;
	/** Where the last repeat's line is in the RecordFold's `window` while its text is not yet copied (-1: none). */
	lastFrom: number;
	lastTo: number;
}

/** An open fold as a reader holds on to it (see RecordFold.push and RepeatLane): only the fold reads it. */
export type FoldHandle = Readonly<Pick<Open, 'epoch'>>;

/**
 * The open folds of one line shape (the kind and the masked line), FOLDS_PER_LINE at most, with fields
 * that differ: the line is compared once per record, not once per fold (the same line about four VMs).
 */
interface LineFolds {
	/** A record of the shape: the line every record of the group has once masked. */
	line: LogRecord;
	folds: Open[];
}

/** A reader's records, repeats folded (see the module comment). `push` takes records in line order. */
export class RecordFold {
	private readonly list: LogRecord[] = [];
	/** The open folds by shape hash (a few line shapes may share a hash: each is compared). */
	private readonly open = new Map<number, LineFolds[]>();
	private openCount = 0;
	/** Records pushed: the clock of `used`. */
	private pushed = 0;
	/** Counts closeAll(): a fold opened in an earlier epoch is closed (see Open.epoch). */
	private epoch = 0;
	/** The window of text the folds' pending last texts are in, and those folds (see pushRepeat). */
	private window = '';
	private readonly pending: Open[] = [];

	/**
	 * Takes the next record. Returns the fold it is now part of when an identical record (the same kind and
	 * field values, the line changed only where masked) pushed next would join that fold as this one did;
	 * null for a pinned record, or one whose fields do not equal themselves (NaN).
	 */
	push(r: LogRecord): FoldHandle | null {
		this.pushed++;
		if (pinned(r)) {
			this.closeAll();
			this.list.push(r);
			return null;
		}
		const hash = shapeHash(r);
		const bucket = this.open.get(hash);
		let group: LineFolds | undefined;
		for (let g = 0; bucket && g < bucket.length; g++) {
			if (sameLine(bucket[g].line, r)) {
				group = bucket[g];
				break;
			}
		}
		const ms = foldMs(r);
		if (group) {
			// At most FOLDS_PER_LINE open folds per line shape: a record of the line with other fields still
			// (another opID, another request) closes the one least used, so that records with distinct ids
			// never crowd the others out nor cost more than a few comparisons.
			const folds = group.folds;
			let leastUsed = -1;
			let replace = -1;
			for (let k = 0; k < folds.length; k++) {
				const held = folds[k];
				if (sameFields(held.record, r)) {
					if (joins(held, ms, r.source.path)) {
						this.extend(held, ms, r.source.line, r.text);
						return held;
					}
					// Too late, or back in time: a new fold of this shape starts here, the old one is closed.
					replace = k;
					break;
				}
				if (leastUsed < 0 || held.used < folds[leastUsed].used) leastUsed = k;
			}
			if (replace < 0 && folds.length >= FOLDS_PER_LINE) replace = leastUsed;
			if (replace >= 0) this.close(hash, group, replace);
		}
		if (this.openCount >= FOLD_SHAPES) this.closeLeastUsed();
		const open: Open = { record: r, firstMs: ms, used: this.pushed, epoch: this.epoch, learnt: 0, lastFrom: -1, lastTo: -1 };
		// Looked up again: closing the least used fold may have removed this very group or bucket.
		const target = this.open.get(hash);
		if (group && target?.includes(group)) group.folds.push(open);
		else if (target) target.push({ line: r, folds: [open] });
		else this.open.set(hash, [{ line: r, folds: [open] }]);
		this.openCount++;
		this.list.push(r);
		return sameFields(r, r) ? open : null;
	}

	/**
	 * Whether a record at `ms` of the kind and fields of the one that `push` answered `handle` for, of the
	 * same file, would join that fold if pushed now (see RepeatLane).
	 */
	joinsNow(handle: FoldHandle, ms: number): boolean {
		const held = handle as Open;
		return held.epoch === this.epoch && joins(held, ms, held.record.source.path);
	}

	/**
	 * Pushes, without its record, a repeat that joinsNow said joins `handle`: what push would do with it. Its
	 * line is `window[from, to)`, copied (and trimmed) only once the repeats go on in another window or the
	 * file ends: a fold's last text is all it keeps of its repeats, and a copy of each was a twentieth of the
	 * main thread's time on the records bench bundle.
	 */
	pushRepeat(handle: FoldHandle, ms: number, line: number, window: string, from: number, to: number): void {
		this.pushed++;
		if (window !== this.window) {
			this.settle();
			this.window = window;
		}
		const held = handle as Open;
		this.extend(held, ms, line, '');
		if (held.lastTo < 0) this.pending.push(held);
		held.lastFrom = from;
		held.lastTo = to;
	}

	/** Copies the pending last texts out of `window`, which is then let go. */
	private settle(): void {
		for (const held of this.pending) {
			if (held.lastTo < 0) continue;
			held.record.fold!.lastText = own(this.window.slice(held.lastFrom, held.lastTo)).trim();
			held.lastFrom = held.lastTo = -1;
		}
		this.pending.length = 0;
		this.window = '';
	}

	/** A record at `ms` (line `line`, `text`) joins the open fold `held`: updated in place, one object per fold, not one per repeat. */
	private extend(held: Open, ms: number | null, line: number, text: string): void {
		// A later line's text replaces a repeat's still pending.
		held.lastFrom = held.lastTo = -1;
		const spanMs = ms === null ? null : ms - held.firstMs!;
		const fold = held.record.fold;
		if (fold) {
			fold.count++;
			fold.spanMs = spanMs;
			fold.lastLine = line;
			fold.lastText = text;
		} else {
			held.record.fold = { count: 2, spanMs, lastLine: line, lastText: text };
		}
		held.used = this.pushed;
	}

	/** The records, in the order of their first lines. */
	records(): LogRecord[] {
		this.closeAll();
		this.settle();
		return this.list;
	}

	private closeAll(): void {
		if (this.openCount === 0) return;
		this.open.clear();
		this.openCount = 0;
		this.epoch++;
	}

	/** Closes fold `at` of `group` (of the bucket `hash`), and the group and the bucket when they are left empty. */
	private close(hash: number, group: LineFolds, at: number): void {
		group.folds[at].epoch = -1;
		group.folds.splice(at, 1);
		this.openCount--;
		if (group.folds.length > 0) return;
		const bucket = this.open.get(hash)!;
		bucket.splice(bucket.indexOf(group), 1);
		if (bucket.length === 0) this.open.delete(hash);
	}

	/** Closes the fold the file has gone longest without (a scan of FOLD_SHAPES, only when they are all open). */
	private closeLeastUsed(): void {
		let oldest: { hash: number; group: LineFolds; at: number; used: number } | null = null;
		for (const [hash, bucket] of this.open) {
			for (const group of bucket) {
				group.folds.forEach((o, at) => {
					if (!oldest || o.used < oldest.used) oldest = { hash, group, at, used: o.used };
				});
			}
		}
		const { hash, group, at } = oldest!;
		this.close(hash, group, at);
	}
}

/** Whether a record of file `path` at `ms` may join the fold `held` (see the module comment). */
function joins(held: Open, ms: number | null, path: string): boolean {
	if (held.firstMs === null || ms === null) return held.firstMs === null && ms === null;
	const last = held.firstMs + (held.record.fold?.spanMs ?? 0);
	return ms >= last && ms - last <= FOLD_GAP_MS && ms - held.firstMs <= FOLD_SPAN_MS && path === held.record.source.path;
}

/**
 * Hashes a repeat lane remembers at most, each with up to REPEAT_PER_HASH lines (FOLD_SHAPES ×
 * FOLDS_PER_LINE folds are open at most, each learning a few lines); past it the table starts again
 * empty, which only costs repeats taken.
 */
const REPEAT_LINES = 1024;
/**
 * Lines a repeat lane learns per fold: a fold whose lines differ in a number (`retry 24`, `(1892 ms)`) would
 * have every line learnt and none repeated; a few lines cover a fold of a few alternating ones.
 */
const REPEAT_LINES_PER_FOLD = 16;
/** Lines a repeat lane keeps per hash: the same line about a few VMs, each a fold of its own (FOLDS_PER_LINE). */
const REPEAT_PER_HASH = 2 * FOLDS_PER_LINE;
/** Characters of a line's end the repeat lane hashes (the rest is compared, as in the fold's own hash). */
const REPEAT_HASH_CHARS = 32;
/** How far after its stamp a line's thread bracket may open (a level and a process name come between). */
const THREAD_WITHIN = 64;
/** Characters of the stamps a repeat lane reads: `YYYY-MM-DDTHH:MM:SS.mmmZ`, which isCanonicalUtc accepts. */
const STAMP_CHARS = 24;

/**
 * The spans of a learnt line's part from `from` on (after its thread id) where a number may differ in a
 * repeat, as from, to pairs in order, counted from `from`: each prose field of `record` found as it is
 * there (each of its lines, in order), less every place where the value of another field is found (an opID, a count, a path with a
 * number: equal in every repeat). None when a field other than prose, a flag or a null is found nowhere in
 * the line, in any case: it is read from the line some other way (`0x10` read as 16, a word turned into a
 * code) and any number might be what it was read from.
 */
function freeSpans(record: LogRecord, text: string, from: number): number[] {
	const fields = record.fields as Readonly<Record<string, FieldValue>>;
	let free: number[] = [];
	for (const name in fields) {
		const v = fields[name];
		if (typeof v !== 'string' || !isProse(v)) continue;
		// A message of several lines is found line by line (a continuation's prefix, `--> `, is no part of it).
		let at = from;
		for (const piece of v.split('\n')) {
			const found = text.indexOf(piece, at);
			if (found < 0) continue;
			free = joinSpan(free, found - from, found - from + piece.length);
			at = found + piece.length;
		}
	}
	if (free.length === 0) return free;
	// Tokens are looked for in any case (`Hostd[…]` is agent `hostd`, `Status Success` status `success`), where
	// lower-casing keeps every character's place.
	const lower = text.toLowerCase();
	const caseless = lower.length === text.length;
	const folded = caseless ? lower : text;
	for (const name in fields) {
		const v = fields[name];
		if (v === null || typeof v === 'boolean' || (typeof v === 'string' && (v === '' || isProse(v)))) continue;
		const token = caseless ? String(v).toLowerCase() : String(v);
		let at = folded.indexOf(token);
		if (at < 0) return [];
		for (; at >= 0; at = folded.indexOf(token, at + 1)) {
			if (at + token.length > from) free = cutSpan(free, at - from, at - from + token.length);
			// A token found all over a line (a `1` in a long dump) would cut it into more spans than a repeat
			// can be checked against in time linear in the line: the line is then compared as it is.
			if (free.length > 2 * MAX_FREE_SPANS) return [];
		}
	}
	return free;
}

/** Free spans a learnt message keeps at most (see freeSpans). */
const MAX_FREE_SPANS = 64;

/** `spans` (from, to pairs in order) with [from, to) joined in. */
function joinSpan(spans: readonly number[], from: number, to: number): number[] {
	const out: number[] = [];
	let k = 0;
	for (; k < spans.length && spans[k + 1] < from; k += 2) out.push(spans[k], spans[k + 1]);
	for (; k < spans.length && spans[k] <= to; k += 2) {
		from = Math.min(from, spans[k]);
		to = Math.max(to, spans[k + 1]);
	}
	out.push(from, to);
	for (; k < spans.length; k++) out.push(spans[k]);
	return out;
}

/** `spans` (from, to pairs in order) with [from, to) taken out. */
function cutSpan(spans: readonly number[], from: number, to: number): number[] {
	const out: number[] = [];
	for (let k = 0; k < spans.length; k += 2) {
		if (spans[k] < Math.min(spans[k + 1], from)) out.push(spans[k], Math.min(spans[k + 1], from));
		if (Math.max(spans[k], to) < spans[k + 1]) out.push(Math.max(spans[k], to), spans[k + 1]);
	}
	return out;
}

/** A hex letter, or the `x` of `0x`: a digit next to one is part of a code, not a number. */
const isCodeLetter = (c: number) => (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66) || c === 0x78 || c === 0x58;

/** The end of the run of decimal digits at `i` in `text`, before `end`. */
function digitsEnd(text: string, i: number, end: number): number {
	while (i < end && isDigitCode(text.charCodeAt(i))) i++;
	return i;
}

/**
 * Whether `text[from, to)` equals line `k` of the message `seen` learnt (0: the header from its thread id on)
 * but for numbers in its free spans: wherever they differ, both have a run of decimal digits (the same place
 * in both: they are equal before it) with no hex letter or `x` on either side, and the learnt line's run lies
 * within one free span.
 */
function sameSegment(seen: Seen, k: number, text: string, from: number, to: number): boolean {
	const a = seen.lines[k];
	if (a.length === to - from && text.slice(from, to) === a) return true;
	const { literals, runs } = seen.cuts[k];
	if (runs.length === 0) return false;
	let j = from;
	for (let t = 0; ; t += 2) {
		// Between the free runs the line is equal as it is: compared by memory, not character by character (the
		// lane's compare was a ninth of the main thread's time on the records bench bundle).
		const literal = literals[t >> 1];
		if (literal.length > to - j || (literal.length > 0 && text.slice(j, j + literal.length) !== literal)) return false;
		j += literal.length;
		if (t === runs.length) return j === to;
		// A free run: the repeat has a run of digits here too, and where the two differ, no hex letter or `x`
		// on either side (a code, not a count).
		const ra = runs[t];
		const ea = runs[t + 1];
		const eb = digitsEnd(text, j, to);
		if (eb === j) return false;
		if (!sameChars(a, ra, ea, text, j, eb) && ((ra > 0 && isCodeLetter(a.charCodeAt(ra - 1))) || (ea < a.length && isCodeLetter(a.charCodeAt(ea))) || (eb < to && isCodeLetter(text.charCodeAt(eb))))) return false;
		j = eb;
	}
}

/** Whether `a[fromA, toA)` and `b[fromB, toB)` hold the same characters. */
function sameChars(a: string, fromA: number, toA: number, b: string, fromB: number, toB: number): boolean {
	if (toA - fromA !== toB - fromB) return false;
	for (let i = fromA, j = fromB; i < toA; i++, j++) if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
	return true;
}

/**
 * Line `line` of a learnt message, starting at `base` of it, cut at its free runs (see LineCut): the maximal
 * runs of decimal digits that lie within one free span.
 */
function cutLine(line: string, base: number, free: readonly number[]): LineCut {
	const literals: string[] = [];
	const runs: number[] = [];
	let at = 0;
	if (free.length > 0) {
		for (let i = 0; i < line.length; i++) {
			if (!isDigitCode(line.charCodeAt(i))) continue;
			const end = digitsEnd(line, i, line.length);
			if (within(free, base + i, base + end)) {
				literals.push(line.slice(at, i));
				runs.push(i, end);
				at = end;
			}
			i = end;
		}
	}
	literals.push(line.slice(at));
	return { literals, runs };
}

/** Whether [from, to) lies within one span of `spans` (from, to pairs in order). */
function within(spans: readonly number[], from: number, to: number): boolean {
	for (let k = 0; k < spans.length; k += 2) if (spans[k] <= from && to <= spans[k + 1]) return true;
	return false;
}

/** A line that made a single-line record the fold answered a handle for, cut around its stamp and its thread id. */
interface Seen {
	/** Before the stamp, and between the stamp and the thread id. */
	before: string;
	between: string;
	/**
	 * The message's lines: the header after the thread id, then its continuation lines. Flat strings of their
	 * own: a slice compares with one by memory (see indexIn).
	 */
	lines: string[];
	/** Where each of `lines` starts in the message from the thread id on, its lines joined by line feeds (the free spans' count). */
	starts: number[];
	/** Whether its thread id is all decimal digits (a parser may read only such a one: `Hostd[1050738]:`). */
	decimal: boolean;
	/**
	 * Where in the message (from its thread id on, as `starts` counts) a number may differ (from, to pairs, in
	 * order): the spans of its record's prose fields
	 * that no other field's value lies in (see freeSpans); empty when `after` must be equal as it is.
	 */
	free: number[];
	/** Each of `lines` cut at its free runs. */
	cuts: LineCut[];
	handle: FoldHandle;
}

/**
 * A learnt message's line cut at its free runs, where a repeat may have other digits: `runs` holds each
 * one's from, to (counted in the line), `literals` what comes before each run and after the last (one more
 * than the runs), which a repeat has as it is.
 */
interface LineCut {
	literals: string[];
	runs: number[];
}

/**
 * A reader's repeat lane: a line that would only make a record joining an open fold never becomes a record.
 * The reader tells the lane each line that made a single-line record and the fold it joined (learn); a later
 * line equal to it but for its stamp and its thread id (find) makes a record of the same kind and fields,
 * with a line equal to it once masked: the fold takes it as it took that one, if the fold is still open and
 * the time fits (RecordFold.joinsNow, the fold's own rules). Only the stamp is read. The reader decides the
 * rest: that its state makes the line a whole record (no state machine is moved, nothing the fields read),
 * and that no continuation line follows (hold, then commit at the next message, or release to read it the
 * slow way).
 *
 * Where a line may differ: its stamp, at `stampAt`, in the `YYYY-MM-DDTHH:MM:SS.mmmZ` shape and a real
 * instant (its digit runs are masked, its other characters are equal); with `thread`, the run of hex digits
 * just inside the first `[` after the stamp when it holds a decimal digit (masked too): hostd's
 * `hostd[2099A95B]`, which no field reads; all decimal digits in both lines or in neither (8.x's
 * `Hostd[1050738]:` parses only with a decimal one); and a number (a run of decimal digits, not part of a hex
 * code) inside the message, where the record that taught the line holds it in a prose field (compared masked
 * by the fold) and in no other field (see freeSpans): `retry 24`, `actual=61 sec`, `(1892 ms)`. Everything
 * else is compared exactly, so every token a field is read from (an opID, a Tools thread id, an event id, an
 * HRESULT) is the same. That a number a prose field holds decides no kind and no other field is what the
 * readers that offer the lane promise; test/robustness/quickLane.test.ts holds them to it on every line of
 * their fixtures with its numbers changed.
 */
export class RepeatLane {
	/** Messages learnt, by hash (lines about several VMs end alike: a few per hash, compared in turn). */
	private readonly seen = new Map<number, Seen[]>();
	// The message find() last found and its instant, and the repeat held (see hold): its fold, instant,
	// message learnt, and its lines (the header, then the continuations continueWith took).
	private found: Seen | null = null;
	private foundMs = 0;
	private held: FoldHandle | null = null;
	private heldSeen: Seen | null = null;
	private heldMs = 0;
	private readonly heldLines = new TakenMessage();
	// The cut of the last line `cut` read: where its stamp and its thread id are.
	private stamp = 0;
	private decimal = false;
	private gapFrom = 0;
	private gapTo = 0;

	constructor(
		private readonly fold: RecordFold,
		private readonly stampAt: number,
		private readonly thread: boolean,
	) {}

	/** Whether a repeat is held (a continuation line that continueWith does not take must then release it). */
	get holding(): boolean {
		return this.held !== null;
	}

	/**
	 * Remembers the message of header `text` and continuation lines `more`, which alone made `record`, which
	 * the fold answered `handle` for (RecordFold.push): a null handle, or a header of another shape, is not
	 * remembered. A message learnt with the same header is replaced (one message per header).
	 */
	learn(handle: FoldHandle | null, record: LogRecord, text: string, more: readonly string[] = []): void {
		if (handle === null || (handle as Open).learnt >= REPEAT_LINES_PER_FOLD || !this.cut(text, 0, text.length) || Number.isNaN(this.stampMs(text))) return;
		(handle as Open).learnt++;
		const hash = this.hash(text, text.length);
		let bucket = this.seen.get(hash);
		if (bucket === undefined) {
			if (this.seen.size >= REPEAT_LINES) this.seen.clear();
			this.seen.set(hash, (bucket = []));
		}
		const at = this.indexIn(bucket, text, 0, text.length);
		// The header and its continuations, as the free spans are counted (from the thread id on, line by line).
		// Copies (see own): a line cut from a window would keep the whole window alive with the lane.
		const lines = [own(text.slice(this.gapTo))];
		for (const line of more) lines.push(own(line));
		const starts = [0];
		for (let k = 1; k < lines.length; k++) starts.push(starts[k - 1] + lines[k - 1].length + 1);
		const free = freeSpans(record, more.length === 0 ? text : `${text}\n${more.join('\n')}`, this.gapTo);
		const seen: Seen = {
			before: text.slice(0, this.stamp),
			between: text.slice(this.stamp + STAMP_CHARS, this.gapFrom),
			lines,
			starts,
			decimal: this.decimal,
			free,
			cuts: lines.map((line, k) => cutLine(line, starts[k], free)),
			handle,
		};
		if (at >= 0) bucket[at] = seen;
		else {
			// The message joins the bucket's front; past REPEAT_PER_HASH messages, the one learnt longest ago goes.
			if (bucket.length >= REPEAT_PER_HASH) bucket.pop();
			bucket.unshift(seen);
		}
	}

	/** The fold that the header `chunk[start, end)` repeats a header of, or null; the message and its instant are kept for hold. */
	find(chunk: string, start: number, end: number): FoldHandle | null {
		if (this.seen.size === 0 || !this.cut(chunk, start, end)) return null;
		const bucket = this.seen.get(this.hash(chunk, end));
		const at = bucket === undefined ? -1 : this.indexIn(bucket, chunk, start, end);
		if (at < 0) return null;
		this.foundMs = this.stampMs(chunk);
		this.found = bucket![at];
		return Number.isNaN(this.foundMs) ? null : this.found.handle;
	}

	/** Where in `bucket` the header `cut` read, `text[start, end)`, is (the same but for its stamp, thread id and free numbers); -1 when it is not. */
	private indexIn(bucket: readonly Seen[], text: string, start: number, end: number): number {
		const between = this.gapFrom - this.stamp - STAMP_CHARS;
		for (let k = 0; k < bucket.length; k++) {
			const seen = bucket[k];
			// Slices compared with ===, not startsWith: V8 compares those by memory, 5× faster (measured).
			// The ends first: lines of one log differ most in their message (see HASH_TAIL_CHARS).
			if (seen.between.length === between && seen.decimal === this.decimal && sameSegment(seen, 0, text, this.gapTo, end) && text.slice(this.stamp + STAMP_CHARS, this.gapFrom) === seen.between && text.slice(start, this.stamp) === seen.before) return k;
		}
		return -1;
	}

	/**
	 * Holds the header find() found, as its reader holds a message until the next one starts: true when the
	 * fold takes it now; false to read it the slow way. The reader has ended the message before it.
	 */
	hold(handle: FoldHandle, chunk: string, start: number, end: number, lineNo: number): boolean {
		if (!this.fold.joinsNow(handle, this.foundMs)) return false;
		this.holdFound(handle);
		this.heldLines.start(chunk, start, end, lineNo);
		return true;
	}

	/** Holds the message find() found (its lines are the caller's to give heldLines). */
	private holdFound(handle: FoldHandle): void {
		this.held = handle;
		this.heldSeen = this.found;
		this.heldMs = this.foundMs;
	}

	/**
	 * Holds the message `taken` as hold() holds a header, when its header is one find() finds and its lines
	 * so far are the learnt message's first ones (a header the quick lane took before a continuation line
	 * showed it to be a record's): true when held (`taken` is then the lane's to hold: its owner drops it).
	 */
	holdTaken(taken: TakenMessage): boolean {
		const handle = this.find(taken.chunkAt(0), taken.startAt(0), taken.endAt(0));
		const seen = this.found;
		if (handle === null || seen === null || taken.size > seen.lines.length || !this.fold.joinsNow(handle, this.foundMs)) return false;
		for (let k = 1; k < taken.size; k++) if (!sameSegment(seen, k, taken.chunkAt(k), taken.startAt(k), taken.endAt(k))) return false;
		this.holdFound(handle);
		this.heldLines.copy(taken);
		return true;
	}

	/**
	 * Takes the continuation line `chunk[start, end)` of the held repeat when it is the learnt message's next
	 * one (but for free numbers): true when taken; false to release the repeat and read it the slow way.
	 */
	continueWith(chunk: string, start: number, end: number, lineNo: number): boolean {
		const seen = this.heldSeen;
		const k = this.heldLines.size;
		if (seen === null || k >= seen.lines.length || !sameSegment(seen, k, chunk, start, end)) return false;
		this.heldLines.add(chunk, start, end, lineNo);
		return true;
	}

	/**
	 * The held repeat's message ended: the fold takes it when it is the whole message learnt (true). False
	 * when none is held, or the held one lacks continuation lines the learnt one had: the reader then
	 * releases it, to read it the slow way.
	 */
	commit(): boolean {
		const handle = this.held;
		if (handle === null || this.heldLines.size !== this.heldSeen!.lines.length) return false;
		this.fold.pushRepeat(handle, this.heldMs, this.heldLines.firstLine, this.heldLines.chunkAt(0), this.heldLines.startAt(0), this.heldLines.endAt(0));
		this.drop();
		return true;
	}

	/** The held repeat's lines (copied) and its first line's number, to read the slow way; null when none is held. */
	release(): { lines: string[]; lineNo: number } | null {
		if (this.held === null) return null;
		const lines = this.heldLines.take();
		this.drop();
		return lines;
	}

	private drop(): void {
		this.held = null;
		this.heldSeen = null;
		// The windows are let go (one held here would stay alive with the lane).
		this.heldLines.clear();
	}

	/**
	 * Finds where the stamp and the thread id of `text[start, end)` are; false for a line of another shape.
	 * The stamp is only placed here (stampMs reads it, once a line is found).
	 */
	private cut(text: string, start: number, end: number): boolean {
		const at = start + this.stampAt;
		const stampEnd = at + STAMP_CHARS;
		if (stampEnd > end || text.charCodeAt(at + 23) !== 0x5a || text.charCodeAt(at + 10) !== 0x54) return false;
		this.stamp = at;
		this.gapFrom = this.gapTo = stampEnd;
		this.decimal = false;
		if (!this.thread) return true;
		const open = text.indexOf('[', stampEnd);
		if (open < 0 || open >= end || open - stampEnd > THREAD_WITHIN) return true;
		const threadEnd = Math.min(end, runEnd(text, open + 1));
		if (hasDigit(text, open + 1, threadEnd)) {
			this.gapFrom = open + 1;
			this.gapTo = threadEnd;
			let k = open + 1;
			while (k < threadEnd && isDigitCode(text.charCodeAt(k))) k++;
			this.decimal = k === threadEnd;
		}
		return true;
	}

	/** The instant (ms) of the stamp of the line `cut` read, in `text`; NaN when it is no real one of the lane's shape. */
	private stampMs(text: string): number {
		return canonicalUtcMsAt(text, this.stamp);
	}

	/**
	 * A hash of the line `cut` read, ending at `end`: the length of its part before the thread id, whether
	 * that is all decimal (half of a host's lines, by chance: `decimal` tells them apart in indexIn), and the
	 * last REPEAT_HASH_CHARS characters after the thread id that are no decimal digits (a number there may
	 * differ).
	 */
	private hash(text: string, end: number): number {
		let h = mix(mix(0x811c9dc5, this.gapFrom - this.stamp), this.decimal ? 1 : 0);
		for (let i = end - 1, taken = 0; i >= this.gapTo && taken < REPEAT_HASH_CHARS; i--) {
			const c = text.charCodeAt(i);
			if (!isDigitCode(c)) {
				h = mix(h, c);
				taken++;
			}
		}
		return h;
	}
}
