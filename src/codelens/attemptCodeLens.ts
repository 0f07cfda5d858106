import * as vscode from 'vscode';
import type { ReportStore } from '../util/reportStore';
import { displayZone, shortTime } from '../util/displayZone';

/** The lines an attempt starts on: the VMX's snapshot start and the host's or vCenter's task. */
const START_KINDS = new Set(['snapshot-start', 'task-created', 'vcenter-task']);

/** "Open timeline" above each attempt's start line in vmware.log and the host logs (from the report, no parsing). */
export class AttemptCodeLens implements vscode.CodeLensProvider {
	private readonly changed = new vscode.EventEmitter<void>();
	readonly onDidChangeCodeLenses = this.changed.event;
	private readonly subscription: vscode.Disposable;

	constructor(private readonly store: ReportStore) {
		this.subscription = vscode.Disposable.from(
			store.onDidChange(() => this.changed.fire()),
			vscode.workspace.onDidChangeConfiguration((e) => {
				if (e.affectsConfiguration('quiesceLens.codeLens') || e.affectsConfiguration('quiesceLens.displayTimeZone')) this.changed.fire();
			}),
		);
	}

	provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
		const analysis = this.store.analysis;
		if (!analysis || !vscode.workspace.getConfiguration('quiesceLens').get<boolean>('codeLens', true)) return [];
		const rel = this.store.reportPathOf(doc.uri);
		if (rel === undefined) return [];
		const lenses: vscode.CodeLens[] = [];
		const zone = displayZone(analysis.report);
		for (const a of analysis.report.attempts) {
			const start = a.events.find((e) => e.source === rel && START_KINDS.has(e.kind));
			if (!start || start.line > doc.lineCount) continue;
			const range = doc.lineAt(start.line - 1).range;
			lenses.push(
				new vscode.CodeLens(range, {
					command: 'quiesceLens.openTimeline',
					title: `$(graph-line) ${vscode.l10n.t('Open timeline')} · ${a.vm ?? '?'} · ${shortTime(a.start, zone)} · ${a.result}`,
					tooltip: vscode.l10n.t('Show this quiesce attempt on one time axis across host and guest'),
					arguments: [a.id],
				}),
			);
		}
		return lenses;
	}

	dispose(): void {
		this.subscription.dispose();
		this.changed.dispose();
	}
}
