import { expect, test } from '@playwright/test';
import { TEST_PIN } from './pages/login';
import { Shell } from './pages/shell';

/**
 * Languages (issue 10): a staff member with no language chosen gets the market's language
 * (Georgia → Georgian), switches to English in two taps from the header, and the verdicts keep
 * their rule IDs next to the translated words.
 */
test('GE staff: Georgian by default, English in two taps, verdicts keep their rule IDs', async ({
	page,
	context
}) => {
	// no `carepoint:lang` on this tablet: nobody has chosen, so the market decides after sign-in
	await page.goto('/login');
	await page.getByLabel('Username').fill('ge.staff');
	await page.getByLabel('Password').fill('demo1234');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/scan$/);

	// first sign-in on this tablet: the PIN setup, already in Georgian
	await page.getByLabel('ახალი PIN (4–8 ციფრი)').fill(TEST_PIN);
	await page.getByLabel('იგივე PIN ხელახლა').fill(TEST_PIN);
	await page.getByRole('button', { name: 'PIN-ის შენახვა' }).click();

	const georgianSerial = page.getByLabel('სერიული ნომერი — აკრიფეთ ან გამოიყენეთ ხელის სკანერი');
	await expect(georgianSerial).toBeVisible();
	await expect(page.getByRole('heading', { name: 'მოწყობილობის ძებნა' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'ka');
	await expect(page.getByTestId('last-sync')).not.toHaveText('არასდროს', { timeout: 30_000 });
	await expect(page.getByTestId('sync-state')).toHaveText('ონლაინ');

	// a verdict line in Georgian: the rule ID stays, the words are Georgian
	await georgianSerial.fill('GEH0000001');
	await page.getByRole('button', { name: 'მოძებნა' }).click();
	await expect(page).toHaveURL(/\/device\/GEH0000001$/);
	const age = page.getByTestId('age-verdict').locator('li').first();
	await expect(age).toHaveAttribute('data-rule', 'AGE-1');
	await expect(age.locator('.rule')).toHaveText('AGE-1');
	await expect(age.locator('.text')).toContainText('სრულწლოვანი');
	await expect(age).not.toContainText('Adult');

	// two taps: the language button, then English — no reload, the page stays
	await page.getByTestId('lang-button').click();
	await page.getByRole('button', { name: 'English' }).click();
	await expect(age.locator('.text')).toContainText('Adult');
	await expect(page).toHaveURL(/\/device\/GEH0000001$/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	// remembered for this staff member on this tablet: English after a reload
	await page.goto('/scan');
	await expect(page.getByLabel(/Serial number/)).toBeVisible();
	const stored = await page.evaluate(() =>
		Object.entries(localStorage).filter(([key]) => key.startsWith('carepoint:lang:'))
	);
	expect(stored).toHaveLength(1);
	expect(stored[0]?.[1]).toBe('en');

	// each language is a chunk of its own, loaded when first shown: offline too (precached) — a
	// language this tab never showed, then a cold start in it
	await new Shell(page).waitForServiceWorker();
	await context.setOffline(true);
	await page.getByTestId('lang-button').click();
	await page.getByRole('button', { name: 'Čeština' }).click();
	await expect(page.getByRole('link', { name: 'Hledat' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'cs');
	await page.reload();
	await expect(page.getByRole('link', { name: 'Hledat' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Synchronizace' })).toBeVisible();
	await context.setOffline(false);
});
