import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type {
	Customer,
	DeviceComponent,
	DeviceModel,
	MarketPolicy,
	MutationName,
	MutationStatus,
	PointOfSale,
	Rental,
	Reservation,
	ServiceRecord,
	StockItem,
	TableName
} from '$lib/domain';
import { Keyring, sealingMiddleware, sealRows } from './crypto';
import { pendingCount } from './meta';

// the meta rows' reads and writes live apart from Dexie (./meta.ts): the first screen uses them
export { clientIds, getMeta, setMeta, type Meta } from './meta';

/**
 * The local replica: what the server sent in pulls, plus the optimistic effects of the
 * mutations still in the outbox. Screens read only from here, so they never wait for the
 * network. Versions are append-only: a new schema is a new `this.version(n)` block below the
 * old ones, never an edit of them.
 */

/** `discarded`: a rejected action staff chose to drop (its local effect is undone). */
export type OutboxStatus = 'pending' | MutationStatus | 'discarded';

export interface OutboxEntry {
	/** Gap-free per client: 1, 2, 3, … (BRIEF sync protocol). */
	id: number;
	/** Global idempotency key: the server applies a uuid once, whatever the client id. */
	uuid: string;
	name: MutationName;
	args: unknown;
	clientTime: string;
	staffId: string;
	/** The record the mutation creates (e.g. the service id), to show its sync state beside it. */
	subjectId: string;
	status: OutboxStatus;
	code?: string;
	message?: string;
	reviewIds?: string[];
	/** When the server answered (applied, flagged or rejected). */
	settledAt?: string;
	/** A rejected entry sent again after a fix: the id of the new entry. */
	resentAs?: number;
	/** Proof of who acted, when a PIN-unlocked person holds an actor key (see wire.ts). */
	actor?: { staffId: string; proof: string };
}

export interface MetaRow {
	key: string;
	value: unknown;
}

/**
 * Every schema the replica has had, oldest first. Append-only: a device may open the app with
 * any older version on disk (and pending actions in its outbox), and Dexie walks it up through
 * each step. Never edit a past entry.
 */
export const SCHEMA_HISTORY: {
	version: number;
	stores: Record<string, string | null>;
	upgrade?: (tx: Transaction) => Promise<void>;
}[] = [
	{
		version: 1,
		stores: {
			markets: 'code',
			pointsOfSale: 'id, marketCode',
			deviceModels: 'id, *gtins',
			customers: 'id, phone, lastName',
			components: 'serial, customerId, deviceId',
			services: 'id, customerId, [customerId+type+performedAt], serial',
			stock: 'id, posId',
			reservations: 'id, code, customerId, posId',
			rentals: 'id, customerId, posId',
			outbox: 'id, &uuid, status, subjectId',
			meta: 'key'
		}
	},
	{
		// customers by market (market switch, search); services by point of sale (day summary)
		version: 2,
		stores: {
			customers: 'id, phone, lastName, marketCode',
			services: 'id, customerId, [customerId+type+performedAt], serial, posId'
		}
	},
	{
		// counter flows: units held at a point of sale (replacement stock, faulty units taken in),
		// open rentals and reservations of a point of sale, services by type (day summary)
		version: 3,
		stores: {
			components: 'serial, customerId, deviceId, atPosId',
			rentals: 'id, customerId, posId, [posId+status]',
			reservations: 'id, code, customerId, posId, [posId+status]',
			services: 'id, customerId, [customerId+type+performedAt], serial, posId, type'
		}
	},
	{
		// personal fields are sealed at rest (crypto/sealing.ts): no index may hold them in clear;
		// the find screen looks customers up by their blind-index tokens (crypto/seek.ts)
		version: 4,
		stores: {
			customers: 'id, marketCode, *seek'
		}
	},
	{
		// issue 8, first sync: every index costs an entry for each of a market's ~70,000
		// services, and no query reads services by serial. (`customerId` stays: Dexie could
		// answer it from the compound index's first part, but not on every IndexedDB.)
		version: 5,
		stores: {
			services: 'id, customerId, [customerId+type+performedAt], posId, type'
		}
	}
];

export class ReplicaDb extends Dexie {
	markets!: EntityTable<MarketPolicy, 'code'>;
	pointsOfSale!: EntityTable<PointOfSale, 'id'>;
	deviceModels!: EntityTable<DeviceModel, 'id'>;
	customers!: EntityTable<Customer, 'id'>;
	components!: EntityTable<DeviceComponent, 'serial'>;
	services!: EntityTable<ServiceRecord, 'id'>;
	stock!: EntityTable<StockItem, 'id'>;
	reservations!: EntityTable<Reservation, 'id'>;
	rentals!: EntityTable<Rental, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'id'>;
	meta!: EntityTable<MetaRow, 'key'>;

	/** The data key that seals personal fields; in memory only while the tablet is unlocked. */
	readonly keyring: Keyring;

	/**
	 * `keyring`: the app passes a locked one and opens it on unlock; tests and tools that do not
	 * care about encryption at rest get a plain one.
	 */
	constructor(name = 'carepoint', keyring = new Keyring('plain')) {
		super(name);
		// Dexie turns its debug mode on by itself for any page served from localhost or 127.0.0.1:
		// every table operation then tags an async stack (console.createTask), which a browser with
		// DevTools attached (the bench, the browser tests) pays for in stack captures — ~60 ms of
		// main thread in a traced offline start at CPU 4×. A production build never runs it. (Set
		// here, not when the module loads: a module without effects at import can share a chunk.)
		if (!import.meta.env.DEV) Dexie.debug = false;
		this.keyring = keyring;
		this.use(sealingMiddleware(keyring));
		for (const { version, stores, upgrade } of SCHEMA_HISTORY) {
			const v = this.version(version).stores(stores);
			if (upgrade) v.upgrade(upgrade);
		}
	}

	/**
	 * Rows of `table` sealed now, before the transaction that writes them (`sealRows`: WebCrypto,
	 * off the main thread), so a large write does not seal inside its transaction. Rows of tables
	 * without personal fields come back as they are; `bulkPut` the result.
	 */
	sealAhead<T extends object>(table: Table, rows: readonly T[]): Promise<T[]> {
		return sealRows(this.keyring, table.name, table.schema.primKey.keyPath as string, rows);
	}

	/** The replicated tables by their wire name (see `replicatedTables` in the domain). */
	replicated(): Record<TableName, Table> {
		return {
			markets: this.markets,
			pointsOfSale: this.pointsOfSale,
			deviceModels: this.deviceModels,
			customers: this.customers,
			components: this.components,
			services: this.services,
			stock: this.stock,
			reservations: this.reservations,
			rentals: this.rentals
		};
	}
}

/** Names of every replicated table, for a full wipe. */
export async function wipeReplica(db: ReplicaDb): Promise<void> {
	const pending = await pendingCount(db);
	// facts are never lost: a wipe waits until the server has every action
	if (pending > 0) throw new Error(`${pending} actions are not synced yet: not wiping`);
	db.close();
	await db.delete();
	await db.open();
}
