import { wipeReplica, type ReplicaDb } from '$lib/db/replica';
import { forgetDataKey } from './lock/keystore';
import { writeLockSnapshot } from './lock/snapshot';

/**
 * Signing out of a shared tablet. Pending actions are never dropped: signing out "keeping
 * changes" leaves them in the outbox for the next sign-in; a wipe is only possible once the
 * server has everything.
 */
export async function signOut(
	db: ReplicaDb,
	sync: { stop(): void },
	{ wipe }: { wipe: boolean }
): Promise<void> {
	sync.stop();
	forgetDataKey(db.keyring); // nothing personal is readable until the next sign-in
	writeLockSnapshot(globalThis.localStorage, null); // the next start shows the sign-in screen
	await fetch('/api/auth/logout', { method: 'POST' }).catch(() => undefined); // offline: local only
	if (wipe) {
		await wipeReplica(db);
		return;
	}
	await db.meta.delete('staff');
}
