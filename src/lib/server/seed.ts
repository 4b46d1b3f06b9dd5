/**
 * Demo data for a new installation: run once, when the markets table is empty.
 *
 * Deterministic: a seeded PRNG (mulberry32) picks names, serials and dates, and every instant is
 * relative to the `now` passed in, so the same `now` gives the same database and the fixtures
 * below hold whenever the seed runs (e.g. "two cleanings this month" is this month).
 * Every row gets version 1 and the markets' counters start at 1, so a pull with cookie 0 sees
 * everything.
 *
 * DEMO_FIXTURES (demo-fixtures.ts; the browser tests rely on them, change them only together):
 *   - every demo password is `demo1234`; usernames `<market>.<role>`, e.g. `ge.staff`
 *     (GE IQOS store `ge-tbilisi-store`), `ge.partner` (tobacconist), `ge.specialist` (pop-up),
 *     `ge.supervisor` and `ge.admin` (all GE points of sale); the same for lv, hu, bg, cz;
 *   - GE `ge-c-001` Nino Beridze, born 1990-05-14, registered adult, two-piece ILUMA with holder
 *     GEH0000001 and charger GEC0000001, no cleanings;
 *   - GE `ge-c-002` minor (born 10 years before `now`), device GEH0000002;
 *   - GE `ge-c-003` blacklisted adult, device GEH0000003;
 *   - GE `ge-c-004` adult with two cleanings in the current Asia/Tbilisi month, device GEH0000004;
 *   - GE GEH0000099: an unregistered unit (no customer);
 *   - LV `lv-c-001` Laura Kalniņa, adult, device LVH0000001.
 * The other markets follow the same pattern (`hu-c-001` with HUH0000001, …).
 */
import { sql } from 'drizzle-orm';
import {
	CLEANING_STICK_SKU,
	MARKETS,
	formatIsoDate,
	localDate,
	monthRange,
	type Customer,
	type DeviceComponent,
	type DeviceModel,
	type MarketCode,
	type PointOfSale,
	type Rental,
	type Reservation,
	type Role,
	type ServiceRecord,
	type StockItem
} from '$lib/domain';
import { hashPassword } from './auth';
import { DEMO_FIXTURES, DEMO_PASSWORD, DEMO_ROLES } from './demo-fixtures';
import type { Db } from './db';
import * as map from './db/mapping';
import * as t from './db/schema';
import { seedRentals } from './seed-rentals';
import { seedCustomers } from './seed-customers';
import { seedSwaps } from './seed-swaps';

export { DEMO_FIXTURES, DEMO_PASSWORD, DEMO_ROLES };

const CITY: Record<MarketCode, string> = {
	LV: 'Riga',
	HU: 'Budapest',
	BG: 'Sofia',
	CZ: 'Prague',
	GE: 'Tbilisi'
};

const NAMES: Record<MarketCode, { first: string[]; last: string[]; phone: string }> = {
	GE: {
		first: ['Giorgi', 'Tamar', 'Levan', 'Mariam', 'Davit', 'Ana', 'Irakli', 'Salome', 'Luka'],
		last: ['Kapanadze', 'Gelashvili', 'Lomidze', 'Tsiklauri', 'Japaridze', 'Maisuradze'],
		phone: '+995 5'
	},
	LV: {
		first: ['Jānis', 'Anna', 'Pēteris', 'Līga', 'Andris', 'Ilze', 'Mārtiņš', 'Dace'],
		last: ['Bērziņš', 'Ozols', 'Liepa', 'Jansons', 'Kalniņš', 'Zariņš'],
		phone: '+371 2'
	},
	HU: {
		first: ['László', 'Katalin', 'Gábor', 'Eszter', 'Zoltán', 'Judit', 'Péter', 'Réka'],
		last: ['Nagy', 'Kovács', 'Tóth', 'Szabó', 'Horváth', 'Varga'],
		phone: '+36 30'
	},
	BG: {
		first: ['Georgi', 'Maria', 'Ivan', 'Elena', 'Dimitar', 'Desislava', 'Nikolay', 'Petya'],
		last: ['Ivanov', 'Petrov', 'Georgiev', 'Dimitrov', 'Stoyanov', 'Nikolov'],
		phone: '+359 88'
	},
	CZ: {
		first: ['Jan', 'Tereza', 'Petr', 'Lucie', 'Tomáš', 'Kateřina', 'Martin', 'Eva'],
		last: ['Novák', 'Svoboda', 'Dvořák', 'Černý', 'Procházka', 'Veselý'],
		phone: '+420 6'
	}
};

