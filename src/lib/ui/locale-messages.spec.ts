import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lazyLocales } from '../../../scripts/lazy-locales.js';
import { locales } from '$lib/paraglide/runtime';
import { loaded, loadLocale } from './locale-messages';

const INDEX = 'src/lib/paraglide/messages/_index.js';
const plugin = lazyLocales({
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	loader: '$lib/ui/locale-messages'
});
const transform = (code: string, ssr = false) =>
	(
		plugin.transform as (
			this: unknown,
			code: string,
			id: string,
			options?: { ssr?: boolean }
		) => { code: string } | undefined
	).call(
		{
			error: (message: string) => {
				throw new Error(message);
			}
		},
		code,
		`${process.cwd()}/${INDEX}`,
		{ ssr }
	);

describe('lazy locales (scripts/lazy-locales.js)', () => {
	const index = readFileSync(INDEX, 'utf8');

	it('keeps only the base language in the browser index; the others come from `loaded`', () => {
		const out = transform(index)?.code ?? '';
		expect(out).toContain('import * as __en from "./en.js"');
		for (const locale of locales.filter((l) => l !== 'en')) {
			expect(out).not.toContain(`"./${locale}.js"`);
			expect(out).not.toMatch(new RegExp(`\\b__${locale}\\b`));
		}
		const messages = index.match(/^\treturn __en\.\w+\(inputs\)$/gm) ?? [];
		expect(messages.length).toBeGreaterThan(100);
		expect(out.match(/return \(__loaded\[locale\] \?\? __en\)\.\w+\(inputs\)/g)).toHaveLength(
			messages.length
		);
	});

	it('leaves the server build alone and fails on output it does not know', () => {
		expect(transform(index, true)).toBeUndefined();
		expect(() => transform('export const x = () => "x"')).toThrow(/locale-modules/);
	});

	it('loads a language by its chunk', async () => {
		expect(loaded.ka).toBeUndefined();
		await loadLocale('ka');
		const message = loaded.ka?.cln_quotaused1 as (inputs: object) => string;
		expect(message({ used: 1, limit: 2, nextFrom: 'x' })).toContain('ამ თვეში');
	});
});
