import type { ClockBasis, SourceRef } from './report';

/** A field value a reader extracted from a line. */
export type FieldValue = string | number | boolean | null;

/**
 * The record contract: each record kind and the fields its records carry. Every format module adds the kinds
 * it owns here (`declare module '…/model/records'`, beside its reader and its kind table); a kind several
 * formats emit is declared once, by the family that owns it. The registry (formats/index.ts) checks that
 * every kind here has a declaration of what it means (formats/lib/kinds.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the formats (declaration merging)
export interface RecordFields {}

/** Every record kind a reader can emit: `snapshot-start`, `quiesce-state`, `task-completed` … */
export type RecordKind = keyof RecordFields;

/**
 * One meaningful line (or multi-line message) of a log, as a reader understood it, of one kind. Readers emit
 * records only for what matters to quiesce diagnosis; other well-formed lines are counted as parsed and
 * produce no record, so memory does not grow with uninteresting lines.
 */
export interface KindRecord<K extends RecordKind> {
	/** ISO 8601 UTC with ms (`2024-03-03T16:59:58.904Z`) when the line's instant is known; else null. */
	time: string | null;
	/**
	 * The wall-clock time as printed when the source is local time without a known offset, normalised to
	 * `YYYY-MM-DDTHH:MM:SS.mmm` (or `--MM-DDTHH:MM:SS.mmm` when the line has no year); null when `time` is set.
	 * The analysis turns it into UTC once the source's clock offset is known.
	 */
	local: string | null;
	/** What the line says, e.g. `snapshot-start`, `quiesce-state`, `task-completed`. */
	kind: K;
	fields: RecordFields[K];
	source: SourceRef;
	/** The raw line (first line of a multi-line message), trimmed, for evidence. */
	text: string;
	/** Set when later records of the same shape were folded into this one (formats/lib/fold.ts). */
	fold?: RecordFoldInfo;
}

/** What a record stands for when repeats of it were folded into it: it is the first of `count`. */
export interface RecordFoldInfo {
	/** Records folded, this one included (2 or more). */
	count: number;
	/** From this record's instant to the last one's (ms); null when the records have no time. */
	spanMs: number | null;
	/** The last record's 1-based line and its text, trimmed (a second sample of the repeats). */
	lastLine: number;
	lastText: string;
}

/** A record of one of the kinds K, discriminated by `kind` (a union of kinds gives the union of their records). */
export type RecordOf<K extends RecordKind> = K extends RecordKind ? KindRecord<K> : never;

/** Any record: narrowing on `kind` gives its fields' type. */
export type LogRecord = RecordOf<RecordKind>;

/** A kind and the fields of a record of it, as a reader's classifier hands them over (the union over K). */
export type KindFields<K extends RecordKind = RecordKind> = K extends RecordKind ? { kind: K; fields: RecordFields[K] } : never;

/** The HRESULT (`0x800423F2`) a record states, or null (its kind has none, or the line states none). */
export const hresultOf = (r: LogRecord): string | null => ('hresult' in r.fields && r.fields.hresult ? r.fields.hresult : null);

/** The code a record reports: its HRESULT, else a product's own code (`0xA0009723`, `status 156`), or null. */
export const codeOf = (r: LogRecord): string | null => hresultOf(r) ?? ('productCode' in r.fields && typeof r.fields.productCode === 'string' ? r.fields.productCode : null);

/** The first HRESULT one of the records states, or null. */
export function firstHresult(records: readonly LogRecord[]): string | null {
	for (const r of records) {
		const hr = hresultOf(r);
		if (hr !== null) return hr;
	}
	return null;
}

/** A file's own statement about its clock (a `Z` suffix, a `±hh:mm` stamp, a `UTC OFFSET` banner). */
export interface ClockHint {
	utcOffsetMinutes: number;
	basis: Extract<ClockBasis, 'stamped' | 'banner'>;
}
