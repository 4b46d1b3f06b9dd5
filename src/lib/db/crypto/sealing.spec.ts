import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer } from '$lib/domain';
import { findCustomers } from '../queries/customers';
import { ReplicaDb, SCHEMA_HISTORY } from '../replica';
import { seal } from './cipher';
import {
	dataKeyEstablished,
	Keyring,
	LockedError,
	newDataKey,
	openWithDeviceKey,
	sealRows,
	unwrapDataKey,
	wrapDataKey
} from '.';

const customer: Customer = {
	id: 'cust-1',
	marketCode: 'GE',
	firstName: 'Nino',
	lastName: 'Beridze',
	phone: '+995 555 12 34 56',
	dateOfBirth: '1990-04-17',
	registered: true,
	blacklisted: false,
	carePlus: null,
	updatedAt: '2026-11-26T10:00:00.000Z'
};
const PERSONAL = ['Nino', 'Beridze', '555 12 34', '1990-04-17'];

const opened: ReplicaDb[] = [];
function replica(name: string, keyring: Keyring): ReplicaDb {
	const db = new ReplicaDb(name, keyring);
	opened.push(db);
	return db;
}
function openKeyring(key = newDataKey()): Keyring {
	const k = new Keyring();
	k.open(key);
	return k;
}
afterEach(async () => {
	for (const db of opened.splice(0)) await db.delete();
});

