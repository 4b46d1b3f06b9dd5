import type { Customer, DeviceComponent } from '../entities';
import type { MarketPolicy } from '../market';
import { checkSerial, normalizeSerial } from '../serial';
import { reason, verdict, type Reason, type Verdict } from '../verdict';
import { accountReason, customerReasons, purchaseCountry, type CustomerFacts } from './common';

/**
 * REG-2: a serial is registered to at most one customer. Registering a serial held by someone
 * else is refused; the change of owner is a separate, recorded transfer.
 */
export function registrationReason(
	component: Pick<DeviceComponent, 'serial' | 'customerId'>,
	customerId: string
): Reason {
	if (component.customerId === null)
		return reason('REG-2', 'ok', 'reg.serialFree', { serial: component.serial });
	if (component.customerId === customerId)
		return reason('REG-2', 'block', 'reg.alreadyYours', { serial: component.serial });
	return reason('REG-2', 'block', 'reg.ownedByOther', { serial: component.serial });
}

/**
 * REG-3: registration is not mandatory, but services need it — the customer must hold an
 * account and the unit handed in must be registered to them.
 */
export function registeredOwnerReasons(
	customer: Pick<Customer, 'id' | 'registered'>,
	component: Pick<DeviceComponent, 'serial' | 'customerId'>,
	rule: 'REG-3' | 'CLN-1' = 'REG-3'
): Reason[] {
	const reasons: Reason[] = [];
	if (!customer.registered) reasons.push(reason(rule, 'block', 'reg.customerNotRegistered'));
	if (component.customerId !== customer.id)
		reasons.push(reason(rule, 'block', 'reg.deviceNotTheirs', { serial: component.serial }));
	if (reasons.length === 0)
		reasons.push(reason(rule, 'ok', 'reg.deviceRegistered', { serial: component.serial }));
	return reasons;
}

/** REG-6: where the serial was read from. The box or the proof of purchase is needed (HU). */
export type CodeSource = 'box' | 'proof_of_purchase' | 'unit';

export interface RegisterDeviceContext {
	market: MarketPolicy;
	customer: CustomerFacts;
	/** The serial as typed or scanned (REG-4 checks it). */
	rawSerial: string;
	/** The unit if the system knows it; null for a unit never seen before. */
	component: Pick<DeviceComponent, 'serial' | 'customerId'> &
		Partial<Pick<DeviceComponent, 'marketCode' | 'purchaseCountry'>>;
	/** REG-6: where the code came from; null = not said. */
	codeSource: CodeSource | null;
	/** REG-1: the customer says they use the device themselves. */
	personalUse: boolean | null;
	/** REG-1: units already registered to the customer (several are fine). */
	devicesRegistered: number;
	/** REG-5: country of purchase if staff know it (ISO alpha-2), else the unit's own. */
	purchaseCountry?: string | null;
	at: Date;
}

/**
 * Registering a device (REG-1, REG-2, REG-4, REG-5, REG-6, with AGE-1, REG-3 and RNT-7).
 * REG-5 only warns: registration is allowed, but Care Plus and the extended warranty are not
 * for units bought elsewhere, and staff tell the customer now.
 */
