import { b64, cipherLoaded, Keyring, loadCipher, unb64 } from '$lib/db/crypto';

/**
 * Where an unlocked tab keeps the replica's data key besides memory: its sessionStorage, like
 * the actor keys, so a reload of an open tab needs no PIN. Removed at every lock and sign-out;
 * never in IndexedDB or localStorage.
 */
const DATA_KEY_STORAGE = 'carepoint:data-key';

let restoring: Promise<void> = Promise.resolve();

/**
 * The keyring the app opens its replica with: locked, unless this tab was unlocked. Then its key
 * opens at once when the cipher is loaded, else as soon as it is (`keyringRestored`, which the
 * replica's open waits for).
 */
export function restoreKeyring(): Keyring {
	const keyring = new Keyring('locked');
	const saved = globalThis.sessionStorage?.getItem(DATA_KEY_STORAGE);
	if (!saved) return keyring;
	if (cipherLoaded()) keyring.open(unb64(saved));
	else
		restoring = loadCipher().then(
			() => {
				if (keyring.state === 'locked') keyring.open(unb64(saved));
			},
			// no cipher, no key: the tab stays locked (its PIN unlock loads the cipher again)
			// rather than failing the replica's open, and every read with it
			() => undefined
		);
	return keyring;
}

/** Resolves when the key `restoreKeyring` found is open (at once when it found none). */
export function keyringRestored(): Promise<void> {
	return restoring;
}

/** This tab holds the replica's data key: it was unlocked, then reloaded. */
export function holdsDataKey(): boolean {
	return !!globalThis.sessionStorage?.getItem(DATA_KEY_STORAGE);
}

export function rememberDataKey(keyring: Keyring): void {
	if (keyring.state !== 'open') return;
	globalThis.sessionStorage?.setItem(DATA_KEY_STORAGE, b64(keyring.exportKey()));
}

export function forgetDataKey(keyring: Keyring): void {
	keyring.close();
	globalThis.sessionStorage?.removeItem(DATA_KEY_STORAGE);
}
