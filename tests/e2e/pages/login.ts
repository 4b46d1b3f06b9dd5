import { expect, type Page } from '@playwright/test';

/** The demo PIN every browser test chooses after its first sign-in on a (fresh) tablet. */
export const TEST_PIN = '482917';

export class LoginPage {
	constructor(private readonly page: Page) {}

	/**
	 * Signs in and, on a fresh tablet, chooses the PIN. The counter speaks the market's language by
	 * default; the tests read English, so the device is set to English (`carepoint:lang`, which the
	 * app reads before the market default) unless `lang: null` keeps the real default.
	 */
	async signIn(
		username: string,
		password = 'demo1234',
		pin = TEST_PIN,
		{ lang = 'en' }: { lang?: string | null } = {}
	) {
		if (lang) {
			await this.page.addInitScript((value) => {
				localStorage.setItem('carepoint:lang', value);
			}, lang);
		}
		await this.page.goto('/login');
		await this.page.getByLabel('Username').fill(username);
		await this.page.getByLabel('Password').fill(password);
		await this.page.getByRole('button', { name: 'Sign in' }).click();
		await expect(this.page).toHaveURL(/\/scan$/);
		// first sign-in of this person on this tablet: choose the PIN for offline unlock
		const setup = this.page.getByTestId('pin-setup');
		const ready = this.page.getByLabel(/Serial number/);
		await expect(setup.or(ready).first()).toBeVisible();
		if (await setup.isVisible()) await new PinPage(this.page).choose(pin);
		await expect(ready).toBeVisible();
	}
}

export class PinPage {
	constructor(private readonly page: Page) {}

	async choose(pin: string) {
		await this.page.getByLabel('New PIN (4–8 digits)').fill(pin);
		await this.page.getByLabel('The same PIN again').fill(pin);
		await this.page.getByRole('button', { name: 'Save PIN' }).click();
		await expect(this.page.getByTestId('pin-setup')).toHaveCount(0);
	}
}

export class LockScreen {
	constructor(private readonly page: Page) {}

	get root() {
		return this.page.getByTestId('lock-screen');
	}

	async unlock(pin: string, who?: string) {
		if (who) await this.root.getByLabel('Who are you?').selectOption({ label: who });
		await this.root.getByLabel('PIN').fill(pin);
		await this.root.getByRole('button', { name: 'Unlock' }).click();
	}
}
