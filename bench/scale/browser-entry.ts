/**
 * What the browser benchmarks run inside the page: the app's own replica, queries, mutators and
 * sync engine (the same modules the scan, device and cleaning screens import), bundled once by
 * bench/scale/build.mjs and served on the app's origin, so they open the app's IndexedDB.
 */
import { recordAction } from '$lib/db/mutators';
import { checkCleaning, findDevice } from '$lib/db/queries';
import { getMeta, ReplicaDb, setMeta } from '$lib/db/replica';
import { SyncEngine } from '$lib/sync/engine';
import { restoreKeyring } from '$lib/ui/lock/keystore';
import * as aes from '@noble/ciphers/aes.js';
import { useCipher } from '$lib/db/crypto/cipher';

// the app loads the cipher when a key is first opened; the bench opens keys at once
useCipher(aes);

// restoreKeyring: the data key the app tab keeps in sessionStorage (the bench page is the same
// tab, navigated): without it the sealed replica cannot be read (issue 9's field encryption)
const api = {
	ReplicaDb,
	findDevice,
	checkCleaning,
	recordAction,
	SyncEngine,
	getMeta,
	setMeta,
	restoreKeyring
};
(globalThis as unknown as { bench: typeof api }).bench = api;
export type BenchApi = typeof api;
