import { json } from '@sveltejs/kit';
import type { Db } from '../db';
import { apiError, readJson } from '../http';
import { database } from '../runtime';
import { authenticate, type Integration, type Outcome } from './reservations';

/**
 * The integration endpoints' shared steps: the API key (401 without one or with a wrong one),
 * the JSON body (400 when it is not JSON), and the outcome as a response.
 */
export async function withIntegration(
	request: Request,
	run: (db: Db, integration: Integration, body: unknown) => Promise<Outcome>,
	opts: { body: boolean }
): Promise<Response> {
	const { db } = await database();
	const integration = await authenticate(db, request.headers.get('authorization'));
	if (!integration) {
		const response = apiError(401, 'unauthenticated', 'A valid integration API key is needed.');
		response.headers.set('WWW-Authenticate', 'Bearer realm="carepoint integrations"');
		return response;
	}
	let body: unknown = undefined;
	if (opts.body) {
		body = await readJson(request);
		if (body === undefined) return apiError(400, 'bad_request', 'The body must be JSON.');
	}
	const outcome = await run(db, integration, body);
	return json(outcome.body, { status: outcome.status });
}
