import { i18n } from './i18n.svelte';

/**
 * Dates, times, money and numbers for people (issue 10): Intl with the active language, in the
 * market's time zone and currency. A counter in Tbilisi shows Tbilisi time even on a tablet
 * whose system zone is wrong, and a price in lari reads as lari in every language.
 */

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `d|${i18n.locale}|${JSON.stringify(options)}`;
	let format = cache.get(key) as Intl.DateTimeFormat | undefined;
	if (!format) {
		format = new Intl.DateTimeFormat(i18n.locale, options);
		cache.set(key, format);
	}
	return format;
}

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `n|${i18n.locale}|${JSON.stringify(options)}`;
	let format = cache.get(key) as Intl.NumberFormat | undefined;
	if (!format) {
		format = new Intl.NumberFormat(i18n.locale, options);
		cache.set(key, format);
	}
	return format;
}

type Instant = string | number | Date;
const toDate = (at: Instant) => (at instanceof Date ? at : new Date(at));

/** A moment: date and time, in the market's time zone (the tablet's own when unknown). */
export function formatDateTime(at: Instant, timeZone?: string): string {
	return dateFormat({ dateStyle: 'medium', timeStyle: 'short', timeZone }).format(toDate(at));
}

/** A short moment for lists: date and time, compact. */
export function formatShortDateTime(at: Instant, timeZone?: string): string {
	return dateFormat({ dateStyle: 'short', timeStyle: 'short', timeZone }).format(toDate(at));
}

/** A time of day with seconds (the sync log). */
export function formatTime(at: Instant, timeZone?: string, seconds = false): string {
	return dateFormat({ timeStyle: seconds ? 'medium' : 'short', timeZone }).format(toDate(at));
}

/**
 * A calendar date held as `YYYY-MM-DD` (a birthday, a purchase date, a due day): it names a day,
 * not an instant, so it is formatted at UTC noon and never shifts by a time zone.
 */
export function formatDay(isoDate: string | null | undefined): string {
	if (!isoDate) return '';
	if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
	return dateFormat({ dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(`${isoDate}T12:00:00Z`)
	);
}

/** An amount of money in the market's currency (ISO 4217: EUR, HUF, BGN, CZK, GEL). */
export function formatMoney(amount: number, currency: string): string {
	return numberFormat({ style: 'currency', currency }).format(amount);
}

/** A plain number with the language's digit grouping and decimal sign. */
export function formatDecimal(n: number, maximumFractionDigits = 0): string {
	return numberFormat({ maximumFractionDigits }).format(n);
}

/** A country's name from its ISO 3166 code, in the active language (the code when unknown). */
export function formatRegion(code: string): string {
	try {
		return new Intl.DisplayNames(i18n.locale, { type: 'region' }).of(code) ?? code;
	} catch {
		return code;
	}
}

/** "a, b and c" in the active language (Intl.ListFormat). */
export function formatList(items: readonly string[]): string {
	return new Intl.ListFormat(i18n.locale, { type: 'conjunction' }).format(items);
}
