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
 * The app shell, precached with workbox: every built asset, the static files and the
 * prerendered shell page. Every navigation is answered with that shell from the cache (the UI
 * renders in the browser from IndexedDB), so the app starts with no network. API calls are
 * never cached: data comes from IndexedDB, and a stale API answer would be a lie.
 */
declare const self: ServiceWorkerGlobalScope;

precacheAndRoute([...build, ...files, ...prerendered].map((url) => ({ url, revision: version })));
cleanupOutdatedCaches();

registerRoute(
	new NavigationRoute(createHandlerBoundToURL('/'), {
		denylist: [/^\/api\//]
	})
);

self.addEventListener('install', () => {
	// the first worker takes over at once; later versions wait (update flow: PWA issue)
	if (!self.registration.active) void self.skipWaiting();
});
// the first worker controls the open page at once, so it already works offline
clientsClaim();
