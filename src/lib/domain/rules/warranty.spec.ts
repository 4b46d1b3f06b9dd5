import { describe, expect, it } from 'vitest';
import type { DeviceComponent } from '../entities';
import { MarketPolicy } from '../market';
import type { RuleId, Severity } from '../verdict';
import {
	CLAIM,
	CLEAR_WAR,
	DUO,
	GE,
	HU,
	ILUMA,
	KIOSK,
	MULTI,
	PLUS24,
	STORE,
	TOBACCONIST,
	at,
	customer,
	device,
	of,
	summary,
	worstOf
} from './fixtures';
import { allowedReplacementModels, applySwap } from './swap';
import { warrantySwapVerdict, type WarrantySwapContext } from './warranty';

function ctx(over: Partial<WarrantySwapContext> = {}): WarrantySwapContext {
	return {
		market: GE,
		pos: STORE,
		customer: customer(),
		model: ILUMA,
		faulty: device(ILUMA).slice(0, 1), // the holder
		checklist: CLEAR_WAR,
		serialIntact: true,
		claim: CLAIM,
		at: at('2026-06-01T10:00:00Z'),
		...over
	};
}

type Case = [
	title: string,
	over: Partial<WarrantySwapContext>,
	rule: RuleId,
	severity: Severity,
	key: string
];

