import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Customer, Reservation, StaffProfile } from '$lib/domain';
import type { StartRentalArgs } from '$lib/domain/mutations/rentals';
import { discardRejected, reapplyPending, recordAction } from '../mutators';
import { ReplicaDb } from '../replica';

/** The rental and reservation effects on the tablet: idempotent puts, undone when discarded. */

const staff: StaffProfile = {
	id: 'ge-u-staff',
	username: 'ge.staff',
	displayName: 'Staff',
	role: 'staff',
	marketCode: 'GE',
	posIds: ['ge-tbilisi-store']
};
const customer: Customer = {
	id: 'ge-rnt-01',
	marketCode: 'GE',
	firstName: 'Eka',
	lastName: 'Chikovani',
	phone: '+995 599 100 101',
	dateOfBirth: '1988-03-09',
	registered: true,
	blacklisted: false,
	carePlus: null,
	updatedAt: '2026-01-01T00:00:00.000Z'
};
const reservation: Reservation = {
	id: 'r-1',
	code: 'GE123456',
	customerId: 'ge-rnt-01',
	posId: 'ge-tbilisi-store',
	confirmedAt: '2026-03-15T08:00:00.000Z',
	items: [{ sku: 'iluma', quantity: 1 }],
	status: 'open'
};
const AT = '2026-03-15T10:00:00.000Z';

function start(): StartRentalArgs {
	return {
		rentalId: crypto.randomUUID(),
		serviceId: crypto.randomUUID(),
		customerId: customer.id,
		posId: 'ge-tbilisi-store',
		performedAt: AT,
		modelId: 'iluma-one',
		serial: 'GERENT0001',
		price: 3000,
		currency: 'GEL',
		days: 14,
		returnTermsSigned: true,
		id: { type: 'passport', lastCharacters: 'k91', original: true, valid: true },
		ageThreeConfirmed: true,
		signature: 'M 1 1 L 5 5'
	};
}

let db: ReplicaDb;
beforeEach(async () => {
	db = new ReplicaDb(`effects-${crypto.randomUUID()}`);
	await db.open();
	await db.customers.put(customer);
	await db.reservations.put(reservation);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('rental effects', () => {
	it('start puts the rental (due = start + days) and the service; re-applying changes nothing', async () => {
		const args = start();
		await recordAction(db, 'startRental', args, staff, new Date(AT));
		const rental = await db.rentals.get(args.rentalId);
		expect(rental).toMatchObject({
			status: 'active',
			returnedAt: null,
			dueAt: '2026-03-29T10:00:00.000Z',
			contract: { idLast: 'K91', signature: 'M 1 1 L 5 5', lengthDays: 14 }
		});
		expect(await db.services.get(args.serviceId)).toMatchObject({ type: 'rental_start' });
		await reapplyPending(db, 'GE');
		expect(await db.rentals.count()).toBe(1);
		expect(await db.services.count()).toBe(1);
	});

	it('refuses health answers in the arguments and writes nothing', async () => {
		await expect(
			recordAction(
				db,
				'startRental',
				{ ...start(), pregnant: false } as unknown as StartRentalArgs,
				staff,
				new Date(AT)
			)
		).rejects.toThrow();
		expect(await db.outbox.count()).toBe(0);
		expect(await db.rentals.count()).toBe(0);
	});

	it('return marks it returned, the blacklist sets the flag; a discarded rejection undoes it', async () => {
		const args = start();
		await recordAction(db, 'startRental', args, staff, new Date(AT));
		const back = await recordAction(
			db,
			'returnRental',
			{
				serviceId: crypto.randomUUID(),
				rentalId: args.rentalId,
				posId: 'ge-tbilisi-store',
				performedAt: '2026-03-20T10:00:00.000Z'
			},
			staff,
			new Date(AT)
		);
		expect(await db.rentals.get(args.rentalId)).toMatchObject({ status: 'returned' });
		expect((await db.services.get(back.subjectId))!.details).toMatchObject({
			early: true,
			refund: 0
		});
		const black = await recordAction(
			db,
			'confirmBlacklist',
			{
				serviceId: crypto.randomUUID(),
				customerId: customer.id,
				rentalId: args.rentalId,
				posId: 'ge-tbilisi-store',
				performedAt: AT,
				reason: 'late without notice'
			},
			{ ...staff, role: 'supervisor' },
			new Date(AT)
		);
		expect((await db.customers.get(customer.id))!.blacklisted).toBe(true);
		await db.outbox.update(black.id, { status: 'rejected' });
		await discardRejected(db, black.id);
		expect((await db.customers.get(customer.id))!.blacklisted).toBe(false);
		await db.outbox.update(back.id, { status: 'rejected' });
		await discardRejected(db, back.id);
		expect(await db.rentals.get(args.rentalId)).toMatchObject({
			status: 'active',
			returnedAt: null
		});
	});
});

describe('reservation effects', () => {
	it('pickup, refusal and cancel write the status and the record; undo restores it', async () => {
		const refused = await recordAction(
			db,
			'refuseReservation',
			{
				serviceId: crypto.randomUUID(),
				reservationId: 'r-1',
				posId: 'ge-tbilisi-store',
				performedAt: AT,
				reason: 'data_mismatch'
			},
			staff,
			new Date(AT)
		);
		expect((await db.reservations.get('r-1'))!.status).toBe('open');
		expect((await db.services.get(refused.subjectId))!.details).toMatchObject({
			outcome: 'refused',
			reason: 'data_mismatch'
		});
		const picked = await recordAction(
			db,
			'pickUpReservation',
			{
				serviceId: crypto.randomUUID(),
				reservationId: 'r-1',
				customerId: customer.id,
				posId: 'ge-tbilisi-store',
				performedAt: AT,
				resident: true,
				dataMatch: true,
				id: { type: 'id_card', lastCharacters: '12', original: false, valid: true },
				ageThreeConfirmed: true
			},
			staff,
			new Date(AT)
		);
		expect((await db.reservations.get('r-1'))!.status).toBe('picked_up');
		await db.outbox.update(picked.id, { status: 'rejected' });
		await discardRejected(db, picked.id);
		expect((await db.reservations.get('r-1'))!.status).toBe('open');
		await recordAction(
			db,
			'cancelReservation',
			{
				serviceId: crypto.randomUUID(),
				reservationId: 'r-1',
				posId: 'ge-tbilisi-store',
				performedAt: AT
			},
			staff,
			new Date(AT)
		);
		expect((await db.reservations.get('r-1'))!.status).toBe('cancelled');
	});
});
