import { z } from 'zod';
import type { MarketPolicy } from '../market';
import { parseIsoDate } from '../time';
import { reason, verdict, type Reason } from '../verdict';
import {
	accountReason,
	customerReasons,
	iso,
	later,
	list,
	onOrBefore,
	ownedByReasons,
	warrantyEnd,
	type ComponentFacts,
	type CustomerFacts,
	type ModelFacts,
	type PosFacts
} from './common';
import {
	claimReasons,
	posSwapReasons,
	replacementReasons,
	serialIntactReason,
	swapCoverage,
	type ReplacementUnit,
	type SwapClaim,
	type SwapVerdict
} from './swap';

/**
 * Warranty swap of a faulty unit (WAR-1..WAR-7, with AGE-1, REG-3, REG-4, RNT-7 and EXT-3).
 *
 * WAR-1 is checked per unit handed in: registered to this customer, and the service date (in
 * the market's zone) on or before the warranty's last day — purchase date + N months, clamped
 * to the month's end — or the extended warranty's last day if one was bought (EXT). Units the
 * system has no purchase date for need the date from a proof of purchase (WAR-6).
 */

/** WAR-2 (LV, BG 6.3): each point answered before a swap; `true` = it applies. */
export const WarrantyExclusions = z.object({
	normalWear: z.boolean().nullable(),
	cosmeticDamage: z.boolean().nullable(),
	misuseSurgeLiquidFire: z.boolean().nullable(),
	incompatibleProduct: z.boolean().nullable(),
	openedOrRepaired: z.boolean().nullable(),
	manualNotFollowed: z.boolean().nullable(),
	/** EXT-3: checked when only the extended warranty still runs. */
	lostStolenOrForced: z.boolean().nullable()
});
export type WarrantyExclusions = z.infer<typeof WarrantyExclusions>;

export const WAR2_POINTS = [
	'normalWear',
	'cosmeticDamage',
	'misuseSurgeLiquidFire',
	'incompatibleProduct',
	'openedOrRepaired',
	'manualNotFollowed'
] as const;

export interface WarrantySwapContext {
	market: MarketPolicy;
	pos: PosFacts;
	customer: CustomerFacts;
	model: ModelFacts;
	/** The units handed in as faulty (one device). */
	faulty: readonly ComponentFacts[];
	checklist: WarrantyExclusions;
	/** REG-4: staff checked the serial is not altered, erased or removed. */
	serialIntact: boolean | null;
	claim: SwapClaim | null;
	/** Model ids in stock at the point of sale, if known (WAR-4). */
	inStock?: readonly string[];
	/** The units picked as replacements, if already picked (WAR-4, WAR-5). */
	replacements?: readonly ReplacementUnit[];
	at: Date;
}

/** WAR-2: every point answered, none applies. */
export function exclusionReasons(checklist: WarrantyExclusions): Reason[] {
	const unanswered = WAR2_POINTS.filter((k) => checklist[k] === null);
	if (unanswered.length > 0)
		return [reason('WAR-2', 'block', 'war.checklistIncomplete', { missing: list(unanswered) })];
	const applies = WAR2_POINTS.filter((k) => checklist[k] === true);
	if (applies.length > 0)
		return [reason('WAR-2', 'block', 'war.excluded', { causes: list(applies) })];
	return [reason('WAR-2', 'ok', 'war.checklistClear')];
}

/** WAR-1 for one unit: the date it is covered to, and whether that needs the extension. */
export function warrantyReasons(
	unit: ComponentFacts,
	market: MarketPolicy,
	at: Date,
	proofOfPurchaseDate: string | null
): { reasons: Reason[]; extendedOnly: boolean; until: string | null } {
	const purchasedOn = unit.purchasedOn ?? proofOfPurchaseDate;
	if (!purchasedOn || !parseIsoDate(purchasedOn))
		return {
			reasons: [reason('WAR-1', 'block', 'war.purchaseDateUnknown', { serial: unit.serial })],
			extendedOnly: false,
			until: null
		};
	const base = warrantyEnd(purchasedOn, market);
	const extended = unit.extendedWarrantyUntil ? parseIsoDate(unit.extendedWarrantyUntil) : null;
	const end = later(base, extended);
	if (base && onOrBefore(at, base, market))
		return {
			reasons: [
				reason('WAR-1', 'ok', 'war.inWarranty', { serial: unit.serial, until: iso(base)! })
			],
			extendedOnly: false,
			until: iso(base)
		};
	if (end && onOrBefore(at, end, market))
		return {
			reasons: [
				reason('WAR-1', 'ok', 'war.inExtendedWarranty', { serial: unit.serial, until: iso(end)! })
			],
			extendedOnly: true,
			until: iso(end)
		};
	return {
		reasons: [
			reason('WAR-1', 'block', 'war.expired', { serial: unit.serial, until: iso(end) ?? '' })
		],
		extendedOnly: false,
		until: iso(end)
	};
}

export function warrantySwapVerdict(ctx: WarrantySwapContext): SwapVerdict {
	const { market, customer, at } = ctx;
	const reasons: Reason[] = [...posSwapReasons(ctx.pos, market, ctx.model.id)];
	reasons.push(...customerReasons(customer, market, at));
	reasons.push(accountReason(customer, 'WAR-1'));
	reasons.push(...ownedByReasons(customer, ctx.faulty, 'WAR-1'));

	const proofDate = ctx.claim?.proofOfPurchaseDate ?? null;
	const periods = ctx.faulty.map((u) => warrantyReasons(u, market, at, proofDate));
	for (const p of periods) reasons.push(...p.reasons);

	reasons.push(...exclusionReasons(ctx.checklist));
	// EXT-3: the extension does not cover lost, stolen or forcibly damaged units
	if (periods.some((p) => p.extendedOnly)) {
		const answer = ctx.checklist.lostStolenOrForced;
		reasons.push(
			answer === null
				? reason('EXT-3', 'block', 'ext.exclusionUnanswered')
				: answer
					? reason('EXT-3', 'block', 'ext.excluded')
					: reason('EXT-3', 'ok', 'ext.exclusionClear')
		);
	}
	reasons.push(serialIntactReason(ctx.serialIntact));

	const coverage = swapCoverage(ctx.model, ctx.faulty, 'WAR-3');
	reasons.push(...coverage.reasons);
	const replacement = replacementReasons(ctx.model.id, coverage.covers, market, ctx);
	reasons.push(...replacement.reasons);
	reasons.push(...claimReasons(ctx.claim));

	const v = verdict(reasons, {
		kind: 'warranty',
		customerId: customer.id,
		modelId: ctx.model.id,
		serials: ctx.faulty.map((u) => u.serial),
		purchasedOn: ctx.faulty.map((u) => u.purchasedOn ?? proofDate ?? '?'),
		coveredUntil: periods.map((p) => p.until ?? '?'),
		posId: ctx.pos.id
	});
	return { ...v, covers: coverage.covers, replacementModels: replacement.models };
}
