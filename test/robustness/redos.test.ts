// Every regular expression in src/ is checked by recheck (https://makenowjust-labs.github.io/recheck/)
// for catastrophic backtracking: exponential AND polynomial (an unanchored pattern that rescans the rest
// of a line from every start is quadratic, and a hostile 10 MB line then hangs the analysis).
// Patterns are found in the source text, not by a hand-kept list, so a new pattern is checked the day
// it is written: regex literals, and `new RegExp(...)` whose source is folded from string constants
// (same file or imported). A RegExp built from a value known only at run time must be listed in
// DYNAMIC with a representative value and why that value cannot carry regex syntax.
// TextMate grammars (syntaxes/) are not checked here: VS Code runs them itself with a per-line
// tokenization limit (editor.maxTokenizationLineLength).
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { repoRoot } from '../lib/paths';

// recheck has no bundled types in our setup; its documented API: checkSync(source, flags, params).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkSync } = require('recheck') as {
	checkSync(source: string, flags: string, params?: { timeout?: number; incubationTimeout?: number | null }): { status: 'safe' | 'vulnerable' | 'unknown'; complexity?: { type: string }; attack?: { pattern: string }; error?: { kind: string } };
};

/** Run-time values inside `new RegExp` templates: `file:expression` → representative values and why they are representative. */
const DYNAMIC: Record<string, { values: string[]; why: string }> = {
	'src/core/analysis/consistency.ts:ctx.snapshotUid': { values: ['4'], why: 'a number parsed by \\d+ from vmware.log' },
	'src/core/formats/vss/vssManifest.ts:root': { values: ['BACKUP_COMPONENTS'], why: 'a DocKind constant of the format table' },
	"src/core/formats/lib/format.ts:literals.map(escapeLiteral).join('|')": {
		values: [String.raw`VpxLRO|fault\.|quiesc|I\/O|Tools is not`, String.raw`\*\*\* |vmbackup|Tools Version: `],
		why: 'quick-lane literals, each escaped to match as it is and joined by |: no quantifier, nothing to backtrack over',
	},
	'src/core/formats/esxi/esxiAgentLog.ts:AGENT_STARTS.absent': {
		values: [String.raw`(?!Task Created : |Task Completed : |State Transition \(|Tools )`],
		why: 'Prefixes.absent of the constant AGENT_STARTS: its literals, each escaped, in one negative lookahead',
	},
	'src/core/formats/esxi/vmwareLog.ts:VMX_STARTS.absent': {
		values: [String.raw`(?!Msg_|\[msg\.|DICT |Guest: |Log for |LWD: |PANIC: |GuestRpcSendTimedOut: message to toolbox timed out|Tools: Tools heartbeat timeout)`],
		why: 'Prefixes.absent of the constant VMX_STARTS: its literals, each escaped, in one negative lookahead',
	},
	'src/core/formats/esxi/esxiAgentLog.ts:agent': { values: ['hostd', 'vpxa', 'vpxd'], why: "an Agent constant: a lower-case word, the agent's name" },
	'src/core/formats/tools/toolsConf.ts:...TOOLS_GROUPS': { values: ['logging|vmbackup|guestinfo|setenvironment'], why: 'the group names Tools reads, a constant set of lower-case words joined by |' },
	"src/core/formats/windows/registryExport.ts:HEADER5.replace(/\\./g, '\\\\.')": { values: [String.raw`Windows Registry Editor Version 5\.00`], why: 'the constant header, its dots escaped' },
	'src/core/formats/windows/registryExport.ts:HEADER4': { values: ['REGEDIT4'], why: 'the constant header of version 4' },
	'src/core/formats/esxi/vmwareLog.ts:OLD_LINE.source': { values: [String.raw`^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2}))\| ([^|\s]+)\| ([A-Z])(\d{3})([:+])(?: (.*))?$`], why: "the module's own OLD_LINE, checked as it is" },
	'src/core/formats/esxi/vmwareLog.ts:NEW_LINE.source': {
		values: [String.raw`^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:\d{2})) ([A-Z][a-z])\((\d{2})\)(\+?) ([\w.#-]+)(?: (.*))?$`],
		why: "the module's own NEW_LINE, checked as it is",
	},
	'src/core/report/timeline.ts:decimal': { values: ['8451'], why: 'String() of a number masked to 16 bits' },
	"src/core/knowledge/azureBackupCodes.ts:Object.keys(AZURE_BACKUP_CODES).join('|')": {
		values: ['ExtensionFailedVssWriterInBadState|ExtensionFailedVssServiceInBadState|ExtensionSnapshotFailedCOM|ExtensionInstallationFailedCOM|ExtensionInstallationFailedMDTC'],
		why: "the table's keys, constant names of letters only, joined by |: no quantifier, nothing to backtrack over",
	},
	"src/core/knowledge/xapiCodes.ts:Object.keys(XAPI_QUIESCE_CODES).join('|')": {
		values: ['VM_SNAPSHOT_WITH_QUIESCE_FAILED|VM_SNAPSHOT_WITH_QUIESCE_TIMEOUT|VM_SNAPSHOT_WITH_QUIESCE_PLUGIN_DEOS_NOT_RESPOND|XEN_VSS_REQ_ERROR_INIT_FAILED'],
		why: "the table's keys, XAPI constant names of capitals and underscores only, joined by |: no quantifier, nothing to backtrack over",
	},
	"src/core/formats/windows/eventMessages.ts:VM_ID_LABELS.map(cuttable).join('|')": {
		values: [
			String.raw`V\s?i\s?r\s?t\s?u\s?a\s?l\sm\s?a\s?c\s?h\s?i\s?n\s?e\sI\s?D|仮\s?想\s?マ\s?シ\s?ン\sI\s?D|I\s?D\sd\s?e\s?s\sv\s?i\s?r\s?t\s?u\s?e\s?l\s?l\s?e\s?n\sC\s?o\s?m\s?p\s?u\s?t\s?e\s?r\s?s|I\s?D\sd\s?e\sm\s?a\s?c\s?h\s?i\s?n\s?e\sv\s?i\s?r\s?t\s?u\s?e\s?l\s?l\s?e|I\s?D\sd\s?e\sl\s?a\sm\s?a\s?c\s?h\s?i\s?n\s?e\sv\s?i\s?r\s?t\s?u\s?e\s?l\s?l\s?e`,
		],
		why: "VMMS's constant labels, a blank allowed between two letters (\\s?) and one between words: every quantifier stands between literal letters and takes one character, nothing to backtrack over",
	},
	'src/core/decode/paste.ts:levels': { values: ['1', '2', '5'], why: 'a count of indentation levels, a number: the group it repeats is anchored and has two fixed alternatives' },
	'src/core/ingest/globs.ts:body': {
		values: [String.raw`[^/]*\.vmdk`, 'tmp', String.raw`(?:[^/]*\.(?:vmdk|vmem))`],
		why:
			'a user exclusion glob compiled by globSource; globs matching a name in any folder (the other branch) have no `/`, so no `**/` spans. ' +
			'Several `**` in one glob are polynomial by nature; report paths are capped (archives.ts MAX_NAME_CHARS, PATH_MAX on disk)',
	},
};
/** Most variants one pattern expands to (conditionals × dynamic values). */
const MAX_VARIANTS = 64;

