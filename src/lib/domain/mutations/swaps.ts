import { z } from 'zod';
import type { DeviceComponent, PointOfSale, ServiceRecord } from '../entities';
import type { MarketCode, MarketPolicy } from '../market';
import { OverrideArgs } from '../override';
import { normalizeSerial } from '../serial';
import { CarePlusExclusions, carePlusSwapVerdict } from '../rules/careplus';
import type { CustomerFacts, ModelFacts } from '../rules/common';
import { applySwap, SwapClaim, type ReplacementUnit, type SwapVerdict } from '../rules/swap';
import { WarrantyExclusions, warrantySwapVerdict } from '../rules/warranty';

/**
 * The swap group's mutations (issue 6): warranty swap (WAR-1..7) and Care Plus accidental-damage
 * swap (CP-1..4, EXT-4) of one device's faulty unit(s) against units from this point of sale's
 * stock; and the stock of a point of sale — replacement units received by serial, cleaning
 * sticks counted, faulty units taken in (WAR-5) returned to the partner.
 *
 * The pure builders below make the same verdict and the same rows on the tablet and on the
 * server: each side feeds them its own copy of the rows.
 */

const Serial = z
	.string()
	.min(1)
	.max(64)
	.transform((s) => normalizeSerial(s));
const Instant = z.iso.datetime({ offset: true });

export const SwapKind = z.enum(['warranty', 'accidental']);
export type SwapKind = z.infer<typeof SwapKind>;

export const RecordSwapArgs = z.object({
	serviceId: z.uuid(),
	kind: SwapKind,
	customerId: z.string().min(1),
	posId: z.string().min(1),
	performedAt: Instant,
	/** The faulty units handed in (one device): only these are replaced (WAR-3). */
	faultySerials: z.array(Serial).min(1).max(2),
	/** Units from this point of sale's stock, one per faulty part (WAR-4, WAR-5). */
	replacementSerials: z.array(Serial).min(1).max(2),
	/** WAR-6: the claim's facts. */
	claim: SwapClaim,
	/** WAR-2 answers (warranty swap); null for an accidental-damage swap. */
	warrantyChecklist: WarrantyExclusions.nullable(),
	/** CP-4 answers (Care Plus swap); null for a warranty swap. */
	carePlusChecklist: CarePlusExclusions.nullable(),
	/** CP-4: when the accidental damage happened (local date), as the customer says. */
	damagedOn: z.iso.date().nullable(),
	/** REG-4: staff checked the serial on the unit is not altered, erased or removed. */
	serialIntact: z.boolean(),
	override: OverrideArgs.nullable().optional()
});
export type RecordSwapArgs = z.infer<typeof RecordSwapArgs>;

export const StockUnit = z.object({
	serial: Serial,
	modelId: z.string().min(1),
	part: z.enum(['device', 'holder', 'charger'])
});
export type StockUnit = z.infer<typeof StockUnit>;

export const ReceiveStockUnitsArgs = z.object({
	receiptId: z.uuid(),
	posId: z.string().min(1),
	performedAt: Instant,
	units: z.array(StockUnit).min(1).max(100)
});
export type ReceiveStockUnitsArgs = z.infer<typeof ReceiveStockUnitsArgs>;

export const CountStockArgs = z.object({
	countId: z.uuid(),
	posId: z.string().min(1),
	sku: z.string().min(1),
	/** What staff counted on the shelf: the stock becomes this. */
	quantity: z.number().int().min(0).max(100_000),
	performedAt: Instant
});
export type CountStockArgs = z.infer<typeof CountStockArgs>;

export const ReturnFaultyUnitsArgs = z.object({
	returnId: z.uuid(),
	posId: z.string().min(1),
	performedAt: Instant,
	serials: z.array(Serial).min(1).max(100)
});
export type ReturnFaultyUnitsArgs = z.infer<typeof ReturnFaultyUnitsArgs>;

export const swapsMutations = {
	recordSwap: RecordSwapArgs,
	receiveStockUnits: ReceiveStockUnitsArgs,
	countStock: CountStockArgs,
	returnFaultyUnits: ReturnFaultyUnitsArgs
} as const;

