import * as vscode from 'vscode';
import { formatDuration, formatTime, type Attempt, type AttemptEvent, type AttemptPhase, type Finding, type InputFile, type Report, type TimeZone, type Writer } from '../core/host';
import { displayZone, shortTime } from '../util/displayZone';
import type { ReportStore } from '../util/reportStore';
import { secs } from '../util/timing';
import { attemptRowId, type AttemptHead } from '../workers/firstReport';
import { clockLabel, consistencyLabel, failurePointLabel, joinLabel, phaseLabel, stateLabel } from './labels';

/** Tree elements: the report's own objects, wrapped only to tell the kinds apart. */
export type AttemptNode =
	/** A whole attempt, or only its row while the analysis that found it still runs (firstRows). */
	| { kind: 'attempt'; attempt: Attempt | AttemptHead }
	/** The attempts of one VM, when the tree groups them (groupsOf). */
	| { kind: 'vm'; name: string; attempts: AttemptRow[] }
	/** What a row of a running analysis holds until its report: its findings and events are not known yet. */
	| { kind: 'pending'; attempt: AttemptHead }
	| { kind: 'event'; attempt: Attempt; event: AttemptEvent; index: number }
	| { kind: 'phase'; attempt: Attempt; phase: AttemptPhase; index: number }
	| { kind: 'finding'; attempt: Attempt; finding: Finding }
	| { kind: 'writer'; attempt: Attempt; writer: Writer }
	/** The files that could not be read (fully): nothing is dropped silently. */
	| { kind: 'problems'; inputs: InputFile[] }
	| { kind: 'input'; input: InputFile; text: string; index: number };

/** An attempt's row. */
type AttemptRow = Extract<AttemptNode, { kind: 'attempt' }>;

/** How the attempts tree groups its rows (`quiesceLens.groupAttemptsByVm`). */
type Grouping = 'auto' | 'always' | 'never';

/**
 * Attempts from which `auto` groups them by VM: a few hundred rows read well as one list, 10,000 do not (and
 * the workbench takes seconds to lay them out).
 */
export const GROUP_FROM_ATTEMPTS = 200;

/** The name a row gives an attempt's VM: an in-guest try names it by its requester; else an unknown VM. */
function vmName(a: Attempt | AttemptHead): string {
	// A host snapshot's requester is always VMware Tools, which names no VM: it stays an unknown VM.
	return a.vm ?? (a.kind !== 'host-snapshot' ? a.requester : null) ?? vscode.l10n.t('unknown VM');
}

/**
 * The rows under one node per VM, when `grouping` asks for it (`auto`: GROUP_FROM_ATTEMPTS or more rows of
 * more than one VM): VMs with a failed attempt first, then the rest, each in the order of their first row.
 */
function groupsOf(rows: AttemptRow[], grouping: Grouping): AttemptNode[] {
	if (grouping === 'never' || (grouping === 'auto' && rows.length < GROUP_FROM_ATTEMPTS)) return rows;
	const byVm = new Map<string, AttemptRow[]>();
	for (const row of rows) {
		const name = vmName(row.attempt);
		const list = byVm.get(name);
		if (list) list.push(row);
		else byVm.set(name, [row]);
	}
	if (grouping === 'auto' && byVm.size < 2) return rows;
	const groups = [...byVm].map(([name, attempts]): AttemptNode => ({ kind: 'vm', name, attempts }));
	const failing = (g: AttemptNode) => g.kind === 'vm' && g.attempts.some((r) => r.attempt.result === 'failed');
	return [...groups.filter(failing), ...groups.filter((g) => !failing(g))];
}

/** When a phase starts or an event happens (ms); untimed events sort last. */
const timeOf = (n: AttemptNode): number => (n.kind === 'phase' ? Date.parse(n.phase.start) : n.kind === 'event' && n.event.time ? Date.parse(n.event.time) : Infinity);

