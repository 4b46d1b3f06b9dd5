import { expect, test, type APIRequestContext } from '@playwright/test';
import { LoginPage } from './pages/login';
import { DevicePage, ScanPage } from './pages/device';
import { Shell } from './pages/shell';

/**
 * The walking skeleton's path (issue 2): sign in, look up a serial, see the owner, AGE-1 and
 * the CLN verdict with rule IDs, record a cleaning — online, then offline through a reload —
 * and check on the server that each cleaning is held exactly once.
 */

interface PulledService {
	id: string;
	customerId: string;
	type: string;
	status: string;
	flaggedRules: string[];
}

async function serverServices(request: APIRequestContext, customerId: string) {
	const response = await request.get(
		`/api/sync/pull?clientGroupId=${crypto.randomUUID()}&cookie=0`
	);
	expect(response.status()).toBe(200);
	const body = (await response.json()) as {
		patch: { op: string; table: string; value: PulledService }[];
	};
	return body.patch
		.filter((op) => op.op === 'put' && op.table === 'services')
		.map((op) => op.value)
		.filter((s) => s.customerId === customerId);
}

test('cleaning: verdict, record online, record offline, reload offline, sync exactly once', async ({
	page,
	context
}) => {
	const shell = new Shell(page);
	const scan = new ScanPage(page);
	const device = new DevicePage(page);

	await new LoginPage(page).signIn('ge.staff');
	await shell.waitForFirstSync();
	await shell.waitForServiceWorker();

	await scan.lookUp('geh-000 0001');
	await expect(page).toHaveURL(/\/device\/GEH0000001$/);
	await expect(page.getByTestId('owner-name')).toHaveText('Nino Beridze');
	await expect(device.ageVerdict).toHaveAttribute('data-severity', 'ok');
	await expect(device.ageVerdict).toContainText('AGE-1');
	await expect(device.ageVerdict).toContainText('Adult');
	await expect(device.reason('CLN-1').first()).toHaveAttribute('data-severity', 'ok');
	await expect(device.reason('CLN-2')).toContainText('0 of 2 cleanings used this month');
	await expect(device.cleaningSummary).toHaveText('✓ Cleaning allowed');

	// online: recorded, shown at once, synced by itself
	await device.recordCleaning();
	await expect(device.historyItems).toHaveCount(1);
	await expect(device.historyItems.first()).toHaveAttribute('data-sync', 'synced');
	await expect(device.reason('CLN-2')).toContainText('1 of 2 cleanings used this month');

	// offline: recorded locally, waiting, survives a reload
	await context.setOffline(true);
	await expect(shell.state).toHaveText('Offline');
	await device.recordCleaning();
	await expect(device.historyItems).toHaveCount(2);
	await expect(page.locator('[data-testid="history-item"][data-sync="waiting"]')).toHaveCount(1);
	await expect(shell.pending).toContainText('1 change waiting');

	await page.reload();
	await expect(page.getByTestId('owner-name')).toHaveText('Nino Beridze');
	await expect(page.locator('[data-testid="history-item"][data-sync="waiting"]')).toHaveCount(1);
	await expect(shell.pending).toContainText('1 change waiting');
	await expect(device.reason('CLN-2')).toContainText('2 of 2 cleanings used this month');
	await expect(device.cleaningSummary).toHaveText('✕ Cleaning not allowed');

	// back online: syncs by itself, the server holds each cleaning once
	await context.setOffline(false);
	await expect(page.locator('[data-testid="history-item"][data-sync="synced"]')).toHaveCount(2, {
		timeout: 30_000
	});
	await expect(shell.pending).toContainText('0 changes waiting');

	const local = await page.evaluate(async (serial) => {
		const open = indexedDB.open('carepoint');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const read = <T>(store: string, query: IDBValidKey | null = null) =>
			new Promise<T>((resolve) => {
				const req = db.transaction(store, 'readonly').objectStore(store);
				const r = query === null ? req.getAll() : req.get(query);
				r.onsuccess = () => resolve(r.result as T);
			});
		const component = await read<{ customerId: string }>('components', serial);
		const services = await read<{ id: string; customerId: string }[]>('services');
		db.close();
		return services.filter((s) => s.customerId === component.customerId);
	}, 'GEH0000001');
	expect(local).toHaveLength(2);
	const server = await serverServices(page.request, local[0]!.customerId);
	expect(server.map((s) => s.id).sort()).toEqual(local.map((s) => s.id).sort());
	expect(server).toHaveLength(2);
	expect(server.every((s) => s.type === 'cleaning' && s.status === 'recorded')).toBe(true);
});

test('AGE-1 and CLN-2 refusals are shown with rule IDs and plain words', async ({ page }) => {
	const shell = new Shell(page);
	const scan = new ScanPage(page);
	const device = new DevicePage(page);
	await new LoginPage(page).signIn('ge.staff');
	await shell.waitForFirstSync();

	await scan.lookUp('GEH0000002');
	await expect(device.ageVerdict).toHaveAttribute('data-severity', 'block');
	await expect(device.ageVerdict).toContainText('Under 18');
	await expect(device.cleaningSummary).toHaveText('✕ Cleaning not allowed');
	await expect(page.getByRole('button', { name: 'Record cleaning' })).toHaveCount(0);

	await scan.lookUp('GEH0000004');
	await expect(device.reason('CLN-2')).toHaveAttribute('data-severity', 'block');
	await expect(device.reason('CLN-2')).toContainText(
		/2 of 2 cleanings used this month; next from \d{4}-\d{2}-01/
	);

	await scan.lookUp('4006381333931');
	await expect(page.getByRole('alert')).toContainText('product barcode');
});
