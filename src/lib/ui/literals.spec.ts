import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

/**
 * "No user-visible string in a component" (issue 10), enforced: every text node and every
 * attribute a person reads or hears (aria-label, placeholder, title, alt, and the `label` prop
 * our verdict components show) in the .svelte files of the routes and the UI library must come
 * from a message (`{m.key()}`), never be written in the markup.
 *
 * What may stay: symbols and punctuation (✓ ✕ · — …), numbers, rule IDs such as (RSV-2) — the
 * verdicts show them untranslated on purpose — codes made of capitals and digits (an example
 * serial GE123456, a paper size A4, a rule family WAR), and the brand and programme names below.
 */
const BRANDS = /\b(carepoint|IQOS CLUB|IQOS|Care Plus)\b/g;
const RULE_ID = /\b[A-Z]{2,4}\d?-\d+\b/g;
const CODE = /\b(?=[A-Z0-9]*\d)[A-Z0-9]+\b|\b[A-Z]{2,5}\b/g;
const READ_ATTRIBUTES = new Set(['aria-label', 'placeholder', 'title', 'alt', 'label']);

/** Text a person would read: letters left once rule IDs and brand names are taken out. */
export function visible(text: string): boolean {
	return /\p{L}/u.test(text.replace(RULE_ID, '').replace(BRANDS, '').replace(CODE, ''));
}

interface Node {
	type?: string;
	name?: string;
	data?: string;
	start?: number;
	value?: unknown;
	[key: string]: unknown;
}

/** Literal texts in a component's markup (not <script>, not <style>), with their line. */
export function literals(source: string): string[] {
	const ast = parse(source, { modern: true });
	const found: string[] = [];
	const line = (at = 0) => source.slice(0, at).split('\n').length;
	const walk = (node: unknown): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach(walk);
		const n = node as Node;
		if (n.type === 'Text' && n.data && visible(n.data))
			found.push(`${line(n.start)}: ${n.data.trim()}`);
		if (n.type === 'Attribute') {
			// other attribute values (class, type, data-testid, autocomplete…) are not read by people
			if (n.name && READ_ATTRIBUTES.has(n.name) && Array.isArray(n.value))
				for (const part of n.value as Node[])
					if (part.type === 'Text' && part.data && visible(part.data))
						found.push(`${line(part.start)}: ${n.name}="${part.data}"`);
			return;
		}
		for (const [key, value] of Object.entries(n)) if (key !== 'parent') walk(value);
	};
	walk(ast.fragment);
	return found;
}

describe('no user-visible literal in a component', () => {
	it('finds a literal when there is one (the check can fail)', () => {
		expect(literals('<p>Hello {name}</p><button aria-label="Close">✕</button>')).toEqual([
			'1: Hello',
			'1: aria-label="Close"'
		]);
		expect(
			literals('<p>{m.greeting()} (RSV-2) · carepoint</p><input type="text" class="wide" />')
		).toEqual([]);
	});

	const files = ['src/routes', 'src/lib/ui']
		.flatMap((dir) =>
			readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`)
		)
		.filter((f) => f.endsWith('.svelte'))
		.sort();

	it('has components to check', () => {
		expect(files.length).toBeGreaterThan(30);
	});

	it.each(files)('%s', (file) => {
		expect(literals(readFileSync(file, 'utf8'))).toEqual([]);
	});
});
