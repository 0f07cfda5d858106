// UI end-to-end test: installs the packaged .vsix into a throw-away code-server (VS Code 1.100.3)
// and drives the real workbench in headless Debian Chromium through playwright-core.
//
// Usage: node out/test/e2e/ui.e2e.js [extension.vsix]   (default: <repo>/<name>-<version>.vsix)
// Env:   QL_KEEP_RUN_DIR=1 keeps the code-server run dir (server.log); QL_VERBOSE=1 logs the page console.
// Writes test-results/writers-tree.png, problems.png, timeline-*.png and paste-*.png (failure-<n>.png for the
// n-th failed check, failure.png if the run aborts).
// Last line: "e2e: N passed, N failed"; exit status 1 if any check failed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { analyze, buildTimeline, type TimelineModel } from '../../src/core';
import { launchChromium, newPage } from './lib/chromium';
import { startCodeServer, type CodeServer } from './lib/codeServer';
import { collectListRows, openContainer, openWorkbench, runCommand, saveScreenshot, showProblems, sidebarPane, waitForOurToasts, webviewFrame } from './lib/workbench';
import { defaultVsix, exchangeWorkspace, fixturesDir, requireFile, resultsDir } from '../lib/paths';
import { Checks, runMain, stepLogger } from '../lib/results';

const log = stepLogger('e2e');

const CONTAINER_TITLE = 'Quiesce Lens';
const WRITERS_VIEW = 'VSS Writers';
const ANALYZE_WORKSPACE = 'Quiesce Lens: Analyze Workspace';
const FIRST_WRITER = 'Microsoft Exchange Writer';
const ATTEMPTS_VIEW = 'Quiesce Attempts';
/** The workspace's one quiesce attempt: VM and host start time (UTC), as the attempts tree labels it. */
const FAILED_ATTEMPT = 'EXCH-MBX-02 · 2024-05-22 19:30:02 UTC';
/** Its timeline panel's title after "Timeline: ". */
const FAILED_ATTEMPT_TITLE = 'EXCH-MBX-02 — 2024-05-22 19:30:02 UTC';

/** How many writers the fixture's `vssadmin list writers` output names (UTF-16LE with BOM, or UTF-8). */
function fixtureWriterCount(): number {
	const buf = fs.readFileSync(path.join(exchangeWorkspace, 'guest', 'vssadmin-writers.txt'));
	const text = buf[0] === 0xff && buf[1] === 0xfe ? buf.toString('utf16le') : buf.toString('utf8');
	return (text.match(/Writer name:/g) ?? []).length;
}

const screenshot = (page: Page, name: string): Promise<void> => saveScreenshot(page, name, log);

