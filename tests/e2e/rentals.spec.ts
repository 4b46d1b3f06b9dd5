import { expect, test, type Browser, type Page } from '@playwright/test';
import { LoginPage } from './pages/login';
import { pullEverything, signedInApi } from './pages/review';
import { RentalPage, RentalStartPage, capturePushes, replicaDump } from './pages/rentals';
import { Shell } from './pages/shell';
import { FLOW_VIEWPORTS, VIEWPORTS, screen, type ViewportName } from './support/viewports';

/**
 * Rentals (RNT-1..RNT-7, AGE-2, AGE-3) through the real server, on a phone and a tablet. The
 * customers are seed-rentals.ts's own (`ge-rnt-*`), one set per viewport, so no other spec
 * file's test meets them.
 */

const PER_VIEWPORT: Record<
	string,
	{ starter: string; late: { rental: string; customer: string; name: string } }
> = {
	phone: {
		starter: 'ge-rnt-01',
		late: { rental: 'ge-rent-late-1', customer: 'ge-rnt-03', name: 'Sopho Kvaratskhelia' }
	},
	tablet: {
		starter: 'ge-rnt-02',
		late: { rental: 'ge-rent-late-2', customer: 'ge-rnt-04', name: 'Zurab Dolidze' }
	}
};

async function signedIn(browser: Browser, username: string, viewport: ViewportName) {
	const context = await browser.newContext({ viewport: VIEWPORTS[viewport] });
	const page = await context.newPage();
	await new LoginPage(page).signIn(username);
	await new Shell(page).waitForFirstSync();
	return { context, page };
}

async function synced(page: Page) {
	await expect(page.getByTestId('pending-count')).toContainText('0 changes waiting', {
		timeout: 30_000
	});
}