// GTIN-13 with valid check digits, so a scanner's product barcode is recognised as such
export const DEMO_MODELS: DeviceModel[] = [
	{ id: 'iqos-24-plus', name: 'IQOS 2.4 Plus', kind: 'two_piece', gtins: ['7622100100010'] },
	{ id: 'iqos-3-duo', name: 'IQOS 3 DUO', kind: 'two_piece', gtins: ['7622100100027'] },
	{ id: 'iluma', name: 'ILUMA', kind: 'two_piece', gtins: ['7622100100034'] },
	{ id: 'iluma-prime', name: 'ILUMA PRIME', kind: 'two_piece', gtins: ['7622100100041'] },
	{ id: 'iqos-3-multi', name: 'IQOS 3 MULTI', kind: 'one_piece', gtins: ['7622100100058'] },
	{ id: 'iluma-one', name: 'ILUMA ONE', kind: 'one_piece', gtins: ['7622100100065'] }
];
const CURRENT_MODELS = ['iluma', 'iluma-prime', 'iluma-one'];

const CUSTOMERS_PER_MARKET = 60;
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

function mulberry32(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let r = Math.imul(a ^ (a >>> 15), 1 | a);
		r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
		return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
	};
}

type Rng = ReturnType<typeof mulberry32>;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const HEX = '0123456789abcdef';

