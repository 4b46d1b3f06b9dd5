import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lazyLocales } from '../../../scripts/lazy-locales.js';
import { locales } from '$lib/paraglide/runtime';
import { loaded, loadLocale, localised } from './locale-messages';

const INDEX = 'src/lib/paraglide/messages/_index.js';
const ID = `${process.cwd()}/${INDEX}`;

type Hook = (this: unknown, ...args: unknown[]) => unknown;
/** The plugin as `vite dev` (serve) or `vite build` runs it. */
const plugin = (command: 'serve' | 'build') => {
	const p = lazyLocales({
		project: './project.inlang',
		outdir: './src/lib/paraglide',
		loader: '$lib/ui/locale-messages'
	});
	const context = {
		error: (message: string) => {
			throw new Error(message);
		}
	};
	const call = (hook: unknown, ...args: unknown[]) => (hook as Hook).call(context, ...args);
	call(p.configResolved, { command });
	return {
		transform: (code: string, ssr = false) =>
			call(p.transform, code, ID, { ssr }) as { code: string } | undefined,
		resolveId: (id: string) => call(p.resolveId, id) as string | undefined,
		load: (id: string) => call(p.load, id) as string | undefined
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
	});
});
