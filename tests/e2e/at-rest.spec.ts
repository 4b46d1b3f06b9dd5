import { expect, test } from '@playwright/test';
import { storedRows, strings } from './pages/at-rest';
import { FindPage, NewCustomerPage } from './pages/customers';
import { LockScreen, LoginPage, TEST_PIN } from './pages/login';
import { pullEverything, signedInApi } from './pages/review';
import { Shell } from './pages/shell';

/**
 * Encryption at rest (issue 9, docs/security.md): once the tablet is locked, its IndexedDB holds
 * no customer's name, phone number or date of birth — neither in the replica nor in the outbox —
 * and only the PIN opens them again.
 */

test("the replica's personal fields unreadable in IndexedDB while locked", async ({
	page,
	context,
	baseURL
}) => {
	await new LoginPage(page).signIn('ge.staff');
	await new Shell(page).waitForFirstSync();

	// a new customer: their details also travel in the outbox's arguments
	const last = `Sealtest${Date.now().toString(36)}`;
	const phone = `+995 577 ${String(Date.now() % 1_000_000).padStart(6, '0')}`;
	const form = new NewCustomerPage(page);
	await form.open();
	await form.fill('Tamar', last, phone, '1988-02-29');
	await expect(form.ageSummary).toHaveText('✓ Adult: may be registered');
	await form.submit.click();
	await expect(page.getByTestId('customer-name')).toHaveText(`Tamar ${last}`);

	// what the server holds for the market: every customer the replica received
	const api = await signedInApi(baseURL!, 'ge.supervisor');
	const market = (await pullEverything(api)).customers as unknown as {
		firstName: string;
		lastName: string;
		phone: string;
		dateOfBirth: string;
	}[];
	await api.dispose();
	expect(market.length).toBeGreaterThan(20);
	const exact = new Set<string>([last, '1988-02-29']);
	const contained = new Set<string>([last, phone]);
	for (const c of market) {
		for (const v of [c.firstName, c.lastName, c.dateOfBirth]) exact.add(v);
		contained.add(c.phone);
		contained.add(c.phone.replace(/\D/g, ''));
	}

	await page.getByRole('button', { name: 'Lock' }).click();
	const lock = new LockScreen(page);
	await expect(lock.root).toBeVisible();
	expect(await page.evaluate(() => sessionStorage.getItem('carepoint:data-key'))).toBeNull();

	const stores = await storedRows(page);
	expect(stores.customers!.length).toBeGreaterThan(20);
	for (const row of stores.customers!) {
		expect(row).toHaveProperty('_sealed');
		for (const field of ['firstName', 'lastName', 'phone', 'dateOfBirth'])
			expect(row).not.toHaveProperty(field);
	}
	const mine = stores.outbox!.find((e) => e.name === 'registerCustomer');
	expect(mine, 'the new customer is in the outbox').toBeDefined();
	expect(mine).not.toHaveProperty('args');
	const all = strings(stores);
	const leaked = all.filter(
		(s) => exact.has(s) || [...contained].some((p) => p.length >= 7 && s.includes(p))
	);
	expect(leaked, 'personal data readable in IndexedDB while locked').toEqual([]);

	// another tab of the same tablet does not hold the key: it is locked too
	const other = await context.newPage();
	await other.goto('/find');
	await expect(new LockScreen(other).root).toBeVisible();
	await other.close();

	// the PIN opens it again, offline
	await context.setOffline(true);
	await lock.unlock(TEST_PIN);
	await expect(lock.root).toHaveCount(0);
	const find = new FindPage(page);
	await find.search(last);
	await expect(find.results).toHaveCount(1);
	await expect(find.results.first()).toContainText(`Tamar ${last}`);
	await context.setOffline(false);
});
