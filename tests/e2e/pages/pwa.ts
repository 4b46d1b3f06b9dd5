import { expect, type BrowserContext, type Page } from '@playwright/test';

/** The app as an installed PWA: service worker, manifest, update prompt, offline banner. */
export class Pwa {
	constructor(
		private readonly page: Page,
		private readonly context: BrowserContext
	) {}

	get offlineBanner() {
		return this.page.getByTestId('offline-banner');
	}

	get updatePrompt() {
		return this.page.getByTestId('update-prompt');
	}

	/** Chromium's own verdict: an empty list means the app can be installed. */
	async installabilityErrors(): Promise<{ errorId: string }[]> {
		const cdp = await this.context.newCDPSession(this.page);
		const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
			installabilityErrors: { errorId: string }[];
		};
		await cdp.detach();
		return installabilityErrors;
	}

	/** The manifest as Chromium parsed it, with its parse errors. */
	async appManifest() {
		const cdp = await this.context.newCDPSession(this.page);
		const result = (await cdp.send('Page.getAppManifest')) as {
			url: string;
			errors: { message: string }[];
			data?: string;
		};
		await cdp.detach();
		return result;
	}

	/** Scope and state of the active service worker, read in the page. */
	async activeWorker() {
		return this.page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			return {
				scope: new URL(registration.scope).pathname,
				state: registration.active?.state,
				controlled: navigator.serviceWorker.controller !== null
			};
		});
	}

	/** What the service worker precached, read from Cache Storage. */
	async precachedPaths(): Promise<string[]> {
		return this.page.evaluate(async () => {
			const paths: string[] = [];
			for (const name of await caches.keys()) {
				const cache = await caches.open(name);
				for (const request of await cache.keys()) paths.push(new URL(request.url).pathname);
			}
			return paths;
		});
	}

	/** Makes the registration look for a new service worker now (as the 30-minute check does). */
	async checkForUpdate() {
		await this.page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			await registration?.update();
		});
	}

	async reloadIntoNewVersion() {
		await expect(this.updatePrompt).toContainText('New version ready');
		await Promise.all([
			this.page.waitForEvent('load'),
			this.updatePrompt.getByRole('button', { name: 'Reload now' }).click()
		]);
	}
}
