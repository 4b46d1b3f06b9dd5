import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { brokenRules, type Verdict } from '$lib/domain';
import type {
	BuyBackArgs,
	RegisterDeviceArgs,
	SellExtendedWarrantyArgs
} from '$lib/domain/mutations/customers';
import { discardRejected, reapplyPending, recordAction } from '$lib/db/mutators';
import {
	buyBackPreview,
	customerCard,
	extendedPreview,
	findCustomers,
	registerPreview
} from '$lib/db/queries/customers';
import { ReplicaDb } from '$lib/db/replica';
import type { Db } from '$lib/server/db';
import * as t from '$lib/server/db/schema';
import { pull } from '$lib/server/sync/pull';
import { testDrivers } from '$lib/server/testing';
import { seededServer } from '$lib/server/test-harness';

const NOW = new Date('2026-03-15T10:00:00.000Z');
const AT = new Date(NOW.getTime() - 60_000).toISOString();
const drivers = await testDrivers();

/**
 * The customer flows decide the same on the tablet and on the server: the tablet's preview
 * queries run on a replica filled by a real pull; the same scenario is pushed; the rules the
 * tablet shows as broken (with severities) are exactly the rules the server flags. Also: the
 * tablet's optimistic rows are the rows the server sends back, and find works on the replica.
 */