/** Files with a problem, or with lines no reader understood. */
const troubled = (report: Report) => report.inputs.filter((i) => i.problems.length > 0 || i.unparsedLines > 0);

/** Failed writers that took part in this attempt: named by its records or its findings. */
function writersOf(report: Report, a: Attempt): Writer[] {
	const named = new Set([...a.writers, ...report.findings.filter((f) => f.attemptId === a.id).flatMap((f) => f.writers)]);
	return report.writers.filter((w) => w.failed && named.has(w.name));
}

/**
 * The Quiesce Attempts view: one node per attempt (VM, start, result icon, consistency), with its
 * findings, the failed writers involved and its events in time order as children.
 */
export class AttemptsTreeProvider implements vscode.TreeDataProvider<AttemptNode> {
	private readonly changed = new vscode.EventEmitter<AttemptNode[] | void>();
	readonly onDidChangeTreeData = this.changed.event;

	private readonly subscriptions: vscode.Disposable[];
	/**
	 * The root rows VS Code was given. When a report's rows are the first rows it showed, they are kept: VS Code
	 * then asks again only for the rows it had expanded, instead of for 10,000 rows it already shows.
	 */
	private shown: AttemptNode[] | undefined;
	/** The attempts' rows among (or under) the root rows, in the report's order; the VM node over each when grouped. */
	private rows: AttemptRow[] = [];
	private readonly groupOf = new Map<AttemptNode, AttemptNode>();
	/** First rows VS Code expanded to their "follows" placeholder: asked again when the report comes. */
	private readonly waiting = new Set<AttemptNode>();
	/** The report's attempts by row id, when first rows are kept under it. */
	private byRow: Map<string, Attempt> | undefined;
	/**
	 * When the rows changed (until VS Code asks for them), when it asked, and the last root row (it asks for
	 * the rows' items in order): to log how soon the rows were asked for and how long making them took.
	 */
	private changedAt: number | null = null;
	private askedAt = 0;
	private lastRoot: AttemptNode | undefined;

