import { z } from 'zod';
import { Age3Answers, IdCheck, age3Reason, idCheckFacts, idCheckReasons } from '../attestations';
import type { Rental } from '../entities';
import type { MarketPolicy } from '../market';
import { addHours } from '../time';
import { reason, verdict, type Reason, type Verdict } from '../verdict';
import { accountReason, customerReasons, type CustomerFacts, type PosFacts } from './common';

/**
 * Device rental (RNT, GE 7). Starting one: offered here (RNT-1); for registered customers with
 * no registered device (RNT-2) and only once (RNT-3) — both bendable by a supervisor; staff may
 * refuse without a reason (RNT-4); a contract with price, model, length and return terms and a
 * valid original ID (RNT-5, AGE-2); never for minors, pregnant people or non-users of nicotine,
 * with advice to people with diabetes or heart problems (RNT-6, AGE-3). Returning it: early
 * refunds nothing (RNT-5), late proposes the blacklist (RNT-7). Due dates are instants decided
 * by the server clock (BRIEF decision 5).
 */

export const RentalContract = z.object({
	modelId: z.string().min(1),
	/** Price in minor units of the market's currency. */
	price: z.number().int().positive(),
	currency: z.string().length(3),
	days: z.number().int().positive(),
	/** The customer read and signed the return terms. */
	returnTermsSigned: z.boolean()
});
export type RentalContract = z.infer<typeof RentalContract>;

export interface RentalStartContext {
	market: MarketPolicy;
	pos: Pick<PosFacts, 'id' | 'capabilities'>;
	customer: CustomerFacts;
	/** Units registered to the customer now (RNT-2). */
	registeredDevices: number;
	/** Rentals the customer had before (RNT-3). */
	previousRentals: number;
	/** RNT-4: staff decide; null = not decided yet. No reason is asked for a refusal. */
	staffApproves: boolean | null;
	contract: RentalContract | null;
	id: IdCheck | null;
	/** AGE-3 answers, pregnancy included: read here, never returned. */
	answers: Age3Answers | null;
	at: Date;
}

export interface RentalVerdict extends Verdict {
	/** When the device is due back (start + contract days), when allowed. */
	dueAt: string | null;
}

/** RNT-5: the due instant of a rental started at `at` for `days` days. */
export function rentalDueAt(at: Date, days: number): Date {
	return addHours(at, days * 24);
}

function contractReasons(contract: RentalContract | null, market: MarketPolicy): Reason[] {
	const parsed = contract ? RentalContract.safeParse(contract) : null;
	if (!parsed || !parsed.success) return [reason('RNT-5', 'block', 'rnt.contractIncomplete')];
	if (parsed.data.currency !== market.currency)
		return [reason('RNT-5', 'block', 'rnt.contractCurrency', { currency: market.currency })];
	if (!parsed.data.returnTermsSigned) return [reason('RNT-5', 'block', 'rnt.returnTermsUnsigned')];
	return [
		reason('RNT-5', 'ok', 'rnt.contract', { days: parsed.data.days, model: parsed.data.modelId })
	];
}

