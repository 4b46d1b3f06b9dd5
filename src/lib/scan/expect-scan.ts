/**
 * Two-code flows (a swap scans the faulty unit, then its replacement): the scanner knows which
 * code it expects next and refuses a serial it already has, so the same unit can never be both.
 * Pure and immutable: every step returns a new state.
 */
import { normalizeSerial } from '$lib/domain/serial';

export interface ScanSequence<R extends string> {
	readonly roles: readonly R[];
	/** The serials taken so far, one per role, in order. */
	readonly serials: readonly string[];
}

export type Offer<R extends string> =
	| { ok: true; sequence: ScanSequence<R>; role: R; done: boolean }
	| { ok: false; sequence: ScanSequence<R>; reason: 'duplicate'; role: R; sameAs: R }
	| { ok: false; sequence: ScanSequence<R>; reason: 'complete' };

export function expectScan<R extends string>(roles: readonly R[]): ScanSequence<R> {
	if (new Set(roles).size !== roles.length) throw new Error('each role is scanned once');
	return { roles, serials: [] };
}

/** The role the next scan fills, or `undefined` once every role has its serial. */
export function expected<R extends string>(sequence: ScanSequence<R>): R | undefined {
	return sequence.roles[sequence.serials.length];
}

export function isComplete<R extends string>(sequence: ScanSequence<R>): boolean {
	return sequence.serials.length >= sequence.roles.length;
}

/** The serials by role. */
export function scanned<R extends string>(sequence: ScanSequence<R>): Partial<Record<R, string>> {
	const out: Partial<Record<R, string>> = {};
	sequence.serials.forEach((serial, i) => {
		const role = sequence.roles[i];
		if (role !== undefined) out[role] = serial;
	});
	return out;
}

/** Offers a scanned serial for the role expected now. */
export function offer<R extends string>(sequence: ScanSequence<R>, raw: string): Offer<R> {
	const role = expected(sequence);
	if (role === undefined) return { ok: false, sequence, reason: 'complete' };
	const serial = normalizeSerial(raw);
	const at = sequence.serials.indexOf(serial);
	const sameAs = at === -1 ? undefined : sequence.roles[at];
	if (sameAs !== undefined) return { ok: false, sequence, reason: 'duplicate', role, sameAs };
	const next = { roles: sequence.roles, serials: [...sequence.serials, serial] };
	return { ok: true, sequence: next, role, done: isComplete(next) };
}

/** Takes back the last scan (staff scanned the wrong unit). */
export function undo<R extends string>(sequence: ScanSequence<R>): ScanSequence<R> {
	return { roles: sequence.roles, serials: sequence.serials.slice(0, -1) };
}
