import {
	rentalOverdue,
	rentalReturnVerdict,
	rentalStartVerdict,
	type Age3Answers,
	type Customer,
	type DeviceModel,
	type IdCheck,
	type MarketPolicy,
	type PointOfSale,
	type Rental,
	type RentalContract,
	type RentalReturnVerdict,
	type RentalVerdict,
	type ServiceRecord
} from '$lib/domain';
import { rentalWasLate } from '$lib/domain/mutations/rentals';
import type { ReplicaDb } from '../replica';

/** Reads of the rental screens (RNT), from the replica only. */

export interface RentalStartFacts {
	customer: Customer;
	market: MarketPolicy;
	pos: PointOfSale;
	models: DeviceModel[];
	/** Units registered to the customer (RNT-2). */
	registeredDevices: number;
	/** Rentals the customer had before (RNT-3). */
	previousRentals: number;
}

/** What the start screen needs, or null when the replica lacks it (not synced yet). */
export async function rentalStartFacts(
	db: ReplicaDb,
	customerId: string,
	posId: string,
	exceptRentalId: string | null = null
): Promise<RentalStartFacts | null> {
	const customer = await db.customers.get(customerId);
	if (!customer) return null;
	const [market, pos, models, devices, rentals] = await Promise.all([
		db.markets.get(customer.marketCode),
		db.pointsOfSale.get(posId),
		db.deviceModels.toArray(),
		db.components.where('customerId').equals(customerId).toArray(),
		db.rentals.where('customerId').equals(customerId).toArray()
	]);
	if (!market || !pos) return null;
	return {
		customer,
		market,
		pos,
		models: models.sort((a, b) => a.name.localeCompare(b.name)),
		registeredDevices: devices.length,
		previousRentals: rentals.filter((r) => r.id !== exceptRentalId).length
	};
}

export interface RentalStartInput {
	contract: RentalContract | null;
	id: IdCheck | null;
	/** Read here on the tablet only; never stored or sent. */
	answers: Age3Answers | null;
}

/** RNT-1..RNT-6, AGE-1..AGE-3: the same verdict function the server runs at sync. */
export function previewRentalStart(
	facts: RentalStartFacts,
	input: RentalStartInput,
	at: Date
): RentalVerdict {
	return rentalStartVerdict({
		market: facts.market,
		pos: facts.pos,
		customer: facts.customer,
		registeredDevices: facts.registeredDevices,
		previousRentals: facts.previousRentals,
		staffApproves: true,
		contract: input.contract,
		id: input.id,
		answers: input.answers,
		at
	});
}

export interface RentalDetail {
	rental: Rental;
	customer: Customer | undefined;
	model: DeviceModel | undefined;
	pos: PointOfSale | undefined;
	market: MarketPolicy | undefined;
	/** Services of this rental (start, return, blacklist), oldest first. */
	services: ServiceRecord[];
}

export async function rentalDetail(db: ReplicaDb, rentalId: string): Promise<RentalDetail | null> {
	const rental = await db.rentals.get(rentalId);
	if (!rental) return null;
	const [customer, model, pos, services] = await Promise.all([
		db.customers.get(rental.customerId),
		db.deviceModels.get(rental.modelId),
		db.pointsOfSale.get(rental.posId),
		db.services.where('customerId').equals(rental.customerId).toArray()
	]);
	const market = customer ? await db.markets.get(customer.marketCode) : undefined;
	return {
		rental,
		customer,
		model,
		pos,
		market,
		services: services
			.filter((s) => s.details.rentalId === rentalId)
			.sort((a, b) => a.performedAt.localeCompare(b.performedAt))
	};
}

export function previewReturn(
	detail: RentalDetail & { market: MarketPolicy },
	at: Date
): RentalReturnVerdict {
	return rentalReturnVerdict({ market: detail.market, rental: detail.rental, at });
}

export interface RentalRow {
	rental: Rental;
	customer: Customer | undefined;
	pos: PointOfSale | undefined;
	/** Hours past the due instant (overdue) at the time of the query. */
	hoursLate: number;
}

/**
 * Rentals not returned whose due instant (plus grace) has passed by `at` — computed, never a
 * stored status (RNT-7). `posIds` null = the whole market (supervisors).
 */
export async function overdueRentals(
	db: ReplicaDb,
	market: MarketPolicy,
	posIds: string[] | null,
	at: Date
): Promise<RentalRow[]> {
	const rentals = await db.rentals.toArray();
	const rows = rentals.filter(
		(r) => (posIds === null || posIds.includes(r.posId)) && rentalOverdue(r, market, at)
	);
	return withPeople(db, rows, at);
}

/**
 * RNT-7 proposals: rentals late (returned late or still out) whose customer is not blacklisted
 * and for which no blacklist decision was recorded.
 */
export async function blacklistProposals(
	db: ReplicaDb,
	market: MarketPolicy,
	posIds: string[] | null,
	at: Date
): Promise<RentalRow[]> {
	const [rentals, decided] = await Promise.all([
		db.rentals.toArray(),
		db.services.where('type').equals('blacklist').toArray()
	]);
	const done = new Set(decided.map((s) => String(s.details.rentalId)));
	const late = rentals.filter(
		(r) =>
			r.returnedAt !== null &&
			(posIds === null || posIds.includes(r.posId)) &&
			!done.has(r.id) &&
			rentalWasLate(r, market.rental.lateGraceHours, at)
	);
	const rows = await withPeople(db, late, at);
	return rows.filter((r) => r.customer && !r.customer.blacklisted);
}

async function withPeople(db: ReplicaDb, rentals: Rental[], at: Date): Promise<RentalRow[]> {
	const rows = await Promise.all(
		rentals.map(async (rental) => ({
			rental,
			customer: await db.customers.get(rental.customerId),
			pos: await db.pointsOfSale.get(rental.posId),
			hoursLate: Math.max(
				0,
				Math.floor(
					((rental.returnedAt ? new Date(rental.returnedAt) : at).getTime() -
						new Date(rental.dueAt).getTime()) /
						3_600_000
				)
			)
		}))
	);
	return rows.sort((a, b) => a.rental.dueAt.localeCompare(b.rental.dueAt));
}

/** Open (not returned) rentals of a customer. */
export async function openRentalsOf(db: ReplicaDb, customerId: string): Promise<Rental[]> {
	const rentals = await db.rentals.where('customerId').equals(customerId).toArray();
	return rentals.filter((r) => r.returnedAt === null);
}
