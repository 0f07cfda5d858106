// `npm run bench [-- <size>...] [--shapes all|<shape>,…] [--keep] [--runs N]`: generates a deterministic
// bundle of each shape (test/bench/shapes.ts; default `chatter`, the bundle of issue 8) per size (default
// 1GiB; e.g. `npm run bench -- --shapes all 256MiB`), then measures on the same files:
//   - Quiesce Lens CLI (dist/cli.js analyze, JSON report to a temp file): wall time, MB/s, peak RSS;
//   - the raw line-scan floor: `wc -l` and a tight Node newline count (1 MiB reads, Buffer.indexOf);
//   - lnav 0.11 (`lnav -n -r -c '<query>' <folder>`), if installed (as root with apt-get, it is installed;
//     otherwise its ratio is skipped). lnav opens only part of a bundle of thousands of files: then the
//     ratio compares lines per second (marked *), from the lines lnav says it read.
// Every tool reads the files from the page cache (written back to disk once, read again before each run).
// Each tool runs `--runs` times (default 5), in rounds (each tool once per round), and its fastest run
// counts: on a noisy machine the fastest run is the one least disturbed. Five, not three: a tool that reads
// on two threads is disturbed when either core is, so it needs more runs than a one-thread tool for an
// undisturbed one (on this project's 2-vCPU VM, the CLI's best of three varied 2.0-2.4 s between
// benches). Figures are printed as ratios so they survive a slower or faster machine. The report must
// list exactly the attempts the generator wrote. Targets (issues 8 and 19): at least 3× lnav's throughput
// at 1 GiB, peak RSS under 300 MB at every size, for every shape. Ends with one table of every shape and
// size (the README's performance table). Then the native .evtx reader on one thread (evtxBench.ts;
// QL_BENCH_EVTX=<size>, 256MiB by default, 0 skips it): at least 150 MB/s and 10× evtxexport (issue 20).
// Exit status 1 when a check or a target fails.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../lib/paths';
import { benchEvtx } from './evtxBench';
import { parseSize } from './generateBundle';
import { generateShape, SHAPE_TITLES, SHAPES, type Shape, type ShapeBundle } from './shapes';

const MB = 1e6;
const TARGET_LNAV_RATIO = 3;
/** The lnav target is the 1 GiB bundle's (issue 8); a smaller one is mostly Node starting, and its ratio is shown only. */
const TARGET_LNAV_MIN_BYTES = 1024 ** 3;
const TARGET_RSS_MB = 300;
/** Runs of each tool when `--runs` is not given (see the header). */
const DEFAULT_RUNS = 5;
/** How often the child's /proc status is sampled for its peak RSS (ms). */
const RSS_POLL_MS = 20;

interface Run {
	wallMs: number;
	/** Peak resident set size of the child (bytes), from /proc/<pid>/status VmHWM; null when not readable. */
	peakRss: number | null;
	stdout: string;
	code: number | null;
}

/** Runs a command, polling its VmHWM (the kernel's own high-water mark of resident memory). */
function measure(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
	return new Promise((resolve, reject) => {
		const t0 = process.hrtime.bigint();
		const child = spawn(argv[0], argv.slice(1), { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'inherit'] });
		let stdout = '';
		let peakRss: number | null = null;
		child.stdout.on('data', (c: Buffer) => {
			stdout += c.toString();
		});
		const poll = setInterval(() => {
			try {
				const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
				const kb = /VmHWM:\s+(\d+) kB/.exec(status);
				if (kb) peakRss = Math.max(peakRss ?? 0, Number(kb[1]) * 1024);
			} catch {
				// The child has just exited: its last sample stands.
			}
		}, RSS_POLL_MS);
		child.on('error', reject);
		child.on('close', (code) => {
			clearInterval(poll);
			resolve({ wallMs: Number(process.hrtime.bigint() - t0) / 1e6, peakRss, stdout, code });
		});
	});
}

/** A command the bench times. */
interface Tool {
	argv: string[];
	env?: NodeJS.ProcessEnv;
}

/**
 * Runs every tool `runs` times, in rounds (each tool once per round, in turn), so that a machine that
 * slows down or speeds up during the bench does so for all of them alike. For each tool: its fastest
 * run, with the highest peak RSS of all its runs.
 */
