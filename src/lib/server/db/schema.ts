import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import type {
	Rental,
	Customer,
	MarketPolicy,
	PosCapabilities,
	Reservation,
	ServiceRecord
} from '$lib/domain';

/**
 * The server's tables. Every replicated table (domain/wire.ts `replicatedTables`) carries
 * `market_code`, `version` and `deleted`: `version` is the value of the market's change counter
 * (markets.version) in the transaction that last wrote the row, so a pull is "rows of my market
 * with version > cookie", and `deleted` turns a removal into a `del` op instead of a silent gap.
 * `market_code` is also the natural distribution key if the database is ever sharded by market.
 */

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

function replicated() {
	return {
		marketCode: text('market_code').notNull(),
		version: bigint('version', { mode: 'number' }).notNull(),
		deleted: boolean('deleted').notNull().default(false)
	};
}

export const markets = pgTable('markets', {
	code: text('code').primaryKey(),
	policy: jsonb('policy').$type<MarketPolicy>().notNull(),
	/** The market's change counter: bumped once per writing transaction (see sync/push.ts). */
	version: bigint('version', { mode: 'number' }).notNull().default(0),
	/** Counter value when the policy row itself last changed (what pull compares). */
	rowVersion: bigint('row_version', { mode: 'number' }).notNull().default(0),
	deleted: boolean('deleted').notNull().default(false)
});

export const pointsOfSale = pgTable(
	'points_of_sale',
	{
		id: text('id').primaryKey(),
		...replicated(),
		name: text('name').notNull(),
		kind: text('kind').notNull(),
		city: text('city').notNull(),
		reducedAssortment: boolean('reduced_assortment').notNull().default(false),
		capabilities: jsonb('capabilities').$type<PosCapabilities>().notNull(),
		modelsSold: jsonb('models_sold').$type<string[]>().notNull()
	},
	(t) => [index('points_of_sale_market_version').on(t.marketCode, t.version)]
);

/**
 * The model catalogue is kept per market: the pull cookie is a per-market counter, so a row
 * shared by all markets could not carry one version comparable with every market's cookie.
 */
export const deviceModels = pgTable(
	'device_models',
	{
		id: text('id').notNull(),
		...replicated(),
		name: text('name').notNull(),
		kind: text('kind').notNull(),
		gtins: jsonb('gtins').$type<string[]>().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.marketCode, t.id] }),
		index('device_models_market_version').on(t.marketCode, t.version)
	]
);

export const staff = pgTable(
	'staff',
	{
		id: text('id').primaryKey(),
		username: text('username').notNull(),
		displayName: text('display_name').notNull(),
		passwordHash: text('password_hash').notNull(),
		role: text('role').notNull(),
		marketCode: text('market_code').notNull(),
		posIds: jsonb('pos_ids').$type<string[]>().notNull(),
		createdAt: instant('created_at').notNull().defaultNow()
	},
	(t) => [uniqueIndex('staff_username').on(t.username)]
);

/**
 * Failed sign-ins per account and per network address in a sliding window. In the database, not
 * in process memory, so every app process behind the load balancer counts the same attempts.
 */
export const signInAttempts = pgTable('sign_in_attempts', {
	/** `user:<username>` or `ip:<address>` */
	key: text('key').primaryKey(),
	windowStart: instant('window_start').notNull(),
	failures: integer('failures').notNull()
});

/**
 * The per-tablet secret that wraps the tablet's data key (encryption at rest of personal fields,
 * docs/security.md). Handed only to an authenticated sign-in from that client group, so any
 * staff member of the tablet's market who signs in online can open the replica again (after a
 * PIN lock-out), while a locked tablet alone cannot.
 */
export const deviceKeys = pgTable('device_keys', {
	clientGroupId: text('client_group_id').primaryKey(),
	/** The market of the first sign-in: staff of another market get no key for this tablet. */
	marketCode: text('market_code').notNull(),
	key: text('key').notNull(),
	createdAt: instant('created_at').notNull()
});

/**
 * The key a staff member's actions on one tablet (client group) are proven with, so a shared
 * tablet's pushes are attributed to whoever unlocked it, not to whoever signed in last.
 */
