import { appendAll } from '../../collections';
import { hresultOfName, normalizeHresult } from '../../knowledge/hresults';
import { escapedLines } from '../../decode/escapedLines';
import { isKnownNoErrorText, LAST_ERROR_HRESULTS } from '../../knowledge/writerErrors';
import type { Writer, WriterListing } from '../../model/report';
import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { NO_KINDS } from '../lib/kinds';
import { foldWidth } from '../lib/width';
import {
	classifyListing,
	columnStarts,
	DASH_RUNS,
	GUID_LINE,
	GuidJoiner,
	HEADER_TOOL,
	isChrome,
	LABELLED,
	LISTING_START,
	NAME_LINE,
	namelessBlockWriter,
	OBJECT_ID_LINE,
	PLACEHOLDER_ID_LINE,
	PROMPT,
	STATE_LINE,
	tableRow,
	writerOfBlock,
	type WriterBlock,
} from './vssadminCommon';

/** The 5th line of a block (last error): any `label: value`. */
const VALUE_LINE = /^\s*[^:{}[\]\s](?:\s*[^:{}[\]\s]){0,79}\s*:\s*((?:.*\S)?)\s*$/s;

/** Positions inside a writer block after the name line. */
type Slot = 'writerId' | 'instanceId' | 'state' | 'lastError';
const SLOTS: readonly Slot[] = ['writerId', 'instanceId', 'state', 'lastError'];

interface Block extends WriterBlock {
	lastError: string | null;
	/** The line of an id written as a placeholder (`Writer Id: WriterId`): the block is a document's template. */
	placeholderLine: number | null;
	/** Index into SLOTS of the next line expected. */
	next: number;
	/** vssadmin's banner or an echoed prompt between the block before and this one: where another listing starts. */
	opened: { line: number; text: string } | null;
	/** Lines that are no block's (a person's sentences) between the block before and this one. */
	afterText: boolean;
}

/** A listing's blocks and where it starts (see listingsOf). */
interface Segment {
	blocks: Block[];
	/** 1-based line it starts at: its banner or prompt, else its first block's name. */
	line: number;
	/** That line as printed, trimmed. */
	headerLine: string | null;
	/** Its banner or a prompt came before its first block: it was copied whole. */
	headed: boolean;
}

const EN = `vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool
(C) Copyright 2001-2013 Microsoft Corp.

Writer name: 'Task Scheduler Writer'
   Writer Id: {d61d61c8-d73a-4eee-8cdd-f6f9786b7124}
   Writer Instance Id: {1bddd48e-5052-49db-9b07-b96f96727e6b}
   State: [1] Stable
   Last error: No error
`;

