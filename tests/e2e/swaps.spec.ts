import { expect, test } from '@playwright/test';
import { LoginPage } from './pages/login';
import { signedInApi } from './pages/review';
import { Shell } from './pages/shell';
import { kitsInWarranty, serverView, StockPage, SwapPage, unitOutOfWarranty } from './pages/swaps';
import { FLOW_VIEWPORTS, VIEWPORTS, screen } from './support/viewports';

/**
 * Swaps (issue 6): a warranty swap of the faulty holder of a two-piece kit, end to end through
 * the real server — the replacement unit received into stock first (/stock), then claim,
 * checklist, faulty part, typed replacement, receipt — and the refusal paths: an exclusion
 * answered yes (WAR-2), a device out of warranty (WAR-1), a replacement of another model without
 * a supervisor (WAR-4), the faulty unit offered as its own replacement, and a reduced-assortment
 * kiosk that sees no swap (WAR-7; the server's refusal of a hand-made push is a Vitest spec).
 */

const STORE = 'ge-tbilisi-store';
const MODEL_NAMES: Record<string, string> = {
	iluma: 'ILUMA',
	'iluma-prime': 'ILUMA PRIME',
	'iqos-3-duo': 'IQOS 3 DUO'
};
const OTHER_HOLDER: Record<string, string> = {
	iluma: 'GERSDUH001',
	'iluma-prime': 'GERSDUH001',
	'iqos-3-duo': 'GERSIPH001'
};

