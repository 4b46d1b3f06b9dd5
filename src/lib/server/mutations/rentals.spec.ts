import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
	ConfirmBlacklistArgs,
	ReturnRentalArgs,
	StartRentalArgs
} from '$lib/domain/mutations/rentals';
import type {
	CancelReservationArgs,
	PickUpReservationArgs,
	RefuseReservationArgs
} from '$lib/domain/mutations/reservations';
import type { Db } from '../db';
import * as t from '../db/schema';
import { DEMO_EXPIRED_RESERVATION } from '../integrations/demo-keys';
import { testDrivers } from '../testing';
import { seededServer } from '../test-harness';

/**
 * Rentals and reservation pickups through push on both databases (the "same verdict on tablet
 * and server" check is tests/integration/rentals-same-verdict.spec.ts: it needs both layers).
 */

const NOW = new Date('2026-03-15T10:00:00.000Z');
const STORE = 'ge-tbilisi-store';
const drivers = await testDrivers();

const ID = { type: 'id_card', lastCharacters: '4f2a', original: true, valid: true } as const;
const SIGNATURE = 'M 10 10 L 50 40 L 90 20';

function startArgs(over: Partial<StartRentalArgs> = {}): StartRentalArgs {
	return {
		rentalId: randomUUID(),
		serviceId: randomUUID(),
		customerId: 'ge-rnt-01',
		posId: STORE,
		performedAt: new Date(NOW.getTime() - 60_000).toISOString(),
		modelId: 'iluma-one',
		serial: 'GERENT9001',
		price: 3000,
		currency: 'GEL',
		days: 7,
		returnTermsSigned: true,
		id: { ...ID },
		ageThreeConfirmed: true,
		signature: SIGNATURE,
		...over
	};
}

