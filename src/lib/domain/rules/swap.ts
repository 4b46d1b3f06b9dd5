import { z } from 'zod';
import type { ComponentPart, DeviceComponent } from '../entities';
import type { MarketPolicy } from '../market';
import { reason, type Reason, type RuleId, type Verdict } from '../verdict';
import { list, type ComponentFacts, type ModelFacts, type PosFacts } from './common';

/**
 * What every swap shares, warranty (WAR) or Care Plus accidental damage (CP):
 *   - WAR-3 / CP-3 (BG 5.2): which units the swap covers — only the faulty component, the whole
 *     device when every component is faulty or it is one-piece;
 *   - WAR-4: the replacement models allowed — the same model, or one of at least equivalent
 *     function; an old generation gets the current model; colour may differ;
 *   - WAR-5: the new unit becomes the customer's, the old one the swapping party's;
 *   - WAR-6: what a claim records;
 *   - WAR-7 (HU): which points of sale may swap.
 */

export interface SwapCoverage {
	scope: 'component' | 'whole_device';
	/** The serials handed in and replaced. */
	serials: string[];
	parts: ComponentPart[];
}

/** A swap verdict also says what it covers (WAR-3) and which models may replace it (WAR-4). */
export interface SwapVerdict extends Verdict {
	covers: SwapCoverage;
	replacementModels: string[];
}

/** WAR-6 (BG 5.4, 6.4): what the claim records. Proof of purchase may be requested. */
export const SwapClaim = z.object({
	symptoms: z.string(),
	/** Error messages or lights shown ("none" is an answer). */
	errorSignals: z.string(),
	/** What the customer tried before. */
	stepsTried: z.string(),
	/** Date on a proof of purchase shown at the counter, when the system has none. */
	proofOfPurchaseDate: z.iso.date().nullable()
});
export type SwapClaim = z.infer<typeof SwapClaim>;

/** WAR-6: every field of the claim filled in. */
export function claimReasons(claim: SwapClaim | null): Reason[] {
	const missing = !claim
		? ['symptoms', 'errorSignals', 'stepsTried']
		: (['symptoms', 'errorSignals', 'stepsTried'] as const).filter((k) => claim[k].trim() === '');
	return missing.length > 0
		? [reason('WAR-6', 'block', 'war.claimIncomplete', { missing: list(missing) })]
		: [reason('WAR-6', 'ok', 'war.claimComplete')];
}

/** WAR-3: what a swap of these faulty units of one device covers. */
export function swapCoverage(
	model: ModelFacts,
	faulty: readonly Pick<ComponentFacts, 'serial' | 'part' | 'deviceId'>[],
	rule: RuleId = 'WAR-3'
): { covers: SwapCoverage; reasons: Reason[] } {
	const serials = faulty.map((c) => c.serial);
	const parts = [...new Set(faulty.map((c) => c.part))];
	const empty: SwapCoverage = { scope: 'component', serials: [], parts: [] };
	if (faulty.length === 0)
		return { covers: empty, reasons: [reason(rule, 'block', 'war.nothingFaulty')] };
	if (new Set(faulty.map((c) => c.deviceId)).size > 1 || parts.length !== faulty.length)
		return { covers: empty, reasons: [reason(rule, 'block', 'war.mixedDevices')] };
	const expected: ComponentPart[] = model.kind === 'one_piece' ? ['device'] : ['holder', 'charger'];
	if (parts.some((p) => !expected.includes(p)))
		return {
			covers: empty,
			reasons: [reason(rule, 'block', 'war.partMismatch', { parts: list(parts) })]
		};
	const whole = expected.every((p) => parts.includes(p));
	const covers: SwapCoverage = { scope: whole ? 'whole_device' : 'component', serials, parts };
	return {
		covers,
		reasons: [
			whole
				? reason(rule, 'ok', 'war.coversWholeDevice', { serials: list(serials) })
				: reason(rule, 'ok', 'war.coversComponent', { parts: list(parts), serials: list(serials) })
		]
	};
}

/** WAR-4: the models that may replace `modelId`, in order of preference. */
export function allowedReplacementModels(modelId: string, market: MarketPolicy): string[] {
	const { retiredModels, equivalents } = market.replacements;
	const same = retiredModels.includes(modelId) ? [] : [modelId];
	return [...new Set([...same, ...(equivalents[modelId] ?? [])])];
}

export interface ReplacementUnit {
	serial: string;
	modelId: string;
	part: ComponentPart;
	customerId: string | null;
}

