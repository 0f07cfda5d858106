import { MAX_LITERAL_CHARS, type QuickPass } from '../../decode/decode';
import type { ClockHint, LogRecord, RecordKind } from '../../model/records';
import type { Report, SourceRef } from '../../model/report';
import type { Origin } from '../../model/report';
import type { KindTable } from './kinds';

/** A named variant of a format per product era or language, with sample text that is part of its definition. */
export interface FormatVariant {
	name: string;
	/** Whole sample files (lines joined with \n). The registry test proves each is detected as this format. */
	samples: readonly string[];
}

/** Why a format claimed a file; becomes `inputs[].formatReason`. */
export interface Detection {
	variant: string;
	reason: string;
}

/** What readers extract; the analysis concatenates these across files into the report's lists. */
export type Facts = Pick<Report, 'writerListings' | 'writers' | 'providers' | 'shadows' | 'shadowStorage' | 'volumes'> & {
	/** Meaningful log lines and settings of every file (see LogRecord). */
	records: LogRecord[];
};

/** What a reader hands back after the last line. */
export interface ReadResult {
	facts: Partial<Facts>;
	/** Lines that fit no line shape of the format (never silently dropped). */
	unparsedLines: number;
	/** Per-file problems, one sentence each (truncated, damaged …). */
	problems: string[];
	/** What the file says about its own clock, when it says anything. */
	clock?: ClockHint | null;
}

/**
 * Reads one file pushed line by line, in order, so that no reader needs the whole file in memory.
 * A line that matches the format's line grammar counts as parsed even when it yields no record.
 */
export interface LineReader {
	/** One line without its terminator; lineNo is 1-based. */
	line(text: string, lineNo: number): void;
	end(): ReadResult;
	/** Takes chatter lines without a string each (big logs); the result must be the one line() alone gives. */
	readonly quick?: QuickPass;
	/**
	 * Whether the lines from here on may be read, on another thread, by a new reader of this format with its
	 * quick lane, and the lines its lane did not take given to this one (ingest/ranges.ts): true when the lane
	 * takes, from the first line the new reader has parsed on, every line it would take here. Only a reader
	 * whose lane consults state that a new reader rebuilds by itself offers it (vmware.log: no Msg_Post block
	 * open; the clock's zone is the last stamp's, which the new reader notes before its lane takes a line).
	 */
	resumable?(): boolean;
}

/**
 * A QuickPass's `literals`: a global regex of the given texts, matched as they are. Each must be non-empty,
 * hold no line break (a match must start and end on one line) and be at most MAX_LITERAL_CHARS long (the
 * splitter looks for one across the pieces of a long line within that many characters). None may have a digit
 * within the shortest literal's length from its start: the search (Irregexp's) skips through a window by the
 * characters the literals have at each of those places, and a digit is at most places of a log (its stamps):
 * `(0xbad` beside `I/O` made vmware.log's search 4× slower, `xbad0` costs it a tenth (docs/performance.md).
 */
export function literalPattern(literals: readonly string[]): RegExp {
	for (const l of literals) if (l === '' || l.length > MAX_LITERAL_CHARS || /[\r\n\u2028\u2029]/.test(l)) throw new Error(`'${l}' cannot be a quick-lane literal.`);
	const shortest = literals.reduce((n, l) => Math.min(n, l.length), Infinity);
	for (const l of literals) if (/\d/.test(l.slice(0, shortest))) throw new Error(`'${l}' has a digit within its first ${shortest} characters (the shortest literal's length): the lane's search would skip badly.`);
	return new RegExp(literals.map(escapeLiteral).join('|'), 'g');
}

/** A text as a regex source that matches it as it is. */
const escapeLiteral = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Literals a message may start with, tested where it starts (cheaper than searching the line for them). */
export class Prefixes {
	/**
	 * The literals by the code of their first character (ASCII; an array lookup per line, not a set): a line
	 * is compared with those alone (a quarter of vmware.log's messages start with a `G`, and were compared
	 * with all five of its prefixes).
	 */
	private readonly byFirst: (string[] | undefined)[] = new Array(0x80).fill(undefined);
	/** A regex source that fails where one of the literals starts: `at` for a lane's run pattern (QuickPass.runPattern). */
	readonly absent: string;

