// Scale end-to-end test: a generated 50 MB support bundle (test/bench/shapes.ts, the bench's generator)
// opened as the workspace of a throw-away code-server with the packaged .vsix, driven in headless Chromium.
// Measures and prints how long "Quiesce Lens: Analyze Workspace" takes from Enter in the command palette to
// the first row of the Quiesce Attempts tree (target: under 1.5 s), and checks the tree shows generated attempts.
//
// Usage: node out/test/e2e/scale.e2e.js [extension.vsix] [size] [shape]   (defaults: <repo>/<name>-<version>.vsix,
//        50MB, chatter; shape `all` measures every shape of the bench, one workspace after another)
// Env:   QL_KEEP_RUN_DIR=1 keeps the code-server run dir; QL_RENDERER_PROFILE=1 writes the workbench page's CPU
//        profile of each measured command to test-results/scale-renderer-<shape>.cpuprofile. Writes
//        test-results/scale-attempts.png. Prints the extension's own account of each analysis (its Quiesce Lens
//        output channel: thread, hand-off, views).
// Last line: "e2e-scale: N passed, N failed"; exit status 1 if any check failed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { parseSize } from '../bench/generateBundle';
import { generateShape, SHAPES, type Shape } from '../bench/shapes';
import { defaultVsix, requireFile, resultsDir } from '../lib/paths';
import { Checks, runMain, stepLogger } from '../lib/results';
import { launchChromium, newPage } from './lib/chromium';
import { startCodeServer, type CodeServer } from './lib/codeServer';
import { openContainer, openWorkbench, runCommand, saveScreenshot, sidebarPane } from './lib/workbench';

const log = stepLogger('e2e-scale');

const CONTAINER_TITLE = 'Quiesce Lens';
const ATTEMPTS_VIEW = 'Quiesce Attempts';
const ANALYZE_WORKSPACE = 'Quiesce Lens: Analyze Workspace';
const CLEAR_RESULTS = 'Quiesce Lens: Clear Results';
/** Issue 8: the first tree is shown within this long after the command (ms), for a 50 MB bundle. */
const FIRST_TREE_TARGET_MS = 1500;
/** How long the freshly started workbench is left alone before the measured command (ms). */
const SETTLE_MS = 3000;
/** What the extension's status bar item says once a report is in (and not before). */
const STATUS_TEXT = 'Quiesce Lens:';
/**
 * The generator names its VMs SQL-PRD-01 …; the attempts tree labels each attempt with its VM, or, past a few
 * hundred attempts, each VM's row (quiesceLens.groupAttemptsByVm) with the VM alone.
 */
const GENERATED_VM = /^SQL-PRD-\d{2,3}(?: · |$)/;

/** The Quiesce Lens output channel's log files in a code-server's user data (the extension host writes them). */
function analysisLogLines(runDir: string): string[] {
	const logs = path.join(runDir, 'user-data', 'logs');
	if (!fs.existsSync(logs)) return [];
	return (fs.readdirSync(logs, { recursive: true, encoding: 'utf8' }) as string[])
		.filter((f) => f.endsWith('Quiesce Lens.log'))
		.flatMap((f) => fs.readFileSync(path.join(logs, f), 'utf8').split('\n'))
		.filter((l) => l.trim() !== '');
}

/** How long the extension host may take to write its output channel to disk after an analysis (ms). */
const LOG_FLUSH_MS = 20_000;

/** The log once it tells of `analyses` analyses, or whatever it holds after LOG_FLUSH_MS. */
async function waitForAnalysisLog(page: Page, runDir: string, analyses: number): Promise<string[]> {
	const deadline = Date.now() + LOG_FLUSH_MS;
	let lines = analysisLogLines(runDir);
	while (lines.filter((l) => l.includes('after the report')).length < analyses && Date.now() < deadline) {
		await page.waitForTimeout(250);
		lines = analysisLogLines(runDir);
	}
	return lines;
}

/**
 * Runs Analyze Workspace from the palette; returns ms from Enter to the first attempt row, and to the whole
 * report (the status bar item, which only a report shows: the first rows may come before it).
 */
async function timeFirstTree(page: Page, profileAs: string): Promise<{ ms: number; reportMs: number; label: string }> {
	const pane = await sidebarPane(page, ATTEMPTS_VIEW);
	await page.locator('.part.editor').click({ position: { x: 300, y: 300 } });
	await page.keyboard.press('F1');
	const input = page.locator('.quick-input-widget input');
	await input.waitFor({ timeout: 10_000 });
	await input.fill(`>${ANALYZE_WORKSPACE}`);
	await page.locator('.quick-input-list .monaco-list-row', { hasText: ANALYZE_WORKSPACE }).first().waitFor({ timeout: 15_000 });
	const row = pane.locator('.monaco-list-row .label-name').first();
	const profiler = process.env.QL_RENDERER_PROFILE === '1' ? await startProfile(page) : null;
	const t0 = Date.now();
	await page.keyboard.press('Enter');
	await row.waitFor({ timeout: 120_000 });
	const ms = Date.now() - t0;
	const label = ((await row.textContent()) ?? '').trim();
	await page.locator('.statusbar-item', { hasText: STATUS_TEXT }).first().waitFor({ timeout: 300_000 });
	const reportMs = Date.now() - t0;
	if (profiler) await profiler.stop(path.join(resultsDir, `scale-renderer-${profileAs}.cpuprofile`));
	return { ms, reportMs, label };
}

/**
 * The workbench page's JavaScript CPU profile (Chrome DevTools Protocol), from the command to the status bar's
 * report: where the browser's time goes while the extension has long had its report (QL_RENDERER_PROFILE=1;
 * open the file in Chrome DevTools or VS Code).
 */
