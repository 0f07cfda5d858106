import type { Detection, FormatDefinition } from '../lib/format';
import { productCode } from '../../knowledge/productCodes';
import { codesIn, errorFields, type Found, PRODUCT_KINDS, ProductReader } from './productText';

/**
 * Acronis' error chain, as its console's "Additional info", a log entry's details and its forum posts print it
 * (Acronis Backup 11–12.5, Cyber Protect, True Image): one record per level, outermost first, each the cause of the
 * one before it, mostly between `------------------------` lines:
 *   Error code: 1713
 *   Module: 349
 *   LineInfo: 0xE821934A13FC0030
 *   Fields: {"$func":"…::CreateVssSnapshot","$module":"ArsDbBackupProvider_vsa64_14800"}
 *   Message: Failed to process the shadow copy operation.
 * The deepest record is the cause. A record may lack its `Module:` line (a Windows error's record, whose fields
 * carry the Windows code: `"code":"2147746132"`). Every label is translated with the console (`Code d'erreur: 2`,
 * `Fehlercode: 1059`, `Zeileninfo: 0x…`, `Felder: {…}`); the tag's 16 hex digits and the fields' `$module`, the
 * build's module name, are not: they and the layout decide. Acronis' own code is its module and its code in one
 * number, as the console's CODE line prints it (`0x01350016` for module 309, code 22). A Windows or VSS code the
 * chain carries (in fields or in a message) is the decisive one.
 */

/**
 * A record's location tag: 16 hex digits, `0x` before them or not, alone after its label (`LineInfo:` in English,
 * French and Dutch, `Zeileninfo:` in German).
 */
