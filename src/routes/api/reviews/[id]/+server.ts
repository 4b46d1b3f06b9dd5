import { json } from '@sveltejs/kit';
import { endpoint, requireStaff } from '$lib/server/http';
import { reviewDetail } from '$lib/server/review/queue';
import { database } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(async ({ locals, params }) => {
	const staff = requireStaff(locals);
	if (staff instanceof Response) return staff;
	const { db } = await database();
	const outcome = await reviewDetail(db, staff, params.id);
	return json(outcome.body, { status: outcome.status });
});
