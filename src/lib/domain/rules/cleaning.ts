import type { Customer, DeviceComponent, PointOfSale } from '../entities';
import type { MarketPolicy } from '../market';
import { firstOfNextMonth, formatIsoDate, localDate, monthKey } from '../time';
import { reason, verdict, type Reason, type Verdict } from '../verdict';
import { ageReason } from './age';
import { registeredOwnerReasons } from './registration';

/**
 * Professional cleaning (CLN). The same function gives the instant verdict on the tablet and
 * decides at the server when the cleaning arrives by sync — only the inputs differ (the
 * server knows the cleanings other devices recorded meanwhile).
 */
export interface CleaningContext {
	market: MarketPolicy;
	pos: Pick<PointOfSale, 'capabilities'>;
	customer: Pick<Customer, 'id' | 'registered' | 'dateOfBirth' | 'blacklisted'>;
	component: Pick<DeviceComponent, 'serial' | 'customerId'>;
	/** Instants of this customer's other cleanings (any month: the rule picks the month). */
	otherCleanings: readonly Date[];
	/** When the cleaning happens. */
	at: Date;
	/** CLN-3: a demonstration stick is asked for (optional: checked only when given). */
	stickRequested?: boolean;
	/** CLN-3: sticks in stock at the point of sale, pending hand-outs deducted. */
	sticksInStock?: number;
}

export function cleaningVerdict(ctx: CleaningContext): Verdict {
	const reasons: Reason[] = [];

	// CLN-4: the tools are a property of the point of sale, not of the customer
	reasons.push(
		ctx.pos.capabilities.cleaningTools
			? reason('CLN-4', 'ok', 'cln.toolsAvailable')
			: reason('CLN-4', 'block', 'cln.noTools')
	);
	// CLN-1: registered adult customer, device registered to them (AGE-1, REG-3)
	reasons.push(ageReason(ctx.customer.dateOfBirth, ctx.market, ctx.at));
	reasons.push(...registeredOwnerReasons(ctx.customer, ctx.component, 'CLN-1'));
	if (ctx.customer.blacklisted) reasons.push(reason('RNT-7', 'override', 'customer.blacklisted'));

	reasons.push(cleaningQuotaReason(ctx.otherCleanings, ctx.market, ctx.at));
	if (ctx.stickRequested) reasons.push(stickReason(ctx.sticksInStock ?? 0));
	return verdict(reasons);
}

/** CLN-3: a cleaning stick for demonstration, subject to stock; without one the cleaning goes on. */
export function stickReason(sticksInStock: number): Reason {
	return sticksInStock > 0
		? reason('CLN-3', 'ok', 'cln.stickAvailable', { inStock: sticksInStock })
		: reason('CLN-3', 'warn', 'cln.noSticksInStock');
}

/** CLN-2: at most N cleanings per customer per calendar month, in the market's time zone. */
export function cleaningQuotaReason(
	otherCleanings: readonly Date[],
	market: MarketPolicy,
	at: Date
): Reason {
	const month = monthKey(at, market.timeZone);
	const used = otherCleanings.filter((t) => monthKey(t, market.timeZone) === month).length;
	const limit = market.cleaningsPerMonth;
	if (used < limit) return reason('CLN-2', 'ok', 'cln.quotaLeft', { used, limit });
	const nextFrom = formatIsoDate(firstOfNextMonth(localDate(at, market.timeZone)));
	return reason('CLN-2', 'block', 'cln.quotaUsed', { used, limit, nextFrom });
}
