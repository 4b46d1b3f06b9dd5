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
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import {
	SCHEMA_VERSION,
	isMutationName,
	mutationArgs,
	type MutationResult,
	type PushMutation,
	type PushRequest,
	type PushResponse,
	type StaffProfile
} from '$lib/domain';
import type { Db } from '../db';
import { clientGroups, clients, mutationResults } from '../db/schema';
import { verifiedActor } from '../actors';
import { handlers, rejected, type Handler } from '../mutations';

/**
 * A tablet may still run the previous app version with actions queued in its format: the
 * server accepts the current and the previous wire schema. When a version changes a mutation's
 * arguments, its upcast from the previous shape belongs beside this list.
 */
export const ACCEPTED_SCHEMA_VERSIONS = [SCHEMA_VERSION, SCHEMA_VERSION - 1].filter((v) => v >= 1);

export { MAX_CLOCK_AHEAD_MS } from '../mutations/context';

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
	// the client group and client rows, once per request (not once per mutation): idempotent
	// inserts, so a retry or a concurrent push of the same client changes nothing
	if (!known && request.mutations.length > 0) await registerClient(db, staff, request, now);
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
	const [client] = await tx
		.select()
		.from(clients)
		.where(eq(clients.clientId, request.clientId))
		.for('update');
	if (!client) throw new Error('client row vanished'); // cannot happen after registerClient
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
		const { result: applied, actor } = await apply(tx, staff, request.clientGroupId, mutation, now);
		result = applied;
		// the audit trail: who, where, when at the counter, and (created_at) when it synced
		const posId = (mutation.args as { posId?: unknown } | null)?.posId;
		await tx.insert(mutationResults).values({
			clientId: request.clientId,
			mutationId: mutation.id,
			uuid: mutation.uuid,
			name: mutation.name,
			staffId: actor.id,
			sessionStaffId: staff.id,
			posId: typeof posId === 'string' ? posId.slice(0, 100) : null,
			clientTime: new Date(mutation.clientTime),
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

async function registerClient(db: Db, staff: StaffProfile, request: PushRequest, now: Date) {
	await db
		.insert(clientGroups)
		.values({ id: request.clientGroupId, staffId: staff.id, createdAt: now })
		.onConflictDoNothing();
	await db
		.insert(clients)
		.values({
			clientId: request.clientId,
			clientGroupId: request.clientGroupId,
			staffId: staff.id,
			lastMutationId: 0,
			createdAt: now
		})
		.onConflictDoNothing();
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

async function apply(
	tx: Db,
	session: StaffProfile,
	clientGroupId: string,
	mutation: PushMutation,
	now: Date
): Promise<{ result: MutationResult; actor: StaffProfile }> {
	// on a shared tablet the person who acted proves it with their actor key; without a proof
	// the action is the session's (and a proof that does not verify is not authorised)
	let staff = session;
	if (mutation.actor && mutation.actor.staffId !== session.id) {
		const actor = await verifiedActor(tx, clientGroupId, mutation.actor, mutation.uuid);
		if (!actor || actor.marketCode !== session.marketCode)
			return {
				result: rejected(mutation.id, 'forbidden', 'the acting staff member could not be verified'),
				actor: session
			};
		staff = actor;
	}
	return { result: await applyAs(tx, staff, mutation, now), actor: staff };
}

async function applyAs(
	tx: Db,
	staff: StaffProfile,
	mutation: PushMutation,
	now: Date
): Promise<MutationResult> {
	if (!isMutationName(mutation.name))
		return rejected(mutation.id, 'invalid_args', `unknown mutation "${mutation.name}"`);
	// PostgreSQL text cannot hold NUL: such input is malformed, not a database fault to retry
	if (JSON.stringify(mutation.args ?? null).includes('\\u0000'))
		return rejected(mutation.id, 'invalid_args', 'text must not contain NUL characters');
	const parsed = mutationArgs[mutation.name].safeParse(mutation.args);
	if (!parsed.success) return rejected(mutation.id, 'invalid_args', z.prettifyError(parsed.error));
	const handler = handlers[mutation.name] as Handler<typeof mutation.name>;
	return handler(tx, staff, parsed.data, { id: mutation.id, now });
}
