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
	const blank = (i: number) => { const l = lines[i]; return l === null || l.trim() === ''; };
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
		const alone = detectAt(block, 0);
		// Looking ahead, of the formats whose detection matches from here the one that reads most of this
		// block: a later block's format (a listing) must not hide this block's own (a log's banner).
		const ahead = alone ? null : bestAhead(path, lines, i, block);
		const found = alone ?? ahead?.found ?? null;
		if (!found || found.format === current?.format) continue;
		// A block only a more general format (later in the registry) claims alone, which the section's own
		// format reads facts from, goes on with the section: a product's error text past a blank line.
		if (current && alone && FORMATS.indexOf(alone.format) > FORMATS.indexOf(current.format) && readsFacts(current, path, block)) continue;
		// The section starts here when the lines from here to the block's end are the format's own (detected
		// alone), or when the format reads some of them and takes its clock from them or the next block is not
		// where its detection starts (else they are prose before the lines that matched).
		if (!alone) {
			// A block the format takes its clock from (a log's banner with its UTC offset) is its own.
			let next = end;
			while (next < lines.length && blank(next)) next++;
			if (!ahead?.read.clock && next < lines.length && detectAt(lines, next)?.format === found.format) continue;
		}
		if (current) current.to = i;
		sections.push({ from: i, to: lines.length, ...found });
	}
	// Each section's variant from its own lines: its first block alone (a listing's banner) may look like another.
	for (const s of sections) s.detection = s.format.detect(contentOf(lines, s.from, s.to)) ?? s.detection;
	return sections;
}

/** Whether a section's format takes anything from a block (see takes). */
function readsFacts(section: Section, path: string, block: readonly string[]): boolean {
	return takes(readLines(section.format, path, block, section.detection));
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

/**
 * Of the formats whose detection matches the lines from `start` on, the one that leaves the fewest lines of
 * `block` unparsed, on a tie the first that takes something from it (facts, its clock), else the first in
 * registry order; with what it read. Null when none reads any line of the block.
 */
function bestAhead(path: string, lines: readonly (string | null)[], start: number, block: readonly string[]): { found: { format: FormatDefinition; detection: Detection }; read: ReadResult } | null {
	const head = contentOf(lines, start, lines.length);
	let best: { found: { format: FormatDefinition; detection: Detection }; read: ReadResult } | null = null;
	for (const format of FORMATS) {
		const detection = format.detect(head);
		if (!detection) continue;
		const read = readLines(format, path, block, detection);
		const fewer = read.unparsedLines < (best?.read.unparsedLines ?? block.length);
		if (fewer || (best && read.unparsedLines === best.read.unparsedLines && takes(read) && !takes(best.read))) best = { found: { format, detection }, read };
	}
	return best;
}

/** Whether a reader took anything from what it read: records, listing facts or its clock. */
function takes(read: ReadResult): boolean {
	const f = read.facts;
	return read.clock != null || [f.records, f.writers, f.providers, f.shadows, f.shadowStorage, f.volumes].some((x) => (x?.length ?? 0) > 0);
}
