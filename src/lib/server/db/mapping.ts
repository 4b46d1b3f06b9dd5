import type {
	Customer,
	DeviceComponent,
	DeviceModel,
	PointOfSale,
	Rental,
	Reservation,
	ServiceRecord,
	StaffProfile,
	StockItem
} from '$lib/domain';
import { MarketPolicy } from '$lib/domain';
import type * as t from './schema';

/**
 * Rows <-> domain entities. Instants leave as ISO strings, dates as `YYYY-MM-DD`, and the
 * bookkeeping columns (version, deleted) stay on the server. The casts on enum-like text
 * columns are safe because rows are only written from these entity types.
 */

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const dateOrNull = (s: string | null) => (s ? new Date(s) : null);

type Sel<T extends { $inferSelect: unknown }> = T['$inferSelect'];
type Ins<T extends { $inferInsert: unknown }> = T['$inferInsert'];
type Versioned = { version: number; deleted?: boolean };

// parsed, so a policy stored before a setting existed gets that setting's documented default
export const marketFromRow = (row: Sel<typeof t.markets>): MarketPolicy =>
	MarketPolicy.parse(row.policy);

export const posFromRow = (row: Sel<typeof t.pointsOfSale>): PointOfSale => ({
	id: row.id,
	marketCode: row.marketCode as PointOfSale['marketCode'],
	name: row.name,
	kind: row.kind as PointOfSale['kind'],
	city: row.city,
	reducedAssortment: row.reducedAssortment,
	capabilities: row.capabilities,
	modelsSold: row.modelsSold
});
export const posToRow = (e: PointOfSale, v: Versioned): Ins<typeof t.pointsOfSale> => ({
	...e,
	...v
});

export const deviceModelFromRow = (row: Sel<typeof t.deviceModels>): DeviceModel => ({
	id: row.id,
	name: row.name,
	kind: row.kind as DeviceModel['kind'],
	gtins: row.gtins
});
export const deviceModelToRow = (
	e: DeviceModel,
	marketCode: string,
	v: Versioned
): Ins<typeof t.deviceModels> => ({ ...e, marketCode, ...v });

export const staffFromRow = (row: Sel<typeof t.staff>): StaffProfile => ({
	id: row.id,
	username: row.username,
	displayName: row.displayName,
	role: row.role as StaffProfile['role'],
	marketCode: row.marketCode as StaffProfile['marketCode'],
	posIds: row.posIds
});

export const customerFromRow = (row: Sel<typeof t.customers>): Customer => ({
	id: row.id,
	marketCode: row.marketCode as Customer['marketCode'],
	firstName: row.firstName,
	lastName: row.lastName,
	phone: row.phone,
	dateOfBirth: row.dateOfBirth,
	registered: row.registered,
	blacklisted: row.blacklisted,
	carePlus: row.carePlus ?? null,
	...(row.marketingConsent === null ? {} : { marketingConsent: row.marketingConsent }),
	...(row.clubMember === null ? {} : { clubMember: row.clubMember }),
	updatedAt: iso(row.updatedAt)
});
export const customerToRow = (e: Customer, v: Versioned): Ins<typeof t.customers> => ({
	...e,
	updatedAt: new Date(e.updatedAt),
	...v
});

export const componentFromRow = (row: Sel<typeof t.components>): DeviceComponent => ({
	serial: row.serial,
	deviceId: row.deviceId,
	modelId: row.modelId,
	part: row.part as DeviceComponent['part'],
	marketCode: row.marketCode as DeviceComponent['marketCode'],
	customerId: row.customerId,
	purchasedOn: row.purchasedOn,
	registeredAt: isoOrNull(row.registeredAt),
	replacementsUsed: row.replacementsUsed,
	purchaseCountry: row.purchaseCountry as DeviceComponent['purchaseCountry'],
	extendedWarrantyUntil: row.extendedWarrantyUntil,
	atPosId: row.atPosId,
	condition: row.condition as DeviceComponent['condition']
});
export const componentToRow = (e: DeviceComponent, v: Versioned): Ins<typeof t.components> => ({
	...e,
	registeredAt: dateOrNull(e.registeredAt),
	...v
});

export const serviceFromRow = (row: Sel<typeof t.services>): ServiceRecord => ({
	id: row.id,
	type: row.type as ServiceRecord['type'],
	marketCode: row.marketCode as ServiceRecord['marketCode'],
	customerId: row.customerId,
	serial: row.serial,
	posId: row.posId,
	staffId: row.staffId,
	performedAt: iso(row.performedAt),
	recordedAt: isoOrNull(row.recordedAt),
	status: row.status as ServiceRecord['status'],
	flaggedRules: row.flaggedRules,
	details: row.details
});
export const serviceToRow = (e: ServiceRecord, v: Versioned): Ins<typeof t.services> => ({
	...e,
	performedAt: new Date(e.performedAt),
	recordedAt: dateOrNull(e.recordedAt),
	...v
});

export const stockFromRow = (row: Sel<typeof t.stock>): StockItem => ({
	id: row.id,
	posId: row.posId,
	sku: row.sku,
	label: row.label,
	quantity: row.quantity
});
export const stockToRow = (
	e: StockItem,
	marketCode: string,
	v: Versioned
): Ins<typeof t.stock> => ({ ...e, marketCode, ...v });

export const reservationFromRow = (row: Sel<typeof t.reservations>): Reservation => ({
	id: row.id,
	code: row.code,
	customerId: row.customerId,
	posId: row.posId,
	confirmedAt: iso(row.confirmedAt),
	items: row.items,
	status: row.status as Reservation['status'],
	...(row.source ? { source: row.source as NonNullable<Reservation['source']> } : {})
});
export const reservationToRow = (
	e: Reservation,
	marketCode: string,
	v: Versioned
): Ins<typeof t.reservations> => ({ ...e, confirmedAt: new Date(e.confirmedAt), marketCode, ...v });

export const rentalFromRow = (row: Sel<typeof t.rentals>): Rental => ({
	id: row.id,
	customerId: row.customerId,
	posId: row.posId,
	modelId: row.modelId,
	startedAt: iso(row.startedAt),
	dueAt: iso(row.dueAt),
	returnedAt: isoOrNull(row.returnedAt),
	status: row.status as Rental['status'],
	contract: row.contract ?? null
});
export const rentalToRow = (
	e: Rental,
	marketCode: string,
	v: Versioned
): Ins<typeof t.rentals> => ({
	...e,
	startedAt: new Date(e.startedAt),
	dueAt: new Date(e.dueAt),
	returnedAt: dateOrNull(e.returnedAt),
	marketCode,
	...v
});
