import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from './index';
import { components, customers, pointsOfSale } from './schema';
import { query, rowFromJson } from './raw';
import { seed } from '../seed';
import { openTestDatabase, testDrivers, type TestDatabase } from '../testing';

const NOW = new Date('2026-03-15T10:00:00.000Z');
const drivers = await testDrivers();

describe.each(drivers)('raw prepared statements on $name', ({ name, available }) => {
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
	}, 120_000);
	afterAll(async () => handle?.close());

	it('maps row_to_json rows exactly as drizzle’s select does (instants, dates, jsonb, nulls)', async () => {
		for (const table of [customers, components, pointsOfSale] as const) {
			const expected = (await db.select().from(table).limit(20)) as Record<string, unknown>[];
			const name =
				table === customers ? 'customers' : table === components ? 'components' : 'points_of_sale';
			const key = table === components ? 'serial' : 'id';
			const ids = expected.map((r) => r[key] as string);
			const rows = await query<{ j: Record<string, unknown> }>(
				db,
				`select row_to_json(t) as j from ${name} t where t.${key} = any($1::text[])`,
				[`{${ids.map((id) => `"${id}"`).join(',')}}`]
			);
			const got = new Map(rows.map((r) => [r.j[key] as string, rowFromJson(table, r.j)]));
			for (const row of expected) expect(got.get(row[key] as string)).toEqual(row);
		}
	});

	it('runs the same text again (prepared once) inside and outside a transaction', async () => {
		const text = 'select $1::int + 1 as n';
		expect(await query(db, text, [1])).toEqual([{ n: 2 }]);
		await db.transaction(async (tx) => {
			expect(await query(tx as Db, text, [2])).toEqual([{ n: 3 }]);
		});
	});
});
