// Japanese UI end-to-end test: like ui.e2e.ts, but the throw-away code-server (VS Code 1.100.3)
// runs with `--locale ja` and a minimal Japanese language pack generated at test time
// (lib/languagePack.ts), so the workbench, and with it the extension host's vscode.env.language,
// is Japanese. The checks read the expected strings from package.nls.ja.json,
// l10n/bundle.l10n.ja.json and the core message catalogue (the domain words: writer states,
// consistencies, phases): a view title, the palette command, tree labels and descriptions, the
// status bar and the Problems entry's quick fix must show them.
//
// Usage: node out/test/e2e/japanese.e2e.js [extension.vsix]   (default: <repo>/<name>-<version>.vsix)
// Env:   QL_KEEP_RUN_DIR=1 keeps the code-server run dir and the test's temp dir; QL_VERBOSE=1 logs the page console.
// Writes test-results/japanese-ui.png and test-results/japanese-problems.png
// (japanese-failure-<n>.png for the n-th failed check, japanese-failure.png if the run aborts).
// Last line: "e2e-ja: N passed, N failed"; exit status 1 if any check failed.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, newPage } from './lib/chromium';
import { startCodeServer, type CodeServer } from './lib/codeServer';
import { buildJapaneseLanguagePack, registerLanguagePacks, workbenchJapanese } from './lib/languagePack';
import { collectListRows, openContainer, openWorkbench, runCommand, saveScreenshot, showProblems, sidebarPane, waitForOurToasts, webviewFrame } from './lib/workbench';
import { defaultVsix, exchangeWorkspace, repoRoot, requireFile, resultsDir } from '../lib/paths';
import { domainWords } from '../../src/core';
import { Checks, firstLine, runMain, stepLogger } from '../lib/results';

const log = stepLogger('e2e-ja');

/** package.nls.ja.json: the manifest's Japanese strings (view names, command titles, welcome texts). */
const nls = readJson('package.nls.ja.json');
/** l10n/bundle.l10n.ja.json: the Japanese strings of vscode.l10n.t() calls, by their English text. */
const l10n = readJson(path.join('l10n', 'bundle.l10n.ja.json'));
/** The core catalogue's Japanese domain words (writer states, consistencies, phases, window names), as every surface shows them. */
const words = domainWords('ja');

const CONTAINER_TITLE = 'Quiesce Lens';
/** The manifest's command category: not localised. */
const CATEGORY = 'Quiesce Lens';
const FIRST_WRITER = 'Microsoft Exchange Writer';
/** The workspace's one quiesce attempt: VM and host start time (UTC), as the attempts tree labels it. */
const FAILED_ATTEMPT = 'EXCH-MBX-02 · 2024-05-22 19:30:02 UTC';
const FIX_CODE = 'QL201';

function readJson(rel: string): Record<string, string> {
	return JSON.parse(fs.readFileSync(path.join(repoRoot, rel), 'utf8')) as Record<string, string>;
}

/** A key of one of our Japanese files; a missing key fails the check that needs it. */
function ja(table: Record<string, string>, key: string, ...args: (string | number)[]): string {
	const text = table[key];
	assert.ok(typeof text === 'string' && text.length > 0, `no Japanese string for "${key}"`);
	assert.ok(/[\u3040-\u30ff\u4e00-\u9fff]/.test(text), `the Japanese string for "${key}" has no Japanese characters: "${text}"`);
	return text.replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] === undefined ? m : String(args[Number(i)])));
}

/** The text of the first markdown command link to `command` in a welcome text. */
function welcomeLink(text: string, command: string): string {
	const m = new RegExp(`\\[([^\\]]+)\\]\\(command:${command.replace(/\./g, '\\.')}\\)`).exec(text);
	assert.ok(m, `no link to ${command} in "${text}"`);
	return m[1];
}

const screenshot = (page: Page, name: string): Promise<void> => saveScreenshot(page, name, log);

/** Font families fontconfig has for Japanese: without one, Chromium draws the Japanese text as boxes. */
function japaneseFonts(): string[] {
	try {
		return execFileSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' })
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean);
	} catch {
		return [];
	}
}

/** Best effort: drags the side bar's right edge so the trees' Japanese descriptions fit in the screenshot. */
async function widenSidebar(page: Page, width: number): Promise<void> {
	const box = await page.locator('.part.sidebar').boundingBox();
	if (!box || box.width >= width) {
		return;
	}
	const x = box.x + box.width;
	const y = box.y + box.height / 2;
	await page.mouse.move(x, y);
	await page.mouse.down();
	await page.mouse.move(x + (width - box.width), y, { steps: 8 });
	await page.mouse.up();
	const after = await page.locator('.part.sidebar').boundingBox();
	log(`side bar width ${Math.round(box.width)} -> ${Math.round(after?.width ?? 0)} px`);
}

