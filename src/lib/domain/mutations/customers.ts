import { z } from 'zod';
import {
	ComponentPart,
	type CarePlus,
	type Customer,
	type DeviceComponent,
	type ServiceRecord,
	type ServiceType
} from '../entities';
import { CountryCode, type MarketCode, type MarketPolicy } from '../market';
import { OverrideArgs } from '../override';
import { ageReason } from '../rules/age';
import { carePlusActive, type CustomerFacts } from '../rules/common';
import { carePlusLeave, enrolCarePlus } from '../rules/careplus';
import {
	registerComponent,
	registerDeviceVerdict,
	transferOwnershipVerdict,
	type CodeSource
} from '../rules/registration';
import { normalizeSerial } from '../serial';
import { reason, verdict, type Reason, type Verdict } from '../verdict';

/**
 * The "customers" counter flows as mutations: registering a customer (AGE-1) and a device
 * (REG-1..REG-6), the recorded ownership transfer (REG-2), Care Plus enrolment and leaving
 * (CP-1, CP-5, CP-7), the extended-warranty sale (EXT-1..EXT-4) and the 14-day buy-back
 * (BUY-1). Argument schemas, the combined verdicts both sides run, and the row builders that
 * make the SAME rows on the tablet and on the server.
 */

const instant = z.iso.datetime({ offset: true });
const common = {
	serviceId: z.uuid(),
	posId: z.string().min(1),
	performedAt: instant,
	/** A supervisor lifting `override` reasons (e.g. RNT-7 blacklist) with a written reason. */
	override: OverrideArgs.nullable().optional()
};
const serials = z.array(z.string().min(1).max(64)).min(1).max(2);

export const RegisterCustomerArgs = z.object({
	/** The new customer's id, made on the tablet. */
	customerId: z.uuid(),
	posId: z.string().min(1),
	performedAt: instant,
	firstName: z.string().trim().min(1).max(80),
	lastName: z.string().trim().min(1).max(80),
	phone: z.string().trim().min(5).max(32),
	/** AGE-1: checked on the tablet and again on the server. */
	dateOfBirth: z.iso.date(),
	/** ACC-2: consent to marketing communication. */
	marketingConsent: z.boolean()
});
export type RegisterCustomerArgs = z.infer<typeof RegisterCustomerArgs>;

export const RegisterDeviceArgs = z.object({
	...common,
	customerId: z.string().min(1),
	/** The units of one device: a one-piece device, or a kit's holder and charger (REG-6). */
	units: z
		.array(z.object({ serial: z.string().min(1).max(64), part: ComponentPart }))
		.min(1)
		.max(2),
	modelId: z.string().min(1),
	/** The device id for units the system does not know yet (a new kit gets one id). */
	deviceId: z.string().min(1).max(64),
	purchasedOn: z.iso.date(),
	/** REG-5: where it was bought; null = in the market. */
	purchaseCountry: CountryCode.nullable(),
	/** REG-6: where the code was read from. */
	codeSource: z.enum(['box', 'proof_of_purchase', 'unit']),
	/** REG-1: the customer uses the device personally (staff asked). */
	personalUse: z.boolean()
});
export type RegisterDeviceArgs = z.infer<typeof RegisterDeviceArgs>;

export const TransferDeviceArgs = z.object({
	...common,
	fromCustomerId: z.string().min(1),
	toCustomerId: z.string().min(1),
	serials,
	/** REG-2: the current owner agrees (present or in writing); without it a supervisor decides. */
	ownerConsents: z.boolean()
});
export type TransferDeviceArgs = z.infer<typeof TransferDeviceArgs>;

export const EnrolCarePlusArgs = z.object({
	...common,
	customerId: z.string().min(1),
	serials,
	/** AGE-3 attestation: the customer uses tobacco/nicotine products. */
	nicotineUser: z.boolean(),
	/** CP-1: lives in the market. */
	resident: z.boolean(),
	/** CP-1: read and accepted the terms. */
	termsAccepted: z.boolean(),
	/** CP-7: explicit consent to "active care in the first 10 days". */
	activeCareRequested: z.boolean()
});
export type EnrolCarePlusArgs = z.infer<typeof EnrolCarePlusArgs>;

export const LeaveCarePlusArgs = z.object({
	serviceId: z.uuid(),
	posId: z.string().min(1),
	performedAt: instant,
	customerId: z.string().min(1),
	/** CP-5: leave wholly, or withdraw only the active-care consent. */
	scope: z.enum(['all', 'active_care'])
});
export type LeaveCarePlusArgs = z.infer<typeof LeaveCarePlusArgs>;

