/**
 * `npm run bench seal`: the cost of encryption at rest (docs/security.md). In headless Chromium,
 * with the app's own replica and sealing middleware (bundled from bench/scale/seal-entry.ts):
 * writing 100,000 customers as the first sync does (pages of 10,000, one transaction each) plain
 * and sealed; the one-time sealing of an old plain replica; and the find screen's search by name
 * (decrypt-and-filter over the market) plain and sealed — at CPU ×1 and ×4. No server needed.
 */
import { build } from 'vite';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { report, summarize } from './stats.mjs';
import { CHROMIUM, CHROMIUM_ARGS, machine, ROOT } from './scale/env.mjs';

const N = Number(process.env.BENCH_SEAL_CUSTOMERS ?? 100_000);
const OUT = resolve(ROOT, 'bench', '.out');
await build({
	configFile: false,
	logLevel: 'error',
	root: ROOT,
	resolve: { alias: { $lib: resolve(ROOT, 'src/lib') } },
	build: {
		outDir: OUT,
		emptyOutDir: false,
		minify: true,
		lib: {
			entry: resolve(ROOT, 'bench/scale/seal-entry.ts'),
			formats: ['es'],
			fileName: () => 'bench-seal.js'
		}
	}
});
const bundle = readFileSync(resolve(OUT, 'bench-seal.js'), 'utf8');

const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
	const page = await browser.newPage();
	// an origin of our own, so the page has IndexedDB
	await page.route('http://seal.bench/**', (route) =>
		route.fulfill(
			route.request().url().endsWith('.js')
				? { body: bundle, contentType: 'text/javascript' }
				: { body: '<script type="module" src="/b.js"></script>', contentType: 'text/html' }
		)
	);
	await page.goto('http://seal.bench/');
	await page.waitForFunction(() => 'bench' in globalThis);
	const cdp = await page.context().newCDPSession(page);
	for (const rate of [1, 4]) {
		await cdp.send('Emulation.setCPUThrottlingRate', { rate });
		const load = machine();
		const r = await page.evaluate(async (n) => {
			const { ReplicaDb, Keyring, newDataKey, sealEverything, findCustomers } = globalThis.bench;
			const FIRST = ['Nino', 'Giorgi', 'Ana', 'Levan', 'Mariam', 'Davit', 'Tamar', 'Luka'];
			const LAST = ['Beridze', 'Kapanadze', 'Lomidze', 'Gelashvili', 'Maisuradze', 'Tsiklauri'];
			const rows = Array.from({ length: n }, (_, i) => ({
				id: `c-${String(i).padStart(7, '0')}`,
				marketCode: 'GE',
				firstName: FIRST[i % FIRST.length],
				lastName: `${LAST[i % LAST.length]}${i % 97}`,
				phone: `+995 5${String(10_000_000 + i).slice(1)}`,
				dateOfBirth: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
				registered: true,
				blacklisted: false,
				carePlus: null,
				updatedAt: '2026-11-26T10:00:00.000Z'
			}));
			const fill = async (db) => {
				const t0 = performance.now();
				for (let i = 0; i < n; i += 10_000) {
					const page = rows.slice(i, i + 10_000);
					await db.transaction('rw', db.customers, () => db.customers.bulkPut(page));
				}
				return performance.now() - t0;
			};
			const searches = async (db) => {
				const times = [];
				for (let i = 0; i < 7; i++) {
					const t0 = performance.now();
					const found = await findCustomers(
						db,
						{ code: 'GE', serialPattern: '^GE' },
						`Lomidze${i}`
					);
					times.push(performance.now() - t0);
					if (found.kind !== 'customers' || found.customers.length === 0) throw new Error('search');
				}
				return times;
			};
			const open = new Keyring();
			open.open(newDataKey());
			const plain = new ReplicaDb(`seal-bench-plain-${Math.random()}`, new Keyring('plain'));
			const sealed = new ReplicaDb(`seal-bench-sealed-${Math.random()}`, open);
			const writePlain = await fill(plain);
			const writeSealed = await fill(sealed);
			const findPlain = await searches(plain);
			const findSealed = await searches(sealed);
			// an old replica sealed at its first sign-in after the upgrade
			const late = new Keyring('plain');
			const old = new ReplicaDb(`seal-bench-old-${Math.random()}`, late);
			await fill(old);
			late.open(newDataKey());
			const t0 = performance.now();
			await sealEverything(old);
			const migrate = performance.now() - t0;
			for (const db of [plain, sealed, old]) await db.delete();
			return { writePlain, writeSealed, findPlain, findSealed, migrate };
		}, N);
		const fp = summarize(r.findPlain);
		const fs = summarize(r.findSealed);
		const cpu = rate > 1 ? ` (CPU ×${rate})` : '';
		const size = `${N.toLocaleString('en')} customers`;
		console.log(
			`CPU ×${rate}: write plain ${r.writePlain.toFixed(0)} ms, sealed ${r.writeSealed.toFixed(0)} ms (+${(((r.writeSealed - r.writePlain) / N) * 1000).toFixed(1)} µs/row); seal an old replica ${r.migrate.toFixed(0)} ms; find by name median plain ${fp.median.toFixed(0)} ms, sealed ${fs.median.toFixed(0)} ms; ${load}`
		);
		report({
			name: `first-sync write, plain${cpu}`,
			what: 'bulkPut in pages of 10,000',
			size,
			median: r.writePlain,
			p95: r.writePlain,
			unit: 'ms',
			note: load
		});
		report({
			name: `first-sync write, sealed${cpu}`,
			what: 'same, personal fields AES-GCM',
			size,
			median: r.writeSealed,
			p95: r.writeSealed,
			unit: 'ms',
			note: load
		});
		report({
			name: `seal an old replica${cpu}`,
			what: 'sealEverything (customers)',
			size,
			median: r.migrate,
			p95: r.migrate,
			unit: 'ms',
			note: load
		});
		report({
			name: `find by name, plain${cpu}`,
			what: 'findCustomers, 7 searches',
			size,
			median: fp.median,
			p95: fp.p95,
			unit: 'ms',
			note: load
		});
		report({
			name: `find by name, sealed${cpu}`,
			what: 'same, decrypt-and-filter',
			size,
			median: fs.median,
			p95: fs.p95,
			unit: 'ms',
			note: load
		});
	}
} finally {
	await browser.close();
}
