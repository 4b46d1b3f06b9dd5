import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizePath } from 'vite';

/**
 * One language in the first load, the others on demand (PWA issue: first-load JS < 120 KB).
 *
 * Paraglide JS 2 puts every language into every message function, and the app looks messages up
 * by key (lib/ui/messages.ts), so a build would carry all six languages from the start. Compiled
 * with `outputStructure: 'locale-modules'`, Paraglide writes one module per language
 * (`messages/{locale}.js`) and a `messages/_index.js` that imports them all and picks one per
 * call. In the browser build this plugin keeps the base language's import and turns the others
 * into lookups in `loaded` of `lib/ui/locale-messages.ts`, which fills them by dynamic import:
 * each language is its own chunk, a build asset the service worker precaches, so switching
 * works offline. Until a language has loaded its messages read in the base language.
 *
 * The server build and the unit tests (SSR transform) keep Paraglide's output as it is.
 * Paraglide output this plugin does not recognise fails the build, never silently.
 *
 * @param {{ project: string; outdir: string; loader: string }} options `project` and `outdir` as
 *   given to Paraglide; `loader` is the module that exports `loaded`
 * @returns {import('vite').Plugin}
 */
export function lazyLocales({ project, outdir, loader }) {
	/** @type {{ baseLocale: string }} */
	const { baseLocale } = JSON.parse(readFileSync(join(project, 'settings.json'), 'utf8'));
	const index = normalizePath(`${outdir.replace(/^\.\//, '')}/messages/_index.js`);
	return {
		name: 'carepoint:lazy-locales',
		transform(code, id, options) {
			if (options?.ssr || !normalizePath(id.replace(/\?.*$/, '')).endsWith(index)) return;
			const imports = [...code.matchAll(/^import \* as (__\w+) from "\.\/([\w-]+)\.js";?$/gm)];
			const base = imports.find(([, , locale]) => locale === baseLocale)?.[1];
			const others = imports.filter(([, , locale]) => locale !== baseLocale);
			// each message: `if (locale === "lv") return __lv.id(inputs)` per language, then
			// `return __en.id(inputs)` — becomes one lookup in the loaded table, else the base
			const dispatch = new RegExp(
				`(?:\\tif \\(locale === "[\\w-]+"\\) return (?:${others.map(([, name]) => name).join('|')})\\.\\w+\\(inputs\\)\\n)+\\treturn ${base}\\.(\\w+)\\(inputs\\)\\n`,
				'g'
			);
			let out = code.replace(
				dispatch,
				(_, message) => `\treturn (__loaded[locale] ?? ${base}).${message}(inputs)\n`
			);
			for (const [line] of others) out = out.replace(line, '');
			const left = others.find(([, name]) => new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(out));
			if (!base || others.length === 0 || left)
				this.error(
					`${index}: Paraglide output not recognised (compile with outputStructure 'locale-modules'; ${left?.[1] ?? 'no per-language imports'})`
				);
			return {
				code: `import { loaded as __loaded } from ${JSON.stringify(loader)};\n${out}`,
				map: null
			};
		}
	};
}
