/**
 * `npm run seed:large -- --customers 100000 [--market GE] [--pos 2000] [--database-url URL |
 * --data-dir DIR] [--services-per-customer 0.8]`: a market at the scale of a country, for the
 * benchmarks (docs/benchmarks.md).
 *
 * Writes straight into the app's database (PostgreSQL with --database-url or DATABASE_URL, else
 * PGlite in --data-dir / CAREPOINT_DATA_DIR), after the app's migrations and the demo seed (so
 * the demo accounts, e.g. `ge.staff` / `demo1234`, sign in and see the large market). Rows go
 * through the same mapping helpers as the server's own writes, in multi-row INSERTs of up to
 * ~60,000 parameters each, inside one transaction; a rerun first removes what an earlier run
 * wrote (ids with the `-m-` / `-pos-` prefixes, serials with the `Z` marker).
 *
 * The market (deterministic: a seeded PRNG): N customers (90 % registered, 2 % blacklisted, 5 %
 * with Care Plus), about one device each (10 % a second one, 5 % none; 85 % two-piece kits = a
 * holder and a charger sharing a device id), so ~2 components per customer; a service history
 * of ~0.8 per customer over two years (cleanings, registrations, swaps; a few this month); N/50
 * points of sale (stores, tobacconists, pop-ups) each with its replacement stock; a few
 * hundred rentals. Every row gets the market's next version, as one writing transaction would.
 */
import { and, eq, like, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { parseArgs } from 'node:util';
import {
	CLEANING_STICK_SKU,
	MARKETS,
	type Customer,
	type DeviceComponent,
	type MarketCode,
	type PointOfSale,
	type Rental,
	type ServiceRecord,
	type ServiceType,
	type StockItem
} from '../src/lib/domain';
import { openDatabase, type Db } from '../src/lib/server/db';
import * as map from '../src/lib/server/db/mapping';
import * as t from '../src/lib/server/db/schema';
import { DEMO_MODELS, seedIfEmpty } from '../src/lib/server/seed';

export interface LargeMarketOptions {
	market: MarketCode;
	customers: number;
	pos?: number;
	servicesPerCustomer?: number;
	now?: Date;
	log?: (line: string) => void;
}

export interface LargeMarketCounts {
	customers: number;
	components: number;
	services: number;
	pointsOfSale: number;
	stock: number;
	rentals: number;
	version: number;
}

const DAY = 24 * 60 * 60 * 1000;
const FIRST = ['Giorgi', 'Tamar', 'Levan', 'Mariam', 'Davit', 'Ana', 'Irakli', 'Salome', 'Luka'];
const FIRST2 = ['Nika', 'Nino', 'Sandro', 'Elene', 'Zurab', 'Keti', 'Beka', 'Maia', 'Otar'];
const LAST = ['Kapanadze', 'Gelashvili', 'Lomidze', 'Tsiklauri', 'Japaridze', 'Maisuradze'];
const LAST2 = ['Beridze', 'Abashidze', 'Chikovani', 'Kvaratskhelia', 'Dolidze', 'Gogua'];
const CITIES = ['Tbilisi', 'Batumi', 'Kutaisi', 'Rustavi', 'Zugdidi', 'Gori', 'Poti', 'Telavi'];

function mulberry32(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let r = Math.imul(a ^ (a >>> 15), 1 | a);
		r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
		return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
	};
}

/** A serial of the large market: `<CC><part>Z<7 base-36 digits>`, never a demo fixture's. */
export function largeSerial(code: string, part: 'H' | 'C' | 'D', n: number): string {
	return `${code}${part}Z${n.toString(36).toUpperCase().padStart(7, '0')}`;
}

/** Inserts rows in statements of at most ~60,000 parameters (PostgreSQL's limit is 65,535). */
async function insertAll(tx: Db, table: PgTable, rows: Record<string, unknown>[]) {
	if (rows.length === 0) return;
	const columns = Object.keys(rows[0]!).length;
	const size = Math.max(1, Math.floor(60_000 / columns));
	for (let i = 0; i < rows.length; i += size)
		await tx.insert(table).values(rows.slice(i, i + size) as never[]);
}

const TWO_PIECE = DEMO_MODELS.filter((d) => d.kind === 'two_piece');
const ONE_PIECE = DEMO_MODELS.filter((d) => d.kind === 'one_piece');

