import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { normalizePath } from 'vite';

const MESSAGE = 'virtual:carepoint-message/';
const REST = 'virtual:carepoint-locale-rest/';
/** The export of a language's first part that loads the rest (no message id starts with `_`). */
export const REST_EXPORT = '__rest';
// a function of a compiled `messages/{locale}.js`: `export const id = /** @type … */ (i) => {…};`
const FUNCTION = /^export const (\w+) = \/\*\*.*?\*\/ (\(\w*\) => \{[\s\S]*?\n\});$/gm;

/**
 * One language in the first load, the others on demand, and of that language only the messages
 * a screen uses (PWA issue: first-load JS < 120 KB).
 *
 * Paraglide JS 2 puts every language into every message function, so a build would carry all
 * six languages from the start. Compiled with `outputStructure: 'locale-modules'`, Paraglide
 * writes one module per language (`messages/{locale}.js`) and a `messages/_index.js` that
 * imports them all and picks one per call. In the browser build this plugin rewrites that index:
 *
 * - `vite build`: every message becomes a module of its own (`virtual:carepoint-message/<id>`)
 *   holding the base language's text, wrapped by `localised()` of `lib/ui/locale-messages.ts`,
 *   and the index re-exports each. A module lands in exactly one chunk, so one module for all of
 *   English put all 896 texts in the first load; one per message lets Rollup place each text with
 *   the screens that use it. Components keep calling `m.key()`.
 * - `vite dev`: the index keeps the base language's module whole (one request, not 896).
 *
 * Either way the other languages become lookups in `loaded` of `lib/ui/locale-messages.ts`,
 * which `loadLocale()` fills by dynamic import: each language is its own chunk, a build asset the
 * service worker precaches, so switching works offline. Until a language has loaded its messages
 * read in the base language.
 *
 * - `vite build`, the other languages: each `messages/{locale}.js` is cut in two. The module
 *   itself keeps only the messages of the first screens — those the files and folders in `first`
 *   name as `m.key` (the layout and the lock: a cold start shows the lock in the staff member's
 *   language, ~30 of ~900 messages) — and exports `__rest`, which imports the others from a chunk
 *   of their own (`virtual:carepoint-locale-rest/<locale>`). The lock no longer waits for a whole
 *   language (Georgian: 280 KB raw) to be fetched and evaluated; `loadLocale()` loads the rest
 *   right after the first part.
 *
 * The server build and the unit tests (SSR transform) keep Paraglide's output as it is.
 * Paraglide output this plugin does not recognise fails the build, never silently ships all.
 *
 * @param {{ project: string; outdir: string; loader: string; first?: string[] }} options
 *   `project` and `outdir` as given to Paraglide; `loader` is the module that exports `loaded` and
 *   `localised`; `first` the source files and folders whose messages the other languages load
 *   first (none: each language is one chunk)
 * @returns {import('vite').Plugin}
 */
