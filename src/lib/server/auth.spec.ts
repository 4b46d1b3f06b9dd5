import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	SESSION_TTL_MS,
	hashPassword,
	resolveSession,
	revokeSession,
	sessionIdOf,
	signIn,
	verifyPassword
} from './auth';
import type { Db } from './db';
import { sessions } from './db/schema';
import { DEMO_PASSWORD, seed } from './seed';
import { openTestDatabase, testDrivers, type TestDatabase } from './testing';

const NOW = new Date('2026-03-15T10:00:00.000Z');

describe('password hashing', () => {
	it('verifies the right password and refuses a wrong one', async () => {
		const stored = await hashPassword('correct horse');
		expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
		expect(stored).not.toContain('correct horse');
		expect(await verifyPassword('correct horse', stored)).toBe(true);
		expect(await verifyPassword('correct hors', stored)).toBe(false);
		expect(await verifyPassword('correct horse', 'garbage')).toBe(false);
	});

	it('salts every hash', async () => {
		expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
	});
});

const drivers = await testDrivers();

describe.each(drivers)('sessions on $name', ({ name, available }) => {
	if (!available) {
		it.skip('PostgreSQL did not answer: skipped', () => {});
		return;
	}
	let handle: TestDatabase;
	let db: Db;
	beforeAll(async () => {
		handle = await openTestDatabase(name);
		db = handle.db;
		await seed(db, NOW);
	});
	afterAll(async () => handle?.close());

	it('signs in with the demo password and stores only the token hash', async () => {
		const result = await signIn(db, ' GE.Staff ', DEMO_PASSWORD, NOW);
		expect(result?.staff).toMatchObject({
			username: 'ge.staff',
			role: 'staff',
			marketCode: 'GE',
			posIds: ['ge-tbilisi-store']
		});
		const [row] = await db.select().from(sessions).where(eq(sessions.id, result!.sessionId));
		expect(row!.id).toBe(sessionIdOf(result!.token));
		expect(row!.id).not.toBe(result!.token);
		expect(row!.expiresAt.getTime()).toBe(NOW.getTime() + SESSION_TTL_MS);
		const resolved = await resolveSession(db, result!.token, NOW);
		expect(resolved?.staff.username).toBe('ge.staff');
	});

	it('refuses a wrong password and an unknown user', async () => {
		expect(await signIn(db, 'ge.staff', 'demo12345', NOW)).toBeNull();
		expect(await signIn(db, 'nobody.staff', DEMO_PASSWORD, NOW)).toBeNull();
	});

	it('does not accept an expired, revoked or unknown session', async () => {
		const result = (await signIn(db, 'lv.supervisor', DEMO_PASSWORD, NOW))!;
		const later = new Date(NOW.getTime() + SESSION_TTL_MS + 1000);
		expect(await resolveSession(db, result.token, later)).toBeNull();
		expect(await resolveSession(db, 'not-a-token', NOW)).toBeNull();
		expect(await resolveSession(db, result.token, NOW)).not.toBeNull();
		await revokeSession(db, result.sessionId, NOW);
		expect(await resolveSession(db, result.token, NOW)).toBeNull();
	});
});
