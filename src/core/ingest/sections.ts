import { DETECT_LINES, readLines, type Detection, type FormatDefinition, type ReadResult } from '../formats/lib/format';
import { FORMATS } from '../formats';
import { isProseLine } from './unknown';

/**
 * Cuts a text no format claims as a whole (a ticket: some prose, a `vssadmin` listing, then an event's
 * text, then a product's error) into sections, each read by the format whose detection starts to match
 * there. Only for such texts: a file one format claims is read whole, as it always was.
 */

/**
 * One section: lines `from` to `to` (0-based indices into the lines given, `to` exclusive). Sections are in
 * order and do not overlap; lines between two (a sentence a person wrote) belong to none.
 */
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
/** Shorter heads a section start is detected on when the whole head (diluted by what follows) does not match. */
const SHORT_HEADS = [8, 3];
/** Lines inside a block tried as a section start in one text at most (each try runs every detection). */
const MAX_MID_TRIES = 96;

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
	// A block ends at a blank line, or where a format's own line shape first shows (a paste with no blank line).
	const breaks = signatureBreaks(lines);
	const blockEnd = (i: number) => {
		let end = i + 1;
		while (end < lines.length && !blank(end) && !breaks.has(end)) end++;
		return end;
	};
	let tries = 0,
		midTries = 0;
	for (let i = 0; i < lines.length && tries < MAX_TRIES; i++) {
		if (blank(i)) continue;
		const current = sections.at(-1);
		const blockStart = i === 0 || blank(i - 1) || breaks.has(i);
		let end = i;
		if (!blockStart && current !== undefined) {
			// Inside a block of the open section: a paste with no blank line between two formats. Only a line
			// the section's format would not read alone, or whose shape differs from the line before, is tried.
			if (midTries >= MAX_MID_TRIES || !mayStart(current, lines[i]!, lines[i - 1]!)) continue;
			midTries++;
			end = blockEnd(i);
			const next = startsHere(path, lines, i, end, current);
			if (next) {
				current.to = beforeProse(lines, current, i);
				sections.push({ from: i, to: lines.length, ...next });
			}
			continue;
		}
		if (!blockStart && i >= LINE_STARTS) continue;
		tries++;
		end = blockEnd(i);
		const block = lines.slice(i, end) as string[];
		// The format of the block itself first: detection looks ahead (up to 80 lines), and a format whose
		// lines come later in the paste (a listing after a log excerpt) would claim this block too.
		// A block that starts with a line of one format's own shape is that format's when it reads the line and
		// takes something: a lenient reader registered before it (a product's report) must not claim its lines.
		let alone = signedAt(path, block) ?? detectAt(block, 0);
		const aloneTakes = alone !== null && takes(readLines(alone.format, path, block, alone.detection));
		// Looking ahead, of the formats whose detection matches from here the one that takes something from
		// this block: a later block's format (a listing) must not hide this block's own (a log's banner).
		// (Not past a line where another text's own shape starts: a log's cut first line is not that log's product's error.)
		const ahead = aloneTakes ? null : bestAhead(path, lines, i, block, breaks.has(end) ? end : lines.length);
		// A block its own format takes nothing from (a vssadmin banner, which alone reads as an empty listing
		// of writers) belongs to the format that reads it whole looking ahead (the providers listed below it).
		if (alone && ahead && ahead.found.format !== alone.format && ahead.read.unparsedLines === 0) alone = null;
		let found = alone ?? ahead?.found ?? null;
		// A section's format reads its first lines: one detected looking ahead past other lines (a listing's
		// banner below a log pasted with no blank line) gives way to the first that reads this line.
		// One line it does not read is no section of its own: a log rotated mid-line starts with a cut line.
		if (found && !readsFirst(path, block, found) && !readsFirst(path, block.slice(1), found)) found = starters(path, lines, i, end)[0] ?? found;
		if (!found || found.format === current?.format) continue;
		// A block only the last, catch-all format claims alone (any line with a code) goes on with the section
		// before it: a product's error text past a blank line, an event's Additional Data. Not after a listing
		// (writers, providers: no records) that reads none of it: a tool's status line quoted under a listing.
		if (current && alone?.format === FORMATS[FORMATS.length - 1] && !(isListing(path, lines, current, i) && gained(path, lines, current, i, end).unparsed >= block.filter((l) => l.trim() !== '').length)) continue;
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
		// A block the open section's format reads as its own (more of its facts than the other's) stays in it.
		if (current && ownedBy(path, lines, i, end, current, found)) continue;
		// A block no format claims alone (an event's `Operation:` and `Context:` paragraphs) that the section's
		// format reads to its last line goes on with it: another format was only seen further ahead.
		if (current && !alone && gained(path, lines, current, i, end).unparsed === 0) continue;
		if (current) current.to = beforeProse(lines, current, i);
		sections.push({ from: i, to: lines.length, ...found });
	}
	// A section of nothing but a person's sentences (a lenient reader took `and here is the log:` for its own)
	// is none: its lines are left between sections, unparsed. A sentence its format takes a fact from (one that
	// quotes vSphere's reason for a failed quiesce) is that format's, prose or not.
	const kept = sections.filter((s) => {
		const own = lines.slice(s.from, s.to).filter((l): l is string => l !== null && l.trim() !== '');
		return own.some((l) => !isProseLine(l)) || factCount(readLines(s.format, path, own, s.detection)) > 0;
	});
	// The last section runs to the text's end: a dropped one after it leaves its lines to it, none to no entry.
	const last = kept.at(-1);
	if (last) last.to = lines.length;
	for (const [k, s] of kept.entries()) {
		// Each section's variant from its own lines: its first block alone (a listing's banner) may look like another.
		s.detection = s.format.detect(contentOf(lines, s.from, s.to)) ?? s.detection;
		adoptHeader(path, lines, breaks, kept[k - 1] ?? null, s);
		dropLeadingProse(path, lines, s);
	}
	return kept;
}