export const actorKeys = pgTable(
	'actor_keys',
	{
		staffId: text('staff_id')
			.notNull()
			.references(() => staff.id),
		clientGroupId: text('client_group_id').notNull(),
		key: text('key').notNull(),
		createdAt: instant('created_at').notNull(),
		revokedAt: instant('revoked_at')
	},
	(t) => [primaryKey({ columns: [t.staffId, t.clientGroupId] })]
);

export const sessions = pgTable(
	'sessions',
	{
		/** sha256 of the cookie token: a leaked table does not hand out live sessions. */
		id: text('id').primaryKey(),
		staffId: text('staff_id')
			.notNull()
			.references(() => staff.id),
		createdAt: instant('created_at').notNull(),
		expiresAt: instant('expires_at').notNull(),
		revokedAt: instant('revoked_at')
	},
	(t) => [index('sessions_staff').on(t.staffId)]
);

export const customers = pgTable(
	'customers',
	{
		id: text('id').primaryKey(),
		...replicated(),
		firstName: text('first_name').notNull(),
		lastName: text('last_name').notNull(),
		phone: text('phone').notNull(),
		dateOfBirth: day('date_of_birth').notNull(),
		registered: boolean('registered').notNull(),
		blacklisted: boolean('blacklisted').notNull().default(false),
		carePlus: jsonb('care_plus').$type<Customer['carePlus']>(),
		marketingConsent: boolean('marketing_consent'),
		clubMember: boolean('club_member'),
		updatedAt: instant('updated_at').notNull()
	},
	(t) => [index('customers_market_version').on(t.marketCode, t.version)]
);

export const components = pgTable(
	'components',
	{
		serial: text('serial').primaryKey(),
		...replicated(),
		deviceId: text('device_id').notNull(),
		modelId: text('model_id').notNull(),
		part: text('part').notNull(),
		customerId: text('customer_id'),
		purchasedOn: day('purchased_on'),
		registeredAt: instant('registered_at'),
		replacementsUsed: integer('replacements_used').notNull().default(0),
		purchaseCountry: text('purchase_country'),
		extendedWarrantyUntil: day('extended_warranty_until'),
		atPosId: text('at_pos_id'),
		condition: text('condition').notNull().default('ok')
	},
	(t) => [
		index('components_customer').on(t.customerId),
		index('components_at_pos').on(t.atPosId),
		index('components_device').on(t.deviceId),
		index('components_market_version').on(t.marketCode, t.version)
	]
);

export const services = pgTable(
	'services',
	{
		id: uuid('id').primaryKey(),
		...replicated(),
		type: text('type').notNull(),
		customerId: text('customer_id').notNull(),
		serial: text('serial').notNull(),
		posId: text('pos_id').notNull(),
		staffId: text('staff_id').notNull(),
		performedAt: instant('performed_at').notNull(),
		recordedAt: instant('recorded_at'),
		status: text('status').notNull(),
		flaggedRules: jsonb('flagged_rules').$type<string[]>().notNull(),
		details: jsonb('details').$type<ServiceRecord['details']>().notNull()
	},
	(t) => [
		// CLN-2 quota: a customer's cleanings in one calendar month
		index('services_customer_type_performed').on(t.customerId, t.type, t.performedAt),
		index('services_market_version').on(t.marketCode, t.version)
	]
);

export const stock = pgTable(
	'stock',
	{
		/** `${posId}:${sku}` */
		id: text('id').primaryKey(),
		...replicated(),
		posId: text('pos_id').notNull(),
		sku: text('sku').notNull(),
		label: text('label').notNull(),
		quantity: integer('quantity').notNull()
	},
	(t) => [index('stock_pos').on(t.posId), index('stock_market_version').on(t.marketCode, t.version)]
);

/**
 * Systems that send reservations (website, call centre): each has its own API key, stored as a
 * sha256 hash like session tokens, bound to one market.
 */
export const integrations = pgTable('integrations', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	marketCode: text('market_code').notNull(),
	source: text('source').notNull(),
	keyHash: text('key_hash').notNull().unique(),
	createdAt: instant('created_at').notNull(),
	revokedAt: instant('revoked_at')
});

