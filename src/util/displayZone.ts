import * as vscode from 'vscode';
import { formatOffset, formatTime, parseTimeZone, UTC, type TimeZone } from '../core';

/** The zone `quiesceLens.displayTimeZone` asks for (UTC when unset or not understood). */
export function displayZone(): TimeZone {
	return parseTimeZone(vscode.workspace.getConfiguration('quiesceLens').get<string>('displayTimeZone', 'utc')) ?? UTC;
}

/** `2024-05-22 19:30:02 UTC`, `… UTC+09:00` or `… (local)`: a report time for a label, to the second. */
export function shortTime(iso: string | null, zone = displayZone()): string {
	if (iso === null) return vscode.l10n.t('time unknown');
	const text = formatTime(iso, zone).slice(0, 19);
	switch (zone.kind) {
		case 'utc': return `${text} UTC`;
		case 'offset': return `${text} UTC${formatOffset(zone.minutes)}`;
		case 'local': return `${text} ${vscode.l10n.t('(local)')}`;
	}
}
