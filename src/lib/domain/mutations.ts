import { z } from 'zod';
import type { ServiceRecord } from './entities';
import type { MarketCode } from './market';
import { OverrideArgs } from './override';
import { rentalsMutations } from './mutations/rentals';
import { reservationsMutations } from './mutations/reservations';
import { customersMutations } from './mutations/customers';
import { swapsMutations } from './mutations/swaps';

/**
 * Staff actions as mutations: the name and argument schema of each, shared by the client
 * (which queues them) and the server (which validates and applies them). The acting staff
 * member comes from the session, never from the arguments.
 */

export const RecordCleaningArgs = z.object({
	serviceId: z.uuid(),
	customerId: z.string().min(1),
	serial: z.string().min(1).max(64),
	posId: z.string().min(1),
	performedAt: z.iso.datetime({ offset: true }),
	/** CLN-3: a cleaning stick handed over for demonstration (reduces stock). */
	stickHandedOut: z.boolean(),
	/** A supervisor lifting an `override` reason (e.g. RNT-7 blacklist) with a written reason. */
	override: OverrideArgs.nullable().optional()
});
export type RecordCleaningArgs = z.infer<typeof RecordCleaningArgs>;

export const mutationArgs = {
	recordCleaning: RecordCleaningArgs,
	...rentalsMutations,
	...reservationsMutations,
	...swapsMutations,
	...customersMutations
} as const;

export type MutationName = keyof typeof mutationArgs;
export const MUTATION_NAMES = Object.keys(mutationArgs) as MutationName[];

export function isMutationName(name: string): name is MutationName {
	return Object.hasOwn(mutationArgs, name);
}

export type MutationArgs<N extends MutationName> = z.infer<(typeof mutationArgs)[N]>;

/** The service record a cleaning creates — the same row on the tablet and on the server. */
export function cleaningRecord(
	args: RecordCleaningArgs,
	staffId: string,
	marketCode: MarketCode,
	recordedAt: string | null = null
): ServiceRecord {
	return {
		id: args.serviceId,
		type: 'cleaning',
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
			stickHandedOut: args.stickHandedOut,
			...(args.override ? { override: args.override } : {})
		}
	};
}

/** SKU of the demonstration cleaning stick (CLN-3). */
export const CLEANING_STICK_SKU = 'CLEAN-STICK';
