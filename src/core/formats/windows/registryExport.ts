import type { FieldValue, KindRecord, RecordFields } from '../../model/records';
import type { Provider } from '../../model/report';
import type { FormatDefinition, LineReader, ReadResult } from '../lib/format';
import { SETTING_KIND, type KindDeclarations } from '../lib/kinds';
import { RecordFold } from '../lib/fold';

/**
 * Registry exports (`reg export …` / regedit "Export"): `Windows Registry Editor Version 5.00` (UTF-16LE
 * with BOM, decoded before the reader) or `REGEDIT4` (ANSI). Key lines `[HKEY_…\…]` (`[-…]` deletes),
 * value lines `"name"=…` / `@=…` with data `"string"`, `dword:xxxxxxxx`, `hex:…` or `hex(n):…`, where a
 * `\` at the end of a line continues the hex list on the next line (one value), and `-` deletes.
 *
 * Only keys that matter to VSS become records: `Services\VSS` (Providers, VssAccessControl, Settings,
 * Diag), `Services\{vmvss,swprv,SQLWriter,VMTools,EventSystem,COMSysApp}`, `Control\BackupRestore`, the
 * VSS COM+ event class `EventSystem\{26c409cc-ae86-11d1-b616-00805fc79216}`, `VMware, Inc.\VMware Tools`,
 * in any control set. Registry paths are never translated, so matching them is structural.
 *
 * Records:
 * - `registry-key` { key (as printed, without brackets), deleted (boolean) }
 * - `registry-value` { key, name (`''` for the default value `@`), type (`REG_SZ`, `REG_EXPAND_SZ`,
 *   `REG_MULTI_SZ`, `REG_DWORD`, `REG_QWORD`, `REG_BINARY`, `REG_NONE`, other `hex(n)` types as `REG_TYPE_n`;
 *   null when deleted), value (string for strings, multi-strings joined with `\n`; number for DWORD and
 *   QWORD up to 2^53, a `0x…` string beyond; lower-case hex for binary and other types; null when
 *   deleted), deleted (boolean) }, `source.line` = the value's first line
 *
 * Facts: `providers` from `Services\VSS\Providers\{GUID}` keys: id (GUID, lower case), name (default
 * value, else the GUID in braces), type (`Type` DWORD as VSS_PROVIDER_TYPE: System, Software, Hardware,
 * FileShare), version (`Version`). Several keys with one provider name (a stale VMware Snapshot Provider
 * {564d7761-…}) is how 0x80042303 VSS_E_PROVIDER_ALREADY_REGISTERED shows here.
 *
 * Lines: header, key, value (with continuations), comment (`;`) and blank lines are parsed; others unparsed.
 */

declare module '../../model/records' {
	interface RecordFields {
		'registry-key': { key: string; deleted: boolean };
		'registry-value': { key: string; name: string; type: string | null; value: FieldValue; deleted: boolean };
	}
}

/** What the kinds of a registry export mean: settings, never events. */
const REGISTRY_KINDS = {
	'registry-key': SETTING_KIND,
	'registry-value': SETTING_KIND,
} satisfies KindDeclarations;

const HEADER5 = 'Windows Registry Editor Version 5.00';
const HEADER4 = 'REGEDIT4';
const KEY_LINE = /^\[(-?)([^\]]+)\]\s*$/;
/** `"name"=` or `@=`: the name is a quoted string with `\\` and `\"` escapes. */
const VALUE_START = /^(@|"(?:[^"\\]|\\.)*")=([\s\S]*)$/;

const RELEVANT_KEY = new RegExp(
	String.raw`\\(?:` +
		[String.raw`Services\\(?:VSS|vmvss|swprv|SQLWriter|VMTools|EventSystem|COMSysApp)`, String.raw`Control\\BackupRestore`, String.raw`EventSystem\\\{26c409cc-ae86-11d1-b616-00805fc79216\}`, String.raw`VMware, Inc\.\\VMware Tools`].join('|') +
		String.raw`)(?:\\|$)`,
	'i',
);
const PROVIDER_KEY = /\\Services\\VSS\\Providers\\\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}$/i;

/** VSS_PROVIDER_TYPE, as vssadmin prints it in English. */
const PROVIDER_TYPES: Readonly<Record<number, string>> = { 1: 'System', 2: 'Software', 3: 'Hardware', 4: 'FileShare' };
const HEX_TYPES: Readonly<Record<string, string>> = {
	'0': 'REG_NONE',
	'1': 'REG_SZ',
	'2': 'REG_EXPAND_SZ',
	'3': 'REG_BINARY',
	'4': 'REG_DWORD',
	'7': 'REG_MULTI_SZ',
	'b': 'REG_QWORD',
};

/** A value longer than this (characters of its lines) is dropped: VSS values are short. */
const MAX_VALUE_CHARS = 1024 * 1024;

