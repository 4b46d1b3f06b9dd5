import { describe, expect, it } from 'vitest';
import { ageLabel, isStale } from './stale';

const now = new Date('2026-03-10T12:00:00Z');

describe('isStale', () => {
	it('is fresh within the threshold and stale past it', () => {
		expect(isStale('2026-03-10T11:00:00Z', now, 24)).toBe(false);
		expect(isStale('2026-03-09T12:00:00Z', now, 24)).toBe(false); // exactly 24 h: not yet
		expect(isStale('2026-03-09T11:59:59Z', now, 24)).toBe(true);
		expect(isStale(new Date('2026-03-10T05:00:00Z'), now, 6)).toBe(true);
		expect(isStale(new Date('2026-03-10T07:00:00Z'), now, 6)).toBe(false);
	});

	it('treats never synced and unreadable times as stale', () => {
		expect(isStale(null, now, 24)).toBe(true);
		expect(isStale(undefined, now, 24)).toBe(true);
		expect(isStale('not a date', now, 24)).toBe(true);
	});

	it('does not mark a sync time ahead of the device clock as stale', () => {
		expect(isStale('2026-03-11T12:00:00Z', now, 24)).toBe(false);
	});
});

describe('ageLabel', () => {
	it('says how old the data is', () => {
		expect(ageLabel('2026-03-10T11:35:00Z', now)).toBe('25 min ago');
		expect(ageLabel('2026-03-09T09:00:00Z', now)).toBe('27 h ago');
		expect(ageLabel('2026-03-05T12:00:00Z', now)).toBe('5 days ago');
		expect(ageLabel(null, now)).toBe('never synced');
	});
});
