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
 * A fault in words fit for a log: the error's name, the SQL statement without its parameters
 * and the database's error code — never values, which may be a customer's name or phone.
 */
export function describeFault(error: unknown): string {
	const e = error instanceof Error ? error : new Error(String(error));
	const cause = e.cause as { code?: string; name?: string } | undefined;
	const firstLine = e.message.split('\n')[0]!.slice(0, 200);
	const statement = firstLine.startsWith('Failed query:') ? firstLine : e.name;
	// the driver's own code (postgres-js puts it on the error, drizzle on its cause)
	const own = (e as { code?: unknown }).code;
	const code = cause?.code
		? ` (code ${cause.code})`
		: typeof own === 'string'
			? ` (code ${own})`
			: '';
	return `${e.name}: ${statement}${code}`;
}

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
			console.error(`[api] ${event.request.method} ${event.url.pathname}: ${describeFault(error)}`);
			return apiError(503, 'unavailable', 'Temporary server problem; retry later.');
		}
	};
}

/** The signed-in staff member, or a 401 response. */
export function requireStaff(locals: App.Locals): StaffProfile | Response {
	return locals.staff ?? unauthenticated();
}

/**
 * Whether the browser talks https to us. adapter-node assumes https when neither ORIGIN nor
 * PROTOCOL_HEADER is configured, which would put `Secure` on the cookie of a plain-http LAN
 * install (a tablet at http://192.168.x.y:3000 would then never keep its session). So unless
 * a proxy setup is configured, ask the socket itself.
 */
export function isHttps(event: Pick<RequestEvent, 'url' | 'platform'>): boolean {
	const req = (event.platform as { req?: { socket?: { encrypted?: boolean } } } | undefined)?.req;
	if (req?.socket && !process.env.ORIGIN && !process.env.PROTOCOL_HEADER)
		return req.socket.encrypted === true;
	return event.url.protocol === 'https:';
}

export function sessionCookieOptions(event: Pick<RequestEvent, 'url' | 'platform'>) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		// explicit: SvelteKit's default would be Secure everywhere but localhost
		secure: isHttps(event),
		maxAge: SESSION_TTL_MS / 1000
	};
}
