import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

/**
 * One database API for both drivers: embedded PGlite by default (nothing to install), real
 * PostgreSQL when DATABASE_URL is set. Everything above this module takes a `Db` parameter and
 * never knows which driver it got.
 */
export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Driver = 'pglite' | 'postgres';

export interface OpenOptions {
	/** postgres://… URL; defaults to env DATABASE_URL. When absent, PGlite is used. */
	url?: string;
	/** PGlite only: keep the database in memory (tests). */
	memory?: boolean;
	/** PGlite data directory; default `${CAREPOINT_DATA_DIR ?? './data'}/pglite`. */
	dataDir?: string;
	/** Default env CAREPOINT_MIGRATIONS_DIR, else `<cwd>/drizzle`. */
	migrationsFolder?: string;
	/** Runs once after migration, under the migration lock (used to seed an empty database). */
	afterMigrate?: (db: Db) => Promise<void>;
}

export interface OpenDatabase {
	db: Db;
	driver: Driver;
	close(): Promise<void>;
}

export function migrationsFolder(explicit?: string): string {
	const folder = resolve(
		explicit ?? process.env.CAREPOINT_MIGRATIONS_DIR ?? resolve(process.cwd(), 'drizzle')
	);
	if (!existsSync(resolve(folder, 'meta', '_journal.json')))
		throw new Error(`No migrations found in ${folder} (set CAREPOINT_MIGRATIONS_DIR)`);
	return folder;
}

export function pgliteDataDir(explicit?: string): string {
	return resolve(explicit ?? resolve(process.env.CAREPOINT_DATA_DIR ?? './data', 'pglite'));
}

// arbitrary constant shared by every app process: serialises migrate+seed across processes
const MIGRATION_LOCK = 727_274_001;

export async function openDatabase(options: OpenOptions = {}): Promise<OpenDatabase> {
	const folder = migrationsFolder(options.migrationsFolder);
	const url = options.memory ? undefined : (options.url ?? process.env.DATABASE_URL);

	if (url) {
		const { default: postgres } = await import('postgres');
		const { drizzle } = await import('drizzle-orm/postgres-js');
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		const client = postgres(url, {
			max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
			onnotice: () => {}
		});
		const db = drizzle({ client, schema });
		try {
			// a session-level advisory lock on a reserved connection: several app processes may
			// start at once against one PostgreSQL, and only one may migrate and seed
			const lock = await client.reserve();
			try {
				await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
				await migrate(db, { migrationsFolder: folder });
				await options.afterMigrate?.(db);
			} finally {
				await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
				lock.release();
			}
		} catch (error) {
			await client.end({ timeout: 1 }).catch(() => {}); // no pool left behind by a failed open
			throw error;
		}
		return { db, driver: 'postgres', close: () => client.end({ timeout: 5 }) };
	}

	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	let client;
	if (options.memory) {
		client = new PGlite();
	} else {
		const dir = pgliteDataDir(options.dataDir);
		mkdirSync(dir, { recursive: true });
		client = new PGlite(dir);
	}
	const db = drizzle({ client, schema });
	try {
		await migrate(db, { migrationsFolder: folder });
		await options.afterMigrate?.(db);
	} catch (error) {
		await client.close().catch(() => {}); // release the data directory
		throw error;
	}
	return { db, driver: 'pglite', close: () => client.close() };
}

/**
 * The process-wide database, opened on first use. Kept on globalThis so Vite's module reloads
 * in dev do not open a second PGlite on the same data directory (which would corrupt it).
 */
const KEY = Symbol.for('carepoint.database');
type Holder = { [KEY]?: Promise<OpenDatabase> };

export function getDatabase(options?: OpenOptions): Promise<OpenDatabase> {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		holder[KEY] = openDatabase(options).catch((error: unknown) => {
			delete holder[KEY]; // let the next request try again
			throw error;
		});
	}
	return holder[KEY];
}

export { schema };