for (const viewport of FLOW_VIEWPORTS) {
	test.describe(`swaps on a ${viewport}`, () => {
		test.use({ viewport: VIEWPORTS[viewport] });

		test('warranty swap of a faulty holder: stock, claim, checklist, replacement, receipt, server', async ({
			page,
			baseURL
		}) => {
			const api = await signedInApi(baseURL!, 'ge.staff');
			// the first untouched kit: the earlier viewport's swap made its own kit "touched"
			const { customer, holder, charger } = kitsInWarranty(await serverView(api), 1)[0]!;
			const replacement = `GEE2E${viewport.toUpperCase().slice(0, 3)}H${Date.now() % 100000}`;

			const shell = new Shell(page);
			await new LoginPage(page).signIn('ge.staff');
			await shell.waitForFirstSync();

			// the replacement unit arrives at the store: received by its serial
			const stock = new StockPage(page);
			await stock.open();
			await stock.receive(MODEL_NAMES[holder.modelId]!, 'holder', replacement);
			await expect(stock.units.filter({ hasText: replacement })).toHaveCount(1);
			await screen(page, `swaps-${viewport}-stock`);

			const swap = new SwapPage(page);
			await swap.open(holder.serial);
			await expect(page.getByTestId('swap-owner')).toHaveText(
				`${customer.firstName} ${customer.lastName}`
			);
			await swap.fillClaim();
			await swap.answerChecklist();
			await swap.markFaulty(holder.serial);
			await swap.typeReplacement(replacement);
			await expect(page.getByTestId('replacements')).toContainText(replacement);
			await expect(swap.reason('WAR-1').first()).toHaveAttribute('data-severity', 'ok');
			await expect(swap.reason('WAR-3').first()).toContainText('Only the faulty holder');
			await expect(swap.verdict).toHaveAttribute('data-allowed', 'true');
			await screen(page, `swaps-${viewport}-swap`);
			await swap.confirm.click();

			await expect(page).toHaveURL(/\/services\/[0-9a-f-]+\/receipt$/);
			await expect(page.getByTestId('receipt-faulty')).toHaveText(holder.serial);
			await expect(page.getByTestId('receipt-replacement')).toHaveText(replacement);
			await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
			await expect(page.getByTestId('receipt-state')).toHaveText('Recorded', { timeout: 30_000 });
			await screen(page, `swaps-${viewport}-receipt`);

			// the server has the swap: ownership moved, the faulty unit taken in, a service record
			const view = await serverView(api);
			const units = new Map(view.components.map((u) => [u.serial, u]));
			expect(units.get(replacement)).toMatchObject({
				customerId: customer.id,
				deviceId: holder.deviceId,
				purchasedOn: holder.purchasedOn,
				atPosId: null
			});
			expect(units.get(holder.serial)).toMatchObject({
				customerId: null,
				atPosId: STORE,
				condition: 'faulty'
			});
			expect(units.get(charger.serial)).toMatchObject({ customerId: customer.id });
			const services = view.services.filter((s) => s.customerId === customer.id);
			expect(services).toHaveLength(1);
			expect(services[0]).toMatchObject({ type: 'warranty_swap', status: 'recorded' });

			// the faulty unit is in the faulty list; the customer's device has the new serial
			await stock.open();
			await expect(stock.faulty.filter({ hasText: holder.serial })).toHaveCount(1);
			await expect(stock.units.filter({ hasText: replacement })).toHaveCount(0);
			await page.goto(`/device/${replacement}`);
			await expect(page.getByTestId('owner-name')).toHaveText(
				`${customer.firstName} ${customer.lastName}`
			);
			await api.dispose();
		});

		test('refusals: exclusion yes, out of warranty, another model, the faulty unit itself', async ({
			page,
			baseURL
		}) => {
			const api = await signedInApi(baseURL!, 'ge.staff');
			const view = await serverView(api);
			await api.dispose();
			// not the next kit a swap test takes: the refusals record nothing
			const { holder } = kitsInWarranty(view, 2)[1]!;
			const old = unitOutOfWarranty(view);

			await new LoginPage(page).signIn('ge.staff');
			await new Shell(page).waitForFirstSync();
			const swap = new SwapPage(page);

			// WAR-2: an exclusion answered "yes" refuses
			await swap.open(holder.serial);
			await swap.fillClaim();
			await swap.answerChecklist(['cosmeticDamage']);
			await swap.markFaulty(holder.serial);
			await expect(swap.reason('WAR-2')).toHaveAttribute('data-severity', 'block');
			await expect(swap.reason('WAR-2')).toContainText('Not covered: cosmeticDamage');
			await expect(swap.verdict).toContainText('Warranty swap: not allowed');
			await expect(swap.confirm).toBeDisabled();

			// the faulty unit scanned as its own replacement is refused
			await swap.typeReplacement(holder.serial);
			await expect(swap.scanError).toContainText('This is the faulty unit itself');

			// WAR-4: a replacement of another model needs a supervisor
			await swap.answerChecklist();
			await swap.typeReplacement(OTHER_HOLDER[holder.modelId]!);
			await expect(
				swap.reason('WAR-4').filter({ hasText: 'not an allowed model' })
			).toHaveAttribute('data-severity', 'override');
			await expect(swap.verdict).toContainText('needs a supervisor');
			await expect(
				page.getByText('A supervisor can allow this with a written reason.')
			).toBeVisible();
			await expect(swap.confirm).toBeDisabled();
			await screen(page, `swaps-${viewport}-refused-model`);

			// WAR-1: out of warranty
			await swap.open(old.serial);
			await swap.fillClaim();
			await swap.answerChecklist();
			await swap.markFaulty(old.serial);
			await expect(swap.reason('WAR-1').filter({ hasText: 'warranty of' })).toHaveAttribute(
				'data-severity',
				'block'
			);
			await expect(swap.confirm).toBeDisabled();
			await screen(page, `swaps-${viewport}-refused-warranty`);
		});

		test('a reduced-assortment kiosk (HU) sees no swap', async ({ page }) => {
			await new LoginPage(page).signIn('hu.kiosk');
			await new Shell(page).waitForFirstSync();
			await page.goto('/device/HUH0000001');
			await expect(page.getByTestId('owner-name')).toBeVisible();
			await expect(page.locator('a[href$="/swap"]')).toHaveCount(0);
			await page.goto('/device/HUH0000001/swap');
			const refused = page.getByTestId('swap-refused');
			await expect(refused).toContainText('No swaps at this point of sale');
			await expect(refused.locator('li[data-rule="WAR-7"]').first()).toHaveAttribute(
				'data-severity',
				'block'
			);
			await expect(page.getByTestId('swap-claim')).toHaveCount(0);
			await screen(page, `swaps-${viewport}-kiosk`);
		});
	});
}
