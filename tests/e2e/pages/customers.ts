import { expect, type Page } from '@playwright/test';

/**
 * Page models of the customer flows (find, card, new customer, device registration, transfer,
 * Care Plus, extended warranty, buy-back, international support) and the demo data they use —
 * seeded by src/lib/server/seed-customers.ts for these tests only.
 */
export const CUSTOMERS_FIXTURES = {
	/** Unregistered GE ILUMA kits: holder GEH…, charger GEC… */
	freeKits: { phone: '1000001', tablet: '1000002' },
	/** GE kits registered to someone else: registration refused, transfer offered (REG-2). */
	ownedKits: {
		phone: { n: '1000011', owner: 'Levan Gelashvili' },
		tablet: { n: '1000012', owner: 'Ana Lomidze' }
	},
	/** GE customers with a kit bought 30 days ago (EXT). */
	extended: {
		phone: { id: 'ge-cus-03', holder: 'GEH1000021' },
		tablet: { id: 'ge-cus-04', holder: 'GEH1000022' }
	},
	/** HU customers inside the 14-day buy-back, and one outside it. */
	buyBack: {
		phone: { id: 'hu-cus-01', holder: 'HUH1000001' },
		tablet: { id: 'hu-cus-02', holder: 'HUH1000002' },
		late: { id: 'hu-cus-03', holder: 'HUH1000003' }
	},
	/** BG new users with an IQOS 3 DUO kit bought today, not in Care Plus. */
	carePlus: {
		phone: { id: 'bg-cus-01', name: 'Ivan Petrov' },
		tablet: { id: 'bg-cus-02', name: 'Maria Georgieva' }
	},
	blacklistedId: 'ge-c-003',
	gtin: '7622100100034'
} as const;

export class FindPage {
	constructor(private readonly page: Page) {}
	async search(text: string) {
		await this.page.goto('/find');
		await this.page.getByLabel('Phone, name, reservation code or serial').fill(text);
		await this.page.getByRole('button', { name: 'Search' }).click();
	}
	get results() {
		return this.page.getByTestId('customer-result');
	}
}

export class NewCustomerPage {
	constructor(private readonly page: Page) {}
	async open() {
		await this.page.goto('/customers/new');
	}
	async fill(first: string, last: string, phone: string, dateOfBirth: string) {
		await this.page.getByLabel('First name').fill(first);
		await this.page.getByLabel('Last name').fill(last);
		await this.page.getByLabel('Phone').fill(phone);
		await this.page.getByLabel(/Date of birth/).fill(dateOfBirth);
	}
	get ageSummary() {
		return this.page.getByTestId('age-summary');
	}
	get ageReason() {
		return this.page.getByTestId('age-check').locator('li[data-rule="AGE-1"]');
	}
	get submit() {
		return this.page.getByRole('button', { name: 'Register customer' });
	}
}

export class CustomerCardPage {
	constructor(private readonly page: Page) {}
	async open(id: string) {
		await this.page.goto(`/customers/${id}`);
		await expect(this.name).toBeVisible();
	}
	get name() {
		return this.page.getByTestId('customer-name');
	}
	get units() {
		return this.page.getByTestId('unit');
	}
	get history() {
		return this.page.getByTestId('customer-history').getByTestId('history-item');
	}
	async registerSerial(serial: string) {
		await this.page.getByLabel(/Register a device — type or scan/).fill(serial);
		await this.page.getByRole('button', { name: 'Register a device' }).click();
	}
}

/** The verdict box of an action (ActionVerdict) and the yes/no questions of a form. */
export class ActionPage {
	constructor(private readonly page: Page) {}
	get verdict() {
		return this.page.getByTestId('action-verdict');
	}
	get summary() {
		return this.verdict.locator('.summary');
	}
	reason(rule: string) {
		return this.verdict.locator(`li[data-rule="${rule}"]`);
	}
	async answer(name: string, yes: boolean) {
		await this.page
			.getByTestId(`q-${name}`)
			.getByLabel(yes ? 'Yes' : 'No', { exact: true })
			.check();
	}
	async confirm(button: string, notice: RegExp | string) {
		await this.page.getByRole('button', { name: button }).click();
		await expect(this.page.getByRole('status').filter({ hasText: notice })).toBeVisible();
	}
}
