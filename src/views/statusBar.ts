import * as vscode from 'vscode';
import type { ReportStore } from '../util/reportStore';

/** "Quiesce Lens: 1 failed attempt" after an analysis; clicking it shows the attempts view. */
export function registerStatusBar(store: ReportStore): vscode.Disposable[] {
	const item = vscode.window.createStatusBarItem('quiesceLens.status', vscode.StatusBarAlignment.Left, 50);
	item.name = 'Quiesce Lens';
	item.command = 'quiesceLens.attempts.focus';
	const update = () => {
		const report = store.analysis?.report;
		if (!report) {
			item.hide();
			return;
		}
		const failed = report.attempts.filter((a) => a.result === 'failed' || a.fallbackOf !== null).length;
		const errors = report.findings.filter((f) => f.severity === 'error').length;
		item.text = failed > 0 ? `$(error) ${vscode.l10n.t('Quiesce Lens: {0} failed attempt(s)', failed)}` : errors > 0 ? `$(warning) ${vscode.l10n.t('Quiesce Lens: {0} error(s)', errors)}` : `$(pass) ${vscode.l10n.t('Quiesce Lens: no problem found')}`;
		item.tooltip = vscode.l10n.t('{0} attempt(s), {1} finding(s) in {2}', report.attempts.length, report.findings.length, report.root);
		item.show();
	};
	return [item, store.onDidChange(update)];
}
