import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DevicePage } from './pages/device';
import { LoginPage } from './pages/login';
import {
	ReviewDetailPage,
	ReviewQueuePage,
	openReviews,
	serverServicesOf,
	signedInApi,
	untouchedAdult
} from './pages/review';
import { Shell } from './pages/shell';

/**
 * Issue 4, "facts are never lost" (BRIEF decision 3): two tablets of one store, both offline,
 * each record the customer's last cleaning of the month. Back online, the server keeps both
 * facts, flags the one that came second with CLN-2 and opens exactly one review item, both
 * tablets show it as flagged, and a supervisor sees both sides and resolves it.
 */

interface Tablet {
	context: BrowserContext;
	page: Page;
	shell: Shell;
	device: DevicePage;
}

async function tablet(browser: Browser, baseURL: string, username: string): Promise<Tablet> {
	const context = await browser.newContext({ baseURL });
	const page = await context.newPage();
	await new LoginPage(page).signIn(username);
	const shell = new Shell(page);
	await shell.waitForFirstSync();
	return { context, page, shell, device: new DevicePage(page) };
}

/** The service ids this tablet holds for the customer, read straight from IndexedDB. */
async function localServiceIds(page: Page, customerId: string): Promise<string[]> {
	return page.evaluate(async (id) => {
		const open = indexedDB.open('carepoint');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const all = await new Promise<{ id: string; customerId: string }[]>((resolve) => {
			const r = db.transaction('services', 'readonly').objectStore('services').getAll();
			r.onsuccess = () => resolve(r.result as { id: string; customerId: string }[]);
		});
		db.close();
		return all.filter((s) => s.customerId === id).map((s) => s.id);
	}, customerId);
}

const waiting = (p: Page) => p.locator('[data-testid="history-item"][data-sync="waiting"]');
const flagged = (p: Page) => p.locator('[data-testid="history-item"][data-sync="flagged"]');

test('two tablets offline use the last cleaning of the month: both kept, one flagged, one review item', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(240_000);
	const staffApi = await signedInApi(baseURL!, 'ge.staff');
	const supervisorApi = await signedInApi(baseURL!, 'ge.supervisor');
	const { customer, serial } = await untouchedAdult(staffApi);
	const name = `${customer.firstName} ${customer.lastName}`;

	// tablet A records the month's first cleaning online: one is left
	const a = await tablet(browser, baseURL!, 'ge.staff');
	await a.page.goto(`/device/${serial}`);
	await expect(a.page.getByTestId('owner-name')).toHaveText(name);
	await expect(a.device.reason('CLN-2')).toContainText('0 of 2 cleanings used this month');
	await a.device.recordCleaning();
	await expect(a.device.historyItems).toHaveCount(1);
	await expect(a.device.historyItems.first()).toHaveAttribute('data-sync', 'synced', {
		timeout: 30_000
	});

	// tablet B signs in afterwards and sees it: both are fully synced
	const b = await tablet(browser, baseURL!, 'ge.staff');
	await b.page.goto(`/device/${serial}`);
	await expect(b.page.getByTestId('owner-name')).toHaveText(name);
	for (const t of [a, b]) {
		await expect(t.device.reason('CLN-2')).toContainText('1 of 2 cleanings used this month');
		await expect(t.device.cleaningSummary).toHaveText('✓ Cleaning allowed');
		await expect(t.shell.pending).toContainText('0 changes waiting');
	}

	// both go offline, and each uses what it believes is the last cleaning
	for (const t of [a, b]) {
		await t.context.setOffline(true);
		await expect(t.shell.state).toHaveText('Offline');
	}
	for (const t of [a, b]) {
		await t.device.recordCleaning();
		await expect(t.device.historyItems).toHaveCount(2);
		await expect(waiting(t.page)).toHaveCount(1);
		await expect(t.device.reason('CLN-2')).toContainText('2 of 2 cleanings used this month');
	}
	const offlineIds = [
		...(await localServiceIds(a.page, customer.id)),
		...(await localServiceIds(b.page, customer.id))
	];

	// both come back at once; the online event starts each tablet's sync
	await Promise.all([a.context.setOffline(false), b.context.setOffline(false)]);
	for (const t of [a, b])
		await expect(t.shell.pending).toContainText('0 changes waiting', { timeout: 60_000 });
	// whichever pushed first may have pulled before the other pushed: ask once more rather than
	// wait for the 30-second timer
	for (const t of [a, b]) await t.page.getByRole('button', { name: 'Sync now' }).click();

	// the server holds all three cleanings, the second of the offline two flagged CLN-2
	const onServer = await serverServicesOf(staffApi, customer.id);
	expect(onServer).toHaveLength(3);
	expect(onServer.map((s) => s.id).sort()).toEqual([...new Set(offlineIds)].sort());
	const flaggedOnServer = onServer.filter((s) => s.status === 'flagged');
	expect(flaggedOnServer).toHaveLength(1);
	expect(flaggedOnServer[0]!.flaggedRules).toEqual(['CLN-2']);

	// exactly one review item for that customer
	const items = (await openReviews(supervisorApi)).filter((i) => i.customer?.id === customer.id);
	expect(items).toHaveLength(1);
	expect(items[0]).toMatchObject({ ruleId: 'CLN-2', status: 'open', factCount: 1 });

	// both tablets show the three cleanings, the same one flagged
	for (const t of [a, b]) {
		await expect(t.device.historyItems).toHaveCount(3, { timeout: 60_000 });
		await expect(flagged(t.page)).toHaveCount(1, { timeout: 60_000 });
		await expect(flagged(t.page)).toContainText('CLN-2');
		await expect(waiting(t.page)).toHaveCount(0);
	}

	// a supervisor sees both sides in the back office and resolves it with a note
	const office = await tablet(browser, baseURL!, 'ge.supervisor');
	const queue = new ReviewQueuePage(office.page);
	await queue.open();
	await expect(queue.rowOf(name)).toHaveCount(1);
	await expect(queue.rowOf(name).getByTestId('review-facts')).toHaveText('1');
	await queue.rowOf(name).getByRole('link', { name: 'CLN-2' }).click();
	const detail = new ReviewDetailPage(office.page);
	await expect(detail.detail).toHaveAttribute('data-status', 'open');
	await expect(office.page.getByTestId('review-reason')).toContainText(
		'2 of 2 cleanings used this month'
	);
	await expect(detail.flagged).toHaveCount(1);
	await expect(detail.counted).toHaveCount(2);
	await expect(detail.flagged.getByTestId('service-pos')).toHaveText(/\S/);
	await expect(detail.flagged).toHaveAttribute('data-id', flaggedOnServer[0]!.id);

	await detail.resolve('ok');
	await expect(office.page.getByRole('alert')).toContainText('at least 3 characters');
	await expect(detail.detail).toHaveAttribute('data-status', 'open');
	await detail.resolve('Both tablets were offline; customer informed of the monthly limit.');
	await expect(detail.detail).toHaveAttribute('data-status', 'resolved');
	await expect(office.page.getByTestId('review-note')).toHaveText(
		'Both tablets were offline; customer informed of the monthly limit.'
	);
	expect((await openReviews(supervisorApi)).map((i) => i.id)).not.toContain(items[0]!.id);
	expect((await openReviews(supervisorApi, 'resolved')).map((i) => i.id)).toContain(items[0]!.id);
	const again = await supervisorApi.post(`/api/reviews/${items[0]!.id}/resolve`, {
		data: { note: 'second time' }
	});
	expect(again.status()).toBe(409);

	for (const t of [a, b, office]) await t.context.close();
	await staffApi.dispose();
	await supervisorApi.dispose();
});

