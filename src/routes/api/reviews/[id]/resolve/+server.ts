import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { isReviewer, ResolveReviewRequest } from '$lib/domain/review';
import { apiError, badRequest, endpoint, readJson, requireStaff } from '$lib/server/http';
import { resolveReview } from '$lib/server/review/queue';
import { database } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint(async ({ locals, params, request }) => {
	const staff = requireStaff(locals);
	if (staff instanceof Response) return staff;
	// who may act is decided before what they sent is read
	if (!isReviewer(staff.role))
		return apiError(403, 'forbidden', 'Only supervisors resolve review items.');
	const body = ResolveReviewRequest.safeParse(await readJson(request));
	if (!body.success) return badRequest(z.prettifyError(body.error));
	const { db } = await database();
	const outcome = await resolveReview(db, staff, params.id, body.data, new Date());
	return json(outcome.body, { status: outcome.status });
});