export function lazyLocales({ project, outdir, loader, first = [] }) {
	/** @type {{ baseLocale: string }} */
	const { baseLocale } = JSON.parse(readFileSync(join(project, 'settings.json'), 'utf8'));
	const index = normalizePath(`${outdir.replace(/^\.\//, '')}/messages/_index.js`);
	/** `messages/{locale}.js` beside the index: the locale, else undefined */
	const localeOf = (/** @type {string} */ file) => {
		const dir = file.slice(0, file.lastIndexOf('/') + 1);
		return dir.endsWith(`/${index.slice(0, -'_index.js'.length)}`)
			? /^([\w-]+)\.js$/.exec(file.slice(dir.length))?.[1]
			: undefined;
	};
	let split = false;
	/** @type {Set<string> | undefined} compiled ids of the first screens' messages */
	let firstIds;
	/** @type {Map<string, string>} each other language's remaining functions, by locale */
	const rest = new Map();
	/** @type {Map<string, string> | undefined} the base language's functions by message id */
	let base;
	/** @type {string | undefined} */
	let registry;
	return {
		name: 'carepoint:lazy-locales',
		configResolved(config) {
			split = config.command === 'build';
		},
		buildStart() {
			base = undefined;
			firstIds = undefined;
			rest.clear();
		},
		resolveId(id) {
			if (id.startsWith(MESSAGE) || id.startsWith(REST)) return `\0${id}`;
		},
		load(id) {
			if (id.startsWith(`\0${REST}`)) {
				const code = rest.get(id.slice(REST.length + 1));
				if (code === undefined) return this.error(`${id}: its language's first part was not built`);
				// as the first part (`splitLocale`): merged by size, the two would be one chunk again
				return { code, moduleSideEffects: 'no-treeshake' };
			}
			if (!id.startsWith(`\0${MESSAGE}`)) return;
			const message = id.slice(MESSAGE.length + 1);
			const fn = base?.get(message);
			if (!fn || !registry) return this.error(`${index}: no ${baseLocale} text for ${message}`);
			const imports = [`import { localised } from ${JSON.stringify(loader)};`];
			if (/\bregistry\./.test(fn))
				imports.push(`import * as registry from ${JSON.stringify(registry)};`);
			return `${imports.join('\n')}\nexport const ${message} = /* @__PURE__ */ localised(${JSON.stringify(message)}, ${fn});\n`;
		},
		transform(code, id, options) {
			const file = normalizePath(id.replace(/\?.*$/, ''));
			if (options?.ssr) return;
			const locale = localeOf(file);
			if (split && first.length > 0 && locale && locale !== baseLocale && locale !== '_index')
				return splitLocale(code, file, locale);
			if (!file.endsWith(index)) return;
			const imports = [...code.matchAll(/^import \* as (__\w+) from "\.\/([\w-]+)\.js";?$/gm)];
			const baseName = imports.find(([, , locale]) => locale === baseLocale)?.[1];
			const others = imports.filter(([, , locale]) => locale !== baseLocale);
			const fail = (/** @type {string} */ why) =>
				this.error(
					`${index}: Paraglide output not recognised (compile with outputStructure 'locale-modules'; ${why})`
				);
			if (!baseName || others.length === 0) return fail('no per-language imports');
			const names = [baseName, ...others.map(([, name]) => name)].join('|');
			if (split) return splitIndex(code, file, baseName, names, others, fail);
			// each message: `if (locale === "lv") return __lv.id(inputs)` per language, then
			// `return __en.id(inputs)` — becomes one lookup in the loaded table, else the base
			const dispatch = new RegExp(
				`(?:\\tif \\(locale === "[\\w-]+"\\) return (?:${others.map(([, name]) => name).join('|')})\\.\\w+\\(inputs\\)\\n)+\\treturn ${baseName}\\.(\\w+)\\(inputs\\)\\n`,
				'g'
			);
			let out = code.replace(
				dispatch,
				(_, message) => `\treturn (__loaded[locale] ?? ${baseName}).${message}(inputs)\n`
			);
			for (const [line] of others) out = out.replace(line, '');
			const left = others.find(([, name]) => new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(out));
			if (left) return fail(left[1] ?? '');
			return {
				code: `import { loaded as __loaded } from ${JSON.stringify(loader)};\n${out}`,
				map: null
			};
		}
	};

	/**
	 * A language other than the base one as its first screens' messages, plus `__rest` to import
	 * the others (kept for `load` of `virtual:carepoint-locale-rest/<locale>`).
	 *
	 * @param {string} code
	 * @param {string} file
	 * @param {string} locale
	 */
	function splitLocale(code, file, locale) {
		firstIds ??= firstMessageIds(join(dirname(file), '_index.js'), first);
		const registry = JSON.stringify(normalizePath(join(dirname(dirname(file)), 'registry.js')));
		/** @type {string[]} */
		const now = [];
		/** @type {string[]} */
		const later = [];
		let count = 0;
		for (const [, id, fn] of code.matchAll(FUNCTION)) {
			count++;
			(firstIds.has(id ?? '') ? now : later).push(`export const ${id} = ${fn};`);
		}
		const declared = code.match(/^export const /gm)?.length ?? 0;
		if (count === 0 || count !== declared || code.includes(REST_EXPORT))
			return buildError(
				`${file}: ${count} of ${declared} functions recognised (Paraglide output changed?)`
			);
		const head = (/** @type {string[]} */ fns) =>
			fns.some((fn) => /\bregistry\./.test(fn)) ? [`import * as registry from ${registry};`] : [];
		rest.set(locale, [...head(later), ...later].join('\n') + '\n');
		return {
			code: [
				...head(now),
				...now,
				`export const ${REST_EXPORT} = () => import(${JSON.stringify(REST + locale)});`
			].join('\n'),
			map: null,
			// kept whole and counted as having effects, as the rest: Rollup's size-based merge
			// (`experimentalMinChunkSize`) folds a small chunk into another when the code that then
			// loads along has no effects — the first part (3–4 KB) joined a chunk of the first load,
			// or its language's rest
			moduleSideEffects: 'no-treeshake'
		};
	}

	/**
	 * The index as re-exports of one module per message; reads the base language's functions
	 * from `{baseLocale}.js` beside it for `load`.
	 *
	 * @param {string} code
	 * @param {string} file
	 * @param {string} baseName
	 * @param {string} names
	 * @param {RegExpExecArray[]} others
	 * @param {(why: string) => never} fail
	 */
	function splitIndex(code, file, baseName, names, others, fail) {
		const source = readFileSync(join(dirname(file), `${baseLocale}.js`), 'utf8');
		registry = normalizePath(join(dirname(dirname(file)), 'registry.js'));
		base = new Map();
		for (const [, message, fn] of source.matchAll(
			/^export const (\w+) = \/\*\*.*?\*\/ (\(\w*\) => \{[\s\S]*?\n\});$/gm
		))
			if (message && fn) base.set(message, fn);
		const declared = source.match(/^export const /gm)?.length ?? 0;
		if (base.size === 0 || base.size !== declared)
			return fail(`${base.size} of ${declared} functions read from ${baseLocale}.js`);
		// `[export ]const id = /** @type … */ ((inputs = {}, options = {}) => { const locale = …;
		// if (locale === "lv") return __lv.id(inputs) … return __en.id(inputs) });`, exported as
		// itself or as `export { id as "name" }` — becomes a re-export of the message's module
		const message = new RegExp(
			`^(export )?const (\\w+) = \\/\\*\\*.*?\\*\\/ \\(\\(inputs(?: = \\{\\})?, options = \\{\\}\\) => \\{\\n` +
				`\\tconst locale = experimentalStaticLocale \\?\\? options\\.locale \\?\\? getLocale\\(\\)\\n` +
				`(?:\\tif \\(locale === "[\\w-]+"\\) return (?:${names})\\.\\2\\(inputs\\)\\n)*` +
				`\\treturn ${baseName}\\.\\2\\(inputs\\)\\n\\}\\);\\n` +
				`(?:export \\{ \\2 as ("[^"\\n]*") \\}(?:\\n|$))?`,
			'gm'
		);
		const seen = new Set();
		let out = code.replace(message, (_, exported, id, name) => {
			if (!base?.has(id)) fail(`${id} has no ${baseLocale} function`);
			if (!exported && !name) fail(`${id} is not exported`);
			seen.add(id);
			const from = JSON.stringify(`${MESSAGE}${id}`);
			return exported
				? `export { ${id} } from ${from};\n`
				: `export { ${id} as ${name} } from ${from};\n`;
		});
		if (seen.size !== base.size)
			return fail(`${seen.size} of ${base.size} messages recognised in the index`);
		for (const [line] of [
			...others,
			...code.matchAll(new RegExp(`^import \\* as ${baseName} .*$`, 'gm'))
		])
			out = out.replace(line, '');
		out = out.replace(
			/^import \{ getLocale, experimentalStaticLocale \} from "\.\.\/runtime\.js";?$/m,
			''
		);
		const left = new RegExp(
			`(?<![\\w$])(?:${names}|getLocale|experimentalStaticLocale)(?![\\w$])`
		).exec(out);
		if (left) return fail(`${left[0]} is still used`);
		const local = /^export \{[^}]*\};?$/m.exec(out);
		if (local) return fail(`${local[0]} exports what the index no longer declares`);
		return { code: out, map: null };
	}
}

