import { expect, type Page } from '@playwright/test';

export class LoginPage {
	constructor(private readonly page: Page) {}

	async signIn(username: string, password = 'demo1234') {
		await this.page.goto('/login');
		await this.page.getByLabel('Username').fill(username);
		await this.page.getByLabel('Password').fill(password);
		await this.page.getByRole('button', { name: 'Sign in' }).click();
		await expect(this.page).toHaveURL(/\/scan$/);
	}
}
