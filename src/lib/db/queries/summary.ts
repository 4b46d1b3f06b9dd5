import {
	addDays,
	CLEANING_STICK_SKU,
	formatIsoDate,
	localDate,
	startOfLocalDay,
	type Customer,
	type DeviceComponent,
	type DeviceModel,
	type MarketPolicy,
	type PointOfSale,
	type ServiceRecord,
	type ServiceType
} from '$lib/domain';
import { stockLevel } from '../queries';
import type { OutboxEntry, ReplicaDb } from '../replica';
import { overdueRentals, type RentalRow } from './rentals';
import { faultyUnits, stockUnits } from './swaps';

/**
 * The day summary of a point of sale ("at a glance", issue 10), read from the replica only so
 * it works offline. The aggregation functions are pure; `daySummary` gathers their input.
 */

/** [start, end) instants of the market-local calendar day that `at` falls in. */
export function dayRange(at: Date, timeZone: string): { date: string; start: Date; end: Date } {
	const today = localDate(at, timeZone);
	return {
		date: formatIsoDate(today),
		start: startOfLocalDay(today, timeZone),
		end: startOfLocalDay(addDays(today, 1), timeZone)
	};
}

const hourFormatters = new Map<string, Intl.DateTimeFormat>();

/** The hour (0..23) of the market-local clock at an instant. */
export function localHour(at: Date, timeZone: string): number {
	let formatter = hourFormatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', hourCycle: 'h23' });
		hourFormatters.set(timeZone, formatter);
	}
	return Number(formatter.formatToParts(at).find((p) => p.type === 'hour')?.value ?? 0) % 24;
}

export interface TypeCount {
	type: ServiceType;
	count: number;
}

/** Services per type, most frequent first (ties by type name, so the order is stable). */
export function countByType(services: readonly ServiceRecord[]): TypeCount[] {
	const counts = new Map<ServiceType, number>();
	for (const s of services) counts.set(s.type, (counts.get(s.type) ?? 0) + 1);
	return [...counts]
		.map(([type, count]) => ({ type, count }))
		.sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
}

/** Services per market-local hour: 24 counts, index = hour of the day. */
export function countByHour(services: readonly ServiceRecord[], timeZone: string): number[] {
	const hours: number[] = Array.from({ length: 24 }, () => 0);
	for (const s of services) hours[localHour(new Date(s.performedAt), timeZone)]! += 1;
	return hours;
}

