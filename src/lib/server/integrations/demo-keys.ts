/**
 * Demo API keys of the reservation integrations the demo seed creates (one website integration
 * per market; seed-rentals.ts stores only their sha256). Published on purpose, like the demo
 * passwords: a production installation starts with CAREPOINT_SEED=0 and creates its own keys.
 * Kept free of imports so the browser tests can read it.
 *
 *   curl -X POST http://localhost:3000/api/integrations/reservations \
 *     -H 'Authorization: Bearer cp_demo_ge_web_2f6b9d41c7e8' -H 'Content-Type: application/json' \
 *     -d '{"customerId":"ge-rsv-01","posId":"ge-tbilisi-store","items":[{"sku":"iluma","quantity":1}]}'
 */
export const DEMO_INTEGRATION_KEYS = {
	LV: 'cp_demo_lv_web_8a31c0e5d972',
	HU: 'cp_demo_hu_web_5e07b2a94f1c',
	BG: 'cp_demo_bg_web_c4d9173a0b65',
	CZ: 'cp_demo_cz_web_71fe08b3d2a4',
	GE: 'cp_demo_ge_web_2f6b9d41c7e8'
} as const;

/** The expired reservation the seed creates (confirmed 49 hours before the seed's `now`). */
export const DEMO_EXPIRED_RESERVATION = { id: 'ge-r-expired', code: 'GE490049' } as const;
