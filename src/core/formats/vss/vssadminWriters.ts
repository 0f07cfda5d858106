import { hresultOfName, normalizeHresult } from '../../knowledge/hresults';
import { escapedLines } from '../../decode/escapedLines';
import { isKnownNoErrorText, LAST_ERROR_HRESULTS } from '../../knowledge/writerErrors';
import type { Writer, WriterListing } from '../../model/report';
import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { NO_KINDS } from '../lib/kinds';
import { foldWidth } from '../lib/width';
import { classifyListing, GUID_LINE, GuidJoiner, HEADER_TOOL, isChrome, LISTING_START, NAME_LINE, PLACEHOLDER_ID_LINE, PROMPT, STATE_LINE, writerOfBlock, type WriterBlock } from './vssadminCommon';

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
	/** vssadmin's header or an echoed prompt came before the first block: the listing was copied whole. */
	private headed = false;
	/** Someone marked writers left out (`[...]`, `<... more ...>`): the listing is an excerpt, header or not. */
	private elided = false;
	private unparsed = 0;
	private current: Block | null = null;
	/** A block ended by a line that fits none of its slots: truncated if the file ends right after. */
	private cut: Block | null = null;
	private readonly joiner = new GuidJoiner((text, lineNo) => this.handle(text, lineNo));

	constructor(private readonly path: string) {}

	line(printed: string, lineNo: number): void {
		// A listing kept as a string literal's escaped lines is read line by line, each at the literal's line.
		for (const text of escapedLines(printed) ?? [printed]) for (const part of unflatten(foldWidth(text))) this.joiner.line(part, lineNo);
	}

	private handle(text: string, lineNo: number): void {
		this.firstLine ??= text.trim();
		if (ELISION.test(text)) this.elided = true;
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
			this.close('next');
			this.current = { name: name[3], nameLine: lineNo, nameText: text.trim(), writerId: null, instanceId: null, stateCode: null, stateText: null, stateLine: null, stateLineNo: null, lastError: null, placeholderLine: null, next: 0 };
			this.blocks.push(this.current);
			return;
		}
		if (this.current) {
			if (fillSlot(this.current, text, lineNo)) return;
			this.cut = this.current.next < SLOTS.length ? this.current : null;
			this.current = null;
			this.unparsed++;
			return;
		}
		if (isChrome(text)) {
			if (this.blocks.length === 0 && (HEADER_TOOL.test(text) || PROMPT.test(text))) this.headed = true;
			return;
		}
		if (this.blocks.length === 0) {
			this.preBlockText.push(trimmed);
			this.preBlockLine ??= lineNo;
			return;
		}
		this.unparsed++;
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
		if (this.cut) this.report(this.cut, 'truncated');
		this.close('eof');
		const writers = toWriters(this.path, this.blocks);
		let status: WriterListing['status'] = 'ok';
		let errorText: string | null = null;
		if (this.blocks.length === 0) {
			status = this.preBlockText.length > 0 ? 'error' : 'empty';
			errorText = this.preBlockText.length > 0 ? this.preBlockText.join(' ') : null;
		} else {
			// Text before the first block of a real listing is a preamble in some other language: not an
			// error, but not understood either.
			this.unparsed += this.preBlockText.length;
		}
		const template = this.blocks.filter((b) => b.placeholderLine !== null);
		if (template.length > 0) this.problems.push(`The ids of ${template.length} writer block(s) are placeholders, not GUIDs (first at line ${template[0].placeholderLine}): a document's template or example, not a listing taken on a machine.`);
		for (const w of writers) {
			if (w.stateCode !== null && w.state === null) this.problems.push(`Writer '${w.name}' has state [${w.stateCode}] (line ${w.stateSource?.line}), which VSS does not define.`);
		}
		const errorLine = status === 'error' ? this.preBlockLine : null;
		const listing: WriterListing = {
			path: this.path,
			status,
			count: writers.length,
			errorText,
			errorLine,
			errorFirstLine: status === 'error' ? this.preBlockText[0] : null,
			headerLine: this.firstLine,
			whole: !this.elided && (this.headed || writers.length >= WHOLE_LISTING_WRITERS),
		};
		return { facts: { writerListings: [listing], writers }, unparsedLines: this.unparsed, problems: this.problems };
	}
}

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
			const m = GUID_LINE.exec(line);
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
