import { describe, expect, it } from 'vitest';
import { MESSAGE_KEYS } from '$lib/domain';
import { t } from './messages';

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
});
