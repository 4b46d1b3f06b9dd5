import { eq } from 'drizzle-orm';
import {
	reservationCancelVerdict,
	reservationPickupVerdict,
	type MutationResult,
	type Reason,
	type StaffProfile
} from '$lib/domain';
import { attestedAnswers } from '$lib/domain/mutations/rentals';
import {
	cancelRecord,
	pickupIdCheckOf,
	pickupRecord,
	refusalRecord,
	type CancelReservationArgs,
	type PickUpReservationArgs,
	type RefuseReservationArgs
} from '$lib/domain/mutations/reservations';
import type { Db } from '../db';
import { reservationFromRow, serviceToRow } from '../db/mapping';
import { reservations, services } from '../db/schema';
import {
	Rejection,
	authorisedPos,
	counterTime,
	customerInMarket,
	decide,
	flagOrApply,
	flagService,
	serviceIdFree,
	type HandlerContext
} from './context';

/**
 * RSV at the counter, decided on server state with the tablet's verdict functions. A pickup the
 * server finds expired (the 48-hour hold ended by the server clock, RSV-2) or cancelled meanwhile
 * through the call centre is still a fact — the customer left with the goods — so it is recorded
 * and flagged for a supervisor.
 */

/** A reservation of one of the staff member's points of sale (those are the ones they see). */
async function reservationHere(tx: Db, staff: StaffProfile, id: string) {
	const [row] = await tx.select().from(reservations).where(eq(reservations.id, id));
	if (!row || row.deleted) throw new Rejection('not_found', 'unknown reservation');
	if (row.marketCode !== staff.marketCode || !staff.posIds.includes(row.posId))
		throw new Rejection('forbidden', 'the reservation is for a point of sale not assigned to you');
	return row;
}

const perReservation = (id: string) => (r: Reason) => ({
	dedupeKey: `${r.rule}:reservation:${id}`,
	subject: `reservation:${id}`
});

export async function pickUpReservation(
	tx: Db,
	staff: StaffProfile,
	args: PickUpReservationArgs,
	ctx: HandlerContext
): Promise<MutationResult> {
	const pos = await authorisedPos(tx, staff, args.posId);
	const row = await reservationHere(tx, staff, args.reservationId);
	const customer = await customerInMarket(tx, staff, args.customerId);
	await serviceIdFree(tx, args.serviceId);

	const { version, policy: market } = ctx.writes;
	const performedAt = counterTime(args.performedAt, ctx.now);
	const reservation = reservationFromRow(row);
	const verdict = reservationPickupVerdict({
		market,
		pos,
		customer,
		reservation,
		resident: args.resident,
		dataMatch: args.dataMatch,
		id: pickupIdCheckOf(args.id),
		answers: attestedAnswers(args.ageThreeConfirmed),
		at: performedAt
	});
	const { broken } = decide(staff, verdict, args.override);
	const service = pickupRecord(
		{ ...args, performedAt: performedAt.toISOString() },
		reservation,
		staff.id,
		market.code,
		ctx.now.toISOString()
	);
	flagService(service, broken);
	// picked up is what happened, whatever the hold said: the goods left the counter
	if (reservation.status === 'open')
		await tx
			.update(reservations)
			.set({ status: 'picked_up', version })
			.where(eq(reservations.id, reservation.id));
	await tx.insert(services).values(serviceToRow(service, { version }));
	return flagOrApply(tx, {
		ctx,
		market,
		broken,
		serviceId: service.id,
		keyOf: perReservation(reservation.id)
	});
}

export async function refuseReservation(
	tx: Db,
	staff: StaffProfile,
	args: RefuseReservationArgs,
	ctx: HandlerContext
): Promise<MutationResult> {
	await authorisedPos(tx, staff, args.posId);
	const row = await reservationHere(tx, staff, args.reservationId);
	await serviceIdFree(tx, args.serviceId);
	const { version, policy: market } = ctx.writes;
	const service = refusalRecord(
		{ ...args, performedAt: counterTime(args.performedAt, ctx.now).toISOString() },
		reservationFromRow(row),
		staff.id,
		market.code,
		ctx.now.toISOString()
	);
	await tx.insert(services).values(serviceToRow(service, { version }));
	return { id: ctx.id, status: 'applied' };
}

export async function cancelReservation(
	tx: Db,
	staff: StaffProfile,
	args: CancelReservationArgs,
	ctx: HandlerContext
): Promise<MutationResult> {
	await authorisedPos(tx, staff, args.posId);
	const row = await reservationHere(tx, staff, args.reservationId);
	await serviceIdFree(tx, args.serviceId);
	const { version, policy: market } = ctx.writes;
	const performedAt = counterTime(args.performedAt, ctx.now);
	const reservation = reservationFromRow(row);
	const verdict = reservationCancelVerdict({
		market,
		reservation,
		channel: 'pos',
		at: performedAt
	});
	const { broken } = decide(staff, verdict, null);
	const service = cancelRecord(
		{ ...args, performedAt: performedAt.toISOString() },
		reservation,
		staff.id,
		market.code,
		ctx.now.toISOString()
	);
	if (broken.length) {
		// cancelled after it was bought (another tablet recorded the pickup): kept, flagged
		flagService(service, broken);
	} else if (reservation.status === 'open')
		await tx
			.update(reservations)
			.set({ status: 'cancelled', version })
			.where(eq(reservations.id, reservation.id));
	await tx.insert(services).values(serviceToRow(service, { version }));
	return flagOrApply(tx, {
		ctx,
		market,
		broken,
		serviceId: service.id,
		keyOf: perReservation(reservation.id)
	});
}
