/**
 * Blind index of customers (docs/security.md): a sealed row cannot be searched by its name or
 * phone number, so each row carries a few keyed tokens — HMAC-SHA-256, under a key derived from
 * the data key, of the first three letters of each name and the last three and four digits of
 * the phone — in a multi-entry index. A search looks the token up, then opens and filters the
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

export const NAME_TERM_LETTERS = 3;

/** The term a typed start of a name is looked up by; null when too short (then: a scan). */
export function nameTerm(word: string): string | null {
	const w = fold(word);
	return w.length >= NAME_TERM_LETTERS ? `n:${w.slice(0, NAME_TERM_LETTERS)}` : null;
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
		const term = typeof name === 'string' ? nameTerm(name) : null;
		if (term) terms.add(term);
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
