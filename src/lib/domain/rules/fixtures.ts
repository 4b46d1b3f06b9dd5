/**
 * Test fixtures for the rule specs (imported by *.spec.ts only): customers, points of sale,
 * devices and attestations in a state where every rule passes, to be bent one field at a time.
 */
import type { Age3Answers, IdCheck } from '../attestations';
import type { CarePlus } from '../entities';
import { MARKETS, type MarketPolicy } from '../market';
import { outcome, type Reason, type RuleId, type Verdict } from '../verdict';
import type { ComponentFacts, CustomerFacts, ModelFacts, PosFacts } from './common';
import type { CarePlusExclusions } from './careplus';
import type { SwapClaim } from './swap';
import type { WarrantyExclusions } from './warranty';

export const { LV, HU, BG, CZ, GE } = MARKETS;
export const at = (iso: string) => new Date(iso);

export const ALL_MODELS = [
	'iqos-24-plus',
	'iqos-3-duo',
	'iluma',
	'iluma-prime',
	'iqos-3-multi',
	'iluma-one'
];
export const ILUMA: ModelFacts = { id: 'iluma', kind: 'two_piece' };
export const DUO: ModelFacts = { id: 'iqos-3-duo', kind: 'two_piece' };
export const PLUS24: ModelFacts = { id: 'iqos-24-plus', kind: 'two_piece' };
export const MULTI: ModelFacts = { id: 'iqos-3-multi', kind: 'one_piece' };

export function customer(over: Partial<CustomerFacts> = {}): CustomerFacts {
	return {
		id: 'c-1',
		registered: true,
		dateOfBirth: '1990-06-15',
		blacklisted: false,
		carePlus: null,
		...over
	};
}

export function carePlus(acceptedAt: string, over: Partial<CarePlus> = {}): CarePlus {
	return {
		acceptedAt,
		endedAt: null,
		activeCareConsent: false,
		activeCareWithdrawnAt: null,
		...over
	};
}

const CAPS_ALL = {
	swap: true,
	cleaningTools: true,
	rental: true,
	reservations: true,
	extendedWarranty: true
};

export const STORE: PosFacts = {
	id: 'pos-store',
	kind: 'iqos_store',
	reducedAssortment: false,
	capabilities: CAPS_ALL,
	modelsSold: ALL_MODELS
};
export const TOBACCONIST: PosFacts = {
	id: 'pos-tob',
	kind: 'tobacconist',
	reducedAssortment: false,
	capabilities: { ...CAPS_ALL, cleaningTools: false, rental: false, extendedWarranty: false },
	modelsSold: ['iluma', 'iluma-prime', 'iluma-one']
};
export const KIOSK: PosFacts = {
	id: 'pos-kiosk',
	kind: 'tobacconist',
	reducedAssortment: true,
	capabilities: {
		swap: false,
		cleaningTools: false,
		rental: false,
		reservations: false,
		extendedWarranty: false
	},
	modelsSold: ['iluma-one']
};
export const NOTHING: PosFacts = { ...KIOSK, id: 'pos-none', reducedAssortment: false };

/** The units of one device: holder + charger, or the one-piece device. */
export function device(
	model: ModelFacts,
	over: Partial<ComponentFacts> & { market?: MarketPolicy } = {}
): ComponentFacts[] {
	const { market = GE, ...rest } = over;
	const base = {
		deviceId: 'd-1',
		modelId: model.id,
		customerId: 'c-1',
		purchasedOn: '2026-01-10',
		replacementsUsed: 0,
		marketCode: market.code,
		purchaseCountry: null,
		extendedWarrantyUntil: null,
		...rest
	};
	if (model.kind === 'one_piece')
		return [{ ...base, serial: `${market.code}D0000001`, part: 'device' }];
	return [
		{ ...base, serial: `${market.code}H0000001`, part: 'holder' },
		{ ...base, serial: `${market.code}C0000001`, part: 'charger' }
	];
}

export const CLEAR_WAR: WarrantyExclusions = {
	normalWear: false,
	cosmeticDamage: false,
	misuseSurgeLiquidFire: false,
	incompatibleProduct: false,
	openedOrRepaired: false,
	manualNotFollowed: false,
	lostStolenOrForced: false
};

/** A swap's WAR-2 checklist with every point answered "no" (EXT-3's point not asked). */
export const WARRANTY_CHECKLIST_CLEAR: WarrantyExclusions = {
	...CLEAR_WAR,
	lostStolenOrForced: null
};

export const CLEAR_CP: CarePlusExclusions = {
	misuseOrModification: false,
	openedOrRepaired: false,
	lossOrTheft: false,
	cosmeticOnly: false,
	normalWear: false,
	liquidFireDisaster: false,
	incompatibleProduct: false,
	manualNotFollowed: false,
	manufacturingDefect: false
};

export const CLAIM: SwapClaim = {
	symptoms: 'Does not heat',
	errorSignals: 'Light flashes red twice',
	stepsTried: 'Reset, charged overnight',
	proofOfPurchaseDate: null
};

export const ID_OK: IdCheck = {
	seen: true,
	type: 'id_card',
	lastCharacters: '4821',
	original: true,
	valid: true
};
export const ANSWERS_OK: Age3Answers = { nicotineUser: true, pregnant: false };

/** "RULE:severity:key" of every reason, for compact expectations. */
export const summary = (v: Pick<Verdict, 'reasons'>) =>
	v.reasons.map((r) => `${r.rule}:${r.severity}:${r.key}`);
export const of = (v: Pick<Verdict, 'reasons'>, rule: RuleId): Reason[] =>
	v.reasons.filter((r) => r.rule === rule);
/** The worst severity the verdict gives under one rule (ok if the rule is absent). */
export const worstOf = (v: Pick<Verdict, 'reasons'>, rule: RuleId) =>
	outcome({ reasons: of(v, rule) });
