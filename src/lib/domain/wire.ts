import { z } from 'zod';
import {
	Customer,
	DeviceComponent,
	DeviceModel,
	PointOfSale,
	Rental,
	Reservation,
	ServiceRecord,
	StaffProfile,
	StockItem
} from './entities';
import { MarketPolicy } from './market';

/**
 * Sync protocol version 1 (BRIEF.md): the one definition of what crosses the wire, parsed by
 * the server on the way in and by the client on the way back.
 */
export const SCHEMA_VERSION = 1;

export const PushMutation = z.object({
	id: z.number().int().positive(),
	uuid: z.uuid(),
	name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a mutation name is a plain identifier'),
	// validated per mutation by name, so one bad mutation is rejected without failing the batch
	args: z.unknown(),
	clientTime: z.iso.datetime({ offset: true }),
	/**
	 * Who acted at the counter, when it is not the session's staff member (quick switch on a
	 * shared tablet): their id and HMAC-SHA-256(actor key, uuid) in base64. The actor key is
	 * issued at that person's online sign-in on this client group and kept on the tablet only
	 * under their PIN, so a locked tablet cannot act in anyone's name.
	 */
	actor: z.object({ staffId: z.string().min(1).max(100), proof: z.string().max(100) }).optional()
});
export type PushMutation = z.infer<typeof PushMutation>;

export const PushRequest = z.object({
	clientGroupId: z.uuid(),
	clientId: z.uuid(),
	schemaVersion: z.number().int(),
	mutations: z.array(PushMutation).max(500)
});
export type PushRequest = z.infer<typeof PushRequest>;

export const MutationStatus = z.enum(['applied', 'flagged', 'rejected']);
export type MutationStatus = z.infer<typeof MutationStatus>;

export const MutationResult = z.object({
	id: z.number().int().positive(),
	status: MutationStatus,
	code: z.string().optional(),
	message: z.string().optional(),
	reviewIds: z.array(z.string()).optional()
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.object({
	lastMutationId: z.number().int().min(0),
	results: z.array(MutationResult)
});
export type PushResponse = z.infer<typeof PushResponse>;

/** 409 body: the client resends from `lastMutationId + 1`. */
export const PushGap = z.object({ error: z.literal('gap'), lastMutationId: z.number().int() });

/** Every replicated table with its row schema and primary key field. */
export const replicatedTables = {
	markets: { schema: MarketPolicy, key: 'code' },
	pointsOfSale: { schema: PointOfSale, key: 'id' },
	deviceModels: { schema: DeviceModel, key: 'id' },
	customers: { schema: Customer, key: 'id' },
	components: { schema: DeviceComponent, key: 'serial' },
	services: { schema: ServiceRecord, key: 'id' },
	stock: { schema: StockItem, key: 'id' },
	reservations: { schema: Reservation, key: 'id' },
	rentals: { schema: Rental, key: 'id' }
} as const;
export type TableName = keyof typeof replicatedTables;
export const TableName = z.enum(Object.keys(replicatedTables) as [TableName, ...TableName[]]);

export const PatchOp = z.discriminatedUnion('op', [
	z.object({ op: z.literal('put'), table: TableName, key: z.string(), value: z.unknown() }),
	z.object({ op: z.literal('del'), table: TableName, key: z.string() }),
	/** Drop the whole replica first: the server does not know this cookie or client. */
	z.object({ op: z.literal('clear') })
]);
export type PatchOp = z.infer<typeof PatchOp>;

/** Most rows one page of a paged pull carries, whatever the client asks for. */
export const PULL_PAGE_MAX = 20_000;

export const PullQuery = z.object({
	clientGroupId: z.uuid(),
	cookie: z.coerce.number().int().min(0).default(0),
	/**
	 * Paged pull (optional, added after v1 shipped): at most this many rows per answer (clamped
	 * to PULL_PAGE_MAX). Without it the server answers the whole patch at once, as before.
	 */
	limit: z.coerce.number().int().min(1).max(1_000_000).optional(),
	/** The `cursor` of the previous page of the same pull: opaque, issued by the server. */
	cursor: z
		.string()
		.max(1000)
		.regex(/^[A-Za-z0-9_-]+$/)
		.optional()
});

export const PullResponse = z.object({
	/**
	 * The snapshot's version. In a paged pull every page carries the same value, and the client
	 * stores it only after the last page (`hasMore` false).
	 */
	cookie: z.number().int().min(0),
	patch: z.array(PatchOp),
	lastMutationIds: z.record(z.string(), z.number().int().min(0)),
	serverTime: z.iso.datetime({ offset: true }),
	/** Paged pull only: more pages follow; ask again with `cursor`. */
	hasMore: z.boolean().optional(),
	cursor: z.string().optional(),
	/** Paged pull, first page only: how many rows the whole pull carries (for a progress bar). */
	total: z.number().int().min(0).optional()
});
export type PullResponse = z.infer<typeof PullResponse>;

export const SignInRequest = z.object({
	username: z.string().trim().min(1).max(100),
	password: z.string().min(1).max(200),
	/** The tablet's client group: the actor key is issued for it. */
	clientGroupId: z.uuid().optional()
});

export const SessionResponse = z.object({
	staff: StaffProfile,
	/** base64 HMAC key that proves this person's actions from this client group (see `actor`). */
	actorKey: z.string().optional(),
	/**
	 * base64 AES key of this client group that wraps the tablet's data key (encryption at rest),
	 * so any staff member's online sign-in can open the replica again.
	 */
	deviceKey: z.string().optional()
});
export type SessionResponse = z.infer<typeof SessionResponse>;

/** Error body of every failing endpoint. */
export const ApiError = z.object({ error: z.string(), message: z.string() });
