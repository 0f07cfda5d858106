/**
 * Text carried inside a string literal: a command's whole output kept as one JSON (or YAML double-quoted)
 * string, its line breaks written `\r\n` — a guest agent's `guest-exec` reply (`"out-data": "…"`), an
 * Ansible task's `"stdout"`, a log shipper's `"message"`, a script's test data. The literal is the container's
 * syntax: it is peeled as a layer (JSON's own escapes undone by JSON's own parser), never by the words inside.
 * A mail client's hard wrap may have carried the literal's end to a line of its own: a line that opens a literal
 * it does not close, and a line that closes one it did not open, are read as the pieces they are.
 */

/** A JSON line-break escape, the sign a line may hold a literal worth parsing (most lines have none). */
const ESCAPED_BREAK = '\\n';
/** Line breaks a literal's text must hold to be a block of lines, not one message with a break in it. */
const MIN_BREAKS = 2;
/** What may stand before a literal's opening quote: nothing, or a key's `:` / `=`, an array's `[` or `,`. */
const BEFORE = /(?:^|[:=[,])\s*$/;
/** What may follow a literal's closing quote on its line: an object's or array's punctuation. */
const AFTER = /^[\s,}\]]*$/;

/**
 * The lines of the text a line's string literal holds, its escapes undone; null when the line holds no valid
 * JSON string literal (or piece of one) with at least MIN_BREAKS line breaks (the line is read as it is). A
 * path's `C:\new` in plain text is no literal: JSON would have written `C:\\new`, and an unknown escape fails.
 */
export function escapedLines(line: string): string[] | null {
	if (!line.includes(ESCAPED_BREAK)) return null;
	const body = literalBody(line);
	if (body === null) return null;
	let text: string;
	try {
		text = JSON.parse(`"${body}"`) as string;
	} catch {
		return null;
	}
	const lines = text.split(/\r\n|\r|\n/);
	if (lines.length - 1 < MIN_BREAKS) return null;
	// The text's own last line break leaves an empty last line: not a line of the text.
	if (lines[lines.length - 1] === '') lines.pop();
	return lines;
}

/**
 * The escaped body of the literal that ends the line (or of its piece), without its quotes, found in one pass
 * (quotes, and escapes inside literals): the last literal, closed with only punctuation after it, or left
 * open at the line's end; or, when the line's first quote closes it, the text before that quote.
 */
function literalBody(line: string): string | null {
	let open = -1;
	let last: { from: number; to: number } | null = null;
	let firstClose = -1;
	for (let i = 0; i < line.length; i++) {
		const c = line.charCodeAt(i);
		if (open >= 0) {
			if (c === 0x5c) i++;
			else if (c === 0x22) {
				last = { from: open + 1, to: i };
				open = -1;
			}
		} else if (c === 0x22) {
			// A quote after escaped text before any literal opened: the line is a literal's last piece.
			if (last === null && firstClose < 0 && line.slice(0, i).includes(ESCAPED_BREAK) && AFTER.test(line.slice(i + 1))) firstClose = i;
			else open = i;
		}
	}
	if (firstClose >= 0) return trimEscape(line.slice(0, firstClose).trimStart());
	if (open >= 0 && BEFORE.test(line.slice(0, open))) return trimEscape(line.slice(open + 1));
	if (last !== null && AFTER.test(line.slice(last.to + 1)) && BEFORE.test(line.slice(0, last.from - 1))) return line.slice(last.from, last.to);
	return null;
}

/** A piece cut right after a backslash loses that backslash: half an escape is no text. */
function trimEscape(piece: string): string {
	let trailing = 0;
	while (trailing < piece.length && piece.charCodeAt(piece.length - 1 - trailing) === 0x5c) trailing++;
	return trailing % 2 === 1 ? piece.slice(0, -1) : piece;
}