export function registerDeviceVerdict(ctx: RegisterDeviceContext): Verdict {
	const reasons: Reason[] = [...customerReasons(ctx.customer, ctx.market, ctx.at)];
	reasons.push(accountReason(ctx.customer, 'REG-3'));

	// REG-4: a readable, valid serial — a product barcode is never a serial
	const check = checkSerial(ctx.rawSerial, ctx.market.serialPattern);
	reasons.push(
		check.ok
			? reason('REG-4', 'ok', 'reg.serialValid', { serial: check.serial })
			: reason('REG-4', 'block', check.key, { serial: check.serial })
	);
	if (check.ok && check.serial !== normalizeSerial(ctx.component.serial))
		reasons.push(
			reason('REG-4', 'block', 'reg.serialMismatch', {
				serial: check.serial,
				expected: ctx.component.serial
			})
		);

	// REG-2: at most one owner
	reasons.push(registrationReason(ctx.component, ctx.customer.id));

	// REG-1: several devices are fine, but only ones the customer uses personally
	if (ctx.personalUse === null) reasons.push(reason('REG-1', 'block', 'reg.personalUseUnasked'));
	else if (!ctx.personalUse) reasons.push(reason('REG-1', 'block', 'reg.notPersonalUse'));
	else reasons.push(reason('REG-1', 'ok', 'reg.personalUse', { count: ctx.devicesRegistered + 1 }));

	// REG-6: the code from the box or the proof of purchase
	if (ctx.codeSource === null) reasons.push(reason('REG-6', 'block', 'reg.codeSourceNeeded'));
	else if (ctx.codeSource === 'unit') reasons.push(reason('REG-6', 'warn', 'reg.codeFromUnit'));
	else reasons.push(reason('REG-6', 'ok', 'reg.codeFrom', { source: ctx.codeSource }));

	// REG-5: bought here or not — matters for Care Plus and the extended warranty
	const country = ctx.purchaseCountry ?? purchaseCountry(ctx.component) ?? ctx.market.code;
	reasons.push(
		country === ctx.market.code
			? reason('REG-5', 'ok', 'reg.boughtInMarket', { country })
			: reason('REG-5', 'warn', 'reg.boughtElsewhere', { country, market: ctx.market.code })
	);

	return verdict(reasons, {
		serial: check.serial,
		customerId: ctx.customer.id,
		previousOwner: ctx.component.customerId,
		purchaseCountry: country,
		codeSource: ctx.codeSource,
		devicesRegistered: ctx.devicesRegistered
	});
}

export interface TransferContext {
	market: MarketPolicy;
	component: Pick<DeviceComponent, 'serial' | 'customerId'>;
	/** The owner the unit is registered to now. */
	from: Pick<Customer, 'id'>;
	/** The new owner. */
	to: CustomerFacts;
	/** The current owner agrees (present, or in writing). Without it a supervisor decides. */
	ownerConsents: boolean;
	at: Date;
}

/**
 * REG-2: a change of owner is a separate, recorded transfer — from the owner the unit is
 * registered to, to another registered adult (HU recommends re-registering to the new owner).
 */
export function transferOwnershipVerdict(ctx: TransferContext): Verdict {
	const reasons: Reason[] = [...customerReasons(ctx.to, ctx.market, ctx.at)];
	reasons.push(accountReason(ctx.to, 'REG-3'));
	const { serial, customerId } = ctx.component;
	if (customerId === null)
		reasons.push(reason('REG-2', 'block', 'reg.transferUnregistered', { serial }));
	else if (customerId !== ctx.from.id)
		reasons.push(reason('REG-2', 'block', 'reg.transferNotOwner', { serial }));
	else if (ctx.to.id === ctx.from.id)
		reasons.push(reason('REG-2', 'block', 'reg.alreadyYours', { serial }));
	else if (!ctx.ownerConsents)
		reasons.push(reason('REG-2', 'override', 'reg.transferNoConsent', { serial }));
	else reasons.push(reason('REG-2', 'ok', 'reg.transferOk', { serial }));
	return verdict(reasons, { serial, from: ctx.from.id, to: ctx.to.id, previousOwner: customerId });
}

/** The unit after a registration (REG-2): the customer's from `at`. */
export function registerComponent<C extends Pick<DeviceComponent, 'customerId' | 'registeredAt'>>(
	component: C,
	customerId: string,
	at: Date
): C {
	if (component.customerId !== null && component.customerId !== customerId)
		throw new Error('REG-2: the serial is registered to another customer');
	return { ...component, customerId, registeredAt: at.toISOString() };
}

/** The unit after a transfer (REG-2): from its current owner to the new one. */
export function transferComponent<C extends Pick<DeviceComponent, 'customerId' | 'registeredAt'>>(
	component: C,
	fromId: string,
	toId: string,
	at: Date
): C {
	if (component.customerId !== fromId)
		throw new Error('REG-2: transfer from someone not the owner');
	return { ...component, customerId: toId, registeredAt: at.toISOString() };
}
