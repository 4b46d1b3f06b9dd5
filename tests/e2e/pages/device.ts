import { expect, type Page } from '@playwright/test';

export class ScanPage {
	constructor(private readonly page: Page) {}

	async lookUp(serial: string) {
		await this.page.goto('/scan');
		await this.page.getByLabel(/Serial number/).fill(serial);
		await this.page.getByRole('button', { name: 'Look up' }).click();
	}
}

export class DevicePage {
	constructor(private readonly page: Page) {}

	reason(rule: string) {
		return this.page.locator(`[data-testid="cleaning"] li[data-rule="${rule}"]`).first();
	}

	get ageVerdict() {
		return this.page.getByTestId('age-verdict').locator('li');
	}

	get cleaningSummary() {
		return this.page.getByTestId('cleaning-summary');
	}

	get historyItems() {
		return this.page.getByTestId('history-item');
	}

	async recordCleaning() {
		await this.page.getByRole('button', { name: 'Record cleaning' }).click();
		await expect(
			this.page.getByRole('status').filter({ hasText: 'Cleaning recorded' })
		).toBeVisible();
	}
}