const LINE_INFO = /^[^:：\d\n]{1,30}[:：] ?(?:0x)?[0-9A-Fa-f]{16}$/;
/** A record's fields: the module's build name among them (`$module : hv_srv_vs_50220`, `"$module":"mms_vsa64_1299"`). */
const FIELDS = /\$module['"]? ?[:：] ?['"]?[\w.-]{2,80}/;
/** A number after a label of the console's language, alone on its line (`Error code: 22`, `Module: 309`). */
const NUMBER_LINE = /^[^:：\d\n]{1,40}[:：] ?(\d{1,10})$/;
/** A line of a label and its text (the message's: `Message: …`, `Meldung: …`). */
const LABELLED = /^[^:：\n]{1,30}[:：] ?(.{0,2000})$/;
/** The chain's separator. */
const SEPARATOR = /^-{5,}$/;

/** One level of the chain: its code, its module (null when not printed), its message and its lines. */
interface ChainRecord {
	code: number;
	module: number | null;
	message: string;
	/** The index of the message's line among the chain's. */
	messageAt: number;
	text: string;
}

/** The chain's records of a message (its lines), outermost first: each anchored at its `LineInfo:` line. */
function records(lines: readonly string[]): ChainRecord[] {
	const tags = lines.flatMap((l, i) => (LINE_INFO.test(l) ? [i] : []));
	const starts: number[] = [];
	const out: ChainRecord[] = [];
	for (const tag of tags) {
		const before = NUMBER_LINE.exec(lines[tag - 1] ?? '');
		if (!before) continue;
		const first = tag >= 2 ? NUMBER_LINE.exec(lines[tag - 2]) : null;
		starts.push(first ? tag - 2 : tag - 1);
		out.push({ code: Number((first ?? before)[1]), module: first ? Number(before[1]) : null, message: '', messageAt: fieldsEnd(lines, tag) + 1, text: '' });
	}
	out.forEach((r, n) => {
		// The message runs to the separator, or to the next record's first line.
		const next = n + 1 < out.length ? starts[n + 1] : lines.length;
		let end = r.messageAt;
		while (end < next && !SEPARATOR.test(lines[end])) end++;
		const head = LABELLED.exec(lines[r.messageAt] ?? '');
		r.message = [head ? head[1] : (lines[r.messageAt] ?? ''), ...lines.slice(r.messageAt + 1, end)].join(' ').trim();
		r.text = lines.slice(starts[n], end).join('\n');
	});
	return out;
}

/**
 * The last line of a record's fields, after its `LineInfo:` line at `tag`: the fields' line, or the lines its
 * braces span when a paste wrapped the object (`Fields: {"$line":"457",…` and its rest); the tag itself when the
 * record prints no fields.
 */
function fieldsEnd(lines: readonly string[], tag: number): number {
	const label = lines[tag + 1] ?? '';
	if (!LABELLED.test(label)) return tag;
	// The label alone on its line: a paste wrapped the object onto the next.
	const from = LABEL_ALONE.test(label) && (lines[tag + 2] ?? '').startsWith('{') ? tag + 2 : tag + 1;
	if (from === tag + 1 && !FIELDS.test(label) && !label.includes('{')) return tag;
	let depth = 0;
	for (let at = from; at < Math.min(lines.length, from + FIELD_LINES); at++) {
		for (const c of lines[at]) depth += c === '{' ? 1 : c === '}' ? -1 : 0;
		if (depth <= 0) return at;
	}
	return from;
}
const LABEL_ALONE = /[:：]$/;
/** Lines of one chain kept at most: its records' five or six lines each, a paste's wraps and the prose above it. */
const CHAIN_LINES = 400;
/** Lines a wrapped fields object may take at most. */
const FIELD_LINES = 8;

/** Acronis' code of a record, as the console's CODE line writes it: module and code in one number, 8 hex digits. */
const acronisCode = (r: ChainRecord & { module: number }): string => `0x${(r.module * 0x10000 + r.code).toString(16).toUpperCase().padStart(8, '0')}`;

/**
 * A chain is one failure: its cause the deepest record (the last one a cut left), its decisive code the chain's
 * Windows or VSS code when it has one, Acronis' own code otherwise (beside the Windows code, what Acronis makes of it).
 */
function chain(message: string): Found[] {
	const lines = message.split('\n');
	const all = records(lines);
	if (all.length === 0) return [];
	const cause = all[all.length - 1];
	const owned = all.filter((r): r is ChainRecord & { module: number } => r.module !== null);
	// Acronis' own code: the deepest the product table explains, else the deepest printed with its module.
	const own = owned.filter((r) => productCode(acronisCode(r)) !== undefined).at(-1) ?? owned.at(-1);
	// The messages say what failed and on what (a volume, a file); the fields hold the code's source file and line
	// too, no item of the backup: only their codes are read.
	const fields = errorFields(all.map((r) => r.message).join('\n'), {
		product: 'acronis',
		productCode: own === undefined ? null : acronisCode(own),
		message: cause.message.slice(0, 400),
	});
	if (fields.hresult === null) {
		const codes = codesIn(all.map((r) => r.text).join('\n'));
		Object.assign(fields, { hresult: codes.hresult, code: codes.code, codes: codes.codes });
	}
	return [{ kind: 'product-error', fields, mark: lines[cause.messageAt] }];
}

/** Acronis' error chains (`Error code:` / `Module:` / `LineInfo:` / `Fields: $module : …` / `Message:` records). */
export const acronisErrorChain = {
	id: 'acronis-error-chain',
	title: 'Acronis error chain (Additional info)',
	url: 'https://www.acronis.com/en-us/support/documentation/CyberProtectionService/volume-shadow-copy-service-for-virtual-machines.html',
	origin: 'backup-product',
	kinds: PRODUCT_KINDS,
	variants: [
		{
			name: 'additional-info',
			samples: [
				'Failed to perform the requested operation.\nAdditional info:\n--------------------\nError code: 13\nModule: 149\nLineInfo: d1ab7fa1e56ec83e\nFields: $module : disk_bundle_vs_50220\nMessage: Failed to perform the requested operation.\n--------------------\nError code: 212\nModule: 83\nLineInfo: 383ffdb092990dda\nFields: $module : hv_srv_vs_50220\nMessage: Failed to create a multi-volume snapshot where files are located:\n',
			],
		},
	],
	detect(head: readonly string[]): Detection | null {
		const lines = head.map((l) => l.trim());
		// The fields' module name may be on a line after the fields' label when a paste wrapped them.
		const tag = lines.findIndex((l, i) => LINE_INFO.test(l) && NUMBER_LINE.test(lines[i - 1] ?? '') && lines.slice(i + 1, i + 1 + FIELD_LINES).some((f) => FIELDS.test(f)));
		return tag >= 0 ? { variant: 'additional-info', reason: `an Acronis error record's 'LineInfo:' at line ${tag + 1}` } : null;
	},
	// A chain's lines are one message, each a labelled field; a blank line ends it. A chain of ten levels and more
	// runs past the lines a message otherwise keeps, and its cause is its last record.
	reader: (path) => new ProductReader(path, { product: 'acronis', joinUnstamped: true, lineBreaks: true, messageLines: CHAIN_LINES, classify: (m) => chain(m) }),
} satisfies FormatDefinition;
