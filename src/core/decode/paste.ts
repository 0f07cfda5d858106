/**
 * Undoes what pasting did to log text: Markdown and email quoting, Markdown code blocks, hard line breaks,
 * HTML entities, Markdown backslash escapes, lost Unicode direction marks and a quoted one-line message.
 * Decided once per file from its head (pasteNormaliser); a file that shows none of these gets no
 * normaliser at all, so real logs are read exactly as before, quick lanes included. Each line is cleaned
 * on its own, so line numbers stay those of the file the user has.
 */

/** How one file's lines are cleaned: what was undone (for `formatReason`) and the per-line cleaning. */
export interface PasteNormaliser {
	/** What was undone, comma-separated (`Markdown-quoted, &nbsp; indents`). */
	readonly undone: string;
	/** The clean line, or null when the line is no content (a code fence). */
	line(text: string): string | null;
}

/** `> `, nested `> > `, `>>` and a lone `>` before a line (Markdown allows up to 3 spaces before each). */
const QUOTE = /^(?: {0,3}>(?: |(?=>)|$))+/;
/** Email quoting with a bar: `| ` (a Markdown table row ends with a bar too, which this is not). */
const BAR_QUOTE = /^\| ?/;
/** A quoted blank line: `>` alone (Markdown's paragraph break inside a quote). */
const LONE_QUOTE = /^ {0,3}>\s*$/;
/** Quoted blank lines in a head, at least, for them alone to show a Markdown quote. */
const MIN_LONE_QUOTES = 2;
const FENCE = /^ {0,3}(?:```|~~~)/;
const INDENT = /^(?: {4}|\t)/;
/** Entities a web page or a Markdown source leaves in copied text. */
const ENTITY = /&(?:nbsp|lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi;
const NAMED: Readonly<Record<string, string>> = { nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** Markdown escapes of punctuation no Windows or ESXi path holds, or that only Markdown doubles. */
const ESCAPED = /\\([[\]_*<>#|`])/g;
/** Markdown signs of escaping: `\[11\]`, `Directory\_Service`, `\*`. */
const ESCAPE_SIGN = /\\[[\]]|[A-Za-z0-9]\\_[A-Za-z0-9]|\\\*/;
/** Backslashes inside a path (`C:\\Windows`, `Authority\\\\Network`), not a UNC name's start (`\\server`). */
const PATH_BACKSLASHES = /(?<=[\w:$.])\\+(?=[\w$])/g;
const DOUBLED = /[\w:$.]\\\\[\w$]/;
/** A single backslash inside a path: a text that has one did not double its backslashes (a .reg file's own `\\`). */
const SINGLE = /[\w:$.]\\[\w$]/;
/** Unicode direction marks and isolates a Windows event viewer puts around the parts of a date. */
const DIRECTION = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const DIRECTION_SIGN = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** A run of digits, `?` and date separators: a date or time whose direction marks may have become `?`. */
const DATE_RUN = /[\d?][\d?\-/.:T]*/g;
/** The run without its `?` is a date or time (`2012-03-31T07:00`): 3 digit groups at least. */
const DATE_SHAPE = /^\d+(?:[-/.:T]\d+){2}/;
const LOST_MARK_SIGN = /\?\d{1,4}\?[-/.:]\?\d/;
/**
 * A browser's XML view (Internet Explorer, the Event Viewer's XML tab): `- ` before each element that has
 * children, for its collapse button — a line that is one opening tag (`- <System>`); a Markdown list item
 * that mentions a tag (`- <System> holds the id`) is no such line.
 */
const XML_VIEW = /^(\s*)- (?=<[A-Za-z][^<>]*>\s*$)/;
/**
 * A list item a web page rendered with a typographic bullet (`    • Event Type: Error`), its text's column
 * after it; the item's other lines hang at that column (`      Event Source: MSExchangeIS`). No log line
 * starts with one of these glyphs (Markdown's `-` and `*` are left alone: a browser's XML view uses `- `).
 */
const BULLET = /^(\s*[•●◦▪‣]\s+)(?=\S)/;
/** Lines that hang at a bullet's text column in a head, at least, for the list to be undone. */
const MIN_HANGING = 2;

/** A whole one-line message in straight double quotes, none inside. */
const WRAPPED = /^\s*"([^"]+)"\s*$/;

/** Share of non-empty head lines that must show a sign for a per-line habit (quoting, hard breaks) to be undone. */
const MOST = 0.5;

