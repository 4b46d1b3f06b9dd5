import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { lazyLocales } from './scripts/lazy-locales.js';
import { precacheEveryBuiltFile, terserForTheBrowser } from './scripts/pwa-build.js';

export default defineConfig({
	// PWA build (scripts/pwa-build.js): the service worker precaches Web Worker bundles and .wasm
	// too; the browser build is minified with terser for the first-load JS budget
	build: {
		rollupOptions: {
			// lib/domain is pure (schemas, rules, no effects at import): a domain module joins a
			// chunk only when one of its exports is used there, not because a barrel
			// (`$lib/domain`) names it — so the first screen leaves zod's schemas out
			treeshake: { moduleSideEffects: (id) => !/\/src\/lib\/domain\//.test(id) }
		}
	},
	// i18n: messages/{locale}.json compiled to src/lib/paraglide (generated, not committed); the
	// locale comes from the signed-in staff member (lib/ui/i18n.svelte.ts), never from the URL;
	// one module per language, so the browser loads only the languages it shows, and English one
	// module per message in the chunks of the screens that show it (scripts/lazy-locales.js) —
	// `npm run i18n` compiles the same way
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['custom-staff', 'baseLocale'],
			outputStructure: 'locale-modules'
		}),
		lazyLocales({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			loader: '$lib/ui/locale-messages',
			// a cold start shows the lock: the other languages load the messages of the layout, the
			// lock and what shows around it (sync bar, offline banner, update prompt) first — ~55 of
			// ~900; Georgian's one chunk was 115 KB — and the rest once the lock is painted
			first: [
				'src/routes/+layout.svelte',
				'src/lib/ui/lock',
				'src/lib/ui/SyncBar.svelte',
				'src/lib/ui/pwa'
			]
		}),
		sveltekit(),
		precacheEveryBuiltFile(),
		terserForTheBrowser(),
		{
			// a first visit on slow 4G waits on round trips (6 connections, ~560 ms each), not
			// bytes: chunks of side-effect-free code under 12 KB join others — the scan screen's
			// first load is 19 files instead of 39, the sign-in screen ~1 s sooner (benchmarks.md;
			// 8 KB gave 22 files and 1.5 KB more gzip once the sign-in schema loaded lazily)
			name: 'carepoint:fewer-browser-chunks',
			apply: 'build',
			config: (config) =>
				config.build?.ssr
					? undefined
					: { build: { rollupOptions: { output: { experimentalMinChunkSize: 12_000 } } } }
		}
	],
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.spec.ts'],
		environment: 'node',
		// the app loads noble's AES lazily (lib/db/crypto/cipher.ts); tests open keys at once
		setupFiles: ['tests/setup-cipher.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
