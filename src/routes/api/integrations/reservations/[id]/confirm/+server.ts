import { endpoint } from '$lib/server/http';
import { withIntegration } from '$lib/server/integrations/http';
import { confirmReservation } from '$lib/server/integrations/reservations';
import type { RequestHandler } from './$types';

/** RSV-2: carepoint makes the pickup code; the 48-hour hold starts now (server clock). */
export const POST: RequestHandler = endpoint(async ({ request, params }) =>
	withIntegration(
		request,
		(db, integration) => confirmReservation(db, integration, params.id ?? '', new Date()),
		{ body: false }
	)
);
