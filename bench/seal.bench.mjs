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
	// the replicas, filled once (CPU ×1): plain, sealed, and an old plain one sealed afterwards
	const load = machine();
	const fill = await page.evaluate(async (n) => {
		const { ReplicaDb, Keyring, newDataKey, sealEverything } = globalThis.bench;
		const FIRST = ['Nino', 'Giorgi', 'Ana', 'Levan', 'Mariam', 'Davit', 'Tamar', 'Luka'];
		const LAST = ['Beridze', 'Kapanadze', 'Lomidze', 'Gelashvili', 'Maisuradze', 'Tsiklauri'];
		const rows = Array.from({ length: n }, (_, i) => ({
			id: `c-${String(i).padStart(7, '0')}`,
			marketCode: 'GE',
			firstName: FIRST[i % FIRST.length],
			lastName: `${LAST[i % LAST.length]}${i % 97}`,
			phone: `+995 5${String(10_000_000 + ((i * 7919) % 9_000_000)).slice(1)}`,
			dateOfBirth: `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
			registered: true,
			blacklisted: false,
			carePlus: null,
			updatedAt: '2026-11-26T10:00:00.000Z'
		}));
		globalThis.rows = rows;
		const write = async (db) => {
			const t0 = performance.now();
			for (let i = 0; i < n; i += 10_000) {
				const page = rows.slice(i, i + 10_000);
				await db.transaction('rw', db.customers, () => db.customers.bulkPut(page));
			}
			return performance.now() - t0;
		};
		const open = new Keyring();
		open.open(newDataKey());
		globalThis.plainDb = new ReplicaDb('seal-bench-plain', new Keyring('plain'));
		globalThis.sealedDb = new ReplicaDb('seal-bench-sealed', open);
		await globalThis.plainDb.delete();
		await globalThis.sealedDb.delete();
		await globalThis.plainDb.open();
		await globalThis.sealedDb.open();
		const writePlain = await write(globalThis.plainDb);
		const writeSealed = await write(globalThis.sealedDb);
		const late = new Keyring('plain');
		const old = new ReplicaDb('seal-bench-old', late);
		await old.delete();
		await old.open();
		await write(old);
		late.open(newDataKey());
		const t0 = performance.now();
		await sealEverything(old);
		const migrate = performance.now() - t0;
		await old.delete();
		return { writePlain, writeSealed, migrate };
	}, N);
	const size = `${N.toLocaleString('en')} customers`;
	console.log(
		`fill (CPU ×1): write plain ${fill.writePlain.toFixed(0)} ms, sealed ${fill.writeSealed.toFixed(0)} ms (+${(((fill.writeSealed - fill.writePlain) / N) * 1000).toFixed(1)} µs/row); seal an old replica ${fill.migrate.toFixed(0)} ms; ${load}`
	);
	report({
		name: 'first-sync write, plain',
		what: 'bulkPut in pages of 10,000',
		size,
		median: fill.writePlain,
		p95: fill.writePlain,
		unit: 'ms',
		note: load
	});
	report({
		name: 'first-sync write, sealed',
		what: 'same, personal fields AES-GCM + blind index',
		size,
		median: fill.writeSealed,
		p95: fill.writeSealed,
		unit: 'ms',
		note: load
	});
	report({
		name: 'seal an old replica',
		what: 'sealEverything (customers)',
		size,
		median: fill.migrate,
		p95: fill.migrate,
		unit: 'ms',
		note: load
	});

	for (const rate of [1, 4]) {
		await cdp.send('Emulation.setCPUThrottlingRate', { rate });
		const load = machine();
		const r = await page.evaluate(async () => {
			const { Keyring, newDataKey, seal, unseal, customerTerms, findCustomers } = globalThis.bench;
			// CPU alone, no IndexedDB: what the middleware does per customer row
			const keyring = new Keyring();
			const key = newDataKey();
			keyring.open(key);
			const enc = new TextEncoder();
			const dec = new TextDecoder();
			const sample = globalThis.rows.slice(0, 10_000);
			let t0 = performance.now();
			const blobs = sample.map((c) => {
				const aad = enc.encode(`customers\u0000"${c.id}"`);
				const blob = seal(
					key,
					aad,
					enc.encode(
						JSON.stringify({
							firstName: c.firstName,
							lastName: c.lastName,
							phone: c.phone,
							dateOfBirth: c.dateOfBirth
						})
					)
				);
				keyring.seekMany(customerTerms(c));
				return [aad, blob];
			});
			const sealUs = ((performance.now() - t0) / sample.length) * 1000;
			t0 = performance.now();
			for (const [aad, blob] of blobs) JSON.parse(dec.decode(unseal(key, aad, blob)));
			const openUs = ((performance.now() - t0) / sample.length) * 1000;
			const market = { code: 'GE', serialPattern: '^GE' };
			const time = async (db, text) => {
				const t = performance.now();
				const found = await findCustomers(db, market, text);
				if (found.kind !== 'customers' || found.customers.length === 0) throw new Error(text);
				return performance.now() - t;
			};
			const searches = async (db, texts) => {
				const out = [];
				for (const t of texts) out.push(await time(db, t));
				return out;
			};
			const names = [
				'Kapanadze1',
				'Tsiklauri2',
				'Gelashvili3',
				'Maisuradze4',
				'Beridze5',
				'Lomidze6',
				'Kapanadze7'
			];
			const phones = globalThis.rows.slice(100, 107).map((c) => c.phone.slice(-7));
			return {
				sealUs,
				openUs,
				namePlain: await searches(globalThis.plainDb, names),
				nameSealed: await searches(globalThis.sealedDb, names),
				phonePlain: await searches(globalThis.plainDb, phones),
				phoneSealed: await searches(globalThis.sealedDb, phones),
				shortSealed: await searches(globalThis.sealedDb, ['ka', 'ts', 'ge'])
			};
		});
		const cpu = rate > 1 ? ` (CPU ×${rate})` : '';
		const st = Object.fromEntries(
			['namePlain', 'nameSealed', 'phonePlain', 'phoneSealed', 'shortSealed'].map((k) => [
				k,
				summarize(r[k])
			])
		);
		console.log(
			`CPU ×${rate}: per row seal+tokens ${r.sealUs.toFixed(1)} µs, open ${r.openUs.toFixed(1)} µs; find by name median plain ${st.namePlain.median.toFixed(0)} ms, sealed ${st.nameSealed.median.toFixed(0)} ms; by phone plain ${st.phonePlain.median.toFixed(0)} ms, sealed ${st.phoneSealed.median.toFixed(0)} ms; 2 letters sealed ${st.shortSealed.median.toFixed(0)} ms; ${load}`
		);
		report({
			name: `seal one customer${cpu}`,
			what: 'AES-GCM + its blind-index tokens, CPU only',
			size: '10,000 rows',
			median: r.sealUs,
			p95: r.sealUs,
			unit: 'µs',
			note: load
		});
		report({
			name: `open one customer${cpu}`,
			what: 'AES-GCM decrypt + JSON, CPU only',
			size: '10,000 rows',
			median: r.openUs,
			p95: r.openUs,
			unit: 'µs',
			note: load
		});
		for (const [k, what] of [
			['namePlain', 'find by name, plain (scan)'],
			['nameSealed', 'find by name, sealed (blind index)'],
			['phonePlain', 'find by phone, plain (scan)'],
			['phoneSealed', 'find by phone, sealed (blind index)'],
			['shortSealed', 'find by 2 letters, sealed (blind index)']
		])
			report({
				name: `${what}${cpu}`,
				what: 'findCustomers',
				size,
				median: st[k].median,
				p95: st[k].p95,
				unit: 'ms',
				note: load
			});
	}
	await page.evaluate(async () => {
		await globalThis.plainDb.delete();
		await globalThis.sealedDb.delete();
	});
} finally {
	await browser.close();
}
