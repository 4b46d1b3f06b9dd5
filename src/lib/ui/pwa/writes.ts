/**
 * A tiny write-in-progress counter. A staff action that writes to IndexedDB (a mutation:
 * outbox entry plus its optimistic effect, in one Dexie transaction) runs inside `trackWrite`,
 * so an app update never reloads the page half-way through it: `whenNoWrites()` resolves once
 * no tracked write is running.
 *
 * Usage (device page): `await trackWrite(() => recordAction(db, 'recordCleaning', args, staff, now))`.
 */

let inProgress = 0;
let waiters: (() => void)[] = [];
const listeners = new Set<(count: number) => void>();

function changed() {
	for (const listener of listeners) listener(inProgress);
	if (inProgress > 0) return;
	const ready = waiters;
	waiters = [];
	for (const resolve of ready) resolve();
}

/** Runs `work` as a tracked write; the counter drops when it settles, success or failure. */
export async function trackWrite<T>(work: () => Promise<T>): Promise<T> {
	inProgress++;
	changed();
	try {
		return await work();
	} finally {
		inProgress--;
		changed();
	}
}

/** How many tracked writes are running now. */
export function writesInProgress(): number {
	return inProgress;
}

/** Resolves at once when nothing is being written, else as soon as the last write settles. */
export function whenNoWrites(): Promise<void> {
	if (inProgress === 0) return Promise.resolve();
	return new Promise((resolve) => waiters.push(resolve));
}

/** Calls `listener` with the count whenever it changes; returns the unsubscribe function. */
export function onWritesChange(listener: (count: number) => void): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}
