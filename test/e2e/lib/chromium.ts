// playwright-core driving Debian's /usr/bin/chromium: no Playwright browser download, which
// cannot work offline. Each launch() gets a fresh temporary profile (its own user-data dir).
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		headless: true,
		args: CHROMIUM_ARGS,
	});
}
