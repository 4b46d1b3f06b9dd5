import AxeBuilder from '@axe-core/playwright';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { LoginPage } from './pages/login';
import { Shell } from './pages/shell';
import { screen, VIEWPORTS } from './support/viewports';

/**
 * The day summary (issue 10, "at a glance"): figures that agree with the stock and rentals
 * screens, the day's services by type and hour, the CSV export, and print on A4 and 80 mm.
 *
 * The day's services are put into this browser's replica directly (never into the outbox), so
 * nothing reaches the server and the other specs' data is untouched.
 */

interface LocalService {
	id: string;
	type: string;
	flaggedRules: string[];
	status: 'recorded' | 'flagged';
	minutesAgo: number;
}

async function putLocalServices(page: Page, rows: LocalService[]): Promise<void> {
	await page.evaluate(async (rows) => {
		const open = indexedDB.open('carepoint');
		const db = await new Promise<IDBDatabase>((ok, ko) => {
			open.onsuccess = () => ok(open.result);
			open.onerror = () => ko(open.error);
		});
		const get = <T>(store: string, key: string) =>
			new Promise<T>((ok, ko) => {
				const r = db.transaction(store).objectStore(store).get(key);
				r.onsuccess = () => ok(r.result as T);
				r.onerror = () => ko(r.error);
			});
		const posId = (await get<{ value: string }>('meta', 'posId')).value;
		const tx = db.transaction('services', 'readwrite');
		for (const r of rows)
			tx.objectStore('services').put({
				id: r.id,
				type: r.type,
				marketCode: 'GE',
				customerId: 'ge-c-001',
				serial: 'GEH0000001',
				posId,
				staffId: 'local-fixture',
				performedAt: new Date(Date.now() - r.minutesAgo * 60_000).toISOString(),
				recordedAt: new Date().toISOString(),
				status: r.status,
				flaggedRules: r.flaggedRules,
				details: {}
			});
		await new Promise<void>((ok, ko) => {
			tx.oncomplete = () => ok();
			tx.onerror = () => ko(tx.error);
		});
		db.close();
	}, rows);
}

/** A figure of the summary (0 when the row is not there). */
async function figure(page: Page, selector: string): Promise<number> {
	const cell = page.locator(selector);
	if ((await cell.count()) === 0) return 0;
	return Number((await cell.first().textContent())?.trim());
}

function pdfPages(pdf: Buffer): number {
	return pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
}