/** Every WAR-2 point unanswered: the form's starting state. */
export const EMPTY_WARRANTY_CHECKLIST: WarrantyExclusions = {
	normalWear: null,
	cosmeticDamage: null,
	misuseSurgeLiquidFire: null,
	incompatibleProduct: null,
	openedOrRepaired: null,
	manualNotFollowed: null,
	lostStolenOrForced: null
};

/** Every CP-4 point unanswered. */
export const EMPTY_CAREPLUS_CHECKLIST: CarePlusExclusions = {
	misuseOrModification: null,
	openedOrRepaired: null,
	lossOrTheft: null,
	cosmeticOnly: null,
	normalWear: null,
	liquidFireDisaster: null,
	incompatibleProduct: null,
	manualNotFollowed: null,
	manufacturingDefect: null
};

/** A unit held at a point of sale as replacement stock: there, in working order, nobody's. */
export function inStockAt(unit: DeviceComponent, posId: string): boolean {
	return unit.atPosId === posId && (unit.condition ?? 'ok') === 'ok' && unit.customerId === null;
}

/** A faulty unit taken in by a swap at this point of sale, not yet returned (WAR-5). */
export function takenInAt(unit: DeviceComponent, posId: string): boolean {
	return unit.atPosId === posId && unit.condition === 'faulty' && unit.customerId === null;
}

/**
 * Why a unit cannot be the replacement in this swap, or null when it can: the faulty unit is
 * never its own replacement, and the unit must be in this point of sale's stock.
 */
export function replacementProblem(
	unit: DeviceComponent | undefined,
	serial: string,
	faultySerials: readonly string[],
	posId: string
): string | null {
	if (faultySerials.includes(serial)) return 'swap.replacementIsFaulty';
	if (!unit) return 'swap.replacementUnknown';
	if (unit.customerId !== null) return 'war.replacementOwned';
	if (unit.condition && unit.condition !== 'ok') return 'swap.replacementNotOk';
	if (unit.atPosId !== posId) return 'swap.replacementNotHere';
	return null;
}

export interface SwapFacts {
	market: MarketPolicy;
	pos: Pick<PointOfSale, 'id' | 'kind' | 'reducedAssortment' | 'capabilities' | 'modelsSold'>;
	customer: CustomerFacts;
	model: ModelFacts;
	faulty: readonly DeviceComponent[];
	replacements: readonly DeviceComponent[];
	/** Model ids of the units in this point of sale's stock (WAR-4). */
	stockModels?: readonly string[];
	at: Date;
}

export type SwapInput = Pick<
	RecordSwapArgs,
	| 'kind'
	| 'claim'
	| 'warrantyChecklist'
	| 'carePlusChecklist'
	| 'damagedOn'
	| 'serialIntact'
	| 'faultySerials'
>;

const asReplacement = (u: DeviceComponent): ReplacementUnit => ({
	serial: u.serial,
	modelId: u.modelId,
	part: u.part,
	customerId: u.customerId
});

/** The verdict of a swap, the same on the tablet (preview) and on the server (authority). */
export function swapVerdict(
	input: Omit<SwapInput, 'serialIntact'> & { serialIntact: boolean | null },
	facts: SwapFacts
): SwapVerdict {
	const common = {
		market: facts.market,
		pos: facts.pos,
		customer: facts.customer,
		model: facts.model,
		serialIntact: input.serialIntact,
		claim: input.claim,
		...(facts.stockModels ? { inStock: facts.stockModels } : {}),
		...(facts.replacements.length ? { replacements: facts.replacements.map(asReplacement) } : {}),
		at: facts.at
	};
	return input.kind === 'warranty'
		? warrantySwapVerdict({
				...common,
				faulty: facts.faulty,
				checklist: input.warrantyChecklist ?? EMPTY_WARRANTY_CHECKLIST
			})
		: carePlusSwapVerdict({
				...common,
				damaged: facts.faulty,
				checklist: input.carePlusChecklist ?? EMPTY_CAREPLUS_CHECKLIST,
				damagedOn: input.damagedOn
			});
}

