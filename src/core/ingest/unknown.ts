/**
 * What a text no format reads looks like, for `inputs[].formatReason`: an unknown input says why it was
 * not read (an XML document with a DTD, prose, or a format not known yet, quoted), never just "unknown".
 */

/** A date or a time of day as logs print them (`2024-09-27`, `27.09.2024`, `9/27/2024`, `01:28:47`). */
const TIMESTAMP = /(?<!\d)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2}:\d{2})(?!\d)/;
/** Codes a person does not write in prose: HRESULTs, GUIDs, `[n]` states, SYMBOL_NAMES, negative error numbers. */
const CODE = /\b0x[0-9a-f]{4,}\b|\{[0-9a-f]{8}-[0-9a-f]{4}-|\[\d+\]|\b[A-Z][A-Z0-9]*_[A-Z0-9_]{3,}\b|(?<![\w-])-\d{3,}\b/i;
/** `Key: value`, `key=value` or `key = "value"` where the key is a name (up to 3 words), not a sentence. */
const KEY_VALUE = /^\s*[\p{L}\p{N}_.()/-]+(?: [\p{L}\p{N}_.()/-]+){0,2}\s*(?::\s+\S|=\s*\S)/u;
const DTD = /<!DOCTYPE|<!ENTITY/i;
/** Characters of a line quoted in a reason. */
const QUOTE_CHARS = 120;

/**
 * Why no format read `lines` (the text's content lines, or as many of them as were kept), as one
 * phrase for `formatReason`. `total` is the text's whole line count.
 */
export function describeUnknown(lines: readonly string[], total: number): string {
	const content = lines.filter((l) => l.trim() !== '');
	if (content.length === 0) return total === 0 ? 'empty' : 'no content: every line is blank';
	if (content[0].trimStart().startsWith('<') && content.some((l) => DTD.test(l))) return 'not read: the XML declares a DTD (no entity is ever expanded)';
	if (!content.some((l) => TIMESTAMP.test(l) || CODE.test(l) || KEY_VALUE.test(l))) {
		return `prose: no log line (no timestamp, no key: value structure, no code) in ${total} line${total === 1 ? '' : 's'}`;
	}
	const first = content[0].trim();
	const quoted = first.length > QUOTE_CHARS ? `${first.slice(0, QUOTE_CHARS)}…` : first;
	return `a format not known yet; its first line with text: '${quoted}'`;
}