/**
 * WAR-4 and WAR-5: the allowed models, checked against the stock if known and against the
 * units chosen as replacements if already picked.
 */
export function replacementReasons(
	modelId: string,
	covers: SwapCoverage,
	market: MarketPolicy,
	opts: { inStock?: readonly string[]; replacements?: readonly ReplacementUnit[] }
): { models: string[]; reasons: Reason[] } {
	const models = allowedReplacementModels(modelId, market);
	const reasons: Reason[] = [];
	if (models.length === 0) {
		reasons.push(reason('WAR-4', 'block', 'war.noReplacementModel', { model: modelId }));
		return { models, reasons };
	}
	reasons.push(reason('WAR-4', 'ok', 'war.replacementModels', { models: list(models) }));
	if (opts.inStock && !models.some((m) => opts.inStock!.includes(m)))
		reasons.push(reason('WAR-4', 'override', 'war.noReplacementInStock', { models: list(models) }));
	for (const unit of opts.replacements ?? []) {
		if (!models.includes(unit.modelId))
			reasons.push(
				reason('WAR-4', 'override', 'war.replacementModelNotAllowed', {
					serial: unit.serial,
					model: unit.modelId
				})
			);
		if (unit.customerId !== null)
			reasons.push(reason('WAR-5', 'block', 'war.replacementOwned', { serial: unit.serial }));
	}
	if (opts.replacements && covers.serials.length > 0) {
		const parts = opts.replacements.map((u) => u.part).sort();
		if (parts.join() !== [...covers.parts].sort().join())
			reasons.push(
				reason('WAR-5', 'block', 'war.replacementPartsMismatch', { parts: list(covers.parts) })
			);
	}
	reasons.push(reason('WAR-5', 'ok', 'war.ownershipMoves'));
	return { models, reasons };
}

/** WAR-7 (HU): may this point of sale swap this model? */
export function posSwapReasons(pos: PosFacts, market: MarketPolicy, modelId: string): Reason[] {
	const reasons: Reason[] = [];
	if (!pos.capabilities.swap) reasons.push(reason('WAR-7', 'block', 'war.posNoSwap'));
	if (pos.reducedAssortment && !market.swaps.reducedAssortmentMaySwap)
		reasons.push(reason('WAR-7', 'block', 'war.reducedAssortment'));
	if (pos.kind === 'tobacconist') {
		if (!market.swaps.tobacconistsMaySwap)
			reasons.push(reason('WAR-7', 'block', 'war.tobacconistNoSwap'));
		else if (market.swaps.tobacconistSameTypeOnly && !pos.modelsSold.includes(modelId))
			reasons.push(reason('WAR-7', 'block', 'war.typeNotSold', { model: modelId }));
	}
	if (reasons.length === 0) reasons.push(reason('WAR-7', 'ok', 'war.posMaySwap'));
	return reasons;
}

/** REG-4 (BG 3.2, 5.3): a unit whose serial was altered, erased or removed gets no replacement. */
export function serialIntactReason(serialIntact: boolean | null): Reason {
	if (serialIntact === null) return reason('REG-4', 'block', 'reg.serialUnchecked');
	return serialIntact
		? reason('REG-4', 'ok', 'reg.serialIntact')
		: reason('REG-4', 'block', 'reg.serialAltered');
}

export interface SwapResult<C> {
	/** The faulty units: now the swapping party's (no customer). */
	released: C[];
	/** The new units: registered to the customer. */
	registered: C[];
}

/**
 * WAR-5: carry out a swap. The new unit takes the old one's place in the device: registered to
 * the customer, same device id and part, the original purchase date (the cover is not renewed
 * by a swap), and for an accidental-damage swap the replacement count + 1 (CP-3, EXT-4).
 */
export function applySwap<C extends DeviceComponent>(
	faulty: readonly C[],
	replacements: readonly ReplacementUnit[],
	customerId: string,
	kind: 'warranty' | 'accidental',
	at: Date
): SwapResult<C> {
	const registered = faulty.map((old) => {
		const unit = replacements.find((r) => r.part === old.part);
		if (!unit) throw new Error(`WAR-5: no replacement for the ${old.part}`);
		if (unit.customerId !== null) throw new Error('WAR-5: the replacement is registered already');
		return {
			...old,
			serial: unit.serial,
			modelId: unit.modelId,
			customerId,
			registeredAt: at.toISOString(),
			replacementsUsed: old.replacementsUsed + (kind === 'accidental' ? 1 : 0)
		};
	});
	const released = faulty.map((old) => ({ ...old, customerId: null, registeredAt: null }));
	return { released, registered };
}
