import Dexie from 'dexie';
import {
	CLEANING_STICK_SKU,
	cleaningVerdict,
	normalizeSerial,
	type Customer,
	type DeviceComponent,
	type DeviceModel,
	type MarketPolicy,
	type PointOfSale,
	type ServiceRecord,
	type Verdict
} from '$lib/domain';
import type { OutboxEntry, ReplicaDb } from './replica';

/** Reads the counter screens make, each a handful of indexed IndexedDB look-ups. */

export interface DeviceCard {
	component: DeviceComponent;
	model: DeviceModel | undefined;
	/** All components of the same kit (holder and charger), including this one. */
	kit: DeviceComponent[];
	owner: Customer | undefined;
}

/**
 * The market's rules as this replica holds them, or the built-in seed policy before the first
 * sync brought them. The seed (every market's policy) loads only in that case: it is not needed
 * on a synced tablet and stays out of the first load.
 */
export async function marketPolicy(
	db: ReplicaDb,
	code: MarketPolicy['code']
): Promise<MarketPolicy> {
	return (await db.markets.get(code)) ?? (await import('$lib/domain/market')).MARKETS[code];
}

export async function findDevice(db: ReplicaDb, rawSerial: string): Promise<DeviceCard | null> {
	const component = await db.components.get(normalizeSerial(rawSerial));
	if (!component) return null;
	const [model, kit, owner] = await Promise.all([
		db.deviceModels.get(component.modelId),
		db.components.where('deviceId').equals(component.deviceId).toArray(),
		component.customerId ? db.customers.get(component.customerId) : undefined
	]);
	return { component, model, kit, owner };
}

export interface HistoryEntry {
	service: ServiceRecord;
	/** The outbox entry while the service is not yet confirmed by the server. */
	outbox: OutboxEntry | undefined;
}

/** A customer's services, newest first, each with its sync state. */
export async function customerHistory(db: ReplicaDb, customerId: string): Promise<HistoryEntry[]> {
	const services = await db.services.where('customerId').equals(customerId).toArray();
	services.sort((a, b) => b.performedAt.localeCompare(a.performedAt));
	const ids = services.map((s) => s.id);
	const entries = ids.length ? await db.outbox.where('subjectId').anyOf(ids).toArray() : [];
	const bySubject = new Map(entries.map((e) => [e.subjectId, e]));
	return services.map((service) => ({ service, outbox: bySubject.get(service.id) }));
}

/**
 * Stock as the server last reported it, less what pending actions on this tablet handed out
 * (CLN-3 sticks), so the figure is right before and after the next sync.
 */
export async function stockLevel(db: ReplicaDb, posId: string, sku: string): Promise<number> {
	const item = await db.stock.get(`${posId}:${sku}`);
	const pending = await db.outbox.where('status').equals('pending').toArray();
	const handedOut = pending.filter(
		(e) =>
			sku === CLEANING_STICK_SKU &&
			e.name === 'recordCleaning' &&
			(e.args as { posId?: string; stickHandedOut?: boolean }).posId === posId &&
			(e.args as { stickHandedOut?: boolean }).stickHandedOut === true
	).length;
	return Math.max(0, (item?.quantity ?? 0) - handedOut);
}

export interface CleaningCheck {
	verdict: Verdict;
	market: MarketPolicy;
	pos: PointOfSale;
}

/** CLN: the same domain rule the server applies, fed from the replica. */
export async function checkCleaning(
	db: ReplicaDb,
	card: DeviceCard & { owner: Customer },
	posId: string,
	at: Date,
	/** CLN-3: the customer asks for a demonstration stick; the preview then shows its verdict. */
	stick?: { requested: boolean; inStock: number }
): Promise<CleaningCheck | null> {
	const [market, pos] = await Promise.all([
		db.markets.get(card.owner.marketCode),
		db.pointsOfSale.get(posId)
	]);
	if (!market || !pos) return null;
	const cleanings = await db.services
		.where('[customerId+type+performedAt]')
		.between([card.owner.id, 'cleaning', Dexie.minKey], [card.owner.id, 'cleaning', Dexie.maxKey])
		.toArray();
	const verdict = cleaningVerdict({
		market,
		pos,
		customer: card.owner,
		component: card.component,
		otherCleanings: cleanings.map((s) => new Date(s.performedAt)),
		at,
		stickRequested: stick?.requested,
		sticksInStock: stick?.inStock
	});
	return { verdict, market, pos };
}