async function rounds(tools: readonly Tool[], runs: number, files: readonly string[]): Promise<Run[]> {
	const fastest: (Run | null)[] = tools.map(() => null);
	const maxRss: (number | null)[] = tools.map(() => null);
	for (let i = 0; i < runs; i++) {
		for (const [k, tool] of tools.entries()) {
			// Warmed again before every run: a kernel that reclaims cold page-cache pages on its own (DAMON)
			// would otherwise send some of a run's reads to the disk.
			warm(files);
			const r = await measure(tool.argv, tool.env);
			if (r.code !== 0) throw new Error(`${tool.argv.slice(0, 3).join(' ')} … exited with ${r.code}`);
			if (r.peakRss !== null) maxRss[k] = Math.max(maxRss[k] ?? 0, r.peakRss);
			if (!fastest[k] || r.wallMs < fastest[k]!.wallMs) fastest[k] = r;
		}
	}
	return fastest.map((r, k) => ({ ...r!, peakRss: maxRss[k] }));
}

/** lnav on PATH; installed from Debian first when we are root and apt-get is there. */
function findLnav(): string | null {
	const which = () => spawnSync('sh', ['-c', 'command -v lnav'], { encoding: 'utf8' }).stdout.trim() || null;
	const found = which();
	if (found) return found;
	const root = process.getuid?.() === 0;
	const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).stdout.trim();
	if (!root || !apt) return null;
	console.log('lnav is missing: installing it with apt-get (Debian package lnav) …');
	spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'lnav'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	return which();
}

/** Reads every file once so that a tool starts from a warm page cache. */
function warm(files: readonly string[]): void {
	const buf = Buffer.allocUnsafe(1 << 20);
	for (const f of files) {
		const fd = fs.openSync(f, 'r');
		while (fs.readSync(fd, buf, 0, buf.length, null) > 0);
		fs.closeSync(fd);
	}
}

/** The tightest newline count Node does: 1 MiB reads, Buffer.indexOf for each LF (the JS floor); every file under the folders given. */
const NODE_SCAN = `
const fs = require('fs');
const path = require('path');
const buf = Buffer.allocUnsafe(1 << 20);
let lines = 0;
const count = (f) => {
	const fd = fs.openSync(f, 'r');
	for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0;) {
		for (let i = buf.indexOf(10); i >= 0 && i < n; i = buf.indexOf(10, i + 1)) lines++;
	}
	fs.closeSync(fd);
};
const walk = (p) => (fs.statSync(p).isDirectory() ? fs.readdirSync(p).forEach((e) => walk(path.join(p, e))) : count(p));
process.argv.slice(1).forEach(walk);
console.log(lines);
`;

/** lnav's answer: messages, files it opened, and their lines (lnav opens a few hundred of thousands of files). */
const LNAV_QUERY = ';SELECT (SELECT count(*) FROM all_logs) AS messages, (SELECT count(*) FROM lnav_file) AS files, (SELECT sum(lines) FROM lnav_file) AS lines';

const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** One row of the table: a shape at a size. */
interface Row {
	shape: Shape;
	/** Text bytes the generator wrote (uncompressed). */
	bytes: number;
	/** Files the report lists (archive members included), and the lines it counted. */
	files: number;
	lines: number;
	ql: Run;
	lnav: Run | null;
	/** Quiesce Lens' throughput over lnav's; `perLine` when lnav read fewer lines than we did (then it is lines/s). */
	ratio: number | null;
	perLine: boolean;
	lnavNote: string;
	wc: Run;
	scan: Run;
	checks: [string, boolean | null][];
}

