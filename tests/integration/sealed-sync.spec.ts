import 'fake-indexeddb/auto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring, newDataKey } from '$lib/db/crypto';
import { findCustomers } from '$lib/db/queries/customers';
import { findDevice } from '$lib/db/queries';
import { recordAction } from '$lib/db/mutators';
import { ReplicaDb, setMeta } from '$lib/db/replica';
import { PullQuery, PushRequest, type StaffProfile } from '$lib/domain';
import { signIn } from '$lib/server/auth';
import type { Db } from '$lib/server/db';
import * as t from '$lib/server/db/schema';
import { DEMO_FIXTURES, DEMO_PASSWORD, seed } from '$lib/server/seed';
import { pull } from '$lib/server/sync/pull';
import { push } from '$lib/server/sync/push';
import { openTestDatabase, testDrivers, type TestDatabase } from '$lib/server/testing';
import { SyncEngine } from '$lib/sync/engine';

/**
 * The sync loop on a sealed replica (encryption at rest, docs/security.md) against the real
 * server functions: the first sync stores customers sealed and findable; while the tablet is
 * locked nothing is pushed or pulled and the pending action waits, sealed; after the unlock it
 * reaches the server.
 */

const NOW = new Date('2026-03-15T10:00:00.000Z');
const GE = DEMO_FIXTURES.ge;
const drivers = await testDrivers();

async function rawRows(name: string, table: string): Promise<Record<string, unknown>[]> {
	const idb = await new Promise<IDBDatabase>((resolve, reject) => {
		const req = indexedDB.open(name);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
	const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
		const req = idb.transaction(table).objectStore(table).getAll();
		req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
		req.onerror = () => reject(req.error);
	});
	idb.close();
	return rows;
}

describe.each(drivers)('sync of a sealed replica on $name', ({ name, available }) => {
	if (!available) {
		it.skip('PostgreSQL did not answer: skipped', () => {});
		return;
	}
	let handle: TestDatabase;
	let server: Db;
	let staff: StaffProfile;
	beforeAll(async () => {
		handle = await openTestDatabase(name);
		server = handle.db;
		await seed(server, NOW);
		staff = (await signIn(server, 'ge.staff', DEMO_PASSWORD, NOW))!.staff;
	});
	afterAll(() => handle?.close());

	it('syncs sealed, waits while locked, pushes after the unlock', async () => {
		let pushes = 0;
		const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
			const url = new URL(String(input), 'http://counter.test');
			if (url.pathname === '/api/sync/push') {
				pushes++;
				const outcome = await push(
					server,
					staff,
					PushRequest.parse(JSON.parse(String(init?.body))),
					NOW
				);
				return Response.json(outcome.body, { status: outcome.status });
			}
			return Response.json(
				await pull(server, staff, PullQuery.parse(Object.fromEntries(url.searchParams)), NOW)
			);
		};
		const key = newDataKey();
		const keyring = new Keyring();
		keyring.open(key);
		const dbName = `sealed-${crypto.randomUUID()}`;
		const db = new ReplicaDb(dbName, keyring);
		await setMeta(db, 'staff', staff);
		const engine = new SyncEngine(db, {
			fetch: fetchImpl as typeof fetch,
			now: () => NOW,
			paused: () => keyring.state === 'locked'
		});

		await engine.trigger();
		const owner = (await findDevice(db, GE.adult.holderSerial))?.owner;
		expect(owner?.firstName).toBe('Nino');
		const found = await findCustomers(db, { code: 'GE', serialPattern: '^GE' }, 'Beridze');
		expect(found.kind === 'customers' && found.customers.map((c) => c.id)).toContain(owner!.id);
		const stored = await rawRows(dbName, 'customers');
		expect(stored.length).toBeGreaterThan(10);
		expect(JSON.stringify(stored)).not.toMatch(/Nino|Beridze|1990-05-14/);

		const customerId = crypto.randomUUID();
		await recordAction(
			db,
			'registerCustomer',
			{
				customerId,
				posId: DEMO_FIXTURES.pos.geStore,
				performedAt: NOW.toISOString(),
				firstName: 'Eka',
				lastName: 'Sealedsync',
				phone: '+995 555 777 888',
				dateOfBirth: '1985-06-01',
				marketingConsent: false
			},
			staff,
			NOW
		);
		keyring.close(); // the tablet locks before the action went out
		const before = pushes;
		await engine.trigger();
		expect(pushes).toBe(before);
		// paused, not failed: no error shown, no backoff
		expect(engine.current).toMatchObject({ state: 'idle', lastError: null });
		expect(JSON.stringify(await rawRows(dbName, 'outbox'))).not.toMatch(
			/Eka|Sealedsync|555 777 888|1985-06-01/
		);
		expect(await db.outbox.where('status').equals('pending').count()).toBe(1);

		keyring.open(key);
		await engine.trigger();
		expect(pushes).toBe(before + 1);
		expect(await db.outbox.where('status').equals('pending').count()).toBe(0);
		const [row] = await server.select().from(t.customers).where(eq(t.customers.id, customerId));
		expect(row?.lastName).toBe('Sealedsync');
		engine.stop();
		db.close();
		await db.delete();
	});
});
