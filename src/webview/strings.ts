import * as vscode from 'vscode';
import { domainWords, normalizeLocale } from '../core/host';
import { clockBasisLabel, resultLabel } from '../views/labels';
import type { TimelineStrings } from './protocol';

/** The timeline app's texts in the UI language (the app itself has no access to vscode.l10n). */
export function timelineStrings(): TimelineStrings {
	return {
		locale: normalizeLocale(vscode.env.language),
		fit: vscode.l10n.t('Fit to attempt'),
		zoomIn: vscode.l10n.t('Zoom in'),
		zoomOut: vscode.l10n.t('Zoom out'),
		zone: vscode.l10n.t('Time zone'),
		utc: vscode.l10n.t('UTC'),
		localOf: vscode.l10n.t('Local time of {0}'),
		compare: vscode.l10n.t('Compare with'),
		noCompare: vscode.l10n.t('No comparison'),
		exportSvg: vscode.l10n.t('Export SVG'),
		exportPng: vscode.l10n.t('Export PNG'),
		lanes: vscode.l10n.t('Sources'),
		result: vscode.l10n.t('Result'),
		consistency: vscode.l10n.t('Consistency'),
		failure: vscode.l10n.t('Failure'),
		findings: vscode.l10n.t('Findings'),
		noFindings: vscode.l10n.t('No findings for this attempt.'),
		fix: vscode.l10n.t('Fix'),
		writers: vscode.l10n.t('Writer states'),
		writer: vscode.l10n.t('Writer'),
		state: vscode.l10n.t('State'),
		lastError: vscode.l10n.t('Last error'),
		service: vscode.l10n.t('Service'),
		clocks: vscode.l10n.t('Clocks'),
		source: vscode.l10n.t('Source'),
		offset: vscode.l10n.t('Offset (minutes east of UTC)'),
		basis: vscode.l10n.t('Decided by'),
		offsetHint: vscode.l10n.t('Type the minutes and press Enter: the setting is saved and the bundle re-aligned.'),
		limit: vscode.l10n.t('limit {0}'),
		exceededBy: vscode.l10n.t('over the limit by {0}'),
		events: vscode.l10n.t('{0} events'),
		untimed: vscode.l10n.t('{0} events without a known time are not drawn.'),
		plotLabel: vscode.l10n.t('Timeline of the attempt. Arrow keys pan, + and - zoom, 0 fits, Tab moves between events, Enter opens the line.'),
		comparing: vscode.l10n.t('Overlay: {0}, aligned at its start'),
		joinedBy: vscode.l10n.t('Joined by'),
		confidence: vscode.l10n.t('Confidence'),
		unaligned: vscode.l10n.t('unaligned (local time)'),
		unalignedNote: vscode.l10n.t('No pair with another source places this file on the UTC axis: its events are at its local time moved by an assumed offset, so their order against other lanes is not proven.'),
		results: { success: resultLabel('success'), failed: resultLabel('failed'), unknown: resultLabel('unknown') },
		bases: { stamped: clockBasisLabel('stamped'), banner: clockBasisLabel('banner'), anchor: clockBasisLabel('anchor'), setting: clockBasisLabel('setting'), assumed: clockBasisLabel('assumed') },
		// Consistencies, phases, window names and writer states: the core catalogue's words, as on every surface.
		...domainWords(vscode.env.language),
	};
}
