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
import { arrayLiteral } from '../db/any';
import { writeRows } from '../db/bulk';
import { fromJson, query, rowFromJson } from '../db/raw';
import { posFromRow, serviceToRow } from '../db/mapping';
import { components, customers, pointsOfSale, services } from '../db/schema';
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
	const { results, written } = await decideCleanings(tx, staff, items);
	await written;
	return results;
}

/**
 * `recordCleanings` that does not wait for its writes when no result depends on them (nothing
 * flagged: a flagged result needs its review items' ids): `written` settles when they are done.
 * Push sends its closing statements behind them and waits once — one round trip fewer. The
 * caller must await `written` before it commits (an error there fails the request).
 */
export async function decideCleanings(
	tx: Db,
	staff: StaffProfile,
	items: readonly CleaningItem[]
): Promise<{ results: MutationResult[]; written: Promise<unknown> }> {
	if (items.length === 0) return { results: [], written: Promise.resolve() };
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

	// the run's facts in one statement (a fixed text, prepared once per connection: db/raw.ts),
	// each list as one array parameter; rows come back as JSON, mapped as drizzle's select would
	const [facts] = await query<
		Record<'pos' | 'customers' | 'components' | 'taken' | 'cleanings' | 'sticks', unknown>
	>(tx, CLEANING_FACTS, [
		arrayLiteral(posIds),
		arrayLiteral(customerIds),
		arrayLiteral(serials),
		arrayLiteral(items.map((i) => i.args.serviceId)),
		from.toISOString(),
		until.toISOString(),
		arrayLiteral(stickIds)
	]);
	const list = (v: unknown) => fromJson<Record<string, unknown>[]>(v);
	const posRows = list(facts!.pos).map((r) => rowFromJson(pointsOfSale, r));
	const customerRows = list(facts!.customers).map((r) => rowFromJson(customers, r));
	const componentRows = list(facts!.components).map((r) => rowFromJson(components, r));
	const takenIds = fromJson<string[]>(facts!.taken).map((id) => ({ id }));
	const cleanings = fromJson<{ id: string; customer_id: string; performed_at: string }[]>(
		facts!.cleanings
	).map((c) => ({ id: c.id, customerId: c.customer_id, performedAt: new Date(c.performed_at) }));
	const stickRows = fromJson<{ id: string; quantity: number }[]>(facts!.sticks);
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
	const writes = Promise.all([
		done.length > 0
			? writeRows(
					tx,
					services,
					done.map((record) => serviceToRow(record, { version }))
				)
			: null,
		Promise.all([...sticksTaken].map(([id, n]) => query(tx, TAKE_STICKS, [id, n, version])))
	]);
	if (flagged.length === 0) {
		// handled here so an error cannot go unobserved while the caller is busy; awaiting
		// `written` still throws it
		writes.catch(() => {});
		return { results, written: writes };
	}
	const [flags] = await Promise.all([
		flagOrApplyAll(
			tx,
			market,
			flagged.map((f) => ({
				ctx: items[f.index]!.ctx,
				broken: f.broken,
				serviceId: items[f.index]!.args.serviceId,
				keyOf: (r: Reason) => reviewKey(r, f.customerId, f.month)
			}))
		),
		writes
	]);
	for (const [k, f] of flagged.entries()) results[f.index] = flags[k]!;
	return { results, written: Promise.resolve() };
}

/**
 * Everything a run of cleanings is decided on, in one statement: its points of sale (only
 * those assigned to the staff member), customers and components; which of its service ids are
 * taken; its customers' cleanings in the months concerned (CLN-2); the stock of sticks (CLN-3).
 * Each part is an index look-up (query plans in docs/benchmarks.md §5).
 */
const CLEANING_FACTS = `select
	(select coalesce(json_agg(p), '[]') from points_of_sale p where p.id = any($1::text[])) as pos,
	(select coalesce(json_agg(c), '[]') from customers c where c.id = any($2::text[])) as customers,
	(select coalesce(json_agg(k), '[]') from components k
		where k.serial = any($3::text[])) as components,
	(select coalesce(json_agg(s.id), '[]') from services s where s.id = any($4::uuid[])) as taken,
	(select coalesce(json_agg(json_build_object('id', s.id, 'customer_id', s.customer_id,
			'performed_at', s.performed_at)), '[]')
		from services s where s.customer_id = any($2::text[]) and s.type = 'cleaning'
			and s.performed_at >= $5::timestamptz and s.performed_at < $6::timestamptz
			and not s.deleted) as cleanings,
	(select coalesce(json_agg(json_build_object('id', t.id, 'quantity', t.quantity)), '[]')
		from stock t where t.id = any($7::text[])) as sticks`;

/** CLN-3: sticks leave stock only while there are enough (never below zero). */
const TAKE_STICKS = `update stock set quantity = quantity - $2::int, version = $3::bigint
	where id = $1 and quantity >= $2::int`;

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
