import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PullResponse } from '$lib/domain';
import { getMeta, ReplicaDb } from '$lib/db/replica';
import { SyncEngine } from './engine';

const stockRow = (n: number, quantity: unknown = n) => ({
	op: 'put' as const,
	table: 'stock' as const,
	key: `pos-1:SKU-${n}`,
	value: { id: `pos-1:SKU-${n}`, posId: 'pos-1', sku: `SKU-${n}`, label: 'Stick', quantity }
});

/** A server that answers pulls with the given pages, in order (push: nothing pending). */
function pages(...answers: PullResponse[]) {
	let next = 0;
	return (async () =>
		Response.json(answers[Math.min(next++, answers.length - 1)])) as unknown as typeof fetch;
}

let db: ReplicaDb;
beforeEach(async () => {
	db = new ReplicaDb(`test-${crypto.randomUUID()}`);
	await db.open();
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('pull with a row this app version cannot read', () => {
	it('stores every other row, counts the one left out, and logs no values', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const engine = new SyncEngine(db, {
			fetch: pages(
				{
					cookie: 5,
					patch: [stockRow(1), stockRow(2, 'not a number'), stockRow(3)],
					lastMutationIds: {},
					serverTime: new Date().toISOString(),
					hasMore: true,
					cursor: 'page-2'
				},
				{
					cookie: 5,
					patch: [stockRow(4)],
					lastMutationIds: {},
					serverTime: new Date().toISOString(),
					hasMore: false
				}
			)
		});
		await engine.pull();

		expect((await db.stock.toArray()).map((r) => r.sku).sort()).toEqual([
			'SKU-1',
			'SKU-3',
			'SKU-4'
		]);
		expect(await getMeta(db, 'cookie')).toBe(5);
		expect(engine.current.skippedRows).toBe(1);
		expect(warn).toHaveBeenCalledTimes(1);
		const logged = String(warn.mock.calls[0]![0]);
		expect(logged).toContain('1 stock row');
		expect(logged).toContain('quantity');
		expect(logged).not.toContain('not a number');
		expect(logged).not.toContain('SKU-2');
		warn.mockRestore();

		// the count survives a restart of the loop, and a clear (full resend) starts it afresh
		const restarted = new SyncEngine(db, {
			fetch: pages({
				cookie: 6,
				patch: [{ op: 'clear' }, stockRow(1), stockRow(2)],
				lastMutationIds: {},
				serverTime: new Date().toISOString()
			})
		});
		await restarted.start(); // reads the count kept in meta, then starts a sync
		expect(restarted.current.skippedRows).toBe(1);
		const synced = restarted.trigger();
		restarted.stop(); // no timer or second round after this sync
		await synced;
		expect(restarted.current.skippedRows).toBe(0);
		expect(await db.stock.count()).toBe(2);
	});
});

describe('paged pull, pipelined', () => {
	/** A server that answers by cursor: '' → page 1, 'c2' → page 2, 'c3' → page 3 (the last). */
	const byCursor = (async (input: RequestInfo | URL) => {
		const cursor = new URL(String(input), 'http://x').searchParams.get('cursor') ?? '';
		const n = { '': 1, c2: 2, c3: 3 }[cursor]!;
		return Response.json({
			cookie: 9,
			patch: [stockRow(n)],
			lastMutationIds: {},
			serverTime: new Date().toISOString(),
			...(n < 3 ? { hasMore: true, cursor: `c${n + 1}` } : { hasMore: false })
		} satisfies PullResponse);
	}) as typeof fetch;

	it('stores no page after one that failed, and the next pull resumes from the last stored', async () => {
		const put = db.stock.bulkPut.bind(db.stock);
		let calls = 0;
		const spy = vi
			.spyOn(db.stock, 'bulkPut')
			.mockImplementation(((rows: never[]) =>
				++calls === 2 ? Promise.reject(new Error('disk full')) : put(rows)) as never);
		const engine = new SyncEngine(db, { fetch: byCursor });
		await expect(engine.pull()).rejects.toThrow();
		// page 3 may already have been handed to IndexedDB behind page 2: it did not commit
		expect((await db.stock.toArray()).map((r) => r.sku)).toEqual(['SKU-1']);
		expect(((await db.meta.get('pullProgress'))?.value as { cursor: string }).cursor).toBe('c2');
		expect(await getMeta(db, 'cookie')).toBeUndefined();

		spy.mockRestore();
		await engine.pull();
		expect((await db.stock.toArray()).map((r) => r.sku).sort()).toEqual([
			'SKU-1',
			'SKU-2',
			'SKU-3'
		]);
		expect(await getMeta(db, 'cookie')).toBe(9);
		expect(await db.meta.get('pullProgress')).toBeUndefined();
		expect(engine.current).toMatchObject({ received: 3 });
	});
});
