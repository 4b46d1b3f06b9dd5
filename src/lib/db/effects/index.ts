import type { MutationName } from '$lib/domain';
import { recordCleaning } from './cleaning';
import type { Effect } from './types';

/** Every mutation's local effect; a mutation without one is a compile error. */
export const effects: { [N in MutationName]: Effect<N> } = {
	recordCleaning
};

export type { Effect, EffectContext } from './types';
