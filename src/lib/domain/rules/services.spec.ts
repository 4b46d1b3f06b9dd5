import { describe, expect, it } from 'vitest';
import { accountDeletionVerdict, contactChangeVerdict, marketingOptOut } from './account';
import { buyBackVerdict, type BuyBackContext } from './buyback';
import { BG, CZ, GE, HU, ILUMA, LV, at, carePlus, customer, device, of, worstOf } from './fixtures';
import { internationalSupportVerdict, type InternationalSupportContext } from './international';

function buy(over: Partial<BuyBackContext> = {}): BuyBackContext {
	return {
		market: HU,
		customer: customer(),
		units: device(ILUMA, { market: HU, purchasedOn: '2026-05-20' }),
		videosWatched: true,
		at: at('2026-06-01T10:00:00Z'),
		...over
	};
}

describe('buyBackVerdict (BUY-1)', () => {
	it.each([
		[
			'BUY-1 pass: a registered customer who watched the videos, within 14 days',
			{},
			'ok',
			'buy.inPeriod'
		],
		[
			'BUY-1 fail: the videos were not watched',
			{ videosWatched: false },
			'block',
			'buy.videosNotWatched'
		],
		[
			'BUY-1 fail: more than 14 days after purchase',
			{ units: device(ILUMA, { market: HU, purchasedOn: '2026-05-10' }) },
			'block',
			'buy.periodOver'
		],
		[
			'BUY-1 fail: the device is not registered to the customer',
			{ units: device(ILUMA, { market: HU, customerId: 'c-2', purchasedOn: '2026-05-20' }) },
			'block',
			'reg.deviceNotTheirs'
		],
		['BUY-1 fail: no buy-back in Czechia', { market: CZ }, 'block', 'buy.notOffered']
	] as const)('%s', (_t, over, severity, key) => {
		const v = buyBackVerdict(buy(over));
		expect(worstOf(v, 'BUY-1')).toBe(severity);
		expect(of(v, 'BUY-1').map((r) => r.key)).toContain(key);
		expect(v.allowed).toBe(severity === 'ok');
	});

	it('BUY-1 pass/fail: day 14 is the last day, in Budapest time', () => {
		const units = device(ILUMA, { market: HU, purchasedOn: '2026-05-18' }); // last day 1 June
		expect(buyBackVerdict(buy({ units, at: at('2026-06-01T21:59:00Z') })).allowed).toBe(true); // 23:59 CEST
		expect(buyBackVerdict(buy({ units, at: at('2026-06-01T22:00:00Z') })).allowed).toBe(false);
	});
});

function intl(over: Partial<InternationalSupportContext> = {}): InternationalSupportContext {
	return {
		home: BG,
		country: 'LV',
		customer: customer(),
		unit: device(ILUMA, { market: BG })[0]!,
		at: at('2026-06-01T10:00:00Z'),
		...over
	};
}

describe('internationalSupportVerdict (WAR-8)', () => {
	it.each([
		[
			'WAR-8 pass: a BG customer with a registered device, visiting Latvia',
			{},
			'ok',
			'war.intlRegistered'
		],
		[
			'WAR-8 pass: covered by Care Plus though not registered to the account',
			{ customer: customer({ registered: false, carePlus: carePlus('2026-01-05T09:00:00Z') }) },
			'ok',
			'war.intlCarePlus'
		],
		[
			'WAR-8 fail: Georgia is not in the BG 6.5 list',
			{ country: 'GE' },
			'block',
			'war.intlCountryNotListed'
		],
		[
			'WAR-8 fail: neither registered nor covered by Care Plus',
			{ unit: device(ILUMA, { market: BG, customerId: 'c-2' })[0]! },
			'block',
			'war.intlNotEligible'
		],
		['WAR-8 fail: at home it is a normal swap', { country: 'BG' }, 'block', 'war.intlAtHome']
	] as const)('%s', (_t, over, severity, key) => {
		const v = internationalSupportVerdict(intl(over));
		expect(worstOf(v, 'WAR-8')).toBe(severity);
		expect(of(v, 'WAR-8').map((r) => r.key)).toContain(key);
	});

	it("WAR-8 pass: the numbers given are the home market's", () => {
		expect(internationalSupportVerdict(intl()).facts).toMatchObject({
			phone: '00800 2559 2559',
			fallbackPhone: '0041 21 5478888'
		});
		const lv = internationalSupportVerdict(
			intl({ home: LV, country: 'BG', unit: device(ILUMA, { market: LV })[0]! })
		);
		expect(lv.facts).toMatchObject({ phone: '+800 2559 2559', fallbackPhone: '+41 21 547 88 88' });
		expect(lv.allowed).toBe(true);
	});
});

describe('account care (ACC-1..ACC-3)', () => {
	it('ACC-1 pass: staff may help the customer update phone and address', () => {
		for (const field of ['phone', 'address'] as const)
			expect(contactChangeVerdict({ market: CZ, field, customerPresent: true }).allowed).toBe(true);
		expect(
			contactChangeVerdict({ market: HU, field: 'email', customerPresent: true }).allowed
		).toBe(true);
	});

	it('ACC-1 fail: in Czechia the email changes through customer care; nothing without the customer', () => {
		expect(
			contactChangeVerdict({ market: CZ, field: 'email', customerPresent: true }).reasons[0]?.key
		).toBe('acc.emailViaCustomerCare');
		expect(
			contactChangeVerdict({ market: GE, field: 'phone', customerPresent: false }).allowed
		).toBe(false);
	});

	it('ACC-2 pass: leaving marketing ends IQOS CLUB membership, and says so', () => {
		const { verdict, next } = marketingOptOut({ marketingConsent: true, clubMember: true });
		expect(verdict.reasons[0]).toMatchObject({
			rule: 'ACC-2',
			severity: 'warn',
			key: 'acc.clubEnds'
		});
		expect(next).toEqual({ marketingConsent: false, clubMember: false });
	});

	it('ACC-2 fail: no club to lose — a plain opt-out', () => {
		expect(
			marketingOptOut({ marketingConsent: true, clubMember: false }).verdict.reasons[0]?.key
		).toBe('acc.marketingOff');
	});

	it('ACC-3 pass: the customer deletes their own account, knowing it is irreversible', () => {
		const v = accountDeletionVerdict({ requestedByCustomer: true, irreversibilityConfirmed: true });
		expect(v.allowed).toBe(true);
		expect(v.reasons[0]?.key).toBe('acc.deleteIrreversible');
	});

	it('ACC-3 fail: staff cannot delete an account on their own, nor without the confirmation', () => {
		expect(
			accountDeletionVerdict({ requestedByCustomer: false, irreversibilityConfirmed: true }).allowed
		).toBe(false);
		expect(
			accountDeletionVerdict({ requestedByCustomer: true, irreversibilityConfirmed: false }).allowed
		).toBe(false);
	});
});