/**
 * Where section `s` ends when the next starts at line `at` with no blank line between: before a person's
 * sentence just above it (`and here is the event log:`), which is neither section's (dropLeadingProse).
 */
function beforeProse(lines: readonly (string | null)[], s: Section, at: number): number {
	let to = at;
	while (to - 1 > s.from && lines[to - 1] !== null && isProseLine(lines[to - 1]!)) to--;
	return to;
}

/** The formats whose text has a line shape of its own (FormatDefinition.startLine). */
const SIGNED = FORMATS.flatMap((format) => (format.startLine ? [{ format, start: format.startLine }] : []));

/**
 * Lines that start a block with no blank line before them: in a run of lines with text, the first of a
 * shape only one format's text has (a vssadmin banner, a `.reg` header, a vmware.log stamped line) after
 * lines of other shapes. A lenient reader (a product's error text, which reads any line) would otherwise
 * run on over the next paste; later lines of that shape in the run are that text's own.
 */
function signatureBreaks(lines: readonly (string | null)[]): Set<number> {
	const breaks = new Set<number>();
	const shown = new Set<RegExp>();
	for (let i = 0; i < lines.length; i++) {
		const l = lines[i];
		if (l === null || l.trim() === '') {
			shown.clear();
			continue;
		}
		for (const { start } of SIGNED) {
			if (shown.has(start) || !start.test(l)) continue;
			if (i > 0 && (lines[i - 1] ?? '').trim() !== '') breaks.add(i);
			shown.add(start);
		}
	}
	return breaks;
}

/**
 * A sentence a person wrote just before a section (`and here is the event log:`) is no line of its format
 * (whose lenient reader may take it): when its format reads the same from the next line, the section starts
 * there, and the sentence is left between sections, an unparsed line of none.
 */
function dropLeadingProse(path: string, lines: readonly (string | null)[], s: Section): void {
	const first = lines[s.from];
	if (first === null || !isProseLine(first) || s.to - s.from < 2) return;
	const content = (from: number, to: number) => lines.slice(from, to).filter((l): l is string => l !== null);
	const rest = content(s.from + 1, s.to);
	const detection = s.format.detect(rest.slice(0, DETECT_LINES));
	if (!detection || detection.variant !== s.detection.variant) return;
	const withIt = readLines(s.format, path, content(s.from, s.to), s.detection);
	const without = readLines(s.format, path, rest, detection);
	if (factCount(withIt) !== factCount(without) || JSON.stringify(withIt.clock ?? null) !== JSON.stringify(without.clock ?? null)) return;
	s.from++;
	s.detection = detection;
}

/**
 * Moves the start of section `s` back over the block of lines just before it (a blank line between or
 * not; a block may start at a signature break, see signatureBreaks) when its format reads every line of it and takes the same facts with it, and the lines before it
 * (the section `before`, or no section) read none of it: a listing's banner, a settings file's comments.
 */
