// The analysis (clocks, attempts, their joins and verdicts, findings: everything after reading) takes time
// and memory linear in the attempts of a bundle and its VMs: the bench generator's bundle (one hostd.log,
// each VM's vmware.log, Tools log and Windows events) with n attempts across n / 20 VMs, then 4× both (the
// `vms` bench shape is 10,000 attempts across 500 VMs), read once, analysed in turns. A step that scans every
// record or every attempt per attempt (an O(attempts × records) join step) takes 16× the time for
// 4× the attempts; the bound is 8×, as for the readers (scaling.test.ts), so a quadratic step is caught once
// it costs half the rest of the analysis at the smaller size (16q + 4l > 8q + 8l), as a scan of every record
// per attempt does well before the bench's 10,000 attempts; a test of the file shows the bound catches one.
// The heap the report keeps may grow 8× too.
import * as assert from 'assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { finishRun } from '../../src/core/analyze';
import { instantMs } from '../../src/core/formats/lib/stamps';
import { startReading, type ReadOutcome } from '../../src/core/ingest/read';
import type { Report } from '../../src/core/model/report';
import { generateBundle } from '../bench/generateBundle';
import { fastestCpuMs, retainedBytes, settledCpuMs } from '../lib/cpuTime';

/** Attempts of the smaller bundle, doubled until its analysis takes MIN_SMALL_MS; the larger has GROWTH× as many. */
const SMALL_ATTEMPTS = 400;
const ATTEMPTS_PER_VM = 20;
const GROWTH = 4;
/** How much more time or memory the larger bundle may take (4× is linear; a quadratic step takes 16×). */
const BOUND = 8;
/** Slack for analyses of a few milliseconds (ms). */
const SLACK_MS = 5;
/**
 * Slack for the heap a report keeps (bytes): a heap measurement moves by a few MB with what the collector
 * happened to free (the smaller bundle's once measured -8.9 MB), which is no growth of the report.
 */
const SLACK_BYTES = 16 * 1024 * 1024;
/**
 * Passes of the self-check's quadratic step over the records: enough that the step dominates the analysis at
 * the smaller size (one pass cost a third of it, and 7.6× then stayed under the bound), which is the case the
 * bound is there to catch.
 */
const QUADRATIC_PASSES = 4;
/** The smaller bundle's analysis takes at least this long (ms), so that fixed costs and noise are no ratio. */
const MIN_SMALL_MS = 100;
/** Analyses of each bundle, interleaved; the fastest counts. */
const RUNS = 3;
/** Bytes the generator writes per attempt: its lines and a little chatter, so that the files are not only what matters. */
const BYTES_PER_ATTEMPT = 4 * 1024;

/** The bench generator's bundle of `attempts` attempts across attempts / ATTEMPTS_PER_VM VMs, read. */
function bundle(attempts: number): ReadOutcome {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-analysis-scaling-'));
	try {
		generateBundle(dir, attempts * BYTES_PER_ATTEMPT, { seed: 7, vms: attempts / ATTEMPTS_PER_VM, attempts });
		const run = startReading([dir], {});
		while (run.step());
		return run.outcome();
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

type Analysis = (read: ReadOutcome) => Report;
const analyse: Analysis = (read) => finishRun(read, {});

/** The smaller bundle (its attempts doubled until one analysis takes MIN_SMALL_MS), the larger, and the smaller's attempts. */
function bundles(): [ReadOutcome, ReadOutcome, number] {
	let n = SMALL_ATTEMPTS;
	let small = bundle(n);
	analyse(small);
	while (n < SMALL_ATTEMPTS * 8 && settledCpuMs(() => analyse(small)) < MIN_SMALL_MS) small = bundle((n *= 2));
	return [small, bundle(n * GROWTH), n];
}

describe('the analysis scales linearly with attempts and VMs', function () {
	this.timeout(300_000);

	it(`${GROWTH}× the attempts and VMs take at most ${BOUND}× the time and the memory`, () => {
		const [small, large, n] = bundles();
		const [a, b] = fastestCpuMs(
			[small, large].map((read) => () => void analyse(read)),
			RUNS,
		);
		const [ra, rb] = [retainedBytes(() => analyse(small)), retainedBytes(() => analyse(large))];
		// The join must hold at both sizes: every generated attempt is one attempt of the report.
		assert.equal(ra.value.attempts.length, n);
		assert.equal(rb.value.attempts.length, n * GROWTH);
		const what = `${n} attempts in ${a.toFixed(1)} ms (${(ra.bytes / 1e6).toFixed(1)} MB kept), ${n * GROWTH} in ${b.toFixed(1)} ms (${(rb.bytes / 1e6).toFixed(1)} MB kept)`;
		assert.ok(b <= BOUND * a + SLACK_MS, `time is not linear: ${what}`);
		assert.ok(rb.bytes <= BOUND * Math.max(ra.bytes, 0) + SLACK_BYTES, `memory is not linear: ${what}`);
	});

	it('the bound catches a quadratic step (every record visited per attempt)', () => {
		// The mistake the join once made: each attempt looks for its evidence in every record, parsing each
		// stamp. Its cost is records × attempts, 16× for 4× the attempts, against a bound of 8.
		let visited = 0;
		const quadratic: Analysis = (read) => {
			const report = analyse(read);
			const records = read.parts.flatMap((p) => p.records ?? []);
			for (let pass = 0; pass < QUADRATIC_PASSES; pass++)
				for (const attempt of report.attempts) {
					const from = instantMs(attempt.start!) - 60_000;
					for (const r of records) if (r.time !== null && instantMs(r.time) >= from) visited++;
				}
			return report;
		};
		// Half the smaller bundle above, so that the quadratic step's larger run takes seconds, not minutes.
		const [small, large] = [bundle(SMALL_ATTEMPTS / 2), bundle((SMALL_ATTEMPTS / 2) * GROWTH)];
		quadratic(small);
		const [a, b] = fastestCpuMs(
			[small, large].map((read) => () => void quadratic(read)),
			RUNS,
		);
		assert.ok(visited > 0);
		assert.ok(b > BOUND * a + SLACK_MS, `a quadratic step went unnoticed: ${a.toFixed(1)} ms, then ${b.toFixed(1)} ms`);
	});
});
