// Repository paths for the test drivers. Compiled to out/test/lib/, so the root is three up.
import * as fs from 'fs';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const outTestDir = path.join(repoRoot, 'out', 'test');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
/** The workspace both the integration suite and the UI test open. */
export const exchangeWorkspace = path.join(fixturesDir, 'workspaces', 'exchange-writer-failed');
export const resultsDir = path.join(repoRoot, 'test-results');

interface Manifest {
	name: string;
	version: string;
	publisher: string;
	main: string;
}

export function manifest(): Manifest {
	return JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;
}

/** What `npm run package` writes: <name>-<version>.vsix at the repo root. */
export function defaultVsix(): string {
	const m = manifest();
	return path.join(repoRoot, `${m.name}-${m.version}.vsix`);
}

/** Throws with a hint when a file a driver needs has not been built yet. */
export function requireFile(file: string, hint: string): string {
	if (!fs.existsSync(file)) {
		throw new Error(`${path.relative(repoRoot, file) || file} is missing: ${hint}`);
	}
	return file;
}
