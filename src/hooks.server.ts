import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { SESSION_COOKIE, resolveSession } from '$lib/server/auth';
import { apiError } from '$lib/server/http';
import { database } from '$lib/server/runtime';
import { SECURITY_HEADERS } from '$lib/server/security-headers.js';

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

/** Largest request body an endpoint accepts: a full push batch (500 mutations) is far below it. */
const MAX_BODY_BYTES = 1024 * 1024;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function hostOf(origin: string): string | null {
	try {
		return new URL(origin).host;
	} catch {
		return null;
	}
}

export const handle: Handle = async ({ event, resolve }) => {
	event.locals.staff = null;
	event.locals.sessionId = null;
	const isApi = event.url.pathname.startsWith('/api/');

	if (isApi && STATE_CHANGING.has(event.request.method)) {
		// CSRF: SvelteKit checks the origin of form posts only; our API takes JSON, so every
		// state-changing call from a browser must come from our own origin
		// (compared by host: adapter-node assumes https unless ORIGIN is set, see isHttps)
		const origin = event.request.headers.get('origin');
		if (origin && hostOf(origin) !== event.url.host)
			return apiError(403, 'cross_origin', 'Cross-origin requests are not accepted.');
		const length = Number(event.request.headers.get('content-length') ?? 0);
		if (length > MAX_BODY_BYTES)
			return apiError(413, 'too_large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
	}

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
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	if (isApi) response.headers.set('Cache-Control', 'no-store');
	return response;
};
