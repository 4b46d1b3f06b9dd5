/**
 * Test helper (imported by specs only): a random "world" and every service verdict function
 * fed from it, for the property tests (blacklist, message keys).
 */
import fc from 'fast-check';
import type { Age3Answers, IdCheck } from '../attestations';
import { MARKETS, MarketCode } from '../market';
import type { Verdict } from '../verdict';
import { accessoryDiscountVerdict, carePlusEnrolVerdict, carePlusSwapVerdict } from './careplus';
import { buyBackVerdict } from './buyback';
import { cleaningVerdict } from './cleaning';
import type { ComponentFacts, CustomerFacts, ModelFacts, PosFacts } from './common';
import { extendedWarrantySaleVerdict } from './extended';
import {
	CLAIM,
	CLEAR_CP,
	CLEAR_WAR,
	KIOSK,
	STORE,
	TOBACCONIST,
	carePlus,
	device
} from './fixtures';
import { internationalSupportVerdict } from './international';
import { registerDeviceVerdict, transferOwnershipVerdict } from './registration';
import { rentalStartVerdict } from './rental';
import { reservationPickupVerdict } from './reservation';
import { warrantySwapVerdict } from './warranty';

export interface World {
	code: MarketCode;
	at: Date;
	customer: CustomerFacts;
	model: ModelFacts;
	units: ComponentFacts[];
	pos: PosFacts;
	flag: boolean[];
	id: IdCheck | null;
	answers: Age3Answers | null;
	count: number;
}

const MODELS: ModelFacts[] = [
	{ id: 'iluma', kind: 'two_piece' },
	{ id: 'iqos-3-duo', kind: 'two_piece' },
	{ id: 'iqos-24-plus', kind: 'two_piece' },
	{ id: 'iqos-3-multi', kind: 'one_piece' }
];

const day = (d: Date) => d.toISOString().slice(0, 10);
const nullableBool = fc.constantFrom(true, false, null);

export const worldArb: fc.Arbitrary<World> = fc
	.record({
		code: fc.constantFrom(...MarketCode.options),
		at: fc.date({
			min: new Date('2025-01-01T00:00:00Z'),
			max: new Date('2027-12-31T00:00:00Z'),
			noInvalidDate: true
		}),
		birth: fc.date({
			min: new Date('1950-01-01T00:00:00Z'),
			max: new Date('2015-12-31T00:00:00Z'),
			noInvalidDate: true
		}),
		registered: fc.boolean(),
		blacklisted: fc.boolean(),
		cpSince: fc.option(
			fc.date({
				min: new Date('2024-06-01T00:00:00Z'),
				max: new Date('2027-06-01T00:00:00Z'),
				noInvalidDate: true
			})
		),
		model: fc.constantFrom(...MODELS),
		bought: fc.date({
			min: new Date('2024-01-01T00:00:00Z'),
			max: new Date('2027-12-01T00:00:00Z'),
			noInvalidDate: true
		}),
		owner: fc.constantFrom('c-1', 'c-2', null),
		used: fc.nat(2),
		pos: fc.constantFrom(STORE, TOBACCONIST, KIOSK),
		flag: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
		idSeen: fc.boolean(),
		original: fc.boolean(),
		nicotineUser: nullableBool,
		pregnant: nullableBool,
		count: fc.nat(3)
	})
	.map((r) => ({
		code: r.code,
		at: r.at,
		customer: {
			id: 'c-1',
			registered: r.registered,
			dateOfBirth: day(r.birth),
			blacklisted: r.blacklisted,
			carePlus: r.cpSince ? carePlus(r.cpSince.toISOString()) : null
		},
		model: r.model,
		units: device(r.model, {
			market: MARKETS[r.code],
			customerId: r.owner,
			purchasedOn: day(r.bought),
			replacementsUsed: r.used
		}),
		pos: r.pos,
		flag: r.flag,
		id: r.idSeen
			? {
					seen: true,
					type: 'passport' as const,
					lastCharacters: '77AB',
					original: r.original,
					valid: true
				}
			: null,
		answers: { nicotineUser: r.nicotineUser, pregnant: r.pregnant },
		count: r.count
	}));

