import * as fs from 'fs';
import * as path from 'path';
import * as v8 from 'v8';
import { analyzeParallel, analyzeText, InputError, jsonPieces, parseTimeZone, renderMarkdown, renderSarif, renderText, TOOL, UTC, type Report, type Severity, type TimeZone } from './core';
import { workerScript } from './workers/scripts';

const USAGE = `Usage: quiesce-lens analyze <path>...|- [--format json|markdown|text|sarif] [--tz utc|local|<offset>]
                                     [--out <file>] [--fail-on error|warning|info] [--max-file-mb <n>] [--max-total-mb <n>]
                                     [--lang en|ja] [--exclude <glob>]...

Reads support-bundle files, folders and archives (.zip, .tgz, .gz) and prints the Quiesce Lens report.
A path of - reads standard input instead (pasted text or one file piped in), reported as 'stdin'.
  --format <format>    json: the quiesce-lens/report@1 object (default); markdown: a report to paste
                       into a ticket; text: a readable summary; sarif: the findings as SARIF 2.1.0
  --tz <zone>          zone of the times markdown and text print: utc (default), local (this machine)
                       or a fixed offset such as +09:00 or -05:00; json and sarif always stay UTC
  --out <file>         write the report to <file> instead of stdout
  --fail-on <level>    exit 1 when a finding of this severity or worse is found
  --max-file-mb <n>    files (and archive members) larger than n MiB are listed, not read (default 512)
  --max-total-mb <n>   stop reading after n MiB in all (default 16384)
  --lang <language>    language of the findings' titles, messages and fixes: en (default) or ja
  --exclude <glob>     leave out report paths matching the glob (files.exclude syntax; repeatable);
                       they are listed in the report as excluded, not read

Exit codes: 0 the analysis ran; 1 --fail-on matched a finding; 2 bad usage or no readable input;
            3 an internal error (a bug: please report it with the input that caused it).`;

/** A usage or input error: printed as one sentence on stderr, exit code 2. */
class UsageError extends Error {}

type Format = 'json' | 'markdown' | 'text' | 'sarif';

/**
 * The renderer of each format, as pieces of text; the time zone applies to the human-readable ones only.
 * JSON comes in pieces (see jsonPieces): a report of thousands of attempts is never one string.
 */
const RENDER: Record<Format, (report: Report, timeZone: TimeZone) => Iterable<string>> = {
	json: function* (report) {
		yield* jsonPieces(report);
		yield '\n';
	},
	markdown: (report, timeZone) => [renderMarkdown(report, { timeZone })],
	text: (report, timeZone) => [renderText(report, { timeZone })],
	sarif: (report) => [renderSarif(report)],
};

/**
 * Characters written at once: pieces are joined up to this size (32 Ki), not written one call each. Kept
 * under V8's large-object size (128 KiB): a larger string goes to the old generation and is freed only by a
 * full collection, so a 146 MB report written in 1 Mi batches grew the heap by tens of MB of dead batches.
 */
const WRITE_BATCH = 32 * 1024;

function writePieces(pieces: Iterable<string>, write: (text: string) => void): void {
	let batch: string[] = [];
	let size = 0;
	for (const piece of pieces) {
		batch.push(piece);
		size += piece.length;
		if (size >= WRITE_BATCH) {
			write(batch.join(''));
			batch = [];
			size = 0;
		}
	}
	if (batch.length > 0) write(batch.join(''));
}

