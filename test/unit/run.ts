// Plain-Node unit suite (no VS Code): `node out/test/unit/run.js`. Ends with `unit: N passed, N failed`.
// The fast loop (npm run test:unit, seconds): example-based behaviour tests. Properties, fuzzing, ReDoS and
// grammar checks live in test/robustness (npm run test:robustness); `npm test` runs both.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { repoRoot } from '../lib/paths';

const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 20000 });
// tsc never deletes: a test moved out of test/unit (or deleted) would still run from out/ without this check.
const sources = path.join(repoRoot, 'test', 'unit');
for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js') && fs.existsSync(path.join(sources, f.replace(/\.js$/, '.ts')))) mocha.addFile(path.join(__dirname, f));
const runner = mocha.run((failures) => {
	console.log(`unit: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
	process.exitCode = failures > 0 ? 1 : 0;
});
