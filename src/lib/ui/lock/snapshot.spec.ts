import { describe, expect, it } from 'vitest';
import type { StaffProfile } from '$lib/domain';
import {
	LOCK_SNAPSHOT_KEY,
	readLockSnapshot,
	writeLockSnapshot,
	type LockSnapshot
} from './snapshot';

const nino: StaffProfile = {
	id: 'staff-ge-1',
	username: 'ge.staff',
	displayName: 'Nino B.',
	role: 'staff',
	marketCode: 'GE',
	posIds: ['pos-tbilisi-1']
};
const giorgi: StaffProfile = { ...nino, id: 'staff-ge-2', username: 'ge.lead', displayName: 'G.' };

/** localStorage's behaviour, in memory; `full` makes every write fail as a full disk does. */
function memoryStore({ full = false } = {}) {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => {
			if (full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			items.set(key, value);
		},
		removeItem: (key: string) => void items.delete(key)
	};
}

describe('the lock screen snapshot', () => {
	it('gives back what was written: the signed-in person, the point of sale, who can unlock', () => {
		const store = memoryStore();
		const snapshot: LockSnapshot = { staff: nino, posId: 'pos-tbilisi-1', known: [nino, giorgi] };
		writeLockSnapshot(store, snapshot);
		expect(readLockSnapshot(store)).toEqual(snapshot);
	});

	it('is removed when a new tab would not open on the lock (signed out)', () => {
		const store = memoryStore();
		writeLockSnapshot(store, { staff: nino, posId: null, known: [nino] });
		writeLockSnapshot(store, null);
		expect(store.items.has(LOCK_SNAPSHOT_KEY)).toBe(false);
		expect(readLockSnapshot(store)).toBeNull();
	});

	it('is no snapshot when the stored text is not one: the replica decides the start', () => {
		const store = memoryStore();
		for (const text of [
			'{not json',
			'"Nino"',
			'null',
			JSON.stringify({ staff: { id: 'x' }, posId: null, known: [] }),
			JSON.stringify({ staff: nino, posId: 7, known: [] }),
			JSON.stringify({ staff: nino, posId: null, known: [{ ...giorgi, posIds: [1] }] }),
			JSON.stringify({ staff: { ...nino, id: '' }, posId: null, known: [] })
		]) {
			store.items.set(LOCK_SNAPSHOT_KEY, text);
			expect(readLockSnapshot(store), text).toBeNull();
		}
	});

	it('a full disk only costs the fast start: no stale snapshot stays behind', () => {
		const store = memoryStore({ full: true });
		store.items.set(
			LOCK_SNAPSHOT_KEY,
			JSON.stringify({ staff: giorgi, posId: null, known: [giorgi] })
		);
		expect(() =>
			writeLockSnapshot(store, { staff: nino, posId: null, known: [nino] })
		).not.toThrow();
		expect(readLockSnapshot(store)).toBeNull();
	});

	it('without localStorage (a private window that refuses it) there is simply none', () => {
		expect(readLockSnapshot(undefined)).toBeNull();
		expect(() =>
			writeLockSnapshot(undefined, { staff: nino, posId: null, known: [] })
		).not.toThrow();
	});
});
