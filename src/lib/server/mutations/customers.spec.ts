import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
	BuyBackArgs,
	EnrolCarePlusArgs,
	RegisterCustomerArgs,
	RegisterDeviceArgs,
	SellExtendedWarrantyArgs,
	TransferDeviceArgs
} from '$lib/domain/mutations/customers';
import type { Db } from '../db';
import * as t from '../db/schema';
import { testDrivers } from '../testing';
import { seededServer } from '../test-harness';

// a fixed clock: the seed's "today" (BG kits bought today, HU 3 days ago) and every push agree
const NOW = new Date('2026-03-15T10:00:00.000Z');
const AT = new Date(NOW.getTime() - 60_000).toISOString();
const GE_STORE = 'ge-tbilisi-store';
const GE_TOBACCONIST = 'ge-tbilisi-tobacconist';
const HU_STORE = 'hu-budapest-store';
const BG_STORE = 'bg-sofia-store';

const drivers = await testDrivers();

describe.each(drivers)('customer flows at the server on $name', ({ name, available }) => {
	if (!available) {
		it.skip('PostgreSQL did not answer: skipped', () => {});
		return;
	}

	const server = seededServer(name, NOW);
	let db: Db;
	beforeAll(() => {
		db = server.db;
	});

	const send = (who: string, mutation: string, args: unknown) => server.send(who, mutation, args);

	const unit = async (serial: string) =>
		(await db.select().from(t.components).where(eq(t.components.serial, serial)))[0];
	const customer = async (id: string) =>
		(await db.select().from(t.customers).where(eq(t.customers.id, id)))[0];
	const service = async (id: string) =>
		(await db.select().from(t.services).where(eq(t.services.id, id)))[0];

	const newCustomer = (over: Partial<RegisterCustomerArgs> = {}): RegisterCustomerArgs => ({
		customerId: randomUUID(),
		posId: GE_STORE,
		performedAt: AT,
		firstName: 'Eka',
		lastName: 'Test',
		phone: '+995 555 000111',
		dateOfBirth: '1990-01-01',
		marketingConsent: true,
		...over
	});

	const register = (
		customerId: string,
		units: RegisterDeviceArgs['units'],
		over: Partial<RegisterDeviceArgs> = {}
	): RegisterDeviceArgs => ({
		serviceId: randomUUID(),
		posId: GE_STORE,
		performedAt: AT,
		customerId,
		units,
		modelId: 'iluma',
		deviceId: randomUUID(),
		purchasedOn: '2026-03-15',
		purchaseCountry: null,
		codeSource: 'box',
		personalUse: true,
		...over
	});
	const kit = (n: string): RegisterDeviceArgs['units'] => [
		{ serial: `GEH${n}`, part: 'holder' },
		{ serial: `GEC${n}`, part: 'charger' }
	];

	it('pass: AGE-1 registers an adult customer with their marketing consent (ACC-2)', async () => {
		const args = newCustomer();
		expect(await send('ge.staff', 'registerCustomer', args)).toMatchObject({ status: 'applied' });
		expect(await customer(args.customerId)).toMatchObject({
			registered: true,
			marketingConsent: true,
			dateOfBirth: '1990-01-01',
			marketCode: 'GE'
		});
	});

	it('fail: AGE-1 a minor or a date of birth in the future is rejected, nothing written', async () => {
		const minor = newCustomer({ dateOfBirth: '2015-06-01' });
		expect(await send('ge.staff', 'registerCustomer', minor)).toMatchObject({
			status: 'rejected',
			code: 'AGE-1'
		});
		const future = newCustomer({ dateOfBirth: '2030-01-01' });
		expect(await send('ge.staff', 'registerCustomer', future)).toMatchObject({
			status: 'rejected',
			code: 'AGE-1'
		});
		expect(
			await send('ge.staff', 'registerCustomer', newCustomer({ dateOfBirth: '1990-13-45' }))
		).toMatchObject({ status: 'rejected', code: 'invalid_args' });
		expect(await customer(minor.customerId)).toBeUndefined();
	});

	it('pass: REG-6 registers both parts of a free kit to the customer', async () => {
		const c = newCustomer();
		await send('ge.staff', 'registerCustomer', c);
		const args = register(c.customerId, kit('1000003'));
		expect(await send('ge.staff', 'registerDevice', args)).toMatchObject({ status: 'applied' });
		for (const s of ['GEH1000003', 'GEC1000003'])
			expect(await unit(s)).toMatchObject({ customerId: c.customerId, purchasedOn: '2026-03-15' });
		expect(await service(args.serviceId)).toMatchObject({
			type: 'registration',
			status: 'recorded'
		});
	});

	it('fail: REG-2 a serial of another customer is recorded and flagged, never taken', async () => {
		const c = newCustomer();
		await send('ge.staff', 'registerCustomer', c);
		// the tablet did not know the unit (offline): the fact arrives, the server flags it
		const args = register(c.customerId, kit('1000011'));
		const result = await send('ge.staff', 'registerDevice', args);
		expect(result).toMatchObject({ status: 'flagged', code: 'REG-2' });
		expect((await unit('GEH1000011'))?.customerId).toBe('ge-cus-01');
		expect(await service(args.serviceId)).toMatchObject({
			status: 'flagged',
			flaggedRules: ['REG-2']
		});
	});

	it('pass: a unit never seen before is created for the customer (recorded for verification)', async () => {
		const c = newCustomer();
		await send('ge.staff', 'registerCustomer', c);
		const args = register(c.customerId, [{ serial: 'GEX7777001', part: 'device' }], {
			modelId: 'iluma-one'
		});
		expect(await send('ge.staff', 'registerDevice', args)).toMatchObject({ status: 'applied' });
		expect(await unit('GEX7777001')).toMatchObject({
			customerId: c.customerId,
			modelId: 'iluma-one',
			deviceId: args.deviceId
		});
	});

	it('fail: REG-4 a GTIN typed as the serial is rejected and no unit is created', async () => {
		const c = newCustomer();
		await send('ge.staff', 'registerCustomer', c);
		const args = register(c.customerId, [{ serial: '7622100100034', part: 'device' }]);
		expect(await send('ge.staff', 'registerDevice', args)).toMatchObject({
			status: 'rejected',
			code: 'REG-4'
		});
		expect(await unit('7622100100034')).toBeUndefined();
	});

	it('fail: RNT-7 a blacklisted customer is flagged; a supervisor override lifts it', async () => {
		const plain = register('ge-c-003', [{ serial: 'GEX7777002', part: 'device' }], {
			modelId: 'iluma-one'
		});
		expect(await send('ge.staff', 'registerDevice', plain)).toMatchObject({
			status: 'flagged',
			code: 'RNT-7'
		});
		const overridden = register('ge-c-003', [{ serial: 'GEX7777003', part: 'device' }], {
			modelId: 'iluma-one',
			override: { reason: 'Known customer, proof of purchase seen', rules: ['RNT-7'] }
		});
		expect(await send('ge.staff', 'registerDevice', overridden)).toMatchObject({
			status: 'rejected',
			code: 'forbidden'
		});
		expect(await send('ge.supervisor', 'registerDevice', overridden)).toMatchObject({
			status: 'applied'
		});
	});

	const transfer = (over: Partial<TransferDeviceArgs>): TransferDeviceArgs => ({
		serviceId: randomUUID(),
		posId: GE_STORE,
		performedAt: AT,
		fromCustomerId: 'ge-cus-02',
		toCustomerId: 'ge-c-001',
		serials: ['GEH1000012', 'GEC1000012'],
		ownerConsents: true,
		...over
	});

	it('fail: REG-2 a transfer without the owner agreeing is flagged, the unit stays', async () => {
		const args = transfer({ ownerConsents: false });
		expect(await send('ge.staff', 'transferDevice', args)).toMatchObject({
			status: 'flagged',
			code: 'REG-2'
		});
		// a flagged transfer without agreement is recorded, and the units move (the fact)
		expect((await unit('GEH1000012'))?.customerId).toBe('ge-c-001');
	});

	it('pass: REG-2 a transfer with the owner agreeing moves every part', async () => {
		const args = transfer({ fromCustomerId: 'ge-cus-01', serials: ['GEH1000011', 'GEC1000011'] });
		expect(await send('ge.staff', 'transferDevice', args)).toMatchObject({ status: 'applied' });
		expect((await unit('GEC1000011'))?.customerId).toBe('ge-c-001');
		expect(await service(args.serviceId)).toMatchObject({
			type: 'transfer',
			customerId: 'ge-c-001'
		});
	});

	const enrol = (over: Partial<EnrolCarePlusArgs> = {}): EnrolCarePlusArgs => ({
		serviceId: randomUUID(),
		posId: BG_STORE,
		performedAt: AT,
		customerId: 'bg-cus-01',
		serials: ['BGH1000001', 'BGC1000001'],
		nicotineUser: true,
		resident: true,
		termsAccepted: true,
		activeCareRequested: true,
		...over
	});

	it('pass: CP-1/CP-7 enrolment with active care, then CP-5 withdraw consent, then leave', async () => {
		expect(await send('bg.staff', 'enrolCarePlus', enrol())).toMatchObject({ status: 'applied' });
		const joined = (await customer('bg-cus-01'))!.carePlus!;
		expect(joined).toMatchObject({ endedAt: null, activeCareConsent: true });
		const leave = (scope: 'all' | 'active_care') => ({
			serviceId: randomUUID(),
			posId: BG_STORE,
			performedAt: new Date(NOW.getTime() - 30_000 + (scope === 'all' ? 10_000 : 0)).toISOString(),
			customerId: 'bg-cus-01',
			scope
		});
		expect(await send('bg.staff', 'leaveCarePlus', leave('active_care'))).toMatchObject({
			status: 'applied'
		});
		expect((await customer('bg-cus-01'))!.carePlus).toMatchObject({
			activeCareConsent: false,
			endedAt: null
		});
		expect(await send('bg.staff', 'leaveCarePlus', leave('all'))).toMatchObject({
			status: 'applied'
		});
		expect((await customer('bg-cus-01'))!.carePlus!.endedAt).not.toBeNull();
	});

	it('fail: CP-1 Care Plus outside BG is rejected; CP-1 terms not accepted are flagged', async () => {
		expect(
			await send(
				'ge.staff',
				'enrolCarePlus',
				enrol({ posId: GE_STORE, customerId: 'ge-cus-03', serials: ['GEH1000021'] })
			)
		).toMatchObject({ status: 'rejected', code: 'CP-1' });
		expect(
			await send(
				'bg.staff',
				'enrolCarePlus',
				enrol({
					customerId: 'bg-cus-02',
					serials: ['BGH1000002', 'BGC1000002'],
					termsAccepted: false
				})
			)
		).toMatchObject({ status: 'flagged', code: 'CP-1' });
	});

	const ext = (over: Partial<SellExtendedWarrantyArgs> = {}): SellExtendedWarrantyArgs => ({
		serviceId: randomUUID(),
		posId: GE_STORE,
		performedAt: AT,
		customerId: 'ge-cus-03',
		serials: ['GEH1000021', 'GEC1000021'],
		months: 12,
		price: 49,
		until: '2028-02-13',
		nicotineUser: true,
		...over
	});

	it('pass: EXT-2 the extended warranty for the whole kit sets the new end date', async () => {
		expect(await send('ge.staff', 'sellExtendedWarranty', ext())).toMatchObject({
			status: 'applied'
		});
		expect((await unit('GEC1000021'))?.extendedWarrantyUntil).toBe('2028-02-13');
	});

	it('fail: EXT-1 a tobacconist that does not sell it is rejected; EXT-2 half a kit is flagged', async () => {
		expect(
			await send(
				'ge.partner',
				'sellExtendedWarranty',
				ext({
					posId: GE_TOBACCONIST,
					customerId: 'ge-cus-04',
					serials: ['GEH1000022', 'GEC1000022']
				})
			)
		).toMatchObject({ status: 'rejected', code: 'EXT-1' });
		expect(
			await send(
				'ge.staff',
				'sellExtendedWarranty',
				ext({ customerId: 'ge-cus-04', serials: ['GEH1000022'] })
			)
		).toMatchObject({ status: 'flagged', code: 'EXT-2' });
	});

	const buy = (over: Partial<BuyBackArgs> = {}): BuyBackArgs => ({
		serviceId: randomUUID(),
		posId: HU_STORE,
		performedAt: AT,
		customerId: 'hu-cus-01',
		serials: ['HUH1000001', 'HUC1000001'],
		videosWatched: true,
		...over
	});

	it('pass: BUY-1 within 14 days the device leaves the customer', async () => {
		expect(await send('hu.staff', 'buyBack', buy())).toMatchObject({ status: 'applied' });
		expect((await unit('HUH1000001'))?.customerId).toBeNull();
	});

	it('fail: BUY-1 after 14 days is flagged; outside HU it is rejected', async () => {
		expect(
			await send(
				'hu.staff',
				'buyBack',
				buy({ customerId: 'hu-cus-03', serials: ['HUH1000003', 'HUC1000003'] })
			)
		).toMatchObject({ status: 'flagged', code: 'BUY-1' });
		expect(
			await send(
				'ge.staff',
				'buyBack',
				buy({ posId: GE_STORE, customerId: 'ge-cus-04', serials: ['GEH1000022', 'GEC1000022'] })
			)
		).toMatchObject({ status: 'rejected', code: 'BUY-1' });
	});

	it('fail: forbidden a point of sale of another staff member; not_found an unknown customer', async () => {
		expect(
			await send('ge.partner', 'registerDevice', register('ge-c-001', kit('1000001')))
		).toMatchObject({ status: 'rejected', code: 'forbidden' });
		expect(
			await send('ge.staff', 'registerDevice', register('nobody', kit('1000001')))
		).toMatchObject({ status: 'rejected', code: 'not_found' });
	});
});
