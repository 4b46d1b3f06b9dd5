import {
	CLEANING_STICK_SKU,
	isMutationName,
	mutationArgs,
	normalizeSerial,
	type MutationArgs,
	type MutationName
} from '$lib/domain';

/**
 * What each mutation locks before it reads anything (sync/versions.ts): the subjects whose
 * state its rules read and its writes change. Two mutations that could see each other's writes
 * share a subject, so they run one after the other; all others run side by side. The mapped
 * type makes a new mutation without its subjects a compile error.
 *
 * - customer: CLN-2 (cleanings this month), Care Plus and warranty use, RNT-3 (rentals and
 *   registered devices), ownership changes, blacklist;
 * - serial: a unit's owner, condition and place (registration, transfer, swaps, stock);
 * - rental / reservation: returned or picked up twice on two tablets;
 * - stock:<pos>:<sku>: a counted or handed-out stock row (CLN-3);
 * - pos: the units held at a point of sale (a swap's replacement stock, receipts, returns).
 */
const customer = (id: string) => `customer:${id}`;
const serial = (s: string) => `serial:${normalizeSerial(s)}`;
const pos = (id: string) => `pos:${id}`;
const stock = (posId: string, sku: string) => `stock:${posId}:${sku}`;

export const subjectsOf: { [N in MutationName]: (args: MutationArgs<N>) => string[] } = {
	recordCleaning: (a) => [
		customer(a.customerId),
		serial(a.serial),
		...(a.stickHandedOut ? [stock(a.posId, CLEANING_STICK_SKU)] : [])
	],
	startRental: (a) => [customer(a.customerId), serial(a.serial), `rental:${a.rentalId}`],
	returnRental: (a) => [`rental:${a.rentalId}`],
	confirmBlacklist: (a) => [customer(a.customerId), `rental:${a.rentalId}`],
	pickUpReservation: (a) => [customer(a.customerId), `reservation:${a.reservationId}`],
	refuseReservation: (a) => [`reservation:${a.reservationId}`],
	cancelReservation: (a) => [`reservation:${a.reservationId}`],
	recordSwap: (a) => [
		customer(a.customerId),
		pos(a.posId),
		...a.faultySerials.map(serial),
		...a.replacementSerials.map(serial)
	],
	receiveStockUnits: (a) => [pos(a.posId), ...a.units.map((u) => serial(u.serial))],
	countStock: (a) => [stock(a.posId, a.sku)],
	returnFaultyUnits: (a) => [pos(a.posId), ...a.serials.map(serial)],
	registerCustomer: (a) => [customer(a.customerId)],
	registerDevice: (a) => [customer(a.customerId), ...a.units.map((u) => serial(u.serial))],
	transferDevice: (a) => [
		customer(a.fromCustomerId),
		customer(a.toCustomerId),
		...a.serials.map(serial)
	],
	enrolCarePlus: (a) => [customer(a.customerId), ...a.serials.map(serial)],
	leaveCarePlus: (a) => [customer(a.customerId)],
	sellExtendedWarranty: (a) => [customer(a.customerId), ...a.serials.map(serial)],
	buyBack: (a) => [customer(a.customerId), ...a.serials.map(serial)]
};

/** A mutation's subjects from its raw arguments; none when they do not parse (it is rejected). */
export function subjectsFor(name: string, args: unknown): string[] {
	if (!isMutationName(name)) return [];
	const parsed = mutationArgs[name].safeParse(args);
	return parsed.success ? (subjectsOf[name] as (a: unknown) => string[])(parsed.data) : [];
}

/** The subject an integration's reservation write locks (integrations/reservations.ts). */
export const reservationSubject = (id: string) => `reservation:${id}`;