async function uiChecks(page: Page, checks: Checks): Promise<void> {
	await checks.check(`activity bar shows "${CONTAINER_TITLE}" and opens it`, async () => {
		await openContainer(page, CONTAINER_TITLE);
	});

	await checks.check(`side bar shows the "${WRITERS_VIEW}" view with an "Analyze Folder…" welcome button`, async () => {
		const pane = await sidebarPane(page, WRITERS_VIEW);
		const button = pane
			.locator('.welcome-view-content')
			.getByText(/Analyze Folder(…|\.\.\.)/)
			.first();
		await button.waitFor({ timeout: 30_000 });
	});

	await checks.check(`command palette runs "${ANALYZE_WORKSPACE}"`, async () => {
		await page.locator('.part.editor').click({ position: { x: 300, y: 300 } });
		await runCommand(page, ANALYZE_WORKSPACE);
	});

	await checks.check(`"${WRITERS_VIEW}" tree lists the writers, "${FIRST_WRITER}" first and failed at prepare snapshot`, async () => {
		const pane = await sidebarPane(page, WRITERS_VIEW);
		await pane.locator('.monaco-list-row .label-name', { hasText: FIRST_WRITER }).first().waitFor({ timeout: 60_000 });
		const rows = await collectListRows(page, pane);
		log(`writer rows (${rows.length}): ${JSON.stringify(rows.map((r) => (r.description ? `${r.label} | ${r.description}` : r.label)))}`);
		assert.strictEqual(rows[0]?.label, FIRST_WRITER, 'first row');
		// One row per writer in the fixture (11 today); the tree may add rows, never drop writers.
		const writers = fixtureWriterCount();
		assert.ok(writers >= 11, `fixture names only ${writers} writers`);
		assert.ok(rows.length >= writers, `expected ${writers}+ rows (one per writer in the fixture), got ${rows.length}`);
		assert.ok(
			rows.some((r) => r.label === 'Task Scheduler Writer'),
			'no "Task Scheduler Writer" row',
		);
		assert.match(rows[0].description, /prepare snapshot/i, `description of "${FIRST_WRITER}"`);
	});

	await checks.check(`"${ATTEMPTS_VIEW}" tree shows the failed attempt with no restore point`, async () => {
		const pane = await sidebarPane(page, ATTEMPTS_VIEW);
		const row = pane.locator('.monaco-list-row', { hasText: FAILED_ATTEMPT }).first();
		await row.waitFor({ timeout: 30_000 });
		const text = (await row.innerText()).replace(/\s+/g, ' ');
		assert.match(text, /no restore point/, `attempt row reads "${text}"`);
		assert.ok((await row.locator('.codicon-error').count()) > 0, 'the attempt has the error icon');
	});

	await waitForOurToasts(page, log);
	await checks.check('screenshot test-results/writers-tree.png', () => screenshot(page, 'writers-tree.png'));

	await checks.check(`Problems panel lists "${FIRST_WRITER}" … "PrepareForSnapshot"`, async () => {
		const panel = await showProblems(page, log);
		const problems = await collectListRows(page, panel);
		log(`problem rows (${problems.length}): ${JSON.stringify(problems.map((r) => r.text))}`);
		const hit = problems.find((r) => r.text.includes(FIRST_WRITER) && r.text.includes('PrepareForSnapshot'));
		assert.ok(hit, `no Problems row mentions both "${FIRST_WRITER}" and "PrepareForSnapshot"`);
	});

	await checks.check('screenshot test-results/problems.png', () => screenshot(page, 'problems.png'));

	await checks.check('a code action on the problem copies the fix (Ctrl+. in the editor)', async () => {
		const row = page.locator('.part.panel .markers-panel .monaco-list-row', { hasText: 'PrepareForSnapshot (state [8])' }).first();
		await row.click();
		const line = page.locator('.part.editor .view-line', { hasText: 'State: [8] Failed' }).first();
		await line.waitFor({ timeout: 15_000 });
		// Clicking a problem puts the editor's cursor on it but leaves focus in the Problems list.
		await runCommand(page, 'View: Focus Active Editor Group');
		await page.keyboard.press('Control+.');
		const action = page.locator('.action-widget .monaco-list-row', { hasText: 'Copy the fix for QL201' }).first();
		await action.waitFor({ timeout: 15_000 });
		await screenshot(page, 'code-action.png');
		// The preferred action is highlighted: accept it as a keyboard user does.
		await page.keyboard.press('Enter');
		await page.locator('.part.statusbar', { hasText: 'Copied the fix for QL201' }).waitFor({ timeout: 10_000 });
	});

	await checks.check('hovering an HRESULT in vmware.log explains it; screenshot test-results/hover.png', async () => {
		await page.keyboard.press('Escape');
		await page.keyboard.press('Control+P');
		const input = page.locator('.quick-input-widget input');
		await input.waitFor({ timeout: 10_000 });
		await input.fill('EXCH-MBX-02/vmware.log');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'vmware.log' }).first().waitFor({ timeout: 10_000 });
		await page.keyboard.press('Enter');
		await page.locator('.part.editor .view-line', { hasText: 'SnapshotVMX_TakeSnapshot' }).first().waitFor({ timeout: 15_000 });
		// The HRESULT is far right on a long line: find it (the editor scrolls to it), then show the hover there.
		await page.keyboard.press('Control+F');
		await page.keyboard.type('0x800423F3');
		await page.keyboard.press('Escape');
		const hover = page.locator('.monaco-hover', { hasText: 'VSS_E_WRITERERROR_RETRYABLE' }).first();
		// The CodeLens above line 1 arrives asynchronously and re-lays out the editor, which closes a hover
		// shown just before it: ask again (as a user would) a few times.
		for (let i = 0; ; i++) {
			await page.keyboard.press('Control+K');
			await page.keyboard.press('Control+I');
			try {
				await hover.waitFor({ timeout: 5_000 });
				break;
			} catch (e) {
				if (i === 2) throw e;
			}
		}
		await screenshot(page, 'hover.png');
	});
}

