/**
 * Text carried inside a string literal: a command's whole output kept as one JSON (or YAML double-quoted)
 * string, its line breaks written `\r\n` — a guest agent's `guest-exec` reply (`"out-data": "…"`), an
 * Ansible task's `"stdout"`, a log shipper's `"message"`, a script's test data. The literal is the container's
 * syntax: it is peeled as a layer (JSON's own escapes undone by JSON's own parser), never by the words inside.
 */

/**
 * A double-quoted string literal that ends the line: after a key's `:` / `=`, an array's `[` or `,`, or alone;
 * an object's or array's `,` may follow. The body is any run of non-quote, non-backslash characters or
 * escape pairs, so a literal is matched one way only.
 */
const LITERAL_AT_END = /(?:^|[:=[,])\s*("(?:[^"\\]|\\.)*")\s*,?\s*$/s;
/** A JSON line-break escape, the sign a line may hold a literal worth parsing (most lines have none). */
const ESCAPED_BREAK = '\\n';
/** Line breaks a literal's text must hold to be a block of lines, not one message with a break in it. */
const MIN_BREAKS = 2;

/**
 * The lines of the text a line's closing string literal holds, its escapes undone; null when the line ends in
 * no valid JSON string literal holding at least MIN_BREAKS line breaks (the line is read as it is). A path's
 * `C:\new` in plain text is no literal: JSON would have written `C:\\new`, and a lone `\N` escape fails to parse.
 */
export function escapedLines(line: string): string[] | null {
	if (!line.includes(ESCAPED_BREAK)) return null;
	const m = LITERAL_AT_END.exec(line);
	if (!m) return null;
	let text: string;
	try {
		text = JSON.parse(m[1]) as string;
	} catch {
		return null;
	}
	const lines = text.split(/\r\n|\r|\n/);
	if (lines.length - 1 < MIN_BREAKS) return null;
	// The text's own last line break leaves an empty last line: not a line of the text.
	if (lines[lines.length - 1] === '') lines.pop();
	return lines;
}
