import { z } from 'zod';

/**
 * Per-market policy settings. A rule reads its numbers and switches from here, so a market can
 * change a number without a code change (POLICIES.md preamble). Values come from the seed
 * documents; where a market's documents are silent the default below applies. Every value and
 * its source (seed file and section) is listed in docs/policies.md.
 *
 * Every field added after the first release has a zod default, so a policy stored before it
 * existed (the server keeps the policy as jsonb) still parses, and gets the documented default.
 */
export const MarketCode = z.enum(['LV', 'HU', 'BG', 'CZ', 'GE']);
export type MarketCode = z.infer<typeof MarketCode>;

/** ISO 3166-1 alpha-2 country code (WAR-8 lists countries, not only our markets). */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/);

/** Accessory categories at the till (CP-6 excludes cleaning tools and sticks). */
export const ProductCategory = z.enum([
	'accessory',
	'cleaning_tool',
	'cleaning_stick',
	'device',
	'consumable'
]);
export type ProductCategory = z.infer<typeof ProductCategory>;

/** BG 6.5: countries where "help abroad" is offered, as published. "крайна" read as Ukraine. */
export const BG_INTERNATIONAL_COUNTRIES = [
	'AM', 'BG', 'CA', 'CO', 'HR', 'CW', 'CY', 'CZ', 'DK', 'DO', 'FR', 'DE', 'GR', 'GT', 'IL', 'IT',
	'JP', 'KZ', 'KR', 'LV', 'LT', 'MD', 'NL', 'NZ', 'PS', 'PL', 'PT', 'RE', 'RO', 'RU', 'RS', 'SK',
	'SI', 'ZA', 'ES', 'CH', 'UA', 'GB'
] as const; // prettier-ignore

/** CP: the Care Plus accidental-damage programme (BG terms). Off where not offered. */
export const CarePlusTerms = z.object({
	available: z.boolean(),
	/** CP-2: the programme runs this many months from acceptance (BG 4.2). */
	programmeMonths: z.number().int().min(1),
	/** CP-2: accidental-damage cover per component, months from its purchase (BG 4.3, 11.2). */
	coverMonths: z.number().int().min(1),
	/** CP-3: accidental-damage replacements per registered component (BG 5.3). */
	replacementsPerComponent: z.number().int().min(0),
	/** CP-1: model ids that may take part (BG 3.1). */
	eligibleModels: z.array(z.string()),
	/** CP-1: participants must live in the market (BG 2.1 д). */
	residentsOnly: z.boolean(),
	/** CP-6: accessory discount in percent during the programme (BG 8.1). */
	accessoryDiscountPercent: z.number().min(0).max(100),
	/** CP-6: categories the discount never applies to (BG 8.2). */
	discountExcludedCategories: z.array(ProductCategory),
	/** CP-6: the discount is given in IQOS stores (and online), not at partners (BG 8.1). */
	discountInIqosStoresOnly: z.boolean(),
	/** CP-7: "active care" lasts this many days from joining (BG 4.2, 7.3). */
	activeCareDays: z.number().int().min(0),
	activeCareCalls: z.number().int().min(0),
	activeCareTexts: z.number().int().min(0),
	/** CP-5: the company may end participation with this many days' notice (BG 4.6 б). */
	companyNoticeDays: z.number().int().min(0)
});
export type CarePlusTerms = z.infer<typeof CarePlusTerms>;

const CARE_PLUS_OFF: CarePlusTerms = {
	available: false,
	programmeMonths: 12,
	coverMonths: 12,
	replacementsPerComponent: 1,
	eligibleModels: [],
	residentsOnly: true,
	accessoryDiscountPercent: 10,
	discountExcludedCategories: ['cleaning_tool', 'cleaning_stick'],
	discountInIqosStoresOnly: true,
	activeCareDays: 10,
	activeCareCalls: 3,
	activeCareTexts: 2,
	companyNoticeDays: 30
};

/** EXT: paid extension of the warranty (GE 5.7). */
export const ExtendedWarrantyTerms = z.object({
	available: z.boolean(),
	/** EXT-2 / REG-5: not sold for devices bought outside the market (GE 5.7.4). */
	boughtInMarketOnly: z.boolean(),
	/** Model ids it may be sold for; null = every model (GE 5.7.3 names no list). */
	eligibleModels: z.array(z.string()).nullable()
});
export type ExtendedWarrantyTerms = z.infer<typeof ExtendedWarrantyTerms>;

