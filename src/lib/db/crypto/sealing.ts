import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { freshIv, IV_BYTES, KEY_BYTES, pseudorandomBlocks, seal, unseal } from './cipher';
import { SEEK, SEEK_TERMS } from './seek';

/**
 * Encryption at rest of personal fields (docs/security.md). A Dexie DBCore middleware takes the
 * listed fields out of every row written to these tables and stores them as one AES-GCM blob
 * under `SEALED`, bound to the table and the row's key; reads put them back. Transparent for
 * every query, so screens and sync code stay unchanged; what cannot be searched any more is an
 * index on a sealed field (the schema has none — the find screen filters in memory).
 */

/** Personal fields per table. A new table or field with personal data belongs here. */
export const SEALED_FIELDS: Readonly<Record<string, readonly string[]>> = {
	customers: ['firstName', 'lastName', 'phone', 'dateOfBirth'],
	/** RNT-5 contract: the ID document's type and last characters, the drawn signature. */
	rentals: ['contract'],
	/** Services' details carry a rental's ID data, attestations, notes. */
	services: ['details'],
	/** Every action's arguments: registerCustomer's name, phone and birth date, a signature… */
	outbox: ['args']
};

/** Where a sealed row keeps its blob. */
export const SEALED = '_sealed';

/**
 * Blind-index tokens kept in memory while the key is open: a term always gives the same token,
 * and a market's rows share few terms (26 first letters, 10,000 phone endings…), so a first sync
 * computes each one once instead of ~12 AES blocks per customer. Bounded, and dropped on close
 * (its keys are the terms).
 */
const SEEK_CACHE_MAX = 200_000;

/**
 * `plain`: no data key was ever set up on this tablet (an old replica before its first online
 * sign-in): rows are written as they are. `locked`: a key exists but is not in memory — reads of
 * sealed rows and writes to sealed tables fail. `open`: the key is in memory.
 */
export type SealState = 'plain' | 'locked' | 'open';

export class LockedError extends Error {
	override name = 'LockedError';
	constructor() {
		super('The replica is locked: unlock with a PIN to read or write personal data.');
	}
}

/** The data key of one replica, held in memory only while the tablet is unlocked. */
export class Keyring {
	#key: Uint8Array | null = null;
	#seek: Uint8Array | null = null;
	#state: SealState;
	/** The key as a WebCrypto key (hardware AES), imported on first use by `sealRows`. */
	#web: Promise<CryptoKey> | null = null;
	#tokens = new Map<string, string>();
	/** Bumped on every open and close: a row sealed before either is not written after it. */
	#generation = 0;

	constructor(state: 'plain' | 'locked' = 'locked') {
		this.#state = state;
	}

	get state(): SealState {
		return this.#state;
	}

	open(key: Uint8Array): void {
		if (key.length !== KEY_BYTES) throw new Error('A data key is 32 bytes.');
		// a key of its own for the blind index: AES under the data key of two fixed blocks (a
		// PRF-based derivation, like SP 800-108's counter mode), so no hash library is shipped —
		// first, so that a cipher not loaded yet (cipher.ts) leaves the keyring as it was
		const label = new Uint8Array(32);
		label.set(encoder.encode('carepoint:seek:1'));
		label.set(encoder.encode('carepoint:seek:2'), 16);
		this.#seek = pseudorandomBlocks(key, label);
		this.#key = key.slice();
		this.#web = null;
		this.#tokens.clear();
		this.#generation++;
		this.#state = 'open';
	}

	/** Forget the key (lock, sign-out). Zeroed first: best effort, JS may hold copies. */
	close(): void {
		this.#key?.fill(0);
		this.#key = null;
		this.#seek?.fill(0);
		this.#seek = null;
		this.#web = null;
		this.#tokens.clear();
		this.#generation++;
		this.#state = 'locked';
	}

