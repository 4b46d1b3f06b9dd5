import { and, eq, gte, lt, ne, sql } from 'drizzle-orm';
import {
	CLEANING_STICK_SKU,
	cleaningRecord,
	cleaningVerdict,
	monthKey,
	monthRange,
	type MutationResult,
	type Reason,
	type RecordCleaningArgs,
	type StaffProfile
} from '$lib/domain';
import type { Db } from '../db';
import { serviceToRow } from '../db/mapping';
import { services, stock } from '../db/schema';
import {
	authorisedPos,
	componentInMarket,
	counterTime,
	customerInMarket,
	decide,
	flagOrApply,
	serviceIdFree,
	type HandlerContext
} from './context';

/** CLN-1..CLN-4 at the server, with the same verdict function the tablet ran offline. */
export async function recordCleaning(
	tx: Db,
	staff: StaffProfile,
	args: RecordCleaningArgs,
	ctx: HandlerContext
): Promise<MutationResult> {
	const { now } = ctx;
	// independent look-ups, sent together: PostgreSQL answers them in one round trip (pipelined
	// on the transaction's connection); a rejection still names the first check that failed
	const [pos, customer, component] = await Promise.all([
		authorisedPos(tx, staff, args.posId),
		customerInMarket(tx, staff, args.customerId),
		componentInMarket(tx, staff, args.serial),
		serviceIdFree(tx, args.serviceId)
	]);

	// the customer is locked (mutations/locks.ts): the CLN-2 count below sees every earlier write
	const { version, policy: market } = ctx.writes;
	const performedAt = counterTime(args.performedAt, now);

	// CLN-2 counts by calendar month in the market's zone: only that month's rows are needed
	const month = monthRange(performedAt, market.timeZone);
	const stickId = `${args.posId}:${CLEANING_STICK_SKU}`;
	const [others, [sticks]] = await Promise.all([
		tx
			.select({ performedAt: services.performedAt })
			.from(services)
			.where(
				and(
					eq(services.customerId, customer.id),
					eq(services.type, 'cleaning'),
					gte(services.performedAt, month.start),
					lt(services.performedAt, month.end),
					eq(services.deleted, false),
					ne(services.id, args.serviceId)
				)
			),
		args.stickHandedOut
			? tx.select({ quantity: stock.quantity }).from(stock).where(eq(stock.id, stickId))
			: []
	]);
	const verdict = cleaningVerdict({
		market,
		pos,
		customer,
		component,
		otherCleanings: others.map((o) => o.performedAt),
		at: performedAt,
		stickRequested: args.stickHandedOut,
		sticksInStock: sticks?.quantity ?? 0
	});
	// CLN-4 (no cleaning tools here) is about what this point of sale may do: rejected, not
	// flagged; an override is honoured only from a supervisor, for the rules it names
	const { broken } = decide(staff, verdict, args.override);

	// CLN-3: the stick leaves stock only if there is one; the domain rule says what an empty
	// stock means for the cleaning (it goes on), so the server does not decide it again
	if (args.stickHandedOut && (sticks?.quantity ?? 0) > 0)
		await tx
			.update(stock)
			.set({ quantity: sql`${stock.quantity} - 1`, version })
			.where(and(eq(stock.id, stickId), gte(stock.quantity, 1)));

	const record = cleaningRecord(
		{ ...args, performedAt: performedAt.toISOString() },
		staff.id,
		market.code,
		now.toISOString()
	);
	const flaggedRules = [...new Set(broken.map((r) => r.rule))];
	if (flaggedRules.length > 0) {
		record.status = 'flagged';
		record.flaggedRules = flaggedRules;
	}
	await tx.insert(services).values(serviceToRow(record, { version }));

	const monthOf = monthKey(performedAt, market.timeZone);
	return flagOrApply(tx, {
		ctx,
		market,
		broken,
		serviceId: record.id,
		keyOf: (r) => reviewKey(r, customer.id, monthOf)
	});
}

/**
 * What makes two breaches "the same problem" for a supervisor. CLN-2 is per customer and
 * calendar month, so a 4th cleaning joins the item the 3rd opened; anything else is per
 * customer.
 */
function reviewKey(r: Reason, customerId: string, month: string) {
	switch (r.rule) {
		case 'CLN-2':
			return { dedupeKey: `CLN-2:${customerId}:${month}`, subject: `customer:${customerId}` };
		default:
			return { dedupeKey: `${r.rule}:${customerId}`, subject: `customer:${customerId}` };
	}
}
