import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstMessageIds, lazyLocales } from '../../../scripts/lazy-locales.js';
import { locales } from '$lib/paraglide/runtime';
import {
	loaded,
	loadLocale,
	loadWholeLocale,
	localised,
	wholeLocaleLoaded
} from './locale-messages';

const INDEX = 'src/lib/paraglide/messages/_index.js';
const ID = `${process.cwd()}/${INDEX}`;

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const FIRST = ['src/routes/+layout.svelte', 'src/lib/ui/lock'];
/** The plugin as `vite dev` (serve) or `vite build` runs it. */
const plugin = (command: 'serve' | 'build', first: string[] = []) => {
	const p = lazyLocales({
		project: './project.inlang',
		outdir: './src/lib/paraglide',
		loader: '$lib/ui/locale-messages',
		first
	});
	const context = {
		error: (message: string) => {
			throw new Error(message);
		}
	};
	const call = (hook: unknown, ...args: unknown[]) => (hook as Hook).call(context, ...args);
	call(p.configResolved, { command });
	return {
		transform: (code: string, ssr = false, id = ID) =>
			call(p.transform, code, id, { ssr }) as { code: string } | undefined,
		resolveId: (id: string) => call(p.resolveId, id) as string | undefined,
		load: (id: string) => call(p.load, id) as string | { code: string } | undefined
	};
};