export const SellExtendedWarrantyArgs = z.object({
	...common,
	customerId: z.string().min(1),
	serials,
	/** EXT-1: length and price set by the seller. */
	months: z.number().int().min(1).max(60),
	price: z.number().nonnegative().max(1_000_000),
	/** The last day of cover the customer was sold (the contract's date). */
	until: z.iso.date(),
	/** AGE-3 attestation (GE 5.7.2). */
	nicotineUser: z.boolean()
});
export type SellExtendedWarrantyArgs = z.infer<typeof SellExtendedWarrantyArgs>;

export const BuyBackArgs = z.object({
	...common,
	customerId: z.string().min(1),
	serials,
	/** BUY-1 (HU): the customer watched the product videos. */
	videosWatched: z.boolean()
});
export type BuyBackArgs = z.infer<typeof BuyBackArgs>;

export const customersMutations = {
	registerCustomer: RegisterCustomerArgs,
	registerDevice: RegisterDeviceArgs,
	transferDevice: TransferDeviceArgs,
	enrolCarePlus: EnrolCarePlusArgs,
	leaveCarePlus: LeaveCarePlusArgs,
	sellExtendedWarranty: SellExtendedWarrantyArgs,
	buyBack: BuyBackArgs
} as const;

/** Services that concern the customer, not one unit (Care Plus leaving). */
export const NO_SERIAL = '-';

// ---------------------------------------------------------------- verdicts

/** AGE-1 for a new customer: a malformed or future date, or a minor, is refused. */
export function registerCustomerVerdict(
	input: Pick<RegisterCustomerArgs, 'dateOfBirth'>,
	market: MarketPolicy,
	at: Date
): Verdict {
	return verdict([ageReason(input.dateOfBirth, market, at)], {
		dateOfBirth: input.dateOfBirth,
		legalAge: market.legalAge
	});
}

/** One reason per rule, key and parameters: a kit's two verdicts name shared checks once. */
export function mergeReasons(lists: readonly Reason[][]): Reason[] {
	const seen = new Set<string>();
	const out: Reason[] = [];
	for (const list of lists)
		for (const r of list) {
			const id = `${r.rule}|${r.severity}|${r.key}|${JSON.stringify(r.params)}`;
			if (seen.has(id)) continue;
			seen.add(id);
			out.push(r);
		}
	return out;
}

type KnownUnit = Pick<DeviceComponent, 'serial' | 'customerId'> &
	Partial<Pick<DeviceComponent, 'marketCode' | 'purchaseCountry'>>;

export interface RegisterUnitsContext {
	market: MarketPolicy;
	customer: CustomerFacts;
	/** Each serial as typed or scanned, with the unit if this side knows it (null: not on file). */
	units: { rawSerial: string; component: KnownUnit | null }[];
	codeSource: CodeSource | null;
	personalUse: boolean | null;
	devicesRegistered: number;
	purchaseCountry: string | null;
	at: Date;
}

/**
 * REG-1..REG-6 for one device (both components of a kit): the rulebook's verdict per unit,
 * merged. A unit not on file here (a tablet that has not synced it, or a unit the server never
 * saw) may be registered: the server verifies and flags a conflict (REG-2) instead of losing it.
 */
export function registerUnitsVerdict(ctx: RegisterUnitsContext): Verdict {
	const lists = ctx.units.map((u) => {
		const serial = normalizeSerial(u.rawSerial);
		const v = registerDeviceVerdict({
			market: ctx.market,
			customer: ctx.customer,
			rawSerial: u.rawSerial,
			component: u.component ?? { serial, customerId: null },
			codeSource: ctx.codeSource,
			personalUse: ctx.personalUse,
			devicesRegistered: ctx.devicesRegistered,
			purchaseCountry: ctx.purchaseCountry,
			at: ctx.at
		});
		if (u.component === null)
			v.reasons.push(reason('REG-2', 'warn', 'reg.unitNotOnFile', { serial }));
		return v.reasons;
	});
	return verdict(mergeReasons(lists), {
		customerId: ctx.customer.id,
		serials: ctx.units.map((u) => normalizeSerial(u.rawSerial)),
		previousOwners: ctx.units.map((u) => u.component?.customerId ?? '-'),
		codeSource: ctx.codeSource,
		devicesRegistered: ctx.devicesRegistered
	});
}

/** REG-2 transfer of every unit of one device from its owner to the new one. */
export function transferUnitsVerdict(ctx: {
	market: MarketPolicy;
	units: Pick<DeviceComponent, 'serial' | 'customerId'>[];
	from: Pick<Customer, 'id'>;
	to: CustomerFacts;
	ownerConsents: boolean;
	at: Date;
}): Verdict {
	const lists = ctx.units.map(
		(component) => transferOwnershipVerdict({ ...ctx, component }).reasons
	);
	return verdict(mergeReasons(lists), {
		serials: ctx.units.map((u) => u.serial),
		from: ctx.from.id,
		to: ctx.to.id,
		ownerConsents: ctx.ownerConsents
	});
}

