import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	CLEANING_STICK_SKU,
	MARKETS,
	type Customer,
	type DeviceComponent,
	type PointOfSale,
	type ServiceRecord
} from '$lib/domain';
import { ReplicaDb } from '../replica';
import {
	chartHours,
	countByHour,
	countByType,
	csvField,
	daySummary,
	dayRange,
	localHour,
	servicesCsv
} from './summary';

const TZ = 'Asia/Tbilisi'; // UTC+4, no DST

const pos: PointOfSale = {
	id: 'pos-1',
	marketCode: 'GE',
	name: 'Tbilisi Mall',
	kind: 'iqos_store',
	city: 'Tbilisi',
	reducedAssortment: false,
	capabilities: {
		swap: true,
		cleaningTools: true,
		rental: true,
		reservations: true,
		extendedWarranty: true
	},
	modelsSold: ['iluma']
};

const nino: Customer = {
	id: 'cust-1',
	marketCode: 'GE',
	firstName: 'Nino',
	lastName: 'Beridze, "the" first',
	phone: '+995555000111',
	dateOfBirth: '1990-01-01',
	registered: true,
	blacklisted: false,
	carePlus: null,
	updatedAt: '2026-01-01T00:00:00.000Z'
};

function service(overrides: Partial<ServiceRecord>): ServiceRecord {
	return {
		id: crypto.randomUUID(),
		type: 'cleaning',
		marketCode: 'GE',
		customerId: 'cust-1',
		serial: 'GEH0000001',
		posId: 'pos-1',
		staffId: 'staff-1',
		performedAt: '2026-11-26T10:00:00.000Z',
		recordedAt: '2026-11-26T10:00:01.000Z',
		status: 'recorded',
		flaggedRules: [],
		details: { answers: 'health: none' },
		...overrides
	};
}

function unit(serial: string, overrides: Partial<DeviceComponent>): DeviceComponent {
	return {
		serial,
		deviceId: serial,
		modelId: 'iluma',
		part: 'holder',
		marketCode: 'GE',
		customerId: null,
		purchasedOn: null,
		registeredAt: null,
		replacementsUsed: 0,
		atPosId: 'pos-1',
		condition: 'ok',
		...overrides
	};
}

describe('pure aggregation', () => {
	it('finds the market-local day and hour (Tbilisi is UTC+4)', () => {
		const at = new Date('2026-11-26T21:30:00Z'); // 01:30 on the 27th in Tbilisi
		const { date, start, end } = dayRange(at, TZ);
		expect(date).toBe('2026-11-27');
		expect(start.toISOString()).toBe('2026-11-26T20:00:00.000Z');
		expect(end.toISOString()).toBe('2026-11-27T20:00:00.000Z');
		expect(localHour(at, TZ)).toBe(1);
		expect(localHour(new Date('2026-11-26T20:00:00Z'), TZ)).toBe(0);
	});

	it('follows daylight saving time (Riga, last Sunday of October is 25 hours)', () => {
		const { start, end } = dayRange(new Date('2026-10-25T12:00:00Z'), 'Europe/Riga');
		expect(end.getTime() - start.getTime()).toBe(25 * 3_600_000);
	});

	it('counts by type (most first, stable) and by hour', () => {
		const list = [
			service({ type: 'registration', performedAt: '2026-11-26T05:10:00Z' }),
			service({ type: 'cleaning', performedAt: '2026-11-26T05:50:00Z' }),
			service({ type: 'cleaning', performedAt: '2026-11-26T10:00:00+04:00' })
		];
		expect(countByType(list)).toEqual([
			{ type: 'cleaning', count: 2 },
			{ type: 'registration', count: 1 }
		]);
		const hours = countByHour(list, TZ);
		expect(hours).toHaveLength(24);
		expect(hours[9]).toBe(2);
		expect(hours[10]).toBe(1);
		expect(hours.reduce((a, b) => a + b, 0)).toBe(3);
	});

	it('draws at least the opening hours and widens to busy hours outside them', () => {
		const hours = Array.from({ length: 24 }, () => 0);
		expect(chartHours(hours)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
		hours[6] = 1;
		hours[21] = 2;
		const drawn = chartHours(hours);
		expect(drawn[0]).toBe(6);
		expect(drawn.at(-1)).toBe(21);
	});

	it('quotes CSV fields (RFC 4180) and neutralises formulas', () => {
		expect(csvField('plain')).toBe('plain');
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvField('-1')).toBe("'-1");
		expect(csvField(-1)).toBe('-1');
		expect(csvField(null)).toBe('');
	});
});