/** What the timeline must show for the workspace's one attempt: the core's own model of it (the oracle). */
function expectedTimeline(workspace: string): TimelineModel {
	const report = analyze([workspace]);
	assert.strictEqual(report.attempts.length, 1, 'the fixture workspace holds one attempt');
	return buildTimeline(report, report.attempts[0]);
}

interface MarkerInfo {
	index: number;
	source: string;
	line: number;
	ms: number;
	count: number;
	x: number;
}

async function markers(frame: FrameLocator): Promise<MarkerInfo[]> {
	return frame.locator('svg .marker:not(.cmp)').evaluateAll((els) =>
		els.map((e) => ({
			index: Number(e.getAttribute('data-index')),
			source: e.getAttribute('data-source') ?? '',
			line: Number(e.getAttribute('data-line')),
			ms: Number(e.getAttribute('data-ms')),
			count: Number(e.getAttribute('data-count')),
			x: Number(e.querySelector('circle')?.getAttribute('cx')),
		})),
	);
}

async function timelineChecks(page: Page, checks: Checks, workspace: string): Promise<void> {
	const model = expectedTimeline(workspace);
	const frame = webviewFrame(page);
	const guest = model.lanes.find((l) => l.format.startsWith('windows-events'));

	await checks.check(`clicking the attempt opens "Timeline: ${FAILED_ATTEMPT_TITLE}"`, async () => {
		await page.keyboard.press('Escape');
		const pane = await sidebarPane(page, ATTEMPTS_VIEW);
		await pane.locator('.monaco-list-row', { hasText: FAILED_ATTEMPT }).first().click();
		await page
			.locator('.tab', { hasText: `Timeline: ${FAILED_ATTEMPT_TITLE}` })
			.first()
			.waitFor({ timeout: 20_000 });
		await frame.locator('svg.plot').waitFor({ timeout: 20_000 });
	});

	await checks.check('the timeline has one labelled lane per source and draws every timed event', async () => {
		const labels = await frame.locator('svg .lane-name').allTextContents();
		assert.deepStrictEqual(
			labels,
			model.lanes.map((l) => l.label),
		);
		const drawn = await markers(frame);
		const total = drawn.reduce((n, m) => n + m.count, 0);
		assert.strictEqual(total, model.eventCount - model.untimed, `markers stand for ${total} events`);
		assert.ok((await frame.locator('svg .failure-label', { hasText: model.hresult ?? '' }).count()) === 1, 'the failure is pinned with its HRESULT');
		// code-server starts in its default light theme.
		await screenshot(page, 'timeline-light.png');
	});

	await checks.check('the Writer states tab lists the attempt writers in a data grid, one row each', async () => {
		await frame.locator('vscode-panel-tab#tab-writers').click();
		const cells = frame.locator('#writers-grid vscode-data-grid-cell');
		await cells.filter({ hasText: model.writers[0].name }).first().waitFor({ timeout: 10_000 });
		const first = await frame
			.locator('#writers-grid vscode-data-grid-row')
			.nth(1)
			.locator('vscode-data-grid-cell')
			.evaluateAll((els) => els.map((e) => (e as unknown as { getBoundingClientRect(): { top: number; left: number } }).getBoundingClientRect()));
		assert.ok(first.length === 4 && first.every((r) => Math.abs(r.top - first[0].top) < 2), "a row's four cells sit side by side");
		await screenshot(page, 'timeline-writers.png');
		await frame.locator('vscode-panel-tab#tab-details').click();
	});

	await checks.check('clicking an event opens its file at its line', async () => {
		const target = (await markers(frame)).find((m) => m.source === guest?.path && m.count === 1);
		assert.ok(target, 'a single guest event marker');
		await frame.locator(`svg .marker[data-index="${target.index}"]`).click();
		const name = target.source.split('/').pop()!;
		await page.locator('.tab.active', { hasText: name }).first().waitFor({ timeout: 15_000 });
		await page
			.locator('.part.statusbar', { hasText: new RegExp(`Ln ${target.line},`) })
			.first()
			.waitFor({ timeout: 10_000 });
	});

	await checks.check('changing the guest clock offset in the view moves the guest lane', async () => {
		assert.ok(guest, 'the fixture has a Windows event lane');
		await page.locator('.tab', { hasText: 'Timeline:' }).first().click();
		const before = (await markers(frame)).filter((m) => m.source === guest.path);
		await frame.locator('vscode-panel-tab#tab-clocks').click();
		const field = frame.locator(`tr[data-path="${guest.path}"] vscode-text-field input`);
		await field.fill('1');
		await field.press('Enter');
		// One minute east of UTC: the stamps are read 60 s earlier on the aligned axis.
		await frame.locator(`svg .marker[data-source="${guest.path}"][data-ms="${before[0].ms - 60_000}"]`).waitFor({ timeout: 30_000 });
		const after = (await markers(frame)).filter((m) => m.source === guest.path);
		assert.ok(after[0].x < before[0].x, `the guest marker moved left (${before[0].x} → ${after[0].x})`);
		const lane = frame.locator('svg .lane-clock').nth(model.lanes.indexOf(guest));
		assert.match((await lane.textContent()) ?? '', /UTC\+00:01 · setting/);
	});

	await checks.check('keyboard: + zooms in and 0 fits the attempt again', async () => {
		const host = frame.locator('#plot');
		const span = async () => {
			const [from, to] = await Promise.all([host.getAttribute('data-from'), host.getAttribute('data-to')]);
			return Number(to) - Number(from);
		};
		const fitted = await span();
		await host.focus();
		await host.press('+');
		await host.press('+');
		assert.ok(Math.abs((await span()) - fitted / 4) <= 2, 'two zoom steps show a quarter of the span');
		await host.press('0');
		assert.strictEqual(await span(), fitted);
	});

	for (const format of ['svg', 'png'] as const) {
		await checks.check(`Export ${format.toUpperCase()} saves the timeline where the user says`, async () => {
			const target = path.join(path.dirname(workspace), `timeline.${format}`);
			const input = page.locator('.quick-input-widget input');
			await input.waitFor({ state: 'hidden', timeout: 10_000 });
			await frame.locator(`vscode-button#export-${format}`).click();
			// code-server's save dialog is a quick input holding the proposed path (next to the bundle).
			await page.waitForFunction(
				(ext) => {
					const field = (globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }).document.querySelector('.quick-input-widget input');
					return field !== null && field.value.endsWith(`.${ext}`);
				},
				format,
				{ timeout: 15_000 },
			);
			assert.match(await input.inputValue(), new RegExp(`${path.basename(path.dirname(workspace))}/timeline-EXCH-MBX-02-`), 'proposed next to the bundle');
			await input.fill(target);
			await page.keyboard.press('Enter');
			for (let i = 0; i < 100 && !fs.existsSync(target); i++) await page.waitForTimeout(100);
			const bytes = fs.readFileSync(target);
			if (format === 'svg') {
				const text = bytes.toString('utf8');
				assert.match(text, /^<svg[\s\S]*hostd\.log[\s\S]*<\/svg>$/);
				assert.doesNotMatch(text, /var\(--vscode/, 'theme colours are written out as values');
			} else {
				assert.deepStrictEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
				assert.ok(bytes.length > 5000, `${bytes.length} bytes`);
			}
		});
	}

	await checks.check('the timeline follows a dark theme; screenshot test-results/timeline-dark.png', async () => {
		// Evaluated in the webview; this tsconfig has no DOM lib, so reach the DOM through globalThis.
		type Dom = { getComputedStyle(e: unknown): { backgroundColor: string } };
		const background = () => frame.locator('body').evaluate((b) => (globalThis as unknown as Dom).getComputedStyle(b).backgroundColor);
		const light = await background();
		// The theme picker (Ctrl+K Ctrl+T) from the workbench, not from inside the webview.
		await page.locator('.part.panel .composite-bar .action-item', { hasText: 'Problems' }).first().click();
		await page.keyboard.press('Control+K');
		await page.keyboard.press('Control+T');
		const input = page.locator('.quick-input-widget input');
		await input.waitFor({ timeout: 10_000 });
		await input.fill('Dark Modern');
		await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Dark Modern' }).first().waitFor({ timeout: 10_000 });
		await page.keyboard.press('Enter');
		// The webview gets the new theme's variables a moment after the workbench repaints.
		let dark = light;
		for (let i = 0; i < 50 && dark === light; i++) {
			await page.waitForTimeout(100);
			dark = await background();
		}
		assert.notStrictEqual(dark, light, 'the webview background follows the theme');
		// One editor group, so the screenshot shows the whole timeline.
		await runCommand(page, 'View: Single Column Editor Layout');
		await page.locator('.tab', { hasText: 'Timeline:' }).first().click();
		await frame.locator('svg.plot').waitFor({ timeout: 10_000 });
		await screenshot(page, 'timeline-dark.png');
	});
}

