import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter(),
		// absolute asset paths: the service worker serves the same shell for every URL
		paths: { relative: false },
		// registered by workbox-window in src/lib/ui/service-worker.ts, so updates can be controlled
		serviceWorker: { register: false }
	}
};

export default config;
