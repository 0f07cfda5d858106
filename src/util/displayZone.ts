import * as vscode from 'vscode';
import { formatOffset, formatTime, parseTimeZone, UTC, type Report, type TimeZone } from '../core/host';

/**
 * The zone `quiesceLens.displayTimeZone` asks for: `utc`, `local`, a fixed offset, or `source:<report path>`
 * for the clock of one analysed source (UTC when unset, not understood, or that source has no clock).
 */
export function displayZone(report: Pick<Report, 'inputs'> | undefined): TimeZone {
	const value = vscode.workspace.getConfiguration('quiesceLens').get<string>('displayTimeZone', 'utc');
	if (value.startsWith('source:')) {
		const clock = report?.inputs.find((i) => i.path === value.slice('source:'.length))?.clock;
		return clock ? { kind: 'offset', minutes: clock.utcOffsetMinutes } : UTC;
	}
	return parseTimeZone(value) ?? UTC;
}

/** `2024-05-22 19:30:02 UTC`, `… UTC+09:00` or `… (local)`: a report time for a label, to the second. */
export function shortTime(iso: string | null, zone: TimeZone): string {
	if (iso === null) return vscode.l10n.t('time unknown');
	const text = formatTime(iso, zone).slice(0, 19);
	switch (zone.kind) {
		case 'utc':
			return `${text} UTC`;
		case 'offset':
			return `${text} UTC${formatOffset(zone.minutes)}`;
		case 'local':
			return `${text} ${vscode.l10n.t('(local)')}`;
	}
}
