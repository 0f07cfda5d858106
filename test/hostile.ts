// The hostile-corpus suite: `node out/test/hostile.js` (after `npm run -s build`); ends with
// "hostile: N passed, N failed". It generates the corpus (test/lib/hostileCorpus.ts) in a temporary
// folder — or in the folder given as its one argument, kept for inspection — then:
//   1. runs the real CLI on it in a child process under a time bound (HOSTILE_TIME_LIMIT_MS) and a
//      memory bound (peak RSS), from an empty working folder, with --out;
//   2. checks the report against every expectation of the corpus;
//   3. checks the CLI wrote nothing but its --out file, and that no text of the corpus ran;
//   4. checks in-process what a child cannot show: Object.prototype untouched, a file vanishing
//      between listing and reading, and the CLI's one-sentence errors and exit codes.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, analyzeAsync } from '../src/core';
import type { InputFile, Report } from '../src/core/model/report';
import { generateHostileCorpus, removeHostileCorpus } from './lib/hostileCorpus';
import { repoRoot } from './lib/paths';
import { formatCounts, runMain } from './lib/results';

/** The whole CLI run on the corpus must end within this (it takes a few seconds). */
const HOSTILE_TIME_LIMIT_MS = 180_000;
/** Peak resident memory of that run (the corpus holds a 64 Mi-character line, a 300 MB bomb …). */
const HOSTILE_MAX_RSS_MB = 1536;

const cli = path.join(repoRoot, 'out', 'src', 'cli.js');
const results: { ok: boolean; name: string; why?: string }[] = [];

function check(name: string, test: () => string | null | void): void {
	let why: string | null | void;
	try {
		why = test();
	} catch (e) {
		why = e instanceof Error ? e.message : String(e);
	}
	results.push({ ok: !why, name, why: why || undefined });
	console.log(`${why ? '  ✘' : '  ✔'} ${name}${why ? `\n      ${why}` : ''}`);
}

/** Every path under a folder (relative), for before/after comparisons. */
function listTree(dir: string): string[] {
	if (!fs.existsSync(dir)) return [];
	return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

/**
 * As root, the CLI runs as `nobody` (setpriv), so that a file without read permission really cannot be
 * read — root reads everything, and CI runs as root. Elsewhere it runs as the current user.
 */
const isRoot = process.getuid?.() === 0;
const asNobody = isRoot && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', '0']).status === 0;
const command = (argv: string[]) => (asNobody ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...argv] : argv);

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
	const rss = path.join(os.tmpdir(), `ql-hostile-rss-${process.pid}-${Date.now()}`);
	const t0 = Date.now();
	const [exe, ...argv] = command([process.execPath, '-r', path.join(repoRoot, 'out', 'test', 'lib', 'reportRss.js'), cli, ...args]);
	const r = spawnSync(exe, argv, {
		cwd,
		encoding: 'utf8',
		timeout: HOSTILE_TIME_LIMIT_MS,
		maxBuffer: 64 * 1024 * 1024,
		env: { ...process.env, ...env, QL_RSS_FILE: rss },
	});
	const maxRssKiB = fs.existsSync(rss) ? Number(fs.readFileSync(rss, 'utf8')) : NaN;
	fs.rmSync(rss, { force: true });
	return { ...r, ms: Date.now() - t0, maxRssKiB };
}

/** One sentence on one line, prefixed with the tool's name (README "CLI"). */
function oneSentence(stderr: string): string | null {
	return /^quiesce-lens: [^\n]+[.]\n$/.test(stderr) ? null : `stderr is not one sentence: ${JSON.stringify(stderr.slice(0, 300))}`;
}

