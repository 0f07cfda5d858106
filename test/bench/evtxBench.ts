// Throughput of the native .evtx reader on one thread, against Debian's evtxexport on the same files.
// Usage: npx tsc -p . && node out/test/bench/evtxBench.js [size, e.g. 1GiB | 256MiB] (default 1GiB).
// Input: the fixture logs' valid chunks copied into large files (64 MiB each) in a temp dir; the reader's
// time is the fastest of QL_BENCH_RUNS (default 5) runs over all of them; evtxexport -f xml runs once on
// one file (it is far slower) and is scaled by bytes (QL_BENCH_EVTXEXPORT=0 skips it). Each run is
// paired with a baseline — the same files read the same way and scanned with readUInt32LE — so that a
// loaded machine shows as a slow baseline rather than as a slow reader; the whole analysis of the same
// files (analyze(), one thread) is timed beside it. Exits non-zero only on a crash. `npm run bench` runs it
// too (QL_BENCH_EVTX sets its size, 256MiB by default; 0 skips it) and counts its targets.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { crc32 } from 'zlib';
import { analyze } from '../../src/core';
import { readEvtxFile } from '../../src/core/formats/windows/evtx';
import { fixturesDir } from '../lib/paths';
import { parseSize } from './generateBundle';

const CHUNK = 65_536,
	HEADER = 4096;
const FILE_CHUNKS = 1024; // 64 MiB per file

/** Valid chunks (ElfChnk) of the fixture logs that read without problems on their own. */
function sourceChunks(): Buffer[] {
	const dir = path.join(fixturesDir, 'evtx');
	const out: Buffer[] = [];
	for (const f of ['log2timeline_plaso__System.evtx', 'omerbenamram_evtx__system.evtx', 'williballenthin_python-evtx__system.evtx', 'omerbenamram_evtx__Application_no_crc32.evtx']) {
		const b = fs.readFileSync(path.join(dir, f));
		for (let at = HEADER; at + CHUNK <= b.length; at += CHUNK) if (b.toString('latin1', at, at + 7) === 'ElfChnk') out.push(b.subarray(at, at + CHUNK));
	}
	return out;
}

/** Writes files of FILE_CHUNKS chunks until `total` bytes, each behind a copy of a clean header with its counts set. */
export function buildInput(dir: string, total: number): string[] {
	const chunks = sourceChunks();
	const header = fs.readFileSync(path.join(fixturesDir, 'evtx', 'log2timeline_plaso__System.evtx')).subarray(0, HEADER);
	const files: string[] = [];
	let written = 0,
		k = 0;
	while (written < total) {
		const n = Math.min(FILE_CHUNKS, Math.max(1, Math.ceil((total - written) / CHUNK)));
		const file = path.join(dir, `bench-${files.length}.evtx`);
		const fd = fs.openSync(file, 'w');
		// The header must count every chunk: evtxexport reads only the header's count in a clean file.
		const h = Buffer.from(header);
		h.writeBigUInt64LE(BigInt(n - 1), 16);
		h.writeUInt16LE(n, 42);
		h.writeUInt32LE(crc32(h.subarray(0, 120)), 124);
		fs.writeSync(fd, h);
		for (let i = 0; i < n; i++) fs.writeSync(fd, chunks[k++ % chunks.length]);
		fs.closeSync(fd);
		files.push(file);
		written += HEADER + n * CHUNK;
	}
	return files;
}

/** The floor any reader pays: the same chunk reads, plus one readUInt32LE per 4 bytes (a sum, kept live). */
function baseline(files: readonly string[]): number {
	const buf = Buffer.allocUnsafe(CHUNK);
	let sum = 0;
	for (const f of files) {
		const fd = fs.openSync(f, 'r');
		try {
			for (let pos = 0; ; pos += CHUNK) {
				const n = fs.readSync(fd, buf, 0, CHUNK, pos);
				if (n === 0) break;
				for (let i = 0; i + 4 <= n; i += 4) sum = (sum + buf.readUInt32LE(i)) | 0;
			}
		} finally {
			fs.closeSync(fd);
		}
	}
	return sum;
}

/** The issue's targets for the reader on one thread: MB/s (10^6 bytes), and times evtxexport's throughput. */
const TARGET_MBPS = 150,
	TARGET_EVTXEXPORT_RATIO = 10;

/**
 * Measures the reader (and the whole analysis of the same files, one thread) on `total` bytes of logs, the
 * fastest of `runs` runs each: the table's lines, the targets' verdict (null when evtxexport is not run),
 * and a one-line summary for `npm run bench`.
 */
