import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { StaffProfile } from '$lib/domain';
import type { Db } from './db';
import { staffFromRow } from './db/mapping';
import { fromJson, query, rowFromJson } from './db/raw';
import { sessions, staff } from './db/schema';

/**
 * Staff sign-in. Passwords are scrypt-hashed with a per-user salt; a session is a random token
 * in an HttpOnly cookie, of which the database keeps only the sha256, so reading the sessions
 * table does not let anyone sign in.
 */

export const SESSION_COOKIE = 'cp_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 64 };

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions) {
	return new Promise<Buffer>((done, fail) =>
		scrypt(password, salt, keylen, opts, (err, key) => (err ? fail(err) : done(key)))
	);
}

/** `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised later per user. */
export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const { N, r, p, keylen } = SCRYPT;
	const key = await scryptAsync(password, salt, keylen, { N, r, p });
	return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !hash) return false;
	const expected = Buffer.from(hash, 'base64url');
	const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
		N: Number(n),
		r: Number(r),
		p: Number(p)
	});
	return key.length === expected.length && timingSafeEqual(key, expected);
}

export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

// verified against when the username is unknown, so timing does not reveal which names exist
let dummyHash: Promise<string> | undefined;

export interface SignIn {
	token: string;
	sessionId: string;
	expiresAt: Date;
	staff: StaffProfile;
}

export async function signIn(
	db: Db,
	username: string,
	password: string,
	now: Date
): Promise<SignIn | null> {
	const [row] = await db
		.select()
		.from(staff)
		.where(eq(staff.username, username.trim().toLowerCase()));
	if (!row) {
		await verifyPassword(password, await (dummyHash ??= hashPassword('not-a-password')));
		return null;
	}
	if (!(await verifyPassword(password, row.passwordHash))) return null;
	const token = randomBytes(32).toString('base64url');
	const sessionId = sessionIdOf(token);
	const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
	await db.insert(sessions).values({ id: sessionId, staffId: row.id, createdAt: now, expiresAt });
	return { token, sessionId, expiresAt, staff: staffFromRow(row) };
}

/** The staff member behind a cookie token, or null if unknown, expired or revoked. */
export async function resolveSession(
	db: Db,
	token: string,
	now: Date
): Promise<{ sessionId: string; staff: StaffProfile } | null> {
	const sessionId = sessionIdOf(token);
	// every request runs this: a fixed text, prepared once per connection (db/raw.ts)
	const [row] = await query<{ staff: unknown }>(db, RESOLVE_SESSION, [
		sessionId,
		now.toISOString()
	]);
	return row
		? {
				sessionId,
				staff: staffFromRow(rowFromJson(staff, fromJson<Record<string, unknown>>(row.staff)))
			}
		: null;
}

const RESOLVE_SESSION = `select row_to_json(s) as staff
	from sessions x join staff s on s.id = x.staff_id
	where x.id = $1 and x.revoked_at is null and x.expires_at > $2::timestamptz`;

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
	await db
		.update(sessions)
		.set({ revokedAt: now })
		.where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}
