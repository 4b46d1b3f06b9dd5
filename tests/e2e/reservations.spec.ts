import { expect, test, type Browser, type Page } from '@playwright/test';
import { LoginPage } from './pages/login';
import {
	DEMO_EXPIRED_RESERVATION,
	DEMO_INTEGRATION_KEYS,
	ReservationPages,
	capturePushes,
	createAndConfirm,
	integrationApi,
	replicaDump
} from './pages/rentals';
import { signedInApi } from './pages/review';
import { Shell } from './pages/shell';
import { FLOW_VIEWPORTS, VIEWPORTS, screen, type ViewportName } from './support/viewports';

/**
 * Reservations (RSV-1..RSV-4, AGE-1..AGE-3): created and confirmed through the integration API
 * with the demo key, picked up by code at the counter, the seeded expired one named and refused,
 * and a cancellation at the counter — on a phone and a tablet, through the real server.
 */

const KEY = DEMO_INTEGRATION_KEYS.GE;
const STORE = 'ge-tbilisi-store';

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

async function serverReservation(baseURL: string, id: string) {
	const api = await signedInApi(baseURL, 'ge.staff');
	const response = await api.get(`/api/sync/pull?clientGroupId=${crypto.randomUUID()}&cookie=0`);
	const body = (await response.json()) as {
		patch: { op: string; table: string; key: string; value: { status: string } }[];
	};
	await api.dispose();
	return body.patch.find((op) => op.table === 'reservations' && op.key === id)?.value;
}

test('integration API: 401 without or with a wrong key, 400 on malformed bodies', async ({
	baseURL
}) => {
	const api = await integrationApi(baseURL!);
	const url = '/api/integrations/reservations';
	const body = { customerId: 'ge-rsv-03', posId: STORE, items: [{ sku: 'iluma', quantity: 1 }] };
	expect((await api.post(url, { data: body })).status()).toBe(401);
	const wrong = await api.post(url, {
		data: body,
		headers: { Authorization: 'Bearer cp_demo_ge_web_000000000000' }
	});
	expect(wrong.status()).toBe(401);
	expect(wrong.headers()['www-authenticate']).toContain('Bearer');
	// a key of another market does not see GE points of sale
	const other = await api.post(url, {
		data: body,
		headers: { Authorization: `Bearer ${DEMO_INTEGRATION_KEYS.LV}` }
	});
	expect(other.status()).toBe(422);
	const auth = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' };
	for (const data of ['{not json', '[]', '{"posId":1}', JSON.stringify({ ...body, items: [] })]) {
		const r = await api.post(url, { data, headers: auth });
		expect(r.status(), data).toBe(400);
	}
	expect((await api.post(`${url}/nope/confirm`, { headers: auth })).status()).toBe(404);
	expect((await api.post(`${url}/nope/confirm`)).status()).toBe(401);
	await api.dispose();
});

for (const vp of FLOW_VIEWPORTS) {
	test(`reservation pickup (${vp}): create + confirm through the API, pick up by code`, async ({
		browser,
		baseURL
	}) => {
		const api = await integrationApi(baseURL!);
		const { id, code } = await createAndConfirm(api, KEY, {
			phone: '+995 599 100 202',
			firstName: 'Otar',
			lastName: 'Chkheidze',
			dateOfBirth: '1986-06-06',
			posId: STORE,
			items: [{ sku: 'iluma-prime', quantity: 1 }]
		});
		await api.dispose();

		const { context, page } = await signedIn(browser, 'ge.staff', vp);
		const pushes = capturePushes(page);
		const pickup = new ReservationPages(page);
		await page.goto('/reservations');
		await expect(
			page.locator('[data-testid="reservation-row"]').filter({ hasText: code })
		).toHaveAttribute('data-state', 'open');
		await screen(page, `reservations-list-${vp}`);
		await pickup.openByCode(code.toLowerCase());
		await expect(pickup.state).toHaveText('Held');
		await expect(pickup.hold).toContainText(/4[78] h \d+ min left/);
		await expect(page.getByTestId('reservation-items')).toContainText('1 × ILUMA PRIME');
		await expect(page.getByTestId('reservation-customer')).toContainText('Otar Chkheidze');
		await expect(pickup.completeButton).toBeDisabled();

		await pickup.confirmData();
		await pickup.checkId({ type: 'Passport', last: 'K91', askOriginal: false });
		await pickup.answerAge3();
		await expect(pickup.verdict).toHaveAttribute('data-allowed', 'true');
		await expect(pickup.reason('RSV-2')).toContainText('Held until');
		await screen(page, `reservation-pickup-${vp}`);
		await pickup.completeButton.click();
		await expect(pickup.state).toHaveText('Picked up');
		await expect(page.getByTestId('reservation-services')).toContainText('picked up');
		await synced(page);
		expect(pushes.join('\n')).toContain('"name":"pickUpReservation"');
		expect(pushes.join('\n')).not.toMatch(/pregnan|nicotineUser/i);
		expect(await replicaDump(page)).not.toMatch(/pregnan|nicotineUser/i);
		expect((await serverReservation(baseURL!, id))?.status).toBe('picked_up');
		await context.close();
	});

	test(`reservation refusals (${vp}): the expired one is named and cannot be picked up; cancel at the counter`, async ({
		browser,
		baseURL
	}) => {
		const api = await integrationApi(baseURL!);
		const { id, code } = await createAndConfirm(api, KEY, {
			customerId: 'ge-rsv-03',
			posId: STORE,
			items: [{ sku: 'iluma', quantity: 2 }]
		});
		await api.dispose();

		const { context, page } = await signedIn(browser, 'ge.staff', vp);
		const pickup = new ReservationPages(page);

		// RSV-2: confirmed 49 hours ago (seed) — expired, no pickup offered
		await pickup.openByCode(DEMO_EXPIRED_RESERVATION.code);
		await expect(pickup.state).toHaveText('Expired');
		await expect(pickup.hold).toContainText('cannot be picked up (RSV-2)');
		await expect(pickup.completeButton).toHaveCount(0);
		await expect(page.getByTestId('id-check')).toHaveCount(0);
		await screen(page, `reservation-expired-${vp}`);

		// refused with a reason, still held; then cancelled at the counter (RSV-4)
		await pickup.openByCode(code);
		await expect(pickup.state).toHaveText('Held');
		await page.getByLabel('Reason').selectOption({ label: 'No valid ID shown' });
		await page.getByRole('button', { name: 'Refuse', exact: true }).click();
		await expect(page.getByTestId('reservation-services')).toContainText(
			'refused: No valid ID shown'
		);
		await expect(pickup.state).toHaveText('Held');
		await pickup.cancel();
		await expect(pickup.state).toHaveText('Cancelled');
		await expect(pickup.completeButton).toHaveCount(0);
		await screen(page, `reservation-cancelled-${vp}`);
		await synced(page);
		expect((await serverReservation(baseURL!, id))?.status).toBe('cancelled');
		await context.close();
	});
}