/** RNT: device rental (GE 7). */
export const RentalTerms = z.object({
	available: z.boolean(),
	/** RNT-5: price, model, length and return terms are set by the contract at the POS (GE 7.6). */
	pricing: z.enum(['contract']),
	/** RNT-2: for customers with no registered device (GE 7.3); others need an override. */
	onlyWithoutRegisteredDevice: z.boolean(),
	/** RNT-3: once per customer (GE 7.4); a second rental needs an override. */
	oncePerCustomer: z.boolean(),
	/** RNT-5: an early return refunds nothing (GE 7.6). */
	earlyReturnRefund: z.boolean(),
	/** RNT-7: a late return proposes the blacklist (GE 7.9), after this many hours' grace. */
	lateGraceHours: z.number().int().min(0),
	/** AGE-2: a valid original ID, no copy (GE 7.6). */
	originalIdRequired: z.boolean()
});
export type RentalTerms = z.infer<typeof RentalTerms>;

/** WAR-7: who may swap (HU). */
export const SwapTerms = z.object({
	/** Tobacconist partners may swap at all (HU: yes, for types they sell). */
	tobacconistsMaySwap: z.boolean(),
	/** A tobacconist swaps only models it sells (HU). */
	tobacconistSameTypeOnly: z.boolean(),
	/** A point of sale marked "reduced assortment" may swap (HU: no). */
	reducedAssortmentMaySwap: z.boolean()
});
export type SwapTerms = z.infer<typeof SwapTerms>;

/** WAR-4: replacement models. */
export const ReplacementTerms = z.object({
	/** Old generations never handed out as a replacement (GE 5.7.5: 2.4 Plus). */
	retiredModels: z.array(z.string()),
	/** Model id -> models of at least equivalent function, in order of preference. */
	equivalents: z.record(z.string(), z.array(z.string()))
});
export type ReplacementTerms = z.infer<typeof ReplacementTerms>;

const REPLACEMENTS_DEFAULT: ReplacementTerms = {
	retiredModels: ['iqos-24-plus'],
	equivalents: { 'iqos-24-plus': ['iqos-3-duo'] }
};

/** WAR-8 and the numbers staff give customers. */
export const SupportTerms = z.object({
	/** The market's customer care line; null when the seed gives none. */
	phone: z.string().nullable(),
	email: z.string().nullable(),
	/** International support line (LV, BG 6.1). */
	internationalPhone: z.string(),
	/** For mobile operators that cannot reach the free number (LV, BG 6.1). */
	internationalFallbackPhone: z.string(),
	/** Countries where a customer of this market gets help abroad (BG 6.5). */
	internationalCountries: z.array(CountryCode)
});
export type SupportTerms = z.infer<typeof SupportTerms>;

const SUPPORT_DEFAULT: SupportTerms = {
	phone: null,
	email: null,
	internationalPhone: '00800 2559 2559',
	internationalFallbackPhone: '+41 21 547 88 88',
	internationalCountries: [...BG_INTERNATIONAL_COUNTRIES]
};

/** ACC: account care at the counter. */
export const AccountTerms = z.object({
	/** ACC-1: who changes the account email — customer care (CZ) or the customer online (HU). */
	emailChangeVia: z.enum(['customer_care', 'self_service'])
});
export type AccountTerms = z.infer<typeof AccountTerms>;

export const MarketPolicy = z.object({
	code: MarketCode,
	name: z.string().min(1),
	timeZone: z.string().min(1),
	currency: z.string().length(3),
	/** AGE-1: 18 in every seed market. */
	legalAge: z.number().int().min(16).max(21),
	/** CLN-2: professional cleanings per customer per calendar month (GE 5.4; default 2). */
	cleaningsPerMonth: z.number().int().min(0),
	/** WAR-1: months of warranty from purchase (GE 5.1; default 12). */
	warrantyMonths: z.number().int().min(0),
	/** RSV-2: hours a reservation is held after confirmation (GE 2; default 48). */
	reservationHoldHours: z.number().int().min(1),
	/** Serial pattern after normalisation (upper case, no spaces or dashes). */
	serialPattern: z.string().min(1),
	/** Data older than this is marked stale on the customer card. */
	staleAfterHours: z.number().int().min(1),

	/** RSV-1: online / call-centre reservations for pickup (GE 2; default off). */
	reservationsAvailable: z.boolean().default(false),
	/** BUY-1: days of buy-back after purchase; 0 = not offered (HU 14; default 0). */
	buyBackDays: z.number().int().min(0).default(0),
	/** BUY-1: buy-back needs the product videos watched (HU). */
	buyBackRequiresVideos: z.boolean().default(true),
	carePlus: CarePlusTerms.default(() => ({ ...CARE_PLUS_OFF })),
	extendedWarranty: ExtendedWarrantyTerms.default(() => ({
		available: false,
		boughtInMarketOnly: true,
		eligibleModels: null
	})),
	rental: RentalTerms.default(() => ({
		available: false,
		pricing: 'contract' as const,
		onlyWithoutRegisteredDevice: true,
		oncePerCustomer: true,
		earlyReturnRefund: false,
		lateGraceHours: 0,
		originalIdRequired: true
	})),
	swaps: SwapTerms.default(() => ({
		tobacconistsMaySwap: true,
		tobacconistSameTypeOnly: true,
		reducedAssortmentMaySwap: false
	})),
	replacements: ReplacementTerms.default(() => structuredClone(REPLACEMENTS_DEFAULT)),
	support: SupportTerms.default(() => structuredClone(SUPPORT_DEFAULT)),
	account: AccountTerms.default(() => ({ emailChangeVia: 'customer_care' as const }))
});
export type MarketPolicy = z.infer<typeof MarketPolicy>;