describe.each(drivers)('customer verdicts on $name', ({ name, available }) => {
	if (!available) {
		it.skip('PostgreSQL did not answer: skipped', () => {});
		return;
	}
	const server = seededServer(name, NOW);
	const { staffOf } = server;
	let db: Db;
	beforeAll(() => {
		db = server.db;
	});

	async function replicaOf(who: string) {
		const replica = new ReplicaDb(`customers-${randomUUID()}`);
		await replica.open();
		const answer = await pull(db, staffOf[who]!, { clientGroupId: randomUUID(), cookie: 0 }, NOW);
		const tables = replica.replicated();
		for (const op of answer.patch)
			if (op.op === 'put') await tables[op.table].put(op.value as never);
		return replica;
	}

	const send = (who: string, mutation: string, args: unknown) =>
		server.send(who, mutation, args, AT);

	const pairs = (v: Verdict) => [
		...new Map(
			brokenRules(v).map((r) => [`${r.rule}|${r.severity}`, [r.rule, r.severity]])
		).values()
	];
	const flagged = async (serviceId: string) =>
		(await db.select().from(t.services).where(eq(t.services.id, serviceId)))[0]?.flaggedRules;

	const registration = (customerId: string, n: string): RegisterDeviceArgs => ({
		serviceId: randomUUID(),
		posId: 'ge-tbilisi-store',
		performedAt: AT,
		customerId,
		units: [
			{ serial: `GEH${n}`, part: 'holder' },
			{ serial: `GEC${n}`, part: 'charger' }
		],
		modelId: 'iluma',
		deviceId: randomUUID(),
		purchasedOn: '2026-03-15',
		purchaseCountry: null,
		codeSource: 'box',
		personalUse: true
	});

	it('REG-2 and RNT-7 at registration, EXT-2: the same broken rules on both sides', async () => {
		const replica = await replicaOf('ge.staff');
		try {
			const at = new Date(AT);
			// REG-2: the kit is Ana Lomidze's; RNT-7: ge-c-003 is blacklisted
			for (const [customerId, n, expected] of [
				['ge-c-001', '1000012', [['REG-2', 'block']]],
				['ge-c-003', '1000002', [['RNT-7', 'override']]]
			] as const) {
				const args = registration(customerId, n);
				const preview = (await registerPreview(
					replica,
					{
						customerId,
						serials: args.units.map((u) => u.serial),
						codeSource: 'box',
						personalUse: true,
						purchaseCountry: null
					},
					at
				))!;
				expect(pairs(preview.verdict)).toEqual(expected);
				const result = await send('ge.staff', 'registerDevice', args);
				expect(result.status).toBe('flagged');
				expect(await flagged(args.serviceId)).toEqual(expected.map(([rule]) => rule));
			}
			const ext: SellExtendedWarrantyArgs = {
				serviceId: randomUUID(),
				posId: 'ge-tbilisi-store',
				performedAt: AT,
				customerId: 'ge-cus-04',
				serials: ['GEH1000022'],
				months: 12,
				price: 40,
				until: '2028-02-13',
				nicotineUser: true
			};
			const preview = (await extendedPreview(
				replica,
				{ ...ext, posId: ext.posId, nicotineUser: true },
				at
			))!;
			expect(pairs(preview.verdict)).toEqual([['EXT-2', 'block']]);
			await send('ge.staff', 'sellExtendedWarranty', ext);
			expect(await flagged(ext.serviceId)).toEqual(['EXT-2']);
		} finally {
			replica.close();
			await replica.delete();
		}
	});

	it('BUY-1 after 14 days: the same broken rule on both sides', async () => {
		const replica = await replicaOf('hu.staff');
		try {
			const args: BuyBackArgs = {
				serviceId: randomUUID(),
				posId: 'hu-budapest-store',
				performedAt: AT,
				customerId: 'hu-cus-03',
				serials: ['HUH1000003', 'HUC1000003'],
				videosWatched: true
			};
			const preview = (await buyBackPreview(replica, args, new Date(AT)))!;
			expect(pairs(preview.verdict)).toEqual([['BUY-1', 'block']]);
			await send('hu.staff', 'buyBack', args);
			expect(await flagged(args.serviceId)).toEqual(['BUY-1']);
		} finally {
			replica.close();
			await replica.delete();
		}
	});

	it('the tablet writes the rows the server sends back; find and the card read them', async () => {
		const replica = await replicaOf('ge.staff');
		try {
			const staff = staffOf['ge.staff']!;
			const customerId = randomUUID();
			await recordAction(
				replica,
				'registerCustomer',
				{
					customerId,
					posId: 'ge-tbilisi-store',
					performedAt: AT,
					firstName: 'Ṭamar',
					lastName: 'Ōrbeliani',
					phone: '+995 577 123 456',
					dateOfBirth: '1990-02-02',
					marketingConsent: false
				},
				staff,
				NOW
			);
			const args = registration(customerId, '1000001');
			await recordAction(replica, 'registerDevice', args, staff, NOW);
			await reapplyPending(replica, 'GE'); // idempotent: again on top of the same state
			const local = await replica.components.get('GEC1000001');
			expect(local).toMatchObject({ customerId, purchasedOn: '2026-03-15' });

			// find by phone suffix, by name without diacritics, by serial
			const market = (await replica.markets.get('GE'))!;
			const byPhone = await findCustomers(replica, market, '123456');
			expect(byPhone.kind === 'customers' && byPhone.customers.map((c) => c.id)).toEqual([
				customerId
			]);
			const byName = await findCustomers(replica, market, 'orbel tam');
			expect(byName.kind === 'customers' && byName.customers.map((c) => c.id)).toEqual([
				customerId
			]);
			expect(await findCustomers(replica, market, 'gec-100 0001')).toEqual({
				kind: 'serial',
				serial: 'GEC1000001'
			});
			expect((await findCustomers(replica, market, '7622100100034')).kind).toBe('gtin');

			const card = (await customerCard(replica, customerId, 'ge-tbilisi-store', NOW))!;
			expect(card.devices).toHaveLength(1);
			expect(card.devices[0]!.units.map((u) => u.warrantyUntil)).toEqual([
				'2027-03-15',
				'2027-03-15'
			]);
			expect(card.history.map((h) => [h.service.type, h.outbox?.status])).toEqual([
				['registration', 'pending']
			]);

			// the server's rows match the optimistic ones
			await send('ge.staff', 'registerCustomer', (await replica.outbox.get(1))!.args);
			await send('ge.staff', 'registerDevice', args);
			const [server] = await db
				.select()
				.from(t.components)
				.where(eq(t.components.serial, 'GEC1000001'));
			expect(server).toMatchObject({
				customerId: local!.customerId,
				deviceId: local!.deviceId,
				purchasedOn: local!.purchasedOn
			});
		} finally {
			replica.close();
			await replica.delete();
		}
	});

	it('a discarded rejected registration leaves nothing behind on the tablet', async () => {
		const replica = await replicaOf('ge.staff');
		try {
			const staff = staffOf['ge.staff']!;
			const args = registration('ge-c-001', '1000003');
			const entry = await recordAction(replica, 'registerDevice', args, staff, NOW);
			expect((await replica.components.get('GEH1000003'))?.customerId).toBe('ge-c-001');
			await replica.outbox.update(entry.id, { status: 'rejected', code: 'forbidden' });
			await discardRejected(replica, entry.id);
			expect((await replica.components.get('GEH1000003'))?.customerId).toBeNull();
			expect(await replica.services.get(args.serviceId)).toBeUndefined();
		} finally {
			replica.close();
			await replica.delete();
		}
	});
});