for (const vp of FLOW_VIEWPORTS) {
	const who = PER_VIEWPORT[vp]!;

	test(`rental (${vp}): start with a drawn signature, early return, late return, blacklist by a supervisor`, async ({
		browser,
		baseURL
	}) => {
		const { context, page } = await signedIn(browser, 'ge.staff', vp);
		const pushes = capturePushes(page);
		const start = new RentalStartPage(page);

		await start.open(who.starter);
		await expect(start.eligibility.locator('li[data-rule="RNT-1"]')).toHaveAttribute(
			'data-severity',
			'ok'
		);
		await expect(start.eligibility.locator('li[data-rule="RNT-3"]')).toContainText('First rental');
		await expect(start.startButton).toBeDisabled();
		await start.fillAll({ serial: `GERENT${vp === 'phone' ? 'P' : 'T'}01` });
		await expect(page.getByTestId('due-date')).toContainText('Due back');
		await expect(start.verdict).toHaveAttribute('data-allowed', 'true');
		await screen(page, `rental-start-${vp}`);
		await start.startButton.click();

		await expect(page.getByTestId('rental-started')).toBeVisible();
		await expect(start.contract).toContainText('Device rental contract');
		await expect(start.contract).toContainText('ID card ending 7K2Q');
		await expect(start.contract).toContainText('14 days');
		await expect(page.getByTestId('contract-signature').locator('path')).toHaveAttribute(
			'd',
			/^M \d+ \d+ L/
		);
		await expect(page.getByRole('button', { name: 'Print contract (80 mm)' })).toBeVisible();
		await screen(page, `rental-contract-${vp}`);
		await synced(page);

		// only the attestation travelled; no health answer was sent or kept
		const sent = pushes.join('\n');
		expect(sent).toContain('"name":"startRental"');
		expect(sent).toContain('"ageThreeConfirmed":true');
		expect(sent).not.toMatch(/pregnan|nicotineUser|answers/i);
		expect(await replicaDump(page)).not.toMatch(/pregnan|nicotineUser/i);

		// the server holds the rental with its contract and signature, no image of the ID
		const staffApi = await signedInApi(baseURL!, 'ge.staff');
		const pull = await staffApi.get(`/api/sync/pull?clientGroupId=${crypto.randomUUID()}&cookie=0`);
		const rentals = ((await pull.json()) as { patch: { table: string; value: never }[] }).patch
			.filter((op) => op.table === 'rentals')
			.map(
				(op) =>
					op.value as {
						id: string;
						customerId: string;
						returnedAt: string | null;
						contract: { signature: string; idLast: string } | null;
					}
			);
		const mine = rentals.find((r) => r.customerId === who.starter)!;
		expect(mine.contract?.signature).toMatch(/^M \d+ \d+ L/);
		expect(mine.contract?.idLast).toBe('7K2Q');

		// early return: nothing refunded (RNT-5)
		await page.getByRole('link', { name: 'Open the rental' }).click();
		const rental = new RentalPage(page);
		await expect(rental.returnSection.locator('li[data-rule="RNT-5"]')).toContainText(
			'nothing is refunded'
		);
		await rental.recordReturn();
		await expect(page.getByTestId('rental-returned')).toContainText('nothing is refunded');
		await expect(rental.proposal).toHaveCount(0);

		// late: the overdue list of this point of sale, the return, the blacklist proposal
		await page.goto('/rentals');
		const row = page.locator(`[data-testid="overdue-row"][data-rental="${who.late.rental}"]`);
		await expect(row).toContainText(who.late.name);
		await expect(row).toContainText('late');
		await screen(page, `rentals-overdue-${vp}`);
		await row.getByRole('link').click();
		await expect(rental.status).toContainText('Overdue');
		await expect(rental.returnSection.locator('li[data-rule="RNT-7"]')).toContainText('blacklist');
		await rental.recordReturn();
		await expect(rental.proposal).toContainText('Blacklist proposed (RNT-7)');
		await expect(rental.proposal).toContainText('Only a supervisor can confirm it.');
		await expect(rental.proposal.getByRole('button')).toHaveCount(0);
		await screen(page, `rental-late-return-${vp}`);
		await synced(page);
		await context.close();

		// the supervisor sees the proposal across the market and confirms it with a reason
		const sup = await signedIn(browser, 'ge.supervisor', vp);
		await sup.page.goto('/rentals');
		const proposal = sup.page.locator(
			`[data-testid="proposal-row"][data-rental="${who.late.rental}"]`
		);
		await expect(proposal).toContainText(who.late.name);
		await screen(sup.page, `rentals-supervisor-${vp}`);
		await proposal.getByRole('link').click();
		const supRental = new RentalPage(sup.page);
		await supRental.blacklist('Returned the rental device two days late, no notice');
		await expect(sup.page.getByRole('heading', { level: 1 })).toContainText('Blacklisted');
		await screen(sup.page, `rental-blacklisted-${vp}`);
		await synced(sup.page);
		await sup.context.close();

		const server = await pullEverything(staffApi);
		expect(server.customers.find((c) => c.id === who.late.customer)?.blacklisted).toBe(true);
		expect(
			server.services.filter((s) => s.customerId === who.late.customer).map((s) => s.type)
		).toEqual(expect.arrayContaining(['rental_return', 'blacklist']));
		await staffApi.dispose();
	});

	test(`rental refusals (${vp}): registered device needs a supervisor, copy of the ID, AGE-3 answer, store without rental`, async ({
		browser
	}) => {
		// RNT-2: a customer with a registered device — staff cannot, a supervisor may with a reason
		const staff = await signedIn(browser, 'ge.staff', vp);
		const pushes = capturePushes(staff.page);
		const start = new RentalStartPage(staff.page);
		await start.open('ge-rnt-06');
		await expect(
			start.eligibility.locator('li[data-rule="RNT-2"][data-severity="override"]')
		).toContainText('Needs supervisor');
		await start.fillAll();
		await expect(start.verdict).toContainText('Rental: needs a supervisor');
		await expect(start.verdict.getByRole('textbox')).toHaveCount(0);
		await expect(start.startButton).toBeDisabled();
		await screen(staff.page, `rental-rnt2-staff-${vp}`);

		// AGE-2: a copy of the ID is refused
		await start.open('ge-rnt-05');
		await start.fillAll({ copy: true });
		await expect(start.reason('AGE-2')).toContainText('copy or photo of the ID is not accepted');
		await expect(start.verdict).toContainText('Rental: not allowed');
		await expect(start.startButton).toBeDisabled();
		await screen(staff.page, `rental-id-copy-${vp}`);

		// AGE-3 / RNT-6: "pregnant" refuses; the answer is neither sent nor kept
		await start.open('ge-rnt-05');
		await start.fillAll({ pregnant: true });
		await expect(start.reason('RNT-6').first()).toContainText(
			'does not meet the conditions for this service'
		);
		await expect(start.startButton).toBeDisabled();
		await screen(staff.page, `rental-age3-refused-${vp}`);
		// give the sync loop a chance to push anything it had
		await staff.page.waitForTimeout(500);
		expect(pushes.join('\n')).not.toMatch(/pregnan|nicotineUser|startRental/i);
		const dump = await replicaDump(staff.page);
		expect(dump).not.toMatch(/pregnan|nicotineUser/i);
		expect(dump).not.toContain('"name":"startRental"');
		await staff.context.close();

		const sup = await signedIn(browser, 'ge.supervisor', vp);
		const supStart = new RentalStartPage(sup.page);
		await supStart.open('ge-rnt-06');
		await supStart.fillAll();
		await sup.page
			.getByLabel(/Supervisor override/)
			.fill('Customer’s own device is at the service centre');
		await expect(supStart.verdict).toContainText('allowed by supervisor override');
		await expect(supStart.startButton).toBeEnabled();
		await screen(sup.page, `rental-rnt2-supervisor-${vp}`);
		await sup.context.close();

		// RNT-1: the pop-up zone has no rental — nothing is offered
		const specialist = await signedIn(browser, 'ge.specialist', vp);
		const popup = new RentalStartPage(specialist.page);
		await popup.open('ge-rnt-05');
		await expect(popup.notOffered).toContainText('Rentals are not offered at Pop-up zone');
		await expect(popup.startButton).toHaveCount(0);
		await expect(specialist.page.getByTestId('id-check')).toHaveCount(0);
		await screen(specialist.page, `rental-popup-${vp}`);
		await specialist.page.goto('/rentals');
		await expect(specialist.page.getByTestId('rental-not-offered')).toBeVisible();
		await specialist.context.close();
	});
}
