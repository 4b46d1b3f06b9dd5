import {
	accessoryDiscountVerdict,
	activeCareRunning,
	ageReason,
	buyBackLastDay,
	buyBackVerdict,
	carePlusActive,
	carePlusCoverEnd,
	carePlusEnrolVerdict,
	checkSerial,
	daysBetween,
	extendedWarrantySaleVerdict,
	formatIsoDate,
	iso,
	later,
	localDate,
	normalizeSerial,
	parseIsoDate,
	programmeEnd,
	warrantyEnd,
	type CodeSource,
	type Customer,
	type DeviceComponent,
	type DeviceModel,
	type MarketPolicy,
	type PointOfSale,
	type Reason,
	type Reservation,
	type Verdict
} from '$lib/domain';
import { registerUnitsVerdict, transferUnitsVerdict } from '$lib/domain/mutations/customers';
import { customerHistory, type HistoryEntry } from '../queries';
import type { ReplicaDb } from '../replica';
import { fold, nameTerm, phoneDigits, phoneTerm } from '../crypto';

/** Reads of the customer screens: find, the card, and the previews of each action's verdict. */

export { fold, phoneDigits };

export type FindResult =
	| { kind: 'empty' }
	| { kind: 'gtin'; message: string }
	| { kind: 'serial'; serial: string }
	| { kind: 'reservation'; reservation: Reservation; customers: Customer[] }
	| { kind: 'customers'; customers: Customer[]; by: 'phone' | 'name' };

/**
 * What staff typed in the find box: a reservation code, a serial on file (or one that looks like
 * a serial: the device page offers registration), a phone number (digits; the end of the number
 * is enough) or a name (start of the first or last name, any case, with or without diacritics).
 */
export async function findCustomers(
	db: ReplicaDb,
	market: Pick<MarketPolicy, 'code' | 'serialPattern'>,
	text: string
): Promise<FindResult> {
	const raw = text.trim();
	if (!raw) return { kind: 'empty' };
	const code = raw.toUpperCase().replace(/\s/g, '');
	const reservation = await db.reservations.where('code').equals(code).first();
	if (reservation) {
		const c = await db.customers.get(reservation.customerId);
		return { kind: 'reservation', reservation, customers: c ? [c] : [] };
	}
	const serial = normalizeSerial(raw);
	if (await db.components.get(serial)) return { kind: 'serial', serial };

	const hasLetters = /\p{L}/u.test(raw);
	const digits = phoneDigits(raw);
	const check = checkSerial(raw, market.serialPattern);
	if (!hasLetters && !check.ok && check.key === 'serial.looksLikeGtin' && digits.length !== 12)
		return { kind: 'gtin', message: check.key };
	if (!hasLetters && digits.length >= 3) {
		const candidates = await marketCustomers(db, market.code, phoneTerm(digits));
		const found = candidates.filter((c) => phoneDigits(c.phone).endsWith(digits));
		return { kind: 'customers', customers: sortByName(found), by: 'phone' };
	}
	const words = fold(raw).split(/\s+/).filter(Boolean);
	const longest = words.reduce((a, b) => (b.length > a.length ? b : a), '');
	const all = await marketCustomers(db, market.code, nameTerm(longest));
	const found = all.filter((c) => {
		const names = [fold(c.firstName), fold(c.lastName)];
		return words.every((w) => names.some((n) => n.startsWith(w)));
	});
	// a code with letters and digits that names no customer: a serial not (yet) on this tablet
	if (found.length === 0 && check.ok && /\d/.test(serial) && /[A-Z]/.test(serial))
		return { kind: 'serial', serial };
	return { kind: 'customers', customers: sortByName(found), by: 'name' };
}

/**
 * The market's customers that may match: those carrying the term's blind-index token when the
 * replica is sealed and the term is long enough, else all of them (decrypt and filter).
 */
async function marketCustomers(
	db: ReplicaDb,
	marketCode: string,
	term: string | null
): Promise<Customer[]> {
	if (term && db.keyring.state === 'open') {
		const rows = await db.customers.where('seek').equals(db.keyring.seek(term)).toArray();
		return rows.filter((c) => c.marketCode === marketCode);
	}
	return db.customers.where('marketCode').equals(marketCode).toArray();
}

function sortByName(list: Customer[]) {
	return list.sort(
		(a, b) => a.lastName.localeCompare(b.lastName) || a.firstName.localeCompare(b.firstName)
	);
}

