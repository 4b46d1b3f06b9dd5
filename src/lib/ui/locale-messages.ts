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
 *
 * In the build, a language's chunk holds only the messages of the first screens (the layout and
 * the lock: what a cold start shows) and `__rest`, which imports the others
 * (scripts/lazy-locales.js): `loadLocale` loads the first part, `loadWholeLocale` both. In dev and
 * in the unit tests a language is one module, and both load it.
 */
type Message = (inputs: Record<string, unknown>) => string;
type Messages = Record<string, Message | undefined>;
type Chunk = Messages & { __rest?: () => Promise<Messages> };

const chunks = import.meta.glob<Chunk>([
	'../paraglide/messages/*.js',
	'!../paraglide/messages/_index.js',
	// the base language (project.inlang/settings.json)
	'!../paraglide/messages/en.js'
]);

export const loaded: Partial<Record<Locale, Messages>> = {};

/** Per language: the first part's load (with the `__rest` loader it exports) and the whole's. */
const first = new Map<Locale, Promise<(() => Promise<Messages>) | undefined>>();
const whole = new Map<Locale, Promise<void>>();
/** The languages whose every message is in. */
const complete = new Set<Locale>([baseLocale]);

/** Loads the first screens' messages of `locale` (in dev and the unit tests: all of them). */
export async function loadLocale(locale: Locale): Promise<void> {
	await loadFirst(locale);
}

/** Loads every message of `locale`: its first part, then the rest. */
export function loadWholeLocale(locale: Locale): Promise<void> {
	let all = whole.get(locale);
	if (!all) {
		all = loadFirst(locale).then(async (rest) => {
			if (rest) Object.assign(loaded[locale] ?? {}, await rest());
			complete.add(locale);
		});
		// a failed load is tried again by the next call
		all.catch(() => whole.delete(locale));
		whole.set(locale, all);
	}
	return all;
}

/** Whether every message of `locale` is in. */
export function wholeLocaleLoaded(locale: Locale): boolean {
	return complete.has(locale);
}

function loadFirst(locale: Locale): Promise<(() => Promise<Messages>) | undefined> {
	let part = first.get(locale);
	if (!part) {
		const chunk = locale === baseLocale ? undefined : chunks[`../paraglide/messages/${locale}.js`];
		part = chunk
			? chunk().then(({ __rest, ...messages }) => {
					// a copy: the module's namespace cannot take the rest's messages
					loaded[locale] = { ...messages };
					if (!__rest) complete.add(locale);
					return __rest;
				})
			: Promise.resolve(undefined);
		// a failed load is tried again by the next call (the chunks are precached, but a worker
		// update can replace them between builds)
		part.catch(() => first.delete(locale));
		first.set(locale, part);
	}
	return part;
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
