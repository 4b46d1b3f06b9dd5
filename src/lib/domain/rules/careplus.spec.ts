import { describe, expect, it } from 'vitest';
import { MARKETS } from '../market';
import type { RuleId, Severity } from '../verdict';
import {
	accessoryDiscountVerdict,
	activeCareRunning,
	carePlusEnrolVerdict,
	carePlusLeave,
	carePlusSwapVerdict,
	companyEndsCarePlus,
	enrolCarePlus,
	type AccessoryDiscountContext,
	type CarePlusEnrolContext,
	type CarePlusSwapContext,
	type DiscountLine
} from './careplus';
import {
	BG,
	CLAIM,
	CLEAR_CP,
	DUO,
	ILUMA,
	MULTI,
	STORE,
	TOBACCONIST,
	at,
	carePlus,
	customer,
	device,
	of,
	worstOf
} from './fixtures';

const member = customer({ carePlus: carePlus('2026-01-05T09:00:00Z') });

function swap(over: Partial<CarePlusSwapContext> = {}): CarePlusSwapContext {
	return {
		market: BG,
		pos: STORE,
		customer: member,
		model: DUO,
		damaged: device(DUO, { market: BG }).slice(0, 1),
		checklist: CLEAR_CP,
		damagedOn: '2026-05-30',
		serialIntact: true,
		claim: CLAIM,
		at: at('2026-06-01T10:00:00Z'),
		...over
	};
}

type SwapCase = [string, Partial<CarePlusSwapContext>, RuleId, Severity, string];
const swapCases: SwapCase[] = [
	[
		'CP-1 pass: a participant with an eligible model bought in BG',
		{},
		'CP-1',
		'ok',
		'cp.participant'
	],
	['CP-1 fail: not a participant', { customer: customer() }, 'CP-1', 'block', 'cp.notParticipant'],
	[
		'CP-1 fail: Care Plus is not offered in Latvia',
		{ market: MARKETS.LV, damaged: device(DUO, { market: MARKETS.LV }).slice(0, 1) },
		'CP-1',
		'block',
		'cp.notOffered'
	],
	[
		'CP-1 fail: ILUMA is not an eligible model',
		{ model: ILUMA, damaged: device(ILUMA, { market: BG }).slice(0, 1) },
		'CP-1',
		'block',
		'cp.modelNotEligible'
	],
	['REG-5 pass: bought in the market', {}, 'REG-5', 'ok', 'reg.boughtInMarket'],
	[
		'REG-5 fail: Care Plus covers only devices bought in BG',
		{ damaged: device(DUO, { market: BG, purchaseCountry: 'GR' }).slice(0, 1) },
		'REG-5',
		'block',
		'cp.boughtElsewhere'
	],
	["CP-2 pass: within 12 months of the component's purchase", {}, 'CP-2', 'ok', 'cp.covered'],
	[
		'CP-2 pass: registered long before joining, still within 12 months of purchase',
		{
			damaged: device(DUO, { market: BG, purchasedOn: '2025-06-01' }).slice(0, 1),
			damagedOn: '2026-05-30'
		},
		'CP-2',
		'ok',
		'cp.covered'
	],
	[
		'CP-2 fail: more than 12 months after the purchase',
		{ damaged: device(DUO, { market: BG, purchasedOn: '2025-05-31' }).slice(0, 1) },
		'CP-2',
		'block',
		'cp.coverEnded'
	],
	["CP-3 pass: the component's replacement is unused", {}, 'CP-3', 'ok', 'cp.replacementLeft'],
	[
		"CP-3 fail: the component's one replacement is used up",
		{ damaged: device(DUO, { market: BG, replacementsUsed: 1 }).slice(0, 1) },
		'CP-3',
		'block',
		'cp.replacementUsed'
	],
	['CP-4 pass: no exclusion applies', {}, 'CP-4', 'ok', 'cp.checklistClear'],
	[
		'CP-4 fail: loss or theft is not covered',
		{ checklist: { ...CLEAR_CP, lossOrTheft: true } },
		'CP-4',
		'block',
		'cp.excluded'
	],
	[
		'CP-4 fail: a manufacturing defect goes the warranty way',
		{ checklist: { ...CLEAR_CP, manufacturingDefect: true } },
		'CP-4',
		'block',
		'cp.useWarranty'
	],
	[
		'CP-4 fail: damage before joining the programme',
		{ damagedOn: '2026-01-04' },
		'CP-4',
		'block',
		'cp.damageBeforeEnrolment'
	],
	[
		'CP-4 fail: a point left unanswered',
		{ checklist: { ...CLEAR_CP, cosmeticOnly: null } },
		'CP-4',
		'block',
		'cp.checklistIncomplete'
	],
	[
		'CP-5 fail: after leaving, no Care Plus service',
		{
			customer: customer({
				carePlus: carePlus('2026-01-05T09:00:00Z', { endedAt: '2026-03-01T09:00:00Z' })
			})
		},
		'CP-5',
		'block',
		'cp.left'
	],
	[
		'REG-4 fail: an altered serial gets no replacement',
		{ serialIntact: false },
		'REG-4',
		'block',
		'reg.serialAltered'
	],
	[
		'WAR-7 fail: Care Plus swap at a tobacconist that does not sell the model',
		{ pos: TOBACCONIST },
		'WAR-7',
		'block',
		'war.typeNotSold'
	]
];

