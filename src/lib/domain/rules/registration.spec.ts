import { describe, expect, it } from 'vitest';
import { brokenRules, verdict } from '../verdict';
import { registeredOwnerReasons, registrationReason } from './registration';

const SERIAL = 'AB12CD34';

describe('registrationReason', () => {
	it('REG-2: a free serial may be registered', () => {
		expect(registrationReason({ serial: SERIAL, customerId: null }, 'c-1')).toEqual({
			rule: 'REG-2',
			severity: 'ok',
			key: 'reg.serialFree',
			params: { serial: SERIAL }
		});
	});

	it('REG-2: a serial registered to someone else is refused (ownership change is a transfer)', () => {
		expect(registrationReason({ serial: SERIAL, customerId: 'c-2' }, 'c-1')).toEqual({
			rule: 'REG-2',
			severity: 'block',
			key: 'reg.ownedByOther',
			params: { serial: SERIAL }
		});
	});

	it('REG-2: a serial already registered to this customer is not registered twice', () => {
		expect(registrationReason({ serial: SERIAL, customerId: 'c-1' }, 'c-1')).toEqual({
			rule: 'REG-2',
			severity: 'block',
			key: 'reg.alreadyYours',
			params: { serial: SERIAL }
		});
	});

	it('REG-2: a verdict on a serial owned by another customer is not allowed', () => {
		const v = verdict([registrationReason({ serial: SERIAL, customerId: 'c-2' }, 'c-1')]);
		expect(v.allowed).toBe(false);
		expect(brokenRules(v).map((r) => r.key)).toEqual(['reg.ownedByOther']);
	});
});

describe('registeredOwnerReasons', () => {
	const registered = { id: 'c-1', registered: true };
	const unregistered = { id: 'c-1', registered: false };

	it('REG-3: a registered customer with their own device gets one ok reason', () => {
		expect(registeredOwnerReasons(registered, { serial: SERIAL, customerId: 'c-1' })).toEqual([
			{ rule: 'REG-3', severity: 'ok', key: 'reg.deviceRegistered', params: { serial: SERIAL } }
		]);
	});

	it('REG-3: a customer without an account is blocked', () => {
		expect(registeredOwnerReasons(unregistered, { serial: SERIAL, customerId: 'c-1' })).toEqual([
			{ rule: 'REG-3', severity: 'block', key: 'reg.customerNotRegistered', params: {} }
		]);
	});

	it('REG-3: a device registered to someone else is blocked', () => {
		expect(registeredOwnerReasons(registered, { serial: SERIAL, customerId: 'c-2' })).toEqual([
			{ rule: 'REG-3', severity: 'block', key: 'reg.deviceNotTheirs', params: { serial: SERIAL } }
		]);
	});

	it('REG-3: an unregistered device is not theirs', () => {
		expect(registeredOwnerReasons(registered, { serial: SERIAL, customerId: null })).toEqual([
			{ rule: 'REG-3', severity: 'block', key: 'reg.deviceNotTheirs', params: { serial: SERIAL } }
		]);
	});

	it('REG-3: lists both problems when neither customer nor device is registered', () => {
		const reasons = registeredOwnerReasons(unregistered, { serial: SERIAL, customerId: null });
		expect(reasons).toEqual([
			{ rule: 'REG-3', severity: 'block', key: 'reg.customerNotRegistered', params: {} },
			{ rule: 'REG-3', severity: 'block', key: 'reg.deviceNotTheirs', params: { serial: SERIAL } }
		]);
		expect(verdict(reasons).allowed).toBe(false);
	});

	it('CLN-1: cites the rule it is asked to cite', () => {
		expect(
			registeredOwnerReasons(registered, { serial: SERIAL, customerId: 'c-1' }, 'CLN-1')
		).toEqual([
			{ rule: 'CLN-1', severity: 'ok', key: 'reg.deviceRegistered', params: { serial: SERIAL } }
		]);
		const blocked = registeredOwnerReasons(
			unregistered,
			{ serial: SERIAL, customerId: 'c-2' },
			'CLN-1'
		);
		expect(blocked.map((r) => [r.rule, r.severity, r.key])).toEqual([
			['CLN-1', 'block', 'reg.customerNotRegistered'],
			['CLN-1', 'block', 'reg.deviceNotTheirs']
		]);
	});
});
