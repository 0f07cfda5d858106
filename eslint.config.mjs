// Lint runs inside `npm test`. The layering rule is the point: src/core and the unit tests must
// never reach VS Code, so the core runs in plain Node (CLI, unit tests, worker threads).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = {
	paths: [{ name: 'vscode', message: 'src/core is VS Code-free: put editor code in src/views, src/commands, … and pass plain data.' }],
	patterns: [{ group: ['**/extension', '**/views/*', '**/commands/*', '**/diagnostics/*', '**/webview/*', '**/hovers/*'], message: 'src/core must not import editor layers.' }],
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
	{ files: ['src/core/**/*.ts', 'test/unit/**/*.ts'], rules: { 'no-restricted-imports': ['error', noVscode] } },
	{
		files: ['**/*.mjs', '**/*.js'],
		languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
	},
);
