/**
 * The supervisor review queue (BRIEF decision 3). push.ts records a fact that broke a rule and
 * opens (or joins) one review item per broken rule; here supervisors list those items, see both
 * sides of each (the facts the item holds and, for a quota, the facts that used the quota up),
 * and resolve them with a note.
 *
 * Scope: the supervisor's (or admin's) market, and only items holding at least one fact
 * recorded at one of their points of sale. An item outside the scope answers 404, as if it did
 * not exist. Nothing here is kept in process memory; resolving is one conditional UPDATE, so two
 * supervisors on two app processes cannot both resolve the same item.
 */
import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { monthRange, type StaffProfile } from '$lib/domain';
import {
	isReviewer,
	type ResolveReviewRequest,
	type ReviewCustomer,
	type ReviewDevice,
	type ReviewItemDetail,
	type ReviewItemSummary,
	type ReviewReason,
	type ReviewService,
	type ReviewStatus
} from '$lib/domain/review';
import type { Db } from '../db';
import {
	components,
	customers,
	deviceModels,
	markets,
	pointsOfSale,
	reviewItems,
	services,
	staff as staffTable
} from '../db/schema';

type Failure = { status: 403 | 404 | 409; body: { error: string; message: string } };
export type ReviewOutcome<T> = { status: 200; body: T } | Failure;

const forbidden: Failure = {
	status: 403,
	body: { error: 'forbidden', message: 'Only supervisors and admins review flagged facts.' }
};
const notFound: Failure = {
	status: 404,
	body: { error: 'not_found', message: 'No such review item in your market.' }
};

/** Hard cap of one list answer; the oldest open items come first. */
export const REVIEW_LIST_LIMIT = 500;

type ItemRow = typeof reviewItems.$inferSelect;

/** Items of the staff member's market holding a fact recorded at one of their points of sale. */
function inScope(who: StaffProfile) {
	const posIds = who.posIds.length ? who.posIds : ['\u0000'];
	return and(
		eq(reviewItems.marketCode, who.marketCode),
		sql`exists (select 1 from jsonb_array_elements_text(${reviewItems.serviceIds}) as sid(value)
			join ${services} on ${services.id} = sid.value::uuid
			where ${inArray(services.posId, posIds)})`
	);
}

const customerIdOf = (subject: string): string | null =>
	subject.startsWith('customer:') ? subject.slice('customer:'.length) : null;

function reasonOf(row: ItemRow): ReviewReason {
	const { key, ...rest } = row.facts;
	const params: ReviewReason['params'] = {};
	for (const [name, value] of Object.entries(rest))
		if (typeof value === 'string' || typeof value === 'number') params[name] = value;
		else if (typeof value === 'boolean') params[name] = String(value);
	return { key: typeof key === 'string' ? key : row.ruleId, params };
}

async function customersById(db: Db, ids: string[]): Promise<Map<string, ReviewCustomer>> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return new Map();
	const rows = await db
		.select({
			id: customers.id,
			firstName: customers.firstName,
			lastName: customers.lastName,
			dateOfBirth: customers.dateOfBirth
		})
		.from(customers)
		.where(inArray(customers.id, unique));
	return new Map(rows.map((r) => [r.id, r]));
}

function summaryOf(row: ItemRow, customer: ReviewCustomer | null): ReviewItemSummary {
	return {
		id: row.id,
		marketCode: row.marketCode as ReviewItemSummary['marketCode'],
		ruleId: row.ruleId,
		status: row.status === 'resolved' ? 'resolved' : 'open',
		subject: row.subject,
		customer,
		openedAt: row.openedAt.toISOString(),
		factCount: row.serviceIds.length,
		resolvedAt: row.resolvedAt?.toISOString() ?? null,
		reason: reasonOf(row)
	};
}

export async function listReviews(
	db: Db,
	who: StaffProfile,
	status: ReviewStatus
): Promise<ReviewOutcome<{ items: ReviewItemSummary[] }>> {
	if (!isReviewer(who.role)) return forbidden;
	const rows = await db
		.select()
		.from(reviewItems)
		.where(and(inScope(who), eq(reviewItems.status, status)))
		.orderBy(
			status === 'open' ? asc(reviewItems.openedAt) : desc(reviewItems.resolvedAt),
			asc(reviewItems.id)
		)
		.limit(REVIEW_LIST_LIMIT);
	const people = await customersById(
		db,
		rows.map((r) => customerIdOf(r.subject)).filter((id): id is string => id !== null)
	);
	return {
		status: 200,
		body: {
			items: rows.map((r) => summaryOf(r, people.get(customerIdOf(r.subject) ?? '') ?? null))
		}
	};
}

async function scopedItem(db: Db, who: StaffProfile, id: string): Promise<ItemRow | undefined> {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
	const [row] = await db
		.select()
		.from(reviewItems)
		.where(and(eq(reviewItems.id, id), inScope(who)));
	return row;
}

/**
 * The other side of a CLN-2 item: the customer's other cleanings of that calendar month (in the
 * market's zone), i.e. the ones that used the quota up. Other rules have no other side.
 */
