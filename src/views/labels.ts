import * as vscode from 'vscode';
import { WINDOW_NAMES, type AttemptResult, type ClockBasis, type Consistency, type PhaseName } from '../core';

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

/** The consistency an attempt really gave, in words; `fallback` marks the crash-consistent retry of a failed quiesce. */
export function consistencyLabel(c: Consistency, fallback = false): string {
	switch (c) {
		case 'application': return vscode.l10n.t('application-consistent');
		case 'filesystem': return vscode.l10n.t('file-system-consistent');
		case 'crash': return fallback ? vscode.l10n.t('crash-consistent fallback') : vscode.l10n.t('crash-consistent');
		case 'none': return vscode.l10n.t('no restore point');
		default: return vscode.l10n.t('consistency unknown');
	}
}

export function resultLabel(r: AttemptResult): string {
	switch (r) {
		case 'success': return vscode.l10n.t('succeeded');
		case 'failed': return vscode.l10n.t('failed');
		default: return vscode.l10n.t('result unknown');
	}
}

export function phaseLabel(p: PhaseName): string {
	switch (p) {
		case 'task': return vscode.l10n.t('host task');
		case 'snapshot': return vscode.l10n.t('snapshot');
		case 'quiesce': return vscode.l10n.t('quiesce');
		case 'flush-hold': return vscode.l10n.t('flush and hold');
		case 'thaw': return vscode.l10n.t('thaw');
		case 'freeze': return vscode.l10n.t('writer freeze');
		case 'stun': return vscode.l10n.t('stun');
	}
}

export function clockBasisLabel(b: ClockBasis): string {
	switch (b) {
		case 'stamped': return vscode.l10n.t('stamped');
		case 'banner': return vscode.l10n.t('banner');
		case 'anchor': return vscode.l10n.t('anchor pairs');
		case 'setting': return vscode.l10n.t('setting');
		case 'assumed': return vscode.l10n.t('assumed');
	}
}

/** The window checks by the core's names (they are ids as much as words). */
export function windowLabel(name: string): string {
	switch (name) {
		case WINDOW_NAMES.toolsTimeout: return vscode.l10n.t('Tools quiesce timeout');
		case WINDOW_NAMES.flushHold: return vscode.l10n.t('VSS flush-and-hold');
		case WINDOW_NAMES.writerFreeze: return vscode.l10n.t('writer freeze-thaw');
		case WINDOW_NAMES.exchangeFreeze: return vscode.l10n.t('Exchange writer freeze');
		default: return name;
	}
}
