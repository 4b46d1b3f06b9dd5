/**
 * `npm run bench drain`: 1,000 cleanings recorded offline on the tablet (100,000-customer
 * replica, real first sync), then pushed after reconnecting by the app's sync engine in batches
 * of 100 (what the app does) — and the same with one request per write (batch size 1) for
 * comparison. Total time from the first push request to the last answer stored in the outbox,
 * against the production server on PostgreSQL. Needs `npm run build` and PostgreSQL.
 */
import { report } from './stats.mjs';
import { drain, recordCleanings } from './scale/counter.mjs';
import { deviceSession, STAFF } from './scale/device.mjs';
import { machine } from './scale/env.mjs';

const COUNT = Number(process.env.BENCH_SAMPLES ?? 1000);
const s = await deviceSession();
try {
	await s.firstSync();
	await s.benchPage();
	const results = {};
	// BENCH_DRAIN_BATCHES=100 skips the slow one-request-per-write comparison
	const sizes = (process.env.BENCH_DRAIN_BATCHES ?? '100,1').split(',').map(Number);
	for (const batchSize of sizes) {
		await s.context.setOffline(true);
		await recordCleanings(s.page, { count: COUNT, posId: STAFF.posId });
		await s.context.setOffline(false);
		const load = machine();
		const r = await drain(s.page, { batchSize });
		results[batchSize] = r;
		console.log(
			`batch ${batchSize}: ${r.before} pending → ${r.after} in ${(r.ms / 1000).toFixed(2)} s, ${r.requests} requests; ${load}`
		);
		report({
			name: `drain (batch ${batchSize})`,
			what: `${COUNT} offline writes pushed after reconnecting`,
			size: `${r.requests} requests`,
			median: r.ms / 1000,
			p95: r.ms / 1000,
			unit: 's',
			goal: batchSize === 100 ? '< 2 s' : 'comparison',
			note: load
		});
	}
	if (results[1] && results[100]) {
		const ratio = results[1].ms / results[100].ms;
		console.log(`one request per write is ${ratio.toFixed(1)}× slower than batches of 100`);
		report({
			name: 'drain ratio',
			what: 'one request per write ÷ batches of 100',
			size: `${COUNT} writes`,
			median: ratio,
			p95: ratio,
			unit: '×'
		});
	}
} finally {
	await s.close();
}
