import { and, eq, inArray, notInArray } from 'drizzle-orm';
import {
	buyBackVerdict,
	carePlusEnrolVerdict,
	carePlusLeave,
	extendedWarrantySaleVerdict,
	normalizeSerial,
	type DeviceComponent,
	type MarketPolicy,
	type MutationArgs,
	type MutationName,
	type MutationResult,
	type Reason,
	type ServiceType,
	type StaffProfile,
	type Verdict
} from '$lib/domain';
import {
	carePlusAfterEnrol,
	customersServiceRecord,
	newCustomer,
	NO_SERIAL,
	registerCustomerVerdict,
	registeredUnit,
	registerUnitsVerdict,
	serviceDetails,
	transferUnitsVerdict
} from '$lib/domain/mutations/customers';
import type { Db } from '../db';
import {
	componentFromRow,
	componentToRow,
	customerFromRow,
	customerToRow,
	deviceModelFromRow,
	serviceToRow
} from '../db/mapping';
import { components, customers, deviceModels, services } from '../db/schema';
import {
	authorisedPos,
	componentInMarket,
	counterTime,
	customerInMarket,
	decide,
	flagOrApply,
	flagService,
	Rejection,
	serviceIdFree,
	type HandlerContext
} from './context';

/**
 * The "customers" group at the server: customer and device registration (AGE-1, REG-1..REG-6),
 * ownership transfer (REG-2), Care Plus enrolment and leaving (CP-1, CP-5, CP-7), the extended
 * warranty sale (EXT) and the buy-back (BUY-1) — each decided by the same domain function the
 * tablet ran, each a fact: broken rules are recorded and flagged, only what may not be done at
 * all (unauthorised, malformed, a programme the market does not run) is rejected.
 */

type Args<N extends MutationName> = MutationArgs<N>;
type ServiceMutation =
	| 'registerDevice'
	| 'transferDevice'
	| 'enrolCarePlus'
	| 'leaveCarePlus'
	| 'sellExtendedWarranty'
	| 'buyBack';

async function unitsOf(tx: Db, staff: StaffProfile, serials: readonly string[]) {
	const wanted = [...new Set(serials.map(normalizeSerial))];
	if (wanted.length !== serials.length)
		throw new Rejection('invalid_args', 'the same serial twice');
	const units: DeviceComponent[] = [];
	for (const s of wanted) units.push(componentFromRow(await componentInMarket(tx, staff, s)));
	if (new Set(units.map((u) => u.deviceId)).size > 1)
		throw new Rejection('invalid_args', 'the serials belong to different devices');
	return units;
}

async function modelOf(tx: Db, marketCode: string, modelId: string) {
	const [row] = await tx
		.select()
		.from(deviceModels)
		.where(and(eq(deviceModels.marketCode, marketCode), eq(deviceModels.id, modelId)));
	if (!row || row.deleted) throw new Rejection('invalid_args', `unknown model ${modelId}`);
	return deviceModelFromRow(row);
}

/** Units registered to the customer other than these (REG-1, CP-7 "new user"). */
async function otherUnits(tx: Db, customerId: string, serials: readonly string[]) {
	const rows = await tx
		.select({ serial: components.serial })
		.from(components)
		.where(
			and(
				eq(components.customerId, customerId),
				eq(components.deleted, false),
				serials.length ? notInArray(components.serial, [...serials]) : undefined
			)
		);
	return rows.length;
}

async function putUnit(tx: Db, unit: DeviceComponent, version: number, exists: boolean) {
	const row = componentToRow(unit, { version });
	if (exists) await tx.update(components).set(row).where(eq(components.serial, unit.serial));
	else await tx.insert(components).values(row);
}

