import { unwrapDataKey, wrapDataKey, type WrappedKey } from '$lib/db/crypto';

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
	/** The person's actor key (issued by the server at sign-in), AES-GCM-wrapped under the PIN. */
	wrappedActorKey?: string;
	wrapIv?: string;
	/** The tablet's data key (encryption at rest, `$lib/db/crypto`), wrapped under the PIN. */
	dataKey?: WrappedKey;
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
		512
	);
	// first half: compared to unlock; second half: the key that wraps the actor key
	return new Uint8Array(bits);
}

function wrappingKey(derived: Uint8Array, usage: KeyUsage): Promise<CryptoKey> {
	return crypto.subtle.importKey('raw', derived.slice(32) as BufferSource, 'AES-GCM', false, [
		usage
	]);
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
	iterations = PIN_ITERATIONS,
	actorKey?: string,
	dataKey?: Uint8Array
): Promise<PinRecord> {
	const problem = pinProblem(pin);
	if (problem) throw new Error(problem);
	const salt = crypto.getRandomValues(new Uint8Array(16));
	const derived = await derive(pin, salt, iterations);
	const record: PinRecord = {
		staffId,
		salt: b64(salt),
		iterations,
		verifier: b64(derived.slice(0, 32)),
		failedAttempts: 0
	};
	if (actorKey) {
		const iv = crypto.getRandomValues(new Uint8Array(12));
		const sealed = await crypto.subtle.encrypt(
			{ name: 'AES-GCM', iv: iv as BufferSource },
			await wrappingKey(derived, 'encrypt'),
			unb64(actorKey) as BufferSource
		);
		record.wrappedActorKey = b64(new Uint8Array(sealed));
		record.wrapIv = b64(iv);
	}
	if (dataKey) record.dataKey = await wrapDataKey(dataKey, derived.slice(32));
	return record;
}

/** Checks the PIN; when it matches, also opens the actor key it protects (if any). */
export async function openPin(
	record: PinRecord,
	pin: string
): Promise<{ ok: false } | { ok: true; actorKey?: string; dataKey?: Uint8Array }> {
	const derived = await derive(pin, unb64(record.salt), record.iterations);
	const expected = unb64(record.verifier);
	let diff = expected.length === 32 ? 0 : 1;
	for (let i = 0; i < 32; i++) diff |= derived[i]! ^ (expected[i] ?? 0);
	if (diff !== 0) return { ok: false };
	const dataKey = record.dataKey
		? await unwrapDataKey(record.dataKey, derived.slice(32))
		: undefined;
	if (!record.wrappedActorKey || !record.wrapIv) return { ok: true, dataKey };
	const opened = await crypto.subtle.decrypt(
		{ name: 'AES-GCM', iv: unb64(record.wrapIv) as BufferSource },
		await wrappingKey(derived, 'decrypt'),
		unb64(record.wrappedActorKey) as BufferSource
	);
	return { ok: true, actorKey: b64(new Uint8Array(opened)), dataKey };
}

export async function pinMatches(record: PinRecord, pin: string): Promise<boolean> {
	return (await openPin(record, pin)).ok;
}

/** HMAC-SHA-256 of an action's uuid with the actor key, in base64 (verified by the server). */
export async function signAction(actorKey: string, uuid: string): Promise<string> {
	const key = await crypto.subtle.importKey(
		'raw',
		unb64(actorKey) as BufferSource,
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(uuid));
	return b64(new Uint8Array(mac));
}
