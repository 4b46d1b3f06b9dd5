import { describe, expect, it, vi } from 'vitest';

/**
 * The cipher loads when a key is first opened, not with the app (its AES tables cost ~60–80 ms of
 * an offline start at CPU 4×). A fresh copy of the module, as the app's first load has it.
 */
async function freshCipher() {
	vi.resetModules();
	return import('./cipher');
}

describe('the lazily loaded cipher', () => {
	it('refuses to seal before it is loaded, with the reason, and seals once it is', async () => {
		const cipher = await freshCipher();
		const key = new Uint8Array(cipher.KEY_BYTES).fill(7);
		const aad = new TextEncoder().encode('customers/c-1/name');
		expect(cipher.cipherLoaded()).toBe(false);
		expect(() => cipher.seal(key, aad, new Uint8Array([1, 2, 3]))).toThrow(/loadCipher/);

		await cipher.loadCipher();
		expect(cipher.cipherLoaded()).toBe(true);
		const sealed = cipher.seal(key, aad, new Uint8Array([1, 2, 3]));
		expect([...cipher.unseal(key, aad, sealed)]).toEqual([1, 2, 3]);
	});

	it('a key opens on a fresh keyring only once the cipher is in', async () => {
		vi.resetModules();
		const cipher = await import('./cipher');
		const { Keyring } = await import('./sealing');
		const keyring = new Keyring('locked');
		expect(() => keyring.open(new Uint8Array(cipher.KEY_BYTES).fill(1))).toThrow(/loadCipher/);
		expect(keyring.state).toBe('locked');
		expect(() => keyring.exportKey()).toThrow(/locked/);
		await cipher.loadCipher();
		keyring.open(new Uint8Array(cipher.KEY_BYTES).fill(1));
		expect(keyring.state).toBe('open');
		expect(keyring.seek('n3:nin')).toMatch(/^[A-Za-z0-9+/]{11}=$/);
	});

	it('a load that failed (a chunk missing offline) is tried again, not remembered', async () => {
		vi.resetModules();
		vi.doMock('@noble/ciphers/aes.js', () => {
			throw new Error('Failed to fetch dynamically imported module');
		});
		const cipher = await import('./cipher');
		await expect(cipher.loadCipher()).rejects.toThrow();
		expect(cipher.cipherLoaded()).toBe(false);
		vi.doUnmock('@noble/ciphers/aes.js');
		await cipher.loadCipher();
		expect(cipher.cipherLoaded()).toBe(true);
	});
});
