// playwright-core driving Debian's /usr/bin/chromium: no Playwright browser download, which
// cannot work offline. Each launch() gets a fresh temporary profile (its own user-data dir).
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		headless: true,
		args: CHROMIUM_ARGS,
	});
}

/**
 * A 1400×900 page (the screenshots' size) that logs page errors, and with QL_VERBOSE=1 the page console.
 * `locale` sets the browser's own language (Accept-Language, navigator.language).
 */
export async function newPage(browser: Browser, log: (line: string) => void, locale?: string): Promise<Page> {
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, ...(locale ? { locale } : {}) });
	const verbose = process.env.QL_VERBOSE === '1';
	page.on('pageerror', (e) => log(`pageerror: ${e.message.split('\n')[0]}`));
	page.on('console', (m) => {
		if (verbose) log(`[page ${m.type()}] ${m.text().split('\n')[0]}`);
	});
	return page;
}
