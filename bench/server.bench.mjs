/**
 * `npm run bench server`: the production server (`node build`, one process, or BENCH_WORKERS
 * processes) on the real PostgreSQL, loaded by 200 simulated tablets pushing `recordCleaning`
 * on loopback (bench/scale/load.mjs, bounded in time; BENCH_SECONDS, default 15):
 *   1. open loop, the headline: one market (GE, 100,000 customers), each tablet pushing 10
 *      cleanings on a fixed schedule, offered 1,000 / 2,000 / 3,000 mutations/s (BENCH_RATES);
 *      latency from the scheduled send time;
 *   2. closed loop (saturation; BENCH_CLOSED=0 skips it): GE 1 per push, the five markets 1 per
 *      push, GE 10 per push — each tablet pushes again the moment it is answered.
 * Mutations per second, request latency (median, p95, p99), server RSS under load.
 * Then the cost per mutation as the services table grows (10,000 → 100,000 → 1,000,000 rows, a
 * separate database topped up with generated history): 20 tablets for 8 s at each size, and
 * EXPLAIN (ANALYZE, BUFFERS) of the rule queries at the largest size (bench/.out/plans.txt).
 * Needs `npm run build` and PostgreSQL.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { report } from './stats.mjs';
import {
	apiSignIn,
	cpuSecondsOf,
	dbUrl,
	DB_PREFIX,
	largeDatabase,
	machine,
	PG_ADMIN,
	ROOT,
	startServer
} from './scale/env.mjs';
import { devicesOf, pushLoad, pushOpenLoop } from './scale/load.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
/** Offered mutations per second of the open-loop runs (BENCH_RATES=2000 for the headline only). */
const RATES = (process.env.BENCH_RATES ?? '1000,2000,3000').split(',').filter(Boolean).map(Number);
/** BENCH_CLOSED=0 skips the closed-loop (saturation) runs. */
const CLOSED = process.env.BENCH_CLOSED !== '0';
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const DEVICES = Number(process.env.BENCH_DEVICES ?? 200);
const MARKETS = ['GE', 'LV', 'HU', 'BG', 'CZ'];
const POS = {
	GE: 'ge-tbilisi-store',
	LV: 'lv-riga-store',
	HU: 'hu-budapest-store',
	BG: 'bg-sofia-store',
	CZ: 'cz-prague-store'
};

async function sessionsFor(url, markets) {
	const out = [];
	for (const m of markets) {
		const { cookie } = await apiSignIn(url, `${m.toLowerCase()}.staff`);
		out.push({ cookie, posId: POS[m], market: m });
	}
	return out;
}

async function targetsFor(databaseUrl, markets) {
	const out = {};
	for (const m of markets) out[m] = await devicesOf(databaseUrl, m);
	return out;
}

/**
 * Runs a load and measures, besides what it reports, the server's max RSS and the CPU time per
 * mutation of the app process(es), of PostgreSQL's backends for this database and of the load
 * generator (this process): a cost that, unlike throughput, hardly depends on what else the
 * shared machine is running.
 */
async function underLoad(server, run, databaseUrl) {
	let rss = 0;
	const timer = setInterval(() => (rss = Math.max(rss, server.rssMb())), 250);
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	const backends = async () =>
		(
			await sql`select pid from pg_stat_activity where datname = current_database()
				and pid <> pg_backend_pid()`
		).map((r) => r.pid);
	try {
		const pids = new Set(await backends());
		const pgBefore = new Map([...pids].map((pid) => [pid, cpuSecondsOf(pid)]));
		const appBefore = server.cpuSeconds();
		const genBefore = process.cpuUsage();
		const r = await run();
		const app = server.cpuSeconds() - appBefore;
		const genUsage = process.cpuUsage(genBefore);
		const gen = (genUsage.user + genUsage.system) / 1e6; // this process: the load generator
		for (const pid of await backends()) pids.add(pid);
		let pg = 0;
		for (const pid of pids) pg += cpuSecondsOf(pid) - (pgBefore.get(pid) ?? 0);
		const perMutation = (s) => (r.mutations ? (1000 * s) / r.mutations : NaN);
		return {
			...r,
			rssMb: rss,
			appMs: perMutation(app),
			pgMs: perMutation(pg),
			genMs: perMutation(gen)
		};
	} finally {
		clearInterval(timer);
		await sql.end();
	}
}

