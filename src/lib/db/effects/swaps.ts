import type { DeviceComponent, StockItem } from '$lib/domain';
import {
	receivedUnit,
	STOCK_LABELS,
	swapPairs,
	swapRecord,
	swapRows,
	type CountStockArgs,
	type ReceiveStockUnitsArgs,
	type RecordSwapArgs,
	type ReturnFaultyUnitsArgs
} from '$lib/domain/mutations/swaps';
import { CLEANING_STICK_SKU } from '$lib/domain';
import type { ReplicaDb } from '../replica';
import type { Effect } from './types';

/**
 * The swap group's local effects. Each `apply` is written so that running it again (after a
 * pull, while the action is still pending) changes nothing: rows already moved are left alone.
 * The rows an action replaces are kept in the meta table until the action is settled, so a
 * rejected action that staff discard can put them back (`undo`).
 */

const stashKey = (id: string) => `swaps:before:${id}`;

async function stash(db: ReplicaDb, id: string, rows: DeviceComponent[], serials: string[]) {
	const key = stashKey(id);
	if (await db.meta.get(key)) return;
	await db.meta.put({
		key,
		value: { rows, absent: serials.filter((s) => !rows.some((r) => r.serial === s)) }
	});
}

async function restore(db: ReplicaDb, id: string) {
	const key = stashKey(id);
	const saved = (await db.meta.get(key))?.value as
		{ rows: DeviceComponent[]; absent: string[] } | undefined;
	if (!saved) return;
	await db.components.bulkPut(saved.rows);
	if (saved.absent.length) await db.components.bulkDelete(saved.absent);
	await db.meta.delete(key);
}

const known = (rows: (DeviceComponent | undefined)[]) =>
	rows.filter((r): r is DeviceComponent => r !== undefined);

export const recordSwap: Effect<'recordSwap'> = {
	subject: (args) => args.serviceId,
	async apply(db, args: RecordSwapArgs, ctx) {
		const faulty = known(await db.components.bulkGet(args.faultySerials));
		const replacements = known(await db.components.bulkGet(args.replacementSerials));
		const pairs = swapPairs(faulty, replacements) ?? [];
		// already swapped here (a re-apply after a pull): the faulty units are taken in
		const done = faulty.every((u) => u.customerId === null && u.condition === 'faulty');
		if (!done && pairs.length === faulty.length && faulty.length > 0) {
			await stash(db, args.serviceId, [...faulty, ...replacements], []);
			await db.components.bulkPut(swapRows(args, faulty, replacements, new Date(args.performedAt)));
		}
		const existing = await db.services.get(args.serviceId);
		if (!existing) await db.services.put(swapRecord(args, pairs, ctx.staffId, ctx.marketCode));
	},
	async undo(db, args) {
		const service = await db.services.get(args.serviceId);
		if (service && service.recordedAt === null) await db.services.delete(args.serviceId);
		await restore(db, args.serviceId);
	}
};

export const receiveStockUnits: Effect<'receiveStockUnits'> = {
	subject: (args) => args.receiptId,
	async apply(db, args: ReceiveStockUnitsArgs, ctx) {
		const serials = args.units.map((u) => u.serial);
		const before = known(await db.components.bulkGet(serials));
		await stash(db, args.receiptId, before, serials);
		await db.components.bulkPut(
			args.units.map((u) =>
				receivedUnit(
					u,
					before.find((b) => b.serial === u.serial),
					args.posId,
					ctx.marketCode
				)
			)
		);
	},
	async undo(db, args) {
		await restore(db, args.receiptId);
	}
};

/**
 * A count sets the stock. Stock shown is "server stock − pending hand-outs" (`stockLevel`), so
 * the row written here is the count plus the hand-outs recorded on this tablet before it: once
 * those are subtracted, the screen shows the count less what was handed out after it.
 */
export const countStock: Effect<'countStock'> = {
	subject: (args) => args.countId,
	async apply(db, args: CountStockArgs) {
		const id = `${args.posId}:${args.sku}`;
		const own = await db.outbox.where('subjectId').equals(args.countId).first();
		const pending = await db.outbox.where('status').equals('pending').toArray();
		const before = pending.filter(
			(e) =>
				args.sku === CLEANING_STICK_SKU &&
				e.name === 'recordCleaning' &&
				(own === undefined || e.id < own.id) &&
				(e.args as { posId?: string }).posId === args.posId &&
				(e.args as { stickHandedOut?: boolean }).stickHandedOut === true
		).length;
		const row = await db.stock.get(id);
		if (!(await db.meta.get(stashKey(args.countId))))
			await db.meta.put({ key: stashKey(args.countId), value: { stock: row ?? null } });
		await db.stock.put({
			id,
			posId: args.posId,
			sku: args.sku,
			label: row?.label ?? STOCK_LABELS[args.sku] ?? args.sku,
			quantity: args.quantity + before
		});
	},
	async undo(db, args) {
		const key = stashKey(args.countId);
		const saved = (await db.meta.get(key))?.value as { stock: StockItem | null } | undefined;
		if (!saved) return;
		if (saved.stock) await db.stock.put(saved.stock);
		else await db.stock.delete(`${args.posId}:${args.sku}`);
		await db.meta.delete(key);
	}
};

export const returnFaultyUnits: Effect<'returnFaultyUnits'> = {
	subject: (args) => args.returnId,
	async apply(db, args: ReturnFaultyUnitsArgs) {
		const units = known(await db.components.bulkGet(args.serials));
		await stash(db, args.returnId, units, []);
		await db.components.bulkPut(
			units.map((u) => ({ ...u, atPosId: null, condition: 'returned' as const }))
		);
	},
	async undo(db, args) {
		await restore(db, args.returnId);
	}
};
