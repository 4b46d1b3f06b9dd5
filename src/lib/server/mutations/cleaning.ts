import { and, eq, gte, lt, sql } from 'drizzle-orm';
import {
	CLEANING_STICK_SKU,
	cleaningRecord,
	cleaningVerdict,
	monthKey,
	monthRange,
	type MutationResult,
	type Reason,
	type RecordCleaningArgs,
	type ServiceRecord,
	type StaffProfile
} from '$lib/domain';
import type { Db } from '../db';
import { anyOf } from '../db/any';
import { insertRows } from '../db/bulk';
import { posFromRow, serviceToRow } from '../db/mapping';
import { components, customers, pointsOfSale, services, stock } from '../db/schema';
import {
	Rejection,
	counterTime,
	decide,
	flagOrApplyAll,
	flagService,
	rejected,
	type HandlerContext
} from './context';

/** One cleaning of a push: its parsed arguments and its context. */
export interface CleaningItem {
	args: RecordCleaningArgs;
	ctx: HandlerContext;
}

/** CLN-1..CLN-4 at the server, with the same verdict function the tablet ran offline. */
export async function recordCleaning(
	tx: Db,
	staff: StaffProfile,
	args: RecordCleaningArgs,
	ctx: HandlerContext
): Promise<MutationResult> {
	const [result] = await recordCleanings(tx, staff, [{ args, ctx }]);
	return result!;
}

/**
 * A run of cleanings (a tablet coming back online pushes dozens), decided one after the other
 * in order exactly as one at a time would be, but with set-based SQL: the facts of the whole
 * run are read in a few queries, each cleaning is decided on them plus the run's earlier
 * cleanings (CLN-2 counts them, CLN-3 takes their sticks), and the rows are written at the end
 * in one insert. Nothing is written before every cleaning is decided, so a rejected one
 * leaves nothing behind without a savepoint of its own. The caller holds the subject locks of
 * every cleaning in the run (mutations/locks.ts), so what is read stays true until commit.
 */
