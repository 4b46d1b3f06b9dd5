/**
 * Pull (sync protocol v1, BRIEF.md): what changed in the staff member's scope since the cookie.
 *
 * The cookie is the staff member's market version (markets.version). Every write takes the
 * market's next version under the market row lock (versions.ts), so "rows with version > cookie"
 * is exactly what the client has not seen. Reading inside one REPEATABLE READ snapshot keeps the
 * returned cookie and the rows consistent with each other.
 *
 * Scope: the own market row, its points of sale, its model catalogue, customers, components,
 * services and rentals; stock and reservations only of the staff member's points of sale.
 *
 * A cookie this server never issued (greater than the market's version: restored from an older
 * backup) or an unknown client group with a cookie > 0 cannot be patched incrementally: the
 * patch starts with `clear` and carries the whole scope. The client keeps its unacknowledged
 * mutations and pushes them again; their uuids keep that exactly-once (push.ts).
 */
import { and, eq, gt, inArray, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { PatchOp, PullResponse, StaffProfile, TableName } from '$lib/domain';
import type { Db } from '../db';
import * as map from '../db/mapping';
import {
	clientGroups,
	clients,
	components,
	customers,
	deviceModels,
	markets,
	pointsOfSale,
	rentals,
	reservations,
	services,
	stock
} from '../db/schema';

export interface PullQuery {
	clientGroupId: string;
	cookie: number;
}

export async function pull(
	db: Db,
	staff: StaffProfile,
	query: PullQuery,
	now: Date
): Promise<PullResponse> {
	const [group] = await db
		.select({ id: clientGroups.id })
		.from(clientGroups)
		.where(eq(clientGroups.id, query.clientGroupId));
	if (!group)
		await db
			.insert(clientGroups)
			.values({ id: query.clientGroupId, staffId: staff.id, createdAt: now })
			.onConflictDoNothing();

	return db.transaction(
		async (tx) => {
			const [market] = await tx.select().from(markets).where(eq(markets.code, staff.marketCode));
			if (!market) throw new Error(`market ${staff.marketCode} does not exist`);
			const current = market.version;
			const reset = query.cookie > current || (!group && query.cookie > 0);
			const since = reset ? 0 : query.cookie;
			const patch: PatchOp[] = reset ? [{ op: 'clear' }] : [];

			const changed = (
				table: PgTable & { marketCode: PgColumn; version: PgColumn },
				...extra: SQL[]
			) => and(eq(table.marketCode, staff.marketCode), gt(table.version, since), ...extra);
			const emit = <R extends { version: number; deleted: boolean }>(
				table: TableName,
				rows: R[],
				key: (row: R) => string,
				value: (row: R) => unknown
			) => {
				for (const row of rows) {
					if (row.deleted) {
						// from cookie 0 or after a clear the replica is empty: nothing to remove
						if (since > 0) patch.push({ op: 'del', table, key: key(row) });
					} else patch.push({ op: 'put', table, key: key(row), value: value(row) });
				}
			};

			if (market.rowVersion > since)
				emit(
					'markets',
					[{ ...market, version: market.rowVersion }],
					(m) => m.code,
					map.marketFromRow
				);
			emit(
				'pointsOfSale',
				await tx.select().from(pointsOfSale).where(changed(pointsOfSale)),
				(r) => r.id,
				map.posFromRow
			);
			emit(
				'deviceModels',
				await tx.select().from(deviceModels).where(changed(deviceModels)),
				(r) => r.id,
				map.deviceModelFromRow
			);
			emit(
				'customers',
				await tx.select().from(customers).where(changed(customers)),
				(r) => r.id,
				map.customerFromRow
			);
			emit(
				'components',
				await tx.select().from(components).where(changed(components)),
				(r) => r.serial,
				map.componentFromRow
			);
			emit(
				'services',
				await tx.select().from(services).where(changed(services)),
				(r) => r.id,
				map.serviceFromRow
			);
			if (staff.posIds.length > 0) {
				emit(
					'stock',
					await tx
						.select()
						.from(stock)
						.where(changed(stock, inArray(stock.posId, staff.posIds))),
					(r) => r.id,
					map.stockFromRow
				);
				emit(
					'reservations',
					await tx
						.select()
						.from(reservations)
						.where(changed(reservations, inArray(reservations.posId, staff.posIds))),
					(r) => r.id,
					map.reservationFromRow
				);
			}
			emit(
				'rentals',
				await tx.select().from(rentals).where(changed(rentals)),
				(r) => r.id,
				map.rentalFromRow
			);

			const groupClients = await tx
				.select({ clientId: clients.clientId, lastMutationId: clients.lastMutationId })
				.from(clients)
				.where(eq(clients.clientGroupId, query.clientGroupId));
			return {
				cookie: current,
				patch,
				lastMutationIds: Object.fromEntries(
					groupClients.map((c) => [c.clientId, c.lastMutationId])
				),
				serverTime: now.toISOString()
			};
		},
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);
}