describe('daySummary on the replica', () => {
	let db: ReplicaDb;
	beforeEach(async () => {
		db = new ReplicaDb(`test-${crypto.randomUUID()}`);
		await db.open();
		await db.markets.put({ ...MARKETS.GE, timeZone: TZ });
		await db.pointsOfSale.bulkPut([pos, { ...pos, id: 'pos-2', name: 'Batumi' }]);
		await db.deviceModels.bulkPut([
			{ id: 'iluma', name: 'IQOS ILUMA', kind: 'two_piece', gtins: [] },
			{ id: 'one', name: 'IQOS ILUMA ONE', kind: 'one_piece', gtins: [] }
		]);
		await db.customers.put(nino);
	});
	afterEach(async () => {
		db.close();
		await db.delete();
	});

	it('gathers the day of this point of sale only', async () => {
		const pendingId = crypto.randomUUID();
		await db.services.bulkPut([
			service({ performedAt: '2026-11-26T05:00:00Z' }), // 09:00 local
			service({
				type: 'warranty_swap',
				performedAt: '2026-11-26T09:15:00Z',
				status: 'flagged',
				flaggedRules: ['WAR-2']
			}),
			service({ id: pendingId, performedAt: '2026-11-26T12:00:00Z', recordedAt: null }),
			service({ performedAt: '2026-11-25T19:59:00Z' }), // 23:59 yesterday, local
			service({ posId: 'pos-2', performedAt: '2026-11-26T06:00:00Z' })
		]);
		await db.outbox.bulkPut([
			{
				id: 1,
				uuid: crypto.randomUUID(),
				name: 'recordCleaning',
				args: {},
				clientTime: '2026-11-26T12:00:00Z',
				staffId: 'staff-1',
				subjectId: pendingId,
				status: 'pending'
			},
			{
				id: 2,
				uuid: crypto.randomUUID(),
				name: 'recordCleaning',
				args: {},
				clientTime: '2026-11-26T12:00:00Z',
				staffId: 'staff-1',
				subjectId: 'other',
				status: 'rejected'
			}
		]);
		await db.components.bulkPut([
			unit('R1', {}),
			unit('R2', {}),
			unit('R3', { modelId: 'one', part: 'device' }),
			unit('F1', { condition: 'faulty' }),
			unit('X1', { atPosId: 'pos-2' }),
			unit('S1', { customerId: 'cust-1' })
		]);
		await db.stock.put({
			id: `pos-1:${CLEANING_STICK_SKU}`,
			posId: 'pos-1',
			sku: CLEANING_STICK_SKU,
			label: 'Cleaning sticks',
			quantity: 7
		});
		await db.rentals.put({
			id: 'r-1',
			customerId: 'cust-1',
			posId: 'pos-1',
			modelId: 'iluma',
			startedAt: '2026-11-01T10:00:00Z',
			dueAt: '2026-11-08T10:00:00Z',
			returnedAt: null,
			status: 'active'
		});

		const s = await daySummary(db, 'pos-1', new Date('2026-11-26T14:00:00Z'));
		expect(s).not.toBeNull();
		if (!s) return;
		expect(s.date).toBe('2026-11-26');
		expect(s.services.map((x) => x.service.performedAt)).toEqual([
			'2026-11-26T05:00:00Z',
			'2026-11-26T09:15:00Z',
			'2026-11-26T12:00:00Z'
		]);
		expect(s.byType).toEqual([
			{ type: 'cleaning', count: 2 },
			{ type: 'warranty_swap', count: 1 }
		]);
		expect(s.byHour[9]).toBe(1);
		expect(s.byHour[13]).toBe(1);
		expect(s.byHour[16]).toBe(1);
		expect(s.pending).toBe(1);
		expect(s.rejected).toBe(1);
		expect(s.services.map((x) => x.sync)).toEqual(['synced', 'flagged', 'pending']);
		expect(s.flagged.map((x) => x.service.flaggedRules)).toEqual([['WAR-2']]);
		expect(s.overdue.map((r) => r.rental.id)).toEqual(['r-1']);
		expect(s.stock).toEqual([
			{ modelId: 'iluma', name: 'IQOS ILUMA', count: 2 },
			{ modelId: 'one', name: 'IQOS ILUMA ONE', count: 1 }
		]);
		expect(s.stockTotal).toBe(3);
		expect(s.faulty).toEqual([{ modelId: 'iluma', name: 'IQOS ILUMA', count: 1 }]);
		expect(s.sticks).toBe(7);

		const csv = servicesCsv(s.services, s.timeZone);
		const lines = csv.split('\r\n');
		expect(lines[0]).toBe('date,time,service,serial,customer,staff,status,flagged_rules,sync');
		expect(lines[1]).toBe(
			'2026-11-26,09:00,cleaning,GEH0000001,"Nino Beridze, ""the"" first",staff-1,recorded,,synced'
		);
		expect(lines[2]).toContain('warranty_swap');
		expect(lines[2]).toContain('WAR-2');
		expect(lines).toHaveLength(5); // header, 3 rows, trailing CRLF
		// no phone, birth date or service details (answers) leave the tablet
		expect(csv).not.toContain('+995');
		expect(csv).not.toContain('1990');
		expect(csv).not.toContain('health');
	});

	it('is null when the replica lacks the point of sale', async () => {
		expect(await daySummary(db, 'nowhere', new Date())).toBeNull();
	});
});
