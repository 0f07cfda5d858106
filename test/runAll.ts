// `npm test` (after `npm run -s build`): every test level in one run, one summary line at the end.
//   lint         npx eslint . ; npx tsc -p src/core ; npx tsc -p src/webview/app   (each: 1 passed or 1 failed)
//   unit         node out/test/unit/run.js                    (plain Node mocha: the behaviour tests, seconds; npm run test:unit)
//   robustness   node out/test/robustness/run.js              (plain Node mocha: properties, fuzzing, ReDoS, grammars, scale; npm run test:robustness)
//   hostile      node out/test/hostile.js                     (the CLI on a generated hostile corpus, time- and memory-bounded)
//   code-server  bash test/e2e/lib/install-code-server.sh     (setup; idempotent)
//   integration  node out/test/integration/runInCodeServer.js (mocha in the real extension host)
//   package      npm run -s package                           (setup: the .vsix the UI test installs)
//   e2e          node out/test/e2e/ui.e2e.js                  (real workbench in headless Chromium)
//                node out/test/e2e/japanese.e2e.js            (the same, in Japanese: --locale ja + a generated language pack)
//                node out/test/e2e/scale.e2e.js               (a generated 50 MB bundle: time to the first tree)
// Each child's output is streamed; a test suite's result is its last "N passed, N failed" line.
// A suite without such a line, or that exits non-zero while reporting no failure, gets one more
// failure; a setup step counts only when it fails (1 failed), and then its dependants are skipped.
// Env: QL_SUITES=unit,integration runs a subset (setup steps follow the suites that need them);
//      QL_STEP_TIMEOUT_MS (default 1200000) bounds each command.
// Last line: "N passed, N failed" summed over the suites; exit status 1 if anything failed.
import { spawn } from 'child_process';
import * as path from 'path';
import { repoRoot } from './lib/paths';
import { firstLine, formatCounts, lastCounts, runMain, type Counts } from './lib/results';

type Kind = 'gate' | 'suite' | 'setup';

interface Step {
	name: string;
	kind: Kind;
	commands: string[][];
	needs?: string[];
}

const STEPS: Step[] = [
	{
		name: 'lint',
		kind: 'gate',
		commands: [
			['npx', 'eslint', '.'],
			['npx', 'tsc', '-p', 'src/core'],
			['npx', 'tsc', '-p', 'src/webview/app'],
		],
	},
	{ name: 'unit', kind: 'suite', commands: [['node', 'out/test/unit/run.js']] },
	{ name: 'robustness', kind: 'suite', commands: [['node', 'out/test/robustness/run.js']] },
	{ name: 'hostile', kind: 'suite', commands: [['node', 'out/test/hostile.js']] },
	{ name: 'code-server', kind: 'setup', commands: [['bash', 'test/e2e/lib/install-code-server.sh']] },
	{ name: 'integration', kind: 'suite', commands: [['node', 'out/test/integration/runInCodeServer.js']], needs: ['code-server'] },
	{ name: 'package', kind: 'setup', commands: [['npm', 'run', '-s', 'package']] },
	{
		name: 'e2e',
		kind: 'suite',
		commands: [
			['node', 'out/test/e2e/ui.e2e.js'],
			['node', 'out/test/e2e/japanese.e2e.js'],
			['node', 'out/test/e2e/scale.e2e.js'],
		],
		needs: ['code-server', 'package'],
	},
];

interface Outcome extends Counts {
	name: string;
	ms: number;
	note: string;
}

interface Exit {
	code: number | null;
	signal: NodeJS.Signals | null;
	output: string;
}

const TAIL_CHARS = 64 * 1024;
const stepTimeoutMs = Number(process.env.QL_STEP_TIMEOUT_MS || 20 * 60_000);

/** Runs one command in the repo root, streaming its output, and keeps the tail for parsing. */
function runCommand(argv: string[]): Promise<Exit> {
	return new Promise((resolve) => {
		const child = spawn(argv[0], argv.slice(1), { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const keep = (chunk: Buffer, sink: NodeJS.WriteStream) => {
			sink.write(chunk);
			output = (output + chunk.toString()).slice(-TAIL_CHARS);
		};
		child.stdout.on('data', (c: Buffer) => keep(c, process.stdout));
		child.stderr.on('data', (c: Buffer) => keep(c, process.stderr));
		const timer = setTimeout(() => {
			output += `\nrunAll: ${argv.join(' ')} timed out after ${stepTimeoutMs} ms\n`;
			child.kill('SIGTERM');
			setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
		}, stepTimeoutMs);
		child.on('error', (err) => {
			output += `\nrunAll: cannot run ${argv[0]}: ${err.message}\n`;
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, output });
		});
	});
}