/** Records the service (flagged when rules stand broken) and opens the review items. */
async function recordService(
	tx: Db,
	input: {
		ctx: HandlerContext;
		staff: StaffProfile;
		market: MarketPolicy;
		version: number;
		type: ServiceType;
		name: ServiceMutation;
		args: MutationArgs<ServiceMutation>;
		performedAt: Date;
		customerId: string;
		serial: string;
		broken: Reason[];
		verdict: Verdict;
	}
): Promise<MutationResult> {
	const { ctx, market, broken } = input;
	const record = customersServiceRecord(
		input.type,
		{ ...input.args, performedAt: input.performedAt.toISOString() },
		input.customerId,
		input.serial,
		{ ...serviceDetails(input.name, input.args), facts: input.verdict.facts ?? {} },
		input.staff.id,
		market.code,
		ctx.now.toISOString()
	);
	flagService(record, broken);
	await tx.insert(services).values(serviceToRow(record, { version: input.version }));
	return flagOrApply(tx, {
		ctx,
		market,
		broken,
		serviceId: record.id,
		keyOf: (r) =>
			r.rule === 'REG-2' && input.serial !== NO_SERIAL
				? { dedupeKey: `REG-2:${input.serial}`, subject: `customer:${input.customerId}` }
				: {
						dedupeKey: `${r.rule}:${input.customerId}`,
						subject: `customer:${input.customerId}`
					}
	});
}

/** AGE-1: a new customer; a minor or an impossible date of birth is never registered. */
export async function registerCustomer(
	tx: Db,
	staff: StaffProfile,
	args: Args<'registerCustomer'>,
	ctx: HandlerContext
): Promise<MutationResult> {
	await authorisedPos(tx, staff, args.posId);
	const [existing] = await tx.select().from(customers).where(eq(customers.id, args.customerId));
	if (existing) throw new Rejection('invalid_args', 'customerId is already used');
	const { version, policy: market } = ctx.writes;
	const verdict = registerCustomerVerdict(args, market, counterTime(args.performedAt, ctx.now));
	const age = verdict.reasons.find((r) => r.severity === 'block');
	// not a fact that happened to a customer: an account for a minor is simply not opened
	if (age) throw new Rejection(age.rule, age.key);
	await tx.insert(customers).values(customerToRow(newCustomer(args, market.code), { version }));
	return { id: ctx.id, status: 'applied' };
}

/** REG-1..REG-6: the units of one device become the customer's; another owner's stay theirs. */
export async function registerDevice(
	tx: Db,
	staff: StaffProfile,
	args: Args<'registerDevice'>,
	ctx: HandlerContext
): Promise<MutationResult> {
	await authorisedPos(tx, staff, args.posId);
	const customer = customerFromRow(await customerInMarket(tx, staff, args.customerId));
	await serviceIdFree(tx, args.serviceId);
	const serials = args.units.map((u) => normalizeSerial(u.serial));
	if (new Set(serials).size !== serials.length)
		throw new Rejection('invalid_args', 'the same serial twice');
	const { version, policy: market } = ctx.writes;
	const performedAt = counterTime(args.performedAt, ctx.now);

	const rows = await tx.select().from(components).where(inArray(components.serial, serials));
	const known = new Map(rows.filter((r) => !r.deleted).map((r) => [r.serial, r]));
	for (const r of known.values())
		if (r.marketCode !== staff.marketCode)
			throw new Rejection('forbidden', 'the device belongs to another market');
	if (known.size < serials.length) await modelOf(tx, market.code, args.modelId);

	const units = args.units.map((u) => {
		const row = known.get(normalizeSerial(u.serial));
		return { rawSerial: u.serial, component: row ? componentFromRow(row) : null };
	});
	const verdict = registerUnitsVerdict({
		market,
		customer,
		units,
		codeSource: args.codeSource,
		personalUse: args.personalUse,
		devicesRegistered: await otherUnits(tx, customer.id, serials),
		purchaseCountry: args.purchaseCountry,
		at: performedAt
	});
	// an unreadable serial is malformed input, never a unit to create
	const unreadable = verdict.reasons.find((r) => r.rule === 'REG-4' && r.severity === 'block');
	if (unreadable) throw new Rejection('REG-4', unreadable.key);
	const { broken } = decide(staff, verdict, args.override);

	const at = { ...args, performedAt: performedAt.toISOString() };
	for (const [i, u] of args.units.entries()) {
		const existing = units[i]!.component;
		const next = registeredUnit(existing, at, u, market.code);
		if (next) await putUnit(tx, next, version, existing !== null);
	}
	return recordService(tx, {
		ctx,
		staff,
		market,
		version,
		type: 'registration',
		name: 'registerDevice',
		args,
		performedAt,
		customerId: customer.id,
		serial: serials[0]!,
		broken,
		verdict
	});
}

