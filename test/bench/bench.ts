// `npm run bench [-- <size>...] [--keep] [--runs N]`: generates a deterministic synthetic support bundle
// per size (default 1GiB; e.g. `npm run bench -- 200MB 1GiB`), then measures on the same files:
//   - Quiesce Lens CLI (dist/cli.js analyze, JSON report to a temp file): wall time, MB/s, peak RSS;
//   - the raw line-scan floor: `wc -l` and a tight Node newline count (1 MiB reads, Buffer.indexOf);
//   - lnav 0.11 (`lnav -n -c ';SELECT count(*) FROM all_logs' <files>`), if installed (as root with
//     apt-get, it is installed; otherwise its ratio is skipped).
// Every tool reads the files from the page cache (written back to disk once, read again before each run).
// Each tool runs `--runs` times (default 5), in rounds (each tool once per round), and its fastest run
// counts: on a noisy machine the fastest run is the one least disturbed. Five, not three: a tool that reads
// on two threads is disturbed when either core is, so it needs more runs than a one-thread tool for an
// undisturbed one (on this project's 2-vCPU VM, the CLI's best of three varied 2.0-2.4 s between
// benches). Figures are printed as ratios so they survive a slower or faster machine. The report must
// list exactly the attempts the generator wrote. Targets (issue 8): at least 3× lnav's throughput on the
// 1 GiB bundle, peak RSS under 300 MB at every size. Then the native .evtx reader on one thread
// (evtxBench.ts; QL_BENCH_EVTX=<size>, 256MiB by default, 0 skips it): at least 150 MB/s and 10×
// evtxexport (issue 20). Exit status 1 when a check or a target fails.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../lib/paths';
import { benchEvtx } from './evtxBench';
import { generateBundle, parseSize, type GeneratedBundle } from './generateBundle';

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
		child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
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

/** The tightest newline count Node does: 1 MiB reads, Buffer.indexOf for each LF (the JS floor). */
const NODE_SCAN = `
const fs = require('fs');
const buf = Buffer.allocUnsafe(1 << 20);
let lines = 0;
for (const f of process.argv.slice(1)) {
	const fd = fs.openSync(f, 'r');
	for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0;) {
		for (let i = buf.indexOf(10); i >= 0 && i < n; i = buf.indexOf(10, i + 1)) lines++;
	}
	fs.closeSync(fd);
}
console.log(lines);
`;