describe('lazy locales (scripts/lazy-locales.js)', () => {
	const index = readFileSync(INDEX, 'utf8');
	const messages = index.match(/^\treturn __en\.\w+\(inputs\)$/gm) ?? [];

	it('in the build, re-exports each message from a module of its own, no language imported', () => {
		const build = plugin('build');
		const out = build.transform(index)?.code ?? '';
		for (const locale of locales) {
			expect(out).not.toContain(`"./${locale}.js"`);
			expect(out).not.toMatch(new RegExp(`\\b__${locale}\\b`));
		}
		expect(messages.length).toBeGreaterThan(100);
		const exports = [...out.matchAll(/^export \{ (\w+)(?: as "[^"]+")? \} from "([^"]+)";$/gm)];
		expect(exports).toHaveLength(messages.length);
		expect(out).toContain(
			'export { cln_quotaused1 as "cln_quotaUsed" } from "virtual:carepoint-message/cln_quotaused1"'
		);
		// the message's module: English text, through `localised`
		const id = build.resolveId('virtual:carepoint-message/cln_quotaused1') ?? '';
		const module = build.load(id) ?? '';
		expect(module).toContain('import { localised } from "$lib/ui/locale-messages"');
		expect(module).toMatch(/localised\("cln_quotaused1", \(i\) => \{/);
		expect(module).toContain('cleanings used this month');
		expect(module).not.toContain('import * as registry');
		expect(build.load(build.resolveId('virtual:carepoint-message/lock_wrongpin1') ?? '')).toContain(
			'import * as registry from'
		);
	});

	it('in dev, keeps only the base language in the index; the others come from `loaded`', () => {
		const out = plugin('serve').transform(index)?.code ?? '';
		expect(out).toContain('import * as __en from "./en.js"');
		for (const locale of locales.filter((l) => l !== 'en')) {
			expect(out).not.toContain(`"./${locale}.js"`);
			expect(out).not.toMatch(new RegExp(`\\b__${locale}\\b`));
		}
		expect(out.match(/return \(__loaded\[locale\] \?\? __en\)\.\w+\(inputs\)/g)).toHaveLength(
			messages.length
		);
	});

	it('leaves the server build alone and fails on output it does not know', () => {
		for (const command of ['serve', 'build'] as const) {
			expect(plugin(command).transform(index, true)).toBeUndefined();
			expect(() => plugin(command).transform('export const x = () => "x"')).toThrow(
				/locale-modules/
			);
		}
		// a message whose function changed shape is not silently left in the index
		const changed = index.replace(
			'\treturn __en.cln_quotaused1(inputs)\n',
			'\treturn __en.cln_quotaused1(inputs) ?? ""\n'
		);
		expect(changed).not.toBe(index);
		expect(() => plugin('build').transform(changed)).toThrow(/locale-modules/);
	});

	it("in the build, cuts another language into the first screens' messages and the rest", () => {
		const build = plugin('build', FIRST);
		const file = `${process.cwd()}/src/lib/paraglide/messages/ka.js`;
		const ka = readFileSync(file, 'utf8');
		const first = build.transform(ka, false, file)?.code ?? '';
		// the lock's and the layout's messages, nothing else; the rest by one dynamic import
		expect(first).toContain('export const lock_wrongpin1 = (i) => {');
		expect(first).toContain('export const nav_main = () => {');
		expect(first).toContain('import * as registry from'); // the lock's plural
		expect(first).not.toContain('cln_quotaused1');
		expect(first).toContain(
			'export const __rest = () => import("virtual:carepoint-locale-rest/ka");'
		);
		const rest = build.load(build.resolveId('virtual:carepoint-locale-rest/ka') ?? '');
		const restCode = typeof rest === 'string' ? rest : (rest?.code ?? '');
		expect(restCode).toContain('export const cln_quotaused1 = (i) => {');
		expect(restCode).not.toContain('lock_wrongpin1');
		// every function once, in one part or the other
		const count = (code: string) => code.match(/^export const (?!__rest)\w+ = /gm)?.length ?? 0;
		expect(count(first) + count(restCode)).toBe(ka.match(/^export const /gm)?.length);
		expect(count(first)).toBeLessThan(50);
		// the base language, the server build and a build without `first` keep a language whole
		expect(
			build.transform(
				readFileSync(file.replace('ka.js', 'en.js'), 'utf8'),
				false,
				file.replace('ka.js', 'en.js')
			)
		).toBeUndefined();
		expect(build.transform(ka, true, file)).toBeUndefined();
		expect(plugin('build').transform(ka, false, file)).toBeUndefined();
		expect(plugin('serve', FIRST).transform(ka, false, file)).toBeUndefined();
	});

	it("finds the first screens' messages by their keys in the source", () => {
		const ids = firstMessageIds(INDEX, FIRST);
		// `m.lock_wrongPin` is exported as `lock_wrongpin1`; `m.nav_main` is its own id
		for (const id of ['lock_wrongpin1', 'lock_title', 'pin_save', 'nav_main', 'lang_menu'])
			expect(ids).toContain(id);
		expect(ids).not.toContain('cln_quotaused1');
		expect(() => firstMessageIds(INDEX, ['src/lib/domain/roles.ts'])).toThrow(/no messages/);
	});

	it('loads a language by its chunk, and a message reads in it once loaded', async () => {
		const message = localised('cln_quotaused1', () => 'English');
		const inputs = { used: 1, limit: 2, nextFrom: 'x' };
		expect(message(inputs, { locale: 'ka' })).toBe('English');
		expect(loaded.ka).toBeUndefined();
		await loadLocale('ka');
		expect(loaded.ka?.cln_quotaused1?.(inputs)).toContain('ამ თვეში');
		expect(message(inputs, { locale: 'ka' })).toContain('ამ თვეში');
		expect(message(inputs, { locale: 'en' })).toBe('English');
		await loadLocale('en');
		expect(loaded.en).toBeUndefined();
		// unsplit (as in the unit tests and dev), the whole language is its first part
		expect(wholeLocaleLoaded('ka')).toBe(true);
		expect(wholeLocaleLoaded('lv')).toBe(false);
		await loadWholeLocale('lv');
		expect(loaded.lv?.cln_quotaused1?.(inputs)).toBeTruthy();
		expect(wholeLocaleLoaded('lv')).toBe(true);
		await loadWholeLocale('en');
		expect(wholeLocaleLoaded('en')).toBe(true);
	});
});
