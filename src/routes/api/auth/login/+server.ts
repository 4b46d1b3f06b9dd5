import { json } from '@sveltejs/kit';
import { SignInRequest, type SessionResponse } from '$lib/domain';
import { issueActorKey, issueDeviceKey } from '$lib/server/actors';
import { SESSION_COOKIE, signIn } from '$lib/server/auth';
import { apiError, badRequest, endpoint, readJson, sessionCookieOptions } from '$lib/server/http';
import { database } from '$lib/server/runtime';
import { recordFailure, recordSuccess, retryAfter } from '$lib/server/throttle';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint(async (event) => {
	const body = SignInRequest.safeParse(await readJson(event.request));
	if (!body.success) return badRequest('Expected { username, password }.');
	const { db } = await database();
	const now = new Date();
	const address = event.getClientAddress();
	const wait = await retryAfter(db, body.data.username, address, now);
	if (wait > 0)
		return apiError(429, 'too_many_attempts', `Too many failed sign-ins. Try again in ${wait} s.`, {
			retryAfter: wait
		});
	const result = await signIn(db, body.data.username, body.data.password, now);
	if (!result) {
		await recordFailure(db, body.data.username, address, now);
		return apiError(401, 'invalid_credentials', 'Wrong username or password.');
	}
	await recordSuccess(db, body.data.username);
	event.cookies.set(SESSION_COOKIE, result.token, sessionCookieOptions(event));
	const actorKey = body.data.clientGroupId
		? await issueActorKey(db, result.staff.id, body.data.clientGroupId, now)
		: undefined;
	const deviceKey = body.data.clientGroupId
		? await issueDeviceKey(db, body.data.clientGroupId, result.staff.marketCode, now)
		: undefined;
	return json({ staff: result.staff, actorKey, deviceKey } satisfies SessionResponse);
});
