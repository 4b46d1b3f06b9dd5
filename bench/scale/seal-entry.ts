/**
 * What bench/seal.bench.mjs runs in the page: the app's replica with its sealing middleware, the
 * find screen's search, and the one-time sealing of an old replica.
 */
import { customerTerms, Keyring, newDataKey, sealEverything } from '$lib/db/crypto';
import { seal, unseal } from '$lib/db/crypto/cipher';
import { findCustomers } from '$lib/db/queries/customers';
import { ReplicaDb } from '$lib/db/replica';
import * as aes from '@noble/ciphers/aes.js';
import { useCipher } from '$lib/db/crypto/cipher';

// the app loads the cipher when a key is first opened; the bench opens keys at once
useCipher(aes);

const api = {
	ReplicaDb,
	Keyring,
	newDataKey,
	sealEverything,
	findCustomers,
	seal,
	unseal,
	customerTerms
};
(globalThis as unknown as { bench: typeof api }).bench = api;