	constructor(literals: readonly string[]) {
		this.absent = `(?!${literals.map(escapeLiteral).join('|')})`;
		for (const l of literals) {
			if (l === '' || l.charCodeAt(0) > 0x7f) throw new Error(`'${l}' cannot be a prefix literal.`);
			(this.byFirst[l.charCodeAt(0)] ??= []).push(l);
		}
	}

	/** Whether `text` has one of the literals at `at`. */
	at(text: string, at: number): boolean {
		const c = text.charCodeAt(at);
		const candidates = c < 0x80 ? this.byFirst[c] : undefined;
		if (candidates === undefined) return false;
		for (const l of candidates) if (text.startsWith(l, at)) return true;
		return false;
	}
}

/**
 * One input format: data (id, title, docs, variants with samples, origin, record kinds) plus detect and read.
 * `K` are the kinds its reader emits; a format of unknown kinds is a `FormatDefinition` (no `K`).
 */
export interface FormatDefinition<K extends RecordKind = never> {
	id: string;
	title: string;
	/** Where the format is documented. */
	url: string;
	variants: readonly FormatVariant[];
	/** Where its files come from: the timeline's lane order, and whether they show the VM runs on VMware. */
	origin: Origin;
	/**
	 * What each kind its reader emits means: its family's table, with the tables of the families whose kinds
	 * it shares spread in (formats/lib/kinds.ts).
	 */
	kinds: KindTable<K>;
	/**
	 * A line of a shape only this format's text has, in any language (a tool's banner, a file's header, a
	 * stamped line of its own layout): where it first shows in a paste, after another text with no blank
	 * line between, this format's text may start (sections.ts). Left out by formats whose lines any text
	 * may hold (a product's error message, `key = value` settings).
	 */
	startLine?: RegExp;
	/** Looks at the first lines only (at most DETECT_LINES) and says why it matches, or null. Never looks at the file name. */
	detect(head: readonly string[]): Detection | null;
	/** Starts reading one file; `path` is its report path (for SourceRefs), `detection` what detect() said. */
	reader(path: string, detection: Detection): LineReader;
}

/** A classifier's answer for one line: a kind of the map M (kind → fields) and the fields it read. */
export type Classified<M> = { [K in keyof M]: { kind: K; fields: M[K] } }[keyof M];

/** The record `classifiedRecord` makes of M, its fields the envelope E's and M's own: checked against the kind's declared fields where it is kept. */
type Enveloped<M, E> = M extends { kind: infer K; fields: infer F } ? { time: string | null; local: string | null; kind: K; fields: E & F; source: SourceRef; text: string } : never;

/**
 * The record of a classified line: `envelope` (the fields the reader gives every record, a fresh object)
 * takes the line's own fields after its own, as `{ ...envelope, ...made.fields }` would, without a copy.
 */
export function classifiedRecord<M extends { kind: RecordKind; fields: object }, E extends object>(made: M, envelope: E, time: string | null, local: string | null, source: SourceRef, text: string): Enveloped<M, E> {
	// The kind and fields of `made` belong together; TypeScript cannot follow that through the merge, so it is stated here once.
	return { time, local, kind: made.kind, fields: Object.assign(envelope, made.fields), source, text } as Enveloped<M, E>;
}

/** Characters of a line a record keeps as its text: a pasted paragraph or a run-together page stays a sample. */
const RECORD_TEXT_CHARS = 2000;

/** A line as a record keeps it (trimmed, at most RECORD_TEXT_CHARS characters). */
export const recordText = (line: string): string => line.trim().slice(0, RECORD_TEXT_CHARS);

/** How many leading lines detection sees: enough for a header, a preamble and two blocks. */
export const DETECT_LINES = 80;

/** Runs a format's reader over lines held in memory (tests, small inputs). */
export function readLines(format: FormatDefinition, path: string, lines: readonly string[], detection?: Detection): ReadResult {
	const d = detection ?? format.detect(lines.slice(0, DETECT_LINES)) ?? { variant: 'forced', reason: 'read without detection' };
	const r = format.reader(path, d);
	lines.forEach((l, i) => r.line(l, i + 1));
	return r.end();
}
