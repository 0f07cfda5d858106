// Lint runs inside `npm test`. The layering rule is the point: src/core and the plain-Node tests
// (test/unit, test/robustness) must never reach VS Code, so the core runs in plain Node (CLI, tests,
// worker threads). And test/unit stays the fast loop: property and fuzz tests go to test/robustness.
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
	paths: [
		...noVscode.paths,
		{ name: 'fast-check', message: 'Property and fuzz tests live in test/robustness (npm run test:robustness): keep test/unit fast.' },
	],
	patterns: [
		...noVscode.patterns,
		{ group: ['**/lib/fuzz', '**/lib/mutate'], message: 'Fuzz tests (QL_FUZZ_RUNS, damaged input) live in test/robustness (npm run test:robustness): keep test/unit fast.' },
	],
};

export default tseslint.config(
	{ ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', 'test/hostile/**', 'samples/**', '.vscode-test/**', 'test-results/**', '*.vsix'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			'eqeqeq': ['error', 'always', { null: 'ignore' }],
			'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use string-literal unions for anything that crosses JSON or the webview boundary.' }],
		},
	},
	{ files: ['src/core/**/*.ts', 'test/robustness/**/*.ts'], rules: { 'no-restricted-imports': ['error', noVscode] } },
	{ files: ['test/unit/**/*.ts'], rules: { 'no-restricted-imports': ['error', unitIsFast] } },
	{
		files: ['**/*.mjs', '**/*.js'],
		languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
	},
);
