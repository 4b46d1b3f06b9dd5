import type { MutationArgs, MutationName, MutationResult, StaffProfile } from '$lib/domain';
import type { Db } from '../db';
import { recordCleaning } from './cleaning';
import * as swaps from './swaps';
import * as customers from './customers';
import * as rentals from './rentals';
import * as reservations from './reservations';
import { Rejection, rejected, type HandlerContext } from './context';

/**
 * The server's handler for every mutation name. The mapped type makes a mutation without a
 * handler a compile error. A handler validates nothing itself (push parsed the arguments with
 * the shared schema), authorises, applies the domain rule and writes; throwing a `Rejection`
 * rejects the mutation (its writes roll back to a savepoint; the stored result and the client's
 * lastMutationId still advance), any other error rolls back and becomes a 5xx the tablet retries.
 */
export type Handler<N extends MutationName> = (
	tx: Db,
	staff: StaffProfile,
	args: MutationArgs<N>,
	ctx: HandlerContext
) => Promise<MutationResult>;

const table: { [N in MutationName]: Handler<N> } = {
	recordCleaning,
	...rentals,
	...reservations,
	...swaps,
	...customers
};

export const handlers: { [N in MutationName]: Handler<N> } = Object.fromEntries(
	Object.entries(table).map(([name, handler]) => [
		name,
		async (tx: Db, staff: StaffProfile, args: never, ctx: HandlerContext) => {
			try {
				// a savepoint: a rejection raised after some writes leaves none of them behind
				return await tx.transaction((sp) =>
					(handler as Handler<MutationName>)(sp as Db, staff, args, ctx)
				);
			} catch (error) {
				if (error instanceof Rejection) return rejected(ctx.id, error.code, error.message);
				throw error;
			}
		}
	])
) as unknown as { [N in MutationName]: Handler<N> };

export { rejected };
export { subjectsFor } from './locks';
