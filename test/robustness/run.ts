// The robustness suite: `node out/test/robustness/run.js` (npm run test:robustness; part of `npm test`).
// Plain Node mocha like test/unit, for the checks that are slow by design: fast-check properties and fuzzing
// over generated and damaged input (env QL_FUZZ_RUNS, QL_FUZZ_SEED: test/lib/fuzz.ts), the recheck ReDoS
// scan of every pattern in src/, the TextMate grammars, and renderers on input-sized reports.
// test/unit keeps the example-based behaviour tests and stays fast; ESLint keeps fast-check and the fuzz
// helpers out of it, so a new property or fuzz test lands here. Ends with `robustness: N passed, N failed`.
//
// The scaling properties (*scaling*.test.ts) compare CPU times, and run last in a fresh process of their own:
// after the fuzzing the heap holds hundreds of MB, and a full collection that a large run happens to trigger
// marks all of it and is charged to that run (a linear reader once read 4× the input in 10× the time, only
// in the full suite). `run.js --timing` runs just them; the parent adds their counts to its own.
import { fork } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { repoRoot } from '../lib/paths';
import { formatCounts, type Counts } from '../lib/results';

const TIMING = /scaling/;
const timingOnly = process.argv.includes('--timing');

const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 20_000 });
// tsc never deletes: a test moved out of test/robustness (or deleted) would still run from out/ without this check.
const sources = path.join(repoRoot, 'test', 'robustness');
for (const f of fs.readdirSync(__dirname).sort()) {
	if (!f.endsWith('.test.js') || !fs.existsSync(path.join(sources, f.replace(/\.js$/, '.ts')))) continue;
	if (TIMING.test(f) === timingOnly) mocha.addFile(path.join(__dirname, f));
}

/** Runs the timing files in a child process; its counts, or one failure if it ends without them. */
function runTiming(): Promise<Counts> {
	return new Promise((resolve) => {
		let counts: Counts | undefined;
		const child = fork(__filename, ['--timing'], { stdio: 'inherit' });
		child.on('message', (m: Counts) => (counts = m));
		child.on('exit', (code, signal) => {
			if (!counts) console.error(`robustness: the timing suite ended without counts (${signal ?? `exit code ${code}`})`);
			resolve(counts ?? { passed: 0, failed: 1 });
		});
	});
}

const runner = mocha.run((failures) => {
	const own: Counts = { passed: runner.stats?.passes ?? 0, failed: failures };
	if (timingOnly) {
		console.log(formatCounts(own, 'robustness --timing'));
		process.send?.(own);
		process.exitCode = failures > 0 ? 1 : 0;
		return;
	}
	void runTiming().then((timing) => {
		const all = { passed: own.passed + timing.passed, failed: own.failed + timing.failed };
		console.log(formatCounts(all, 'robustness'));
		process.exitCode = all.failed > 0 ? 1 : 0;
	});
});
