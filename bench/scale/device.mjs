/**
 * A tablet in headless Chromium against the production server on the large market: signs in as
 * `ge.staff` (IQOS store Tbilisi) through the real login page, and the app's own sync engine
 * makes the first sync (paged pull) into an empty browser. Then, on the app's origin, the
 * benchmark bundle (bench/scale/browser-entry.ts: the app's replica, queries, mutators, engine)
 * runs the counter's operations against the filled IndexedDB.
 */
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { buildBrowserBundle } from './build.mjs';
import { CHROMIUM, CHROMIUM_ARGS, largeDatabase, machine, startServer } from './env.mjs';

export const STAFF = { username: 'ge.staff', posId: 'ge-tbilisi-store' };
const PIN = '482917';

export async function deviceSession({ cpuThrottle = 1 } = {}) {
	const databaseUrl = await largeDatabase();
	const bundle = readFileSync(await buildBrowserBundle(), 'utf8');
	const server = await startServer(databaseUrl);
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	await context.route('**/__bench/bench.js', (route) =>
		route.fulfill({ body: bundle, contentType: 'text/javascript' })
	);
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	if (cpuThrottle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });

	const session = {
		server,
		browser,
		context,
		page,
		cdp,
		async close() {
			await browser.close();
			await server.stop();
		},

		/**
		 * Signs in and waits for the first sync to finish. Returns the pull's wall time (first pull
		 * request sent → the cookie stored in IndexedDB), bytes on the wire (compressed) and
		 * decoded, pages, and the progress values the SyncBar showed.
		 */
		async firstSync() {
			await cdp.send('Network.enable');
			const pulls = new Map();
			cdp.on('Network.requestWillBeSent', (e) => {
				if (e.request.url.includes('/api/sync/pull'))
					pulls.set(e.requestId, { sent: e.timestamp, encoded: 0, decoded: 0 });
			});
			cdp.on('Network.dataReceived', (e) => {
				const p = pulls.get(e.requestId);
				if (p) p.decoded += e.dataLength;
			});
			cdp.on('Network.loadingFinished', (e) => {
				const p = pulls.get(e.requestId);
				if (p) {
					p.encoded = e.encodedDataLength;
					p.done = e.timestamp;
				}
			});
			await page.addInitScript(() => {
				// the counter speaks the market's language; the benchmark reads English labels
				localStorage.setItem('carepoint:lang', 'en');
				// what the SyncBar's progress element showed, sampled every frame
				const seen = [];
				window.__progress = seen;
				const sample = () => {
					const el = document.querySelector('[data-testid="sync-progress"]');
					if (el && seen.at(-1) !== el.value) seen.push(el.value);
					requestAnimationFrame(sample);
				};
				requestAnimationFrame(sample);
			});
			await page.goto(`${server.url}/login`);
			await page.getByLabel('Username').fill(STAFF.username);
			await page.getByLabel('Password').fill('demo1234');
			const clickedAt = Date.now();
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.waitForURL(/\/scan$/);
			const setup = page.getByTestId('pin-setup');
			await setup
				.or(page.getByLabel(/Serial number/))
				.first()
				.waitFor();
			if (await setup.isVisible()) {
				await page.getByLabel('New PIN (4–8 digits)').fill(PIN);
				await page.getByLabel('The same PIN again').fill(PIN);
				await page.getByRole('button', { name: 'Save PIN' }).click();
			}
			await page.getByTestId('last-sync').filter({ hasNotText: 'never' }).waitFor({
				timeout: 300_000
			});
			const doneAt = Date.now();
			const list = [...pulls.values()];
			const first = Math.min(...list.map((p) => p.sent));
			const last = Math.max(...list.map((p) => p.done ?? 0));
			return {
				signInToSyncedMs: doneAt - clickedAt,
				pages: list.length,
				// CDP timestamps are seconds (monotonic); the page's state change is in wall time
				networkMs: (last - first) * 1000,
				encodedBytes: list.reduce((n, p) => n + p.encoded, 0),
				decodedBytes: list.reduce((n, p) => n + p.decoded, 0),
				progress: await page.evaluate(() => window.__progress)
			};
		},

		/** The tab's JS heap after a full garbage collection (CDP), in MB. */
		async heapMb() {
			await cdp.send('HeapProfiler.collectGarbage');
			const { usedSize } = await cdp.send('Runtime.getHeapUsage');
			return usedSize / 2 ** 20;
		},

		/**
		 * Leaves the app for a same-origin page where no app code runs (its sync engine must not
		 * race the benchmark) and loads the benchmark bundle there.
		 */
		async benchPage() {
			await page.goto(`${server.url}/api/health`);
			await page.addScriptTag({ url: `${server.url}/__bench/bench.js`, type: 'module' });
			await page.waitForFunction(() => globalThis.bench !== undefined);
		},
		machine
	};
	return session;
}