export async function recordCleanings(
	tx: Db,
	staff: StaffProfile,
	items: readonly CleaningItem[]
): Promise<MutationResult[]> {
	if (items.length === 0) return [];
	const { version, policy: market } = items[0]!.ctx.writes;
	const unique = <T>(xs: T[]) => [...new Set(xs)];
	const posIds = unique(items.map((i) => i.args.posId).filter((id) => staff.posIds.includes(id)));
	const customerIds = unique(items.map((i) => i.args.customerId));
	const serials = unique(items.map((i) => i.args.serial));
	const at = items.map((i) => counterTime(i.args.performedAt, i.ctx.now));
	// CLN-2 counts by calendar month in the market's zone: only those months' rows are needed
	const months = at.map((d) => monthRange(d, market.timeZone));
	const from = new Date(Math.min(...months.map((m) => m.start.getTime())));
	const until = new Date(Math.max(...months.map((m) => m.end.getTime())));
	const stickIds = unique(
		items.filter((i) => i.args.stickHandedOut).map((i) => `${i.args.posId}:${CLEANING_STICK_SKU}`)
	);

	// independent reads, sent together: one round trip on the transaction's connection
	const [posRows, customerRows, componentRows, takenIds, cleanings, stickRows] = await Promise.all([
		posIds.length
			? tx
					.select()
					.from(pointsOfSale)
					.where(anyOf(pointsOfSale.id, posIds, 'text'))
			: [],
		tx
			.select()
			.from(customers)
			.where(anyOf(customers.id, customerIds, 'text')),
		tx
			.select()
			.from(components)
			.where(anyOf(components.serial, serials, 'text')),
		tx
			.select({ id: services.id })
			.from(services)
			.where(
				anyOf(
					services.id,
					items.map((i) => i.args.serviceId),
					'uuid'
				)
			),
		tx
			.select({
				id: services.id,
				customerId: services.customerId,
				performedAt: services.performedAt
			})
			.from(services)
			.where(
				and(
					anyOf(services.customerId, customerIds, 'text'),
					eq(services.type, 'cleaning'),
					gte(services.performedAt, from),
					lt(services.performedAt, until),
					eq(services.deleted, false)
				)
			),
		stickIds.length
			? tx
					.select({ id: stock.id, quantity: stock.quantity })
					.from(stock)
					.where(anyOf(stock.id, stickIds, 'text'))
			: []
	]);
	const posById = new Map(posRows.map((r) => [r.id, r]));
	const customerById = new Map(customerRows.map((r) => [r.id, r]));
	const componentBySerial = new Map(componentRows.map((r) => [r.serial, r]));
	const taken = new Set(takenIds.map((r) => r.id));
	const sticks = new Map(stickRows.map((r) => [r.id, r.quantity]));
	const sticksTaken = new Map<string, number>();
	const done: ServiceRecord[] = [];
	const flagged: { index: number; broken: Reason[]; customerId: string; month: string }[] = [];
	const results: MutationResult[] = [];

	for (const [index, { args, ctx }] of items.entries()) {
		try {
			// the same checks, in the same order, as authorisedPos, customerInMarket,
			// componentInMarket and serviceIdFree (context.ts)
			if (!staff.posIds.includes(args.posId))
				throw new Rejection('forbidden', `point of sale ${args.posId} is not assigned to you`);
			const posRow = posById.get(args.posId);
			if (!posRow || posRow.deleted || posRow.marketCode !== staff.marketCode)
				throw new Rejection('forbidden', `point of sale ${args.posId} is not in your market`);
			const customer = customerById.get(args.customerId);
			if (!customer || customer.deleted) throw new Rejection('not_found', 'unknown customer');
			if (customer.marketCode !== staff.marketCode)
				throw new Rejection('forbidden', 'the customer belongs to another market');
			const component = componentBySerial.get(args.serial);
			if (!component || component.deleted)
				throw new Rejection('not_found', `unknown serial ${args.serial}`);
			if (component.marketCode !== staff.marketCode)
				throw new Rejection('forbidden', 'the device belongs to another market');
			if (taken.has(args.serviceId))
				throw new Rejection('invalid_args', 'serviceId is already used by another service');

			const performedAt = at[index]!;
			const month = months[index]!;
			const inMonth = (d: Date) =>
				d.getTime() >= month.start.getTime() && d.getTime() < month.end.getTime();
			const others = [
				...cleanings.filter((c) => c.customerId === customer.id && c.id !== args.serviceId),
				...done
					.filter((d) => d.customerId === customer.id)
					.map((d) => ({ performedAt: new Date(d.performedAt) }))
			]
				.map((c) => c.performedAt)
				.filter(inMonth);
			const stickId = `${args.posId}:${CLEANING_STICK_SKU}`;
			const sticksInStock = args.stickHandedOut
				? (sticks.get(stickId) ?? 0) - (sticksTaken.get(stickId) ?? 0)
				: 0;
			const verdict = cleaningVerdict({
				market,
				pos: posFromRow(posRow),
				customer,
				component,
				otherCleanings: others,
				at: performedAt,
				stickRequested: args.stickHandedOut,
				sticksInStock
			});
			// CLN-4 (no cleaning tools here) is about what this point of sale may do: rejected,
			// not flagged; an override is honoured only from a supervisor, for the rules it names
			const { broken } = decide(staff, verdict, args.override);

			// CLN-3: the stick leaves stock only if there is one; the domain rule says what an
			// empty stock means for the cleaning (it goes on), so the server does not decide it again
			if (args.stickHandedOut && sticksInStock > 0)
				sticksTaken.set(stickId, (sticksTaken.get(stickId) ?? 0) + 1);

			const record = cleaningRecord(
				{ ...args, performedAt: performedAt.toISOString() },
				staff.id,
				market.code,
				ctx.now.toISOString()
			);
			if (broken.length > 0) {
				flagService(record, broken);
				flagged.push({
					index,
					broken,
					customerId: customer.id,
					month: monthKey(performedAt, market.timeZone)
				});
			}
			done.push(record);
			taken.add(args.serviceId);
			results.push({ id: ctx.id, status: 'applied' });
		} catch (error) {
			if (!(error instanceof Rejection)) throw error;
			results.push(rejected(ctx.id, error.code, error.message));
		}
	}

	// the writes, sent together (pipelined on the transaction's connection, run in this order):
	// the services, the sticks taken, and the review items in one statement — a later breach
	// of the run joins the item an earlier one opened (same dedupe key)
	const [, , flags] = await Promise.all([
		done.length > 0
			? tx
					.execute(
						insertRows(
							services,
							done.map((record) => serviceToRow(record, { version }))
						)
					)
					.execute()
			: null,
		Promise.all(
			[...sticksTaken].map(([id, n]) =>
				tx
					.update(stock)
					.set({ quantity: sql`${stock.quantity} - ${n}`, version })
					.where(and(eq(stock.id, id), gte(stock.quantity, n)))
					.execute()
			)
		),
		flagged.length > 0
			? flagOrApplyAll(
					tx,
					market,
					flagged.map((f) => ({
						ctx: items[f.index]!.ctx,
						broken: f.broken,
						serviceId: items[f.index]!.args.serviceId,
						keyOf: (r: Reason) => reviewKey(r, f.customerId, f.month)
					}))
				)
			: []
	]);
	for (const [k, f] of flagged.entries()) results[f.index] = flags[k]!;
	return results;
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
