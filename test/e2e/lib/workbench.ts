// Helpers that drive the VS Code 1.100.3 workbench (code-server 4.100.3) through playwright-core.
// The selectors are internal workbench DOM classes, checked against that pinned version only.
import * as path from 'path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { repoRoot, resultsDir } from '../../lib/paths';

export interface ListRow {
	/** data-index: the row's position in the whole (virtualised) list. */
	index: number;
	label: string;
	description: string;
	text: string;
}

/** Waits until the browser has painted twice (lets a virtualised list render after a scroll). */
export function nextFrames(page: Page): Promise<void> {
	// Runs in the page; tsconfig has no DOM lib, so reach requestAnimationFrame through globalThis.
	return page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				const w = globalThis as unknown as { requestAnimationFrame(cb: () => void): number };
				w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve()));
			}),
	);
}

/** Loads the workbench at `url` and waits for its DOM. */
export async function openWorkbench(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
}

/**
 * A view's pane in the side bar, found by the title in its header (case-insensitive: headers
 * are shown upper-case). Expands the pane when it is collapsed.
 */
export async function sidebarPane(page: Page, title: string, timeout = 30_000): Promise<Locator> {
	// `has` is matched inside each .pane, so this locator must not repeat the .part.sidebar prefix.
	const header = page.locator('.pane-header', { hasText: title });
	const pane = page.locator('.part.sidebar .pane').filter({ has: header }).first();
	await pane.waitFor({ timeout });
	const paneHeader = pane.locator('.pane-header').first();
	if ((await paneHeader.getAttribute('aria-expanded')) === 'false') {
		await paneHeader.click();
	}
	return pane;
}

/**
 * Runs a command from the command palette (F1), by its full title, e.g. "Quiesce Lens: Analyze Workspace".
 * Right after a workbench (re)loads, the activity bar is restored from storage before the extensions'
 * contributions are registered, so the palette may not list the command yet: it is asked again, up to
 * `timeoutMs` in all.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 60_000): Promise<void> {
	const input = page.locator('.quick-input-widget input');
	const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		await page.keyboard.press('Escape');
		await page.keyboard.press('F1');
		await input.waitFor({ timeout: 10_000 });
		await input.fill(`>${title}`);
		try {
			await row.waitFor({ timeout: Math.max(1_000, Math.min(10_000, deadline - Date.now())) });
			break;
		} catch (e) {
			if (Date.now() >= deadline) throw e;
		}
	}
	await page.keyboard.press('Enter');
	await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

async function visibleRows(list: Locator): Promise<ListRow[]> {
	return list.locator('.monaco-list-row').evaluateAll((rows) =>
		rows.map((r) => ({
			index: Number(r.getAttribute('data-index') ?? -1),
			label: r.querySelector('.label-name')?.textContent?.trim() ?? '',
			description: r.querySelector('.label-description')?.textContent?.trim() ?? '',
			text: (r.textContent ?? '').replace(/\s+/g, ' ').trim(),
		})),
	);
}

/**
 * All rows of a virtualised .monaco-list inside `container`, in list order: the list renders
 * only the rows in view, so this scrolls it with the mouse wheel until no new rows appear,
 * then scrolls back to the top.
 */
export async function collectListRows(page: Page, container: Locator, maxScrolls = 60): Promise<ListRow[]> {
	const list = container.locator('.monaco-list').first();
	await list.locator('.monaco-list-row').first().waitFor({ timeout: 15_000 });
	const byIndex = new Map<number, ListRow>();
	await list.hover();
	for (let i = 0; i < maxScrolls; i++) {
		const before = byIndex.size;
		for (const row of await visibleRows(list)) {
			byIndex.set(row.index, row);
		}
		if (i > 0 && byIndex.size === before) {
			break;
		}
		await page.mouse.wheel(0, 400);
		await nextFrames(page);
	}
	await page.mouse.wheel(0, -100_000);
	await nextFrames(page);
	return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

/** Best effort, for a clean screenshot: waits up to 15 s for Quiesce Lens notifications to go away. */
export async function waitForOurToasts(page: Page, log: (line: string) => void): Promise<void> {
	const toast = page.locator('.notification-toast', { hasText: 'Quiesce Lens' }).first();
	try {
		await toast.waitFor({ state: 'hidden', timeout: 15_000 });
	} catch {
		log(`a Quiesce Lens notification is still shown after 15 s: ${(await toast.textContent().catch(() => ''))?.replace(/\s+/g, ' ')}`);
	}
}

/** Shows the Problems panel (Ctrl+Shift+M; the palette when the key does not reach the workbench) and returns it. */
export async function showProblems(page: Page, log: (line: string) => void): Promise<Locator> {
	const panel = page.locator('.part.panel .markers-panel');
	if (await panel.isVisible()) return panel;
	await page.locator('.part.editor').click({ position: { x: 300, y: 300 } });
	await page.keyboard.press('Control+Shift+M');
	try {
		await panel.waitFor({ timeout: 5_000 });
	} catch {
		log('Ctrl+Shift+M did not show the Problems panel; using the command palette');
		await runCommand(page, 'View: Focus Problems');
		await panel.waitFor({ timeout: 10_000 });
	}
	return panel;
}

/** Opens the view container whose activity-bar item is labelled `title` (leaves it open when it already is). */
export async function openContainer(page: Page, title: string): Promise<void> {
	const item = page.locator(`.part.activitybar .action-item a[aria-label^="${title}"]`).first();
	await item.waitFor({ timeout: 60_000 });
	// A checked item is already open; clicking it again would close the side bar.
	const checked = await item.locator('xpath=ancestor::li[contains(@class, "action-item")]').evaluate((li) => li.classList.contains('checked'));
	// Forced: once an analysis ran, the item's badge (the count of failed attempts) lies over its centre.
	if (!checked) await item.click({ force: true });
	await page.locator('.part.sidebar').waitFor({ timeout: 10_000 });
}

/** The visible webview's document (two iframes deep). */
export function webviewFrame(page: Page): FrameLocator {
	return page.frameLocator('iframe.webview.ready:visible').first().frameLocator('#active-frame');
}

/** Saves a screenshot of the page as test-results/<name> and logs where. */
export async function saveScreenshot(page: Page, name: string, log: (line: string) => void): Promise<void> {
	const file = path.join(resultsDir, name);
	await page.screenshot({ path: file });
	log(`screenshot ${path.relative(repoRoot, file)}`);
}
