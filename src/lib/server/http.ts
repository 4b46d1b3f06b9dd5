import { json, type RequestEvent } from '@sveltejs/kit';
import type { StaffProfile } from '$lib/domain';
import { SESSION_TTL_MS } from './auth';

/** Every failing endpoint answers `{ error, message }` (ApiError in domain/wire.ts). */
export function apiError(
	status: number,
	error: string,
	message: string,
	extra: Record<string, unknown> = {}
): Response {
	return json({ error, message, ...extra }, { status });
}

export const unauthenticated = () => apiError(401, 'unauthenticated', 'Sign in first.');

/** The request body as JSON, or undefined when it is not JSON (the zod parse then fails). */
export async function readJson(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		return undefined;
	}
}

export function badRequest(issue: { message: string } | string): Response {
	return apiError(400, 'bad_request', typeof issue === 'string' ? issue : issue.message);
}

type Handler<E extends RequestEvent> = (event: E) => Promise<Response>;

/**
 * Anything thrown inside a handler is a fault on our side (the database is unreachable, a
 * transaction was aborted): answer 503 so the client retries with backoff, and log only the
 * error's name and message (no request data, so no personal data).
 */
export function endpoint<E extends RequestEvent>(handler: Handler<E>): Handler<E> {
	return async (event) => {
		try {
			return await handler(event);
		} catch (error) {
			const e = error instanceof Error ? error : new Error(String(error));
			console.error(`[api] ${event.request.method} ${event.url.pathname}: ${e.name}: ${e.message}`);
			return apiError(503, 'unavailable', 'Temporary server problem; retry later.');
		}
	};
}

/** The signed-in staff member, or a 401 response. */
export function requireStaff(locals: App.Locals): StaffProfile | Response {
	return locals.staff ?? unauthenticated();
}

export function sessionCookieOptions(url: URL) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		// explicit, so a plain-http local install works and https always gets Secure
		secure: url.protocol === 'https:',
		maxAge: SESSION_TTL_MS / 1000
	};
}
