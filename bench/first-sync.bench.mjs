/**
 * `npm run bench first-sync`: the first sync of a point of sale's tablet for a market of 100,000
 * customers (~200,000 components, ~80,000 services; BENCH_CUSTOMERS to change), from an empty
 * browser: headless Chromium signs in as ge.staff through the login page and the app's own sync
 * engine pulls the replica in pages (10,000 rows each, gzip) into IndexedDB.
 *
 * Measured: sign-in click → the last page stored (`Last sync` no longer "never"); the pull's
 * bytes on the wire (compressed, CDP encodedDataLength) and decoded; the progress values the
 * SyncBar showed; then a later sync's bytes (only changes); and the tab's JS heap after GC with
 * the replica loaded (benchmark 6). Needs `npm run build` and PostgreSQL (bench/scale/env.mjs).
 */
import { report, summarize } from './stats.mjs';
import { deviceSession } from './scale/device.mjs';
import { CUSTOMERS, machine } from './scale/env.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const times = [];
const network = [];
const wire = [];
const heaps = [];
let last;
for (let run = 0; run < RUNS; run++) {
	const s = await deviceSession();
	try {
		const load = machine();
		const r = await s.firstSync();
		times.push(r.signInToSyncedMs);
		network.push(r.networkMs);
		wire.push(r.encodedBytes / 2 ** 20);
		heaps.push(await s.heapMb());
		// a later sync: only what changed (nothing) comes
		const before = Date.now();
		const later = s.page.waitForResponse((res) => res.url().includes('/api/sync/pull'));
		await s.page.getByRole('button', { name: 'Sync now' }).click();
		const response = await later;
		const laterBytes = (await response.body()).length;
		last = { ...r, laterBytes, laterMs: Date.now() - before };
		console.log(
			`run ${run + 1}: ${(r.signInToSyncedMs / 1000).toFixed(2)} s, ${r.pages} pages, ` +
				`${(r.encodedBytes / 2 ** 20).toFixed(2)} MB on the wire (${(r.decodedBytes / 2 ** 20).toFixed(1)} MB JSON), ` +
				`progress seen ${JSON.stringify(r.progress.slice(0, 12))}…; later sync ${laterBytes} B; heap ${heaps.at(-1).toFixed(1)} MB; ${load}`
		);
	} finally {
		await s.close();
	}
}

const size = `${CUSTOMERS.toLocaleString('en')} customers; ${last.pages} pages`;
const t = summarize(times.map((ms) => ms / 1000));
report({
	name: 'first sync: time',
	what: 'sign-in → replica stored (Chromium, paged pull, gzip)',
	size,
	median: t.median,
	p95: t.p95,
	unit: 's',
	goal: '< 10 s',
	note: machine()
});
const n = summarize(network.map((ms) => ms / 1000));
report({
	name: 'first sync: network',
	what: 'first pull request sent → last page received',
	size,
	median: n.median,
	p95: n.p95,
	unit: 's'
});
const w = summarize(wire);
report({
	name: 'first sync: bytes',
	what: `transferred, compressed (JSON ${(last.decodedBytes / 2 ** 20).toFixed(1)} MB)`,
	size,
	median: w.median,
	p95: w.p95,
	unit: 'MB',
	goal: '< 15 MB'
});
report({
	name: 'later sync: bytes',
	what: 'the next pull with nothing changed',
	size,
	median: last.laterBytes,
	p95: last.laterBytes,
	unit: 'B'
});
const h = summarize(heaps);
report({
	name: 'memory: tab JS heap',
	what: 'app tab after the first sync, after GC (CDP)',
	size,
	median: h.median,
	p95: h.p95,
	unit: 'MB'
});
