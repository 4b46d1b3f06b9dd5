import { describe, expect, it } from 'vitest';
import type { RuleId, Severity } from '../verdict';
import { ANSWERS_OK, GE, ID_OK, LV, NOTHING, STORE, at, customer, of, worstOf } from './fixtures';
import {
	rentalDueAt,
	rentalOverdue,
	rentalReturnVerdict,
	rentalStartVerdict,
	type RentalStartContext
} from './rental';

const CONTRACT = {
	modelId: 'iluma',
	price: 3000,
	currency: 'GEL',
	days: 7,
	returnTermsSigned: true
};

function start(over: Partial<RentalStartContext> = {}): RentalStartContext {
	return {
		market: GE,
		pos: STORE,
		customer: customer(),
		registeredDevices: 0,
		previousRentals: 0,
		staffApproves: true,
		contract: CONTRACT,
		id: ID_OK,
		answers: ANSWERS_OK,
		at: at('2026-06-01T10:00:00Z'),
		...over
	};
}

type Case = [string, Partial<RentalStartContext>, RuleId, Severity, string];
const cases: Case[] = [
	['RNT-1 pass: offered at this point of sale', {}, 'RNT-1', 'ok', 'rnt.offered'],
	[
		'RNT-1 fail: this point of sale does not offer rentals',
		{ pos: NOTHING },
		'RNT-1',
		'block',
		'rnt.posNoRental'
	],
	['RNT-1 fail: no rentals in Latvia', { market: LV }, 'RNT-1', 'block', 'rnt.notOffered'],
	[
		'RNT-2 pass: a registered customer without a registered device',
		{},
		'RNT-2',
		'ok',
		'reg.customerRegistered'
	],
	[
		'RNT-2 fail: the customer has a registered device -> supervisor exception',
		{ registeredDevices: 1 },
		'RNT-2',
		'override',
		'rnt.hasDevice'
	],
	[
		'RNT-2 fail: no account',
		{ customer: customer({ registered: false }) },
		'RNT-2',
		'block',
		'reg.customerNotRegistered'
	],
	['RNT-3 pass: the first rental', {}, 'RNT-3', 'ok', 'rnt.firstRental'],
	[
		'RNT-3 fail: a second rental needs a supervisor',
		{ previousRentals: 1 },
		'RNT-3',
		'override',
		'rnt.rentedBefore'
	],
	['RNT-4 pass: staff agree', {}, 'RNT-4', 'ok', 'rnt.staffApproves'],
	[
		'RNT-4 fail: staff refuse without giving a reason',
		{ staffApproves: false },
		'RNT-4',
		'block',
		'rnt.staffDeclines'
	],
	[
		'RNT-5 pass: a contract with model, price, length and signed return terms',
		{},
		'RNT-5',
		'ok',
		'rnt.contract'
	],
	['RNT-5 fail: no contract', { contract: null }, 'RNT-5', 'block', 'rnt.contractIncomplete'],
	[
		'RNT-5 fail: return terms not signed',
		{ contract: { ...CONTRACT, returnTermsSigned: false } },
		'RNT-5',
		'block',
		'rnt.returnTermsUnsigned'
	],
	['AGE-2 pass: a valid original ID checked in person', {}, 'AGE-2', 'ok', 'age2.idChecked'],
	[
		'AGE-2 fail: a copy of the ID is not accepted for a rental',
		{ id: { ...ID_OK, original: false } },
		'AGE-2',
		'block',
		'age2.copyNotAccepted'
	],
	[
		'AGE-2 fail: an expired ID',
		{ id: { ...ID_OK, valid: false } },
		'AGE-2',
		'block',
		'age2.idExpired'
	],
	['RNT-6 pass: an adult nicotine user, not pregnant', {}, 'RNT-6', 'warn', 'age3.confirmed'],
	[
		'RNT-6 fail: not for someone who gave up nicotine',
		{ answers: { nicotineUser: false, pregnant: false } },
		'RNT-6',
		'block',
		'age3.declined'
	],
	[
		'RNT-6 fail: not for a pregnant person',
		{ answers: { nicotineUser: true, pregnant: true } },
		'RNT-6',
		'block',
		'age3.declined'
	],
	[
		'RNT-6 fail: the questions were not asked',
		{ answers: null },
		'RNT-6',
		'block',
		'age3.unanswered'
	],
	[
		'AGE-1 fail: not for minors',
		{ customer: customer({ dateOfBirth: '2009-06-02' }) },
		'AGE-1',
		'block',
		'age.minor'
	],
	[
		'RNT-7 fail: a blacklisted customer may be refused every service',
		{ customer: customer({ blacklisted: true }) },
		'RNT-7',
		'override',
		'customer.blacklisted'
	]
];