interface Found {
	where: string;
	source: string;
	flags: string;
}

function sourceFiles(dir: string): string[] {
	const out: string[] = [];
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) out.push(...sourceFiles(p));
		else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
	}
	return out;
}

const parsed = new Map<string, ts.SourceFile>();
function parse(file: string): ts.SourceFile {
	let sf = parsed.get(file);
	if (!sf) {
		sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
		parsed.set(file, sf);
	}
	return sf;
}

/** The initializer of a top-level `const name = …` in a file, following one named import. */
function constInitializer(sf: ts.SourceFile, name: string): { sf: ts.SourceFile; init: ts.Expression } | null {
	for (const st of sf.statements) {
		if (ts.isVariableStatement(st)) {
			for (const d of st.declarationList.declarations) {
				if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return { sf, init: d.initializer };
			}
		}
		if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.moduleSpecifier.text.startsWith('.')) {
			const bindings = st.importClause?.namedBindings;
			if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => e.name.text === name)) {
				const target = path.resolve(path.dirname(sf.fileName), st.moduleSpecifier.text);
				const file = fs.existsSync(`${target}.ts`) ? `${target}.ts` : path.join(target, 'index.ts');
				return constInitializer(parse(file), name);
			}
		}
	}
	return null;
}

/** Every string of a + b (a cartesian product of the variants). */
const concat = (...parts: string[][]): string[] => parts.reduce((acc, p) => acc.flatMap((a) => p.map((b) => a + b)), ['']).slice(0, MAX_VARIANTS);

/**
 * The string values an expression built from constants can have (a conditional gives both branches);
 * throws naming what it cannot fold.
 */
