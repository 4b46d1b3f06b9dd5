/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, prerendered, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import {
	cleanupOutdatedCaches,
	createHandlerBoundToURL,
	precacheAndRoute
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/**
 * The app shell, precached with workbox: every file of the client build (JS, CSS, the barcode
 * decoder's Web Worker and its .wasm — scripts/pwa-build.js makes sure SvelteKit lists those
 * too), the static files (manifest, icons) and the prerendered shell page. Every navigation is
 * answered with that shell from the cache (the UI renders in the browser from IndexedDB), so
 * the app starts with no network. API calls are never handled here, so never cached: data comes
 * from IndexedDB, and a stale API answer would be a lie.
 *
 * Updates: the first worker takes over at once; a later version installs in the background and
 * waits until the page asks it to take over (`SKIP_WAITING` from workbox-window's
 * `messageSkipWaiting()`), which the page does only when staff choose to reload and no write is
 * in progress (src/lib/ui/pwa/update.svelte.ts).
 */
declare const self: ServiceWorkerGlobalScope;

/** Content-hashed build files never change under their name; everything else is per version. */
const immutable = (url: string) => url.includes('/_app/immutable/');

precacheAndRoute(
	[...build, ...files, ...prerendered]
		// SvelteKit's version file must always come from the network
		.filter((url) => !url.endsWith('/_app/version.json'))
		.map((url) => ({ url, revision: immutable(url) ? null : version }))
);
cleanupOutdatedCaches();

// the start_url has a shell of its own that already preloads the scan screen's code
registerRoute(
	new NavigationRoute(createHandlerBoundToURL('/scan'), {
		allowlist: [/^\/scan\/?(\?|$)/]
	})
);
registerRoute(
	new NavigationRoute(createHandlerBoundToURL('/'), {
		denylist: [/^\/api\//]
	})
);

self.addEventListener('install', () => {
	// the very first worker takes over at once; later versions wait for the page's go-ahead
	if (!self.registration.active) void self.skipWaiting();
});

self.addEventListener('message', (event: ExtendableMessageEvent) => {
	if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// the active worker controls every open page at once, so the first visit already works offline
clientsClaim();
