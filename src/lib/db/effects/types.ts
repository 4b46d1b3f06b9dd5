import type { MutationArgs, MutationName, StaffProfile } from '$lib/domain';
import type { ReplicaDb } from '../replica';

export interface EffectContext {
	staffId: string;
	marketCode: StaffProfile['marketCode'];
}

/**
 * The tablet's side of one mutation: the optimistic effect written in the same transaction as
 * the outbox entry. `apply` must be idempotent (puts of the rows the server will send back): it
 * runs again after every pull while the mutation is pending. `undo` removes the effect of an
 * action staff discarded after the server rejected it.
 */
export interface Effect<N extends MutationName> {
	/** The record the action creates or changes, shown with its sync state. */
	subject(args: MutationArgs<N>): string;
	apply(db: ReplicaDb, args: MutationArgs<N>, ctx: EffectContext): Promise<void>;
	undo(db: ReplicaDb, args: MutationArgs<N>): Promise<void>;
}
