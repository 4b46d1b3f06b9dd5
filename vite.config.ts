import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { precacheEveryBuiltFile } from './scripts/pwa-precache.js';

export default defineConfig({
	// precacheEveryBuiltFile: the service worker's precache holds Web Worker bundles and .wasm too
	plugins: [sveltekit(), precacheEveryBuiltFile()],
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
