/**
 * Push (sync protocol v1, BRIEF.md): the server side of "facts are never lost".
 *
 * Each mutation runs in its own transaction that first locks the client row, so two pushes
 * from one client (a retry racing the original) handle a mutation id exactly once:
 *   - id <= lastMutationId: already handled — answer the stored result;
 *   - id >  lastMutationId + 1: a gap — stop with 409 so the client resends from there;
 *   - uuid already handled (the client reset its replica and resent under a new client id):
 *     answer the stored result and advance, so the fact is not recorded twice;
 *   - else validate, authorise, apply the domain rules to current server state and store the
 *     result. lastMutationId advances even on rejection, so one bad mutation never blocks
 *     the queue behind it.
 * A broken authorisation rule (AUTHORISATION_RULES) rejects; any other broken rule still
 * records the fact, flags it and opens one review item per rule for a supervisor.
 * Errors thrown here are transient (the whole mutation rolls back) and become a 5xx.
 */
import { and, eq, gte, lt, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
	AUTHORISATION_RULES,
	CLEANING_STICK_SKU,
	SCHEMA_VERSION,
	brokenRules,
	cleaningRecord,
	cleaningVerdict,
	isMutationName,
	monthKey,
	monthRange,
	mutationArgs,
	reason,
	type MutationResult,
	type PushMutation,
	type PushRequest,
	type PushResponse,
	type Reason,
	type RecordCleaningArgs,
	type StaffProfile
} from '$lib/domain';
import type { Db } from '../db';
import { posFromRow, serviceToRow } from '../db/mapping';
import {
	clientGroups,
	clients,
	components,
	customers,
	mutationResults,
	pointsOfSale,
	services,
	stock
} from '../db/schema';
import { openReviewItem } from './review';
import { nextVersion } from './versions';

/** A counter clock further ahead than this is not believed: the server clock decides. */
/**
 * A tablet may still run the previous app version with actions queued in its format: the
 * server accepts the current and the previous wire schema. When a version changes a mutation's
 * arguments, its upcast from the previous shape belongs beside this list.
 */
export const ACCEPTED_SCHEMA_VERSIONS = [SCHEMA_VERSION, SCHEMA_VERSION - 1].filter((v) => v >= 1);

export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

export type PushOutcome =
	| { status: 200; body: PushResponse }
	| { status: 409; body: { error: 'gap'; message: string; lastMutationId: number } }
	| { status: 400 | 403; body: { error: string; message: string } };

type Step =
	| { kind: 'result'; result: MutationResult; lastMutationId: number }
	| { kind: 'gap'; lastMutationId: number }
	| { kind: 'mismatch' };

export async function push(
	db: Db,
	staff: StaffProfile,
	request: PushRequest,
	now: Date
): Promise<PushOutcome> {
	if (!ACCEPTED_SCHEMA_VERSIONS.includes(request.schemaVersion))
		return {
			status: 400,
			body: {
				error: 'unsupported_schema',
				message: `schemaVersion ${request.schemaVersion} is not supported (server accepts ${ACCEPTED_SCHEMA_VERSIONS.join(', ')})`
			}
		};

	const [known] = await db.select().from(clients).where(eq(clients.clientId, request.clientId));
	let lastMutationId = known?.lastMutationId ?? 0;
	const results: MutationResult[] = [];

	for (const mutation of request.mutations) {
		const step = await db.transaction((tx) => handleOne(tx, staff, request, mutation, now));
		if (step.kind === 'mismatch')
			return {
				status: 403,
				body: {
					error: 'forbidden',
					message: 'this client id belongs to another client group'
				}
			};
		if (step.kind === 'gap')
			return {
				status: 409,
				body: {
					error: 'gap',
					message: `expected mutation ${step.lastMutationId + 1}, got ${mutation.id}`,
					lastMutationId: step.lastMutationId
				}
			};
		results.push(step.result);
		lastMutationId = step.lastMutationId;
	}
	return { status: 200, body: { lastMutationId, results } };
}

