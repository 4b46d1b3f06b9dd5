import { describe, expect, it } from 'vitest';
import { MARKETS, MarketPolicy } from '../market';
import { ageReason, isAdult } from './age';

const LV = MARKETS.LV; // Europe/Riga, UTC+2 / UTC+3
const GE = MARKETS.GE; // Asia/Tbilisi, UTC+4 all year
/** Same rules as Georgia, but reckoned in UTC: shows that the zone, not UTC, decides. */
const UTC_MARKET = MarketPolicy.parse({ ...GE, timeZone: 'UTC' });
/** A zone behind UTC, for the case where UTC is already on the birthday but local time is not. */
const WEST_MARKET = MarketPolicy.parse({ ...GE, timeZone: 'America/New_York' });
const at = (iso: string) => new Date(iso);

describe('ageReason', () => {
	it('AGE-1: adult on the 18th birthday in the market time zone', () => {
		expect(ageReason('2008-05-10', LV, at('2026-05-10T12:00:00Z'))).toEqual({
			rule: 'AGE-1',
			severity: 'ok',
			key: 'age.adult',
			params: { age: 18, legalAge: 18 }
		});
	});

	it('AGE-1: minor on the day before the 18th birthday', () => {
		expect(ageReason('2008-05-10', LV, at('2026-05-09T12:00:00Z'))).toEqual({
			rule: 'AGE-1',
			severity: 'block',
			key: 'age.minor',
			params: { age: 17, legalAge: 18, adultOn: '2026-05-10' }
		});
	});

	it('AGE-1: the birthday starts at local midnight in Riga (21:00Z in summer time)', () => {
		expect(ageReason('2008-05-10', LV, at('2026-05-09T20:59:59.999Z')).key).toBe('age.minor');
		expect(ageReason('2008-05-10', LV, at('2026-05-09T21:00:00.000Z')).key).toBe('age.adult');
	});

	it('AGE-1: still the day before in UTC but already the birthday in Tbilisi (UTC+4) -> adult', () => {
		const instant = at('2026-05-09T20:30:00Z'); // 9 May in UTC, 10 May 00:30 in Tbilisi
		expect(ageReason('2008-05-10', GE, instant)).toMatchObject({
			rule: 'AGE-1',
			severity: 'ok',
			key: 'age.adult',
			params: { age: 18 }
		});
		expect(ageReason('2008-05-10', UTC_MARKET, instant)).toMatchObject({
			severity: 'block',
			key: 'age.minor',
			params: { age: 17 }
		});
	});

	it('AGE-1: the last instant before Tbilisi midnight is still a minor', () => {
		expect(ageReason('2008-05-10', GE, at('2026-05-09T19:59:59.999Z'))).toMatchObject({
			severity: 'block',
			key: 'age.minor',
			params: { age: 17, adultOn: '2026-05-10' }
		});
		expect(ageReason('2008-05-10', GE, at('2026-05-09T20:00:00.000Z')).severity).toBe('ok');
	});

	it('AGE-1: already the birthday in UTC but still the day before in the market zone -> minor', () => {
		const instant = at('2026-05-10T02:00:00Z'); // 10 May in UTC, 9 May 22:00 in New York
		expect(ageReason('2008-05-10', UTC_MARKET, instant).key).toBe('age.adult');
		expect(ageReason('2008-05-10', WEST_MARKET, instant)).toMatchObject({
			severity: 'block',
			key: 'age.minor',
			params: { age: 17, adultOn: '2026-05-10' }
		});
	});

	it('AGE-1: born 29 Feb is a minor on 28 Feb of a non-leap year', () => {
		expect(ageReason('2008-02-29', LV, at('2026-02-28T12:00:00Z'))).toEqual({
			rule: 'AGE-1',
			severity: 'block',
			key: 'age.minor',
			params: { age: 17, legalAge: 18, adultOn: '2026-03-01' }
		});
	});

	it('AGE-1: born 29 Feb is an adult on 1 Mar of a non-leap year', () => {
		expect(ageReason('2008-02-29', LV, at('2026-03-01T12:00:00Z'))).toEqual({
			rule: 'AGE-1',
			severity: 'ok',
			key: 'age.adult',
			params: { age: 18, legalAge: 18 }
		});
	});

	it('AGE-1: born 29 Feb, 1 Mar starts at local midnight in Riga (22:00Z in winter)', () => {
		expect(ageReason('2008-02-29', LV, at('2026-02-28T21:59:59Z')).key).toBe('age.minor');
		expect(ageReason('2008-02-29', LV, at('2026-02-28T22:00:00Z')).key).toBe('age.adult');
		expect(ageReason('2008-02-29', UTC_MARKET, at('2026-02-28T22:00:00Z')).key).toBe('age.minor');
	});

	it('AGE-1: born 29 Feb comes of age on 29 Feb when that year is a leap year', () => {
		// with legal age 18 this never happens (18 is not a multiple of 4): use a market with 20
		const twenty = MarketPolicy.parse({ ...LV, legalAge: 20 });
		expect(ageReason('2004-02-29', twenty, at('2024-02-28T12:00:00Z'))).toEqual({
			rule: 'AGE-1',
			severity: 'block',
			key: 'age.minor',
			params: { age: 19, legalAge: 20, adultOn: '2024-02-29' }
		});
		expect(ageReason('2004-02-29', twenty, at('2024-02-29T12:00:00Z'))).toEqual({
			rule: 'AGE-1',
			severity: 'ok',
			key: 'age.adult',
			params: { age: 20, legalAge: 20 }
		});
	});

	it.each([
		'not-a-date',
		'',
		'2008-02-30',
		'2007-02-29',
		'2008-13-01',
		'2008-5-10',
		'10.05.2008',
		'2008-05-10T00:00:00Z'
	])('AGE-1: blocks a malformed date of birth %j with age.unknownBirthDate', (dateOfBirth) => {
		expect(ageReason(dateOfBirth, LV, at('2026-05-10T12:00:00Z'))).toEqual({
			rule: 'AGE-1',
			severity: 'block',
			key: 'age.unknownBirthDate',
			params: { dateOfBirth }
		});
	});

	it('AGE-1: blocks a date of birth in the future with age.birthInFuture', () => {
		const now = at('2026-06-01T12:00:00Z');
		for (const dateOfBirth of ['2030-01-01', '2027-01-01', '2026-06-02', '2026-12-31']) {
			expect(ageReason(dateOfBirth, LV, now)).toEqual({
				rule: 'AGE-1',
				severity: 'block',
				key: 'age.birthInFuture',
				params: { dateOfBirth }
			});
		}
	});

	it('AGE-1: "future" is judged on the local date: born tomorrow in UTC is born today in Tbilisi', () => {
		const instant = at('2026-05-09T21:00:00Z'); // 9 May in UTC, 10 May 01:00 in Tbilisi
		expect(ageReason('2026-05-10', UTC_MARKET, instant).key).toBe('age.birthInFuture');
		expect(ageReason('2026-05-10', GE, instant)).toEqual({
			rule: 'AGE-1',
			severity: 'block',
			key: 'age.minor',
			params: { age: 0, legalAge: 18, adultOn: '2044-05-10' }
		});
	});

	it("AGE-1: uses the market's legal age, not a hard-coded 18", () => {
		const strict = MarketPolicy.parse({ ...LV, legalAge: 21 });
		expect(ageReason('2006-05-10', strict, at('2026-05-10T12:00:00Z'))).toEqual({
			rule: 'AGE-1',
			severity: 'block',
			key: 'age.minor',
			params: { age: 20, legalAge: 21, adultOn: '2027-05-10' }
		});
		expect(ageReason('2005-05-10', strict, at('2026-05-10T12:00:00Z'))).toMatchObject({
			severity: 'ok',
			params: { age: 21, legalAge: 21 }
		});
	});

	it('AGE-1: every seed market has legal age 18', () => {
		for (const market of Object.values(MARKETS)) expect(market.legalAge).toBe(18);
	});

	it('AGE-1: an old customer is an adult with the exact age', () => {
		expect(ageReason('1950-12-31', GE, at('2026-12-30T12:00:00Z'))).toEqual({
			rule: 'AGE-1',
			severity: 'ok',
			key: 'age.adult',
			params: { age: 75, legalAge: 18 }
		});
	});
});

describe('isAdult', () => {
	it('AGE-1: is true exactly when the reason is ok', () => {
		expect(isAdult('2008-05-10', LV, at('2026-05-10T12:00:00Z'))).toBe(true);
		expect(isAdult('2008-05-10', LV, at('2026-05-09T12:00:00Z'))).toBe(false);
		expect(isAdult('2008-05-10', GE, at('2026-05-09T20:00:00Z'))).toBe(true);
		expect(isAdult('2008-05-10', UTC_MARKET, at('2026-05-09T20:00:00Z'))).toBe(false);
	});

	it('AGE-1: is false for a malformed or future date of birth', () => {
		expect(isAdult('garbage', LV, at('2026-05-10T12:00:00Z'))).toBe(false);
		expect(isAdult('2099-01-01', LV, at('2026-05-10T12:00:00Z'))).toBe(false);
	});
});
