import { expect, request, type APIRequestContext, type Page } from '@playwright/test';

/**
 * Page models of the rental and reservation screens, the reservation integration API (with the
 * demo keys of src/lib/server/integrations/demo-keys.ts), and what the tablet keeps and sends.
 */

export {
	DEMO_EXPIRED_RESERVATION,
	DEMO_INTEGRATION_KEYS
} from '../../../src/lib/server/integrations/demo-keys';

/** Shared by the rental and the pickup screens: the ID check (AGE-2) and AGE-3 questions. */
export class CounterChecks {
	constructor(protected readonly page: Page) {}

	async checkId(
		opts: { type?: string; last?: string; copy?: boolean; askOriginal?: boolean } = {}
	) {
		const id = this.page.getByTestId('id-check');
		await id.getByLabel('ID checked in person').check();
		await id.getByLabel('Document type').selectOption({ label: opts.type ?? 'ID card' });
		await id.getByLabel(/Last characters/).fill(opts.last ?? '7K2Q');
		if (opts.askOriginal !== false)
			await id.getByLabel(opts.copy ? 'A copy or photo' : 'Original document').check();
	}

	async answerAge3(opts: { minor?: boolean; user?: boolean; pregnant?: boolean } = {}) {
		const yesNo = (v: boolean) => (v ? 'Yes' : 'No');
		const q = (name: string) => this.page.getByRole('radiogroup', { name });
		await q('Did you learn that the person is under 18?')
			.getByLabel(yesNo(opts.minor ?? false))
			.check();
		await q('Does the person use tobacco or nicotine products?')
			.getByLabel(yesNo(opts.user ?? true))
			.check();
		await q('Is the person pregnant?')
			.getByLabel(yesNo(opts.pregnant ?? false))
			.check();
	}

	get verdict() {
		return this.page.getByTestId('action-verdict');
	}

	reason(rule: string) {
		return this.verdict.locator(`li[data-rule="${rule}"]`);
	}
}

export class RentalStartPage extends CounterChecks {
	async open(customerId: string) {
		await this.page.goto(`/customers/${customerId}/rental`);
	}

	get eligibility() {
		return this.page.getByTestId('rental-eligibility');
	}

	get notOffered() {
		return this.page.getByTestId('rental-not-offered');
	}

	get startButton() {
		return this.page.getByRole('button', { name: 'Start rental' });
	}

	async fillContract(
		opts: { model?: string; serial?: string; days?: number; price?: string } = {}
	) {
		await this.page.getByLabel('Model').selectOption({ label: opts.model ?? 'ILUMA ONE' });
		await this.page.getByLabel('Serial of the unit handed over').fill(opts.serial ?? 'GERENTX001');
		await this.page.getByLabel('Length (days)').fill(String(opts.days ?? 14));
		await this.page.getByLabel(/^Price/).fill(opts.price ?? '30.00');
		await this.page.getByLabel(/The customer read the return terms/).check();
	}

	/** Draws a signature with the mouse on the canvas (pointer events). */
	async sign() {
		const pad = this.page.getByTestId('signature-pad');
		await pad.scrollIntoViewIfNeeded();
		const box = (await pad.boundingBox())!;
		const at = (fx: number, fy: number) =>
			[box.x + box.width * fx, box.y + box.height * fy] as const;
		await this.page.mouse.move(...at(0.1, 0.6));
		await this.page.mouse.down();
		for (const [fx, fy] of [
			[0.2, 0.3],
			[0.3, 0.7],
			[0.45, 0.25],
			[0.6, 0.65],
			[0.8, 0.35]
		] as const)
			await this.page.mouse.move(...at(fx, fy), { steps: 4 });
		await this.page.mouse.up();
		await expect(this.page.getByText('✓ Signed')).toBeVisible();
	}

	/** Everything a valid rental needs, with the given variations. */
	async fillAll(
		opts: { copy?: boolean; pregnant?: boolean; user?: boolean; serial?: string } = {}
	) {
		await this.checkId({ copy: opts.copy });
		await this.answerAge3({ pregnant: opts.pregnant, user: opts.user });
		await this.fillContract({ serial: opts.serial });
		await this.sign();
	}

