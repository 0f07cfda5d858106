import { en } from './en';
import { ja } from './ja';
import { normalizeLocale, type Locale } from './locale';

export { normalizeLocale, type Locale } from './locale';

/**
 * The locale-aware message catalogue of the knowledge base: every sentence a finding's title, message and
 * fix is made of, one typed catalogue per locale. Entries are functions of typed parameters, so the
 * compiler holds `ja` to every key `en` has, with the same parameters. Codes, HRESULT names, service
 * names, commands, KB ids and raw log text are parameters or code spans, never translated.
 */

/** The English catalogue's shape (its keys and each entry's parameters), which every locale's catalogue must have. */
export type Catalogue = { readonly [K in keyof typeof en]: (...params: Parameters<(typeof en)[K]>) => string };
/** A message id (`QL102.title`). */
export type MessageKey = keyof Catalogue;

/** Every catalogue, by locale. */
export const CATALOGUES: Readonly<Record<Locale, Catalogue>> = { en, ja };

/** A lookup bound to one locale: `t('QL102.title')`, `t('QL106.message', { … })`. */
export type Translate = <K extends MessageKey>(key: K, ...params: Parameters<Catalogue[K]>) => string;

/** The message `key` of a locale, with its parameters. */
export function t<K extends MessageKey>(locale: Locale, key: K, ...params: Parameters<Catalogue[K]>): string {
	return (CATALOGUES[locale][key] as (...args: unknown[]) => string)(...params);
}

/** A lookup bound to a locale (normalised; English when none is given). */
export function translator(locale?: string | null): Translate {
	const l = normalizeLocale(locale);
	return (key, ...params) => t(l, key, ...params);
}
