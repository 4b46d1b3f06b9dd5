/**
 * Offline unlock with a staff PIN. The PIN never leaves the tablet and is never stored: what is
 * kept is a PBKDF2-SHA-256 derivation of it with a random salt (WebCrypto), compared in
 * constant time. Enough iterations make each guess cost real time on a stolen tablet, and the
 * lock screen allows only MAX_PIN_ATTEMPTS wrong guesses before the record is wiped and an
 * online sign-in is required.
 */

export const PIN_ITERATIONS = 210_000;
export const MAX_PIN_ATTEMPTS = 5;
export const PIN_PATTERN = /^\d{4,8}$/;

export interface PinRecord {
	staffId: string;
	salt: string;
	iterations: number;
	verifier: string;
	failedAttempts: number;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
	const material = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(pin),
		'PBKDF2',
		false,
		['deriveBits']
	);
	const bits = await crypto.subtle.deriveBits(
		{ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
		material,
		256
	);
	return new Uint8Array(bits);
}

export function pinProblem(pin: string): string | null {
	if (!PIN_PATTERN.test(pin)) return 'A PIN is 4 to 8 digits.';
	if (/^(\d)\1+$/.test(pin)) return 'Choose a PIN that is not one digit repeated.';
	if ('0123456789'.includes(pin) || '9876543210'.includes(pin))
		return 'Choose a PIN that is not a run of digits.';
	return null;
}

export async function createPinRecord(
	staffId: string,
	pin: string,
	iterations = PIN_ITERATIONS
): Promise<PinRecord> {
	const problem = pinProblem(pin);
	if (problem) throw new Error(problem);
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const verifier = await derive(pin, salt, iterations);
	return { staffId, salt: b64(salt), iterations, verifier: b64(verifier), failedAttempts: 0 };
}

export async function pinMatches(record: PinRecord, pin: string): Promise<boolean> {
	const derived = await derive(pin, unb64(record.salt), record.iterations);
	const expected = unb64(record.verifier);
	if (derived.length !== expected.length) return false;
	let diff = 0;
	for (let i = 0; i < derived.length; i++) diff |= derived[i]! ^ expected[i]!;
	return diff === 0;
}
