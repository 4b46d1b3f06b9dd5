import { getDatabase, type OpenDatabase } from './db';
import { seedIfEmpty } from './seed';

/**
 * The running server's database: migrated, and on a brand-new installation seeded with the demo
 * data (set CAREPOINT_SEED=0 to start empty, e.g. in production).
 */
export function database(): Promise<OpenDatabase> {
	return getDatabase({
		afterMigrate: async (db) => {
			if (process.env.CAREPOINT_SEED !== '0') await seedIfEmpty(db, new Date());
		}
	});
}

/** Which driver the process uses, known without touching the database (for /api/health). */
export const configuredDriver = (): OpenDatabase['driver'] =>
	process.env.DATABASE_URL ? 'postgres' : 'pglite';
