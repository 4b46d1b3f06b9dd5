import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKETS, checkSerial, isAdult, monthKey } from '$lib/domain';
import type { Db } from './db';
import { customerFromRow } from './db/mapping';
import * as t from './db/schema';
import { DEMO_FIXTURES, seedIfEmpty } from './seed';
import { openTestDatabase, type TestDatabase } from './testing';

const NOW = new Date('2026-03-01T00:30:00.000Z'); // early on the 1st, in Tbilisi already 04:30

describe('demo seed (PGlite)', () => {
	let handle: TestDatabase;
	let db: Db;
	beforeAll(async () => {
		handle = await openTestDatabase('pglite');
		db = handle.db;
		expect(await seedIfEmpty(db, NOW)).toBe(true);
	});
	afterAll(async () => handle?.close());

	it('runs only on an empty database', async () => {
		expect(await seedIfEmpty(db, NOW)).toBe(false);
		expect(await db.select().from(t.markets)).toHaveLength(5);
	});

	it('holds the documented fixtures', async () => {
		const ge = DEMO_FIXTURES.ge;
		const rows = await db
			.select()
			.from(t.customers)
			.where(
				inArray(t.customers.id, [
					ge.adult.id,
					ge.minor.id,
					ge.blacklisted.id,
					ge.twoCleaningsThisMonth.id,
					DEMO_FIXTURES.lv.adult.id
				])
			);
		const byId = new Map(rows.map((r) => [r.id, customerFromRow(r)]));
		expect(byId.get(ge.adult.id)).toMatchObject({
			firstName: 'Nino',
			lastName: 'Beridze',
			dateOfBirth: '1990-05-14',
			registered: true
		});
		expect(isAdult(byId.get(ge.minor.id)!.dateOfBirth, MARKETS.GE, NOW)).toBe(false);
		expect(byId.get(ge.blacklisted.id)!.blacklisted).toBe(true);
		expect(byId.get(DEMO_FIXTURES.lv.adult.id)).toMatchObject({ marketCode: 'LV' });

		const owner = async (serial: string) =>
			(await db.select().from(t.components).where(eq(t.components.serial, serial)))[0];
		expect(await owner(ge.adult.holderSerial)).toMatchObject({
			customerId: ge.adult.id,
			part: 'holder'
		});
		expect(await owner(ge.adult.chargerSerial)).toMatchObject({
			customerId: ge.adult.id,
			part: 'charger'
		});
		expect((await owner(ge.minor.serial))?.customerId).toBe(ge.minor.id);
		expect((await owner(ge.blacklisted.serial))?.customerId).toBe(ge.blacklisted.id);
		expect((await owner(ge.unregisteredSerial))?.customerId).toBeNull();
		expect((await owner(DEMO_FIXTURES.lv.adult.serial))?.customerId).toBe(
			DEMO_FIXTURES.lv.adult.id
		);

		const cleanings = await db
			.select()
			.from(t.services)
			.where(eq(t.services.customerId, ge.twoCleaningsThisMonth.id));
		expect(cleanings).toHaveLength(2);
		for (const c of cleanings) {
			expect(monthKey(c.performedAt, 'Asia/Tbilisi')).toBe(monthKey(NOW, 'Asia/Tbilisi'));
			expect(c.performedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
		}
		expect(
			await db.select().from(t.services).where(eq(t.services.customerId, ge.adult.id))
		).toHaveLength(0);
	});

	it('gives every market staff of each role, a few hundred customers and valid serials', async () => {
		const staff = await db.select().from(t.staff);
		expect(staff.map((s) => s.username)).toEqual(
			expect.arrayContaining([
				'ge.staff',
				'ge.partner',
				'ge.specialist',
				'ge.supervisor',
				'cz.staff'
			])
		);
		expect(staff.find((s) => s.username === 'ge.staff')?.posIds).toEqual([
			DEMO_FIXTURES.pos.geStore
		]);
		// the 60 generated customers per market (flow seeds such as seed-rentals.ts add their own)
		expect(
			(await db.select().from(t.customers)).filter((c) => /^[a-z]{2}-c-\d{3}$/.test(c.id))
		).toHaveLength(300);
		for (const c of await db.select().from(t.components)) {
			expect(checkSerial(c.serial, MARKETS.GE.serialPattern)).toEqual({
				ok: true,
				serial: c.serial
			});
			expect(c.serial.length).toBeGreaterThanOrEqual(10);
			expect(c.serial.length).toBeLessThanOrEqual(12);
		}
		const sticks = await db.select().from(t.stock).where(eq(t.stock.sku, 'CLEAN-STICK'));
		expect(sticks).toHaveLength(20);
		expect(sticks.every((s) => s.quantity === 25)).toBe(true);
		const rentals = await db.select().from(t.rentals);
		expect(rentals.length).toBeGreaterThan(0);
		expect(rentals.every((r) => r.marketCode === 'GE')).toBe(true);
	});
});
