// TextMate grammars and language associations (syntaxes/*.tmLanguage.json). Plain Node, no VS Code:
// every regex must compile as a JS RegExp, stay linear on 100k-char lines, and colour real fixture lines
// as intended. The token checks run through a small TextMate-style tokenizer built on JS RegExp; when
// vscode-textmate and vscode-oniguruma can be loaded (devDependencies or NODE_PATH) the same checks
// also run through the real engine VS Code uses, otherwise that part is reported as pending.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { decodeText } from '../../src/core/decode/decode';
import { FIXTURES } from '../unit/fixtures';

const ROOT = path.resolve(FIXTURES, '..', '..');
const SYNTAXES = path.join(ROOT, 'syntaxes');

// ---------------------------------------------------------------- grammar model

interface Capture {
	name?: string;
	patterns?: Rule[];
}
interface Rule {
	name?: string;
	comment?: string;
	match?: string;
	begin?: string;
	end?: string;
	while?: string;
	include?: string;
	patterns?: Rule[];
	captures?: Record<string, Capture>;
	beginCaptures?: Record<string, Capture>;
	endCaptures?: Record<string, Capture>;
}
interface Grammar {
	name: string;
	scopeName: string;
	patterns: Rule[];
	repository: Record<string, Rule>;
}

interface Language {
	id: string;
	aliases: string[];
	filenamePatterns?: string[];
	filenames?: string[];
	firstLine?: string;
}
interface GrammarContribution {
	language: string;
	scopeName: string;
	path: string;
}
interface Contributes {
	languages: Language[];
	grammars: GrammarContribution[];
}

/** Language suffix of every scope name, by grammar file. */
const KINDS = {
	'vmware-log': { id: 'quiesce-lens.vmware-log', scope: 'source.quiesce-lens.vmware-log' },
	'esxi-agent-log': { id: 'quiesce-lens.esxi-agent-log', scope: 'source.quiesce-lens.esxi-agent-log' },
	'vssadmin': { id: 'quiesce-lens.vssadmin', scope: 'source.quiesce-lens.vssadmin' },
	'tools-log': { id: 'quiesce-lens.tools-log', scope: 'source.quiesce-lens.tools-log' },
} as const;
type Kind = keyof typeof KINDS;
const KIND_NAMES = Object.keys(KINDS) as Kind[];

const readGrammar = (kind: Kind): Grammar => JSON.parse(fs.readFileSync(path.join(SYNTAXES, `${kind}.tmLanguage.json`), 'utf8')) as Grammar;
const GRAMMARS = new Map<string, Grammar>(KIND_NAMES.map((k) => [KINDS[k].scope, readGrammar(k)]));
const grammarOf = (kind: Kind): Grammar => GRAMMARS.get(KINDS[kind].scope)!;

/** The manifest's language and grammar entries for these kinds. */
function loadContributes(): Contributes {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes?: Partial<Contributes> };
	const ids = new Set<string>(KIND_NAMES.map((k) => KINDS[k].id));
	const found: Contributes = {
		languages: (pkg.contributes?.languages ?? []).filter((l) => ids.has(l.id)),
		grammars: (pkg.contributes?.grammars ?? []).filter((g) => ids.has(g.language)),
	};
	assert.equal(found.languages.length, KIND_NAMES.length, 'package.json declares every quiesce-lens language');
	return found;
}
const CONTRIBUTES = loadContributes();
const languageOf = (kind: Kind): Language => CONTRIBUTES.languages.find((l) => l.id === KINDS[kind].id)!;

/** Every rule of a grammar with a readable path, including capture patterns. */
function* walk(rules: Rule[] | undefined, where: string): Generator<[Rule, string]> {
	for (const [i, rule] of (rules ?? []).entries()) {
		const at = `${where}[${i}]`;
		yield [rule, at];
		yield* walk(rule.patterns, `${at}.patterns`);
		for (const key of ['captures', 'beginCaptures', 'endCaptures'] as const) {
			for (const [n, cap] of Object.entries(rule[key] ?? {})) yield* walk(cap.patterns, `${at}.${key}.${n}`);
		}
	}
}
function* allRules(g: Grammar): Generator<[Rule, string]> {
	yield* walk(g.patterns, 'patterns');
	for (const [key, rule] of Object.entries(g.repository)) yield* walk([rule], `repository.${key}`);
}
function* allRegexes(g: Grammar): Generator<[string, string]> {
	for (const [rule, at] of allRules(g)) {
		for (const key of ['match', 'begin', 'end', 'while'] as const) if (rule[key] !== undefined) yield [rule[key]!, `${at}.${key}`];
	}
}
function* allScopeNames(g: Grammar): Generator<[string, string]> {
	for (const [rule, at] of allRules(g)) {
		if (rule.name) yield [rule.name, at];
		for (const key of ['captures', 'beginCaptures', 'endCaptures'] as const) {
			for (const [n, cap] of Object.entries(rule[key] ?? {})) if (cap.name) yield [cap.name, `${at}.${key}.${n}`];
		}
	}
}

