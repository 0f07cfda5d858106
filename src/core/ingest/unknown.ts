/**
 * What a text no format reads looks like, for `inputs[].formatReason`: an unknown input says why it was
 * not read (an XML document with a DTD is refused, not misread; prose holds no log line; a log, settings
 * or an error text of a kind not known yet is named by its first line), never just "unknown".
 */

/** A date or a time of day as logs print them (`2024-09-27`, `27.09.2024`, `9/27/2024`, `01:28:47`). */
const TIMESTAMP = /(?<!\d)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}:\d{2})(?!\d)/;
/** Codes a person does not write in prose: HRESULTs, GUIDs, `[n]` states, SYMBOL_NAMES, negative error numbers. */
const CODE = /\b0x[0-9a-f]{4,}\b|\{[0-9a-f]{8}-[0-9a-f]{4}-|\[\d+\]|\b[A-Z][A-Z0-9]*_[A-Z0-9_]{3,}\b|(?<![\w-])-\d{3,}\b/i;
/** `Key: value`, `key=value` or `key = "value"` where the key is a name (up to 3 words), not a sentence. */
const KEY_VALUE = /^\s*[\p{L}\p{N}_.()/-]+(?: [\p{L}\p{N}_.()/-]+){0,2}\s*(?::\s+\S|=\s*\S)/u;
/** A `name = value` setting line (vmx, tools.conf, ini). */
const SETTING = /^[\w.:-]{1,80}\s*=\s*\S/;
const DTD = /<!DOCTYPE|<!ENTITY/i;
/** Characters of a line quoted in a reason. */
const QUOTE_CHARS = 120;

/** A sentence: it starts with a letter (any script) and ends with a colon or a sentence's end. */
const SENTENCE = /^\p{L}.*[:.!?\u3002\uff1a\uff01\uff1f]$/u;

/**
 * Whether a line is a person's sentence, not a log's: shaped as a sentence, with no time stamp, no code and
 * no `key: value` (`and here is the event log:`, `以下はイベント ログです。`), by structure, in any language.
 */
export function isProseLine(line: string): boolean {
	const l = line.trim();
	return SENTENCE.test(l) && !TIMESTAMP.test(l) && !CODE.test(l) && !KEY_VALUE.test(l);
}

/**
 * Why no format read `lines` (the text's content lines, or as many of them as were kept), as one
 * phrase for `formatReason`. `total` is the text's whole line count.
 */
export function describeUnknown(lines: readonly string[], total = lines.length): string {
	const content = lines.map((l) => l.trim()).filter((l) => l !== '');
	if (content.length === 0) return total === 0 ? 'empty' : 'no content: every line is blank';
	const first = `'${content[0].length > QUOTE_CHARS ? `${content[0].slice(0, QUOTE_CHARS)}…` : content[0]}'`;
	if (/^(?:<\?xml\b|<!DOCTYPE\b|<[A-Za-z])/.test(content[0])) {
		if (content.some((l) => DTD.test(l))) return 'not read: the XML declares a DTD (no entity is ever expanded)';
		// `<?xml …?>` and `<!…>` start with no letter: the first tag that does is the root.
		const root = /<([A-Za-z][\w:.-]{0,80})[\s>/]/.exec(content.join('\n'))?.[1];
		return `XML of a kind not known${root ? ` (root element <${root}>)` : ''}`;
	}
	if (/^[{[]/.test(content[0]) && !CODE.test(content[0])) return `JSON or a bracketed list, not a known log; first line: ${first}`;
	if (!content.some((l) => TIMESTAMP.test(l) || CODE.test(l) || KEY_VALUE.test(l))) {
		return `prose: no log line (no timestamp, no key: value structure, no code) in ${total} line${total === 1 ? '' : 's'}`;
	}
	if (content.filter((l) => SETTING.test(l)).length >= content.length / 2) return `key = value settings of a kind not read; first line: ${first}`;
	if (content.some((l) => TIMESTAMP.test(l))) return `a log with time stamps, of a format not known yet; its first line with text: ${first}`;
	if (content.some((l) => CODE.test(l))) return `text with error codes but no log line or event shape known; its first line with text: ${first}`;
	return `a format not known yet; its first line with text: ${first}`;
}
