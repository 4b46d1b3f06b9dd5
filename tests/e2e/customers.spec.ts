import { expect, test, type Page } from '@playwright/test';
import { LoginPage } from './pages/login';
import { Shell } from './pages/shell';
import {
	ActionPage,
	CUSTOMERS_FIXTURES as F,
	CustomerCardPage,
	FindPage,
	NewCustomerPage
} from './pages/customers';
import { FLOW_VIEWPORTS, VIEWPORTS, screen } from './support/viewports';

/**
 * The customer flows (issue 6) through the real server, on a phone and a tablet: find, the
 * customer card, a new customer (AGE-1: malformed date, minor refused), device registration at
 * purchase (REG-6, both parts of a kit; a GTIN refused; a serial owned by another customer refused
 * and the recorded transfer offered, REG-2), a blacklisted customer needing a supervisor (RNT-7),
 * registration offline for later verification, Care Plus enrol and leave (BG), the extended
 * warranty (GE), the 14-day buy-back (HU) and international support (WAR-8).
 */

async function signIn(page: Page, username: string) {
	await new LoginPage(page).signIn(username);
	await new Shell(page).waitForFirstSync();
}

function minorBirthDate() {
	const d = new Date();
	return `${d.getUTCFullYear() - 10}-06-15`;
}