/** Oniguruma-only or ambiguous syntax that JS would silently read differently (or not at all). */
const NOT_PORTABLE: [RegExp, string][] = [
	[/\\[GAzZhHKRX]/, 'Oniguruma-only escape (\\G \\A \\z \\Z \\h \\H \\K \\R \\X)'],
	[/\(\?>/, 'atomic group'],
	[/[*+?}][+]/, 'possessive quantifier'],
	[/\(\?[imx]+[:)-]/, 'inline modifiers'],
	[/\\p\{/, 'property escapes differ between engines'],
	[/\(\?#/, 'comment group'],
	[/\\[0-9]/, 'back-reference (linear time is not guaranteed)'],
];

/** Look-behinds must be fixed-length for Oniguruma: no quantifiers and no alternation inside. */
function lookBehinds(src: string): string[] {
	const found: string[] = [];
	for (let i = src.indexOf('(?<'); i >= 0; i = src.indexOf('(?<', i + 1)) {
		if (src[i + 3] !== '=' && src[i + 3] !== '!') continue; // named group
		let depth = 0;
		let inClass = false;
		let j = i;
		for (; j < src.length; j++) {
			const c = src[j];
			if (c === '\\') {
				j++;
				continue;
			}
			if (inClass) {
				if (c === ']') inClass = false;
				continue;
			}
			if (c === '[') inClass = true;
			else if (c === '(') depth++;
			else if (c === ')' && --depth === 0) break;
		}
		found.push(src.slice(i + 4, j));
	}
	return found;
}
function hasVariableLength(body: string): boolean {
	let inClass = false;
	for (let j = 0; j < body.length; j++) {
		const c = body[j];
		if (c === '\\') {
			j++;
			continue;
		}
		if (inClass) {
			if (c === ']') inClass = false;
			continue;
		}
		if (c === '[') inClass = true;
		else if ('*+?{|'.includes(c)) return true;
	}
	return false;
}

const groupCount = (src: string): number => new RegExp(`${src}|`, 'u').exec('')!.length - 1;

// ---------------------------------------------------------------- a small TextMate-style tokenizer (JS RegExp)

type LineScopes = string[][];
interface Tokenizer {
	tokenizeFile(kind: Kind, lines: string[]): LineScopes[];
}

interface Open {
	rule: Rule;
	g: Grammar;
	names: string[];
}

class MiniTokenizer implements Tokenizer {
	private readonly cache = new Map<string, RegExp>();

	private re(src: string): RegExp {
		let r = this.cache.get(src);
		if (!r) this.cache.set(src, (r = new RegExp(src, 'dgu')));
		return r;
	}

	private resolve(include: string, g: Grammar): [Rule, Grammar] {
		if (include === '$self' || include === '$base') return [{ patterns: g.patterns }, g];
		const hash = include.indexOf('#');
		const target = hash === 0 ? g : GRAMMARS.get(hash < 0 ? include : include.slice(0, hash));
		assert.ok(target, `unknown grammar in include ${include}`);
		if (hash < 0) return [{ patterns: target.patterns }, target];
		const rule = target.repository[include.slice(hash + 1)];
		assert.ok(rule, `unknown repository key in include ${include}`);
		return [rule, target];
	}

	/** Flattens includes and pattern-only containers into the rules that can match, in order. */
	private expand(rules: Rule[], g: Grammar, out: [Rule, Grammar][] = [], seen = new Set<Rule>()): [Rule, Grammar][] {
		for (const rule of rules) {
			if (rule.include) {
				const [target, tg] = this.resolve(rule.include, g);
				if (seen.has(target)) continue;
				seen.add(target);
				this.expand([target], tg, out, seen);
			} else if (rule.match !== undefined || rule.begin !== undefined) {
				out.push([rule, g]);
			} else if (rule.patterns) {
				this.expand(rule.patterns, g, out, seen);
			}
		}
		return out;
	}

	/**
	 * Tokenizes line[start, line.length) with `rules` (or the patterns of the innermost open begin/end rule);
	 * `stack` holds the begin/end rules still open and is updated in place. Returns the scopes of each character.
	 */
	private scan(line: string, start: number, rules: Rule[], g: Grammar, stack: Open[]): LineScopes {
		const out: LineScopes = Array.from({ length: Math.max(line.length - start, 0) }, () => []);
		const put = (from: number, to: number, names: string[]) => {
			for (let i = Math.max(from, start); i < Math.min(to, line.length); i++) out[i - start].push(...names);
		};
		const openNames = () => stack.flatMap((o) => o.names);
		let pos = start;
		for (let guard = 0; pos <= line.length && guard < 4 * line.length + 16; guard++) {
			const top = stack[stack.length - 1];
			const candidates: [string, Rule, Grammar, boolean][] = [];
			if (top) candidates.push([top.rule.end!, top.rule, top.g, true]);
			for (const [rule, rg] of top ? this.expand(top.rule.patterns ?? [], top.g) : this.expand(rules, g)) candidates.push([rule.match ?? rule.begin!, rule, rg, false]);
			let best: { m: RegExpExecArray; rule: Rule; g: Grammar; isEnd: boolean } | undefined;
			for (const [src, rule, rg, isEnd] of candidates) {
				const r = this.re(src);
				r.lastIndex = pos;
				const m = r.exec(line);
				if (m && (!best || m.index < best.m.index)) best = { m, rule, g: rg, isEnd };
			}
			if (!best) break;
			const { m, rule } = best;
			const from = m.index;
			const to = from + m[0].length;
			put(pos, from, openNames());
			const own = rule.name && !best.isEnd ? rule.name.split(' ') : [];
			const names = [...openNames(), ...own];
			put(from, to, names);
			const caps = best.isEnd ? (rule.endCaptures ?? rule.captures) : rule.begin !== undefined ? (rule.beginCaptures ?? rule.captures) : rule.captures;
			this.captures(line, m, caps, best.g, put);
			const stateChanged = best.isEnd || rule.begin !== undefined;
			if (best.isEnd) stack.pop();
			else if (rule.begin !== undefined) stack.push({ rule, g: best.g, names: own });
			if (to > pos) pos = to;
			else if (!stateChanged) {
				put(pos, pos + 1, openNames());
				pos++;
			}
		}
		put(pos, line.length, openNames());
		return out;
	}

	/** Adds capture scopes on top of the whole match's scopes, which `put` already gave every character. */
	private captures(line: string, m: RegExpExecArray, caps: Record<string, Capture> | undefined, g: Grammar, put: (from: number, to: number, names: string[]) => void): void {
		for (const [n, cap] of Object.entries(caps ?? {})) {
			const span = m.indices?.[Number(n)];
			if (!span || span[0] === span[1]) continue;
			const names = cap.name ? cap.name.split(' ') : [];
			if (!cap.patterns) {
				put(span[0], span[1], names);
				continue;
			}
			// Like vscode-textmate: the captured text is tokenized on its own, the line cut at the capture's end.
			const inner = this.scan(line.slice(0, span[1]), span[0], cap.patterns, g, []);
			inner.forEach((s, i) => put(span[0] + i, span[0] + i + 1, [...names, ...s]));
		}
	}

	tokenizeFile(kind: Kind, lines: string[]): LineScopes[] {
		const g = grammarOf(kind);
		const stack: Open[] = [];
		return lines.map((line) => this.scan(line, 0, g.patterns, g, stack).map((s) => [g.scopeName, ...s]));
	}
}

// ---------------------------------------------------------------- the real engine, when it can be loaded

interface TmToken {
	startIndex: number;
	endIndex: number;
	scopes: string[];
}
interface TmGrammar {
	tokenizeLine(line: string, state: unknown, timeLimit?: number): { tokens: TmToken[]; ruleStack: unknown; stoppedEarly: boolean };
}
interface TmModule {
	Registry: new (options: unknown) => { loadGrammar(scope: string): Promise<TmGrammar | null> };
	INITIAL: unknown;
	parseRawGrammar(content: string, filePath: string): unknown;
}
interface OnigModule {
	loadWASM(data: ArrayBuffer): Promise<void>;
	OnigScanner: new (patterns: string[]) => unknown;
	OnigString: new (s: string) => unknown;
}

async function loadTextMate(): Promise<{ tokenizer: Tokenizer; grammars: Map<Kind, TmGrammar>; initial: unknown } | undefined> {
	const tmName = 'vscode-textmate';
	const onigName = 'vscode-oniguruma';
	let tm: TmModule;
	let onig: OnigModule;
	let wasm: Buffer;
	try {
		tm = (await import(tmName)) as TmModule;
		onig = (await import(onigName)) as OnigModule;
		wasm = fs.readFileSync(require.resolve(`${onigName}/release/onig.wasm`));
	} catch {
		return undefined;
	}
	await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
	const registry = new tm.Registry({
		onigLib: Promise.resolve({
			createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
			createOnigString: (s: string) => new onig.OnigString(s),
		}),
		loadGrammar: async (scope: string) => {
			const kind = KIND_NAMES.find((k) => KINDS[k].scope === scope);
			if (!kind) return null;
			const file = path.join(SYNTAXES, `${kind}.tmLanguage.json`);
			return tm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
		},
	});
	const grammars = new Map<Kind, TmGrammar>();
	for (const kind of KIND_NAMES) grammars.set(kind, (await registry.loadGrammar(KINDS[kind].scope))!);
	const tokenizer: Tokenizer = {
		tokenizeFile(kind, lines) {
			let state = tm.INITIAL;
			return lines.map((line) => {
				const r = grammars.get(kind)!.tokenizeLine(line, state);
				state = r.ruleStack;
				const scopes: LineScopes = [];
				for (const t of r.tokens) for (let i = t.startIndex; i < Math.min(t.endIndex, line.length); i++) scopes[i] = t.scopes;
				return scopes;
			});
		},
	};
	return { tokenizer, grammars, initial: tm.INITIAL };
}

// ---------------------------------------------------------------- fixtures and expectations

const linesOf = (file: string): string[] => decodeText(fs.readFileSync(path.join(ROOT, file))).lines;

const B = 'test/fixtures/bundles';
const E = 'test/fixtures/formats/esxi';
const G = 'test/fixtures/formats/guest';
const L = 'test/fixtures/listings';
const S = 'samples/sql-freeze-timeout';

/** Every fixture by the language it should open as. */
const FILES: Record<Kind, string[]> = {
	'vmware-log': [
		`${B}/case-01-success-app-consistent-esxi67/esxi/vmfs/volumes/ds-ssd-01/SQL-PRD-01/vmware.log`,
		`${B}/case-02-vsssyncstart-bad-state-8449-kb1018194/esxi/vmfs/volumes/datastore2/FS-02/vmware.log`,
		`${B}/case-05-exchange-writer-retryable-ps51-utf16/esxi/vmfs/volumes/vsanDatastore/EXCH-MBX-02/vmware.log`,
		`${B}/case-12-2008r2-eventcls-class-not-registered-8193/esxi/vmfs/volumes/ds-bronze/APP-2K8R2-04/vmware.log`,
		`${E}/vmware-esxi55-timeout.log`,
		`${E}/vmware-esxi60-rotated.log`,
		`${E}/vmware-esxi70-dict.log`,
		`${E}/vmware-esxi80-opid.log`,
		`${E}/vmware-hosted-offset.log`,
		`${S}/esxi/vmfs/volumes/ds-prd-sql-01/SQL-PRD-07/vmware.log`,
	],
	'esxi-agent-log': [
		`${B}/case-01-success-app-consistent-esxi67/esxi/var/run/log/hostd.log`,
		`${B}/case-02-vsssyncstart-bad-state-8449-kb1018194/esxi/var/log/vpxa.log`,
		`${B}/case-05-exchange-writer-retryable-ps51-utf16/esxi/var/run/log/hostd.log`,
		`${B}/case-10-tools-not-available-vcenter-export/esxi/var/run/log/hostd.log`,
		`${E}/hostd-esxi55.log`,
		`${E}/hostd-esxi67-rotated.log`,
		`${E}/hostd-esxi70.log`,
		`${E}/hostd-esxi80.log`,
		`${E}/vpxa-esxi55.log`,
		`${E}/vpxd-vc70.log`,
		`${S}/esxi/var/run/log/hostd.log`,
	],
	'vssadmin': [
		`${B}/case-01-success-app-consistent-esxi67/guest/vssadmin-writers.txt`,
		`${B}/case-05-exchange-writer-retryable-ps51-utf16/guest/vssadmin-writers.txt`,
		`${B}/case-07-de-utf16-system-and-wmi-writer-failed/guest/vssadmin-writers.txt`,
		`${B}/case-12-2008r2-eventcls-class-not-registered-8193/guest/vssadmin-writers.txt`,
		...fs
			.readdirSync(path.join(FIXTURES, 'listings'))
			.sort()
			.map((f) => `${L}/${f}`),
		`${S}/guest/vssadmin-writers.txt`,
	],
	'tools-log': [`${B}/case-10-tools-not-available-vcenter-export/guest/var/log/vmware-vmsvc.log`, `${G}/vmware-vmsvc-10.1-linux.log`, `${G}/vmware-vmsvc-10.3-windows.log`, `${G}/vmware-vmsvc-12.1-windows-success.log`, `${S}/guest/vmware-vmsvc.log`],
};
/** Files of no kind here: their first lines must not be claimed by any firstLine. */
const OTHER_FILES = [
	`${G}/vmtoolsd-journal.log`,
	`${G}/SqlWriterLogger-utf16le.txt`,
	`${G}/tools-windows.conf`,
	`${G}/tools-linux.conf`,
	`${E}/shell-esxi80.log`,
	`${E}/SQL-APP-03.vmx`,
	`${E}/SQL-APP-03.vmsd`,
	`${S}/guest/SqlWriterLogger.txt`,
	`${S}/guest/events-application.xml`,
	'test/fixtures/formats/windows/wevtutil-vss-application.xml',
	'test/fixtures/formats/windows/fr-event-copy-utf8.txt',
	'test/fixtures/formats/windows/ja-event-copy-utf16le.txt',
	'test/fixtures/formats/windows/powercli-get-task.csv',
	`${B}/case-10-tools-not-available-vcenter-export/vcenter/tasks-export.csv`,
];
/** Rotated fixtures start mid-record; VS Code then relies on the file name, so the first complete line is used. */
const firstRecord = (lines: string[]): string => lines.find((l) => /^(?:\d{4}-|\[|[A-Z][a-z]{2} |vssadmin |[A-Za-z]:\\|--> )/.test(l)) ?? '';

/** [kind, file, a substring that picks the line, the token on it, the scope every character of the token must carry] */
type Expect = [Kind, string, string, string, string];
const CASE02 = FILES['vmware-log'][1];
const EXPECT: Expect[] = [
	// vmware.log, 5.x/6.x/7.0 pipe era
	['vmware-log', CASE02, 'IDispatch error #8449', '0x80042301', 'invalid.illegal.hresult.vmware-log'],
	['vmware-log', CASE02, 'IDispatch error #8449', 'IDispatch error #8449', 'invalid.illegal.idispatch-error.vmware-log'],
	['vmware-log', CASE02, 'IDispatch error #8449', 'VssSyncStart', 'entity.name.function.operation.vmware-log'],
	['vmware-log', CASE02, 'IDispatch error #8449', '2010-10-10T22:53:29.060Z', 'constant.numeric.timestamp.vmware-log'],
	['vmware-log', CASE02, 'IDispatch error #8449', 'I120', 'comment.other.level.info.vmware-log'],
	['vmware-log', CASE02, 'IDispatch error #8449', '+', 'keyword.operator.continuation.vmware-log'],
	['vmware-log', CASE02, 'The error code was: 5', '5', 'constant.numeric.error-code.vmware-log'],
	['vmware-log', CASE02, 'STARTED -> ERROR_WAIT', 'ERROR_WAIT', 'invalid.illegal.quiesce-state.vmware-log'],
	['vmware-log', CASE02, 'STARTED -> ERROR_WAIT', 'STARTED', 'constant.language.quiesce-state.vmware-log'],
	['vmware-log', CASE02, 'STARTED -> ERROR_WAIT', 'ToolsBackup', 'entity.name.function.vmware-log'],
	['vmware-log', CASE02, 'STARTED -> ERROR_WAIT', 'vcpu-0', 'variable.other.thread.vmware-log'],
	['vmware-log', CASE02, 'Msg_Post: Warning', 'Warning', 'keyword.control.msg-severity.warning.vmware-log'],
	['vmware-log', CASE02, '[msg.snapshot', 'msg.snapshot.quiesce.vmerr', 'entity.name.tag.msg-id.vmware-log'],
	['vmware-log', CASE02, 'TakeSnapshot start', 'SnapshotVMX_TakeSnapshot', 'entity.name.function.take-snapshot.vmware-log'],
	['vmware-log', CASE02, 'TakeSnapshot start', "'hot-clone-tmp'", 'string.quoted.single.vmware-log'],
	['vmware-log', CASE02, 'TakeSnapshot start', 'quiesced', 'variable.parameter.key.quiesced.vmware-log'],
	['vmware-log', CASE02, 'Snapshot 0 failed', 'Failed', 'invalid.illegal.failure.vmware-log'],
	['vmware-log', CASE02, 'Snapshot 0 failed', 'SnapshotVMXTakeSnapshotComplete', 'entity.name.function.vmware-log'],
	['vmware-log', `${E}/vmware-esxi70-dict.log`, 'vm stopped for', '193507', 'constant.numeric.stun.vmware-log'],
	['vmware-log', `${E}/vmware-esxi70-dict.log`, 'libdir', 'DICT', 'keyword.other.dict.vmware-log'],
	['vmware-log', `${E}/vmware-esxi70-dict.log`, 'VigorTransportProcessClientPayload', 'kd82hq1c-11037-auto-8f1-h5:70019283-4a-01-77e0-01-5c1a', 'variable.other.constant.opid.vmware-log'],
	['vmware-log', `${E}/vmware-hosted-offset.log`, 'Log for VMware', '2017-02-13T20:24:26.983-06:00', 'constant.numeric.timestamp.vmware-log'],
	['vmware-log', `${E}/vmware-esxi60-rotated.log`, '*** VmBackupStart', '[   debug]', 'comment.other.level.debug.tools-log'],
	['vmware-log', `${E}/vmware-esxi60-rotated.log`, '*** VmBackupStart', 'vmsvc:vmbackup', 'entity.name.type.domain.tools-log'],
	['vmware-log', `${E}/vmware-esxi60-rotated.log`, '*** VmBackupStart', 'VmBackupStart', 'entity.name.function.step.tools-log'],
	['vmware-log', `${E}/vmware-esxi60-rotated.log`, '*** VmBackupStart', 'Guest', 'support.class.guest.vmware-log'],
	// vmware.log, ESXi 8 syslog era with the opID column
	['vmware-log', `${E}/vmware-esxi80-opid.log`, 'Wa(03)', 'Wa(03)', 'keyword.control.level.warning.vmware-log'],
	['vmware-log', `${E}/vmware-esxi80-opid.log`, 'Wa(03)', 'lnx6ehce-42910-auto-x40-h5:70004075-b2-a9-003a', 'variable.other.constant.opid.vmware-log'],
	['vmware-log', `${E}/vmware-esxi80-opid.log`, "'snapshot_exfill', deviceState=1", 'In(05)', 'comment.other.level.info.vmware-log'],
	['vmware-log', `${E}/vmware-esxi80-opid.log`, "'snapshot_exfill', deviceState=1", 'vim-cmd-09-a45d', 'variable.other.constant.opid.vmware-log'],
	['vmware-log', `${E}/vmware-esxi80-opid.log`, 'quiesced=0', '0', 'keyword.control.quiesced.false.vmware-log'],
	['vmware-log', `${E}/vmware-esxi80-opid.log`, ' - SnapshotVMXTakeSnapshotWork', '-', 'comment.other.opid.none.vmware-log'],
	['vmware-log', `${E}/vmware-esxi80-opid.log`, 'In(05)+ vmx The error code', 'vmx', 'variable.other.thread.vmware-log'],
	['vmware-log', `${E}/vmware-esxi80-opid.log`, 'In(05)+ vmx The error code', '+', 'keyword.operator.continuation.vmware-log'],
	['vmware-log', `${E}/vmware-esxi80-opid.log`, 'IDispatch error #8454', '0x80042306', 'invalid.illegal.hresult.vmware-log'],
	// hostd / vpxa / vpxd
	['esxi-agent-log', `${E}/hostd-esxi55.log`, 'invokeHostTransactionCall-322150621 Status success', '594D7B90', 'variable.other.thread.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi55.log`, 'invokeHostTransactionCall-322150621 Status success', 'info', 'comment.other.level.info.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi55.log`, 'invokeHostTransactionCall-322150621 Status success', "'Vimsvc.TaskManager'", 'entity.name.type.component.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi55.log`, 'invokeHostTransactionCall-322150621 Status success', '131DAF7A-0000094A-aa-61', 'variable.other.constant.opid.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi55.log`, 'invokeHostTransactionCall-322150621 Status success', 'haTask-ha-host-vim.host.NetworkSystem.invokeHostTransactionCall-322150621', 'variable.other.constant.task-id.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi55.log`, 'invokeHostTransactionCall-322150621 Status success', 'success', 'markup.inserted.status.success.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi55.log`, 'Failed operation', 'warning', 'keyword.control.level.warning.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi55.log`, 'Failed operation', 'vpxuser', 'string.unquoted.user.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi55.log`, '--> (vim.fault', '-->', 'comment.other.continuation.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi55.log`, '--> (vim.fault', 'vim.fault.ApplicationQuiesceFault', 'invalid.illegal.fault.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi67-rotated.log`, 'Task Completed', 'hostd', 'support.class.agent.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi67-rotated.log`, 'Task Completed', 'A2C2B70', 'variable.other.thread.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi67-rotated.log`, 'Task Completed', 'Originator@6876', 'comment.other.originator.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi67-rotated.log`, 'Task Completed', 'vpxuser:VSPHERE.LOCAL\\svc-veeam', 'string.unquoted.user.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi67-rotated.log`, 'Task Completed', 'Vimsvc.TaskManager', 'entity.name.type.component.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi67-rotated.log`, 'Task Completed', 'Status', 'keyword.other.status.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi67-rotated.log`, 'Task Completed', 'error', 'invalid.illegal.status.error.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi67-rotated.log`, 'VM_STATE_ON -> VM_STATE_CREATE_SNAPSHOT', 'VM_STATE_CREATE_SNAPSHOT', 'constant.language.vm-state.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi67-rotated.log`, 'Create snapshot failed', 'failed', 'invalid.illegal.failure.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi67-rotated.log`, 'Event 41879', 'Warning message', 'keyword.control.event.warning.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi80.log`, 'Set called with key', 'In(166)', 'comment.other.level.info.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi80.log`, 'Set called with key', 'esxui-a003-5e51', 'variable.other.constant.opid.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi80.log`, 'Set called with key', 'root', 'string.unquoted.user.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi80.log`, 'Db(167)', 'Db(167)', 'comment.other.level.debug.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi80.log`, 'Db(167)', 'vpxuser:<no user>', 'string.unquoted.user.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi80.log`, 'Wa(164)', 'Wa(164)', 'keyword.control.level.warning.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi80.log`, '--> The error message', '-->', 'comment.other.continuation.esxi-agent-log'],
	['esxi-agent-log', `${E}/hostd-esxi80.log`, '--> The error message', 'IDispatch error #8454', 'invalid.illegal.idispatch-error.esxi-agent-log'],
	['esxi-agent-log', `${E}/vpxa-esxi55.log`, '-- ERROR task-768', 'ERROR', 'invalid.illegal.lro.error.esxi-agent-log'],
	['esxi-agent-log', `${E}/vpxa-esxi55.log`, '-- ERROR task-768', 'task-768', 'variable.other.constant.task-id.esxi-agent-log'],
	['esxi-agent-log', `${E}/vpxa-esxi55.log`, '-- ERROR task-768', 'vim.fault.ApplicationQuiesceFault', 'invalid.illegal.fault.esxi-agent-log'],
	['esxi-agent-log', `${E}/vpxa-esxi55.log`, '-- BEGIN task-771', 'BEGIN', 'keyword.other.lro.esxi-agent-log'],
	['esxi-agent-log', `${E}/vpxa-esxi55.log`, 'verbose', 'verbose', 'comment.other.level.debug.esxi-agent-log'],
	['esxi-agent-log', `${E}/vpxd-vc70.log`, '-- ERROR task-88213', 'error', 'invalid.illegal.level.error.esxi-agent-log'],
	['esxi-agent-log', `${E}/vpxd-vc70.log`, '#8690', '0x800423F2', 'invalid.illegal.hresult.esxi-agent-log'],
	// vssadmin
	['vssadmin', `${S}/guest/vssadmin-writers.txt`, 'vssadmin 1.1', 'vssadmin 1.1 - Volume Shadow Copy', 'markup.heading.header.vssadmin'],
	['vssadmin', `${S}/guest/vssadmin-writers.txt`, '(C) Copyright', '(C) Copyright 2001-2013 Microsoft Corp.', 'comment.line.copyright.vssadmin'],
	['vssadmin', `${S}/guest/vssadmin-writers.txt`, 'Waiting for responses', 'Waiting for responses.', 'comment.line.preamble.vssadmin'],
	['vssadmin', `${S}/guest/vssadmin-writers.txt`, "'Task Scheduler Writer'", 'Writer name', 'variable.other.label.vssadmin'],
	['vssadmin', `${S}/guest/vssadmin-writers.txt`, "'Task Scheduler Writer'", "'Task Scheduler Writer'", 'string.quoted.writer-name.vssadmin'],
	['vssadmin', `${S}/guest/vssadmin-writers.txt`, "'Task Scheduler Writer'", "'Task Scheduler Writer'", 'markup.bold.writer-name.vssadmin'],
	['vssadmin', `${S}/guest/vssadmin-writers.txt`, '{d61d61c8-', 'd61d61c8-d73a-4eee-8cdd-f6f9786b7124', 'variable.other.constant.guid.vssadmin'],
	['vssadmin', `${S}/guest/vssadmin-writers.txt`, '[1] Stable', '[1] Stable', 'markup.inserted.writer-state.stable.vssadmin'],
	['vssadmin', `${L}/ja-cp932-sql-failed-at-freeze.txt`, 'system32>vssadmin', 'C:\\Windows\\system32>', 'comment.other.prompt.vssadmin'],
	['vssadmin', `${L}/ja-cp932-sql-failed-at-freeze.txt`, 'system32>vssadmin', 'vssadmin', 'entity.name.function.command.vssadmin'],
	['vssadmin', `${L}/ja-cp932-sql-failed-at-freeze.txt`, 'system32>vssadmin', 'writers', 'support.type.object.vssadmin'],
	['vssadmin', `${L}/ja-cp932-sql-failed-at-freeze.txt`, '[9]', '[9] 失敗', 'invalid.illegal.writer-state.failed.vssadmin'],
	['vssadmin', `${L}/ja-cp932-sql-failed-at-freeze.txt`, 'タイムアウト', 'タイムアウト', 'invalid.illegal.last-error.vssadmin'],
	['vssadmin', `${L}/ja-cp932-sql-failed-at-freeze.txt`, '[5]', '[5] 完了の待機中', 'keyword.control.writer-state.waiting.vssadmin'],
	['vssadmin', `${L}/es-cp850-unknown-locale.txt`, '[10]', '[10] Error', 'invalid.illegal.writer-state.failed.vssadmin'],
	['vssadmin', `${L}/es-cp850-unknown-locale.txt`, 'Error de tiempo de espera', 'Error de tiempo de espera', 'invalid.illegal.last-error.vssadmin'],
	['vssadmin', `${L}/de-utf16be-bom.txt`, '[7]', '[7] Fehlgeschlagen', 'invalid.illegal.writer-state.failed.vssadmin'],
	['vssadmin', `${L}/fr-cp850-ntds-failed-at-post-snapshot.txt`, '[11]', '[11]', 'invalid.illegal.writer-state.failed.vssadmin'],
	['vssadmin', `${L}/en-cp437-error-2005-header.txt`, 'Error:', 'Error', 'invalid.illegal.error.vssadmin'],
	['vssadmin', `${L}/en-cp437-error-2005-header.txt`, 'Error:', 'unexpected error', 'invalid.illegal.error-message.vssadmin'],
	// VMware Tools
	['tools-log', `${G}/vmware-vmsvc-10.1-linux.log`, 'Error freezing filesystems', 'Jul 16 21:00:36.153', 'constant.numeric.timestamp.tools-log'],
	['tools-log', `${G}/vmware-vmsvc-10.1-linux.log`, 'Error freezing filesystems', '[ warning]', 'keyword.control.level.warning.tools-log'],
	['tools-log', `${G}/vmware-vmsvc-10.1-linux.log`, 'Error freezing filesystems', 'vmbackup', 'entity.name.type.domain.tools-log'],
	['tools-log', `${G}/vmware-vmsvc-10.1-linux.log`, 'req.error 3', 'req.error', 'invalid.illegal.event.tools-log'],
	['tools-log', `${G}/vmware-vmsvc-10.1-linux.log`, 'req.error 3', 'vmbackup.eventSet', 'entity.name.function.rpc.tools-log'],
	['tools-log', `${G}/vmware-vmsvc-10.1-linux.log`, 'req.done 0', 'req.done', 'constant.language.event.tools-log'],
	['tools-log', `${G}/vmware-vmsvc-10.1-linux.log`, '" freezeFail', 'freezeFail', 'keyword.control.script-phase.fail.tools-log'],
	['tools-log', `${G}/vmware-vmsvc-10.1-linux.log`, '*** VmBackupSyncDriverStart', 'VmBackupSyncDriverStart', 'entity.name.function.step.tools-log'],
	['tools-log', `${G}/vmware-vmsvc-10.3-windows.log`, '[cached at', 'cached at ', 'comment.other.cached.tools-log'],
	['tools-log', `${G}/vmware-vmsvc-10.3-windows.log`, '#8449', '0x80042301', 'invalid.illegal.hresult.tools-log'],
	['tools-log', `${G}/vmware-vmsvc-10.3-windows.log`, '#8449', 'IDispatch error #8449', 'invalid.illegal.idispatch-error.tools-log'],
	['tools-log', `${G}/vmware-vmsvc-10.3-windows.log`, 'Tools Version', '[ message]', 'comment.other.level.info.tools-log'],
	['tools-log', `${S}/guest/vmware-vmsvc.log`, '#8690', '3260', 'variable.other.thread.tools-log'],
	['tools-log', `${S}/guest/vmware-vmsvc.log`, '#8690', '[   debug]', 'comment.other.level.debug.tools-log'],
	['tools-log', `${S}/guest/vmware-vmsvc.log`, 'checking VssSyncStart', 'VssSyncStart', 'entity.name.function.operation.tools-log'],
	['tools-log', `${G}/vmtoolsd-journal.log`, 'OP_THAW', 'Mar 14 21:56:52', 'constant.numeric.timestamp.tools-log'],
	['tools-log', `${G}/vmtoolsd-journal.log`, 'OP_THAW', '[ warning]', 'keyword.control.level.warning.tools-log'],
	['tools-log', `${G}/vmtoolsd-journal.log`, 'OP_THAW', 'vmsvc', 'support.class.agent.tools-log'],
	['tools-log', `${G}/vmtoolsd-journal.log`, 'exit code: 0', '0', 'constant.numeric.exit-code.tools-log'],
];
/** Tokens that must NOT carry a scope (false positives that would be easy to introduce). */
const EXPECT_NOT: Expect[] = [
	['vssadmin', `${L}/fr-utf8-nobom-pwsh7.txt`, 'vssadmin 1.1', "d'administration", 'string.quoted.single.vssadmin'],
	['vssadmin', `${S}/guest/vssadmin-writers.txt`, '[1] Stable', '[1] Stable', 'invalid.illegal.writer-state.failed.vssadmin'],
	['vssadmin', `${L}/ja-cp932-sql-failed-at-freeze.txt`, '最後のエラー: エラーなし', 'エラーなし', 'invalid.illegal.last-error.vssadmin'],
	['vmware-log', CASE02, 'TakeSnapshot start', 'cbData=3A5C7C0', 'invalid.illegal.hresult.vmware-log'],
	['vmware-log', `${E}/vmware-esxi80-opid.log`, 'In(05)+ vmx The error code', 'The', 'variable.other.constant.opid.vmware-log'],
	['esxi-agent-log', `${E}/hostd-esxi80.log`, 'Set called with key', 'sid', 'variable.other.constant.opid.esxi-agent-log'],
	['tools-log', `${G}/vmware-vmsvc-10.3-windows.log`, 'enableVSS', 'enableVSS', 'entity.name.type.domain.tools-log'],
];

function tokensOf(tokenizer: Tokenizer, kind: Kind, file: string, pick: string, token: string): string[][] {
	const lines = linesOf(file);
	const i = lines.findIndex((l) => l.includes(pick));
	assert.ok(i >= 0, `${file}: no line contains ${JSON.stringify(pick)}`);
	// The token is looked for from where the picking text starts, else from the start of the line.
	const after = lines[i].indexOf(token, lines[i].indexOf(pick));
	const at = after >= 0 ? after : lines[i].indexOf(token);
	assert.ok(at >= 0, `${file}:${i + 1}: no ${JSON.stringify(token)} on the line`);
	const scopes = tokenizer.tokenizeFile(kind, lines)[i];
	return Array.from({ length: token.length }, (_, k) => scopes[at + k] ?? []);
}

function checkExpectations(tokenizer: Tokenizer): void {
	for (const [kind, file, pick, token, scope] of EXPECT) {
		const chars = tokensOf(tokenizer, kind, file, pick, token);
		const bad = chars.findIndex((s) => !s.includes(scope));
		assert.equal(bad, -1, `${path.basename(file)} «${token}» (char ${bad}): expected ${scope}, got ${JSON.stringify(chars[Math.max(bad, 0)])}`);
	}
	for (const [kind, file, pick, token, scope] of EXPECT_NOT) {
		const chars = tokensOf(tokenizer, kind, file, pick, token);
		assert.ok(
			chars.every((s) => !s.includes(scope)),
			`${path.basename(file)} «${token}» must not be ${scope}`,
		);
	}
}

// ---------------------------------------------------------------- hostile lines for the linear-time checks

const HOSTILE_LENGTH = 100_000;
/** Lines of one repeated unit, optionally behind a real line prefix, cut to `n` characters. */
function hostileLines(n = HOSTILE_LENGTH, withPrefixes = true): string[] {
	const fill = (unit: string, prefix = '') => prefix + unit.repeat(Math.ceil(n / unit.length)).slice(0, Math.max(n - prefix.length, 0));
	const units = [' ', 'a', 'A', '0', '_', '-', ':', '[', ']', "'", '"', '|', '=', '.', '\\', '{', '<', '*', '#', '(', '+', 'a_', 'A_', '0x', 'a ', ' :', "'a", '[ ', 'a=', '-a', ' [', 'In(', '0-', 'A ', ':\\', '1]'];
	const prefixes = [
		'2015-05-12T13:54:14.350Z| vmx| I120: ',
		'2023-12-05T17:42:40.666Z In(05) vmx ',
		'2024-06-02T21:19:01.386Z In(166) Hostd[1]: ',
		'[2024-11-15T04:00:02.161Z] [   debug] [vmbackup] [3260] ',
		'   State: ',
		"Writer name: '",
		'C:\\',
		'2015-05-20T10:25:52.748Z [594D7B90 info ',
	];
	const out: string[] = units.map((u) => fill(u));
	if (withPrefixes) for (const p of prefixes) for (const u of [' ', 'a', "'", '[', ':', 'A_']) out.push(fill(u, p));
	return out;
}

// ---------------------------------------------------------------- VS Code's file association rules, for the tests

/** VS Code glob subset used by filenamePatterns on a basename: `*`, `?`, `[…]`. */
function globToRegExp(glob: string): RegExp {
	let src = '';
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i];
		if (c === '*') src += '[^/\\\\]*';
		else if (c === '?') src += '[^/\\\\]';
		else if (c === '[') {
			const j = glob.indexOf(']', i);
			src += glob.slice(i, j + 1).replace(/^\[!/, '[^');
			i = j;
		} else src += c.replace(/[.+^${}()|\\]/g, '\\$&');
	}
	return new RegExp(`^${src}$`);
}
interface Association {
	id: string;
	filename?: string;
	pattern?: string;
	extension?: string;
}
/** Built-in associations that compete for the same files: Log (.log, *.log.?) and Plain Text (.txt). */
const BUILT_IN: Association[] = [
	{ id: 'log', extension: '.log' },
	{ id: 'log', pattern: '*.log.?' },
	{ id: 'plaintext', extension: '.txt' },
];
/** languagesAssociations.ts getAssociationByPath: exact name, then the longest pattern, then the longest extension. */
function languageForFile(file: string): string | undefined {
	const name = path.basename(file).toLowerCase();
	const ours: Association[] = CONTRIBUTES.languages.flatMap((l) => [...(l.filenames ?? []).map((f) => ({ id: l.id, filename: f })), ...(l.filenamePatterns ?? []).map((p) => ({ id: l.id, pattern: p }))]);
	const all = [...BUILT_IN, ...ours];
	const byName = all.find((a) => a.filename?.toLowerCase() === name);
	if (byName) return byName.id;
	const byPattern = all.filter((a) => a.pattern && globToRegExp(a.pattern.toLowerCase()).test(name)).sort((a, b) => b.pattern!.length - a.pattern!.length)[0];
	if (byPattern) return byPattern.id;
	return all.filter((a) => a.extension && name.endsWith(a.extension)).sort((a, b) => b.extension!.length - a.extension!.length)[0]?.id;
}

// ================================================================= tests

describe('TextMate grammars: files, scope names and manifest entries', () => {
	for (const kind of KIND_NAMES) {
		it(`${kind}: valid JSON, scopeName ${KINDS[kind].scope}, every include resolves and every repository rule is used`, () => {
			const g = grammarOf(kind);
			assert.equal(g.scopeName, KINDS[kind].scope);
			assert.ok(g.name && g.patterns.length > 0 && Object.keys(g.repository).length > 0);
			const used = new Set<string>();
			for (const [rule, at] of allRules(g)) {
				if (!rule.include) continue;
				const hash = rule.include.indexOf('#');
				const targetScope: string = hash === 0 ? g.scopeName : hash < 0 ? rule.include : rule.include.slice(0, hash);
				const key: string | undefined = hash < 0 ? undefined : rule.include.slice(hash + 1);
				const target = GRAMMARS.get(targetScope);
				assert.ok(target, `${at}: include of unknown grammar ${rule.include}`);
				assert.ok(key === undefined || key in target.repository, `${at}: include of unknown rule ${rule.include}`);
				if (targetScope === g.scopeName && key !== undefined) used.add(key);
			}
			for (const other of GRAMMARS.values()) {
				for (const [rule] of allRules(other)) if (rule.include?.startsWith(`${g.scopeName}#`)) used.add(rule.include.split('#')[1]);
			}
			assert.deepEqual(
				Object.keys(g.repository).filter((k) => !used.has(k)),
				[],
				'repository rules nothing includes',
			);
		});

		it(`${kind}: every scope name is a theme-recognised root and ends in the language (.${kind})`, () => {
			const roots = /^(comment|constant|entity|invalid|keyword|markup|meta|punctuation|string|support|variable)\./;
			for (const [name, at] of allScopeNames(grammarOf(kind))) {
				for (const part of name.split(' ')) {
					assert.match(part, roots, `${at}: ${part}`);
					assert.ok(part.endsWith(`.${kind}`), `${at}: ${part} does not end in .${kind}`);
				}
			}
		});

		it(`${kind}: every match/begin/end compiles as a JS RegExp (u flag) with no Oniguruma-only syntax, fixed-length look-behinds and valid capture numbers`, () => {
			const g = grammarOf(kind);
			let count = 0;
			for (const [src, at] of allRegexes(g)) {
				count++;
				for (const [re, why] of NOT_PORTABLE) assert.doesNotMatch(src, re, `${at}: ${why}: ${src}`);
				assert.doesNotThrow(() => new RegExp(src, 'u'), `${at}: ${src}`);
				for (const body of lookBehinds(src)) assert.ok(!hasVariableLength(body), `${at}: variable-length look-behind (?<…${body})`);
			}
			for (const [rule, at] of allRules(g)) {
				const groups = (src: string | undefined) => (src === undefined ? -1 : groupCount(src));
				for (const [caps, src] of [
					[rule.captures, rule.match ?? rule.begin],
					[rule.beginCaptures, rule.begin],
					[rule.endCaptures, rule.end],
				] as const) {
					for (const n of Object.keys(caps ?? {})) assert.ok(Number(n) <= groups(src), `${at}: capture ${n} beyond the groups of ${src}`);
				}
			}
			assert.ok(count > 10);
		});
	}

	it('contributes: four languages, each with one grammar at syntaxes/<kind>.tmLanguage.json', () => {
		assert.deepEqual(CONTRIBUTES.languages.map((l) => l.id).sort(), KIND_NAMES.map((k) => KINDS[k].id).sort());
		for (const kind of KIND_NAMES) {
			const entry = CONTRIBUTES.grammars.filter((g) => g.language === KINDS[kind].id);
			assert.deepEqual(entry, [{ language: KINDS[kind].id, scopeName: KINDS[kind].scope, path: `./syntaxes/${kind}.tmLanguage.json` }]);
			const lang = languageOf(kind);
			assert.ok(lang.aliases.length > 0 && lang.firstLine && (lang.filenamePatterns ?? []).length > 0, `${kind}: aliases, firstLine, filenamePatterns`);
		}
	});
});

