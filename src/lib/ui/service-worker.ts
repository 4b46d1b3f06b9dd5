import { Workbox } from 'workbox-window';

/**
 * Registers the workbox service worker that precaches the app shell, so the app starts with no
 * network. Update prompts come with the PWA issue; for now a new worker waits until every tab
 * of the old version is closed (workbox's default), so no reload ever happens mid-action.
 */
export function registerServiceWorker(): void {
	if (!('serviceWorker' in navigator)) return;
	const wb = new Workbox('/service-worker.js');
	wb.register().catch((error: unknown) => {
		console.warn('service worker registration failed', error);
	});
}
