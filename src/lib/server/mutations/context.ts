import { eq } from 'drizzle-orm';
import {
	AUTHORISATION_RULES,
	applyOverride,
	canOverride,
	type MarketPolicy,
	type MutationResult,
	type OverrideArgs,
	type PointOfSale,
	type Reason,
	type RuleId,
	type ServiceRecord,
	type StaffProfile,
	type Verdict
} from '$lib/domain';
import type { Db } from '../db';
import { posFromRow } from '../db/mapping';
import { components, customers, pointsOfSale, services } from '../db/schema';
import { openReviewItems } from '../sync/review';

/**
 * What every mutation handler needs: rejections, authorisation look-ups scoped to the staff
 * member's market and points of sale, the counter's time as the server believes it, and the
 * "facts are never lost" path that records broken rules as review items.
 */

export interface HandlerInput {
	/** The mutation's id, echoed in its result. */
	id: number;
	/** Server time of this push: the server clock decides (BRIEF decision 5). */
	now: Date;
}

export interface HandlerContext extends HandlerInput {
	/**
	 * Taken once per push request before any handler runs (sync/versions.ts `pendingWrites`),
	 * with the subject locks of all its mutations held: `version` is the placeholder every row written is stamped with (push
	 * gives it the market's real version just before commit), `policy` the market's rules.
	 */
	writes: { version: number; policy: MarketPolicy };
}

/** A counter clock further ahead than this is not believed: the server clock decides. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

export const rejected = (id: number, code: string, message: string): MutationResult => ({
	id,
	status: 'rejected',
	code,
	message
});

export class Rejection extends Error {
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

/** When it happened at the counter, unless the tablet's clock is implausibly ahead. */
export function counterTime(claimed: string, now: Date): Date {
	const at = new Date(claimed);
	return at.getTime() > now.getTime() + MAX_CLOCK_AHEAD_MS ? now : at;
}

/** The point of sale, if it is assigned to the staff member and in their market. */
export async function authorisedPos(
	tx: Db,
	staff: StaffProfile,
	posId: string
): Promise<PointOfSale> {
	if (!staff.posIds.includes(posId))
		throw new Rejection('forbidden', `point of sale ${posId} is not assigned to you`);
	const [row] = await tx.select().from(pointsOfSale).where(eq(pointsOfSale.id, posId));
	if (!row || row.deleted || row.marketCode !== staff.marketCode)
		throw new Rejection('forbidden', `point of sale ${posId} is not in your market`);
	return posFromRow(row);
}

/** The tablet makes service ids; one already taken is a malformed action, not a new fact. */
export async function serviceIdFree(tx: Db, serviceId: string): Promise<void> {
	const [row] = await tx
		.select({ id: services.id })
		.from(services)
		.where(eq(services.id, serviceId));
	if (row) throw new Rejection('invalid_args', 'serviceId is already used by another service');
}

export async function customerInMarket(tx: Db, staff: StaffProfile, customerId: string) {
	const [row] = await tx.select().from(customers).where(eq(customers.id, customerId));
	if (!row || row.deleted) throw new Rejection('not_found', 'unknown customer');
	if (row.marketCode !== staff.marketCode)
		throw new Rejection('forbidden', 'the customer belongs to another market');
	return row;
}

export async function componentInMarket(tx: Db, staff: StaffProfile, serial: string) {
	const [row] = await tx.select().from(components).where(eq(components.serial, serial));
	if (!row || row.deleted) throw new Rejection('not_found', `unknown serial ${serial}`);
	if (row.marketCode !== staff.marketCode)
		throw new Rejection('forbidden', 'the device belongs to another market');
	return row;
}

export interface ReviewKey {
	dedupeKey: string;
	subject: string;
}

/** A service recorded despite broken rules: kept as a fact, flagged with each rule once. */
export function flagService(record: ServiceRecord, broken: readonly Reason[]): void {
	if (broken.length === 0) return;
	record.status = 'flagged';
	record.flaggedRules = [...new Set(broken.map((r) => r.rule))];
}

/**
 * Records broken rules of a fact that is kept anyway: one review item per rule, joined with
 * the open item of "the same problem" (same dedupe key). Returns the mutation's result.
 */
export async function flagOrApply(
	tx: Db,
	input: {
		ctx: HandlerContext;
		market: MarketPolicy;
		broken: Reason[];
		serviceId: string;
		keyOf: (reason: Reason) => ReviewKey;
	}
): Promise<MutationResult> {
	const [result] = await flagOrApplyAll(tx, input.market, [input]);
	return result!;
}

/**
 * `flagOrApply` for several facts of one push, in order, with one statement for all their
 * review items (sync/review.ts `openReviewItems`): the same items, ids and results as calling
 * it for each in turn — a later breach joins the item an earlier one opened.
 */
export async function flagOrApplyAll(
	tx: Db,
	market: MarketPolicy,
	facts: readonly {
		ctx: HandlerContext;
		broken: Reason[];
		serviceId: string;
		keyOf: (reason: Reason) => ReviewKey;
	}[]
): Promise<MutationResult[]> {
	const rulesOf = facts.map((f) => {
		const byRule = new Map<string, Reason>();
		for (const r of f.broken) if (!byRule.has(r.rule)) byRule.set(r.rule, r);
		return [...byRule.values()];
	});
	const ids = await openReviewItems(
		tx,
		facts.flatMap((f, i) =>
			rulesOf[i]!.map((r) => ({
				marketCode: market.code,
				ruleId: r.rule,
				...f.keyOf(r),
				serviceId: f.serviceId,
				facts: { key: r.key, ...r.params },
				now: f.ctx.now
			}))
		)
	);
	let next = 0;
	return facts.map((f, i) => {
		const rules = rulesOf[i]!.map((r) => r.rule);
		if (rules.length === 0) return { id: f.ctx.id, status: 'applied' };
		const reviewIds = ids.slice(next, next + rules.length);
		next += rules.length;
		return {
			id: f.ctx.id,
			status: 'flagged',
			code: rules[0],
			message: `recorded; for supervisor review: ${rules.join(', ')}`,
			reviewIds
		};
	});
}

export interface Decision {
	/** Reasons still broken: the fact is recorded and each is flagged for review. */
	broken: Reason[];
	/** Rules a supervisor lifted with a written reason (kept in the service's details). */
	overridden: RuleId[];
}

/**
 * The server's reading of a domain verdict for an action that happened at the counter:
 * - a broken authorisation rule (what this point of sale or role may do at all) rejects;
 * - an override is only honoured from a supervisor's session and only for the rules it names;
 * - whatever else is broken is still a fact: recorded and flagged (BRIEF decision 3).
 */
export function decide(
	staff: StaffProfile,
	verdict: Verdict,
	override: OverrideArgs | null | undefined
): Decision {
	for (const r of verdict.reasons)
		if ((r.severity === 'block' || r.severity === 'override') && AUTHORISATION_RULES.has(r.rule))
			throw new Rejection(r.rule, r.key);
	if (override && !canOverride(staff.role))
		throw new Rejection('forbidden', 'only a supervisor may override a rule');
	const { overridden, standing } = applyOverride(verdict, staff.role, override);
	return { broken: standing, overridden };
}
