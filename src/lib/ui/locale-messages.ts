import {
	baseLocale,
	experimentalStaticLocale,
	getLocale,
	type Locale
} from '$lib/paraglide/runtime';

/**
 * The messages of each language other than the base one, loaded when a language is first shown
 * (scripts/lazy-locales.js routes Paraglide's per-language lookups here in the browser build).
 * Each `messages/{locale}.js` of the Paraglide output is a chunk of its own, precached by the
 * service worker, so a language loads offline too. The base language never loads this way: in
 * the browser build each of its messages is a module of its own, in the chunk of the screens
 * that show it.
 */
type Message = (inputs: Record<string, unknown>) => string;
type Messages = Record<string, Message | undefined>;

const chunks = import.meta.glob<Messages>([
	'../paraglide/messages/*.js',
	'!../paraglide/messages/_index.js',
	// the base language (project.inlang/settings.json)
	'!../paraglide/messages/en.js'
]);

export const loaded: Partial<Record<Locale, Messages>> = {};

export async function loadLocale(locale: Locale): Promise<void> {
	if (locale === baseLocale || loaded[locale]) return;
	const chunk = chunks[`../paraglide/messages/${locale}.js`];
	if (chunk) loaded[locale] = await chunk();
}

/**
 * A message of the browser build (scripts/lazy-locales.js): the loaded language's text for `id`,
 * else `base`, the base language's — as Paraglide's own function picks one per call.
 */
export function localised(id: string, base: Message) {
	return (inputs: Record<string, unknown> = {}, options: { locale?: Locale } = {}): string => {
		const locale = experimentalStaticLocale ?? options.locale ?? getLocale();
		return (loaded[locale]?.[id] ?? base)(inputs);
	};
}
