/**
 * A diagnostic, not a benchmark: one `node build` on the large market under a push load
 * (DEVICES tablets, BATCH mutations per push, SECS seconds), sampling PostgreSQL's
 * pg_stat_activity every 200 ms to show what the backends wait for (a lock, the WAL, or the app:
 * `idle in transaction` / ClientRead). `BENCH_DB_PREFIX=… DEVICES=200 BATCH=1 node bench/scale/probe.mjs`
 */
import postgres from 'postgres';
import { apiSignIn, largeDatabase, startServer, machine } from './env.mjs';
import { devicesOf, pushLoad } from './load.mjs';
const batch = Number(process.env.BATCH ?? 1);
const url = await largeDatabase();
const server = await startServer(url, process.env.EXTRA ? JSON.parse(process.env.EXTRA) : {});
const sql = postgres(url, { max: 1 });
try {
	const { cookie } = await apiSignIn(server.url, 'ge.staff');
	const targets = { GE: await devicesOf(url, 'GE') };
	const waits = new Map();
	const timer = setInterval(async () => {
		const rows =
			await sql`select coalesce(wait_event_type,'cpu')||':'||coalesce(wait_event,'') w, state, left(query,60) q from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
		for (const r of rows) {
			const k = `${r.state} ${r.w} ${r.state === 'active' ? r.q : ''}`;
			waits.set(k, (waits.get(k) ?? 0) + 1);
		}
	}, 200);
	const load = machine();
	const r = await pushLoad({
		url: server.url,
		sessions: [{ cookie, posId: 'ge-tbilisi-store', market: 'GE' }],
		devices: Number(process.env.DEVICES ?? 200),
		seconds: Number(process.env.SECS ?? 8),
		batch,
		targets
	});
	clearInterval(timer);
	console.log(
		JSON.stringify({
			mps: r.mutationsPerSecond.toFixed(0),
			lat: r.latency,
			errors: r.errors,
			statuses: r.statuses
		}),
		load
	);
	console.log(
		[...waits]
			.sort((a, b) => b[1] - a[1])
			.slice(0, 14)
			.map(([k, v]) => `${v}\t${k}`)
			.join('\n')
	);
} finally {
	await sql.end();
	await server.stop();
}