const cases: Case[] = [
	[
		'WAR-1 pass: a registered customer whose profile holds the unit, within 12 months',
		{},
		'WAR-1',
		'ok',
		'war.inWarranty'
	],
	[
		'WAR-1 fail: more than 12 months after purchase',
		{ faulty: device(ILUMA, { purchasedOn: '2025-01-10' }).slice(0, 1) },
		'WAR-1',
		'block',
		'war.expired'
	],
	[
		"WAR-1 fail: the unit is on another customer's profile",
		{ faulty: device(ILUMA, { customerId: 'c-2' }).slice(0, 1) },
		'WAR-1',
		'block',
		'reg.deviceNotTheirs'
	],
	[
		'WAR-1 fail: the customer has no account',
		{ customer: customer({ registered: false }) },
		'WAR-1',
		'block',
		'reg.customerNotRegistered'
	],
	[
		'WAR-1 fail: no purchase date and no proof of purchase',
		{ faulty: device(ILUMA, { purchasedOn: null }).slice(0, 1) },
		'WAR-1',
		'block',
		'war.purchaseDateUnknown'
	],
	[
		'WAR-1 pass: no purchase date on file, but a proof of purchase dated within 12 months',
		{
			faulty: device(ILUMA, { purchasedOn: null }).slice(0, 1),
			claim: { ...CLAIM, proofOfPurchaseDate: '2026-02-01' }
		},
		'WAR-1',
		'ok',
		'war.inWarranty'
	],
	[
		'WAR-2 pass: every exclusion point answered, none applies',
		{},
		'WAR-2',
		'ok',
		'war.checklistClear'
	],
	[
		'WAR-2 fail: cosmetic damage is not covered',
		{ checklist: { ...CLEAR_WAR, cosmeticDamage: true } },
		'WAR-2',
		'block',
		'war.excluded'
	],
	[
		'WAR-2 fail: liquid damage is not covered',
		{ checklist: { ...CLEAR_WAR, misuseSurgeLiquidFire: true } },
		'WAR-2',
		'block',
		'war.excluded'
	],
	[
		'WAR-2 fail: a point left unanswered',
		{ checklist: { ...CLEAR_WAR, openedOrRepaired: null } },
		'WAR-2',
		'block',
		'war.checklistIncomplete'
	],
	['WAR-3 pass: only the faulty holder is replaced', {}, 'WAR-3', 'ok', 'war.coversComponent'],
	[
		'WAR-3 pass: every component faulty -> the whole device',
		{ faulty: device(ILUMA) },
		'WAR-3',
		'ok',
		'war.coversWholeDevice'
	],
	[
		'WAR-3 pass: a one-piece device is replaced whole',
		{ model: MULTI, faulty: device(MULTI) },
		'WAR-3',
		'ok',
		'war.coversWholeDevice'
	],
	['WAR-3 fail: nothing selected as faulty', { faulty: [] }, 'WAR-3', 'block', 'war.nothingFaulty'],
	[
		'WAR-3 fail: units of two devices in one swap',
		{ faulty: [device(ILUMA)[0]!, { ...device(ILUMA)[1]!, deviceId: 'd-2' }] },
		'WAR-3',
		'block',
		'war.mixedDevices'
	],
	[
		'WAR-3 fail: a "device" part for a two-piece model',
		{ faulty: [{ ...device(ILUMA)[0]!, part: 'device' }] },
		'WAR-3',
		'block',
		'war.partMismatch'
	],
	['WAR-4 pass: the same model is allowed', {}, 'WAR-4', 'ok', 'war.replacementModels'],
	[
		'WAR-4 fail: no allowed model in stock -> a supervisor decides',
		{ inStock: ['iluma-one'] },
		'WAR-4',
		'override',
		'war.noReplacementInStock'
	],
	[
		'WAR-4 fail: a replacement of another model was picked',
		{
			replacements: [
				{ serial: 'GEH0000777', modelId: 'iluma-one', part: 'holder', customerId: null }
			]
		},
		'WAR-4',
		'override',
		'war.replacementModelNotAllowed'
	],
	[
		"WAR-5 pass: the new unit becomes the customer's",
		{
			replacements: [{ serial: 'GEH0000777', modelId: 'iluma', part: 'holder', customerId: null }]
		},
		'WAR-5',
		'ok',
		'war.ownershipMoves'
	],
	[
		'WAR-5 fail: the replacement unit is registered to someone already',
		{
			replacements: [{ serial: 'GEH0000777', modelId: 'iluma', part: 'holder', customerId: 'c-9' }]
		},
		'WAR-5',
		'block',
		'war.replacementOwned'
	],
	[
		'WAR-5 fail: a charger picked to replace the holder',
		{
			replacements: [{ serial: 'GEC0000777', modelId: 'iluma', part: 'charger', customerId: null }]
		},
		'WAR-5',
		'block',
		'war.replacementPartsMismatch'
	],
	[
		'WAR-6 pass: symptoms, signals and steps tried recorded',
		{},
		'WAR-6',
		'ok',
		'war.claimComplete'
	],
	[
		'WAR-6 fail: no symptoms recorded',
		{ claim: { ...CLAIM, symptoms: '  ' } },
		'WAR-6',
		'block',
		'war.claimIncomplete'
	],
	['WAR-6 fail: no claim at all', { claim: null }, 'WAR-6', 'block', 'war.claimIncomplete'],
	['WAR-7 pass: an IQOS store swaps', {}, 'WAR-7', 'ok', 'war.posMaySwap'],
	[
		'WAR-7 pass: a HU tobacconist swaps a type it sells',
		{ market: HU, pos: TOBACCONIST, faulty: device(ILUMA, { market: HU }).slice(0, 1) },
		'WAR-7',
		'ok',
		'war.posMaySwap'
	],
	[
		'WAR-7 fail: a HU tobacconist may not swap a type it does not sell',
		{ market: HU, pos: TOBACCONIST, model: DUO, faulty: device(DUO, { market: HU }).slice(0, 1) },
		'WAR-7',
		'block',
		'war.typeNotSold'
	],
	[
		'WAR-7 fail: a reduced-assortment point of sale may not swap at all',
		{ market: HU, pos: KIOSK },
		'WAR-7',
		'block',
		'war.reducedAssortment'
	],
	['REG-4 pass: the serial on the unit is intact', {}, 'REG-4', 'ok', 'reg.serialIntact'],
	[
		'REG-4 fail: an altered serial gets no replacement',
		{ serialIntact: false },
		'REG-4',
		'block',
		'reg.serialAltered'
	],
	[
		'REG-4 fail: the serial was not checked',
		{ serialIntact: null },
		'REG-4',
		'block',
		'reg.serialUnchecked'
	],
	[
		'AGE-1 fail: no swap for a minor',
		{ customer: customer({ dateOfBirth: '2010-01-01' }) },
		'AGE-1',
		'block',
		'age.minor'
	],
	[
		'RNT-7 fail: a blacklisted customer needs a supervisor',
		{ customer: customer({ blacklisted: true }) },
		'RNT-7',
		'override',
		'customer.blacklisted'
	]
];