export const reservations = pgTable(
	'reservations',
	{
		id: text('id').primaryKey(),
		...replicated(),
		code: text('code').notNull(),
		customerId: text('customer_id').notNull(),
		posId: text('pos_id').notNull(),
		confirmedAt: instant('confirmed_at').notNull(),
		items: jsonb('items').$type<Reservation['items']>().notNull(),
		status: text('status').notNull(),
		source: text('source')
	},
	(t) => [
		index('reservations_pos').on(t.posId),
		index('reservations_customer').on(t.customerId),
		index('reservations_market_version').on(t.marketCode, t.version)
	]
);

export const rentals = pgTable(
	'rentals',
	{
		id: text('id').primaryKey(),
		...replicated(),
		customerId: text('customer_id').notNull(),
		posId: text('pos_id').notNull(),
		modelId: text('model_id').notNull(),
		startedAt: instant('started_at').notNull(),
		dueAt: instant('due_at').notNull(),
		returnedAt: instant('returned_at'),
		status: text('status').notNull(),
		contract: jsonb('contract').$type<NonNullable<Rental['contract']>>()
	},
	(t) => [
		index('rentals_customer').on(t.customerId),
		index('rentals_pos_status').on(t.posId, t.status),
		index('rentals_market_version').on(t.marketCode, t.version)
	]
);

/**
 * Client groups seen by push or pull. Recording them at pull too means a device that only
 * reads is still "known" on its next pull and is not sent a full reset every time.
 */
export const clientGroups = pgTable('client_groups', {
	id: uuid('id').primaryKey(),
	staffId: text('staff_id')
		.notNull()
		.references(() => staff.id),
	createdAt: instant('created_at').notNull()
});

export const clients = pgTable(
	'clients',
	{
		clientId: uuid('client_id').primaryKey(),
		clientGroupId: uuid('client_group_id').notNull(),
		staffId: text('staff_id')
			.notNull()
			.references(() => staff.id),
		lastMutationId: integer('last_mutation_id').notNull().default(0),
		createdAt: instant('created_at').notNull()
	},
	(t) => [index('clients_group').on(t.clientGroupId)]
);

/** Results already given, so a re-sent mutation gets the same answer (exactly-once). */
export const mutationResults = pgTable(
	'mutation_results',
	{
		clientId: uuid('client_id').notNull(),
		mutationId: integer('mutation_id').notNull(),
		uuid: uuid('uuid').notNull(),
		name: text('name').notNull(),
		status: text('status').notNull(),
		code: text('code'),
		message: text('message'),
		reviewIds: jsonb('review_ids').$type<string[]>().notNull(),
		/** Audit: who acted (the verified actor), on whose session, where, when at the counter. */
		staffId: text('staff_id'),
		sessionStaffId: text('session_staff_id'),
		posId: text('pos_id'),
		clientTime: instant('client_time'),
		/** When the server received it (synced). */
		createdAt: instant('created_at').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.clientId, t.mutationId] }),
		index('mutation_results_staff').on(t.staffId, t.createdAt),
		uniqueIndex('mutation_results_uuid').on(t.uuid)
	]
);

export const reviewItems = pgTable(
	'review_items',
	{
		id: uuid('id').primaryKey(),
		marketCode: text('market_code').notNull(),
		ruleId: text('rule_id').notNull(),
		/** Identifies "the same problem", e.g. `CLN-2:<customer>:<YYYY-MM>`. */
		dedupeKey: text('dedupe_key').notNull(),
		subject: text('subject').notNull(),
		status: text('status').notNull().default('open'),
		openedAt: instant('opened_at').notNull(),
		resolvedAt: instant('resolved_at'),
		/** Staff id of the supervisor who resolved the item (with `note`, their resolution). */
		resolvedBy: text('resolved_by'),
		serviceIds: jsonb('service_ids').$type<string[]>().notNull(),
		facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
		note: text('note')
	},
	(t) => [
		// unique among open items only: once a supervisor resolves one, a new breach opens a new item
		uniqueIndex('review_items_open_dedupe')
			.on(t.dedupeKey)
			.where(sql`${t.status} = 'open'`),
		index('review_items_market_status').on(t.marketCode, t.status)
	]
);