export function rentalStartVerdict(ctx: RentalStartContext): RentalVerdict {
	const { market, customer, at } = ctx;
	const terms = market.rental;
	const reasons: Reason[] = [];
	if (!terms.available)
		reasons.push(reason('RNT-1', 'block', 'rnt.notOffered', { market: market.code }));
	else if (!ctx.pos.capabilities.rental) reasons.push(reason('RNT-1', 'block', 'rnt.posNoRental'));
	else reasons.push(reason('RNT-1', 'ok', 'rnt.offered'));

	reasons.push(...customerReasons(customer, market, at));
	reasons.push(accountReason(customer, 'RNT-2'));
	if (terms.onlyWithoutRegisteredDevice && ctx.registeredDevices > 0)
		reasons.push(reason('RNT-2', 'override', 'rnt.hasDevice', { count: ctx.registeredDevices }));
	if (terms.oncePerCustomer && ctx.previousRentals > 0)
		reasons.push(reason('RNT-3', 'override', 'rnt.rentedBefore', { count: ctx.previousRentals }));
	else reasons.push(reason('RNT-3', 'ok', 'rnt.firstRental'));

	reasons.push(
		ctx.staffApproves === null
			? reason('RNT-4', 'block', 'rnt.staffUndecided')
			: ctx.staffApproves
				? reason('RNT-4', 'ok', 'rnt.staffApproves')
				: reason('RNT-4', 'block', 'rnt.staffDeclines')
	);
	reasons.push(...contractReasons(ctx.contract, market));
	reasons.push(...idCheckReasons(ctx.id, { originalRequired: terms.originalIdRequired }));
	// RNT-6 with AGE-3: one reason whatever the cause; the advice is given to everyone
	reasons.push(age3Reason(ctx.answers, { askPregnancy: true, rule: 'RNT-6' }));
	reasons.push(reason('RNT-6', 'warn', 'rnt.healthAdvice'));

	const v = verdict(reasons, {
		customerId: customer.id,
		posId: ctx.pos.id,
		registeredDevices: ctx.registeredDevices,
		previousRentals: ctx.previousRentals,
		modelId: ctx.contract?.modelId ?? null,
		days: ctx.contract?.days ?? null,
		price: ctx.contract?.price ?? null,
		...idCheckFacts(ctx.id)
	});
	const dueAt = v.allowed && ctx.contract ? rentalDueAt(at, ctx.contract.days).toISOString() : null;
	return { ...v, dueAt };
}

export interface RentalReturnContext {
	market: MarketPolicy;
	rental: Pick<Rental, 'id' | 'customerId' | 'dueAt' | 'returnedAt'>;
	at: Date;
}

export interface RentalReturnVerdict extends Verdict {
	/** RNT-5: never a refund for days not used. */
	refund: 0;
	/** RNT-7: a late return proposes the blacklist; a supervisor decides. */
	proposeBlacklist: boolean;
}

/** True when the rental is past its due instant (plus grace) and not returned (RNT-7). */
export function rentalOverdue(
	rental: Pick<Rental, 'dueAt' | 'returnedAt'>,
	market: MarketPolicy,
	now: Date
): boolean {
	if (rental.returnedAt !== null) return false;
	return now.getTime() > addHours(new Date(rental.dueAt), market.rental.lateGraceHours).getTime();
}

/** Taking a rented device back: always accepted; early -> no refund, late -> blacklist proposal. */
export function rentalReturnVerdict(ctx: RentalReturnContext): RentalReturnVerdict {
	const { rental, market, at } = ctx;
	if (rental.returnedAt !== null)
		return {
			...verdict([
				reason('RNT-5', 'block', 'rnt.alreadyReturned', { on: rental.returnedAt.slice(0, 10) })
			]),
			refund: 0,
			proposeBlacklist: false
		};
	const due = new Date(rental.dueAt);
	const late = rentalOverdue(rental, market, at);
	const reasons: Reason[] = [];
	if (at.getTime() < due.getTime())
		reasons.push(
			reason('RNT-5', 'warn', 'rnt.earlyNoRefund', {
				daysLeft: Math.floor((due.getTime() - at.getTime()) / 86_400_000)
			})
		);
	else if (late)
		reasons.push(
			reason('RNT-7', 'warn', 'rnt.lateBlacklistProposed', {
				hoursLate: Math.floor((at.getTime() - due.getTime()) / 3_600_000)
			})
		);
	else reasons.push(reason('RNT-5', 'ok', 'rnt.returnedOnTime'));
	return {
		...verdict(reasons, {
			rentalId: rental.id,
			customerId: rental.customerId,
			dueAt: rental.dueAt
		}),
		refund: 0,
		proposeBlacklist: late
	};
}
