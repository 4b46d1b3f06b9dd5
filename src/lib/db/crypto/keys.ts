import type { ReplicaDb } from '../replica';
import { KEY_BYTES, loadCipher } from './cipher';
import { SEALED_FIELDS } from './sealing';

/**
 * The life of a tablet's data key (docs/security.md). One random key per replica (client group)
 * seals the personal fields. It is never stored as it is: WebCrypto AES-GCM wraps it under each
 * staff member's PIN (in their PIN record, `src/lib/ui/lock/pin.ts`) and under the tablet's
 * device key, which the server hands only to an authenticated sign-in from this client group —
 * so any colleague's online sign-in opens the replica again after a PIN lock-out, and a locked
 * tablet alone opens nothing.
 */

export interface WrappedKey {
	iv: string;
	wrapped: string;
}

const DEVICE_WRAP = 'dataKey:device';

export const b64 = (bytes: Uint8Array): string => {
	let text = '';
	for (const b of bytes) text += String.fromCharCode(b);
	return btoa(text);
};
export const unb64 = (text: string): Uint8Array =>
	Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

function kek(raw: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', raw as BufferSource, 'AES-GCM', false, [usage]);
}

export function newDataKey(): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(KEY_BYTES));
}

/** WebCrypto AES-GCM under a 256-bit key-encryption key (PIN-derived or the device key). */
export async function wrapDataKey(dataKey: Uint8Array, raw: Uint8Array): Promise<WrappedKey> {
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const wrapped = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv: iv as BufferSource },
		await kek(raw, 'encrypt'),
		dataKey as BufferSource
	);
	return { iv: b64(iv), wrapped: b64(new Uint8Array(wrapped)) };
}

/** Throws when `raw` is not the key it was wrapped under. */
export async function unwrapDataKey(w: WrappedKey, raw: Uint8Array): Promise<Uint8Array> {
	const opened = await crypto.subtle.decrypt(
		{ name: 'AES-GCM', iv: unb64(w.iv) as BufferSource },
		await kek(raw, 'decrypt'),
		unb64(w.wrapped) as BufferSource
	);
	return new Uint8Array(opened);
}

/** A data key was set up on this replica (it holds sealed rows, or may). */
export async function dataKeyEstablished(db: ReplicaDb): Promise<boolean> {
	return (await db.meta.get(DEVICE_WRAP)) !== undefined;
}

/**
 * After an online sign-in: open the replica with the device key the server sent. The first time
 * (a new tablet, or one whose replica predates encryption) a data key is made, wrapped, and every
 * row of the sealed tables written again, sealed.
 */
export async function openWithDeviceKey(db: ReplicaDb, deviceKey: string): Promise<void> {
	await loadCipher();
	const raw = unb64(deviceKey);
	const existing = (await db.meta.get(DEVICE_WRAP))?.value as WrappedKey | undefined;
	if (existing) {
		db.keyring.open(await unwrapDataKey(existing, raw));
		return;
	}
	const dataKey = newDataKey();
	db.keyring.open(dataKey);
	await sealEverything(db);
	await db.meta.put({ key: DEVICE_WRAP, value: await wrapDataKey(dataKey, raw) });
	dataKey.fill(0);
}

/**
 * Writes every row of the sealed tables again through the middleware (which seals it), in
 * batches of one transaction each. Run once, when a data key is first set up; rows already
 * sealed are only sealed anew.
 */
export async function sealEverything(db: ReplicaDb, batch = 2_000): Promise<number> {
	let count = 0;
	for (const name of Object.keys(SEALED_FIELDS)) {
		const table = db.table(name);
		let after: unknown = undefined;
		for (;;) {
			const rows: unknown[] = await db.transaction('rw', table, async () => {
				const page =
					after === undefined
						? await table.orderBy(':id').limit(batch).toArray()
						: await table.where(':id').above(after).limit(batch).toArray();
				await table.bulkPut(page);
				return page;
			});
			count += rows.length;
			if (rows.length < batch) break;
			after = (rows[rows.length - 1] as Record<string, unknown>)[
				table.schema.primKey.keyPath as string
			];
		}
	}
	return count;
}
