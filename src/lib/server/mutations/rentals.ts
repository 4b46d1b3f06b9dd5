import { and, eq, ne } from 'drizzle-orm';
import {
	canOverride,
	rentalReturnVerdict,
	rentalStartVerdict,
	type MutationResult,
	type Reason,
	type StaffProfile
} from '$lib/domain';
import {
	attestedAnswers,
	blacklistRecord,
	rentalContractOf,
	rentalIdCheckOf,
	rentalReturnRecord,
	rentalStartRecords,
	rentalWasLate,
	returnedRental,
	type ConfirmBlacklistArgs,
	type ReturnRentalArgs,
	type StartRentalArgs
} from '$lib/domain/mutations/rentals';
import type { Db } from '../db';
import { rentalFromRow, rentalToRow, serviceToRow } from '../db/mapping';
import { components, customers, rentals, services } from '../db/schema';
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
 * RNT at the server, with the same verdicts the tablet ran: a start is authorised (RNT-1: this
 * point of sale rents) and then decided on server state — a second rental or a device
 * registered meanwhile on another tablet is recorded and flagged, never lost. The AGE-3 / RNT-6
 * answers never arrive: the tablet's attestation stands for them.
 */

async function rentalInMarket(tx: Db, staff: StaffProfile, rentalId: string) {
	const [row] = await tx.select().from(rentals).where(eq(rentals.id, rentalId));
	if (!row || row.deleted) throw new Rejection('not_found', 'unknown rental');
	if (row.marketCode !== staff.marketCode)
		throw new Rejection('forbidden', 'the rental belongs to another market');
	return row;
}

const perCustomer = (customerId: string) => (r: Reason) => ({
	dedupeKey: `${r.rule}:${customerId}`,
	subject: `customer:${customerId}`
});

export async function startRental(
	tx: Db,
	staff: StaffProfile,
	args: StartRentalArgs,
	ctx: HandlerContext
): Promise<MutationResult> {
	const pos = await authorisedPos(tx, staff, args.posId);
	const customer = await customerInMarket(tx, staff, args.customerId);
	await serviceIdFree(tx, args.serviceId);
	const [taken] = await tx
		.select({ id: rentals.id })
		.from(rentals)
		.where(eq(rentals.id, args.rentalId));
	if (taken) throw new Rejection('invalid_args', 'rentalId is already used by another rental');

	const { version, policy: market } = ctx.writes;
	const performedAt = counterTime(args.performedAt, ctx.now);
	// counted under the customer's lock: two tablets renting at once both see each other (RNT-3)
	const devices = await tx
		.select({ serial: components.serial })
		.from(components)
		.where(and(eq(components.customerId, customer.id), eq(components.deleted, false)));
	const before = await tx
		.select({ id: rentals.id })
		.from(rentals)
		.where(
			and(
				eq(rentals.customerId, customer.id),
				eq(rentals.deleted, false),
				ne(rentals.id, args.rentalId)
			)
		);
	const verdict = rentalStartVerdict({
		market,
		pos,
		customer,
		registeredDevices: devices.length,
		previousRentals: before.length,
		staffApproves: true,
		contract: rentalContractOf(args),
		id: rentalIdCheckOf(args.id),
		answers: attestedAnswers(args.ageThreeConfirmed),
		at: performedAt
	});
	// RNT-1 (no rental here) rejects; an override only from a supervisor, for the rules it names
	const { broken } = decide(staff, verdict, args.override);

	const { rental, service } = rentalStartRecords(
		{ ...args, performedAt: performedAt.toISOString() },
		staff.id,
		market.code,
		ctx.now.toISOString()
	);
	flagService(service, broken);
	await tx.insert(rentals).values(rentalToRow(rental, market.code, { version }));
	await tx.insert(services).values(serviceToRow(service, { version }));
	return flagOrApply(tx, {
		ctx,
		market,
		broken,
		serviceId: service.id,
		keyOf: perCustomer(customer.id)
	});
}

export async function returnRental(
	tx: Db,
	staff: StaffProfile,
	args: ReturnRentalArgs,
	ctx: HandlerContext
): Promise<MutationResult> {
	await authorisedPos(tx, staff, args.posId);
	const row = await rentalInMarket(tx, staff, args.rentalId);
	await serviceIdFree(tx, args.serviceId);

	const { version, policy: market } = ctx.writes;
	const performedAt = counterTime(args.performedAt, ctx.now);
	const rental = rentalFromRow(row);
	const verdict = rentalReturnVerdict({ market, rental, at: performedAt });
	// taking a device back is always accepted; returned twice (two tablets) is flagged
	const { broken } = decide(staff, verdict, null);
	const at = performedAt.toISOString();
	const service = rentalReturnRecord(
		{ ...args, performedAt: at },
		rental,
		staff.id,
		market.code,
		{
			late: verdict.proposeBlacklist,
			early: performedAt.getTime() < new Date(rental.dueAt).getTime()
		},
		ctx.now.toISOString()
	);
	if (broken.length) {
		flagService(service, broken);
	} else {
		const returned = returnedRental(rental, { ...args, performedAt: at });
		await tx
			.update(rentals)
			.set({ returnedAt: performedAt, status: returned.status, version })
			.where(eq(rentals.id, rental.id));
	}
	await tx.insert(services).values(serviceToRow(service, { version }));
	return flagOrApply(tx, {
		ctx,
		market,
		broken,
		serviceId: service.id,
		keyOf: (r) => ({ dedupeKey: `${r.rule}:rental:${rental.id}`, subject: `rental:${rental.id}` })
	});
}

export async function confirmBlacklist(
	tx: Db,
	staff: StaffProfile,
	args: ConfirmBlacklistArgs,
	ctx: HandlerContext
): Promise<MutationResult> {
	// RNT-7: a supervisor decides, with a written reason
	if (!canOverride(staff.role))
		throw new Rejection('forbidden', 'only a supervisor may put a customer on the blacklist');
	await authorisedPos(tx, staff, args.posId);
	const customer = await customerInMarket(tx, staff, args.customerId);
	const row = await rentalInMarket(tx, staff, args.rentalId);
	if (row.customerId !== customer.id)
		throw new Rejection('invalid_args', 'the rental belongs to another customer');
	await serviceIdFree(tx, args.serviceId);

	const { version, policy: market } = ctx.writes;
	const rental = rentalFromRow(row);
	if (!rentalWasLate(rental, market.rental.lateGraceHours, ctx.now))
		throw new Rejection('RNT-7', 'rnt.blacklistNotLate');

	await tx
		.update(customers)
		.set({ blacklisted: true, updatedAt: ctx.now, version })
		.where(eq(customers.id, customer.id));
	const service = blacklistRecord(
		{ ...args, performedAt: counterTime(args.performedAt, ctx.now).toISOString() },
		rental.contract?.serial || rental.modelId,
		staff.id,
		market.code,
		ctx.now.toISOString()
	);
	await tx.insert(services).values(serviceToRow(service, { version }));
	return { id: ctx.id, status: 'applied' };
}
