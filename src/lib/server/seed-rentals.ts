/**
 * Demo data for the rental and reservation flows (called once from `seed()`; deterministic,
 * relative to `now`; every row at version 1 like the rest of the seed).
 *
 * - One reservation integration per market ("<Market> website (demo)", source `web`), its API
 *   key published in `integrations/demo-keys.ts` (only the sha256 is stored):
 *     LV cp_demo_lv_web_8a31c0e5d972 · HU cp_demo_hu_web_5e07b2a94f1c ·
 *     BG cp_demo_bg_web_c4d9173a0b65 · CZ cp_demo_cz_web_71fe08b3d2a4 ·
 *     GE cp_demo_ge_web_2f6b9d41c7e8
 * - GE customers of these flows (registered adults, none blacklisted), so the browser tests of
 *   other flows never meet them:
 *     `ge-rnt-01`, `ge-rnt-02` no device, never rented (a rental start, phone / tablet);
 *     `ge-rnt-03`, `ge-rnt-04` each with a rental at the Tbilisi store 2 days overdue
 *       (`ge-rent-late-1`, `ge-rent-late-2`: a late return and the blacklist proposal);
 *     `ge-rnt-05` no device (refusals: copy of the ID, AGE-3 / RNT-6 answers);
 *     `ge-rnt-06` with a registered ILUMA ONE `GED0000601` (RNT-2 needs a supervisor);
 *     `ge-rsv-01` … `ge-rsv-03` for reservations;
 * - GE reservation `ge-r-expired`, code `GE490049`, for `ge-rsv-01` at the Tbilisi store,
 *   confirmed 49 hours before `now`: the 48-hour hold (RSV-2) has ended.
 */
import { MARKETS, type Customer, type DeviceComponent, type MarketCode } from '$lib/domain';
import type { Db } from './db';
import * as map from './db/mapping';
import * as t from './db/schema';
import { DEMO_EXPIRED_RESERVATION, DEMO_INTEGRATION_KEYS } from './integrations/demo-keys';
import { hashKey } from './integrations/reservations';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const STORE = 'ge-tbilisi-store';

const PEOPLE: [id: string, first: string, last: string, born: string, phone: string][] = [
	['ge-rnt-01', 'Eka', 'Chikovani', '1988-03-09', '+995 599 100 101'],
	['ge-rnt-02', 'Nika', 'Abashidze', '1979-11-23', '+995 599 100 102'],
	['ge-rnt-03', 'Sopho', 'Kvaratskhelia', '1992-07-01', '+995 599 100 103'],
	['ge-rnt-04', 'Zurab', 'Dolidze', '1984-02-17', '+995 599 100 104'],
	['ge-rnt-05', 'Natia', 'Beradze', '1995-09-30', '+995 599 100 105'],
	['ge-rnt-06', 'Lasha', 'Tsereteli', '1981-05-05', '+995 599 100 106'],
	['ge-rsv-01', 'Maka', 'Gogua', '1990-12-12', '+995 599 100 201'],
	['ge-rsv-02', 'Otar', 'Chkheidze', '1986-06-06', '+995 599 100 202'],
	['ge-rsv-03', 'Teona', 'Metreveli', '1993-04-21', '+995 599 100 203']
];

export async function seedRentals(tx: Db, now: Date): Promise<void> {
	const v = { version: 1 };
	await tx.insert(t.integrations).values(
		(Object.keys(DEMO_INTEGRATION_KEYS) as MarketCode[]).map((code) => ({
			id: `${code.toLowerCase()}-web`,
			name: `${MARKETS[code].name} website (demo)`,
			marketCode: code,
			source: 'web',
			keyHash: hashKey(DEMO_INTEGRATION_KEYS[code]),
			createdAt: now
		}))
	);

	const customers: Customer[] = PEOPLE.map(([id, firstName, lastName, dateOfBirth, phone]) => ({
		id,
		marketCode: 'GE',
		firstName,
		lastName,
		phone,
		dateOfBirth,
		registered: true,
		blacklisted: false,
		carePlus: null,
		updatedAt: new Date(now.getTime() - 30 * DAY).toISOString()
	}));
	await tx.insert(t.customers).values(customers.map((c) => map.customerToRow(c, v)));

	const bought = new Date(now.getTime() - 90 * DAY);
	const device: DeviceComponent = {
		serial: 'GED0000601',
		deviceId: 'ge-d-rnt-06',
		modelId: 'iluma-one',
		part: 'device',
		marketCode: 'GE',
		customerId: 'ge-rnt-06',
		purchasedOn: bought.toISOString().slice(0, 10),
		registeredAt: bought.toISOString(),
		replacementsUsed: 0
	};
	await tx.insert(t.components).values(map.componentToRow(device, v));

	// two days overdue: started 16 days ago for 14 days
	const started = new Date(now.getTime() - 16 * DAY);
	await tx.insert(t.rentals).values(
		(['ge-rnt-03', 'ge-rnt-04'] as const).map((customerId, i) =>
			map.rentalToRow(
				{
					id: `ge-rent-late-${i + 1}`,
					customerId,
					posId: STORE,
					modelId: 'iluma-one',
					startedAt: started.toISOString(),
					dueAt: new Date(started.getTime() + 14 * DAY).toISOString(),
					returnedAt: null,
					status: 'active',
					contract: {
						serial: `GERENT00${i + 1}`,
						price: 3000,
						currency: 'GEL',
						lengthDays: 14,
						idType: 'id_card',
						idLast: `7${i + 1}`,
						signature: 'M 10 40 L 60 20 L 110 45 L 160 15'
					}
				},
				'GE',
				v
			)
		)
	);

	await tx.insert(t.reservations).values(
		map.reservationToRow(
			{
				id: DEMO_EXPIRED_RESERVATION.id,
				code: DEMO_EXPIRED_RESERVATION.code,
				customerId: 'ge-rsv-01',
				posId: STORE,
				confirmedAt: new Date(now.getTime() - 49 * HOUR).toISOString(),
				items: [{ sku: 'iluma-prime', quantity: 1 }],
				status: 'open',
				source: 'web'
			},
			'GE',
			v
		)
	);
}