function exitText(exit: Exit): string {
	return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

async function runStep(step: Step): Promise<Outcome> {
	const t0 = Date.now();
	const outcome: Outcome = { name: step.name, passed: 0, failed: 0, ms: 0, note: '' };
	const notes: string[] = [];
	for (const argv of step.commands) {
		console.log(`\n=== ${step.name}: ${argv.join(' ')}`);
		const exit = await runCommand(argv);
		const ok = exit.code === 0;
		if (step.kind !== 'suite') {
			if (!ok) {
				outcome.failed++;
				notes.push(`${argv.slice(0, 2).join(' ')} failed (${exitText(exit)})`);
			} else if (step.kind === 'gate') {
				outcome.passed++;
			}
			continue;
		}
		const counts = lastCounts(exit.output);
		if (!counts) {
			outcome.failed++;
			notes.push(`no "N passed, N failed" line (${exitText(exit)})`);
			continue;
		}
		outcome.passed += counts.passed;
		outcome.failed += counts.failed;
		if (!ok && counts.failed === 0) {
			outcome.failed++;
			notes.push(`reported no failure but ended with ${exitText(exit)}`);
		}
	}
	outcome.ms = Date.now() - t0;
	outcome.note = notes.join('; ');
	return outcome;
}

/** The steps QL_SUITES asks for, plus the setup steps they need, in pipeline order. */
function selectedSteps(): Step[] {
	const wanted = process.env.QL_SUITES?.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (!wanted || wanted.length === 0) {
		return STEPS;
	}
	const unknown = wanted.filter((w) => !STEPS.some((s) => s.name === w));
	if (unknown.length > 0) {
		throw new Error(`QL_SUITES: unknown suite(s) ${unknown.join(', ')}; known: ${STEPS.map((s) => s.name).join(', ')}`);
	}
	const names = new Set(wanted);
	for (const step of STEPS) {
		if (names.has(step.name)) {
			step.needs?.forEach((n) => names.add(n));
		}
	}
	return STEPS.filter((s) => names.has(s.name));
}

function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)}s`;
}

async function main(): Promise<number> {
	const t0 = Date.now();
	let steps: Step[];
	try {
		steps = selectedSteps();
	} catch (err) {
		console.log(firstLine(err));
		console.log(formatCounts({ passed: 0, failed: 1 }));
		return 1;
	}
	const outcomes: Outcome[] = [];
	const failedSetups = new Set<string>();
	for (const step of steps) {
		const blockedBy = (step.needs ?? []).filter((n) => failedSetups.has(n));
		if (blockedBy.length > 0) {
			console.log(`\n=== ${step.name}: skipped (${blockedBy.join(', ')} failed)`);
			outcomes.push({ name: step.name, passed: 0, failed: 0, ms: 0, note: `skipped: ${blockedBy.join(', ')} failed` });
			continue;
		}
		const outcome = await runStep(step);
		if (step.kind === 'setup' && outcome.failed > 0) {
			failedSetups.add(step.name);
		}
		outcomes.push(outcome);
	}

	const total: Counts = { passed: 0, failed: 0 };
	console.log(`\n=== summary (${path.basename(repoRoot)})`);
	const width = Math.max(...outcomes.map((o) => o.name.length));
	for (const o of outcomes) {
		const step = steps.find((s) => s.name === o.name);
		const result = step?.kind === 'setup' && o.failed === 0 ? 'ok' : formatCounts(o);
		console.log(`  ${o.name.padEnd(width)}  ${seconds(o.ms).padStart(7)}  ${result}${o.note ? `  (${o.note})` : ''}`);
		total.passed += o.passed;
		total.failed += o.failed;
	}
	console.log(`  ${'total'.padEnd(width)}  ${seconds(Date.now() - t0).padStart(7)}`);
	console.log(formatCounts(total));
	return total.failed > 0 ? 1 : 0;
}

runMain(main);