	/** No key was ever set up on this replica: keep writing plain rows until one is. */
	plain(): void {
		if (this.#state !== 'open') this.#state = 'plain';
	}

	/** A copy of the key, to wrap it (PIN, device key). */
	exportKey(): Uint8Array {
		if (!this.#key) throw new LockedError();
		return this.#key.slice();
	}

	/**
	 * The blind-index tokens of search terms (`seek.ts`): 64 bits of AES-256 of each term's block
	 * under an index key derived from the data key. One term, one token, always —
	 * that is what makes it an index; the key keeps the term out of reach.
	 */
	seekMany(terms: readonly string[]): string[] {
		if (!this.#seek) throw new LockedError();
		const missing = [...new Set(terms.filter((t) => !this.#tokens.has(t)))];
		if (missing.length > 0) {
			// the terms not seen yet, all in one AES call (one key schedule)
			const blocks = new Uint8Array(16 * missing.length);
			missing.forEach((term, i) => {
				const bytes = encoder.encode(term).subarray(0, 15);
				blocks.set(bytes, 16 * i);
				blocks[16 * i + 15] = bytes.length;
			});
			const out = pseudorandomBlocks(this.#seek, blocks);
			if (this.#tokens.size + missing.length > SEEK_CACHE_MAX) this.#tokens.clear();
			missing.forEach((term, i) => {
				let text = '';
				for (const b of out.subarray(16 * i, 16 * i + 8)) text += String.fromCharCode(b);
				this.#tokens.set(term, btoa(text));
			});
		}
		return terms.map((t) => this.#tokens.get(t)!);
	}

	seek(term: string): string {
		return this.seekMany([term])[0]!;
	}

	/** @internal the middleware's access, without a copy per row */
	current(): Uint8Array | null {
		return this.#key;
	}

	/** @internal which opening of the key a pre-sealed row belongs to */
	get generation(): number {
		return this.#generation;
	}

	/** @internal the same key for WebCrypto (non-extractable), imported once per opening */
	webKey(): Promise<CryptoKey> {
		if (!this.#key) throw new LockedError();
		this.#web ??= crypto.subtle.importKey('raw', this.#key as BufferSource, 'AES-GCM', false, [
			'encrypt'
		]);
		return this.#web;
	}
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function aadOf(table: string, key: unknown): Uint8Array {
	return encoder.encode(`${table}\u0000${JSON.stringify(key)}`);
}

/**
 * A row split into what is stored in clear (with its blind-index tokens) and the JSON of its
 * personal fields, the plaintext of its blob. One definition for both ways of sealing.
 */
function splitRow(
	keyring: Keyring,
	table: string,
	fields: readonly string[],
	row: Record<string, unknown>
): { rest: Record<string, unknown>; plaintext: Uint8Array } {
	const secret: Record<string, unknown> = {};
	// built key by key rather than copied and `delete`d: a deleted property turns a V8 object
	// into a slow dictionary, and IndexedDB's structured clone of each stored row then takes
	// the slow path too
	const rest: Record<string, unknown> = {};
	for (const k in row) {
		if (fields.includes(k)) secret[k] = row[k];
		else if (k !== SEALED) rest[k] = row[k];
	}
	const terms = SEEK_TERMS[table];
	if (terms) rest[SEEK] = keyring.seekMany(terms(row));
	return { rest, plaintext: encoder.encode(JSON.stringify(secret)) };
}

function sealRow(
	keyring: Keyring,
	table: string,
	fields: readonly string[],
	primaryKey: unknown,
	row: Record<string, unknown>
): Record<string, unknown> {
	const key = keyring.current();
	if (!key) {
		if (keyring.state === 'plain') return row;
		throw new LockedError();
	}
	const { rest, plaintext } = splitRow(keyring, table, fields, row);
	rest[SEALED] = seal(key, aadOf(table, primaryKey), plaintext);
	return rest;
}

/**
 * Rows sealed ahead of their write by `sealRows`, with what they were sealed for. Only that
 * function adds to it, and only objects it made itself (frozen), so nothing read from the
 * network or built by a screen can pass as sealed: the middleware seals every other row.
 */
const presealed = new WeakMap<object, { keyring: Keyring; generation: number; key: string }>();

/**
 * Seals rows of a sealed table before their IndexedDB transaction, with WebCrypto's AES-GCM
 * (hardware AES, off the main thread, all rows of a batch at once) instead of the
 * middleware's synchronous JavaScript AES inside it — what made a first sync's pages slow. The
 * result is the middleware's format byte for byte (`iv ‖ ciphertext ‖ tag`, the same AAD, the
 * same tokens), and the middleware writes these rows as they are. Rows of other tables, and
 * every row while no key was ever set up (`plain`), come back unchanged; the middleware then
 * does what it always does with them. A row is sealed under its primary key (`keyPath`): the
 * middleware refuses to write it under another key or after the key was closed or changed.
 */
export async function sealRows<T extends object>(
	keyring: Keyring,
	table: string,
	keyPath: string,
	rows: readonly T[]
): Promise<T[]> {
	const fields = SEALED_FIELDS[table];
	if (!fields || rows.length === 0 || keyring.state === 'plain') return [...rows];
	const generation = keyring.generation;
	const key = await keyring.webKey();
	return Promise.all(
		rows.map(async (row) => {
			const primaryKey = JSON.stringify((row as Record<string, unknown>)[keyPath]);
			const { rest, plaintext } = splitRow(keyring, table, fields, row as Record<string, unknown>);
			const iv = freshIv();
			const body = new Uint8Array(
				await crypto.subtle.encrypt(
					{
						name: 'AES-GCM',
						iv: iv as BufferSource,
						additionalData: encoder.encode(`${table}\u0000${primaryKey}`) as BufferSource
					},
					key,
					plaintext as BufferSource
				)
			);
			const blob = new Uint8Array(IV_BYTES + body.length);
			blob.set(iv);
			blob.set(body, IV_BYTES);
			rest[SEALED] = blob;
			Object.freeze(rest);
			presealed.set(rest, { keyring, generation, key: primaryKey });
			return rest as T;
		})
	);
}

/** The row to store: a row `sealRows` made for this key and opening as it is, any other sealed. */
function sealedValue(
	keyring: Keyring,
	table: string,
	fields: readonly string[],
	primaryKey: unknown,
	row: Record<string, unknown>
): Record<string, unknown> {
	const mark = presealed.get(row);
	if (!mark) {
		// a copy of a row sealed ahead: its personal fields are only in the blob, so sealing it
		// again would store an empty blob over them — refused rather than silently emptied
		if (SEALED in row)
			throw new Error(
				`A copy of a sealed row of ${table} cannot be written; write the row itself.`
			);
		return sealRow(keyring, table, fields, primaryKey, row);
	}
	if (keyring.state !== 'open') throw new LockedError();
	// its personal fields are gone: sealing it again would store an empty blob over them
	if (
		mark.keyring !== keyring ||
		mark.generation !== keyring.generation ||
		mark.key !== JSON.stringify(primaryKey)
	)
		throw new Error(`A row of ${table} sealed for another key or row cannot be written.`);
	return row;
}

function openRow(keyring: Keyring, table: string, primaryKey: unknown, row: unknown): unknown {
	if (!row || typeof row !== 'object' || !(SEALED in row)) return row; // absent, or written plain
	const key = keyring.current();
	if (!key) throw new LockedError();
	const { [SEALED]: blob, [SEEK]: _tokens, ...rest } = row as Record<string, unknown>;
	const secret = JSON.parse(
		decoder.decode(unseal(key, aadOf(table, primaryKey), blob as Uint8Array))
	) as Record<string, unknown>;
	return { ...rest, ...secret };
}

function sealedTable(down: DBCoreTable, keyring: Keyring, fields: readonly string[]): DBCoreTable {
	const name = down.name;
	const pk = down.schema.primaryKey;
	const keyOf = (row: unknown) => pk.extractKey!(row);
	return {
		...down,
		mutate(req: DBCoreMutateRequest) {
			if (req.type !== 'add' && req.type !== 'put') return down.mutate(req);
			const values = req.values.map((v: Record<string, unknown>, i) =>
				sealedValue(keyring, name, fields, req.keys?.[i] ?? keyOf(v), v)
			);
			// the sealed values are the whole truth: a change spec would carry plaintext below us
			return down.mutate({ type: req.type, trans: req.trans, values, keys: req.keys });
		},
		async get(req) {
			return openRow(keyring, name, req.key, await down.get(req));
		},
		async getMany(req) {
			const rows = await down.getMany(req);
			return rows.map((row, i) => openRow(keyring, name, req.keys[i], row));
		},
		async query(req) {
			const res = await down.query(req);
			if (!req.values) return res;
			return {
				...res,
				result: res.result.map((row) => (row ? openRow(keyring, name, keyOf(row), row) : row))
			};
		},
		async openCursor(req) {
			const cursor = await down.openCursor(req);
			if (!cursor || !req.values) return cursor;
			return Object.create(cursor, {
				value: { get: () => openRow(keyring, name, cursor.primaryKey, cursor.value) }
			}) as typeof cursor;
		}
	};
}

/**
 * The middleware, placed below Dexie's hooks (level 2) and above its cache and observability
 * (level 0): liveQuery's cache then holds sealed rows, so nothing read before a lock can be read
 * from it after.
 */
export function sealingMiddleware(keyring: Keyring): Middleware<DBCore> {
	return {
		stack: 'dbcore',
		name: 'sealing',
		level: 1.5,
		create(down) {
			return {
				...down,
				table(name) {
					const table = down.table(name);
					const fields = SEALED_FIELDS[name];
					return fields ? sealedTable(table, keyring, fields) : table;
				}
			};
		}
	};
}
