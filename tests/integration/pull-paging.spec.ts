import 'fake-indexeddb/auto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getMeta, ReplicaDb, setMeta } from '$lib/db/replica';
import { PullQuery, PullResponse, type StaffProfile } from '$lib/domain';
import { signIn } from '$lib/server/auth';
import type { Db } from '$lib/server/db';
import * as map from '$lib/server/db/mapping';
import * as t from '$lib/server/db/schema';
import { DEMO_PASSWORD, seed } from '$lib/server/seed';
import { pull } from '$lib/server/sync/pull';
import { nextVersion } from '$lib/server/sync/versions';
import { openTestDatabase, testDrivers, type TestDatabase } from '$lib/server/testing';
import { SyncEngine, type SyncStatus } from '$lib/sync/engine';

/**
 * Paged pull (docs/sync.md): a first sync in pages of a few rows against the real server
 * functions. The pages together are the same replica as one unpaged pull; a row written between
 * two pages comes with the next pull, never half; a tablet that stops between pages keeps its
 * old cookie and the next pull continues from the cursor.
 */

const NOW = new Date('2026-03-15T10:00:00.000Z');
const PAGE = 7;

interface Net {
	pulls: { query: ReturnType<typeof PullQuery.parse>; response: PullResponse }[];
	/** Runs after the server answered page n (1-based), before the tablet gets it. */
	afterPage?: (n: number) => Promise<void> | void;
}

function serverFetch(db: Db, staff: StaffProfile) {
	const net: Net = { pulls: [] };
	const fetchImpl = async (input: RequestInfo | URL): Promise<Response> => {
		const url = new URL(String(input), 'http://counter.test');
		if (url.pathname !== '/api/sync/pull') throw new Error(`unexpected ${url.pathname}`);
		const query = PullQuery.parse(Object.fromEntries(url.searchParams));
		const response = await pull(db, staff, query, NOW);
		net.pulls.push({ query, response });
		await net.afterPage?.(net.pulls.length);
		return Response.json(response);
	};
	return { fetch: fetchImpl as typeof fetch, net };
}

async function snapshot(db: ReplicaDb) {
	const out: Record<string, unknown[]> = {};
	for (const [name, table] of Object.entries(db.replicated()))
		out[name] = (await table.toArray()).sort((a, b) =>
			JSON.stringify(a).localeCompare(JSON.stringify(b))
		);
	return out;
}

const drivers = await testDrivers();

