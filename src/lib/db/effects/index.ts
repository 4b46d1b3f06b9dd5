import type { MutationName } from '$lib/domain';
import { recordCleaning } from './cleaning';
import * as swaps from './swaps';
import * as customers from './customers';
import * as rentals from './rentals';
import * as reservations from './reservations';
import type { Effect } from './types';

/** Every mutation's local effect; a mutation without one is a compile error. */
export const effects: { [N in MutationName]: Effect<N> } = {
	recordCleaning,
	...rentals,
	...reservations,
	...swaps,
	...customers
};

export type { Effect, EffectContext } from './types';
