import * as vscode from 'vscode';
import { translator, type Attempt, type AttemptResult, type ClockBasis, type Consistency, type PhaseName } from '../core';

/** The message catalogue in the UI language: the domain words every surface shares come from there. */
const words = () => translator(vscode.env.language);

/** The short meaning of a VSS writer state number (`failed at freeze`); its own words for a number VSS does not define. */
export function stateLabel(code: number | null): string {
	return words()('word.writerState', { code });
}

/** The consistency an attempt really gave, in words; `fallback` marks the crash-consistent retry of a failed quiesce. */
export function consistencyLabel(c: Consistency, fallback = false): string {
	return words()('word.consistency', { consistency: c, fallback });
}

export function resultLabel(r: AttemptResult): string {
	switch (r) {
		case 'success': return vscode.l10n.t('succeeded');
		case 'failed': return vscode.l10n.t('failed');
		default: return vscode.l10n.t('result unknown');
	}
}

/** Where a failed attempt failed: `freeze · writer SqlServerWriter`, or null when not known. */
export function failurePointLabel(a: Pick<Attempt, 'failedPhase' | 'failedComponent'>): string | null {
	const parts = [a.failedPhase && words()('word.vssPhase', { phase: a.failedPhase }), a.failedComponent && words()('word.component', a.failedComponent)].filter((p): p is string => typeof p === 'string');
	return parts.length > 0 ? parts.join(' · ') : null;
}

export function phaseLabel(p: PhaseName): string {
	return words()('word.phase', { phase: p });
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

/** A window check by the core's name (the name is its id). */
export function windowLabel(name: string): string {
	return words()('word.window', { name });
}
