import { randomUUID } from 'node:crypto';
import type { Customer, MarketCode } from '$lib/domain';
import type { RecordSwapArgs } from '$lib/domain/mutations/swaps';
import { componentToRow, customerToRow } from '../db/mapping';
import * as t from '../db/schema';
import { nextVersion } from '../sync/versions';
import type { SeededServer } from '../test-harness';
import { WARRANTY_CHECKLIST_CLEAR } from '$lib/domain/rules/fixtures';

/**
 * Swap scenarios shared by the server's swap spec and the tablet-vs-server verdict spec: a
 * registered adult with a two-piece kit, and swap arguments with a complete claim and every
 * WAR-2 point answered "no".
 */

export const GE_STORE = 'ge-tbilisi-store';

/** WAR-5: a complete claim. */
export const CLAIM = {
	symptoms: 'does not heat',
	errorSignals: 'red light blinks twice',
	stepsTried: 'reset, charged overnight',
	proofOfPurchaseDate: null
};

export function swapFixtures(server: SeededServer, now: Date) {
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
		await server.db.transaction(async (tx) => {
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
						updatedAt: now.toISOString(),
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
			performedAt: new Date(now.getTime() - 60_000).toISOString(),
			faultySerials: [],
			replacementSerials: [],
			claim: CLAIM,
			warrantyChecklist: WARRANTY_CHECKLIST_CLEAR,
			carePlusChecklist: null,
			damagedOn: null,
			serialIntact: true,
			...over
		}) as RecordSwapArgs;

	return { customerWithKit, swapArgs };
}