export async function seedLargeMarket(db: Db, o: LargeMarketOptions): Promise<LargeMarketCounts> {
	const code = o.market;
	const m = code.toLowerCase();
	const now = o.now ?? new Date();
	const log = o.log ?? (() => {});
	const rng = mulberry32(0xc0ffee ^ o.customers);
	const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
	const uuid = () => {
		const hex = () => Math.floor(rng() * 16).toString(16);
		const s = Array.from({ length: 32 }, hex);
		s[12] = '4';
		s[16] = pick(['8', '9', 'a', 'b']);
		const j = s.join('');
		return `${j.slice(0, 8)}-${j.slice(8, 12)}-${j.slice(12, 16)}-${j.slice(16, 20)}-${j.slice(20)}`;
	};
	const iso = (ms: number) => new Date(ms).toISOString();
	const day = (ms: number) => iso(ms).slice(0, 10);

	const posCount = o.pos ?? Math.max(100, Math.round(o.customers / 50));
	const all = DEMO_MODELS.map((d) => d.id);
	const pos: PointOfSale[] = [];
	for (let i = 1; i <= posCount; i++) {
		const r = rng();
		const kind: PointOfSale['kind'] = r < 0.05 ? 'iqos_store' : r < 0.9 ? 'tobacconist' : 'popup';
		const city = pick(CITIES);
		pos.push({
			id: `${m}-pos-${String(i).padStart(5, '0')}`,
			marketCode: code,
			name: `${kind === 'iqos_store' ? 'IQOS Store' : kind === 'popup' ? 'Pop-up' : 'Tobacconist'} ${city} ${i}`,
			kind,
			city,
			reducedAssortment: kind === 'tobacconist' && rng() < 0.2,
			capabilities: {
				swap: kind !== 'tobacconist' || rng() < 0.7,
				cleaningTools: kind !== 'tobacconist',
				rental: kind === 'iqos_store',
				reservations: kind !== 'popup',
				extendedWarranty: kind === 'iqos_store'
			},
			modelsSold: kind === 'iqos_store' ? all : ['iluma', 'iluma-prime', 'iluma-one']
		});
	}
	const stock: StockItem[] = pos.flatMap((p) => [
		...p.modelsSold.slice(0, 3).map((sku) => ({
			id: `${p.id}:${sku}`,
			posId: p.id,
			sku,
			label: `${sku} (replacement)`,
			quantity: int(0, 8)
		})),
		{
			id: `${p.id}:${CLEANING_STICK_SKU}`,
			posId: p.id,
			sku: CLEANING_STICK_SKU,
			label: 'Cleaning stick (demonstration)',
			quantity: int(0, 40)
		}
	]);

	const customers: Customer[] = [];
	const components: DeviceComponent[] = [];
	const services: ServiceRecord[] = [];
	const rentals: Rental[] = [];
	let serialNo = 0;
	let deviceNo = 0;
	const perCustomer = o.servicesPerCustomer ?? 0.8;
	const types: ServiceType[] = [
		'cleaning',
		'cleaning',
		'cleaning',
		'registration',
		'warranty_swap'
	];
	const thisYear = now.getUTCFullYear();
	for (let i = 1; i <= o.customers; i++) {
		const id = `${m}-m-${String(i).padStart(7, '0')}`;
		const registered = rng() < 0.9;
		const updated = now.getTime() - int(1, 700) * DAY;
		customers.push({
			id,
			marketCode: code,
			firstName: pick(rng() < 0.5 ? FIRST : FIRST2),
			lastName: pick(rng() < 0.5 ? LAST : LAST2),
			phone: `+995 5${String(int(10_000_000, 99_999_999))}`,
			dateOfBirth: `${thisYear - int(19, 75)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
			registered,
			blacklisted: rng() < 0.02,
			carePlus:
				registered && rng() < 0.05
					? { acceptedAt: iso(updated), endedAt: null, activeCareConsent: rng() < 0.5 }
					: null,
			updatedAt: iso(updated)
		});
		const r = rng();
		const devices = r < 0.05 ? 0 : r < 0.9 ? 1 : 2;
		const owned: string[] = [];
		for (let d = 0; d < devices; d++) {
			// kits dominate the installed base (ILUMA, IQOS 3 DUO): ~85 % two-piece
			const model = pick(rng() < 0.85 ? TWO_PIECE : ONE_PIECE);
			const bought = now.getTime() - int(10, 900) * DAY;
			const base = {
				deviceId: `${m}-md-${++deviceNo}`,
				modelId: model.id,
				marketCode: code,
				customerId: registered ? id : null,
				purchasedOn: day(bought),
				registeredAt: registered ? iso(bought + 3_600_000) : null,
				replacementsUsed: rng() < 0.05 ? 1 : 0
			} as const;
			// two-piece kits: a holder and a charger under one device id (WAR-3)
			const parts: ('H' | 'C' | 'D')[] = model.kind === 'two_piece' ? ['H', 'C'] : ['D'];
			for (const part of parts) {
				const serial = largeSerial(code, part, ++serialNo);
				owned.push(serial);
				components.push({
					...base,
					serial,
					part: part === 'H' ? 'holder' : part === 'C' ? 'charger' : 'device'
				});
			}
		}
		if (!registered || owned.length === 0) continue;
		// a service history: Poisson-like, mean `perCustomer`, over two years; some this month
		let n = 0;
		while (rng() < perCustomer / (perCustomer + 1) && n < 8) n++;
		for (let s = 0; s < n; s++) {
			const type = pick(types);
			const at =
				now.getTime() - (rng() < 0.05 ? int(0, 10) : int(11, 730)) * DAY - int(0, 80_000_000);
			services.push({
				id: uuid(),
				type,
				marketCode: code,
				customerId: id,
				serial: pick(owned),
				posId: pick(pos).id,
				staffId: `${m}-u-staff`,
				performedAt: iso(at),
				recordedAt: iso(at + int(0, 3_600_000)),
				status: 'recorded',
				flaggedRules: [],
				details: type === 'cleaning' ? { stickHandedOut: rng() < 0.3 } : {}
			});
		}
		// GE rentals (RNT): a few hundred, for customers without a device would be RNT-2; keep simple
		if (code === 'GE' && rng() < 0.003) {
			const started = now.getTime() - int(1, 30) * DAY;
			const due = started + 14 * DAY;
			rentals.push({
				id: `${m}-m-rent-${rentals.length + 1}`,
				customerId: id,
				posId: pick(pos).id,
				modelId: 'iluma-one',
				startedAt: iso(started),
				dueAt: iso(due),
				returnedAt: null,
				status: due < now.getTime() ? 'overdue' : 'active',
				contract: null
			});
		}
	}
	log(
		`generated ${customers.length} customers, ${components.length} components, ${services.length} services, ${pos.length} points of sale, ${stock.length} stock rows, ${rentals.length} rentals`
	);

	return db.transaction(async (tx) => {
		// a rerun replaces what an earlier run wrote
		const mine = `${m}-m-%`;
		await tx.delete(t.services).where(like(t.services.customerId, mine));
		await tx.delete(t.rentals).where(like(t.rentals.customerId, mine));
		await tx.delete(t.components).where(like(t.components.serial, `${code}_Z%`));
		await tx.delete(t.customers).where(like(t.customers.id, mine));
		await tx.delete(t.stock).where(like(t.stock.posId, `${m}-pos-%`));
		await tx.delete(t.pointsOfSale).where(like(t.pointsOfSale.id, `${m}-pos-%`));
		const [row] = await tx
			.update(t.markets)
			.set({ version: sql`${t.markets.version} + 1` })
			.where(and(eq(t.markets.code, code)))
			.returning({ version: t.markets.version });
		if (!row) throw new Error(`market ${code} does not exist (the demo seed did not run?)`);
		const v = { version: row.version };
		const started = Date.now();
		await insertAll(
			tx,
			t.pointsOfSale,
			pos.map((p) => map.posToRow(p, v))
		);
		await insertAll(
			tx,
			t.stock,
			stock.map((s) => map.stockToRow(s, code, v))
		);
		await insertAll(
			tx,
			t.customers,
			customers.map((c) => map.customerToRow(c, v))
		);
		log(`customers written (${Date.now() - started} ms)`);
		await insertAll(
			tx,
			t.components,
			components.map((c) => map.componentToRow(c, v))
		);
		log(`components written (${Date.now() - started} ms)`);
		await insertAll(
			tx,
			t.services,
			services.map((s) => map.serviceToRow(s, v))
		);
		await insertAll(
			tx,
			t.rentals,
			rentals.map((r) => map.rentalToRow(r, code, v))
		);
		log(`all written (${Date.now() - started} ms)`);
		return {
			customers: customers.length,
			components: components.length,
			services: services.length,
			pointsOfSale: pos.length,
			stock: stock.length,
			rentals: rentals.length,
			version: row.version
		};
	});
}

async function main() {
	const { values } = parseArgs({
		options: {
			customers: { type: 'string', default: '100000' },
			market: { type: 'string', default: 'GE' },
			pos: { type: 'string' },
			'services-per-customer': { type: 'string' },
			'database-url': { type: 'string' },
			'data-dir': { type: 'string' }
		}
	});
	const market = values.market!.toUpperCase() as MarketCode;
	if (!(market in MARKETS)) throw new Error(`unknown market ${market}`);
	const started = Date.now();
	const url = values['database-url'] ?? process.env.DATABASE_URL;
	const opened = await openDatabase({
		url,
		dataDir: values['data-dir'],
		afterMigrate: async (db) => void (await seedIfEmpty(db, new Date()))
	});
	try {
		const counts = await seedLargeMarket(opened.db, {
			market,
			customers: Number(values.customers),
			pos: values.pos ? Number(values.pos) : undefined,
			servicesPerCustomer: values['services-per-customer']
				? Number(values['services-per-customer'])
				: undefined,
			log: (line) => console.log(line)
		});
		await opened.db.execute(sql`analyze`);
		console.log(
			`${opened.driver}: ${market} now holds`,
			counts,
			`in ${((Date.now() - started) / 1000).toFixed(1)} s`
		);
	} finally {
		await opened.close();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
