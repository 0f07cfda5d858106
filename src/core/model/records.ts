import type { ClockBasis, SourceRef } from './report';

/** A field value a reader extracted from a line. */
export type FieldValue = string | number | boolean | null;

/**
 * One meaningful line (or multi-line message) of a log, as a reader understood it. Readers emit records
 * only for what matters to quiesce diagnosis (each reader documents its `kind`s); other well-formed lines
 * are counted as parsed and produce no record, so memory does not grow with uninteresting lines.
 */
export interface LogRecord {
	/** ISO 8601 UTC with ms (`2024-03-03T16:59:58.904Z`) when the line's instant is known; else null. */
	time: string | null;
	/**
	 * The wall-clock time as printed when the source is local time without a known offset, normalised to
	 * `YYYY-MM-DDTHH:MM:SS.mmm` (or `--MM-DDTHH:MM:SS.mmm` when the line has no year); null when `time` is set.
	 * The analysis turns it into UTC once the source's clock offset is known.
	 */
	local: string | null;
	/** What the line says, e.g. `snapshot-start`, `quiesce-state`, `task-completed`. */
	kind: string;
	fields: Record<string, FieldValue>;
	source: SourceRef;
	/** The raw line (first line of a multi-line message), trimmed, for evidence. */
	text: string;
}

/** A file's own statement about its clock (a `Z` suffix, a `±hh:mm` stamp, a `UTC OFFSET` banner). */
export interface ClockHint {
	utcOffsetMinutes: number;
	basis: Extract<ClockBasis, 'stamped' | 'banner'>;
}
