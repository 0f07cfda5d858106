/**
 * Undoes what pasting did to log text: Markdown and email quoting, Markdown code blocks and fences, forum
 * BBCode and Jira/Confluence blocks, a web page's source (`<br>`, entities), a viewer's line numbers, a chat's
 * stamps, marks of lines left out (`[snip]`), hard line breaks, HTML entities, no-break and zero-width spaces,
 * typographic quotes, Markdown backslash escapes, lost Unicode direction marks and a quoted one-line message.
 * Decided once per file from its head (pasteNormaliser); a file that shows none of these gets no
 * normaliser at all, so real logs are read exactly as before, quick lanes included. Each line is cleaned
 * on its own, so line numbers stay those of the file the user has; a text hard-wrapped at a fixed width (a
 * mail client's 72 or 76 columns, a forum's box) has each wrapped line joined back to the line it was cut
 * from, which keeps that line's number (see Unwrapper).
 */

import { codePointColumns, displayColumns } from './columns';

/**
 * Where cleaned lines go: the clean text (null: no content), the 1-based number of the file's line it starts
 * at, and whether that line is no line of the text's layout (null): a hard wrap's tail, whose text is in the
 * line before, or a marker of lines left out (`[snip]`), whose lines either side are one text — neither ends
 * a block of lines as a blank line or a fence does.
 */
export type CleanLine = (clean: string | null, lineNo: number, tail?: boolean) => void;

/** What the cleaning of a line that marks lines left out gives (see markerLine): no content, and no blank line either. */
const LEFT_OUT = Symbol('left out');
type Cleaned = string | null | typeof LEFT_OUT;

/** A cleaned line as a line's text (a marker is no content). */
function asLine(clean: Cleaned): string | null {
	return clean === LEFT_OUT ? null : clean;
}

/** Hands on a cleaned line: a marker of lines left out as no content out of the layout (see CleanLine). */
function handOn(to: CleanLine, clean: Cleaned, lineNo: number): void {
	if (clean === LEFT_OUT) to(null, lineNo, true);
	else to(clean, lineNo);
}

/** How one file's lines are cleaned: what was undone (for `formatReason`) and the per-line cleaning. */
export interface PasteNormaliser {
	/** What was undone, comma-separated (`Markdown-quoted, &nbsp; indents`). */
	readonly undone: string;
	/** The clean line, or null when the line is no content (a code fence); a hard wrap is not undone here (see feed). */
	line(text: string): string | null;
	/**
	 * Takes the file's next line, in order, and hands on each clean line to `to` once it is whole: a text
	 * hard-wrapped at a fixed width holds a line back until the next shows whether it is its tail, which is
	 * joined to it (the joined line keeps the first line's number; the tail's line is handed on as no
	 * content, null). Without a wrap, each line is handed on at once.
	 */
	feed(text: string, lineNo: number, to: CleanLine): void;
	/** The clean line held back for its tail, if any (what detection may see of it already). */
	waiting(): string | null;
	/** Hands on the line held back, at the end of the file. */
	flush(to: CleanLine): void;
}

/** A whole text's lines cleaned, in order, as reading feeds them (tests, texts held in memory). */
export function cleanLines(paste: PasteNormaliser, lines: readonly string[]): (string | null)[] {
	const out: (string | null)[] = [];
	const to: CleanLine = (clean) => out.push(clean);
	lines.forEach((l, i) => paste.feed(l, i + 1, to));
	paste.flush(to);
	return out;
}

/** `> `, nested `> > `, `>>`, `>>` with no space before the text, and a lone `>` (Markdown allows up to 3 spaces before each). */
const QUOTE = /^(?: {0,3}> ?)+/;
/** A quote indented as a list item's content is (4 spaces or a tab at least, then `>`, nested or not). */
const LIST_QUOTE = /^(?: {4,}|\t+)>(?: ?>)* ?/;
/** The quote's signs alone, no space after them (a reply quoted with `>>` and no space). */
const TIGHT_QUOTE = /^(?: {0,3}>)+/;
/** Email quoting with a bar: `| ` (a Markdown table row ends with a bar too, which this is not). */
const BAR_QUOTE = /^\| ?/;
/** A quoted blank line: `>` alone (Markdown's paragraph break inside a quote). */
const LONE_QUOTE = /^ {0,3}>\s*$/;
/** Quoted blank lines in a head, at least, for them alone to show a Markdown quote. */
const MIN_LONE_QUOTES = 2;
/**
 * A line that only opens or closes a block around pasted text: a Markdown fence (with or without a language
 * tag), a Jira/Confluence macro (`{code:title=x}`, `{noformat}`, `{quote}`, `{panel}`), or forum BBCode tags
 * alone on their line (`[quote="name"]`, `[/code]`).
 */
