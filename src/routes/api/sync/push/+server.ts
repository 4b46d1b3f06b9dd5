import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { PushRequest } from '$lib/domain';
import { badRequest, endpoint, readJson, requireStaff } from '$lib/server/http';
import { database } from '$lib/server/runtime';
import { push } from '$lib/server/sync/push';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint(async ({ locals, request }) => {
	const staff = requireStaff(locals);
	if (staff instanceof Response) return staff;
	const body = PushRequest.safeParse(await readJson(request));
	if (!body.success) return badRequest(`Malformed push request: ${z.prettifyError(body.error)}`);
	const { db } = await database();
	const outcome = await push(db, staff, body.data, new Date());
	return json(outcome.body, { status: outcome.status });
});
