/**
 * The replica's small reads and writes that the first screen's modules make: the typed `meta`
 * rows, this client's ids, the outbox's pending count. Nothing here imports Dexie itself (only its
 * types, through `ReplicaDb`), so the layout, the lock and the scan and sign-in screens can hold
 * these while Dexie and the replica load after the first paint ($lib/ui/replica).
 */
import type { StaffProfile } from '$lib/domain';
import type { ReplicaDb } from './replica';

/** Keys of the meta table and the types stored under them. */
export interface Meta {
	clientGroupId: string;
	clientId: string;
	cookie: number;
	lastMutationId: number;
	lastSyncAt: string;
	/** serverTime - deviceTime at the last pull, in ms. */
	serverOffsetMs: number;
	staff: StaffProfile;
	posId: string;
	/** The screen lock is on (kept across reloads). */
	locked: boolean;
	/** Whose server session the tablet carries (the last online sign-in). */
	sessionStaffId: string;
}

export async function getMeta<K extends keyof Meta>(
	db: ReplicaDb,
	key: K
): Promise<Meta[K] | undefined> {
	const row = await db.meta.get(key);
	return row?.value as Meta[K] | undefined;
}

export async function setMeta<K extends keyof Meta>(
	db: ReplicaDb,
	key: K,
	value: Meta[K]
): Promise<void> {
	await db.meta.put({ key, value });
}

/** This replica's client group and client ids, created on first use. */
export async function clientIds(
	db: ReplicaDb
): Promise<{ clientGroupId: string; clientId: string }> {
	return db.transaction('rw', db.meta, async () => {
		let clientGroupId = await getMeta(db, 'clientGroupId');
		let clientId = await getMeta(db, 'clientId');
		if (!clientGroupId || !clientId) {
			clientGroupId = crypto.randomUUID();
			clientId = crypto.randomUUID();
			await setMeta(db, 'clientGroupId', clientGroupId);
			await setMeta(db, 'clientId', clientId);
		}
		return { clientGroupId, clientId };
	});
}

/** Actions recorded here and not yet sent to the server. */
export async function pendingCount(db: ReplicaDb): Promise<number> {
	return db.outbox.where('status').equals('pending').count();
}