const VSS_PROVIDERS = `Windows Registry Editor Version 5.00

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\VSS\\Providers\\{564d7761-7265-2056-5353-2050726f7669}]
@="VMware Snapshot Provider"
"Type"=dword:00000002
"Version"="1.0.0"
"VersionId"="{00000001-0000-0000-0000-000000000000}"

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\VSS\\VssAccessControl]
"NT Authority\\\\NetworkService"=dword:00000001
"CORP\\\\svc-backup"=dword:00000001
`;

/** `.reg` exports of the VSS keys. */
export const registryExport = {
	id: 'registry-export',
	title: 'Registry export (.reg)',
	url: 'https://learn.microsoft.com/windows-server/administration/windows-commands/reg-export',
	origin: 'guest-windows',
	kinds: REGISTRY_KINDS,
	variants: [
		{ name: 'regedit5', samples: [VSS_PROVIDERS] },
		{
			name: 'regedit4-multi-line-hex',
			samples: [
				`REGEDIT4

[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\BackupRestore\\FilesNotToSnapshot]
"WUA"=hex(7):25,77,69,6e,64,69,72,25,5c,73,6f,66,74,77,61,72,65,64,69,73,74,72,\\
  69,62,75,74,69,6f,6e,5c,2a,2e,2a,20,2f,73,00,00
`,
			],
		},
	],

	startLine: new RegExp(String.raw`^\s*(?:${HEADER5.replace(/\./g, '\\.')}|${HEADER4})\s*$`),

	detect(head) {
		const first = head.find((l) => l.trim() !== '')?.trim();
		if (first === HEADER5) return { variant: 'regedit5', reason: `first line '${HEADER5}'` };
		if (first === HEADER4) return { variant: 'regedit4', reason: `first line '${HEADER4}'` };
		return null;
	},

	reader(path, detection) {
		return new RegReader(path, detection.variant === 'regedit4');
	},
} satisfies FormatDefinition;

interface PendingValue {
	/** The value's text so far, in pieces joined once at the end (re-joining per line would be quadratic). */
	parts: string[];
	/** A `"…"` string (continues with line breaks) rather than a hex list (continues after a `\`). */
	quoted: boolean;
	/** For a string: where its scan stands, fed one line at a time. */
	scan: StringScan;
	firstLine: number;
	firstText: string;
	key: string;
	chars: number;
}

interface ProviderEntry {
	id: string;
	name: string | null;
	type: string | null;
	version: string | null;
	line: number;
}

class RegReader implements LineReader {
	private readonly records = new RecordFold();
	private readonly problems: string[] = [];
	/** By key path (lower case): the same GUID under two control sets is two registrations. */
	private readonly providers = new Map<string, ProviderEntry>();
	private unparsed = 0;
	private key: string | null = null;
	private headerSeen = false;
	private pending: PendingValue | null = null;

	/** `ansi`: REGEDIT4 stores hex strings as single bytes, version 5 as UTF-16LE. */
	constructor(
		private readonly path: string,
		private readonly ansi: boolean,
	) {}

	line(text: string, lineNo: number): void {
		if (this.pending) {
			this.continueValue(this.pending, text);
			return;
		}
		const t = text.trim();
		if (t === '' || t.startsWith(';')) return;
		if (!this.headerSeen && (t === HEADER5 || t === HEADER4)) {
			this.headerSeen = true;
			return;
		}
		const k = KEY_LINE.exec(t);
		if (k) {
			this.key = k[1] === '-' ? null : k[2];
			if (RELEVANT_KEY.test(k[2])) this.records.push(this.record('registry-key', { key: k[2], deleted: k[1] === '-' }, lineNo, t));
			if (this.key !== null) this.provider(this.key, lineNo);
			return;
		}
		if (this.key !== null && VALUE_START.test(t)) {
			const p: PendingValue = { parts: [], quoted: false, scan: 'in', firstLine: lineNo, firstText: t, key: this.key, chars: 0 };
			this.continueValue(p, t);
			return;
		}
		this.unparsed++;
	}

	/**
	 * Adds a line to a value; the value is complete unless its hex list ends in `\` or its string is open.
	 * Only the new line is examined, so a long continued value costs time linear in its length. A
	 * continuation: a hex list loses its `\` and the next line's indentation; a string keeps the line break.
	 */
	private continueValue(p: PendingValue, text: string): void {
		p.chars += text.length;
		if (p.chars > MAX_VALUE_CHARS) {
			this.pending = null;
			this.problems.push(`The value at line ${p.firstLine} is longer than ${MAX_VALUE_CHARS / 1024 / 1024} MiB; it was skipped.`);
			return;
		}
		let last: string;
		if (p.parts.length === 0) {
			last = text.trim();
			const data = VALUE_START.exec(last)![2];
			p.quoted = data.startsWith('"');
			if (p.quoted) p.scan = scanString('in', data.slice(1));
		} else if (p.quoted) {
			last = `\n${text}`;
			p.scan = scanString(p.scan, last);
		} else {
			p.parts[p.parts.length - 1] = p.parts[p.parts.length - 1].slice(0, -1);
			last = text.trim();
		}
		p.parts.push(last);
		const open = p.quoted ? p.scan !== 'closed' : last.endsWith('\\');
		if (open) {
			this.pending = p;
			return;
		}
		this.pending = null;
		this.value(p);
	}

