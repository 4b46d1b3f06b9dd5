import { describe, expect, it } from 'vitest';
import type { DeviceComponent } from '../entities';
import type { RuleId, Severity } from '../verdict';
import { HU, at, customer, of, worstOf } from './fixtures';
import {
	registerComponent,
	registerDeviceVerdict,
	transferComponent,
	transferOwnershipVerdict,
	type RegisterDeviceContext,
	type TransferContext
} from './registration';

function reg(over: Partial<RegisterDeviceContext> = {}): RegisterDeviceContext {
	return {
		market: HU,
		customer: customer(),
		rawSerial: 'huh0000001',
		component: { serial: 'HUH0000001', customerId: null, marketCode: 'HU' },
		codeSource: 'box',
		personalUse: true,
		devicesRegistered: 1,
		at: at('2026-06-01T10:00:00Z'),
		...over
	};
}

type Case = [string, Partial<RegisterDeviceContext>, RuleId, Severity, string];
const cases: Case[] = [
	[
		'REG-1 pass: a second device the customer uses personally',
		{},
		'REG-1',
		'ok',
		'reg.personalUse'
	],
	[
		'REG-1 fail: a device for someone else',
		{ personalUse: false },
		'REG-1',
		'block',
		'reg.notPersonalUse'
	],
	[
		'REG-1 fail: personal use not asked',
		{ personalUse: null },
		'REG-1',
		'block',
		'reg.personalUseUnasked'
	],
	['REG-2 pass: the serial is free', {}, 'REG-2', 'ok', 'reg.serialFree'],
	[
		'REG-2 fail: the serial is registered to someone else',
		{ component: { serial: 'HUH0000001', customerId: 'c-2' } },
		'REG-2',
		'block',
		'reg.ownedByOther'
	],
	['REG-3 pass: the customer holds an account', {}, 'REG-3', 'ok', 'reg.customerRegistered'],
	[
		'REG-3 fail: no account yet',
		{ customer: customer({ registered: false }) },
		'REG-3',
		'block',
		'reg.customerNotRegistered'
	],
	['REG-4 pass: a readable, valid serial', {}, 'REG-4', 'ok', 'reg.serialValid'],
	[
		'REG-4 fail: a product barcode (GTIN) is not a serial',
		{ rawSerial: '7622100100037' },
		'REG-4',
		'block',
		'serial.looksLikeGtin'
	],
	['REG-4 fail: an unreadable serial', { rawSerial: 'AB?' }, 'REG-4', 'block', 'serial.malformed'],
	[
		'REG-4 fail: the serial read is not the unit on file',
		{ rawSerial: 'HUH0000002' },
		'REG-4',
		'block',
		'reg.serialMismatch'
	],
	['REG-5 pass: bought in the market', {}, 'REG-5', 'ok', 'reg.boughtInMarket'],
	[
		'REG-5 fail: bought abroad — registration goes on, staff tell the customer',
		{ purchaseCountry: 'AT' },
		'REG-5',
		'warn',
		'reg.boughtElsewhere'
	],
	['REG-6 pass: the code from the box', {}, 'REG-6', 'ok', 'reg.codeFrom'],
	[
		'REG-6 pass: the code from the proof of purchase',
		{ codeSource: 'proof_of_purchase' },
		'REG-6',
		'ok',
		'reg.codeFrom'
	],
	[
		'REG-6 fail: no box and no proof of purchase',
		{ codeSource: null },
		'REG-6',
		'block',
		'reg.codeSourceNeeded'
	],
	[
		'AGE-1 fail: a minor cannot register a device',
		{ customer: customer({ dateOfBirth: '2010-01-01' }) },
		'AGE-1',
		'block',
		'age.minor'
	]
];

describe('registerDeviceVerdict (REG-1, REG-2, REG-4, REG-5, REG-6)', () => {
	it.each(cases)('%s', (_t, over, rule, severity, key) => {
		const v = registerDeviceVerdict(reg(over));
		expect(worstOf(v, rule)).toBe(severity);
		expect(of(v, rule).map((r) => r.key)).toContain(key);
		expect(v.allowed).toBe(severity === 'ok' || severity === 'warn');
	});

	it('REG-2 pass: the verdict keeps the facts it used', () => {
		expect(registerDeviceVerdict(reg()).facts).toMatchObject({
			serial: 'HUH0000001',
			customerId: 'c-1',
			previousOwner: null,
			purchaseCountry: 'HU'
		});
	});
});

function transfer(over: Partial<TransferContext> = {}): TransferContext {
	return {
		market: HU,
		component: { serial: 'HUH0000001', customerId: 'c-1' },
		from: { id: 'c-1' },
		to: customer({ id: 'c-2' }),
		ownerConsents: true,
		at: at('2026-06-01T10:00:00Z'),
		...over
	};
}

describe('transferOwnershipVerdict (REG-2)', () => {
	it.each([
		['REG-2 pass: from the registered owner to a new registered adult', {}, 'ok', 'reg.transferOk'],
		[
			'REG-2 fail: the person handing over is not the owner',
			{ from: { id: 'c-3' } },
			'block',
			'reg.transferNotOwner'
		],
		[
			'REG-2 fail: an unregistered unit is registered, not transferred',
			{ component: { serial: 'HUH0000001', customerId: null } },
			'block',
			'reg.transferUnregistered'
		],
		['REG-2 fail: a transfer to the owner', { to: customer() }, 'block', 'reg.alreadyYours'],
		[
			"REG-2 fail: without the owner's consent a supervisor decides",
			{ ownerConsents: false },
			'override',
			'reg.transferNoConsent'
		]
	] as const)('%s', (_t, over, severity, key) => {
		const v = transferOwnershipVerdict(transfer(over));
		expect(worstOf(v, 'REG-2')).toBe(severity);
		expect(of(v, 'REG-2')[0]?.key).toBe(key);
	});

	it('REG-2 fail: the new owner must be a registered adult', () => {
		const v = transferOwnershipVerdict(
			transfer({ to: customer({ id: 'c-2', registered: false, dateOfBirth: '2012-01-01' }) })
		);
		expect(v.reasons.filter((r) => r.severity === 'block').map((r) => r.rule)).toEqual([
			'AGE-1',
			'REG-3'
		]);
	});

	it('REG-2 pass/fail: the effects keep one owner per serial', () => {
		const unit = { customerId: null, registeredAt: null } as Pick<
			DeviceComponent,
			'customerId' | 'registeredAt'
		>;
		const mine = registerComponent(unit, 'c-1', at('2026-06-01T10:00:00Z'));
		expect(mine).toEqual({ customerId: 'c-1', registeredAt: '2026-06-01T10:00:00.000Z' });
		expect(() => registerComponent(mine, 'c-2', at('2026-06-01T10:00:00Z'))).toThrow(/REG-2/);
		expect(transferComponent(mine, 'c-1', 'c-2', at('2026-06-02T10:00:00Z')).customerId).toBe(
			'c-2'
		);
		expect(() => transferComponent(mine, 'c-3', 'c-2', at('2026-06-02T10:00:00Z'))).toThrow(
			/REG-2/
		);
	});
});
