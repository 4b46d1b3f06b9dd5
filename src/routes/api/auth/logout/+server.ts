import { json } from '@sveltejs/kit';
import { SESSION_COOKIE, revokeSession } from '$lib/server/auth';
import { endpoint, sessionCookieOptions } from '$lib/server/http';
import { database } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = endpoint(async ({ locals, cookies, url }) => {
	if (locals.sessionId) {
		const { db } = await database();
		await revokeSession(db, locals.sessionId, new Date());
	}
	cookies.delete(SESSION_COOKIE, sessionCookieOptions(url));
	return json({ ok: true });
});
