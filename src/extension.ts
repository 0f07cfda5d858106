import * as vscode from 'vscode';
import { registerCommands, runAnalysis } from './commands/analyzeCommands';
import type { Report } from './core';
import { FindingDiagnostics } from './diagnostics/findingDiagnostics';
import { ReportStore } from './util/reportStore';
import { AttemptsTreeProvider } from './views/attemptsTree';
import { WritersTreeProvider, type WriterNode } from './views/writersTree';

/** What activate returns: used by the integration tests and by other extensions. */
export interface QuiesceLensApi {
	analyze(paths: string[]): Promise<Report | undefined>;
	readonly report: Report | undefined;
	readonly writers: WritersTreeProvider;
	readonly writersView: vscode.TreeView<WriterNode>;
	readonly attempts: AttemptsTreeProvider;
	clear(): void;
}

/** Wiring only: every feature registers itself and goes into context.subscriptions. */
export function activate(context: vscode.ExtensionContext): QuiesceLensApi {
	const store = new ReportStore();
	const writers = new WritersTreeProvider(store);
	const attempts = new AttemptsTreeProvider(store);
	const writersView = vscode.window.createTreeView('quiesceLens.writers', { treeDataProvider: writers, showCollapseAll: true });
	const attemptsView = vscode.window.createTreeView('quiesceLens.attempts', { treeDataProvider: attempts });
	const updateBadge = () => {
		const failed = store.analysis?.report.writers.filter((w) => w.failed).length ?? 0;
		writersView.badge = failed > 0 ? { value: failed, tooltip: vscode.l10n.t('{0} failed writers', failed) } : undefined;
	};
	context.subscriptions.push(
		store, writers, attempts, writersView, attemptsView,
		new FindingDiagnostics(store),
		store.onDidChange(updateBadge),
		...registerCommands(store),
	);
	return {
		analyze: (paths) => runAnalysis(store, paths),
		get report() { return store.analysis?.report; },
		writers,
		writersView,
		attempts,
		clear: () => store.clear(),
	};
}

export function deactivate(): void {
	// Everything is disposed through context.subscriptions.
}
