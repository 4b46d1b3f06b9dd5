import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	MUTATION_NAMES,
	PullResponse,
	PushResponse,
	replicatedTables,
	type MutationArgs,
	type MutationName,
	type PushMutation,
	type StaffProfile,
	type TableName
} from '$lib/domain';
import type { Db } from '../db';
import { staffFromRow } from '../db/mapping';
import * as t from '../db/schema';
import { seed } from '../seed';
import { openTestDatabase, testDrivers, type TestDatabase } from '../testing';
import { pull } from './pull';
import { push } from './push';
import { WARRANTY_CHECKLIST_CLEAR } from '$lib/domain/rules/fixtures';

/**
 * Cross-market and cross-store probes, table-driven (docs/security.md). Every mutation name of
 * the registry has a probe here — the mapped type makes a missing one a type error and the first
 * test fails at run time — with arguments that pass the mutation's schema but name another
 * market's objects (sent by a Latvian staff member from their own store) or another store
 * (sent by the Georgian tobacconist for the Georgian IQOS store). Each must be rejected as
 * `forbidden` or `not_found`, and change no replicated data. And every table the pull serves
 * carries only the puller's market (stock and reservations: only their points of sale).
 */

const NOW = new Date('2026-03-15T10:00:00.000Z');
const AT = new Date(NOW.getTime() - 60_000).toISOString();
const drivers = await testDrivers();

/** Georgian objects the probes aim at (found in the seeded database). */
interface Target {
	posId: string;
	customerId: string;
	serial: string;
	modelId: string;
	rentalId: string;
	reservationId: string;
}

const CLAIM = {
	symptoms: 'no heat',
	errorSignals: 'none',
	stepsTried: 'reset',
	proofOfPurchaseDate: null
};
const ID = { type: 'id_card', lastCharacters: '4f2a', original: true, valid: true } as const;

const PROBES: { [N in MutationName]: (x: Target) => MutationArgs<N> } = {
	recordCleaning: (x) => ({
		serviceId: randomUUID(),
		customerId: x.customerId,
		serial: x.serial,
		posId: x.posId,
		performedAt: AT,
		stickHandedOut: false
	}),
	startRental: (x) => ({
		rentalId: randomUUID(),
		serviceId: randomUUID(),
		customerId: x.customerId,
		posId: x.posId,
		performedAt: AT,
		modelId: x.modelId,
		serial: x.serial,
		price: 3000,
		currency: 'GEL',
		days: 7,
		returnTermsSigned: true,
		id: { ...ID },
		ageThreeConfirmed: true,
		signature: 'M 10 10 L 50 40'
	}),
	returnRental: (x) => ({
		serviceId: randomUUID(),
		rentalId: x.rentalId,
		posId: x.posId,
		performedAt: AT
	}),
	confirmBlacklist: (x) => ({
		serviceId: randomUUID(),
		customerId: x.customerId,
		rentalId: x.rentalId,
		posId: x.posId,
		performedAt: AT,
		reason: 'returned very late'
	}),
	pickUpReservation: (x) => ({
		serviceId: randomUUID(),
		reservationId: x.reservationId,
		customerId: x.customerId,
		posId: x.posId,
		performedAt: AT,
		resident: true,
		dataMatch: true,
		id: { ...ID },
		ageThreeConfirmed: true
	}),
	refuseReservation: (x) => ({
		serviceId: randomUUID(),
		reservationId: x.reservationId,
		posId: x.posId,
		performedAt: AT,
		reason: 'other'
	}),
	cancelReservation: (x) => ({
		serviceId: randomUUID(),
		reservationId: x.reservationId,
		posId: x.posId,
		performedAt: AT
	}),
	recordSwap: (x) => ({
		serviceId: randomUUID(),
		kind: 'warranty',
		customerId: x.customerId,
		posId: x.posId,
		performedAt: AT,
		faultySerials: [x.serial],
		replacementSerials: ['GEH9999990'],
		claim: { ...CLAIM },
		warrantyChecklist: WARRANTY_CHECKLIST_CLEAR,
		carePlusChecklist: null,
		damagedOn: null,
		serialIntact: true
	}),
	receiveStockUnits: (x) => ({
		receiptId: randomUUID(),
		posId: x.posId,
		performedAt: AT,
		units: [{ serial: `GEH${Date.now() % 10_000_000}`, modelId: x.modelId, part: 'holder' }]
	}),
	countStock: (x) => ({
		countId: randomUUID(),
		posId: x.posId,
		sku: 'CLEAN-STICK',
		quantity: 5,
		performedAt: AT
	}),
	returnFaultyUnits: (x) => ({
		returnId: randomUUID(),
		posId: x.posId,
		performedAt: AT,
		serials: [x.serial]
	}),
	registerCustomer: (x) => ({
		customerId: randomUUID(),
		posId: x.posId,
		performedAt: AT,
		firstName: 'Probe',
		lastName: 'Person',
		phone: '+995 555 000000',
		dateOfBirth: '1990-01-01',
		marketingConsent: false
	}),
	registerDevice: (x) => ({
		serviceId: randomUUID(),
		posId: x.posId,
		performedAt: AT,
		customerId: x.customerId,
		units: [{ serial: x.serial, part: 'holder' }],
		modelId: x.modelId,
		deviceId: randomUUID(),
		purchasedOn: '2026-03-01',
		purchaseCountry: null,
		codeSource: 'box',
		personalUse: true
	}),
	transferDevice: (x) => ({
		serviceId: randomUUID(),
		posId: x.posId,
		performedAt: AT,
		fromCustomerId: x.customerId,
		toCustomerId: x.customerId,
		serials: [x.serial],
		ownerConsents: true
	}),
	enrolCarePlus: (x) => ({
		serviceId: randomUUID(),
		posId: x.posId,
		performedAt: AT,
		customerId: x.customerId,
		serials: [x.serial],
		nicotineUser: true,
		resident: true,
		termsAccepted: true,
		activeCareRequested: false
	}),
	leaveCarePlus: (x) => ({
		serviceId: randomUUID(),
		posId: x.posId,
		performedAt: AT,
		customerId: x.customerId,
		scope: 'all'
	}),
	sellExtendedWarranty: (x) => ({
		serviceId: randomUUID(),
		posId: x.posId,
		performedAt: AT,
		customerId: x.customerId,
		serials: [x.serial],
		months: 12,
		price: 50,
		until: '2028-03-01',
		nicotineUser: true
	}),
	buyBack: (x) => ({
		serviceId: randomUUID(),
		posId: x.posId,
		performedAt: AT,
		customerId: x.customerId,
		serials: [x.serial],
		videosWatched: true
	})
};

