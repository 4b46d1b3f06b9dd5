import { Age3Answers, age3Reason } from '../attestations';
import type { MarketPolicy } from '../market';
import { addMonthsClamped, formatIsoDate, parseIsoDate } from '../time';
import { reason, verdict, type Reason, type Verdict } from '../verdict';
import {
	accountReason,
	boughtInMarket,
	carePlusActive,
	customerReasons,
	iso,
	later,
	list,
	onOrBefore,
	ownedByReasons,
	purchaseCountry,
	warrantyEnd,
	type ComponentFacts,
	type CustomerFacts,
	type ModelFacts,
	type PosFacts
} from './common';

/**
 * Extended warranty sale (EXT, GE 5.7): a paid extension of WAR-1 sold at selected points of
 * sale (EXT-1), for a one-piece device or both components of a kit together, on the customer's
 * profile, bought in the market (EXT-2). The extension starts where the warranty ends; the
 * seller sets price and length. What it will not cover (EXT-3) and what it does to Care Plus
 * (EXT-4) are told at the sale.
 */
export interface ExtendedWarrantySaleContext {
	market: MarketPolicy;
	pos: Pick<PosFacts, 'id' | 'capabilities'>;
	customer: CustomerFacts;
	model: ModelFacts;
	/** The units the extension is for: the whole device. */
	units: readonly ComponentFacts[];
	/** Months of extension, set by the seller. */
	months: number;
	/** AGE-3 (GE 5.7.2): adult nicotine users. */
	answers: Pick<Age3Answers, 'nicotineUser'> | null;
	at: Date;
}

export interface ExtendedWarrantyVerdict extends Verdict {
	/** The new last day of cover for each unit, when allowed. */
	until: string | null;
}

export function extendedWarrantySaleVerdict(
	ctx: ExtendedWarrantySaleContext
): ExtendedWarrantyVerdict {
	const { market, customer, at } = ctx;
	const terms = market.extendedWarranty;
	const reasons: Reason[] = [];
	// EXT-1: sold only where the market and the point of sale offer it
	if (!terms.available)
		reasons.push(reason('EXT-1', 'block', 'ext.notOffered', { market: market.code }));
	else if (!ctx.pos.capabilities.extendedWarranty)
		reasons.push(reason('EXT-1', 'block', 'ext.posNotSelling'));
	else reasons.push(reason('EXT-1', 'ok', 'ext.offered'));
	if (!Number.isInteger(ctx.months) || ctx.months < 1)
		reasons.push(reason('EXT-1', 'block', 'ext.lengthMissing'));

	reasons.push(...customerReasons(customer, market, at));
	reasons.push(
		age3Reason(ctx.answers ? { nicotineUser: ctx.answers.nicotineUser, pregnant: null } : null, {
			askPregnancy: false
		})
	);
	reasons.push(accountReason(customer, 'EXT-2'));
	reasons.push(...ownedByReasons(customer, ctx.units, 'EXT-2'));

	// EXT-2: the whole device — one-piece, or holder and charger together
	const parts = new Set(ctx.units.map((u) => u.part));
	const whole =
		new Set(ctx.units.map((u) => u.deviceId)).size === 1 &&
		(ctx.model.kind === 'one_piece'
			? parts.has('device') && ctx.units.length === 1
			: parts.has('holder') && parts.has('charger') && ctx.units.length === 2);
	reasons.push(
		whole
			? reason('EXT-2', 'ok', 'ext.wholeDevice')
			: reason('EXT-2', 'block', 'ext.needsWholeDevice', { parts: list([...parts]) })
	);
	if (terms.eligibleModels && !terms.eligibleModels.includes(ctx.model.id))
		reasons.push(reason('EXT-2', 'block', 'ext.modelNotEligible', { model: ctx.model.id }));

	// EXT-2 / REG-5: not for units bought outside the market; still under the warranty
	let until: string | null = null;
	for (const u of ctx.units) {
		if (terms.boughtInMarketOnly && !boughtInMarket(u, market))
			reasons.push(
				reason('REG-5', 'block', 'ext.boughtElsewhere', {
					serial: u.serial,
					country: purchaseCountry(u) ?? '?'
				})
			);
		const end = u.purchasedOn ? warrantyEnd(u.purchasedOn, market) : null;
		const current = later(
			end,
			u.extendedWarrantyUntil ? parseIsoDate(u.extendedWarrantyUntil) : null
		);
		if (!current)
			reasons.push(reason('EXT-2', 'block', 'war.purchaseDateUnknown', { serial: u.serial }));
		else if (!onOrBefore(at, current, market))
			reasons.push(
				reason('EXT-2', 'block', 'ext.warrantyOver', { serial: u.serial, until: iso(current)! })
			);
		else if (ctx.months >= 1) {
			const next = formatIsoDate(addMonthsClamped(current, ctx.months));
			if (until === null || next > until) until = next;
		}
	}

	// EXT-3: told at the sale
	reasons.push(reason('EXT-3', 'warn', 'ext.exclusionsTold'));
	// EXT-4: Care Plus is extended too, still one accidental-damage replacement in total
	const cp = carePlusActive(customer.carePlus, at);
	reasons.push(
		cp
			? reason('EXT-4', 'warn', 'ext.carePlusExtended', {
					serial: list(ctx.units.map((u) => u.serial)),
					used: Math.max(0, ...ctx.units.map((u) => u.replacementsUsed)),
					limit: market.carePlus.replacementsPerComponent
				})
			: reason('EXT-4', 'ok', 'ext.noCarePlus')
	);

	const v = verdict(reasons, {
		customerId: customer.id,
		modelId: ctx.model.id,
		serials: ctx.units.map((u) => u.serial),
		months: ctx.months,
		carePlus: cp,
		posId: ctx.pos.id
	});
	return { ...v, until: v.allowed ? until : null };
}
