import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceComponent, RecordCleaningArgs, StaffProfile } from '$lib/domain';
import type { RecordSwapArgs } from '$lib/domain/mutations/swaps';
import { discardRejected, reapplyPending, recordAction } from '../mutators';
import { stockLevel } from '../queries';
import { faultyUnits, stockUnits } from '../queries/swaps';
import { ReplicaDb } from '../replica';
import { WARRANTY_CHECKLIST_CLEAR } from '$lib/domain/rules/fixtures';

const staff: StaffProfile = {
	id: 'staff-1',
	username: 'ge.staff',
	displayName: 'Giorgi',
	role: 'staff',
	marketCode: 'GE',
	posIds: ['pos-1']
};
const AT = new Date('2026-03-15T10:00:00Z');

const unit = (
	over: Partial<DeviceComponent> & Pick<DeviceComponent, 'serial'>
): DeviceComponent => ({
	deviceId: 'd-1',
	modelId: 'iluma',
	part: 'holder',
	marketCode: 'GE',
	customerId: 'cust-1',
	purchasedOn: '2025-10-01',
	registeredAt: '2025-10-01T10:00:00.000Z',
	replacementsUsed: 0,
	atPosId: null,
	condition: 'ok',
	...over
});

const HOLDER = unit({ serial: 'GEH1000001' });
const CHARGER = unit({ serial: 'GEC1000001', part: 'charger' });
const SPARE = unit({
	serial: 'GERSILH001',
	deviceId: 'stock:GERSILH001',
	customerId: null,
	purchasedOn: null,
	registeredAt: null,
	atPosId: 'pos-1'
});

const swap = (over: Partial<RecordSwapArgs> = {}): RecordSwapArgs => ({
	serviceId: crypto.randomUUID(),
	kind: 'warranty',
	customerId: 'cust-1',
	posId: 'pos-1',
	performedAt: AT.toISOString(),
	faultySerials: [HOLDER.serial],
	replacementSerials: [SPARE.serial],
	claim: {
		symptoms: 'no heat',
		errorSignals: 'none',
		stepsTried: 'reset',
		proofOfPurchaseDate: null
	},
	warrantyChecklist: WARRANTY_CHECKLIST_CLEAR,
	carePlusChecklist: null,
	damagedOn: null,
	serialIntact: true,
	...over
});

let db: ReplicaDb;
beforeEach(async () => {
	db = new ReplicaDb(`test-${crypto.randomUUID()}`);
	await db.open();
	await db.components.bulkPut([HOLDER, CHARGER, SPARE]);
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('recordSwap effect', () => {
	it('moves ownership at once, is idempotent, and a discarded rejection puts everything back', async () => {
		const args = swap();
		const entry = await recordAction(db, 'recordSwap', args, staff, AT);
		expect(await db.components.get(SPARE.serial)).toMatchObject({
			customerId: 'cust-1',
			deviceId: 'd-1',
			purchasedOn: '2025-10-01',
			atPosId: null
		});
		expect(await db.components.get(HOLDER.serial)).toMatchObject({
			customerId: null,
			atPosId: 'pos-1',
			condition: 'faulty'
		});
		expect(await db.components.get(CHARGER.serial)).toEqual(CHARGER);
		expect(await db.services.get(args.serviceId)).toMatchObject({
			type: 'warranty_swap',
			recordedAt: null,
			details: { pairs: [{ faulty: HOLDER.serial, replacement: SPARE.serial }] }
		});
		expect((await faultyUnits(db, 'pos-1')).map((u) => u.serial)).toEqual([HOLDER.serial]);
		expect(await stockUnits(db, 'pos-1')).toEqual([]);

		// a pull re-applies pending effects: nothing changes twice
		const before = await db.components.toArray();
		await db.transaction('rw', [db.components, db.services, db.meta, db.outbox], () =>
			reapplyPending(db, 'GE')
		);
		expect(await db.components.toArray()).toEqual(before);

		await db.outbox.update(entry.id, { status: 'rejected', code: 'WAR-5' });
		await discardRejected(db, entry.id);
		expect(await db.components.get(HOLDER.serial)).toEqual(HOLDER);
		expect(await db.components.get(SPARE.serial)).toEqual(SPARE);
		expect(await db.services.get(args.serviceId)).toBeUndefined();
	});

	it('an accidental-damage swap counts the replacement (CP-3)', async () => {
		await recordAction(db, 'recordSwap', swap({ kind: 'accidental' }), staff, AT);
		expect(await db.components.get(SPARE.serial)).toMatchObject({ replacementsUsed: 1 });
	});
});

describe('stock effects', () => {
	it('receives units, returns faulty ones, and undoes a discarded receipt', async () => {
		const receipt = await recordAction(
			db,
			'receiveStockUnits',
			{
				receiptId: crypto.randomUUID(),
				posId: 'pos-1',
				performedAt: AT.toISOString(),
				units: [{ serial: 'genew01234', modelId: 'iluma-one', part: 'device' }]
			},
			staff,
			AT
		);
		expect(await db.components.get('GENEW01234')).toMatchObject({
			atPosId: 'pos-1',
			condition: 'ok',
			customerId: null
		});
		await db.outbox.update(receipt.id, { status: 'rejected' });
		await discardRejected(db, receipt.id);
		expect(await db.components.get('GENEW01234')).toBeUndefined();

		await db.components.put({ ...HOLDER, customerId: null, atPosId: 'pos-1', condition: 'faulty' });
		await recordAction(
			db,
			'returnFaultyUnits',
			{
				returnId: crypto.randomUUID(),
				posId: 'pos-1',
				performedAt: AT.toISOString(),
				serials: [HOLDER.serial]
			},
			staff,
			AT
		);
		expect(await db.components.get(HOLDER.serial)).toMatchObject({
			atPosId: null,
			condition: 'returned'
		});
	});

	it('a count sets the stick level; hand-outs after it still come off, those before do not', async () => {
		await db.stock.put({
			id: 'pos-1:CLEAN-STICK',
			posId: 'pos-1',
			sku: 'CLEAN-STICK',
			label: 'Sticks',
			quantity: 25
		});
		const cleaning = (): RecordCleaningArgs => ({
			serviceId: crypto.randomUUID(),
			customerId: 'cust-1',
			serial: HOLDER.serial,
			posId: 'pos-1',
			performedAt: AT.toISOString(),
			stickHandedOut: true
		});
		await recordAction(db, 'recordCleaning', cleaning(), staff, AT);
		expect(await stockLevel(db, 'pos-1', 'CLEAN-STICK')).toBe(24);
		await recordAction(
			db,
			'countStock',
			{
				countId: crypto.randomUUID(),
				posId: 'pos-1',
				sku: 'CLEAN-STICK',
				quantity: 10,
				performedAt: AT.toISOString()
			},
			staff,
			AT
		);
		expect(await stockLevel(db, 'pos-1', 'CLEAN-STICK')).toBe(10);
		await recordAction(db, 'recordCleaning', cleaning(), staff, AT);
		expect(await stockLevel(db, 'pos-1', 'CLEAN-STICK')).toBe(9);
		await db.transaction('rw', [db.components, db.services, db.stock, db.meta, db.outbox], () =>
			reapplyPending(db, 'GE')
		);
		expect(await stockLevel(db, 'pos-1', 'CLEAN-STICK')).toBe(9);
	});
});