/** REG-2: the recorded change of owner; a unit that changed hands meanwhile is not moved. */
export async function transferDevice(
	tx: Db,
	staff: StaffProfile,
	args: Args<'transferDevice'>,
	ctx: HandlerContext
): Promise<MutationResult> {
	await authorisedPos(tx, staff, args.posId);
	const from = customerFromRow(await customerInMarket(tx, staff, args.fromCustomerId));
	const to = customerFromRow(await customerInMarket(tx, staff, args.toCustomerId));
	await serviceIdFree(tx, args.serviceId);
	const units = await unitsOf(tx, staff, args.serials);
	const { version, policy: market } = ctx.writes;
	const performedAt = counterTime(args.performedAt, ctx.now);
	const verdict = transferUnitsVerdict({
		market,
		units,
		from,
		to,
		ownerConsents: args.ownerConsents,
		at: performedAt
	});
	const { broken } = decide(staff, verdict, args.override);
	for (const u of units)
		if (u.customerId === from.id)
			await putUnit(
				tx,
				{ ...u, customerId: to.id, registeredAt: performedAt.toISOString() },
				version,
				true
			);
	return recordService(tx, {
		ctx,
		staff,
		market,
		version,
		type: 'transfer',
		name: 'transferDevice',
		args,
		performedAt,
		customerId: to.id,
		serial: units[0]!.serial,
		broken,
		verdict
	});
}

/** CP-1, CP-7: joining Care Plus with the device(s) it covers. */
export async function enrolCarePlus(
	tx: Db,
	staff: StaffProfile,
	args: Args<'enrolCarePlus'>,
	ctx: HandlerContext
): Promise<MutationResult> {
	await authorisedPos(tx, staff, args.posId);
	const customer = customerFromRow(await customerInMarket(tx, staff, args.customerId));
	await serviceIdFree(tx, args.serviceId);
	const units = await unitsOf(tx, staff, args.serials);
	const { version, policy: market } = ctx.writes;
	if (!market.carePlus.available) throw new Rejection('CP-1', 'cp.notOffered');
	const model = await modelOf(tx, market.code, units[0]!.modelId);
	const performedAt = counterTime(args.performedAt, ctx.now);
	const verdict = carePlusEnrolVerdict({
		market,
		customer,
		model,
		units,
		answers: { nicotineUser: args.nicotineUser },
		resident: args.resident,
		termsAccepted: args.termsAccepted,
		activeCareRequested: args.activeCareRequested,
		unitsRegisteredBefore: await otherUnits(
			tx,
			customer.id,
			units.map((u) => u.serial)
		),
		at: performedAt
	});
	const { broken } = decide(staff, verdict, args.override);
	await tx
		.update(customers)
		.set({
			carePlus: carePlusAfterEnrol(customer.carePlus, {
				activeCareRequested: args.activeCareRequested,
				performedAt: performedAt.toISOString()
			}),
			updatedAt: performedAt,
			version
		})
		.where(eq(customers.id, customer.id));
	return recordService(tx, {
		ctx,
		staff,
		market,
		version,
		type: 'careplus_enrol',
		name: 'enrolCarePlus',
		args,
		performedAt,
		customerId: customer.id,
		serial: units[0]!.serial,
		broken,
		verdict
	});
}

