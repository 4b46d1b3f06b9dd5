import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as domain from '../index';
import type { DeviceComponent } from '../entities';
import { MARKETS, MarketCode } from '../market';
import { monthKey } from '../time';
import { outcome } from '../verdict';
import { RIGHTS, SERVICES, worldArb } from './battery';
import { carePlusSwapVerdict } from './careplus';
import { cleaningVerdict } from './cleaning';
import { BG, CLAIM, CLEAR_CP, DUO, STORE, carePlus, customer } from './fixtures';
import { registerDeviceVerdict, transferOwnershipVerdict } from './registration';
import { applySwap } from './swap';

/**
 * Properties over random sequences of counter actions: whatever the order and the timing, the
 * verdict functions never let the state break a rule.
 */

describe('properties', () => {
	it('CLN-2 pass/fail: cleanings accepted per customer per calendar month never exceed the quota', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...MarketCode.options),
				fc.array(
					fc.record({
						who: fc.nat(2),
						// three months around two month ends, to the minute
						at: fc.integer({
							min: Date.parse('2026-01-25T00:00:00Z'),
							max: Date.parse('2026-04-05T00:00:00Z')
						})
					}),
					{ maxLength: 60 }
				),
				(code, attempts) => {
					const market = MARKETS[code];
					const accepted = new Map<string, Date[]>();
					for (const a of attempts) {
						const id = `c-${a.who}`;
						const mine = accepted.get(id) ?? [];
						const v = cleaningVerdict({
							market,
							pos: STORE,
							customer: { id, registered: true, dateOfBirth: '1990-01-01', blacklisted: false },
							component: { serial: `S${a.who}XXXXXXX`, customerId: id },
							otherCleanings: mine,
							at: new Date(a.at)
						});
						if (v.allowed) accepted.set(id, [...mine, new Date(a.at)]);
					}
					for (const list of accepted.values()) {
						const perMonth = new Map<string, number>();
						for (const t of list)
							perMonth.set(
								monthKey(t, market.timeZone),
								(perMonth.get(monthKey(t, market.timeZone)) ?? 0) + 1
							);
						for (const n of perMonth.values())
							expect(n).toBeLessThanOrEqual(market.cleaningsPerMonth);
					}
				}
			),
			{ numRuns: 200 }
		);
	});

	it('CP-3 pass/fail: at most one accidental-damage replacement per component, extended warranty or not (EXT-4)', () => {
		const member = customer({ carePlus: carePlus('2026-01-01T09:00:00Z') });
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						device: fc.nat(1),
						parts: fc.subarray(['holder', 'charger'] as const, { minLength: 1 }),
						extend: fc.boolean(),
						day: fc.integer({ min: 1, max: 300 })
					}),
					{ maxLength: 25 }
				),
				(actions) => {
					const units = new Map<string, DeviceComponent>(); // current unit per device:part
					for (const d of [0, 1])
						for (const part of ['holder', 'charger'] as const)
							units.set(`d${d}:${part}`, {
								serial: `BG${part[0]!.toUpperCase()}${d}000000`,
								deviceId: `d${d}`,
								modelId: DUO.id,
								part,
								marketCode: 'BG',
								customerId: member.id,
								purchasedOn: '2026-01-10',
								registeredAt: '2026-01-10T10:00:00Z',
								replacementsUsed: 0,
								extendedWarrantyUntil: null
							});
					const replaced = new Map<string, number>();
					let n = 0;
					for (const a of actions) {
						if (a.extend)
							for (const part of a.parts) {
								const u = units.get(`d${a.device}:${part}`)!;
								units.set(`d${a.device}:${part}`, { ...u, extendedWarrantyUntil: '2027-12-31' });
							}
						const damaged = a.parts.map((p) => units.get(`d${a.device}:${p}`)!);
						const when = new Date(Date.parse('2026-01-10T12:00:00Z') + a.day * 86_400_000);
						const v = carePlusSwapVerdict({
							market: BG,
							pos: STORE,
							customer: member,
							model: DUO,
							damaged,
							checklist: CLEAR_CP,
							damagedOn: when.toISOString().slice(0, 10),
							serialIntact: true,
							claim: CLAIM,
							at: when
						});
						if (!v.allowed) continue;
						const fresh = damaged.map((d) => ({
							serial: `BGN${String(++n).padStart(7, '0')}`,
							modelId: DUO.id,
							part: d.part,
							customerId: null
						}));
						const { registered } = applySwap(damaged, fresh, member.id, 'accidental', when);
						for (const u of registered) {
							units.set(`${u.deviceId}:${u.part}`, u);
							replaced.set(
								`${u.deviceId}:${u.part}`,
								(replaced.get(`${u.deviceId}:${u.part}`) ?? 0) + 1
							);
						}
					}
					for (const count of replaced.values()) expect(count).toBeLessThanOrEqual(1);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('REG-2 pass/fail: a serial never has two owners, whatever the registrations and transfers', () => {
		const market = MARKETS.HU;
		const serials = ['HUH0000001', 'HUH0000002'];
		fc.assert(
			fc.property(
				fc.array(
					fc.oneof(
						fc.record({
							kind: fc.constant('register' as const),
							serial: fc.nat(1),
							who: fc.nat(2)
						}),
						fc.record({
							kind: fc.constant('transfer' as const),
							serial: fc.nat(1),
							from: fc.nat(2),
							to: fc.nat(2),
							consent: fc.boolean()
						})
					),
					{ maxLength: 40 }
				),
				(actions) => {
					// owners as a relation, so a wrong verdict would show as two pairs for one serial
					const owners = new Set<string>();
					const ownerOf = (s: string) =>
						[...owners].find((p) => p.startsWith(`${s}|`))?.split('|')[1] ?? null;
					const at = new Date('2026-06-01T10:00:00Z');
					for (const a of actions) {
						const serial = serials[a.serial]!;
						const component = { serial, customerId: ownerOf(serial), marketCode: 'HU' as const };
						if (a.kind === 'register') {
							const who = `c-${a.who}`;
							const v = registerDeviceVerdict({
								market,
								customer: customer({ id: who }),
								rawSerial: serial,
								component,
								codeSource: 'box',
								personalUse: true,
								devicesRegistered: 0,
								at
							});
							if (v.allowed) owners.add(`${serial}|${who}`);
						} else {
							const from = `c-${a.from}`;
							const to = `c-${a.to}`;
							const v = transferOwnershipVerdict({
								market,
								component,
								from: { id: from },
								to: customer({ id: to }),
								ownerConsents: a.consent,
								at
							});
							if (v.allowed) {
								owners.delete(`${serial}|${from}`);
								owners.add(`${serial}|${to}`);
							}
						}
						for (const s of serials)
							expect([...owners].filter((p) => p.startsWith(`${s}|`)).length).toBeLessThanOrEqual(
								1
							);
					}
				}
			),
			{ numRuns: 300 }
		);
	});

	it('RNT-7 fail: a blacklisted customer gets no service verdict other than block or override', () => {
		fc.assert(
			fc.property(worldArb, (world) => {
				const w = { ...world, customer: { ...world.customer, blacklisted: true } };
				for (const [name, run] of Object.entries(SERVICES)) {
					const v = run(w);
					expect([name, outcome(v)]).toEqual([name, expect.stringMatching(/^(block|override)$/)]);
					expect(v.allowed).toBe(false);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('RNT-7 pass: every service verdict function of the domain is in the blacklist property', () => {
		const verdictFunctions = Object.keys(domain).filter(
			(k) => /Verdict$/.test(k) && typeof (domain as Record<string, unknown>)[k] === 'function'
		);
		expect(verdictFunctions.filter((k) => !(k in SERVICES) && !RIGHTS.includes(k))).toEqual([]);
	});
});
