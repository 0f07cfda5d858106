// Shared result bookkeeping for every test level: each suite ends its output with one line
// "N passed, N failed" (optionally prefixed "<suite>: "), and test/runAll.ts adds them up.
// Plain Node only (no vscode import): the extension-host runner uses it too.
import * as fs from 'fs';
import * as path from 'path';

export interface Counts {
	passed: number;
	failed: number;
}

const COUNTS_RE = /(\d+) passed, (\d+) failed/;

/** The counts of the LAST line in `text` that reads "N passed, N failed", if any. */
export function lastCounts(text: string): Counts | undefined {
	const lines = text.split(/\r?\n/);
	for (let i = lines.length - 1; i >= 0; i--) {
		const m = COUNTS_RE.exec(lines[i]);
		if (m) {
			return { passed: Number(m[1]), failed: Number(m[2]) };
		}
	}
	return undefined;
}

/** "label: N passed, N failed", or just "N passed, N failed" without a label. */
export function formatCounts(counts: Counts, label?: string): string {
	const line = `${counts.passed} passed, ${counts.failed} failed`;
	return label ? `${label}: ${line}` : line;
}

export type Logger = (message: string) => void;

/** A console logger that prefixes each line with "[tag +12.3s]" (time since creation). */
export function stepLogger(tag: string): Logger {
	const t0 = Date.now();
	return (message: string) => console.log(`[${tag} +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}`);
}

/** First line of an error's message (Playwright errors carry long call logs). */
export function firstLine(err: unknown): string {
	const text = err instanceof Error ? err.message : String(err);
	return text.split('\n')[0];
}

/** Counts named checks; a failing check is logged and counted, and the run goes on. */
export class Checks implements Counts {
	passed = 0;
	failed = 0;

	/** `onFail` runs after a failed check (e.g. to save a screenshot); its own errors are ignored. */
	constructor(
		private readonly log: Logger,
		private readonly onFail?: (name: string, ordinal: number) => Promise<void>,
	) {}

	async check(name: string, fn: () => Promise<void>): Promise<boolean> {
		try {
			await fn();
			this.passed++;
			this.log(`ok   ${name}`);
			return true;
		} catch (err) {
			this.fail(name, err);
			await this.onFail?.(name, this.failed).catch(() => undefined);
			return false;
		}
	}

	fail(name: string, err: unknown): void {
		this.failed++;
		this.log(`FAIL ${name}: ${firstLine(err)}`);
	}

	summary(label: string): string {
		return formatCounts(this, label);
	}
}

/**
 * Prints the report an extension-host run wrote (see test/integration/index.ts), removes its
 * directory and returns the driver's exit status. No result line, or a failed host after passing
 * tests, counts as one more failure so runAll never reads a crash as a pass.
 */
export function concludeReport(reportFile: string, hostExitCode: number | undefined, label: string): number {
	const report = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : '';
	fs.rmSync(path.dirname(reportFile), { recursive: true, force: true });
	process.stdout.write(report);
	const counts = lastCounts(report);
	if (!counts) {
		console.log(`${label}: the suite produced no result line (it did not run, crashed or timed out)`);
		console.log(formatCounts({ passed: 0, failed: 1 }, label));
		return 1;
	}
	if (hostExitCode !== 0 && counts.failed === 0) {
		console.log(`${label}: extension host exit code ${hostExitCode ?? 'unknown'} after passing tests`);
		console.log(formatCounts({ passed: counts.passed, failed: 1 }, label));
		return 1;
	}
	return counts.failed === 0 ? 0 : 1;
}

/** Runs an async main(): its result is the exit status; a throw prints "[label: ]0 passed, 1 failed". */
export function runMain(main: () => Promise<number>, label?: string): void {
	main().then(
		(code) => process.exit(code),
		(err: unknown) => {
			console.error(err);
			console.log(formatCounts({ passed: 0, failed: 1 }, label));
			process.exit(1);
		},
	);
}