/** Every service a customer may be refused when blacklisted (RNT-7), fed from one world. */
export const SERVICES: Record<string, (w: World) => Verdict> = {
	registerDeviceVerdict: (w) =>
		registerDeviceVerdict({
			market: MARKETS[w.code],
			customer: w.customer,
			rawSerial: w.flag[0] ? w.units[0]!.serial : '7622100100037',
			component: w.units[0]!,
			codeSource: w.flag[1] ? 'box' : null,
			personalUse: w.flag[2] ?? null,
			devicesRegistered: w.count,
			at: w.at
		}),
	transferOwnershipVerdict: (w) =>
		transferOwnershipVerdict({
			market: MARKETS[w.code],
			component: w.units[0]!,
			from: { id: 'c-2' },
			to: w.customer,
			ownerConsents: w.flag[0]!,
			at: w.at
		}),
	warrantySwapVerdict: (w) =>
		warrantySwapVerdict({
			market: MARKETS[w.code],
			pos: w.pos,
			customer: w.customer,
			model: w.model,
			faulty: w.flag[3] ? w.units : w.units.slice(0, 1),
			checklist: { ...CLEAR_WAR, normalWear: w.flag[4]! },
			serialIntact: w.flag[5]!,
			claim: w.flag[6] ? CLAIM : null,
			at: w.at
		}),
	carePlusSwapVerdict: (w) =>
		carePlusSwapVerdict({
			market: MARKETS[w.code],
			pos: w.pos,
			customer: w.customer,
			model: w.model,
			damaged: w.flag[3] ? w.units : w.units.slice(0, 1),
			checklist: { ...CLEAR_CP, lossOrTheft: w.flag[4]! },
			damagedOn: day(w.at),
			serialIntact: w.flag[5]!,
			claim: w.flag[6] ? CLAIM : null,
			at: w.at
		}),
	carePlusEnrolVerdict: (w) =>
		carePlusEnrolVerdict({
			market: MARKETS[w.code],
			customer: w.customer,
			model: w.model,
			units: w.units,
			answers: w.answers,
			resident: w.flag[7]!,
			termsAccepted: w.flag[8]!,
			activeCareRequested: w.flag[9]!,
			unitsRegisteredBefore: w.count,
			at: w.at
		}),
	accessoryDiscountVerdict: (w) =>
		accessoryDiscountVerdict({
			market: MARKETS[w.code],
			pos: w.pos,
			customer: w.customer,
			lines: [
				{
					sku: 'CASE',
					category: w.flag[0] ? 'accessory' : 'cleaning_tool',
					price: 1000,
					otherDiscount: w.flag[1]!
				}
			],
			at: w.at
		}),
	extendedWarrantySaleVerdict: (w) =>
		extendedWarrantySaleVerdict({
			market: MARKETS[w.code],
			pos: w.pos,
			customer: w.customer,
			model: w.model,
			units: w.units,
			months: w.count,
			answers: w.answers,
			at: w.at
		}),
	cleaningVerdict: (w) =>
		cleaningVerdict({
			market: MARKETS[w.code],
			pos: w.pos,
			customer: w.customer,
			component: w.units[0]!,
			otherCleanings: Array.from({ length: w.count }, () => w.at),
			at: w.at,
			stickRequested: w.flag[0],
			sticksInStock: w.count
		}),
	rentalStartVerdict: (w) =>
		rentalStartVerdict({
			market: MARKETS[w.code],
			pos: w.pos,
			customer: w.customer,
			registeredDevices: w.flag[0] ? 0 : w.count,
			previousRentals: w.flag[1] ? 0 : w.count,
			staffApproves: w.flag[2]!,
			contract: w.flag[3]
				? {
						modelId: 'iluma',
						price: 100,
						currency: MARKETS[w.code].currency,
						days: 7,
						returnTermsSigned: w.flag[4]!
					}
				: null,
			id: w.id,
			answers: w.answers,
			at: w.at
		}),
	reservationPickupVerdict: (w) =>
		reservationPickupVerdict({
			market: MARKETS[w.code],
			pos: w.pos,
			customer: w.customer,
			reservation: {
				id: 'rs',
				code: 'X',
				customerId: w.flag[0] ? 'c-1' : 'c-2',
				posId: w.pos.id,
				confirmedAt: new Date(w.at.getTime() - w.count * 20 * 3_600_000).toISOString(),
				status: w.flag[1] ? 'open' : 'cancelled'
			},
			resident: w.flag[2]!,
			dataMatch: w.flag[3]!,
			id: w.id,
			answers: w.answers,
			at: w.at
		}),
	buyBackVerdict: (w) =>
		buyBackVerdict({
			market: MARKETS[w.code],
			customer: w.customer,
			units: w.units,
			videosWatched: w.flag[0]!,
			at: w.at
		}),
	internationalSupportVerdict: (w) =>
		internationalSupportVerdict({
			home: MARKETS[w.code],
			country: w.flag[0] ? 'LV' : 'BG',
			customer: w.customer,
			unit: w.units[0]!,
			at: w.at
		})
};

/** Verdict functions that guard a customer's own right (leave, cancel, return, account). */
export const RIGHTS = [
	'rentalReturnVerdict',
	'reservationCancelVerdict',
	'contactChangeVerdict',
	'accountDeletionVerdict'
];
