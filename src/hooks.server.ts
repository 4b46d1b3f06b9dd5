import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { SESSION_COOKIE, resolveSession } from '$lib/server/auth';
import { apiError } from '$lib/server/http';
import { database } from '$lib/server/runtime';

/**
 * Migrate (and seed a new installation) before the first request, never during the build.
 * A database that is down at start is not fatal: requests answer 503 and retry opening it.
 */
export const init: ServerInit = async () => {
	if (building) return;
	try {
		await database();
	} catch (error) {
		console.error(`[db] could not open the database at start: ${(error as Error).message}`);
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.staff = null;
	event.locals.sessionId = null;
	const isApi = event.url.pathname.startsWith('/api/');

	const token = event.cookies.get(SESSION_COOKIE);
	if (token && !building) {
		try {
			const { db } = await database();
			const session = await resolveSession(db, token, new Date());
			if (session) {
				event.locals.staff = session.staff;
				event.locals.sessionId = session.sessionId;
			}
		} catch {
			// a database fault is not "signed out": say so, except where health reports it itself
			if (isApi && event.url.pathname !== '/api/health')
				return apiError(503, 'unavailable', 'Temporary server problem; retry later.');
		}
	}

	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	if (isApi) response.headers.set('Cache-Control', 'no-store');
	return response;
};
