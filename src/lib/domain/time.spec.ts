import { describe, expect, it } from 'vitest';
import { MARKETS } from './market';
import {
	anniversary,
	compareDates,
	completedYears,
	daysInMonth,
	firstOfNextMonth,
	formatIsoDate,
	isLeapYear,
	localDate,
	monthKey,
	monthRange,
	parseIsoDate,
	startOfLocalDay,
	type LocalDate
} from './time';

const RIGA = 'Europe/Riga';
const TBILISI = 'Asia/Tbilisi';
const d = (year: number, month: number, day: number): LocalDate => ({ year, month, day });
const at = (iso: string) => new Date(iso);

describe('localDate', () => {
	it('CLN-2: 2026-03-31T21:30Z is 1 April in Riga (UTC+3, summer time) but 31 March in UTC', () => {
		expect(localDate(at('2026-03-31T21:30:00Z'), RIGA)).toEqual(d(2026, 4, 1));
		expect(localDate(at('2026-03-31T21:30:00Z'), 'UTC')).toEqual(d(2026, 3, 31));
	});

	it('AGE-1: local midnight in Tbilisi (UTC+4) is 20:00Z of the previous UTC day', () => {
		expect(localDate(at('2026-05-09T19:59:59.999Z'), TBILISI)).toEqual(d(2026, 5, 9));
		expect(localDate(at('2026-05-09T20:00:00.000Z'), TBILISI)).toEqual(d(2026, 5, 10));
		expect(localDate(at('2026-05-09T20:00:00.000Z'), 'UTC')).toEqual(d(2026, 5, 9));
	});

	it('keeps the same local date through the Riga spring-forward and fall-back hours', () => {
		// 29 March 2026, 03:00 EET -> 04:00 EEST at 01:00Z
		expect(localDate(at('2026-03-29T00:59:59Z'), RIGA)).toEqual(d(2026, 3, 29));
		expect(localDate(at('2026-03-29T01:00:00Z'), RIGA)).toEqual(d(2026, 3, 29));
		// 25 October 2026, 04:00 EEST -> 03:00 EET at 01:00Z
		expect(localDate(at('2026-10-25T00:59:59Z'), RIGA)).toEqual(d(2026, 10, 25));
		expect(localDate(at('2026-10-25T01:00:00Z'), RIGA)).toEqual(d(2026, 10, 25));
	});

	it('uses winter time (UTC+2) in Riga in January', () => {
		expect(localDate(at('2026-12-31T21:59:59Z'), RIGA)).toEqual(d(2026, 12, 31));
		expect(localDate(at('2026-12-31T22:00:00Z'), RIGA)).toEqual(d(2027, 1, 1));
	});
});

describe('parseIsoDate', () => {
	it('parses a real calendar date', () => {
		expect(parseIsoDate('2008-05-10')).toEqual(d(2008, 5, 10));
		expect(parseIsoDate('2024-02-29')).toEqual(d(2024, 2, 29));
		expect(parseIsoDate('2000-02-29')).toEqual(d(2000, 2, 29));
		expect(parseIsoDate('2026-12-31')).toEqual(d(2026, 12, 31));
	});

	it.each([
		['2026-02-29', 'no 29 Feb in a non-leap year'],
		['1900-02-29', 'no 29 Feb in a century non-leap year'],
		['2026-04-31', 'April has 30 days'],
		['2026-13-01', 'month 13'],
		['2026-00-10', 'month 0'],
		['2026-01-00', 'day 0'],
		['2026-01-32', 'day 32'],
		['2026-4-1', 'unpadded'],
		['10.05.2008', 'European format'],
		['2026/04/01', 'slashes'],
		['2026-04-01T00:00:00Z', 'an instant, not a date'],
		[' 2026-04-01', 'leading space'],
		['2026-04-01 ', 'trailing space'],
		['', 'empty'],
		['abcd-ef-gh', 'letters']
	])('rejects %s (%s)', (text) => {
		expect(parseIsoDate(text)).toBeNull();
	});
});