// the flows run on the phone and the tablet (FLOW_VIEWPORTS); each has its own demo data
for (const vp of FLOW_VIEWPORTS as ('phone' | 'tablet')[]) {
	test.describe(`customers on ${vp}`, () => {
		test.use({ viewport: VIEWPORTS[vp] });

		test('new customer: AGE-1 refusals, register, kit registration, GTIN refused, REG-2 refused → transfer', async ({
			page
		}) => {
			await signIn(page, 'ge.staff');
			const form = new NewCustomerPage(page);
			const card = new CustomerCardPage(page);
			const action = new ActionPage(page);
			const free = F.freeKits[vp];
			const owned = F.ownedKits[vp];

			await form.open();
			const last = `Newcomer${vp === 'phone' ? 'P' : 'T'}`;
			await form.fill(
				'Keti',
				last,
				vp === 'phone' ? '+995 577 900101' : '+995 577 900202',
				'1990-13-45'
			);
			await expect(form.ageReason).toHaveAttribute('data-severity', 'block');
			await expect(form.ageReason).toContainText('not a valid date');
			await expect(form.submit).toBeDisabled();
			await page.getByLabel(/Date of birth/).fill(minorBirthDate());
			await expect(form.ageSummary).toHaveText('✕ Refused: cannot be registered');
			await expect(form.ageReason).toContainText('Under 18');
			await expect(form.submit).toBeDisabled();
			await screen(page, `customers-new-minor-${vp}`);
			await page.getByLabel(/Date of birth/).fill('1991-04-20');
			await expect(form.ageSummary).toHaveText('✓ Adult: may be registered');
			await page.getByLabel(/marketing communication/).check();
			await form.submit.click();
			await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}\?new=1$/);
			await expect(card.name).toHaveText(`Keti ${last}`);
			await expect(page.getByTestId('consent-marketing')).toHaveText('yes');
			await expect(page.getByTestId('age-verdict').locator('li')).toHaveAttribute(
				'data-severity',
				'ok'
			);
			const cardUrl = page.url().replace(/\?new=1$/, '');

			// a GTIN typed as the serial is refused
			await card.registerSerial(F.gtin);
			await expect(page.getByRole('alert')).toContainText('product barcode');

			// REG-6: the free kit, both parts at once
			await card.registerSerial(`GEH${free}`);
			await expect(page).toHaveURL(new RegExp(`/device/GEH${free}/register\\?customer=`));
			await expect(page.getByTestId('known-unit')).toContainText(`charger GEC${free}`);
			await page.getByLabel(/Where was the code read from/).selectOption('box');
			await action.answer('personalUse', true);
			await expect(action.summary).toHaveText('✓ Device registration: allowed');
			await screen(page, `customers-register-device-${vp}`);
			await action.confirm('Register device', 'Device registered');

			// REG-2: a kit registered to someone else is refused; the transfer is offered
			await page.goto(cardUrl);
			await expect(card.units).toHaveCount(2);
			await card.registerSerial(`GEH${owned.n}`);
			await page.getByLabel(/Where was the code read from/).selectOption('box');
			await action.answer('personalUse', true);
			await expect(action.summary).toHaveText('✕ Device registration: not allowed');
			await expect(action.reason('REG-2').first()).toContainText('registered to another customer');
			await expect(page.getByRole('button', { name: 'Register device' })).toBeDisabled();
			await screen(page, `customers-register-refused-${vp}`);
			await page.getByRole('link', { name: 'Transfer to this customer instead' }).click();
			await expect(page.getByTestId('current-owner')).toContainText(owned.owner);
			await expect(page.getByTestId('new-owner')).toContainText(`Keti ${last}`);
			await action.answer('ownerConsents', true);
			await expect(action.summary).toHaveText('✓ Ownership transfer: allowed');
			await screen(page, `customers-transfer-${vp}`);
			await action.confirm('Record transfer', 'Ownership transferred');

			await page.goto(cardUrl);
			await expect(card.units).toHaveCount(4);
			await expect(card.history).toHaveCount(2);
			await expect(
				page.locator('[data-testid="customer-history"] [data-sync="synced"]')
			).toHaveCount(2, {
				timeout: 30_000
			});
			await expect(card.history.filter({ hasText: 'Ownership transfer' })).toHaveCount(1);
			await expect(card.history.filter({ hasText: 'Device registration' })).toHaveCount(1);
			await screen(page, `customers-card-${vp}`);
		});

		test('blacklisted customer: registration needs a supervisor (RNT-7); a supervisor may allow it', async ({
			page,
			browser
		}) => {
			await signIn(page, 'ge.staff');
			const action = new ActionPage(page);
			const serial = vp === 'phone' ? 'GEX9100001' : 'GEX9100002';
			await page.goto(`/device/${serial}/register?customer=${F.blacklistedId}`);
			await expect(page.getByTestId('unit-not-on-file')).toBeVisible();
			await page.getByLabel('Model').selectOption('iluma-one');
			await page.getByLabel(/Where was the code read from/).selectOption('box');
			await action.answer('personalUse', true);
			await expect(action.summary).toHaveText('⚑ Device registration: needs a supervisor');
			await expect(action.reason('RNT-7')).toHaveAttribute('data-severity', 'override');
			await expect(page.getByRole('button', { name: 'Register device' })).toBeDisabled();
			await screen(page, `customers-blacklisted-${vp}`);

			// a supervisor, on a tablet of their own, may allow it with a written reason
			const supervisorContext = await browser.newContext({ viewport: VIEWPORTS[vp] });
			const sup = await supervisorContext.newPage();
			const supAction = new ActionPage(sup);
			await signIn(sup, 'ge.supervisor');
			await sup.goto(`/device/${serial}/register?customer=${F.blacklistedId}`);
			await sup.getByLabel('Model').selectOption('iluma-one');
			await sup.getByLabel(/Where was the code read from/).selectOption('box');
			await supAction.answer('personalUse', true);
			await sup.getByLabel(/Supervisor override/).fill('Long-standing customer, receipt seen');
			await expect(supAction.summary).toHaveText(
				'⚑ Device registration: allowed by supervisor override'
			);
			await supAction.confirm('Register device', 'Device registered');
			await supervisorContext.close();
		});

		test('offline: an unknown serial is registered for later verification, then syncs', async ({
			page,
			context
		}) => {
			await signIn(page, 'ge.staff');
			await new Shell(page).waitForServiceWorker();
			const action = new ActionPage(page);
			const who = F.extended[vp];
			const serial = vp === 'phone' ? 'GEX9200001' : 'GEX9200002';
			await context.setOffline(true);
			await page.goto(`/device/${serial}`);
			await expect(page.getByTestId('unknown-serial')).toContainText(
				'may exist but is not on this tablet'
			);
			await screen(page, `customers-unknown-offline-${vp}`);
			await page.goto(`/device/${serial}/register?customer=${who.id}`);
			await expect(page.getByTestId('unit-not-on-file')).toContainText('offline');
			await page.getByLabel('Model').selectOption('iluma-one');
			await page.getByLabel(/Where was the code read from/).selectOption('box');
			await action.answer('personalUse', true);
			await expect(
				action.reason('REG-2').filter({ hasText: 'the server checks it' })
			).toHaveAttribute('data-severity', 'warn');
			await action.confirm('Register device', 'it will sync when the network is back');
			await page.goto(`/customers/${who.id}`);
			await expect(
				page.locator('[data-testid="customer-history"] [data-sync="waiting"]')
			).toHaveCount(1);
			await context.setOffline(false);
			await expect(
				page.locator('[data-testid="customer-history"] [data-sync="synced"]')
			).toHaveCount(1, {
				timeout: 30_000
			});
			await expect(page.locator(`[data-testid="unit"][data-serial="${serial}"]`)).toBeVisible();
		});

		test('find by phone, name, serial; GTIN refused; international support numbers (WAR-8)', async ({
			page
		}) => {
			await signIn(page, 'ge.staff');
			const find = new FindPage(page);
			await find.search('410012');
			await expect(find.results).toHaveCount(1);
			await expect(find.results.first()).toContainText('Ana Lomidze');
			await find.search('GELASHV');
			await expect(find.results.filter({ hasText: '599 410011' })).toHaveCount(1);
			await screen(page, `customers-find-${vp}`);
			await find.search(F.gtin);
			await expect(page.getByRole('alert')).toContainText('product barcode');
			await find.search('geh 0000099');
			await expect(page).toHaveURL(/\/device\/GEH0000099$/);
			await expect(page.getByTestId('offer-register')).toBeVisible();

			await page.goto(`/customers/${F.extended[vp].id}/international`);
			await expect(page.getByTestId('intl-phone')).toHaveText('00800 2559 2559');
			await expect(page.getByTestId('intl-fallback')).toHaveText('+41 21 547 88 88');
			await page.getByLabel(/Country the customer is travelling to/).selectOption('DE');
			await expect(page.getByTestId('intl-summary')).toHaveText('✓ Eligible for support abroad');
			await page.getByLabel(/Country the customer is travelling to/).selectOption('HU');
			await expect(page.getByTestId('intl-summary')).toHaveText(
				'✕ Not eligible for support abroad'
			);
			await screen(page, `customers-international-${vp}`);
		});

		test('Care Plus (BG): enrol with active care (CP-1, CP-7), CP-6 shown, withdraw consent, leave (CP-5)', async ({
			page
		}) => {
			await signIn(page, 'bg.staff');
			const action = new ActionPage(page);
			const who = F.carePlus[vp];
			await page.goto(`/customers/${who.id}`);
			await expect(page.getByTestId('careplus-status')).toHaveText('Not a participant');
			await page.getByTestId('link-careplus').click();
			await action.answer('nicotineUser', true);
			await action.answer('resident', true);
			await page.getByRole('checkbox', { name: /accepts the Care Plus terms/ }).check();
			await page.getByRole('checkbox', { name: /active care in the first 10 days/ }).check();
			await expect(action.reason('CP-7')).toHaveAttribute('data-severity', 'ok');
			await expect(action.summary).toHaveText('✓ Care Plus enrolment: allowed');
			await screen(page, `customers-careplus-enrol-${vp}`);
			await action.confirm('Enrol in Care Plus', 'Enrolled in Care Plus');

			await page.goto(`/customers/${who.id}`);
			await expect(page.getByTestId('careplus-status')).toContainText('Participant since');
			await expect(page.getByTestId('careplus-status')).toContainText('active care running');
			await expect(page.getByTestId('accessory-discount')).toContainText('10% accessory discount');
			await screen(page, `customers-careplus-card-${vp}`);

			await page.getByTestId('link-careplus').click();
			await page.getByRole('button', { name: 'Withdraw only the active-care consent' }).click();
			await expect(
				page.getByRole('status').filter({ hasText: 'Active-care consent withdrawn' })
			).toBeVisible();
			await expect(page.getByTestId('careplus-active')).toContainText('No active-care consent');
			await page.getByRole('button', { name: 'Leave Care Plus' }).click();
			await expect(page.getByRole('status').filter({ hasText: 'Left Care Plus' })).toBeVisible();
			await page.goto(`/customers/${who.id}`);
			await expect(page.getByTestId('careplus-status')).toContainText('Left or ended');
			await expect(
				page.locator('[data-testid="customer-history"] [data-sync="synced"]')
			).toHaveCount(3, {
				timeout: 30_000
			});
		});

		test('extended warranty (GE store); a tobacconist is not offered it (EXT-1)', async ({
			page
		}) => {
			await signIn(page, 'ge.staff');
			const action = new ActionPage(page);
			const who = F.extended[vp];
			await page.goto(`/customers/${who.id}`);
			await page.getByTestId('link-extended').first().click();
			await expect(page).toHaveURL(
				new RegExp(`/device/${who.holder.replace('H', '[HC]')}/extended-warranty$`)
			);
			await page.getByLabel(/Price/).fill('49');
			await action.answer('nicotineUser', true);
			await expect(action.summary).toHaveText('✓ Extended warranty: allowed');
			await expect(page.getByTestId('ext-until')).toContainText('New cover until');
			await screen(page, `customers-extended-${vp}`);
			await action.confirm('Sell extended warranty', 'Extended warranty sold');
			await page.goto(`/customers/${who.id}`);
			await expect(page.getByTestId('warranty-until').first()).toContainText('extended to');
		});

		test('extended warranty is not offered at a tobacconist (EXT-1)', async ({ page }) => {
			await signIn(page, 'ge.partner');
			await page.goto(`/customers/${F.extended[vp].id}`);
			await expect(page.getByTestId('devices')).toBeVisible();
			await expect(page.getByTestId('link-extended')).toHaveCount(0);
			await expect(page.getByTestId('link-rental')).toHaveCount(0);
		});

		test('14-day buy-back (HU): within the period recorded, after it refused (BUY-1)', async ({
			page
		}) => {
			await signIn(page, 'hu.staff');
			const action = new ActionPage(page);
			await page.goto(`/device/${F.buyBack.late.holder}/buy-back`);
			await action.answer('videosWatched', true);
			await expect(action.summary).toHaveText('✕ Buy-back: not allowed');
			await expect(action.reason('BUY-1').filter({ hasText: 'ended on' }).first()).toBeVisible();

			const who = F.buyBack[vp];
			await page.goto(`/customers/${who.id}`);
			await page.getByTestId('link-buyback').first().click();
			await action.answer('videosWatched', true);
			await expect(action.summary).toHaveText('✓ Buy-back: allowed');
			await screen(page, `customers-buyback-${vp}`);
			await action.confirm('Record buy-back', 'Device bought back');
			await page.goto(`/customers/${who.id}`);
			await expect(page.getByTestId('unit')).toHaveCount(0);
			await expect(page.getByTestId('customer-history').getByTestId('history-item')).toContainText(
				'14-day buy-back'
			);
		});
	});
}
