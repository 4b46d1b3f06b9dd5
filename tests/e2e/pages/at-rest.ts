import type { Page } from '@playwright/test';

/**
 * The tablet's IndexedDB as a thief with the device's files would see it: every row of every
 * store of the replica, read with the raw IndexedDB API (no app code, no Dexie). Byte arrays
 * (sealed blobs) come back as `{ sealedBytes: n }`.
 */
export async function storedRows(page: Page): Promise<Record<string, Record<string, unknown>[]>> {
	return page.evaluate(async () => {
		const idb = await new Promise<IDBDatabase>((resolve, reject) => {
			const req = indexedDB.open('carepoint');
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const plain = (value: unknown): unknown => {
			if (value instanceof Uint8Array) return { sealedBytes: value.length };
			if (Array.isArray(value)) return value.map(plain);
			if (value && typeof value === 'object')
				return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
			return value;
		};
		const out: Record<string, Record<string, unknown>[]> = {};
		for (const name of Array.from(idb.objectStoreNames)) {
			out[name] = await new Promise((resolve, reject) => {
				const req = idb.transaction(name).objectStore(name).getAll();
				req.onsuccess = () => resolve((req.result as unknown[]).map(plain) as never);
				req.onerror = () => reject(req.error);
			});
		}
		idb.close();
		return out;
	});
}

/** Every string anywhere in the rows (keys of objects too). */
export function strings(value: unknown, into: string[] = []): string[] {
	if (typeof value === 'string') into.push(value);
	else if (Array.isArray(value)) for (const v of value) strings(v, into);
	else if (value && typeof value === 'object')
		for (const [k, v] of Object.entries(value)) {
			into.push(k);
			strings(v, into);
		}
	return into;
}
