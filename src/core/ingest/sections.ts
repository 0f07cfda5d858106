import { DETECT_LINES, readLines, type Detection, type FormatDefinition } from '../formats/lib/format';
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
		const found = alone ?? detectAt(lines, i);
		if (!found || found.format === current?.format) continue;
		// The section starts here when the lines from here to the block's end are the format's own (detected
		// alone), or when the format reads some of them and the next block is not where its detection starts
		// (else they are prose before the lines that matched).
		if (!alone) {
			if (readLines(found.format, path, block, found.detection).unparsedLines >= block.length) continue;
			let next = end;
			while (next < lines.length && blank(next)) next++;
			if (next < lines.length && detectAt(lines, next)?.format === found.format) continue;
		}
		if (current) current.to = i;
		sections.push({ from: i, to: lines.length, ...found });
	}
	return sections;
}

/** The first format whose detection matches the content lines from `start` on. */
function detectAt(lines: readonly (string | null)[], start: number): { format: FormatDefinition; detection: Detection } | null {
	const head: string[] = [];
	for (let i = start; i < lines.length && head.length < DETECT_LINES; i++) {
		const l = lines[i];
		if (l !== null) head.push(l);
	}
	for (const format of FORMATS) {
		const detection = format.detect(head);
		if (detection) return { format, detection };
	}
	return null;
}
