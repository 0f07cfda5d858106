import { writerInfo, writerService } from '../../knowledge/writerServices';
import { writerState } from '../../knowledge/writerStates';
import type { Writer } from '../../model/report';
import { escapedLines } from '../../decode/escapedLines';
import type { Detection } from '../lib/format';
import { foldWidth } from '../lib/width';

// Shared by every `vssadmin list …` reader (formats.md §1–2). Labels are localized, so a label is
// matched as "anything up to the first colon" and never compared; meaning comes from block shape,
// GUIDs, `[n]` numbers, paths and sizes. `\s*:` because French puts a space before the colon.

export const HEADER_TOOL = /^\s*vssadmin \d+\.\d+ - /;
/**
 * vssadmin's second banner line. The word after `(C)` is the display language's (`Copyright`, `版权所有` in
 * Simplified Chinese): any text without digits, the years and `Microsoft Corp.` being the same in every language.
 */
export const HEADER_COPYRIGHT = /^\s*\(C\) [^\d\n]{1,40}2001(?:-\d{4})? Microsoft Corp\.?\s*$/;
/** `C:\Windows\system32>vssadmin list writers` echoed in a pasted console, or a bare prompt. */
export const PROMPT = /^\s*(?:PS )?[A-Za-z]:\\[^>]*>\s*(.*)$/s;
/** vssadmin's banner or its command echoed at a console prompt: where a listing starts (FormatDefinition.startLine). */
export const LISTING_START = /^\s*(?:vssadmin \d+\.\d+ - |(?:PS )?[A-Za-z]:\\[^>]*>\s*vssadmin\s+list\b)/i;
/** The only preamble vssadmin prints; it is English on every system seen (formats.md §1.1). */
export const PREAMBLE = new Set(['Waiting for responses.', 'These may be delayed if a shadow copy is being prepared.']);

