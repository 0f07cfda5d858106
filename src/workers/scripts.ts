import * as fs from 'fs';
import * as path from 'path';

/**
 * Where a worker thread's script is: beside the bundle that starts it (dist/extension.js and dist/cli.js
 * have dist/analysisWorker.js and dist/readWorker.js next to them), or in out/src/workers/ when the
 * caller runs from tsc's output (tests). `from` is the caller's __dirname.
 */
export function workerScript(from: string, name: 'analysisWorker' | 'readWorker'): string {
	const beside = path.join(from, `${name}.js`);
	return fs.existsSync(beside) ? beside : path.join(from, path.basename(from) === 'workers' ? '' : 'workers', `${name}.js`);
}
