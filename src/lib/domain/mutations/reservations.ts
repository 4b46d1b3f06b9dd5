import { z } from 'zod';
import { SeenIdCheck, type IdCheck } from '../attestations';
import type { Reservation, ServiceRecord } from '../entities';
import type { MarketCode } from '../market';
import { OverrideArgs } from '../override';

/**
 * Reservation mutations at the counter (RSV): pick up, refuse, cancel (RSV-4). Strict argument
 * objects: the AGE-3 answers stay on the tablet; only `ageThreeConfirmed` is sent.
 * Reservations themselves arrive through the integration endpoint (server only).
 */

const instant = z.iso.datetime({ offset: true });

/** AGE-2 for a pickup: any valid ID seen in person. */
export const PickupIdCheck = SeenIdCheck;
export type PickupIdCheck = SeenIdCheck;

export const PickUpReservationArgs = z
	.object({
		serviceId: z.uuid(),
		reservationId: z.string().min(1),
		customerId: z.string().min(1),
		posId: z.string().min(1),
		performedAt: instant,
		/** RSV-1: lives in the market. */
		resident: z.boolean(),
		/** RSV-3: the personal data match the reservation. */
		dataMatch: z.boolean(),
		id: PickupIdCheck,
		/** AGE-3 confirmed on the tablet; the answers are never sent. */
		ageThreeConfirmed: z.boolean(),
		override: OverrideArgs.nullable().optional()
	})
	.strict();
export type PickUpReservationArgs = z.infer<typeof PickUpReservationArgs>;

/** Why staff refused a pickup (RSV-3): fixed reasons, so no health data is ever typed in. */
export const PickupRefusal = z.enum([
	'data_mismatch',
	'no_valid_id',
	'minor',
	'conditions_not_met',
	'not_resident',
	'other'
]);
export type PickupRefusal = z.infer<typeof PickupRefusal>;

export const REFUSAL_LABELS: Record<PickupRefusal, string> = {
	data_mismatch: 'Personal data do not match the reservation',
	no_valid_id: 'No valid ID shown',
	minor: 'Under the legal age',
	conditions_not_met: 'Does not meet the conditions (AGE-3)',
	not_resident: 'Does not live in the country',
	other: 'Other (seller’s decision)'
};

export const RefuseReservationArgs = z
	.object({
		serviceId: z.uuid(),
		reservationId: z.string().min(1),
		posId: z.string().min(1),
		performedAt: instant,
		reason: PickupRefusal
	})
	.strict();
export type RefuseReservationArgs = z.infer<typeof RefuseReservationArgs>;

export const CancelReservationArgs = z
	.object({
		serviceId: z.uuid(),
		reservationId: z.string().min(1),
		posId: z.string().min(1),
		performedAt: instant
	})
	.strict();
export type CancelReservationArgs = z.infer<typeof CancelReservationArgs>;

export const reservationsMutations = {
	pickUpReservation: PickUpReservationArgs,
	refuseReservation: RefuseReservationArgs,
	cancelReservation: CancelReservationArgs
} as const;

export function pickupIdCheckOf(id: PickupIdCheck): IdCheck {
	return { seen: true, ...id };
}

type ReservationFacts = Pick<Reservation, 'id' | 'code' | 'customerId' | 'items'>;

function base(
	r: ReservationFacts,
	args: { serviceId: string; posId: string; performedAt: string },
	staffId: string,
	marketCode: MarketCode,
	recordedAt: string | null
) {
	return {
		id: args.serviceId,
		marketCode,
		customerId: r.customerId,
		// a reservation has no unit yet: its code stands in for the serial
		serial: r.code,
		posId: args.posId,
		staffId,
		performedAt: args.performedAt,
		recordedAt,
		status: 'recorded' as const,
		flaggedRules: []
	};
}

/** The service record of a pickup — the same on tablet and server. */
export function pickupRecord(
	args: PickUpReservationArgs,
	r: ReservationFacts,
	staffId: string,
	marketCode: MarketCode,
	recordedAt: string | null = null
): ServiceRecord {
	return {
		...base(r, args, staffId, marketCode, recordedAt),
		type: 'reservation_pickup',
		details: {
			reservationId: r.id,
			code: r.code,
			outcome: 'picked_up',
			items: r.items.map((i) => `${i.quantity}× ${i.sku}`),
			idType: args.id.type,
			idLast: args.id.lastCharacters.toUpperCase(),
			dataMatch: args.dataMatch,
			ageThreeConfirmed: args.ageThreeConfirmed,
			...(args.override ? { override: args.override } : {})
		}
	};
}

/** A refused pickup: recorded; the reservation stays held until it expires or is cancelled. */
export function refusalRecord(
	args: RefuseReservationArgs,
	r: ReservationFacts,
	staffId: string,
	marketCode: MarketCode,
	recordedAt: string | null = null
): ServiceRecord {
	return {
		...base(r, args, staffId, marketCode, recordedAt),
		type: 'reservation_pickup',
		details: { reservationId: r.id, code: r.code, outcome: 'refused', reason: args.reason }
	};
}

/** RSV-4 at the counter. */
export function cancelRecord(
	args: CancelReservationArgs,
	r: ReservationFacts,
	staffId: string,
	marketCode: MarketCode,
	recordedAt: string | null = null
): ServiceRecord {
	return {
		...base(r, args, staffId, marketCode, recordedAt),
		type: 'reservation_cancel',
		details: { reservationId: r.id, code: r.code, channel: 'pos' }
	};
}