describe('Language detection: firstLine and filenamePatterns', () => {
	for (const kind of KIND_NAMES) {
		it(`${kind}: firstLine matches the first record of each of its ${FILES[kind].length} fixtures and of no other kind`, () => {
			const own = new RegExp(languageOf(kind).firstLine!);
			for (const file of FILES[kind]) {
				const lines = linesOf(file);
				assert.match(firstRecord(lines), own, `${file}: first record`);
				if (!own.test(lines[0])) assert.notEqual(firstRecord(lines), lines[0], `${file}: only a rotated fragment may miss`);
			}
			for (const other of KIND_NAMES.filter((k) => k !== kind)) {
				for (const file of FILES[other]) {
					const lines = linesOf(file);
					for (const line of new Set([lines[0], firstRecord(lines)])) assert.doesNotMatch(line, own, `${file} must not open as ${kind}`);
				}
			}
			for (const file of OTHER_FILES) assert.doesNotMatch(linesOf(file)[0] ?? '', own, `${file} must not open as ${kind}`);
		});
	}

	it('firstLine: typical first lines written by hand (ESXi 5.0 without level, PowerShell prompt, Tools via syslog, hostd section header)', () => {
		const cases: [string, Kind][] = [
			['2012-05-04T09:24:29.071Z| vmx| Log for VMware ESX pid=3437 version=5.0.0 build=build-469512 option=Release', 'vmware-log'],
			['May 12 13:54:14.350: vmx| Log for VMware Workstation pid=1234 version=7.1.4', 'vmware-log'],
			['2023-12-05T17:42:40.666Z No(00) vmx - ConfigDB: Setting scsi0:0.redo = ""', 'vmware-log'],
			['Section for VMware ESX, pid=2099421, version=5.5.0, build=2068190, option=Release', 'esxi-agent-log'],
			['2018-07-05T21:55:18.660Z info vpxa[9BC1B70] [Originator@6876 sub=vpxLro opID=ecb6776e] [VpxLRO] -- BEGIN task-1', 'esxi-agent-log'],
			['PS C:\\Users\\admin> vssadmin list shadows', 'vssadmin'],
			['C:\\>vssadmin.exe list providers', 'vssadmin'],
			['Mar 14 21:56:47 host vmtoolsd[29258]: [ message] [vmtoolsd] [29258] Tools Version: 12.3.0', 'tools-log'],
			['[Oct  9 12:17:30.424] [ warning] [guestinfo] *** WARNING', 'tools-log'],
		];
		for (const [line, kind] of cases) {
			const hits = KIND_NAMES.filter((k) => new RegExp(languageOf(k).firstLine!).test(line));
			assert.deepEqual(hits, [kind], line);
		}
		for (const line of ['2023-12-05T17:42:32.948Z In(182) vmkernel: cpu3:2097152)World: vm 2103', '2023-12-05T17:36:17.835Z In(14) shell[1053659]: [root]: vim-cmd vmsvc/getallvms', '<?xml version="1.0"?>', 'Tools Version: 12.1.5', 'C:\\>dir']) {
			assert.deepEqual(
				KIND_NAMES.filter((k) => new RegExp(languageOf(k).firstLine!).test(line)),
				[],
				line,
			);
		}
	});

	it('filenamePatterns: every fixture opens as its kind even though .log and .txt already belong to Log and Plain Text', () => {
		for (const kind of KIND_NAMES) {
			for (const file of FILES[kind].filter((f) => !f.startsWith(L))) assert.equal(languageForFile(file), KINDS[kind].id, file);
		}
		const more: [string, string | undefined][] = [
			['vmware.log', KINDS['vmware-log'].id],
			['vmware-96.log', KINDS['vmware-log'].id],
			['VMWARE-3.LOG', KINDS['vmware-log'].id],
			['hostd.log', KINDS['esxi-agent-log'].id],
			['hostd.0', KINDS['esxi-agent-log'].id],
			['vpxd-123.log', KINDS['esxi-agent-log'].id],
			['vpxa.log', KINDS['esxi-agent-log'].id],
			['vmware-vmsvc-root.log', KINDS['tools-log'].id],
			['vmware-vmsvc-SYSTEM.log', KINDS['tools-log'].id],
			['vmware-vmusr-jdoe.log', KINDS['tools-log'].id],
			['vmbackup.log', KINDS['tools-log'].id],
			['vssadmin-writers.txt', KINDS.vssadmin.id],
			['SRV01_vssadmin_list_writers.txt', KINDS.vssadmin.id],
			['vmkernel.log', 'log'],
			['SqlWriterLogger.txt', 'plaintext'],
			['hostd.log.1', 'log'],
		];
		for (const [name, id] of more) assert.equal(languageForFile(name), id, name);
	});
});

