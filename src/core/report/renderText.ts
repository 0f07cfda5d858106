import { listingId, listingLabel } from '../analysis/listings';
import { appendAll } from '../collections';
import type { Attempt, AttemptEvent, Finding, Report, Writer } from '../model/report';
import { formatDuration } from '../knowledge/messages/duration';
import { attemptCodes, attemptKindLabel, attemptPoint, attemptStart, consistencyLabel, eventRecordsLabel, reportTimes, sliceEvents, verdict, windowLabel, writerStateLabel } from './summary';
import { describeTimeZone, formatTime, UTC, type RenderOptions, type TimeZone } from './displayTime';
import { repeatMark } from './repeats';

const SEVERITY_MARK: Record<Finding['severity'], string> = { error: 'ERROR', warning: 'WARN ', info: 'INFO ' };

/** Key events per attempt in the text report: the first and last few (the Markdown report shows more). */
const EVENTS_FIRST = 6;
const EVENTS_LAST = 4;

/** The plain-text report printed by `quiesce-lens analyze --format text` (and `npm start`). */
export function renderText(report: Report, options: RenderOptions = {}): string {
	const zone = options.timeZone ?? UTC;
	const out: string[] = [];
	const errors = report.findings.filter((f) => f.severity === 'error').length;
	const warnings = report.findings.filter((f) => f.severity === 'warning').length;
	out.push(`Quiesce Lens ${report.tool.version} — ${report.root}`);
	out.push(`${report.inputs.length} file(s) read, ${report.writers.length} writer(s) in ${report.writerListings.length} listing(s), ${errors} error(s), ${warnings} warning(s)`);
	out.push(`Times in ${describeTimeZone(zone, reportTimes(report))}`);
	appendAll(out, wrap(verdict(report), 0));

	out.push('', 'ATTEMPTS');
	if (report.attempts.length === 0) out.push('  none found');
	report.attempts.forEach((a, i) => {
		if (i > 0) out.push('');
		appendAll(out, attemptBlock(a, zone));
	});

	out.push('', 'FINDINGS');
	if (report.findings.length === 0) out.push('  none', '');
	for (const f of report.findings) {
		out.push(`  ${SEVERITY_MARK[f.severity]} ${f.code} ${f.title}${f.attemptId ? `  [${f.attemptId}]` : ''}`);
		appendAll(out, wrap(f.message, 4));
		for (const e of f.evidence) out.push(`    at ${e.path}:${e.line}  ${e.text}`);
		out.push('    Fix:');
		for (const step of f.fix.split('\n')) appendAll(out, wrap(step, 6));
		for (const k of f.kb) out.push(`    See: ${k.id} — ${k.url}`);
		out.push('');
	}

	out.push('VSS WRITERS');
	for (const l of report.writerListings) {
		out.push(`  ${listingLabel(l)}: ${l.status}${l.status === 'error' ? ` — ${l.errorText}` : ''}, ${l.count} writer(s)`);
		for (const w of report.writers.filter((x) => x.listing === listingId(l))) out.push(`    ${writerLine(w)}`);
	}
	if (report.writerListings.length === 0) out.push('  no writer listing found');

	out.push('', 'INPUTS');
	for (const i of report.inputs) {
		const unparsed = i.unparsedLines > 0 ? `, ${i.unparsedLines} unparsed` : '';
		out.push(`  ${i.path}  [${i.format}, ${i.encoding}, ${i.records === undefined ? `${i.eol}, ${i.lines} lines${unparsed}` : eventRecordsLabel(i)}]`);
		for (const p of i.problems) out.push(`    ! ${p}`);
	}
	return out.join('\n') + '\n';
}

/** One attempt: what, when and how it ended on two lines, then its key events. */
function attemptBlock(a: Attempt, zone: TimeZone): string[] {
	const snapshot = a.snapshotName === null ? '' : `  "${a.snapshotName}"`;
	const lines = [`  ${a.id}  ${attemptStart(a, zone)}  ${a.vm ?? 'VM unknown'}${snapshot}`, `      ${attemptKindLabel(a)} · ${a.result} · ${consistencyLabel(a.consistency)} · ${attemptCodes(a)}`];
	const point = attemptPoint(a);
	if (point) lines.push(`      ${point}`);
	if (a.fallbackOf) lines.push(`      crash-consistent retry of ${a.fallbackOf}`);
	if (a.writers.length > 0) appendAll(lines, wrap(`writers: ${a.writers.join(', ')}`, 6));
	if (a.guestMessage) appendAll(lines, wrap(`guest: ${a.guestMessage}`, 6));
	for (const w of a.windows) lines.push(`      ${w.exceeded ? '!' : ' '} ${windowLabel(w.name)}: ${formatDuration(w.measuredMs)} of ${formatDuration(w.limitMs)}${w.exceeded ? ' — exceeded' : ''}`);
	const events = sliceEvents(a.events, EVENTS_FIRST, EVENTS_LAST);
	if (a.events.length > 0) lines.push(`      events (${a.events.length}):`);
	lines.push(...events.head.map((e) => eventLine(e, zone)));
	if (events.omitted > 0) lines.push(`        … ${events.omitted} more events …`);
	lines.push(...events.tail.map((e) => eventLine(e, zone)));
	return lines;
}

function eventLine(e: AttemptEvent, zone: TimeZone): string {
	const repeats = repeatMark(e) && `  ${repeatMark(e)}, the last at ${formatTime(e.lastTime ?? null, zone)} (line ${e.lastLine})`;
	return `        ${formatTime(e.time, zone)}  ${e.source}:${e.line}  ${e.text}${repeats}`;
}

function writerLine(w: Writer): string {
	const mark = w.failed ? '✗' : w.stateCode === 1 ? '✓' : '•';
	const err = w.hasLastError ? ` — ${w.lastError}${w.lastErrorHresult ? ` (${w.lastErrorHresult})` : ''}` : '';
	return `${mark} ${w.name.padEnd(36)} ${writerStateLabel(w)}${err}  (line ${w.source.line})`;
}

/** Wraps prose at 100 columns with a fixed indent. */
function wrap(text: string, indent: number): string[] {
	const pad = ' '.repeat(indent);
	const lines: string[] = [];
	let cur = '';
	for (const word of text.split(/\s+/)) {
		if (cur && cur.length + word.length + 1 > 100 - indent) {
			lines.push(pad + cur);
			cur = word;
		} else cur = cur ? `${cur} ${word}` : word;
	}
	if (cur) lines.push(pad + cur);
	return lines;
}
