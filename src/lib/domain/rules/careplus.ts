import { z } from 'zod';
import { Age3Answers, age3Reason } from '../attestations';
import type { CarePlus } from '../entities';
import type { MarketPolicy, ProductCategory } from '../market';
import { checkSerial } from '../serial';
import { addDays, compareDates, formatIsoDate, localDate, parseIsoDate } from '../time';
import { reason, verdict, type Reason, type Verdict } from '../verdict';
import {
	accountReason,
	boughtInMarket,
	carePlusActive,
	coverEnd,
	customerReasons,
	iso,
	later,
	list,
	onOrBefore,
	ownedByReasons,
	purchaseCountry,
	today,
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
 * Care Plus (CP, BG terms): who takes part (CP-1), how long the programme and each unit's
 * accidental-damage cover run (CP-2), one accidental-damage replacement per component (CP-3,
 * and EXT-4: the extended warranty lengthens the cover but not the count), what is not covered
 * (CP-4), leaving (CP-5), the accessory discount (CP-6) and "active care" (CP-7).
 */

/** CP-4 (BG 5.3): each point answered before an accidental-damage swap; `true` = applies. */
export const CarePlusExclusions = z.object({
	misuseOrModification: z.boolean().nullable(),
	openedOrRepaired: z.boolean().nullable(),
	lossOrTheft: z.boolean().nullable(),
	cosmeticOnly: z.boolean().nullable(),
	normalWear: z.boolean().nullable(),
	liquidFireDisaster: z.boolean().nullable(),
	incompatibleProduct: z.boolean().nullable(),
	manualNotFollowed: z.boolean().nullable(),
	/** A manufacturing defect goes the warranty way (WAR), not Care Plus. */
	manufacturingDefect: z.boolean().nullable()
});
export type CarePlusExclusions = z.infer<typeof CarePlusExclusions>;

const CP4_POINTS = Object.keys(CarePlusExclusions.shape) as (keyof CarePlusExclusions)[];

/** CP-1 / CP-5: the market offers Care Plus and the customer takes part at `at`. */
export function participantReasons(
	customer: CustomerFacts,
	market: MarketPolicy,
	at: Date
): Reason[] {
	if (!market.carePlus.available)
		return [reason('CP-1', 'block', 'cp.notOffered', { market: market.code })];
	const cp = customer.carePlus ?? null;
	if (cp && cp.endedAt !== null && new Date(cp.endedAt).getTime() <= at.getTime())
		return [reason('CP-5', 'block', 'cp.left', { on: cp.endedAt.slice(0, 10) })];
	if (carePlusActive(cp, at))
		return [reason('CP-1', 'ok', 'cp.participant', { since: cp.acceptedAt.slice(0, 10) })];
	return [reason('CP-1', 'block', 'cp.notParticipant')];
}

/** CP-1 and REG-5: an eligible model, bought in the market, with a readable serial. */
export function eligibleDeviceReasons(
	model: ModelFacts,
	units: readonly ComponentFacts[],
	market: MarketPolicy
): Reason[] {
	const reasons: Reason[] = [];
	reasons.push(
		market.carePlus.eligibleModels.includes(model.id)
			? reason('CP-1', 'ok', 'cp.modelEligible', { model: model.id })
			: reason('CP-1', 'block', 'cp.modelNotEligible', { model: model.id })
	);
	for (const u of units) {
		if (boughtInMarket(u, market))
			reasons.push(reason('REG-5', 'ok', 'reg.boughtInMarket', { country: market.code }));
		else
			reasons.push(
				reason('REG-5', 'block', 'cp.boughtElsewhere', {
					serial: u.serial,
					country: purchaseCountry(u) ?? '?'
				})
			);
		const serial = checkSerial(u.serial, market.serialPattern);
		if (!serial.ok) reasons.push(reason('REG-4', 'block', serial.key, { serial: u.serial }));
	}
	return reasons;
}

/**
 * CP-2: the last day of a unit's accidental-damage cover — purchase + cover months, or the end
 * of a bought extended warranty if later (EXT-4: Care Plus is extended too).
 */
export function carePlusCoverEnd(unit: ComponentFacts, market: MarketPolicy) {
	const base = unit.purchasedOn ? coverEnd(unit.purchasedOn, market.carePlus.coverMonths) : null;
	const ext = unit.extendedWarrantyUntil ? parseIsoDate(unit.extendedWarrantyUntil) : null;
	return { base, end: later(base, ext) };
}

function coverReasons(unit: ComponentFacts, market: MarketPolicy, at: Date): Reason[] {
	const { base, end } = carePlusCoverEnd(unit, market);
	if (!end) return [reason('CP-2', 'block', 'war.purchaseDateUnknown', { serial: unit.serial })];
	if (base && onOrBefore(at, base, market))
		return [reason('CP-2', 'ok', 'cp.covered', { serial: unit.serial, until: iso(base)! })];
	if (onOrBefore(at, end, market))
		return [
			reason('CP-2', 'ok', 'cp.covered', { serial: unit.serial, until: iso(end)! }),
			reason('EXT-4', 'warn', 'ext.carePlusExtended', {
				serial: unit.serial,
				used: unit.replacementsUsed,
				limit: market.carePlus.replacementsPerComponent
			})
		];
	return [reason('CP-2', 'block', 'cp.coverEnded', { serial: unit.serial, until: iso(end)! })];
}

/** CP-3: the one accidental-damage replacement of the component is still unused. */
export function replacementRightReason(unit: ComponentFacts, market: MarketPolicy): Reason {
	const limit = market.carePlus.replacementsPerComponent;
	return unit.replacementsUsed < limit
		? reason('CP-3', 'ok', 'cp.replacementLeft', {
				serial: unit.serial,
				used: unit.replacementsUsed,
				limit
			})
		: reason('CP-3', 'block', 'cp.replacementUsed', {
				serial: unit.serial,
				used: unit.replacementsUsed,
				limit
			});
}

/** CP-4: every point answered, none applies; the damage happened after joining. */
export function carePlusExclusionReasons(
	checklist: CarePlusExclusions,
	damagedOn: string | null,
	cp: CarePlus | null | undefined,
	market: MarketPolicy
): Reason[] {
	const reasons: Reason[] = [];
	const unanswered = CP4_POINTS.filter((k) => checklist[k] === null);
	if (unanswered.length > 0)
		reasons.push(reason('CP-4', 'block', 'cp.checklistIncomplete', { missing: list(unanswered) }));
	if (checklist.manufacturingDefect === true)
		reasons.push(reason('CP-4', 'block', 'cp.useWarranty'));
	const applies = CP4_POINTS.filter((k) => k !== 'manufacturingDefect' && checklist[k] === true);
	if (applies.length > 0)
		reasons.push(reason('CP-4', 'block', 'cp.excluded', { causes: list(applies) }));
	const damaged = damagedOn ? parseIsoDate(damagedOn) : null;
	if (!damaged) reasons.push(reason('CP-4', 'block', 'cp.damageDateUnknown'));
	else if (cp && compareDates(damaged, localDate(new Date(cp.acceptedAt), market.timeZone)) < 0)
		reasons.push(reason('CP-4', 'block', 'cp.damageBeforeEnrolment', { damagedOn: damagedOn! }));
	if (reasons.length === 0) reasons.push(reason('CP-4', 'ok', 'cp.checklistClear'));
	return reasons;
}

export interface CarePlusSwapContext {
	market: MarketPolicy;
	pos: PosFacts;
	customer: CustomerFacts;
	model: ModelFacts;
	/** The damaged units (one device). */
	damaged: readonly ComponentFacts[];
	checklist: CarePlusExclusions;
	/** When the accidental damage happened (local date), as the customer says. */
	damagedOn: string | null;
	serialIntact: boolean | null;
	claim: SwapClaim | null;
	inStock?: readonly string[];
	replacements?: readonly ReplacementUnit[];
	at: Date;
}

/** Care Plus accidental-damage swap (CP-1..CP-4, EXT-4, with WAR-3..WAR-7, REG-4/5, AGE-1). */
export function carePlusSwapVerdict(ctx: CarePlusSwapContext): SwapVerdict {
	const { market, customer, at } = ctx;
	const reasons: Reason[] = [...posSwapReasons(ctx.pos, market, ctx.model.id)];
	reasons.push(...customerReasons(customer, market, at));
	reasons.push(...participantReasons(customer, market, at));
	reasons.push(accountReason(customer, 'CP-1'));
	reasons.push(...ownedByReasons(customer, ctx.damaged, 'CP-1'));
	reasons.push(...eligibleDeviceReasons(ctx.model, ctx.damaged, market));
	reasons.push(serialIntactReason(ctx.serialIntact));
	for (const u of ctx.damaged) reasons.push(...coverReasons(u, market, at));
	for (const u of ctx.damaged) reasons.push(replacementRightReason(u, market));
	reasons.push(
		...carePlusExclusionReasons(ctx.checklist, ctx.damagedOn, customer.carePlus, market)
	);

	const coverage = swapCoverage(ctx.model, ctx.damaged, 'WAR-3');
	reasons.push(...coverage.reasons);
	const replacement = replacementReasons(ctx.model.id, coverage.covers, market, ctx);
	reasons.push(...replacement.reasons);
	reasons.push(...claimReasons(ctx.claim));

	const v = verdict(reasons, {
		kind: 'accidental',
		customerId: customer.id,
		modelId: ctx.model.id,
		serials: ctx.damaged.map((u) => u.serial),
		replacementsUsed: ctx.damaged.map((u) => String(u.replacementsUsed)),
		damagedOn: ctx.damagedOn,
		carePlusSince: customer.carePlus?.acceptedAt ?? null,
		posId: ctx.pos.id
	});
	return { ...v, covers: coverage.covers, replacementModels: replacement.models };
}

export interface CarePlusEnrolContext {
	market: MarketPolicy;
	customer: CustomerFacts;
	model: ModelFacts;
	/** The units to cover (a one-piece device, or the kit's components). */
	units: readonly ComponentFacts[];
	/** AGE-3: tobacco/nicotine user (BG 2.1 б). Pregnancy is not asked here. */
	answers: Pick<Age3Answers, 'nicotineUser'> | null;
	/** CP-1: lives in the market (BG 2.1 д). */
	resident: boolean | null;
	/** CP-1: read and accepted the terms (BG 2.1 е). */
	termsAccepted: boolean;
	/** CP-7: asks for "active care in the first 10 days". */
	activeCareRequested: boolean;
	/** CP-7: units the customer registered before, other than these (0 = a new user). */
	unitsRegisteredBefore: number;
	at: Date;
}

/** True when purchase, registration and acceptance happen together (CP-7, BG 3.4, 7.1). */
function allTogether(
	units: readonly ComponentFacts[],
	customerId: string,
	market: MarketPolicy,
	at: Date
) {
	const day = formatIsoDate(today(market, at));
	return (
		units.length > 0 &&
		units.every(
			(u) => u.purchasedOn === day && (u.customerId === null || u.customerId === customerId)
		)
	);
}

/** Joining Care Plus (CP-1) and, for a new user's first device, active care (CP-7). */
export function carePlusEnrolVerdict(ctx: CarePlusEnrolContext): Verdict {
	const { market, customer, at } = ctx;
	const reasons: Reason[] = [...customerReasons(customer, market, at)];
	if (!market.carePlus.available)
		reasons.push(reason('CP-1', 'block', 'cp.notOffered', { market: market.code }));
	else if (carePlusActive(customer.carePlus, at))
		reasons.push(reason('CP-1', 'warn', 'cp.alreadyParticipant'));
	reasons.push(
		age3Reason(ctx.answers ? { nicotineUser: ctx.answers.nicotineUser, pregnant: null } : null, {
			askPregnancy: false
		})
	);
	reasons.push(accountReason(customer, 'CP-1'));
	if (market.carePlus.residentsOnly)
		reasons.push(
			ctx.resident === null
				? reason('CP-1', 'block', 'cp.residenceUnasked')
				: ctx.resident
					? reason('CP-1', 'ok', 'cp.resident', { market: market.code })
					: reason('CP-1', 'block', 'cp.notResident', { market: market.code })
		);
	reasons.push(
		ctx.termsAccepted
			? reason('CP-1', 'ok', 'cp.termsAccepted')
			: reason('CP-1', 'block', 'cp.termsNotAccepted')
	);
	// the units are registered to the customer, or being registered now (REG-6)
	for (const u of ctx.units)
		if (u.customerId !== null && u.customerId !== customer.id)
			reasons.push(reason('CP-1', 'block', 'reg.deviceNotTheirs', { serial: u.serial }));
	reasons.push(...eligibleDeviceReasons(ctx.model, ctx.units, market));

	const together = allTogether(ctx.units, customer.id, market, at);
	const newUser = ctx.unitsRegisteredBefore === 0;
	if (ctx.activeCareRequested) {
		if (!newUser) reasons.push(reason('CP-7', 'block', 'cp.activeCareNotNewUser'));
		else if (!together) reasons.push(reason('CP-7', 'block', 'cp.activeCareNotTogether'));
		else
			reasons.push(
				reason('CP-7', 'ok', 'cp.activeCare', {
					days: market.carePlus.activeCareDays,
					calls: market.carePlus.activeCareCalls,
					texts: market.carePlus.activeCareTexts
				})
			);
	} else if (newUser && together) reasons.push(reason('CP-7', 'ok', 'cp.activeCareOffer'));

	return verdict(reasons, {
		customerId: customer.id,
		modelId: ctx.model.id,
		serials: ctx.units.map((u) => u.serial),
		newUser,
		purchaseRegistrationAcceptanceTogether: together,
		activeCareRequested: ctx.activeCareRequested
	});
}

/** The participation after joining at `at` (CP-1, CP-7). */
export function enrolCarePlus(activeCareConsent: boolean, at: Date): CarePlus {
	return {
		acceptedAt: at.toISOString(),
		endedAt: null,
		activeCareConsent,
		activeCareWithdrawnAt: null
	};
}

/** CP-7: active care runs the first N days of participation, with consent not withdrawn. */
export function activeCareRunning(
	cp: CarePlus | null | undefined,
	market: MarketPolicy,
	at: Date
): boolean {
	if (!carePlusActive(cp, at) || !cp.activeCareConsent || cp.activeCareWithdrawnAt) return false;
	const start = localDate(new Date(cp.acceptedAt), market.timeZone);
	const last = addDays(start, market.carePlus.activeCareDays - 1);
	return onOrBefore(at, last, market);
}

export type CarePlusLeaveScope = 'all' | 'active_care';

export interface CarePlusLeaveContext {
	market: MarketPolicy;
	customer: Pick<CustomerFacts, 'id'> & Partial<Pick<CustomerFacts, 'carePlus'>>;
	scope: CarePlusLeaveScope;
	at: Date;
}

/**
 * CP-5: the customer may leave at any time, with immediate effect — wholly (no Care Plus service
 * for any of their devices from then on), or only the active-care consent. A right of the
 * customer: no blacklist or age check stands in its way.
 */
export function carePlusLeave(ctx: CarePlusLeaveContext): {
	verdict: Verdict;
	next: CarePlus | null;
} {
	const cp = ctx.customer.carePlus ?? null;
	if (!carePlusActive(cp, ctx.at))
		return { verdict: verdict([reason('CP-5', 'block', 'cp.notParticipant')]), next: cp };
	const at = ctx.at.toISOString();
	if (ctx.scope === 'all')
		return {
			verdict: verdict([reason('CP-5', 'ok', 'cp.leaveAll')], { scope: 'all', endedAt: at }),
			next: { ...cp, endedAt: at }
		};
	if (!cp.activeCareConsent || cp.activeCareWithdrawnAt)
		return { verdict: verdict([reason('CP-5', 'block', 'cp.noActiveCareConsent')]), next: cp };
	return {
		verdict: verdict([reason('CP-5', 'ok', 'cp.activeCareWithdrawn')], { scope: 'active_care' }),
		next: { ...cp, activeCareConsent: false, activeCareWithdrawnAt: at }
	};
}

/** CP-5 (BG 4.6): the company ends participation at once on breach, or with N days' notice. */
export function companyEndsCarePlus(
	cp: CarePlus,
	cause: 'breach' | 'notice',
	market: MarketPolicy,
	at: Date
): CarePlus {
	const days = cause === 'breach' ? 0 : market.carePlus.companyNoticeDays;
	return { ...cp, endedAt: new Date(at.getTime() + days * 86_400_000).toISOString() };
}

/** CP-2: the last day of the programme (12 months from acceptance), in the market's zone. */
export function programmeEnd(cp: CarePlus, market: MarketPolicy) {
	return coverEnd(
		formatIsoDate(localDate(new Date(cp.acceptedAt), market.timeZone)),
		market.carePlus.programmeMonths
	);
}

export interface DiscountLine {
	sku: string;
	category: ProductCategory;
	/** Price in minor units of the market's currency. */
	price: number;
	/** Another discount, offer or promotion already applies to this line. */
	otherDiscount: boolean;
}

export interface DiscountVerdict extends Verdict {
	lines: { sku: string; discount: number }[];
	totalDiscount: number;
}

export interface AccessoryDiscountContext {
	market: MarketPolicy;
	pos: Pick<PosFacts, 'id' | 'kind'>;
	customer: CustomerFacts;
	lines: readonly DiscountLine[];
	at: Date;
}

/**
 * CP-6 (BG 8): participants get N% off IQOS accessories during the programme's 12 months, in
 * IQOS stores; never on cleaning tools or sticks, never on top of another discount.
 */
export function accessoryDiscountVerdict(ctx: AccessoryDiscountContext): DiscountVerdict {
	const { market, customer, at } = ctx;
	const terms = market.carePlus;
	const reasons: Reason[] = [...customerReasons(customer, market, at)];
	const cp = customer.carePlus ?? null;
	if (!terms.available)
		reasons.push(reason('CP-1', 'block', 'cp.notOffered', { market: market.code }));
	else if (!carePlusActive(cp, at))
		reasons.push(reason('CP-6', 'block', 'cp.discountNotParticipant'));
	else {
		const end = programmeEnd(cp, market);
		reasons.push(
			end && onOrBefore(at, end, market)
				? reason('CP-6', 'ok', 'cp.discountRunning', {
						until: iso(end)!,
						percent: terms.accessoryDiscountPercent
					})
				: reason('CP-6', 'block', 'cp.discountOver', { until: iso(end) ?? '' })
		);
	}
	if (terms.discountInIqosStoresOnly && ctx.pos.kind !== 'iqos_store')
		reasons.push(reason('CP-6', 'block', 'cp.discountStoresOnly'));

	const lines = ctx.lines.map((l) => {
		if (l.category !== 'accessory' || terms.discountExcludedCategories.includes(l.category)) {
			reasons.push(
				reason('CP-6', 'warn', 'cp.discountExcluded', { sku: l.sku, category: l.category })
			);
			return { sku: l.sku, discount: 0 };
		}
		if (l.otherDiscount) {
			reasons.push(reason('CP-6', 'warn', 'cp.discountNotCombined', { sku: l.sku }));
			return { sku: l.sku, discount: 0 };
		}
		return { sku: l.sku, discount: Math.round((l.price * terms.accessoryDiscountPercent) / 100) };
	});
	const v = verdict(reasons, {
		customerId: customer.id,
		percent: terms.accessoryDiscountPercent,
		carePlusSince: cp?.acceptedAt ?? null,
		lines: ctx.lines.map((l) => l.sku)
	});
	const granted = v.allowed ? lines : lines.map((l) => ({ ...l, discount: 0 }));
	return { ...v, lines: granted, totalDiscount: granted.reduce((s, l) => s + l.discount, 0) };
}