async function benchOne(shape: Shape, size: number, keep: boolean, runs: number): Promise<Row> {
	const dir = path.join(os.tmpdir(), `quiesce-lens-bench-${shape}-${size}`);
	const marker = path.join(os.tmpdir(), `quiesce-lens-bench-${shape}-${size}.json`);
	let bundle: ShapeBundle;
	if (keep && fs.existsSync(marker) && fs.existsSync(dir)) {
		bundle = JSON.parse(fs.readFileSync(marker, 'utf8')) as ShapeBundle;
		console.log(`\n${shape}: reusing ${dir}`);
	} else {
		const t0 = Date.now();
		bundle = generateShape(shape, dir, size);
		console.log(
			`\n${shape} (${SHAPE_TITLES[shape]}): generated ${dir}: ${fmt(bundle.bytes / MB)} MB of text (${fmt(bundle.diskBytes / MB)} MB on disk) in ${bundle.files.length} files, ${bundle.attempts} attempts (${bundle.failedAttempts} failed), in ${fmt((Date.now() - t0) / 1000)} s`,
		);
		if (keep) fs.writeFileSync(marker, JSON.stringify(bundle));
	}
	const files = bundle.files;
	// A freshly generated gigabyte is still being written back to disk for a while; whichever tool ran
	// then would pay for it.
	spawnSync('sync', [], { stdio: 'ignore' });
	const reportFile = path.join(os.tmpdir(), `quiesce-lens-bench-${process.pid}.json`);
	try {
		const cli = path.join(repoRoot, 'dist', 'cli.js');
		const lnav = findLnav();
		// A fresh HOME for lnav: no user formats or settings, and its own state goes to a temp folder.
		const home = fs.mkdtempSync(path.join(os.tmpdir(), 'quiesce-lens-bench-lnav-'));
		// The one-file shape is larger than the default per-file limit (512 MiB): the limit is raised to it.
		const maxFileMb = String(Math.max(512, Math.ceil(size / 2 ** 20) + 1));
		try {
			const tools: Tool[] = [
				{ argv: ['node', cli, 'analyze', dir, '--format', 'json', '--out', reportFile, '--max-file-mb', maxFileMb] },
				// find … -exec: tens of thousands of files do not fit one command line.
				{ argv: ['find', dir, '-type', 'f', '-exec', 'wc', '-l', '{}', '+'] },
				{ argv: ['node', '-e', NODE_SCAN, dir] },
				...(lnav ? [{ argv: [lnav, '-n', '-r', '-c', LNAV_QUERY, dir], env: { ...process.env, HOME: home } }] : []),
			];
			const [ql, wc, scan, lnavBest] = await rounds(tools, runs, files);
			const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { attempts: { result: string }[]; inputs: { lines: number }[] };
			const found = report.attempts.length;
			const failed = report.attempts.filter((a) => a.result === 'failed').length;
			const lines = report.inputs.reduce((n, i) => n + i.lines, 0);
			const rss = ql.peakRss === null ? null : ql.peakRss / MB;
			const checks: [string, boolean | null][] = [
				[`attempts ${found}/${bundle.attempts}, failed ${failed}/${bundle.failedAttempts}`, found === bundle.attempts && failed === bundle.failedAttempts],
				[`peak RSS ${rss === null ? '?' : fmt(rss, 0)} MB < ${TARGET_RSS_MB} MB`, rss === null ? null : rss < TARGET_RSS_MB],
			];
			let ratio: number | null = null;
			let perLine = false;
			let lnavNote = 'lnav missing';
			if (lnavBest) {
				const [messages, lnavFiles, lnavLines] = (lnavBest.stdout.trim().split('\n').pop() ?? '').trim().split(/\s+/).map(Number);
				// lnav gives up on bundles of many files (it opened 108 of 7,349): then lines per second are compared.
				perLine = !(lnavLines >= lines * 0.98);
				ratio = perLine ? lines / ql.wallMs / (lnavLines / lnavBest.wallMs) : lnavBest.wallMs / ql.wallMs;
				lnavNote = `lnav: ${messages} messages, ${lnavFiles} files, ${lnavLines} lines${perLine ? ' (not all: ratio per line)' : ''}`;
				if (size >= TARGET_LNAV_MIN_BYTES) checks.push([`${fmt(ratio, 2)}× lnav ≥ ${TARGET_LNAV_RATIO}×${perLine ? ' (per line)' : ''}`, ratio >= TARGET_LNAV_RATIO]);
			} else {
				console.log('lnav is missing (install the Debian package lnav, or run as root with apt-get): its ratio is skipped.');
			}
			const row: Row = { shape, bytes: bundle.bytes, files: report.inputs.length, lines, ql, lnav: lnavBest ?? null, ratio, perLine, lnavNote, wc, scan, checks };
			printDetails(row);
			return row;
		} finally {
			fs.rmSync(home, { recursive: true, force: true });
		}
	} finally {
		fs.rmSync(reportFile, { force: true });
		if (!keep) fs.rmSync(dir, { recursive: true, force: true });
	}
}

const mbps = (row: Row, r: Run) => row.bytes / MB / (r.wallMs / 1000);

/** One shape's tools, their ratios and its checks, as the bench printed them before it had shapes. */
function printDetails(row: Row): void {
	const tools: [string, Run | null, string][] = [
		['Quiesce Lens CLI', row.ql, `${row.lines} lines in ${row.files} files`],
		['wc -l', row.wc, ''],
		['node newline count', row.scan, `${row.scan.stdout.trim()} lines`],
		['lnav', row.lnav, row.lnavNote],
	];
	console.log(`\n${'tool'.padEnd(22)} ${'wall s'.padStart(8)} ${'MB/s'.padStart(8)} ${'peak RSS MB'.padStart(12)}  note`);
	for (const [name, r, note] of tools) {
		if (!r) continue;
		const rss = r.peakRss === null ? '?' : fmt(r.peakRss / MB, 0);
		console.log(`${name.padEnd(22)} ${fmt(r.wallMs / 1000, 2).padStart(8)} ${fmt(mbps(row, r), 0).padStart(8)} ${rss.padStart(12)}  ${note}`);
	}
	console.log(
		`Ratios (throughput, higher is faster): wc -l ${fmt(row.wc.wallMs / row.ql.wallMs, 3)}, node newline count ${fmt(row.scan.wallMs / row.ql.wallMs, 3)}${row.ratio === null ? '' : `, lnav ${fmt(row.ratio, 2)}${row.perLine ? ' (per line)' : ''}`}`,
	);
	for (const [name, pass] of row.checks) console.log(`  ${pass === null ? 'SKIP' : pass ? 'PASS' : 'FAIL'}  ${name}`);
}

