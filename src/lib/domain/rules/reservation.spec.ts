import { describe, expect, it } from 'vitest';
import type { RuleId, Severity } from '../verdict';
import { ANSWERS_OK, GE, ID_OK, LV, NOTHING, STORE, at, customer, of, worstOf } from './fixtures';
import {
	reservationCancelVerdict,
	reservationExpiresAt,
	reservationPickupVerdict,
	reservationState,
	type ReservationPickupContext
} from './reservation';

const RES = {
	id: 'rs-1',
	code: 'K7Q2',
	customerId: 'c-1',
	posId: 'pos-store',
	confirmedAt: '2026-06-01T10:00:00.000Z',
	status: 'open' as const
};

function pickup(over: Partial<ReservationPickupContext> = {}): ReservationPickupContext {
	return {
		market: GE,
		pos: STORE,
		customer: customer(),
		reservation: RES,
		resident: true,
		dataMatch: true,
		id: { ...ID_OK, original: false }, // a pickup accepts any ID checked in person
		answers: ANSWERS_OK,
		at: at('2026-06-02T10:00:00Z'),
		...over
	};
}

type Case = [string, Partial<ReservationPickupContext>, RuleId, Severity, string];
const cases: Case[] = [
	[
		'RSV-1 pass: a registered adult resident at the chosen point of sale',
		{},
		'RSV-1',
		'ok',
		'reg.customerRegistered'
	],
	['RSV-1 fail: not resident in Georgia', { resident: false }, 'RSV-1', 'block', 'rsv.notResident'],
	[
		'RSV-1 fail: picked up at another point of sale',
		{ pos: { ...STORE, id: 'pos-other' } },
		'RSV-1',
		'block',
		'rsv.otherPos'
	],
	[
		'RSV-1 fail: this point of sale takes no reservations',
		{ pos: NOTHING, reservation: { ...RES, posId: 'pos-none' } },
		'RSV-1',
		'block',
		'rsv.posNoReservations'
	],
	['RSV-1 fail: no reservations in Latvia', { market: LV }, 'RSV-1', 'block', 'rsv.notOffered'],
	['RSV-2 pass: within 48 hours of the confirmation', {}, 'RSV-2', 'ok', 'rsv.held'],
	[
		'RSV-2 fail: 48 hours passed',
		{ at: at('2026-06-03T10:00:00Z') },
		'RSV-2',
		'block',
		'rsv.expired'
	],
	[
		'RSV-2 fail: already picked up',
		{ reservation: { ...RES, status: 'picked_up' } },
		'RSV-2',
		'block',
		'rsv.alreadyPickedUp'
	],
	['RSV-3 pass: personal data match', {}, 'RSV-3', 'ok', 'rsv.dataMatch'],
	[
		'RSV-3 fail: personal data do not match',
		{ dataMatch: false },
		'RSV-3',
		'block',
		'rsv.dataMismatch'
	],
	[
		"RSV-3 fail: someone else's reservation",
		{ customer: customer({ id: 'c-2' }) },
		'RSV-3',
		'block',
		'rsv.notTheirs'
	],
	['AGE-2 pass: an ID checked in person', {}, 'AGE-2', 'ok', 'age2.idChecked'],
	['AGE-2 fail: no ID checked', { id: null }, 'AGE-2', 'block', 'age2.idNotChecked'],
	[
		'AGE-2 fail: the document details not recorded',
		{ id: { ...ID_OK, lastCharacters: null } },
		'AGE-2',
		'block',
		'age2.idDetailsMissing'
	],
	['AGE-3 pass: a nicotine user, not pregnant', {}, 'AGE-3', 'ok', 'age3.confirmed'],
	[
		'AGE-3 fail: the seller refuses a pregnant person',
		{ answers: { nicotineUser: true, pregnant: true } },
		'AGE-3',
		'block',
		'age3.declined'
	],
	[
		'AGE-3 fail: the seller refuses a non-user',
		{ answers: { nicotineUser: false, pregnant: false } },
		'AGE-3',
		'block',
		'age3.declined'
	]
];

describe('reservationPickupVerdict (RSV-1..RSV-3)', () => {
	it.each(cases)('%s', (_t, over, rule, severity, key) => {
		const v = reservationPickupVerdict(pickup(over));
		expect(worstOf(v, rule)).toBe(severity);
		expect(of(v, rule).map((r) => r.key)).toContain(key);
		expect(v.allowed).toBe(severity === 'ok');
	});

	it('RSV-2 pass/fail: the 48th hour — before confirmedAt + 48 h open, at or after expired', () => {
		expect(reservationExpiresAt(RES, GE).toISOString()).toBe('2026-06-03T10:00:00.000Z');
		expect(reservationState(RES, GE, at('2026-06-03T09:59:59.999Z'))).toBe('open');
		expect(reservationState(RES, GE, at('2026-06-03T10:00:00.000Z'))).toBe('expired');
		expect(
			worstOf(reservationPickupVerdict(pickup({ at: at('2026-06-03T09:59:00Z') })), 'RSV-2')
		).toBe('ok');
		expect(
			worstOf(reservationPickupVerdict(pickup({ at: at('2026-06-03T10:00:00Z') })), 'RSV-2')
		).toBe('block');
	});

	it('RSV-2 pass: counted in elapsed hours, not local dates, across a DST change', () => {
		const riga = { ...GE, timeZone: 'Europe/Riga' };
		const r = { ...RES, confirmedAt: '2026-03-28T12:00:00.000Z' }; // DST starts 29 March
		expect(reservationExpiresAt(r, riga).toISOString()).toBe('2026-03-30T12:00:00.000Z');
	});
});

describe('reservationCancelVerdict (RSV-4)', () => {
	it('RSV-4 pass: the customer may cancel at any time before purchase, by any channel', () => {
		for (const channel of ['pos', 'call_centre', 'website'] as const) {
			const v = reservationCancelVerdict({
				market: GE,
				reservation: RES,
				channel,
				at: at('2026-06-02T10:00:00Z')
			});
			expect(v.reasons).toEqual([
				{ rule: 'RSV-4', severity: 'ok', key: 'rsv.cancel', params: { channel } }
			]);
		}
	});

	it('RSV-4 fail: a picked-up reservation is a purchase and cannot be cancelled', () => {
		const v = reservationCancelVerdict({
			market: GE,
			reservation: { ...RES, status: 'picked_up' },
			channel: 'pos',
			at: at('2026-06-02T10:00:00Z')
		});
		expect(v.allowed).toBe(false);
	});

	it('RSV-4 pass: an expired one is already cancelled (a note, not an error)', () => {
		const v = reservationCancelVerdict({
			market: GE,
			reservation: RES,
			channel: 'pos',
			at: at('2026-06-04T10:00:00Z')
		});
		expect(v.reasons[0]).toMatchObject({ severity: 'warn', key: 'rsv.expiredAlready' });
	});
});