describe('carePlusSwapVerdict (CP-1..CP-4)', () => {
	it.each(swapCases)('%s', (_t, over, rule, severity, key) => {
		const v = carePlusSwapVerdict(swap(over));
		expect(worstOf(v, rule)).toBe(severity);
		expect(of(v, rule).map((r) => r.key)).toContain(key);
		expect(v.allowed).toBe(severity === 'ok');
	});

	it('CP-3 pass: a two-piece device with both parts damaged is replaced whole, each part using its right', () => {
		const v = carePlusSwapVerdict(swap({ damaged: device(DUO, { market: BG }) }));
		expect(v.allowed).toBe(true);
		expect(v.covers.scope).toBe('whole_device');
		expect(of(v, 'CP-3')).toHaveLength(2);
	});

	it('CP-3 fail: a one-piece device has one replacement per device', () => {
		const v = carePlusSwapVerdict(
			swap({ model: MULTI, damaged: device(MULTI, { market: BG, replacementsUsed: 1 }) })
		);
		expect(v.covers).toEqual({ scope: 'whole_device', serials: ['BGD0000001'], parts: ['device'] });
		expect(worstOf(v, 'CP-3')).toBe('block');
	});

	it('CP-2 pass/fail: cover ends on the last day of month 12 in Sofia time', () => {
		const damaged = device(DUO, { market: BG, purchasedOn: '2025-06-30' }).slice(0, 1);
		const c = customer({ carePlus: carePlus('2025-06-30T09:00:00Z') });
		// Sofia is UTC+3 in summer: 30 June 2026 ends at 20:59:59Z
		const last = carePlusSwapVerdict(
			swap({ customer: c, damaged, at: at('2026-06-30T20:59:00Z') })
		);
		const after = carePlusSwapVerdict(
			swap({ customer: c, damaged, at: at('2026-06-30T21:00:00Z') })
		);
		expect(worstOf(last, 'CP-2')).toBe('ok');
		expect(worstOf(after, 'CP-2')).toBe('block');
	});
});

function enrol(over: Partial<CarePlusEnrolContext> = {}): CarePlusEnrolContext {
	return {
		market: BG,
		customer: customer(),
		model: DUO,
		units: device(DUO, { market: BG, customerId: null, purchasedOn: '2026-06-01' }),
		answers: { nicotineUser: true },
		resident: true,
		termsAccepted: true,
		activeCareRequested: false,
		unitsRegisteredBefore: 0,
		at: at('2026-06-01T10:00:00Z'),
		...over
	};
}

