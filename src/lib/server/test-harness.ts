import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { PushResponse, type MutationResult, type StaffProfile } from '$lib/domain';
import type { Db, Driver } from './db';
import { staffFromRow } from './db/mapping';
import * as t from './db/schema';
import { seed } from './seed';
import { push } from './sync/push';
import { openTestDatabase, type TestDatabase } from './testing';

/**
 * Spec support shared by the server's flow specs and the "same verdict on tablet and server"
 * integration specs: a freshly seeded database per `describe` block and a one-mutation push from
 * a named staff member's own tablet (its own client group and gap-free ids), so each spec
 * states only its scenario.
 */

export interface SeededServer {
	/** The seeded database (set in `beforeAll`). */
	readonly db: Db;
	/** Every seeded staff member by username (`ge.staff`, `hu.supervisor`, …). */
	readonly staffOf: Record<string, StaffProfile>;
	/** Pushes one mutation as `who` from that staff member's own tablet; its stored result. */
	send(who: string, name: string, args: unknown, clientTime?: string): Promise<MutationResult>;
}

/** Call inside a `describe` block: opens and seeds the database before its tests, closes after. */
export function seededServer(driver: Driver, now: Date): SeededServer {
	let handle: TestDatabase | undefined;
	const staffOf: Record<string, StaffProfile> = {};
	const tablets: Record<string, { clientGroupId: string; clientId: string; next: number }> = {};

	beforeAll(async () => {
		handle = await openTestDatabase(driver);
		await seed(handle.db, now);
		for (const row of await handle.db.select().from(t.staff))
			staffOf[row.username] = staffFromRow(row);
	});
	afterAll(async () => handle?.close());

	return {
		get db() {
			if (!handle) throw new Error('seededServer: the database opens in beforeAll');
			return handle.db;
		},
		staffOf,
		async send(who, name, args, clientTime = now.toISOString()) {
			const staff = staffOf[who];
			if (!staff) throw new Error(`seededServer: no seeded staff member ${who}`);
			const tablet = (tablets[who] ??= {
				clientGroupId: randomUUID(),
				clientId: randomUUID(),
				next: 1
			});
			const outcome = await push(
				handle!.db,
				staff,
				{
					clientGroupId: tablet.clientGroupId,
					clientId: tablet.clientId,
					schemaVersion: 1,
					mutations: [{ id: tablet.next++, uuid: randomUUID(), name, args, clientTime }]
				},
				now
			);
			expect(outcome.status).toBe(200);
			return PushResponse.parse(outcome.body).results[0]!;
		}
	};
}
