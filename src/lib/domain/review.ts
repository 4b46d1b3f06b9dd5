import { z } from 'zod';
import { ComponentPart, ServiceStatus, ServiceType } from './entities';
import { MarketCode } from './market';

/**
 * The supervisor review queue's API (BRIEF decision 3: a fact that broke a rule is recorded and
 * a review item is opened for a supervisor). Parsed by the server's answers in tests and by the
 * /reviews pages on the way back.
 */

const isoInstant = z.iso.datetime({ offset: true });

export const ReviewStatus = z.enum(['open', 'resolved']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const ReviewListQuery = z.object({ status: ReviewStatus.default('open') });

/** The broken rule in words: a message key with its parameters (rendered by the UI's catalogue). */
export const ReviewReason = z.object({
	key: z.string(),
	params: z.record(z.string(), z.union([z.string(), z.number()]))
});
export type ReviewReason = z.infer<typeof ReviewReason>;

export const ReviewCustomer = z.object({
	id: z.string(),
	firstName: z.string(),
	lastName: z.string(),
	dateOfBirth: z.string()
});
export type ReviewCustomer = z.infer<typeof ReviewCustomer>;

export const ReviewItemSummary = z.object({
	id: z.uuid(),
	marketCode: MarketCode,
	ruleId: z.string(),
	status: ReviewStatus,
	/** e.g. `customer:ge-c-004` or `pos:ge-tbilisi-store` */
	subject: z.string(),
	/** The customer the item is about, when it is about one. */
	customer: ReviewCustomer.nullable(),
	openedAt: isoInstant,
	/** How many recorded facts (services) the item holds. */
	factCount: z.number().int().min(0),
	resolvedAt: isoInstant.nullable(),
	reason: ReviewReason
});
export type ReviewItemSummary = z.infer<typeof ReviewItemSummary>;

export const ReviewListResponse = z.object({ items: z.array(ReviewItemSummary) });
export type ReviewListResponse = z.infer<typeof ReviewListResponse>;

/**
 * A service as the supervisor sees it. `side`: `flagged` = one of the facts this item holds
 * (recorded despite the rule); `counted` = another fact that made it break the rule (e.g. the
 * cleanings already recorded that month), i.e. the other side of the conflict.
 */
export const ReviewService = z.object({
	id: z.uuid(),
	side: z.enum(['flagged', 'counted']),
	type: ServiceType,
	status: ServiceStatus,
	flaggedRules: z.array(z.string()),
	serial: z.string(),
	staff: z.object({ id: z.string(), name: z.string() }),
	pos: z.object({ id: z.string(), name: z.string() }),
	/** When it happened at the counter. */
	performedAt: isoInstant,
	/** When the server received it (synced). */
	recordedAt: isoInstant.nullable()
});
export type ReviewService = z.infer<typeof ReviewService>;

export const ReviewDevice = z.object({
	serial: z.string(),
	modelId: z.string(),
	modelName: z.string().nullable(),
	part: ComponentPart,
	deviceId: z.string()
});
export type ReviewDevice = z.infer<typeof ReviewDevice>;

export const ReviewItemDetail = ReviewItemSummary.extend({
	/** The facts held by this item first, then the other side, each by performedAt. */
	services: z.array(ReviewService),
	/** The devices (serials) the services were recorded on. */
	devices: z.array(ReviewDevice),
	resolution: z
		.object({
			note: z.string(),
			resolvedBy: z.object({ id: z.string(), name: z.string() }),
			resolvedAt: isoInstant
		})
		.nullable()
});
export type ReviewItemDetail = z.infer<typeof ReviewItemDetail>;

export const ResolveReviewRequest = z.object({
	note: z.string().trim().min(3, 'Write a note of at least 3 characters.').max(2000)
});
export type ResolveReviewRequest = z.infer<typeof ResolveReviewRequest>;

export { REVIEWER_ROLES, isReviewer } from './roles';