test('review queue: staff are refused (403), and offline the page says it needs the network', async ({
	browser,
	baseURL
}) => {
	const staffApi = await signedInApi(baseURL!, 'ge.staff');
	expect((await staffApi.get('/api/reviews?status=open')).status()).toBe(403);
	const anonymous = await browser.newContext({ baseURL });
	expect((await anonymous.request.get('/api/reviews')).status()).toBe(401);
	await anonymous.close();
	const supervisorApi = await signedInApi(baseURL!, 'ge.supervisor');
	expect((await supervisorApi.get('/api/reviews?status=maybe')).status()).toBe(400);
	const open = await openReviews(supervisorApi);
	if (open[0]) {
		const short = await supervisorApi.post(`/api/reviews/${open[0].id}/resolve`, {
			data: { note: 'x' }
		});
		expect(short.status()).toBe(400);
	}
	expect((await supervisorApi.get(`/api/reviews/${crypto.randomUUID()}`)).status()).toBe(404);

	const staff = await tablet(browser, baseURL!, 'ge.staff');
	const staffQueue = new ReviewQueuePage(staff.page);
	await staffQueue.open();
	await expect(staffQueue.problem).toContainText('Only supervisors and admins');
	await expect(staff.page.getByTestId('review-link')).toHaveCount(0);

	const office = await tablet(browser, baseURL!, 'ge.supervisor');
	const queue = new ReviewQueuePage(office.page);
	await queue.open();
	await expect(office.page.getByRole('heading', { name: 'Review queue' })).toBeVisible();
	await office.context.setOffline(true);
	await queue.show('resolved');
	await expect(queue.problem).toContainText('The review queue needs the network');
	await office.context.setOffline(false);
	await expect(queue.problem).toHaveCount(0, { timeout: 15_000 });

	await staff.context.close();
	await office.context.close();
	await staffApi.dispose();
	await supervisorApi.dispose();
});
