import { expect, test, type APIRequestContext } from '@playwright/test';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DevicePage, ScanPage } from './pages/device';
import { LoginPage } from './pages/login';
import { Pwa } from './pages/pwa';
import { Deployment } from './pages/pwa-deploy';
import { Shell } from './pages/shell';

/**
 * Issue 7: carepoint as an installed app. Chromium's installability check passes, the first
 * visit precaches everything, the app then starts and works with no network, and a new version
 * waits for staff to reload — without losing the change waiting in the outbox.
 */

const CLIENT_BUILD = 'build/client';

function builtFiles(dir = CLIENT_BUILD): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return builtFiles(path);
		if (/\.(gz|br)$/.test(name) || name === 'service-worker.js') return [];
		return ['/' + relative(CLIENT_BUILD, path)];
	});
}

async function serverServiceIds(request: APIRequestContext): Promise<string[]> {
	const response = await request.get(
		`/api/sync/pull?clientGroupId=${crypto.randomUUID()}&cookie=0`
	);
	expect(response.status()).toBe(200);
	const body = (await response.json()) as {
		patch: { op: string; table: string; value: { id: string } }[];
	};
	return body.patch
		.filter((op) => op.op === 'put' && op.table === 'services')
		.map((op) => op.value.id);
}

/** Ids of this tablet's services still waiting in the outbox, read from IndexedDB. */
async function waitingServiceIds(page: import('@playwright/test').Page): Promise<string[]> {
	return page.evaluate(async () => {
		const open = indexedDB.open('carepoint');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const entries = await new Promise<{ status: string; subjectId: string }[]>((resolve) => {
			const r = db.transaction('outbox', 'readonly').objectStore('outbox').getAll();
			r.onsuccess = () => resolve(r.result as { status: string; subjectId: string }[]);
		});
		db.close();
		return entries.filter((e) => e.status === 'pending').map((e) => e.subjectId);
	});
}