/** One cleaning step the head asked for: what it undoes (for the report) and what it does to a line. */
interface Step {
	name: string;
	apply(text: string): string;
}

/** Whether `line` starts with `levels` levels of indentation (four spaces or a tab each). */
function indentLevels(line: string, levels: number): boolean {
	let at = 0;
	for (let k = 0; k < levels; k++) {
		if (line.charCodeAt(at) === 9) at++;
		else if (line.startsWith('    ', at)) at += 4;
		else return false;
	}
	return true;
}

/**
 * Whether a head is prose with Markdown code blocks: paragraphs (lines between blank lines) each either all
 * indented (a code block, two lines at least in one of them) or not at all, as a post shows an excerpt under
 * a sentence. A paragraph indented in part (an event's indented Operation / Context lines) is no code block.
 */
function codeBlocks(head: readonly string[]): boolean {
	let code = false;
	let indented = 0;
	let plain = 0;
	const close = () => {
		if (indented > 0 && plain > 0) return false;
		if (indented >= 2) code = true;
		indented = plain = 0;
		return true;
	};
	for (const l of head) {
		if (l.trim() === '') {
			if (!close()) return false;
		} else if (INDENT.test(l)) indented++;
		else plain++;
	}
	return close() && code;
}

/**
 * Decides from a file's head which paste damage to undo; null when there is none (the common case,
 * which then costs nothing per line).
 */
export function pasteNormaliser(head: readonly string[]): PasteNormaliser | null {
	const fences = head.some((l) => FENCE.test(l));
	const content = head.filter((l) => l.trim() !== '' && !FENCE.test(l));
	if (content.length === 0) return null;
	const share = (test: (l: string) => boolean) => content.filter(test).length / content.length;
	const steps: Step[] = [];
	const text = head.join('\n');
	const undirected = DIRECTION_SIGN.test(text);
	if (undirected) steps.push({ name: 'Unicode direction marks', apply: (l) => l.replace(DIRECTION, '') });
	// Markdown quotes lazily: the first line of a paragraph may be the only one with its `>`. A quote's blank
	// lines (`>` alone) show it too, under prose that is not quoted: no log line is a lone `>`.
	const quoted = QUOTE.test(content[0]) || share((l) => QUOTE.test(l)) >= MOST || head.filter((l) => LONE_QUOTE.test(l)).length >= MIN_LONE_QUOTES;
	if (quoted) steps.push({ name: 'Markdown-quoted', apply: (l) => l.replace(QUOTE, '') });
	const unquoted = quoted ? content.map((l) => l.replace(QUOTE, '')) : content;
	const barQuoted = !quoted && share((l) => BAR_QUOTE.test(l) && !l.trimEnd().endsWith('|')) >= 0.8;
	if (barQuoted) steps.push({ name: 'email-quoted (| )', apply: (l) => l.replace(BAR_QUOTE, '') });
	const cleanHead = unquoted.filter((l) => l.trim() !== '');
	const bullets = bulletStep(cleanHead);
	if (bullets) steps.push(bullets);
	// Every line indented: as many levels as all of them have (a code block in a list item, or indented again
	// in a reply, is 8 spaces deep); a level the lines do not all share is the text's own layout.
	let levels = 0;
	while (cleanHead.length > 0 && cleanHead.every((l) => indentLevels(l, levels + 1))) levels++;
	if (levels === 0 && cleanHead.length > 0 && codeBlocks(quoted ? head.map((l) => l.replace(QUOTE, '')) : head)) levels = 1;
	const indented = levels > 0;
	if (indented) {
		const indent = new RegExp(`^(?: {4}|\\t){${levels}}`);
		steps.push({ name: 'Markdown code block indentation', apply: (l) => l.replace(indent, '') });
	}
	const hardBreak = (l: string) => l.endsWith('  ');
	// Counted on the unquoted lines that hold text: `> ` before a line of one blank is no hard break.
	const broken = cleanHead.filter((l) => hardBreak(l) && l.trim() !== '').length;
	const hardBreaks = broken >= 2 && broken / content.length >= 0.25;
	if (hardBreaks) steps.push({ name: 'trailing double spaces', apply: (l) => (hardBreak(l) ? l.slice(0, -2) : l) });
	// Two such buttons at least: one `- <Tag>` line alone may be anything.
	const xmlView = cleanHead.filter((l) => XML_VIEW.test(l)).length >= 2;
	if (xmlView) steps.push({ name: "a browser's XML view (- before elements)", apply: (l) => l.replace(XML_VIEW, '$1') });
	const entities = entitiesToUndo(text);
	if (entities) steps.push({ name: entities, apply: decodeEntities });
	// Backslashes are undone only where the file shows it went through Markdown: a log's own paths keep theirs,
	// and doubled ones are halved only with escapes shown or where no path has a single one.
	const markdown = quoted || fences || indented || hardBreaks || entities !== null;
	// ESCAPE_SIGN needs a backslash and LOST_MARK_SIGN a `?`, which most heads lack: a native search for it first.
	const escapes = text.includes('\\') && ESCAPE_SIGN.test(text);
	if (escapes) steps.push({ name: 'Markdown backslash escapes', apply: (l) => l.replace(ESCAPED, '$1') });
	if ((escapes || (markdown && !SINGLE.test(text))) && DOUBLED.test(text)) steps.push({ name: 'doubled backslashes', apply: halveBackslashes });
	if (text.includes('?') && LOST_MARK_SIGN.test(text)) steps.push({ name: "'?' for lost direction marks in dates", apply: undoLostMarks });
	if (content.length === 1 && WRAPPED.test(steps.reduce((l, s) => s.apply(l), content[0]))) steps.push({ name: 'double quotes around the message', apply: (l) => l.replace(WRAPPED, '$1') });
	if (steps.length === 0 && !fences) return null;
	const names = (fences ? ['code fences'] : []).concat(steps.map((s) => s.name));
	return {
		undone: names.join(', '),
		line(raw) {
			if (fences && FENCE.test(raw.replace(QUOTE, ''))) return null;
			let l = raw;
			for (const s of steps) l = s.apply(l);
			return l;
		},
	};
}

