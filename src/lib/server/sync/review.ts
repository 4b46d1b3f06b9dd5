import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import { reviewItems } from '../db/schema';

export interface ReviewInput {
	marketCode: string;
	ruleId: string;
	dedupeKey: string;
	subject: string;
	serviceId: string;
	facts: Record<string, unknown>;
	now: Date;
}

/**
 * Opens a review item, or joins the open item with the same dedupe key (one problem, one item
 * for the supervisor, however many devices reported it). The upsert on the partial unique
 * index makes this safe when two pushes race. Returns the item's id.
 */
export async function openReviewItem(tx: Db, input: ReviewInput): Promise<string> {
	const [row] = await tx
		.insert(reviewItems)
		.values({
			id: crypto.randomUUID(),
			marketCode: input.marketCode,
			ruleId: input.ruleId,
			dedupeKey: input.dedupeKey,
			subject: input.subject,
			status: 'open',
			openedAt: input.now,
			serviceIds: [input.serviceId],
			facts: input.facts
		})
		.onConflictDoUpdate({
			target: reviewItems.dedupeKey,
			targetWhere: sql.raw(`status = 'open'`),
			set: {
				serviceIds: sql`${reviewItems.serviceIds} || ${JSON.stringify([input.serviceId])}::jsonb`,
				facts: sql`excluded.facts`
			}
		})
		.returning({ id: reviewItems.id });
	if (!row) throw new Error('review item upsert returned nothing');
	return row.id;
}
