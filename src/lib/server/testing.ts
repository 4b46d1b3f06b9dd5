import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Db, type Driver } from './db';

/**
 * Test support: every server test runs on in-memory PGlite (fast) and on the real PostgreSQL
 * that production uses, each test file in a fresh database of its own.
 */

export const TEST_PG_URL =
	process.env.CAREPOINT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDriver {
	name: Driver;
	available: boolean;
}

async function postgresAnswers(): Promise<boolean> {
	const sql = postgres(TEST_PG_URL, { connect_timeout: 3, max: 1, onnotice: () => {} });
	try {
		await sql`select 1`;
		return true;
	} catch {
		return false;
	} finally {
		await sql.end({ timeout: 1 });
	}
}

let probe: Promise<TestDriver[]> | undefined;

/** The drivers to run; PostgreSQL is marked unavailable (and said so) when it does not answer. */
export function testDrivers(): Promise<TestDriver[]> {
	probe ??= postgresAnswers().then((ok) => {
		if (!ok)
			console.warn(`PostgreSQL at ${TEST_PG_URL} did not answer: the PostgreSQL half is SKIPPED`);
		return [
			{ name: 'pglite', available: true },
			{ name: 'postgres', available: ok }
		];
	});
	return probe;
}

export interface TestDatabase {
	db: Db;
	close(): Promise<void>;
}

export async function openTestDatabase(driver: Driver): Promise<TestDatabase> {
	if (driver === 'pglite') {
		const opened = await openDatabase({ memory: true });
		return { db: opened.db, close: opened.close };
	}
	const name = `carepoint_test_${process.pid}_${randomBytes(4).toString('hex')}`;
	const admin = postgres(TEST_PG_URL, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(TEST_PG_URL);
	url.pathname = `/${name}`;
	const opened = await openDatabase({ url: url.toString() });
	return {
		db: opened.db,
		async close() {
			await opened.close();
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end({ timeout: 5 });
		}
	};
}
