import {
	carePlusActive,
	normalizeSerial,
	posSwapReasons,
	type Customer,
	type DeviceComponent,
	type DeviceModel,
	type MarketPolicy,
	type PointOfSale,
	type Reason,
	type ServiceRecord
} from '$lib/domain';
import { inStockAt, swapVerdict, takenInAt, type SwapInput } from '$lib/domain/mutations/swaps';
import type { SwapVerdict } from '$lib/domain';
import { findDevice } from '../queries';
import type { ReplicaDb } from '../replica';

/** Reads of the swap and stock screens: a few indexed IndexedDB look-ups each. */

export interface SwapSetup {
	component: DeviceComponent;
	/** Every unit of the customer's device (holder and charger of a kit, or the one piece). */
	kit: DeviceComponent[];
	model: DeviceModel | undefined;
	owner: Customer | undefined;
	market: MarketPolicy | undefined;
	pos: PointOfSale | undefined;
	/** WAR-7: this point of sale may swap this model (else the reasons why not). */
	posReasons: Reason[];
	mayswap: boolean;
	/** CP: a Care Plus accidental-damage swap may apply (market offers it, customer takes part). */
	carePlusPossible: boolean;
	/** The units in this point of sale's replacement stock. */
	stock: DeviceComponent[];
}

export async function swapSetup(
	db: ReplicaDb,
	serial: string,
	posId: string,
	at: Date
): Promise<SwapSetup | null> {
	const card = await findDevice(db, serial);
	if (!card) return null;
	const [market, pos, stock] = await Promise.all([
		card.owner ? db.markets.get(card.owner.marketCode) : db.markets.get(card.component.marketCode),
		db.pointsOfSale.get(posId),
		stockUnits(db, posId)
	]);
	const posReasons = pos && market ? posSwapReasons(pos, market, card.component.modelId) : [];
	const mayswap = posReasons.length > 0 && posReasons.every((r) => r.severity === 'ok');
	const kit = card.kit.filter(
		(k) => k.customerId !== null && k.customerId === card.component.customerId
	);
	return {
		component: card.component,
		kit: kit.length ? kit : [card.component],
		model: card.model,
		owner: card.owner,
		market,
		pos,
		posReasons,
		mayswap,
		carePlusPossible:
			!!market?.carePlus.available && !!card.owner && carePlusActive(card.owner.carePlus, at),
		stock
	};
}

/** Replacement units held at the point of sale, by model then serial. */
export async function stockUnits(db: ReplicaDb, posId: string): Promise<DeviceComponent[]> {
	const units = await db.components.where('atPosId').equals(posId).toArray();
	return units
		.filter((u) => inStockAt(u, posId))
		.sort((a, b) => a.modelId.localeCompare(b.modelId) || a.serial.localeCompare(b.serial));
}

/** Faulty units taken in by swaps at the point of sale, not yet returned (WAR-5). */
export async function faultyUnits(db: ReplicaDb, posId: string): Promise<DeviceComponent[]> {
	const units = await db.components.where('atPosId').equals(posId).toArray();
	return units.filter((u) => takenInAt(u, posId)).sort((a, b) => a.serial.localeCompare(b.serial));
}

export async function unitBySerial(
	db: ReplicaDb,
	raw: string
): Promise<DeviceComponent | undefined> {
	return db.components.get(normalizeSerial(raw));
}

/**
 * The swap's verdict on this tablet: the same domain function the server runs, fed from the
 * replica (the units picked so far, the stock of this point of sale).
 */
export async function previewSwap(
	db: ReplicaDb,
	setup: SwapSetup,
	input: Omit<SwapInput, 'serialIntact'> & {
		serialIntact: boolean | null;
		replacementSerials: readonly string[];
	},
	at: Date
): Promise<SwapVerdict | null> {
	const { market, pos, owner, model } = setup;
	if (!market || !pos || !owner || !model) return null;
	const units = await db.components.bulkGet([...input.faultySerials, ...input.replacementSerials]);
	const faulty = units
		.slice(0, input.faultySerials.length)
		.filter((u): u is DeviceComponent => u !== undefined);
	const replacements = units
		.slice(input.faultySerials.length)
		.filter((u): u is DeviceComponent => u !== undefined);
	const stock = await stockUnits(db, pos.id);
	return swapVerdict(input, {
		market,
		pos,
		customer: owner,
		model,
		faulty,
		replacements,
		stockModels: [...stock, ...replacements].map((u) => u.modelId),
		at
	});
}

export interface ReceiptData {
	service: ServiceRecord;
	customer: Customer | undefined;
	pos: PointOfSale | undefined;
	models: Record<string, string>;
	pending: boolean;
}

/** What the printable receipt of a service shows. */
export async function receipt(db: ReplicaDb, serviceId: string): Promise<ReceiptData | null> {
	const service = await db.services.get(serviceId);
	if (!service) return null;
	const [customer, pos, models, entry] = await Promise.all([
		db.customers.get(service.customerId),
		db.pointsOfSale.get(service.posId),
		db.deviceModels.toArray(),
		db.outbox.where('subjectId').equals(serviceId).first()
	]);
	return {
		service,
		customer,
		pos,
		models: Object.fromEntries(models.map((m) => [m.id, m.name])),
		pending: service.recordedAt === null && entry?.status !== 'applied'
	};
}
