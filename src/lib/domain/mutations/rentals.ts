import { z } from 'zod';
import { SeenIdCheck, type Age3Answers, type IdCheck } from '../attestations';
import type { Rental, ServiceRecord } from '../entities';
import type { MarketCode } from '../market';
import { OverrideArgs } from '../override';
import { rentalDueAt, type RentalContract } from '../rules/rental';

/**
 * Rental mutations (RNT, GE 7): start, return, and the supervisor's blacklist decision after a
 * late return (RNT-7). The argument objects are strict: health answers (AGE-3 / RNT-6 pregnancy)
 * are used on the tablet only and can never travel in them — only the attestation boolean
 * `ageThreeConfirmed` does, and the server trusts it.
 */

const instant = z.iso.datetime({ offset: true });

/** AGE-2 as recorded for a rental. */
export const RentalIdCheck = SeenIdCheck;
export type RentalIdCheck = SeenIdCheck;

/** SVG path data of the signature drawn on the screen: only move/line commands and numbers. */
export const SignaturePath = z
	.string()
	.min(3)
	.max(100_000)
	.regex(/^[ML0-9 .,-]+$/);

export const StartRentalArgs = z
	.object({
		rentalId: z.uuid(),
		serviceId: z.uuid(),
		customerId: z.string().min(1),
		posId: z.string().min(1),
		performedAt: instant,
		modelId: z.string().min(1),
		/** Serial of the unit handed over (written on the contract). */
		serial: z.string().min(1).max(64),
		/** Minor units of the market's currency (RNT-5: set by the contract). */
		price: z.number().int().positive(),
		currency: z.string().length(3),
		days: z.number().int().min(1).max(365),
		returnTermsSigned: z.boolean(),
		id: RentalIdCheck,
		/** AGE-3 / RNT-6 confirmed on the tablet; the answers themselves are never sent. */
		ageThreeConfirmed: z.boolean(),
		signature: SignaturePath,
		override: OverrideArgs.nullable().optional()
	})
	.strict();
export type StartRentalArgs = z.infer<typeof StartRentalArgs>;

export const ReturnRentalArgs = z
	.object({
		serviceId: z.uuid(),
		rentalId: z.string().min(1),
		posId: z.string().min(1),
		performedAt: instant
	})
	.strict();
export type ReturnRentalArgs = z.infer<typeof ReturnRentalArgs>;

export const ConfirmBlacklistArgs = z
	.object({
		serviceId: z.uuid(),
		customerId: z.string().min(1),
		rentalId: z.string().min(1),
		posId: z.string().min(1),
		performedAt: instant,
		/** The supervisor's written reason (RNT-7). */
		reason: z.string().trim().min(5).max(500)
	})
	.strict();
export type ConfirmBlacklistArgs = z.infer<typeof ConfirmBlacklistArgs>;

export const rentalsMutations = {
	startRental: StartRentalArgs,
	returnRental: ReturnRentalArgs,
	confirmBlacklist: ConfirmBlacklistArgs
} as const;

/** The contract the verdict checks, from the arguments. */
export function rentalContractOf(args: StartRentalArgs): RentalContract {
	return {
		modelId: args.modelId,
		price: args.price,
		currency: args.currency,
		days: args.days,
		returnTermsSigned: args.returnTermsSigned
	};
}

/** The ID check the verdict reads: recorded args mean it was seen in person. */
export function rentalIdCheckOf(id: RentalIdCheck): IdCheck {
	return { seen: true, ...id };
}

/**
 * What the server (and the tablet's "same verdict" check) feeds the AGE-3 rule: the tablet's
 * attestation stands for the answers, which never leave the tablet.
 */
export function attestedAnswers(confirmed: boolean): Age3Answers {
	return confirmed
		? { nicotineUser: true, pregnant: false }
		: { nicotineUser: null, pregnant: null };
}