async function startProfile(page: Page): Promise<{ stop: (file: string) => Promise<void> }> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.start');
	return {
		stop: async (file) => {
			const { profile } = await cdp.send('Profiler.stop');
			fs.writeFileSync(file, JSON.stringify(profile));
			log(`renderer profile: ${file}`);
			await cdp.detach();
		},
	};
}

async function main(): Promise<number> {
	const vsix = requireFile(path.resolve(process.argv[2] ?? defaultVsix()), 'run `npm run package` first');
	const size = parseSize(process.argv[3] ?? '50MB');
	const shapeArg = process.argv[4] ?? 'chatter';
	const shapes = shapeArg === 'all' ? [...SHAPES] : [shapeArg as Shape];
	for (const s of shapes) if (!(SHAPES as readonly string[]).includes(s)) throw new Error(`'${s}' is no shape (${SHAPES.join(', ')}, or all).`);
	fs.mkdirSync(resultsDir, { recursive: true });
	const checks = new Checks(log);
	for (const shape of shapes) await measureShape(shape, size, vsix, checks);
	console.log(checks.summary('e2e-scale'));
	return checks.failed > 0 ? 1 : 0;
}

/** One shape's bundle as the workspace of its own code-server: the first tree's time, then again with every file reused. */
async function measureShape(shape: Shape, size: number, vsix: string, checks: Checks): Promise<void> {
	let server: CodeServer | undefined;
	let browser: Browser | undefined;
	let page: Page | undefined;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-e2e-scale-'));
	try {
		const bundle = generateShape(shape, path.join(dir, 'bundle'), size);
		log(`generated the ${shape} bundle: ${(bundle.bytes / 1e6).toFixed(1)} MB in ${bundle.files.length} files, ${bundle.attempts} attempts`);
		// The analysis is started by the command, so that its time is measured from a known instant.
		// VS Code's git extension looks for a repository in each subfolder of a folder it opens: the vms bundle's
		// 501 run 501 `git rev-parse` forks on the extension host's main thread for about 7 s after the workbench
		// loads, which the first tree measured with it (16.7 s, 7.0 s without; README). That is the editor's cost
		// of opening such a folder, not the analysis's: this measures the analysis.
		server = await startCodeServer({ folder: bundle.dir, vsix, log, settings: { 'quiesceLens.autoAnalyze': false, 'git.autoRepositoryDetection': false } });
		browser = await launchChromium();
		page = await newPage(browser, log);
		await openWorkbench(page, server.workbenchUrl(bundle.dir));
		log('workbench loaded');
		await checks.check(`${shape}: activity bar opens "${CONTAINER_TITLE}"`, () => openContainer(page!, CONTAINER_TITLE));
		// The welcome button says the extension is active; the workbench then gets a few seconds to finish
		// starting (extension host, built-in extensions indexing the folder), so the figure is the analysis's.
		const pane = await sidebarPane(page, ATTEMPTS_VIEW);
		await pane
			.locator('.welcome-view-content')
			.getByText(/Analyze Folder(…|\.\.\.)/)
			.first()
			.waitFor({ timeout: 30_000 });
		await page.waitForTimeout(SETTLE_MS);
		let first: { ms: number; reportMs: number; label: string } | undefined;
		await checks.check(`${shape}: "${ANALYZE_WORKSPACE}" fills the "${ATTEMPTS_VIEW}" tree with generated attempts`, async () => {
			first = await timeFirstTree(page!, shape);
			console.log(`e2e-scale: ${shape}: first tree shown ${first.ms} ms after the command, the whole report ${first.reportMs} ms, for a ${(bundle.bytes / 1e6).toFixed(1)} MB bundle (target ${FIRST_TREE_TARGET_MS} ms)`);
			assert.match(first.label, GENERATED_VM);
		});
		// A measurement, printed, not a pass/fail check: timed assertions flake on a busy CI machine (the
		// project measures speed in benchmarks; this figure goes into the README and the issue).
		if (first) console.log(`e2e-scale: ${shape}: first-tree target ${first.ms <= FIRST_TREE_TARGET_MS ? 'met' : 'MISSED'} (${first.ms} ms of ${FIRST_TREE_TARGET_MS} ms)`);
		await checks.check(`${shape}: after Clear Results, the same command on the unchanged bundle shows the tree again (its files are not read again)`, async () => {
			await runCommand(page!, CLEAR_RESULTS);
			const pane = await sidebarPane(page!, ATTEMPTS_VIEW);
			await pane.locator('.monaco-list-row .label-name').first().waitFor({ state: 'detached', timeout: 30_000 });
			const again = await timeFirstTree(page!, `${shape}-again`);
			console.log(`e2e-scale: ${shape}: tree shown again ${again.ms} ms after the command, the whole report ${again.reportMs} ms, every file reused`);
			assert.match(again.label, GENERATED_VM);
		});
		for (const line of await waitForAnalysisLog(page, server.dir, 2)) console.log(`e2e-scale: ${shape}: extension log: ${line.replace(/^\S+ \S+ \[info\] /, '')}`);
		await saveScreenshot(page, shape === 'chatter' ? 'scale-attempts.png' : `scale-attempts-${shape}.png`, log);
	} catch (err) {
		checks.fail(`e2e-scale ${shape} run aborted`, err);
		await page?.screenshot({ path: path.join(resultsDir, `failure-scale-${shape}.png`) }).catch(() => undefined);
	} finally {
		await browser?.close().catch(() => undefined);
		await server?.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

runMain(main, 'e2e-scale');
