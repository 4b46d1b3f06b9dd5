import {
	MARKETS,
	addDays,
	formatIsoDate,
	localDate,
	type Customer,
	type DeviceComponent,
	type MarketCode
} from '$lib/domain';
import type { Db } from './db';
import * as map from './db/mapping';
import * as t from './db/schema';

/**
 * Demo data of the "customers" flows (issue 6), deterministic and relative to `now`. The browser
 * tests (tests/e2e/pages/customers.ts, CUSTOMERS_FIXTURES) rely on these serials and ids; no
 * other spec uses them.
 *
 * - GE: unregistered ILUMA kits GEH100000n / GEC100000n (n = 1..3), never sold, for REG-6.
 * - GE: ge-cus-01 Levan Gelashvili (GEH1000011 / GEC1000011) and ge-cus-02 Ana Lomidze
 *   (GEH1000012 / GEC1000012), adults whose kits another customer will ask to register (REG-2:
 *   refused, transfer offered).
 * - GE: ge-cus-03 Giorgi Tsiklauri (GEH1000021 / GEC1000021) and ge-cus-04 Mariam Kiknadze
 *   (GEH1000022 / GEC1000022), kits bought 30 days ago: extended warranty (EXT).
 * - HU: hu-cus-01 Bence Kiss (HUH1000001 / HUC1000001) and hu-cus-02 Réka Tóth (HUH1000002 /
 *   HUC1000002), bought 3 days ago: inside the 14-day buy-back; hu-cus-03 Ádám Varga
 *   (HUH1000003 / HUC1000003), bought 30 days ago: outside it (BUY-1).
 * - BG: bg-cus-01 Ivan Petrov and bg-cus-02 Maria Georgieva, new users with an IQOS 3 DUO kit
 *   bought and registered today (BGH100000n / BGC100000n), not in Care Plus: enrolment with active
 *   care (CP-1, CP-7), then leaving (CP-5).
 */

const DAY = 24 * 60 * 60 * 1000;

interface Person {
	id: string;
	first: string;
	last: string;
	phone: string;
	born: string;
	kit: { n: string; modelId: string; boughtDaysAgo: number };
}

const PEOPLE: Partial<Record<MarketCode, Person[]>> = {
	GE: [
		{ id: 'ge-cus-01', first: 'Levan', last: 'Gelashvili', phone: '+995 599 410011', born: '1985-03-02', kit: { n: '1000011', modelId: 'iluma', boughtDaysAgo: 120 } },
		{ id: 'ge-cus-02', first: 'Ana', last: 'Lomidze', phone: '+995 599 410012', born: '1979-11-20', kit: { n: '1000012', modelId: 'iluma', boughtDaysAgo: 90 } },
		{ id: 'ge-cus-03', first: 'Giorgi', last: 'Tsiklauri', phone: '+995 599 410021', born: '1992-07-08', kit: { n: '1000021', modelId: 'iluma', boughtDaysAgo: 30 } },
		{ id: 'ge-cus-04', first: 'Mariam', last: 'Kiknadze', phone: '+995 599 410022', born: '1988-01-30', kit: { n: '1000022', modelId: 'iluma', boughtDaysAgo: 30 } }
	],
	HU: [
		{ id: 'hu-cus-01', first: 'Bence', last: 'Kiss', phone: '+36 30 4100001', born: '1990-04-04', kit: { n: '1000001', modelId: 'iluma', boughtDaysAgo: 3 } },
		{ id: 'hu-cus-02', first: 'Réka', last: 'Tóth', phone: '+36 30 4100002', born: '1983-09-15', kit: { n: '1000002', modelId: 'iluma', boughtDaysAgo: 3 } },
		{ id: 'hu-cus-03', first: 'Ádám', last: 'Varga', phone: '+36 30 4100003', born: '1975-12-01', kit: { n: '1000003', modelId: 'iluma', boughtDaysAgo: 30 } }
	],
	BG: [
		{ id: 'bg-cus-01', first: 'Ivan', last: 'Petrov', phone: '+359 88 4100001', born: '1991-06-21', kit: { n: '1000001', modelId: 'iqos-3-duo', boughtDaysAgo: 0 } },
		{ id: 'bg-cus-02', first: 'Maria', last: 'Georgieva', phone: '+359 88 4100002', born: '1987-02-11', kit: { n: '1000002', modelId: 'iqos-3-duo', boughtDaysAgo: 0 } }
	]
}; // prettier-ignore

export async function seedCustomers(db: Db, now: Date): Promise<void> {
	const v = { version: 1 };
	for (const [code, people] of Object.entries(PEOPLE) as [MarketCode, Person[]][]) {
		const tz = MARKETS[code].timeZone;
		const today = localDate(now, tz);
		const customers: Customer[] = [];
		const units: DeviceComponent[] = [];
		for (const p of people) {
			customers.push({
				id: p.id,
				marketCode: code,
				firstName: p.first,
				lastName: p.last,
				phone: p.phone,
				dateOfBirth: p.born,
				registered: true,
				blacklisted: false,
				carePlus: null,
				updatedAt: new Date(now.getTime() - 30 * DAY).toISOString(),
				marketingConsent: true,
				clubMember: false
			});
			const purchasedOn = formatIsoDate(addDays(today, -p.kit.boughtDaysAgo));
			const registeredAt = new Date(
				Math.min(now.getTime() - 60_000, now.getTime() - p.kit.boughtDaysAgo * DAY + 3_600_000)
			).toISOString();
			for (const part of ['holder', 'charger'] as const)
				units.push(unit(code, part, p.kit.n, p.kit.modelId, p.id, purchasedOn, registeredAt));
		}
		if (code === 'GE')
			for (const n of ['1000001', '1000002', '1000003'])
				for (const part of ['holder', 'charger'] as const)
					units.push(unit(code, part, n, 'iluma', null, null, null));
		await db.insert(t.customers).values(customers.map((c) => map.customerToRow(c, v)));
		await db.insert(t.components).values(units.map((c) => map.componentToRow(c, v)));
	}
}

function unit(
	code: MarketCode,
	part: 'holder' | 'charger',
	n: string,
	modelId: string,
	customerId: string | null,
	purchasedOn: string | null,
	registeredAt: string | null
): DeviceComponent {
	return {
		serial: `${code}${part === 'holder' ? 'H' : 'C'}${n}`,
		deviceId: `${code.toLowerCase()}-cus-d-${n}`,
		modelId,
		part,
		marketCode: code,
		customerId,
		purchasedOn,
		registeredAt,
		replacementsUsed: 0,
		purchaseCountry: null,
		extendedWarrantyUntil: null,
		atPosId: null,
		condition: 'ok'
	};
}
