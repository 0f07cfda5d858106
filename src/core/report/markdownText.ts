/**
 * Escaping for the Markdown report (GitHub Flavored Markdown). Log text is hostile input: a `|`
 * must not split a table cell, a backtick must not close a code span, and `<script>`, `*` or `[x](y)`
 * must stay text. Every string that came from a bundle goes through one of these helpers.
 */

/** Line breaks would end a table row or a list item: a report cell is one line. */
const collapse = (text: string): string => text.replace(/[\r\n\u2028\u2029\t]+/g, ' ');

/**
 * Text as literal inline Markdown, safe in a paragraph, heading, list item or table cell:
 * HTML special characters become entities (so no renderer sees a tag), Markdown punctuation is
 * backslash-escaped (`|` included, which GFM honours inside tables), and the text cannot start a
 * heading, list, quote or code block. Escapes only what could act, so names like VSS_E_BAD_STATE stay readable.
 */
export function mdText(text: string): string {
	return blockSafe(escapeInline(collapse(text).trim()));
}

/** Inline escaping without trimming (the parts between code spans keep their spaces). */
function escapeInline(text: string): string {
	return (
		text
			.replace(/&/g, '&amp;')
			.replace(/</g, '&lt;')
			.replace(/>/g, '&gt;')
			.replace(/[\\`*|~$]/g, (c) => `\\${c}`)
			// Brackets link only as `[a](b)` or `[a][b]` (a shortcut `[a]` needs a definition, which needs a
			// line-leading `[`, see blockSafe): escaping `](` / `][` keeps `[7]` and `[VSS]` readable.
			.replace(/\](?=[([])/g, '\\]')
			// `_` between two letters or digits can neither open nor close emphasis (CommonMark, GFM).
			.replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
	);
}

/**
 * A line that starts with `#`, `-`, `+`, `=` or `1. ` would be a heading, list item or rule, one
 * that starts with `[` a link definition or task box; a heading that ends with ` #` would lose it.
 */
function blockSafe(escaped: string): string {
	return escaped
		.replace(/^([#+=[-])/, '\\$1')
		.replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2')
		.replace(/(\s)(#+)$/, '$1\\$2');
}

/**
 * Text as a code span for a table cell: fenced with one backtick more than its longest backtick
 * run (padded when it starts or ends with one), `|` escaped as `\|` (GFM unescapes that inside code
 * in a table). A code span shows `<`, `*` … literally, so nothing else needs escaping. Empty → ''.
 */
export function mdCode(text: string): string {
	const t = collapse(text);
	if (t === '') return '';
	// A reduce, not Math.max(...runs): a logged line can hold more backtick runs than a call takes arguments.
	const longest = (t.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0);
	const fence = '`'.repeat(longest + 1);
	const pad = /^[` ]|[` ]$/.test(t) ? ' ' : '';
	return `${fence}${pad}${t.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/**
 * Prose the tool wrote (finding messages and fix steps), which marks commands as `code`: those
 * single-backtick spans are kept, everything else is escaped like {@link mdText}. Not for tables.
 */
export function mdProse(text: string): string {
	return blockSafe(
		collapse(text)
			.trim()
			.split(/(`[^`]+`)/)
			.map((part, i) => (i % 2 === 1 ? part : escapeInline(part)))
			.join(''),
	);
}

/** A link whose text is escaped; anything but an http(s) URL is printed as text, never linked. */
export function mdLink(text: string, url: string): string {
	if (!/^https?:\/\/[^\s]+$/i.test(url)) return `${mdText(text)} (${mdText(url)})`;
	const safe = url.replace(/[()<>"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `[${mdText(text)}](${safe})`;
}

/** One GFM table: a header row, the delimiter row and the body; cells are already escaped. */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
	return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}
