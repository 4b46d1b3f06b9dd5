import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter(),
		// the shell's CSS (a few KB) is inlined in the HTML instead of three render-blocking
		// requests before the first paint (Lighthouse: render-blocking resources)
		inlineStyleThreshold: 8192,
		// absolute asset paths: the service worker serves the same shell for every URL
		paths: { relative: false },
		// registered by workbox-window in src/lib/ui/service-worker.ts, so updates can be controlled
		serviceWorker: { register: false },
		// No inline script runs without SvelteKit's nonce (dynamic pages) or hash (the prerendered
		// shell). 'wasm-unsafe-eval' lets the barcode decoder compile its WebAssembly; styles may be
		// inline (Svelte transitions), scripts may not.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'media-src': ['self', 'blob:', 'mediastream:'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
