import { listingLabel } from '../analysis/listings';
import { appendAll } from '../collections';
import type { Attempt, Finding, InputFile, Report } from '../model/report';
import { mdCode, mdLink, mdProse, mdTable, mdText } from './markdownText';
import { formatDuration } from '../knowledge/messages/duration';
import { attemptCodes, attemptPoint, attemptStart, confidenceLabel, consistencyLabel, eventRecordsLabel, failedWritersFirst, joinLabel, quiescedLabel, reportTimes, sliceEvents, verdict, windowLabel, writerStateLabel } from './summary';
import { describeTimeZone, formatTime, UTC, type RenderOptions, type TimeZone } from './displayTime';
import { repeatMark } from './repeats';
import { formatOffset } from '../utcOffset';

const SEVERITY_WORD: Record<Finding['severity'], string> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

/** Timeline rows per attempt: the first and last events around the gap (a ticket should stay readable). */
const EVENTS_FIRST = 20;
const EVENTS_LAST = 10;

/**
 * The Markdown report of `quiesce-lens analyze --format markdown`: GitHub Flavored Markdown meant to
 * be pasted into a ticket. Every string from the bundle is escaped (see markdownText.ts).
 */
export function renderMarkdown(report: Report, options: RenderOptions = {}): string {
	const zone = options.timeZone ?? UTC;
	const out: string[] = [];
	out.push(`# Quiesce Lens report: ${mdText(report.root)}`, '');
	out.push(`Quiesce Lens ${mdText(report.tool.version)} · hypervisor: ${mdText(report.hypervisor)} · ${report.inputs.length} file(s) read · times in ${mdText(describeTimeZone(zone, reportTimes(report)))}`, '');
	out.push(`**Verdict:** ${mdText(verdict(report))}`, '');

	out.push('## Snapshot attempts', '');
	if (report.attempts.length === 0) out.push('No snapshot attempt found in the bundle.', '');
	else {
		appendAll(
			out,
			mdTable(
				['Attempt', 'VM', 'Snapshot', 'Start', 'Quiesced', 'Result', 'Consistency', 'HRESULT / VmBackupStatus'],
				report.attempts.map((a) => [a.id, a.vm ?? '—', a.snapshotName ?? '—', attemptStart(a, zone), quiescedLabel(a.quiesced), a.result, consistencyLabel(a.consistency), attemptCodes(a)].map(mdText)),
			),
		);
		out.push('');
	}

	for (const a of report.attempts)
		appendAll(
			out,
			attemptSection(
				a,
				report.findings.filter((f) => f.attemptId === a.id),
				zone,
			),
		);

	// A finding whose attempt id matches no attempt is still shown, here.
	const attemptIds = new Set(report.attempts.map((a) => a.id));
	const loose = report.findings.filter((f) => f.attemptId === null || !attemptIds.has(f.attemptId));
	out.push(`## ${report.attempts.length > 0 ? 'Findings not tied to an attempt' : 'Findings'}`, '');
	if (loose.length === 0) out.push('None.', '');
	for (const f of loose) appendAll(out, findingSection(f, '###'));

	appendAll(out, writersSection(report));
	appendAll(out, inputsSection(report.inputs));
	return out.join('\n').replace(/(?<!\n)\n+$/, '\n');
}

/** One attempt: facts, consistency verdict, window checks, timeline, its findings. */
function attemptSection(a: Attempt, findings: readonly Finding[], zone: TimeZone): string[] {
	const codes = attemptCodes(a);
	const out = [`## Attempt ${mdText(a.id)}: ${mdText(a.vm ?? 'VM unknown')} — ${mdText(a.result)}`, ''];
	const facts: [string, string | null][] = [
		['Snapshot', a.snapshotName],
		['Operation', [a.opId && `opID ${a.opId}`, a.task && `task ${a.task}`].filter(Boolean).join(', ') || null],
		['Start', attemptStart(a, zone)],
		['Requester / failed at', attemptPoint(a)],
		['End', a.end === null ? null : formatTime(a.end, zone)],
		['Quiesced', quiescedLabel(a.quiesced)],
		['Crash-consistent retry of', a.fallbackOf],
		['Error codes', codes === '—' ? null : codes],
		['Fault', a.fault],
		['Writers', a.writers.length > 0 ? a.writers.join(', ') : null],
		['Guest', [a.guestOperation, a.guestMessage].filter(Boolean).join(': ') || null],
		['Quiesce states', a.quiesceStates.length > 0 ? a.quiesceStates.join(' → ') : null],
		['Host quiesce window', a.quiesceMs === null ? null : formatDuration(a.quiesceMs)],
		['Writers frozen', a.freezeMs === null ? null : formatDuration(a.freezeMs)],
		['VM stun', a.stunUs === null ? null : formatDuration(a.stunUs / 1000)],
	];
	for (const [label, value] of facts) if (value !== null) out.push(`- **${label}:** ${mdText(value)}`);
	out.push('');

	out.push(`### Consistency: ${mdText(consistencyLabel(a.consistency))}`, '');
	out.push(...(a.consistencyEvidence.length > 0 ? a.consistencyEvidence.map((e) => `- ${mdProse(e)}`) : ['No evidence recorded.']), '');

	if (a.windows.length > 0) {
		out.push('### Window checks', '');
		out.push(
			...mdTable(
				['Check', 'Measured', 'Limit', 'Status'],
				a.windows.map((w) => [mdText(windowLabel(w.name)), formatDuration(w.measuredMs), formatDuration(w.limitMs), w.exceeded ? '**exceeded**' : 'within']),
			),
			'',
		);
	}

	out.push(`### Timeline (${a.events.length} event(s))`, '');
	if (a.events.length === 0) out.push('No event recorded.', '');
	else {
		const slice = sliceEvents(a.events, EVENTS_FIRST, EVENTS_LAST);
		const row = (e: Attempt['events'][number]): string[] => [
			formatTime(e.time, zone),
			mdCode(`${e.source}:${e.line}`),
			mdText(e.kind),
			mdText(joinLabel(e.join, (t) => formatTime(t, zone))),
			`${mdCode(e.text)}${repeatMark(e) && ` ${repeatMark(e)}, the last at ${formatTime(e.lastTime ?? null, zone)} (line ${e.lastLine})`}`,
		];
		const gap = slice.omitted > 0 ? [['…', '', '', '', `*${slice.omitted} more events*`]] : [];
		out.push(...mdTable(['Time', 'Source', 'Kind', 'Joined by', 'Text'], [...slice.head.map(row), ...gap, ...slice.tail.map(row)]), '');
	}

	out.push(`### Findings of ${mdText(a.id)}`, '');
	if (findings.length === 0) out.push('None.', '');
	for (const f of findings) appendAll(out, findingSection(f, '####'));
	return out;
}