test('day summary: figures, services by type and hour, CSV export, print A4 and 80 mm', async ({
	page
}) => {
	await page.setViewportSize(VIEWPORTS.tablet);
	await new LoginPage(page).signIn('ge.staff');
	await new Shell(page).waitForFirstSync();

	// the same figures as the stock and rentals screens
	await page.goto('/stock');
	const sticks = (await page.getByTestId('sticks-level').textContent())?.trim();
	const units = await page.getByTestId('stock-unit').count();
	await page.goto('/rentals');
	await expect(page.locator('main h2').first()).toBeVisible();
	const overdue = await page.getByTestId('overdue-row').count();
	// other specs may have recorded services here today: the summary adds ours to theirs
	await page.goto('/summary');
	await expect(page.getByTestId('total-services')).toBeVisible();
	const before = {
		total: await figure(page, '[data-testid="total-services"] strong'),
		cleaning: await figure(page, '[data-testid="by-type"] tr[data-type="cleaning"] td'),
		swap: await figure(page, '[data-testid="by-type"] tr[data-type="warranty_swap"] td')
	};

	await putLocalServices(page, [
		{
			id: crypto.randomUUID(),
			type: 'cleaning',
			status: 'recorded',
			flaggedRules: [],
			minutesAgo: 1
		},
		{
			id: crypto.randomUUID(),
			type: 'cleaning',
			status: 'recorded',
			flaggedRules: [],
			minutesAgo: 2
		},
		{
			id: crypto.randomUUID(),
			type: 'warranty_swap',
			status: 'flagged',
			flaggedRules: ['WAR-2'],
			minutesAgo: 3
		}
	]);
	await page.goto('/summary');
	const total = before.total + 3;
	await expect(page.getByTestId('total-services').locator('strong')).toHaveText(String(total));
	await expect(page.getByTestId('summary-sticks')).toHaveText(sticks ?? '');
	await expect(page.getByTestId('total-overdue')).toContainText(String(overdue));
	await expect(page.getByTestId('summary-stock')).toContainText(
		new RegExp(`Replacement units, all models\\s*${units}`)
	);
	const byType = page.getByTestId('by-type');
	await expect(byType.getByRole('row', { name: /Professional cleaning/ })).toContainText(
		String(before.cleaning + 2)
	);
	await expect(byType.getByRole('row', { name: /Warranty swap/ })).toContainText(
		String(before.swap + 1)
	);
	// the chart is an image with its figures in words, and a table beside it
	await expect(page.getByRole('img', { name: /Services by hour/ })).toBeVisible();
	await expect(page.getByTestId('by-hour-table').locator('tbody tr')).not.toHaveCount(0);
	await expect(page.getByTestId('flagged-list')).toContainText('⚑');
	await expect(page.getByTestId('flagged-list')).toContainText('WAR-2');
	await expect(page.getByTestId('summary-services').locator('tbody tr')).toHaveCount(total);
	await screen(page, 'summary-tablet-with-services');

	// axe on the summary with figures in it
	const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual(
		[]
	);

	// CSV: a download built on the tablet, quoted, without phone or birth date
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('summary-csv').click()
	]);
	expect(download.suggestedFilename()).toMatch(/^carepoint-.+-\d{4}-\d{2}-\d{2}\.csv$/);
	const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
	const lines = csv.trimEnd().split('\r\n');
	expect(lines[0]).toBe('date,time,service,serial,customer,staff,status,flagged_rules,sync');
	expect(lines).toHaveLength(total + 1);
	expect(csv).toContain('Nino Beridze');
	expect(csv).toContain('WAR-2');
	expect(csv).not.toMatch(/\+995|1990-05-14/);

	// print: the app's header and sync bar are not printed; A4 and an 80 mm roll
	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header').first()).toBeHidden();
	await expect(page.locator('.syncbar')).toBeHidden();
	await expect(page.getByTestId('summary-csv')).toBeHidden();
	// back to no emulation: an emulated 'screen' would also apply to page.pdf()
	await page.emulateMedia({ media: null });
	const a4 = await page.pdf({ format: 'A4', printBackground: true });
	// a receipt roll is continuous: one long page must hold the whole summary
	const roll = await page.pdf({ width: '80mm', height: '1000mm', printBackground: true });
	const pages = { a4: pdfPages(a4), roll: pdfPages(roll) };
	console.log(`summary PDF pages: A4 ${pages.a4}, 80 mm ${pages.roll}`);
	// a quiet day fits one A4 page; the service rows then flow on (about 30 a page)
	// the first page also holds the totals, chart and stock: count it apart from the rows
	expect(pages.a4).toBeLessThanOrEqual(2 + Math.ceil(total / 30));
	expect(pages.roll).toBeLessThanOrEqual(2 + Math.ceil(total / 40));
});

test('day summary on a phone: nothing scrolls sideways', async ({ page }) => {
	await page.setViewportSize(VIEWPORTS.phone);
	await new LoginPage(page).signIn('ge.staff');
	await new Shell(page).waitForFirstSync();
	await putLocalServices(page, [
		{
			id: crypto.randomUUID(),
			type: 'careplus_swap',
			status: 'flagged',
			flaggedRules: ['CP-3', 'CP-4', 'WAR-2'],
			minutesAgo: 1
		}
	]);
	await page.goto('/summary');
	await expect(page.getByTestId('flagged-list')).toContainText('CP-3, CP-4, WAR-2');
	const { scrollWidth, clientWidth } = await page.evaluate(() => {
		const el = document.scrollingElement ?? document.documentElement;
		return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth };
	});
	expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
	await screen(page, 'summary-phone-with-services');
});
