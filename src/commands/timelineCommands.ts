import * as vscode from 'vscode';
import type { ReportStore } from '../util/reportStore';
import { displayZone, shortTime } from '../util/displayZone';
import type { TimelinePanels } from '../webview/timelinePanel';

/**
 * Open Timeline: from the attempts tree (a node), a CodeLens or a code action (an attempt id), or the
 * palette (a pick of the attempts, failed first).
 */
export function registerTimelineCommands(store: ReportStore, panels: TimelinePanels): vscode.Disposable[] {
	return [
		vscode.commands.registerCommand('quiesceLens.openTimeline', async (arg?: unknown) => {
			// A row of a running analysis opens its attempt once that analysis's report is in.
			const attempts = (await store.settled())?.report.attempts ?? [];
			if (attempts.length === 0) {
				void vscode.window.showInformationMessage(vscode.l10n.t('There is no quiesce attempt to show: analyse a bundle with host logs first.'));
				return undefined;
			}
			let id = typeof arg === 'string' ? arg : isAttemptNode(arg) ? arg.attempt.id : undefined;
			if (id === undefined) {
				const zone = displayZone(store.analysis?.report);
				const ordered = [...attempts].sort((a, b) => Number(b.result === 'failed') - Number(a.result === 'failed'));
				id = (
					await vscode.window.showQuickPick(
						ordered.map((a) => ({
							label: `${a.vm ?? '?'} · ${shortTime(a.start, zone)}`,
							description: [a.result, a.snapshotName, a.hresultName].filter(Boolean).join(' · '),
							id: a.id,
						})),
						{ placeHolder: vscode.l10n.t('Which attempt?') },
					)
				)?.id;
				if (id === undefined) return undefined;
			}
			const panel = panels.open(id);
			if (!panel) void vscode.window.showWarningMessage(vscode.l10n.t('This attempt is not in the current analysis.'));
			return panel;
		}),
	];
}

function isAttemptNode(v: unknown): v is { kind: 'attempt'; attempt: { id: string } } {
	return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'attempt' && typeof (v as { attempt?: { id?: unknown } }).attempt?.id === 'string';
}
