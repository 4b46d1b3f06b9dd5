import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushMutation, StaffProfile } from '$lib/domain';
import { actorProof, issueActorKey, issueDeviceKey, verifiedActor } from './actors';
import type { Db } from './db';
import { staffFromRow } from './db/mapping';
import * as t from './db/schema';
import { DEMO_FIXTURES, seed } from './seed';
import { push } from './sync/push';
import { openTestDatabase, testDrivers, type TestDatabase } from './testing';

const NOW = new Date('2026-03-15T10:00:00.000Z');
const drivers = await testDrivers();

describe.each(drivers)('actor keys on a shared tablet ($name)', ({ name, available }) => {
	if (!available) {
		it.skip('PostgreSQL did not answer: skipped', () => {});
		return;
	}
	let handle: TestDatabase;
	let db: Db;
	const staffOf: Record<string, StaffProfile> = {};
	beforeAll(async () => {
		handle = await openTestDatabase(name);
		db = handle.db;
		await seed(db, NOW);
		for (const row of await db.select().from(t.staff)) staffOf[row.username] = staffFromRow(row);
	});
	afterAll(() => handle?.close());

	it('issues one key per person and tablet, and verifies only its own proofs', async () => {
		const group = randomUUID();
		const staff = staffOf['ge.staff']!;
		const key = await issueActorKey(db, staff.id, group, NOW);
		expect(await issueActorKey(db, staff.id, group, NOW)).toBe(key);
		expect(await issueActorKey(db, staff.id, randomUUID(), NOW)).not.toBe(key);
		const uuid = randomUUID();
		const proof = actorProof(key, uuid);
		expect((await verifiedActor(db, group, { staffId: staff.id, proof }, uuid))?.id).toBe(staff.id);
		expect(await verifiedActor(db, group, { staffId: staff.id, proof }, randomUUID())).toBeNull();
		expect(await verifiedActor(db, randomUUID(), { staffId: staff.id, proof }, uuid)).toBeNull();
		const other = staffOf['ge.supervisor']!;
		expect(await verifiedActor(db, group, { staffId: other.id, proof }, uuid)).toBeNull();
	});

	it('attributes a pushed action to the proven actor, and rejects a forged one', async () => {
		const group = randomUUID();
		const supervisor = staffOf['ge.supervisor']!;
		const staff = staffOf['ge.staff']!;
		const key = await issueActorKey(db, staff.id, group, NOW);
		const mutation = (id: number, proof: string): PushMutation => {
			const uuid = randomUUID();
			return {
				id,
				uuid,
				name: 'recordCleaning',
				args: {
					serviceId: randomUUID(),
					customerId: DEMO_FIXTURES.ge.adult.id,
					serial: DEMO_FIXTURES.ge.adult.holderSerial,
					posId: DEMO_FIXTURES.pos.geStore,
					performedAt: NOW.toISOString(),
					stickHandedOut: false
				},
				clientTime: NOW.toISOString(),
				actor: { staffId: staff.id, proof: proof || actorProof(key, uuid) }
			};
		};
		// the tablet carries the supervisor's session cookie; ge.staff unlocked it with a PIN
		const request = { clientGroupId: group, clientId: randomUUID(), schemaVersion: 1 };
		const good = mutation(1, '');
		const forged = mutation(2, actorProof(key, randomUUID()));
		const outcome = await push(db, supervisor, { ...request, mutations: [good, forged] }, NOW);
		expect(outcome.status).toBe(200);
		const results = (outcome.body as { results: { status: string; code?: string }[] }).results;
		expect(results[0]?.status).toBe('applied');
		expect(results[1]).toMatchObject({ status: 'rejected', code: 'forbidden' });
		const [row] = await db
			.select()
			.from(t.services)
			.where(
				// the service the good mutation created
				eq(t.services.id, (good.args as { serviceId: string }).serviceId)
			);
		expect(row?.staffId).toBe(staff.id);
		// the audit trail names who acted, on whose session, where and when at the counter
		const [audit] = await db
			.select()
			.from(t.mutationResults)
			.where(eq(t.mutationResults.uuid, good.uuid));
		expect(audit).toMatchObject({
			staffId: staff.id,
			sessionStaffId: supervisor.id,
			posId: DEMO_FIXTURES.pos.geStore,
			status: 'applied'
		});
		expect(audit?.clientTime?.toISOString()).toBe(NOW.toISOString());
	});

	it('hands a tablet one device key, to staff of its market only', async () => {
		const group = randomUUID();
		const key = await issueDeviceKey(db, group, 'GE', NOW);
		expect(key).toMatch(/^[A-Za-z0-9+/]{43}=$/);
		expect(await issueDeviceKey(db, group, 'GE', NOW)).toBe(key);
		expect(await issueDeviceKey(db, group, 'LV', NOW)).toBeUndefined();
		expect(await issueDeviceKey(db, randomUUID(), 'GE', NOW)).not.toBe(key);
	});
});
