import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	CLEANING_STICK_SKU,
	PullResponse,
	PushResponse,
	monthKey,
	replicatedTables,
	type PushMutation,
	type RecordCleaningArgs,
	type StaffProfile
} from '$lib/domain';
import type { Db } from '../db';
import { componentToRow, customerToRow, staffFromRow } from '../db/mapping';
import * as t from '../db/schema';
import { DEMO_FIXTURES, seed } from '../seed';
import { openTestDatabase, testDrivers, type TestDatabase } from '../testing';
import { push } from './push';
import { pull } from './pull';
import { nextVersion } from './versions';

// a fixed clock: the seed's "this month" and every push below agree on it
const NOW = new Date('2026-03-15T10:00:00.000Z');
const GE = DEMO_FIXTURES.ge;
const GE_STORE = DEMO_FIXTURES.pos.geStore;

const drivers = await testDrivers();

describe.each(drivers)('sync on $name', ({ name, available }) => {
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
	afterAll(async () => handle?.close());

	const client = () => ({ clientGroupId: randomUUID(), clientId: randomUUID() });

	const cleaning = (
		id: number,
		args: Partial<RecordCleaningArgs> & Pick<RecordCleaningArgs, 'customerId' | 'serial'>,
		uuid = randomUUID()
	): PushMutation => ({
		id,
		uuid,
		name: 'recordCleaning',
		args: {
			serviceId: randomUUID(),
			posId: GE_STORE,
			performedAt: new Date(NOW.getTime() - 60_000).toISOString(),
			stickHandedOut: false,
			...args
		},
		clientTime: NOW.toISOString()
	});

	const send = (who: string, c: ReturnType<typeof client>, mutations: PushMutation[]) =>
		push(db, staffOf[who]!, { ...c, schemaVersion: 1, mutations }, NOW);

	const ok = (outcome: Awaited<ReturnType<typeof send>>) => {
		expect(outcome.status).toBe(200);
		return PushResponse.parse(outcome.body);
	};

	let fresh = 0;
	/** A registered adult GE customer with a one-piece device and no history. */
	async function newCustomer(): Promise<{ customerId: string; serial: string }> {
		fresh += 1;
		const customerId = `ge-test-${fresh}`;
		const serial = `GETEST${String(fresh).padStart(6, '0')}`;
		await db.transaction(async (tx) => {
			const { version } = await nextVersion(tx, 'GE');
			await tx.insert(t.customers).values(
				customerToRow(
					{
						id: customerId,
						marketCode: 'GE',
						firstName: 'Test',
						lastName: `Customer ${fresh}`,
						phone: '+995 500000000',
						dateOfBirth: '1985-01-01',
						registered: true,
						blacklisted: false,
						carePlus: null,
						updatedAt: NOW.toISOString()
					},
					{ version }
				)
			);
			await tx.insert(t.components).values(
				componentToRow(
					{
						serial,
						deviceId: `ge-test-d-${fresh}`,
						modelId: 'iluma-one',
						part: 'device',
						marketCode: 'GE',
						customerId,
						purchasedOn: '2025-06-01',
						registeredAt: '2025-06-01T10:00:00.000Z',
						replacementsUsed: 0
					},
					{ version }
				)
			);
		});
		return { customerId, serial };
	}

	const servicesOf = (customerId: string) =>
		db.select().from(t.services).where(eq(t.services.customerId, customerId));
	const marketVersion = async (code = 'GE') =>
		(await db.select().from(t.markets).where(eq(t.markets.code, code)))[0]!.version;
	const clientRow = async (clientId: string) =>
		(await db.select().from(t.clients).where(eq(t.clients.clientId, clientId)))[0];

	it('applies a cleaning once when the same push is sent twice, answering the stored result', async () => {
		const subject = await newCustomer();
		const c = client();
		const m = cleaning(1, subject);
		const first = ok(await send('ge.staff', c, [m]));
		expect(first).toEqual({ lastMutationId: 1, results: [{ id: 1, status: 'applied' }] });
		const version = await marketVersion();

		const again = ok(await send('ge.staff', c, [m]));
		expect(again).toEqual(first);
		const rows = await servicesOf(subject.customerId);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ status: 'recorded', staffId: 'ge-u-staff', version });
		expect(rows[0]!.recordedAt?.toISOString()).toBe(NOW.toISOString());
		expect(await marketVersion()).toBe(version); // the replay wrote nothing
	});

	it('refuses a push in a wire schema it does not know, and applies nothing', async () => {
		const c = client();
		const outcome = await push(
			db,
			staffOf['ge.staff']!,
			{
				...c,
				schemaVersion: 99,
				mutations: [cleaning(1, { customerId: GE.adult.id, serial: GE.adult.holderSerial })]
			},
			NOW
		);
		expect(outcome.status).toBe(400);
		expect(outcome.body).toMatchObject({ error: 'unsupported_schema' });
	});

	it('RNT-7: a blacklisted customer is flagged for staff, allowed by a supervisor override, and staff cannot override', async () => {
		const subject = { customerId: GE.blacklisted.id, serial: GE.blacklisted.serial };
		const override = { reason: 'Settled the late return with the store', rules: ['RNT-7'] };
		const asStaff = ok(await send('ge.staff', client(), [cleaning(1, subject)]));
		expect(asStaff.results[0]).toMatchObject({ status: 'flagged', code: 'RNT-7' });
		const forged = ok(await send('ge.staff', client(), [cleaning(1, { ...subject, override })]));
		expect(forged.results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
		const bySupervisor = ok(
			await send('ge.supervisor', client(), [cleaning(1, { ...subject, override })])
		);
		expect(bySupervisor.results[0]).toMatchObject({ status: 'applied' });
	});

	it('answers a gap with 409 and the last mutation id, and applies nothing', async () => {
		const subject = await newCustomer();
		const c = client();
		ok(await send('ge.staff', c, [cleaning(1, subject)]));
		const gap = await send('ge.staff', c, [cleaning(3, subject)]);
		expect(gap.status).toBe(409);
		expect(gap.body).toMatchObject({ error: 'gap', lastMutationId: 1 });
		expect(await servicesOf(subject.customerId)).toHaveLength(1);
		expect((await clientRow(c.clientId))?.lastMutationId).toBe(1);
	});

	it('rejects an invalid mutation without blocking the next one', async () => {
		const subject = await newCustomer();
		const c = client();
		const bad = cleaning(1, { ...subject, serial: '' });
		const unknown: PushMutation = { ...cleaning(2, subject), name: 'teleportDevice' };
		const good = cleaning(3, subject);
		const res = ok(await send('ge.staff', c, [bad, unknown, good]));
		expect(res.lastMutationId).toBe(3);
		expect(res.results[0]).toMatchObject({ id: 1, status: 'rejected', code: 'invalid_args' });
		expect(res.results[0]!.message).toContain('serial');
		expect(res.results[1]).toMatchObject({ id: 2, status: 'rejected', code: 'invalid_args' });
		expect(res.results[2]).toEqual({ id: 3, status: 'applied' });
		expect(await servicesOf(subject.customerId)).toHaveLength(1);
		// the rejection was stored: a resend gets the same answer
		const again = ok(await send('ge.staff', c, [bad]));
		expect(again.results[0]).toEqual(res.results[0]);
	});

	it('records a third cleaning in a month and flags it with one CLN-2 review item; a fourth joins it', async () => {
		const { id: customerId, serial } = GE.twoCleaningsThisMonth;
		expect(await servicesOf(customerId)).toHaveLength(2); // the seed's two this month
		const c = client();
		const third = ok(await send('ge.staff', c, [cleaning(1, { customerId, serial })]));
		expect(third.results[0]).toMatchObject({ id: 1, status: 'flagged', code: 'CLN-2' });
		expect(third.results[0]!.reviewIds).toHaveLength(1);
		const dedupeKey = `CLN-2:${customerId}:${monthKey(NOW, 'Asia/Tbilisi')}`;
		let items = await db.select().from(t.reviewItems).where(eq(t.reviewItems.dedupeKey, dedupeKey));
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ ruleId: 'CLN-2', status: 'open', marketCode: 'GE' });
		expect(items[0]!.id).toBe(third.results[0]!.reviewIds![0]);

		const fourth = ok(await send('ge.staff', c, [cleaning(2, { customerId, serial })]));
		expect(fourth.results[0]).toMatchObject({ status: 'flagged', code: 'CLN-2' });
		expect(fourth.results[0]!.reviewIds).toEqual(third.results[0]!.reviewIds);
		items = await db.select().from(t.reviewItems).where(eq(t.reviewItems.dedupeKey, dedupeKey));
		expect(items).toHaveLength(1);
		expect(items[0]!.serviceIds).toHaveLength(2);

		const rows = await servicesOf(customerId);
		expect(rows).toHaveLength(4);
		const flagged = rows.filter((r) => r.status === 'flagged');
		expect(flagged).toHaveLength(2);
		for (const r of flagged) expect(r.flaggedRules).toEqual(['CLN-2']);
		expect(
			await db.select().from(t.reviewItems).where(eq(t.reviewItems.ruleId, 'CLN-2'))
		).toHaveLength(1);
	});

	it('counts cleanings pushed at the same moment by different devices (customer lock)', async () => {
		const subject = await newCustomer();
		const outcomes = await Promise.all(
			[1, 2, 3].map(() => send('ge.staff', client(), [cleaning(1, subject)]))
		);
		const statuses = outcomes.map((o) => ok(o).results[0]!.status).sort();
		expect(statuses).toEqual(['applied', 'applied', 'flagged']);
		const rows = await servicesOf(subject.customerId);
		expect(rows.map((r) => r.version).sort()).toEqual(
			[...new Set(rows.map((r) => r.version))].sort()
		); // three commits, three distinct versions
	});

	it('answers two racing copies of a new client’s first push alike (registered in the push transaction)', async () => {
		// the copy that waits for the other's registration must see the results it stored
		const subject = await newCustomer();
		const c = client();
		const mutations = [cleaning(1, subject), cleaning(2, subject)];
		const [a, b] = await Promise.all([
			send('ge.staff', c, mutations),
			send('ge.staff', c, mutations)
		]);
		expect(ok(b).results).toEqual(ok(a).results);
		expect(ok(a).results.map((r) => r.status)).toEqual(['applied', 'applied']);
		expect(await servicesOf(subject.customerId)).toHaveLength(2);
		expect(await clientRow(c.clientId)).toMatchObject({ lastMutationId: 2 });
	});

	it('handles a request in one transaction: a rejection in the middle undoes only itself, one version for all', async () => {
		const a = await newCustomer();
		const b = await newCustomer();
		const before = await marketVersion();
		const c = client();
		const taken = randomUUID();
		const res = ok(
			await send('ge.staff', c, [
				cleaning(1, { ...a, serviceId: taken }),
				// a point of sale of another market: rejected
				cleaning(2, { ...b, posId: DEMO_FIXTURES.pos.lvStore }),
				// the service id just used by mutation 1 (same transaction): rejected
				cleaning(3, { ...b, serviceId: taken }),
				cleaning(4, b)
			])
		);
		expect(res.results.map((r) => r.status)).toEqual([
			'applied',
			'rejected',
			'rejected',
			'applied'
		]);
		expect(res.lastMutationId).toBe(4);
		expect(await clientRow(c.clientId)).toMatchObject({ lastMutationId: 4 });
		const rows = [...(await servicesOf(a.customerId)), ...(await servicesOf(b.customerId))];
		expect(rows).toHaveLength(2);
		// one commit: the market moved by one, and both rows carry that version
		expect(await marketVersion()).toBe(before + 1);
		expect(rows.map((r) => r.version)).toEqual([before + 1, before + 1]);
	});

	it('counts CLN-2 across concurrent multi-mutation requests (customer locks, any order)', async () => {
		const a = await newCustomer();
		const b = await newCustomer();
		// each request cleans both customers, in opposite orders: a deadlock between two requests
		// is possible on PostgreSQL and is a transient 5xx the tablet retries
		const sendRetrying = async (mutations: PushMutation[]) => {
			const c = client();
			for (let attempt = 0; ; attempt++) {
				try {
					return ok(await send('ge.staff', c, mutations));
				} catch (error) {
					if (attempt > 5) throw error;
				}
			}
		};
		await Promise.all([
			sendRetrying([cleaning(1, a), cleaning(2, b)]),
			sendRetrying([cleaning(1, b), cleaning(2, a)]),
			sendRetrying([cleaning(1, a), cleaning(2, b)])
		]);
		for (const subject of [a, b]) {
			const rows = await servicesOf(subject.customerId);
			expect(rows.map((r) => r.status).sort()).toEqual(['flagged', 'recorded', 'recorded']);
			const items = await db
				.select()
				.from(t.reviewItems)
				.where(
					eq(
						t.reviewItems.dedupeKey,
						`CLN-2:${subject.customerId}:${monthKey(NOW, 'Asia/Tbilisi')}`
					)
				);
			expect(items).toHaveLength(1);
		}
	});

	it('decides a run of cleanings in one request in order, as one at a time (CLN-2, CLN-3, serviceId)', async () => {
		const stickId = `${GE_STORE}:${CLEANING_STICK_SKU}`;
		const quantity = async () =>
			(await db.select().from(t.stock).where(eq(t.stock.id, stickId)))[0]!.quantity;
		const stockBefore = await quantity();
		await db.update(t.stock).set({ quantity: 2 }).where(eq(t.stock.id, stickId));
		const a = await newCustomer();
		const b = await newCustomer();
		const reused = randomUUID();
		const res = ok(
			await send('ge.staff', client(), [
				cleaning(1, { ...a, stickHandedOut: true }),
				cleaning(2, { ...a, stickHandedOut: true, serviceId: reused }),
				cleaning(3, { ...b, serviceId: reused }), // the id the run just used
				cleaning(4, { ...a, stickHandedOut: true }), // the third this month; no stick left
				cleaning(5, a), // the fourth joins the third's review item
				cleaning(6, { ...b, serial: 'GE-NO-SUCH-UNIT' })
			])
		);
		expect(res.results.map((r) => [r.status, r.code])).toEqual([
			['applied', undefined],
			['applied', undefined],
			['rejected', 'invalid_args'],
			['flagged', 'CLN-2'],
			['flagged', 'CLN-2'],
			['rejected', 'not_found']
		]);
		expect(res.results[4]!.reviewIds).toEqual(res.results[3]!.reviewIds);
		expect(await quantity()).toBe(0);
		expect(await servicesOf(a.customerId)).toHaveLength(4);
		expect(await servicesOf(b.customerId)).toHaveLength(0);
		const [item] = await db
			.select()
			.from(t.reviewItems)
			.where(eq(t.reviewItems.id, res.results[3]!.reviewIds![0]!));
		expect(item!.serviceIds).toHaveLength(2);
		await db.update(t.stock).set({ quantity: stockBefore }).where(eq(t.stock.id, stickId));
	});

	it('orders a run’s unawaited writes before whatever the request does next (mixed kinds)', async () => {
		// the first run's writes are not awaited by the run itself (nothing flagged): the
		// mutations behind it must still see them — CLN-2 counts them in the second run
		const a = await newCustomer();
		const before = await marketVersion();
		const c = client();
		const res = ok(
			await send('ge.staff', c, [
				cleaning(1, a),
				cleaning(2, a),
				{
					id: 3,
					uuid: randomUUID(),
					name: 'noSuchMutation',
					args: {},
					clientTime: NOW.toISOString()
				},
				{
					id: 4,
					uuid: randomUUID(),
					name: 'leaveCarePlus',
					args: { customerId: a.customerId },
					clientTime: NOW.toISOString()
				},
				cleaning(5, a)
			])
		);
		expect(res.lastMutationId).toBe(5);
		expect(res.results.map((r) => r.status)).toEqual([
			'applied',
			'applied',
			'rejected',
			expect.any(String),
			'flagged'
		]);
		expect(res.results[4]!.code).toBe('CLN-2');
		expect(await servicesOf(a.customerId)).toHaveLength(3);
		expect(await clientRow(c.clientId)).toMatchObject({ lastMutationId: 5 });
		expect(await marketVersion()).toBe(before + 1);
	});

	it('answers duplicates inside one push, and a retried push of ten, from one set of writes', async () => {
		const a = await newCustomer();
		const b = await newCustomer();
		const c = client();
		const batch = Array.from({ length: 10 }, (_, i) => cleaning(i + 1, i % 2 ? a : b));
		// the same uuid again under the next id, and an id sent twice
		const dupUuid = { ...cleaning(11, a), uuid: batch[0]!.uuid };
		const mutations = [...batch, dupUuid, dupUuid];
		const first = ok(await send('ge.staff', c, mutations));
		expect(first.lastMutationId).toBe(11);
		expect(first.results).toHaveLength(12);
		expect(first.results[10]).toEqual({ ...first.results[0], id: 11 });
		expect(first.results[11]).toEqual(first.results[10]);
		const version = await marketVersion();
		const stored = [...(await servicesOf(a.customerId)), ...(await servicesOf(b.customerId))];
		expect(stored).toHaveLength(10);
		// the retry (the answer was lost): the same answers, nothing written again
		const again = ok(await send('ge.staff', c, mutations));
		expect(again).toEqual(first);
		expect(await marketVersion()).toBe(version);
		const after = [...(await servicesOf(a.customerId)), ...(await servicesOf(b.customerId))];
		expect(after).toHaveLength(10);
		const results = await db
			.select()
			.from(t.mutationResults)
			.where(eq(t.mutationResults.clientId, c.clientId));
		// a uuid answered from this request's own result is not stored again
		expect(results).toHaveLength(10);
	});

	it('records a minor’s cleaning as a fact flagged AGE-1', async () => {
		const res = ok(
			await send('ge.staff', client(), [
				cleaning(1, { customerId: GE.minor.id, serial: GE.minor.serial })
			])
		);
		expect(res.results[0]).toMatchObject({ status: 'flagged', code: 'AGE-1' });
		const [row] = await servicesOf(GE.minor.id);
		expect(row).toMatchObject({ status: 'flagged', flaggedRules: ['AGE-1'] });
	});

	it('applies a mutation re-pushed under a new client id (after a reset) only once', async () => {
		const subject = await newCustomer();
		const m = cleaning(1, subject);
		const first = ok(await send('ge.staff', client(), [m]));
		expect(first.results[0]!.status).toBe('applied');
		const version = await marketVersion();

		const reset = client();
		const second = ok(await send('ge.staff', reset, [{ ...m, id: 1 }]));
		expect(second).toEqual({ lastMutationId: 1, results: [{ id: 1, status: 'applied' }] });
		expect(await servicesOf(subject.customerId)).toHaveLength(1);
		expect(await marketVersion()).toBe(version);
		expect((await clientRow(reset.clientId))?.lastMutationId).toBe(1);
		// and a retry of that push on the new client still gets the answer
		expect(ok(await send('ge.staff', reset, [m]))).toEqual(second);
	});

	it('rejects a cleaning at a point of sale without cleaning tools with CLN-4', async () => {
		const subject = await newCustomer();
		const res = ok(
			await send('ge.partner', client(), [
				cleaning(1, { ...subject, posId: DEMO_FIXTURES.pos.geTobacconist })
			])
		);
		expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'CLN-4' });
		expect(await servicesOf(subject.customerId)).toHaveLength(0);
	});

	it('rejects another point of sale or another market as forbidden', async () => {
		const subject = await newCustomer();
		const lv = DEMO_FIXTURES.lv.adult;
		const res = ok(
			await send('ge.staff', client(), [
				cleaning(1, { ...subject, posId: DEMO_FIXTURES.pos.gePopup }),
				cleaning(2, { customerId: lv.id, serial: lv.serial }),
				cleaning(3, { customerId: lv.id, serial: lv.serial, posId: DEMO_FIXTURES.pos.lvStore })
			])
		);
		expect(res.results.map((r) => [r.status, r.code])).toEqual([
			['rejected', 'forbidden'],
			['rejected', 'forbidden'],
			['rejected', 'forbidden']
		]);
		expect(res.lastMutationId).toBe(3);
		expect(await servicesOf(subject.customerId)).toHaveLength(0);
		expect(await servicesOf(lv.id)).toHaveLength(0);
	});

	it('takes a demonstration stick from stock; with none left the cleaning is still applied (CLN-3 warns)', async () => {
		const stickId = `${GE_STORE}:${CLEANING_STICK_SKU}`;
		const quantity = async () =>
			(await db.select().from(t.stock).where(eq(t.stock.id, stickId)))[0]!.quantity;
		const before = await quantity();
		const a = await newCustomer();
		const c = client();
		ok(await send('ge.staff', c, [cleaning(1, { ...a, stickHandedOut: true })]));
		expect(await quantity()).toBe(before - 1);

		await db.update(t.stock).set({ quantity: 0 }).where(eq(t.stock.id, stickId));
		const b = await newCustomer();
		const res = ok(await send('ge.staff', c, [cleaning(2, { ...b, stickHandedOut: true })]));
		// the same domain rule as the tablet: no stick in stock is a warning, not a broken rule
		expect(res.results[0]).toMatchObject({ status: 'applied' });
		expect(await quantity()).toBe(0);
		const items = await db
			.select()
			.from(t.reviewItems)
			.where(and(eq(t.reviewItems.ruleId, 'CLN-3'), eq(t.reviewItems.status, 'open')));
		expect(items).toHaveLength(0);
		await db
			.update(t.stock)
			.set({ quantity: before - 1 })
			.where(eq(t.stock.id, stickId));
	});

	it('uses the server clock when the counter clock is implausibly far ahead', async () => {
		const subject = await newCustomer();
		const ahead = new Date(NOW.getTime() + 60 * 60 * 1000).toISOString();
		ok(await send('ge.staff', client(), [cleaning(1, { ...subject, performedAt: ahead })]));
		const [row] = await servicesOf(subject.customerId);
		expect(row!.performedAt.toISOString()).toBe(NOW.toISOString());
	});

	it('pulls the whole market scope from cookie 0, parseable by the client, and nothing of other markets', async () => {
		const me = staffOf['ge.staff']!;
		const res = PullResponse.parse(
			await pull(db, me, { clientGroupId: randomUUID(), cookie: 0 }, NOW)
		);
		expect(res.cookie).toBe(await marketVersion());
		expect(res.patch.some((op) => op.op === 'clear')).toBe(false);
		const byTable: Record<string, unknown[]> = {};
		for (const op of res.patch) {
			expect(op.op).toBe('put');
			if (op.op !== 'put') continue;
			const spec = replicatedTables[op.table];
			const value = spec.schema.parse(op.value) as Record<string, unknown>;
			expect(String(value[spec.key])).toBe(op.key);
			(byTable[op.table] ??= []).push(value);
		}
		for (const table of Object.keys(replicatedTables))
			expect(byTable[table]?.length).toBeGreaterThan(0);
		expect(byTable.markets).toEqual([expect.objectContaining({ code: 'GE' })]);
		const customers = byTable.customers as { id: string; marketCode: string }[];
		expect(customers.length).toBeGreaterThanOrEqual(60);
		expect(customers.every((c) => c.marketCode === 'GE')).toBe(true);
		expect(customers.some((c) => c.id === DEMO_FIXTURES.lv.adult.id)).toBe(false);
		const nino = customers.find((c) => c.id === GE.adult.id);
		expect(nino).toMatchObject({
			firstName: 'Nino',
			lastName: 'Beridze',
			dateOfBirth: '1990-05-14'
		});
		// stock and reservations only of the staff member's own points of sale
		for (const s of byTable.stock as { posId: string }[]) expect(me.posIds).toContain(s.posId);
		for (const r of (byTable.reservations ?? []) as { posId: string }[])
			expect(me.posIds).toContain(r.posId);
		expect(byTable.pointsOfSale).toHaveLength(4);
		expect(byTable.deviceModels).toHaveLength(6);
	});

	it('pulls only what changed since the cookie, with a higher cookie', async () => {
		const me = staffOf['ge.staff']!;
		const c = client();
		const start = await pull(db, me, { clientGroupId: c.clientGroupId, cookie: 0 }, NOW);
		const subject = await newCustomer(); // writes a customer and a component
		const m = cleaning(1, subject);
		ok(await send('ge.staff', c, [m]));

		const next = PullResponse.parse(
			await pull(db, me, { clientGroupId: c.clientGroupId, cookie: start.cookie }, NOW)
		);
		expect(next.cookie).toBeGreaterThan(start.cookie);
		expect(
			next.patch.map((op) => (op.op === 'clear' ? 'clear' : `${op.table}:${op.key}`)).sort()
		).toEqual(
			[
				`components:${subject.serial}`,
				`customers:${subject.customerId}`,
				`services:${(m.args as RecordCleaningArgs).serviceId}`
			].sort()
		);
		expect(next.lastMutationIds).toEqual({ [c.clientId]: 1 });

		const idle = await pull(db, me, { clientGroupId: c.clientGroupId, cookie: next.cookie }, NOW);
		expect(idle.patch).toEqual([]);
		expect(idle.cookie).toBe(next.cookie);
	});

	it('turns a deleted row into a del op', async () => {
		const me = staffOf['ge.staff']!;
		const group = randomUUID();
		const start = await pull(db, me, { clientGroupId: group, cookie: 0 }, NOW);
		const subject = await newCustomer();
		await db.transaction(async (tx) => {
			const { version } = await nextVersion(tx, 'GE');
			await tx
				.update(t.components)
				.set({ deleted: true, version })
				.where(eq(t.components.serial, subject.serial));
		});
		const next = await pull(db, me, { clientGroupId: group, cookie: start.cookie }, NOW);
		expect(next.patch).toContainEqual({ op: 'del', table: 'components', key: subject.serial });
	});

	it('answers a cookie from the future, or an unknown client group, with clear and the full scope', async () => {
		const me = staffOf['ge.staff']!;
		const group = randomUUID();
		const current = await pull(db, me, { clientGroupId: group, cookie: 0 }, NOW);
		const future = PullResponse.parse(
			await pull(db, me, { clientGroupId: group, cookie: current.cookie + 100 }, NOW)
		);
		expect(future.patch[0]).toEqual({ op: 'clear' });
		expect(future.patch.length).toBe(current.patch.length + 1);
		expect(future.cookie).toBe(current.cookie);

		const stranger = await pull(db, me, { clientGroupId: randomUUID(), cookie: 5 }, NOW);
		expect(stranger.patch[0]).toEqual({ op: 'clear' });
		expect(stranger.patch.filter((op) => op.op === 'put').length).toBe(current.patch.length);
	});

	it('keeps a market version counter that only grows with writes', async () => {
		const [row] = await db
			.select({ n: sql<number>`count(*)::int` })
			.from(t.services)
			.where(sql`${t.services.version} > (select version from markets where code = 'GE')`);
		expect(row!.n).toBe(0);
		// no row is left with a placeholder version (sync/versions.ts): every write was stamped
		for (const table of [
			t.services,
			t.customers,
			t.components,
			t.stock,
			t.rentals,
			t.reservations
		]) {
			const [left] = await db
				.select({ n: sql<number>`count(*)::int` })
				.from(table)
				.where(sql`${table.version} < 0`);
			expect(left!.n).toBe(0);
		}
	});
});
