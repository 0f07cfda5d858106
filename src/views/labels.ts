import * as vscode from 'vscode';
import { formatDuration, formatOffset, translator, type Attempt, type AttemptResult, type ClockBasis, type Consistency, type EventJoin, type InputClock, type PhaseName } from '../core/host';

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
		case 'success':
			return vscode.l10n.t('succeeded');
		case 'failed':
			return vscode.l10n.t('failed');
		default:
			return vscode.l10n.t('result unknown');
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
		case 'stamped':
			return vscode.l10n.t('stamped');
		case 'banner':
			return vscode.l10n.t('banner');
		case 'anchor':
			return vscode.l10n.t('anchor pairs');
		case 'setting':
			return vscode.l10n.t('setting');
		case 'assumed':
			return vscode.l10n.t('assumed');
	}
}

/** Why an event joined its attempt, in the catalogue's words; a window's bounds as `time` prints them. */
export function joinLabel(join: EventJoin, time: (iso: string) => string): string {
	const id = join.by === 'opid' ? join.opId : join.by === 'task' ? join.task : join.by === 'requester' ? String(join.line) : null;
	return words()('word.join', { by: join.by, id, from: join.by === 'window' ? time(join.from) : '', to: join.by === 'window' ? time(join.to) : '' });
}

/** A source's clock: `UTC+02:00 · anchor pairs · inferred from 3 pair(s), spread 2.5 s`. */
export function clockLabel(clock: InputClock): string {
	const sure = clock.confidence === undefined ? null : words()('word.clockConfidence', { confidence: clock.confidence, anchors: String(clock.anchors ?? 0), spread: formatDuration(clock.spreadMs ?? 0, vscode.env.language) });
	return [`UTC${formatOffset(clock.utcOffsetMinutes)}`, clockBasisLabel(clock.basis), sure].filter(Boolean).join(' · ');
}

/** A window check by the core's name (the name is its id). */
export function windowLabel(name: string): string {
	return words()('word.window', { name });
}
