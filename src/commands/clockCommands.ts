import * as vscode from 'vscode';
import { formatOffset, isUtcOffset, parseOffsetInput } from '../core/host';
import type { ReportStore } from '../util/reportStore';
import { rerunAnalysis } from './analyzeCommands';

/** Set Clock Offset for a Source…: pick a timed source, type its offset, re-analyse. */
export function registerClockCommands(store: ReportStore): vscode.Disposable[] {
	return [
		vscode.commands.registerCommand('quiesceLens.setClockOffset', async (reportPath?: unknown, minutes?: unknown) => {
			const inputs = store.analysis?.report.inputs.filter((i) => i.clock !== null) ?? [];
			if (inputs.length === 0) {
				void vscode.window.showInformationMessage(vscode.l10n.t('No analysed source has a clock: analyse a bundle with logs first.'));
				return;
			}
			// Arguments come from the timeline webview too: only a timed source of this bundle, only a real zone.
			if (reportPath !== undefined && !inputs.some((i) => i.path === reportPath)) return;
			if (minutes !== undefined && (typeof minutes !== 'number' || !isUtcOffset(minutes))) return;
			const path =
				typeof reportPath === 'string'
					? reportPath
					: (
							await vscode.window.showQuickPick(
								inputs.map((i) => ({
									label: i.path,
									description: `${formatOffset(i.clock!.utcOffsetMinutes)} (${i.clock!.basis})`,
								})),
								{ placeHolder: vscode.l10n.t('Which source has the wrong clock?') },
							)
						)?.label;
			if (!path) return;
			const current = inputs.find((i) => i.path === path)?.clock?.utcOffsetMinutes ?? 0;
			const value =
				typeof minutes === 'number'
					? minutes
					: parseOffsetInput(
							(await vscode.window.showInputBox({
								prompt: vscode.l10n.t('Clock offset of {0} from UTC (e.g. +02:00, -05:00, 540)', path),
								value: formatOffset(current),
								validateInput: (v) => (parseOffsetInput(v) === null ? vscode.l10n.t('Use ±hh:mm or minutes, between -12:00 and +14:00.') : undefined),
							})) ?? '',
						);
			if (value === null || value === undefined) return;
			const config = vscode.workspace.getConfiguration('quiesceLens');
			const offsets = { ...config.get<Record<string, number>>('clockOffsets', {}), [path]: value };
			await config.update('clockOffsets', offsets, vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
			await rerunAnalysis(store);
		}),
	];
}
