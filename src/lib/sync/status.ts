/**
 * What the sync loop shows staff, apart from the engine: the first screen imports this (through
 * the lazy loader) without the engine's schemas (PWA budget, src/lib/ui/lazy-sync.ts).
 */

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error' | 'signed-out';

export interface SyncStatus {
	state: SyncState;
	lastSyncAt: string | null;
	lastError: string | null;
	/** Rows received in the pull that is running, for a progress display. */
	received: number;
	/** Rows the running pull carries in all (paged pull; null until the server said). */
	total: number | null;
	/** serverTime − device time at the last pull; null before the first. */
	clockOffsetMs: number | null;
	/**
	 * Rows the server sent that this app version could not read (schema mismatch), left out of
	 * the replica since it was last filled from scratch; 0 when the replica is complete.
	 */
	skippedRows: number;
}

/** Before the first sync of this tab. */
export const IDLE_STATUS: Readonly<SyncStatus> = {
	state: 'idle',
	lastSyncAt: null,
	lastError: null,
	received: 0,
	total: null,
	clockOffsetMs: null,
	skippedRows: 0
};