/**
 * A vmware.log whose snapshot name, a guest line and the guest's error message carry HTML and script
 * (test/fixtures/workspaces/hostile-webview): the timeline must show them as text and run none of it.
 */
async function hostileTimelineChecks(page: Page, checks: Checks, server: CodeServer): Promise<void> {
	const workspace = path.join(fixturesDir, 'workspaces', 'hostile-webview');
	const frame = webviewFrame(page);
	await checks.check('a hostile bundle opens in the timeline', async () => {
		await openWorkbench(page, server.workbenchUrl(workspace));
		// The extension's container is in the activity bar once the reloaded workbench is up.
		await page.locator(`.part.activitybar .action-item a[aria-label^="${CONTAINER_TITLE}"]`).first().waitFor({ timeout: 60_000 });
		await runCommand(page, ANALYZE_WORKSPACE);
		// Open Timeline is in the palette once there is an analysis; the status bar says when.
		await page.locator('.part.statusbar', { hasText: 'failed attempt' }).first().waitFor({ timeout: 30_000 });
		await page.keyboard.press('F1');
		const input = page.locator('.quick-input-widget input');
		await input.fill('>Quiesce Lens: Open Timeline');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Quiesce Lens: Open Timeline' }).first().waitFor({ timeout: 15_000 });
		await page.keyboard.press('Enter');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'HOSTILE-VM' }).first().waitFor({ timeout: 15_000 });
		await page.keyboard.press('Enter');
		await frame.locator('svg.plot').waitFor({ timeout: 20_000 });
	});
	await checks.check('log text with <script>, <img onerror> and <svg onload> renders as text and runs nothing', async () => {
		assert.match((await frame.locator('h1').textContent()) ?? '', /<img src=x onerror=/);
		assert.strictEqual(await frame.locator('img, iframe, object, embed, [onerror], [onload]').count(), 0, 'no element came from the log');
		// VS Code injects its own script into the webview; none may carry the log's text.
		assert.strictEqual(await frame.locator('script', { hasText: 'pwned' }).count(), 0, 'no script from the log');
		const title = await frame.locator('body').evaluate(() => (globalThis as unknown as { document: { title: string } }).document.title);
		assert.doesNotMatch(title, /pwned/);
		const warning = frame.locator('svg .marker.sev-warning').first();
		await warning.hover();
		const tip = frame.locator('#tooltip .tip-text');
		await tip.waitFor({ timeout: 10_000 });
		assert.match((await tip.textContent()) ?? '', /<script>document\.title='pwned-script'<\/script>/);
		await screenshot(page, 'timeline-hostile.png');
	});
}