const FENCE = /^ {0,3}(?:```|~~~)|^\s*(?:\{(?:code|noformat|quote|panel)(?::[^}]*)?\}|(?:\[\/?(?:code|quote|pre|noparse)(?:=[^\]]*)?\])+)\s*$/i;
/**
 * A line that only marks where a poster left lines out: dots or an ellipsis (`...`, `…`, `. . .`), or one short
 * bracketed phrase of small letters (or letters without case) and dots alone on its line (`[snip]`, `[...]`,
 * `(truncated)`, `... (省略) ...`). Angle brackets are no marker (`<System>` is XML), and neither is a phrase
 * with capitals (a wrapped line's tail `[KeepSnapshot]`, a dialog's `[Window Title]`) or other signs (`[HKEY_…\…]`).
 */
/** Longest marker line (characters, trimmed): a marker is a few signs, no log line; what is longer is not looked at. */
const MARKER_MAX = 40;
/** Signs around a marker's core: decoration dashes, dots, ellipses and spaces. */
const MARKER_EDGE = new Set([...'-=~*.… ']);
/** A marker's bracketed phrase, its dots and spaces trimmed: small letters (or letters without case) and spaces. */
const MARKER_WORDS = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo} ]*$/u;
/** Dots a marker may hold: with them it is one in any text; a bracketed word alone (`[snip]`) is none in a settings file, whose sections are named so (`[vmbackup]`). */
const MARKER_DOTS = /\.\s?\.\s?\.|…/;
/** A settings file's section name alone on its line (`[vmbackup]`): letters, no dots (`[...]` is a marker). */
const SECTION = /^\[[^\].…]+\]$/;
const LETTER = /\p{L}/u;
/** A line of a settings file (tools.conf, .vmx, .ini): a `key = value` setting or a comment. */
const SETTING = /^\s*(?:[#;]|[\w.:-]+\s*=)/;
/** BBCode tags a forum leaves at a line's start or end when the poster typed them around the text (`[code]2021-…`, `…done.[/code]`). */
const BB_OPEN = /^(?:\[(?:code|quote|pre|noparse)(?:=[^\]]*)?\])+/i;
const BB_CLOSE = /\[\/(?:code|quote|pre|noparse)\]$/i;
/** A line break a web page's source writes as a tag at the line's end (`<br>`, `<br/>`, `<br />`). */
const BR = /<br\s*\/?>\s*$/i;
const ANY_BR = /<br\s*\/?>/gi;
/** Lines ended by `<br>` in a head, at least, for the tags to be a page's line breaks: one may be the text's own. */
const MIN_BROKEN = 2;
/**
 * A line number a viewer, an editor or a diff puts before each line: `  12 | `, `12: `, `12<tab>`, or a paste
 * site's numbered listing (`  12. `, an HTML ordered list copied as text). The colon form needs a space after it:
 * a time's `10:22` is no line number; the dot form too: a version's `1.2` is none.
 */
const LINE_NO = /^ *(\d{1,7})( \|(?: |$)|: |:$|\. |\.$|\t)/;
/**
 * A chat tool's stamp and sender before a line: `[10:22] alice: `, `[10:22 AM] Alice Smith: `, IRC's
 * `[10:22] <alice> `. Hours and minutes only: a log's own stamp has seconds.
 */
const CHAT = /^\[\d{1,2}:\d{2}(?: ?[AaPp]\.?[Mm]\.?)?\] (?:<[^<>\s]{1,32}> |[^\s:<>[\]][^:<>[\]]{0,31}: )/;
/** What undoing a viewer's line numbers is called (formatReason). */
const LINE_NUMBERS = 'line numbers';
/** Share of non-blank head lines a prefix must be on (line numbers, chat stamps) for it to be the paste's. */
const PREFIXED = 0.8;
/** Lines of a head at least that show one such prefix (two lines numbered one after the other already count), unless it has fewer. */
const MIN_PREFIXED = 2;
/** Spaces a web page or a word processor left as no-break spaces (U+00A0, U+202F). */
const NO_BREAK = /[\u00a0\u202f]/g;
/** Zero-width spaces and joiners a wiki or a chat tool puts where a long token may break, and a BOM inside a text. */
const ZERO_WIDTH = /[\u200b\u200c\u2060\ufeff]/g;
/**
 * Typographic quotes a blog engine or a word processor made of straight ones: every double one (`“x”`, `„x“`,
 * an attribute's `=”x”`), and single ones in pairs (`‘System Writer’`, an attribute's `=’x’`). A `’` elsewhere
 * is left: an apostrophe a localized message has of its own (`l’instance`), or quotes Windows itself writes
 * (`：’YYYY-…’` in a Japanese message), which the readers take as they are.
 */
const SMART_SINGLE = /(?:[\u2018\u201a\u201b]|(?<==)\u2019)([^\u2018\u2019\u201a\u201b]*)\u2019/g;
const SMART_DOUBLE = /[\u201c-\u201f]/g;
const CHARACTER_SIGN = /[\u00a0\u202f\u200b\u200c\u2060\ufeff\u2018-\u201f]/;
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

/**
 * A line ended by Markdown's backslash hard break: one backslash after text, the last word holding no other
 * backslash (a path's last folder, `C:\Windows\`, or a volume, `\\?\Volume{…}\`, holds some) and being
 * no drive's root (`C:\`).
 */
function backslashBreak(l: string): boolean {
	if (!l.endsWith('\\') || l.endsWith('\\\\')) return false;
	// The last word: what follows the last blank (a search, not `/\S*$/`, which rescans from every start).
	const body = l.slice(0, -1);
	let from = body.length;
	while (from > 0 && !/\s/.test(body[from - 1])) from--;
	const word = body.slice(from);
	return word !== '' && !word.includes('\\') && !/(?:^|[^A-Za-z])[A-Za-z]:$/.test(word);
}

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
export function pasteNormaliser(whole: readonly string[]): PasteNormaliser | null {
	// A mail's header above the text is no line of it, and says nothing of its layout: the rest is looked at alone.
	const mail = mailHeaders(whole);
	const raw = mail ? whole.filter((_, i) => !mail.has(i + 1)) : whole;
	// A hard wrap is the last thing done to a text (a mail client wraps what it sends), so it is undone first,
	// and every other sign is looked for in the head as it was before it.
	// A viewer's line numbers count the lines as it showed them: a text wrapped before it was numbered has a
	// number on each tail too, so they go before the wrap is looked for (joined, a tail would carry its number
	// inside the line it joins). A text numbered and then wrapped shows its numbers only once unwrapped (below).
	const numbered = lineNumberStep(raw);
	const lines = numbered ? raw.map(numbered.apply) : raw;
	const wrap = hardWrap(lines);
	let head = wrap ? unwrapHead(wrap, lines) : lines;
	// What was done to every character and before every line (a viewer's line numbers, a chat's stamps) is
	// undone before the layout is looked at: it hides the quotes, fences and indentation under it. Numbers
	// undone before a wrap are undone on each line before it is joined (unwrappingNormaliser's `pre`).
	const early: Step[] = numbered && !wrap ? [numbered] : [];
	for (const step of [characterStep(head), htmlSourceStep(head), prefixStep(head), bbcodeStep(head)]) {
		if (!step) continue;
		early.push(step);
		head = head.map(step.apply);
	}
	// A numbered listing under what was undone there (a chat's stamps before each number, no-break or zero-width
	// spaces in them): its numbers show now.
	const hidden = numbered || early.some((s) => s.name === LINE_NUMBERS) ? null : lineNumberStep(head);
	if (hidden) {
		early.push(hidden);
		head = head.map(hidden.apply);
	}
	const bare = (l: string) => l.replace(QUOTE, '');
	// Each head line without its quote, once: the layout's tests below each look at them all.
	const bares = head.map(bare);
	const fences = bares.some((l) => FENCE.test(l));
	const sectioned = namesSections(bares);
	// An XML text's element alone on its line (`<data>`) is no marker: its closing tag is in the head.
	const closes = (name: string) => head.some((l) => l.includes(`</${name}`));
	const isMarker = (l: string) => {
		const m = markerLine(l);
		return m !== null && (!sectioned || m.dots) && (m.angled === null || m.dots || !closes(m.angled));
	};
	const marked = bares.some(isMarker);
	const content = head.filter((l, i) => l.trim() !== '' && !FENCE.test(bares[i]) && !isMarker(bares[i]));
	if (content.length === 0) return null;
	const share = (test: (l: string) => boolean) => content.filter(test).length / content.length;
	const steps: Step[] = [];
	const text = head.join('\n');
	const undirected = DIRECTION_SIGN.test(text);
	if (undirected) steps.push({ name: 'Unicode direction marks', apply: (l) => l.replace(DIRECTION, '') });
	// Joined, a quoted paragraph has fewer lines to show its quote by: the wrapped head's say is kept.
	const quoted = wrap?.quoted === true || isQuoted(head, content);
	const quote = quoted && tightQuote(content) ? TIGHT_QUOTE : QUOTE;
	if (quoted) steps.push({ name: 'Markdown-quoted', apply: (l) => l.replace(quote, '') });
	// A numbered listing quoted whole (`> ` before `  12. `): its numbers show once the quote is gone.
	const quotedNumbers = quoted && !numbered ? lineNumberStep(head.map((l) => l.replace(quote, ''))) : null;
	if (quotedNumbers) steps.push(quotedNumbers);
	// A quote under a list item (`- Error 1` then `    > Error code: …`): indented deeper than a quote of its own
	// may be, on two lines at least; only those lines lose it (the list's items are the text's own lines). Looked
	// for inside the text's own quote too (the list quoted again in a reply).
	const outer = quoted ? content.map((l) => l.replace(quote, '')) : content;
	// The items themselves at the margin: a text indented whole (a quote in it indented with it) is no list.
	const listQuoted = outer.filter((l) => l.includes('>') && LIST_QUOTE.test(l)).length >= MIN_LONE_QUOTES && outer.some((l) => l !== '' && l.trimStart() === l);
	if (listQuoted) steps.push({ name: 'quotes under list items', apply: (l) => l.replace(LIST_QUOTE, '') });
	const unquoted = listQuoted ? outer.map((l) => l.replace(LIST_QUOTE, '')) : outer;
	const barQuoted = !quoted && share((l) => BAR_QUOTE.test(l) && !l.trimEnd().endsWith('|')) >= 0.8;
	if (barQuoted) steps.push({ name: 'email-quoted (| )', apply: (l) => l.replace(BAR_QUOTE, '') });
	const cleanHead = unquoted.filter((l) => l.trim() !== '');
	const bullets = bulletStep(cleanHead);
	if (bullets) steps.push(bullets);
	// Every line indented: as many levels as all of them have (a code block in a list item, or indented again
	// in a reply, is 8 spaces deep); a level the lines do not all share is the text's own layout.
	let levels = 0;
	while (cleanHead.length > 0 && cleanHead.every((l) => indentLevels(l, levels + 1))) levels++;
	if (levels === 0 && cleanHead.length > 0 && codeBlocks(quoted ? head.map((l) => l.replace(quote, '')) : head)) levels = 1;
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
	// Markdown's other hard break, a backslash ending the line (`Source: volsnap\`, a note exported to Markdown);
	// as many lines as for the spaces, so a log's own lines that end in a path keep their backslash.
	const slashBroken = cleanHead.filter(backslashBreak).length;
	const backslashBreaks = slashBroken >= 2 && slashBroken / content.length >= 0.25;
	if (backslashBreaks) steps.push({ name: 'trailing backslashes (Markdown hard breaks)', apply: (l) => (backslashBreak(l) ? l.slice(0, -1) : l) });
	// Two such buttons at least: one `- <Tag>` line alone may be anything.
	const xmlView = cleanHead.filter((l) => XML_VIEW.test(l)).length >= 2;
	if (xmlView) steps.push({ name: "a browser's XML view (- before elements)", apply: (l) => l.replace(XML_VIEW, '$1') });
	// A page's source had its entities decoded with its `<br>`s: what looks like one now is the text's own.
	const entities = early.some((s) => s.name === HTML_SOURCE) ? null : entitiesToUndo(text);
	if (entities) steps.push({ name: entities, apply: decodeEntities });
	// Backslashes are undone only where the file shows it went through Markdown: a log's own paths keep theirs,
	// and doubled ones are halved only with escapes shown or where no path has a single one.
	const markdown = quoted || fences || indented || hardBreaks || backslashBreaks || entities !== null;
	// ESCAPE_SIGN needs a backslash and LOST_MARK_SIGN a `?`, which most heads lack: a native search for it first.
	const escapes = text.includes('\\') && ESCAPE_SIGN.test(text);
	if (escapes) steps.push({ name: 'Markdown backslash escapes', apply: (l) => l.replace(ESCAPED, '$1') });
	if ((escapes || (markdown && !SINGLE.test(text))) && DOUBLED.test(text)) steps.push({ name: 'doubled backslashes', apply: halveBackslashes });
	if (text.includes('?') && LOST_MARK_SIGN.test(text)) steps.push({ name: "'?' for lost direction marks in dates", apply: undoLostMarks });
	if (content.length === 1 && WRAPPED.test(steps.reduce((l, s) => s.apply(l), content[0]))) steps.push({ name: 'double quotes around the message', apply: (l) => l.replace(WRAPPED, '$1') });
	if (steps.length === 0 && early.length === 0 && !fences && !marked && !wrap && !mail) return null;
	const names = (numbered && wrap ? [numbered.name] : []).concat(
		wrap ? [wrap.chop ? `hard wrap at ${wrap.width} columns, cut mid-word` : `hard wrap at ${wrap.width} columns`] : [],
		mail ? ['an e-mail header'] : [],
		early.map((s) => s.name),
		fences ? ['code fences'] : [],
		marked ? ['marks of lines left out'] : [],
		steps.map((s) => s.name),
	);
	const clean = (l: string): Cleaned => {
		for (const s of early) l = s.apply(l);
		if (fences && FENCE.test(bare(l))) {
			const glued = afterFence(l);
			if (glued === null) return null;
			l = glued;
		} else if (marked && isMarker(bare(l))) return LEFT_OUT;
		for (const s of steps) l = s.apply(l);
		return l;
	};
	const line = (l: string) => asLine(clean(l));
	const header = (lineNo: number) => mail?.has(lineNo) === true;
	return wrap ? unwrappingNormaliser(names.join(', '), clean, wrap, header, numbered?.apply) : { undone: names.join(', '), line, feed: (l, lineNo, to) => handOn(to, header(lineNo) ? null : clean(l), lineNo), waiting: () => null, flush() {} };
}

/**
 * A mail header's field: a label of letters (one to four words, any script, no digits: `From`, `Gesendet`, `差出人`)
 * and its value after a colon and at most one space — not an Event Viewer header's columns (`Log Name:      x`)
 * nor a Format-List's (`Id : 8229`).
 */
const MAIL_FIELD = /^\p{L}[\p{L}\p{M}'.-]*(?: [\p{L}\p{M}'.-]+){0,3}[:：] ?(\S.*)$/u;
/** The colon after a mail field's label, ASCII or full-width. */
const FIELD_COLON = /[:：]/;
/** What ends an e-mail address's parts: white space and the angle brackets around it. */
const ADDRESS_END = /[\s<>]/;
/** Dashes a mail client's rule is drawn with, either side of its words. */
const DASHES = new Set(['-']);
/** Underscores of Outlook's rule above a header, at least. */
const MIN_UNDERSCORES = 8;
/** Dashes either side of a rule's words (`-----Original Message-----`), at least. */
const MIN_DASHES = 3;
/** Fields of a mail header, at least and at most (From, Sent, To, Cc, Subject, Importance …). */
const MAIL_MIN = 3;
const MAIL_MAX = 10;

/**
 * The 1-based numbers of the head's lines that are a mail client's header above a forwarded or answered text, with
 * the rule above it: a block of MAIL_MIN..MAIL_MAX fields (see MAIL_FIELD), each label once, alone between blank
 * lines (or the text's start), one value at least holding an e-mail address or the block under a rule. Decided by
 * layout, in any language; null when the head holds none.
 */
function mailHeaders(head: readonly string[]): Set<number> | null {
	let found: Set<number> | null = null;
	let at = 0;
	while (at < head.length) {
		if (!NON_BLANK.test(head[at])) {
			at++;
			continue;
		}
		let end = at;
		while (end < head.length && NON_BLANK.test(head[end])) end++;
		// The block, less a rule on its first line.
		const ruled = isMailRule(head[at]);
		const fields = head.slice(ruled ? at + 1 : at, end);
		// Sizes first: a log's head is one long block, never looked at line by line here.
		const sized = fields.length >= MAIL_MIN && fields.length <= MAIL_MAX;
		const labels = sized && fields.every((l) => MAIL_FIELD.test(l)) ? fields.map((l) => l.slice(0, l.search(FIELD_COLON))) : null;
		if (labels !== null && new Set(labels).size === labels.length && (ruled || fields.some(hasAddress))) {
			found ??= new Set();
			for (let k = at; k < end; k++) found.add(k + 1);
		}
		at = end;
	}
	return found;
}

/** Whether a line holds an e-mail address (`Name <a@b.example>`, `a@b.example`, `***@***.***` masked): text, `@`, then a dotted name. */
function hasAddress(line: string): boolean {
	for (let at = line.indexOf('@'); at > 0; at = line.indexOf('@', at + 1)) {
		const domain = line.slice(at + 1).split(ADDRESS_END, 1)[0];
		if (!ADDRESS_END.test(line[at - 1]) && domain.indexOf('.') > 0 && !domain.endsWith('.')) return true;
	}
	return false;
}

/** Whether a line is the rule a mail client puts above a quoted header: `-----Original Message-----` (words between dashes), or Outlook's row of underscores. */
function isMailRule(line: string): boolean {
	const t = line.trim();
	if (t.length >= MIN_UNDERSCORES && t.split('').every((c) => c === '_')) return true;
	const [a, b] = trimSet(t, DASHES);
	return a >= MIN_DASHES && t.length - b >= MIN_DASHES && b > a && !t.slice(a, b).includes('-');
}

/**
 * An opening fence followed by something that is no language tag (one token: `log`, `powershell`, `c#`): a
 * text's first line the writer glued to the fence (`` ```2016-12-29T05:54:32.074Z| vmx| … ``). A rendered
 * page hides it as the fence's info string; the raw text holds it, and it is the text's.
 */
const GLUED_TO_FENCE = /^ {0,3}(?:```|~~~)(?![`~])(?!\s*[A-Za-z][\w+#.-]{0,30}\s*$)[ \t]*(?=\S)/;

/** The line glued to an opening fence (see GLUED_TO_FENCE), with its quote; null for a fence line alone or with a tag. */
function afterFence(l: string): string | null {
	const quote = QUOTE.exec(l)?.[0] ?? '';
	const m = GLUED_TO_FENCE.exec(l.slice(quote.length));
	return m ? quote + l.slice(quote.length + m[0].length) : null;
}

/** Whether a head is a settings file with sections: a bracketed line (what a marker may look like) followed by a setting or a comment. */
function namesSections(head: readonly string[]): boolean {
	let bracketed = false;
	for (const l of head) {
		if (!NON_BLANK.test(l)) continue;
		if (bracketed && SETTING.test(l)) return true;
		const t = l.trim();
		bracketed = SECTION.test(t) && LETTER.test(t);
	}
	return false;
}

/** A line without the BBCode closing tags at its end (`…done.[/code][/quote]`), or the line itself when it has none. */
function withoutClosingTags(line: string): string {
	let t = line.trimEnd();
	if (!BB_CLOSE.test(t)) return line;
	do t = t.slice(0, t.lastIndexOf('[')).trimEnd();
	while (BB_CLOSE.test(t));
	return t;
}

/** Trims the characters of `set` from both ends of `text`: [start, end) of what is left. */
function trimSet(text: string, set: ReadonlySet<string>): [number, number] {
	let a = 0;
	let b = text.length;
	while (a < b && set.has(text[a])) a++;
	while (b > a && set.has(text[b - 1])) b--;
	return [a, b];
}

/**
 * Whether a line only marks where a poster left lines out, whether with dots, and whether in angle brackets: dots
 * or an ellipsis (`...`, `…`, `. . .`), or one short phrase of small letters (or letters without case) alone on
 * its line, bracketed or framed by dashes (`[snip]`, `[...]`, `(truncated)`, `<snip>`, `-- snip --`, `... (省略)
 * ...`, `-- [cut] --`). A phrase with capitals is none (a wrapped line's tail `[KeepSnapshot]`, a dialog's
 * `[Window Title]`, XML's `<System>`), nor one with other signs (`[HKEY_…\…]`), nor a dash row alone; an
 * angle-bracketed one (its words returned) is told from an XML element by its closing tag (see pasteNormaliser).
 */
function markerLine(line: string): { dots: boolean; angled: string | null } | null {
	const t = line.trim();
	if (t.length === 0 || t.length > MARKER_MAX) return null;
	const [a, b] = trimSet(t, MARKER_EDGE);
	let dots = MARKER_DOTS.test(t.slice(0, a)) || MARKER_DOTS.test(t.slice(b));
	if (a === b) return dots ? { dots, angled: null } : null;
	const open = t[a];
	const close = t[b - 1];
	const angle = open === '<' && close === '>';
	if (b - a < 2 || !((open === '[' && close === ']') || (open === '(' && close === ')') || angle)) {
		// A phrase framed by signs on both sides (`-- snip --`, `*** cut ***`), not spaces alone: a list item's
		// dash or a sentence's full stop is on one side only.
		const framed = t.slice(0, a).trim() !== '' && t.slice(b).trim() !== '';
		return framed && MARKER_WORDS.test(t.slice(a, b)) ? { dots, angled: null } : null;
	}
	const inner = t.slice(a + 1, b - 1);
	const [ia, ib] = trimSet(inner, MARKER_EDGE);
	dots ||= MARKER_DOTS.test(inner.slice(0, ia)) || MARKER_DOTS.test(inner.slice(ib));
	if (ia === ib) return dots ? { dots, angled: null } : null;
	const words = inner.slice(ia, ib);
	return MARKER_WORDS.test(words) ? { dots, angled: angle ? words : null } : null;
}

/** Undoes forum BBCode tags a poster typed on the text's first and last lines (`[code]…`, `…[/code]`), when the head shows any. */
function bbcodeStep(head: readonly string[]): Step | null {
	if (!head.some((l) => BB_OPEN.test(l) || BB_CLOSE.test(l.trimEnd()))) return null;
	// A line of tags alone is left whole: it is no content (FENCE), not an empty line.
	return { name: 'forum [code] tags', apply: (l) => (FENCE.test(l) ? l : withoutClosingTags(l.replace(BB_OPEN, ''))) };
}

/** Undoes characters a web page, a wiki or a word processor put for plain ones (no-break and zero-width spaces, typographic quotes), when the head shows any. */
function characterStep(head: readonly string[]): Step | null {
	const text = head.join('\n');
	if (!CHARACTER_SIGN.test(text)) return null;
	const found = [NO_BREAK, ZERO_WIDTH, SMART_SINGLE, SMART_DOUBLE].map((re) => {
		re.lastIndex = 0;
		return re.test(text);
	});
	const names = [found[0] && 'no-break spaces', found[1] && 'zero-width spaces', (found[2] || found[3]) && 'typographic quotes'].filter((n): n is string => typeof n === 'string');
	if (names.length === 0) return null;
	return {
		name: names.join(', '),
		apply: (l) => (CHARACTER_SIGN.test(l) ? l.replace(NO_BREAK, ' ').replace(ZERO_WIDTH, '').replace(SMART_SINGLE, "'$1'").replace(SMART_DOUBLE, '"') : l),
	};
}

const HTML_SOURCE = "a web page's source (<br> line ends, entities)";

/**
 * Undoes a web page's source (text copied from its HTML, not from the page): each line ended by `<br>` (most of
 * them: a line the page source wrapped itself has none), and every `&`, `<`, `>` and `"` escaped, whatever markup
 * the text holds itself.
 */
function htmlSourceStep(head: readonly string[]): Step | null {
	const lines = head.filter((l) => NON_BLANK.test(l));
	const broken = lines.filter((l) => BR.test(l)).length;
	// A `<br>` inside a line is one a hard wrap joined to its tail (the wrap's space stands for it).
	// What the entities held may end with a `<br>` of its own (a page's source of a page that quoted one): it goes too.
	if (lines.length > 0 && broken / lines.length >= MOST) return { name: HTML_SOURCE, apply: (l) => decodeEntities(l.replace(ANY_BR, '')).replace(BR, '') };
	// Fewer: a Markdown page whose quoted lines (an event, a listing) end with `<br>` among prose that does not.
	// Only the tag goes: the page's entities are Markdown's, decided as any text's (entitiesToUndo).
	return broken >= MIN_BROKEN ? { name: 'line-end <br> tags', apply: (l) => l.replace(BR, '') } : null;
}

/**
 * Undoes a prefix a tool put before every line: a viewer's line numbers (counting up by one a line, blank
 * lines included: a numbered listing of the text, not numbers of its own) or a chat tool's stamp and sender.
 * Decided from the head: PREFIXED of its non-blank lines, MIN_PREFIXED at least, carry it.
 */
function prefixStep(head: readonly string[]): Step | null {
	const numbers = lineNumberStep(head);
	if (numbers) return numbers;
	const lines = head.filter((l) => NON_BLANK.test(l));
	return enoughPrefixed(lines, lines.filter((l) => CHAT.test(l)).length) ? { name: "a chat's stamps and senders", apply: (l) => l.replace(CHAT, '') } : null;
}

/** Whether `n` of `lines` (those with text) are enough to show a prefix: a text of one line shows it by having it at all. */
const enoughPrefixed = (lines: readonly string[], n: number, alone = true): boolean => (n >= MIN_PREFIXED || (alone && n === lines.length)) && n >= lines.length * PREFIXED;

/**
 * A viewer's line numbers before the head's lines (prefixStep), or null. A listing numbered from 1 may sit under
 * its page's heading (a paste site's title, author, date and size lines, fewer than the listing's): the share is
 * of the lines from its first on.
 */
function lineNumberStep(head: readonly string[]): Step | null {
	let numbered = 0;
	let first: { at: number; n: number } | null = null;
	let last: { at: number; n: number } | null = null;
	let counting = true;
	// `12: ` or `12. ` before a text's only line may be its own (a Bareos job id, a list's item): one line counts by a bar or a tab alone.
	let own = false;
	for (const [at, l] of head.entries()) {
		const m = LINE_NO.exec(l);
		if (!m) continue;
		const n = Number(m[1]);
		own ||= m[2][0] === ':' || m[2][0] === '.';
		if (last && n - last.n !== at - last.at) counting = false;
		last = { at, n };
		first ??= last;
		numbered++;
	}
	// A heading is short beside its listing: numbered steps closing a document have its whole text above them.
	const heading = first === null ? 0 : head.slice(0, first.at).filter((l) => NON_BLANK.test(l)).length;
	const from = first?.n === 1 && heading <= numbered ? first.at : 0;
	const lines = head.slice(from).filter((l) => NON_BLANK.test(l));
	return counting && enoughPrefixed(lines, numbered, !own) ? { name: LINE_NUMBERS, apply: (l) => l.replace(LINE_NO, '') } : null;
}

/**
 * Whether a quoted head was quoted with no space after the quote (`>>Writer name`, `>>    2021-…`): spaces after
 * the quote on its lines, counted, are never one more than a 4-space level (`> Writer name`, `> ` then a 4-space
 * code block), and are a whole number of levels on one line at least (none, or a block's 4).
 */
function tightQuote(content: readonly string[]): boolean {
	let tight = false;
	for (const l of content) {
		const marks = TIGHT_QUOTE.exec(l);
		if (!marks || !NON_BLANK.test(l.slice(marks[0].length))) continue;
		let spaces = 0;
		while (l.charCodeAt(marks[0].length + spaces) === 32) spaces++;
		if (spaces % 4 === 1) return false;
		if (spaces % 4 === 0) tight = true;
	}
	return tight;
}

/**
 * Whether a head is quoted. Markdown quotes lazily: the first line of a paragraph may be the only one with its
 * `>`. A quote's blank lines (`>` alone) show it too, under prose that is not quoted: no log line is a lone `>`.
 */
function isQuoted(head: readonly string[], content: readonly string[]): boolean {
	return QUOTE.test(content[0]) || content.filter((l) => QUOTE.test(l)).length / content.length >= MOST || head.filter((l) => LONE_QUOTE.test(l)).length >= MIN_LONE_QUOTES;
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

/** Narrowest width a wrap is undone at (columns): a text whose lines all fit in fewer is a listing or short lines, not a wrap. */
const MIN_WRAP = 60;
/** Widest (columns): a terminal's 132; a text with a longer line that could have been broken was not wrapped. */
const MAX_WRAP = 132;
/** Columns below the width within which a line counts as ending near it (a mail client's last word is rarely longer). */
const NEAR = 8;
/** Lines that end near the width, at least: one line is the text's longest, not a width it was wrapped at. */
const MIN_NEAR = 2;
/** Distinct widths that lines ending near the width have, at least, for a word wrap: a listing's lines of one width are a layout. */
const MIN_SPREAD = 2;
/** Tails a head shows, at least, for a wrap to be undone: one joined line is too little to tell a wrap from two lines. */
const MIN_TAILS = 2;
/** Tails all full to the width, at least, for a cut mid-word to show when none was cut at a space. */
const MIN_CHOP_TAILS = 3;
/**
 * A start shape with a sign that is no letter (a stamp, a label's colon, a bracket, a list's dash): structure a
 * line of its own starts with. Words alone (`Aa a`: prose) are no structure: a wrapped sentence's tail starts
 * as a sentence does, so a text's first line teaches nothing of them.
 */
const STRUCTURE = /[^aAW ]/;
const NON_BLANK = /\S/;
/** Characters of a line's first token its start shape looks at. */
const START_CHARS = 12;

/** How a text was hard-wrapped, as its head shows. */
interface Wrap {
	/** Columns the lines were wrapped at, as shown (a quote or indent added after the wrap counted in). */
	width: number;
	/** Cut at exactly the width, mid-word (a forum's fixed box): a tail joins with nothing between. */
	chop: boolean;
	/** Leading white space every line has (a code block the wrapped text was put in), in characters: a tail's goes. */
	indent: number;
	/** Lines are quoted: a tail quoted again (a reply to a wrapped mail) loses its `>`. */
	quoted: boolean;
	/** Shapes the head's lines of their own start with (see Unwrapper): known before its first line is read. */
	starts: ReadonlySet<string>;
}

/** A line's body indented by one space alone (then text). */
const oneSpace = (body: string) => body.charCodeAt(0) === 32 && body.charCodeAt(1) > 32;
/** The start "shape" that says lines indented by one space are lines of their own in this text. */
const ONE_SPACE = ' 1';

const isWide = (text: string, at: number) => at >= 0 && at < text.length && codePointColumns(text.codePointAt(at)!) === 2;
/**
 * A letter or digit of a script written with spaces between words: ASCII, Latin-1 and Latin Extended-A/B
 * (Polish, Czech, Turkish, French…, without × and ÷), Greek and Cyrillic. A cut mid-word in any of them
 * splits a token as it does in English (a Bulgarian KB page chopped at 72 columns).
 */
const isWordChar = (c: number) => (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) || (c >= 0x370 && c <= 0x52f);
/** Characters inside a token of a log line (a path, a dotted name, an id with hyphens), besides letters and digits. */
const IN_TOKEN = new Set([...'-._/\\'].map((c) => c.charCodeAt(0)));
/** Whether a break between these two characters cut a token: both of one, one a letter or digit at least (not `}` then `S`). */
const splitsToken = (before: number, after: number) => (isWordChar(before) || isWordChar(after)) && (isWordChar(before) || IN_TOKEN.has(before)) && (isWordChar(after) || IN_TOKEN.has(after));

/**
 * The shape a line starts with, to tell a line of its own from a wrap's tail: a space for a line indented beyond
 * the text's indentation (a field, a stack frame), else its first token with runs of digits, capitals and small
 * letters each one sign (`[07.07.2021` → `[9.9.9`, `Apr` → `Aa`, `2010-10-10T22:53` → `9-9-9A9:9`).
 */
function startShape(body: string): string {
	const first = body.charCodeAt(0);
	if (first === 32 || first === 9) return ' ';
	let shape = '';
	let last = '';
	for (let i = 0; i < body.length && i < START_CHARS; i++) {
		const c = body.charCodeAt(i);
		// The second token's first sign too: `Error in` (a message) is not `Error [0x80070005]` (its code's tail).
		if (c === 32 || c === 9) {
			let at = i + 1;
			while (body.charCodeAt(at) === 32 || body.charCodeAt(at) === 9) at++;
			return at >= body.length ? shape : `${shape} ${startShape(body[at])}`;
		}
		const sign = c >= 48 && c <= 57 ? '9' : c >= 65 && c <= 90 ? 'A' : c >= 97 && c <= 122 ? 'a' : isWide(body, i) ? 'W' : body[i];
		// A run of one class is one sign (`UTC` → `A`); a capitalised word is two (`Apr` → `Aa`).
		if (sign !== last || !'9AaW'.includes(sign)) shape += sign;
		last = sign;
	}
	return shape;
}

/** Columns of a line's first word (up to a space, or the first character when it is wide: a break may fall beside it). */
function firstWordColumns(body: string): number {
	if (isWide(body, 0)) return 2;
	const end = body.indexOf(' ');
	return displayColumns(end < 0 ? body : body.slice(0, end));
}

/** Whether a line's body (no quote) could have been broken by a mail client: a space after its indentation, or a wide character. */
function breakable(line: string): boolean {
	const text = line.trimStart();
	if (text.includes(' ')) return true;
	for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x1100 && isWide(text, i)) return true;
	return false;
}

/** What the wrap test keeps of a line: its columns, whether it could have been broken, how it ends. */
interface Shown {
	/** Columns without trailing white space. */
	columns: number;
	/** Columns with it (a cut at exactly the width may end after a space). */
	cut: number;
	breakable: boolean;
	lastWide: boolean;
	/** Its last character's code. */
	last: number;
	/** Whether it was a tail itself. */
	tail: boolean;
}

/** What the wrap test measures of a line (see Unwrapper.measure). */
interface Measure {
	/** The line without the quote and the indentation every line has. */
	body: string;
	shape: string;
	shown: Omit<Shown, 'tail'>;
}

/**
 * Tells, line by line in order, which lines are the tails of a hard wrap and how each joins the line before.
 * Push-based and linear: it keeps the previous line's measures and the start shapes seen, never the text.
 * A line is a tail when nothing says it is a line of its own and the line before had no room for its first
 * word (a word wrap: the client would have put it there) or is full to the width (a cut mid-word). A line of
 * its own: the first, one after a blank line, one indented beyond the text, and one whose shape a line of its
 * own had (learnt from lines after a line that had room: those a wrap cannot have made).
 */
class Unwrapper {
	private readonly starts: Set<string>;
	private prev: Shown | null = null;
	/**
	 * Columns of each tail's line before, and whether the break split a token (what a cut mid-word shows; null:
	 * a cut at a space): kept only for a head's trial (`trial`), not while a file streams.
	 */
	readonly tails: { prevColumns: number; split: boolean | null; text: string }[] = [];

	constructor(
		private readonly wrap: Wrap,
		private readonly trial = false,
		/** The head's lines measured (see measure), shared by its trials. */
		private readonly measured?: ReadonlyMap<string, Measure | null>,
	) {
		this.starts = new Set(wrap.starts);
	}

	/**
	 * The structure `lines` show lines of their own start with, known before the first (a list item further
	 * down, a stamp). Words are learnt in order, from lines after a line that had room for them.
	 */
	static startsOf(wrap: Wrap, lines: readonly string[], measured?: ReadonlyMap<string, Measure | null>): Set<string> {
		const u = new Unwrapper(wrap, false, measured);
		for (const l of lines) u.next(l);
		return new Set([...u.starts].filter((shape) => STRUCTURE.test(shape)));
	}

	/** A line without the quote and the indentation every line has: what a tail adds to its line. */
	body(raw: string): string {
		const l = this.wrap.quoted ? raw.replace(QUOTE, '') : raw;
		let at = 0;
		while (at < this.wrap.indent && (l.charCodeAt(at) === 32 || l.charCodeAt(at) === 9)) at++;
		return l.slice(at);
	}

	/** The text to join `raw` to the line before with ('' or ' ') when it is that line's tail, else null. */
	next(raw: string): string | null {
		const m = this.measured?.get(raw) ?? this.measure(raw);
		const prev = this.prev;
		if (m === null) {
			this.prev = null;
			return null;
		}
		// The first line, and one after a blank line, is a line of its own: its structure starts lines (its words
		// say nothing: a sentence's tail starts with words too).
		if (!prev && STRUCTURE.test(m.shape) && m.shape !== ' ') this.starts.add(m.shape);
		if (!prev && oneSpace(m.body)) this.starts.add(ONE_SPACE);
		const joiner = prev && this.joiner(prev, m);
		const sh = m.shown;
		this.prev = { columns: sh.columns, cut: sh.cut, breakable: sh.breakable, lastWide: sh.lastWide, last: sh.last, tail: joiner !== null };
		return joiner;
	}

	/** What the test looks at of a line; null for a blank line or a fence (a head's lines are measured once for its trials). */
	measure(raw: string): Measure | null {
		const body = this.body(raw);
		if (!NON_BLANK.test(body) || FENCE.test(body)) return null;
		const shown = raw.trimEnd();
		const columns = displayColumns(shown);
		// Trailing white space is spaces and tabs, a column each.
		return { body, shape: startShape(body), shown: { columns, cut: columns + raw.length - shown.length, breakable: breakable(body), lastWide: isWide(shown, shown.length - 1), last: shown.charCodeAt(shown.length - 1) } };
	}

	/** How a line joins the line before (`prev`) when it is its tail, else null (and what it shows of line starts is learnt). */
	private joiner(prev: Shown, m: Measure): string | null {
		const width = this.wrap.width;
		const body = m.body;
		// A cut at a space leaves it at the tail's start: one space after a line full to the width is no indent.
		const cutAtSpace = this.wrap.chop && prev.cut === width && oneSpace(body);
		// A word wrap inside a run of blanks (a header run together on one line, its fields apart by several) takes
		// one and leaves the others at the tail's start: one space before a tail, where the text's own lines are
		// never indented by one alone (ONE_SPACE: learnt from lines of their own).
		const inRun = !this.wrap.chop && oneSpace(body) && !this.starts.has(ONE_SPACE);
		const lead = cutAtSpace || inRun ? 1 : 0;
		// (A tail in a run keeps its space in its shape: no line of its own starts so, whatever its words.)
		const shape = cutAtSpace ? startShape(body.slice(1)) : inRun ? ` ${startShape(body.slice(1))}` : m.shape;
		// Indented beyond the text, or a `key = value` setting (.vmx, .ini; a cut mid-word may leave `r = 0x…`): its own line.
		if (shape === ' ' || (!this.wrap.chop && shape.endsWith(' ='))) return null;
		// A rule of dashes under a table's header (virsh's listings) is the table's own line: a word wrap never breaks
		// before a run of dashes that fits no line (what a cut leaves of a long rule follows a line full to the width).
		if (!this.wrap.chop && RULE.test(body) && prev.columns < width - 1) return null;
		const firstWide = isWide(body, 0);
		const tight = prev.lastWide || firstWide;
		// Full to the width: a cut right after a space leaves it at the line's end (a forum keeps it).
		const full = prev.cut === width || prev.columns === width || (prev.columns === width - 1 && firstWide);
		const room = prev.columns + (tight ? 0 : 1) + lead + firstWordColumns(body.slice(lead)) <= width;
		// A line wider than the width was not wrapped there, unless it is a wrapped line's word longer than the
		// width (a path), kept whole: a line of its own that long (a registry key) is followed by its own lines.
		const over = prev.columns > width && !prev.tail;
		// A word wrap breaks at a space: a line of one word (a registry key, a path) within the width ended there,
		// and so did one that ends with white space (Markdown's hard break: the writer's own line end).
		const oneWord = !this.wrap.chop && !prev.breakable && prev.columns <= width && !tight && !prev.tail;
		const hardEnd = !this.wrap.chop && prev.cut > prev.columns;
		if (over || oneWord || hardEnd || (this.wrap.chop ? !full : room && !full && prev.columns <= width)) {
			if (!over && !oneWord && !hardEnd) this.starts.add(inRun ? ONE_SPACE : shape);
			return null;
		}
		if (this.starts.has(shape)) return null;
		// A cut at a space leaves it at the tail's start or at its line's end (which a word wrap takes).
		if (this.trial) this.tails.push({ prevColumns: prev.columns, split: cutAtSpace || prev.cut > prev.columns ? null : splitsToken(prev.last, body.charCodeAt(0)), text: body });
		// Beside a wide character a wrap takes no space where the next one did not fit; where it did, it broke at a space.
		return this.wrap.chop || (tight && prev.columns + (firstWide ? 2 : 1) > width) ? '' : ' ';
	}
}

/**
 * How a head was hard-wrapped, or null. The width is the widest line that could have been broken; it must be
 * a mail client's or a terminal's (MIN_WRAP..MAX_WRAP), and the tails the head shows must be MIN_TAILS at least.
 * A word wrap shows itself by a tail whose line had columns left, by lines ending at varied columns near the
 * width (MIN_SPREAD of them), or by indentation (an indented excerpt wrapped after: every line of its own
 * indented, no tail); lines of one width followed by lines of another shape are a layout (a listing). A cut
 * mid-word ends every tail's line at the width and splits a token at most of them.
 */
function hardWrap(head: readonly string[]): Wrap | null {
	const content = head.filter((l) => NON_BLANK.test(l));
	if (content.length < MIN_TAILS + 1) return null;
	const quoted = isQuoted(head, content);
	const bodies = quoted ? content.map((l) => l.replace(QUOTE, '')) : content;
	// A forum's tags typed on the first and last lines (`[code]…`) are no part of the width the text was wrapped at.
	const widths: number[] = [];
	const columns: number[] = [];
	let width = 0;
	for (let i = 0; i < content.length; i++) {
		widths.push(displayColumns(withoutClosingTags(content[i].replace(BB_OPEN, '')).trimEnd()));
		columns.push(breakable(bodies[i]) ? widths[i] : 0);
		// A breakable line wider than any wrap: no wrap, told at that line (most logs' heads have one early).
		if (columns[i] > MAX_WRAP) return null;
		width = Math.max(width, columns[i]);
	}
	if (width < MIN_WRAP) return null;
	const indent = Math.min(...bodies.map((l) => l.length - l.trimStart().length));
	// Lines wider than the width (tokens longer than it) as many as lines near it: rows of a CSV or XML, whose
	// few breakable lines do not show a width at all.
	const near = columns.filter((c) => c >= width - NEAR).length;
	if (widths.filter((w) => w > width).length >= near) return null;
	// Lines near the width all rows of a table (under its dashed underline), padded to one width as PowerShell's
	// Format-Table pads each row: its layout, no wrap. A table a paste wrapped has rows cut where words end.
	const rows = tableRows(bodies);
	if (rows !== null && columns.every((c, i) => c < width - NEAR || rows.has(i)) && padded([...rows].map((i) => widths[i]).filter((w) => w > width / 2))) return null;
	// Each line measured once for every trial below (a measure depends on the quote and indentation only).
	const probe = new Unwrapper({ width, chop: false, indent, quoted, starts: new Set() });
	const measured = new Map(head.map((l) => [l, probe.measure(l)]));
	const trial = (chop: boolean) => {
		const starts = Unwrapper.startsOf({ width, chop, indent, quoted, starts: new Set() }, head, measured);
		const u = new Unwrapper({ width, chop, indent, quoted, starts }, true, measured);
		const own: boolean[] = [];
		for (const l of head) {
			const tail = u.next(l) !== null;
			if (NON_BLANK.test(l)) own.push(!tail);
		}
		return { tails: u.tails, own, starts };
	};
	const word = trial(false);
	// A cut, if every word wrap's tail (if any) is on a line full to the width: a cut after a space leaves the
	// line ending with it, which a word wrap takes for a line's own end. (Lines full to it are counted first:
	// most heads have none, and a trial is a pass over the head.)
	const full = widths.filter((w) => w >= width - 1).length;
	// Lines near the width ending at more than one column: what a word wrap leaves (its last words vary), a cut never.
	const spread = new Set(columns.filter((c) => c >= width - NEAR)).size >= MIN_SPREAD;
	if (full >= MIN_TAILS && word.tails.every((t) => t.prevColumns >= width - 1)) {
		const chop = trial(true);
		// A word wrap whose few lines all end at its widest is likely too: a cut shows itself by a cut at a space
		// (which a word wrap never leaves), by MIN_CHOP_TAILS lines all full to the width, or by the lines near the
		// width all ending at one column (a word wrap lands on the width exactly at a word's end only by chance:
		// two tails whose lines both do, each splitting a token, are a cut — a Japanese line cut inside a path).
		// Lines ending at one column whose tails are one text but for its numbers (`Domain snapshot s2 created`, then
		// `… s3 created`) are a transcript: a command printed from one template and its output, each time; no cut.
		const shown = chop.tails.some((t) => t.split === null) || chop.tails.length >= MIN_CHOP_TAILS || (!spread && !repeated(chop.tails));
		if (shown && chop.tails.length >= MIN_TAILS && chop.tails.filter((t) => t.split).length * 2 >= chop.tails.filter((t) => t.split !== null).length) return { width, chop: true, indent, quoted, starts: chop.starts };
	}
	if (word.tails.length < MIN_TAILS) return null;
	// A tail whose line had columns left but not enough for its first word: what a wrap leaves and a layout does not.
	const roomLeft = word.tails.some((t) => t.prevColumns < width - 1);
	// Two tails alone, both after lines full to the width and one text but for their numbers: a transcript's command
	// and its output twice (see `repeated`), whatever other line ends near the width.
	if (!roomLeft && word.tails.length < MIN_CHOP_TAILS && repeated(word.tails)) return null;
	// Every line of its own indented beyond the tails: an indented excerpt, wrapped once it was indented.
	const byIndent = bodies.every((b, i) => word.own[i] === /^[ \t]/.test(b.slice(indent)));
	// One line near the width is the text's longest, not a width it was wrapped at, unless indentation shows the tails.
	if (near < MIN_NEAR && !byIndent) return null;
	return roomLeft || spread || byIndent ? { width, chop: false, indent, quoted, starts: word.starts } : null;
}

/** Whether a head's tails are one text but for their numbers: a program's same output line, not what a cut left. */
function repeated(tails: readonly { text: string }[]): boolean {
	const texts = new Set(tails.map((t) => t.text.trimEnd().replace(DIGITS, '0')));
	return tails.length >= MIN_TAILS && texts.size === 1;
}
const DIGITS = /\d+/g;
/** A line that is a rule: dashes or equals signs alone. */
const RULE = /^[-=]{3,}[ \t]*$/;

/** A table's dashed underline (`------ --------- -----`): runs of dashes apart by spaces, two at least. */
const UNDERLINE = /^\s*-{2,}(?: +-{2,})+\s*$/;

/** How far apart a padded table's rows' widths may be (columns): its header and underline may end a column short. */
const PADDING_SPREAD = 2;

/** Whether widths (of a table's lines, bar short ones such as a closing fence) are one width, as rows padded to it are. */
function padded(widths: readonly number[]): boolean {
	return Math.max(...widths) - Math.min(...widths) <= PADDING_SPREAD;
}

/** The indices of `lines` (non-blank lines) that are a table's: its header, its dashed underline and the rows after it; null when none is. */
function tableRows(lines: readonly string[]): Set<number> | null {
	let rows: Set<number> | null = null;
	for (const [i, l] of lines.entries()) {
		// (A native test first: most lines do not start with a dash after their indentation.)
		if (rows?.has(i - 1) || (l.trimStart().startsWith('--') && UNDERLINE.test(l))) (rows ??= new Set()).add(i).add(i - 1);
	}
	return rows;
}

/** The head as it was before it was wrapped: each tail joined to its line, its own line null. */
function unwrapHead(wrap: Wrap, head: readonly string[]): string[] {
	const out: (string | null)[] = [];
	const n = unwrappingNormaliser('', (l: string) => l, wrap);
	const to: CleanLine = (clean) => out.push(clean);
	head.forEach((l, i) => n.feed(l, i + 1, to));
	n.flush(to);
	return out.filter((l): l is string => l !== null);
}

/**
 * A normaliser that undoes a hard wrap (see Unwrapper) before `line` cleans each line: a line waits for the next,
 * which is joined to it when it is its tail; each tail's line is handed on as no content, after the line it joined.
 */
function unwrappingNormaliser(undone: string, clean: (text: string) => Cleaned, wrap: Wrap, header: (lineNo: number) => boolean = () => false, pre?: (text: string) => string): PasteNormaliser {
	const unwrapper = new Unwrapper(wrap);
	let held: string | null = null;
	let heldAt = 0;
	let tails = 0;
	// A line as the file has it (numbers still before it when `pre` undoes them); a line held had `pre` done already.
	const line = (text: string) => asLine(clean(pre ? pre(text) : text));
	const flush = (to: CleanLine) => {
		if (held === null) return;
		handOn(to, clean(held), heldAt);
		for (let k = 1; k <= tails; k++) to(null, heldAt + k, true);
		held = null;
		tails = 0;
	};
	return {
		undone,
		line,
		feed(text, lineNo, to) {
			// A mail header's line (no content) ends the line held, as a blank line would; the unwrapper never sees it.
			if (header(lineNo)) {
				flush(to);
				to(null, lineNo);
				return;
			}
			if (pre) text = pre(text);
			const joiner = unwrapper.next(text);
			if (joiner !== null && held !== null) {
				// A word wrap took the space; white space left at the line's end is the paste's (Markdown's hard breaks).
				held = (joiner === ' ' ? held.trimEnd() : held) + joiner + unwrapper.body(text);
				tails++;
				return;
			}
			flush(to);
			held = text;
			heldAt = lineNo;
		},
		waiting: () => (held === null ? null : asLine(clean(held))),
		flush,
	};
}
