/**
 * Push (sync protocol v1, BRIEF.md): the server side of "facts are never lost".
 *
 * One push request is one transaction, and each mutation in it runs in its own savepoint
 * (mutations/index.ts), so a rejected mutation rolls back only its own writes. The transaction
 * first locks the client row, so two pushes from one client (a retry racing the original) handle
 * a mutation id exactly once:
 *   - id <= lastMutationId: already handled — answer the stored result;
 *   - id >  lastMutationId + 1: a gap — stop with 409 so the client resends from there;
 *   - uuid already handled (the client reset its replica and resent under a new client id):
 *     answer the stored result and advance, so the fact is not recorded twice;
 *   - else validate, authorise, apply the domain rules to current server state and store the
 *     result. lastMutationId advances even on rejection, so one bad mutation never blocks
 *     the queue behind it.
 * A broken authorisation rule (AUTHORISATION_RULES) rejects; any other broken rule still
 * records the fact, flags it and opens one review item per rule for a supervisor.
 *
 * The market's version is taken last (sync/versions.ts): each mutation locks only its subjects
 * (customer, serials, …) before its rule checks, and `commitVersion` bumps the market version
 * and stamps this request's rows with it in one statement just before commit — so the market
 * lock covers that statement and the commit, not every mutation of the request.
 *
 * An unexpected error in a mutation (a database fault, a deadlock between two requests) rolls
 * back that mutation's savepoint; the mutations before it are committed with their results and
 * the error becomes a 5xx, which the tablet retries (those get their stored results).
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import {
	SCHEMA_VERSION,
	isMutationName,
	mutationArgs,
	type MutationName,
	type MutationResult,
	type PushMutation,
	type PushRequest,
	type PushResponse,
	type RecordCleaningArgs,
	type StaffProfile
} from '$lib/domain';
import type { Db } from '../db';
import { arrayLiteral } from '../db/any';
import { writeRows } from '../db/bulk';
import { fromJson, query } from '../db/raw';
import { clientGroups, clients, mutationResults } from '../db/schema';
import { verifiedActor } from '../actors';
import { handlers, rejected, type Handler } from '../mutations';
import { subjectsOf } from '../mutations/locks';
import type { HandlerContext } from '../mutations/context';
import { commitVersion, pendingWrites } from './versions';
import { decideCleanings, recordCleanings } from '../mutations/cleaning';

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

	if (request.mutations.length === 0) {
		const [known] = await db.select().from(clients).where(eq(clients.clientId, request.clientId));
		return { status: 200, body: { lastMutationId: known?.lastMutationId ?? 0, results: [] } };
	}

	let failure: unknown = null;
	const outcome = await db.transaction(async (tx) => {
		const batch = await handleBatch(tx, staff, request, now);
		failure = batch.failure;
		return batch.outcome;
	});
	if (failure) throw failure;
	return outcome;
}

interface Batch {
	outcome: PushOutcome;
	/** An unexpected error after which the mutations before it were kept (rethrown: a 5xx). */
	failure: unknown;
}

