import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MARKETS, type RecordCleaningArgs, type StaffProfile } from '$lib/domain';
import { discardRejected, recordAction, reapplyPending, resendRejected } from './mutators';
import { checkCleaning, stockLevel, customerHistory } from './queries';
import { getMeta, ReplicaDb } from './replica';

const staff: StaffProfile = {
	id: 'staff-1',
	username: 'ge.staff',
	displayName: 'Giorgi',
	role: 'staff',
	marketCode: 'GE',
	posIds: ['pos-1']
};

function cleaning(overrides: Partial<RecordCleaningArgs> = {}): RecordCleaningArgs {
	return {
		serviceId: crypto.randomUUID(),
		customerId: 'cust-1',
		serial: 'GEH0000001',
		posId: 'pos-1',
		performedAt: '2026-11-26T10:00:00.000Z',
		stickHandedOut: false,
		...overrides
	};
}

let db: ReplicaDb;
beforeEach(async () => {
	db = new ReplicaDb(`test-${crypto.randomUUID()}`);
	await db.open();
});
afterEach(async () => {
	db.close();
	await db.delete();
});

describe('recordAction', () => {
	it('appends to the outbox with gap-free ids and writes the service in one go', async () => {
		const now = new Date('2026-11-26T10:00:00Z');
		const a = await recordAction(db, 'recordCleaning', cleaning(), staff, now);
		const b = await recordAction(db, 'recordCleaning', cleaning(), staff, now);
		expect([a.id, b.id]).toEqual([1, 2]);
		expect(a.uuid).not.toEqual(b.uuid);
		expect(await db.outbox.count()).toBe(2);
		expect(await getMeta(db, 'lastMutationId')).toBe(2);
		const service = await db.services.get((a.args as RecordCleaningArgs).serviceId);
		expect(service).toMatchObject({ type: 'cleaning', status: 'recorded', recordedAt: null });
		expect(service?.staffId).toBe('staff-1');
	});

	it('refuses malformed arguments and writes nothing', async () => {
		await expect(
			recordAction(db, 'recordCleaning', cleaning({ serviceId: 'not-a-uuid' }), staff, new Date())
		).rejects.toThrow();
		expect(await db.outbox.count()).toBe(0);
		expect(await db.services.count()).toBe(0);
		expect(await getMeta(db, 'lastMutationId')).toBeUndefined();
	});

	it('rolls back the outbox entry when the local effect fails (nothing half-written)', async () => {
		const args = cleaning();
		// a failing write inside the transaction, as a full disk would cause
		db.services.hook('creating', () => {
			throw new DOMException('disk full', 'QuotaExceededError');
		});
		await expect(recordAction(db, 'recordCleaning', args, staff, new Date())).rejects.toThrow(
			'disk full'
		);
		expect(await db.outbox.count()).toBe(0);
		expect(await getMeta(db, 'lastMutationId')).toBeUndefined();
	});
});

describe('derived state', () => {
	it('CLN-3: pending stick hand-outs lower the shown stock until the server confirms', async () => {
		await db.stock.put({
			id: 'pos-1:CLEAN-STICK',
			posId: 'pos-1',
			sku: 'CLEAN-STICK',
			label: 'Cleaning stick',
			quantity: 5
		});
		await recordAction(db, 'recordCleaning', cleaning({ stickHandedOut: true }), staff, new Date());
		await recordAction(db, 'recordCleaning', cleaning(), staff, new Date());
		expect(await stockLevel(db, 'pos-1', 'CLEAN-STICK')).toBe(4);
		expect(await stockLevel(db, 'pos-2', 'CLEAN-STICK')).toBe(0);
		await db.outbox.where('status').equals('pending').modify({ status: 'applied' });
		expect(await stockLevel(db, 'pos-1', 'CLEAN-STICK')).toBe(5);
	});

	it('re-applying pending effects after a replica reset restores them exactly once', async () => {
		const first = await recordAction(db, 'recordCleaning', cleaning(), staff, new Date());
		await recordAction(db, 'recordCleaning', cleaning(), staff, new Date());
		await db.outbox.update(first.id, { status: 'applied' });
		await db.services.clear();
		await db.transaction('rw', [db.services, db.outbox], () => reapplyPending(db, 'GE'));
		await db.transaction('rw', [db.services, db.outbox], () => reapplyPending(db, 'GE'));
		const history = await customerHistory(db, 'cust-1');
		expect(history).toHaveLength(1);
		expect(history[0]?.outbox?.status).toBe('pending');
	});
});

describe('rejected actions', () => {
	it('resend creates a new pending mutation with a new id and uuid and links the old one', async () => {
		const first = await recordAction(db, 'recordCleaning', cleaning(), staff, new Date());
		await db.outbox.update(first.id, { status: 'rejected', code: 'forbidden' });
		const again = await resendRejected(db, first.id, staff, new Date(), { posId: 'pos-2' });
		expect(again.id).toBe(2);
		expect(again.uuid).not.toBe(first.uuid);
		expect(again.status).toBe('pending');
		expect((again.args as RecordCleaningArgs).posId).toBe('pos-2');
		expect((await db.outbox.get(first.id))?.resentAs).toBe(2);
		await expect(resendRejected(db, again.id, staff, new Date())).rejects.toThrow('rejected');
	});

	it('discard keeps the entry as discarded and removes its never-recorded service', async () => {
		const entry = await recordAction(db, 'recordCleaning', cleaning(), staff, new Date());
		await expect(discardRejected(db, entry.id)).rejects.toThrow('rejected');
		await db.outbox.update(entry.id, { status: 'rejected', code: 'not_found' });
		await discardRejected(db, entry.id);
		expect((await db.outbox.get(entry.id))?.status).toBe('discarded');
		expect(await db.services.get(entry.subjectId)).toBeUndefined();
	});
});

describe('cleaning preview', () => {
	it('CLN-3: the stick the customer asks for is in the verdict before anything syncs', async () => {
		await db.markets.put(MARKETS.GE);
		await db.pointsOfSale.put({
			id: 'pos-1',
			marketCode: 'GE',
			name: 'Store',
			kind: 'iqos_store',
			city: 'Tbilisi',
			reducedAssortment: false,
			capabilities: {
				swap: true,
				cleaningTools: true,
				rental: false,
				reservations: false,
				extendedWarranty: false
			},
			modelsSold: []
		} as never);
		const owner = {
			id: 'cust-1',
			marketCode: 'GE',
			firstName: 'Nino',
			lastName: 'Beridze',
			phone: '555',
			dateOfBirth: '1990-05-14',
			registered: true,
			blacklisted: false,
			carePlus: null
		} as never;
		const component = { serial: 'GEH0000001', customerId: 'cust-1' } as never;
		const card = { component, model: undefined, kit: [component], owner };
		const at = new Date('2026-11-26T10:00:00Z');
		const rules = async (stick?: { requested: boolean; inStock: number }) =>
			(await checkCleaning(db, card, 'pos-1', at, stick))?.verdict.reasons
				.filter((r) => r.rule === 'CLN-3')
				.map((r) => r.severity);

		expect(await rules()).toEqual([]);
		expect(await rules({ requested: false, inStock: 3 })).toEqual([]);
		expect(await rules({ requested: true, inStock: 3 })).toEqual(['ok']);
		// none on the shelf: the warning shows now, not only after the server answers
		expect(await rules({ requested: true, inStock: 0 })).toEqual(['warn']);
	});
});
