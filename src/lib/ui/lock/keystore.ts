import { b64, Keyring, unb64 } from '$lib/db/crypto';

/**
 * Where an unlocked tab keeps the replica's data key besides memory: its sessionStorage, like
 * the actor keys, so a reload of an open tab needs no PIN. Removed at every lock and sign-out;
 * never in IndexedDB or localStorage.
 */
const DATA_KEY_STORAGE = 'carepoint:data-key';

/** The keyring the app opens its replica with: locked, unless this tab was unlocked. */
export function restoreKeyring(): Keyring {
	const keyring = new Keyring('locked');
	const saved = globalThis.sessionStorage?.getItem(DATA_KEY_STORAGE);
	if (saved) keyring.open(unb64(saved));
	return keyring;
}

export function rememberDataKey(keyring: Keyring): void {
	if (keyring.state !== 'open') return;
	globalThis.sessionStorage?.setItem(DATA_KEY_STORAGE, b64(keyring.exportKey()));
}

export function forgetDataKey(keyring: Keyring): void {
	keyring.close();
	globalThis.sessionStorage?.removeItem(DATA_KEY_STORAGE);
}
