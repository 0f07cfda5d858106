// Mocha entry point the VS Code extension host loads (extensionTestsPath). It runs inside the
// real (code-server or desktop) extension host, so `require('vscode')` is the real API.
// Loads every *.test.js next to this file (out/test/integration/), BDD style (describe/it); QL_GREP
// narrows the run to the tests whose full title matches.
// Results go to the console AND to the file named by EXT_TEST_REPORT, because a remote
// extension host's stdout is not the terminal of whoever started the run; the driver prints it.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { firstLine, formatCounts } from '../lib/results';

export function run(): Promise<void> {
	const reportFile = process.env.EXT_TEST_REPORT;
	const lines: string[] = [];
	const report = (line: string) => {
		lines.push(line);
		console.log(line);
		if (reportFile) {
			fs.writeFileSync(reportFile, lines.join('\n') + '\n');
		}
	};

	// QL_GREP runs only the tests whose full title matches (one suite while working on it).
	const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'dot', grep: process.env.QL_GREP || undefined });
	const files = fs
		.readdirSync(__dirname)
		.filter((f) => f.endsWith('.test.js'))
		.sort();
	for (const f of files) {
		mocha.addFile(path.join(__dirname, f));
	}
	report(`integration: ${files.length} test file(s): ${files.join(', ')}`);

	return new Promise<void>((resolve, reject) => {
		let runner: Mocha.Runner;
		try {
			runner = mocha.run((failures) => {
				report(formatCounts({ passed: runner.stats?.passes ?? 0, failed: failures }, 'integration'));
				if (failures > 0) {
					reject(new Error(`${failures} integration test(s) failed.`));
				} else {
					resolve();
				}
			});
		} catch (err) {
			// A test file that throws while loading lands here.
			report(`  FAIL loading the test files: ${firstLine(err)}`);
			report(formatCounts({ passed: 0, failed: 1 }, 'integration'));
			reject(err);
			return;
		}
		runner.on('pass', (test) => report(`  ok   ${test.fullTitle()} (${test.duration ?? 0} ms)`));
		runner.on('fail', (test, err: unknown) => {
			report(`  FAIL ${test.fullTitle()}: ${firstLine(err)}`);
			const stack = err instanceof Error && err.stack ? err.stack.split('\n').slice(1, 4).join('\n') : '';
			if (stack) {
				report(stack);
			}
		});
	});
}
