// Plain-Node unit suite (no VS Code): `node out/test/unit/run.js`. Ends with `unit: N passed, N failed`.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 20000 });
for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
const runner = mocha.run((failures) => {
	console.log(`unit: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
	process.exitCode = failures > 0 ? 1 : 0;
});