async function counterparts(db: Db, row: ItemRow): Promise<(typeof services.$inferSelect)[]> {
	const match = /^CLN-2:(.+):(\d{4}-\d{2})$/.exec(row.dedupeKey);
	if (!match) return [];
	const [, customerId, month] = match;
	const [market] = await db.select().from(markets).where(eq(markets.code, row.marketCode));
	if (!market || !customerId) return [];
	const range = monthRange(new Date(`${month}-15T12:00:00Z`), market.policy.timeZone);
	const held = row.serviceIds;
	const rows = await db
		.select()
		.from(services)
		.where(
			and(
				eq(services.customerId, customerId),
				eq(services.type, 'cleaning'),
				eq(services.deleted, false),
				gte(services.performedAt, range.start),
				lt(services.performedAt, range.end)
			)
		)
		.orderBy(asc(services.performedAt));
	return rows.filter((r) => !held.includes(r.id));
}

async function detailOf(db: Db, row: ItemRow): Promise<ReviewItemDetail> {
	const customerId = customerIdOf(row.subject);
	const held = row.serviceIds.length
		? await db
				.select()
				.from(services)
				.where(inArray(services.id, row.serviceIds))
				.orderBy(asc(services.performedAt))
		: [];
	const other = await counterparts(db, row);
	const all = [
		...held.map((s) => ({ s, side: 'flagged' as const })),
		...other.map((s) => ({ s, side: 'counted' as const }))
	];

	const staffIds = [...new Set([...all.map((a) => a.s.staffId), row.resolvedBy ?? ''])].filter(
		Boolean
	);
	const names = new Map(
		staffIds.length
			? (
					await db
						.select({ id: staffTable.id, name: staffTable.displayName })
						.from(staffTable)
						.where(inArray(staffTable.id, staffIds))
				).map((r) => [r.id, r.name])
			: []
	);
	const posIds = [...new Set(all.map((a) => a.s.posId))];
	const posNames = new Map(
		posIds.length
			? (
					await db
						.select({ id: pointsOfSale.id, name: pointsOfSale.name })
						.from(pointsOfSale)
						.where(inArray(pointsOfSale.id, posIds))
				).map((r) => [r.id, r.name])
			: []
	);
	const serials = [...new Set(all.map((a) => a.s.serial))];
	const deviceRows = serials.length
		? await db
				.select({
					serial: components.serial,
					modelId: components.modelId,
					part: components.part,
					deviceId: components.deviceId,
					modelName: deviceModels.name
				})
				.from(components)
				.leftJoin(
					deviceModels,
					and(
						eq(deviceModels.id, components.modelId),
						eq(deviceModels.marketCode, components.marketCode)
					)
				)
				.where(inArray(components.serial, serials))
				.orderBy(asc(components.serial))
		: [];
	const people = await customersById(db, customerId ? [customerId] : []);

	const serviceOf = ({
		s,
		side
	}: {
		s: typeof services.$inferSelect;
		side: ReviewService['side'];
	}): ReviewService => ({
		id: s.id,
		side,
		type: s.type as ReviewService['type'],
		status: s.status as ReviewService['status'],
		flaggedRules: s.flaggedRules,
		serial: s.serial,
		staff: { id: s.staffId, name: names.get(s.staffId) ?? s.staffId },
		pos: { id: s.posId, name: posNames.get(s.posId) ?? s.posId },
		performedAt: s.performedAt.toISOString(),
		recordedAt: s.recordedAt?.toISOString() ?? null
	});

	return {
		...summaryOf(row, people.get(customerId ?? '') ?? null),
		services: all.map(serviceOf),
		devices: deviceRows.map((d): ReviewDevice => ({
			serial: d.serial,
			modelId: d.modelId,
			modelName: d.modelName ?? null,
			part: d.part as ReviewDevice['part'],
			deviceId: d.deviceId
		})),
		resolution:
			row.status === 'resolved' && row.resolvedAt
				? {
						note: row.note ?? '',
						resolvedBy: {
							id: row.resolvedBy ?? '',
							name: names.get(row.resolvedBy ?? '') ?? row.resolvedBy ?? 'unknown'
						},
						resolvedAt: row.resolvedAt.toISOString()
					}
				: null
	};
}

export async function reviewDetail(
	db: Db,
	who: StaffProfile,
	id: string
): Promise<ReviewOutcome<ReviewItemDetail>> {
	if (!isReviewer(who.role)) return forbidden;
	const row = await scopedItem(db, who, id);
	if (!row) return notFound;
	return { status: 200, body: await detailOf(db, row) };
}

/**
 * Marks an open item resolved with the supervisor's note. The UPDATE only matches an open row,
 * so of two supervisors resolving at once exactly one wins; the other gets 409. After that, a new
 * breach of the same rule opens a new item (the dedupe key is unique among open items only).
 */
export async function resolveReview(
	db: Db,
	who: StaffProfile,
	id: string,
	request: ResolveReviewRequest,
	now: Date
): Promise<ReviewOutcome<ReviewItemDetail>> {
	if (!isReviewer(who.role)) return forbidden;
	const row = await scopedItem(db, who, id);
	if (!row) return notFound;
	const [updated] = await db
		.update(reviewItems)
		.set({ status: 'resolved', note: request.note, resolvedBy: who.id, resolvedAt: now })
		.where(and(eq(reviewItems.id, row.id), eq(reviewItems.status, 'open')))
		.returning();
	if (!updated)
		return {
			status: 409,
			body: { error: 'already_resolved', message: 'This review item is already resolved.' }
		};
	return { status: 200, body: await detailOf(db, updated) };
}
