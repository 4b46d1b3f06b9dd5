type Aes = typeof import('@noble/ciphers/aes.js');

/**
 * AES-256-GCM, synchronous. IndexedDB commits a transaction as soon as it waits on anything but
 * IndexedDB, so WebCrypto's promise-based `encrypt` cannot run inside one; the audited
 * @noble/ciphers implementation runs in the same tick. The output is WebCrypto's format
 * (ciphertext followed by the 16-byte tag), behind a random 12-byte IV: `iv ‖ ciphertext ‖ tag`.
 */

/**
 * noble's AES builds its lookup tables when its module is evaluated: ~60–80 ms of an offline start
 * at CPU 4× (a CPU profile, docs/benchmarks.md), spent on the lock screen, which opens no key. So
 * the module loads when a key is about to be opened (`loadCipher`), not with the app; every
 * function below that needs it runs only with a key open.
 */
let aes: Aes | null = null;
let loading: Promise<Aes> | null = null;

/** Loads the cipher (once); await it before opening a key. A failed load is tried again next time. */
export function loadCipher(): Promise<void> {
	loading ??= import('@noble/ciphers/aes.js').then(
		(module) => (aes = module),
		(error: unknown) => {
			loading = null;
			throw error;
		}
	);
	return loading.then(() => undefined);
}

/** The cipher is here already: a key can open synchronously. */
export function cipherLoaded(): boolean {
	return aes !== null;
}

/** Hands over a cipher module loaded statically (tests and benchmarks, which open keys at once). */
export function useCipher(module: Aes): void {
	aes = module;
}

function cipher(): Aes {
	if (!aes) throw new Error('The cipher is not loaded: await loadCipher() before opening a key.');
	return aes;
}

export const KEY_BYTES = 32;
export const IV_BYTES = 12;

// IVs drawn from the system's CSPRNG a few thousand at a time (each byte used once): one call
// per row cost as much as a fifth of the sealing on a first sync
const pool = new Uint8Array(IV_BYTES * 4096);
let used = pool.length;
/** A fresh random IV (shared by `seal` and the WebCrypto path in sealing.ts: one format). */
export function freshIv(): Uint8Array {
	if (used === pool.length) {
		crypto.getRandomValues(pool); // 48 KiB: under getRandomValues' 64 KiB limit
		used = 0;
	}
	const iv = pool.slice(used, used + IV_BYTES);
	used += IV_BYTES;
	return iv;
}

/** Encrypts `plaintext`; `aad` binds the result to where it is stored (not secret). */
export function seal(key: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
	const iv = freshIv();
	const body = cipher().gcm(key, iv, aad).encrypt(plaintext);
	const out = new Uint8Array(IV_BYTES + body.length);
	out.set(iv);
	out.set(body, IV_BYTES);
	return out;
}

/** Decrypts what `seal` made; throws when the key, the `aad` or a byte is wrong. */
export function unseal(key: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array {
	return cipher().gcm(key, sealed.subarray(0, IV_BYTES), aad).decrypt(sealed.subarray(IV_BYTES));
}

/**
 * AES-256 of each 16-byte block on its own: a keyed pseudorandom permutation, used for the blind
 * index, where one term must always give one token (what ECB mode is avoided for elsewhere is the
 * point here). A quarter of the cost of an HMAC-SHA-256 per term (docs/security.md).
 */
export function pseudorandomBlocks(key: Uint8Array, blocks: Uint8Array): Uint8Array {
	return cipher().ecb(key, { disablePadding: true }).encrypt(blocks);
}
