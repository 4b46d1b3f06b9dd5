/**
 * `npm run bench write`: a service recorded on the tablet — `recordAction('recordCleaning')`:
 * the outbox entry and the local effect (the service row) in one IndexedDB transaction — on the
 * replica of a 100,000-customer market filled by the real first sync, 1,000 times, in headless
 * Chromium (as is and with the CPU slowed 4×). Needs `npm run build` and PostgreSQL.
 */
import { report, summarize } from './stats.mjs';
import { recordCleanings } from './scale/counter.mjs';
import { deviceSession, STAFF } from './scale/device.mjs';
import { machine } from './scale/env.mjs';

const COUNT = Number(process.env.BENCH_SAMPLES ?? 1000);
const s = await deviceSession();
try {
	await s.firstSync();
	await s.benchPage();
	for (const rate of [1, 4]) {
		await s.cdp.send('Emulation.setCPUThrottlingRate', { rate });
		const load = machine();
		const r = await recordCleanings(s.page, { count: COUNT, posId: STAFF.posId });
		const st = summarize(r.times.slice(20));
		console.log(
			`CPU ×${rate}: ${r.times.length} writes, median ${st.median.toFixed(2)} ms, p95 ${st.p95.toFixed(2)} ms, max ${st.max.toFixed(1)} ms; ${r.pending} pending; ${load}`
		);
		report({
			name: `write${rate > 1 ? ` (CPU ×${rate})` : ''}`,
			what: 'recordAction: outbox + effect, one transaction',
			size: `${COUNT} writes on the 100k replica`,
			median: st.median,
			p95: st.p95,
			unit: 'ms',
			goal: 'p95 < 10 ms',
			note: load
		});
	}
} finally {
	await s.close();
}
