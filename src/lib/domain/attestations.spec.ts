import { describe, expect, it } from 'vitest';
import { age3Reason, idCheckFacts, idCheckReasons, type IdCheck } from './attestations';
import { ageReason } from './rules/age';
import { ANSWERS_OK, GE, ID_OK, LV, STORE, at, customer } from './rules/fixtures';
import { reservationPickupVerdict } from './rules/reservation';
import { rentalStartVerdict } from './rules/rental';

describe('AGE-1 (table)', () => {
	it.each([
		[
			'AGE-1 pass: 18 on the birthday itself (Riga)',
			'2008-06-01',
			'2026-06-01T00:30:00+03:00',
			'ok'
		],
		[
			'AGE-1 fail: the day before the 18th birthday',
			'2008-06-01',
			'2026-05-31T23:59:00+03:00',
			'block'
		],
		[
			'AGE-1 pass: born 29 February, adult on 1 March in a non-leap year',
			'2008-02-29',
			'2026-03-01T00:00:00+02:00',
			'ok'
		],
		[
			'AGE-1 fail: born 29 February, still a minor on 28 February',
			'2008-02-29',
			'2026-02-28T23:59:00+02:00',
			'block'
		]
	] as const)('%s', (_t, dob, when, severity) => {
		expect(ageReason(dob, LV, new Date(when)).severity).toBe(severity);
	});
});

describe('idCheckReasons (AGE-2)', () => {
	it('AGE-2 pass: checked in person, type and last characters recorded', () => {
		expect(idCheckReasons(ID_OK, { originalRequired: true })).toEqual([
			{
				rule: 'AGE-2',
				severity: 'ok',
				key: 'age2.idChecked',
				params: { type: 'id_card', last: '4821' }
			}
		]);
	});

	it.each([
		['AGE-2 fail: not checked in person', { ...ID_OK, seen: false }, 'age2.idNotChecked'],
		[
			'AGE-2 fail: a copy where the original is required',
			{ ...ID_OK, original: false },
			'age2.copyNotAccepted'
		],
		['AGE-2 fail: an expired document', { ...ID_OK, valid: false }, 'age2.idExpired'],
		[
			'AGE-2 fail: the whole number instead of the last characters',
			{ ...ID_OK, lastCharacters: '12345678' },
			'age2.idDetailsMissing'
		]
	] as const)('%s', (_t, id, key) => {
		expect(idCheckReasons(id as IdCheck, { originalRequired: true }).map((r) => r.key)).toContain(
			key
		);
	});

	it('AGE-2 pass: only the type and the last characters are kept, never the number', () => {
		expect(idCheckFacts(ID_OK)).toEqual({ idType: 'id_card', idLast: '4821' });
		expect(idCheckFacts(null)).toEqual({ idType: null, idLast: null });
	});
});

describe('age3Reason (AGE-3) and health data', () => {
	it('AGE-3 pass: a nicotine user who is not pregnant', () => {
		expect(age3Reason(ANSWERS_OK, { askPregnancy: true }).severity).toBe('ok');
	});

	it('AGE-3 fail: a non-user and a pregnant person get the very same refusal', () => {
		const nonUser = age3Reason({ nicotineUser: false, pregnant: false }, { askPregnancy: true });
		const pregnant = age3Reason({ nicotineUser: true, pregnant: true }, { askPregnancy: true });
		expect(nonUser).toEqual(pregnant);
		expect(nonUser.severity).toBe('block');
	});

	it('AGE-3 pass: pregnancy is not asked where the rule does not ask it', () => {
		expect(
			age3Reason({ nicotineUser: true, pregnant: null }, { askPregnancy: false }).severity
		).toBe('ok');
	});

	const base = {
		market: GE,
		pos: STORE,
		customer: customer(),
		id: ID_OK,
		at: at('2026-06-02T10:00:00Z')
	};
	const rental = (pregnant: boolean, nicotineUser = true) =>
		rentalStartVerdict({
			...base,
			registeredDevices: 0,
			previousRentals: 0,
			staffApproves: true,
			contract: {
				modelId: 'iluma',
				price: 3000,
				currency: 'GEL',
				days: 7,
				returnTermsSigned: true
			},
			answers: { nicotineUser, pregnant }
		});
	const pickup = (pregnant: boolean, nicotineUser = true) =>
		reservationPickupVerdict({
			...base,
			reservation: {
				id: 'rs-1',
				code: 'K',
				customerId: 'c-1',
				posId: 'pos-store',
				confirmedAt: '2026-06-01T10:00:00Z',
				status: 'open'
			},
			resident: true,
			dataMatch: true,
			answers: { nicotineUser, pregnant }
		});

	it.each([
		['AGE-3 fail: a rental verdict never contains the health answer', rental],
		['AGE-3 fail: a pickup verdict never contains the health answer', pickup]
	] as const)('%s', (_t, run) => {
		for (const v of [run(true), run(false)]) {
			const text = JSON.stringify(v);
			expect(text).not.toMatch(/pregnan/i);
			expect(text).not.toMatch(/diabet|heart condition|health answer/i);
		}
		// the refusal for a pregnant person equals the refusal for a non-user: nothing to read back
		expect(run(true)).toEqual(run(false, false));
		expect(run(true).allowed).toBe(false);
	});
});