async function uiChecks(page: Page, checks: Checks): Promise<void> {
	await checks.check('a Japanese font is installed (fc-list :lang=ja), so screenshots show the text', async () => {
		const fonts = japaneseFonts();
		assert.ok(fonts.length > 0, 'no font for Japanese: run `bash test/e2e/lib/install-code-server.sh` (apt fonts-ipafont-gothic)');
		log(`Japanese fonts: ${fonts.slice(0, 3).join('; ')}`);
	});

	const japanese = await checks.check('the workbench runs in Japanese (NLS language "ja", Japanese activity bar)', async () => {
		const language = await page.evaluate(() => (globalThis as unknown as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE);
		assert.strictEqual(language, 'ja', 'the workbench NLS language (what the extension host gets as vscode.env.language)');
		const explorer = workbenchJapanese['Explorer'];
		await page.locator(`.part.activitybar .action-item a[aria-label^="${explorer}"]`).first().waitFor({ timeout: 60_000 });
	});
	if (!japanese) {
		// Every later check would only time out on English strings.
		log('the workbench is not Japanese (language pack not picked up?): skipping the remaining checks');
		return;
	}

	await checks.check(`activity bar shows "${CONTAINER_TITLE}" and opens it`, async () => {
		await openContainer(page, CONTAINER_TITLE);
	});

	await checks.check('the writers view has its Japanese title and welcome button (package.nls.ja.json)', async () => {
		const pane = await sidebarPane(page, ja(nls, 'view.writers'));
		const button = welcomeLink(ja(nls, 'welcome.writers.empty'), 'quiesceLens.analyzeFolder');
		await pane.locator('.welcome-view-content').getByText(button, { exact: true }).first().waitFor({ timeout: 30_000 });
	});

	await checks.check('command palette runs Analyze Workspace by its Japanese title', async () => {
		await page.locator('.part.editor').click({ position: { x: 300, y: 300 } });
		await runCommand(page, `${CATEGORY}: ${ja(nls, 'cmd.analyzeWorkspace')}`);
	});

	await checks.check(`the writers tree describes "${FIRST_WRITER}" in Japanese (bundle.l10n.ja.json)`, async () => {
		const pane = await sidebarPane(page, ja(nls, 'view.writers'));
		await pane.locator('.monaco-list-row .label-name', { hasText: FIRST_WRITER }).first().waitFor({ timeout: 60_000 });
		const rows = await collectListRows(page, pane);
		log(`writer rows (${rows.length}): ${JSON.stringify(rows.map((r) => (r.description ? `${r.label} | ${r.description}` : r.label)))}`);
		assert.strictEqual(rows[0]?.label, FIRST_WRITER, 'first row');
		const failed = words.writerStates[8];
		assert.ok(rows[0].description.includes(failed), `description of "${FIRST_WRITER}" is "${rows[0].description}", expected it to contain "${failed}"`);
		const stable = words.writerStates[1];
		assert.ok(
			rows.some((r) => r.description.startsWith(stable)),
			`no writer is described as "${stable}"`,
		);
	});

	await checks.check('the attempts view has its Japanese title and a Japanese consistency label', async () => {
		const title = ja(nls, 'view.attempts');
		const pane = await sidebarPane(page, title);
		const header = (await pane.locator('.pane-header').first().innerText()).replace(/\s+/g, ' ');
		assert.ok(header.includes(title), `attempts view header reads "${header}"`);
		const row = pane.locator('.monaco-list-row', { hasText: FAILED_ATTEMPT }).first();
		await row.waitFor({ timeout: 30_000 });
		const text = (await row.innerText()).replace(/\s+/g, ' ');
		log(`attempt row: ${text}`);
		const none = words.consistencies.none;
		assert.ok(text.includes(none), `attempt row reads "${text}", expected "${none}"`);
	});

	await checks.check('the status bar summarises the analysis in Japanese', async () => {
		const summary = ja(l10n, 'Quiesce Lens: {0} failed attempt(s)', 1);
		await page.locator('.part.statusbar', { hasText: summary }).waitFor({ timeout: 15_000 });
	});

	await waitForOurToasts(page, log);
	await widenSidebar(page, 560).catch((err: unknown) => log(`could not widen the side bar: ${firstLine(err)}`));
	await checks.check('screenshot test-results/japanese-ui.png', () => screenshot(page, 'japanese-ui.png'));

	await checks.check(`the Problems panel ("${workbenchJapanese['Problems']}") lists the ${FIX_CODE} finding on "${FIRST_WRITER}"`, async () => {
		const panel = await showProblems(page, log);
		// The panel's tab title comes from the generated language pack: the workbench's own strings are Japanese too.
		const tab = page.locator('.part.panel .composite-bar .action-item', { hasText: workbenchJapanese['Problems'] }).first();
		await tab.waitFor({ timeout: 10_000 });
		const problems = await collectListRows(page, panel);
		log(`problem rows (${problems.length}): ${JSON.stringify(problems.map((r) => r.text))}`);
		const hit = problems.find((r) => r.text.includes(FIRST_WRITER) && r.text.includes(FIX_CODE));
		assert.ok(hit, `no Problems row mentions both "${FIRST_WRITER}" and ${FIX_CODE}`);
		// The finding's own title and message come from the core's Japanese catalogue.
		assert.match(hit.text, /[\u3040-\u30ff\u4e00-\u9fff]/, `the finding is in Japanese: ${hit.text}`);
	});

	await checks.check(`the Problems entry's quick fix reads "${ja(l10n, 'Copy the fix for {0}', FIX_CODE)}"; screenshot test-results/japanese-problems.png`, async () => {
		const row = page.locator('.part.panel .markers-panel .monaco-list-row', { hasText: FIX_CODE }).filter({ hasText: FIRST_WRITER }).first();
		await row.click();
		const line = page.locator('.part.editor .view-line', { hasText: 'State: [8] Failed' }).first();
		await line.waitFor({ timeout: 15_000 });
		// Clicking a problem puts the editor's cursor on it but leaves focus in the Problems list.
		await runCommand(page, 'View: Focus Active Editor Group');
		await page.keyboard.press('Control+.');
		const action = page.locator('.action-widget .monaco-list-row', { hasText: ja(l10n, 'Copy the fix for {0}', FIX_CODE) }).first();
		await action.waitFor({ timeout: 15_000 });
		await screenshot(page, 'japanese-problems.png');
		await page.keyboard.press('Enter');
		await page.locator('.part.statusbar', { hasText: ja(l10n, 'Copied the fix for {0}', FIX_CODE) }).waitFor({ timeout: 10_000 });
	});

	await checks.check('the timeline opens from the attempt in Japanese: its title, result, phases and details tabs; screenshot test-results/japanese-timeline.png', async () => {
		await page.keyboard.press('Escape');
		const pane = await sidebarPane(page, ja(nls, 'view.attempts'));
		await pane.locator('.monaco-list-row', { hasText: FAILED_ATTEMPT }).first().click();
		const tabTitle = ja(l10n, 'Timeline: {0}', '').trim();
		await page.locator('.tab', { hasText: tabTitle }).first().waitFor({ timeout: 20_000 });
		const frame = webviewFrame(page);
		await frame.locator('svg.plot').waitFor({ timeout: 20_000 });
		assert.strictEqual((await frame.locator('.summary-line vscode-badge').textContent())?.trim(), ja(l10n, 'failed'));
		assert.ok((await frame.locator('svg .phase-label', { hasText: words.phases.quiesce }).count()) > 0, 'the quiesce bar is captioned in Japanese');
		assert.strictEqual((await frame.locator('vscode-panel-tab#tab-clocks').textContent())?.trim(), ja(l10n, 'Clocks'));
		await screenshot(page, 'japanese-timeline.png');
	});
}

async function main(): Promise<number> {
	const vsix = requireFile(path.resolve(process.argv[2] ?? defaultVsix()), 'run `npm run package` first');
	fs.mkdirSync(resultsDir, { recursive: true });
	const keep = process.env.QL_KEEP_RUN_DIR === '1';
	// The language pack and a copy of the fixture workspace live in a temp dir, never in the repo.
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-e2e-ja-'));
	const removeTmp = () => {
		if (!keep) {
			fs.rmSync(tmp, { recursive: true, force: true });
		}
	};
	process.on('exit', removeTmp);
	let server: CodeServer | undefined;
	let browser: Browser | undefined;
	let page: Page | undefined;
	const checks = new Checks(log, async (_name, n) => {
		if (page) {
			await screenshot(page, `japanese-failure-${n}.png`);
		}
	});
	try {
		const workspace = path.join(tmp, path.basename(exchangeWorkspace));
		fs.cpSync(exchangeWorkspace, workspace, { recursive: true });
		const pack = await buildJapaneseLanguagePack(path.join(tmp, 'language-pack'));
		log(`built ${path.basename(pack.vsix)} (${pack.translatedMessages} workbench messages)${keep ? ` in ${tmp}` : ''}`);
		server = await startCodeServer({
			folder: workspace,
			vsix: [vsix, pack.vsix],
			locale: pack.languageId,
			prepare: ({ userData, extensions }) => registerLanguagePacks(userData, extensions, [pack]),
			log,
			settings: { 'quiesceLens.autoAnalyze': false },
		});
		browser = await launchChromium();
		page = await newPage(browser, log, 'ja-JP');
		await openWorkbench(page, server.workbenchUrl(workspace));
		log('workbench loaded');
		await uiChecks(page, checks);
	} catch (err) {
		checks.fail('e2e-ja run aborted', err);
		await page?.screenshot({ path: path.join(resultsDir, 'japanese-failure.png') }).catch(() => undefined);
	} finally {
		await browser?.close().catch(() => undefined);
		await server?.stop();
		removeTmp();
	}
	console.log(checks.summary('e2e-ja'));
	return checks.failed > 0 ? 1 : 0;
}

runMain(main, 'e2e-ja');
