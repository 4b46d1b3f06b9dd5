/**
 * Calendar arithmetic in a market's time zone.
 *
 * Rules speak of calendar dates ("18th birthday", "2 cleanings per calendar month"), but the
 * code holds instants. An instant becomes a local date only through the market's IANA zone,
 * via Intl, so a cleaning at 23:30 UTC on 31 March counts for April in Riga. Nothing here
 * reads the clock: the caller passes the instant.
 */

export interface LocalDate {
	year: number;
	month: number; // 1..12
	day: number; // 1..31
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		formatters.set(timeZone, formatter);
	}
	return formatter;
}

/** The calendar date an instant falls on in the given IANA time zone. */
export function localDate(at: Date, timeZone: string): LocalDate {
	const parts = formatterFor(timeZone).formatToParts(at);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	return { year: get('year'), month: get('month'), day: get('day') };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD`; returns null unless it names a real calendar date. */
export function parseIsoDate(text: string): LocalDate | null {
	const match = ISO_DATE.exec(text);
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	return { year, month, day };
}

export function formatIsoDate(date: LocalDate): string {
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
	return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
	return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * Completed years between a birth date and a calendar date. Comparing (month, day) pairs
 * makes a 29 February birthday fall on 1 March in non-leap years, as AGE-1 requires:
 * (2, 28) is still before (2, 29), (3, 1) is after it.
 */
export function completedYears(birth: LocalDate, on: LocalDate): number {
	const years = on.year - birth.year;
	const beforeBirthday = on.month < birth.month || (on.month === birth.month && on.day < birth.day);
	return beforeBirthday ? years - 1 : years;
}

/** The day a person born on `birth` reaches `years` of age. */
export function anniversary(birth: LocalDate, years: number): LocalDate {
	const year = birth.year + years;
	if (birth.month === 2 && birth.day === 29 && !isLeapYear(year)) return { year, month: 3, day: 1 };
	return { year, month: birth.month, day: birth.day };
}

/** `YYYY-MM` of the local calendar month an instant falls in. */
export function monthKey(at: Date, timeZone: string): string {
	const { year, month } = localDate(at, timeZone);
	return `${year}-${String(month).padStart(2, '0')}`;
}

/** First day of the month after the one `date` is in. */
export function firstOfNextMonth(date: LocalDate): LocalDate {
	return date.month === 12
		? { year: date.year + 1, month: 1, day: 1 }
		: { year: date.year, month: date.month + 1, day: 1 };
}

/**
 * The instant local midnight starts `date` in `timeZone`. Found by correcting a UTC guess with
 * the zone's offset at that guess, twice, which settles across DST changes.
 */
export function startOfLocalDay(date: LocalDate, timeZone: string): Date {
	const target = Date.UTC(date.year, date.month - 1, date.day);
	let guess = target;
	for (let i = 0; i < 2; i++) guess = target - offsetMs(new Date(guess), timeZone);
	return new Date(guess);
}

// one formatter per zone, kept: building an Intl.DateTimeFormat costs far more than using it
// (it was the largest single cost of a push of cleanings on the server: CLN-2's month range)
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetMs(at: Date, timeZone: string): number {
	let formatter = offsetFormatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		offsetFormatters.set(timeZone, formatter);
	}
	const parts = formatter.formatToParts(at);
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second')
	);
	return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** [start, end) instants of the local calendar month that `at` falls in. */
export function monthRange(at: Date, timeZone: string): { start: Date; end: Date } {
	const today = localDate(at, timeZone);
	const first = { year: today.year, month: today.month, day: 1 };
	return {
		start: startOfLocalDay(first, timeZone),
		end: startOfLocalDay(firstOfNextMonth(first), timeZone)
	};
}

/**
 * `date` plus `months` calendar months, clamped to the end of the target month: 31 January
 * + 1 month = 28 (or 29) February, 29 February 2024 + 12 months = 28 February 2025.
 */
export function addMonthsClamped(date: LocalDate, months: number): LocalDate {
	const index = date.year * 12 + (date.month - 1) + months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: LocalDate, days: number): LocalDate {
	const t = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
	return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
	const ms = Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day);
	return Math.round(ms / 86_400_000);
}

/** `at` plus a number of hours: deadlines counted in elapsed time (RSV-2), not in local dates. */
export function addHours(at: Date, hours: number): Date {
	return new Date(at.getTime() + hours * 3_600_000);
}