interface Row {
	tool: string;
	run: Run;
	note: string;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function benchOne(size: number, keep: boolean, runs: number): Promise<{ ok: boolean; summary: string }> {
	const dir = path.join(os.tmpdir(), `quiesce-lens-bench-${size}`);
	const marker = path.join(dir, 'generated.json');
	let bundle: GeneratedBundle;
	if (keep && fs.existsSync(marker)) {
		bundle = JSON.parse(fs.readFileSync(marker, 'utf8')) as GeneratedBundle;
		console.log(`\nReusing ${dir}`);
	} else {
		fs.rmSync(dir, { recursive: true, force: true });
		const t0 = Date.now();
		bundle = generateBundle(dir, size);
		console.log(`\nGenerated ${dir}: ${fmt(bundle.bytes / MB)} MB in ${bundle.files.length} files, ${bundle.attempts} attempts (${bundle.failedAttempts} failed), in ${fmt((Date.now() - t0) / 1000)} s`);
		if (keep) fs.writeFileSync(marker, JSON.stringify(bundle));
	}
	const files = bundle.files;
	// A freshly generated gigabyte is still being written back to disk for a while; whichever tool ran
	// then would pay for it.
	spawnSync('sync', [], { stdio: 'ignore' });
	const reportFile = path.join(os.tmpdir(), `quiesce-lens-bench-${process.pid}.json`);
	const rows: Row[] = [];
	let ok = true;
	try {
		const cli = path.join(repoRoot, 'dist', 'cli.js');
		const lnav = findLnav();
		// A fresh HOME for lnav: no user formats or settings, and its own state goes to a temp folder.
		const home = fs.mkdtempSync(path.join(os.tmpdir(), 'quiesce-lens-bench-lnav-'));
		let lnavRun: Run | null = null;
		let ql: Run, wc: Run, scan: Run;
		let attemptsOk: boolean;
		try {
			const tools: Tool[] = [
				{ argv: ['node', cli, 'analyze', dir, '--format', 'json', '--out', reportFile] },
				{ argv: ['wc', '-l', ...files] },
				{ argv: ['node', '-e', NODE_SCAN, ...files] },
				...(lnav ? [{ argv: [lnav, '-n', '-c', ';SELECT count(*) FROM all_logs', ...files], env: { ...process.env, HOME: home } }] : []),
			];
			let lnavBest: Run | undefined;
			[ql, wc, scan, lnavBest] = await rounds(tools, runs, files);
			const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { attempts: { result: string }[] };
			const found = report.attempts.length;
			const failed = report.attempts.filter((a) => a.result === 'failed').length;
			attemptsOk = found === bundle.attempts && failed === bundle.failedAttempts;
			ok &&= attemptsOk;
			rows.push({ tool: 'Quiesce Lens CLI', run: ql, note: `${found}/${bundle.attempts} attempts, ${failed}/${bundle.failedAttempts} failed ${attemptsOk ? 'ok' : 'MISMATCH'}` });
			rows.push({ tool: 'wc -l', run: wc, note: `${wc.stdout.trim().split('\n').pop()?.trim().split(/\s+/)[0]} lines` });
			rows.push({ tool: 'node newline count', run: scan, note: `${scan.stdout.trim()} lines` });
			if (lnav && lnavBest) {
				lnavRun = lnavBest;
				const version = spawnSync(lnav, ['-V'], { encoding: 'utf8' }).stdout.trim();
				rows.push({ tool: version || 'lnav', run: lnavRun, note: `${lnavRun.stdout.trim().split(/\s+/).pop()} messages` });
			} else {
				console.log('lnav is missing (install the Debian package lnav, or run as root with apt-get): its ratio is skipped.');
			}
		} finally {
			fs.rmSync(home, { recursive: true, force: true });
		}

		const mbps = (r: Run) => bundle.bytes / MB / (r.wallMs / 1000);
		console.log(`\n${'tool'.padEnd(22)} ${'wall s'.padStart(8)} ${'MB/s'.padStart(8)} ${'peak RSS MB'.padStart(12)}  note`);
		for (const r of rows) {
			const rss = r.run.peakRss === null ? '?' : fmt(r.run.peakRss / MB, 0);
			console.log(`${r.tool.padEnd(22)} ${fmt(r.run.wallMs / 1000, 2).padStart(8)} ${fmt(mbps(r.run), 0).padStart(8)} ${rss.padStart(12)}  ${r.note}`);
		}
		const qlRss = ql.peakRss === null ? null : ql.peakRss / MB;
		console.log('\nRatios (throughput, higher is faster):');
		console.log(`  Quiesce Lens / wc -l               ${fmt(wc.wallMs / ql.wallMs, 3)}`);
		console.log(`  Quiesce Lens / node newline count  ${fmt(scan.wallMs / ql.wallMs, 3)}`);
		const checks: [string, boolean | null][] = [
			[`attempts found = generated (${bundle.attempts})`, attemptsOk],
			[`peak RSS ${qlRss === null ? '?' : fmt(qlRss, 0)} MB < ${TARGET_RSS_MB} MB`, qlRss === null ? null : qlRss < TARGET_RSS_MB],
		];
		if (lnavRun) {
			const ratio = lnavRun.wallMs / ql.wallMs;
			console.log(`  Quiesce Lens / lnav                ${fmt(ratio, 2)}`);
			if (size >= TARGET_LNAV_MIN_BYTES) checks.push([`throughput ${fmt(ratio, 2)}× lnav ≥ ${TARGET_LNAV_RATIO}×`, ratio >= TARGET_LNAV_RATIO]);
		}
		console.log('\nTargets:');
		for (const [name, pass] of checks) {
			console.log(`  ${pass === null ? 'SKIP' : pass ? 'PASS' : 'FAIL'}  ${name}`);
			if (pass === false) ok = false;
		}
		const lnavText = lnavRun ? `, ${fmt(lnavRun.wallMs / ql.wallMs, 2)}× lnav` : '';
		return { ok, summary: `${fmt(bundle.bytes / MB, 0)} MB: ${fmt(mbps(ql), 0)} MB/s, peak RSS ${qlRss === null ? '?' : fmt(qlRss, 0)} MB${lnavText}` };
	} finally {
		fs.rmSync(reportFile, { force: true });
		if (!keep) fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const keep = args.includes('--keep');
	const runsAt = args.indexOf('--runs');
	const runs = runsAt >= 0 ? Math.max(1, Number(args[runsAt + 1]) || 1) : DEFAULT_RUNS;
	const sizes = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1)).map(parseSize);
	if (sizes.length === 0) sizes.push(parseSize('1GiB'));
	console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${fmt(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`);
	const summaries: string[] = [];
	let ok = true;
	for (const size of sizes) {
		const r = await benchOne(size, keep, runs);
		summaries.push(r.summary);
		ok &&= r.ok;
	}
	// Native .evtx on one thread (issue 20): the reader against evtxexport, and the analysis of the same logs.
	const evtxSize = process.env.QL_BENCH_EVTX ?? '256MiB';
	if (evtxSize !== '0') {
		const evtx = benchEvtx(parseSize(evtxSize), runs);
		console.log('\nNative .evtx (one thread):');
		for (const l of evtx.lines) console.log(l);
		console.log(`  ${evtx.ok === null ? 'SKIP' : evtx.ok ? 'PASS' : 'FAIL'}  evtx reader >= 150 MB/s and >= 10x evtxexport`);
		summaries.push(evtx.summary);
		ok &&= evtx.ok !== false;
	}
	console.log(`\nbench: ${summaries.join('; ')}: ${ok ? 'all targets hold' : 'a target or check FAILED'}`);
	process.exitCode = ok ? 0 : 1;
}

main().catch((e: unknown) => {
	console.error(e instanceof Error ? e.message : e);
	process.exitCode = 1;
});