	constructor(
		private readonly store: ReportStore,
		private readonly log?: vscode.LogOutputChannel,
	) {
		this.subscriptions = [
			store.onDidChange(() => this.reportChanged()),
			store.onDidChangeFirstRows(() => this.refresh()),
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (e.affectsConfiguration('quiesceLens.displayTimeZone') || e.affectsConfiguration('quiesceLens.groupAttemptsByVm')) this.refresh();
			}),
		];
	}

	getChildren(element?: AttemptNode): AttemptNode[] {
		if (!element) {
			this.shown ??= this.roots();
			return this.shown;
		}
		const report = this.store.analysis?.report;
		if (element.kind === 'vm') return element.attempts;
		if (element.kind === 'problems') {
			return element.inputs
				.flatMap((input) => [
					...input.problems.map((text) => ({ kind: 'input' as const, input, text })),
					...(input.unparsedLines > 0 ? [{ kind: 'input' as const, input, text: vscode.l10n.t('{0} of {1} lines not understood by any reader', input.unparsedLines, input.lines) }] : []),
				])
				.map((n, index) => ({ ...n, index }));
		}
		if (element.kind !== 'attempt') return [];
		const a = isHead(element.attempt) ? this.byRow?.get(element.attempt.rowId) : element.attempt;
		if (!a || !report) {
			if (!isHead(element.attempt)) return [];
			this.waiting.add(element);
			return [{ kind: 'pending', attempt: element.attempt }];
		}
		return [
			...report.findings.filter((f) => f.attemptId === a.id).map((finding): AttemptNode => ({ kind: 'finding', attempt: a, finding })),
			...writersOf(report, a).map((writer): AttemptNode => ({ kind: 'writer', attempt: a, writer })),
			// Phases and events in one time order; a phase comes before the events that happen inside it.
			...[...a.phases.map((phase, index): AttemptNode => ({ kind: 'phase', attempt: a, phase, index })), ...a.events.map((event, index): AttemptNode => ({ kind: 'event', attempt: a, event, index }))].sort(
				(x, y) => timeOf(x) - timeOf(y) || Number(y.kind === 'phase') - Number(x.kind === 'phase'),
			),
		];
	}

	/** The root rows: the first rows of a running analysis, else the report's attempts and its unread files. */
	private roots(): AttemptNode[] {
		const rows = this.store.firstRows;
		const report = this.store.analysis?.report;
		this.rows = rows ? rows.map((attempt) => ({ kind: 'attempt', attempt })) : (report?.attempts.map((attempt) => ({ kind: 'attempt', attempt })) ?? []);
		// A copy: the unread files' node goes after the rows, never among them.
		const nodes = [...groupsOf(this.rows, grouping())];
		this.shownZone = this.zone();
		this.groupOf.clear();
		for (const n of nodes) if (n.kind === 'vm') for (const row of n.attempts) this.groupOf.set(row, n);
		const inputs = !rows && report ? troubled(report) : [];
		if (inputs.length > 0) nodes.push({ kind: 'problems', inputs });
		// Noted when VS Code asked for them (it then asks for their items in order).
		if (this.log && this.changedAt !== null) {
			this.askedAt = performance.now();
			this.log.info(`attempts tree: ${nodes.length} rows (${rows ? 'first rows' : 'report'}) asked for ${secs(this.askedAt - this.changedAt)} after they changed`);
			this.changedAt = null;
			this.lastRoot = nodes.at(-1);
		}
		return nodes;
	}

	/**
	 * A report came (or went). When it has the very rows shown first (same attempts, same row faces, same time
	 * zone, no unread files), they stay and only the expanded ones are asked again; otherwise the tree is new.
	 */
	private reportChanged(): void {
		const report = this.store.analysis?.report;
		const heads = this.shown && this.rows.map((n) => (isHead(n.attempt) ? n.attempt : undefined));
		const zone = this.shownZone;
		this.cachedZone = undefined;
		if (!report || !heads || !zone || heads.length !== report.attempts.length || troubled(report).length > 0 || !sameZone(zone, this.zone())) return this.refresh();
		for (let i = 0; i < heads.length; i++) {
			const head = heads[i];
			if (!head || head.rowId !== attemptRowId(report.attempts[i]) || rowFace(head) !== rowFace(report.attempts[i])) return this.refresh();
		}
		this.byRow = new Map(report.attempts.map((a) => [attemptRowId(a), a]));
		const waiting = [...this.waiting];
		this.waiting.clear();
		this.log?.info(`attempts tree: the report keeps the ${heads.length} first rows; ${waiting.length} expanded asked again`);
		if (waiting.length > 0) this.changed.fire(waiting);
	}

	getParent(element: AttemptNode): AttemptNode | undefined {
		switch (element.kind) {
			case 'attempt':
				return this.groupOf.get(element);
			case 'vm':
			case 'problems':
				return undefined;
			case 'input': {
				const report = this.store.analysis?.report;
				return report ? { kind: 'problems', inputs: troubled(report) } : undefined;
			}
			case 'pending':
				return { kind: 'attempt', attempt: element.attempt };
			default:
				return { kind: 'attempt', attempt: element.attempt };
		}
	}

	getTreeItem(element: AttemptNode): vscode.TreeItem {
		if (element === this.lastRoot) {
			this.lastRoot = undefined;
			this.log?.info(`attempts tree: rows made in ${secs(performance.now() - this.askedAt)}`);
		}
		switch (element.kind) {
			case 'attempt':
				return attemptItem(element.attempt, this.zone());
			case 'vm':
				return vmItem(element.name, element.attempts);
			case 'pending':
				return pendingItem(element.attempt);
			case 'finding':
				return findingItem(element.attempt, element.finding);
			case 'writer':
				return writerItem(element.attempt, element.writer);
			case 'event':
				return eventItem(element.attempt, element.event, element.index, this.zone());
			case 'phase':
				return phaseItem(element.attempt, element.phase, element.index);
			case 'problems':
				return problemsItem(element.inputs);
			case 'input':
				return inputItem(element.input, element.text, element.index);
		}
	}

	/** An attempt's tooltip is made when it is hovered: 10,000 rows would otherwise build 10,000 of them up front. */
	resolveTreeItem(item: vscode.TreeItem, element: AttemptNode): vscode.TreeItem {
		if (element.kind === 'attempt') item.tooltip = attemptTooltip(element.attempt, this.zone());
		return item;
	}

	/** The display zone, read once per refresh rather than once per tree item. */
	private cachedZone: TimeZone | undefined;
	/** The zone the root rows were made in (their rows print times in it, whether VS Code drew them yet or not). */
	private shownZone: TimeZone | undefined;

	private zone(): TimeZone {
		this.cachedZone ??= displayZone(this.store.analysis?.report);
		return this.cachedZone;
	}

	private refresh(): void {
		this.changedAt = performance.now();
		this.shown = undefined;
		this.shownZone = undefined;
		this.rows = [];
		this.groupOf.clear();
		this.byRow = undefined;
		this.waiting.clear();
		this.cachedZone = undefined;
		this.changed.fire();
	}

	dispose(): void {
		this.subscriptions.forEach((s) => s.dispose());
		this.changed.dispose();
	}
}

