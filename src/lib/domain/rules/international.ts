import type { MarketPolicy } from '../market';
import { reason, verdict, type Reason, type Verdict } from '../verdict';
import { carePlusCoverEnd } from './careplus';
import {
	carePlusActive,
	customerReasons,
	onOrBefore,
	type ComponentFacts,
	type CustomerFacts
} from './common';

/**
 * WAR-8 (LV, BG 6): a customer travelling in a country with official IQOS points of sale gets
 * support and, where due, a replacement, if the device is registered to them or covered by
 * Care Plus. The customer's home market decides: its list of countries (BG 6.5) and its phone
 * numbers. The swap itself then follows WAR or CP with the home market's policy.
 */
export interface InternationalSupportContext {
	/** The customer's home market (where the device was bought and registered). */
	home: MarketPolicy;
	/** The country the customer is in now (ISO alpha-2): where the counter is. */
	country: string;
	customer: CustomerFacts;
	unit: ComponentFacts;
	at: Date;
}

export function internationalSupportVerdict(ctx: InternationalSupportContext): Verdict {
	const { home, country, customer, unit, at } = ctx;
	const support = home.support;
	const reasons: Reason[] = [...customerReasons(customer, home, at)];
	if (country === home.code) reasons.push(reason('WAR-8', 'block', 'war.intlAtHome', { country }));
	else if (!support.internationalCountries.includes(country))
		reasons.push(reason('WAR-8', 'block', 'war.intlCountryNotListed', { country }));
	else reasons.push(reason('WAR-8', 'ok', 'war.intlCountryListed', { country }));

	const registered = customer.registered && unit.customerId === customer.id;
	const cp = customer.carePlus ?? null;
	const cpEnd = carePlusCoverEnd(unit, home).end;
	const covered =
		home.carePlus.available &&
		carePlusActive(cp, at) &&
		unit.customerId === customer.id &&
		!!cpEnd &&
		onOrBefore(at, cpEnd, home);
	reasons.push(
		registered
			? reason('WAR-8', 'ok', 'war.intlRegistered', { serial: unit.serial })
			: covered
				? reason('WAR-8', 'ok', 'war.intlCarePlus', { serial: unit.serial })
				: reason('WAR-8', 'block', 'war.intlNotEligible', { serial: unit.serial })
	);
	reasons.push(
		reason('WAR-8', 'ok', 'war.intlPhones', {
			phone: support.internationalPhone,
			fallback: support.internationalFallbackPhone
		})
	);
	return verdict(reasons, {
		customerId: customer.id,
		serial: unit.serial,
		homeMarket: home.code,
		country,
		registered,
		carePlus: covered,
		phone: support.internationalPhone,
		fallbackPhone: support.internationalFallbackPhone
	});
}
