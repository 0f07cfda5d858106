import { writerState } from '../knowledge/writerStates';
import type { Finding, Report, Writer } from '../model/report';

const SEVERITY_MARK: Record<Finding['severity'], string> = { error: 'ERROR', warning: 'WARN ', info: 'INFO ' };

/** The plain-text report printed by `quiesce-lens analyze --format text` (and `npm start`). */
export function renderText(report: Report): string {
	const out: string[] = [];
	const errors = report.findings.filter((f) => f.severity === 'error').length;
	const warnings = report.findings.filter((f) => f.severity === 'warning').length;
	out.push(`Quiesce Lens ${report.tool.version} — ${report.root}`);
	out.push(`${report.inputs.length} file(s) read, ${report.writers.length} writer(s) in ${report.writerListings.length} listing(s), ${errors} error(s), ${warnings} warning(s)`);

	out.push('', 'FINDINGS');
	if (report.findings.length === 0) out.push('  none');
	for (const f of report.findings) {
		out.push(`  ${SEVERITY_MARK[f.severity]} ${f.code} ${f.title}`);
		out.push(...wrap(f.message, 4));
		for (const e of f.evidence) out.push(`    at ${e.path}:${e.line}  ${e.text}`);
		out.push('    Fix:');
		for (const step of f.fix.split('\n')) out.push(...wrap(step, 6));
		for (const k of f.kb) out.push(`    See: ${k.id} — ${k.url}`);
		out.push('');
	}

	out.push('VSS WRITERS');
	for (const l of report.writerListings) {
		out.push(`  ${l.path}: ${l.status}${l.status === 'error' ? ` — ${l.errorText}` : ''}, ${l.count} writer(s)`);
		for (const w of report.writers.filter((x) => x.listing === l.path)) out.push(`    ${writerLine(w)}`);
	}
	if (report.writerListings.length === 0) out.push('  no writer listing found');

	out.push('', 'INPUTS');
	for (const i of report.inputs) {
		const unparsed = i.unparsedLines > 0 ? `, ${i.unparsedLines} unparsed` : '';
		out.push(`  ${i.path}  [${i.format}, ${i.encoding}, ${i.eol}, ${i.lines} lines${unparsed}]`);
		for (const p of i.problems) out.push(`    ! ${p}`);
	}
	return out.join('\n') + '\n';
}

function writerLine(w: Writer): string {
	const mark = w.failed ? '✗' : w.stateCode === 1 ? '✓' : '•';
	const state = w.stateCode === null ? 'state not read' : `[${w.stateCode}] ${writerState(w.stateCode)?.short ?? 'undefined state'}`;
	const err = w.hasLastError ? ` — ${w.lastError}${w.lastErrorHresult ? ` (${w.lastErrorHresult})` : ''}` : '';
	return `${mark} ${w.name.padEnd(36)} ${state}${err}  (line ${w.source.line})`;
}

/** Wraps prose at 100 columns with a fixed indent. */
function wrap(text: string, indent: number): string[] {
	const pad = ' '.repeat(indent);
	const lines: string[] = [];
	let cur = '';
	for (const word of text.split(/\s+/)) {
		if (cur && cur.length + word.length + 1 > 100 - indent) { lines.push(pad + cur); cur = word; }
		else cur = cur ? `${cur} ${word}` : word;
	}
	if (cur) lines.push(pad + cur);
	return lines;
}
