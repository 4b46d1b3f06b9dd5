import { endpoint } from '$lib/server/http';
import { withIntegration } from '$lib/server/integrations/http';
import { createReservation } from '$lib/server/integrations/reservations';
import type { RequestHandler } from './$types';

/** RSV-1: a reservation from the website or the call centre (see integrations/reservations.ts). */
export const POST: RequestHandler = endpoint(async ({ request }) =>
	withIntegration(
		request,
		(db, integration, body) => createReservation(db, integration, body, new Date()),
		{ body: true }
	)
);
