import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../verdict';

/**
 * Every rule ID of POLICIES.md (hard-coded here: CI has ../shared beside the repo, the tests do
 * not read it) appears in the titles of the domain specs with a passing and a failing case
 * ("WAR-1 pass: …", "WAR-1 fail: …"), and RULE_IDS is exactly that list.
 */
const POLICY_IDS = [
	...['AGE-1', 'AGE-2', 'AGE-3'],
	...['REG-1', 'REG-2', 'REG-3', 'REG-4', 'REG-5', 'REG-6'],
	...['WAR-1', 'WAR-2', 'WAR-3', 'WAR-4', 'WAR-5', 'WAR-6', 'WAR-7', 'WAR-8'],
	...['CP-1', 'CP-2', 'CP-3', 'CP-4', 'CP-5', 'CP-6', 'CP-7'],
	...['EXT-1', 'EXT-2', 'EXT-3', 'EXT-4'],
	...['CLN-1', 'CLN-2', 'CLN-3', 'CLN-4'],
	...['RNT-1', 'RNT-2', 'RNT-3', 'RNT-4', 'RNT-5', 'RNT-6', 'RNT-7'],
	...['RSV-1', 'RSV-2', 'RSV-3', 'RSV-4'],
	'BUY-1',
	...['ACC-1', 'ACC-2', 'ACC-3']
];

const DOMAIN = join(import.meta.dirname, '..');
function specTitles(): string[] {
	const files = [
		...readdirSync(DOMAIN).map((f) => join(DOMAIN, f)),
		...readdirSync(join(DOMAIN, 'rules')).map((f) => join(DOMAIN, 'rules', f))
	].filter((f) => f.endsWith('.spec.ts') && !f.endsWith('coverage.spec.ts'));
	const titles: string[] = [];
	for (const f of files)
		for (const m of readFileSync(f, 'utf8').matchAll(/(['"`])((?:[A-Z]+-\d)[^'"`\n]*)\1/g))
			titles.push(m[2]!);
	return titles;
}

describe('rule coverage', () => {
	it('RULE_IDS is the list of POLICIES.md', () => {
		expect([...RULE_IDS]).toEqual(POLICY_IDS);
	});

	const titles = specTitles();
	it.each(POLICY_IDS)('%s has a passing and a failing case in the spec titles', (id) => {
		const mine = titles.filter((t) => new RegExp(`(^|\\W)${id}(\\W|$)`).test(t));
		expect(
			mine.some((t) => new RegExp(`${id} pass(/fail)?:`).test(t)),
			`${id} pass`
		).toBe(true);
		expect(
			mine.some((t) => new RegExp(`${id} (pass/)?fail:`).test(t)),
			`${id} fail`
		).toBe(true);
	});
});
