import { z } from 'zod';
import { CountryCode, MarketCode } from './market';

/**
 * The shapes of everything the counter works with. One definition serves the Dexie replica,
 * the SQL rows (mapped in lib/server) and the wire: what the server puts in a pull patch is
 * parsed by the client with these schemas.
 */

const isoInstant = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

export const Role = z.enum(['staff', 'partner', 'specialist', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

export const PosKind = z.enum(['iqos_store', 'tobacconist', 'popup']);
export type PosKind = z.infer<typeof PosKind>;

/** What a point of sale can do (WAR-7, CLN-4, RNT-1, EXT-1). */
export const PosCapabilities = z.object({
	swap: z.boolean(),
	cleaningTools: z.boolean(),
	rental: z.boolean(),
	reservations: z.boolean(),
	extendedWarranty: z.boolean()
});
export type PosCapabilities = z.infer<typeof PosCapabilities>;

export const PointOfSale = z.object({
	id: z.string().min(1),
	marketCode: MarketCode,
	name: z.string().min(1),
	kind: PosKind,
	city: z.string(),
	reducedAssortment: z.boolean(),
	capabilities: PosCapabilities,
	/** Model ids this point of sale sells (WAR-7). */
	modelsSold: z.array(z.string())
});
export type PointOfSale = z.infer<typeof PointOfSale>;

export const StaffProfile = z.object({
	id: z.string().min(1),
	username: z.string().min(1),
	displayName: z.string().min(1),
	role: Role,
	marketCode: MarketCode,
	posIds: z.array(z.string())
});
export type StaffProfile = z.infer<typeof StaffProfile>;

/** Care Plus participation (CP). `endedAt` set = left or ended (CP-5); it may lie ahead (notice). */
export const CarePlus = z.object({
	acceptedAt: isoInstant,
	endedAt: isoInstant.nullable(),
	/** CP-7: consent to "active care in the first 10 days"; withdrawn alone under CP-5. */
	activeCareConsent: z.boolean(),
	/** CP-5: when the active-care consent alone was withdrawn. */
	activeCareWithdrawnAt: isoInstant.nullable().optional()
});
export type CarePlus = z.infer<typeof CarePlus>;

export const Customer = z.object({
	id: z.string().min(1),
	marketCode: MarketCode,
	firstName: z.string(),
	lastName: z.string(),
	phone: z.string(),
	dateOfBirth: isoDate,
	/** Has an account in the brand's customer system (REG-3). */
	registered: z.boolean(),
	blacklisted: z.boolean(),
	carePlus: CarePlus.nullable(),
	updatedAt: isoInstant,
	/** ACC-2: consent to marketing communication; leaving it ends IQOS CLUB membership. */
	marketingConsent: z.boolean().optional(),
	/** ACC-2: IQOS CLUB member (needs registration and marketing consent, HU/CZ). */
	clubMember: z.boolean().optional()
});
export type Customer = z.infer<typeof Customer>;

export const DeviceKind = z.enum(['one_piece', 'two_piece']);
export const ComponentPart = z.enum(['device', 'holder', 'charger']);
export type ComponentPart = z.infer<typeof ComponentPart>;

export const DeviceModel = z.object({
	id: z.string().min(1),
	name: z.string().min(1),
	kind: DeviceKind,
	/** Product barcodes of the model's boxes: a GTIN names the model, never a unit. */
	gtins: z.array(z.string())
});
export type DeviceModel = z.infer<typeof DeviceModel>;

/** One serial-numbered unit: a one-piece device, or the holder or charger of a kit. */
export const DeviceComponent = z.object({
	serial: z.string().min(1),
	/** Components sold together in one kit share a device id. */
	deviceId: z.string().min(1),
	modelId: z.string().min(1),
	part: ComponentPart,
	marketCode: MarketCode,
	customerId: z.string().nullable(),
	purchasedOn: isoDate.nullable(),
	registeredAt: isoInstant.nullable(),
	/**
	 * CP-3: accidental-damage replacements used for this component. A replacement unit inherits
	 * the count (+1), so the right stays used up for the component, not for one serial (EXT-4).
	 */
	replacementsUsed: z.number().int().min(0),
	/** REG-5: country of purchase (ISO alpha-2); absent = bought in `marketCode`. */
	purchaseCountry: CountryCode.nullable().optional(),
	/** EXT: last day of a paid extended warranty (GE 5.7), in the market's calendar. */
	extendedWarrantyUntil: isoDate.nullable().optional(),
	/** A unit held at a point of sale: replacement stock, or a faulty unit taken in (WAR-5). */
	atPosId: z.string().nullable().optional(),
	/** `faulty`: taken in by a swap, owned by the party that swapped (WAR-5); `returned`: sent back. */
	condition: z.enum(['ok', 'faulty', 'returned']).optional()
});
export type DeviceComponent = z.infer<typeof DeviceComponent>;

export const ServiceType = z.enum([
	'cleaning',
	'registration',
	'transfer',
	'warranty_swap',
	'careplus_swap',
	'careplus_enrol',
	'careplus_leave',
	'extended_warranty',
	'rental_start',
	'rental_return',
	'reservation_pickup',
	'reservation_cancel',
	'buy_back',
	'stock_receive',
	/** RNT-7: a supervisor put the customer on the blacklist (after a late return). */
	'blacklist'
]);
export type ServiceType = z.infer<typeof ServiceType>;
export const ServiceStatus = z.enum(['recorded', 'flagged']);

/** A service that happened at the counter: a fact, never dropped (BRIEF decision 3). */
export const ServiceRecord = z.object({
	id: z.uuid(),
	type: ServiceType,
	marketCode: MarketCode,
	customerId: z.string().min(1),
	serial: z.string().min(1),
	posId: z.string().min(1),
	staffId: z.string().min(1),
	/** When it happened at the counter (device clock corrected by the last known server offset). */
	performedAt: isoInstant,
	/** When the server recorded it; null while only local. */
	recordedAt: isoInstant.nullable(),
	status: ServiceStatus,
	/** Rules the server found broken when it recorded the fact (each has a review item). */
	flaggedRules: z.array(z.string()),
	details: z.record(z.string(), z.unknown())
});
export type ServiceRecord = z.infer<typeof ServiceRecord>;

export const StockItem = z.object({
	id: z.string().min(1), // `${posId}:${sku}`
	posId: z.string().min(1),
	sku: z.string().min(1),
	label: z.string(),
	quantity: z.number().int()
});
export type StockItem = z.infer<typeof StockItem>;

export const Reservation = z.object({
	id: z.string().min(1),
	code: z.string().min(1),
	customerId: z.string().min(1),
	posId: z.string().min(1),
	confirmedAt: isoInstant,
	items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })),
	status: z.enum(['open', 'picked_up', 'cancelled']),
	/** Where it came from (RSV-1): the website or the call centre, through an integration. */
	source: z.enum(['web', 'call_centre', 'counter']).optional()
});
export type Reservation = z.infer<typeof Reservation>;

export const Rental = z.object({
	id: z.string().min(1),
	customerId: z.string().min(1),
	posId: z.string().min(1),
	modelId: z.string().min(1),
	startedAt: isoInstant,
	dueAt: isoInstant,
	returnedAt: isoInstant.nullable(),
	status: z.enum(['active', 'returned', 'overdue']),
	/** RNT-5: the contract signed at the counter (no image of the ID document, AGE-2). */
	contract: z
		.object({
			serial: z.string(),
			price: z.number().nonnegative(),
			currency: z.string().length(3),
			lengthDays: z.number().int().positive(),
			idType: z.string(),
			idLast: z.string().max(6),
			/** The customer's signature drawn on the screen, as an SVG path. */
			signature: z.string().max(100_000)
		})
		.nullable()
		.optional()
});
export type Rental = z.infer<typeof Rental>;
