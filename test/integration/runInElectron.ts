// Runs the same integration suite in desktop VS Code through @vscode/test-electron, for machines
// that can download VS Code (`npm run test:electron`). Offline, use `npm run test:integration`
// (code-server). Env: QL_VSCODE_EXECUTABLE=<path to a desktop VS Code> skips the download.
// Last line: "integration: N passed, N failed"; exit status 0 only if the suite passed.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { exchangeWorkspace, fixturesDir, outTestDir, repoRoot, requireFile } from '../lib/paths';
import { concludeReport, firstLine, formatCounts, runMain } from '../lib/results';

async function main(): Promise<number> {
	const testsPath = requireFile(path.join(outTestDir, 'integration', 'index.js'), 'run `npm run build` first');
	let vscodeExecutablePath = process.env.QL_VSCODE_EXECUTABLE;
	if (!vscodeExecutablePath) {
		try {
			// engines.vscode is ^1.100.0: test against the oldest supported release.
			vscodeExecutablePath = await downloadAndUnzipVSCode('1.100.3');
		} catch (err) {
			console.log(`test:electron: could not download VS Code (${firstLine(err)}); this machine is probably offline, so run \`npm run test:integration\` (code-server) instead.`);
			console.log(formatCounts({ passed: 0, failed: 1 }, 'integration'));
			return 1;
		}
	}
	const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-integration-'));
	const reportFile = path.join(reportDir, 'report.txt');
	let exitCode: number;
	try {
		exitCode = await runTests({
			vscodeExecutablePath,
			extensionDevelopmentPath: repoRoot,
			extensionTestsPath: testsPath,
			extensionTestsEnv: { EXT_TEST_REPORT: reportFile, QL_FIXTURES: process.env.QL_FIXTURES || fixturesDir },
			launchArgs: [exchangeWorkspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
		});
	} catch (err) {
		console.log(`test:electron: VS Code run failed: ${firstLine(err)}`);
		exitCode = 1;
	}
	return concludeReport(reportFile, exitCode, 'integration');
}

runMain(main, 'integration');
