import 'fake-indexeddb/auto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordAction } from '$lib/db/mutators';
import { customerHistory, findDevice } from '$lib/db/queries';
import { getMeta, ReplicaDb, setMeta } from '$lib/db/replica';
import {
	isAdult,
	PullQuery,
	PushRequest,
	type RecordCleaningArgs,
	type StaffProfile
} from '$lib/domain';
import { signIn } from '$lib/server/auth';
import type { Db } from '$lib/server/db';
import * as t from '$lib/server/db/schema';
import { DEMO_FIXTURES, DEMO_PASSWORD, seed } from '$lib/server/seed';
import { pull } from '$lib/server/sync/pull';
import { push } from '$lib/server/sync/push';
import { openTestDatabase, testDrivers, type TestDatabase } from '$lib/server/testing';
import { SyncEngine } from '$lib/sync/engine';

/**
 * The client's sync loop (Dexie on fake-indexeddb) against the real server functions on a
 * real database, with the network faults a counter meets: no network, a lost answer, an
 * expired session, a server that forgot our cookie, and two tablets acting offline at once.
 */

const NOW = new Date('2026-03-15T10:00:00.000Z');
const GE = DEMO_FIXTURES.ge;

type Fault = 'none' | 'offline' | 'lose-answer' | 'unauthorised';

/** A fetch that answers like the sync endpoints, with a switchable fault. */
function serverFetch(db: Db, staff: StaffProfile) {
	const state = { fault: 'none' as Fault, pushes: 0 };
	const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
		if (state.fault === 'offline') throw new TypeError('Failed to fetch');
		if (state.fault === 'unauthorised')
			return Response.json({ error: 'unauthenticated', message: 'Sign in' }, { status: 401 });
		const url = new URL(String(input), 'http://counter.test');
		let response: Response;
		if (url.pathname === '/api/sync/push') {
			state.pushes++;
			const body = PushRequest.parse(JSON.parse(String(init?.body)));
			const outcome = await push(db, staff, body, NOW);
			response = Response.json(outcome.body, { status: outcome.status });
		} else {
			const query = PullQuery.parse(Object.fromEntries(url.searchParams));
			response = Response.json(await pull(db, staff, query, NOW));
		}
		// the server did the work, but the answer never reaches the tablet
		if (state.fault === 'lose-answer') throw new TypeError('network connection was lost');
		return response;
	};
	return { fetch: fetchImpl as typeof fetch, state };
}

function cleaningArgs(serial: string, customerId: string): RecordCleaningArgs {
	return {
		serviceId: crypto.randomUUID(),
		customerId,
		serial,
		posId: DEMO_FIXTURES.pos.geStore,
		performedAt: NOW.toISOString(),
		stickHandedOut: false
	};
}

const drivers = await testDrivers();