/** What an attempt's row shows (attemptItem and its tooltip read these): equal faces make equal rows. */
const rowFace = (a: Attempt | AttemptHead): string =>
	JSON.stringify([a.vm, a.requester, a.kind, a.start, a.end, a.result, a.consistency, a.consistencyEvidence, a.fallbackOf, a.snapshotName, a.failedPhase, a.failedComponent, a.quiesced, a.hresult, a.hresultName, a.vmbackupStatus, a.guestMessage, a.task]);

const sameZone = (x: TimeZone, y: TimeZone): boolean => JSON.stringify(x) === JSON.stringify(y);

/** A row of a running analysis: the attempt without its events, phases and findings. */
const isHead = (a: Attempt | AttemptHead): a is AttemptHead => 'rowId' in a;

/** The attempt's row: the same item whether built from its head (first rows) or the whole attempt, so expansion and selection carry over. */
function attemptItem(a: Attempt | AttemptHead, zone: TimeZone): vscode.TreeItem {
	const item = new vscode.TreeItem(`${vmName(a)} · ${shortTime(a.start, zone)}`, vscode.TreeItemCollapsibleState.Collapsed);
	item.id = isHead(a) ? a.rowId : attemptRowId(a);
	item.description = [consistencyLabel(a.consistency, a.fallbackOf !== null), a.snapshotName, failurePointLabel(a)].filter(Boolean).join(' · ');
	item.iconPath =
		a.result === 'failed'
			? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'))
			: a.consistency === 'crash'
				? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
				: a.result === 'success'
					? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
					: new vscode.ThemeIcon('question');
	item.contextValue = `quiesceLens:attempt.${a.result}`;
	item.accessibilityInformation = { label: `${String(item.label)}, ${a.result}, ${item.description}` };
	item.command = { command: 'quiesceLens.openTimeline', title: vscode.l10n.t('Open Timeline'), arguments: [a.id] };
	return item;
}

