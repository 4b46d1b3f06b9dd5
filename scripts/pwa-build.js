import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY = 'carepoint:files-outside-the-manifest';

/**
 * Makes SvelteKit's `$service-worker` `build` list hold every file of the client build.
 *
 * SvelteKit fills that list from Vite's manifest, which leaves out what Vite bundles for Web
 * Workers (`new Worker(new URL('./x.worker.ts', import.meta.url))`) and the assets those
 * workers import — such as the barcode decoder's `.wasm`. Without them the decoder would not
 * start offline. After the client build has been written, this plugin adds one extra entry to
 * `.vite/manifest.json` listing every emitted file the manifest does not already name; SvelteKit
 * reads that file back to build the service worker, so the precache is complete.
 *
 * @returns {import('vite').Plugin}
 */
export function precacheEveryBuiltFile() {
	let manifestFile = '.vite/manifest.json';
	let client = false;
	return {
		name: 'carepoint:precache-every-built-file',
		apply: 'build',
		enforce: 'post',
		configResolved(config) {
			client = !config.build.ssr;
			if (typeof config.build.manifest === 'string') manifestFile = config.build.manifest;
		},
		writeBundle(options, bundle) {
			if (!client || !options.dir) return;
			const path = join(options.dir, manifestFile);
			if (!existsSync(path)) return;
			/** @type {Record<string, { file: string; css?: string[]; assets?: string[] }>} */
			const manifest = JSON.parse(readFileSync(path, 'utf8'));
			delete manifest[KEY];
			const listed = new Set();
			for (const entry of Object.values(manifest)) {
				listed.add(entry.file);
				for (const f of entry.css ?? []) listed.add(f);
				for (const f of entry.assets ?? []) listed.add(f);
			}
			const unlisted = Object.keys(bundle)
				.filter((f) => !listed.has(f) && !f.startsWith('.vite/') && !f.endsWith('.map'))
				.sort();
			const [file, ...assets] = unlisted;
			if (file === undefined) return;
			manifest[KEY] = { file, assets };
			writeFileSync(path, JSON.stringify(manifest, null, 2));
		}
	};
}

/**
 * Minifies the browser build with terser (about 2% less gzip than esbuild's minifier — toward
 * the < 120 KB first-load JS budget, docs/benchmarks.md), leaving the server build as SvelteKit
 * makes it, readable in stack traces, and the service worker to SvelteKit's own settings.
 *
 * @returns {import('vite').Plugin}
 */
export function terserForTheBrowser() {
	return {
		name: 'carepoint:terser-for-the-browser',
		apply: 'build',
		config(config) {
			if (config.build?.ssr || config.build?.minify !== undefined) return;
			return { build: { minify: 'terser', terserOptions: { compress: { passes: 2 } } } };
		}
	};
}