interface CliArgs {
	paths: string[];
	format: Format;
	timeZone: TimeZone;
	out: string | null;
	failOn: Severity | null;
	maxFileBytes?: number;
	maxTotalBytes?: number;
	locale: 'en' | 'ja';
	/** Glob patterns of report paths to leave out. */
	exclude: string[];
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

function parseArgs(argv: readonly string[]): CliArgs | 'help' | 'version' {
	if (argv.includes('--help') || argv.includes('-h')) return 'help';
	if (argv.includes('--version')) return 'version';
	const [command, ...rest] = argv;
	if (command !== 'analyze') throw new UsageError(command === undefined ? 'No command given; use `quiesce-lens analyze <path>...`.' : `Unknown command '${command}'; use \`quiesce-lens analyze <path>...\`.`);
	const args: CliArgs = { paths: [], format: 'json', timeZone: UTC, out: null, failOn: null, locale: 'en', exclude: [] };
	for (let i = 0; i < rest.length; i++) {
		const a = rest[i];
		const value = () => {
			const v = rest[++i];
			if (v === undefined || v.startsWith('--')) throw new UsageError(`Option ${a} needs a value.`);
			return v;
		};
		if (a === '--format') {
			const f = value();
			if (!Object.hasOwn(RENDER, f)) throw new UsageError(`Unknown format '${f}'; use json, markdown, text or sarif.`);
			args.format = f as Format;
		} else if (a === '--tz') {
			const z = value();
			const zone = parseTimeZone(z);
			if (!zone) throw new UsageError(`Unknown time zone '${z}'; use utc, local or an offset such as +09:00.`);
			args.timeZone = zone;
		} else if (a === '--out') {
			args.out = value();
		} else if (a === '--fail-on') {
			const s = value();
			if (!SEVERITIES.includes(s as Severity)) throw new UsageError(`Unknown severity '${s}'; use error, warning or info.`);
			args.failOn = s as Severity;
		} else if (a === '--lang') {
			const l = value();
			if (l !== 'en' && l !== 'ja') throw new UsageError(`Unknown language '${l}'; use en or ja.`);
			args.locale = l;
		} else if (a === '--exclude') {
			args.exclude.push(value());
		} else if (a === '--max-file-mb' || a === '--max-total-mb') {
			const v = value();
			const mb = Number(v);
			if (!Number.isFinite(mb) || mb <= 0) throw new UsageError(`Option ${a} needs a positive number of MiB, not '${v}'.`);
			args[a === '--max-file-mb' ? 'maxFileBytes' : 'maxTotalBytes'] = Math.round(mb * 1024 * 1024);
		} else if (a.startsWith('--')) {
			throw new UsageError(`Unknown option '${a}'.`);
		} else {
			args.paths.push(a);
		}
	}
	if (args.paths.length === 0) throw new UsageError('No path given; use `quiesce-lens analyze <path>...`.');
	if (args.paths.includes('-') && args.paths.length > 1) throw new UsageError('Standard input (-) is read alone; give it no other path.');
	return args;
}

/**
 * Runs the CLI; returns the exit code. Output goes through the given writers, and standard input comes
 * from `readStdin` (its bytes, for `-`), so tests can capture and feed them.
 */
export async function main(argv: readonly string[], stdout: (s: string) => void, stderr: (s: string) => void, readStdin: () => Uint8Array = () => fs.readFileSync(0)): Promise<number> {
	let args: ReturnType<typeof parseArgs>;
	try {
		args = parseArgs(argv);
	} catch (e) {
		if (e instanceof UsageError) {
			stderr(`quiesce-lens: ${e.message}\n`);
			return 2;
		}
		throw e;
	}
	if (args === 'help') {
		stdout(USAGE + '\n');
		return 0;
	}
	if (args === 'version') {
		stdout(`${TOOL.name} ${TOOL.version}\n`);
		return 0;
	}

	let report: Report;
	try {
		const options = { maxFileBytes: args.maxFileBytes, maxTotalBytes: args.maxTotalBytes, locale: args.locale, exclude: args.exclude };
		// Files are read on every core when the bundle is big enough; the report is the same as a serial run's.
		report = args.paths[0] === '-' ? analyzeText([{ name: 'stdin', text: readStdin() }], options) : await analyzeParallel(args.paths, options, { workerScript: workerScript(__dirname, 'readWorker') });
	} catch (e) {
		if (e instanceof InputError) {
			stderr(`quiesce-lens: ${e.message}\n`);
			return 2;
		}
		return internalError(e, stderr);
	}
	if (report.inputs.length === 0 || report.inputs.every((i) => i.formatReason === 'not read')) {
		stderr(`quiesce-lens: No readable input in ${args.paths.map((p) => `'${p}'`).join(', ')}.\n`);
		return 2;
	}
	const pieces = RENDER[args.format](report, args.timeZone);
	if (args.out) {
		let fd: number;
		try {
			fs.mkdirSync(path.dirname(path.resolve(args.out)), { recursive: true });
			fd = fs.openSync(args.out, 'w');
		} catch (e) {
			return cannotWrite(args.out, e, stderr);
		}
		try {
			writePieces(pieces, (text) => fs.writeSync(fd, text));
		} catch (e) {
			return (e as NodeJS.ErrnoException).code ? cannotWrite(args.out, e, stderr) : internalError(e, stderr);
		} finally {
			fs.closeSync(fd);
		}
	} else {
		try {
			writePieces(pieces, stdout);
		} catch (e) {
			return internalError(e, stderr);
		}
	}
	if (args.failOn) {
		const limit = SEVERITIES.indexOf(args.failOn);
		if (report.findings.some((f) => SEVERITIES.indexOf(f.severity) <= limit)) return 1;
	}
	return 0;
}

function cannotWrite(file: string, e: unknown, stderr: (s: string) => void): number {
	stderr(`quiesce-lens: Cannot write '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.\n`);
	return 2;
}

/**
 * A bug, not bad input: one sentence on stderr (no stack trace for a user to paste around) and exit 3,
 * which no other outcome uses. QL_DEBUG=1 prints the stack as well.
 */
function internalError(e: unknown, stderr: (s: string) => void): number {
	const message = (e instanceof Error ? e.message : String(e)).split('\n')[0].replace(/(?<![.\s])[.\s]+$/, '');
	stderr(`quiesce-lens: Internal error (${message}); please report it with the input that caused it.\n`);
	if (process.env.QL_DEBUG && e instanceof Error) stderr(`${e.stack}\n`);
	return 3;
}

/**
 * How far V8 lets the old generation grow past what its last full collection kept (percent). With Node's
 * default limits it grows by up to 4× on this process's main thread (the helpers have a 1 GiB limit and
 * up to 2×: parallel.ts): the record-dense bench bundles peaked at 299–328 MB (10^6 bytes) for a live heap of about
 * 110 MB. At 20% they peaked at 285–301 MB for the same wall time (records and vms at 1 GiB, vms at 50 MB; two
 * to four interleaved runs each, docs/performance.md "Session 11"). V8 reads the flag at each collection,
 * so setting it here, before any file is read, takes effect. The CLI is a process of its own; the extension
 * never sets V8 flags (they would hold for the whole extension host).
 */
const HEAP_GROWING_PERCENT = 20;

if (require.main === module) {
	v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
	// A reader that stops early (`quiesce-lens analyze … | head`) closes the pipe: stop quietly, as Unix
	// tools do, instead of a stack trace for an unhandled EPIPE.
	process.stdout.on('error', (e: NodeJS.ErrnoException) => {
		if (e.code !== 'EPIPE') throw e;
		process.exit(process.exitCode ?? 0);
	});
	void main(
		process.argv.slice(2),
		(s) => process.stdout.write(s),
		(s) => process.stderr.write(s),
	).then((code) => {
		// Exits once the output is flushed (a pipe on Windows is written asynchronously): a drained event loop would
		// first tear the heap down page by page, 60–70 ms after a 1 GiB analysis against 30–45 ms (chatter, quiet machine).
		process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
	});
}
