import type { ReplicaDb } from '$lib/db/replica';
import { getMeta, setMeta } from '$lib/db/meta';
import type { StaffProfile } from '$lib/domain';
import type { SyncStatus } from '$lib/sync/engine';
import { restoreKeyring } from './lock/keystore';
import { LazySync } from './lazy-sync';
import { prefetchLastLocale } from './i18n.svelte';

/**
 * The tab's shell state: the session, the lock's keyring, the sync loop and what the shell shows.
 * The replica itself (Dexie) is not imported here: it loads through `replica()` (./replica.ts),
 * so the first screen can paint before Dexie has been fetched and evaluated.
 */

/** The replica's data key: locked, unless this tab was unlocked and reloaded (lock/keystore.ts). */
export const keyring = restoreKeyring();

class ReplicaView {
	/** The replica once loaded, for live queries of the shell (null until then). */
	db = $state.raw<ReplicaDb | null>(null);
}
export const replicaView = new ReplicaView();

let loading: Promise<ReplicaDb> | null = null;
/** The tab's one replica, loading it (Dexie, the schema, the open) on the first call. */
export function replica(): Promise<ReplicaDb> {
	loading ??= import('./replica').then(
		(module) => module.db,
		(error: unknown) => {
			loading = null; // a failed load is tried again at the next call, not remembered
			throw error;
		}
	);
	return loading;
}

class Upgrade {
	/** Another tab opened a newer version of the local database: this tab must reload. */
	needed = $state(false);
	/** Our upgrade waits for an older tab to close. */
	blocked = $state(false);
}
export const upgrade = new Upgrade();

// the language shown last starts loading now, not once the session has been read
prefetchLastLocale();
// while the replica is locked nothing personal can be read or written: push and pull wait for
// the unlock (docs/security.md)
export const sync = new LazySync(replica, { paused: () => keyring.state === 'locked' });

/** Both reads at once: each is a round trip to IndexedDB on the way to the first screen. */
async function readSession() {
	const db = await replica();
	return Promise.all([getMeta(db, 'staff'), getMeta(db, 'posId')]);
}

class Session {
	staff = $state<StaffProfile | null>(null);
	posId = $state<string | null>(null);
	ready = $state(false);

	/** The first load's reads, issued before the layout mounts (see `prefetch`); used once. */
	private early: ReturnType<typeof readSession> | null = null;

	/**
	 * Start the first load's reads now (the layout's module does, with the lock's): at a cold start
	 * they queue behind the replica's open and return with it, so the session, the lock and the
	 * PIN records take one round trip to IndexedDB instead of two after the layout has mounted.
	 */
	prefetch(): void {
		this.early ??= readSession();
	}

	/** Show this session before the replica has been read (the lock's snapshot); `load()` confirms. */
	show(staff: StaffProfile, posId: string | null): void {
		this.staff = staff;
		this.posId = posId;
		this.ready = true;
	}

	async load() {
		const reads = this.early ?? readSession();
		this.early = null;
		const [staff, posId] = await reads;
		this.staff = staff ?? null;
		this.posId = posId ?? this.staff?.posIds[0] ?? null;
		this.ready = true;
	}

	async signedIn(staff: StaffProfile) {
		const db = await replica();
		const previous = await getMeta(db, 'staff');
		await db.transaction('rw', db.meta, async () => {
			await setMeta(db, 'staff', staff);
			const posId = staff.posIds[0];
			if (posId && (previous?.id !== staff.id || !this.posId)) await setMeta(db, 'posId', posId);
		});
		await this.load();
	}
}

export const session = new Session();

class SyncView {
	status = $state<SyncStatus>(sync.current);
	online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	constructor() {
		sync.subscribe((s) => (this.status = s));
		if (typeof window !== 'undefined') {
			window.addEventListener('online', () => (this.online = true));
			window.addEventListener('offline', () => (this.online = false));
		}
	}
}

export const syncView = new SyncView();

/** Now by the server's clock, as learned at the last sync (BRIEF decision 5). */
export async function serverNow(): Promise<Date> {
	const offset = (await getMeta(await replica(), 'serverOffsetMs')) ?? 0;
	// a plain value handed to pure rules, never reactive state
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	return new Date(Date.now() + offset);
}
