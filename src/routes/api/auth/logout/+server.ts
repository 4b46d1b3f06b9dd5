import { json } from '@sveltejs/kit';
import { SESSION_COOKIE, revokeSession } from '$lib/server/auth';
import { endpoint, sessionCookieOptions } from '$lib/server/http';
import { database } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint(async (event) => {
	if (event.locals.sessionId) {
		const { db } = await database();
		await revokeSession(db, event.locals.sessionId, new Date());
	}
	event.cookies.delete(SESSION_COOKIE, sessionCookieOptions(event));
	return json({ ok: true });
});