async function handleBatch(
	tx: Db,
	staff: StaffProfile,
	request: PushRequest,
	now: Date
): Promise<Batch> {
	// three statements sent together (pipelined on the transaction's connection, run in this
	// order): lock the client row; every stored result this request may need — its own ids
	// already handled, and any uuid handled before (under this or another client id); and the
	// subjects of all its mutations, locked before any rule check in one sorted order (so two
	// requests cannot deadlock on them), with this transaction's placeholder version and the
	// market's policy (sync/versions.ts). Subjects of mutations that turn out to be already
	// handled are locked needlessly, which costs nothing but a short wait.
	// Each mutation's arguments are parsed once, here, for its subjects, the cleaning run and its
	// handler (zod was a visible share of a push's CPU when it ran three times per mutation).
	const parsed = request.mutations.map(parseArgs);
	// fixed texts, prepared once per connection (db/raw.ts): every push runs them
	const lockClient = () => query<ClientRow>(tx, LOCK_CLIENT, [request.clientId]);
	const readStored = () =>
		query<StoredRow>(tx, READ_STORED, [
			request.clientId,
			arrayLiteral(request.mutations.map((m) => m.id)),
			arrayLiteral(request.mutations.map((m) => m.uuid))
		]);
	const [[known], firstStored, writes] = await Promise.all([
		lockClient(),
		readStored(),
		pendingWrites(
			tx,
			staff.marketCode,
			request.mutations.flatMap((m, i) => {
				const p = parsed[i]!;
				return p.ok ? (subjectsOf[m.name as MutationName] as (a: unknown) => string[])(p.args) : [];
			})
		)
	]);
	// a new client registers in this transaction (idempotent inserts: a concurrent first push of
	// the same client waits for it, then finds the row), which saves every later push a round trip
	let client = known;
	let stored = firstStored;
	if (!client) {
		await registerClient(tx, staff, request, now);
		// read the stored results again, after the row lock: a racing copy of this push may
		// have registered the client and handled these mutations while we waited, and the
		// first read (before the wait) cannot have seen its results
		[[client], stored] = await Promise.all([lockClient(), readStored()]);
	}
	if (!client) throw new Error('client row vanished'); // cannot happen after registerClient
	// a shared tablet keeps one client id across sign-ins; each mutation is attributed to the
	// signed-in staff member, so only the client group is pinned
	if (client.client_group_id !== request.clientGroupId)
		return {
			outcome: {
				status: 403,
				body: { error: 'forbidden', message: 'this client id belongs to another client group' }
			},
			failure: null
		};

	const first = client.last_mutation_id;
	let last = first;
	const ownById = new Map(
		stored.filter((r) => r.client_id === request.clientId).map((r) => [r.mutation_id, r])
	);
	const byUuid = new Map(stored.map((r) => [r.uuid, r]));
	const handledHere = new Map<string, MutationResult>();

	const results: MutationResult[] = [];
	const rows: (typeof mutationResults.$inferInsert)[] = [];
	let gap = false;
	let failure: unknown = null;
	let wrote = false;
	const record = (mutation: PushMutation, result: MutationResult, actorId: string) => {
		handledHere.set(mutation.uuid, result);
		// the audit trail: who, where, when at the counter, and (created_at) when it synced
		const posId = (mutation.args as { posId?: unknown } | null)?.posId;
		rows.push({
			clientId: request.clientId,
			mutationId: mutation.id,
			uuid: mutation.uuid,
			name: mutation.name,
			staffId: actorId,
			sessionStaffId: staff.id,
			posId: typeof posId === 'string' ? posId.slice(0, 100) : null,
			clientTime: new Date(mutation.clientTime),
			status: result.status,
			code: result.code ?? null,
			message: result.message ?? null,
			reviewIds: result.reviewIds ?? [],
			createdAt: now
		});
		results.push(result);
		last = mutation.id;
	};
	/** Writes of a cleaning run not yet waited for (mutations/cleaning.ts `decideCleanings`). */
	const inFlight: Promise<unknown>[] = [];
	const fresh = (m: PushMutation) => !byUuid.has(m.uuid) && !handledHere.has(m.uuid);

	for (let i = 0; i < request.mutations.length;) {
		const mutation = request.mutations[i]!;
		if (mutation.id <= last) {
			// an id sent twice in one request gets the answer it got a moment ago
			const earlier = results.find((r) => r.id === mutation.id);
			results.push(
				mutation.id > first && earlier ? earlier : storedResult(ownById, byUuid, mutation)
			);
			i++;
			continue;
		}
		if (mutation.id > last + 1) {
			gap = true;
			break;
		}
		const replayed = byUuid.get(mutation.uuid);
		const sameRequest = handledHere.get(mutation.uuid);
		if (replayed || sameRequest) {
			results.push({ ...(replayed ? resultFromRow(replayed) : sameRequest!), id: mutation.id });
			last = mutation.id;
			i++;
			continue;
		}

		// anything else this request does comes after the earlier run's writes, and an error in
		// them ends the request (as it did when the run waited for them itself)
		if (inFlight.length > 0) await Promise.all(inFlight.splice(0));

		// a run of plain cleanings (what an offline tablet queues) is decided together with
		// set-based SQL, exactly as one by one (mutations/cleaning.ts recordCleanings)
		const run: { mutation: PushMutation; args: RecordCleaningArgs }[] = [];
		for (let j = i; j < request.mutations.length; j++) {
			const m = request.mutations[j]!;
			const args = plainCleaning(staff, m, parsed[j]!);
			if (!args || m.id !== mutation.id + run.length || !fresh(m)) break;
			if (run.some((r) => r.mutation.uuid === m.uuid)) break;
			run.push({ mutation: m, args });
		}
		if (run.length > 0) {
			let decided: MutationResult[];
			const items = run.map(({ mutation: m, args }) => ({ args, ctx: { id: m.id, now, writes } }));
			// a savepoint only when this request already handled something that must be kept: an
			// unexpected error then undoes the run only. With nothing before it (the usual push),
			// an error rolls the whole transaction back — the same outcome, a 5xx and nothing
			// stored — and saves the two round trips of SAVEPOINT and RELEASE.
			if (rows.length === 0 && last === first) {
				// its writes are awaited with the closing statements (or before anything else this
				// request does): one round trip fewer for the usual push
				const run = await decideCleanings(tx, staff, items);
				decided = run.results;
				inFlight.push(run.written);
			} else
				try {
					decided = await tx.transaction((sp) => recordCleanings(sp as Db, staff, items));
				} catch (error) {
					failure = error;
					break;
				}
			// a rejection rolled its own writes back: only an applied or flagged cleaning needs a version
			if (decided.some((r) => r.status !== 'rejected')) wrote = true;
			for (const [k, { mutation: m }] of run.entries()) record(m, decided[k]!, staff.id);
			i += run.length;
			continue;
		}

		let applied: Awaited<ReturnType<typeof apply>>;
		try {
			applied = await apply(tx, staff, request.clientGroupId, mutation, parsed[i]!, {
				id: mutation.id,
				now,
				writes
			});
		} catch (error) {
			// its savepoint rolled back: keep what came before, answer 5xx for the rest
			failure = error;
			break;
		}
		// refused input changes nothing, not even the market's version (a pull would fetch nothing)
		if (applied.result.status !== 'rejected') wrote = true;
		record(mutation, applied.result, applied.actor.id);
		i++;
	}

	// sent together, run in this order; the market version last of all: its lock is held from
	// there to the commit (sync/versions.ts)
	await Promise.all([
		...inFlight,
		rows.length > 0 ? writeRows(tx, mutationResults, rows) : null,
		last !== first ? query(tx, ADVANCE_CLIENT, [request.clientId, last]) : null,
		wrote ? commitVersion(tx, staff.marketCode) : null
	]);

	if (gap && !failure) {
		const next = request.mutations[results.length]!;
		return {
			outcome: {
				status: 409,
				body: {
					error: 'gap',
					message: `expected mutation ${last + 1}, got ${next.id}`,
					lastMutationId: last
				}
			},
			failure: null
		};
	}
	return { outcome: { status: 200, body: { lastMutationId: last, results } }, failure };
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

/** A client row as LOCK_CLIENT reads it. */
interface ClientRow {
	client_group_id: string;
	last_mutation_id: number;
}

/** A stored result as READ_STORED reads it. */
interface StoredRow {
	client_id: string;
	mutation_id: number;
	uuid: string;
	status: string;
	code: string | null;
	message: string | null;
	review_ids: unknown;
}

const LOCK_CLIENT = `select client_group_id, last_mutation_id from clients
	where client_id = $1::uuid for update`;
const READ_STORED = `select client_id, mutation_id, uuid, status, code, message, review_ids
	from mutation_results
	where (client_id = $1::uuid and mutation_id = any($2::int[])) or uuid = any($3::uuid[])`;
const ADVANCE_CLIENT = `update clients set last_mutation_id = $2::int where client_id = $1::uuid`;

function resultFromRow(row: StoredRow): MutationResult {
	const reviewIds = fromJson<string[]>(row.review_ids);
	return {
		id: row.mutation_id,
		status: row.status as MutationResult['status'],
		...(row.code ? { code: row.code } : {}),
		...(row.message ? { message: row.message } : {}),
		...(reviewIds.length ? { reviewIds } : {})
	};
}

function storedResult(
	own: Map<number, StoredRow>,
	byUuid: Map<string, StoredRow>,
	mutation: PushMutation
): MutationResult {
	// a mutation replayed under a new client id was stored under its first client: find it by uuid
	const found = own.get(mutation.id) ?? byUuid.get(mutation.uuid);
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
	parsed: ParsedArgs,
	ctx: HandlerContext
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
	return { result: await applyAs(tx, staff, mutation, parsed, ctx), actor: staff };
}

/** A mutation's arguments parsed with its shared schema, or why they are refused. */
type ParsedArgs = { ok: true; args: unknown } | { ok: false; message: string };

function parseArgs(mutation: PushMutation): ParsedArgs {
	if (!isMutationName(mutation.name))
		return { ok: false, message: `unknown mutation "${mutation.name}"` };
	// PostgreSQL text cannot hold NUL: such input is malformed, not a database fault to retry
	if (JSON.stringify(mutation.args ?? null).includes('\\u0000'))
		return { ok: false, message: 'text must not contain NUL characters' };
	const parsed = mutationArgs[mutation.name].safeParse(mutation.args);
	return parsed.success
		? { ok: true, args: parsed.data }
		: { ok: false, message: z.prettifyError(parsed.error) };
}

/** The arguments of a cleaning by the session's own staff member, if it is one that parses. */
function plainCleaning(
	staff: StaffProfile,
	mutation: PushMutation,
	parsed: ParsedArgs
): RecordCleaningArgs | null {
	if (mutation.name !== 'recordCleaning' || !parsed.ok) return null;
	if (mutation.actor && mutation.actor.staffId !== staff.id) return null;
	return parsed.args as RecordCleaningArgs;
}

async function applyAs(
	tx: Db,
	staff: StaffProfile,
	mutation: PushMutation,
	parsed: ParsedArgs,
	ctx: HandlerContext
): Promise<MutationResult> {
	if (!parsed.ok) return rejected(mutation.id, 'invalid_args', parsed.message);
	const handler = handlers[mutation.name as MutationName] as Handler<MutationName>;
	return handler(tx, staff, parsed.args as never, ctx);
}