/** `vssadmin list writers` in any Windows language (formats.md §1). */
export const vssadminWriters = {
	id: 'vssadmin-list-writers',
	title: 'vssadmin list writers',
	url: 'https://learn.microsoft.com/windows-server/administration/windows-commands/vssadmin-list-writers',
	origin: 'guest-windows',
	kinds: NO_KINDS,
	startLine: LISTING_START,
	variants: [
		{ name: 'en', samples: [EN] },
		{
			name: 'en-waiting-preamble',
			samples: [
				`vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool
(C) Copyright 2001-2013 Microsoft Corp.

Waiting for responses.
These may be delayed if a shadow copy is being prepared.

Writer name: 'Microsoft Exchange Writer'
   Writer Id: {76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}
   Writer Instance Id: {0798db2b-6d29-5075-89a3-014e629ad9d2}
   State: [8] Failed
   Last error: Retryable error
`,
			],
		},
		{
			name: 'fr',
			samples: [
				`vssadmin 1.1 - Outil ligne de commande d'administration du service de cliché instantané de volume
(C) Copyright 2001-2013 Microsoft Corp.

Nom du rédacteur : 'Task Scheduler Writer'
   ID du rédacteur : {d61d61c8-d73a-4eee-8cdd-f6f9786b7124}
   ID de l’instance du rédacteur : {1bddd48e-5052-49db-9b07-b96f96727e6b}
   État : [1] Stable
   Dernière erreur : Aucune erreur
`,
			],
		},
		{
			name: 'de',
			samples: [
				`Verfassername: 'System Writer'
   Verfasserkennung: {e8132975-6f93-4464-a53e-1050253ae220}
   Verfasserinstanzkennung: {2ed30535-dd89-526c-b699-1037110ecfd1}
   Status: [7] Fehlgeschlagen
   Letzter Fehler: Kein Fehler
`,
			],
		},
		{
			name: 'ja',
			samples: [
				`C:\\Windows\\system32>vssadmin list writers
vssadmin 1.1 - ボリューム シャドウ コピー サービス管理コマンド ライン ツール
(C) Copyright 2001-2013 Microsoft Corp.

ライター名: 'System Writer'
   ライター Id: {e8132975-6f93-4464-a53e-1050253ae220}
   ライター インスタンス Id: {7a1e2bd0-4a5c-4d5e-9a3f-0b8d6c1e2f30}
   状態: [1] 安定
   最後のエラー: エラーなし
`,
			],
		},
		{
			name: 'legacy-2005-error',
			samples: [
				'vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\n(C) Copyright 2001-2005 Microsoft Corp.\n\nError: A Volume Shadow Copy Service component encountered an unexpected error.\nCheck the Application event log for more information.\n',
			],
		},
		{ name: 'legacy-2001-empty', samples: ['C:\\>vssadmin list writers\nvssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\n(C) Copyright 2001 Microsoft Corp.\n\n'] },
	],

	detect(head) {
		const c = classifyListing(head);
		return c?.kind === 'writers' ? c.detection : null;
	},

	reader(path) {
		return new WritersReader(path);
	},
} satisfies FormatDefinition;

/**
 * Where a listing a web page flattened onto one line (`… [...] Writer name: 'NTDS' Writer Id: {…} Writer
 * Instance Id: {…} State: [10] Failed Last error: …`, a KB's rendering) had its line breaks: before a label
 * whose value is a quoted name, a `{GUID}` or a `[n]` state, right after the value before it closed (`'`,
 * `}`, `]`) or an author's elision (`[...]`, `(…)`). Labels are any words (any language); the values decide.
 */
