import type { StaffProfile } from '$lib/domain';

/**
 * The lock screen's snapshot: what a new tab of a signed-in tablet shows first — who is signed
 * in and who can unlock here with a PIN — kept in localStorage beside the replica.
 *
 * Why: a new tab (a cold start from the home screen) always opens on the lock, since the replica's
 * data key lives only in an unlocked tab. Reading that from IndexedDB meant waiting for the
 * replica's open and two reads, and IndexedDB's answers wait for the main thread while the app's
 * code is still starting: ~0.2–0.3 s of an offline start at CPU 4× (docs/benchmarks.md). The
 * snapshot is read synchronously, so the lock can paint with the layout.
 *
 * Only what the lock screen shows anyone holding the tablet (names, ids, the point of sale); the
 * replica keeps the same `meta` rows unsealed. The snapshot only ever *shows* the lock: unlocking
 * reads the PIN record from the replica, and the replica's own state replaces the snapshot's a
 * moment later (`lock.load()`), so a stale snapshot can at worst show the lock for that moment.
 */
export type LockSnapshot = {
	staff: StaffProfile;
	posId: string | null;
	/** Who can unlock with a PIN here (the quick-switch list), the signed-in person among them. */
	known: StaffProfile[];
};

export const LOCK_SNAPSHOT_KEY = 'carepoint:lock-screen';

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function isProfile(value: unknown): value is StaffProfile {
	if (typeof value !== 'object' || value === null) return false;
	const p = value as Record<string, unknown>;
	return (
		typeof p.id === 'string' &&
		p.id !== '' &&
		typeof p.displayName === 'string' &&
		typeof p.username === 'string' &&
		typeof p.role === 'string' &&
		typeof p.marketCode === 'string' &&
		Array.isArray(p.posIds) &&
		p.posIds.every((id) => typeof id === 'string')
	);
}

/** The snapshot, or null when there is none or it is not one (then the replica decides). */
export function readLockSnapshot(store: Store | undefined): LockSnapshot | null {
	let value: unknown;
	try {
		value = JSON.parse(store?.getItem(LOCK_SNAPSHOT_KEY) ?? 'null');
	} catch {
		return null;
	}
	if (typeof value !== 'object' || value === null) return null;
	const s = value as Record<string, unknown>;
	if (!isProfile(s.staff) || !(s.posId === null || typeof s.posId === 'string')) return null;
	if (!Array.isArray(s.known) || !s.known.every(isProfile)) return null;
	return { staff: s.staff, posId: s.posId, known: s.known };
}

/**
 * Keep the snapshot in step with the replica: written when a new tab would open on the lock (a
 * signed-in person, and a data key set up on this tablet), removed otherwise. A full disk only
 * costs the fast path: the next start reads the replica, as before.
 */
export function writeLockSnapshot(store: Store | undefined, snapshot: LockSnapshot | null): void {
	try {
		if (snapshot) store?.setItem(LOCK_SNAPSHOT_KEY, JSON.stringify(snapshot));
		else store?.removeItem(LOCK_SNAPSHOT_KEY);
	} catch {
		// QuotaExceededError or storage disabled: the start reads the replica instead
		try {
			store?.removeItem(LOCK_SNAPSHOT_KEY);
		} catch {
			// nothing more to do
		}
	}
}