function fold(sf: ts.SourceFile, e: ts.Expression, rel: string): string[] {
	if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e)) return fold(sf, e.expression, rel);
	if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
	if (ts.isConditionalExpression(e)) return [...fold(sf, e.whenTrue, rel), ...fold(sf, e.whenFalse, rel)];
	if (ts.isTaggedTemplateExpression(e) && e.tag.getText(sf) === 'String.raw') {
		const t = e.template;
		// String.raw keeps the raw text (backslashes as written).
		const raw = (n: ts.TemplateLiteralLikeNode) => n.rawText ?? n.text;
		if (ts.isNoSubstitutionTemplateLiteral(t)) return [raw(t)];
		return concat([raw(t.head)], ...t.templateSpans.flatMap((s) => [fold(sf, s.expression, rel), [raw(s.literal)]]));
	}
	if (ts.isTemplateExpression(e)) return concat([e.head.text], ...e.templateSpans.flatMap((s) => [fold(sf, s.expression, rel), [s.literal.text]]));
	if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) return concat(fold(sf, e.left, rel), fold(sf, e.right, rel));
	if (ts.isIdentifier(e)) {
		const c = constInitializer(sf, e.text);
		if (c) return fold(c.sf, c.init, rel);
	}
	if (ts.isPropertyAccessExpression(e) && e.name.text === 'source' && ts.isIdentifier(e.expression)) {
		const c = constInitializer(sf, e.expression.text);
		if (c && ts.isRegularExpressionLiteral(c.init)) return [splitLiteral(c.init.text).source];
	}
	if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'join' && ts.isArrayLiteralExpression(e.expression.expression)) {
		const sep = e.arguments[0] ? fold(sf, e.arguments[0], rel) : [','];
		const items = e.expression.expression.elements.map((x) => fold(sf, x, rel));
		// Joining variants: each item's variants in turn, the others at their first.
		return sep.flatMap((s) => items.flatMap((v, i) => v.map((x) => items.map((o, k) => (k === i ? x : o[0])).join(s)))).slice(0, MAX_VARIANTS);
	}
	const dynamic = DYNAMIC[`${rel}:${e.getText(sf)}`];
	if (dynamic) return dynamic.values;
	throw new Error(`${rel}:${sf.getLineAndCharacterOfPosition(e.getStart(sf)).line + 1}: cannot fold \`${e.getText(sf)}\` into a constant; add it to DYNAMIC with a reason`);
}

function splitLiteral(text: string): { source: string; flags: string } {
	const i = text.lastIndexOf('/');
	return { source: text.slice(1, i), flags: text.slice(i + 1) };
}

/** Every regex literal and RegExp construction in src/. */
function collect(): Found[] {
	const found: Found[] = [];
	for (const file of sourceFiles(path.join(repoRoot, 'src'))) {
		const sf = parse(file);
		const rel = path.relative(repoRoot, file).split(path.sep).join('/');
		const visit = (n: ts.Node): void => {
			const where = () => `${rel}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`;
			if (ts.isRegularExpressionLiteral(n)) found.push({ where: where(), ...splitLiteral(n.text) });
			if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && n.expression.getText(sf) === 'RegExp' && n.arguments?.length) {
				const [src, flags] = n.arguments;
				// new RegExp(re, flags) copies a regex the scan has already seen as a literal.
				if (!ts.isRegularExpressionLiteral(src)) {
					for (const source of fold(sf, src, rel)) for (const f of flags ? fold(sf, flags, rel) : ['']) found.push({ where: where(), source, flags: f });
				}
			}
			ts.forEachChild(n, visit);
		};
		visit(sf);
	}
	return found;
}

describe('regular expressions: none can backtrack catastrophically (recheck)', function () {
	// recheck needs about 0.1 s per pattern, more for the large alternations; a pattern it ran out of time
	// on is checked again with more (below), which a loaded machine may need for a few.
	this.timeout(600_000);
	let patterns: Found[] = [];
	before(() => {
		patterns = collect();
	});

	it('the scan finds the patterns of the readers (it cannot silently find none)', () => {
		assert.ok(patterns.length > 150, `only ${patterns.length} patterns found`);
		assert.ok(
			patterns.some((p) => p.where.startsWith('src/core/formats/esxi/vmwareLog.ts')),
			'vmwareLog.ts has patterns',
		);
		assert.ok(
			patterns.some((p) => p.source.includes('\\d{4}-\\d{2}-\\d{2}T')),
			'imported String.raw constants are folded in',
		);
	});

	it('every pattern in src/ is safe: linear time on any input', () => {
		const unique = new Map<string, Found[]>();
		for (const p of patterns) {
			const key = `/${p.source}/${p.flags}`;
			unique.set(key, [...(unique.get(key) ?? []), p]);
		}
		const problems: string[] = [];
		for (const [key, uses] of unique) {
			const { source, flags } = uses[0];
			// No time limit on the fuzzer's trial matches (incubation): with recheck's 250 ms one, a loaded machine
			// made linear patterns with a bounded repeat (`[^\]]{1,120}`) look polynomial, a different few each run.
			// Its step limit and fixed seed decide alone: the same verdicts on any machine.
			let r = checkSync(source, flags, { timeout: 20_000, incubationTimeout: null });
			// Out of time is no verdict: on a busy machine (2 cores shared) the large alternations took over 20 s.
			if (r.status === 'unknown' && r.error?.kind === 'timeout') r = checkSync(source, flags, { timeout: 90_000, incubationTimeout: null });
			if (r.status !== 'safe') {
				const why = r.status === 'vulnerable' ? `${r.complexity?.type}; attack: ${r.attack?.pattern.slice(0, 120)}` : `unknown (${r.error?.kind ?? 'no verdict'})`;
				problems.push(`${uses.map((u) => u.where).join(', ')}: ${key}\n      ${why}`);
			}
		}
		assert.deepEqual(problems, [], `patterns recheck does not call safe:\n  ${problems.join('\n  ')}`);
	});
});
