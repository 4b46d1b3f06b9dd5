/**
 * Lighthouse 12 (the last major that runs on Node 20) against Debian's Chromium through
 * chrome-launcher. Mobile form factor and Lighthouse's default simulated throttling (slow 4G,
 * CPU 4×). Returns the category scores, 0–100, and prints the metrics that drive performance.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

export async function runLighthouse(url, chromePath) {
	const chrome = await chromeLauncher.launch({
		chromePath,
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run']
	});
	try {
		// a new Chromium builds its window's toolbar (a WebUI renderer, the omnibox popup) for ~2 s
		// of CPU after launch; audited meanwhile, the page's tasks shared the 2 cores with it
		await new Promise((settled) => setTimeout(settled, 3000));
		const result = await lighthouse(url, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility', 'best-practices']
		});
		if (!result) throw new Error('lighthouse returned nothing');
		const { categories, audits } = result.lhr;
		const metric = (id) => audits[id]?.displayValue ?? '–';
		console.log(
			`lighthouse ${url}: FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')}, TBT ${metric('total-blocking-time')}, CLS ${metric('cumulative-layout-shift')}, SI ${metric('speed-index')}`
		);
		if (process.env.BENCH_VERBOSE) {
			// what made up the blocking time: the page's long tasks as Lighthouse saw them
			const long = audits['long-tasks']?.details?.items ?? [];
			for (const t of long)
				console.log(
					`lighthouse long task: ${Math.round(t.startTime)} ms +${Math.round(t.duration)} ms ${t.url}`
				);
			const boot = audits['bootup-time']?.details?.items ?? [];
			for (const b of boot.slice(0, 6))
				console.log(
					`lighthouse script time: ${Math.round(b.scripting)} ms scripting, ${Math.round(b.scriptParseCompile)} ms compile — ${b.url}`
				);
		}
		for (const [id, category] of Object.entries(categories)) {
			const failing = category.auditRefs
				.filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 0.9)
				.map((ref) => ref.id);
			if (failing.length) console.log(`lighthouse ${id}: below 0.9 — ${failing.join(', ')}`);
		}
		return Object.fromEntries(
			Object.entries(categories).map(([id, c]) => [id, Math.round((c.score ?? 0) * 100)])
		);
	} finally {
		chrome.kill();
	}
}