describe('rentalStartVerdict (RNT-1..RNT-6, AGE-2, AGE-3)', () => {
	it.each(cases)('%s', (_t, over, rule, severity, key) => {
		const v = rentalStartVerdict(start(over));
		expect(worstOf(v, rule)).toBe(severity);
		expect(of(v, rule).map((r) => r.key)).toContain(key);
		expect(v.allowed).toBe(severity === 'ok' || severity === 'warn');
	});

	it('RNT-5 pass: the due instant is start + contract days, and the ID is kept as type + last characters', () => {
		const v = rentalStartVerdict(start());
		expect(v.dueAt).toBe('2026-06-08T10:00:00.000Z');
		expect(v.facts).toMatchObject({ idType: 'id_card', idLast: '4821' });
		expect(rentalStartVerdict(start({ staffApproves: false })).dueAt).toBeNull();
	});

	it('RNT-6 pass: the diabetes / heart advice is given to everyone, so it reveals nothing', () => {
		expect(of(rentalStartVerdict(start()), 'RNT-6').map((r) => r.key)).toEqual([
			'age3.confirmed',
			'rnt.healthAdvice'
		]);
	});
});

describe('rentalReturnVerdict (RNT-5, RNT-7)', () => {
	const rental = {
		id: 'r-1',
		customerId: 'c-1',
		dueAt: '2026-06-08T10:00:00.000Z',
		returnedAt: null
	};

	it('RNT-5 fail: an early return refunds nothing', () => {
		const v = rentalReturnVerdict({ market: GE, rental, at: at('2026-06-05T10:00:00Z') });
		expect(v.allowed).toBe(true);
		expect(v.refund).toBe(0);
		expect(v.reasons[0]).toMatchObject({
			rule: 'RNT-5',
			severity: 'warn',
			key: 'rnt.earlyNoRefund',
			params: { daysLeft: 3 }
		});
		expect(v.proposeBlacklist).toBe(false);
	});

	it('RNT-5 pass: returned on time (at the due instant)', () => {
		const v = rentalReturnVerdict({ market: GE, rental, at: at('2026-06-08T10:00:00Z') });
		expect(v.reasons[0]?.key).toBe('rnt.returnedOnTime');
		expect(v.proposeBlacklist).toBe(false);
	});

	it('RNT-7 fail: a late return proposes the blacklist', () => {
		const v = rentalReturnVerdict({ market: GE, rental, at: at('2026-06-09T13:00:00Z') });
		expect(v.allowed).toBe(true); // the device is always taken back
		expect(v.reasons[0]).toMatchObject({
			rule: 'RNT-7',
			key: 'rnt.lateBlacklistProposed',
			params: { hoursLate: 27 }
		});
		expect(v.proposeBlacklist).toBe(true);
	});

	it('RNT-7 pass/fail: overdue strictly after the due instant, per the server clock', () => {
		expect(rentalOverdue(rental, GE, at('2026-06-08T10:00:00Z'))).toBe(false);
		expect(rentalOverdue(rental, GE, at('2026-06-08T10:00:00.001Z'))).toBe(true);
		expect(
			rentalOverdue(
				{ ...rental, returnedAt: '2026-06-09T00:00:00Z' },
				GE,
				at('2026-07-01T00:00:00Z')
			)
		).toBe(false);
		expect(rentalDueAt(at('2026-06-01T10:00:00Z'), 1).toISOString()).toBe(
			'2026-06-02T10:00:00.000Z'
		);
	});

	it('RNT-5 fail: a rental cannot be returned twice', () => {
		const v = rentalReturnVerdict({
			market: GE,
			rental: { ...rental, returnedAt: '2026-06-07T10:00:00Z' },
			at: at('2026-06-09T10:00:00Z')
		});
		expect(v.allowed).toBe(false);
	});
});