/** The rental row and service record a start creates — the same rows on tablet and server. */
export function rentalStartRecords(
	args: StartRentalArgs,
	staffId: string,
	marketCode: MarketCode,
	recordedAt: string | null = null
): { rental: Rental; service: ServiceRecord } {
	const dueAt = rentalDueAt(new Date(args.performedAt), args.days).toISOString();
	const rental: Rental = {
		id: args.rentalId,
		customerId: args.customerId,
		posId: args.posId,
		modelId: args.modelId,
		startedAt: args.performedAt,
		dueAt,
		returnedAt: null,
		// "overdue" is computed from dueAt by the clock, never stored
		status: 'active',
		contract: {
			serial: args.serial,
			price: args.price,
			currency: args.currency,
			lengthDays: args.days,
			idType: args.id.type,
			idLast: args.id.lastCharacters.toUpperCase(),
			signature: args.signature
		}
	};
	const service: ServiceRecord = {
		id: args.serviceId,
		type: 'rental_start',
		marketCode,
		customerId: args.customerId,
		serial: args.serial,
		posId: args.posId,
		staffId,
		performedAt: args.performedAt,
		recordedAt,
		status: 'recorded',
		flaggedRules: [],
		details: {
			rentalId: args.rentalId,
			modelId: args.modelId,
			price: args.price,
			currency: args.currency,
			days: args.days,
			dueAt,
			idType: args.id.type,
			idLast: args.id.lastCharacters.toUpperCase(),
			ageThreeConfirmed: args.ageThreeConfirmed,
			...(args.override ? { override: args.override } : {})
		}
	};
	return { rental, service };
}

/** The service record of a return; `late` and `early` as the return verdict decided. */
export function rentalReturnRecord(
	args: ReturnRentalArgs,
	rental: Pick<Rental, 'customerId' | 'dueAt' | 'contract' | 'modelId'>,
	staffId: string,
	marketCode: MarketCode,
	outcome: { late: boolean; early: boolean },
	recordedAt: string | null = null
): ServiceRecord {
	return {
		id: args.serviceId,
		type: 'rental_return',
		marketCode,
		customerId: rental.customerId,
		serial: rental.contract?.serial || rental.modelId,
		posId: args.posId,
		staffId,
		performedAt: args.performedAt,
		recordedAt,
		status: 'recorded',
		flaggedRules: [],
		details: {
			rentalId: args.rentalId,
			dueAt: rental.dueAt,
			late: outcome.late,
			early: outcome.early,
			// RNT-5: nothing is refunded for days not used
			refund: 0,
			proposeBlacklist: outcome.late
		}
	};
}

/** The returned rental row. */
export function returnedRental(rental: Rental, args: ReturnRentalArgs): Rental {
	if (rental.returnedAt !== null) return rental;
	return { ...rental, returnedAt: args.performedAt, status: 'returned' };
}

/** The service record of a supervisor's blacklist decision (RNT-7). */
export function blacklistRecord(
	args: ConfirmBlacklistArgs,
	serial: string,
	staffId: string,
	marketCode: MarketCode,
	recordedAt: string | null = null
): ServiceRecord {
	return {
		id: args.serviceId,
		type: 'blacklist',
		marketCode,
		customerId: args.customerId,
		serial,
		posId: args.posId,
		staffId,
		performedAt: args.performedAt,
		recordedAt,
		status: 'recorded',
		flaggedRules: [],
		details: { rentalId: args.rentalId, reason: args.reason }
	};
}

/** RNT-7: a rental that was (or is) late — returned after its due instant, or still out. */
export function rentalWasLate(
	rental: Pick<Rental, 'dueAt' | 'returnedAt'>,
	graceHours: number,
	now: Date
): boolean {
	const limit = new Date(rental.dueAt).getTime() + graceHours * 3_600_000;
	const end = rental.returnedAt ? new Date(rental.returnedAt).getTime() : now.getTime();
	return end > limit;
}