describe('formatIsoDate', () => {
	it('pads year, month and day', () => {
		expect(formatIsoDate(d(2027, 1, 1))).toBe('2027-01-01');
		expect(formatIsoDate(d(987, 3, 9))).toBe('0987-03-09');
		expect(formatIsoDate(d(2026, 12, 31))).toBe('2026-12-31');
	});

	it('round-trips with parseIsoDate', () => {
		for (const text of ['2008-02-29', '1999-12-31', '2026-04-01']) {
			const parsed = parseIsoDate(text);
			expect(parsed).not.toBeNull();
			expect(formatIsoDate(parsed as LocalDate)).toBe(text);
		}
	});
});

describe('isLeapYear / daysInMonth', () => {
	it('applies the Gregorian leap rules', () => {
		expect(isLeapYear(2024)).toBe(true);
		expect(isLeapYear(2026)).toBe(false);
		expect(isLeapYear(1900)).toBe(false);
		expect(isLeapYear(2000)).toBe(true);
		expect(isLeapYear(2100)).toBe(false);
	});

	it('knows the length of each month', () => {
		expect(daysInMonth(2024, 2)).toBe(29);
		expect(daysInMonth(2026, 2)).toBe(28);
		expect(daysInMonth(1900, 2)).toBe(28);
		expect(daysInMonth(2026, 1)).toBe(31);
		expect(daysInMonth(2026, 4)).toBe(30);
		expect(daysInMonth(2026, 12)).toBe(31);
		const lengths = Array.from({ length: 12 }, (_, i) => daysInMonth(2026, i + 1));
		expect(lengths).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
	});

	it('returns 0 for a month outside 1..12', () => {
		expect(daysInMonth(2026, 0)).toBe(0);
		expect(daysInMonth(2026, 13)).toBe(0);
	});
});

describe('compareDates', () => {
	it('orders by year, then month, then day', () => {
		expect(compareDates(d(2026, 5, 10), d(2026, 5, 10))).toBe(0);
		expect(compareDates(d(2026, 5, 9), d(2026, 5, 10))).toBeLessThan(0);
		expect(compareDates(d(2026, 5, 10), d(2026, 5, 9))).toBeGreaterThan(0);
		expect(compareDates(d(2026, 4, 30), d(2026, 5, 1))).toBeLessThan(0);
		expect(compareDates(d(2025, 12, 31), d(2026, 1, 1))).toBeLessThan(0);
		expect(compareDates(d(2027, 1, 1), d(2026, 12, 31))).toBeGreaterThan(0);
	});
});

describe('completedYears', () => {
	it('AGE-1: counts the year only from the birthday itself', () => {
		expect(completedYears(d(2008, 5, 10), d(2026, 5, 9))).toBe(17);
		expect(completedYears(d(2008, 5, 10), d(2026, 5, 10))).toBe(18);
		expect(completedYears(d(2008, 5, 10), d(2026, 5, 11))).toBe(18);
		expect(completedYears(d(2008, 5, 10), d(2026, 4, 30))).toBe(17);
		expect(completedYears(d(2008, 5, 10), d(2026, 6, 1))).toBe(18);
	});

	it('AGE-1: born 29 Feb turns older on 1 March in a non-leap year', () => {
		expect(completedYears(d(2008, 2, 29), d(2026, 2, 28))).toBe(17);
		expect(completedYears(d(2008, 2, 29), d(2026, 3, 1))).toBe(18);
	});

	it('AGE-1: born 29 Feb turns older on 29 Feb in a leap year (legal age 20)', () => {
		expect(completedYears(d(2004, 2, 29), d(2024, 2, 28))).toBe(19);
		expect(completedYears(d(2004, 2, 29), d(2024, 2, 29))).toBe(20);
	});

	it('is 0 on the day of birth and negative for a birth date after the date', () => {
		expect(completedYears(d(2026, 5, 10), d(2026, 5, 10))).toBe(0);
		expect(completedYears(d(2026, 5, 11), d(2026, 5, 10))).toBe(-1);
		expect(completedYears(d(2027, 1, 1), d(2026, 6, 1))).toBe(-1);
		expect(completedYears(d(2030, 8, 1), d(2026, 6, 1))).toBeLessThan(0);
	});
});

