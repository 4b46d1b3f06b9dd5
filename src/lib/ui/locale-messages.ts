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
 * (scripts/lazy-locales.js): `loadLocale` resolves with the first part and loads the rest right
 * after, `loadWholeLocale` resolves once every message is in. In dev and in the unit tests a
 * language is one module, and both resolve with it.
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

/** Per language: the first part's load and the whole language's, each started once. */
const first = new Map<Locale, Promise<void>>();
const whole = new Map<Locale, Promise<void>>();

/** Loads the first screens' messages of `locale` (the whole language in dev), then the rest. */
export function loadLocale(locale: Locale): Promise<void> {
	return loadParts(locale).first;
}

/** Resolves once every message of `locale` is loaded. */
export function loadWholeLocale(locale: Locale): Promise<void> {
	return loadParts(locale).whole;
}

function loadParts(locale: Locale): { first: Promise<void>; whole: Promise<void> } {
	const started = { first: first.get(locale), whole: whole.get(locale) };
	if (started.first && started.whole) return { first: started.first, whole: started.whole };
	const chunk = locale === baseLocale ? undefined : chunks[`../paraglide/messages/${locale}.js`];
	if (!chunk) return { first: Promise.resolve(), whole: Promise.resolve() };
	const part = chunk().then(({ __rest, ...messages }) => {
		// a copy: the module's namespace cannot take the rest's messages
		loaded[locale] = { ...messages };
		return __rest;
	});
	const all = part.then(async (rest) => {
		if (rest) Object.assign(loaded[locale] ?? {}, await rest());
	});
	// a failed load may be retried by the next call (the chunk is precached, but a worker update
	// can replace it between builds)
	const forget = () => {
		first.delete(locale);
		whole.delete(locale);
	};
	part.catch(forget);
	all.catch(forget);
	const parts = { first: part.then(() => undefined), whole: all };
	// each caller handles the failure of the part it awaits; the other part is not left unhandled
	parts.first.catch(() => undefined);
	first.set(locale, parts.first);
	whole.set(locale, parts.whole);
	return parts;
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