function adoptHeader(path: string, lines: readonly (string | null)[], breaks: ReadonlySet<number>, before: Section | null, s: Section): void {
	let start = s.from;
	while (start > (before?.from ?? 0) && (lines[start - 1] ?? '').trim() === '') start--;
	// (Back to a line the section's format does not read alone: the block may be the end of the text before it.)
	const readsAlone = (l: string) => readLines(s.format, path, [l], s.detection).unparsedLines === 0;
	while (start > (before?.from ?? 0) && (lines[start - 1] ?? '').trim() !== '' && !breaks.has(start) && readsAlone(lines[start - 1]!)) start--;
	if (start === s.from || (before && start === before.from)) return;
	// A person's sentence before the header is no part of it (see dropLeadingProse): left between the sections.
	let header = start;
	while (header < s.from && (lines[header] === null || isProseLine(lines[header]!))) header++;
	if (lines.slice(header, s.from).every((l) => l === null || l.trim() === '')) return;
	const content = (from: number, to: number) => lines.slice(from, to).filter((l): l is string => l !== null);
	const own = readLines(s.format, path, content(s.from, s.to), s.detection);
	const wider = readLines(s.format, path, content(header, s.to), s.detection);
	if (wider.unparsedLines !== own.unparsedLines || factCount(wider) !== factCount(own)) return;
	if (before) {
		const kept = readLines(before.format, path, content(before.from, start), before.detection);
		const whole = readLines(before.format, path, content(before.from, s.from), before.detection);
		// Lines both formats read are the section's header when they make its detection another variant (a listing's banner).
		const theirs = whole.unparsedLines - kept.unparsedLines >= content(start, s.from).filter((l) => l.trim() !== '').length || s.format.detect(content(header, s.to).slice(0, DETECT_LINES))?.variant !== s.detection.variant;
		if (!theirs || factCount(whole) !== factCount(kept)) return;
		before.to = beforeProse(lines, before, start);
	}
	s.from = header;
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
 * The format whose own line shape (startLine) the block's first line has, detected on the block's head (or
 * a shorter one: a short excerpt pasted before other text), reading that line and taking something from
 * the block; null when none does.
 */
function signedAt(path: string, block: readonly string[]): { format: FormatDefinition; detection: Detection } | null {
	for (const { format, start } of SIGNED) {
		if (!start.test(block[0])) continue;
		const head = block.slice(0, DETECT_LINES);
		const detection = format.detect(head) ?? SHORT_HEADS.reduce<Detection | null>((d, n) => d ?? format.detect(head.slice(0, n)), null);
		if (detection && readsFirst(path, block, { format, detection }, true)) return { format, detection };
	}
	return null;
}

/** A format found looking ahead, and what it read of the block at hand. */
interface Ahead {
	found: { format: FormatDefinition; detection: Detection };
	read: ReadResult;
}

/**
 * Of the formats whose detection matches the lines from `start` on (up to `to`), the one that takes something from
 * `block` (facts, its clock) leaving the fewest of its lines unparsed; when none takes anything, the one
 * leaving the fewest unparsed (the first in registry order of those). With what it read of the block; null when no format matches.
 */
function bestAhead(path: string, lines: readonly (string | null)[], start: number, block: readonly string[], to: number): Ahead | null {
	const head = contentOf(lines, start, to);
	let first: Ahead | null = null;
	let taking: Ahead | null = null;
	for (const format of FORMATS) {
		const detection = format.detect(head);
		if (!detection) continue;
		const candidate = { found: { format, detection }, read: readLines(format, path, block, detection) };
		// Of those taking nothing (a header alone in its block), the one that reads most of it.
		if (first === null || candidate.read.unparsedLines < first.read.unparsedLines) first = candidate;
		if (takes(candidate.read) && candidate.read.unparsedLines < (taking?.read.unparsedLines ?? Infinity)) taking = candidate;
		// None can do better than taking something and leaving no line.
		if (taking?.read.unparsedLines === 0) break;
	}
	return taking ?? first;
}

/** Whether the section `s`, up to line `at`, is a listing: entries (writers, providers, shadow copies) and no records. */
function isListing(path: string, lines: readonly (string | null)[], s: Section, at: number): boolean {
	const read = readLines(
		s.format,
		path,
		lines.slice(s.from, at).filter((l): l is string => l !== null),
		s.detection,
	);
	return (read.facts.records?.length ?? 0) === 0 && factCount(read) > 0;
}

/** Whether a reader took anything from what it read: records, listing facts or its clock. */
function takes(read: ReadResult): boolean {
	const f = read.facts;
	return read.clock != null || [f.records, f.writers, f.providers, f.shadows, f.shadowStorage, f.volumes].some((x) => (x?.length ?? 0) > 0);
}

/** Facts a read gave: its records and listing entries. */
function factCount(read: ReadResult): number {
	const f = read.facts;
	return [f.records, f.writers, f.providers, f.shadows, f.shadowStorage, f.volumes].reduce((n, x) => n + (x?.length ?? 0), 0);
}

/** A line's coarse shape: words, numbers and runs of spaces made alike, punctuation kept (any language). */
const shape = (l: string) =>
	l
		.slice(0, 16)
		.replace(/\p{L}+/gu, 'a')
		.replace(/\d+/g, '9')
		.replace(/\s+/g, ' ');

/**
 * Whether line `text` (after `before`, inside a block of the section `s`) may start another format: the
 * section's format does not read it alone, or its shape is not the line before's (a free-text reader, an
 * event's message, reads any line).
 */
function mayStart(s: Section, text: string, before: string): boolean {
	if (shape(text) !== shape(before)) return true;
	const r = s.format.reader('', s.detection);
	r.line(text, 1);
	return r.end().unparsedLines > 0;
}

/**
 * The format that starts at line `at` inside a block (up to `end`) of the open section `s`: one (not the
 * section's, not the catch-all) whose detection matches from there, that reads line `at` as its own and
 * takes more from the lines up to `end` than the section's format does (ownedBy). Null when none does.
 */
function startsHere(path: string, lines: readonly (string | null)[], at: number, end: number, s: Section): { format: FormatDefinition; detection: Detection } | null {
	// A format after the section's in the registry (more general: detection tries it later) starts here only
	// where the section's format, reading on, does not read all of these lines.
	// (Read to the block's end: a record open at this line, a quoted CSV field, may close further down.)
	// A log of stamped lines reads any other line as its last message's continuation: lines after one of its
	// own shape, not of that shape, that it takes nothing from are no more its own than a refused line (a
	// pasted event after SQL Writer lines).
	const more = gained(path, lines, s, at, end);
	const own = s.format.startLine;
	const continued = own !== undefined && own.test(lines[at - 1] ?? '') && !own.test(lines[at] ?? '') && more.facts === 0;
	const refused = more.unparsed > 0 || continued;
	const rank = FORMATS.indexOf(s.format);
	const eligible = (f: FormatDefinition) => f !== s.format && (FORMATS.indexOf(f) < rank || refused);
	return starters(path, lines, at, end, eligible).find((found) => !ownedBy(path, lines, at, end, s, found)) ?? null;
}

/**
 * The formats (of those `eligible`; never the catch-all), in registry order, whose detection matches from
 * line `at`, that take something from the lines `at` to `end` and read line `at` as their own.
 */
function starters(path: string, lines: readonly (string | null)[], at: number, end: number, eligible: (f: FormatDefinition) => boolean = () => true): { format: FormatDefinition; detection: Detection }[] {
	const head = contentOf(lines, at, lines.length);
	const block = lines.slice(at, end).filter((l): l is string => l !== null);
	const out: { format: FormatDefinition; detection: Detection }[] = [];
	for (const format of FORMATS.slice(0, -1)) {
		if (!eligible(format)) continue;
		// Detection looks ahead: a short excerpt pasted before other lines matches on its own lines alone.
		const detection = format.detect(head) ?? SHORT_HEADS.reduce<Detection | null>((d, n) => d ?? format.detect(head.slice(0, n)), null);
		if (detection && readsFirst(path, block, { format, detection }, true)) out.push({ format, detection });
	}
	return out;
}

/** Whether a format reads the first of `block` as its own (and, when `taking`, takes something from the block). */
function readsFirst(path: string, block: readonly string[], found: { format: FormatDefinition; detection: Detection }, taking = false): boolean {
	const whole = readLines(found.format, path, block, found.detection);
	// Its own first line: reading from the next line leaves no fewer lines unparsed (a header's rows, more).
	return (!taking || takes(whole)) && readLines(found.format, path, block.slice(1), found.detection).unparsedLines >= whole.unparsedLines;
}

/**
 * Whether the lines `at` to `end` belong to the open section `s` rather than to `other`: the section's
 * format, reading on from its start, leaves fewer of them unparsed than `other` does, or as many and takes
 * more facts from them. A format that only runs them on into its last record (an event's
 * message, a product's error text) takes no fact from them.
 */
function ownedBy(path: string, lines: readonly (string | null)[], at: number, end: number, s: Section, other: { format: FormatDefinition; detection: Detection }): boolean {
	const theirs = readLines(
		other.format,
		path,
		lines.slice(at, end).filter((l): l is string => l !== null),
		other.detection,
	);
	const mine = gained(path, lines, s, at, end);
	return mine.unparsed < theirs.unparsedLines || (mine.unparsed === theirs.unparsedLines && mine.facts > factCount(theirs));
}

/** What the section `s`'s format, reading on from its start, makes of the lines `at` to `end`: unparsed lines and facts. */
function gained(path: string, lines: readonly (string | null)[], s: Section, at: number, end: number): { unparsed: number; facts: number } {
	const content = (from: number, to: number) => lines.slice(from, to).filter((l): l is string => l !== null);
	const before = readLines(s.format, path, content(s.from, at), s.detection);
	const through = readLines(s.format, path, content(s.from, end), s.detection);
	return { unparsed: through.unparsedLines - before.unparsedLines, facts: factCount(through) - factCount(before) };
}
