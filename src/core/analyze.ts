import * as path from 'path';
import { buildAttempts } from './analysis/attempts';
import { alignClocks } from './analysis/clocks';
import { hypervisorOf } from './analysis/hypervisor';
import { separateListings } from './analysis/listings';
import { withPastedListing } from './analysis/verdict';
import { appendAll } from './collections';
import { diagnose } from './diagnosis/diagnose';
import { collectBetweenPhases } from './heap';
import { originOf } from './formats';
import type { Facts } from './formats/lib/format';
import { readParallel, readSerially, type ParallelOptions } from './ingest/parallel';
import { planTexts, startReading, stepRun, textPath, type NamedText, type ReadOptions, type ReadOutcome } from './ingest/read';
import { REPORT_SCHEMA, type Attempt, type Report } from './model/report';
import { shiftLines } from './report/shiftLines';
import { TOOL } from './version';

/**
 * The pipeline in one place: ingest (find, unpack, decode, detect, read) → analysis (clocks, attempts,
 * hypervisor) → diagnosis (findings) → the report.
 */

/** Options of one analysis run. */
export interface AnalyzeOptions extends ReadOptions {
	/** Clock offsets set by the user, minutes east of UTC, per report path; they override what a file says. */
	clockOffsets?: Readonly<Record<string, number>>;
	/** Language of the findings' title, message and fix: `en` (default) or `ja`; any tag starting with `ja` (`ja-JP`) is Japanese. */
	locale?: 'en' | 'ja' | (string & {});
	/**
	 * Called once the attempts are joined and judged, before the findings are diagnosed: a surface can show
	 * them while the rest of the report is made. The attempts are the report's own (do not change them).
	 */
	onAttempts?: (attempts: readonly Attempt[]) => void;
}

/** Reads every file under `paths` and returns the report. The one entry point of the core. */
export function analyze(paths: readonly string[], options: AnalyzeOptions = {}): Report {
	const run = startReading(paths, options);
	while (run.step());
	return finishRun(run.outcome(), options);
}

/**
 * Reads texts held in memory (an untitled editor, a selection, standard input) as files of the given
 * names, through the same steps as files (paste cleaning, sections, formats); report paths are the names.
 */
export function analyzeText(texts: readonly NamedText[], options: AnalyzeOptions = {}): Report {
	const run = stepRun(planTexts(texts, options), options);
	while (run.step());
	const report = finishRun(run.outcome(), options);
	// A selection is read as lines 1…; its evidence points at the lines where it came from.
	for (const t of texts) if (t.firstLine !== undefined) shiftLines(report, textPath(t), t.firstLine - 1);
	return report;
}

/**
 * The same analysis, yielding to the event loop between files so an editor stays responsive and can
 * report progress and cancel.
 */
export async function analyzeAsync(paths: readonly string[], options: AnalyzeOptions = {}): Promise<Report> {
	return finishRun(await readSerially(paths, options), options);
}

/**
 * The same analysis with its files read on several threads when that pays (the CLI's path, and the
 * extension's analysis thread's, with its cache, progress and cancel: see readParallel).
 */
export async function analyzeParallel(paths: readonly string[], options: AnalyzeOptions, parallel: ParallelOptions): Promise<Report> {
	return finishRun(await readParallel(paths, options, parallel), options);
}

/** Joins what was read into the report: clocks aligned, attempts built, findings diagnosed (exported for the scaling test). */
export function finishRun({ root, inputs, parts }: ReadOutcome, options: Pick<AnalyzeOptions, 'clockOffsets' | 'locale' | 'onAttempts'>): Report {
	const facts: Facts = { writerListings: [], writers: [], providers: [], shadows: [], shadowStorage: [], volumes: [], records: [] };
	for (const part of parts) mergeFacts(facts, part);
	separateListings(facts.writerListings, facts.writers);
	// The reading's garbage is not the attempts' to grow on, nor the attempts' the findings' (heap.ts).
	collectBetweenPhases(facts.records.length);
	const aligned = alignClocks(inputs, facts.records, options.clockOffsets);
	const records = aligned.records;
	const attempts = buildAttempts(records, aligned.inputs, options.locale).map((a) => withPastedListing(a, facts.writers));
	options.onAttempts?.(attempts);
	collectBetweenPhases(records.length);
	const hypervisor = hypervisorOf(aligned.inputs, facts);
	return {
		schema: REPORT_SCHEMA,
		tool: TOOL,
		root: path.basename(root) || root,
		hypervisor,
		inputs: aligned.inputs.map((i) => ({ ...i, origin: originOf(i.format) })),
		writerListings: facts.writerListings,
		writers: sortWriters(facts.writers),
		providers: facts.providers,
		shadows: facts.shadows,
		shadowStorage: facts.shadowStorage,
		volumes: facts.volumes,
		attempts,
		findings: diagnose({ ...facts, records, attempts, inputs: aligned.inputs, hypervisor }, options.locale),
	};
}

/** Appends every array a reader returned to the run's facts. */
function mergeFacts(into: Facts, from: Partial<Facts>): void {
	for (const key of Object.keys(from) as (keyof Facts)[]) {
		const items = from[key];
		if (items) appendAll(into[key] as unknown[], items);
	}
}

/** Failed writers first (by state number), then the rest; stable order otherwise (listing, line). */
function sortWriters<T extends { failed: boolean; stateCode: number | null }>(writers: T[]): T[] {
	const rank = (w: T) => (w.failed ? 0 : w.stateCode === 1 ? 2 : 1);
	return writers
		.map((w, i) => ({ w, i }))
		.sort((a, b) => rank(a.w) - rank(b.w) || a.i - b.i)
		.map((x) => x.w);
}