describe('TextMate grammars: real fixture lines get the intended scopes (JS RegExp tokenizer)', () => {
	const tokenizer = new MiniTokenizer();
	it(`${EXPECT.length} tokens carry their scope and ${EXPECT_NOT.length} lookalikes do not`, () => checkExpectations(tokenizer));

	it('every fixture line tokenizes, and every line starting with a timestamp gets a timestamp scope', () => {
		for (const kind of KIND_NAMES) {
			for (const file of FILES[kind]) {
				const lines = linesOf(file);
				const scopes = tokenizer.tokenizeFile(kind, lines);
				lines.forEach((line, i) => {
					if (kind !== 'vssadmin' && /^\[?(?:\d{4}-\d{2}-\d{2}T|[A-Z][a-z]{2} [ \d]\d \d)/.test(line)) {
						const at = line.startsWith('[') ? 1 : 0;
						assert.ok(scopes[i][at]?.includes(`constant.numeric.timestamp.${kind}`), `${file}:${i + 1} ${line.slice(0, 60)}`);
					}
				});
			}
		}
	});
});

describe('TextMate grammars: the real engine (vscode-textmate + vscode-oniguruma, optional)', function () {
	let engine: Awaited<ReturnType<typeof loadTextMate>>;
	before(async function () {
		engine = await loadTextMate();
		if (!engine) this.skip();
	});

	it('the same token expectations hold under Oniguruma', () => checkExpectations(engine!.tokenizer));

	it('every fixture and every hostile 100k-character line tokenizes to the end', () => {
		for (const kind of KIND_NAMES) {
			const g = engine!.grammars.get(kind)!;
			for (const file of FILES[kind]) {
				let state = engine!.initial;
				for (const line of linesOf(file)) {
					const r = g.tokenizeLine(line, state, 5000);
					assert.ok(!r.stoppedEarly, `${file}: ${line.slice(0, 60)}`);
					state = r.ruleStack;
				}
			}
			for (const line of hostileLines(HOSTILE_LENGTH, false)) assert.ok(!g.tokenizeLine(line, engine!.initial, 5000).stoppedEarly, `${kind}: hostile line`);
		}
	});
});
