/**
 * The service worker (src/service-worker.ts) is registered by workbox-window so updates stay
 * under the app's control: see src/lib/ui/pwa/update.svelte.ts for detection, the "New version
 * ready" prompt and the reload that waits for writes in progress.
 */
export { registerServiceWorker } from './pwa/update.svelte';
