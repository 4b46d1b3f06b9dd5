/**
 * Shared set-up of the scale benchmarks: the machine's description, the large-market database
 * on the real PostgreSQL (built by `npm run seed:large` when missing), the production server on
 * it, and a headless Chromium page on the app's origin with the benchmark bundle.
 */
import { execSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { freemem, loadavg, totalmem } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import postgres from 'postgres';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Database name prefix: engineers sharing one PostgreSQL keep their bench databases apart. */
export const DB_PREFIX = process.env.BENCH_DB_PREFIX ?? 'carepoint_bench';
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--enable-precise-memory-info'
];

/** nproc, memory and load, printed with every result (the machine is shared). */
export function machine() {
	const nproc = execSync('nproc').toString().trim();
	const gib = (b) => `${(b / 2 ** 30).toFixed(1)} GiB`;
	return `nproc ${nproc}, mem ${gib(totalmem())} (free ${gib(freemem())}), load ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}`;
}

export function dbUrl(name) {
	const url = new URL(PG_ADMIN);
	url.pathname = `/${name}`;
	return url.toString();
}

/**
 * The database `carepoint_bench_<customers>` with a GE market of `customers` customers; built with
 * `npm run seed:large` when it is missing or smaller.
 */
export async function largeDatabase(customers = CUSTOMERS) {
	const name = `${DB_PREFIX}_${customers}`;
	const admin = postgres(PG_ADMIN, { max: 1, onnotice: () => {} });
	const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
	if (!exists) await admin.unsafe(`create database "${name}"`);
	await admin.end();
	const url = dbUrl(name);
	let have = 0;
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		[{ n: have }] = await sql`select count(*)::int as n from customers where id like 'ge-m-%'`;
	} catch {
		have = 0; // no tables yet
	}
	await sql.end();
	if (have !== customers) {
		console.log(`seeding ${name} with ${customers} customers (npm run seed:large)…`);
		const run = spawnSync(
			'npm',
			['run', 'seed:large', '--', '--customers', String(customers), '--database-url', url],
			{ cwd: ROOT, stdio: 'inherit' }
		);
		if (run.status !== 0) throw new Error('seed:large failed');
	}
	return url;
}

async function freePort() {
	return new Promise((done) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => done(port));
		});
	});
}

/** The production build (`node build`) on PostgreSQL. */
export async function startServer(databaseUrl, env = {}) {
	// BENCH_APP_ROOT: run another checkout's build (a before/after comparison on one machine)
	const appRoot = process.env.BENCH_APP_ROOT ?? ROOT;
	if (!existsSync(join(appRoot, 'build', 'index.js')))
		throw new Error('no build: run `npm run build` first');
	const port = await freePort();
	// BENCH_NODE_ARGS: e.g. `--cpu-prof --cpu-prof-dir=bench/.out/prof` to profile the server
	const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
	// BENCH_WORKERS=n (n > 1): n app processes behind one port (bench/scale/cluster.mjs)
	const workers = Number(process.env.BENCH_WORKERS ?? 1);
	const entry =
		workers > 1 || nodeArgs.length ? join(ROOT, 'bench', 'scale', 'cluster.mjs') : 'build';
	const child = spawn(process.execPath, [...nodeArgs, entry], {
		cwd: appRoot,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: databaseUrl,
			CAREPOINT_SEED: '1',
			...env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; i < 1200; i++) {
		try {
			if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) })).ok) break;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return {
		url,
		pid: child.pid,
		/** CPU seconds (user + system) the server process and its workers have used so far. */
		cpuSeconds() {
			const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
				.split(' ')
				.filter(Boolean);
			return [child.pid, ...children].reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
		},
		/** Resident set size of the server process (with its workers, if any), in MB. */
		rssMb() {
			const rss = (pid) => {
				try {
					const status = readFileSync(`/proc/${pid}/status`, 'utf8');
					return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
				} catch {
					return 0; // a worker that just exited
				}
			};
			const children = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
				.split(' ')
				.filter(Boolean);
			return rss(child.pid) + children.reduce((sum, pid) => sum + rss(pid), 0);
		},
		async stop() {
			if (child.exitCode !== null) return;
			const exited = new Promise((r) => child.once('exit', r));
			child.kill('SIGTERM');
			// the database pool keeps a gracefully closed server alive: do not wait for it long
			const timer = setTimeout(() => child.kill('SIGKILL'), nodeArgs.length ? 30_000 : 3000);
			await exited;
			clearTimeout(timer);
		}
	};
}

/** CPU seconds (user + system) a process has used, from /proc (0 once it is gone). */
export function cpuSecondsOf(pid) {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks
	} catch {
		return 0;
	}
}

/** Signs in through the API and returns the session cookie header. */
export async function apiSignIn(url, username, password = 'demo1234') {
	const response = await fetch(`${url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ username, password })
	});
	if (!response.ok) throw new Error(`sign-in ${username}: HTTP ${response.status}`);
	const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]);
	return { cookie: cookie.join('; '), body: await response.json() };
}
