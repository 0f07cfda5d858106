import type { LogRecord } from '../../model/records';
import type { Shadow } from '../../model/report';
import { RecordFold } from '../lib/fold';
import { type Detection, type FormatDefinition, type LineReader, type ReadResult, recordText } from '../lib/format';
import { foldWidth } from '../lib/width';
import { codesIn, errorFields, PRODUCT_KINDS } from '../backup/productText';
import { SHADOW_DEVICE, VOLUME_GUID } from './vssadminCommon';

/**
 * DiskShadow's console output (`diskshadow`, `diskshadow /s script.txt`) around its shadow copies: the commands
 * echoed after its prompt (`DISKSHADOW> create`, `-> create` in a script run), what `create` prints, and the
 * shadow copies `create` and `list shadows` list. Read by structure, in any display language of the system:
 * - a `create` (its prompt, or the alias `VSS_SHADOW_SET` it sets, when the paste starts under the prompt) that
 *   printed anything is one try of DiskShadow, the requester: `product-attempt`;
 * - a line with a VSS code after a command (`- Returned HRESULT: 80042306`, `- Error text: VSS_E_PROVIDER_VETO`
 *   under `The last operation failed.`) is its failure: `product-error` (the constant's name after the same
 *   code is that message's detail, not another);
 * - a shadow copy a `create` lists (`* Shadow copy ID = {…}` then its `- label: value` lines) says the shadow copy
 *   set was made: the try's `product-job`, `success`; every listed shadow copy (after `create` or `list shadows`)
 *   is a `Shadow` of the report. `list shadows` alone reports what exists: no try.
 * Its writer status (`list writers status`) is writerStatusListing's.
 */

