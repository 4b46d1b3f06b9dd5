import { describe, expect, it } from 'vitest';
import type { RuleId, Severity } from '../verdict';
import { extendedWarrantySaleVerdict, type ExtendedWarrantySaleContext } from './extended';
import {
	CLAIM,
	CLEAR_WAR,
	GE,
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
import { warrantySwapVerdict } from './warranty';

function sale(over: Partial<ExtendedWarrantySaleContext> = {}): ExtendedWarrantySaleContext {
	return {
		market: GE,
		pos: STORE,
		customer: customer(),
		model: ILUMA,
		units: device(ILUMA),
		months: 12,
		answers: { nicotineUser: true },
		at: at('2026-06-01T10:00:00Z'),
		...over
	};
}

type Case = [string, Partial<ExtendedWarrantySaleContext>, RuleId, Severity, string];
const cases: Case[] = [
	['EXT-1 pass: sold at a point of sale that offers it', {}, 'EXT-1', 'ok', 'ext.offered'],
	[
		'EXT-1 fail: this point of sale does not sell it',
		{ pos: TOBACCONIST },
		'EXT-1',
		'block',
		'ext.posNotSelling'
	],
	[
		'EXT-1 fail: not sold in Latvia',
		{
			market: { ...GE, code: 'LV', extendedWarranty: { ...GE.extendedWarranty, available: false } }
		},
		'EXT-1',
		'block',
		'ext.notOffered'
	],
	['EXT-1 fail: no length set by the seller', { months: 0 }, 'EXT-1', 'block', 'ext.lengthMissing'],
	['EXT-2 pass: both components of a kit together', {}, 'EXT-2', 'ok', 'ext.wholeDevice'],
	[
		'EXT-2 pass: a one-piece device',
		{ model: MULTI, units: device(MULTI) },
		'EXT-2',
		'ok',
		'ext.wholeDevice'
	],
	[
		'EXT-2 fail: only the holder of a kit',
		{ units: device(ILUMA).slice(0, 1) },
		'EXT-2',
		'block',
		'ext.needsWholeDevice'
	],
	[
		"EXT-2 fail: the device is not on the customer's profile",
		{ units: device(ILUMA, { customerId: 'c-2' }) },
		'EXT-2',
		'block',
		'reg.deviceNotTheirs'
	],
	[
		'EXT-2 fail: the warranty is already over',
		{ units: device(ILUMA, { purchasedOn: '2025-01-10' }) },
		'EXT-2',
		'block',
		'ext.warrantyOver'
	],
	[
		'REG-5 fail: not for devices bought outside Georgia',
		{ units: device(ILUMA, { purchaseCountry: 'AM' }) },
		'REG-5',
		'block',
		'ext.boughtElsewhere'
	],
	['EXT-4 pass: no Care Plus on the device', {}, 'EXT-4', 'ok', 'ext.noCarePlus'],
	[
		'EXT-4 pass: Care Plus is extended too, still one replacement in total',
		{ customer: customer({ carePlus: carePlus('2026-01-05T09:00:00Z') }) },
		'EXT-4',
		'warn',
		'ext.carePlusExtended'
	]
];

describe('extendedWarrantySaleVerdict (EXT-1..EXT-4)', () => {
	it.each(cases)('%s', (_t, over, rule, severity, key) => {
		const v = extendedWarrantySaleVerdict(sale(over));
		expect(worstOf(v, rule)).toBe(severity);
		expect(of(v, rule).map((r) => r.key)).toContain(key);
		expect(v.allowed).toBe(severity === 'ok' || severity === 'warn');
	});

	it('EXT-1 pass: the extension starts where the warranty ends', () => {
		const v = extendedWarrantySaleVerdict(sale({ months: 6 }));
		expect(v.until).toBe('2027-07-10'); // bought 2026-01-10, warranty to 2027-01-10, + 6 months
		expect(extendedWarrantySaleVerdict(sale({ pos: TOBACCONIST })).until).toBeNull();
	});

	it('EXT-3 pass: the customer is told what the extension never covers', () => {
		expect(of(extendedWarrantySaleVerdict(sale()), 'EXT-3')[0]?.key).toBe('ext.exclusionsTold');
	});
});

describe('warranty swap under the extension (EXT-3)', () => {
	const faulty = device(ILUMA, {
		purchasedOn: '2025-01-10',
		extendedWarrantyUntil: '2026-12-31'
	}).slice(0, 1);
	const swap = (lostStolenOrForced: boolean | null) =>
		warrantySwapVerdict({
			market: GE,
			pos: STORE,
			customer: customer(),
			model: ILUMA,
			faulty,
			checklist: { ...CLEAR_WAR, lostStolenOrForced },
			serialIntact: true,
			claim: CLAIM,
			at: at('2026-06-01T10:00:00Z')
		});

	it('EXT-3 pass: past the 12 months, the extension covers a fault', () => {
		const v = swap(false);
		expect(v.allowed).toBe(true);
		expect(of(v, 'WAR-1').at(-1)?.key).toBe('war.inExtendedWarranty');
	});

	it('EXT-3 fail: a forcibly damaged unit is not covered by the extension', () => {
		expect(worstOf(swap(true), 'EXT-3')).toBe('block');
		expect(of(swap(null), 'EXT-3')[0]?.key).toBe('ext.exclusionUnanswered');
	});

	it('EXT-4 fail: the extension lengthens Care Plus, but a used replacement stays used', async () => {
		const { carePlusSwapVerdict } = await import('./careplus');
		const { BG, DUO, CLEAR_CP } = await import('./fixtures');
		const damaged = device(DUO, {
			market: BG,
			purchasedOn: '2025-01-10',
			extendedWarrantyUntil: '2026-12-31',
			replacementsUsed: 1
		}).slice(0, 1);
		const v = carePlusSwapVerdict({
			market: BG,
			pos: STORE,
			customer: customer({ carePlus: carePlus('2025-01-10T09:00:00Z') }),
			model: DUO,
			damaged,
			checklist: CLEAR_CP,
			damagedOn: '2026-05-30',
			serialIntact: true,
			claim: CLAIM,
			at: at('2026-06-01T10:00:00Z')
		});
		expect(worstOf(v, 'CP-2')).toBe('ok'); // extended past the 12 months
		expect(of(v, 'EXT-4')[0]?.severity).toBe('warn');
		expect(worstOf(v, 'CP-3')).toBe('block');
	});
});