describe.each(drivers)('paged pull on $name', ({ name, available }) => {
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

	async function tablet(pullPageSize: number) {
		const db = new ReplicaDb(`tablet-${crypto.randomUUID()}`);
		replicas.push(db);
		await setMeta(db, 'staff', staff);
		const { fetch, net } = serverFetch(server, staff);
		const engine = new SyncEngine(db, { fetch, now: () => NOW, pullPageSize });
		return { db, engine, net };
	}

	/** A write by another device: takes the market's next version, like every handler. */
	async function renameCustomer(id: string, firstName: string) {
		await server.transaction(async (tx) => {
			const { version } = await nextVersion(tx, 'GE');
			const [row] = await tx.select().from(t.customers).where(eq(t.customers.id, id));
			const customer = map.customerFromRow(row!);
			await tx
				.update(t.customers)
				.set(map.customerToRow({ ...customer, firstName }, { version }))
				.where(eq(t.customers.id, id));
		});
	}

	async function customerIds(): Promise<string[]> {
		const rows = await server
			.select({ id: t.customers.id })
			.from(t.customers)
			.where(eq(t.customers.marketCode, 'GE'))
			.orderBy(t.customers.id);
		return rows.map((r) => r.id);
	}

	it('several pages make the same replica as one pull; progress reaches the total', async () => {
		const reference = await tablet(1_000_000);
		await reference.engine.pull();
		expect(reference.net.pulls).toHaveLength(1);

		const paged = await tablet(PAGE);
		const seen: SyncStatus[] = [];
		paged.engine.subscribe((s) => seen.push(s));
		await paged.engine.pull();

		const pages = paged.net.pulls;
		expect(pages.length).toBeGreaterThan(5);
		for (const p of pages) expect(p.response.patch.length).toBeLessThanOrEqual(PAGE);
		// one snapshot: every page names the same cookie, and only the last has no more
		expect(new Set(pages.map((p) => p.response.cookie)).size).toBe(1);
		expect(pages.slice(0, -1).every((p) => p.response.hasMore && p.response.cursor)).toBe(true);
		expect(pages.at(-1)!.response.hasMore).toBe(false);
		const total = pages[0]!.response.total!;
		expect(total).toBe(pages.reduce((n, p) => n + p.response.patch.length, 0));
		expect(seen.at(-1)).toMatchObject({ received: total, total });

		expect(await snapshot(paged.db)).toEqual(await snapshot(reference.db));
		expect(await getMeta(paged.db, 'cookie')).toBe(await getMeta(reference.db, 'cookie'));
		// a later pull is one page with nothing in it
		paged.net.pulls.length = 0;
		await paged.engine.pull();
		expect(paged.net.pulls).toHaveLength(1);
		expect(paged.net.pulls[0]!.response.patch).toEqual([]);
	});

	it('a row written between two pages comes with the next pull, not half in this one', async () => {
		const ids = await customerIds();
		const early = ids[0]!; // already sent on page 1 or 2
		const late = ids.at(-1)!; // on a later page
		const { db, engine, net } = await tablet(PAGE);
		const [market] = await server.select().from(t.markets).where(eq(t.markets.code, 'GE'));
		net.afterPage = async (n) => {
			if (n !== 4) return;
			await renameCustomer(early, 'Early');
			await renameCustomer(late, 'Late');
		};
		await engine.pull();
		// the pull is the snapshot it started from: cookie = the version before the writes
		expect(await getMeta(db, 'cookie')).toBe(market!.version);
		expect((await db.customers.get(early))?.firstName).not.toBe('Early');
		expect((await db.customers.get(late))?.firstName).not.toBe('Late');

		net.afterPage = undefined;
		net.pulls.length = 0;
		await engine.pull();
		expect(net.pulls).toHaveLength(1);
		expect(net.pulls[0]!.response.patch.map((op) => op.op === 'put' && op.key).sort()).toEqual(
			[early, late].sort()
		);
		expect((await db.customers.get(early))?.firstName).toBe('Early');
		expect((await db.customers.get(late))?.firstName).toBe('Late');
		expect(await getMeta(db, 'cookie')).toBe(market!.version + 2);
	});

	it('a tablet that stops between pages keeps its old cookie; the next pull finishes', async () => {
		const reference = await tablet(1_000_000);
		await reference.engine.pull();

		const { db, engine, net } = await tablet(PAGE);
		net.afterPage = (n) => {
			if (n === 3) throw new TypeError('network connection was lost');
		};
		await expect(engine.pull()).rejects.toThrow('network connection was lost');
		expect(await getMeta(db, 'cookie')).toBeUndefined();
		expect(await db.customers.count()).toBeGreaterThan(0); // pages 1 and 2 are kept

		// a new engine, as after a reload: it continues after page 2, not from the start
		const spy = serverFetch(server, staff);
		const again = new SyncEngine(db, { fetch: spy.fetch, now: () => NOW, pullPageSize: PAGE });
		await again.pull();
		const resumed = spy.net.pulls;
		expect(resumed[0]!.query.cursor).toBe(net.pulls[1]!.response.cursor);
		expect(resumed[0]!.response.patch[0]).not.toEqual({ op: 'clear' });
		const rows = (pages: Net['pulls']) => pages.reduce((n, p) => n + p.response.patch.length, 0);
		expect(rows(net.pulls.slice(0, 2)) + rows(resumed)).toBe(net.pulls[0]!.response.total);
		expect(await snapshot(db)).toEqual(await snapshot(reference.db));
		expect(await getMeta(db, 'cookie')).toBe(await getMeta(reference.db, 'cookie'));
	});

	it('a cursor from a snapshot the server no longer has starts over with clear', async () => {
		const { db, engine, net } = await tablet(PAGE);
		net.afterPage = (n) => {
			if (n === 2) throw new TypeError('lost');
		};
		await expect(engine.pull()).rejects.toThrow('lost');
		// the server is restored from a backup older than the snapshot the cursor names
		const cursor = net.pulls[1]!.response.cursor!;
		const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { t: number };
		const forged = Buffer.from(JSON.stringify({ ...decoded, t: decoded.t + 1000 })).toString(
			'base64url'
		);
		await db.meta.put({
			key: 'pullProgress',
			value: { fromCookie: 0, cursor: forged, received: 14, total: 1 }
		});
		net.afterPage = undefined;
		net.pulls.length = 0;
		await engine.pull();
		expect(net.pulls[0]!.response.patch[0]).toEqual({ op: 'clear' });
		expect(await getMeta(db, 'cookie')).toBe(decoded.t);
	});
});