/** The table of every shape and size: what the README's performance table shows. */
function printTable(rows: readonly Row[]): void {
	const head = ['shape', 'size MB', 'files', 'lines', 'ours s', 'MB/s', 'peak RSS MB', 'lnav s', '× lnav', 'wc -l s', 'targets'];
	const cells = rows.map((r) => [
		r.shape,
		fmt(r.bytes / MB, 0),
		String(r.files),
		String(r.lines),
		fmt(r.ql.wallMs / 1000, 2),
		fmt(mbps(r, r.ql), 0),
		r.ql.peakRss === null ? '?' : fmt(r.ql.peakRss / MB, 0),
		r.lnav ? fmt(r.lnav.wallMs / 1000, 2) : '—',
		r.ratio === null ? '—' : `${fmt(r.ratio, 2)}${r.perLine ? '*' : ''}`,
		fmt(r.wc.wallMs / 1000, 2),
		r.checks.every(([, pass]) => pass !== false)
			? 'ok'
			: `FAIL: ${r.checks
					.filter(([, pass]) => pass === false)
					.map(([name]) => name)
					.join('; ')}`,
	]);
	const widths = head.map((h, k) => Math.max(h.length, ...cells.map((c) => c[k].length)));
	const line = (c: string[]) => `| ${c.map((x, k) => (k === 0 || k === c.length - 1 ? x.padEnd(widths[k]) : x.padStart(widths[k]))).join(' | ')} |`;
	console.log(`\n${line(head)}\n|${widths.map((w, k) => (k === 0 || k === widths.length - 1 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
	for (const c of cells) console.log(line(c));
	if (rows.some((r) => r.perLine)) console.log('* lnav opened only part of the files: the ratio compares lines per second.');
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const keep = args.includes('--keep');
	const valueOf = (flag: string) => (args.indexOf(flag) >= 0 ? args[args.indexOf(flag) + 1] : undefined);
	const runs = valueOf('--runs') !== undefined ? Math.max(1, Number(valueOf('--runs')) || 1) : DEFAULT_RUNS;
	const shapesArg = valueOf('--shapes') ?? 'chatter';
	const shapes = shapesArg === 'all' ? [...SHAPES] : shapesArg.split(',').map((s) => s.trim());
	for (const s of shapes) if (!(SHAPES as readonly string[]).includes(s)) throw new Error(`'${s}' is no shape (${SHAPES.join(', ')}, or all).`);
	const values = new Set(['--runs', '--shapes'].map((f) => args.indexOf(f) + 1).filter((i) => i > 0));
	const sizes = args.filter((a, i) => !a.startsWith('--') && !values.has(i)).map(parseSize);
	if (sizes.length === 0) sizes.push(parseSize('1GiB'));
	console.log(
		`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${fmt(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}, load average ${os
			.loadavg()
			.map((l) => fmt(l, 2))
			.join(' ')}`,
	);
	const rows: Row[] = [];
	for (const size of sizes) for (const shape of shapes as Shape[]) rows.push(await benchOne(shape, size, keep, runs));
	printTable(rows);
	let ok = rows.every((r) => r.checks.every(([, pass]) => pass !== false));
	// Native .evtx on one thread (issue 20): the reader against evtxexport, and the analysis of the same logs.
	const evtxSize = process.env.QL_BENCH_EVTX ?? '256MiB';
	if (evtxSize !== '0') {
		const evtx = benchEvtx(parseSize(evtxSize), runs);
		console.log('\nNative .evtx (one thread):');
		for (const l of evtx.lines) console.log(l);
		console.log(`  ${evtx.ok === null ? 'SKIP' : evtx.ok ? 'PASS' : 'FAIL'}  evtx reader >= 150 MB/s and >= 10x evtxexport`);
		ok &&= evtx.ok !== false;
	}
	console.log(
		`\nbench: ${ok ? 'all targets hold' : 'a target or check FAILED'} (load average at the end ${os
			.loadavg()
			.map((l) => fmt(l, 2))
			.join(' ')})`,
	);
	process.exitCode = ok ? 0 : 1;
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : e);
	process.exitCode = 1;
});
