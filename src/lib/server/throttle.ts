import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './db';
import { signInAttempts } from './db/schema';

/**
 * Sign-in throttling: at most N failed attempts per account and M per network address within
 * a window. Guessing a PIN-like password from one place, or spraying one password over many
 * accounts, both run into a limit. Counted with an upsert, so concurrent app processes agree.
 */
export const THROTTLE = {
	windowMs: 15 * 60 * 1000,
	perAccount: 10,
	perAddress: 50
} as const;

const keys = (username: string, address: string) => ({
	user: `user:${username.trim().toLowerCase()}`,
	ip: `ip:${address}`
});

/** Seconds until another attempt is allowed, or 0 when it is allowed now. */
export async function retryAfter(
	db: Db,
	username: string,
	address: string,
	now: Date
): Promise<number> {
	const { user, ip } = keys(username, address);
	const rows = await db
		.select()
		.from(signInAttempts)
		.where(inArray(signInAttempts.key, [user, ip]));
	let wait = 0;
	for (const row of rows) {
		const limit = row.key === user ? THROTTLE.perAccount : THROTTLE.perAddress;
		const endsAt = row.windowStart.getTime() + THROTTLE.windowMs;
		if (row.failures >= limit && endsAt > now.getTime())
			wait = Math.max(wait, Math.ceil((endsAt - now.getTime()) / 1000));
	}
	return wait;
}

export async function recordFailure(
	db: Db,
	username: string,
	address: string,
	now: Date
): Promise<void> {
	const { user, ip } = keys(username, address);
	// raw SQL parameters as ISO text: drivers differ in how they bind a Date
	const expired = sql`${new Date(now.getTime() - THROTTLE.windowMs).toISOString()}::timestamptz`;
	const at = sql`${now.toISOString()}::timestamptz`;
	for (const key of [user, ip])
		await db
			.insert(signInAttempts)
			.values({ key, windowStart: now, failures: 1 })
			.onConflictDoUpdate({
				target: signInAttempts.key,
				// a window that has run out starts again at this failure
				set: {
					failures: sql`case when ${signInAttempts.windowStart} < ${expired} then 1 else ${signInAttempts.failures} + 1 end`,
					windowStart: sql`case when ${signInAttempts.windowStart} < ${expired} then ${at} else ${signInAttempts.windowStart} end`
				}
			});
}

/** A successful sign-in clears the account's count (not the address's). */
export async function recordSuccess(db: Db, username: string): Promise<void> {
	await db.delete(signInAttempts).where(eq(signInAttempts.key, keys(username, '').user));
}
