/**
 * What a text file no format claimed looks like, in one phrase for `inputs[].formatReason`: a user who
 * pasted evidence learns why it was not read (an XML with a DTD is refused, not misread; prose holds no log
 * line; a log of a kind not known yet is named by its first line).
 */

/** Characters of the first line quoted. */
const QUOTE_CHARS = 80;

const STAMP = /\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[T ]\d{1,2}:\d{2}|\b\d{1,2}:\d{2}:\d{2}\b/;
const HRESULT = /\b0x[89a-f][0-9a-f]{7}\b/i;

/** One phrase on what the first lines of an unread text file look like. */
export function describeUnknown(head: readonly string[]): string {
	const lines = head.map((l) => l.trim()).filter((l) => l !== '');
	if (lines.length === 0) return 'no text in it';
	const first = lines[0].length > QUOTE_CHARS ? `${lines[0].slice(0, QUOTE_CHARS)}…` : lines[0];
	const text = lines.join('\n');
	if (/^(?:<\?xml\b|<!DOCTYPE\b|<[A-Za-z])/.test(lines[0])) {
		if (/<!DOCTYPE\b/i.test(text)) return 'not read: the XML declares a DTD (documents with a DTD are refused, not expanded)';
		// `<?xml …?>` and `<!…>` start with no letter: the first tag that does is the root.
		const root = /<([A-Za-z][\w:.-]{0,80})[\s>/]/.exec(text)?.[1];
		return `XML of a kind not known${root ? ` (root element <${root}>)` : ''}`;
	}
	if (/^[{[]/.test(lines[0])) return `JSON or a bracketed list, not a known log; first line: "${first}"`;
	if (lines.some((l) => STAMP.test(l))) return `a log with time stamps of a kind not known yet; first line: "${first}"`;
	if (lines.filter((l) => /^[\w.:-]{1,80}\s*=\s*\S/.test(l)).length >= Math.max(1, lines.length / 2)) return `key = value settings of a kind not read; first line: "${first}"`;
	if (HRESULT.test(text)) return `text with error codes (0x…) but no log line or event shape known; first line: "${first}"`;
	return `prose: no log line, event or listing in it; first line: "${first}"`;
}
