import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGE_KEYS, isMessageKey } from './messages';
import { SERVICES, worldArb } from './rules/battery';

const DOMAIN = import.meta.dirname;
const PREFIX = /^(age|age2|age3|reg|serial|customer|war|cp|ext|cln|rnt|rsv|buy|acc)\./;

/** Every 'prefix.key' string literal in the domain's non-test sources. */
function keysInSources(): Set<string> {
	const files = [
		...readdirSync(DOMAIN).map((f) => join(DOMAIN, f)),
		...readdirSync(join(DOMAIN, 'rules')).map((f) => join(DOMAIN, 'rules', f))
	].filter(
		(f) =>
			f.endsWith('.ts') &&
			!f.endsWith('.spec.ts') &&
			!/fixtures|battery|messages\.ts$|barcode/.test(f)
	);
	const keys = new Set<string>();
	for (const f of files)
		for (const m of readFileSync(f, 'utf8').matchAll(/'([a-z0-9]+\.[A-Za-z]+)'/g))
			if (PREFIX.test(m[1]!)) keys.add(m[1]!);
	return keys;
}

describe('MESSAGE_KEYS', () => {
	it('lists every message key written in the rule sources, and nothing else', () => {
		const inCode = keysInSources();
		expect([...inCode].filter((k) => !isMessageKey(k))).toEqual([]);
		// the server adds cln.noSticksInStock at sync; everything else must come from the rules
		expect(MESSAGE_KEYS.filter((k) => !inCode.has(k))).toEqual([]);
		expect(new Set(MESSAGE_KEYS).size).toBe(MESSAGE_KEYS.length);
	});

	it('every key a service verdict returns, for any inputs, is in MESSAGE_KEYS', () => {
		const seen = new Set<string>();
		fc.assert(
			fc.property(worldArb, (w) => {
				for (const run of Object.values(SERVICES))
					for (const r of run(w).reasons) {
						seen.add(r.key);
						expect(isMessageKey(r.key), r.key).toBe(true);
					}
			}),
			{ numRuns: 400 }
		);
		expect(seen.size).toBeGreaterThan(60);
	});
});
