/**
 * Bundles bench/scale/browser-entry.ts (the app's replica, queries, mutators and sync engine)
 * into one ES module, bench/.out/bench-browser.js, minified like the app's own build.
 */
import { build } from 'vite';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BUNDLE = resolve(ROOT, 'bench', '.out', 'bench-browser.js');

export async function buildBrowserBundle() {
	await build({
		configFile: false,
		logLevel: 'error',
		root: ROOT,
		// BENCH_APP_ROOT: another checkout's app code (before/after comparisons)
		resolve: { alias: { $lib: resolve(process.env.BENCH_APP_ROOT ?? ROOT, 'src/lib') } },
		build: {
			outDir: resolve(ROOT, 'bench', '.out'),
			emptyOutDir: false,
			// BENCH_MINIFY=0: readable function names in a profile
			minify: process.env.BENCH_MINIFY !== '0',
			lib: {
				entry: resolve(ROOT, 'bench/scale/browser-entry.ts'),
				formats: ['es'],
				fileName: () => 'bench-browser.js'
			}
		}
	});
	return BUNDLE;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await buildBrowserBundle());
