import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { precacheEveryBuiltFile, terserForTheBrowser } from './scripts/pwa-build.js';

export default defineConfig({
	// PWA build (scripts/pwa-build.js): the service worker precaches Web Worker bundles and .wasm
	// too; the browser build is minified with terser for the first-load JS budget
	plugins: [sveltekit(), precacheEveryBuiltFile(), terserForTheBrowser()],
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