describe('warrantySwapVerdict (WAR-1..WAR-7)', () => {
	it.each(cases)('%s', (_title, over, rule, severity, key) => {
		const v = warrantySwapVerdict(ctx(over));
		expect(worstOf(v, rule)).toBe(severity);
		expect(of(v, rule).map((r) => r.key)).toContain(key);
		// each case bends one thing: the rest of the swap stays allowed
		expect(v.allowed).toBe(severity === 'ok' || severity === 'warn');
	});

	it('WAR-1 pass: the clean case is allowed with every rule checked', () => {
		const v = warrantySwapVerdict(ctx());
		expect(v.allowed).toBe(true);
		expect(summary(v)).toEqual([
			'WAR-7:ok:war.posMaySwap',
			'AGE-1:ok:age.adult',
			'WAR-1:ok:reg.customerRegistered',
			'WAR-1:ok:reg.deviceRegistered',
			'WAR-1:ok:war.inWarranty',
			'WAR-2:ok:war.checklistClear',
			'REG-4:ok:reg.serialIntact',
			'WAR-3:ok:war.coversComponent',
			'WAR-4:ok:war.replacementModels',
			'WAR-5:ok:war.ownershipMoves',
			'WAR-6:ok:war.claimComplete'
		]);
	});

	it('WAR-1 fail: every broken rule is listed, not only the first', () => {
		const v = warrantySwapVerdict(
			ctx({
				pos: KIOSK,
				customer: customer({ dateOfBirth: '2010-01-01', blacklisted: true }),
				checklist: { ...CLEAR_WAR, normalWear: true },
				claim: null
			})
		);
		expect(v.allowed).toBe(false);
		const broken = new Set(v.reasons.filter((r) => r.severity !== 'ok').map((r) => r.rule));
		expect([...broken].sort()).toEqual(['AGE-1', 'RNT-7', 'WAR-2', 'WAR-6', 'WAR-7']);
	});

	it('WAR-1 pass/fail: covered through the last day of month 12, in the market time zone', () => {
		// bought 31 May 2025 in Tbilisi (UTC+4): covered through 31 May 2026 local time
		const faulty = device(ILUMA, { purchasedOn: '2025-05-31' }).slice(0, 1);
		const lastMinute = warrantySwapVerdict(ctx({ faulty, at: at('2026-05-31T19:59:00Z') }));
		const nextDay = warrantySwapVerdict(ctx({ faulty, at: at('2026-05-31T20:00:00Z') }));
		expect(of(lastMinute, 'WAR-1').at(-1)).toMatchObject({
			severity: 'ok',
			params: { until: '2026-05-31' }
		});
		expect(of(nextDay, 'WAR-1').at(-1)).toMatchObject({ severity: 'block', key: 'war.expired' });
	});

	it('WAR-1 pass/fail: bought on 31 August with 6 months ends on the last day of February', () => {
		const six = MarketPolicy.parse({ ...GE, warrantyMonths: 6 });
		const faulty = device(ILUMA, { purchasedOn: '2025-08-31' }).slice(0, 1);
		const on = warrantySwapVerdict(ctx({ market: six, faulty, at: at('2026-02-28T12:00:00Z') }));
		const after = warrantySwapVerdict(ctx({ market: six, faulty, at: at('2026-03-01T12:00:00Z') }));
		expect(of(on, 'WAR-1').at(-1)).toMatchObject({
			severity: 'ok',
			params: { until: '2026-02-28' }
		});
		expect(of(after, 'WAR-1').at(-1)?.severity).toBe('block');
	});

	it('WAR-1 pass/fail: bought on 29 February 2024, covered through 28 February 2025', () => {
		const faulty = device(ILUMA, { purchasedOn: '2024-02-29' }).slice(0, 1);
		expect(
			worstOf(warrantySwapVerdict(ctx({ faulty, at: at('2025-02-28T12:00:00Z') })), 'WAR-1')
		).toBe('ok');
		expect(
			worstOf(warrantySwapVerdict(ctx({ faulty, at: at('2025-03-01T12:00:00Z') })), 'WAR-1')
		).toBe('block');
	});

	it('WAR-3 pass: the verdict says which component the swap covers', () => {
		expect(warrantySwapVerdict(ctx()).covers).toEqual({
			scope: 'component',
			serials: ['GEH0000001'],
			parts: ['holder']
		});
		expect(warrantySwapVerdict(ctx({ faulty: device(ILUMA) })).covers).toEqual({
			scope: 'whole_device',
			serials: ['GEH0000001', 'GEC0000001'],
			parts: ['holder', 'charger']
		});
	});

	it('WAR-4 pass: an old generation (2.4 Plus) is replaced by the current model (GE 5.7.5)', () => {
		const v = warrantySwapVerdict(ctx({ model: PLUS24, faulty: device(PLUS24).slice(0, 1) }));
		expect(v.replacementModels).toEqual(['iqos-3-duo']);
		expect(allowedReplacementModels('iluma', GE)).toEqual(['iluma']);
		const noEquivalent = MarketPolicy.parse({
			...GE,
			replacements: { retiredModels: ['iluma'], equivalents: {} }
		});
		expect(allowedReplacementModels('iluma', noEquivalent)).toEqual([]);
		expect(worstOf(warrantySwapVerdict(ctx({ market: noEquivalent })), 'WAR-4')).toBe('block');
	});

	it('WAR-7 fail: a market where tobacconists may not swap', () => {
		const noTob = MarketPolicy.parse({ ...HU, swaps: { ...HU.swaps, tobacconistsMaySwap: false } });
		const v = warrantySwapVerdict(ctx({ market: noTob, pos: TOBACCONIST }));
		expect(of(v, 'WAR-7').map((r) => r.key)).toEqual(['war.tobacconistNoSwap']);
	});
});

describe('applySwap (WAR-5)', () => {
	const old = device(ILUMA).map(
		(c) => ({ ...c, registeredAt: '2026-01-10T10:00:00Z' }) as DeviceComponent
	);

	it('WAR-5 pass: the new unit is registered to the customer, the old one released', () => {
		const result = applySwap(
			old.slice(0, 1),
			[{ serial: 'GEH0000777', modelId: 'iluma', part: 'holder', customerId: null }],
			'c-1',
			'warranty',
			at('2026-06-01T10:00:00Z')
		);
		expect(result.registered).toEqual([
			{
				...old[0],
				serial: 'GEH0000777',
				customerId: 'c-1',
				registeredAt: '2026-06-01T10:00:00.000Z'
			}
		]);
		expect(result.released).toEqual([{ ...old[0], customerId: null, registeredAt: null }]);
	});

	it('WAR-5 fail: refuses a replacement that belongs to someone', () => {
		expect(() =>
			applySwap(
				old.slice(0, 1),
				[{ serial: 'X', modelId: 'iluma', part: 'holder', customerId: 'c-2' }],
				'c-1',
				'warranty',
				at('2026-06-01T10:00:00Z')
			)
		).toThrow(/WAR-5/);
	});
});