function attemptTooltip(a: Attempt | AttemptHead, zone: TimeZone): vscode.MarkdownString {
	const md = new vscode.MarkdownString();
	md.appendMarkdown('**')
		.appendText(`${a.vm ?? '?'} — ${a.snapshotName ?? ''}`)
		.appendMarkdown('**\n\n');
	const row = (label: string, value: string | null) =>
		md
			.appendMarkdown(`${label}: `)
			.appendText(value ?? '—')
			.appendMarkdown('  \n');
	row(vscode.l10n.t('Start'), shortTime(a.start, zone));
	if (a.requester) row(vscode.l10n.t('Requester'), a.requester);
	row(vscode.l10n.t('End'), a.end === null ? null : shortTime(a.end, zone));
	row(vscode.l10n.t('Quiesced'), a.quiesced === null ? null : String(a.quiesced));
	row(vscode.l10n.t('Result'), a.result);
	row(vscode.l10n.t('Consistency'), `${consistencyLabel(a.consistency, a.fallbackOf !== null)} — ${a.consistencyEvidence.join(' ')}`);
	if (a.hresult) row('HRESULT', `${a.hresult}${a.hresultName ? ` (${a.hresultName})` : ''}`);
	if (a.vmbackupStatus !== null) row('VmBackupStatus', String(a.vmbackupStatus));
	if (a.guestMessage) row(vscode.l10n.t('Guest message'), a.guestMessage);
	if (a.task) row(vscode.l10n.t('Task'), a.task);
	return md;
}

/** The setting that groups the attempts by VM. */
const grouping = (): Grouping => vscode.workspace.getConfiguration('quiesceLens').get<Grouping>('groupAttemptsByVm', 'auto');

/** A VM's row over its attempts: how many, how many failed, the worst outcome as its icon. */
function vmItem(name: string, rows: readonly AttemptRow[]): vscode.TreeItem {
	const attempts = rows.map((r) => r.attempt);
	const failed = attempts.filter((a) => a.result === 'failed').length;
	const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
	item.id = `vm:${name}`;
	item.description = failed > 0 ? vscode.l10n.t('{0} attempts, {1} failed', attempts.length, failed) : vscode.l10n.t('{0} attempts', attempts.length);
	item.iconPath =
		failed > 0 ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')) : attempts.some((a) => a.consistency === 'crash') ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('vm');
	item.contextValue = 'quiesceLens:vm';
	item.accessibilityInformation = { label: `${name}, ${String(item.description)}` };
	return item;
}

function pendingItem(a: AttemptHead): vscode.TreeItem {
	const item = new vscode.TreeItem(vscode.l10n.t('Findings and events follow when the analysis ends…'), vscode.TreeItemCollapsibleState.None);
	item.id = `${a.rowId}:pending`;
	item.iconPath = new vscode.ThemeIcon('loading~spin');
	item.contextValue = 'quiesceLens:pending';
	return item;
}