const common = {
	legalAge: 18,
	cleaningsPerMonth: 2,
	warrantyMonths: 12,
	reservationHoldHours: 48,
	serialPattern: '^[A-Z0-9]{8,20}$',
	staleAfterHours: 24
} as const;

/** The documented defaults of every later field: what a market whose seed is silent gets. */
export const MARKET_DEFAULTS = MarketPolicy.parse({
	code: 'LV',
	name: 'defaults',
	timeZone: 'UTC',
	currency: 'EUR',
	...common
});

/** Fields every market shares unless its seed says otherwise. */
function base(code: MarketCode, name: string, timeZone: string, currency: string): MarketPolicy {
	return structuredClone({ ...MARKET_DEFAULTS, code, name, timeZone, currency });
}

function latvia(): MarketPolicy {
	const m = base('LV', 'Latvia', 'Europe/Riga', 'EUR');
	// 000: the international line as printed in Latvia, and its fallback
	m.support = { ...m.support, internationalPhone: '+800 2559 2559' };
	return m;
}

function hungary(): MarketPolicy {
	const m = base('HU', 'Hungary', 'Europe/Budapest', 'HUF');
	m.buyBackDays = 14; // 001: 14 napos visszavásárlási garancia, after the product videos
	m.buyBackRequiresVideos = true;
	// 001: any tobacconist selling the same type may swap, except "reduced assortment" shops
	m.swaps = {
		tobacconistsMaySwap: true,
		tobacconistSameTypeOnly: true,
		reducedAssortmentMaySwap: false
	};
	m.support = { ...m.support, phone: '+36 80 888 222', email: 'contact.hu@iqos.com' };
	m.account = { emailChangeVia: 'self_service' }; // 001: the email is changed in the profile
	return m;
}

function bulgaria(): MarketPolicy {
	// Bulgaria adopted the euro on 1 January 2026
	const m = base('BG', 'Bulgaria', 'Europe/Sofia', 'EUR');
	m.carePlus = {
		...CARE_PLUS_OFF,
		available: true,
		// 002 §3.1: IQOS 2.4P ("IQOS4Р"), IQOS 3 (two-piece) and IQOS 3 Multi (one-piece)
		eligibleModels: ['iqos-24-plus', 'iqos-3-duo', 'iqos-3-multi']
	};
	m.support = {
		phone: '0800 40004',
		email: 'contact.bg@iqos.com',
		internationalPhone: '00800 2559 2559',
		internationalFallbackPhone: '0041 21 5478888',
		internationalCountries: [...BG_INTERNATIONAL_COUNTRIES]
	};
	return m;
}

function czechia(): MarketPolicy {
	const m = base('CZ', 'Czechia', 'Europe/Prague', 'CZK');
	m.account = { emailChangeVia: 'customer_care' }; // 003: "kontaktuj Centrum zákaznické péče"
	return m;
}

function georgia(): MarketPolicy {
	const m = base('GE', 'Georgia', 'Asia/Tbilisi', 'GEL');
	m.reservationsAvailable = true; // 004 §2
	m.extendedWarranty = { available: true, boughtInMarketOnly: true, eligibleModels: null }; // §5.7
	m.rental = {
		available: true, // 004 §7
		pricing: 'contract',
		onlyWithoutRegisteredDevice: true,
		oncePerCustomer: true,
		earlyReturnRefund: false,
		lateGraceHours: 0,
		originalIdRequired: true
	};
	m.support = { ...m.support, phone: '0800 003 003' }; // 004 §2.2, §6
	return m;
}

export const MARKETS: Record<MarketCode, MarketPolicy> = {
	LV: latvia(),
	HU: hungary(),
	BG: bulgaria(),
	CZ: czechia(),
	GE: georgia()
};
