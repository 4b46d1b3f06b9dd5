import type { Locale } from '$lib/paraglide/runtime';

/**
 * The messages of each language other than the base one, loaded when a language is first shown
 * (scripts/lazy-locales.js routes Paraglide's per-language lookups here in the browser build).
 * Each `messages/{locale}.js` of the Paraglide output is a chunk of its own, precached by the
 * service worker, so a language loads offline too.
 */
type Messages = Record<string, unknown>;

const chunks = import.meta.glob<Messages>([
	'../paraglide/messages/*.js',
	'!../paraglide/messages/_index.js'
]);

export const loaded: Partial<Record<Locale, Messages>> = {};

export async function loadLocale(locale: Locale): Promise<void> {
	if (loaded[locale]) return;
	const chunk = chunks[`../paraglide/messages/${locale}.js`];
	if (chunk) loaded[locale] = await chunk();
}