export interface UnitView {
	component: DeviceComponent;
	/** WAR-1 (and EXT): last day of the warranty, with a bought extension. */
	warrantyUntil: string | null;
	warrantyOn: boolean;
	/** CP-2: last day of the accidental-damage cover (only meaningful with Care Plus). */
	carePlusUntil: string | null;
	carePlusOn: boolean;
	/** BUY-1: last day of the buy-back, where the market offers it. */
	buyBackUntil: string | null;
}

export interface DeviceView {
	deviceId: string;
	model: DeviceModel | undefined;
	units: UnitView[];
}

export interface CustomerCardView {
	customer: Customer;
	market: MarketPolicy;
	pos: PointOfSale | undefined;
	age: Reason;
	devices: DeviceView[];
	history: HistoryEntry[];
	carePlus: {
		active: boolean;
		since: string | null;
		until: string | null;
		daysLeft: number | null;
		activeCare: boolean;
	} | null;
	/** CP-6: shown where Care Plus exists in the market. */
	discount: Verdict | null;
	reservations: Reservation[];
}

/** Everything the customer card shows, from the replica. */
export async function customerCard(
	db: ReplicaDb,
	customerId: string,
	posId: string | null,
	at: Date
): Promise<CustomerCardView | null> {
	const customer = await db.customers.get(customerId);
	if (!customer) return null;
	const [market, pos, units, history, reservations] = await Promise.all([
		db.markets.get(customer.marketCode),
		posId ? db.pointsOfSale.get(posId) : undefined,
		db.components.where('customerId').equals(customerId).toArray(),
		customerHistory(db, customerId),
		db.reservations.where('customerId').equals(customerId).toArray()
	]);
	if (!market) return null;
	const today = localDate(at, market.timeZone);
	const cpActive = carePlusActive(customer.carePlus, at);
	const byDevice = new Map<string, DeviceComponent[]>();
	for (const u of units) byDevice.set(u.deviceId, [...(byDevice.get(u.deviceId) ?? []), u]);
	const devices: DeviceView[] = [];
	for (const [deviceId, list] of byDevice) {
		const model = await db.deviceModels.get(list[0]!.modelId);
		devices.push({
			deviceId,
			model,
			units: list
				.sort((a, b) => a.part.localeCompare(b.part))
				.map((component) => unitView(component, market, today))
		});
	}
	let carePlus: CustomerCardView['carePlus'] = null;
	if (customer.carePlus) {
		const end = programmeEnd(customer.carePlus, market);
		carePlus = {
			active: cpActive,
			since: customer.carePlus.acceptedAt.slice(0, 10),
			until: iso(end),
			daysLeft: cpActive && end ? Math.max(0, daysBetween(today, end)) : null,
			activeCare: activeCareRunning(customer.carePlus, market, at)
		};
	}
	const discount =
		market.carePlus.available && pos
			? accessoryDiscountVerdict({ market, pos, customer, lines: [], at })
			: null;
	return {
		customer,
		market,
		pos,
		age: ageReason(customer.dateOfBirth, market, at),
		devices,
		history,
		carePlus,
		discount,
		reservations: reservations.filter((r) => r.status === 'open')
	};
}

function unitView(
	component: DeviceComponent,
	market: MarketPolicy,
	today: ReturnType<typeof localDate>
): UnitView {
	const base = component.purchasedOn ? warrantyEnd(component.purchasedOn, market) : null;
	const ext = component.extendedWarrantyUntil
		? parseIsoDate(component.extendedWarrantyUntil)
		: null;
	const warranty = later(base, ext);
	const cp = carePlusCoverEnd(component, market).end;
	const onOrAfterToday = (d: ReturnType<typeof parseIsoDate>) =>
		!!d && formatIsoDate(d) >= formatIsoDate(today);
	return {
		component,
		warrantyUntil: iso(warranty),
		warrantyOn: onOrAfterToday(warranty),
		carePlusUntil: iso(cp),
		carePlusOn: onOrAfterToday(cp),
		buyBackUntil:
			market.buyBackDays > 0 && component.purchasedOn
				? buyBackLastDay(component.purchasedOn, market)
				: null
	};
}

async function marketOf(db: ReplicaDb, customer: Customer) {
	return db.markets.get(customer.marketCode);
}

async function othersRegistered(db: ReplicaDb, customerId: string, serials: string[]) {
	const units = await db.components.where('customerId').equals(customerId).toArray();
	return units.filter((u) => !serials.includes(u.serial)).length;
}

export interface RegisterInput {
	customerId: string;
	serials: string[];
	codeSource: CodeSource | null;
	personalUse: boolean | null;
	purchaseCountry: string | null;
}