function uuidFrom(rng: Rng): string {
	const hex = (n: number) => Array.from({ length: n }, () => pick(rng, HEX.split(''))).join('');
	return `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(rng, ['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
}

export function posFor(code: MarketCode): PointOfSale[] {
	const m = code.toLowerCase();
	const city = CITY[code];
	const all = DEMO_MODELS.map((d) => d.id);
	return [
		{
			id: `${m}-${city.toLowerCase()}-store`,
			marketCode: code,
			name: `IQOS Store ${city}`,
			kind: 'iqos_store',
			city,
			reducedAssortment: false,
			capabilities: {
				swap: true,
				cleaningTools: true,
				rental: true,
				reservations: true,
				extendedWarranty: true
			},
			modelsSold: all
		},
		{
			id: `${m}-${city.toLowerCase()}-tobacconist`,
			marketCode: code,
			name: `Tobacconist ${city} Centre`,
			kind: 'tobacconist',
			city,
			reducedAssortment: false,
			capabilities: {
				swap: true,
				cleaningTools: false,
				rental: false,
				reservations: true,
				extendedWarranty: false
			},
			modelsSold: CURRENT_MODELS
		},
		{
			// WAR-7: reduced assortment, no swaps (HU)
			id: `${m}-${city.toLowerCase()}-kiosk`,
			marketCode: code,
			name: `Kiosk ${city} Station`,
			kind: 'tobacconist',
			city,
			reducedAssortment: true,
			capabilities: {
				swap: false,
				cleaningTools: false,
				rental: false,
				reservations: false,
				extendedWarranty: false
			},
			modelsSold: ['iluma-one']
		},
		{
			id: `${m}-${city.toLowerCase()}-popup`,
			marketCode: code,
			name: `Pop-up zone ${city} Mall`,
			kind: 'popup',
			city,
			reducedAssortment: false,
			capabilities: {
				swap: true,
				cleaningTools: true,
				rental: false,
				reservations: false,
				extendedWarranty: false
			},
			modelsSold: CURRENT_MODELS
		}
	];
}

interface MarketData {
	customers: Customer[];
	components: DeviceComponent[];
	services: ServiceRecord[];
	stock: StockItem[];
	reservations: Reservation[];
	rentals: Rental[];
	staff: { id: string; username: string; displayName: string; role: Role; posIds: string[] }[];
}

function marketData(code: MarketCode, now: Date, rng: Rng): MarketData {
	const market = MARKETS[code];
	const tz = market.timeZone;
	const m = code.toLowerCase();
	const pos = posFor(code);
	const [store, tobacconist, , popup] = pos as [PointOfSale, PointOfSale, PointOfSale, PointOfSale];
	const names = NAMES[code];
	const today = localDate(now, tz);
	const data: MarketData = {
		customers: [],
		components: [],
		services: [],
		stock: [],
		reservations: [],
		rentals: [],
		staff: []
	};
	const serials = new Set<string>();
	let deviceNo = 0;

	const isoDay = (at: Date) => formatIsoDate(localDate(at, tz));
	const adultBirth = () =>
		formatIsoDate({
			year: today.year - int(rng, 19, 70),
			month: int(rng, 1, 12),
			day: int(rng, 1, 28)
		});
	const randomSerial = (part: string) => {
		let serial: string;
		do {
			serial = `${code}${part}${Array.from({ length: int(rng, 7, 9) }, () => pick(rng, ALNUM.split(''))).join('')}`;
		} while (serials.has(serial) || /^[A-Z]{2}[HCD]\d{7}$/.test(serial));
		serials.add(serial);
		return serial;
	};

	/** A device for a customer: holder + charger for two-piece kits (WAR-3), else one unit. */
	const addDevice = (
		customerId: string | null,
		modelId: string,
		fixed?: { holder: string; charger?: string }
	) => {
		const model = DEMO_MODELS.find((d) => d.id === modelId)!;
		const deviceId = `${m}-d-${String(++deviceNo).padStart(4, '0')}`;
		const bought = new Date(now.getTime() - int(rng, 10, 700) * DAY);
		const base = {
			deviceId,
			modelId,
			marketCode: code,
			customerId,
			purchasedOn: customerId ? isoDay(bought) : null,
			registeredAt: customerId ? new Date(bought.getTime() + 2 * HOUR).toISOString() : null,
			replacementsUsed: 0
		};
		if (model.kind === 'one_piece' && !fixed) {
			data.components.push({ ...base, serial: randomSerial('D'), part: 'device' });
			return;
		}
		const holder = fixed?.holder ?? randomSerial('H');
		serials.add(holder);
		data.components.push({ ...base, serial: holder, part: 'holder' });
		if (fixed && !fixed.charger) return;
		const charger = fixed?.charger ?? randomSerial('C');
		serials.add(charger);
		data.components.push({ ...base, serial: charger, part: 'charger' });
	};

	const cleaning = (customerId: string, serial: string, at: Date): ServiceRecord => ({
		id: uuidFrom(rng),
		type: 'cleaning',
		marketCode: code,
		customerId,
		serial,
		posId: store.id,
		staffId: `${m}-u-staff`,
		performedAt: at.toISOString(),
		recordedAt: at.toISOString(),
		status: 'recorded',
		flaggedRules: [],
		details: { stickHandedOut: false }
	});

	const customer = (n: number, over: Partial<Customer> = {}): Customer => {
		const c: Customer = {
			id: `${m}-c-${String(n).padStart(3, '0')}`,
			marketCode: code,
			firstName: pick(rng, names.first),
			lastName: pick(rng, names.last),
			phone: `${names.phone}${String(int(rng, 1_000_000, 9_999_999))}`,
			dateOfBirth: adultBirth(),
			registered: true,
			blacklisted: false,
			carePlus: null,
			updatedAt: new Date(now.getTime() - int(rng, 1, 400) * DAY).toISOString(),
			...over
		};
		data.customers.push(c);
		return c;
	};

	// fixtures 001-004 and the unregistered unit (see the header)
	const fixed = (n: number) => `${String(n).padStart(7, '0')}`;
	const first =
		code === 'GE'
			? customer(1, { firstName: 'Nino', lastName: 'Beridze', dateOfBirth: '1990-05-14' })
			: code === 'LV'
				? customer(1, { firstName: 'Laura', lastName: 'Kalniņa' })
				: customer(1);
	addDevice(first.id, 'iluma', { holder: `${code}H${fixed(1)}`, charger: `${code}C${fixed(1)}` });
	const minorBirth = {
		year: today.year - 10,
		month: today.month,
		day: today.month === 2 && today.day === 29 ? 28 : today.day
	};
	const minor = customer(2, { dateOfBirth: formatIsoDate(minorBirth) });
	addDevice(minor.id, 'iluma', { holder: `${code}H${fixed(2)}`, charger: `${code}C${fixed(2)}` });
	const blacklisted = customer(3, { blacklisted: true });
	addDevice(blacklisted.id, 'iluma', {
		holder: `${code}H${fixed(3)}`,
		charger: `${code}C${fixed(3)}`
	});
	const busy = customer(4);
	addDevice(busy.id, 'iluma', { holder: `${code}H${fixed(4)}`, charger: `${code}C${fixed(4)}` });
	// two cleanings earlier this month, both before `now`, so a third is over CLN-2's quota
	const monthStart = monthRange(now, tz).start.getTime();
	const span = now.getTime() - monthStart;
	for (const part of [1 / 3, 2 / 3])
		data.services.push(
			cleaning(busy.id, `${code}H${fixed(4)}`, new Date(monthStart + span * part))
		);
	addDevice(null, 'iluma', { holder: `${code}H${fixed(99)}` });

	const withoutDevice: Customer[] = [];
	for (let n = 5; n <= CUSTOMERS_PER_MARKET; n++) {
		const registered = rng() < 0.9;
		const carePlus =
			code === 'BG' && registered && rng() < 0.4
				? {
						acceptedAt: new Date(now.getTime() - int(rng, 5, 330) * DAY).toISOString(),
						endedAt: null,
						activeCareConsent: rng() < 0.5
					}
				: null;
		const c = customer(n, { registered, carePlus });
		const devices = registered ? pick(rng, [0, 1, 1, 1, 2]) : 0;
		if (registered && devices === 0) withoutDevice.push(c);
		for (let d = 0; d < devices; d++) addDevice(c.id, pick(rng, DEMO_MODELS).id);
		const owned = data.components.filter((x) => x.customerId === c.id);
		if (owned.length > 0 && rng() < 0.3) {
			// an earlier cleaning, always in a previous month
			const at = new Date(monthStart - int(rng, 1, 90) * DAY - int(rng, 0, 20) * HOUR);
			data.services.push(cleaning(c.id, owned[0]!.serial, at));
		}
	}

	for (const p of pos) {
		for (const modelId of p.modelsSold) {
			const model = DEMO_MODELS.find((d) => d.id === modelId)!;
			data.stock.push({
				id: `${p.id}:${modelId}`,
				posId: p.id,
				sku: modelId,
				label: `${model.name} (replacement)`,
				quantity: int(rng, 1, 6)
			});
		}
		data.stock.push({
			id: `${p.id}:${CLEANING_STICK_SKU}`,
			posId: p.id,
			sku: CLEANING_STICK_SKU,
			label: 'Cleaning stick (demonstration)',
			quantity: 25
		});
	}

	// RSV-2: open reservations confirmed within the last 48 hours
	const adults = data.customers.filter((c) => c.registered && !c.blacklisted && c.id !== minor.id);
	for (let i = 1; i <= 3; i++) {
		data.reservations.push({
			id: `${m}-r-${i}`,
			code: `${code}${int(rng, 100000, 999999)}`,
			customerId: pick(rng, adults).id,
			posId: i === 3 ? tobacconist.id : store.id,
			confirmedAt: new Date(now.getTime() - int(rng, 1, 40) * HOUR).toISOString(),
			items: [{ sku: pick(rng, CURRENT_MODELS), quantity: 1 }],
			status: 'open'
		});
	}

	// RNT: rentals are a Georgian service (GE 7), for customers without a device (RNT-2)
	if (code === 'GE') {
		withoutDevice.slice(0, 3).forEach((c, i) => {
			const started = new Date(now.getTime() - (i === 2 ? 20 : int(rng, 1, 10)) * DAY);
			const due = new Date(started.getTime() + 14 * DAY);
			data.rentals.push({
				id: `${m}-rent-${i + 1}`,
				customerId: c.id,
				posId: store.id,
				modelId: 'iluma-one',
				startedAt: started.toISOString(),
				dueAt: due.toISOString(),
				returnedAt: null,
				status: due < now ? 'overdue' : 'active'
			});
		});
	}

	const posIdsByRole: Record<Role, string[]> = {
		staff: [store.id],
		partner: [tobacconist.id],
		specialist: [popup.id],
		supervisor: pos.map((p) => p.id),
		admin: pos.map((p) => p.id)
	};
	for (const role of DEMO_ROLES)
		data.staff.push({
			id: `${m}-u-${role}`,
			username: DEMO_FIXTURES.username(code, role),
			displayName: `${market.name} ${role}`,
			role,
			posIds: posIdsByRole[role]
		});
	return data;
}

/** Inserts the demo data. Expects empty tables; use `seedIfEmpty` at start-up. */
export async function seed(db: Db, now: Date): Promise<void> {
	// the demo accounts share one published password, so one hash serves them all
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const rng = mulberry32(20240501);
	const v = { version: 1 };
	await db.transaction(async (tx) => {
		for (const code of Object.keys(MARKETS) as MarketCode[]) {
			const d = marketData(code, now, rng);
			await tx.insert(t.markets).values({ code, policy: MARKETS[code], version: 1, rowVersion: 1 });
			await tx.insert(t.pointsOfSale).values(posFor(code).map((p) => map.posToRow(p, v)));
			await tx
				.insert(t.deviceModels)
				.values(DEMO_MODELS.map((x) => map.deviceModelToRow(x, code, v)));
			await tx
				.insert(t.staff)
				.values(d.staff.map((s) => ({ ...s, marketCode: code, passwordHash, createdAt: now })));
			await tx.insert(t.customers).values(d.customers.map((c) => map.customerToRow(c, v)));
			await tx.insert(t.components).values(d.components.map((c) => map.componentToRow(c, v)));
			if (d.services.length)
				await tx.insert(t.services).values(d.services.map((s) => map.serviceToRow(s, v)));
			await tx.insert(t.stock).values(d.stock.map((s) => map.stockToRow(s, code, v)));
			await tx
				.insert(t.reservations)
				.values(d.reservations.map((r) => map.reservationToRow(r, code, v)));
			if (d.rentals.length)
				await tx.insert(t.rentals).values(d.rentals.map((r) => map.rentalToRow(r, code, v)));
		}
		await seedRentals(tx, now);
		await seedCustomers(tx, now);
		await seedSwaps(tx, now, passwordHash);
	});
}

/** Seeds a new installation; a database that has any market is left alone. */
export async function seedIfEmpty(db: Db, now: Date): Promise<boolean> {
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(t.markets);
	if ((row?.n ?? 0) > 0) return false;
	await seed(db, now);
	return true;
}