export function benchEvtx(total: number, runs: number): { lines: string[]; ok: boolean | null; summary: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'evtx-bench-'));
	try {
		const files = buildInput(dir, total);
		const bytes = files.reduce((s, f) => s + fs.statSync(f).size, 0);
		const MiB = bytes / 1048576;
		// Wall time is what counts; process CPU time (all threads, so GC helpers too) is shown beside it because
		// on a shared machine the wall clock also counts the time other processes held the core.
		let best = Infinity,
			bestBase = Infinity,
			bestCpu = Infinity,
			bestBaseCpu = Infinity,
			bestAnalyze = Infinity,
			events = 0,
			problems = 0,
			sink = 0,
			kept = 0;
		const cpuSec = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
		const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e9;
		for (let run = 0; run < runs; run++) {
			const tb = process.hrtime.bigint(),
				cb = process.cpuUsage();
			sink ^= baseline(files);
			bestBaseCpu = Math.min(bestBaseCpu, cpuSec(process.cpuUsage(cb)));
			bestBase = Math.min(bestBase, since(tb));
			events = 0;
			problems = 0;
			const t0 = process.hrtime.bigint(),
				c0 = process.cpuUsage();
			for (const f of files)
				problems += readEvtxFile(
					f,
					() => {
						events++;
					},
					{ recovered: false },
				).problems.length;
			bestCpu = Math.min(bestCpu, cpuSec(process.cpuUsage(c0)));
			best = Math.min(best, since(t0));
			const ta = process.hrtime.bigint();
			const report = analyze([dir]);
			bestAnalyze = Math.min(bestAnalyze, since(ta));
			kept = report.findings.length;
		}
		const ours = MiB / best;
		const mbps = bytes / 1e6 / best;
		const rows: [string, string, string][] = [
			['reader', 'MiB/s', 'note'],
			['native (1 thread)', ours.toFixed(1), `${events} events, ${files.length} files, ${MiB.toFixed(0)} MiB, fastest of ${runs}, ${problems} problems; by CPU time ${(MiB / bestCpu).toFixed(1)} MiB/s`],
			['analyze() (1 thread)', (MiB / bestAnalyze).toFixed(1), `the same files through the whole analysis (records, clocks, attempts, ${kept} findings), fastest of ${runs}`],
			['baseline u32 scan', (MiB / bestBase).toFixed(1), `same reads + readUInt32LE per 4 bytes, fastest of ${runs}; by CPU time ${(MiB / bestBaseCpu).toFixed(1)} MiB/s (checksum ${sink & 0xff})`],
			['reader / baseline', (bestBase / best).toFixed(2), `by CPU time ${(bestBaseCpu / bestCpu).toFixed(2)}`],
		];
		let ratio: number | null = null;
		if (process.env.QL_BENCH_EVTXEXPORT !== '0') {
			const t1 = process.hrtime.bigint();
			const ex = spawnSync('evtxexport', ['-f', 'xml', files[0]], { stdio: ['ignore', 'ignore', 'ignore'] });
			const exSec = since(t1);
			if (ex.error) rows.push(['evtxexport -f xml', '-', `not run: ${ex.error.message}`]);
			else {
				const theirs = fs.statSync(files[0]).size / 1048576 / exSec;
				ratio = ours / theirs;
				rows.push(['evtxexport -f xml', theirs.toFixed(1), `one file (${(fs.statSync(files[0]).size / 1048576).toFixed(0)} MiB), exit ${ex.status}`]);
				rows.push(['ratio', `${ratio.toFixed(1)}x`, `target: >= ${TARGET_EVTXEXPORT_RATIO}x and >= ${TARGET_MBPS} MB/s`]);
			}
		}
		const ok = ratio === null ? null : ratio >= TARGET_EVTXEXPORT_RATIO && mbps >= TARGET_MBPS;
		const lines = rows.map((r) => `${r[0].padEnd(20)} ${r[1].padStart(8)}  ${r[2]}`);
		const summary = `evtx ${MiB.toFixed(0)} MiB: reader ${mbps.toFixed(0)} MB/s on one thread${ratio === null ? '' : `, ${ratio.toFixed(1)}× evtxexport`}, analyze() ${(bytes / 1e6 / bestAnalyze).toFixed(0)} MB/s`;
		return { lines, ok, summary };
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	const r = benchEvtx(parseSize(process.argv[2] ?? '1GiB'), Math.max(1, Number(process.env.QL_BENCH_RUNS || 5)));
	for (const l of r.lines) console.log(l);
	console.log(r.summary);
}