/** REG-1..REG-6 on the tablet, fed from the replica (the server runs the same function). */
export async function registerPreview(db: ReplicaDb, input: RegisterInput, at: Date) {
	const customer = await db.customers.get(input.customerId);
	if (!customer) return null;
	const market = await marketOf(db, customer);
	if (!market) return null;
	const serials = input.serials.map(normalizeSerial);
	const units = await Promise.all(
		input.serials.map(async (raw) => ({
			rawSerial: raw,
			component: (await db.components.get(normalizeSerial(raw))) ?? null
		}))
	);
	const verdict = registerUnitsVerdict({
		market,
		customer,
		units,
		codeSource: input.codeSource,
		personalUse: input.personalUse,
		devicesRegistered: await othersRegistered(db, customer.id, serials),
		purchaseCountry: input.purchaseCountry,
		at
	});
	return { customer, market, verdict, units };
}

/** REG-2 transfer on the tablet. */
export async function transferPreview(
	db: ReplicaDb,
	input: { toCustomerId: string; serials: string[]; ownerConsents: boolean },
	at: Date
) {
	const to = await db.customers.get(input.toCustomerId);
	const units = (
		await Promise.all(input.serials.map((s) => db.components.get(normalizeSerial(s))))
	).filter((u): u is DeviceComponent => !!u);
	if (!to || units.length === 0) return null;
	const fromId = units[0]!.customerId;
	const from = fromId ? await db.customers.get(fromId) : undefined;
	const market = await marketOf(db, to);
	if (!market) return null;
	const verdict = transferUnitsVerdict({
		market,
		units,
		from: { id: fromId ?? '-' },
		to,
		ownerConsents: input.ownerConsents,
		at
	});
	return { to, from, units, market, verdict };
}

async function unitsAndModel(db: ReplicaDb, serials: string[]) {
	const units = (
		await Promise.all(serials.map((s) => db.components.get(normalizeSerial(s))))
	).filter((u): u is DeviceComponent => !!u);
	const model = units[0] ? await db.deviceModels.get(units[0].modelId) : undefined;
	return { units, model };
}

/** CP-1, CP-7 on the tablet. */
export async function enrolPreview(
	db: ReplicaDb,
	input: {
		customerId: string;
		serials: string[];
		nicotineUser: boolean | null;
		resident: boolean | null;
		termsAccepted: boolean;
		activeCareRequested: boolean;
	},
	at: Date
) {
	const customer = await db.customers.get(input.customerId);
	if (!customer) return null;
	const market = await marketOf(db, customer);
	const { units, model } = await unitsAndModel(db, input.serials);
	if (!market || !model || units.length === 0) return null;
	const verdict = carePlusEnrolVerdict({
		market,
		customer,
		model,
		units,
		answers: input.nicotineUser === null ? null : { nicotineUser: input.nicotineUser },
		resident: input.resident,
		termsAccepted: input.termsAccepted,
		activeCareRequested: input.activeCareRequested,
		unitsRegisteredBefore: await othersRegistered(
			db,
			customer.id,
			units.map((u) => u.serial)
		),
		at
	});
	return { customer, market, verdict };
}

/** EXT-1..EXT-4 on the tablet. */
export async function extendedPreview(
	db: ReplicaDb,
	input: {
		customerId: string;
		serials: string[];
		months: number;
		nicotineUser: boolean | null;
		posId: string;
	},
	at: Date
) {
	const customer = await db.customers.get(input.customerId);
	const pos = await db.pointsOfSale.get(input.posId);
	if (!customer || !pos) return null;
	const market = await marketOf(db, customer);
	const { units, model } = await unitsAndModel(db, input.serials);
	if (!market || !model || units.length === 0) return null;
	const verdict = extendedWarrantySaleVerdict({
		market,
		pos,
		customer,
		model,
		units,
		months: input.months,
		answers: input.nicotineUser === null ? null : { nicotineUser: input.nicotineUser },
		at
	});
	return { customer, market, verdict };
}

/** BUY-1 on the tablet. */
export async function buyBackPreview(
	db: ReplicaDb,
	input: { customerId: string; serials: string[]; videosWatched: boolean | null },
	at: Date
) {
	const customer = await db.customers.get(input.customerId);
	if (!customer) return null;
	const market = await marketOf(db, customer);
	const { units } = await unitsAndModel(db, input.serials);
	if (!market || units.length === 0) return null;
	const verdict = buyBackVerdict({
		market,
		customer,
		units,
		videosWatched: input.videosWatched,
		at
	});
	return { customer, market, verdict };
}