export interface SwapPair {
	part: DeviceComponent['part'];
	faulty: string;
	replacement: string;
	faultyModelId: string;
	replacementModelId: string;
}

/** Which replacement takes the place of which faulty unit: by part (WAR-3). */
export function swapPairs(
	faulty: readonly DeviceComponent[],
	replacements: readonly DeviceComponent[]
): SwapPair[] | null {
	const pairs: SwapPair[] = [];
	for (const old of faulty) {
		const unit = replacements.find((r) => r.part === old.part);
		if (!unit) return null;
		pairs.push({
			part: old.part,
			faulty: old.serial,
			replacement: unit.serial,
			faultyModelId: old.modelId,
			replacementModelId: unit.modelId
		});
	}
	return pairs.length === replacements.length ? pairs : null;
}

/**
 * WAR-5 rows after the swap: the replacements registered to the customer in the faulty units'
 * place (same device id and part, original purchase date — or the proof of purchase's —, for an
 * accidental-damage swap the replacement count + 1, CP-3/EXT-4), and the faulty units taken in
 * by this point of sale (nobody's, held here, condition `faulty`, out of the customer's kit).
 */
export function swapRows(
	args: Pick<RecordSwapArgs, 'kind' | 'customerId' | 'posId' | 'claim'>,
	faulty: readonly DeviceComponent[],
	replacements: readonly DeviceComponent[],
	at: Date
): DeviceComponent[] {
	const { registered, released } = applySwap(
		faulty,
		replacements.map(asReplacement),
		args.customerId,
		args.kind,
		at
	);
	const proof = args.claim.proofOfPurchaseDate;
	return [
		...registered.map((u) => ({
			...u,
			purchasedOn: u.purchasedOn ?? proof,
			atPosId: null,
			condition: 'ok' as const
		})),
		...released.map((u) => ({
			...u,
			deviceId: `taken-in:${u.serial}`,
			atPosId: args.posId,
			condition: 'faulty' as const
		}))
	];
}

/** The service record of a swap — the same row on the tablet and on the server. */
export function swapRecord(
	args: RecordSwapArgs,
	pairs: readonly SwapPair[],
	staffId: string,
	marketCode: MarketCode,
	recordedAt: string | null = null
): ServiceRecord {
	return {
		id: args.serviceId,
		type: args.kind === 'warranty' ? 'warranty_swap' : 'careplus_swap',
		marketCode,
		customerId: args.customerId,
		serial: args.faultySerials[0]!,
		posId: args.posId,
		staffId,
		performedAt: args.performedAt,
		recordedAt,
		status: 'recorded',
		flaggedRules: [],
		details: {
			kind: args.kind,
			claim: args.claim,
			checklist: args.kind === 'warranty' ? args.warrantyChecklist : args.carePlusChecklist,
			...(args.kind === 'accidental' ? { damagedOn: args.damagedOn } : {}),
			serialIntact: args.serialIntact,
			pairs: pairs.map((p) => ({ ...p })),
			...(args.override ? { override: args.override } : {})
		}
	};
}

/** A unit received into stock: a new row, or the known unit moved here (model and part kept). */
export function receivedUnit(
	unit: StockUnit,
	known: DeviceComponent | undefined,
	posId: string,
	marketCode: MarketCode
): DeviceComponent {
	if (known) return { ...known, atPosId: posId, condition: 'ok' };
	return {
		serial: unit.serial,
		deviceId: `stock:${unit.serial}`,
		modelId: unit.modelId,
		part: unit.part,
		marketCode,
		customerId: null,
		purchasedOn: null,
		registeredAt: null,
		replacementsUsed: 0,
		atPosId: posId,
		condition: 'ok'
	};
}

/** Why a unit cannot be received into stock here, or null. */
export function receiveProblem(known: DeviceComponent | undefined): string | null {
	if (!known) return null;
	if (known.customerId !== null) return 'stock.ownedByCustomer';
	if (known.condition === 'faulty') return 'stock.faultyUnit';
	return null;
}

/** The label of a stock line the count creates when the point of sale has none yet. */
export const STOCK_LABELS: Record<string, string> = {
	'CLEAN-STICK': 'Cleaning stick (demonstration)'
};
