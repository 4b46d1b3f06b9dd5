import { effects, type Effect } from './effects';
import { mutationArgs, type MutationArgs, type MutationName, type StaffProfile } from '$lib/domain';
import { getMeta, setMeta, type OutboxEntry, type ReplicaDb } from './replica';
import { actionSigner } from './signer';

/**
 * Staff actions on the tablet. Each action is one Dexie transaction that appends the mutation
 * to the outbox and writes its optimistic effect, so either both happen or neither does.
 *
 * Local effects must be idempotent puts of the rows the server will later send: after a pull
 * (or a replica reset) the effects of still-pending mutations are simply written again.
 * Counters such as stock are never decremented locally; they are derived from the outbox at
 * read time (see `stockLevel`), so a re-applied effect can never count twice.
 */

export { setActionSigner, type ActionSigner } from './signer';

/** Every action's transaction spans all local tables: effects may touch any of them. */
function effectTables(db: ReplicaDb) {
	return [...Object.values(db.replicated()), db.outbox, db.meta];
}

function effectOf<N extends MutationName>(name: N): Effect<MutationName> {
	return effects[name] as unknown as Effect<MutationName>;
}

/**
 * Records a staff action: validates the arguments with the shared schema, appends it to the
 * outbox with the next gap-free id, and applies its local effect — atomically. Rejects (and
 * writes nothing) if IndexedDB fails, e.g. with a QuotaExceededError: the caller must then
 * not tell staff the action is done.
 */
export async function recordAction<N extends MutationName>(
	db: ReplicaDb,
	name: N,
	rawArgs: MutationArgs<N>,
	staff: StaffProfile,
	now: Date,
	/** More writes that must commit with the action or not at all. */
	alongside?: (entry: OutboxEntry) => Promise<void>
): Promise<OutboxEntry> {
	const args = mutationArgs[name].parse(rawArgs) as MutationArgs<N>;
	const uuid = crypto.randomUUID();
	// signed before the transaction: WebCrypto's promises would end a Dexie transaction
	const signer = actionSigner();
	const actor = signer ? await signer(staff.id, uuid) : undefined;
	return db.transaction('rw', effectTables(db), async () => {
		const id = ((await getMeta(db, 'lastMutationId')) ?? 0) + 1;
		const entry: OutboxEntry = {
			id,
			uuid,
			...(actor ? { actor } : {}),
			name,
			args,
			clientTime: now.toISOString(),
			staffId: staff.id,
			subjectId: effectOf(name).subject(args),
			status: 'pending'
		};
		await db.outbox.add(entry);
		await setMeta(db, 'lastMutationId', id);
		await effectOf(name).apply(db, args, { staffId: staff.id, marketCode: staff.marketCode });
		await alongside?.(entry);
		return entry;
	});
}

/** Writes the effects of every pending mutation again, on top of fresh server state. */
export async function reapplyPending(db: ReplicaDb, marketCode: StaffProfile['marketCode']) {
	const pending = await db.outbox.where('status').equals('pending').sortBy('id');
	for (const entry of pending) {
		const args = mutationArgs[entry.name].safeParse(entry.args);
		// an entry that no longer parses is left for the server to reject with a reason
		if (!args.success) continue;
		await effectOf(entry.name).apply(db, args.data, { staffId: entry.staffId, marketCode });
	}
}

/**
 * Sends a rejected action again (after its cause was fixed, e.g. the point of sale was assigned)
 * as a new mutation with a new id and uuid; the old entry keeps its rejection and points to the
 * new one, so the history stays truthful.
 */
export async function resendRejected(
	db: ReplicaDb,
	entryId: number,
	staff: StaffProfile,
	now: Date,
	changes: Partial<MutationArgs<MutationName>> = {}
): Promise<OutboxEntry> {
	const old = await db.outbox.get(entryId);
	if (!old || old.status !== 'rejected') throw new Error('only a rejected action can be resent');
	const args = mutationArgs[old.name].parse({ ...(old.args as object), ...changes });
	return recordAction(db, old.name, args, staff, now, async (entry) => {
		// in the same transaction: a rejected action is resent once, never twice
		const current = await db.outbox.get(entryId);
		if (current?.status !== 'rejected' || current.resentAs)
			throw new Error('this action was already resent or settled');
		await db.outbox.update(entryId, { resentAs: entry.id });
	});
}

/**
 * Drops a rejected action for good: the entry is kept as `discarded` (an audit trail on this
 * tablet) and its optimistic effect is removed, since the server never recorded it.
 */
export async function discardRejected(db: ReplicaDb, entryId: number): Promise<void> {
	await db.transaction('rw', effectTables(db), async () => {
		const old = await db.outbox.get(entryId);
		if (!old || old.status !== 'rejected')
			throw new Error('only a rejected action can be discarded');
		await db.outbox.update(entryId, { status: 'discarded' });
		const args = mutationArgs[old.name].safeParse(old.args);
		if (args.success) await effectOf(old.name).undo(db, args.data);
	});
}
