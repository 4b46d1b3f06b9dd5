import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { brokenRules } from '$lib/domain';
import { ReplicaDb } from '$lib/db/replica';
import { previewSwap, swapSetup } from '$lib/db/queries/swaps';
import type { Db } from '$lib/server/db';
import * as t from '$lib/server/db/schema';
import { pull } from '$lib/server/sync/pull';
import { testDrivers } from '$lib/server/testing';
import { GE_STORE, swapFixtures } from '$lib/server/mutations/swap-fixtures';
import { seededServer } from '$lib/server/test-harness';
import { WARRANTY_CHECKLIST_CLEAR } from '$lib/domain/rules/fixtures';

const NOW = new Date('2026-03-15T10:00:00.000Z');

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

	const server = seededServer(name, NOW);
	const { staffOf } = server;
	let db: Db;
	beforeAll(() => {
		db = server.db;
	});

	const { customerWithKit, swapArgs } = swapFixtures(server, NOW);

	const send = (who: string, mutation: string, args: unknown) => server.send(who, mutation, args);

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
				warrantyChecklist: { ...WARRANTY_CHECKLIST_CLEAR, cosmeticDamage: true }
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
