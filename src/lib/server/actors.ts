import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { StaffProfile } from '$lib/domain';
import type { Db } from './db';
import { staffFromRow } from './db/mapping';
import { actorKeys, deviceKeys, staff } from './db/schema';

/**
 * Actor keys: who did what on a shared tablet. Each staff member who signs in online on a
 * tablet gets a key for that tablet's client group; the tablet keeps it only wrapped under the
 * person's PIN, and signs each action's uuid with it. Push then attributes the action to the
 * person whose key verifies — not to whoever's session cookie the tablet carries.
 */

/** The person's key for this client group: the existing one, or a new one. */
export async function issueActorKey(
	db: Db,
	staffId: string,
	clientGroupId: string,
	now: Date,
	attempt = 0
): Promise<string> {
	const [existing] = await db
		.select({ key: actorKeys.key })
		.from(actorKeys)
		.where(
			and(
				eq(actorKeys.staffId, staffId),
				eq(actorKeys.clientGroupId, clientGroupId),
				isNull(actorKeys.revokedAt)
			)
		);
	if (existing) return existing.key;
	const key = randomBytes(32).toString('base64');
	const [row] = await db
		.insert(actorKeys)
		.values({ staffId, clientGroupId, key, createdAt: now })
		// a revoked key is replaced; a live one (a sign-in that raced us) is kept
		.onConflictDoUpdate({
			target: [actorKeys.staffId, actorKeys.clientGroupId],
			set: { key, createdAt: now, revokedAt: null },
			setWhere: isNotNull(actorKeys.revokedAt)
		})
		.returning({ key: actorKeys.key });
	if (row) return row.key;
	if (attempt > 2) throw new Error('could not issue an actor key');
	return issueActorKey(db, staffId, clientGroupId, now, attempt + 1);
}

export function actorProof(key: string, uuid: string): string {
	return createHmac('sha256', Buffer.from(key, 'base64')).update(uuid).digest('base64');
}

/**
 * The staff member an action was proven to come from, or null when the proof does not verify
 * (unknown person, revoked key, another tablet's key, a forged proof).
 */
export async function verifiedActor(
	db: Db,
	clientGroupId: string,
	actor: { staffId: string; proof: string },
	uuid: string
): Promise<StaffProfile | null> {
	const [row] = await db
		.select({ key: actorKeys.key, staff })
		.from(actorKeys)
		.innerJoin(staff, eq(staff.id, actorKeys.staffId))
		.where(
			and(
				eq(actorKeys.staffId, actor.staffId),
				eq(actorKeys.clientGroupId, clientGroupId),
				isNull(actorKeys.revokedAt)
			)
		);
	if (!row) return null;
	const expected = Buffer.from(actorProof(row.key, uuid), 'base64');
	const given = Buffer.from(actor.proof, 'base64');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
	return staffFromRow(row.staff);
}

/**
 * The tablet's device key (it wraps the tablet's data key, docs/security.md): the existing one,
 * or a new one bound to the market of the first person who signs in. Staff of another market
 * get none — the replica of a tablet holds one market's customers.
 */
export async function issueDeviceKey(
	db: Db,
	clientGroupId: string,
	marketCode: string,
	now: Date
): Promise<string | undefined> {
	await db
		.insert(deviceKeys)
		.values({ clientGroupId, marketCode, key: randomBytes(32).toString('base64'), createdAt: now })
		.onConflictDoNothing({ target: deviceKeys.clientGroupId });
	const [row] = await db
		.select({ key: deviceKeys.key, marketCode: deviceKeys.marketCode })
		.from(deviceKeys)
		.where(eq(deviceKeys.clientGroupId, clientGroupId));
	return row && row.marketCode === marketCode ? row.key : undefined;
}