/**
 * A ticket as a backup engineer gets it: a line of prose, the vmware.log lines of the failed attempt,
 * then the guest's `vssadmin list writers` with the failed Exchange writer (the writer's State line is
 * line 17 of the paste).
 */
function mixedTicket(): string {
	const vmx = fs.readFileSync(path.join(exchangeWorkspace, 'esxi', 'vmfs', 'volumes', 'vsanDatastore', 'EXCH-MBX-02', 'vmware.log'), 'utf8').trimEnd();
	return [
		"Hi, last night's backup of EXCH-MBX-02 failed. From the host:",
		'',
		vmx,
		'',
		'And in the guest:',
		'',
		"Writer name: 'Microsoft Exchange Writer'",
		'   Writer Id: {76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}',
		'   Writer Instance Id: {0d6e4b5e-27b4-4f2c-8a3b-2c0e8c0e6f7a}',
		'   State: [8] Failed',
		'   Last error: Retryable error',
		'',
	].join('\n');
}

/** Paste and Analyze on a mixed ticket: the attempt, its Problems on the pasted lines, its timeline. */
async function pasteChecks(page: Page, checks: Checks, server: CodeServer, workspace: string): Promise<void> {
	const ticket = mixedTicket();
	const stateLine = ticket.split('\n').findIndex((l) => l.includes('State: [8]')) + 1;
	await checks.check('Paste and Analyze opens a pasted ticket in an untitled editor and analyses it', async () => {
		await openWorkbench(page, server.workbenchUrl(workspace));
		await page.locator(`.part.activitybar .action-item a[aria-label^="${CONTAINER_TITLE}"]`).first().waitFor({ timeout: 60_000 });
		await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.workbenchUrl(workspace)).origin });
		await page.evaluate((text) => (globalThis as unknown as { navigator: { clipboard: { writeText(t: string): Promise<void> } } }).navigator.clipboard.writeText(text), ticket);
		await runCommand(page, 'Quiesce Lens: Paste and Analyze');
		await page.locator('.tab.active', { hasText: 'Untitled-1' }).first().waitFor({ timeout: 20_000 });
		await page.locator('.part.editor .view-line', { hasText: 'State: [8] Failed' }).first().waitFor({ timeout: 20_000 });
	});
	// The pasted vmware.log lines do not name their VM (its folder does, on disk): the attempt is found by its start.
	const pastedAttempt = 'unknown VM · 2024-05-22 19:30:02 UTC';
	await checks.check('the attempts tree shows the pasted attempt; screenshot test-results/paste-attempts.png', async () => {
		await openContainer(page, CONTAINER_TITLE);
		const pane = await sidebarPane(page, ATTEMPTS_VIEW);
		const row = pane.locator('.monaco-list-row', { hasText: pastedAttempt }).first();
		await row.waitFor({ timeout: 30_000 });
		await waitForOurToasts(page, log);
		await screenshot(page, 'paste-attempts.png');
	});
	await checks.check(`the Problems panel lists the writer's finding on line ${stateLine} of the paste; screenshot test-results/paste-problems.png`, async () => {
		const panel = await showProblems(page, log);
		const file = panel.locator('.monaco-list-row', { hasText: 'Untitled-1' }).first();
		await file.waitFor({ timeout: 20_000 });
		const problems = await collectListRows(page, panel);
		const hit = problems.find((r) => r.text.includes(FIRST_WRITER) && r.text.includes(`[Ln ${stateLine},`));
		assert.ok(hit, `no Problems row on line ${stateLine} names "${FIRST_WRITER}": ${JSON.stringify(problems.map((r) => r.text))}`);
		await screenshot(page, 'paste-problems.png');
	});
	await checks.check('the pasted attempt opens in the timeline; screenshot test-results/paste-timeline.png', async () => {
		const frame = webviewFrame(page);
		const pane = await sidebarPane(page, ATTEMPTS_VIEW);
		await pane.locator('.monaco-list-row', { hasText: pastedAttempt }).first().click();
		await page.locator('.tab', { hasText: 'Timeline: ? — 2024-05-22 19:30:02 UTC' }).first().waitFor({ timeout: 20_000 });
		await frame.locator('svg.plot').waitFor({ timeout: 20_000 });
		assert.ok((await frame.locator('svg .lane-name', { hasText: 'Untitled-1' }).count()) > 0, 'a lane for the paste');
		await screenshot(page, 'paste-timeline.png');
	});
}