/** CP-5: the customer's right to leave (wholly, or only the active-care consent). */
export async function leaveCarePlus(
	tx: Db,
	staff: StaffProfile,
	args: Args<'leaveCarePlus'>,
	ctx: HandlerContext
): Promise<MutationResult> {
	await authorisedPos(tx, staff, args.posId);
	const customer = customerFromRow(await customerInMarket(tx, staff, args.customerId));
	await serviceIdFree(tx, args.serviceId);
	const { version, policy: market } = ctx.writes;
	const performedAt = counterTime(args.performedAt, ctx.now);
	const left = carePlusLeave({ market, customer, scope: args.scope, at: performedAt });
	// nothing to leave (already left on another device): the request is still kept as a fact
	if (left.verdict.allowed)
		await tx
			.update(customers)
			.set({ carePlus: left.next, updatedAt: performedAt, version })
			.where(eq(customers.id, customer.id));
	return recordService(tx, {
		ctx,
		staff,
		market,
		version,
		type: 'careplus_leave',
		name: 'leaveCarePlus',
		args: { ...args, override: null },
		performedAt,
		customerId: customer.id,
		serial: NO_SERIAL,
		broken: [],
		verdict: left.verdict
	});
}

/** EXT-1..EXT-4: the extended warranty sold for the whole device. */
export async function sellExtendedWarranty(
	tx: Db,
	staff: StaffProfile,
	args: Args<'sellExtendedWarranty'>,
	ctx: HandlerContext
): Promise<MutationResult> {
	const pos = await authorisedPos(tx, staff, args.posId);
	const customer = customerFromRow(await customerInMarket(tx, staff, args.customerId));
	await serviceIdFree(tx, args.serviceId);
	const units = await unitsOf(tx, staff, args.serials);
	const { version, policy: market } = ctx.writes;
	const model = await modelOf(tx, market.code, units[0]!.modelId);
	const performedAt = counterTime(args.performedAt, ctx.now);
	const verdict = extendedWarrantySaleVerdict({
		market,
		pos,
		customer,
		model,
		units,
		months: args.months,
		answers: { nicotineUser: args.nicotineUser },
		at: performedAt
	});
	// EXT-1 (not sold here) rejects; anything else is a sale that happened: recorded, flagged
	const { broken } = decide(staff, verdict, args.override);
	for (const u of units)
		await putUnit(tx, { ...u, extendedWarrantyUntil: args.until }, version, true);
	return recordService(tx, {
		ctx,
		staff,
		market,
		version,
		type: 'extended_warranty',
		name: 'sellExtendedWarranty',
		args,
		performedAt,
		customerId: customer.id,
		serial: units[0]!.serial,
		broken,
		verdict
	});
}

/** BUY-1: the device is taken back; its units are no longer registered to the customer. */
export async function buyBack(
	tx: Db,
	staff: StaffProfile,
	args: Args<'buyBack'>,
	ctx: HandlerContext
): Promise<MutationResult> {
	await authorisedPos(tx, staff, args.posId);
	const customer = customerFromRow(await customerInMarket(tx, staff, args.customerId));
	await serviceIdFree(tx, args.serviceId);
	const units = await unitsOf(tx, staff, args.serials);
	const { version, policy: market } = ctx.writes;
	if (market.buyBackDays === 0) throw new Rejection('BUY-1', 'buy.notOffered');
	const performedAt = counterTime(args.performedAt, ctx.now);
	const verdict = buyBackVerdict({
		market,
		customer,
		units,
		videosWatched: args.videosWatched,
		at: performedAt
	});
	const { broken } = decide(staff, verdict, args.override);
	for (const u of units)
		if (u.customerId === customer.id)
			await putUnit(tx, { ...u, customerId: null, registeredAt: null }, version, true);
	return recordService(tx, {
		ctx,
		staff,
		market,
		version,
		type: 'buy_back',
		name: 'buyBack',
		args,
		performedAt,
		customerId: customer.id,
		serial: units[0]!.serial,
		broken,
		verdict
	});
}
