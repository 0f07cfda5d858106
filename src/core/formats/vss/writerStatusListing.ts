import { normalizeHresult } from '../../knowledge/hresults';
import { writerState } from '../../knowledge/writerStates';
import type { Writer, WriterListing } from '../../model/report';
import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { NO_KINDS } from '../lib/kinds';
import { foldWidth } from '../lib/width';
import { writerOfBlock, type WriterBlock } from './vssadminCommon';

/**
 * Writer status as DiskShadow (`list writers status`) prints it, in any display language of the system (the
 * tool prints its own English lines, the writer names are the writers' own):
 *
 *   * WRITER "System Writer"
 *           - Status: 5 (VSS_WS_WAITING_FOR_BACKUP_COMPLETE)
 *           - Writer Failure code: 0x00000000 (S_OK)
 *           - Writer ID: {e8132975-…}
 *           - Instance ID: {7e631031-…}
 *   8 writers listed.
 *
 * A block opens with `* WRITER` and a name (quoted or not); its lines are `- label: value` (or `= value`)
 * read by their values: a state number with its `VSS_WS_*` constant, a failure HRESULT, two `{GUID}`s (the
 * writer id first). The closing count (`N writers listed.`) says how many the tool listed: fewer blocks than
 * that make the listing an excerpt. Lines that are no block's (a prompt, the tool's banner, prose) are
 * counted unparsed, but the prompt and banner lines, which are chrome.
 *
 * A requester's `ERROR: Selected writer '…' is in failed state!` block (the VShadow sample's check, which
 * products print inside their own logs) is not read here: inside a product's log it is that product's.
 */

