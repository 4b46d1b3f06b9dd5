import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { configuredDriver, database } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	try {
		const { db, driver } = await database();
		await db.execute(sql`select 1`);
		return json({ status: 'ok', database: 'reachable', driver });
	} catch {
		return json(
			{
				status: 'error',
				database: 'unreachable',
				driver: configuredDriver(),
				error: 'unavailable',
				message: 'The database does not answer.'
			},
			{ status: 503 }
		);
	}
};
