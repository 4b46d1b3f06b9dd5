import { describe, expect, it } from 'vitest';
import { applyOverride, canOverride, OverrideArgs } from './override';
import { reason, verdict } from './verdict';

const blacklisted = verdict([
	reason('AGE-1', 'ok', 'age.adult'),
	reason('RNT-7', 'override', 'customer.blacklisted')
]);

describe('supervisor overrides', () => {
	it('RNT-7 pass: a supervisor lifts an override reason with a written reason', () => {
		const d = applyOverride(blacklisted, 'supervisor', {
			reason: 'Returned the device late once, settled',
			rules: ['RNT-7']
		});
		expect(d).toEqual({ allowed: true, overridden: ['RNT-7'], standing: [] });
	});

	it('RNT-7 fail: staff cannot override, whatever they send', () => {
		const d = applyOverride(blacklisted, 'staff', { reason: 'please let it go', rules: ['RNT-7'] });
		expect(d.allowed).toBe(false);
		expect(d.overridden).toEqual([]);
		expect(d.standing.map((r) => r.rule)).toEqual(['RNT-7']);
	});

	it('a block is never lifted, and an override only lifts the rules it names', () => {
		const v = verdict([
			reason('AGE-1', 'block', 'age.minor'),
			reason('RNT-7', 'override', 'customer.blacklisted'),
			reason('RNT-3', 'override', 'rnt.secondRental')
		]);
		const d = applyOverride(v, 'admin', { reason: 'known customer', rules: ['RNT-7', 'AGE-1'] });
		expect(d.allowed).toBe(false);
		expect(d.overridden).toEqual(['RNT-7']);
		expect(d.standing.map((r) => r.rule)).toEqual(['AGE-1', 'RNT-3']);
	});

	it('needs a real written reason', () => {
		expect(OverrideArgs.safeParse({ reason: ' ok ', rules: ['RNT-7'] }).success).toBe(false);
		expect(OverrideArgs.safeParse({ reason: 'known customer', rules: [] }).success).toBe(false);
		expect(canOverride('supervisor')).toBe(true);
		expect(canOverride('partner')).toBe(false);
	});
});
