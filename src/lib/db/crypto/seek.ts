/**
 * Blind index of customers (docs/security.md): a sealed row cannot be searched by its name or
 * phone number, so each row carries keyed tokens (`Keyring.seekMany`) of the first 1, 2, 3, 5
 * and 8 letters of each name and the last three and four digits of the phone, in a multi-entry
 * index. A search looks the token up, then opens and filters the
 * few rows it names. The tokens show only which customers share such a term, never the term.
 */

/** Digits only: `+995 555-12 34` and `5551234` compare by their digits. */
export function phoneDigits(text: string): string {
	return text.replace(/\D/g, '');
}

/** Lower case without diacritics: `Kalniņa` is found by `kalnina`. */
export function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * Lengths of the name starts that get a token: a typed word is looked up by its longest start
 * among them, so "b" finds through the one-letter token, "beridz" through the five-letter one
 * (the longer the start, the fewer rows to open and filter).
 */
export const NAME_PREFIXES = [1, 2, 3, 5, 8] as const;

/** The term a typed start of a name is looked up by. */
export function nameTerm(word: string): string | null {
	const w = fold(word);
	const n = [...NAME_PREFIXES].reverse().find((len) => w.length >= len);
	return n ? `n${n}:${w.slice(0, n)}` : null;
}

/** The term typed digits (the end of a phone number) are looked up by. */
export function phoneTerm(digits: string): string | null {
	if (digits.length >= 4) return `p:${digits.slice(-4)}`;
	if (digits.length === 3) return `p:${digits}`;
	return null;
}

/** Every term a customer row can be found by. */
export function customerTerms(row: Record<string, unknown>): string[] {
	const terms = new Set<string>();
	for (const name of [row.firstName, row.lastName]) {
		const w = typeof name === 'string' ? fold(name) : '';
		for (const n of NAME_PREFIXES) if (w.length >= n) terms.add(`n${n}:${w.slice(0, n)}`);
	}
	const digits = typeof row.phone === 'string' ? phoneDigits(row.phone) : '';
	if (digits.length >= 3) terms.add(`p:${digits.slice(-3)}`);
	if (digits.length >= 4) terms.add(`p:${digits.slice(-4)}`);
	return [...terms];
}

/** Blind-index terms per table. */
export const SEEK_TERMS: Readonly<Record<string, (row: Record<string, unknown>) => string[]>> = {
	customers: customerTerms
};

/** Where a sealed row keeps its tokens (indexed `*seek`). */
export const SEEK = 'seek';