/** The hours to draw: from the first to the last busy hour, at least 08:00–20:00. */
export function chartHours(byHour: readonly number[], open = 8, close = 20): number[] {
	let first = open;
	let last = close - 1;
	byHour.forEach((n, h) => {
		if (n > 0) {
			first = Math.min(first, h);
			last = Math.max(last, h);
		}
	});
	return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export interface ModelCount {
	modelId: string;
	name: string;
	count: number;
}

/** Units per model (by model name), e.g. replacement stock or faulty units held. */
export function countByModel(
	units: readonly DeviceComponent[],
	models: readonly DeviceModel[]
): ModelCount[] {
	const counts = new Map<string, number>();
	for (const u of units) counts.set(u.modelId, (counts.get(u.modelId) ?? 0) + 1);
	return [...counts]
		.map(([modelId, count]) => ({
			modelId,
			name: models.find((m) => m.id === modelId)?.name ?? modelId,
			count
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
}

export type SyncState = 'synced' | 'pending' | 'flagged' | 'rejected';

export interface SummaryService {
	service: ServiceRecord;
	/** Customer's name as the counter shows it (no phone, birth date or ID data). */
	customerName: string;
	sync: SyncState;
}

export function syncState(service: ServiceRecord, outbox: OutboxEntry | undefined): SyncState {
	if (outbox?.status === 'pending') return 'pending';
	if (outbox?.status === 'rejected') return 'rejected';
	if (service.status === 'flagged' || outbox?.status === 'flagged') return 'flagged';
	return 'synced';
}

export interface DaySummary {
	/** Market-local date, YYYY-MM-DD. */
	date: string;
	timeZone: string;
	pos: PointOfSale;
	market: MarketPolicy;
	/** The day's services at this point of sale, oldest first. */
	services: SummaryService[];
	byType: TypeCount[];
	byHour: number[];
	/** Actions on this tablet not yet sent to the server (all points of sale). */
	pending: number;
	/** The day's services the server flagged for review, and rejected actions waiting. */
	flagged: SummaryService[];
	rejected: number;
	overdue: RentalRow[];
	stock: ModelCount[];
	stockTotal: number;
	sticks: number;
	faulty: ModelCount[];
	faultyTotal: number;
}

const fullName = (c: Customer | undefined, fallback: string) =>
	c ? `${c.firstName} ${c.lastName}`.trim() || fallback : fallback;

/** Everything the summary screen shows, or null when the replica lacks the point of sale. */
export async function daySummary(
	db: ReplicaDb,
	posId: string,
	at: Date
): Promise<DaySummary | null> {
	const pos = await db.pointsOfSale.get(posId);
	const market = pos ? await db.markets.get(pos.marketCode) : undefined;
	if (!pos || !market) return null;
	const { date, start, end } = dayRange(at, market.timeZone);
	const [atPos, models, units, faulty, sticks, pending, rejected, overdue] = await Promise.all([
		db.services.where('posId').equals(posId).toArray(),
		db.deviceModels.toArray(),
		stockUnits(db, posId),
		faultyUnits(db, posId),
		stockLevel(db, posId, CLEANING_STICK_SKU),
		db.outbox.where('status').equals('pending').count(),
		db.outbox.where('status').equals('rejected').count(),
		overdueRentals(db, market, [posId], at)
	]);
	// instants compared as instants: performedAt may carry any offset
	const today = atPos
		.filter((s) => {
			const t = new Date(s.performedAt).getTime();
			return t >= start.getTime() && t < end.getTime();
		})
		.sort((a, b) => a.performedAt.localeCompare(b.performedAt));
	const ids = today.map((s) => s.id);
	const [entries, customers] = await Promise.all([
		ids.length ? db.outbox.where('subjectId').anyOf(ids).toArray() : [],
		db.customers.bulkGet([...new Set(today.map((s) => s.customerId))])
	]);
	const bySubject = new Map<string, OutboxEntry>();
	// the newest entry of a subject wins (a rejected action sent again)
	for (const e of entries.sort((a, b) => a.id - b.id)) bySubject.set(e.subjectId, e);
	const byCustomer = new Map(customers.filter((c) => !!c).map((c) => [c.id, c]));
	const services = today.map((service) => ({
		service,
		customerName: fullName(byCustomer.get(service.customerId), '—'),
		sync: syncState(service, bySubject.get(service.id))
	}));
	const stock = countByModel(units, models);
	const faultyByModel = countByModel(faulty, models);
	return {
		date,
		timeZone: market.timeZone,
		pos,
		market,
		services,
		byType: countByType(today),
		byHour: countByHour(today, market.timeZone),
		pending,
		flagged: services.filter((s) => s.sync === 'flagged'),
		rejected,
		overdue,
		stock,
		stockTotal: units.length,
		sticks,
		faulty: faultyByModel,
		faultyTotal: faulty.length
	};
}

/** One CSV field (RFC 4180), with spreadsheet formulas neutralised (CSV injection). */
export function csvField(value: string | number | null | undefined): string {
	let text = value === null || value === undefined ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text) && typeof value !== 'number') text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: readonly (string | number | null | undefined)[]): string {
	return values.map(csvField).join(',');
}

export const CSV_COLUMNS = [
	'date',
	'time',
	'service',
	'serial',
	'customer',
	'staff',
	'status',
	'flagged_rules',
	'sync'
] as const;

/**
 * The day's services as CSV (CRLF lines, header first). Only what the counter shows: no phone,
 * birth date, ID document, signature, answers or other details of a service.
 */
export function servicesCsv(
	rows: readonly SummaryService[],
	timeZone: string,
	label: (type: ServiceType) => string = (type) => type
): string {
	const dateFmt = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	});
	const timeFmt = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	});
	const lines = [csvRow(CSV_COLUMNS)];
	for (const { service: s, customerName, sync } of rows) {
		const at = new Date(s.performedAt);
		lines.push(
			csvRow([
				dateFmt.format(at),
				timeFmt.format(at),
				label(s.type),
				s.serial,
				customerName,
				s.staffId,
				s.status,
				s.flaggedRules.join(' '),
				sync
			])
		);
	}
	return lines.join('\r\n') + '\r\n';
}