describe('anniversary', () => {
	it('AGE-1: is the same month and day, legal-age years later', () => {
		expect(anniversary(d(2008, 5, 10), 18)).toEqual(d(2026, 5, 10));
		expect(anniversary(d(2008, 12, 31), 18)).toEqual(d(2026, 12, 31));
	});

	it('AGE-1: moves 29 February to 1 March in a non-leap year only', () => {
		expect(anniversary(d(2008, 2, 29), 18)).toEqual(d(2026, 3, 1));
		expect(anniversary(d(2004, 2, 29), 20)).toEqual(d(2024, 2, 29));
		expect(anniversary(d(2008, 2, 29), 16)).toEqual(d(2024, 2, 29));
		expect(anniversary(d(2008, 2, 28), 18)).toEqual(d(2026, 2, 28));
	});
});

describe('monthKey', () => {
	it('CLN-2: names the month in the given zone, zero-padded', () => {
		expect(monthKey(at('2026-03-31T21:30:00Z'), RIGA)).toBe('2026-04');
		expect(monthKey(at('2026-03-31T21:30:00Z'), 'UTC')).toBe('2026-03');
		expect(monthKey(at('2026-12-31T22:30:00Z'), RIGA)).toBe('2027-01');
		expect(monthKey(at('2026-12-31T22:30:00Z'), 'UTC')).toBe('2026-12');
		expect(monthKey(at('2026-09-30T20:00:00Z'), TBILISI)).toBe('2026-10');
	});
});

describe('firstOfNextMonth', () => {
	it('CLN-2: rolls December over to 1 January of the next year', () => {
		expect(firstOfNextMonth(d(2026, 12, 15))).toEqual(d(2027, 1, 1));
		expect(firstOfNextMonth(d(2026, 12, 31))).toEqual(d(2027, 1, 1));
	});

	it('CLN-2: moves to day 1 of the next month within the year', () => {
		expect(firstOfNextMonth(d(2026, 1, 31))).toEqual(d(2026, 2, 1));
		expect(firstOfNextMonth(d(2026, 3, 1))).toEqual(d(2026, 4, 1));
		expect(firstOfNextMonth(d(2026, 11, 30))).toEqual(d(2026, 12, 1));
	});
});

describe('startOfLocalDay', () => {
	it('is midnight at UTC+2 in Riga on the spring-forward day (last Sunday of March)', () => {
		expect(startOfLocalDay(d(2026, 3, 28), RIGA).toISOString()).toBe('2026-03-27T22:00:00.000Z');
		expect(startOfLocalDay(d(2026, 3, 29), RIGA).toISOString()).toBe('2026-03-28T22:00:00.000Z');
		expect(startOfLocalDay(d(2026, 3, 30), RIGA).toISOString()).toBe('2026-03-29T21:00:00.000Z');
	});

	it('is midnight at UTC+3 in Riga on the fall-back day (last Sunday of October)', () => {
		expect(startOfLocalDay(d(2026, 10, 24), RIGA).toISOString()).toBe('2026-10-23T21:00:00.000Z');
		expect(startOfLocalDay(d(2026, 10, 25), RIGA).toISOString()).toBe('2026-10-24T21:00:00.000Z');
		expect(startOfLocalDay(d(2026, 10, 26), RIGA).toISOString()).toBe('2026-10-25T22:00:00.000Z');
	});

	it('handles a fixed-offset zone and UTC', () => {
		expect(startOfLocalDay(d(2026, 5, 10), TBILISI).toISOString()).toBe('2026-05-09T20:00:00.000Z');
		expect(startOfLocalDay(d(2026, 5, 10), 'UTC').toISOString()).toBe('2026-05-10T00:00:00.000Z');
	});

	it('for every day of 2026 in every market zone, starts that day and ends the one before', () => {
		const zones = Object.values(MARKETS).map((m) => m.timeZone);
		const failures: string[] = [];
		for (const zone of zones) {
			for (let month = 1; month <= 12; month++) {
				for (let day = 1; day <= daysInMonth(2026, month); day++) {
					const date = d(2026, month, day);
					const start = startOfLocalDay(date, zone);
					const before = new Date(start.getTime() - 1);
					const expectedBefore =
						day > 1
							? d(2026, month, day - 1)
							: month > 1
								? d(2026, month - 1, daysInMonth(2026, month - 1))
								: d(2025, 12, 31);
					if (compareDates(localDate(start, zone), date) !== 0)
						failures.push(`${zone} ${formatIsoDate(date)} start`);
					if (compareDates(localDate(before, zone), expectedBefore) !== 0)
						failures.push(`${zone} ${formatIsoDate(date)} before`);
				}
			}
		}
		expect(failures).toEqual([]);
	});
});

