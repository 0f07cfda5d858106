import * as vscode from 'vscode';
import { registerCommands, runAnalysis } from './commands/analyzeCommands';
import { startAutoAnalysis } from './commands/autoAnalysis';
import { AttemptCodeLens } from './codelens/attemptCodeLens';
import { registerClockCommands } from './commands/clockCommands';
import { FindingCodeActions, registerFindingCommands } from './commands/findingCommands';
import { registerPasteCommands } from './commands/pasteCommands';
import { registerTimelineCommands } from './commands/timelineCommands';
import type { Report } from './core/host';
import { FindingDiagnostics } from './diagnostics/findingDiagnostics';
import { registerKnowledgeHover } from './hovers/knowledgeHover';
import { ReportStore } from './util/reportStore';
import { AttemptsTreeProvider, type AttemptNode } from './views/attemptsTree';
import { registerStatusBar } from './views/statusBar';
import { WritersTreeProvider, type WriterNode } from './views/writersTree';
import { TimelinePanels } from './webview/timelinePanel';

/** What activate returns: used by the integration tests and by other extensions. */
export interface QuiesceLensApi {
	analyze(paths: string[]): Promise<Report | undefined>;
	/** The background analysis started on activation (undefined when the workspace is no bundle or it is off). */
	readonly startup: Promise<Report | undefined>;
	readonly report: Report | undefined;
	readonly writers: WritersTreeProvider;
	readonly writersView: vscode.TreeView<WriterNode>;
	readonly attempts: AttemptsTreeProvider;
	readonly attemptsView: vscode.TreeView<AttemptNode>;
	readonly timelines: TimelinePanels;
	readonly codeLens: AttemptCodeLens;
	clear(): void;
}

/** Wiring only: every feature registers itself and goes into context.subscriptions. */
export function activate(context: vscode.ExtensionContext): QuiesceLensApi {
	const store = new ReportStore();
	// Where each analysis's time went (the thread, the hand-off, the views), for whoever asks why it was slow.
	const log = vscode.window.createOutputChannel('Quiesce Lens', { log: true });
	const writers = new WritersTreeProvider(store);
	const attempts = new AttemptsTreeProvider(store, log);
	const writersView = vscode.window.createTreeView('quiesceLens.writers', { treeDataProvider: writers, showCollapseAll: true });
	const attemptsView = vscode.window.createTreeView('quiesceLens.attempts', { treeDataProvider: attempts, showCollapseAll: true });
	const updateBadges = () => {
		const report = store.analysis?.report;
		const failedWriters = report?.writers.filter((w) => w.failed).length ?? 0;
		writersView.badge = failedWriters > 0 ? { value: failedWriters, tooltip: vscode.l10n.t('{0} failed writers', failedWriters) } : undefined;
		const failedAttempts = report?.attempts.filter((a) => a.result === 'failed' || a.fallbackOf !== null).length ?? 0;
		attemptsView.badge = failedAttempts > 0 ? { value: failedAttempts, tooltip: vscode.l10n.t('{0} failed or fallen-back attempts', failedAttempts) } : undefined;
	};
	// Rows shown before their analysis ends say so, until its report (or its end without one) replaces them.
	const labelFirstRows = () => {
		const rows = store.firstRows;
		attemptsView.message = rows ? vscode.l10n.t('Analysing… {0} attempts found; their findings, events and Problems entries follow.', rows.length) : undefined;
	};
	const auto = startAutoAnalysis(store);
	const timelines = new TimelinePanels(store, context.extensionUri);
	const codeLens = new AttemptCodeLens(store);
	context.subscriptions.push(
		log,
		...auto.disposables,
		store,
		writers,
		attempts,
		writersView,
		attemptsView,
		new FindingDiagnostics(store),
		registerKnowledgeHover(),
		store.onDidChange(updateBadges),
		store.onDidChange(labelFirstRows),
		store.onDidChangeFirstRows(labelFirstRows),
		...registerCommands(store, log),
		...registerPasteCommands(store),
		...registerFindingCommands(store),
		...registerClockCommands(store),
		timelines,
		codeLens,
		...registerTimelineCommands(store, timelines),
		vscode.languages.registerCodeLensProvider([{ scheme: 'file' }, { scheme: 'untitled' }], codeLens),
		...registerStatusBar(store),
		vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new FindingCodeActions(store), { providedCodeActionKinds: FindingCodeActions.kinds }),
	);
	return {
		analyze: (paths) => runAnalysis(store, paths),
		startup: auto.startup,
		get report() {
			return store.analysis?.report;
		},
		writers,
		writersView,
		attempts,
		attemptsView,
		timelines,
		codeLens,
		clear: () => store.clear(),
	};
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