async function main(): Promise<number> {
	const keep = process.argv[2];
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-hostile-'));
	const corpus = keep ? path.resolve(keep) : path.join(work, 'corpus');
	const cwd = path.join(work, 'cwd');
	const outDir = path.join(work, 'out');
	fs.mkdirSync(cwd);
	fs.mkdirSync(outDir);
	// The CLI may run as nobody: it must reach the corpus and write to its working and --out folders.
	fs.chmodSync(work, 0o755);
	fs.chmodSync(cwd, 0o777);
	fs.chmodSync(outDir, 0o777);
	if (keep) removeHostileCorpus(corpus);
	fs.mkdirSync(corpus, { recursive: true });
	const marker = path.join(os.tmpdir(), 'ql-hostile-pwned');
	fs.rmSync(marker, { force: true });
	try {
		console.log(`hostile corpus in ${corpus}`);
		if (asNobody) console.log('  (running the CLI as nobody: root would read unreadable files)');
		const { expectations, skipped } = generateHostileCorpus(corpus, { unreadable: !isRoot || asNobody });
		for (const s of skipped) console.log(`  - skipped: ${s}`);
		const corpusBefore = listTree(path.dirname(corpus)).filter((p) => !p.startsWith(path.basename(corpus)));

		// 1. The CLI on the whole corpus, bounded.
		const run = runCli(['analyze', corpus, '--format', 'json', '--out', path.join(outDir, 'report.json')], cwd);
		check(`the CLI finishes within ${HOSTILE_TIME_LIMIT_MS / 1000} s (took ${(run.ms / 1000).toFixed(1)} s) and exits 0`, () => {
			if (run.error) return `${run.error.message}`;
			return run.status === 0 ? null : `exit ${run.status} ${run.signal ?? ''}: ${run.stderr.slice(0, 500)}`;
		});
		check(`peak memory stays under ${HOSTILE_MAX_RSS_MB} MiB (was ${Math.round(run.maxRssKiB / 1024)} MiB)`, () => (run.maxRssKiB / 1024 <= HOSTILE_MAX_RSS_MB ? null : 'over the bound'));
		check('nothing on stderr when the analysis ran', () => (run.stderr === '' ? null : JSON.stringify(run.stderr.slice(0, 500))));

		// 3. Nothing written outside --out; nothing the corpus says was run.
		check('the CLI wrote its --out file and nothing else (working folder, corpus, the folder around it)', () => {
			const bad = [
				...listTree(cwd).map((p) => `cwd/${p}`),
				...listTree(outDir)
					.filter((p) => p !== 'report.json')
					.map((p) => `out/${p}`),
			];
			const report = path.join(path.relative(path.dirname(corpus), outDir), 'report.json');
			const around = listTree(path.dirname(corpus)).filter((p) => !p.startsWith(path.basename(corpus)) && p !== report);
			if (around.join() !== corpusBefore.join()) bad.push('files appeared next to the corpus');
			return bad.length ? bad.join(', ') : null;
		});
		check('no command, script or template in a log ran', () => (fs.existsSync(marker) ? `${marker} exists` : null));

		// 2. Every expectation of the corpus.
		const report: Report | null = fs.existsSync(path.join(outDir, 'report.json')) ? JSON.parse(fs.readFileSync(path.join(outDir, 'report.json'), 'utf8')) : null;
		const byPath = new Map<string, InputFile>(report?.inputs.map((i) => [i.path, i]) ?? []);
		for (const e of expectations) {
			check(`${e.rule} — ${e.rel}`, () => {
				if (!report) return 'no report';
				const input = byPath.get(e.rel);
				if (e.absent) return input ? 'listed, but must not be' : null;
				if (!input) return 'not in inputs[]';
				if (e.problem && !input.problems.some((p) => e.problem!.test(p))) return `no problem matches ${e.problem}: ${JSON.stringify(input.problems).slice(0, 400)}`;
				if (e.format && input.format !== e.format) return `format ${input.format}, not ${e.format} (${input.formatReason.slice(0, 200)})`;
				return e.check?.(input) ?? null;
			});
		}
		check('every file of the corpus is in inputs[] (nothing silently dropped)', () => {
			if (!report) return 'no report';
			const missing = expectations.filter((e) => !e.absent && !e.rel.includes('!/') && !byPath.has(e.rel)).map((e) => e.rel);
			return missing.length ? missing.join(', ') : null;
		});

		// 4. In process.
		check('reading __proto__/constructor columns and code-like text leaves Object.prototype untouched', () => {
			analyze([path.join(corpus, 'text')]);
			const probe = {} as Record<string, unknown>;
			return probe.polluted === undefined && typeof probe.constructor === 'function' ? null : 'Object.prototype changed';
		});
		const vanishing = path.join(work, 'vanishing');
		fs.mkdirSync(vanishing);
		for (const n of ['a.log', 'b.log', 'c.log']) fs.writeFileSync(path.join(vanishing, n), 'line one\nline two\n');
		const vanished = await analyzeAsync([vanishing], {
			onProgress: (done) => {
				if (done === 1) fs.rmSync(path.join(vanishing, 'b.log'));
			},
		});
		check('a file that vanishes between listing and reading gets a problem; the others are read', () => {
			const b = vanished.inputs.find((i) => i.path === 'b.log');
			if (!b || !b.problems.some((p) => /vanished/.test(p))) return JSON.stringify(b);
			return vanished.inputs.filter((i) => i.lines === 2).length === 2 ? null : 'a.log and c.log not read';
		});

		const missing = runCli(['analyze', path.join(work, 'no-such-folder')], cwd);
		check('a missing path: exit 2, one sentence on stderr', () => (missing.status === 2 ? oneSentence(missing.stderr) : `exit ${missing.status}`));
		const onlyFifo = path.join(work, 'only-fifo');
		fs.mkdirSync(onlyFifo);
		spawnSync('mkfifo', [path.join(onlyFifo, 'pipe')]);
		const nothing = runCli(['analyze', onlyFifo], cwd);
		check('nothing readable (only a FIFO): exit 2, one sentence', () => (nothing.status === 2 ? oneSentence(nothing.stderr) : `exit ${nothing.status}`));
		fs.writeFileSync(path.join(work, 'a-file'), 'x');
		const badOut = runCli(['analyze', path.join(corpus, 'text', 'writers-mixed-eol.txt'), '--out', path.join(work, 'a-file', 'report.json')], cwd);
		check('--out under a regular file: exit 2, one sentence, nothing written', () => (badOut.status === 2 ? oneSentence(badOut.stderr) : `exit ${badOut.status}`));
		const usage = runCli(['analyze', corpus, '--format'], cwd);
		check('bad usage: exit 2, one sentence', () => (usage.status === 2 ? oneSentence(usage.stderr) : `exit ${usage.status}`));
		// A reader that stops early (`| head`) closes the pipe: the CLI stops quietly, as Unix tools do.
		const piped = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${cli}" analyze "$0" --format json | head -c 1 >/dev/null`, corpus], { encoding: 'utf8', timeout: HOSTILE_TIME_LIMIT_MS });
		check('stdout closed early (| head -c 1): exit 0, nothing on stderr', () => (piped.status === 0 && piped.stderr === '' ? null : `exit ${piped.status}: ${piped.stderr.slice(0, 200)}`));
	} finally {
		if (!keep) removeHostileCorpus(corpus);
		fs.rmSync(work, { recursive: true, force: true });
		fs.rmSync(marker, { force: true });
	}
	const passed = results.filter((r) => r.ok).length;
	console.log(formatCounts({ passed, failed: results.length - passed }, 'hostile'));
	return results.length - passed > 0 ? 1 : 0;
}

runMain(main, 'hostile');
