import { json } from '@sveltejs/kit';
import type { SessionResponse } from '$lib/domain';
import { endpoint, requireStaff } from '$lib/server/http';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const staff = requireStaff(locals);
	if (staff instanceof Response) return staff;
	return json({ staff } satisfies SessionResponse);
});
