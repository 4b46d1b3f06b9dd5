import { json } from '@sveltejs/kit';
import { PullQuery } from '$lib/domain';
import { badRequest, endpoint, requireStaff } from '$lib/server/http';
import { database } from '$lib/server/runtime';
import { pull } from '$lib/server/sync/pull';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(async ({ locals, url }) => {
	const staff = requireStaff(locals);
	if (staff instanceof Response) return staff;
	const query = PullQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) return badRequest('Expected ?clientGroupId=<uuid>&cookie=<n>.');
	const { db } = await database();
	return json(await pull(db, staff, query.data, new Date()));
});