function print(label, r, load) {
	console.log(
		`${label}: ${r.mutationsPerSecond.toFixed(0)} mutations/s${r.offered ? ` (offered ${r.offered}/s, ${r.late} pushes not sent in time)` : ''} (${r.mutations} in ${r.elapsed.toFixed(1)} s, ${r.requests} requests, ${r.errors} errors ${JSON.stringify(r.statuses)}), latency median ${r.latency.median.toFixed(1)} ms p95 ${r.latency.p95.toFixed(1)} p99 ${r.latency.p99.toFixed(1)} max ${r.latency.max.toFixed(0)}; server RSS max ${r.rssMb?.toFixed(0)} MB; CPU per mutation: app ${r.appMs?.toFixed(2)} ms, PostgreSQL ${r.pgMs?.toFixed(2)} ms, load generator ${r.genMs?.toFixed(2)} ms; ${load}`
	);
}

// 1-2: throughput on the 100k market
{
	const databaseUrl = await largeDatabase();
	const server = await startServer(databaseUrl);
	try {
		const targets = await targetsFor(databaseUrl, MARKETS);
		const idle = server.rssMb();
		const runs = [
			// 1. open loop, the headline: 200 tablets pushing 10 cleanings each on a fixed schedule
			...RATES.map((rate) => ({
				label: `open loop, GE, 10 per push, offered ${rate}/s`,
				markets: ['GE'],
				batch: 10,
				rate
			})),
			// 2. closed loop (saturation: each tablet pushes again as soon as it is answered)
			...(CLOSED
				? [
						{ label: 'closed loop, GE, 1 per push', markets: ['GE'], batch: 1 },
						{ label: 'closed loop, five markets, 1 per push', markets: MARKETS, batch: 1 },
						{ label: 'closed loop, GE, 10 per push', markets: ['GE'], batch: 10 }
					]
				: [])
		];
		for (const { label, markets, batch, rate } of runs) {
			const sessions = await sessionsFor(server.url, markets);
			const load = machine();
			const options = {
				url: server.url,
				sessions,
				devices: DEVICES,
				seconds: SECONDS,
				batch,
				targets
			};
			const r = await underLoad(
				server,
				() => (rate ? pushOpenLoop({ ...options, rate }) : pushLoad(options)),
				databaseUrl
			);
			print(label, r, load);
			report({
				name: `server: ${label}`,
				what: `${DEVICES} tablets, ${SECONDS} s, ${WORKERS} app process(es); p99 ${r.latency.p99.toFixed(0)} ms`,
				size: '100k-customer market, PostgreSQL',
				median: r.mutationsPerSecond,
				p95: r.latency.p99,
				unit: 'mutations/s | p99 ms',
				goal: '≥ 2,000/s, p99 < 100 ms',
				note: load
			});
			report({
				name: `memory: server RSS (${label})`,
				what: `max RSS under load (idle ${idle.toFixed(0)} MB)`,
				size: `${DEVICES} tablets`,
				median: r.rssMb,
				p95: r.rssMb,
				unit: 'MB'
			});
		}
	} finally {
		await server.stop();
	}
}

