// Lint runs inside `npm test`. The layering rules are the point (CONTRIBUTING.md has the map):
//   - src/core and the plain-Node tests (test/unit, test/robustness) never reach VS Code, so the core
//     runs in plain Node (CLI, tests, worker threads);
//   - test/unit stays the fast loop: property and fuzz tests go to test/robustness (unitIsFast);
//   - surfaces use the core only through a door, so the core's folders can move without touching them:
//     the extension host (src/ outside src/core, but for the CLI and the threads that analyse) through
//     src/core/host.ts, which reaches no reader; the CLI, those threads and the integration and UI tests
//     through src/core/index.ts;
//   - the webview's browser code (src/webview/app, and src/webview/protocol.ts it shares) reaches the
//     core only through src/core/pure.ts, the Node-free part `tsc -p src/webview/app` checks;
//   - the pipeline folders never spread a list into call arguments (see noArgumentSpread).
// ESLint applies the last matching config object per rule: a fence for a folder replaces the broader
// one, so it restates what it keeps (unitIsFast spreads noVscode, the pipeline restrictedSyntax).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
	paths: [{ name: 'vscode', message: 'src/core is VS Code-free: put editor code in src/views, src/commands, … and pass plain data.' }],
	patterns: [{ group: ['**/extension', '**/views/*', '**/commands/*', '**/diagnostics/*', '**/webview/*', '**/hovers/*'], message: 'src/core must not import editor layers.' }],
};

/**
 * test/unit is the fast loop (npm run test:unit): properties and fuzzing, the slow tests by design, go to
 * test/robustness (npm run test:robustness), which `npm test` and CI run as well.
 */
const unitIsFast = {
	paths: [...noVscode.paths, { name: 'fast-check', message: 'Property and fuzz tests live in test/robustness (npm run test:robustness): keep test/unit fast.' }],
	patterns: [...noVscode.patterns, { group: ['**/lib/fuzz', '**/lib/mutate'], message: 'Fuzz tests (QL_FUZZ_RUNS, damaged input) live in test/robustness (npm run test:robustness): keep test/unit fast.' }],
};

/** The CLI and the threads that analyse: `../core` (src/core/index.ts) yes, `../core/anything` no. */
const coreThroughIndex = {
	patterns: [{ regex: '^[./]*(src/)?core/', message: 'Import the core through its door, the folder (`../core`, `../../src/core`) = src/core/index.ts; export what you need from there.' }],
};

/** The extension host: `../core/host` only (test/unit/hostImports.test.ts checks what that reaches). */
const coreThroughHost = {
	patterns: [{ regex: '^[./]*(src/)?core(/(?!host$).*)?$', message: 'The extension host imports the core through ../core/host (src/core/host.ts), which loads no reader; export what you need from there.' }],
};

/** The browser side of the webview: its own folder, the protocol, the toolkit and the core's pure door. */
const webviewApp = {
	patterns: [
		{
			regex: String.raw`^(?!\./(?!\.)|\.\./protocol$|\.\./\.\./core/pure$|@vscode/webview-ui-toolkit$)`,
			message: 'src/webview/app runs in a browser: import its own folder, ../protocol and ../../core/pure (types and pure functions, no Node) only.',
		},
	],
};

/** src/webview/protocol.ts is bundled into the browser app too: the core's pure door only. */
const webviewProtocol = {
	patterns: [{ regex: '^[./]*core(/(?!pure$).*)?$', message: 'protocol.ts is shared with the browser app: import the core through ../core/pure only.' }],
};

const restrictedSyntax = [
	{ selector: 'TSEnumDeclaration', message: 'Use string-literal unions for anything that crosses JSON or the webview boundary.' },
	{
		selector: 'CallExpression[callee.type="MemberExpression"][callee.property.name="only"][callee.object.name=/^(describe|context|it|specify|suite|test)$/]',
		message: 'A focused test (.only) silently skips every other test: remove it before committing.',
	},
];

/**
 * In the pipeline, lists follow the input: `out.push(...records)`, `Math.max(...times)` or `fn(...lines)`
 * pass each item as an argument, and a long enough list overflows the call stack (a 400 MB log died with
 * "Maximum call stack size exceeded"). Array literals (`[...a, ...b]`) iterate and are fine.
 */
const noArgumentSpread = [
	{ selector: 'CallExpression > SpreadElement', message: 'No spread into call arguments here (the list may be input-sized): appendAll(into, items) from src/core/collections.ts, a loop, or pass the array.' },
	{ selector: 'NewExpression > SpreadElement', message: 'No spread into constructor arguments here (the list may be input-sized): pass the array or loop.' },
];

export default tseslint.config(
	{ ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', 'test/hostile/**', 'samples/**', '.vscode-test/**', 'test-results/**', '*.vsix'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			'eqeqeq': ['error', 'always', { null: 'ignore' }],
			'no-restricted-syntax': ['error', ...restrictedSyntax],
		},
	},
	{ files: ['src/core/**/*.ts', 'test/robustness/**/*.ts'], rules: { 'no-restricted-imports': ['error', noVscode] } },
	{ files: ['test/unit/**/*.ts'], rules: { 'no-restricted-imports': ['error', unitIsFast] } },
	{
		files: ['src/**/*.ts'],
		ignores: ['src/core/**', 'src/cli.ts', 'src/workers/analysisWorker.ts', 'src/workers/readWorker.ts'],
		rules: { 'no-restricted-imports': ['error', coreThroughHost] },
	},
	{
		files: ['src/cli.ts', 'src/workers/analysisWorker.ts', 'src/workers/readWorker.ts', 'test/integration/**/*.ts', 'test/e2e/**/*.ts'],
		rules: { 'no-restricted-imports': ['error', coreThroughIndex] },
	},
	{ files: ['src/webview/protocol.ts'], rules: { 'no-restricted-imports': ['error', webviewProtocol] } },
	{ files: ['src/webview/app/**/*.ts'], rules: { 'no-restricted-imports': ['error', webviewApp] } },
	{
		files: ['src/core/ingest/**/*.ts', 'src/core/formats/**/*.ts', 'src/core/analysis/**/*.ts', 'src/core/diagnosis/**/*.ts'],
		rules: { 'no-restricted-syntax': ['error', ...restrictedSyntax, ...noArgumentSpread] },
	},
	{
		files: ['**/*.mjs', '**/*.js'],
		languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
	},
);