/** @param {string} message */
function buildError(message) {
	throw new Error(`carepoint:lazy-locales: ${message}`);
}

/**
 * The compiled ids (`lock_wrongpin1`) of the messages the `first` files name as `m.key` or
 * `m['key']`, mapped through Paraglide's index (`export { lock_wrongpin1 as "lock_wrongPin" }`,
 * or `export const nav_main` for a key that is its own id).
 *
 * @param {string} indexFile the compiled `messages/_index.js`
 * @param {string[]} first files and folders (searched for .svelte, .ts, .js)
 * @returns {Set<string>}
 */
export function firstMessageIds(indexFile, first) {
	const source = readFileSync(indexFile, 'utf8');
	/** @type {Map<string, string>} */
	const ids = new Map();
	for (const [, id] of source.matchAll(/^export const (\w+) = /gm)) if (id) ids.set(id, id);
	for (const [, id, key] of source.matchAll(/^export \{ (\w+) as "([^"]+)" \}/gm))
		if (id && key) ids.set(key, id);
	/** @type {Set<string>} */
	const found = new Set();
	const read = (/** @type {string} */ path) => {
		if (statSync(path).isDirectory()) {
			for (const name of readdirSync(path)) read(join(path, name));
			return;
		}
		if (!/\.(svelte|ts|js)$/.test(path) || /\.spec\.ts$/.test(path)) return;
		const text = readFileSync(path, 'utf8');
		for (const [, dotted, quoted] of text.matchAll(/\bm(?:\.(\w+)|\[['"]([^'"]+)['"]\])/g)) {
			const key = dotted ?? quoted ?? '';
			const id = ids.get(key);
			if (id) found.add(id);
		}
	};
	for (const path of first) read(path);
	if (found.size === 0) buildError(`no messages found in ${first.join(', ')}`);
	return found;
}
