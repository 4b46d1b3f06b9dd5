/**
 * The counter's operations, run in the page (bench/scale/device.mjs `benchPage`) on the replica
 * the first sync filled: the app's IndexedDB `carepoint`, with the app's own modules.
 */

/**
 * Scan to verdict: a decoded serial → `findDevice` (component, model, kit, owner) →
 * `checkCleaning` (market, point of sale, the owner's cleanings, the CLN rules) — what the
 * device page runs before it shows the verdict. `samples` serials drawn at random (seeded) from
 * every component in the replica.
 */
export async function scanToVerdict(page, { samples = 1000, posId }) {
	return page.evaluate(
		async ({ samples, posId }) => {
			const { ReplicaDb, findDevice, checkCleaning, restoreKeyring } = globalThis.bench;
			const db = new ReplicaDb('carepoint', restoreKeyring());
			await db.open();
			const keys = await db.components.toCollection().primaryKeys();
			let seed = 42;
			const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
			const serials = Array.from(
				{ length: samples + 50 },
				() => keys[Math.floor(rnd() * keys.length)]
			);
			const times = [];
			let verdicts = 0;
			for (const [i, serial] of serials.entries()) {
				const t0 = performance.now();
				const card = await findDevice(db, serial);
				const check = card?.owner ? await checkCleaning(db, card, posId, new Date()) : null;
				const t1 = performance.now();
				if (check?.verdict) verdicts++;
				if (i >= 50) times.push(t1 - t0); // the first 50 warm up
			}
			const counts = { components: keys.length, customers: await db.customers.count() };
			counts.services = await db.services.count();
			db.close();
			return { times, verdicts, counts };
		},
		{ samples, posId }
	);
}

/**
 * Records `count` cleanings with `recordAction` (outbox entry + local effect in one IndexedDB
 * transaction), each for a different customer's device; returns the time of each call.
 */
export async function recordCleanings(page, { count, posId }) {
	return page.evaluate(
		async ({ count, posId }) => {
			const { ReplicaDb, recordAction, getMeta, restoreKeyring } = globalThis.bench;
			const db = new ReplicaDb('carepoint', restoreKeyring());
			await db.open();
			const staff = await getMeta(db, 'staff');
			const owned = await db.components
				.filter((c) => c.customerId !== null && c.part !== 'charger')
				.limit(count * 3)
				.toArray();
			const times = [];
			for (let i = 0; i < count; i++) {
				const c = owned[(i * 7919) % owned.length];
				const args = {
					serviceId: crypto.randomUUID(),
					customerId: c.customerId,
					serial: c.serial,
					posId,
					performedAt: new Date().toISOString(),
					stickHandedOut: false
				};
				const t0 = performance.now();
				await recordAction(db, 'recordCleaning', args, staff, new Date());
				times.push(performance.now() - t0);
			}
			const pending = await db.outbox.where('status').equals('pending').count();
			db.close();
			return { times, pending };
		},
		{ count, posId }
	);
}

/** Pushes every pending outbox entry with the app's engine in batches of `batchSize`. */
export async function drain(page, { batchSize }) {
	return page.evaluate(
		async ({ batchSize }) => {
			const { ReplicaDb, SyncEngine, restoreKeyring } = globalThis.bench;
			const db = new ReplicaDb('carepoint', restoreKeyring());
			await db.open();
			const before = await db.outbox.where('status').equals('pending').count();
			const requests = [];
			const fetchCounting = (...a) => {
				requests.push(1);
				return fetch(...a);
			};
			const engine = new SyncEngine(db, { batchSize, fetch: fetchCounting });
			const t0 = performance.now();
			await engine.push();
			const ms = performance.now() - t0;
			const after = await db.outbox.where('status').equals('pending').count();
			// two counts, not anyOf: Dexie's anyOf cursor threw "Illegal invocation" in this page
			const settled =
				(await db.outbox.where('status').equals('applied').count()) +
				(await db.outbox.where('status').equals('flagged').count());
			db.close();
			return { ms, before, after, requests: requests.length, settled };
		},
		{ batchSize }
	);
}
