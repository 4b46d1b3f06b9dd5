import { json } from '@sveltejs/kit';
import { SignInRequest, type SessionResponse } from '$lib/domain';
import { SESSION_COOKIE, signIn } from '$lib/server/auth';
import { apiError, badRequest, endpoint, readJson, sessionCookieOptions } from '$lib/server/http';
import { database } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint(async (event) => {
	const body = SignInRequest.safeParse(await readJson(event.request));
	if (!body.success) return badRequest('Expected { username, password }.');
	const { db } = await database();
	const result = await signIn(db, body.data.username, body.data.password, new Date());
	if (!result) return apiError(401, 'invalid_credentials', 'Wrong username or password.');
	event.cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(event));
	return json({ staff: result.staff } satisfies SessionResponse);
});