/** `label: value` with a localized label (no braces, brackets, quotes or backslashes in it). */
// A label is up to 80 non-blank characters, blanks between them: written so that the blanks around the
// label and the value can be split one way only (no backtracking over long blank runs; see redos.test.ts).
export const LABELLED = /^\s*([^:'"{}[\]\\\s](?:\s*[^:'"{}[\]\\\s]){0,79})\s*:\s*((?:.*\S)?)\s*$/s;
export const NAME_LINE = /^\s*([^:'"{}[\]\\\s](?:\s*[^:'"{}[\]\\\s]){0,79})\s*:\s*(['"])(.*)\2\s*$/s;
export const GUID_LINE = /^\s*[^:{}[\]\\\s](?:\s*[^:{}[\]\\\s]){0,79}\s*:\s*\{([0-9A-Fa-f-]{36})\}\s*$/;
/**
 * An id line a document wrote with a placeholder for the GUID (`Writer Id: WriterId`, `{GUID}`, `<writer-id>`,
 * `{xxxxxxxx-xxxx-…}`): one word of letters, dashes and underscores, or a short text in braces or angle brackets
 * without digits — a template's field, not a machine's id (see writerIdLine).
 */
export const PLACEHOLDER_ID_LINE = /^\s*[^:{}[\]\\\s](?:\s*[^:{}[\]\\\s]){0,79}\s*:\s*(?:\{[^{}\d]{1,40}\}|<[^<>\d]{1,40}>|[A-Za-z][A-Za-z_-]{1,39})\s*$/;

/** Whether a line is a writer block's id line: a `{GUID}`, or a placeholder for one (PLACEHOLDER_ID_LINE), when `placeholders`. */
export function writerIdLine(line: string, placeholders: boolean): boolean {
	return GUID_LINE.test(line) || (placeholders && PLACEHOLDER_ID_LINE.test(line));
}

/**
 * An id line whose GUID may have no braces: a PowerShell object's property (`Id : d61d61c8-d73a-…`) made of a
 * listing by a module that trimmed them. The GUID's whole 8-4-4-4-12 shape stands for the braces.
 */
export const OBJECT_ID_LINE = /^\s*[^:{}[\]\\\s](?:\s*[^:{}[\]\\\s]){0,79}\s*:\s*\{?([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\}?\s*$/;

/** A table row's cells after the writer's name: its two `{GUID}`s and `[n]`, then the state's word and the last error. */
const ROW_CELLS = /^\{([0-9A-Fa-f-]{36})\}\s+\{([0-9A-Fa-f-]{36})\}\s+\[(\d{1,3})\]\s*(.*?)\s*$/;

/** A writer as a row of a table (PowerShell's Format-Table of a listing's objects): name, ids, state and what follows it. */
export interface WriterRow {
	name: string;
	writerId: string;
	instanceId: string;
	stateCode: number;
	/** The state's word; with the table's columns known, the last error's cell is apart (else it is in here). */
	stateText: string;
	lastError: string | null;
}

/**
 * A writer's row of a table, `ASR Writer  {be000cbe-…} {8b373ea3-…} [1] Stable No error`: a name, the writer's
 * and the instance's `{GUID}`, the `[n]` state. Where the state's word ends and the last error starts only the
 * columns say (`columns`: where each starts, from the table's dashed underline); null when the line is no row.
 */
export function tableRow(text: string, columns: readonly number[] | null): WriterRow | null {
	const at = text.indexOf('{');
	if (at <= 0) return null;
	const name = text.slice(0, at).trim();
	const m = ROW_CELLS.exec(text.slice(at));
	if (name === '' || !m) return null;
	const rest = m[4];
	// The last column's start (the last error's), when the row reaches it: the state's cell ends there.
	const last = columns !== null && columns.length >= 5 ? columns[columns.length - 1] : -1;
	const split = last > at && text.length > last && /\s/.test(text[last - 1]) ? text.slice(last).trim() : null;
	const stateText = split !== null ? text.slice(text.indexOf(']', at) + 1, last).trim() : rest;
	return { name, writerId: m[1].toLowerCase(), instanceId: m[2].toLowerCase(), stateCode: Number(m[3]), stateText, lastError: split };
}

/** A table's dashed underline under its header (`------ -------- -----`): two runs of dashes at least. */
export const DASH_RUNS = /^\s*-{2,}(?: +-{2,})+\s*$/;

/** Where each run of dashes of an underline starts (the table's columns). */
export function columnStarts(underline: string): number[] {
	return [...underline.matchAll(/-+/g)].map((m) => m.index);
}

export const STATE_LINE = /^\s*[^:{}[\]\\\s](?:\s*[^:{}[\]\\\s]){0,79}\s*:\s*\[(\d{1,3})\]\s*((?:.*\S)?)\s*$/s;
/** A volume GUID path, as in `(C:)\\?\Volume{986da89b-…}\`. */
export const VOLUME_GUID = /\\\\\?\\Volume\{([0-9A-Fa-f-]{36})\}\\?/;
/** The device path of a shadow copy: not localized. */
export const SHADOW_DEVICE = /\\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy\d+/i;
const SHADOW_DEVICE_VALUE = /^\\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy\d+\\?$/i;
/**
 * `2.06 GB (1%)`, `2,06 Go (1 %)`, `512 B (0%)`: a size with a percentage. Under a kilobyte vssadmin spells the unit
 * as its language's word for bytes (`0 bytes (0%)`, `0 Bytes`, `0 octets`, `0 バイト`): any word of letters.
 */
export const SIZE = /^(\d+(?:[.,\u00a0 ]\d+)*)\s*([KMGTPE]?[BbOo]|[KMGTPE]i?B|\p{L}{2,12})\s*\(\s*(\d+)\s*%\s*\)$/u;
/** A size's unit of letters (`KB`, `Go`, `GiB`): any other word is the language's word for bytes (see SIZE). */
export const SIZE_UNIT = /^(?:[KMGTPE]?[BbOo]|[KMGTPE]i?B)$/;

/** The listings vssadmin prints, named after the `vssadmin list <kind>` sub-command. */
export type ListingKind = 'writers' | 'providers' | 'shadows' | 'shadowstorage' | 'volumes';

/** True for lines every listing shares: the two header lines, an echoed prompt, the English preamble. */
export function isChrome(text: string): boolean {
	return PROMPT.test(text) || HEADER_TOOL.test(text) || HEADER_COPYRIGHT.test(text) || PREAMBLE.has(text.trim());
}

const labelled = (line: string | undefined) => (line === undefined ? null : LABELLED.exec(line));

/**
 * Whether the block named at `lines[at]` is a writer block whose ids an author or a script left out or
 * replaced by placeholders: up to two placeholder id lines, the `[n]` state, then a `label: value` line (the
 * last error), which stands in for the GUIDs as the sign that this is a writer's block and no other text.
 */
function idlessBlock(lines: readonly string[], at: number): boolean {
	let i = at + 1;
	while (i < at + 3 && PLACEHOLDER_ID_LINE.test(lines[i] ?? '')) i++;
	const after = lines[i + 1];
	return STATE_LINE.test(lines[i] ?? '') && after !== undefined && LABELLED.test(after) && !NAME_LINE.test(after) && !STATE_LINE.test(after);
}

/**
 * The known writer whose block a quote cut above its name line starts at `lines[at]`: a `{GUID}` line holding
 * the class id of a writer the knowledge tables list, then its instance id line and its `[n]` state. The
 * class id is the writer's identity whatever the display language, so the name the cut took is known; null
 * for any other line (an instance id, an unknown writer's id: a random GUID names nothing).
 */
export function namelessBlockWriter(lines: readonly string[], at: number): string | null {
	const id = GUID_LINE.exec(lines[at] ?? '')?.[1];
	if (id === undefined || !GUID_LINE.test(lines[at + 1] ?? '') || !STATE_LINE.test(lines[at + 2] ?? '')) return null;
	const known = writerInfo(null, id);
	return known !== undefined && known.writerId === id.toLowerCase() ? known.name : null;
}

/**
 * Whether the line at `at` starts a writer's block as PowerShell's Format-List prints an object: a `label :
 * value` line (the name, unquoted), one or two id lines (OBJECT_ID_LINE), then the `[n]` state.
 */
function objectBlock(lines: readonly string[], at: number): boolean {
	const line = lines[at];
	// (The next line's dashes first, natively: most lines of a head are followed by no GUID.)
	if (!(lines[at + 1] ?? '').includes('-') || !LABELLED.test(line) || OBJECT_ID_LINE.test(line) || STATE_LINE.test(line) || !OBJECT_ID_LINE.test(lines[at + 1] ?? '')) return false;
	return STATE_LINE.test(lines[at + 2] ?? '') || (OBJECT_ID_LINE.test(lines[at + 2] ?? '') && STATE_LINE.test(lines[at + 3] ?? ''));
}

/**
 * Which listing a file is, from its first lines: an echoed `vssadmin list <kind>` command when pasted
 * from a console, else the shape of its first block. A bare header with no block is taken as
 * `list writers` (the listing collected for quiesce problems; an empty or error output looks the same
 * for every kind).
 */
export function classifyListing(head: readonly string[]): { kind: ListingKind; detection: Detection } | null {
	// The five listing formats each ask about the same head in one detection pass: it is classified once
	// (a bundle of 20,000 small logs spent most of its detection time here).
	if (lastClassified?.head !== head) lastClassified = { head, result: classifyHead(head) };
	return lastClassified.result;
}

/** The head classifyListing last classified, and what it is. */
let lastClassified: { head: readonly string[]; result: ReturnType<typeof classifyHead> } | null = null;

/**
 * Whether a line has what some shape classifyHead looks for needs: a brace (a `{GUID}` line), a backslash (a
 * prompt, a drive path, a device or volume path), either in full width, or the banner. A head with none of
 * them (most logs of a bundle) is no listing, told by native searches instead of a dozen expressions per line.
 */
const mayBeListing = (line: string): boolean => line.includes('{') || line.includes('\\') || line.includes('vssadmin ') || line.includes('｛') || line.includes('＼');

/** A labelled `[n]` state (`State: [8]`): with a quoted name, the signs of a writer block whose ids were left out. */
const STATE_MARK = /:\s*\[\d{1,3}\]/;
/** A colon and a quote after it (NAME_LINE's `label: 'name'`), in either width: NAME_LINE's cheap first test. */
const LABEL_THEN_QUOTE = /[:：]\s*['"＇＂]/;

/**
 * Whether a head without mayBeListing's signs may still hold a writer block whose ids are placeholders or left
 * out: it needs a quoted name's line and a `[n]` state's line (NAME_LINE, STATE_LINE), looked for as
 * classifyHead reads lines (width-folded). Both, not either: a log's lines often quote a word or bracket a number.
 */
function mayBeIdlessBlocks(printed: readonly string[]): boolean {
	const stated = (l: string) => (l.includes('[') || l.includes('［')) && STATE_MARK.test(foldWidth(l));
	const named = (l: string) => LABEL_THEN_QUOTE.test(l) && NAME_LINE.test(foldWidth(l));
	// (A PowerShell object's ids without braces: looked for only in a head with a `[n]` state.)
	return printed.some(stated) && (printed.some(named) || printed.some((l) => l.includes('-') && OBJECT_ID_LINE.test(l)));
}

function classifyHead(printed: readonly string[]): { kind: ListingKind; detection: Detection } | null {
	if (!printed.some(mayBeListing) && !mayBeIdlessBlocks(printed)) return null;
	// A listing retyped in full-width forms (`状態：［８］`) has the same shape once folded; one kept as a
	// string literal's escaped lines (a JSON reply's `"out-data": "…\r\n…"`) has it once the literal is read.
	const head = printed.flatMap((l) => escapedLines(l) ?? [l]).map(foldWidth);
	let header = false;
	// Blank lines are dropped for the block shapes: a mail client may put one between every field.
	const numbered = joinWrappedGuids(head)
		.map((text, n) => ({ text, n }))
		.filter((l) => l.text.trim() !== '');
	const lines = numbered.map((l) => l.text);
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const prompt = PROMPT.exec(line);
		const sub = prompt && /^vssadmin\s+list\s+(writers|providers|shadows|shadowstorage|volumes)\b/i.exec(prompt[1]);
		if (sub) {
			const kind = sub[1].toLowerCase() as ListingKind;
			return { kind, detection: { variant: 'console', reason: `line ${i + 1} echoes the command 'vssadmin list ${kind}'` } };
		}
		if (HEADER_TOOL.test(line)) header = true;
		const at = (what: string) => ({ variant: header ? 'listing' : 'pasted-blocks', reason: `${header ? 'vssadmin header and ' : ''}${what} at line ${numbered[i].n + 1}` });
		const named = NAME_LINE.test(line);
		// A block quoted in an article may have lost its instance id line: name, one {GUID}, then the state. A
		// document's template has placeholders for the ids, which only a writer block's shape around them tells.
		if (named && writerIdLine(lines[i + 1] ?? '', true)) {
			if (writerIdLine(lines[i + 2] ?? '', true) && STATE_LINE.test(lines[i + 3] ?? '')) return { kind: 'writers', detection: at('a writer block (quoted name, two {GUID} lines, [n] state)') };
			if (STATE_LINE.test(lines[i + 2] ?? '')) return { kind: 'writers', detection: at('a writer block (quoted name, one {GUID} line, [n] state)') };
		}
		if (named && idlessBlock(lines, i)) return { kind: 'writers', detection: at('a writer block without ids (quoted name, [n] state, last error)') };
		// A quote that lost the first block's name line: the listing starts at a known writer's class id.
		if (i === 0 && namelessBlockWriter(lines, i) !== null) return { kind: 'writers', detection: at("a writer block cut above its name (a known writer's class {GUID}, instance {GUID}, [n] state)") };
		// PowerShell's objects of a listing: Format-List (`Writer : name`, ids with or without braces, `State : [n] …`)
		// or Format-Table (a row of a name, two {GUID} ids and [n]).
		if (!named && objectBlock(lines, i)) return { kind: 'writers', detection: at('a writer object (name, {GUID} lines, [n] state)') };
		if (tableRow(line, null)) return { kind: 'writers', detection: at('a writer table row (name, two {GUID} ids, [n] state)') };
		if (named && labelled(lines[i + 1]) && !GUID_LINE.test(lines[i + 1] ?? '') && GUID_LINE.test(lines[i + 2] ?? '') && /:\s*\d+(\.\d+)+\s*$/.test(lines[i + 3] ?? '')) {
			return { kind: 'providers', detection: at('a provider block (quoted name, type, {GUID}, version)') };
		}
		const value = labelled(line)?.[2] ?? '';
		// The device path must be a field's whole value: event 12289 messages quote it inside prose.
		if (SHADOW_DEVICE_VALUE.test(value)) return { kind: 'shadows', detection: at('a shadow copy device path') };
		if (SIZE.test(value) && lines.slice(Math.max(0, i - 4), i).some((l) => VOLUME_GUID.test(l))) {
			return { kind: 'shadowstorage', detection: at('a volume GUID path followed by storage sizes') };
		}
		if (/^[A-Za-z]:\\/.test(value) && VOLUME_GUID.test(labelled(lines[i + 1])?.[2] ?? '')) {
			return { kind: 'volumes', detection: at('a volume path followed by its volume GUID name') };
		}
	}
	// `list shadows` with none prints one sentence after the header ("No items found that satisfy the query.",
	// in the display language); an error of any listing is `label: message` (`Error: …`, `エラー: …`).
	const said = header ? lines.filter((l) => !isChrome(l)) : [];
	if (header && said.length === 1 && !LABELLED.test(said[0]) && /[.。]\s*$/.test(said[0])) {
		return { kind: 'shadows', detection: { variant: 'empty', reason: 'vssadmin header and one sentence, no blocks: a query that found no shadow copies' } };
	}
	if (header && head.some((l) => HEADER_COPYRIGHT.test(l))) {
		return { kind: 'writers', detection: { variant: 'no-blocks', reason: 'vssadmin header with no blocks after it (empty listing or error output)' } };
	}
	return null;
}

/** A GUID cut by an 80-column console wrap: `…Volume{986da89b-2336-4410-9417-d5dbf1f5f3` + `e5}\`. */
const CUT_GUID = /\{[0-9A-Fa-f-]{1,35}$/;
const GUID_REST = /^\s*[0-9A-Fa-f-]{1,35}\}/;

/** Whether `a` ends inside a GUID that `b` completes. */
export function completesGuid(a: string, b: string): boolean {
	const cut = CUT_GUID.exec(a.trimEnd());
	const rest = GUID_REST.exec(b);
	return cut !== null && rest !== null && cut[0].length - 1 + rest[0].trim().length - 1 === 36;
}

/** Rejoins wrapped GUIDs in a block of lines (detection sees whole lines). */
function joinWrappedGuids(lines: readonly string[]): string[] {
	const out: string[] = [];
	for (let i = 0; i < lines.length; i++) {
		if (i + 1 < lines.length && completesGuid(lines[i], lines[i + 1])) out.push(lines[i].trimEnd() + lines[++i].trim());
		else out.push(lines[i]);
	}
	return out;
}

/**
 * Feeds lines to a consumer with wrapped GUIDs rejoined: a line ending inside a GUID is held until the
 * next line shows whether it completes it. The joined line keeps the first line's number.
 */
export class GuidJoiner {
	private held: { text: string; lineNo: number } | null = null;

	constructor(private readonly emit: (text: string, lineNo: number) => void) {}

	line(text: string, lineNo: number): void {
		const held = this.held;
		this.held = null;
		if (held && completesGuid(held.text, text)) {
			this.emit(held.text.trimEnd() + text.trim(), held.lineNo);
			return;
		}
		if (held) this.emit(held.text, held.lineNo);
		if (CUT_GUID.test(text.trimEnd())) this.held = { text, lineNo };
		else this.emit(text, lineNo);
	}

	/** Flushes a held line at the end of the file. */
	end(): void {
		if (this.held) this.emit(this.held.text, this.held.lineNo);
		this.held = null;
	}
}

/** A writer block of a listing as its reader collects it: name, ids and state (vssadmin's, DiskShadow's). */
export interface WriterBlock {
	name: string;
	nameLine: number;
	nameText: string;
	writerId: string | null;
	instanceId: string | null;
	stateCode: number | null;
	stateText: string | null;
	stateLine: string | null;
	stateLineNo: number | null;
}

/** The report's writer of a block of the listing `path`, with its last error as the listing states it. */
export function writerOfBlock(path: string, b: WriterBlock, error: Pick<Writer, 'lastError' | 'lastErrorHresult' | 'hasLastError'>): Writer {
	const info = b.stateCode !== null ? writerState(b.stateCode) : undefined;
	return {
		name: b.name,
		writerId: b.writerId,
		instanceId: b.instanceId,
		stateCode: b.stateCode,
		state: info?.name ?? null,
		stateText: b.stateText,
		stateLine: b.stateLine,
		stateSource: b.stateLineNo !== null ? { path, line: b.stateLineNo } : null,
		lastError: error.lastError,
		lastErrorHresult: error.lastErrorHresult,
		hasLastError: error.hasLastError,
		failed: info?.failed ?? false,
		service: writerService(b.name),
		source: { path, line: b.nameLine },
		nameLine: b.nameText,
		listing: path,
	};
}
