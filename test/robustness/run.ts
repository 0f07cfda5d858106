// The robustness suite: `node out/test/robustness/run.js` (npm run test:robustness; part of `npm test`).
// Plain Node mocha like test/unit, for the checks that are slow by design: fast-check properties and fuzzing
// over generated and damaged input (env QL_FUZZ_RUNS, QL_FUZZ_SEED: test/lib/fuzz.ts), the recheck ReDoS
// scan of every pattern in src/, the TextMate grammars, and renderers on input-sized reports.
// test/unit keeps the example-based behaviour tests and stays fast; ESLint keeps fast-check and the fuzz
// helpers out of it, so a new property or fuzz test lands here. Ends with `robustness: N passed, N failed`.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { repoRoot } from '../lib/paths';
import { formatCounts } from '../lib/results';

const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 20_000 });
// tsc never deletes: a test moved out of test/robustness (or deleted) would still run from out/ without this check.
const sources = path.join(repoRoot, 'test', 'robustness');
for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js') && fs.existsSync(path.join(sources, f.replace(/\.js$/, '.ts')))) mocha.addFile(path.join(__dirname, f));
const runner = mocha.run((failures) => {
	console.log(formatCounts({ passed: runner.stats?.passes ?? 0, failed: failures }, 'robustness'));
	process.exitCode = failures > 0 ? 1 : 0;
});