/**
 * Mutations whose only market-bound reference is the point of sale (a new customer, the store's
 * own stock): aimed from one's own store they are legitimate; the foreign-store probe covers them.
 */
const ONLY_A_POINT_OF_SALE = new Set<MutationName>([
	'registerCustomer',
	'receiveStockUnits',
	'countStock'
]);

describe.each(drivers)('cross-market and cross-store probes ($name)', ({ name, available }) => {
	if (!available) {
		it.skip('PostgreSQL did not answer: skipped', () => {});
		return;
	}
	let handle: TestDatabase;
	let db: Db;
	const staffOf: Record<string, StaffProfile> = {};
	let ge: Target;

	beforeAll(async () => {
		handle = await openTestDatabase(name);
		db = handle.db;
		await seed(db, NOW);
		for (const row of await db.select().from(t.staff)) staffOf[row.username] = staffFromRow(row);
		const [rental] = await db.select().from(t.rentals).where(eq(t.rentals.marketCode, 'GE'));
		const [reservation] = await db
			.select()
			.from(t.reservations)
			.where(and(eq(t.reservations.marketCode, 'GE'), eq(t.reservations.status, 'open')));
		const [unit] = await db
			.select()
			.from(t.components)
			.where(eq(t.components.serial, 'GEH0000001'));
		ge = {
			posId: 'ge-tbilisi-store',
			customerId: 'ge-c-001',
			serial: unit!.serial,
			modelId: unit!.modelId,
			rentalId: rental!.id,
			reservationId: reservation!.id
		};
	});
	afterAll(() => handle?.close());

	async function send(who: string, mutation: MutationName, args: unknown) {
		const m: PushMutation = { id: 1, uuid: randomUUID(), name: mutation, args, clientTime: AT };
		const outcome = await push(
			db,
			staffOf[who]!,
			{ clientGroupId: randomUUID(), clientId: randomUUID(), schemaVersion: 1, mutations: [m] },
			NOW
		);
		expect(outcome.status).toBe(200);
		return PushResponse.parse(outcome.body).results[0]!;
	}
	const versions = async () =>
		(
			await db
				.select({ code: t.markets.code, v: t.markets.version })
				.from(t.markets)
				.orderBy(t.markets.code)
		)
			.map((m) => `${m.code}:${m.v}`)
			.join(' ');

	it('has a probe for every mutation in the registry', () => {
		expect(Object.keys(PROBES).sort()).toEqual([...MUTATION_NAMES].sort());
	});

	it.each(MUTATION_NAMES)('%s: another market’s objects are refused', async (mutation) => {
		const before = await versions();
		const lvStore = staffOf['lv.staff']!.posIds[0]!;
		// a Latvian staff member, from their own store, aiming at Georgian objects
		if (!ONLY_A_POINT_OF_SALE.has(mutation)) {
			const aimed = await send('lv.staff', mutation, PROBES[mutation]({ ...ge, posId: lvStore }));
			expect(aimed.status, JSON.stringify(aimed)).toBe('rejected');
			expect(['forbidden', 'not_found']).toContain(aimed.code);
		}
		// … and naming the Georgian store itself
		const foreignPos = await send('lv.staff', mutation, PROBES[mutation](ge));
		expect(foreignPos, JSON.stringify(foreignPos)).toMatchObject({
			status: 'rejected',
			code: 'forbidden'
		});
		expect(await versions()).toBe(before);
	});

	it.each(MUTATION_NAMES)('%s: another store of the same market is refused', async (mutation) => {
		const before = await versions();
		// the Georgian tobacconist acting for the Georgian IQOS store
		const result = await send('ge.partner', mutation, PROBES[mutation](ge));
		expect(result, JSON.stringify(result)).toMatchObject({ status: 'rejected', code: 'forbidden' });
		expect(await versions()).toBe(before);
	});

	it.each(Object.keys(replicatedTables) as TableName[])(
		'pull of %s carries only the puller’s market (and own points of sale)',
		async (table) => {
			// Georgia has every kind of row (rentals are Georgian only); the others must not leak in
			const me = staffOf['ge.staff']!;
			const res = PullResponse.parse(
				await pull(db, me, { clientGroupId: randomUUID(), cookie: 0 }, NOW)
			);
			const keys = res.patch
				.filter((op) => op.op === 'put' && op.table === table)
				.map((op) => (op as { key: string }).key);
			expect(keys.length, `${table} is pulled at all`).toBeGreaterThan(0);
			const allowed = new Set(await allowedKeys(db, table, me));
			expect(keys.filter((k) => !allowed.has(k))).toEqual([]);
		}
	);
});

