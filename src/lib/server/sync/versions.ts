import { eq, sql } from 'drizzle-orm';
import { MarketPolicy } from '$lib/domain';
import type { Db } from '../db';
import { markets } from '../db/schema';

/**
 * Takes the market's next version for the rows this transaction writes.
 *
 * The UPDATE row-locks the market until commit, so writers in one market commit one after the
 * other, in version order. That is what makes the pull cookie safe: a reader that sees version
 * V also sees every row written with a version <= V, and no transaction can later commit a row
 * with a version <= V — a cookie can never skip a version. (It also serialises the rule checks
 * that count rows, like the CLN-2 quota, between two devices acting at the same time.)
 */
export async function nextVersion(
	tx: Db,
	marketCode: string
): Promise<{ version: number; policy: MarketPolicy }> {
	const [row] = await tx
		.update(markets)
		.set({ version: sql`${markets.version} + 1` })
		.where(eq(markets.code, marketCode))
		.returning({ version: markets.version, policy: markets.policy });
	if (!row) throw new Error(`market ${marketCode} does not exist`);
	return { version: row.version, policy: MarketPolicy.parse(row.policy) };
}
