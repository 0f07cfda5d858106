// Bundles the extension and the CLI into dist/ so the .vsix ships two self-contained files
// (with iconv-lite's code-page tables) instead of a node_modules tree. tsc still compiles
// everything to out/ for the tests; this only repackages the entry points.
//
// `node esbuild.mjs --watch` (npm run watch, the F5 pre-launch task) keeps both up to date: esbuild
// rebuilds dist/ (what the extension host loads) and `tsc --watch` rebuilds out/ (what the tests
// load), in one process. It prints `[watch] build started` / `[watch] build finished` around each
// round of either, and errors as one line each, for the problem matchers in .vscode/tasks.json.
import { spawn } from 'child_process';
import { build, context } from 'esbuild';
import { createRequire } from 'module';

const watch = process.argv.includes('--watch');

// White space and syntax minified, identifiers kept: stack traces of an internal error keep their function
// names (and the source maps map them back), while the knowledge tables and readers ship a third smaller.
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, minifyWhitespace: true, minifySyntax: true, logLevel: 'warning' };
const configs = [
	{ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
	{ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
	// The analysis thread the extension starts (worker_threads loads it by path, next to extension.js).
	{ ...common, entryPoints: ['src/workers/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' },
	// The CLI's reading threads (worker_threads loads it by path, next to dist/cli.js).
	{ ...common, entryPoints: ['src/workers/readWorker.ts'], outfile: 'dist/readWorker.js' },
	// The timeline webview's browser code, with the toolkit inside: one script the CSP admits by nonce.
	{ bundle: true, platform: 'browser', target: 'es2022', format: 'iife', sourcemap: false, minify: true, logLevel: 'warning', entryPoints: ['src/webview/app/main.ts'], outfile: 'dist/webview/timeline.js' },
];

if (!watch) {
	await Promise.all(configs.map((c) => build(c)));
} else {
	// Busy builders (the bundles by outfile, and tsc): one "started" when the first begins, one
	// "finished" when the last ends, so a pre-launch task waits for all of them.
	const busy = new Set();
	const begin = (name) => {
		if (busy.size === 0) console.log('[watch] build started');
		busy.add(name);
	};
	const end = (name) => {
		if (busy.delete(name) && busy.size === 0) console.log('[watch] build finished');
	};

	const tscBin = createRequire(import.meta.url).resolve('typescript/bin/tsc');
	const tsc = spawn(process.execPath, [tscBin, '-p', '.', '--watch', '--preserveWatchOutput', '--pretty', 'false'], { stdio: ['ignore', 'pipe', 'inherit'] });
	let stopping = false;
	begin('tsc');
	let pending = '';
	tsc.stdout.on('data', (chunk) => {
		pending += chunk.toString();
		const lines = pending.split(/\r?\n/);
		pending = lines.pop() ?? '';
		for (const line of lines) {
			// tsc prints a timestamp before these two; its errors are `file(line,col): error TS…: …`.
			if (/Starting (?:incremental )?compilation/.test(line)) begin('tsc');
			console.log(line);
			if (/Found \d+ errors?\. Watching for file changes\./.test(line)) end('tsc');
		}
	});
	tsc.on('exit', (code) => {
		if (stopping) return;
		console.log(`[watch] tsc exited (${code}); stopping.`);
		process.exit(code || 1);
	});

	const report = (kind) => (m) => {
		const at = m.location ? `${m.location.file}:${m.location.line}:${m.location.column + 1}: ` : '';
		console.log(`esbuild: ${kind}: ${at}${m.text}`);
	};
	const contexts = await Promise.all(configs.map((c) => context({
		...c,
		// The plugin prints the messages in the matcher's one-line shape instead of esbuild's boxes.
		logLevel: 'silent',
		plugins: [{
			name: 'watch-log',
			setup(build) {
				build.onStart(() => begin(c.outfile));
				build.onEnd((result) => {
					result.errors.forEach(report('error'));
					result.warnings.forEach(report('warning'));
					end(c.outfile);
				});
			},
		}],
	})));
	await Promise.all(contexts.map((c) => c.watch()));
	const stop = async () => {
		stopping = true;
		tsc.kill();
		await Promise.all(contexts.map((c) => c.dispose()));
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
