import type { MarketCode, Role } from '$lib/domain';

/**
 * The fixed demo data the browser tests rely on (created by seed.ts). Kept free of runtime
 * imports so Playwright tests can import it directly; change it only together with the tests.
 *
 * - Every demo password is `demo1234`. Usernames are `<market lowercase>.<role>`:
 *   `ge.staff` (GE IQOS store `ge-tbilisi-store`), `ge.partner` (tobacconist
 *   `ge-tbilisi-tobacconist`, no cleaning tools), `ge.specialist` (pop-up `ge-tbilisi-popup`),
 *   `ge.supervisor` and `ge.admin` (all four GE points of sale); the same for lv, hu, bg, cz.
 * - GE: Nino Beridze (`ge-c-001`), born 1990-05-14, registered adult, two-piece ILUMA with
 *   holder GEH0000001 and charger GEC0000001, no cleanings.
 * - GE: a minor (`ge-c-002`, born 10 years before the seed's `now`), device GEH0000002.
 * - GE: a blacklisted adult (`ge-c-003`), device GEH0000003.
 * - GE: an adult (`ge-c-004`) with two cleanings in the current Asia/Tbilisi month, GEH0000004.
 * - GE: GEH0000099, a unit registered to nobody.
 * - LV: Laura Kalniņa (`lv-c-001`), adult, device LVH0000001.
 * Every market has the same pattern (`hu-c-001` with HUH0000001 …).
 */
export const DEMO_PASSWORD = 'demo1234';
export const DEMO_ROLES: readonly Role[] = [
	'staff',
	'partner',
	'specialist',
	'supervisor',
	'admin'
];

export const DEMO_FIXTURES = {
	password: DEMO_PASSWORD,
	/** `<market lowercase>.<role>` for every market and role, e.g. `ge.staff`. */
	username: (market: MarketCode, role: Role) => `${market.toLowerCase()}.${role}`,
	pos: {
		geStore: 'ge-tbilisi-store',
		geTobacconist: 'ge-tbilisi-tobacconist',
		geReduced: 'ge-tbilisi-kiosk',
		gePopup: 'ge-tbilisi-popup',
		lvStore: 'lv-riga-store'
	},
	ge: {
		adult: {
			id: 'ge-c-001',
			firstName: 'Nino',
			lastName: 'Beridze',
			dateOfBirth: '1990-05-14',
			holderSerial: 'GEH0000001',
			chargerSerial: 'GEC0000001'
		},
		minor: { id: 'ge-c-002', serial: 'GEH0000002' },
		blacklisted: { id: 'ge-c-003', serial: 'GEH0000003' },
		twoCleaningsThisMonth: { id: 'ge-c-004', serial: 'GEH0000004' },
		unregisteredSerial: 'GEH0000099'
	},
	lv: {
		adult: { id: 'lv-c-001', firstName: 'Laura', lastName: 'Kalniņa', serial: 'LVH0000001' }
	}
} as const;