describe.each(drivers)('sync engine against the server on $name', ({ name, available }) => {
	if (!available) {
		it.skip('PostgreSQL did not answer: skipped', () => {});
		return;
	}

	let handle: TestDatabase;
	let server: Db;
	let staff: StaffProfile;
	const replicas: ReplicaDb[] = [];

	beforeAll(async () => {
		handle = await openTestDatabase(name);
		server = handle.db;
		await seed(server, NOW);
		const session = await signIn(server, 'ge.staff', DEMO_PASSWORD, NOW);
		if (!session) throw new Error('demo staff could not sign in');
		staff = session.staff;
	});
	afterAll(() => handle?.close());
	afterEach(async () => {
		for (const r of replicas.splice(0)) {
			r.close();
			await r.delete();
		}
	});

	async function tablet() {
		const db = new ReplicaDb(`tablet-${crypto.randomUUID()}`);
		replicas.push(db);
		await setMeta(db, 'staff', staff);
		const net = serverFetch(server, staff);
		const engine = new SyncEngine(db, { fetch: net.fetch, now: () => NOW });
		return { db, engine, net };
	}

	async function serverServicesOf(customerId: string) {
		return server.select().from(t.services).where(eq(t.services.customerId, customerId));
	}

	it('first sync fills the replica with the market; a later pull sends only changes', async () => {
		const { db, engine } = await tablet();
		await engine.pull();
		const card = await findDevice(db, GE.adult.holderSerial);
		expect(card?.owner?.firstName).toBe('Nino');
		expect(await db.customers.filter((c) => c.marketCode !== 'GE').count()).toBe(0);
		expect(await db.customers.count()).toBeGreaterThan(10);
		const cookie = await getMeta(db, 'cookie');
		expect(cookie).toBeGreaterThan(0);
		expect(await getMeta(db, 'lastSyncAt')).toBe(NOW.toISOString());

		let received = -1;
		engine.subscribe((s) => (received = s.received));
		await engine.pull();
		expect(received).toBe(0);
		expect(await getMeta(db, 'cookie')).toBe(cookie);
	});

	it('offline writes wait, then reach the server exactly once, in one batch', async () => {
		const { db, engine, net } = await tablet();
		await engine.pull();
		const customer = (await findDevice(db, GE.adult.holderSerial))!.owner!;
		net.state.fault = 'offline';
		const entry = await recordAction(
			db,
			'recordCleaning',
			cleaningArgs(GE.adult.holderSerial, customer.id),
			staff,
			NOW
		);
		await engine.trigger();
		expect((await db.outbox.get(entry.id))?.status).toBe('pending');
		expect(await serverServicesOf(customer.id)).toHaveLength(0);

		net.state.fault = 'none';
		await engine.trigger();
		expect((await db.outbox.get(entry.id))?.status).toBe('applied');
		const onServer = await serverServicesOf(customer.id);
		expect(onServer.map((s) => s.id)).toEqual([(entry.args as RecordCleaningArgs).serviceId]);
		const [local] = await customerHistory(db, customer.id);
		expect(local?.service.recordedAt).not.toBeNull();
	});

	it('a lost answer is retried and the server still holds the cleaning once', async () => {
		const { db, engine, net } = await tablet();
		await engine.pull();
		const customer = (await findDevice(db, GE.twoCleaningsThisMonth.serial))!.owner!;
		const before = (await serverServicesOf(customer.id)).length;
		const entry = await recordAction(
			db,
			'recordCleaning',
			cleaningArgs(GE.twoCleaningsThisMonth.serial, customer.id),
			staff,
			NOW
		);
		net.state.fault = 'lose-answer';
		await engine.trigger();
		expect((await db.outbox.get(entry.id))?.status).toBe('pending');

		net.state.fault = 'none';
		await engine.trigger();
		const settled = await db.outbox.get(entry.id);
		// CLN-2: the third cleaning this month is a recorded fact, flagged for review
		expect(settled?.status).toBe('flagged');
		expect(settled?.code).toBe('CLN-2');
		expect(await serverServicesOf(customer.id)).toHaveLength(before + 1);
		const reviews = await server.select().from(t.reviewItems);
		expect(
			reviews.filter((r) => r.ruleId === 'CLN-2' && r.subject === `customer:${customer.id}`)
		).toHaveLength(1);
	});

	it('an expired session stops the loop without losing the queue; it resumes after sign-in', async () => {
		const { db, engine, net } = await tablet();
		await engine.pull();
		const customer = (await findDevice(db, GE.adult.holderSerial))!.owner!;
		const states: string[] = [];
		engine.subscribe((s) => states.push(s.state));
		await recordAction(
			db,
			'recordCleaning',
			cleaningArgs(GE.adult.holderSerial, customer.id),
			staff,
			NOW
		);
		net.state.fault = 'unauthorised';
		await engine.trigger();
		expect(states.at(-1)).toBe('signed-out');
		expect(await db.outbox.where('status').equals('pending').count()).toBe(1);

		net.state.fault = 'none';
		await engine.trigger();
		expect(states.at(-1)).toBe('idle');
		expect(await db.outbox.where('status').equals('pending').count()).toBe(0);
	});

	it('a cookie the server never issued resets the replica and keeps pending work', async () => {
		const { db, engine, net } = await tablet();
		await engine.pull();
		const customer = (await findDevice(db, GE.adult.holderSerial))!.owner!;
		net.state.fault = 'offline';
		const entry = await recordAction(
			db,
			'recordCleaning',
			cleaningArgs(GE.adult.holderSerial, customer.id),
			staff,
			NOW
		);
		await db.customers.put({ ...customer, firstName: 'Stale' });
		// as if the server had been restored from an older backup
		await setMeta(db, 'cookie', 1_000_000_000);
		net.state.fault = 'none';
		await engine.pull();
		expect((await db.customers.get(customer.id))?.firstName).toBe('Nino');
		const history = await customerHistory(db, customer.id);
		const serviceId = (entry.args as RecordCleaningArgs).serviceId;
		expect(history.some((h) => h.service.id === serviceId)).toBe(true);
		expect((await getMeta(db, 'cookie'))!).toBeLessThan(1_000_000_000);
	});

	/** A GE customer nobody has served yet: adult, registered, not blacklisted, with a device. */
	async function untouchedCustomer(db: ReplicaDb) {
		const market = (await db.markets.get('GE'))!;
		const served = new Set((await db.services.toArray()).map((s) => s.customerId));
		const candidates = await db.customers
			.filter(
				(c) =>
					c.marketCode === 'GE' &&
					c.registered &&
					!c.blacklisted &&
					!served.has(c.id) &&
					isAdult(c.dateOfBirth, market, NOW)
			)
			.toArray();
		for (const c of candidates) {
			const [component] = await db.components.where('customerId').equals(c.id).toArray();
			if (component) return { customer: c, serial: component.serial };
		}
		throw new Error('the seed has no untouched GE customer with a device');
	}

	it('two tablets offline: both facts are kept, the server flags CLN-2 once, both learn of it', async () => {
		const a = await tablet();
		const b = await tablet();
		await a.engine.pull();
		await b.engine.pull();
		const { customer, serial } = await untouchedCustomer(a.db);
		a.net.state.fault = 'offline';
		b.net.state.fault = 'offline';
		// each tablet sees a free quota: A records two cleanings, B one more
		for (let i = 0; i < 2; i++)
			await recordAction(a.db, 'recordCleaning', cleaningArgs(serial, customer.id), staff, NOW);
		const late = await recordAction(
			b.db,
			'recordCleaning',
			cleaningArgs(serial, customer.id),
			staff,
			NOW
		);
		a.net.state.fault = 'none';
		b.net.state.fault = 'none';
		await a.engine.trigger();
		await b.engine.trigger();
		await a.engine.pull();

		expect(await serverServicesOf(customer.id)).toHaveLength(3);
		const lateResult = await b.db.outbox.get(late.id);
		expect(lateResult?.status).toBe('flagged');
		expect(lateResult?.reviewIds).toHaveLength(1);
		const reviews = await server.select().from(t.reviewItems);
		expect(reviews.filter((r) => r.subject === `customer:${customer.id}`)).toHaveLength(1);
		for (const tabletDb of [a.db, b.db]) {
			const history = await customerHistory(tabletDb, customer.id);
			expect(history).toHaveLength(3);
			const flagged = history.filter((h) => h.service.status === 'flagged');
			expect(flagged.map((h) => h.service.id)).toEqual([
				(late.args as RecordCleaningArgs).serviceId
			]);
			expect(flagged[0]?.service.flaggedRules).toEqual(['CLN-2']);
		}
	});
});