type EnrolCase = [string, Partial<CarePlusEnrolContext>, RuleId, Severity, string];
const enrolCases: EnrolCase[] = [
	[
		'CP-1 pass: an adult resident nicotine user accepts the terms for an eligible device',
		{},
		'CP-1',
		'ok',
		'cp.termsAccepted'
	],
	[
		'CP-1 fail: the terms were not accepted',
		{ termsAccepted: false },
		'CP-1',
		'block',
		'cp.termsNotAccepted'
	],
	['CP-1 fail: not resident in Bulgaria', { resident: false }, 'CP-1', 'block', 'cp.notResident'],
	['CP-1 fail: residence not asked', { resident: null }, 'CP-1', 'block', 'cp.residenceUnasked'],
	[
		'CP-1 fail: the device is registered to someone else',
		{ units: device(DUO, { market: BG, customerId: 'c-2' }) },
		'CP-1',
		'block',
		'reg.deviceNotTheirs'
	],
	[
		'AGE-3 fail: not a tobacco or nicotine user',
		{ answers: { nicotineUser: false } },
		'AGE-3',
		'block',
		'age3.declined'
	],
	[
		"CP-7 pass: a new user's first device bought, registered and accepted together",
		{ activeCareRequested: true },
		'CP-7',
		'ok',
		'cp.activeCare'
	],
	[
		'CP-7 fail: not a new user',
		{ activeCareRequested: true, unitsRegisteredBefore: 2 },
		'CP-7',
		'block',
		'cp.activeCareNotNewUser'
	],
	[
		'CP-7 fail: purchase, registration and acceptance not together',
		{
			activeCareRequested: true,
			units: device(DUO, { market: BG, customerId: null, purchasedOn: '2026-05-20' })
		},
		'CP-7',
		'block',
		'cp.activeCareNotTogether'
	]
];

describe('carePlusEnrolVerdict (CP-1, CP-7)', () => {
	it.each(enrolCases)('%s', (_t, over, rule, severity, key) => {
		const v = carePlusEnrolVerdict(enrol(over));
		expect(worstOf(v, rule)).toBe(severity);
		expect(of(v, rule).map((r) => r.key)).toContain(key);
		expect(v.allowed).toBe(severity === 'ok');
	});

	it('CP-7 pass: a new user without the request is offered active care', () => {
		expect(of(carePlusEnrolVerdict(enrol()), 'CP-7').map((r) => r.key)).toEqual([
			'cp.activeCareOffer'
		]);
	});

	it('CP-1 pass: an existing participant registering another device needs no new acceptance', () => {
		const v = carePlusEnrolVerdict(enrol({ customer: member }));
		expect(v.allowed).toBe(true);
		expect(of(v, 'CP-1')[0]).toMatchObject({ severity: 'warn', key: 'cp.alreadyParticipant' });
	});

	it('CP-7 pass/fail: active care runs the first 10 days only', () => {
		const cp = enrolCarePlus(true, at('2026-06-01T10:00:00Z'));
		expect(activeCareRunning(cp, BG, at('2026-06-10T20:00:00Z'))).toBe(true); // day 10, Sofia
		expect(activeCareRunning(cp, BG, at('2026-06-11T09:00:00Z'))).toBe(false);
		expect(
			activeCareRunning(
				enrolCarePlus(false, at('2026-06-01T10:00:00Z')),
				BG,
				at('2026-06-02T09:00:00Z')
			)
		).toBe(false);
	});
});