/** A block's first line, `* WRITER "System Writer"` / `* WRITER System Writer`: the name, quotes dropped. */
const WRITER_LINE = /^\*[ \t]+WRITER[ \t]+(?:"([^"]+)"|'([^']+)'|(\S.*))$/;
/** `- Status: 9 (VSS_WS_FAILED_AT_FREEZE)`: the state number, its constant. */
const STATUS_LINE = /^-[ \t]*[^:=\s][^:=]{0,39}[:=][ \t]*(\d{1,2})[ \t]*\((VSS_WS_\w+)\)$/;
/** `- Writer Failure code: 0x800423f2 (VSS_E_WRITERERROR_TIMEOUT)`: the HRESULT and what the tool named it. */
const FAILURE_LINE = /^-[ \t]*[^:=\s][^:=]{0,39}[:=][ \t]*(0x[0-9a-f]{8})(?:[ \t]*\((.*)\))?$/i;
/** `- Writer ID: {…}` / `- Instance ID: {…}`. */
const ID_LINE = /^-[ \t]*[^:=\s][^:=]{0,39}[:=][ \t]*\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}$/i;
/** `8 writers listed.`: the tool's own count. */
const COUNT_LINE = /^(\d{1,4}) writers? listed\.?$/i;
/** The tools' banners and prompts (`DISKSHADOW>`, `Listing writer status ...`, `Microsoft DiskShadow version 1.0`). */
const CHROME = /^\s*(?:DISKSHADOW>|[A-Z]:\\[^>]*>|(?:Microsoft )?(?:DiskShadow|VSHADOW\.EXE)\b|Copyright|On computer:|Listing writer (?:status|metadata)|Gathering writer status|\(Gathering writer metadata)/i;

interface Block extends WriterBlock {
	failure: string | null;
	failureText: string | null;
}

const SAMPLE = `Listing writer status ...
* WRITER "System Writer"
        - Status: 9 (VSS_WS_FAILED_AT_FREEZE)
        - Writer Failure code: 0x800423f2 (VSS_E_WRITERERROR_TIMEOUT)
        - Writer ID: {e8132975-6f93-4464-a53e-1050253ae220}
        - Instance ID: {7e631031-c695-4229-9da1-a7de057e64cb}
* WRITER "Registry Writer"
        - Status: 1 (VSS_WS_STABLE)
        - Writer Failure code: 0x00000000 (S_OK)
        - Writer ID: {afbab4a2-367d-4d15-a586-71dbb18f8485}
        - Instance ID: {e87ba7e3-f8d8-42d8-b2ee-c76ae26b98e8}
2 writers listed.
`;

/**
 * A line without the Markdown quote marks a forum or a KB page put before it (`> - Status: 8 (…)`), its
 * full-width forms folded (lib/width.ts), trimmed: the line patterns above match trimmed lines, so that no
 * white space is matched by two of their parts.
 */
const unquote = (line: string) =>
	foldWidth(line)
		.replace(/^\s*(?:>[ \t]?)+/, '')
		.trim();

/** A block's state line: the state number and the constant agree (a constant VSS defines for that number). */
function stateOf(line: string): { code: number; name: string } | null {
	const m = STATUS_LINE.exec(line);
	if (!m) return null;
	const code = Number(m[1]);
	return writerState(code)?.name === m[2] ? { code, name: m[2] } : null;
}

/** DiskShadow writer status (see the module comment). */
export const writerStatusListing = {
	id: 'diskshadow-writer-status',
	title: 'DiskShadow list writers status',
	url: 'https://learn.microsoft.com/windows-server/administration/windows-commands/list-writers',
	origin: 'guest-windows',
	kinds: NO_KINDS,
	startLine: WRITER_LINE,
	variants: [{ name: 'status', samples: [SAMPLE] }],

	detect(head) {
		// A `* WRITER` line with a state line of an agreeing number and constant within its next lines.
		for (let i = 0; i < head.length; i++) {
			// Only a line with `WRITER` in it, in ASCII or in full-width forms, can be one (most logs' lines have
			// neither: told by a native search, not the unquoting and a regex).
			if (!(head[i].includes('WRITER') || foldWidth(head[i]) !== head[i]) || !WRITER_LINE.test(unquote(head[i]))) continue;
			if (head.slice(i + 1, i + 6).some((l) => stateOf(unquote(l)) !== null)) return { variant: 'status', reason: `'* WRITER' block with a VSS_WS_* state at line ${i + 1}` };
		}
		return null;
	},

	reader(path) {
		return new StatusReader(path);
	},
} satisfies FormatDefinition;

class StatusReader implements LineReader {
	private readonly blocks: Block[] = [];
	private current: Block | null = null;
	private listed: number | null = null;
	private firstLine: string | null = null;
	private firstLineNo: number | null = null;
	private unparsed = 0;

	constructor(private readonly path: string) {}

	line(printed: string, lineNo: number): void {
		this.firstLine ??= printed.trim() === '' ? null : printed.trim();
		if (this.firstLine !== null) this.firstLineNo ??= lineNo;
		const text = unquote(printed);
		const name = WRITER_LINE.exec(text);
		if (name) {
			this.current = {
				name: name[1] ?? name[2] ?? name[3],
				nameLine: lineNo,
				nameText: text.trim(),
				writerId: null,
				instanceId: null,
				stateCode: null,
				stateText: null,
				stateLine: null,
				stateLineNo: null,
				failure: null,
				failureText: null,
			};
			this.blocks.push(this.current);
			return;
		}
		const count = COUNT_LINE.exec(text);
		if (count) {
			// (`list writers` after `list writers status` counts the same writers again.)
			this.listed ??= Number(count[1]);
			this.current = null;
			return;
		}
		if (text.trim() === '' || CHROME.test(text)) return;
		if (this.current && this.fill(this.current, text, lineNo)) return;
		// A `- label: value` line of another kind (a writer's metadata, `- Supports restore events = TRUE`) or a
		// component's (`+ Component "System Writer:\System Files"` and its `- Name: …` lines) is the block's and says
		// nothing about its state; anything else is not understood.
		if (!(this.current && (text.startsWith('-') || text.startsWith('+ ')))) this.unparsed++;
	}

	/** Puts a line into its field of the block by its value; false when it is none of them. */
	private fill(b: Block, text: string, lineNo: number): boolean {
		const state = stateOf(text);
		if (state) {
			b.stateCode = state.code;
			b.stateText = state.name;
			b.stateLine = text.trim();
			b.stateLineNo = lineNo;
			return true;
		}
		const failure = FAILURE_LINE.exec(text);
		if (failure) {
			b.failure = normalizeHresult(failure[1]);
			b.failureText = failure[2] ?? null;
			return true;
		}
		const id = ID_LINE.exec(text);
		if (id) {
			if (b.writerId === null) b.writerId = id[1].toLowerCase();
			else b.instanceId ??= id[1].toLowerCase();
			return true;
		}
		return false;
	}

	end(): ReadResult {
		const problems: string[] = [];
		// A writer's block of `list writers` (its metadata: ids, restore method, `+ Component` entries, no state)
		// pasted beside its status block says nothing of its state: the status block is the writer's.
		const key = (b: Block) => b.writerId ?? b.name;
		const stated = new Set(this.blocks.filter((b) => b.stateCode !== null).map(key));
		const blocks = this.blocks.filter((b) => b.stateCode !== null || !stated.has(key(b)));
		const writers = blocks.map((b) => this.writer(b));
		for (const b of blocks) if (b.stateCode === null) problems.push(`The block of writer '${b.name}' (line ${b.nameLine}) has no state line.`);
		const listing: WriterListing = {
			path: this.path,
			status: writers.length > 0 ? 'ok' : 'empty',
			count: writers.length,
			errorText: null,
			errorLine: null,
			errorFirstLine: null,
			headerLine: this.firstLine,
			// Where it starts (an empty text has no line to start at).
			...(this.firstLineNo !== null ? { line: this.firstLineNo } : {}),
			// The tool's count says whether every writer it listed is here.
			whole: this.listed !== null && this.listed === writers.length,
		};
		return { facts: { writerListings: [listing], writers }, unparsedLines: this.unparsed, problems };
	}

	private writer(b: Block): Writer {
		// S_OK (0x00000000) is no error; any other code is the writer's last error.
		const failed = b.failure !== null && b.failure !== '0x00000000';
		const lastError = b.failure === null ? null : b.failureText ? `${b.failure} (${b.failureText})` : b.failure;
		return writerOfBlock(this.path, b, { lastError, lastErrorHresult: failed ? b.failure : null, hasLastError: failed });
	}
}
