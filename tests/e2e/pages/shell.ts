import { expect, type Page } from '@playwright/test';

/** The sync bar every signed-in screen shows. */
export class Shell {
	constructor(private readonly page: Page) {}

	get state() {
		return this.page.getByTestId('sync-state');
	}

	get pending() {
		return this.page.getByTestId('pending-count');
	}

	async waitForFirstSync() {
		await expect(this.page.getByTestId('last-sync')).not.toHaveText('never', { timeout: 30_000 });
		await expect(this.state).toHaveText('Online');
	}

	/** Waits until a service worker controls the page, so a reload works with no network. */
	async waitForServiceWorker() {
		await this.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, {
			timeout: 30_000
		});
	}
}
