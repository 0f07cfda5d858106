// Runs the integration suite (out/test/integration/*.test.js) INSIDE code-server's Node extension
// host, with the real `vscode` API: the offline stand-in for
//   code --extensionDevelopmentPath=<repo> --extensionTestsPath=out/test/integration/index.js <workspace>
// code-server's CLI has no such flags, but the browser workbench reads both from the URL's
// `payload` parameter and reports the extension host's exit code through
// window.codeAutomationExit(code). A headless Chromium is the (required) client.
//
// Usage: node out/test/integration/runInCodeServer.js [workspace folder]
// Env:   QL_INTEGRATION_TIMEOUT_MS (default 300000); QL_FIXTURES (default <repo>/test/fixtures)
//        and any other variable are passed to code-server, whose extension host inherits them.
//        QL_VERBOSE=1 echoes the extension host's console; QL_KEEP_RUN_DIR=1 keeps server logs.
// Last line: "integration: N passed, N failed"; exit status 0 only if the suite passed.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../e2e/lib/chromium';
import { startCodeServer, type CodeServer } from '../e2e/lib/codeServer';
import { exchangeWorkspace, fixturesDir, manifest, outTestDir, repoRoot, requireFile } from '../lib/paths';
import { concludeReport, firstLine, runMain, stepLogger } from '../lib/results';

const log = stepLogger('integration');

async function main(): Promise<number> {
	const fixtureWorkspace = path.resolve(process.argv[2] ?? exchangeWorkspace);
	const testsPath = requireFile(path.join(outTestDir, 'integration', 'index.js'), 'run `npm run build` first');
	requireFile(path.resolve(repoRoot, manifest().main), 'run `npm run build` first (the extension host loads package.json "main")');
	const timeoutMs = Number(process.env.QL_INTEGRATION_TIMEOUT_MS || 300_000);
	const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-integration-'));
	const reportFile = path.join(reportDir, 'report.txt');
	// Tests change workspace settings (.vscode/settings.json): they get a copy, never the fixture itself.
	const workspace = path.join(reportDir, path.basename(fixtureWorkspace));
	fs.cpSync(fixtureWorkspace, workspace, { recursive: true });

	let server: CodeServer | undefined;
	let browser: Browser | undefined;
	let exitCode: number | undefined;
	try {
		server = await startCodeServer({
			folder: workspace,
			env: { EXT_TEST_REPORT: reportFile, QL_FIXTURES: process.env.QL_FIXTURES || fixturesDir },
			log,
		});
		// The workbench addresses server files as vscode-remote://<remoteAuthority><absolute path>.
		const authority = await server.remoteAuthority();
		const remote = (p: string) => `vscode-remote://${authority}${p}`;
		const url = server.workbenchUrl(workspace, [
			['extensionDevelopmentPath', remote(repoRoot)],
			['extensionTestsPath', remote(testsPath)],
		]);

		browser = await launchChromium();
		const page = await browser.newPage();
		let resolveExit: (code: number) => void = () => undefined;
		const exited = new Promise<number>((resolve) => {
			resolveExit = resolve;
		});
		await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(Number(code)));
		const verbose = process.env.QL_VERBOSE === '1';
		page.on('console', (m) => {
			// Two 404s for Microsoft's closed-source vsda module, which code-server does not ship, are expected.
			const noise = m.text().startsWith('Failed to load resource');
			if (verbose || (m.type() === 'error' && !noise)) {
				log(`[page ${m.type()}] ${m.text().split('\n')[0]}`);
			}
		});
		page.on('pageerror', (e) => log(`pageerror: ${firstLine(e)}`));
		log(`workspace ${path.relative(repoRoot, workspace) || workspace}; running ${path.relative(repoRoot, testsPath)}`);
		await page.goto(url);

		let timer: NodeJS.Timeout | undefined;
		const timedOut = new Promise<'timeout'>((resolve) => {
			timer = setTimeout(() => resolve('timeout'), timeoutMs);
		});
		const result = await Promise.race([exited, timedOut]);
		clearTimeout(timer);
		if (result === 'timeout') {
			log(`no result after ${timeoutMs} ms (extension host hung or crashed)`);
		} else {
			exitCode = result;
			log(`extension host exited with code ${exitCode}`);
		}
	} catch (err) {
		log(`error: ${firstLine(err)}`);
	} finally {
		await browser?.close().catch(() => undefined);
		await server?.stop();
	}

	// Removes the run dir, the workspace copy with it.
	return concludeReport(reportFile, exitCode, 'integration');
}

runMain(main, 'integration');
