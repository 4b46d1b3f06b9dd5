/**
 * `node bench/scale/profile-first-sync.mjs`: the first sync's pull (as `npm run bench first-sync`
 * makes it: the app's SyncEngine, pages of 10,000, an open data key so every customer, service
 * and rental is sealed) run by the benchmark bundle on the app's origin under the V8 CPU
 * profiler (CPU not throttled), its main-thread self time grouped into buckets (fetch and
 * IndexedDB waits show as idle), so the tablet's side splits into parse / seal / write.
 * BENCH_MINIFY=0 for readable names; BENCH_APP_ROOT=<checkout> profiles another checkout's code;
 * PULL_PAGE_SIZE=<rows> asks for other pages; PROFILE_PLAIN=1 opens no data key (nothing is
 * sealed); PROFILE_OUT=<file> also writes the .cpuprofile (open it in Chrome DevTools).
 */
import { writeFileSync } from 'node:fs';
import { deviceSession, STAFF } from './device.mjs';
import { machine } from './env.mjs';

const s = await deviceSession();
try {
	await s.benchPage();
	await s.page.evaluate(async (username) => {
		const r = await fetch('/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username, password: 'demo1234' })
		});
		if (!r.ok) throw new Error(`sign-in: ${r.status}`);
	}, STAFF.username);
	await s.cdp.send('Profiler.enable');
	await s.cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
	await s.cdp.send('Profiler.start');
	const load = machine();
	const ms = await s.page.evaluate(
		async ([pullPageSize, plain]) => {
			const { ReplicaDb, SyncEngine } = globalThis.bench;
			const db = new ReplicaDb('profile-first-sync');
			if (!plain) db.keyring.open(crypto.getRandomValues(new Uint8Array(32)));
			const t0 = performance.now();
			await new SyncEngine(db, { pullPageSize }).pull();
			return performance.now() - t0;
		},
		[Number(process.env.PULL_PAGE_SIZE ?? 10_000), process.env.PROFILE_PLAIN === '1']
	);
	const { profile } = await s.cdp.send('Profiler.stop');
	if (process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const self = new Map();
	profile.samples.forEach((id, i) =>
		self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
	);
	// a sample counts for the first named ancestor frame that says what it is doing
	const RULES = [
		[
			/^(sealRows|sealedValue|sealRow|seal|splitRow|seekMany|pseudorandomBlocks|customerTerms)$/,
			'seal'
		],
		[/^(applyPatch|writePatch)$/, 'IndexedDB write (Dexie bulkPut, structured clone)'],
		[/^(preparePage|safeParse|parse)$/, 'parse + zod'],
		[/^(json|fetchPage|request)$/, 'fetch + JSON']
	];
	const bucketOf = (id) => {
		const leaf = byId.get(id).callFrame.functionName;
		if (['(idle)', '(program)', '(garbage collector)'].includes(leaf)) return leaf;
		for (let n = id; n !== undefined; n = parent.get(n)) {
			const f = byId.get(n).callFrame.functionName;
			for (const [re, b] of RULES) if (re.test(f)) return b;
		}
		return `other (${leaf || 'anonymous'})`;
	};
	const total = new Map();
	for (const [id, us] of self) {
		const b = bucketOf(id);
		total.set(b, (total.get(b) ?? 0) + us);
	}
	console.log(`pull ${(ms / 1000).toFixed(2)} s; ${load}`);
	for (const [b, us] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 25))
		console.log(`${(us / 1e6).toFixed(2).padStart(8)} s  ${b}`);
} finally {
	await s.close();
}
