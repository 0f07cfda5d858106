import type { FieldValue, LogRecord, RecordKind } from '../../model/records';
import type { KindInfo } from './kinds';
import { instantMs } from './stamps';

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
 * - the earlier one is among the FOLD_SHAPES shapes last seen in the file, and no pinned record came
 *   between them (see below): a fold never spans a snapshot start or an error another source reports;
 * - both have a time (or both have none), the later one is no earlier, and at most FOLD_SPAN_MS after
 *   the first record of the fold: an attempt's timeline still shows the chatter of its own minutes.
 *
 * Pinned records never fold and close every open fold: clock anchors (snapshot starts, quiesce starts,
 * errors the host and guest both report; their kind's `anchor`), and what is no event or setting
 * (headers, listings). Records of a kind the registry has not declared (see useFoldKinds) are pinned too.
 *
 * The folded record is the first of its shape, in its place; `fold` says how many there were and where the
 * last one is (model/records.ts).
 */

/** How many distinct shapes a file keeps open for folding (interleaved chatter of several components). */
export const FOLD_SHAPES = 16;
/** How long one fold may span, from its first record to its last (ms). */
export const FOLD_SPAN_MS = 10 * 60 * 1000;

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
	const anchor = typeof info.anchor === 'function' ? (info.anchor as (f: unknown) => unknown)(r.fields) : info.anchor;
	return anchor !== null;
}

/** A run of digits, or of hex digits holding one: what changes from one repeat of a line to the next. */
const NUMBER = /[0-9A-Fa-f]*[0-9][0-9A-Fa-f]*/g;
const mask = (text: string): string => text.replace(NUMBER, '#');
/** Prose (masked) as opposed to one token (an id, compared as it is). */
const PROSE = /\s/;

/** A record's shape (see the module comment) as one string. */
export function shapeOf(r: LogRecord): string {
	let key: string = r.kind;
	const fields = r.fields as Readonly<Record<string, FieldValue>>;
	for (const name in fields) {
		const v = fields[name];
		key += `\u0001${name}=${typeof v === 'string' && PROSE.test(v) ? mask(v) : typeof v === 'string' ? `'${v}` : String(v)}`;
	}
	return `${key}\u0002${mask(r.text)}`;
}

/** A record's instant (ms) for the fold: its UTC time, or its printed local time on an axis of its own. */
function foldMs(r: LogRecord): number | null {
	if (r.time !== null) return instantMs(r.time);
	if (r.local === null) return null;
	// A yearless local stamp (`--07-16T…`) is placed in 2000 (a leap year): only differences count here.
	return instantMs(`${r.local.startsWith('--') ? `2000${r.local.slice(1)}` : r.local}Z`);
}

/** An open fold: its first record, and that record's instant. */
interface Open {
	record: LogRecord;
	firstMs: number | null;
}

/** A reader's records, repeats folded (see the module comment). `push` takes records in line order. */
export class RecordFold {
	private readonly list: LogRecord[] = [];
	/** The open folds by shape, least recently extended first (a Map keeps insertion order). */
	private readonly open = new Map<string, Open>();

	push(r: LogRecord): void {
		if (pinned(r)) {
			this.open.clear();
			this.list.push(r);
			return;
		}
		const shape = shapeOf(r);
		const held = this.open.get(shape);
		const ms = foldMs(r);
		this.open.delete(shape);
		if (held && joins(held, r, ms)) {
			const span = ms === null ? null : ms - held.firstMs!;
			held.record.fold = { count: (held.record.fold?.count ?? 1) + 1, spanMs: span, lastLine: r.source.line, lastText: r.text };
			this.open.set(shape, held);
			return;
		}
		if (this.open.size >= FOLD_SHAPES) this.open.delete(this.open.keys().next().value!);
		this.open.set(shape, { record: r, firstMs: ms });
		this.list.push(r);
	}

	/** The records, in the order of their first lines. */
	records(): LogRecord[] {
		this.open.clear();
		return this.list;
	}
}

/** Whether `r` (at `ms`) may join the fold `held` (see the module comment). */
function joins(held: Open, r: LogRecord, ms: number | null): boolean {
	if (held.firstMs === null || ms === null) return held.firstMs === null && ms === null;
	const last = held.firstMs + (held.record.fold?.spanMs ?? 0);
	return ms >= last && ms - held.firstMs <= FOLD_SPAN_MS && r.source.path === held.record.source.path;
}
