/**
 * Bounded push loads on loopback: `devices` simulated tablets, each with its own client group
 * and client id, pushing `recordCleaning` mutations (gap-free ids, `batch` per request).
 *   - `pushOpenLoop` (the headline): every tablet pushes on a fixed schedule, the offered rate
 *     does not depend on the server, latency counts from the scheduled send time;
 *   - `pushLoad` (closed loop, saturation): every tablet sends its next request the moment the
 *     previous answer arrives. With N tablets, latency ≈ N ÷ requests per second (Little's law)
 *     whatever the server's capacity, so its latency says nothing about a real counter; its
 *     throughput is the server's ceiling.
 * Why not autocannon: its rate limit still measures from the actual send (coordinated omission),
 * and every tablet needs its own gap-free id sequence, one request in flight at a time.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import postgres from 'postgres';
import { summarize } from '../stats.mjs';

/** (customer, serial) pairs of a market's registered devices, from the database. */
export async function devicesOf(databaseUrl, market, limit = 50_000) {
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		return await sql`
			select customer_id as "customerId", serial from components
			where market_code = ${market} and customer_id is not null and part <> 'charger'
			order by serial limit ${limit}`;
	} finally {
		await sql.end();
	}
}

let pick = 0;

/** Tablet `d`: a staff session (round robin), its market's devices and a fresh client identity. */
function tabletOf(sessions, targets, d) {
	const { cookie, posId, market } = sessions[d % sessions.length];
	return {
		cookie,
		posId,
		pool: targets[market],
		clientGroupId: randomUUID(),
		clientId: randomUUID()
	};
}

/**
 * `count` cleanings of a tablet's next gap-free ids after `lastId`, on devices spread over
 * the market (a stride through `pool`, so neighbouring tablets rarely hit the same customer).
 */
function cleanings(pool, count, posId, lastId, at) {
	const list = [];
	for (let i = 0; i < count; i++) {
		const t = pool[(pick++ * 7919) % pool.length];
		list.push({
			id: lastId + i + 1,
			uuid: randomUUID(),
			name: 'recordCleaning',
			args: {
				serviceId: randomUUID(),
				customerId: t.customerId,
				serial: t.serial,
				posId,
				performedAt: at,
				stickHandedOut: false
			},
			clientTime: at
		});
	}
	return list;
}

/** CLOSED loop: each tablet sends its next push as soon as the previous one is answered. */
export async function pushLoad({ url, sessions, devices, seconds, batch = 1, targets }) {
	const deadline = performance.now() + seconds * 1000;
	const latencies = [];
	const statuses = new Map();
	let mutations = 0;
	let errors = 0;
	const today = new Date().toISOString();
	async function tablet(d) {
		const { cookie, posId, pool, clientGroupId, clientId } = tabletOf(sessions, targets, d);
		let id = 0;
		while (performance.now() < deadline) {
			const list = cleanings(pool, batch, posId, id, today);
			id += batch;
			const t0 = performance.now();
			try {
				const response = await fetch(`${url}/api/sync/push`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', cookie, origin: url },
					body: JSON.stringify({ clientGroupId, clientId, schemaVersion: 1, mutations: list })
				});
				const body = await response.json();
				latencies.push(performance.now() - t0);
				statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
				if (response.ok) mutations += body.results.length;
				else {
					errors++;
					id -= batch; // resend the same ids (5xx: nothing was applied or the answer is stored)
				}
			} catch {
				errors++;
				id -= batch;
			}
		}
	}
	const started = performance.now();
	await Promise.all(Array.from({ length: devices }, (_, d) => tablet(d)));
	const elapsed = (performance.now() - started) / 1000;
	const lat = summarize(latencies);
	const sorted = [...latencies].sort((a, b) => a - b);
	const p99 = sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)];
	return {
		mutationsPerSecond: mutations / elapsed,
		requests: latencies.length,
		mutations,
		errors,
		statuses: Object.fromEntries(statuses),
		latency: { median: lat.median, p95: lat.p95, p99, max: lat.max },
		elapsed
	};
}

/** One push over a kept-alive loopback connection (node:http: far less client CPU than fetch). */
function post(agent, url, cookie, body) {
	return new Promise((resolve, reject) => {
		const u = new URL(`${url}/api/sync/push`);
		const req = request(
			{
				agent,
				host: u.hostname,
				port: u.port,
				path: u.pathname,
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body),
					cookie,
					origin: url
				}
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () => {
					try {
						resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString()) });
					} catch (error) {
						reject(error);
					}
				});
				res.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/**
 * OPEN loop (what tablets do): each of `devices` tablets pushes `batch` mutations on a fixed
 * schedule — every devices × batch ÷ `rate` seconds, starts staggered evenly over one interval —
 * so `rate` mutations per second are offered whatever the server does. A tablet pushes one
 * request at a time (its ids are gap-free): a push whose turn comes while the previous one is
 * still out waits for it. Latency is measured from the SCHEDULED send time, not from when the
 * request actually left, so a slow server cannot hide its queue (no coordinated omission).
 * Pushes scheduled in the first `seconds` count; the run waits for their answers (at most
 * `seconds` more; the ones still missing then are counted as `late`).
 */
export async function pushOpenLoop({ url, sessions, devices, seconds, batch, rate, targets }) {
	const interval = (devices * batch * 1000) / rate; // ms between one tablet's pushes
	const agent = new Agent({ keepAlive: true, maxSockets: devices * 2 });
	const latencies = [];
	const statuses = new Map();
	let mutations = 0;
	let errors = 0;
	let late = 0;
	let lastAnswer = 0;
	const today = new Date().toISOString();
	const started = performance.now() + 200; // let every tablet set up first
	const window = seconds * 1000;
	const hardStop = started + 2 * window + interval;
	async function tablet(d) {
		const { cookie, posId, pool, clientGroupId, clientId } = tabletOf(sessions, targets, d);
		let id = 0;
		for (let k = 0; ; k++) {
			const scheduled = started + (d * interval) / devices + k * interval;
			if (scheduled - started >= window) break;
			const wait = scheduled - performance.now();
			if (wait > 0) await new Promise((r) => setTimeout(r, wait));
			if (performance.now() > hardStop) {
				late++;
				continue;
			}
			const list = cleanings(pool, batch, posId, id, today);
			id += batch;
			const body = JSON.stringify({ clientGroupId, clientId, schemaVersion: 1, mutations: list });
			try {
				const response = await post(agent, url, cookie, body);
				const now = performance.now();
				latencies.push(now - scheduled);
				lastAnswer = Math.max(lastAnswer, now);
				statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
				if (response.status === 200) mutations += response.body.results.length;
				else {
					errors++;
					id -= batch;
				}
			} catch {
				errors++;
				id -= batch;
			}
		}
	}
	await Promise.all(Array.from({ length: devices }, (_, d) => tablet(d)));
	agent.destroy();
	const elapsed = (Math.max(lastAnswer, started + window) - started) / 1000;
	const sorted = [...latencies].sort((a, b) => a - b);
	const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
	return {
		offered: rate,
		mutationsPerSecond: mutations / elapsed,
		requests: latencies.length,
		mutations,
		errors,
		late,
		statuses: Object.fromEntries(statuses),
		latency: { median: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN },
		elapsed
	};
}