const FLAT_VALUE = /[:：][ \t]{0,2}(?:'|\{[0-9a-f]{8}-|\[\d{1,2}\])/gi;
/** Most characters a label may have. */
const MAX_LABEL = 60;

/** The offsets where a flattened line breaks: after the closer and white space before each label. */
function flatBreaks(text: string): number[] {
	const out: number[] = [];
	for (const m of text.matchAll(FLAT_VALUE)) {
		// Back from the colon over the label (no `:{}[]'` in it) to white space after a closer.
		for (let i = m.index - 1; i > 0 && i >= m.index - MAX_LABEL; i--) {
			const c = text[i];
			if (":：{}[]'".includes(c)) break;
			if ((c === ' ' || c === '\t') && "'}])".includes(text[i - 1])) {
				out.push(i);
				break;
			}
		}
	}
	return out;
}

/**
 * A line's writer-block lines: the line itself unless it is a flattened block — a name, a `{GUID}` and a
 * `[n]` state among its parts, every part from the first name on a block line, at most one part (a prompt,
 * an elision) before it — so that one line never turns into several lines no reader understands.
 */
function unflatten(text: string): string[] {
	if (!text.includes('{')) return [text];
	const breaks = flatBreaks(text);
	const parts = [0, ...breaks].map((from, k) => text.slice(from, breaks[k] ?? text.length).trim());
	const first = parts.findIndex((p) => NAME_LINE.test(p));
	if (parts.length < 3 || first < 0 || first > 1) return [text];
	const block = parts.slice(first);
	const fits = block.every((p) => NAME_LINE.test(p) || GUID_LINE.test(p) || STATE_LINE.test(p));
	return fits && block.some((p) => GUID_LINE.test(p)) && block.some((p) => STATE_LINE.test(p)) ? parts : [text];
}

/**
 * Reads a listing by block position, one pushed line at a time; counts every line that is neither
 * header, block, blank nor error text. A GUID cut by a console wrap is held until the next line.
 */
class WritersReader implements LineReader {
	private readonly blocks: Block[] = [];
	private readonly problems: string[] = [];
	private readonly preBlockText: string[] = [];
	private preBlockLine: number | null = null;
	private firstLine: string | null = null;
	private firstLineNo: number | null = null;
	/** The line of vssadmin's header or an echoed prompt before the first block (the listing was copied whole), if any. */
	private headed: number | null = null;
	/** Lines where someone marked writers left out (`[...]`, `<... more ...>`): that listing is an excerpt, header or not. */
	private readonly elisions: number[] = [];
	/** A banner or prompt seen since the last block: the next block starts another listing (see Block.opened). */
	private opening: { line: number; text: string } | null = null;
	/** Lines no block takes seen since the last block (see Block.afterText). */
	private textSince = false;
	/** The last line, when it was a `label : value` line no block took (a PowerShell object's name, maybe). */
	private held: { name: string; lineNo: number; text: string; before: boolean; textBefore: boolean } | null = null;
	/** Where a table's columns start (its dashed underline under the header): Format-Table's writers. */
	private columns: number[] | null = null;
	private unparsed = 0;
	private current: Block | null = null;
	/** A block ended by a line that fits none of its slots: truncated if the file ends right after. */
	private cut: Block | null = null;
	private readonly joiner = new GuidJoiner((text, lineNo) => this.handle(text, lineNo));
	/** The first lines while they may be a block cut above its name (see handle), and whether that was settled. */
	private nameless: { text: string; lineNo: number }[] | null = null;
	private namelessTried = false;

	constructor(private readonly path: string) {}

	line(printed: string, lineNo: number): void {
		// A listing kept as a string literal's escaped lines is read line by line, each at the literal's line.
		for (const text of escapedLines(printed) ?? [printed]) for (const part of unflatten(foldWidth(text))) this.joiner.line(part, lineNo);
	}

	private handle(text: string, lineNo: number): void {
		this.firstLine ??= text.trim();
		this.firstLineNo ??= lineNo;
		if (ELISION.test(text)) this.elisions.push(lineNo);
		if (this.cut) this.report(this.cut, 'incomplete');
		this.cut = null;
		const trimmed = text.trim();
		if (trimmed === '') {
			// A blank line inside a block that still waits for fields is a mail client's spacing, not its end.
			if (!this.current || this.current.next >= SLOTS.length) this.close('next');
			return;
		}
		const name = NAME_LINE.exec(text);
		if (name && !(this.current && this.current.next === SLOTS.indexOf('lastError'))) {
			this.open(name[3], lineNo, trimmed);
			return;
		}
		const row = this.current && this.current.next < SLOTS.length ? null : tableRow(text, this.columns);
		if (row) {
			this.open(row.name, lineNo, trimmed);
			Object.assign(this.current!, { writerId: row.writerId, instanceId: row.instanceId, stateCode: row.stateCode, stateText: row.stateText, stateLine: trimmed, stateLineNo: lineNo, lastError: row.lastError, next: SLOTS.length });
			return;
		}
		// A PowerShell object's first property (`Writer : Registry Writer`, `Name : System Writer`) is its name
		// once the next line is an id: the line, counted as text no block took, becomes the block's name.
		const held = this.held;
		this.held = null;
		if (held && !this.current && OBJECT_ID_LINE.test(text)) {
			if (held.before) {
				this.preBlockText.pop();
				if (this.preBlockText.length === 0) this.preBlockLine = null;
			} else this.unparsed--;
			this.open(held.name, held.lineNo, held.text);
			this.textSince = held.textBefore;
			this.current!.afterText = held.textBefore;
			fillSlot(this.current!, text, lineNo);
			return;
		}
		// A table's underline: its columns, and after blocks another listing (a module's objects printed again).
		if (DASH_RUNS.test(text)) {
			this.columns = columnStarts(text);
			if (this.blocks.length > 0) this.opening ??= { line: lineNo, text: trimmed };
		}
		// A banner or prompt right under a block (no blank line between): the next listing's.
		if (this.current && opensListing(text)) this.close('next');
		if (this.current) {
			if (fillSlot(this.current, text, lineNo)) return;
			this.cut = this.current.next < SLOTS.length ? this.current : null;
			this.current = null;
			this.hold(text, lineNo, false);
			this.unparsed++;
			this.textSince = true;
			return;
		}
		// A quote cut above the first block's name: its first lines are held until three show whether they are a
		// known writer's block (namelessBlockWriter), then read as that block or as they would have been.
		if (this.nameless !== null) {
			this.nameless.push({ text, lineNo });
			if (this.nameless.length === 3) this.settleNameless();
			return;
		}
		if (!this.namelessTried && this.blocks.length === 0 && this.preBlockText.length === 0 && !this.current && GUID_LINE.test(text)) {
			this.nameless = [{ text, lineNo }];
			return;
		}
		if (isChrome(text)) {
			// (A PowerShell pipeline's prompt, `Get-VSSWriter | …`, may have filtered the writers: no sign the listing is whole.)
			if (this.blocks.length === 0 && opensListing(text)) this.headed ??= PROMPT.exec(text)?.[1].includes('|') ? null : lineNo;
			else if (this.blocks.length > 0 && opensListing(text)) this.opening ??= { line: lineNo, text: trimmed };
			return;
		}
		this.hold(text, lineNo, this.blocks.length === 0);
		if (this.blocks.length === 0) {
			this.preBlockText.push(trimmed);
			this.preBlockLine ??= lineNo;
			return;
		}
		this.unparsed++;
		this.textSince = true;
	}

	/** Reads the held first lines (see handle) as a known writer's block cut above its name, or as any lines. */
	private settleNameless(): void {
		const held = this.nameless ?? [];
		this.nameless = null;
		this.namelessTried = true;
		const name = namelessBlockWriter(
			held.map((h) => h.text),
			0,
		);
		if (name === null) {
			for (const h of held) this.handle(h.text, h.lineNo);
			return;
		}
		this.open(name, held[0].lineNo, held[0].text.trim());
		for (const h of held) fillSlot(this.current!, h.text, h.lineNo);
	}

	/** Keeps a `label : value` line no block took: the next line may show it is an object's name (see handle). */
	private hold(text: string, lineNo: number, before: boolean): void {
		const m = LABELLED.exec(text);
		if (m && m[2] !== '' && !STATE_LINE.test(text) && !OBJECT_ID_LINE.test(text)) this.held = { name: m[2], lineNo, text: text.trim(), before, textBefore: this.textSince };
	}

	/** Starts the block of writer `name`, named at line `lineNo` (printed `nameText`). */
	private open(name: string, lineNo: number, nameText: string): void {
		this.close('next');
		this.current = {
			name,
			nameLine: lineNo,
			nameText,
			writerId: null,
			instanceId: null,
			stateCode: null,
			stateText: null,
			stateLine: null,
			stateLineNo: null,
			lastError: null,
			placeholderLine: null,
			next: 0,
			opened: this.opening,
			afterText: this.textSince,
		};
		this.blocks.push(this.current);
		this.opening = null;
		this.textSince = false;
	}

	/** Ends the current block; `eof` when the file ends inside it. */
	private close(why: 'eof' | 'next'): void {
		if (this.current && this.current.next < SLOTS.length) this.report(this.current, why === 'eof' ? 'truncated' : 'incomplete');
		this.current = null;
	}

	private report(b: Block, how: 'truncated' | 'incomplete'): void {
		const missing = SLOTS.slice(b.next).join(', ');
		this.problems.push(
			how === 'truncated' ? `The listing ends inside the block of writer '${b.name}' (line ${b.nameLine}; missing ${missing}): the file looks truncated.` : `The block of writer '${b.name}' (line ${b.nameLine}) is incomplete (missing ${missing}).`,
		);
	}

	end(): ReadResult {
		this.joiner.end();
		if (this.nameless !== null) this.settleNameless();
		if (this.cut) this.report(this.cut, 'truncated');
		this.close('eof');
		const segments = this.segments();
		const listings: WriterListing[] = [];
		const writers: Writer[] = [];
		for (const [k, seg] of segments.entries()) {
			const own = toWriters(this.path, seg.blocks);
			appendAll(writers, own);
			// A mark of lines left out belongs to the listing it is in (from the text's start for the first, up to the next one's start).
			const from = k === 0 ? 0 : seg.line;
			const until = segments[k + 1]?.line ?? Infinity;
			const elided = this.elisions.some((at) => at >= from && at < until);
			listings.push({ ...this.listing(own.length), line: seg.line, headerLine: seg.headerLine, whole: !elided && (seg.headed || own.length >= WHOLE_LISTING_WRITERS) });
		}
		if (segments.length === 0) {
			// Text before the first block of a real listing is a preamble in some other language: not an
			// error, but not understood either.
			const error = this.preBlockText.length > 0;
			// Where it starts: its header, else its first line; an empty text has no line to start at.
			const start = this.headed ?? this.firstLineNo;
			listings.push({
				...this.listing(0),
				status: error ? 'error' : 'empty',
				errorText: error ? this.preBlockText.join(' ') : null,
				errorLine: error ? this.preBlockLine : null,
				errorFirstLine: error ? this.preBlockText[0] : null,
				...(start !== null ? { line: start } : {}),
				whole: this.elisions.length === 0 && this.headed !== null,
			});
		} else this.unparsed += this.preBlockText.length;
		const template = this.blocks.filter((b) => b.placeholderLine !== null);
		if (template.length > 0) this.problems.push(`The ids of ${template.length} writer block(s) are placeholders, not GUIDs (first at line ${template[0].placeholderLine}): a document's template or example, not a listing taken on a machine.`);
		for (const w of writers) {
			if (w.stateCode !== null && w.state === null) this.problems.push(`Writer '${w.name}' has state [${w.stateCode}] (line ${w.stateSource?.line}), which VSS does not define.`);
		}
		return { facts: { writerListings: listings, writers }, unparsedLines: this.unparsed, problems: this.problems };
	}

	/** A listing of `count` writers as read, before what each listing has of its own. */
	private listing(count: number): WriterListing {
		return { path: this.path, status: 'ok', count, errorText: null, errorLine: null, errorFirstLine: null, headerLine: this.firstLine, whole: false };
	}

	/**
	 * The listings the blocks make: one, unless the paste holds several (before and after a restart, two
	 * servers). Another starts at a block after a banner or an echoed prompt, and at a block of a writer
	 * instance the listing already has (the same writer and instance ids: vssadmin lists each instance
	 * once), or of a writer it has after lines that are no block's (a person's sentences between two
	 * pastes: a restarted writer comes back with a new instance id). A writer listed twice in one listing
	 * with two instance ids (Exchange's two services) stays one listing: its blocks follow each other.
	 */
	private segments(): Segment[] {
		const out: Segment[] = [];
		let ids = new Set<string>();
		for (const b of this.blocks) {
			const instance = `${b.writerId}/${b.instanceId}`;
			const again = b.writerId !== null && (ids.has(instance) || (b.afterText && ids.has(b.writerId)));
			if (out.length === 0 || b.opened !== null || again) {
				const first = out.length === 0;
				out.push({
					blocks: [],
					line: first ? (this.headed ?? b.nameLine) : (b.opened?.line ?? b.nameLine),
					headerLine: first ? this.firstLine : (b.opened?.text ?? b.nameText),
					headed: first ? this.headed !== null : b.opened !== null,
				});
				ids = new Set();
			}
			out.at(-1)!.blocks.push(b);
			if (b.writerId !== null) ids.add(b.writerId).add(instance);
		}
		return out;
	}
}

/** A line that starts a listing of its own: vssadmin's banner, or a console's prompt (the command echoed). */
const opensListing = (text: string) => HEADER_TOOL.test(text) || PROMPT.test(text);

/** An author's mark for lines left out: `[...]`, `[…]`, `(...)`, `<... more similar stuff...>`, or `...` alone on a line. */
const ELISION = /[[(](?:\.{3}|…)[\])]|<\s?(?:\.{3}|…)|^\s*(?:\.{3}|…)\s*$/;

/**
 * Writers every Windows since 2008 lists at the least (System, ASR, COM+ REGDB, Registry, WMI, Shadow Copy
 * Optimization…): a paste with fewer and no header is an excerpt someone cut, not the machine's whole list.
 */
const WHOLE_LISTING_WRITERS = 5;

/** Puts a line into the block's next matching slot; false when the line fits no remaining slot. */
function fillSlot(block: Block, line: string, lineNo: number): boolean {
	for (let s = block.next; s < SLOTS.length; s++) {
		const slot = SLOTS[s];
		if (slot === 'writerId' || slot === 'instanceId') {
			const m = OBJECT_ID_LINE.exec(line);
			// A placeholder fills the slot with no id: the writer's name and state are still the listing's.
			if (!m && PLACEHOLDER_ID_LINE.test(line)) block.placeholderLine ??= lineNo;
			else if (!m) continue;
			// Only one GUID seen and the line after is the state: the missing one is the instance id.
			else block[slot] = m[1].toLowerCase();
		} else if (slot === 'state') {
			const m = STATE_LINE.exec(line);
			if (!m) continue;
			block.stateCode = Number(m[1]);
			block.stateText = m[2];
			block.stateLine = line.trim();
			block.stateLineNo = lineNo;
		} else {
			// The 5th line is the last error whatever its words; it must follow a state line.
			const m = block.stateLineNo !== null ? VALUE_LINE.exec(line) : null;
			if (!m) continue;
			block.lastError = m[1];
		}
		block.next = s + 1;
		return true;
	}
	return false;
}

/**
 * Turns blocks into report writers. Which last-error text means "no error" is decided per listing from
 * structure: the text most stable ([1]) writers share. The known-text table is only a fallback for
 * listings without stable writers.
 */
function toWriters(path: string, blocks: readonly Block[]): Writer[] {
	const noError = majorityStableError(blocks);
	return blocks.map((b): Writer => {
		const stated = b.lastError !== null ? statedHresult(b.lastError) : null;
		const isNoError = b.lastError !== null && stated === null && (b.lastError === noError || isKnownNoErrorText(b.lastError));
		const hresult = stated ?? (b.lastError !== null && !isNoError ? (LAST_ERROR_HRESULTS[b.lastError] ?? null) : null);
		return writerOfBlock(path, b, { lastError: b.lastError, lastErrorHresult: hresult, hasLastError: b.lastError !== null && !isNoError });
	});
}

/** An error code or VSS constant a last-error text states (`0x800423F3`, `VSS_E_WRITERERROR_RETRYABLE`), what its words are; null for none or S_OK. */
function statedHresult(text: string): string | null {
	const code = STATED_CODE.exec(text);
	const hr = code ? (normalizeHresult(code[0]) ?? null) : null;
	if (hr !== null) return hr === S_OK ? null : hr;
	const name = STATED_NAME.exec(text);
	return name ? (hresultOfName(name[0]) ?? null) : null;
}

const STATED_CODE = /\b0x[0-9A-Fa-f]{8}\b/;
const STATED_NAME = /\bVSS_E_[A-Z_]+\b/;
const S_OK = '0x00000000';

function majorityStableError(blocks: readonly Block[]): string | null {
	const counts = new Map<string, number>();
	// A text the table knows as an error, or one stating a code, is no listing's "no error", however many stable writers show it.
	for (const b of blocks) if (b.stateCode === 1 && b.lastError !== null && !LAST_ERROR_HRESULTS[b.lastError] && statedHresult(b.lastError) === null) counts.set(b.lastError, (counts.get(b.lastError) ?? 0) + 1);
	let best: string | null = null,
		bestCount = 0;
	for (const [text, n] of counts)
		if (n > bestCount) {
			best = text;
			bestCount = n;
		}
	return best;
}
