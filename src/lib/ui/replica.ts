/**
 * The tab's one replica: Dexie on IndexedDB, with the schema and the sealing of personal fields.
 *
 * Kept apart from the first screen's modules: Dexie and the schema are the largest part of the
 * first load (~37 KB gzip, ~0.1 s of main thread at CPU 4× to evaluate and open), and the lock
 * screen a home-screen start opens on is painted from its snapshot without them. The layout loads
 * this module through `replica()` (app.svelte.ts) — at once when the first screen needs the
 * replica, after the lock's first paint when it does not — and screens past the first import
 * `db` from here.
 */
import { ReplicaDb } from '$lib/db/replica';
import { keyring, replicaView, upgrade } from './app.svelte';
import { keyringRestored } from './lock/keystore';

export const db = new ReplicaDb('carepoint', keyring);
// a reloaded unlocked tab opens its key once the cipher has loaded: nothing reads or writes the
// replica before (Dexie holds every operation until its 'ready' subscribers have resolved)
db.on('ready', () => keyringRestored());

// a newer version in another tab wants to upgrade the schema: let it (close), then ask to reload
// — never hang both tabs (Dexie would otherwise wait for us forever)
db.on('versionchange', () => {
	db.close({ disableAutoOpen: false });
	upgrade.needed = true;
	return false;
});
db.on('blocked', () => {
	upgrade.blocked = true;
});
db.on('ready', () => {
	upgrade.blocked = false;
});
// open the replica now rather than at the first read (Dexie opens on first use): the first
// screen's reads queue behind the open and come back with it
if (typeof indexedDB !== 'undefined') {
	performance.mark('carepoint:open');
	db.open()
		.then(() => performance.mark('carepoint:opened'))
		.catch(() => undefined); // a failed open fails every read too
}

replicaView.db = db;