	get contract() {
		return this.page.getByTestId('contract');
	}
}

export class RentalPage {
	constructor(private readonly page: Page) {}

	async open(rentalId: string) {
		await this.page.goto(`/rentals/${rentalId}`);
	}

	get status() {
		return this.page.getByTestId('rental-status');
	}

	get returnSection() {
		return this.page.getByTestId('rental-return');
	}

	get proposal() {
		return this.page.getByTestId('blacklist-proposal');
	}

	async recordReturn() {
		await this.page.getByRole('button', { name: 'Record the return' }).click();
		await expect(this.page.getByTestId('rental-returned')).toBeVisible();
	}

	async blacklist(reason: string) {
		await this.proposal.getByLabel('Reason for the blacklist (required)').fill(reason);
		await this.proposal.getByRole('button', { name: 'Put the customer on the blacklist' }).click();
		await expect(this.page.getByTestId('blacklisted')).toBeVisible();
	}
}

export class ReservationPages extends CounterChecks {
	async openByCode(code: string) {
		await this.page.goto('/reservations');
		await this.page.getByLabel('Reservation code').fill(code);
		await this.page.getByRole('button', { name: 'Open' }).click();
		await expect(this.page).toHaveURL(
			new RegExp(`/reservations/${code.toUpperCase().replace(/[\s-]/g, '')}$`)
		);
	}

	get state() {
		return this.page.getByTestId('reservation-state');
	}

	get hold() {
		return this.page.getByTestId('hold-left');
	}

	async confirmData() {
		await this.page
			.getByRole('radiogroup', { name: 'Personal data match the reservation' })
			.getByLabel('Yes')
			.check();
		await this.page
			.getByRole('radiogroup', { name: 'Lives in the country' })
			.getByLabel('Yes')
			.check();
	}

	get completeButton() {
		return this.page.getByRole('button', { name: 'Complete pickup' });
	}

	async cancel() {
		await this.page.getByRole('button', { name: 'Cancel the reservation' }).click();
	}
}

/** The integration API as the website would call it (no browser session). */
export async function integrationApi(baseURL: string): Promise<APIRequestContext> {
	return request.newContext({ baseURL });
}

export async function createAndConfirm(
	api: APIRequestContext,
	key: string,
	body: Record<string, unknown>
): Promise<{ id: string; code: string; expiresAt: string }> {
	const headers = { Authorization: `Bearer ${key}` };
	const created = await api.post('/api/integrations/reservations', { headers, data: body });
	expect(created.status(), await created.text()).toBe(201);
	const { id } = (await created.json()) as { id: string };
	const confirmed = await api.post(`/api/integrations/reservations/${id}/confirm`, { headers });
	expect(confirmed.status()).toBe(200);
	const answer = (await confirmed.json()) as { code: string; expiresAt: string };
	return { id, code: answer.code, expiresAt: answer.expiresAt };
}

/** Every row of every IndexedDB store of the replica, as one JSON string. */
export async function replicaDump(page: Page): Promise<string> {
	return page.evaluate(async () => {
		const open = indexedDB.open('carepoint');
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			open.onsuccess = () => resolve(open.result);
			open.onerror = () => reject(open.error);
		});
		const out: Record<string, unknown[]> = {};
		for (const name of Array.from(db.objectStoreNames)) {
			out[name] = await new Promise<unknown[]>((resolve) => {
				const r = db.transaction(name, 'readonly').objectStore(name).getAll();
				r.onsuccess = () => resolve(r.result as unknown[]);
			});
		}
		db.close();
		return JSON.stringify(out);
	});
}

/** Records the bodies of every push the page sends. */
export function capturePushes(page: Page): string[] {
	const bodies: string[] = [];
	page.on('request', (req) => {
		if (req.url().includes('/api/sync/push')) bodies.push(req.postData() ?? '');
	});
	return bodies;
}