async function handleOne(
	tx: Db,
	staff: StaffProfile,
	request: PushRequest,
	mutation: PushMutation,
	now: Date
): Promise<Step> {
	await tx
		.insert(clientGroups)
		.values({ id: request.clientGroupId, staffId: staff.id, createdAt: now })
		.onConflictDoNothing();
	await tx
		.insert(clients)
		.values({
			clientId: request.clientId,
			clientGroupId: request.clientGroupId,
			staffId: staff.id,
			lastMutationId: 0,
			createdAt: now
		})
		.onConflictDoNothing();
	const [client] = await tx
		.select()
		.from(clients)
		.where(eq(clients.clientId, request.clientId))
		.for('update');
	if (!client) throw new Error('client row vanished'); // cannot happen after the insert above
	// a shared tablet keeps one client id across sign-ins; each mutation is attributed to the
	// signed-in staff member, so only the client group is pinned
	if (client.clientGroupId !== request.clientGroupId) return { kind: 'mismatch' };

	const last = client.lastMutationId;
	if (mutation.id <= last) {
		const stored = await storedResult(tx, request.clientId, mutation);
		return { kind: 'result', result: stored, lastMutationId: last };
	}
	if (mutation.id > last + 1) return { kind: 'gap', lastMutationId: last };

	const [replayed] = await tx
		.select()
		.from(mutationResults)
		.where(eq(mutationResults.uuid, mutation.uuid));
	let result: MutationResult;
	if (replayed) {
		result = { ...resultFromRow(replayed), id: mutation.id };
	} else {
		result = await apply(tx, staff, mutation, now);
		await tx.insert(mutationResults).values({
			clientId: request.clientId,
			mutationId: mutation.id,
			uuid: mutation.uuid,
			name: mutation.name,
			status: result.status,
			code: result.code ?? null,
			message: result.message ?? null,
			reviewIds: result.reviewIds ?? [],
			createdAt: now
		});
	}
	await tx
		.update(clients)
		.set({ lastMutationId: mutation.id })
		.where(eq(clients.clientId, request.clientId));
	return { kind: 'result', result, lastMutationId: mutation.id };
}

function resultFromRow(row: typeof mutationResults.$inferSelect): MutationResult {
	return {
		id: row.mutationId,
		status: row.status as MutationResult['status'],
		...(row.code ? { code: row.code } : {}),
		...(row.message ? { message: row.message } : {}),
		...(row.reviewIds.length ? { reviewIds: row.reviewIds } : {})
	};
}

async function storedResult(
	tx: Db,
	clientId: string,
	mutation: PushMutation
): Promise<MutationResult> {
	const [own] = await tx
		.select()
		.from(mutationResults)
		.where(
			and(eq(mutationResults.clientId, clientId), eq(mutationResults.mutationId, mutation.id))
		);
	// a mutation replayed under a new client id was stored under its first client: find it by uuid
	const found =
		own ??
		(await tx.select().from(mutationResults).where(eq(mutationResults.uuid, mutation.uuid)))[0];
	if (!found)
		return {
			id: mutation.id,
			status: 'rejected',
			code: 'unknown_result',
			message: 'already handled, but its result was not kept'
		};
	return { ...resultFromRow(found), id: mutation.id };
}

const rejected = (id: number, code: string, message: string): MutationResult => ({
	id,
	status: 'rejected',
	code,
	message
});

async function apply(
	tx: Db,
	staff: StaffProfile,
	mutation: PushMutation,
	now: Date
): Promise<MutationResult> {
	if (!isMutationName(mutation.name))
		return rejected(mutation.id, 'invalid_args', `unknown mutation "${mutation.name}"`);
	const parsed = mutationArgs[mutation.name].safeParse(mutation.args);
	if (!parsed.success) return rejected(mutation.id, 'invalid_args', z.prettifyError(parsed.error));
	switch (mutation.name) {
		case 'recordCleaning':
			return recordCleaning(tx, staff, mutation.id, parsed.data, now);
	}
}

