import type { MarketCode } from '$lib/domain';
import { defineCustomClientStrategy, isLocale, type Locale } from '$lib/paraglide/runtime';
import { loadLocale, loadWholeLocale, wholeLocaleLoaded } from './locale-messages';

/**
 * The language of the counter (Paraglide JS, strategy `custom-staff`): per staff member, the
 * market's language by default, a choice made in the header remembered on this tablet. The
 * locale is rune state, so every message rendered through Paraglide updates without a reload.
 * A language's messages load (from the precache) before it is shown: only English is part of
 * the first load (lib/ui/locale-messages.ts). A language shows once its first screens' messages
 * are in (the lock's and the layout's); the rest follows, and `revision` re-renders what had to
 * read in English meanwhile.
 */
export const LANGUAGES: readonly { locale: Locale; name: string }[] = [
	{ locale: 'en', name: 'English' },
	{ locale: 'lv', name: 'Latviešu' },
	{ locale: 'hu', name: 'Magyar' },
	{ locale: 'bg', name: 'Български' },
	{ locale: 'cs', name: 'Čeština' },
	{ locale: 'ka', name: 'ქართული' }
];

export const MARKET_LOCALE: Record<MarketCode, Locale> = {
	LV: 'lv',
	HU: 'hu',
	BG: 'bg',
	CZ: 'cs',
	GE: 'ka'
};

/** A device-wide language that wins over the market default (set by tests and support). */
export const DEVICE_LANG_KEY = 'carepoint:lang';
/** The language a staff member chose on this tablet. */
export const staffLangKey = (staffId: string) => `carepoint:lang:${staffId}`;

class I18n {
	locale = $state<Locale>('en');
	/** Bumped when the rest of the shown language has loaded: every message reads it. */
	revision = $state(0);
}
export const i18n = new I18n();

defineCustomClientStrategy('custom-staff', {
	getLocale: () => {
		// read by every message, so the rest of a language re-renders what showed in English
		void i18n.revision;
		return i18n.locale;
	},
	// Paraglide calls this once with the locale it just read from us (while a template renders):
	// writing the same value back would be a state mutation inside a render, so only changes write
	setLocale: (locale) => {
		if (isLocale(locale) && locale !== i18n.locale) void show(locale);
	}
});

