/**
 * The locales the knowledge base speaks, apart from the catalogues themselves: what the webview and the
 * formatters need without pulling every message into their bundle.
 */

/** A locale the knowledge base speaks. */
export type Locale = 'en' | 'ja';

/** `ja`, `ja-JP`, `JA_jp.UTF-8` → `ja`; anything else (or nothing) → `en`. */
export function normalizeLocale(locale?: string | null): Locale {
	return /^ja/i.test((locale ?? '').trim()) ? 'ja' : 'en';
}