/**
 * Undoes a bulleted list whose items hold log lines (a KB's events, one per bullet): the bullet goes, and the
 * lines that hang at its text's column lose that indent, so each item reads as it was logged. Decided from
 * the head: the column most bullets put their text at, and at least MIN_HANGING lines hanging there.
 */
function bulletStep(head: readonly string[]): Step | null {
	const columns = head.map((l) => BULLET.exec(l)?.[1].length ?? 0).filter((c) => c > 0);
	if (columns.length === 0) return null;
	const column = mostCommon(columns);
	const hang = ' '.repeat(column);
	const hanging = head.filter((l) => l.startsWith(hang) && l[column] !== ' ' && !BULLET.test(l)).length;
	if (hanging < MIN_HANGING) return null;
	return { name: 'bulleted list', apply: (l) => (BULLET.test(l) ? l.replace(BULLET, '') : l.startsWith(hang) ? l.slice(column) : l) };
}

/** The value most often in a list (the first of equals). */
function mostCommon(values: readonly number[]): number {
	const counts = new Map<number, number>();
	for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
	return [...counts].reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

/** Which entities to decode, by what the head shows; null to keep them (a real XML file escapes its own `<`). */
function entitiesToUndo(text: string): string | null {
	ENTITY.lastIndex = 0;
	// Every entity starts with `&`: a native search first spares most heads the expression.
	if (!text.includes('&') || !ENTITY.test(text)) return null;
	// &nbsp; is no XML entity: it comes from a web page. The others are a page's only where no markup is.
	if (/&nbsp;/i.test(text)) return /(?:^|[>\s])&nbsp;/im.test(text) ? '&nbsp; indents, HTML entities' : 'HTML entities';
	return /<[A-Za-z?!/]/.test(text) ? null : 'HTML entities';
}

/** Decodes the entities of one line in one pass (`&amp;lt;` becomes `&lt;`, as a browser shows it). */
function decodeEntities(line: string): string {
	return line.replace(ENTITY, (m) => {
		const name = m.slice(1, -1).toLowerCase();
		if (name[0] !== '#') return NAMED[name];
		const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
	});
}

/** Drops the `?` a lost direction mark left in each date or time of a line, and only there. */
function undoLostMarks(line: string): string {
	return line.replace(DATE_RUN, (run) => {
		if (!run.includes('?')) return run;
		const bare = run.replace(/\?/g, '');
		return DATE_SHAPE.test(bare) ? bare : run;
	});
}

/** Halves each even run of backslashes inside a path: Markdown source writes `\\` for each `\` shown. */
function halveBackslashes(line: string): string {
	return line.replace(PATH_BACKSLASHES, (run) => (run.length % 2 === 0 ? run.slice(run.length / 2) : run));
}
