// The ways text is re-shaped on its way into a ticket, a mail or a forum post, as functions of its lines:
// shared by the variants property (test/robustness/pasteVariants.test.ts), the fragments property and
// scripts/variants.mjs (which re-pastes a folder of cases to score them).
import { codePointColumns, displayColumns } from '../../src/core/decode/columns';

/** One way of re-pasting: its name (a folder suffix in scripts/variants.mjs) and what it does to a text's lines. */
export interface PasteStyle {
	name: string;
	/** The re-pasted text's lines (the line break is chosen by `eol`). */
	apply(lines: readonly string[]): string[];
	/** The line break the re-pasted text is written with. */
	eol: '\n' | '\r\n';
	/** Columns a wrapping style breaks lines at (what it adds before counted in), and whether it cuts mid-word. */
	wrap?: { width: number; chop: boolean };
	/** The style drops lines or their ends: a reading may lose what they said, never gain. */
	drops?: true;
	/** The style changes only texts that have this (tabs, trailing blanks …): fewer texts are compared. */
	some?: string;
}

/** Widths (columns) mail clients and forums wrap at: RFC 2646's 72 and 76 (quoted-printable), and 80. */
export const WRAP_WIDTHS = [72, 76, 80] as const;

/** Where a line may be broken: at a space (taken by the break) or between two characters of which one is wide (nothing taken). */
interface Break {
	at: number;
	skip: 0 | 1;
}

/**
 * Hard-wraps every line wider than `width` columns as a mail client does: at the last break opportunity
 * (a space, or beside a full-width character, which UAX #14 lets break) that keeps the line within the
 * width; a word wider than the width stays whole, broken at the first opportunity after it. By 'characters'
 * (UTF-16 units, at spaces only) it wraps as a client unaware of East Asian width does.
 */
export function wrapLines(lines: readonly string[], width: number, by: 'columns' | 'characters' = 'columns'): string[] {
	const out: string[] = [];
	for (const whole of lines) {
		let line = whole;
		while ((by === 'columns' ? displayColumns(line) : line.length) > width) {
			const cut = by === 'columns' ? breakAt(line, width) : spaceAt(line, width);
			if (!cut) break;
			out.push(line.slice(0, cut.at));
			line = line.slice(cut.at + cut.skip);
		}
		out.push(line);
	}
	return out;
}

/** The last space at or before `width` characters of `line` (not at its start), else null. */
function spaceAt(line: string, width: number): Break | null {
	const at = line.lastIndexOf(' ', width);
	return at > 0 ? { at, skip: 1 } : null;
}

/** The last break opportunity within `width` columns of `line`, else its first one (a long word), else null. */
function breakAt(line: string, width: number): Break | null {
	let best: Break | null = null;
	let columns = 0;
	let previousWide = false;
	for (let i = 0; i < line.length;) {
		const code = line.codePointAt(i)!;
		const size = code > 0xffff ? 2 : 1;
		const wide = codePointColumns(code) === 2;
		// A break here leaves `columns` columns on the line; none at the very start (an empty line gains nothing).
		if (i > 0 && (code === 0x20 || wide || previousWide) && line[i - 1] !== ' ') {
			if (columns <= width || !best) best = { at: i, skip: code === 0x20 ? 1 : 0 };
			if (columns > width) return best;
		}
		columns += codePointColumns(code);
		previousWide = wide;
		i += size;
	}
	return best;
}

/** Cuts every line wider than `width` columns at exactly that column, mid-word (a forum's fixed-width box); a wide character that would straddle it goes to the next line. */
export function chopLines(lines: readonly string[], width: number): string[] {
	const out: string[] = [];
	for (const whole of lines) {
		let line = whole;
		while (displayColumns(line) > width) {
			let columns = 0;
			let i = 0;
			for (; i < line.length;) {
				const code = line.codePointAt(i)!;
				const w = codePointColumns(code);
				if (columns + w > width) break;
				columns += w;
				i += code > 0xffff ? 2 : 1;
			}
			out.push(line.slice(0, i));
			line = line.slice(i);
		}
		out.push(line);
	}
	return out;
}

const prefixed = (prefix: string) => (lines: readonly string[]) => lines.map((l) => prefix + l);
/** Lines between an opening and a closing line of their own (a fence, a wiki macro). */
const between = (open: string, close: string) => (lines: readonly string[]) => [open, ...lines, close];
/** Each line after its number, as a viewer or a diff shows it (`format` gets the 1-based number). */
const numbered = (format: (n: number) => string) => (lines: readonly string[]) => lines.map((l, i) => format(i + 1) + l);

/** A mail thread's header as Outlook puts it above the text it forwards or answers. */
const OUTLOOK_HEADER = ['-----Original Message-----', 'From: Support Desk <support@example.com>', 'Sent: Monday, March 3, 2025 10:22 AM', 'To: Backup Admins <backup@example.com>', 'Subject: RE: snapshot failed again', ''];

/** Tabs expanded to spaces at 8-column stops, as a terminal or an editor shows (and copies) them. */
function expandTabs(line: string): string {
	let out = '';
	for (const c of line) out += c === '\t' ? ' '.repeat(8 - (out.length % 8)) : c;
	return out;
}

/** The text as a web page's source has it: `&`, `<`, `>` and `"` escaped, each line ended by `<br>`. */
const htmlSource = (line: string) => `${line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}<br>`;

