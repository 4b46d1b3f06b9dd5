import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { KEY_BYTES, pseudorandomBlocks, seal, unseal } from './cipher';
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

	constructor(state: 'plain' | 'locked' = 'locked') {
		this.#state = state;
	}

	get state(): SealState {
		return this.#state;
	}

	open(key: Uint8Array): void {
		if (key.length !== KEY_BYTES) throw new Error('A data key is 32 bytes.');
		this.#key = key.slice();
		// a key of its own for the blind index: AES under the data key of two fixed blocks (a
		// PRF-based derivation, like SP 800-108's counter mode), so no hash library is shipped
		const label = new Uint8Array(32);
		label.set(encoder.encode('carepoint:seek:1'));
		label.set(encoder.encode('carepoint:seek:2'), 16);
		this.#seek = pseudorandomBlocks(this.#key, label);
		this.#state = 'open';
	}

	/** Forget the key (lock, sign-out). Zeroed first: best effort, JS may hold copies. */
	close(): void {
		this.#key?.fill(0);
		this.#key = null;
		this.#seek?.fill(0);
		this.#seek = null;
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
		if (terms.length === 0) return [];
		const blocks = new Uint8Array(16 * terms.length);
		terms.forEach((term, i) => {
			const bytes = encoder.encode(term).subarray(0, 15);
			blocks.set(bytes, 16 * i);
			blocks[16 * i + 15] = bytes.length;
		});
		const out = pseudorandomBlocks(this.#seek, blocks);
		return terms.map((_, i) => {
			let text = '';
			for (const b of out.subarray(16 * i, 16 * i + 8)) text += String.fromCharCode(b);
			return btoa(text);
		});
	}

	seek(term: string): string {
		return this.seekMany([term])[0]!;
	}

	/** @internal the middleware's access, without a copy per row */
	current(): Uint8Array | null {
		return this.#key;
	}
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function aadOf(table: string, key: unknown): Uint8Array {
	return encoder.encode(`${table}\u0000${JSON.stringify(key)}`);
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
	const secret: Record<string, unknown> = {};
	const rest: Record<string, unknown> = { ...row };
	for (const f of fields) {
		if (f in rest) secret[f] = rest[f];
		delete rest[f];
	}
	delete rest[SEALED];
	const terms = SEEK_TERMS[table];
	if (terms) rest[SEEK] = keyring.seekMany(terms(row));
	rest[SEALED] = seal(key, aadOf(table, primaryKey), encoder.encode(JSON.stringify(secret)));
	return rest;
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
				sealRow(keyring, name, fields, req.keys?.[i] ?? keyOf(v), v)
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
