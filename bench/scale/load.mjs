/**
 * A bounded push load on loopback: `devices` simulated tablets, each with its own client group
 * and client id, pushing `recordCleaning` mutations (gap-free ids, `batch` per request) one
 * request after the other for `seconds`, all at once. Counts mutations the server answered and
 * each request's latency.
 */
import { randomUUID } from 'node:crypto';
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

export async function pushLoad({ url, sessions, devices, seconds, batch = 1, targets }) {
	const deadline = performance.now() + seconds * 1000;
	const latencies = [];
	const statuses = new Map();
	let mutations = 0;
	let errors = 0;
	const today = new Date().toISOString();
	let pick = 0;
	async function tablet(d) {
		const { cookie, posId, market } = sessions[d % sessions.length];
		const pool = targets[market];
		const clientGroupId = randomUUID();
		const clientId = randomUUID();
		let id = 0;
		while (performance.now() < deadline) {
			const list = [];
			for (let i = 0; i < batch; i++) {
				const t = pool[(pick++ * 7919) % pool.length];
				list.push({
					id: ++id,
					uuid: randomUUID(),
					name: 'recordCleaning',
					args: {
						serviceId: randomUUID(),
						customerId: t.customerId,
						serial: t.serial,
						posId,
						performedAt: today,
						stickHandedOut: false
					},
					clientTime: today
				});
			}
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