test('installable: manifest, icons and an active service worker; Chromium reports no installability errors', async ({
	browser,
	baseURL
}) => {
	// Chromium never offers to install from an incognito profile, which is what a Playwright
	// context is; a persistent profile is what a tablet has
	const profile = mkdtempSync(join(tmpdir(), 'carepoint-pwa-'));
	const context = await browser.browserType().launchPersistentContext(profile, {
		...test.info().project.use.launchOptions,
		baseURL
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		const pwa = new Pwa(page, context);
		await new LoginPage(page).signIn('ge.staff');
		await new Shell(page).waitForServiceWorker();

		const manifest = await pwa.appManifest();
		expect(manifest.errors).toEqual([]);
		const data = JSON.parse(manifest.data ?? '{}') as {
			display: string;
			start_url: string;
			icons: { sizes: string; purpose?: string }[];
		};
		expect(data.display).toBe('standalone');
		expect(data.start_url).toBe('/scan');
		expect(data.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
		expect(data.icons.some((i) => i.purpose === 'maskable')).toBe(true);
		for (const icon of [
			'/pwa-192x192.png',
			'/maskable-icon-512x512.png',
			'/apple-touch-icon-180x180.png'
		]) {
			const response = await page.request.get(icon);
			expect(response.status(), icon).toBe(200);
			expect(response.headers()['content-type']).toBe('image/png');
		}
		await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveCount(1);
		await expect(page.locator('meta[name="apple-mobile-web-app-capable"]')).toHaveAttribute(
			'content',
			'yes'
		);

		expect(await pwa.activeWorker()).toEqual({
			scope: '/',
			state: 'activated',
			controlled: true
		});
		await expect.poll(() => pwa.installabilityErrors()).toEqual([]);

		// every file of the build (JS, CSS, icons, any worker bundle and .wasm) is precached
		const precached = new Set(await pwa.precachedPaths());
		const missing = builtFiles().filter(
			(f) => !precached.has(f) && f !== '/_app/version.json' && !f.startsWith('/.vite/')
		);
		expect(missing).toEqual([]);
		expect(precached.has('/')).toBe(true);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

test('offline: reload still signed in, record a cleaning, back online it reaches the server', async ({
	page,
	context
}) => {
	const shell = new Shell(page);
	const pwa = new Pwa(page, context);
	// its own market and customer: the cleaning spec uses up GEH0000001's monthly cleanings
	await new LoginPage(page).signIn('lv.staff');
	await shell.waitForFirstSync();
	await shell.waitForServiceWorker();

	await context.setOffline(true);
	await page.reload();
	await expect(pwa.offlineBanner).toBeVisible();
	await expect(pwa.offlineBanner).toContainText('Offline');
	await expect(pwa.offlineBanner).toContainText(/Last sync: \d/);
	// still signed in: the staff member's name from IndexedDB, no sign-in screen
	await expect(page.getByTestId('who')).toHaveText(/\S+ · \S+/);
	await expect(page).toHaveURL(/\/scan$/);

	await new ScanPage(page).lookUp('LVH0000001');
	await expect(page.getByTestId('owner-name')).toHaveText('Laura Kalniņa');
	await new DevicePage(page).recordCleaning();
	await expect(shell.pending).toContainText('1 change waiting');
	const [serviceId] = await waitingServiceIds(page);
	expect(serviceId).toBeDefined();

	await context.setOffline(false);
	await expect(pwa.offlineBanner).toBeHidden();
	await expect(shell.pending).toContainText('0 changes waiting', { timeout: 30_000 });
	expect(await serverServiceIds(page.request)).toContain(serviceId);
});

test.describe('behind a server that gets a new build', () => {
	// in front of the test server of playwright.config.ts
	const port = Number(process.env.E2E_PORT ?? 4173);
	const deployment = new Deployment(new URL(`http://127.0.0.1:${port}`));
	test.beforeAll(() => deployment.start());
	// Playwright reads a fixture's dependencies from its destructuring pattern: none here
	// eslint-disable-next-line no-empty-pattern
	test.use({ baseURL: async ({}, use) => use(deployment.url) });
	test.afterAll(() => deployment.stop());

	test('update: a new version waits for staff, reloads on their word, and the waiting change survives and syncs', async ({
		page,
		context
	}) => {
		const shell = new Shell(page);
		const pwa = new Pwa(page, context);
		await new LoginPage(page).signIn('hu.staff');
		await shell.waitForFirstSync();
		await shell.waitForServiceWorker();

		// a change that cannot sync yet: the server does not take pushes for now
		await context.route('**/api/sync/push', (route) => route.abort('connectionrefused'));
		await new ScanPage(page).lookUp('HUH0000001');
		await new DevicePage(page).recordCleaning();
		await expect(shell.pending).toContainText('1 change waiting');
		const [serviceId] = await waitingServiceIds(page);
		expect(serviceId).toBeDefined();

		// the second build goes out while the tab is open; the periodic check finds it
		deployment.deployNextVersion();
		await pwa.checkForUpdate();
		await expect(pwa.updatePrompt).toContainText('New version ready', { timeout: 30_000 });
		// nothing reloads by itself: staff choose
		await expect(shell.pending).toContainText('1 change waiting');

		await pwa.reloadIntoNewVersion();
		await expect(pwa.updatePrompt).toBeHidden();
		expect(
			await page.evaluate(async () => {
				const registration = await navigator.serviceWorker.getRegistration();
				return registration?.waiting === null && navigator.serviceWorker.controller !== null;
			})
		).toBe(true);
		expect(await waitingServiceIds(page)).toEqual([serviceId]);
		await expect(shell.pending).toContainText('1 change waiting');

		// pushes go through again: the change made before the update syncs
		await context.unroute('**/api/sync/push');
		await page.getByRole('button', { name: 'Sync now' }).click();
		await expect(shell.pending).toContainText('0 changes waiting', { timeout: 30_000 });
		expect(await serverServiceIds(page.request)).toContain(serviceId);
	});

	test('update: the tab of the very first visit, never reloaded, also gets the prompt and reloads', async ({
		page,
		context
	}) => {
		const pwa = new Pwa(page, context);
		await new LoginPage(page).signIn('bg.staff');
		await new Shell(page).waitForServiceWorker();

		deployment.deployNextVersion();
		await pwa.checkForUpdate();
		await pwa.reloadIntoNewVersion();
		await expect(pwa.updatePrompt).toBeHidden();
		await expect(page).toHaveURL(/\/scan$/);
		expect(
			await page.evaluate(async () => {
				const registration = await navigator.serviceWorker.getRegistration();
				return registration?.waiting === null && navigator.serviceWorker.controller !== null;
			})
		).toBe(true);
	});
});
