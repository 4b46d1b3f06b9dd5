import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../db';
import * as t from '../db/schema';
import { seed } from '../seed';
import { pull } from '../sync/pull';
import { staffFromRow } from '../db/mapping';
import { openTestDatabase, testDrivers, type TestDatabase } from '../testing';
import { DEMO_INTEGRATION_KEYS } from './demo-keys';
import { logSender, setMessageSender, type OutgoingMessage } from './messages';
import {
	authenticate,
	cancelReservationByIntegration,
	confirmReservation,
	createReservation,
	type Integration
} from './reservations';

const NOW = new Date('2026-03-15T10:00:00.000Z');
const drivers = await testDrivers();

describe.each(drivers)('reservation integration on $name', ({ name, available }) => {
	if (!available) {
		it.skip('PostgreSQL did not answer: skipped', () => {});
		return;
	}
	let handle: TestDatabase;
	let db: Db;
	let ge: Integration;
	let lv: Integration;
	const sent: OutgoingMessage[] = [];

	beforeAll(async () => {
		handle = await openTestDatabase(name);
		db = handle.db;
		await seed(db, NOW);
		ge = (await authenticate(db, `Bearer ${DEMO_INTEGRATION_KEYS.GE}`))!;
		lv = (await authenticate(db, `Bearer ${DEMO_INTEGRATION_KEYS.LV}`))!;
		setMessageSender({ send: async (m) => void sent.push(m) });
	});
	afterAll(async () => {
		setMessageSender(null);
		await handle?.close();
	});
	afterEach(() => vi.restoreAllMocks());

	it('authenticates by the sha256 of the bearer key only', async () => {
		expect(ge).toMatchObject({ id: 'ge-web', marketCode: 'GE' });
		expect(await authenticate(db, null)).toBeNull();
		expect(await authenticate(db, 'Bearer wrong-key-123456')).toBeNull();
		expect(await authenticate(db, DEMO_INTEGRATION_KEYS.GE)).toBeNull();
		const rows = await db.select().from(t.integrations);
		expect(rows).toHaveLength(5);
		expect(
			rows.every((r) => !Object.values(DEMO_INTEGRATION_KEYS).includes(r.keyHash as never))
		).toBe(true);
	});

	it('answers 4xx for bad input, never 5xx', async () => {
		const bad = [
			undefined,
			'text',
			{},
			{ customerId: 'ge-rsv-02', posId: 'ge-tbilisi-store', items: [] },
			{ phone: '+995', posId: 'ge-tbilisi-store', items: [{ sku: 'iluma', quantity: 1 }] },
			{
				customerId: 'ge-rsv-02',
				posId: 'ge-tbilisi-store',
				items: [{ sku: 'iluma', quantity: 1.5 }]
			},
			{
				phone: '+995 599 100 202',
				firstName: 'Otar',
				lastName: 'Chkheidze',
				dateOfBirth: '1986-13-45',
				posId: 'ge-tbilisi-store',
				items: [{ sku: 'iluma', quantity: 1 }]
			}
		];
		for (const body of bad)
			expect((await createReservation(db, ge, body, NOW)).status, JSON.stringify(body)).toBe(400);
		const item = [{ sku: 'iluma', quantity: 1 }];
		expect(
			(
				await createReservation(
					db,
					ge,
					{ customerId: 'nobody', posId: 'ge-tbilisi-store', items: item },
					NOW
				)
			).status
		).toBe(404);
		expect(
			(
				await createReservation(
					db,
					ge,
					{ customerId: 'ge-rsv-02', posId: 'ge-tbilisi-kiosk', items: item },
					NOW
				)
			).status
		).toBe(422);
		expect(
			(
				await createReservation(
					db,
					ge,
					{ customerId: 'ge-rsv-02', posId: 'lv-riga-store', items: item },
					NOW
				)
			).status
		).toBe(422);
		// a market without reservations (RSV-1 is Georgian)
		expect(
			(
				await createReservation(
					db,
					lv,
					{ customerId: 'lv-c-001', posId: 'lv-riga-store', items: item },
					NOW
				)
			).status
		).toBe(422);
		expect((await confirmReservation(db, ge, 'no-such-id', NOW)).status).toBe(404);
		expect((await confirmReservation(db, ge, 'bad\u0000id', NOW)).status).toBe(404);
		const nul = { customerId: 'ge-rsv-02\u0000', posId: 'ge-tbilisi-store', items: item };
		expect((await createReservation(db, ge, nul, NOW)).status).toBe(400);
		expect((await cancelReservationByIntegration(db, ge, 'no-such-id', NOW)).status).toBe(404);
	});

	it('creates by phone + name + date of birth, confirms with a code and a 48 h hold, replicates, sends the text', async () => {
		const created = await createReservation(
			db,
			ge,
			{
				phone: '+995599100202',
				firstName: 'otar',
				lastName: 'CHKHEIDZE',
				dateOfBirth: '1986-06-06',
				posId: 'ge-tbilisi-store',
				items: [{ sku: 'iluma', quantity: 1 }]
			},
			NOW
		);
		expect(created.status).toBe(201);
		const id = created.body.id as string;
		expect(created.body).toMatchObject({ status: 'requested', customerId: 'ge-rsv-02' });

		const staff = staffFromRow(
			(await db.select().from(t.staff).where(eq(t.staff.username, 'ge.staff')))[0]!
		);
		const before = await pull(db, staff, { clientGroupId: crypto.randomUUID(), cookie: 0 }, NOW);
		expect(before.patch.some((op) => op.op === 'put' && op.key === id)).toBe(false);

		const later = new Date(NOW.getTime() + 3_600_000);
		const confirmed = await confirmReservation(db, ge, id, later);
		expect(confirmed.status).toBe(200);
		expect(confirmed.body).toMatchObject({
			status: 'open',
			confirmedAt: later.toISOString(),
			expiresAt: new Date(later.getTime() + 48 * 3_600_000).toISOString(),
			messageSent: true
		});
		const code = confirmed.body.code as string;
		expect(code).toMatch(/^GE\d{6}$/);
		expect(sent.at(-1)).toMatchObject({ to: '+995 599 100 202', reservationId: id });
		expect(sent.at(-1)!.text).toContain(code);

		const after = await pull(db, staff, { clientGroupId: crypto.randomUUID(), cookie: 0 }, later);
		const put = after.patch.find((op) => op.op === 'put' && op.key === id);
		expect(put && put.op === 'put' && put.value).toMatchObject({ code, status: 'open' });

		// confirming again: same code, no second text
		const count = sent.length;
		const again = await confirmReservation(db, ge, id, new Date(later.getTime() + 60_000));
		expect(again.body).toMatchObject({ code, confirmedAt: later.toISOString() });
		expect(sent.length).toBe(count);

		// RSV-4 through the website, then confirming is refused
		const cancelled = await cancelReservationByIntegration(db, ge, id, later);
		expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled' } });
		expect((await confirmReservation(db, ge, id, later)).status).toBe(409);
		const [row] = await db.select().from(t.reservations).where(eq(t.reservations.id, id));
		expect(row!.status).toBe('cancelled');
		// another market's integration does not see it
		expect((await cancelReservationByIntegration(db, lv, id, later)).status).toBe(404);
	});

	it('the default sender logs one line without personal data', async () => {
		const info = vi.spyOn(console, 'info').mockImplementation(() => {});
		await logSender.send({
			kind: 'reservation_confirmation',
			to: '+995 599 100 202',
			text: 'IQOS: your reservation code is GE123456. Otar Chkheidze',
			marketCode: 'GE',
			reservationId: 'r-1'
		});
		expect(info).toHaveBeenCalledTimes(1);
		const line = String(info.mock.calls[0]![0]);
		expect(line).toContain('r-1');
		expect(line).not.toMatch(/599|Otar|Chkheidze|GE123456/);
	});
});
