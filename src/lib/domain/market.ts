import { z } from 'zod';

/**
 * Per-market policy settings. A rule reads its numbers and switches from here, so a market can
 * change a number without a code change (POLICIES.md preamble). Values come from the seed
 * documents; where a market's documents are silent, the default is noted beside the field.
 */
export const MarketCode = z.enum(['LV', 'HU', 'BG', 'CZ', 'GE']);
export type MarketCode = z.infer<typeof MarketCode>;

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
	staleAfterHours: z.number().int().min(1)
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

export const MARKETS: Record<MarketCode, MarketPolicy> = {
	LV: { code: 'LV', name: 'Latvia', timeZone: 'Europe/Riga', currency: 'EUR', ...common },
	HU: { code: 'HU', name: 'Hungary', timeZone: 'Europe/Budapest', currency: 'HUF', ...common },
	// Bulgaria adopted the euro on 1 January 2026
	BG: { code: 'BG', name: 'Bulgaria', timeZone: 'Europe/Sofia', currency: 'EUR', ...common },
	CZ: { code: 'CZ', name: 'Czechia', timeZone: 'Europe/Prague', currency: 'CZK', ...common },
	GE: { code: 'GE', name: 'Georgia', timeZone: 'Asia/Tbilisi', currency: 'GEL', ...common }
};