async function main(): Promise<number> {
	const vsix = requireFile(path.resolve(process.argv[2] ?? defaultVsix()), 'run `npm run package` first');
	fs.mkdirSync(resultsDir, { recursive: true });
	let server: CodeServer | undefined;
	let browser: Browser | undefined;
	let page: Page | undefined;
	let workspace: string | undefined;
	const checks = new Checks(log, async (_name, n) => {
		if (page) {
			await screenshot(page, `failure-${n}.png`);
		}
	});
	try {
		// The run changes workspace settings (a clock offset): it gets a copy, never the fixture itself.
		workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ql-e2e-')), path.basename(exchangeWorkspace));
		fs.cpSync(exchangeWorkspace, workspace, { recursive: true });
		server = await startCodeServer({ folder: workspace, vsix, log, settings: { 'quiesceLens.autoAnalyze': false } });
		browser = await launchChromium();
		page = await newPage(browser, log);
		await openWorkbench(page, server.workbenchUrl(workspace));
		log('workbench loaded');
		await uiChecks(page, checks);
		await timelineChecks(page, checks, workspace);
		await hostileTimelineChecks(page, checks, server);
		await pasteChecks(page, checks, server, workspace);
	} catch (err) {
		checks.fail('e2e run aborted', err);
		await page?.screenshot({ path: path.join(resultsDir, 'failure.png') }).catch(() => undefined);
	} finally {
		await browser?.close().catch(() => undefined);
		await server?.stop();
		if (workspace) fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
	}
	console.log(checks.summary('e2e'));
	return checks.failed > 0 ? 1 : 0;
}

runMain(main, 'e2e');