// 4: cost per mutation as services grow; plans at the largest size (BENCH_GROWTH=0 skips it)
if (process.env.BENCH_GROWTH !== '0') {
	const name = `${DB_PREFIX}_growth`;
	const admin = postgres(PG_ADMIN, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists "${name}" with (force)`);
	await admin.unsafe(`create database "${name}"`);
	await admin.end();
	const databaseUrl = dbUrl(name);
	const { spawnSync } = await import('node:child_process');
	const seeded = spawnSync(
		'npm',
		[
			'run',
			'seed:large',
			'--',
			'--customers',
			'10000',
			'--services-per-customer',
			'0.1',
			'--database-url',
			databaseUrl
		],
		{ cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] }
	);
	if (seeded.status !== 0) throw new Error('seed:large failed');
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	const server = await startServer(databaseUrl);
	try {
		const targets = await targetsFor(databaseUrl, ['GE']);
		const sessions = await sessionsFor(server.url, ['GE']);
		for (const size of [10_000, 100_000, 1_000_000]) {
			// generated history: cleanings and other services of the market's customers over two years
			const [{ n }] = await sql`select count(*)::int as n from services`;
			if (n < size)
				await sql`
					with owners as (
						select array_agg(customer_id) as cs, array_agg(serial) as ss, count(*)::int as n
						from (select customer_id, serial from components
							where customer_id is not null and market_code = 'GE' limit 9000) x)
					insert into services (id, market_code, version, deleted, type, customer_id, serial, pos_id,
						staff_id, performed_at, recorded_at, status, flagged_rules, details)
					select gen_random_uuid(), 'GE', 1, false,
						(array['cleaning','cleaning','registration','warranty_swap'])[1 + (g % 4)],
						o.cs[1 + (g::bigint * 7919) % o.n], o.ss[1 + (g::bigint * 7919) % o.n],
						'ge-tbilisi-store', 'ge-u-staff',
						now() - (random() * interval '730 days'), now(), 'recorded', '[]'::jsonb, '{}'::jsonb
					from owners o, generate_series(1, ${size - n}) g`;
			await sql`analyze services`;
			const load = machine();
			const r = await underLoad(
				server,
				() => pushLoad({ url: server.url, sessions, devices: 20, seconds: 8, batch: 1, targets }),
				databaseUrl
			);
			print(`services ${size}`, r, load);
			report({
				name: `cost per mutation @ ${size.toLocaleString('en')} services`,
				what: `20 tablets, 8 s, GE; ${r.mutationsPerSecond.toFixed(0)} mutations/s; CPU per mutation app ${r.appMs.toFixed(2)} ms, PostgreSQL ${r.pgMs.toFixed(2)} ms`,
				size: `${size.toLocaleString('en')} services`,
				median: r.latency.median,
				p95: r.latency.p95,
				unit: 'ms / push',
				note: load
			});
		}
		// the rule queries of a cleaning (and of push itself), as the server runs them
		const [t] = await sql`
			select c.customer_id, c.serial from components c where c.market_code = 'GE'
			and c.customer_id is not null limit 1`;
		// a literal (not gen_random_uuid(): a volatile call cannot be an index key), as the app sends
		const NO_UUID = '00000000-0000-4000-8000-000000000001';
		// as push sends them since issue 8's second pass: a run's look-ups with one array parameter
		// (`= any($1::text[])`, db/any.ts), ten customers and serials at a time
		const some = await sql`
			select c.customer_id, c.serial from components c where c.market_code = 'GE'
			and c.customer_id is not null order by c.serial limit 10`;
		const list = (xs) => `{${xs.map((x) => `"${x}"`).join(',')}}`;
		const customersOf = list(some.map((r) => r.customer_id));
		const serialsOf = list(some.map((r) => r.serial));
		const uuids = list([NO_UUID, '00000000-0000-4000-8000-000000000002']);
		const queries = {
			'CLN-2: the run’s customers’ cleanings in the months concerned': sql`explain (analyze, buffers) select id, customer_id, performed_at from services where customer_id = any(${customersOf}::text[]) and type = 'cleaning' and performed_at >= date_trunc('month', now()) and performed_at < date_trunc('month', now()) + interval '1 month' and deleted = false`,
			'service ids already used': sql`explain (analyze, buffers) select id from services where id = any(${uuids}::uuid[])`,
			'components of the run': sql`explain (analyze, buffers) select * from components where serial = any(${serialsOf}::text[])`,
			'customers of the run': sql`explain (analyze, buffers) select * from customers where id = any(${customersOf}::text[])`,
			'push: client row for update': sql`explain (analyze, buffers) select * from clients where client_id = ${NO_UUID} for update`,
			'push: results stored for these ids or uuids': sql`explain (analyze, buffers) select * from mutation_results where (client_id = ${NO_UUID} and mutation_id = any(${'{1,2,3,4,5,6,7,8,9,10}'}::int[])) or uuid = any(${uuids}::uuid[])`,
			'review item (open, same dedupe key)': sql`explain (analyze, buffers) select * from review_items where dedupe_key = ${'CLN-2:' + t.customer_id + ':2026-03'} and status = 'open'`,
			'commit: stamp this transaction’s services (one of the eight rewrites)': sql`explain (analyze, buffers) select 1 from services where market_code = 'GE' and version = -txid_current()`,
			'pull page: services of GE after a key': sql`explain (analyze, buffers) select * from services where market_code = 'GE' and version > 0 and version <= 1000 and not deleted and id > '80000000-0000-0000-0000-000000000000' order by id limit 10000`,
			'pull: changes since a cookie': sql`explain (analyze, buffers) select * from services where market_code = 'GE' and version > 1000000 and version <= 1000010 order by id`
		};
		let text = `EXPLAIN (ANALYZE, BUFFERS) at ${(await sql`select count(*)::int as n from services`)[0].n} services; ${machine()}\n`;
		for (const [label, q] of Object.entries(queries)) {
			const rows = await q;
			text += `\n-- ${label}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}\n`;
		}
		mkdirSync(join(ROOT, 'bench', '.out'), { recursive: true });
		writeFileSync(join(ROOT, 'bench', '.out', 'plans.txt'), text);
		console.log(text);
	} finally {
		await server.stop();
		await sql.end();
	}
}
