import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DeviceComponent } from '$lib/domain';
import { EMPTY_CAREPLUS_CHECKLIST } from '$lib/domain/mutations/swaps';
import type { Db } from '../db';
import { componentFromRow } from '../db/mapping';
import * as t from '../db/schema';
import { testDrivers } from '../testing';
import { CLAIM, GE_STORE, swapFixtures } from './swap-fixtures';
import { seededServer } from '../test-harness';

const NOW = new Date('2026-03-15T10:00:00.000Z');
const BG_STORE = 'bg-sofia-store';
const HU_KIOSK = 'hu-budapest-kiosk';

const CP_CLEAR = Object.fromEntries(
	Object.keys(EMPTY_CAREPLUS_CHECKLIST).map((k) => [k, false])
) as typeof EMPTY_CAREPLUS_CHECKLIST;

const drivers = await testDrivers();

describe.each(drivers)('swaps on $name', ({ name, available }) => {
	if (!available) {
		it.skip('PostgreSQL did not answer: skipped', () => {});
		return;
	}

	const server = seededServer(name, NOW);
	let db: Db;
	beforeAll(() => {
		db = server.db;
	});

	const { customerWithKit, swapArgs } = swapFixtures(server, NOW);

	const send = (who: string, mutation: string, args: unknown) => server.send(who, mutation, args);

	const unit = async (serial: string) => {
		const [row] = await db.select().from(t.components).where(eq(t.components.serial, serial));
		return row ? componentFromRow(row) : undefined;
	};
	const service = async (id: string) => {
		const [row] = await db.select().from(t.services).where(eq(t.services.id, id));
		return row;
	};

	it('warranty swap of the faulty holder of a kit: ownership moves, stock and record', async () => {
		const c = await customerWithKit('GE', '2025-09-01');
		const args = swapArgs({
			customerId: c.id,
			faultySerials: [c.holder],
			replacementSerials: ['GERSILH001']
		});
		const result = await send('ge.staff', 'recordSwap', args);
		expect(result.status).toBe('applied');

		const replacement = await unit('GERSILH001');
		expect(replacement).toMatchObject({
			customerId: c.id,
			deviceId: `${c.id}-d`,
			part: 'holder',
			purchasedOn: '2025-09-01',
			replacementsUsed: 0,
			atPosId: null,
			condition: 'ok'
		});
		expect(await unit(c.holder)).toMatchObject({
			customerId: null,
			atPosId: GE_STORE,
			condition: 'faulty'
		});
		// WAR-3: only the faulty component is replaced
		expect(await unit(c.charger)).toMatchObject({ customerId: c.id, condition: 'ok' });
		const record = await service(args.serviceId);
		expect(record).toMatchObject({ type: 'warranty_swap', status: 'recorded', serial: c.holder });
		expect(record!.details).toMatchObject({
			claim: CLAIM,
			pairs: [{ part: 'holder', faulty: c.holder, replacement: 'GERSILH001' }]
		});
	});

	it('WAR-7: a reduced-assortment kiosk is refused, and nothing is written', async () => {
		const c = await customerWithKit('HU', '2025-12-01', {}, 'iluma-one');
		const args = swapArgs({
			customerId: c.id,
			posId: HU_KIOSK,
			faultySerials: [c.holder],
			replacementSerials: ['HURSILH001']
		});
		const result = await send('hu.kiosk', 'recordSwap', args);
		expect(result).toMatchObject({ status: 'rejected', code: 'WAR-7' });
		expect(await service(args.serviceId)).toBeUndefined();
		expect(await unit(c.holder)).toMatchObject({ customerId: c.id });
		// and the kiosk cannot stock replacement units either
		const receive = await send('hu.kiosk', 'receiveStockUnits', {
			receiptId: randomUUID(),
			posId: HU_KIOSK,
			performedAt: NOW.toISOString(),
			units: [{ serial: 'HUNEW000001', modelId: 'iluma', part: 'holder' }]
		});
		expect(receive).toMatchObject({ status: 'rejected', code: 'WAR-7' });
	});

	it('the faulty unit is never its own replacement; a unit from elsewhere is refused', async () => {
		const c = await customerWithKit('GE', '2025-10-01');
		const own = await send(
			'ge.staff',
			'recordSwap',
			swapArgs({ customerId: c.id, faultySerials: [c.holder], replacementSerials: [c.holder] })
		);
		expect(own).toMatchObject({ status: 'rejected', code: 'WAR-5' });
		const elsewhere = await send(
			'ge.staff',
			'recordSwap',
			swapArgs({ customerId: c.id, faultySerials: [c.holder], replacementSerials: ['GERTILH001'] })
		);
		expect(elsewhere).toMatchObject({ status: 'rejected', code: 'WAR-5' });
		const owned = await send(
			'ge.staff',
			'recordSwap',
			swapArgs({ customerId: c.id, faultySerials: [c.holder], replacementSerials: ['GEH0000001'] })
		);
		expect(owned).toMatchObject({ status: 'rejected', code: 'WAR-5' });
	});

	it('WAR-4: another model needs a supervisor — flagged from staff, applied with an override', async () => {
		const c = await customerWithKit('GE', '2025-11-01');
		const flagged = await send(
			'ge.staff',
			'recordSwap',
			swapArgs({ customerId: c.id, faultySerials: [c.charger], replacementSerials: ['GERSIPC001'] })
		);
		expect(flagged).toMatchObject({ status: 'flagged', code: 'WAR-4' });

		const d = await customerWithKit('GE', '2025-11-01');
		const override = { reason: 'customer prefers PRIME, same function', rules: ['WAR-4'] };
		const staffTry = await send(
			'ge.staff',
			'recordSwap',
			swapArgs({
				customerId: d.id,
				faultySerials: [d.holder],
				replacementSerials: ['GERSIPH001'],
				override
			})
		);
		expect(staffTry).toMatchObject({ status: 'rejected', code: 'forbidden' });
		const args = swapArgs({
			customerId: d.id,
			faultySerials: [d.holder],
			replacementSerials: ['GERSIPH001'],
			override
		});
		const ok = await send('ge.supervisor', 'recordSwap', args);
		expect(ok.status).toBe('applied');
		expect((await service(args.serviceId))!.details).toMatchObject({ override });
	});

	it('Care Plus accidental-damage swap (BG): replacement count +1, a second one is flagged CP-3', async () => {
		const carePlus = {
			acceptedAt: '2025-10-01T10:00:00.000Z',
			endedAt: null,
			activeCareConsent: false
		};
		const c = await customerWithKit('BG', '2025-10-01', { carePlus }, 'iqos-3-duo');
		const cpArgs = (faulty: string, replacement: string) =>
			swapArgs({
				customerId: c.id,
				kind: 'accidental',
				posId: BG_STORE,
				faultySerials: [faulty],
				replacementSerials: [replacement],
				warrantyChecklist: null,
				carePlusChecklist: CP_CLEAR,
				damagedOn: '2026-03-10'
			});
		const first = cpArgs(c.holder, 'BGRSDUH001');
		const firstResult = await send('bg.staff', 'recordSwap', first);
		expect(firstResult, firstResult.message).toMatchObject({ status: 'applied' });
		expect(await unit('BGRSDUH001')).toMatchObject({ customerId: c.id, replacementsUsed: 1 });
		expect((await service(first.serviceId))!.type).toBe('careplus_swap');

		const receipt = await send('bg.staff', 'receiveStockUnits', {
			receiptId: randomUUID(),
			posId: BG_STORE,
			performedAt: NOW.toISOString(),
			units: [{ serial: 'BGNEWDUH0001', modelId: 'iqos-3-duo', part: 'holder' }]
		});
		expect(receipt.status).toBe('applied');
		const second = cpArgs('BGRSDUH001', 'BGNEWDUH0001');
		const result = await send('bg.staff', 'recordSwap', second);
		expect(result).toMatchObject({ status: 'flagged', code: 'CP-3' });
		// a fact: recorded anyway
		expect(await unit('BGNEWDUH0001')).toMatchObject({ customerId: c.id, replacementsUsed: 2 });
	});

	it('stock: receive units by serial, refuse an owned serial, count sticks, return faulty units', async () => {
		const received = await send('ge.staff', 'receiveStockUnits', {
			receiptId: randomUUID(),
			posId: GE_STORE,
			performedAt: NOW.toISOString(),
			units: [
				{ serial: 'genew0000001', modelId: 'iluma-one', part: 'device' },
				{ serial: 'GEH0000099', modelId: 'iluma', part: 'holder' }
			]
		});
		expect(received.status).toBe('applied');
		expect(await unit('GENEW0000001')).toMatchObject({
			modelId: 'iluma-one',
			atPosId: GE_STORE,
			condition: 'ok',
			customerId: null
		});
		expect(await unit('GEH0000099')).toMatchObject({ atPosId: GE_STORE, condition: 'ok' });

		const owned = await send('ge.staff', 'receiveStockUnits', {
			receiptId: randomUUID(),
			posId: GE_STORE,
			performedAt: NOW.toISOString(),
			units: [{ serial: 'GEH0000001', modelId: 'iluma', part: 'holder' }]
		});
		expect(owned).toMatchObject({ status: 'rejected', code: 'REG-2' });
		expect(await unit('GEH0000001')).toMatchObject({ atPosId: null });

		const count = await send('ge.staff', 'countStock', {
			countId: randomUUID(),
			posId: GE_STORE,
			sku: 'CLEAN-STICK',
			quantity: 7,
			performedAt: NOW.toISOString()
		});
		expect(count.status).toBe('applied');
		const [sticks] = await db
			.select()
			.from(t.stock)
			.where(eq(t.stock.id, `${GE_STORE}:CLEAN-STICK`));
		expect(sticks!.quantity).toBe(7);

		const faulty = (await db.select().from(t.components))
			.map(componentFromRow)
			.filter((u: DeviceComponent) => u.atPosId === GE_STORE && u.condition === 'faulty');
		expect(faulty.length).toBeGreaterThan(0);
		const back = await send('ge.staff', 'returnFaultyUnits', {
			returnId: randomUUID(),
			posId: GE_STORE,
			performedAt: NOW.toISOString(),
			serials: [faulty[0]!.serial]
		});
		expect(back.status).toBe('applied');
		expect(await unit(faulty[0]!.serial)).toMatchObject({ atPosId: null, condition: 'returned' });
		// a unit in working order is not "returned as faulty"
		const wrong = await send('ge.staff', 'returnFaultyUnits', {
			returnId: randomUUID(),
			posId: GE_STORE,
			performedAt: NOW.toISOString(),
			serials: ['GERSILH002']
		});
		expect(wrong).toMatchObject({ status: 'rejected', code: 'WAR-5' });
	});
});