/** Typographic quotes as a word processor or a blog engine puts them: opening after a space or a bracket, closing elsewhere. */
const smartQuotes = (line: string) =>
	line
		.replace(/(^|[\s([{])'/g, '$1\u2018')
		.replace(/'/g, '\u2019')
		.replace(/(^|[\s([{])"/g, '$1\u201c')
		.replace(/"/g, '\u201d');

/** A marker line put between two parts of a text (at its middle), as a poster marks what they left out. */
const marked = (marker: string) => (lines: readonly string[]) => [...lines.slice(0, lines.length >> 1), marker, ...lines.slice(lines.length >> 1)];

/** Longest line (characters) a post keeps of a log line before cutting it short with `...`. */
const SHORT = 120;

/** Every style the variants property re-pastes a text in. */
export const PASTE_STYLES: readonly PasteStyle[] = [
	{ name: 'quote', apply: prefixed('> '), eol: '\n' },
	{ name: 'quote2', apply: prefixed('>> '), eol: '\n' },
	{ name: 'indent', apply: prefixed('    '), eol: '\n' },
	{ name: 'crlf', apply: (lines) => lines.slice(), eol: '\r\n' },
	...WRAP_WIDTHS.map((w): PasteStyle => ({ name: `wrap${w}`, apply: (lines) => wrapLines(lines, w), eol: '\n', wrap: { width: w, chop: false } })),
	...WRAP_WIDTHS.map((w): PasteStyle => ({ name: `chop${w}`, apply: (lines) => chopLines(lines, w), eol: '\n', wrap: { width: w, chop: true } })),
	// A reply: the client quotes the text, then wraps what it sends (the tails of long lines lose the `> `).
	{ name: 'quote-wrap76', apply: (lines) => wrapLines(prefixed('> ')(lines), 76), eol: '\n', wrap: { width: 74, chop: false } },
	// A reply to a mail that was wrapped when sent: every wrapped line is quoted.
	{ name: 'wrap76-quote', apply: (lines) => prefixed('> ')(wrapLines(lines, 76)), eol: '\n', wrap: { width: 76, chop: false } },
	// A wrapped paste shown in a code block.
	{ name: 'wrap72-indent', apply: (lines) => prefixed('    ')(wrapLines(lines, 72)), eol: '\r\n', wrap: { width: 72, chop: false } },
	// Nested reply quoting: a reply to a reply, with and without spaces between the levels.
	{ name: 'quote-nested', apply: prefixed('> > '), eol: '\n' },
	{ name: 'quote-tight', apply: prefixed('>>'), eol: '\n' },
	// Outlook quotes nothing: the answered mail follows its From:/Sent:/To:/Subject: header.
	{ name: 'outlook', apply: (lines) => [...OUTLOOK_HEADER, ...lines], eol: '\r\n' },
	{ name: 'fence-lang', apply: between('```powershell', '```'), eol: '\n' },
	// A forum post: the text in a code box inside a quote, the tags on the first and last lines' ends.
	{ name: 'bbcode', apply: (lines) => ['[quote="admin"]', ...lines.map((l, i) => (i === 0 ? '[code]' : '') + l + (i === lines.length - 1 ? '[/code]' : '')), '[/quote]'], eol: '\n' },
	{ name: 'html-source', apply: (lines) => lines.map(htmlSource), eol: '\n' },
	{ name: 'jira-code', apply: between('{code:title=log}', '{code}'), eol: '\n' },
	{ name: 'jira-noformat', apply: between('{noformat}', '{noformat}'), eol: '\r\n' },
	{ name: 'lineno-bar', apply: numbered((n) => `${String(n).padStart(4)} | `), eol: '\n' },
	{ name: 'lineno-colon', apply: numbered((n) => `${n}: `), eol: '\n' },
	// A chat tool's stamp and sender before each line, the minute running on.
	{ name: 'chat', apply: numbered((n) => `[10:${String(22 + ((n - 1) % 30)).padStart(2, '0')}] alice: `), eol: '\n' },
	{ name: 'tabs-expanded', apply: (lines) => lines.map(expandTabs), eol: '\n', some: 'tabs' },
	{ name: 'trimmed', apply: (lines) => lines.map((l) => l.trimEnd()), eol: '\n', some: 'trailing blanks' },
	// Spaces a web page turned into no-break spaces; zero-width spaces a wiki puts where a long token may break.
	{ name: 'nbsp', apply: (lines) => lines.map((l) => l.replace(/ /g, '\u00a0')), eol: '\n' },
	{ name: 'zwsp', apply: (lines) => lines.map((l) => l.replace(/([\\/_.,])/g, '$1\u200b')), eol: '\n' },
	{ name: 'smart-quotes', apply: (lines) => lines.map(smartQuotes), eol: '\n', some: 'quotes' },
	{ name: 'snip', apply: marked('[snip]'), eol: '\n' },
	{ name: 'truncated', apply: marked('... (truncated) ...'), eol: '\n' },
	// Long lines cut short, the cut shown by `...`: what the cut part said is lost.
	{ name: 'ellipsis', apply: (lines) => lines.map((l) => (l.length > SHORT ? `${l.slice(0, SHORT - 3)}...` : l)), eol: '\n', drops: true, some: 'long lines' },
	// The first and last lines not selected: only when both leave something.
	{ name: 'cut', apply: (lines) => (lines.length > 2 ? lines.slice(1, -1) : lines.slice()), eol: '\n', drops: true },
];

/** The lines of a text as a paste has them: line breaks of any kind, no final empty line. */
export function textLines(text: string): string[] {
	return text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
}

/** A text re-pasted in a style. */
export function repaste(text: string, style: PasteStyle): string {
	return style.apply(textLines(text)).join(style.eol);
}