function stored(key: string): Locale | undefined {
	try {
		const value = globalThis.localStorage?.getItem(key);
		return value && isLocale(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

/** The staff member's own choice, else the device setting, else the market's language. */
export function localeFor(staff: { id: string; marketCode: MarketCode } | null): Locale {
	if (!staff) return stored(DEVICE_LANG_KEY) ?? 'en';
	return (
		stored(staffLangKey(staff.id)) ?? stored(DEVICE_LANG_KEY) ?? MARKET_LOCALE[staff.marketCode]
	);
}

/**
 * The language this tablet showed last (no personal data: a language), so a start can load its
 * messages while the replica opens — the staff member's own language is known only after that.
 */
const LAST_LOCALE_KEY = 'carepoint:last-locale';

/** Starts loading the language shown last, if any; `applyStaffLocale` then finds it loaded. */
export function prefetchLastLocale(): void {
	const locale = stored(LAST_LOCALE_KEY);
	// a failed load is reported (and retried) by the `show` that needs it
	// the mark: when the language is in, for the bench's start-up profile (BENCH_VERBOSE=1)
	if (locale)
		loadLocale(locale)
			.then(() => performance.mark('carepoint:locale'))
			.catch(() => undefined);
}

/** The language asked for last: a slower load of an earlier choice must not win over it. */
let wanted: Locale = i18n.locale;

/**
 * Until the first screen is up (`localeComplete`), a language shows with its first screens'
 * messages and the rest waits: evaluating it (Georgian: 112 KB) would hold up the lock's start.
 */
let restWaits = true;

async function show(locale: Locale, { whole = false } = {}): Promise<void> {
	wanted = locale;
	// the chunks are precached; should one still fail to load, its texts stay in English
	await (whole ? loadWholeLocale(locale) : loadLocale(locale)).catch((error: unknown) =>
		console.error(error)
	);
	if (wanted !== locale) return;
	i18n.locale = locale;
	if (!restWaits) void localeComplete();
	if (typeof document !== 'undefined') document.documentElement.lang = locale;
	try {
		globalThis.localStorage?.setItem(LAST_LOCALE_KEY, locale);
	} catch {
		// private mode: the next start loads the language after the session, as before
	}
}

/**
 * Shows the staff member's language once its first screens' messages (the lock's) are in; the
 * rest follows (`localeComplete`).
 */
export function applyStaffLocale(
	staff: { id: string; marketCode: MarketCode } | null
): Promise<void> {
	return show(localeFor(staff));
}

/**
 * Loads the rest of the shown language (the layout calls it once the first screen is painted, or
 * before a first screen other than the lock); what showed in English meanwhile re-renders. From
 * then on every language shown loads whole. Resolves once it is in (a failed load: logged).
 */
export function localeComplete(): Promise<void> {
	restWaits = false;
	const locale = i18n.locale;
	if (wholeLocaleLoaded(locale)) return Promise.resolve();
	return loadWholeLocale(locale).then(
		() => {
			if (i18n.locale === locale) i18n.revision++;
		},
		(error: unknown) => console.error(error)
	);
}

/** A choice from the header's language menu: shown once loaded, remembered for this staff member. */
export function chooseLocale(staffId: string | undefined, locale: Locale): Promise<void> {
	try {
		if (staffId) globalThis.localStorage?.setItem(staffLangKey(staffId), locale);
	} catch {
		// private mode: the choice holds for this session only
	}
	// a choice shows the whole language at once: the screen it is made on is not the lock's
	return show(locale, { whole: true });
}

/**
 * Intl's formatters, one per locale and kind: building one is slow (ICU data; ~70 ms at start-up
 * with the CPU slowed 4×, profiled), and the sync bar and the offline banner format on every
 * status change.
 */
// plain caches of formatters, never reactive state
/* eslint-disable svelte/prefer-svelte-reactivity */
const formatters = new Map<
	string,
	Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat
>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
	key: string,
	make: () => T
): T {
	const id = `${i18n.locale}|${key}`;
	let formatter = formatters.get(id) as T | undefined;
	if (!formatter) {
		formatter = make();
		formatters.set(id, formatter);
	}
	return formatter;
}

/** Intl with the active locale: a time today, with the day when older. */
export function formatSyncTime(iso: string, now: Date = new Date()): string {
	const at = new Date(iso);
	const today = at.toDateString() === now.toDateString();
	return cached(
		today ? 'time' : 'day-time',
		() =>
			new Intl.DateTimeFormat(i18n.locale, {
				...(today ? {} : { day: 'numeric', month: 'short' }),
				hour: '2-digit',
				minute: '2-digit'
			})
	).format(at);
}
/* eslint-enable svelte/prefer-svelte-reactivity */

export function formatNumber(n: number): string {
	return cached('number', () => new Intl.NumberFormat(i18n.locale)).format(n);
}

/** "3 h ago", "2 days ago" in the active language (Intl.RelativeTimeFormat). */
export function formatAge(lastSyncAt: string | Date, now: Date): string {
	const at = typeof lastSyncAt === 'string' ? Date.parse(lastSyncAt) : lastSyncAt.getTime();
	const minutes = Math.max(0, Math.floor((now.getTime() - at) / 60_000));
	const rtf = cached(
		'age',
		() => new Intl.RelativeTimeFormat(i18n.locale, { numeric: 'always', style: 'short' })
	);
	if (Number.isNaN(minutes)) return '?';
	if (minutes < 60) return rtf.format(-minutes, 'minute');
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return rtf.format(-hours, 'hour');
	return rtf.format(-Math.floor(hours / 24), 'day');
}