describe('monthRange', () => {
	it('CLN-2: April 2026 in Riga runs from 2026-03-31T21:00Z to 2026-04-30T21:00Z', () => {
		const range = monthRange(at('2026-04-15T12:00:00Z'), RIGA);
		expect(range.start.toISOString()).toBe('2026-03-31T21:00:00.000Z');
		expect(range.end.toISOString()).toBe('2026-04-30T21:00:00.000Z');
	});

	it('CLN-2: the 2026-03-31T21:30Z instant falls in the April range in Riga, March in UTC', () => {
		const instant = at('2026-03-31T21:30:00Z');
		const riga = monthRange(instant, RIGA);
		expect(riga.start.toISOString()).toBe('2026-03-31T21:00:00.000Z');
		const utc = monthRange(instant, 'UTC');
		expect(utc.start.toISOString()).toBe('2026-03-01T00:00:00.000Z');
		expect(utc.end.toISOString()).toBe('2026-04-01T00:00:00.000Z');
	});

	it('CLN-2: March 2026 in Riga spans the spring-forward (one hour short of 31 days)', () => {
		const range = monthRange(at('2026-03-29T12:00:00Z'), RIGA);
		expect(range.start.toISOString()).toBe('2026-02-28T22:00:00.000Z');
		expect(range.end.toISOString()).toBe('2026-03-31T21:00:00.000Z');
		expect(range.end.getTime() - range.start.getTime()).toBe((31 * 24 - 1) * 3_600_000);
	});

	it('CLN-2: October 2026 in Riga spans the fall-back (one hour over 31 days)', () => {
		const range = monthRange(at('2026-10-25T12:00:00Z'), RIGA);
		expect(range.start.toISOString()).toBe('2026-09-30T21:00:00.000Z');
		expect(range.end.toISOString()).toBe('2026-10-31T22:00:00.000Z');
		expect(range.end.getTime() - range.start.getTime()).toBe((31 * 24 + 1) * 3_600_000);
	});

	it('CLN-2: December 2026 in Riga ends at local midnight of 1 January 2027', () => {
		const range = monthRange(at('2026-12-31T21:59:59Z'), RIGA);
		expect(range.start.toISOString()).toBe('2026-11-30T22:00:00.000Z');
		expect(range.end.toISOString()).toBe('2026-12-31T22:00:00.000Z');
	});

	it('is half-open: start belongs to the month, end belongs to the next', () => {
		const { start, end } = monthRange(at('2026-04-15T12:00:00Z'), RIGA);
		expect(monthRange(start, RIGA).start.getTime()).toBe(start.getTime());
		expect(monthRange(new Date(end.getTime() - 1), RIGA).start.getTime()).toBe(start.getTime());
		expect(monthRange(end, RIGA).start.getTime()).toBe(end.getTime());
	});
});
