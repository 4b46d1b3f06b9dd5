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
 *
 * Paged pull (`limit`, then `cursor`): a first sync of a large market is hundreds of thousands
 * of rows, so the client may ask for pages. The first page fixes the snapshot: `since` (the
 * client's cookie, or 0 after a reset) and `target` (the market's version now). Every page reads
 * the rows with `since < version <= target`, table by table in primary-key order, from where the
 * previous page stopped; the cursor carries (market, since, target, table, last key). Because a
 * version is taken under the market lock, a row whose version is <= target is in the state it
 * had at target; a row written after the first page has a version > target, is left out of the
 * remaining pages and comes with the next pull (which starts from `target`). So the pages
 * together are exactly the patch `since → target`, however long the client takes between them,
 * and a client that crashes between pages can resume with the cursor.
 */
import { and, asc, eq, gt, inArray, lte, not, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { PULL_PAGE_MAX, type PatchOp, type PullResponse, type StaffProfile } from '$lib/domain';
import type { TableName } from '$lib/domain';
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
	/** Paged pull: at most this many rows per answer (clamped to PULL_PAGE_MAX). */
	limit?: number;
	/** The previous page's cursor. */
	cursor?: string;
}

type ReplicatedPgTable = PgTable & { marketCode: PgColumn; version: PgColumn; deleted: PgColumn };

interface Source {
	name: Exclude<TableName, 'markets'>;
	table: ReplicatedPgTable;
	key: PgColumn;
	/** Limited to the staff member's points of sale. */
	perPos?: PgColumn;
	// rows of the table's own type; `unknown` here keeps the list one array
	toKey: (row: never) => string;
	toValue: (row: never) => unknown;
}

/** Tables in the order pages walk them; the markets row goes first, on the first page. */
const SOURCES: Source[] = [
	{
		name: 'pointsOfSale',
		table: pointsOfSale,
		key: pointsOfSale.id,
		toKey: (r: typeof pointsOfSale.$inferSelect) => r.id,
		toValue: map.posFromRow
	},
	{
		name: 'deviceModels',
		table: deviceModels,
		key: deviceModels.id,
		toKey: (r: typeof deviceModels.$inferSelect) => r.id,
		toValue: map.deviceModelFromRow
	},
	{
		name: 'customers',
		table: customers,
		key: customers.id,
		toKey: (r: typeof customers.$inferSelect) => r.id,
		toValue: map.customerFromRow
	},
	{
		name: 'components',
		table: components,
		key: components.serial,
		toKey: (r: typeof components.$inferSelect) => r.serial,
		toValue: map.componentFromRow
	},
	{
		name: 'services',
		table: services,
		key: services.id,
		toKey: (r: typeof services.$inferSelect) => r.id,
		toValue: map.serviceFromRow
	},
	{
		name: 'stock',
		table: stock,
		key: stock.id,
		perPos: stock.posId,
		toKey: (r: typeof stock.$inferSelect) => r.id,
		toValue: map.stockFromRow
	},
	{
		name: 'reservations',
		table: reservations,
		key: reservations.id,
		perPos: reservations.posId,
		toKey: (r: typeof reservations.$inferSelect) => r.id,
		toValue: map.reservationFromRow
	},
	{
		name: 'rentals',
		table: rentals,
		key: rentals.id,
		toKey: (r: typeof rentals.$inferSelect) => r.id,
		toValue: map.rentalFromRow
	}
];

/** Where a paged pull stands. Opaque to the client (base64url JSON). */
interface Cursor {
	/** market */
	m: string;
	/** since: the cookie the pull started from (0 after a reset) */
	s: number;
	/** target: the snapshot version, the cookie the client stores after the last page */
	t: number;
	/** index in SOURCES of the table to continue */
	i: number;
	/** last key sent of that table (null: start of the table) */
	k: string | null;
}

