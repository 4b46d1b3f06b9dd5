import { expect, type APIRequestContext, type Page } from '@playwright/test';

/**
 * Page models of the swap flow (/device/[serial]/swap), the receipt (/services/[id]/receipt) and
 * the stock page (/stock), and the server's view of units through a fresh pull.
 */

export interface Unit {
	serial: string;
	deviceId: string;
	modelId: string;
	part: 'device' | 'holder' | 'charger';
	customerId: string | null;
	purchasedOn: string | null;
	extendedWarrantyUntil?: string | null;
	atPosId?: string | null;
	condition?: 'ok' | 'faulty' | 'returned';
}
interface Customer {
	id: string;
	firstName: string;
	lastName: string;
	dateOfBirth: string;
	registered: boolean;
	blacklisted: boolean;
}
interface Service {
	id: string;
	customerId: string;
	type: string;
	status: string;
	details: Record<string, unknown>;
}

export async function serverView(api: APIRequestContext) {
	const response = await api.get(`/api/sync/pull?clientGroupId=${crypto.randomUUID()}&cookie=0`);
	expect(response.status()).toBe(200);
	const body = (await response.json()) as {
		patch: { op: string; table: string; value: unknown }[];
	};
	const rows = <T>(table: string) =>
		body.patch.filter((op) => op.op === 'put' && op.table === table).map((op) => op.value as T);
	return {
		customers: rows<Customer>('customers'),
		components: rows<Unit>('components'),
		services: rows<Service>('services')
	};
}

const TWO_PIECE_CURRENT = ['iluma', 'iluma-prime', 'iqos-3-duo'];
const RESERVED = new Set(['ge-c-001', 'ge-c-002', 'ge-c-003', 'ge-c-004']);

const monthsAgo = (months: number, now = new Date()) => {
	const d = new Date(now);
	d.setUTCMonth(d.getUTCMonth() - months);
	return d.toISOString().slice(0, 10);
};

/**
 * GE adults nobody else touched (no service at all), with a two-piece kit of a current model,
 * registered and bought within the last 10 months (WAR-1), in id order.
 */
export function kitsInWarranty(view: Awaited<ReturnType<typeof serverView>>, count: number) {
	const served = new Set(view.services.map((s) => s.customerId));
	const adultBefore = `${new Date().getUTCFullYear() - 19}-01-01`;
	const found: { customer: Customer; holder: Unit; charger: Unit }[] = [];
	const since = monthsAgo(10);
	for (const customer of view.customers
		.filter(
			(c) =>
				c.id.startsWith('ge-') &&
				c.registered &&
				!c.blacklisted &&
				c.dateOfBirth < adultBefore &&
				!served.has(c.id) &&
				!RESERVED.has(c.id)
		)
		.sort((a, b) => a.id.localeCompare(b.id))) {
		const units = view.components.filter((u) => u.customerId === customer.id);
		for (const holder of units.filter((u) => u.part === 'holder')) {
			const charger = units.find((u) => u.part === 'charger' && u.deviceId === holder.deviceId);
			if (
				charger &&
				TWO_PIECE_CURRENT.includes(holder.modelId) &&
				holder.purchasedOn &&
				holder.purchasedOn > since &&
				!holder.extendedWarrantyUntil
			) {
				found.push({ customer, holder, charger });
				break;
			}
		}
		if (found.length === count) return found;
	}
	throw new Error(`fewer than ${count} untouched GE kits in warranty`);
}

/** A GE unit whose warranty ended months ago (no extension). */
export function unitOutOfWarranty(view: Awaited<ReturnType<typeof serverView>>) {
	const before = monthsAgo(14);
	const unit = view.components.find(
		(u) =>
			u.serial.startsWith('GE') &&
			u.customerId !== null &&
			!RESERVED.has(u.customerId) &&
			u.purchasedOn !== null &&
			u.purchasedOn < before &&
			!u.extendedWarrantyUntil
	);
	if (!unit) throw new Error('no GE unit out of warranty');
	return unit;
}

export class SwapPage {
	constructor(private readonly page: Page) {}

	async open(serial: string) {
		await this.page.goto(`/device/${serial}/swap`);
	}

	async fillClaim() {
		await this.page.getByLabel('Symptoms — what does not work?').fill('Does not heat the stick');
		await this.page.getByLabel(/Error lights or messages/).fill('Red light blinks twice');
		await this.page.getByLabel(/Steps tried before/).fill('Reset and charged overnight');
	}

	/** Answers every exclusion point "No", except those given as "Yes". */
	async answerChecklist(yes: string[] = []) {
		const points = this.page.getByTestId('swap-checklist').locator('fieldset');
		const n = await points.count();
		for (let i = 0; i < n; i++) {
			const point = points.nth(i);
			const key = ((await point.getAttribute('data-testid')) ?? '').replace('point-', '');
			if (key === 'serialIntact') await point.getByLabel('Yes, intact').check();
			else await point.getByLabel(yes.includes(key) ? 'Yes' : 'No', { exact: true }).check();
		}
	}

	async markFaulty(serial: string) {
		await this.page.getByTestId('swap-faulty').getByLabel(new RegExp(serial)).check();
	}

	async typeReplacement(serial: string) {
		await this.page.getByLabel(/Replacement serial/).fill(serial);
		await this.page.getByRole('button', { name: 'Use this unit' }).click();
	}

	get verdict() {
		return this.page.getByTestId('action-verdict');
	}

	reason(rule: string) {
		return this.verdict.locator(`li[data-rule="${rule}"]`);
	}

	get confirm() {
		return this.page.getByRole('button', { name: 'Confirm swap' });
	}

	get scanError() {
		return this.page.getByTestId('scan-error');
	}
}

export class StockPage {
	constructor(private readonly page: Page) {}

	async open() {
		await this.page.goto('/stock');
	}

	async receive(modelName: string, part: string, serial: string) {
		await this.page.getByLabel('Model', { exact: true }).selectOption({ label: modelName });
		await this.page.getByLabel('Part', { exact: true }).selectOption(part);
		await this.page.getByLabel(/Serial — scan it or type it/).fill(serial);
		await this.page.getByRole('button', { name: 'Add', exact: true }).click();
		await expect(this.page.getByTestId('receive-batch')).toContainText(serial);
		await this.page.getByRole('button', { name: /Receive 1 unit/ }).click();
		await expect(this.page.getByRole('status').filter({ hasText: 'received' })).toBeVisible();
	}

	get faulty() {
		return this.page.getByTestId('faulty-unit');
	}

	get units() {
		return this.page.getByTestId('stock-unit');
	}
}