describe('carePlusLeave (CP-5)', () => {
	const cp = carePlus('2026-01-05T09:00:00Z', { activeCareConsent: true });
	const now = at('2026-01-08T12:00:00Z');

	it('CP-5 pass: leaving wholly ends every Care Plus service at once', () => {
		const { verdict, next } = carePlusLeave({
			market: BG,
			customer: { id: 'c-1', carePlus: cp },
			scope: 'all',
			at: now
		});
		expect(verdict.allowed).toBe(true);
		expect(next).toEqual({ ...cp, endedAt: now.toISOString() });
		const after = carePlusSwapVerdict(
			swap({
				customer: customer({ carePlus: next }),
				at: at('2026-01-08T12:00:01Z'),
				damagedOn: '2026-01-08'
			})
		);
		expect(of(after, 'CP-5')[0]?.key).toBe('cp.left');
	});

	it('CP-5 pass: withdrawing only the active-care consent keeps the rest', () => {
		const { verdict, next } = carePlusLeave({
			market: BG,
			customer: { id: 'c-1', carePlus: cp },
			scope: 'active_care',
			at: now
		});
		expect(verdict.reasons[0]?.key).toBe('cp.activeCareWithdrawn');
		expect(next).toMatchObject({
			endedAt: null,
			activeCareConsent: false,
			activeCareWithdrawnAt: now.toISOString()
		});
		expect(activeCareRunning(next, BG, now)).toBe(false);
	});

	it('CP-5 fail: there is nothing to leave, or no consent to withdraw', () => {
		expect(
			carePlusLeave({ market: BG, customer: { id: 'c-1', carePlus: null }, scope: 'all', at: now })
				.verdict.allowed
		).toBe(false);
		const noConsent = carePlus('2026-01-05T09:00:00Z');
		expect(
			carePlusLeave({
				market: BG,
				customer: { id: 'c-1', carePlus: noConsent },
				scope: 'active_care',
				at: now
			}).verdict.reasons[0]?.key
		).toBe('cp.noActiveCareConsent');
	});

	it('CP-5 pass: the company ends participation at once on breach, or with 30 days notice', () => {
		expect(companyEndsCarePlus(cp, 'breach', BG, now).endedAt).toBe(now.toISOString());
		expect(companyEndsCarePlus(cp, 'notice', BG, now).endedAt).toBe('2026-02-07T12:00:00.000Z');
	});
});

const LINES: DiscountLine[] = [
	{ sku: 'CASE-1', category: 'accessory', price: 2000, otherDiscount: false },
	{ sku: 'CLEAN-TOOL', category: 'cleaning_tool', price: 1500, otherDiscount: false },
	{ sku: 'CLEAN-STICK', category: 'cleaning_stick', price: 500, otherDiscount: false },
	{ sku: 'CAP-1', category: 'accessory', price: 1000, otherDiscount: true }
];

function discount(over: Partial<AccessoryDiscountContext> = {}): AccessoryDiscountContext {
	return {
		market: BG,
		pos: STORE,
		customer: member,
		lines: LINES,
		at: at('2026-06-01T10:00:00Z'),
		...over
	};
}

describe('accessoryDiscountVerdict (CP-6)', () => {
	it('CP-6 pass: 10% on accessories, not on cleaning tools or sticks, not on top of another discount', () => {
		const v = accessoryDiscountVerdict(discount());
		expect(v.allowed).toBe(true);
		expect(v.lines).toEqual([
			{ sku: 'CASE-1', discount: 200 },
			{ sku: 'CLEAN-TOOL', discount: 0 },
			{ sku: 'CLEAN-STICK', discount: 0 },
			{ sku: 'CAP-1', discount: 0 }
		]);
		expect(v.totalDiscount).toBe(200);
		expect(of(v, 'CP-6').map((r) => r.key)).toEqual([
			'cp.discountRunning',
			'cp.discountExcluded',
			'cp.discountExcluded',
			'cp.discountNotCombined'
		]);
	});

	it.each([
		['CP-6 fail: not a participant', { customer: customer() }, 'cp.discountNotParticipant'],
		[
			'CP-6 fail: the programme year is over',
			{ at: at('2027-01-06T10:00:00Z') },
			'cp.discountOver'
		],
		['CP-6 fail: only in IQOS stores', { pos: TOBACCONIST }, 'cp.discountStoresOnly']
	] as const)('%s', (_t, over, key) => {
		const v = accessoryDiscountVerdict(discount(over));
		expect(v.allowed).toBe(false);
		expect(of(v, 'CP-6').map((r) => r.key)).toContain(key);
		expect(v.totalDiscount).toBe(0);
	});
});