// ---------------------------------------------------------------- rows

/** The customer a registration creates (REG-3: an account; ACC-2: the consent given). */
export function newCustomer(args: RegisterCustomerArgs, marketCode: MarketCode): Customer {
	return {
		id: args.customerId,
		marketCode,
		firstName: args.firstName.trim(),
		lastName: args.lastName.trim(),
		phone: args.phone.trim(),
		dateOfBirth: args.dateOfBirth,
		registered: true,
		blacklisted: false,
		carePlus: null,
		updatedAt: args.performedAt,
		marketingConsent: args.marketingConsent,
		clubMember: false
	};
}

interface ServiceArgs {
	serviceId: string;
	posId: string;
	performedAt: string;
	override?: OverrideArgs | null | undefined;
}

/** A service record of this group — the same row on the tablet and the server. */
export function customersServiceRecord(
	type: ServiceType,
	args: ServiceArgs,
	customerId: string,
	serial: string,
	details: Record<string, unknown>,
	staffId: string,
	marketCode: MarketCode,
	recordedAt: string | null = null
): ServiceRecord {
	return {
		id: args.serviceId,
		type,
		marketCode,
		customerId,
		serial,
		posId: args.posId,
		staffId,
		performedAt: args.performedAt,
		recordedAt,
		status: 'recorded',
		flaggedRules: [],
		details: { ...details, ...(args.override ? { override: args.override } : {}) }
	};
}

/** What each service of the group keeps in `details` (facts, never health data). */
export function serviceDetails(
	name: keyof typeof customersMutations,
	args: z.infer<(typeof customersMutations)[keyof typeof customersMutations]>
): Record<string, unknown> {
	const a = args as Record<string, unknown>;
	switch (name) {
		case 'registerDevice':
			return {
				serials: (a.units as { serial: string }[]).map((u) => normalizeSerial(u.serial)),
				modelId: a.modelId,
				purchasedOn: a.purchasedOn,
				purchaseCountry: a.purchaseCountry,
				codeSource: a.codeSource
			};
		case 'transferDevice':
			return { serials: a.serials, from: a.fromCustomerId, ownerConsents: a.ownerConsents };
		case 'enrolCarePlus':
			return { serials: a.serials, activeCare: a.activeCareRequested };
		case 'leaveCarePlus':
			return { scope: a.scope };
		case 'sellExtendedWarranty':
			return { serials: a.serials, months: a.months, price: a.price, until: a.until };
		case 'buyBack':
			return { serials: a.serials };
		default:
			return {};
	}
}

/**
 * A unit after registration (REG-2): a known unit keeps its model, kit and purchase facts; a
 * unit not on file is created from what staff entered. A unit owned by someone else is never
 * taken: the caller leaves it alone (null).
 */
export function registeredUnit(
	existing: DeviceComponent | null | undefined,
	args: RegisterDeviceArgs,
	unit: RegisterDeviceArgs['units'][number],
	marketCode: MarketCode
): DeviceComponent | null {
	const at = new Date(args.performedAt);
	if (existing) {
		if (existing.customerId !== null && existing.customerId !== args.customerId) return null;
		const registered = registerComponent(existing, args.customerId, at);
		return {
			...registered,
			purchasedOn: existing.purchasedOn ?? args.purchasedOn,
			purchaseCountry: existing.purchaseCountry ?? args.purchaseCountry
		};
	}
	return {
		serial: normalizeSerial(unit.serial),
		deviceId: args.deviceId,
		modelId: args.modelId,
		part: unit.part,
		marketCode,
		customerId: args.customerId,
		purchasedOn: args.purchasedOn,
		registeredAt: at.toISOString(),
		replacementsUsed: 0,
		purchaseCountry: args.purchaseCountry,
		extendedWarrantyUntil: null,
		atPosId: null,
		condition: 'ok'
	};
}

/** The participation after enrolling (CP-1, CP-7); an active one is kept as it is. */
export function carePlusAfterEnrol(
	current: CarePlus | null | undefined,
	args: Pick<EnrolCarePlusArgs, 'activeCareRequested' | 'performedAt'>
): CarePlus {
	const at = new Date(args.performedAt);
	if (current && carePlusActive(current, at)) return current;
	return enrolCarePlus(args.activeCareRequested, at);
}

/** The participation after leaving (CP-5): unchanged when there was nothing to leave. */
export function carePlusAfterLeave(
	customer: Pick<Customer, 'id' | 'carePlus'>,
	args: Pick<LeaveCarePlusArgs, 'scope' | 'performedAt'>,
	market: MarketPolicy
): CarePlus | null {
	return carePlusLeave({
		market,
		customer,
		scope: args.scope,
		at: new Date(args.performedAt)
	}).next;
}
