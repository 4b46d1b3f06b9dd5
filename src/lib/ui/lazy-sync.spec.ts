import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReplicaDb, setMeta } from '$lib/db/replica';
import type { SyncStatus } from '$lib/sync/engine';
import { LazySync } from './lazy-sync';

let db: ReplicaDb;
const fetch = vi.fn(async () => new Response('offline', { status: 503 }));

beforeEach(() => {
	db = new ReplicaDb(`test-${crypto.randomUUID()}`);
	vi.stubGlobal('fetch', fetch);
	fetch.mockClear();
});
afterEach(async () => {
	vi.unstubAllGlobals();
	await db.delete();
});

describe('LazySync', () => {
	it('reports the idle status before the engine has loaded', () => {
		const sync = new LazySync(() => Promise.resolve(db));
		const seen: SyncStatus[] = [];
		sync.subscribe((s) => seen.push(s));
		expect(seen.map((s) => s.state)).toEqual(['idle']);
		expect(sync.current.lastSyncAt).toBeNull();
	});

	it('loads the engine on a trigger and passes its status on to subscribers', async () => {
		const sync = new LazySync(() => Promise.resolve(db));
		const states: string[] = [];
		sync.subscribe((s) => states.push(s.state));
		await sync.trigger();
		expect(fetch).toHaveBeenCalled();
		expect(states).toContain('syncing');
		expect(sync.current.state).toBe('error');
	});

	it('does not run an engine that finished loading after a stop (sign-out)', async () => {
		await setMeta(db, 'lastSyncAt', '2026-11-26T08:00:00.000Z');
		const sync = new LazySync(() => Promise.resolve(db));
		const started = sync.start();
		sync.stop();
		await started;
		// a started engine would have published the last sync time it read from the replica
		expect(sync.current.lastSyncAt).toBeNull();
		expect(fetch).not.toHaveBeenCalled();
	});

	it('tries again after the replica failed to load, instead of remembering the failure', async () => {
		const replica = vi
			.fn<() => Promise<ReplicaDb>>()
			.mockRejectedValueOnce(new Error('chunk failed to load'))
			.mockResolvedValue(db);
		const sync = new LazySync(replica);
		await expect(sync.trigger()).rejects.toThrow('chunk failed to load');
		const states: string[] = [];
		sync.subscribe((s) => states.push(s.state));
		await sync.trigger();
		expect(replica).toHaveBeenCalledTimes(2);
		expect(states.length).toBeGreaterThan(1); // the engine loaded and published its status
	});
});
