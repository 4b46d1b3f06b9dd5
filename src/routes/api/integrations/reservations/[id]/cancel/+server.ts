import { endpoint } from '$lib/server/http';
import { withIntegration } from '$lib/server/integrations/http';
import { cancelReservationByIntegration } from '$lib/server/integrations/reservations';
import type { RequestHandler } from './$types';

/** RSV-4: the customer cancels through the website or the call centre. */
export const POST: RequestHandler = endpoint(async ({ request, params }) =>
	withIntegration(
		request,
		(db, integration) =>
			cancelReservationByIntegration(db, integration, params.id ?? '', new Date()),
		{ body: false }
	)
);
