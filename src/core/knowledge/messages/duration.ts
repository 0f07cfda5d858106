import { normalizeLocale } from './locale';

/**
 * The one duration formatter: findings, the text and Markdown reports, the trees and the timeline all print
 * a duration (ms) with it. Pure and free of the catalogues, so the webview bundles it too.
 */

const UNITS = {
	en: { ms: 'ms', s: 's', min: 'min' },
	ja: { ms: 'ミリ秒', s: '秒', min: '分' },
} as const;

/**
 * A duration in ms as a person reads it. One rounding rule, half away from zero, to the unit of the band the
 * rounded value falls in: under 1 s whole milliseconds (`850 ms`); under 1 min tenths of a second, a
 * trailing `.0` left out (`9.5 s`, `48.3 s`, `20 s`); under 2 min whole seconds (`61 s`); from 2 min whole
 * minutes and seconds (`2 min 6 s`, `15 min`). A negative duration gets a `-`. Units in the locale
 * (`9.5 秒`, `15 分 31 秒`; English unless it is Japanese).
 */
export function formatDuration(ms: number, locale?: string | null): string {
	const u = UNITS[normalizeLocale(locale)];
	const sign = ms < 0 ? '-' : '';
	const abs = Math.abs(ms);
	const wholeMs = Math.round(abs);
	if (wholeMs < 1000) return `${sign}${wholeMs} ${u.ms}`;
	const tenths = Math.round(abs / 100);
	// tenths / 10 of an integer prints its shortest form: 95 → `9.5`, 200 → `20`.
	if (tenths < 600) return `${sign}${tenths / 10} ${u.s}`;
	const seconds = Math.round(abs / 1000);
	if (seconds < 120) return `${sign}${seconds} ${u.s}`;
	const rest = seconds % 60;
	return `${sign}${Math.floor(seconds / 60)} ${u.min}${rest === 0 ? '' : ` ${rest} ${u.s}`}`;
}
