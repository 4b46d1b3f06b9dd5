import { json } from '@sveltejs/kit';
import { ReviewListQuery } from '$lib/domain/review';
import { badRequest, endpoint, requireStaff } from '$lib/server/http';
import { listReviews } from '$lib/server/review/queue';
import { database } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(async ({ locals, url }) => {
	const staff = requireStaff(locals);
	if (staff instanceof Response) return staff;
	const query = ReviewListQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) return badRequest('Expected ?status=open or ?status=resolved.');
	const { db } = await database();
	const outcome = await listReviews(db, staff, query.data.status);
	return json(outcome.body, { status: outcome.status });
});