function findingItem(a: Attempt, f: Finding): vscode.TreeItem {
	const item = new vscode.TreeItem(f.title, vscode.TreeItemCollapsibleState.None);
	item.id = `attempt:${a.id}:finding:${f.id}`;
	item.description = f.code;
	item.iconPath = new vscode.ThemeIcon(f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info', new vscode.ThemeColor(f.severity === 'error' ? 'list.errorForeground' : 'list.warningForeground'));
	item.tooltip = new vscode.MarkdownString().appendText(`${f.message}\n\n${f.fix}`);
	item.contextValue = 'quiesceLens:finding';
	const e = f.evidence[0];
	if (e) item.command = { command: 'quiesceLens.openSource', title: vscode.l10n.t('Open Source'), arguments: [e.path, e.line] };
	return item;
}

function writerItem(a: Attempt, w: Writer): vscode.TreeItem {
	const item = new vscode.TreeItem(w.name, vscode.TreeItemCollapsibleState.None);
	item.id = `attempt:${a.id}:writer:${w.source.path}:${w.source.line}`;
	item.description = stateLabel(w.stateCode);
	item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
	item.contextValue = 'quiesceLens:writer.failed';
	item.command = { command: 'quiesceLens.openSource', title: vscode.l10n.t('Open Source'), arguments: [w.source.path, w.source.line] };
	return item;
}

function eventItem(a: Attempt, e: AttemptEvent, index: number, zone: TimeZone): vscode.TreeItem {
	const item = new vscode.TreeItem(e.text.length > 120 ? `${e.text.slice(0, 117)}…` : e.text, vscode.TreeItemCollapsibleState.None);
	item.id = `attempt:${a.id}:event:${index}`;
	item.description = `${e.time ? formatTime(e.time, zone).slice(11, 23) : '—'} · ${e.source.split('/').pop()}:${e.line}`;
	const why = e.join ? `\n${vscode.l10n.t('Joined by')}: ${joinLabel(e.join, (t) => formatTime(t, zone))}` : '';
	item.tooltip = new vscode.MarkdownString().appendText(`${e.time ?? ''} ${e.kind}\n${e.source}:${e.line}${why}\n\n${e.text}`);
	item.iconPath = e.severity === 'info' ? new vscode.ThemeIcon('debug-stackframe-dot') : new vscode.ThemeIcon(e.severity, new vscode.ThemeColor(e.severity === 'error' ? 'list.errorForeground' : 'list.warningForeground'));
	item.contextValue = 'quiesceLens:event';
	item.command = { command: 'quiesceLens.openSource', title: vscode.l10n.t('Open Source'), arguments: [e.source, e.line] };
	return item;
}

function problemsItem(inputs: readonly InputFile[]): vscode.TreeItem {
	const item = new vscode.TreeItem(vscode.l10n.t('Files not fully read ({0})', inputs.length), vscode.TreeItemCollapsibleState.Collapsed);
	item.id = 'problems';
	item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
	item.tooltip = vscode.l10n.t('Files that could not be read, or hold lines no reader understood: the rest of the bundle was analysed.');
	item.contextValue = 'quiesceLens:problems';
	return item;
}

function inputItem(input: InputFile, text: string, index: number): vscode.TreeItem {
	const item = new vscode.TreeItem(input.path.split(/!\/|\//).pop() ?? input.path, vscode.TreeItemCollapsibleState.None);
	item.id = `problems:${index}:${input.path}`;
	item.description = text;
	item.tooltip = new vscode.MarkdownString().appendText(`${input.path}${input.clock ? `\n${clockLabel(input.clock)}` : ''}\n\n${text}`);
	item.iconPath = new vscode.ThemeIcon(input.problems.includes(text) ? 'error' : 'info');
	item.contextValue = 'quiesceLens:input';
	if (input.lines > 0) item.command = { command: 'quiesceLens.openSource', title: vscode.l10n.t('Open Source'), arguments: [input.path, 1] };
	return item;
}

/** A duration in the UI language (`1.2 s`, `850 ms`, `4 min 5 s`). */
const duration = (ms: number): string => formatDuration(ms, vscode.env.language);

function phaseItem(a: Attempt, p: AttemptPhase, index: number): vscode.TreeItem {
	const ms = Date.parse(p.end) - Date.parse(p.start);
	const item = new vscode.TreeItem(vscode.l10n.t('Phase {0}: {1}', phaseLabel(p.name), duration(ms)), vscode.TreeItemCollapsibleState.None);
	item.id = `attempt:${a.id}:phase:${index}`;
	item.description = p.limitMs === null ? `${p.source.split('/').pop()}:${p.line}–${p.endLine}` : p.exceeded ? vscode.l10n.t('over its {0} limit', duration(p.limitMs)) : vscode.l10n.t('within its {0} limit', duration(p.limitMs));
	item.iconPath = p.exceeded ? new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')) : new vscode.ThemeIcon('watch');
	item.tooltip = new vscode.MarkdownString().appendText(`${p.name}: ${p.start} → ${p.end}\n${p.source}:${p.line}–${p.endLine}`);
	item.contextValue = 'quiesceLens:phase';
	item.command = { command: 'quiesceLens.openSource', title: vscode.l10n.t('Open Source'), arguments: [p.source, p.line] };
	return item;
}
