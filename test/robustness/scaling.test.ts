// Every registered reader reads record-dense input in time and memory linear in its size: its own sample
// files (every line of them a line that matters) repeated to about SMALL_CHARS and to 4× that, read
// through the reader as the pipeline reads a file. A reader (or the fold that collects its records) that
// is quadratic somewhere — a list searched per line, a string grown by concatenation and scanned again —
// takes 16× the time for 4× the input; the bound is 8× (best of 5 runs each, plus a few ms of slack), far
// enough from 4× for a shared machine's noise. The heap the records keep may grow 8× too.
import * as assert from 'assert/strict';
import * as v8 from 'v8';
import { FORMATS } from '../../src/core/formats';
import { DETECT_LINES, readLines, type FormatDefinition, type ReadResult } from '../../src/core/formats/lib/format';
import { fastestCpuMs } from '../lib/cpuTime';

/** Characters of the smaller input (the larger is 4×): enough for milliseconds, few enough for seconds in all. */
const SMALL_CHARS = 400_000;
const GROWTH = 4;
/** How much more time or memory the larger input may take (4× is linear; a quadratic reader takes 16×). */
const BOUND = 8;
/** Slack for inputs read in a few milliseconds (ms). */
const SLACK_MS = 5;
/**
 * The smaller input is doubled until it takes this long (ms), so that a few ms of noise is no ratio: at 15
 * ms, a linear reader (windows-events-text: 1.2-2.2 µs a line at every size alone) once read 4× the lines in
 * 10.9× the time in a full suite run.
 */
const MIN_SMALL_MS = 40;
/**
 * Runs of each input, interleaved (small, large, small …) so that a busy spell of the machine slows both; the
 * fastest counts. Five: with three, a full collection in each large run once made a linear reader 9.5× (at
 * load average 1).
 */
const RUNS = 5;

/** The format's samples, one after another, repeated to at least `chars` characters, as lines. */
function recordDense(format: FormatDefinition, chars: number): string[] {
	const sample = format.variants.flatMap((v) => v.samples).join('\n');
	const lines = sample.split('\n');
	const out: string[] = [];
	for (let n = 0; n < chars; n += sample.length + 1) for (const l of lines) out.push(l);
	return out;
}

/** Reads `lines` as the pipeline reads a file of them. */
function read(format: FormatDefinition, lines: readonly string[]): ReadResult {
	return readLines(format, 'scaling.log', lines, format.detect(lines.slice(0, DETECT_LINES)) ?? { variant: 'forced', reason: 'read without detection' });
}

/**
 * The fastest of RUNS readings of each input (ms of CPU time, see fastestCpuMs), interleaved, after one
 * reading that warms the reader up.
 */
function fastest(format: FormatDefinition, inputs: readonly (readonly string[])[]): number[] {
	read(format, inputs[0]);
	return fastestCpuMs(
		inputs.map((lines) => () => void read(format, lines)),
		RUNS,
	);
}

/**
 * What a reader's result keeps in memory, as the bytes of its serialized form: what the analysis holds
 * until the join, measured without the garbage collector's noise.
 */
const kept = (r: ReadResult): number => v8.serialize(r).length;

const records = (r: ReadResult) => Object.values(r.facts).reduce((n, list) => n + (list?.length ?? 0), 0);

/**
 * The format's samples once, then one paragraph of prose as long as the input (a forum post's text pasted
 * below a log, with no blank line): a reader that works per paragraph or per message meets a long one.
 */
function longParagraph(format: FormatDefinition, chars: number): string[] {
	const out = format.variants
		.flatMap((v) => v.samples)
		.join('\n')
		.split('\n');
	for (let n = 0, i = 0; n < chars; n += 72, i++) out.push(`and then the backup job ${i} stopped again after the snapshot was taken, said the admin`);
	return out;
}

describe('every reader scales linearly with record-dense input', function () {
	this.timeout(240_000);
	for (const [shape, input] of [
		['', recordDense],
		[', then one long paragraph of prose', longParagraph],
	] as const) {
		for (const format of FORMATS) checkLinear(format, shape, input);
	}

	it('the bound catches a quadratic reader (every earlier line visited for each line)', () => {
		const quadratic: FormatDefinition = { ...FORMATS[0], detect: () => ({ variant: 'test', reason: 'test' }), reader: () => new QuadraticReader() };
		const lines = (n: number) => Array.from({ length: n }, (_, i) => `line ${i}`);
		// 4,000 lines: 8 M steps, then 128 M at four times the input, 16 times the work against a bound of 8.
		const [a, b] = fastest(quadratic, [lines(4000), lines(4000 * GROWTH)]);
		assert.ok(b > BOUND * a + SLACK_MS, `a quadratic reader went unnoticed: ${a.toFixed(1)} ms, then ${b.toFixed(1)} ms`);
	});
});

/** One reader's check: `input(format, chars)` at two sizes, GROWTH apart, read in about linear time and memory. */
function checkLinear(format: FormatDefinition, shape: string, input: (format: FormatDefinition, chars: number) => string[]): void {
	it(`${format.id}${shape}: ${GROWTH}× the input takes at most ${BOUND}× the time and the memory`, () => {
		let chars = SMALL_CHARS;
		while (chars < SMALL_CHARS * 16 && fastest(format, [input(format, chars)])[0] < MIN_SMALL_MS) chars *= 2;
		const small = input(format, chars);
		const large = input(format, chars * GROWTH);
		let [a, b] = fastest(format, [small, large]);
		// Over the bound, measured once more: a quadratic reader is over it every time, while a full suite's heap
		// once made all five large runs of a linear reader slow (windows-events-text: 8.9× in one run, 4–5× alone).
		if (b > BOUND * a + SLACK_MS) [a, b] = fastest(format, [small, large]);
		const [ra, rb] = [read(format, small), read(format, large)];
		const what = `${format.id}: ${small.length} lines in ${a.toFixed(1)} ms (${records(ra)} facts, ${kept(ra)} bytes), ${large.length} lines in ${b.toFixed(1)} ms (${records(rb)} facts, ${kept(rb)} bytes)`;
		assert.ok(b <= BOUND * a + SLACK_MS, `time is not linear: ${what}`);
		assert.ok(kept(rb) <= BOUND * kept(ra), `memory is not linear: ${what}`);
	});
}

/**
 * A reader that visits every earlier line for each line: n²/2 steps of about a nanosecond that nothing can
 * shortcut. A class, not a closure per run: its method's type feedback is shared by every run, so the short
 * run is as warm as the long one (fresh closures measured the short run half cold, a ratio near 7).
 */
class QuadraticReader {
	private readonly seen: string[] = [];
	private sum = 0;

	line(text: string): void {
		for (const s of this.seen) this.sum += s.length;
		this.seen.push(text);
	}

	end(): ReadResult {
		return { facts: {}, unparsedLines: this.sum < 0 ? 1 : 0, problems: [] };
	}
}
