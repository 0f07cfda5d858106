import * as fs from 'fs';
import * as path from 'path';
import { decodeText } from '../decode/decode';
import { DETECT_LINES, type Detection, type Facts, type FormatDefinition } from '../formats/format';
import { FORMATS } from '../formats';
import { diagnoseWriters } from '../knowledge/writerRules';
import { REPORT_SCHEMA, type Finding, type InputFile, type Report, type Severity } from '../model/report';
import { TOOL } from '../version';
import { discover, rootOf } from './discover';

/** Options of one analysis run. */
export interface AnalyzeOptions {
	/** Files larger than this (bytes) are listed with a problem and not read. Default 512 MiB. */
	maxFileBytes?: number;
	/** Called after each file with (files done, files total). */
	onProgress?: (done: number, total: number) => void;
	/** Checked between files; when it returns true the analysis stops with an AnalysisCancelled error. */
	isCancelled?: () => boolean;
}

/** Thrown by analyze when a path does not exist or cannot be read: one clear sentence naming it. */
export class InputError extends Error {}
/** Thrown by analyze when options.isCancelled() said so. */
export class AnalysisCancelled extends Error {}

const DEFAULT_MAX_FILE_BYTES = 512 * 1024 * 1024;
const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Reads every file under `paths` and returns the report. The one entry point of the core. */
export function analyze(paths: readonly string[], options: AnalyzeOptions = {}): Report {
	const run = startAnalysis(paths, options);
	for (let i = 0; i < run.total; i++) run.step(i);
	return run.finish();
}

/**
 * The same analysis, yielding to the event loop between files so an editor stays responsive and can
 * report progress and cancel.
 */
export async function analyzeAsync(paths: readonly string[], options: AnalyzeOptions = {}): Promise<Report> {
	const run = startAnalysis(paths, options);
	for (let i = 0; i < run.total; i++) {
		await new Promise<void>((resolve) => setImmediate(resolve));
		run.step(i);
	}
	return run.finish();
}

/** One analysis split into per-file steps (shared by analyze and analyzeAsync). */
function startAnalysis(paths: readonly string[], options: AnalyzeOptions) {
	if (paths.length === 0) throw new InputError('No path given to analyse.');
	for (const p of paths) {
		if (!fs.existsSync(p)) throw new InputError(`Cannot read '${p}': no such file or folder.`);
	}
	const root = rootOf(paths);
	const files = discover(paths, root);
	const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
	const inputs: InputFile[] = [];
	const facts: Facts = { writerListings: [], writers: [], providers: [], shadows: [], shadowStorage: [], volumes: [], records: [] };
	const texts = new Map<string, readonly string[]>();
	return {
		total: files.length,
		step(index: number): void {
			if (options.isCancelled?.()) throw new AnalysisCancelled('Analysis cancelled.');
			const file = files[index];
			inputs.push(readInput(file.abs, file.rel, file.size, maxBytes, facts, texts));
			options.onProgress?.(index + 1, files.length);
		},
		finish(): Report {
			const lineText = (p: string, line: number) => (texts.get(p)?.[line - 1] ?? '').trim();
			return {
				schema: REPORT_SCHEMA,
				tool: TOOL,
				root: path.basename(root) || root,
				inputs,
				writerListings: facts.writerListings,
				writers: sortWriters(facts.writers),
				providers: facts.providers,
				shadows: facts.shadows,
				shadowStorage: facts.shadowStorage,
				volumes: facts.volumes,
				findings: sortFindings(diagnoseWriters(facts.writerListings, facts.writers, lineText)),
			};
		},
	};
}

function readInput(abs: string, rel: string, size: number, maxBytes: number, facts: Facts, texts: Map<string, readonly string[]>): InputFile {
	const input: InputFile = { path: rel, format: 'unknown', formatReason: '', encoding: 'binary', eol: 'none', lines: 0, unparsedLines: 0, clock: null, problems: [] };
	if (size > maxBytes) {
		input.formatReason = 'not read';
		input.problems.push(`Not read: ${formatBytes(size)} is over the per-file limit of ${formatBytes(maxBytes)}.`);
		return input;
	}
	let bytes: Buffer;
	try {
		bytes = fs.readFileSync(abs);
	} catch (e) {
		input.formatReason = 'not read';
		input.problems.push(`Cannot read the file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
		return input;
	}
	const decoded = decodeText(bytes);
	Object.assign(input, { encoding: decoded.encoding, eol: decoded.eol, lines: decoded.lines.length });
	if (decoded.encoding === 'binary') {
		input.formatReason = `binary content (${decoded.reason})`;
		return input;
	}
	const head = decoded.lines.slice(0, DETECT_LINES);
	let format: FormatDefinition | undefined;
	let detection: Detection | undefined;
	for (const f of FORMATS) {
		const d = f.detect(head);
		if (d) {
			format = f;
			detection = d;
			input.format = f.id;
			input.formatReason = `${f.title} (${d.variant}): ${d.reason}; encoding: ${decoded.reason}`;
			break;
		}
	}
	if (!format) {
		input.formatReason = `no known format matched the first ${Math.min(DETECT_LINES, decoded.lines.length)} lines; encoding: ${decoded.reason}`;
		input.unparsedLines = decoded.lines.length;
		return input;
	}
	texts.set(rel, decoded.lines);
	const reader = format.reader(rel, detection!);
	decoded.lines.forEach((l, i) => reader.line(l, i + 1));
	const result = reader.end();
	input.unparsedLines = result.unparsedLines;
	input.problems.push(...result.problems);
	if (result.clock) input.clock = result.clock;
	mergeFacts(facts, result.facts);
	return input;
}

/** Appends every array a reader returned to the run's facts. */
function mergeFacts(into: Facts, from: Partial<Facts>): void {
	for (const key of Object.keys(from) as (keyof Facts)[]) {
		const items = from[key];
		if (items) (into[key] as unknown[]).push(...items);
	}
}

/** Failed writers first (by state number), then the rest; stable order otherwise (listing, line). */
function sortWriters<T extends { failed: boolean; stateCode: number | null }>(writers: T[]): T[] {
	const rank = (w: T) => (w.failed ? 0 : w.stateCode === 1 ? 2 : 1);
	return writers.map((w, i) => ({ w, i })).sort((a, b) => rank(a.w) - rank(b.w) || a.i - b.i).map((x) => x.w);
}

function sortFindings(findings: Finding[]): Finding[] {
	return findings.map((f, i) => ({ f, i })).sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i).map((x) => x.f);
}

/** `1.5 MiB`-style size for messages. */
export function formatBytes(n: number): string {
	const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
	let u = 0;
	let v = n;
	while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
	return u === 0 ? `${n} bytes` : `${v.toFixed(1)} ${units[u]}`;
}
