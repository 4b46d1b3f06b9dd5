import {
	reservationExpiresAt,
	reservationPickupVerdict,
	reservationState,
	type Age3Answers,
	type Customer,
	type DeviceModel,
	type IdCheck,
	type MarketPolicy,
	type PointOfSale,
	type Reservation,
	type ReservationState,
	type ServiceRecord,
	type Verdict
} from '$lib/domain';
import type { ReplicaDb } from '../replica';

/** Reads of the reservation pickup screens (RSV), from the replica only. */

/** A code as typed or scanned: upper case, no spaces or dashes. */
export function normalizeCode(raw: string): string {
	return raw.toUpperCase().replace(/[\s-]/g, '');
}

export interface ReservationView {
	reservation: Reservation;
	customer: Customer | undefined;
	pos: PointOfSale | undefined;
	market: MarketPolicy | undefined;
	models: Map<string, DeviceModel>;
	/** Pickups, refusals and cancellations recorded for it, newest first. */
	services: ServiceRecord[];
}

export async function findReservation(
	db: ReplicaDb,
	rawCode: string
): Promise<ReservationView | null> {
	const code = normalizeCode(rawCode);
	if (!code) return null;
	const [reservation] = await db.reservations.where('code').equals(code).toArray();
	if (!reservation) return null;
	const [customer, pos, models] = await Promise.all([
		db.customers.get(reservation.customerId),
		db.pointsOfSale.get(reservation.posId),
		db.deviceModels.toArray()
	]);
	const market = customer ? await db.markets.get(customer.marketCode) : undefined;
	const services = customer
		? (await db.services.where('customerId').equals(customer.id).toArray())
				.filter((s) => s.details.reservationId === reservation.id)
				.sort((a, b) => b.performedAt.localeCompare(a.performedAt))
		: [];
	return {
		reservation,
		customer,
		pos,
		market,
		models: new Map(models.map((m) => [m.id, m])),
		services
	};
}

export interface PickupInput {
	resident: boolean | null;
	dataMatch: boolean | null;
	id: IdCheck | null;
	/** Read on the tablet only; never stored or sent. */
	answers: Age3Answers | null;
}

/** RSV-1..RSV-3, AGE-1..AGE-3: the verdict the server runs again at sync. */
export function previewPickup(
	view: ReservationView & { customer: Customer; market: MarketPolicy },
	pos: PointOfSale,
	input: PickupInput,
	at: Date
): Verdict {
	return reservationPickupVerdict({
		market: view.market,
		pos,
		customer: view.customer,
		reservation: view.reservation,
		resident: input.resident,
		dataMatch: input.dataMatch,
		id: input.id,
		answers: input.answers,
		at
	});
}

export interface ReservationRow {
	reservation: Reservation;
	customer: Customer | undefined;
	state: ReservationState;
	expiresAt: Date;
}

/** Reservations of the given points of sale, open (held) ones first, by hold end. */
export async function reservationsAt(
	db: ReplicaDb,
	market: MarketPolicy,
	posIds: string[],
	at: Date
): Promise<ReservationRow[]> {
	const all = await db.reservations.where('posId').anyOf(posIds).toArray();
	const rows = await Promise.all(
		all.map(async (reservation) => ({
			reservation,
			customer: await db.customers.get(reservation.customerId),
			state: reservationState(reservation, market, at),
			expiresAt: reservationExpiresAt(reservation, market)
		}))
	);
	const order: Record<ReservationState, number> = {
		open: 0,
		expired: 1,
		picked_up: 2,
		cancelled: 3
	};
	return rows.sort(
		(a, b) => order[a.state] - order[b.state] || a.expiresAt.getTime() - b.expiresAt.getTime()
	);
}
