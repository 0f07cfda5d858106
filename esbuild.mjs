// Bundles the extension and the CLI into dist/ so the .vsix ships two self-contained files
// (with iconv-lite's code-page tables) instead of a node_modules tree. tsc still compiles
// everything to out/ for the tests; this only repackages the entry points.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
await Promise.all([
	build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
	build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
	// The analysis thread the extension starts (worker_threads loads it by path, next to extension.js).
	build({ ...common, entryPoints: ['src/workers/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' }),
	// The CLI's reading threads (worker_threads loads it by path, next to dist/cli.js).
	build({ ...common, entryPoints: ['src/workers/readWorker.ts'], outfile: 'dist/readWorker.js' }),
	// The timeline webview's browser code, with the toolkit inside: one script the CSP admits by nonce.
	build({ bundle: true, platform: 'browser', target: 'es2022', format: 'iife', sourcemap: false, minify: true, logLevel: 'warning', entryPoints: ['src/webview/app/main.ts'], outfile: 'dist/webview/timeline.js' }),
]);