describe.each(drivers)('rentals and reservations on $name', ({ name, available }) => {
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

	const rentalRow = async (id: string) =>
		(await db.select().from(t.rentals).where(eq(t.rentals.id, id)))[0];
	const customerRow = async (id: string) =>
		(await db.select().from(t.customers).where(eq(t.customers.id, id)))[0];
	const serviceRow = async (id: string) =>
		(await db.select().from(t.services).where(eq(t.services.id, id)))[0];

	it('starts a rental: rental row and service with a version, contract without health data', async () => {
		const args = startArgs();
		const result = await send('ge.staff', 'startRental', args);
		expect(result.status).toBe('applied');
		const rental = await rentalRow(args.rentalId);
		expect(rental).toMatchObject({ customerId: 'ge-rnt-01', status: 'active', returnedAt: null });
		expect(rental!.version).toBeGreaterThan(1);
		expect(rental!.dueAt.toISOString()).toBe(
			new Date(new Date(args.performedAt).getTime() + 7 * 86_400_000).toISOString()
		);
		expect(rental!.contract).toMatchObject({
			idType: 'id_card',
			idLast: '4F2A',
			signature: SIGNATURE
		});
		const service = await serviceRow(args.serviceId);
		expect(service).toMatchObject({ type: 'rental_start', status: 'recorded' });
		expect(JSON.stringify(service)).not.toMatch(/pregnan/i);
	});

	it('refuses arguments that carry health answers (strict schema)', async () => {
		const result = await send('ge.staff', 'startRental', {
			...startArgs({ customerId: 'ge-rnt-02' }),
			answers: { pregnant: false }
		});
		expect(result).toMatchObject({ status: 'rejected', code: 'invalid_args' });
	});

	it('RNT-3: a second rental is recorded and flagged; a supervisor override lifts it', async () => {
		const second = await send('ge.staff', 'startRental', startArgs());
		expect(second).toMatchObject({ status: 'flagged', code: 'RNT-3' });
		const staffOverride = await send(
			'ge.staff',
			'startRental',
			startArgs({ override: { reason: 'Regular customer, device in repair', rules: ['RNT-3'] } })
		);
		expect(staffOverride).toMatchObject({ status: 'rejected', code: 'forbidden' });
		const lifted = await send(
			'ge.supervisor',
			'startRental',
			startArgs({ override: { reason: 'Regular customer, device in repair', rules: ['RNT-3'] } })
		);
		expect(lifted.status).toBe('applied');
	});

	it('RNT-1: a point of sale without rental is rejected, nothing written', async () => {
		const args = startArgs({ customerId: 'ge-rnt-02', posId: 'ge-tbilisi-popup' });
		const result = await send('ge.specialist', 'startRental', args);
		expect(result).toMatchObject({ status: 'rejected', code: 'RNT-1' });
		expect(await rentalRow(args.rentalId)).toBeUndefined();
	});

	it('RNT-2: a customer with a registered device is flagged without an override', async () => {
		const result = await send('ge.staff', 'startRental', startArgs({ customerId: 'ge-rnt-06' }));
		expect(result).toMatchObject({ status: 'flagged', code: 'RNT-2' });
	});

	it('returns early with no refund, and late with a blacklist proposal a supervisor confirms', async () => {
		const early = startArgs({ customerId: 'ge-rnt-05' });
		expect((await send('ge.staff', 'startRental', early)).status).toBe('applied');
		const back: ReturnRentalArgs = {
			serviceId: randomUUID(),
			rentalId: early.rentalId,
			posId: STORE,
			performedAt: NOW.toISOString()
		};
		expect((await send('ge.staff', 'returnRental', back)).status).toBe('applied');
		expect((await serviceRow(back.serviceId))!.details).toMatchObject({
			early: true,
			late: false,
			refund: 0
		});
		expect((await rentalRow(early.rentalId))!.status).toBe('returned');

		// a supervisor may not blacklist after an on-time/early return
		const notLate: ConfirmBlacklistArgs = {
			serviceId: randomUUID(),
			customerId: 'ge-rnt-05',
			rentalId: early.rentalId,
			posId: STORE,
			performedAt: NOW.toISOString(),
			reason: 'Trying to blacklist anyway'
		};
		expect(await send('ge.supervisor', 'confirmBlacklist', notLate)).toMatchObject({
			status: 'rejected',
			code: 'RNT-7'
		});

		const late: ReturnRentalArgs = {
			serviceId: randomUUID(),
			rentalId: 'ge-rent-late-1',
			posId: STORE,
			performedAt: NOW.toISOString()
		};
		expect((await send('ge.staff', 'returnRental', late)).status).toBe('applied');
		expect((await serviceRow(late.serviceId))!.details).toMatchObject({
			late: true,
			proposeBlacklist: true
		});
		const confirm: ConfirmBlacklistArgs = {
			serviceId: randomUUID(),
			customerId: 'ge-rnt-03',
			rentalId: 'ge-rent-late-1',
			posId: STORE,
			performedAt: NOW.toISOString(),
			reason: 'Returned two days late without notice'
		};
		expect(await send('ge.staff', 'confirmBlacklist', confirm)).toMatchObject({
			status: 'rejected',
			code: 'forbidden'
		});
		expect((await customerRow('ge-rnt-03'))!.blacklisted).toBe(false);
		expect(
			(await send('ge.supervisor', 'confirmBlacklist', { ...confirm, serviceId: randomUUID() }))
				.status
		).toBe('applied');
		const customer = await customerRow('ge-rnt-03');
		expect(customer!.blacklisted).toBe(true);
		expect(customer!.version).toBeGreaterThan(1);
	});

	it('reservations: pickup, refusal that keeps it held, counter cancel; an expired pickup is flagged', async () => {
		const [open] = await db.select().from(t.reservations).where(eq(t.reservations.id, 'ge-r-1'));
		expect(open).toBeDefined();
		const refuse: RefuseReservationArgs = {
			serviceId: randomUUID(),
			reservationId: 'ge-r-1',
			posId: open!.posId,
			performedAt: NOW.toISOString(),
			reason: 'no_valid_id'
		};
		const who = open!.posId === STORE ? 'ge.staff' : 'ge.partner';
		expect((await send(who, 'refuseReservation', refuse)).status).toBe('applied');
		const [stillOpen] = await db
			.select()
			.from(t.reservations)
			.where(eq(t.reservations.id, 'ge-r-1'));
		expect(stillOpen!.status).toBe('open');

		const pickup: PickUpReservationArgs = {
			serviceId: randomUUID(),
			reservationId: 'ge-r-1',
			customerId: open!.customerId,
			posId: open!.posId,
			performedAt: NOW.toISOString(),
			resident: true,
			dataMatch: true,
			id: { ...ID, original: false },
			ageThreeConfirmed: true
		};
		expect((await send(who, 'pickUpReservation', pickup)).status).toBe('applied');
		const [picked] = await db.select().from(t.reservations).where(eq(t.reservations.id, 'ge-r-1'));
		expect(picked!.status).toBe('picked_up');
		expect(picked!.version).toBeGreaterThan(1);

		const expired: PickUpReservationArgs = {
			...pickup,
			serviceId: randomUUID(),
			reservationId: DEMO_EXPIRED_RESERVATION.id,
			customerId: 'ge-rsv-01',
			posId: STORE
		};
		expect(await send('ge.staff', 'pickUpReservation', expired)).toMatchObject({
			status: 'flagged',
			code: 'RSV-2'
		});

		const [second] = await db.select().from(t.reservations).where(eq(t.reservations.id, 'ge-r-2'));
		const cancel: CancelReservationArgs = {
			serviceId: randomUUID(),
			reservationId: 'ge-r-2',
			posId: second!.posId,
			performedAt: NOW.toISOString()
		};
		expect((await send('ge.staff', 'cancelReservation', cancel)).status).toBe('applied');
		const [cancelled] = await db
			.select()
			.from(t.reservations)
			.where(eq(t.reservations.id, 'ge-r-2'));
		expect(cancelled!.status).toBe('cancelled');

		// a reservation of a point of sale not assigned to the staff member
		expect(
			await send('ge.specialist', 'cancelReservation', {
				...cancel,
				serviceId: randomUUID(),
				posId: 'ge-tbilisi-popup'
			})
		).toMatchObject({ status: 'rejected', code: 'forbidden' });
	});
});