/** The keys of `table` a staff member may receive: their market's, their points of sale's. */
async function allowedKeys(db: Db, table: TableName, me: StaffProfile): Promise<string[]> {
	const market = me.marketCode;
	switch (table) {
		case 'markets':
			return (await db.select().from(t.markets).where(eq(t.markets.code, market))).map(
				(r) => r.code
			);
		case 'pointsOfSale':
			return (
				await db.select().from(t.pointsOfSale).where(eq(t.pointsOfSale.marketCode, market))
			).map((r) => r.id);
		case 'deviceModels':
			return (
				await db.select().from(t.deviceModels).where(eq(t.deviceModels.marketCode, market))
			).map((r) => r.id);
		case 'customers':
			return (await db.select().from(t.customers).where(eq(t.customers.marketCode, market))).map(
				(r) => r.id
			);
		case 'components':
			return (await db.select().from(t.components).where(eq(t.components.marketCode, market))).map(
				(r) => r.serial
			);
		case 'services':
			return (await db.select().from(t.services).where(eq(t.services.marketCode, market))).map(
				(r) => r.id
			);
		case 'rentals':
			return (await db.select().from(t.rentals).where(eq(t.rentals.marketCode, market))).map(
				(r) => r.id
			);
		case 'stock':
			return (await db.select().from(t.stock).where(inArray(t.stock.posId, me.posIds))).map(
				(r) => r.id
			);
		case 'reservations':
			return (
				await db.select().from(t.reservations).where(inArray(t.reservations.posId, me.posIds))
			).map((r) => r.id);
	}
}
