import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MESSAGE_KEYS } from '$lib/domain';
import { m } from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';
import {
	applyStaffLocale,
	chooseLocale,
	i18n,
	localeComplete,
	localeFor,
	MARKET_LOCALE
} from './i18n.svelte';
import { wholeLocaleLoaded } from './locale-messages';
import { messageId, t } from './messages';

/** A message as stored in messages/{locale}.json: a plain text, or a plural with variants. */
type Stored = string | { match: Record<string, string> }[];

const catalogue = (locale: string): Record<string, Stored> => {
	const { $schema: _schema, ...messages } = JSON.parse(
		readFileSync(`messages/${locale}.json`, 'utf8')
	) as Record<string, Stored>;
	return messages;
};

const texts = (message: Stored): string[] =>
	typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match));
const params = (message: Stored): string[] =>
	[...new Set(texts(message).flatMap((text) => text.match(/\{\w+\}/g) ?? []))].sort();

const en = catalogue('en');
const RULE_ID = /\b[A-Z]{2,4}\d?-\d+\b/;

describe('i18n catalogues', () => {
	it('has the six languages', () => {
		expect([...locales].sort()).toEqual(['bg', 'cs', 'en', 'hu', 'ka', 'lv']);
	});

	it('has English for every domain message key', () => {
		for (const key of MESSAGE_KEYS) expect(en[messageId(key)], key).toBeDefined();
	});

	describe.each(locales)('%s', (locale) => {
		const messages = catalogue(locale);

		it('has every key, non-empty, with the same {params} as English', () => {
			for (const [key, english] of Object.entries(en)) {
				const message = messages[key];
				expect(message, `${locale}: ${key} is missing`).toBeDefined();
				if (message === undefined) continue;
				for (const text of texts(message)) expect(text.trim(), `${locale}: ${key}`).not.toBe('');
				expect(params(message), `${locale}: ${key}`).toEqual(params(english));
			}
		});

		it('has no key English lacks', () => {
			expect(Object.keys(messages).filter((key) => !(key in en))).toEqual([]);
		});

		it('covers every plural category of the language (Intl.PluralRules)', () => {
			const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
			for (const [key, message] of Object.entries(messages)) {
				if (typeof message === 'string') continue;
				const cases = Object.keys(message[0]?.match ?? {}).map((c) => c.split('=')[1]);
				for (const category of categories) expect(cases, `${locale}: ${key}`).toContain(category);
			}
		});

		it('keeps rule IDs out of the text (the verdict shows them separately)', () => {
			for (const [key, message] of Object.entries(messages))
				for (const text of texts(message)) expect(text, `${locale}: ${key}`).not.toMatch(RULE_ID);
		});
	});
});

describe('messages through Paraglide', () => {
	afterEach(() => {
		i18n.locale = 'en';
	});

	it('follows the active language, with parameters', () => {
		expect(t('cln.quotaUsed', { used: 2, limit: 2, nextFrom: '2026-12-01' })).toBe(
			'2 of 2 cleanings used this month; next from 2026-12-01.'
		);
		i18n.locale = 'ka';
		expect(t('cln.quotaUsed', { used: 2, limit: 2, nextFrom: '2026-12-01' })).toBe(
			'ამ თვეში გამოყენებულია 2 წმენდა 2-დან; შემდეგი 2026-12-01-დან.'
		);
	});

	it('does plurals per language', () => {
		expect(m.sync_waiting({ count: 1 })).toBe('1 change waiting');
		expect(m.sync_waiting({ count: 2 })).toBe('2 changes waiting');
		i18n.locale = 'cs';
		expect([1, 3, 5].map((count) => m.sync_waiting({ count }))).toEqual([
			'1 změna čeká',
			'3 změny čekají',
			'5 změn čeká'
		]);
		i18n.locale = 'lv';
		expect([0, 1, 2].map((count) => m.sync_waiting({ count }))).toEqual([
			'0 izmaiņu gaida',
			'1 izmaiņa gaida',
			'2 izmaiņas gaida'
		]);
	});

	it("shows a staff member's language, then has the whole of it once asked (`localeComplete`)", async () => {
		// the unit tests load a language whole (no `__rest`: lazy-locales splits only the build)
		await applyStaffLocale({ id: 'x', marketCode: 'HU' });
		expect(i18n.locale).toBe('hu');
		await localeComplete();
		expect(wholeLocaleLoaded('hu')).toBe(true);
		expect(m.nav_lock()).not.toBe('Lock');
		// a choice from the menu: the whole language before it shows
		await chooseLocale(undefined, 'bg');
		expect(i18n.locale).toBe('bg');
		expect(wholeLocaleLoaded('bg')).toBe(true);
	});

	it("defaults to the market's language", () => {
		expect(MARKET_LOCALE).toEqual({ LV: 'lv', HU: 'hu', BG: 'bg', CZ: 'cs', GE: 'ka' });
		expect(localeFor({ id: 'x', marketCode: 'GE' })).toBe('ka');
		expect(localeFor(null)).toBe('en');
	});
});
