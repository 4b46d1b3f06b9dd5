import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './db';
import { openTestDatabase, testDrivers, type TestDatabase } from './testing';
import { recordFailure, recordSuccess, retryAfter, THROTTLE } from './throttle';

const drivers = await testDrivers();
const NOW = new Date('2026-03-15T10:00:00.000Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe.each(drivers)('sign-in throttling on $name', ({ name, available }) => {
	if (!available) {
		it.skip('PostgreSQL did not answer: skipped', () => {});
		return;
	}
	let handle: TestDatabase;
	let db: Db;
	beforeAll(async () => {
		handle = await openTestDatabase(name);
		db = handle.db;
	});
	afterAll(() => handle?.close());

	it('locks an account after too many failures, until the window ends', async () => {
		for (let i = 0; i < THROTTLE.perAccount; i++)
			await recordFailure(db, 'GE.Staff', `10.0.0.${i}`, NOW);
		// the username is case-insensitive, the addresses all differ: the account limit applies
		expect(await retryAfter(db, 'ge.staff', '10.0.1.1', later(1000))).toBeGreaterThan(0);
		expect(await retryAfter(db, 'ge.partner', '10.0.1.1', later(1000))).toBe(0);
		expect(await retryAfter(db, 'ge.staff', '10.0.1.1', later(THROTTLE.windowMs + 1))).toBe(0);
	});

	it('limits one address spraying many accounts', async () => {
		for (let i = 0; i < THROTTLE.perAddress; i++)
			await recordFailure(db, `user${i}`, '192.0.2.7', NOW);
		expect(await retryAfter(db, 'someone.else', '192.0.2.7', later(1000))).toBeGreaterThan(0);
		expect(await retryAfter(db, 'someone.else', '192.0.2.8', later(1000))).toBe(0);
	});

	it('a success clears the account count; an old window starts again', async () => {
		for (let i = 0; i < THROTTLE.perAccount - 1; i++)
			await recordFailure(db, 'lv.staff', '198.51.100.1', NOW);
		await recordSuccess(db, 'lv.staff');
		await recordFailure(db, 'lv.staff', '198.51.100.1', NOW);
		expect(await retryAfter(db, 'lv.staff', '198.51.100.2', NOW)).toBe(0);
		for (let i = 0; i < THROTTLE.perAccount; i++)
			await recordFailure(db, 'hu.staff', '198.51.100.3', NOW);
		await recordFailure(db, 'hu.staff', '198.51.100.3', later(THROTTLE.windowMs + 5));
		expect(await retryAfter(db, 'hu.staff', '198.51.100.4', later(THROTTLE.windowMs + 6))).toBe(0);
	});
});
