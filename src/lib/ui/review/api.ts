import type { z } from 'zod';
import { ReviewItemDetail, ReviewListResponse, type ReviewStatus } from '$lib/domain/review';
import { m } from '$lib/paraglide/messages';
import { formatDateTime } from '../format';

/**
 * The review queue lives on the server (supervisors work online in the back office), so these
 * pages read the API directly instead of the replica. Every outcome is a value the page shows.
 */
export type Loaded<T> =
	| { kind: 'ok'; value: T }
	| { kind: 'offline' }
	| { kind: 'signed-out' }
	| { kind: 'forbidden'; message: string }
	| { kind: 'not-found'; message: string }
	| { kind: 'conflict'; message: string }
	| { kind: 'invalid'; message: string }
	| { kind: 'error'; message: string };

function messageOf(body: unknown, status: number): string {
	return body && typeof body === 'object' && 'message' in body
		? String(body.message)
		: m.review_httpStatus({ status });
}

async function call<S extends z.ZodType>(
	schema: S,
	path: string,
	init?: RequestInit
): Promise<Loaded<z.infer<S>>> {
	if (typeof navigator !== 'undefined' && !navigator.onLine) return { kind: 'offline' };
	let response: Response;
	try {
		response = await fetch(path, {
			...init,
			headers: { accept: 'application/json', ...init?.headers }
		});
	} catch {
		return { kind: 'offline' };
	}
	const body: unknown = await response.json().catch(() => null);
	switch (response.status) {
		case 200: {
			const parsed = schema.safeParse(body);
			return parsed.success
				? { kind: 'ok', value: parsed.data }
				: { kind: 'error', message: m.review_badAnswer() };
		}
		case 400:
			return { kind: 'invalid', message: messageOf(body, 400) };
		case 401:
			return { kind: 'signed-out' };
		case 403:
			return { kind: 'forbidden', message: messageOf(body, 403) };
		case 404:
			return { kind: 'not-found', message: messageOf(body, 404) };
		case 409:
			return { kind: 'conflict', message: messageOf(body, 409) };
		default:
			return { kind: 'error', message: messageOf(body, response.status) };
	}
}

export const fetchReviews = (status: ReviewStatus) =>
	call(ReviewListResponse, `/api/reviews?status=${status}`);

export const fetchReview = (id: string) =>
	call(ReviewItemDetail, `/api/reviews/${encodeURIComponent(id)}`);

export const resolveReview = (id: string, note: string) =>
	call(ReviewItemDetail, `/api/reviews/${encodeURIComponent(id)}/resolve`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ note })
	});

export const formatInstant = (iso: string | null): string => (iso ? formatDateTime(iso) : '—');