/** CLN-1..CLN-4 at the server, with the same verdict function the tablet ran offline. */
async function recordCleaning(
	tx: Db,
	staff: StaffProfile,
	id: number,
	args: RecordCleaningArgs,
	now: Date
): Promise<MutationResult> {
	// authorisation: own market, own point of sale — the acting staff member is the session's
	if (!staff.posIds.includes(args.posId))
		return rejected(id, 'forbidden', `point of sale ${args.posId} is not assigned to you`);
	const [posRow] = await tx.select().from(pointsOfSale).where(eq(pointsOfSale.id, args.posId));
	if (!posRow || posRow.deleted || posRow.marketCode !== staff.marketCode)
		return rejected(id, 'forbidden', `point of sale ${args.posId} is not in your market`);
	const [customer] = await tx.select().from(customers).where(eq(customers.id, args.customerId));
	if (!customer || customer.deleted) return rejected(id, 'not_found', 'unknown customer');
	if (customer.marketCode !== staff.marketCode)
		return rejected(id, 'forbidden', 'the customer belongs to another market');
	const [component] = await tx.select().from(components).where(eq(components.serial, args.serial));
	if (!component || component.deleted)
		return rejected(id, 'not_found', `unknown serial ${args.serial}`);
	if (component.marketCode !== staff.marketCode)
		return rejected(id, 'forbidden', 'the device belongs to another market');
	const [existing] = await tx
		.select({ id: services.id })
		.from(services)
		.where(eq(services.id, args.serviceId));
	if (existing) return rejected(id, 'invalid_args', 'serviceId is already used by another service');

	// from here on rows are written: lock the market and take its next version (see versions.ts)
	const { version, policy: market } = await nextVersion(tx, staff.marketCode);

	const claimed = new Date(args.performedAt);
	const performedAt = claimed.getTime() > now.getTime() + MAX_CLOCK_AHEAD_MS ? now : claimed;

	// CLN-2 counts by calendar month in the market's zone: only that month's rows are needed
	const month = monthRange(performedAt, market.timeZone);
	const others = await tx
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
		);

	const verdict = cleaningVerdict({
		market,
		pos: posFromRow(posRow),
		customer,
		component,
		otherCleanings: others.map((o) => o.performedAt),
		at: performedAt
	});
	const broken = brokenRules(verdict);
	const unauthorised = broken.find((r) => AUTHORISATION_RULES.has(r.rule));
	// CLN-4 (no cleaning tools here) is about what this point of sale may do: rejected, not flagged
	if (unauthorised) return rejected(id, unauthorised.rule, unauthorised.key);

	if (args.stickHandedOut) {
		// CLN-3: a demonstration stick is subject to stock; never below zero, flag instead
		const taken = await tx
			.update(stock)
			.set({ quantity: sql`${stock.quantity} - 1`, version })
			.where(
				and(
					eq(stock.id, `${args.posId}:${CLEANING_STICK_SKU}`),
					eq(stock.deleted, false),
					gte(stock.quantity, 1)
				)
			)
			.returning({ id: stock.id });
		if (taken.length === 0)
			broken.push(reason('CLN-3', 'block', 'cln.noSticksInStock', { posId: args.posId }));
	}

	const record = cleaningRecord(
		{ ...args, performedAt: performedAt.toISOString() },
		staff.id,
		market.code,
		now.toISOString()
	);
	const byRule = new Map<string, Reason>();
	for (const r of broken) if (!byRule.has(r.rule)) byRule.set(r.rule, r);
	const flaggedRules = [...byRule.keys()];
	if (flaggedRules.length > 0) {
		record.status = 'flagged';
		record.flaggedRules = flaggedRules;
	}
	await tx.insert(services).values(serviceToRow(record, { version }));

	const monthOf = monthKey(performedAt, market.timeZone);
	const reviewIds: string[] = [];
	for (const r of byRule.values()) {
		const { dedupeKey, subject } = reviewKey(r, customer.id, args.posId, monthOf);
		reviewIds.push(
			await openReviewItem(tx, {
				marketCode: market.code,
				ruleId: r.rule,
				dedupeKey,
				subject,
				serviceId: record.id,
				facts: { key: r.key, ...r.params },
				now
			})
		);
	}
	if (flaggedRules.length === 0) return { id, status: 'applied' };
	return {
		id,
		status: 'flagged',
		code: flaggedRules[0],
		message: `recorded; for supervisor review: ${flaggedRules.join(', ')}`,
		reviewIds
	};
}

/**
 * What makes two breaches "the same problem" for a supervisor. CLN-2 is per customer and
 * calendar month, so a 4th cleaning joins the item the 3rd opened; an empty stick stock
 * (CLN-3) is one problem per point of sale until resolved; anything else is per customer.
 */
function reviewKey(r: Reason, customerId: string, posId: string, month: string) {
	switch (r.rule) {
		case 'CLN-2':
			return { dedupeKey: `CLN-2:${customerId}:${month}`, subject: `customer:${customerId}` };
		case 'CLN-3':
			return { dedupeKey: `CLN-3:${posId}`, subject: `pos:${posId}` };
		default:
			return { dedupeKey: `${r.rule}:${customerId}`, subject: `customer:${customerId}` };
	}
}
