import { DETECT_LINES, readLines, type Detection, type FormatDefinition, type ReadResult } from '../formats/lib/format';
import { FORMATS } from '../formats';

/**
 * Cuts a text no format claims as a whole (a ticket: some prose, a `vssadmin` listing, then an event's
 * text, then a product's error) into sections, each read by the format whose detection starts to match
 * there. Only for such texts: a file one format claims is read whole, as it always was.
 */

/** One section: lines `from` to `to` (0-based indices into the lines given, `to` exclusive). */
export interface Section {
	from: number;
	to: number;
	format: FormatDefinition;
	detection: Detection;
}

/**
 * Every line of the first this many is tried as a section start until a first section opens (prose
 * directly followed by a log, with no blank line between); after that, and past it, only lines that start
 * a blank-line-separated block are. A try runs every format's detection over up to 80 lines, so tries are
 * bounded: a long text no format claims (a JSON export, a report) must not cost seconds.
 */
const LINE_STARTS = 64;
/** Section starts tried in one text at most (blank-line-separated blocks past this are not tried). */
const MAX_TRIES = 96;

/**
 * The sections of `lines` (null for a line that is no content, such as a code fence), in order. A section
 * runs from where a format's detection starts to match to where another format's does; the lines before
 * the first section belong to none. Empty when no format matches anywhere.
 */
export function cutSections(path: string, lines: readonly (string | null)[]): Section[] {
	const sections: Section[] = [];
	const blank = (i: number) => {
		const l = lines[i];
		return l === null || l.trim() === '';
	};
	let tries = 0;
	for (let i = 0; i < lines.length && tries < MAX_TRIES; i++) {
		if (blank(i)) continue;
		const current = sections.at(-1);
		const blockStart = i === 0 || blank(i - 1);
		if (!blockStart && (current !== undefined || i >= LINE_STARTS)) continue;
		tries++;
		let end = i;
		while (end < lines.length && !blank(end)) end++;
		const block = lines.slice(i, end) as string[];
		// The format of the block itself first: detection looks ahead (up to 80 lines), and a format whose
		// lines come later in the paste (a listing after a log excerpt) would claim this block too.
		let alone = detectAt(block, 0);
		const aloneTakes = alone !== null && takes(readLines(alone.format, path, block, alone.detection));
		// Looking ahead, of the formats whose detection matches from here the one that takes something from
		// this block: a later block's format (a listing) must not hide this block's own (a log's banner).
		const ahead = aloneTakes ? null : bestAhead(path, lines, i, block);
		// A block its own format takes nothing from (a vssadmin banner, which alone reads as an empty listing
		// of writers) belongs to the format that reads it whole looking ahead (the providers listed below it).
		if (alone && ahead && ahead.found.format !== alone.format && ahead.read.unparsedLines === 0) alone = null;
		const found = alone ?? ahead?.found ?? null;
		if (!found || found.format === current?.format) continue;
		// A block only the last, catch-all format claims alone (any line with a code) goes on with the section
		// before it: a product's error text past a blank line, an event's Additional Data.
		if (current && alone?.format === FORMATS[FORMATS.length - 1]) continue;
		// The section starts here when the lines from here to the block's end are the format's own (detected
		// alone), or when the format reads some of them and takes something from them or the next block is not
		// where its detection starts (else they are prose before the lines that matched).
		if (!alone && ahead) {
			if (ahead.read.unparsedLines >= block.length) continue;
			// A block the format takes something from (records, its clock from a log's banner) is its own.
			let next = end;
			while (next < lines.length && blank(next)) next++;
			if (!takes(ahead.read) && next < lines.length && detectAt(lines, next)?.format === found.format) continue;
		}
		if (current) current.to = i;
		sections.push({ from: i, to: lines.length, ...found });
	}
	// Each section's variant from its own lines: its first block alone (a listing's banner) may look like another.
	for (const s of sections) s.detection = s.format.detect(contentOf(lines, s.from, s.to)) ?? s.detection;
	return sections;
}

/** The content lines (no code fences) from `from` up to `to`, as many as detection sees. */
function contentOf(lines: readonly (string | null)[], from: number, to: number): string[] {
	const head: string[] = [];
	for (let i = from; i < to && head.length < DETECT_LINES; i++) {
		const l = lines[i];
		if (l !== null) head.push(l);
	}
	return head;
}

/** The first format whose detection matches the content lines from `start` on. */
function detectAt(lines: readonly (string | null)[], start: number): { format: FormatDefinition; detection: Detection } | null {
	const head = contentOf(lines, start, lines.length);
	for (const format of FORMATS) {
		const detection = format.detect(head);
		if (detection) return { format, detection };
	}
	return null;
}

/** A format found looking ahead, and what it read of the block at hand. */
interface Ahead {
	found: { format: FormatDefinition; detection: Detection };
	read: ReadResult;
}

/**
 * Of the formats whose detection matches the lines from `start` on, the one that takes something from
 * `block` (facts, its clock) leaving the fewest of its lines unparsed; when none takes anything, the first
 * in registry order. With what it read of the block; null when no format matches.
 */
function bestAhead(path: string, lines: readonly (string | null)[], start: number, block: readonly string[]): Ahead | null {
	const head = contentOf(lines, start, lines.length);
	let first: Ahead | null = null;
	let taking: Ahead | null = null;
	for (const format of FORMATS) {
		const detection = format.detect(head);
		if (!detection) continue;
		const candidate = { found: { format, detection }, read: readLines(format, path, block, detection) };
		first ??= candidate;
		if (takes(candidate.read) && candidate.read.unparsedLines < (taking?.read.unparsedLines ?? Infinity)) taking = candidate;
		// None can do better than taking something and leaving no line.
		if (taking?.read.unparsedLines === 0) break;
	}
	return taking ?? first;
}

/** Whether a reader took anything from what it read: records, listing facts or its clock. */
function takes(read: ReadResult): boolean {
	const f = read.facts;
	return read.clock != null || [f.records, f.writers, f.providers, f.shadows, f.shadowStorage, f.volumes].some((x) => (x?.length ?? 0) > 0);
}
