import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	PushResponse,
	brokenRules,
	type Customer,
	type MarketCode,
	type StaffProfile
} from '$lib/domain';
import type { RecordSwapArgs } from '$lib/domain/mutations/swaps';
import { ReplicaDb } from '$lib/db/replica';
import { previewSwap, swapSetup } from '$lib/db/queries/swaps';
import type { Db } from '$lib/server/db';
import { componentToRow, customerToRow, staffFromRow } from '$lib/server/db/mapping';
import * as t from '$lib/server/db/schema';
import { seed } from '$lib/server/seed';
import { pull } from '$lib/server/sync/pull';
import { push } from '$lib/server/sync/push';
import { nextVersion } from '$lib/server/sync/versions';
import { openTestDatabase, testDrivers, type TestDatabase } from '$lib/server/testing';

const NOW = new Date('2026-03-15T10:00:00.000Z');
const GE_STORE = 'ge-tbilisi-store';

const CLEAR = {
	normalWear: false,
	cosmeticDamage: false,
	misuseSurgeLiquidFire: false,
	incompatibleProduct: false,
	openedOrRepaired: false,
	manualNotFollowed: false,
	lostStolenOrForced: null
};
const CLAIM = {
	symptoms: 'does not heat',
	errorSignals: 'red light blinks twice',
	stepsTried: 'reset, charged overnight',
	proofOfPurchaseDate: null
};

const drivers = await testDrivers();

/**
 * The same verdict on the tablet and on the server (swaps): the tablet's preview query runs on a
 * replica filled by a real pull; the same scenario is pushed; the rules the tablet shows as
 * broken (with their severities) are exactly the rules the server flags.
 */
describe.each(drivers)('swap verdicts on $name', ({ name, available }) => {
	if (!available) {
		it.skip('PostgreSQL did not answer: skipped', () => {});
		return;
	}

	let handle: TestDatabase;
	let db: Db;
	const staffOf: Record<string, StaffProfile> = {};

	beforeAll(async () => {
		handle = await openTestDatabase(name);
		db = handle.db;
		await seed(db, NOW);
		for (const row of await db.select().from(t.staff)) staffOf[row.username] = staffFromRow(row);
	});
	afterAll(async () => handle?.close());

	let fresh = 0;
	/** A registered adult with a two-piece ILUMA (holder + charger) bought on `purchasedOn`. */
	async function customerWithKit(
		market: MarketCode,
		purchasedOn: string,
		over: Partial<Customer> = {},
		modelId = 'iluma'
	) {
		fresh += 1;
		const id = `${market.toLowerCase()}-swap-${fresh}`;
		const holder = `${market}SWH${String(fresh).padStart(6, '0')}`;
		const charger = `${market}SWC${String(fresh).padStart(6, '0')}`;
		await db.transaction(async (tx) => {
			const { version } = await nextVersion(tx, market);
			await tx.insert(t.customers).values(
				customerToRow(
					{
						id,
						marketCode: market,
						firstName: 'Swap',
						lastName: `Test ${fresh}`,
						phone: '+995 500000000',
						dateOfBirth: '1985-01-01',
						registered: true,
						blacklisted: false,
						carePlus: null,
						updatedAt: NOW.toISOString(),
						...over
					},
					{ version }
				)
			);
			const base = {
				deviceId: `${id}-d`,
				modelId,
				marketCode: market,
				customerId: id,
				purchasedOn,
				registeredAt: `${purchasedOn}T10:00:00.000Z`,
				replacementsUsed: 0
			};
			await tx
				.insert(t.components)
				.values([
					componentToRow({ ...base, serial: holder, part: 'holder' }, { version }),
					componentToRow({ ...base, serial: charger, part: 'charger' }, { version })
				]);
		});
		return { id, holder, charger };
	}

	const swapArgs = (over: Partial<RecordSwapArgs> & Pick<RecordSwapArgs, 'customerId'>) =>
		({
			serviceId: randomUUID(),
			kind: 'warranty',
			posId: GE_STORE,
			performedAt: new Date(NOW.getTime() - 60_000).toISOString(),
			faultySerials: [],
			replacementSerials: [],
			claim: CLAIM,
			warrantyChecklist: CLEAR,
			carePlusChecklist: null,
			damagedOn: null,
			serialIntact: true,
			...over
		}) as RecordSwapArgs;

	const clientOf: Record<string, { clientGroupId: string; clientId: string }> = {};
	async function send(who: string, mutationName: string, args: unknown) {
		clientOf[who] ??= { clientGroupId: randomUUID(), clientId: randomUUID() };
		const c = clientOf[who];
		const outcome = await push(
			db,
			staffOf[who]!,
			{
				...c,
				schemaVersion: 1,
				mutations: [
					{
						id: (c as { next?: number }).next ?? 1,
						uuid: randomUUID(),
						name: mutationName,
						args,
						clientTime: NOW.toISOString()
					}
				]
			},
			NOW
		);
		(c as { next?: number }).next = ((c as { next?: number }).next ?? 1) + 1;
		expect(outcome.status).toBe(200);
		return PushResponse.parse(outcome.body).results[0]!;
	}

	const service = async (id: string) => {
		const [row] = await db.select().from(t.services).where(eq(t.services.id, id));
		return row;
	};

	it('the same verdict on the tablet (replica filled by pull) and on the server', async () => {
		const a = await customerWithKit('GE', '2024-06-01'); // warranty ended 2025-06-01
		const b = await customerWithKit('GE', '2024-06-01');
		const scenarios = [
			swapArgs({ customerId: a.id, faultySerials: [a.holder], replacementSerials: ['GERSILH002'] }),
			swapArgs({
				customerId: b.id,
				faultySerials: [b.holder, b.charger],
				replacementSerials: ['GERSDUH001', 'GERSILC002'],
				warrantyChecklist: { ...CLEAR, cosmeticDamage: true }
			})
		];
		const expectations = [
			[['WAR-1', 'block']],
			[
				['WAR-1', 'block'],
				['WAR-2', 'block'],
				['WAR-4', 'override']
			]
		];
		for (const [i, args] of scenarios.entries()) {
			const replica = new ReplicaDb(`swaps-${randomUUID()}`);
			await replica.open();
			try {
				const answer = await pull(
					db,
					staffOf['ge.staff']!,
					{ clientGroupId: randomUUID(), cookie: 0 },
					NOW
				);
				const tables = replica.replicated();
				for (const op of answer.patch)
					if (op.op === 'put') await tables[op.table].put(op.value as never);
				const setup = (await swapSetup(replica, args.faultySerials[0]!, GE_STORE, NOW))!;
				const preview = (await previewSwap(replica, setup, args, NOW))!;
				const broken = brokenRules(preview).map((r) => [r.rule, r.severity]);
				expect(broken).toEqual(expect.arrayContaining(expectations[i]!));
				const result = await send('ge.staff', 'recordSwap', args);
				expect(result, result.message).toMatchObject({ status: 'flagged' });
				expect((await service(args.serviceId))!.flaggedRules).toEqual([
					...new Set(broken.map(([rule]) => rule))
				]);
			} finally {
				replica.close();
				await replica.delete();
			}
		}
	});
});
