import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGE_KEYS } from '$lib/domain';
import { hasMessage, messageId, t } from './messages';

/** Every file under `dir` whose name ends with one of `endings`, specs left out. */
const files = (dir: string, endings: string[]): string[] =>
	readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((f) => f.isFile() && endings.some((e) => f.name.endsWith(e)))
		.filter((f) => !f.name.endsWith('.spec.ts'))
		.map((f) => join(f.parentPath, f.name));

const english = JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<string, unknown>;

describe('messages', () => {
	it.each(MESSAGE_KEYS)('%s has English text', (key) => {
		const text = t(key, {});
		expect(text).not.toBe(key);
		expect(text.trim().length).toBeGreaterThan(0);
	});

	it('fills parameters into the text', () => {
		expect(t('cln.quotaUsed', { used: 2, limit: 2, nextFrom: '2026-12-01' })).toBe(
			'2 of 2 cleanings used this month; next from 2026-12-01.'
		);
	});

	it('shows a key it has no words for as it is', () => {
		expect(t('forbidden')).toBe('forbidden');
		expect(hasMessage('toString')).toBe(false);
		expect(t('toString')).toBe('toString');
	});

	// t() knows a listed set of keys (the browser build splits the rest by screen): a dotted key
	// the domain returns or a screen passes as a literal must be one of them
	it('has words for every message key the domain and the screens name', () => {
		const named = new Set<string>();
		for (const file of files('src/lib/domain', ['.ts']))
			for (const [, key] of readFileSync(file, 'utf8').matchAll(/'([a-z]\w*\.\w+)'/g))
				if (key && messageId(key) in english) named.add(key);
		for (const file of [
			...files('src/routes', ['.svelte', '.ts']),
			...files('src/lib/ui', ['.svelte', '.ts'])
		])
			for (const [, key] of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g))
				if (key) named.add(key);
		expect(named.size).toBeGreaterThan(MESSAGE_KEYS.length);
		expect([...named].filter((key) => !hasMessage(key))).toEqual([]);
	});
});
