import * as vscode from 'vscode';

/** Localized short meaning of a VSS writer state number (the core's English phrase is the fallback). */
export function stateLabel(code: number | null): string {
	switch (code) {
		case null: return vscode.l10n.t('state not read (listing truncated)');
		case 0: return vscode.l10n.t('unknown state');
		case 1: return vscode.l10n.t('stable');
		case 2: return vscode.l10n.t('waiting for freeze');
		case 3: return vscode.l10n.t('frozen, waiting for thaw');
		case 4: return vscode.l10n.t('waiting for post-snapshot');
		case 5: return vscode.l10n.t('waiting for backup complete');
		case 6: return vscode.l10n.t('failed at identify');
		case 7: return vscode.l10n.t('failed at prepare backup');
		case 8: return vscode.l10n.t('failed at prepare snapshot');
		case 9: return vscode.l10n.t('failed at freeze');
		case 10: return vscode.l10n.t('failed at thaw');
		case 11: return vscode.l10n.t('failed at post-snapshot');
		case 12: return vscode.l10n.t('failed at backup complete');
		case 13: return vscode.l10n.t('failed at pre-restore');
		case 14: return vscode.l10n.t('failed at post-restore');
		case 15: return vscode.l10n.t('failed at backup shutdown');
		default: return vscode.l10n.t('undefined state [{0}]', code);
	}
}
