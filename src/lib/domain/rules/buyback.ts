import type { MarketPolicy } from '../market';
import { addDays, formatIsoDate, parseIsoDate } from '../time';
import { reason, verdict, type Reason, type Verdict } from '../verdict';
import {
	accountReason,
	customerReasons,
	onOrBefore,
	ownedByReasons,
	type ComponentFacts,
	type CustomerFacts
} from './common';

/**
 * BUY-1 (HU): registered customers who watched the product videos may return a device within
 * N days of purchase (withdrawal), on top of statutory rights. Day 0 is the purchase date; the
 * last day is purchase + N calendar days, in the market's zone.
 */
export interface BuyBackContext {
	market: MarketPolicy;
	customer: CustomerFacts;
	/** The units handed back (the device). */
	units: readonly ComponentFacts[];
	/** The customer watched the product videos (HU). */
	videosWatched: boolean | null;
	at: Date;
}

export function buyBackLastDay(purchasedOn: string, market: MarketPolicy): string | null {
	const date = parseIsoDate(purchasedOn);
	return date ? formatIsoDate(addDays(date, market.buyBackDays)) : null;
}

export function buyBackVerdict(ctx: BuyBackContext): Verdict {
	const { market, customer, at } = ctx;
	const reasons: Reason[] = [];
	if (market.buyBackDays === 0)
		reasons.push(reason('BUY-1', 'block', 'buy.notOffered', { market: market.code }));
	reasons.push(...customerReasons(customer, market, at));
	reasons.push(accountReason(customer, 'BUY-1'));
	reasons.push(...ownedByReasons(customer, ctx.units, 'BUY-1'));
	if (market.buyBackRequiresVideos)
		reasons.push(
			ctx.videosWatched === null
				? reason('BUY-1', 'block', 'buy.videosUnasked')
				: ctx.videosWatched
					? reason('BUY-1', 'ok', 'buy.videosWatched')
					: reason('BUY-1', 'block', 'buy.videosNotWatched')
		);
	const lastDays: string[] = [];
	if (market.buyBackDays > 0)
		for (const u of ctx.units) {
			const last = u.purchasedOn ? buyBackLastDay(u.purchasedOn, market) : null;
			if (!last) {
				reasons.push(reason('BUY-1', 'block', 'war.purchaseDateUnknown', { serial: u.serial }));
				continue;
			}
			lastDays.push(last);
			reasons.push(
				onOrBefore(at, parseIsoDate(last)!, market)
					? reason('BUY-1', 'ok', 'buy.inPeriod', {
							serial: u.serial,
							lastDay: last,
							days: market.buyBackDays
						})
					: reason('BUY-1', 'block', 'buy.periodOver', {
							serial: u.serial,
							lastDay: last,
							days: market.buyBackDays
						})
			);
		}
	return verdict(reasons, {
		customerId: customer.id,
		serials: ctx.units.map((u) => u.serial),
		days: market.buyBackDays,
		lastDays
	});
}
