import { gcm } from '@noble/ciphers/aes.js';

/**
 * AES-256-GCM, synchronous. IndexedDB commits a transaction as soon as it waits on anything but
 * IndexedDB, so WebCrypto's promise-based `encrypt` cannot run inside one; the audited
 * @noble/ciphers implementation runs in the same tick. The output is WebCrypto's format
 * (ciphertext followed by the 16-byte tag), behind a random 12-byte IV: `iv ‖ ciphertext ‖ tag`.
 */

export const KEY_BYTES = 32;
const IV_BYTES = 12;

/** Encrypts `plaintext`; `aad` binds the result to where it is stored (not secret). */
export function seal(key: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
	const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const body = gcm(key, iv, aad).encrypt(plaintext);
	const out = new Uint8Array(IV_BYTES + body.length);
	out.set(iv);
	out.set(body, IV_BYTES);
	return out;
}

/** Decrypts what `seal` made; throws when the key, the `aad` or a byte is wrong. */
export function unseal(key: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array {
	return gcm(key, sealed.subarray(0, IV_BYTES), aad).decrypt(sealed.subarray(IV_BYTES));
}