export function encodeCursor(cursor: Cursor): string {
	return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The cursor, or null when it is not one this server issued in a shape it understands. */
export function decodeCursor(text: string): Cursor | null {
	try {
		const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
		const count = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
		if (
			typeof c.m === 'string' &&
			count(c.s) &&
			count(c.t) &&
			c.s <= c.t &&
			count(c.i) &&
			c.i <= SOURCES.length &&
			(c.k === null || (typeof c.k === 'string' && c.k.length <= 500))
		)
			return c as Cursor;
	} catch {
		// not base64url JSON
	}
	return null;
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

	const paged = query.limit !== undefined || query.cursor !== undefined;
	const limit = paged ? Math.min(query.limit ?? PULL_PAGE_MAX, PULL_PAGE_MAX) : Infinity;
	let cursor = query.cursor ? decodeCursor(query.cursor) : null;
	// a cursor of another market (another staff member signed in) or of another starting cookie
	// is not this pull's: start afresh from the client's cookie
	if (cursor && (cursor.m !== staff.marketCode || cursor.s !== query.cookie)) cursor = null;

	return db.transaction(
		async (tx) => {
			const [market] = await tx.select().from(markets).where(eq(markets.code, staff.marketCode));
			if (!market) throw new Error(`market ${staff.marketCode} does not exist`);
			const current = market.version;
			// the server does not know the cookie, the client group or the snapshot the cursor
			// names (restored from an older backup): drop the replica and send the whole scope
			const reset =
				query.cookie > current ||
				(!group && (query.cookie > 0 || cursor !== null)) ||
				(cursor !== null && cursor.t > current);
			if (reset) cursor = null;
			const since = reset ? 0 : query.cookie;
			const target = cursor ? cursor.t : current;
			const patch: PatchOp[] = reset ? [{ op: 'clear' }] : [];
			let total: number | undefined;

			const scope = (source: Source): SQL => {
				const t = source.table;
				const conditions: SQL[] = [
					eq(t.marketCode, staff.marketCode),
					gt(t.version, since),
					lte(t.version, target)
				];
				// from cookie 0 or after a clear the replica is empty: nothing to remove
				if (since === 0) conditions.push(not(t.deleted));
				if (source.perPos) conditions.push(inArray(source.perPos, staff.posIds));
				return and(...conditions)!;
			};
			const sources = SOURCES.filter((s) => !s.perPos || staff.posIds.length > 0);

			if (!cursor) {
				if (market.rowVersion > since && market.rowVersion <= target)
					patch.push({
						op: 'put',
						table: 'markets',
						key: market.code,
						value: map.marketFromRow(market)
					});
				if (paged) {
					// one cheap count per table (index-backed), for the client's progress bar
					const counts = await Promise.all(
						sources.map(async (s) => {
							const [row] = await tx
								.select({ n: sql<number>`count(*)::int` })
								.from(s.table)
								.where(scope(s));
							return row?.n ?? 0;
						})
					);
					total = patch.length + counts.reduce((a, b) => a + b, 0);
				}
			}

			let next: Cursor | null = null;
			const startIndex = cursor ? cursor.i : 0;
			for (let i = startIndex; i < SOURCES.length; i++) {
				const source = SOURCES[i]!;
				if (!sources.includes(source)) continue;
				const room = limit - patch.length;
				if (room <= 0) {
					next = { m: staff.marketCode, s: since, t: target, i, k: null };
					break;
				}
				const after = cursor && i === cursor.i ? cursor.k : null;
				const where = after === null ? scope(source) : and(scope(source), gt(source.key, after));
				const base = tx.select().from(source.table).where(where).orderBy(asc(source.key));
				const rows = (await (Number.isFinite(room) ? base.limit(room) : base)) as never[];
				for (const row of rows) {
					const r = row as { deleted: boolean };
					const key = source.toKey(row);
					if (r.deleted) patch.push({ op: 'del', table: source.name, key });
					else patch.push({ op: 'put', table: source.name, key, value: source.toValue(row) });
				}
				if (rows.length === room) {
					next = { m: staff.marketCode, s: since, t: target, i, k: source.toKey(rows.at(-1)!) };
					break;
				}
			}

			const groupClients = await tx
				.select({ clientId: clients.clientId, lastMutationId: clients.lastMutationId })
				.from(clients)
				.where(eq(clients.clientGroupId, query.clientGroupId));
			const response: PullResponse = {
				cookie: target,
				patch,
				lastMutationIds: Object.fromEntries(
					groupClients.map((c) => [c.clientId, c.lastMutationId])
				),
				serverTime: now.toISOString()
			};
			if (paged) {
				response.hasMore = next !== null;
				if (next) response.cursor = encodeCursor(next);
				if (total !== undefined) response.total = total;
			}
			return response;
		},
		{ isolationLevel: 'repeatable read', accessMode: 'read only' }
	);
}
