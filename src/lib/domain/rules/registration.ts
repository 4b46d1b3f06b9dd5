import type { Customer, DeviceComponent } from '../entities';
import { reason, type Reason } from '../verdict';

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
