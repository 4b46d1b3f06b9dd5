import type { CarePlus, Customer, DeviceComponent, DeviceModel, PointOfSale } from '../entities';
import type { MarketPolicy } from '../market';
import {
	addMonthsClamped,
	compareDates,
	formatIsoDate,
	localDate,
	parseIsoDate,
	type LocalDate
} from '../time';
import { reason, type Reason, type RuleId } from '../verdict';
import { ageReason } from './age';

/**
 * Building blocks shared by the service rules: the customer facts every service checks
 * (AGE-1 adult, RNT-7 blacklist), "is this device theirs" (REG-3), cover periods counted in
 * calendar months in the market's zone, and where a device was bought (REG-5).
 */

/** What the rules read about a customer. */
export type CustomerFacts = Pick<Customer, 'id' | 'registered' | 'dateOfBirth' | 'blacklisted'> &
	Partial<Pick<Customer, 'carePlus'>>;

/** What the rules read about one serial-numbered unit. */
export type ComponentFacts = Pick<
	DeviceComponent,
	'serial' | 'deviceId' | 'modelId' | 'part' | 'customerId' | 'purchasedOn' | 'replacementsUsed'
> &
	Partial<Pick<DeviceComponent, 'marketCode' | 'purchaseCountry' | 'extendedWarrantyUntil'>>;

export type ModelFacts = Pick<DeviceModel, 'id' | 'kind'>;

export type PosFacts = Pick<
	PointOfSale,
	'id' | 'kind' | 'reducedAssortment' | 'capabilities' | 'modelsSold'
>;

/** RNT-7: a blacklisted customer may be refused every service — a supervisor may allow it. */
export function blacklistReasons(customer: Pick<Customer, 'blacklisted'>): Reason[] {
	return customer.blacklisted ? [reason('RNT-7', 'override', 'customer.blacklisted')] : [];
}

/** AGE-1 and RNT-7: the checks every service starts with. */
export function customerReasons(customer: CustomerFacts, market: MarketPolicy, at: Date): Reason[] {
	return [ageReason(customer.dateOfBirth, market, at), ...blacklistReasons(customer)];
}

/** REG-3 (under the service's own rule ID): the customer holds an account. */
export function accountReason(customer: Pick<Customer, 'registered'>, rule: RuleId): Reason {
	return customer.registered
		? reason(rule, 'ok', 'reg.customerRegistered')
		: reason(rule, 'block', 'reg.customerNotRegistered');
}

/** REG-3: every unit handed in is registered to this customer. */
export function ownedByReasons(
	customer: Pick<Customer, 'id'>,
	components: readonly Pick<DeviceComponent, 'serial' | 'customerId'>[],
	rule: RuleId
): Reason[] {
	return components.map((c) =>
		c.customerId === customer.id
			? reason(rule, 'ok', 'reg.deviceRegistered', { serial: c.serial })
			: reason(rule, 'block', 'reg.deviceNotTheirs', { serial: c.serial })
	);
}

/** The local calendar date of an instant in the market's zone. */
export function today(market: MarketPolicy, at: Date): LocalDate {
	return localDate(at, market.timeZone);
}

/**
 * Last day of a cover that runs `months` from `start`: the same day number `months` later,
 * clamped to the month's end (31 Jan + 1 month -> 28/29 Feb). Covered through that whole day.
 */
export function coverEnd(start: string, months: number): LocalDate | null {
	const date = parseIsoDate(start);
	return date ? addMonthsClamped(date, months) : null;
}

/** WAR-1: last day of the warranty of a unit bought on `purchasedOn`. */
export function warrantyEnd(purchasedOn: string, market: MarketPolicy): LocalDate | null {
	return coverEnd(purchasedOn, market.warrantyMonths);
}

/** True when the local date of `at` is on or before `lastDay`. */
export function onOrBefore(at: Date, lastDay: LocalDate, market: MarketPolicy): boolean {
	return compareDates(today(market, at), lastDay) <= 0;
}

/** The later of two optional dates. */
export function later(a: LocalDate | null, b: LocalDate | null): LocalDate | null {
	if (!a) return b;
	if (!b) return a;
	return compareDates(a, b) >= 0 ? a : b;
}

export const iso = (d: LocalDate | null): string | null => (d ? formatIsoDate(d) : null);

/** REG-5: the country a unit was bought in (absent = the market it belongs to). */
export function purchaseCountry(
	c: Partial<Pick<DeviceComponent, 'marketCode' | 'purchaseCountry'>>
) {
	return c.purchaseCountry ?? c.marketCode ?? null;
}

/** REG-5: bought in this market. */
export function boughtInMarket(
	c: Partial<Pick<DeviceComponent, 'marketCode' | 'purchaseCountry'>>,
	market: MarketPolicy
): boolean {
	return purchaseCountry(c) === market.code;
}

/** CP-5: participating at `at` — accepted, and not (yet) left or ended. */
export function carePlusActive(cp: CarePlus | null | undefined, at: Date): cp is CarePlus {
	if (!cp) return false;
	if (new Date(cp.acceptedAt).getTime() > at.getTime()) return false;
	return cp.endedAt === null || at.getTime() < new Date(cp.endedAt).getTime();
}

/** Comma-separated list for message parameters. */
export const list = (items: readonly string[]): string => items.join(', ');