/** One finding as the report's Markdown shows it, for a ticket of its own (Copy Finding). */
export function renderFindingMarkdown(f: Finding): string {
	return findingSection(f, '###').join('\n');
}

/** One finding under a heading of the given level: message, numbered fix, KB links, evidence. */
function findingSection(f: Finding, heading: string): string[] {
	const out = [`${heading} ${SEVERITY_WORD[f.severity]} ${mdText(f.code)}: ${mdText(f.title)}`, '', mdProse(f.message), ''];
	// Fix texts come numbered (`1. …`) or as one sentence; renumber so both read as a list.
	const steps = f.fix
		.split('\n')
		.map((s) => s.replace(/^\s*\d+[.)]\s+/, '').trim())
		.filter((s) => s !== '');
	if (steps.length > 0) {
		out.push('**Fix:**', '');
		appendAll(
			out,
			steps.map((s, i) => `${i + 1}. ${mdProse(s)}`),
		);
		out.push('');
	}
	if (f.kb.length > 0) out.push('**See:**', '', ...f.kb.map((k) => `- ${mdLink(k.id, k.url)}: ${mdText(k.title)}`), '');
	if (f.evidence.length > 0) {
		appendAll(
			out,
			mdTable(
				['Evidence', 'Line as logged'],
				f.evidence.map((e) => [mdCode(`${e.path}:${e.line}`), mdCode(e.text)]),
			),
		);
		out.push('');
	}
	return out;
}

/** The writer listings and every writer, failed ones first. */
function writersSection(report: Report): string[] {
	const out = ['## VSS writers', ''];
	if (report.writerListings.length === 0) return [...out, 'No `vssadmin list writers` output found.', ''];
	for (const l of report.writerListings) {
		const error = l.status === 'error' && l.errorText ? `: ${mdText(l.errorText)}` : '';
		out.push(`- ${mdCode(listingLabel(l))}: ${mdText(l.status)}, ${l.count} writer(s)${error}`);
	}
	out.push('');
	if (report.writers.length > 0) {
		appendAll(
			out,
			mdTable(
				['Writer', 'State', 'As printed', 'Last error', 'Source'],
				failedWritersFirst(report.writers).map((w) => [
					`${w.failed ? '**✗** ' : ''}${mdText(w.name)}`,
					mdText(writerStateLabel(w)),
					mdText(w.stateText ?? '—'),
					w.hasLastError ? mdText(`${w.lastError ?? ''}${w.lastErrorHresult ? ` (${w.lastErrorHresult})` : ''}`) : '—',
					mdCode(`${w.source.path}:${w.source.line}`),
				]),
			),
		);
		out.push('');
	}
	return out;
}

/** Every file looked at, with what was understood of it. */
function inputsSection(inputs: readonly InputFile[]): string[] {
	return [
		'## Inputs',
		'',
		...mdTable(
			['File', 'Format', 'Encoding', 'Lines', 'Unparsed', 'Clock', 'Problems'],
			inputs.map((i) => [
				mdCode(i.path),
				mdText(i.format),
				mdText(`${i.encoding}, ${i.eol}`),
				i.records === undefined ? String(i.lines) : mdText(eventRecordsLabel(i)),
				String(i.unparsedLines),
				i.clock ? `UTC${formatOffset(i.clock.utcOffsetMinutes)} (${[i.clock.basis, confidenceLabel(i.clock)].filter(Boolean).join(', ')})` : '—',
				i.problems.length > 0 ? mdText(i.problems.join(' ')) : '—',
			]),
		),
		'',
	];
}