/** Every stored row of a table, read past Dexie with the raw IndexedDB API. */
async function rawRows(name: string, table: string): Promise<Record<string, unknown>[]> {
	const idb = await new Promise<IDBDatabase>((resolve, reject) => {
		const req = indexedDB.open(name);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
	try {
		return await new Promise((resolve, reject) => {
			const req = idb.transaction(table).objectStore(table).getAll();
			req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
			req.onerror = () => reject(req.error);
		});
	} finally {
		idb.close();
	}
}

async function rawPut(name: string, table: string, row: unknown): Promise<void> {
	const idb = await new Promise<IDBDatabase>((resolve, reject) => {
		const req = indexedDB.open(name);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
	await new Promise((resolve, reject) => {
		const req = idb.transaction(table, 'readwrite').objectStore(table).put(row);
		req.onsuccess = () => resolve(undefined);
		req.onerror = () => reject(req.error);
	});
	idb.close();
}

/** Text of a row, blobs included as bytes, to search for plaintext. */
function dump(rows: unknown[]): string {
	return JSON.stringify(rows, (_k, v: unknown) =>
		v instanceof Uint8Array ? String.fromCharCode(...v) : v
	);
}

describe('sealing middleware', () => {
	it('round-trips personal fields through get, where, cursors and modify', async () => {
		const db = replica('seal-roundtrip', openKeyring());
		await db.customers.put(customer);
		expect(await db.customers.get('cust-1')).toEqual(customer);
		expect(await db.customers.where('marketCode').equals('GE').toArray()).toEqual([customer]);
		const seen: Customer[] = [];
		await db.customers.each((c) => void seen.push(c));
		expect(seen).toEqual([customer]);
		await db.customers.update('cust-1', { phone: '+995 599 00 00 00' });
		expect((await db.customers.get('cust-1'))?.phone).toBe('+995 599 00 00 00');
		expect((await db.customers.bulkGet(['cust-1', 'none']))[0]?.lastName).toBe('Beridze');
		await db.customers.where('marketCode').equals('GE').modify({ registered: false });
		expect(await db.customers.get('cust-1')).toMatchObject({
			registered: false,
			phone: '+995 599 00 00 00'
		});
	});

	it('stores no personal field in clear, and a new IV for every write', async () => {
		const db = replica('seal-raw', openKeyring());
		await db.customers.put(customer);
		const first = await rawRows('seal-raw', 'customers');
		await db.customers.put(customer);
		const second = await rawRows('seal-raw', 'customers');
		for (const p of PERSONAL) expect(dump([...first, ...second])).not.toContain(p);
		expect(first[0]).not.toHaveProperty('phone');
		expect(first[0]).toMatchObject({ id: 'cust-1', marketCode: 'GE' });
		const a = first[0]!._sealed as Uint8Array;
		const b = second[0]!._sealed as Uint8Array;
		expect(a).toBeInstanceOf(Uint8Array);
		expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
	});

	it('seals outbox arguments (a new customer pending sync)', async () => {
		const db = replica('seal-outbox', openKeyring());
		const args = {
			customerId: 'cust-2',
			firstName: 'Nino',
			lastName: 'Beridze',
			phone: customer.phone,
			dateOfBirth: customer.dateOfBirth
		};
		await db.outbox.add({
			id: 1,
			uuid: crypto.randomUUID(),
			name: 'registerCustomer',
			args,
			clientTime: '2026-11-26T10:00:00.000Z',
			staffId: 'staff-1',
			subjectId: 'cust-2',
			status: 'pending'
		});
		for (const p of PERSONAL) expect(dump(await rawRows('seal-outbox', 'outbox'))).not.toContain(p);
		expect((await db.outbox.where('status').equals('pending').first())?.args).toEqual(args);
	});

	it('refuses reads and writes of personal data while locked, and reads again once opened', async () => {
		const key = newDataKey();
		const keyring = openKeyring(key);
		const db = replica('seal-locked', keyring);
		await db.customers.put(customer);
		await db.markets.put({ code: 'GE' } as never);
		keyring.close();
		expect(keyring.state).toBe('locked');
		await expect(db.customers.get('cust-1')).rejects.toBeInstanceOf(LockedError);
		await expect(db.customers.toArray()).rejects.toBeInstanceOf(LockedError);
		await expect(db.customers.each(() => {})).rejects.toBeInstanceOf(LockedError);
		await expect(db.customers.put(customer)).rejects.toBeInstanceOf(LockedError);
		// what is not personal stays usable: counts, keys, other tables
		expect(await db.customers.count()).toBe(1);
		expect(await db.customers.toCollection().primaryKeys()).toEqual(['cust-1']);
		expect(await db.markets.get('GE')).toEqual({ code: 'GE' });
		keyring.open(key);
		expect(await db.customers.get('cust-1')).toEqual(customer);
	});

	it('fails with the wrong key, and when a blob is moved to another row', async () => {
		const db = replica('seal-wrong', openKeyring());
		await db.customers.bulkPut([customer, { ...customer, id: 'cust-2', firstName: 'Ana' }]);
		db.close();
		const other = replica('seal-wrong', openKeyring());
		await expect(other.customers.get('cust-1')).rejects.toThrow();
		other.close();

		const key = newDataKey();
		const again = replica('seal-swap', openKeyring(key));
		await again.customers.bulkPut([customer, { ...customer, id: 'cust-2', firstName: 'Ana' }]);
		const [one, two] = await rawRows('seal-swap', 'customers');
		// the blob is bound to its row: cust-2 carrying cust-1's blob does not open
		again.close();
		await rawPut('seal-swap', 'customers', { ...two, _sealed: one!._sealed });
		const third = replica('seal-swap', openKeyring(key));
		await expect(third.customers.get('cust-2')).rejects.toThrow();
		expect((await third.customers.get('cust-1'))?.firstName).toBe('Nino');
	});

	it('writes in the format WebCrypto AES-GCM reads (iv ‖ ciphertext ‖ tag)', async () => {
		const key = newDataKey();
		const aad = new TextEncoder().encode('customers\u0000"x"');
		const sealed = seal(key, aad, new TextEncoder().encode('Nino'));
		const webKey = await crypto.subtle.importKey('raw', key as BufferSource, 'AES-GCM', false, [
			'decrypt'
		]);
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: sealed.slice(0, 12), additionalData: aad as BufferSource },
			webKey,
			sealed.slice(12)
		);
		expect(new TextDecoder().decode(plain)).toBe('Nino');
	});
});

describe('sealing ahead with WebCrypto (the pages of a first sync)', () => {
	const webKey = (key: Uint8Array) =>
		crypto.subtle.importKey('raw', key as BufferSource, 'AES-GCM', false, ['decrypt']);
	const aad = (id: string) => new TextEncoder().encode(`customers\u0000${JSON.stringify(id)}`);
	const ana: Customer = { ...customer, id: 'cust-2', firstName: 'Ana', phone: '+995 599 77 88 99' };

	it('stores the middleware format: each path opens the rows of the other, with the same tokens', async () => {
		const key = newDataKey();
		const db = replica('seal-ahead', openKeyring(key));
		// cust-1 sealed ahead with WebCrypto, cust-2 sealed by the middleware
		await db.customers.bulkPut(await db.sealAhead(db.customers, [customer]));
		await db.customers.put(ana);
		const raw = await rawRows('seal-ahead', 'customers');
		for (const p of PERSONAL) expect(dump(raw)).not.toContain(p);
		// the middleware opens the WebCrypto row…
		expect(await db.customers.get('cust-1')).toEqual(customer);
		// …and WebCrypto opens both (iv ‖ ciphertext ‖ tag, AAD = table and key)
		for (const row of raw) {
			const blob = row._sealed as Uint8Array;
			const plain = await crypto.subtle.decrypt(
				{ name: 'AES-GCM', iv: blob.slice(0, 12), additionalData: aad(row.id as string) },
				await webKey(key),
				blob.slice(12)
			);
			const secret = JSON.parse(new TextDecoder().decode(plain)) as Record<string, unknown>;
			const source = row.id === 'cust-1' ? customer : ana;
			expect(secret).toEqual({
				firstName: source.firstName,
				lastName: source.lastName,
				phone: source.phone,
				dateOfBirth: source.dateOfBirth
			});
		}
		// the blind index does not depend on the path
		await db.customers.put(customer); // now sealed by the middleware
		const again = (await rawRows('seal-ahead', 'customers')).find((r) => r.id === 'cust-1');
		expect(again!.seek).toEqual(raw.find((r) => r.id === 'cust-1')!.seek);
		const found = await findCustomers(db, { code: 'GE', serialPattern: '^GE[A-Z0-9]{8}$' }, 'nino');
		expect(found).toMatchObject({ kind: 'customers' });
		expect((found as { customers: Customer[] }).customers.map((c) => c.id)).toEqual(['cust-1']);
	});

	it('hands out frozen rows, and writes them only under the key and the row they were sealed for', async () => {
		const key = newDataKey();
		const keyring = openKeyring(key);
		const db = replica('seal-ahead-guard', keyring);
		const [row] = await db.sealAhead(db.customers, [customer]);
		expect(Object.isFrozen(row)).toBe(true);
		expect(row).not.toHaveProperty('firstName');
		// closed and opened again (a lock during the sync): sealed for another opening
		keyring.close();
		await expect(db.customers.put(row!)).rejects.toBeInstanceOf(LockedError);
		keyring.open(key);
		await expect(db.customers.put(row!)).rejects.toThrow(/sealed for another key or row/);
		// under another primary key its AAD would not match: refused, not stored unreadable
		const [fresh] = await db.sealAhead(db.customers, [customer]);
		await expect(db.customers.put(fresh!, 'cust-9' as never)).rejects.toThrow();
		// a copy is not marked, and its personal fields are only in the blob: refused, not stored
		// with an empty blob over them
		await expect(db.customers.put({ ...fresh! })).rejects.toThrow(/copy of a sealed row/);
		for (const p of PERSONAL)
			expect(dump(await rawRows('seal-ahead-guard', 'customers'))).not.toContain(p);
		// locked: nothing is sealed; no key was ever set up: rows come back as they are
		keyring.close();
		await expect(db.sealAhead(db.customers, [customer])).rejects.toBeInstanceOf(LockedError);
		const plain = replica('seal-ahead-plain', new Keyring('plain'));
		expect(await plain.sealAhead(plain.customers, [customer])).toEqual([customer]);
		expect(await sealRows(keyring, 'components', 'serial', [{ serial: 'S1' }])).toEqual([
			{ serial: 'S1' }
		]);
	});
});

describe('blind index (find by name or phone on a sealed replica)', () => {
	const market = { code: 'GE' as const, serialPattern: '^GE[A-Z0-9]{8}$' };
	const names = (r: Awaited<ReturnType<typeof findCustomers>>) =>
		r.kind === 'customers' ? r.customers.map((c) => `${c.firstName} ${c.lastName}`) : r.kind;

	it('finds by the start of a name and the end of a phone number through keyed tokens', async () => {
		const keyring = openKeyring();
		const db = replica('seek-find', keyring);
		await db.customers.bulkPut([
			customer,
			{
				...customer,
				id: 'cust-2',
				firstName: 'Laura',
				lastName: 'Kalniņa',
				phone: '+995 599 11 22 33'
			},
			{
				...customer,
				id: 'cust-3',
				firstName: 'Ana',
				lastName: 'Berishvili',
				phone: '+995 577 00 34 56'
			},
			{ ...customer, id: 'cust-4', marketCode: 'LV', lastName: 'Beridze' }
		]);
		expect(names(await findCustomers(db, market, 'beri'))).toEqual([
			'Nino Beridze',
			'Ana Berishvili'
		]);
		expect(names(await findCustomers(db, market, 'beridze nino'))).toEqual(['Nino Beridze']);
		expect(names(await findCustomers(db, market, 'kalnina'))).toEqual(['Laura Kalniņa']);
		expect(names(await findCustomers(db, market, '3456'))).toEqual([
			'Nino Beridze',
			'Ana Berishvili'
		]);
		expect(names(await findCustomers(db, market, '12 34 56'))).toEqual(['Nino Beridze']);
		expect(names(await findCustomers(db, market, '233'))).toEqual(['Laura Kalniņa']);
		expect(names(await findCustomers(db, market, 'la'))).toEqual(['Laura Kalniņa']);
		expect(names(await findCustomers(db, market, 'b'))).toEqual(['Nino Beridze', 'Ana Berishvili']);

		const [row] = await rawRows('seek-find', 'customers');
		const tokens = row!.seek as string[];
		// 1, 2, 3 letters of "nino", 1, 2, 3, 5 of "beridze", the phone's last 3 and 4 digits
		expect(tokens).toHaveLength(9);
		// 8 keyed bytes each: no term, no start of a name, no digits in the clear (a random
		// token may hold any short run of letters, so the test checks the form, not substrings)
		for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9+/]{11}=$/);
		expect(tokens.join(' ')).not.toMatch(/nino|berid|3456/i);
		// the same term gives the same token on one tablet, another on a tablet with another key
		expect(keyring.seek('n3:ber')).toBe(keyring.seek('n3:ber'));
		expect(openKeyring().seek('n3:ber')).not.toBe(keyring.seek('n3:ber'));
		keyring.close();
		expect(() => keyring.seek('n3:ber')).toThrow(LockedError);
	});
});

