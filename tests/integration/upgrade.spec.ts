import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplicaDb, SCHEMA_HISTORY, setMeta, type OutboxEntry } from '$lib/db/replica';
import { PullQuery, PushRequest, type RecordCleaningArgs, type StaffProfile } from '$lib/domain';
import { signIn } from '$lib/server/auth';
import type { Db } from '$lib/server/db';
import * as t from '$lib/server/db/schema';
import { DEMO_FIXTURES, DEMO_PASSWORD, seed } from '$lib/server/seed';
import { pull } from '$lib/server/sync/pull';
import { push } from '$lib/server/sync/push';
import { openTestDatabase, type TestDatabase } from '$lib/server/testing';
import { SyncEngine } from '$lib/sync/engine';

/**
 * An app update with a new local schema: a tablet whose IndexedDB was written by the previous
 * version, with actions still waiting, opens the new version — nothing is lost and it syncs.
 */

const NOW = new Date('2026-03-15T10:00:00.000Z');

describe('local schema upgrade with pending actions', () => {
	let handle: TestDatabase;
	let server: Db;
	let staff: StaffProfile;

	beforeAll(async () => {
		handle = await openTestDatabase('pglite');
		server = handle.db;
		await seed(server, NOW);
		staff = (await signIn(server, 'ge.staff', DEMO_PASSWORD, NOW))!.staff;
	});
	afterAll(() => handle?.close());

	it('keeps every pending mutation of the previous schema and pushes it', async () => {
		const name = `upgrade-${crypto.randomUUID()}`;
		const previous = SCHEMA_HISTORY.at(-2)!;
		expect(previous.version).toBe(SCHEMA_HISTORY.at(-1)!.version - 1);

		// the old app: only the previous schema, two actions waiting
		const old = new Dexie(name);
		for (const step of SCHEMA_HISTORY.slice(0, -1)) old.version(step.version).stores(step.stores);
		await old.open();
		const args: RecordCleaningArgs[] = [1, 2].map(() => ({
			serviceId: crypto.randomUUID(),
			customerId: DEMO_FIXTURES.ge.adult.id,
			serial: DEMO_FIXTURES.ge.adult.holderSerial,
			posId: DEMO_FIXTURES.pos.geStore,
			performedAt: NOW.toISOString(),
			stickHandedOut: false
		}));
		const entries: OutboxEntry[] = args.map((a, i) => ({
			id: i + 1,
			uuid: crypto.randomUUID(),
			name: 'recordCleaning',
			args: a,
			clientTime: NOW.toISOString(),
			staffId: staff.id,
			subjectId: a.serviceId,
			status: 'pending'
		}));
		await old.table('outbox').bulkAdd(entries);
		await old.table('meta').bulkPut([
			{ key: 'lastMutationId', value: 2 },
			{ key: 'staff', value: staff }
		]);
		old.close();

		// the new app opens the same database
		const replica = new ReplicaDb(name);
		await replica.open();
		expect(replica.verno).toBe(SCHEMA_HISTORY.at(-1)!.version);
		expect(await replica.outbox.where('status').equals('pending').count()).toBe(2);

		const engine = new SyncEngine(replica, {
			now: () => NOW,
			fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
				const url = new URL(String(input), 'http://counter.test');
				if (url.pathname === '/api/sync/push') {
					const outcome = await push(
						server,
						staff,
						PushRequest.parse(JSON.parse(String(init?.body))),
						NOW
					);
					return Response.json(outcome.body, { status: outcome.status });
				}
				const query = PullQuery.parse(Object.fromEntries(url.searchParams));
				return Response.json(await pull(server, staff, query, NOW));
			}) as typeof fetch
		});
		await setMeta(replica, 'staff', staff);
		await engine.trigger();
		engine.stop();

		expect(await replica.outbox.where('status').equals('pending').count()).toBe(0);
		for (const a of args) {
			const rows = await server.select().from(t.services).where(eq(t.services.id, a.serviceId));
			expect(rows).toHaveLength(1);
		}
		// the new index works on the upgraded data
		expect(await replica.customers.where('marketCode').equals('GE').count()).toBeGreaterThan(0);
		replica.close();
		await replica.delete();
	});
});