	private value(p: PendingValue): void {
		const text = p.parts.join('');
		const m = VALUE_START.exec(text)!;
		const name = m[1] === '@' ? '' : unescape(m[1].slice(1, -1));
		const parsed = parseData(m[2], this.ansi);
		if (!parsed) {
			this.unparsed += text.split('\n').length;
			return;
		}
		if (RELEVANT_KEY.test(p.key)) {
			this.records.push(this.record('registry-value', { key: p.key, name, type: parsed.type, value: parsed.value, deleted: parsed.type === null }, p.firstLine, p.firstText));
		}
		this.provider(p.key, p.firstLine, name, parsed.value);
	}

	/** Notes a provider registration key (at its key line) and the values that describe it. */
	private provider(key: string, line: number, name?: string, value?: FieldValue): void {
		const id = PROVIDER_KEY.exec(key)?.[1].toLowerCase();
		if (!id) return;
		const e = this.providers.get(key.toLowerCase()) ?? { id, name: null, type: null, version: null, line };
		this.providers.set(key.toLowerCase(), e);
		const lower = name?.toLowerCase();
		if (lower === '' && typeof value === 'string') e.name = value;
		else if (lower === 'type' && typeof value === 'number') e.type = PROVIDER_TYPES[value] ?? String(value);
		else if (lower === 'version' && typeof value === 'string') e.version = value;
	}

	private record<K extends 'registry-key' | 'registry-value'>(kind: K, fields: RecordFields[K], line: number, text: string): KindRecord<K> {
		return { time: null, local: null, kind, fields, source: { path: this.path, line }, text };
	}

	end(): ReadResult {
		if (this.pending) {
			this.problems.push(`The value at line ${this.pending.firstLine} is cut off by the end of the file: it looks truncated.`);
			this.unparsed += this.pending.parts.join('').split('\n').length;
		}
		const providers: Provider[] = [...this.providers.values()].map((p) => ({
			name: p.name ?? `{${p.id}}`,
			type: p.type,
			id: p.id,
			version: p.version,
			source: { path: this.path, line: p.line },
		}));
		return { facts: { records: this.records.records(), providers }, unparsedLines: this.unparsed, problems: this.problems };
	}
}

/** How far a `"…"` string has been read: inside, right after a `\`, closed (only blanks since), or junk after the close. */
type StringScan = 'in' | 'escape' | 'closed' | 'junk';

/** Continues the scan of a string over more of its text (the same verdict as closedString on the whole). */
function scanString(state: StringScan, more: string): StringScan {
	for (let i = 0; i < more.length && state !== 'junk'; i++) {
		const c = more[i];
		if (state === 'escape') state = 'in';
		else if (state === 'in') state = c === '\\' ? 'escape' : c === '"' ? 'closed' : 'in';
		else if (!/\s/.test(c)) state = 'junk';
	}
	return state;
}

/** Whether a `"…"` data string is closed (its last quote is not escaped). */
function closedString(data: string): boolean {
	return /^"(?:[^"\\]|\\[\s\S])*"\s*$/.test(data);
}

/** `\\` → `\`, `\"` → `"` (the only escapes regedit writes). */
const unescape = (s: string): string => s.replace(/\\([\s\S])/g, '$1');

function parseData(data: string, ansi: boolean): { type: string | null; value: FieldValue } | null {
	if (data === '-') return { type: null, value: null };
	if (data.startsWith('"')) return closedString(data) ? { type: 'REG_SZ', value: unescape(data.trim().slice(1, -1)) } : null;
	const dword = /^dword:([0-9a-f]{8})$/i.exec(data);
	if (dword) return { type: 'REG_DWORD', value: parseInt(dword[1], 16) };
	const hex = /^hex(?:\(([0-9a-f]{1,8})\))?:([0-9a-f,\s]*)$/i.exec(data);
	if (!hex) return null;
	const code = (hex[1] ?? '3').toLowerCase().replace(/^0+(?=.)/, '');
	const bytes = Buffer.from(hex[2].replace(/[,\s]/g, ''), 'hex');
	const type = HEX_TYPES[code] ?? `REG_TYPE_${code}`;
	if (type === 'REG_SZ' || type === 'REG_EXPAND_SZ' || type === 'REG_MULTI_SZ') {
		const text = ansi ? bytes.toString('latin1') : bytes.toString('utf16le');
		const parts = text.split('\0').filter((s) => s !== '');
		return { type, value: type === 'REG_MULTI_SZ' ? parts.join('\n') : (parts[0] ?? '') };
	}
	if (type === 'REG_DWORD' && bytes.length === 4) return { type, value: bytes.readUInt32LE(0) };
	if (type === 'REG_QWORD' && bytes.length === 8) {
		const n = bytes.readBigUInt64LE(0);
		return { type, value: n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : `0x${n.toString(16)}` };
	}
	return { type, value: bytes.toString('hex') };
}