describe('data key', () => {
	it('is wrapped with WebCrypto and opens only with its key-encryption key', async () => {
		const dataKey = newDataKey();
		const kek = newDataKey();
		const wrapped = await wrapDataKey(dataKey, kek);
		expect(wrapped.wrapped).not.toContain(Buffer.from(dataKey).toString('base64'));
		expect(await unwrapDataKey(wrapped, kek)).toEqual(dataKey);
		await expect(unwrapDataKey(wrapped, newDataKey())).rejects.toThrow();
	});

	it('is made at the first online sign-in of an old replica, sealing what it held in clear and keeping the outbox', async () => {
		// a replica at schema 3 (before sealing), with a customer and a pending action in clear
		const old = new Dexie('seal-upgrade');
		for (const { version, stores } of SCHEMA_HISTORY.filter((s) => s.version <= 3))
			old.version(version).stores(stores);
		await old.open();
		await old.table('customers').put(customer);
		await old.table('outbox').put({
			id: 1,
			uuid: 'u-1',
			name: 'registerCustomer',
			args: { firstName: 'Nino' },
			status: 'pending',
			subjectId: 'cust-1'
		});
		old.close();

		const keyring = new Keyring('locked');
		const db = replica('seal-upgrade', keyring);
		expect(await dataKeyEstablished(db)).toBe(false);
		keyring.plain(); // no key yet: the old rows stay readable until the sign-in
		expect((await db.customers.get('cust-1'))?.lastName).toBe('Beridze');

		const deviceKey = Buffer.from(newDataKey()).toString('base64');
		await openWithDeviceKey(db, deviceKey);
		expect(await dataKeyEstablished(db)).toBe(true);
		const raw = [
			...(await rawRows('seal-upgrade', 'customers')),
			...(await rawRows('seal-upgrade', 'outbox'))
		];
		for (const p of PERSONAL.slice(0, 2)) expect(dump(raw)).not.toContain(p);
		expect(await db.outbox.where('status').equals('pending').count()).toBe(1);
		expect(await db.customers.get('cust-1')).toEqual(customer);

		// another colleague's online sign-in on the locked tablet opens the same key
		keyring.close();
		await expect(db.customers.get('cust-1')).rejects.toBeInstanceOf(LockedError);
		await openWithDeviceKey(db, deviceKey);
		expect(await db.customers.get('cust-1')).toEqual(customer);
		// the wrong device key (another tablet's) opens nothing
		keyring.close();
		await expect(
			openWithDeviceKey(db, Buffer.from(newDataKey()).toString('base64'))
		).rejects.toThrow();
		expect(keyring.state).toBe('locked');
	});
});