/** A command after DiskShadow's prompt, or after the `-> ` it echoes a script's lines with. */
const PROMPT = /^(?:DISKSHADOW>|->)[ \t]*([^ \t].*)?$/i;
/** The commands that act on shadow copies (typed by the user: never translated). */
const SHADOW_COMMAND = /^(?:create|add\s+volume|list\s+shadows|delete\s+shadows|expose|begin\s+backup|end\s+backup)\b/i;
/** A shadow copy's first line: `* Shadow copy ID = {GUID}`, maybe followed by its alias (`%cdrive%`). */
const SHADOW_ID = /^\*[ \t]+[^=*{}\s](?:[^=*{}]{0,78}[^=*{}\s])?[ \t]+=[ \t]+\{([0-9A-Fa-f-]{36})\}(?:[ \t]+%[^%\s]{1,60}%)?$/;
/** A shadow copy's property: `- Shadow copy set: {GUID} %VSS_SHADOW_SET%`, `- Not exposed`. */
const PROPERTY = /^-[ \t]+(?:([^:{}\s](?:[^:{}]{0,78}[^:{}\s])?)[ \t]*:[ \t]*)?([^ \t].*)?$/;
const GUID = /\{([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\}/;
/** The alias `create` gives the new shadow copy set, an environment variable's name (never translated). */
const SET_ALIAS = /\bVSS_SHADOW_SET\b/;
/** A printed local date and time (`2/26/2023 8:43:31 PM`, `2023/02/26 20:43:31`), wherever the language puts it. */
const DATE_TIME = /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},? \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?/i;
/** The drive a volume's line names after its GUID path (`\\?\Volume{…}\ [C:\]`). */
const DRIVE = /\[([A-Za-z]:)\\?\]/;
/** The tool's count after a listing (`Number of shadow copies listed: 1`): a label and a number alone. */
const COUNT = /^[^:{}\d]{1,80}:[ \t]*\d{1,5}$/;
/**
 * DiskShadow's own lines that carry no evidence: the shell's prompt that runs it (`C:\…> diskshadow /s x.txt`),
 * its banner, the `On computer:` line, and the lines of `set verbose on` (`* Including writer "…":`, `+ Adding
 * component: …`, the aliases and the `.cab` it writes).
 */
const OWN_LINE = /^(?:.{0,200}>[ \t]*diskshadow(?:\.exe)?\b|Microsoft DiskShadow\b|Copyright\b|On computer:|[*+][ \t]|.*\{[0-9A-Fa-f-]{36}\}|.*\.cab\b)/i;

const SAMPLE = `DISKSHADOW> add volume C:
DISKSHADOW> create
Alias VSS_SHADOW_1 for shadow ID {50ca3407-1494-4784-ac5a-58eb49df0f7d} set as environment variable.
Alias VSS_SHADOW_SET for shadow set ID {44e61b3c-aeee-4179-ba81-a40ce862d81d} set as environment variable.

Querying all shadow copies with the shadow copy set ID {44e61b3c-aeee-4179-ba81-a40ce862d81d}

        * Shadow copy ID = {50ca3407-1494-4784-ac5a-58eb49df0f7d}               %VSS_SHADOW_1%
                - Shadow copy set: {44e61b3c-aeee-4179-ba81-a40ce862d81d}       %VSS_SHADOW_SET%
                - Original count of shadow copies = 1
                - Original volume name: \\\\?\\Volume{6cd5140b-0000-0000-0000-602200000000}\\ [C:\\]
                - Creation time: 8/12/2024 3:27:04 PM
                - Shadow copy device name: \\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy3
                - Provider ID: {b5946137-7b9f-4925-af80-51abd60b20d5}
                - Attributes:  Auto_Release Differential

Number of shadow copies listed: 1
`;

/** The head's line without a Markdown quote, trimmed and with full-width forms folded. */
const bare = (line: string): string =>
	foldWidth(line)
		.replace(/^\s*(?:>[ \t]?)*/, '')
		.trim();

/** Whether a head shows DiskShadow's output: a shadow copy command after its prompt, or one of its shadow copies listed. */
function detect(head: readonly string[]): Detection | null {
	for (let i = 0; i < head.length; i++) {
		const line = bare(head[i]);
		const prompt = PROMPT.exec(line);
		if (prompt && SHADOW_COMMAND.test(prompt[1] ?? '')) return { variant: 'console', reason: `DiskShadow command '${prompt[1].slice(0, 40)}' at line ${i + 1}` };
		// A shadow copy's id line, its properties under it: the layout of DiskShadow's listing, not vssadmin's.
		if (SHADOW_ID.test(line) && i + 1 < head.length && PROPERTY.test(bare(head[i + 1])) && GUID.test(head[i + 1])) return { variant: 'shadow-list', reason: `DiskShadow shadow copy list at line ${i + 1}` };
	}
	return null;
}

/**
 * A `create` being read: where it was typed, its try number once it printed anything (a command with nothing
 * under it, as a page shows the commands to type, is no try), and whether it listed its shadow copies yet.
 */
interface Create {
	lineNo: number;
	text: string;
	attempt: number | null;
	listed: boolean;
}

class DiskShadowReader implements LineReader {
	private readonly records = new RecordFold();
	private readonly shadows: Shadow[] = [];
	private unparsed = 0;
	private tries = 0;
	/** The `create` whose output the lines are, or null (another command's, or no command yet). */
	private create: Create | null = null;
	/** Whether a command was seen: a shadow copy list before any is a `create`'s only when its set alias says so. */
	private command = false;
	/** The code of the last failure line, for the constant's name under it. */
	private lastCode: string | null = null;
	private shadow: Shadow | null = null;
	/** Whether the line before was one not understood: the sentence above a failure's code lines (`The last operation failed.`). */
	private prose = false;

	constructor(private readonly path: string) {}

	line(printed: string, lineNo: number): void {
		const text = bare(printed);
		const prose = this.prose;
		this.prose = false;
		if (text === '') {
			this.shadow = null;
			return;
		}
		const prompt = PROMPT.exec(text);
		if (prompt) return this.prompt(prompt[1] ?? '', lineNo, text);
		// A paste that starts under the prompt: the set's alias is only ever set by `create`.
		if (!this.command && this.create === null && SET_ALIAS.test(text)) this.startCreate(lineNo, text);
		// Any line under a `create` is its output: the command ran (its writers' lines, an error, the set listed).
		this.outcome();
		const code = codesIn(text).hresult;
		if (code !== null && !SHADOW_ID.test(text) && !GUID.test(text)) {
			// The sentence just above a failure's first code line, in the system's language, is its heading.
			if (prose && this.lastCode === null) this.unparsed--;
			if (code !== this.lastCode) {
				this.push('product-error', errorFields(text, { product: 'diskshadow' }), lineNo, text);
			}
			this.lastCode = code;
			return;
		}
		const id = SHADOW_ID.exec(text);
		if (id) return this.startShadow(id[1], lineNo, text);
		const property = this.shadow ? PROPERTY.exec(text) : null;
		if (property && this.shadow) return this.property(this.shadow, (property[2] ?? '').trim());
		if (OWN_LINE.test(text) || COUNT.test(text)) return;
		this.unparsed++;
		this.prose = true;
	}

	private prompt(command: string, lineNo: number, text: string): void {
		this.command = true;
		this.shadow = null;
		this.lastCode = null;
		this.create = null;
		if (/^create\b/i.test(command)) this.startCreate(lineNo, text);
	}

	private startCreate(lineNo: number, text: string): void {
		this.create = { lineNo, text, attempt: null, listed: false };
	}

	/** The open `create` printed something: it ran, a try announced where it was typed. */
	private outcome(): void {
		const c = this.create;
		if (c === null || c.attempt !== null) return;
		c.attempt = ++this.tries;
		this.push('product-attempt', { product: 'diskshadow', attempt: c.attempt }, c.lineNo, c.text);
	}

	private startShadow(id: string, lineNo: number, text: string): void {
		this.shadow = { setId: null, id: id.toLowerCase(), originalVolume: null, created: null, provider: null, type: null, source: { path: this.path, line: lineNo } };
		this.shadows.push(this.shadow);
		// The shadow copies a `create` lists are the set it made: the try succeeded, once for all of them.
		if (this.create !== null && !this.create.listed) {
			this.create.listed = true;
			this.push('product-job', { product: 'diskshadow', scope: 'job', session: String(this.create.attempt), status: 'success', tasks: null, succeeded: null, failed: null, details: null }, lineNo, text);
		}
	}

	/** A property of the shadow copy by its value's shape: the set (the first GUID), the volume, the time, the provider (the next GUID). */
	private property(s: Shadow, value: string): void {
		const guid = GUID.exec(value)?.[1].toLowerCase();
		if (VOLUME_GUID.test(value)) s.originalVolume ??= DRIVE.exec(value)?.[1] ?? value;
		else if (guid !== undefined && !SHADOW_DEVICE.test(value)) {
			if (s.setId === null) s.setId = guid;
			else s.provider ??= guid;
		} else if (s.created === null && DATE_TIME.test(value)) s.created = DATE_TIME.exec(value)![0];
	}

	private push(kind: 'product-attempt' | 'product-error' | 'product-job', fields: object, lineNo: number, text: string): void {
		this.records.push({ time: null, local: null, kind, fields, source: { path: this.path, line: lineNo }, text: recordText(text) } as LogRecord);
	}

	end(): ReadResult {
		return { facts: { records: this.records.records(), shadows: this.shadows }, unparsedLines: this.unparsed, problems: [] };
	}
}

/** DiskShadow's console output around its shadow copies (see the module comment). */
export const diskShadowConsole = {
	id: 'diskshadow-console',
	title: 'DiskShadow create / list shadows output',
	url: 'https://learn.microsoft.com/windows-server/administration/windows-commands/diskshadow',
	origin: 'backup-product',
	kinds: PRODUCT_KINDS,
	variants: [
		{ name: 'create', samples: [SAMPLE] },
		{ name: 'create-failed', samples: ['DISKSHADOW> add volume C:\nDISKSHADOW> create\n\nThe last operation failed.\n        - Returned HRESULT: 80042306\n        - Error text: VSS_E_PROVIDER_VETO\n'] },
	],
	detect,
	reader: (path: string) => new DiskShadowReader(path),
} satisfies FormatDefinition;
