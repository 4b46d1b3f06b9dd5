/**
 * `npm run bench scan`: scan to verdict on a tablet holding a 100,000-customer market (~200,000
 * components) in IndexedDB, filled by the real first sync. From a decoded serial to the verdict
 * object: `findDevice` + `checkCleaning` (src/lib/db/queries.ts, the device page's reads and the
 * domain's CLN rules), 1,000 random serials, in headless Chromium — as is, and with the CPU
 * slowed 4× (CDP) as a stand-in for a mid-range tablet. Needs `npm run build` and PostgreSQL.
 */
import { report, summarize } from './stats.mjs';
import { scanToVerdict } from './scale/counter.mjs';
import { deviceSession, STAFF } from './scale/device.mjs';
import { machine } from './scale/env.mjs';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1000);
const s = await deviceSession();
try {
	await s.firstSync();
	await s.benchPage();
	for (const rate of [1, 4]) {
		await s.cdp.send('Emulation.setCPUThrottlingRate', { rate });
		const load = machine();
		const r = await scanToVerdict(s.page, { samples: SAMPLES, posId: STAFF.posId });
		const st = summarize(r.times);
		console.log(
			`CPU ×${rate}: ${r.times.length} scans (${r.verdicts} verdicts), median ${st.median.toFixed(2)} ms, p95 ${st.p95.toFixed(2)} ms, max ${st.max.toFixed(1)} ms; replica ${JSON.stringify(r.counts)}; ${load}`
		);
		report({
			name: `scan to verdict${rate > 1 ? ` (CPU ×${rate})` : ''}`,
			what: 'serial → findDevice + checkCleaning → verdict (IndexedDB)',
			size: `${r.counts.customers.toLocaleString('en')} customers, ${r.counts.components.toLocaleString('en')} components, ${r.times.length} scans`,
			median: st.median,
			p95: st.p95,
			unit: 'ms',
			goal: 'p95 < 16 ms',
			note: load
		});
	}
} finally {
	await s.close();
}
