import { isKnownNoErrorText, LAST_ERROR_HRESULTS } from '../knowledge/writerErrors';
import { writerService } from '../knowledge/writerServices';
import { writerState } from '../knowledge/writerStates';
import type { Writer, WriterListing } from '../model/report';
import type { Detection, FormatDefinition, LineReader, ReadResult } from './format';

// Line shapes (formats.md §1.1). Labels are localized, so they are matched as "anything up to the
// colon" and never compared; meaning comes from the position in the block, GUIDs and `[n]`.
// `\s*:` because French puts a space before the colon.
const NAME_LINE = /^\s*([^:'"{}[\]]{1,80}?)\s*:\s*(['"])(.*)\2\s*$/;
const GUID_LINE = /^\s*[^:{}[\]]{1,80}?\s*:\s*\{([0-9A-Fa-f-]{36})\}\s*$/;
/** A GUID cut by an 80-column console wrap: the rest of it (and `}`) is on the next line. */
const GUID_LINE_WRAPPED = /^\s*[^:{}[\]]{1,80}?\s*:\s*\{([0-9A-Fa-f-]{1,35})\s*$/;
const STATE_LINE = /^\s*[^:{}[\]]{1,80}?\s*:\s*\[(\d{1,3})\]\s*(.*?)\s*$/;
const VALUE_LINE = /^\s*[^:{}[\]]{1,80}?\s*:\s*(.*?)\s*$/;
const HEADER_TOOL = /^\s*vssadmin \d+\.\d+ - /;
const HEADER_COPYRIGHT = /^\s*\(C\) Copyright 2001(?:-\d{4})? Microsoft Corp\.?\s*$/;
/** `C:\Windows\system32>vssadmin list writers` echoed in a pasted console, or a bare prompt. */
const PROMPT = /^\s*(?:PS )?[A-Za-z]:\\[^>]*>\s*(.*)$/;
/** The only preamble vssadmin prints; it is English on every system seen (formats.md §1.1). */
const PREAMBLE = new Set(['Waiting for responses.', 'These may be delayed if a shadow copy is being prepared.']);

/** Positions inside a writer block after the name line. */
type Slot = 'writerId' | 'instanceId' | 'state' | 'lastError';
const SLOTS: readonly Slot[] = ['writerId', 'instanceId', 'state', 'lastError'];

interface Block {
	name: string;
	nameLine: number;
	writerId: string | null;
	instanceId: string | null;
	stateCode: number | null;
	stateText: string | null;
	stateLine: string | null;
	stateLineNo: number | null;
	lastError: string | null;
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
export const vssadminWriters: FormatDefinition = {
	id: 'vssadmin-list-writers',
	title: 'vssadmin list writers',
	url: 'https://learn.microsoft.com/windows-server/administration/windows-commands/vssadmin-list-writers',
	variants: [
		{ name: 'en', samples: [EN] },
		{
			name: 'en-waiting-preamble',
			samples: [`vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool
(C) Copyright 2001-2013 Microsoft Corp.

Waiting for responses.
These may be delayed if a shadow copy is being prepared.

Writer name: 'Microsoft Exchange Writer'
   Writer Id: {76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}
   Writer Instance Id: {0798db2b-6d29-5075-89a3-014e629ad9d2}
   State: [8] Failed
   Last error: Retryable error
`],
		},
		{
			name: 'fr',
			samples: [`vssadmin 1.1 - Outil ligne de commande d'administration du service de cliché instantané de volume
(C) Copyright 2001-2013 Microsoft Corp.

Nom du rédacteur : 'Task Scheduler Writer'
   ID du rédacteur : {d61d61c8-d73a-4eee-8cdd-f6f9786b7124}
   ID de l’instance du rédacteur : {1bddd48e-5052-49db-9b07-b96f96727e6b}
   État : [1] Stable
   Dernière erreur : Aucune erreur
`],
		},
		{
			name: 'de',
			samples: [`Verfassername: 'System Writer'
   Verfasserkennung: {e8132975-6f93-4464-a53e-1050253ae220}
   Verfasserinstanzkennung: {2ed30535-dd89-526c-b699-1037110ecfd1}
   Status: [7] Fehlgeschlagen
   Letzter Fehler: Kein Fehler
`],
		},
		{
			name: 'ja',
			samples: [`C:\\Windows\\system32>vssadmin list writers
vssadmin 1.1 - ボリューム シャドウ コピー サービス管理コマンド ライン ツール
(C) Copyright 2001-2013 Microsoft Corp.

ライター名: 'System Writer'
   ライター Id: {e8132975-6f93-4464-a53e-1050253ae220}
   ライター インスタンス Id: {7a1e2bd0-4a5c-4d5e-9a3f-0b8d6c1e2f30}
   状態: [1] 安定
   最後のエラー: エラーなし
`],
		},
		{ name: 'legacy-2005-error', samples: ['vssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\n(C) Copyright 2001-2005 Microsoft Corp.\n\nError: A Volume Shadow Copy Service component encountered an unexpected error.\nCheck the Application event log for more information.\n'] },
		{ name: 'legacy-2001-empty', samples: ['C:\\>vssadmin list writers\nvssadmin 1.1 - Volume Shadow Copy Service administrative command-line tool\n(C) Copyright 2001 Microsoft Corp.\n\n'] },
	],

	detect(head) {
		return detectListing(head);
	},

	reader(path) {
		return new WritersReader(path);
	},
};

function detectListing(head: readonly string[]): Detection | null {
	let header = false;
	for (let i = 0; i < head.length; i++) {
		const prompt = PROMPT.exec(head[i]);
		if (prompt && /^vssadmin\s+list\s+writers\b/i.test(prompt[1])) return { variant: 'console', reason: `line ${i + 1} echoes the command 'vssadmin list writers'` };
		if (HEADER_TOOL.test(head[i])) header = true;
		if (NAME_LINE.test(head[i]) && isWriterBlock(head, i + 1)) {
			return { variant: header ? 'listing' : 'pasted-blocks', reason: `${header ? 'vssadmin header and ' : ''}a writer block at line ${i + 1} (quoted name, two {GUID} lines, [n] state)` };
		}
	}
	if (header && head.some((l) => HEADER_COPYRIGHT.test(l))) {
		// vssadmin's own header with no blocks at all: an empty listing or an error output. `list writers` is
		// the listing collected for quiesce problems; other vssadmin listings have blocks of their own.
		return { variant: 'no-blocks', reason: 'vssadmin header with no blocks after it (empty listing or error output)' };
	}
	return null;
}

/** Name line followed (after an optional wrapped GUID) by two GUID lines and a `[n]` state line. */
function isWriterBlock(lines: readonly string[], from: number): boolean {
	const rest: string[] = [];
	for (let i = from; i < lines.length && rest.length < 3; i++) {
		const wrapped = GUID_LINE_WRAPPED.exec(lines[i]);
		rest.push(wrapped && i + 1 < lines.length ? lines[i] + lines[++i].trim() : lines[i]);
	}
	return rest.length === 3 && GUID_LINE.test(rest[0]) && GUID_LINE.test(rest[1]) && STATE_LINE.test(rest[2]);
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
	private unparsed = 0;
	private current: Block | null = null;
	/** A wrapped GUID line waiting for its continuation. */
	private pending: { text: string; lineNo: number } | null = null;

	constructor(private readonly path: string) {}

	line(text: string, lineNo: number): void {
		if (this.pending) {
			const held = this.pending;
			this.pending = null;
			if (this.current && GUID_LINE.test(held.text + text.trim()) && fillSlot(this.current, held.text + text.trim(), held.lineNo)) return;
			this.handle(held.text, held.lineNo, false);
		}
		this.handle(text, lineNo, true);
	}

	private handle(text: string, lineNo: number, mayHold: boolean): void {
		const trimmed = text.trim();
		if (trimmed === '') {
			this.close('blank');
			return;
		}
		const name = NAME_LINE.exec(text);
		if (name && !(this.current && this.current.next === SLOTS.indexOf('lastError'))) {
			this.close('next');
			this.current = { name: name[3], nameLine: lineNo, writerId: null, instanceId: null, stateCode: null, stateText: null, stateLine: null, stateLineNo: null, lastError: null, next: 0 };
			this.blocks.push(this.current);
			return;
		}
		if (this.current) {
			if (mayHold && this.current.next <= 1 && GUID_LINE_WRAPPED.test(text)) {
				this.pending = { text, lineNo };
				return;
			}
			if (fillSlot(this.current, text, lineNo)) return;
			this.close('next');
			this.unparsed++;
			return;
		}
		if (PROMPT.test(text) || HEADER_TOOL.test(text) || HEADER_COPYRIGHT.test(text) || PREAMBLE.has(trimmed)) return;
		if (this.blocks.length === 0) {
			this.preBlockText.push(trimmed);
			this.preBlockLine ??= lineNo;
			return;
		}
		this.unparsed++;
	}

	private close(why: 'blank' | 'eof' | 'next'): void {
		const c = this.current;
		if (c && c.next < SLOTS.length) {
			const missing = SLOTS.slice(c.next).join(', ');
			this.problems.push(why === 'eof'
				? `The listing ends inside the block of writer '${c.name}' (line ${c.nameLine}; missing ${missing}): the file looks truncated.`
				: `The block of writer '${c.name}' (line ${c.nameLine}) is incomplete (missing ${missing}).`);
		}
		this.current = null;
	}

	end(): ReadResult {
		if (this.pending) {
			// The file ends on a cut GUID: it was truncated there.
			this.unparsed++;
			this.pending = null;
		}
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
		for (const w of writers) {
			if (w.stateCode !== null && w.state === null) this.problems.push(`Writer '${w.name}' has state [${w.stateCode}] (line ${w.stateSource?.line}), which VSS does not define.`);
		}
		const errorLine = status === 'error' ? this.preBlockLine : null;
		const listing: WriterListing = { path: this.path, status, count: writers.length, errorText, errorLine };
		return { facts: { writerListings: [listing], writers }, unparsedLines: this.unparsed, problems: this.problems };
	}
}

/** Puts a line into the block's next matching slot; false when the line fits no remaining slot. */
function fillSlot(block: Block, line: string, lineNo: number): boolean {
	for (let s = block.next; s < SLOTS.length; s++) {
		const slot = SLOTS[s];
		if (slot === 'writerId' || slot === 'instanceId') {
			const m = GUID_LINE.exec(line);
			if (!m) continue;
			// Only one GUID seen and the line after is the state: the missing one is the instance id.
			block[slot] = m[1].toLowerCase();
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
		const info = b.stateCode !== null ? writerState(b.stateCode) : undefined;
		const isNoError = b.lastError !== null && (b.lastError === noError || isKnownNoErrorText(b.lastError));
		const hresult = b.lastError !== null && !isNoError ? LAST_ERROR_HRESULTS[b.lastError] ?? null : null;
		return {
			name: b.name,
			writerId: b.writerId,
			instanceId: b.instanceId,
			stateCode: b.stateCode,
			state: info?.name ?? null,
			stateText: b.stateText,
			stateLine: b.stateLine,
			stateSource: b.stateLineNo !== null ? { path, line: b.stateLineNo } : null,
			lastError: b.lastError,
			lastErrorHresult: hresult,
			hasLastError: b.lastError !== null && !isNoError,
			failed: info?.failed ?? false,
			service: writerService(b.name),
			source: { path, line: b.nameLine },
			listing: path,
		};
	});
}

function majorityStableError(blocks: readonly Block[]): string | null {
	const counts = new Map<string, number>();
	for (const b of blocks) if (b.stateCode === 1 && b.lastError !== null) counts.set(b.lastError, (counts.get(b.lastError) ?? 0) + 1);
	let best: string | null = null, bestCount = 0;
	for (const [text, n] of counts) if (n > bestCount) { best = text; bestCount = n; }
	return best;
}
