import { and, eq, inArray } from 'drizzle-orm';
import type { MutationResult, Reason, StaffProfile } from '$lib/domain';
import {
	inStockAt,
	receiveProblem,
	receivedUnit,
	replacementProblem,
	STOCK_LABELS,
	swapPairs,
	swapRecord,
	swapRows,
	swapVerdict,
	takenInAt,
	type CountStockArgs,
	type ReceiveStockUnitsArgs,
	type RecordSwapArgs,
	type ReturnFaultyUnitsArgs
} from '$lib/domain/mutations/swaps';
import type { Db } from '../db';
import { componentFromRow, componentToRow, deviceModelFromRow, serviceToRow } from '../db/mapping';
import { components, deviceModels, services, stock } from '../db/schema';
import {
	authorisedPos,
	componentInMarket,
	counterTime,
	customerInMarket,
	decide,
	flagOrApply,
	flagService,
	Rejection,
	serviceIdFree,
	type HandlerContext
} from './context';

/**
 * Swaps (WAR, CP) and the stock of a point of sale at the server, with the same domain verdict
 * the tablet showed. What this point of sale may do at all (WAR-7) rejects; a swap that broke
 * another rule because the server knows more (the Care Plus replacement used meanwhile in
 * another store, a warranty that ended) is still a fact: recorded and flagged for review. A swap
 * that cannot have happened physically (the replacement is the faulty unit, is somebody's, or
 * is not held here) is malformed and rejected, so staff fix it and resend.
 */

export async function recordSwap(
	tx: Db,
	staff: StaffProfile,
	args: RecordSwapArgs,
	ctx: HandlerContext
): Promise<MutationResult> {
	const { now } = ctx;
	const pos = await authorisedPos(tx, staff, args.posId);
	const customer = await customerInMarket(tx, staff, args.customerId);
	const faultyRows = [];
	for (const serial of args.faultySerials)
		faultyRows.push(componentFromRow(await componentInMarket(tx, staff, serial)));
	const replacementRows = [];
	for (const serial of args.replacementSerials) {
		const problem = replacementProblem(undefined, serial, args.faultySerials, args.posId);
		if (problem === 'swap.replacementIsFaulty')
			throw new Rejection(
				'WAR-5',
				`${serial} is the faulty unit: it cannot be its own replacement`
			);
		replacementRows.push(componentFromRow(await componentInMarket(tx, staff, serial)));
	}
	if (new Set(args.replacementSerials).size !== args.replacementSerials.length)
		throw new Rejection('invalid_args', 'a replacement unit is listed twice');
	await serviceIdFree(tx, args.serviceId);

	const { version, policy: market } = ctx.writes;
	const performedAt = counterTime(args.performedAt, now);

	// the units as they are now, in one query (the serials are locked: no swap moves them meanwhile)
	const units = (
		await tx
			.select()
			.from(components)
			.where(inArray(components.serial, [...args.faultySerials, ...args.replacementSerials]))
	).map(componentFromRow);
	const faulty = args.faultySerials.map((s) => units.find((u) => u.serial === s)!);
	const replacements = args.replacementSerials.map((s) => units.find((u) => u.serial === s)!);
	const modelId = faulty[0]!.modelId;
	const [modelRow] = await tx
		.select()
		.from(deviceModels)
		.where(and(eq(deviceModels.marketCode, staff.marketCode), eq(deviceModels.id, modelId)));
	if (!modelRow) throw new Rejection('not_found', `unknown model ${modelId}`);
	const stockModels = (await tx.select().from(components).where(eq(components.atPosId, args.posId)))
		.map(componentFromRow)
		.filter((u) => inStockAt(u, args.posId) || replacements.some((r) => r.serial === u.serial))
		.map((u) => u.modelId);

	const verdict = swapVerdict(args, {
		market,
		pos,
		customer: { ...customer, carePlus: customer.carePlus ?? null },
		model: deviceModelFromRow(modelRow),
		faulty,
		replacements,
		stockModels,
		at: performedAt
	});
	// WAR-7 (this point of sale may not swap, or not this type) rejects; overrides only from a
	// supervisor and only for the rules named
	const { broken } = decide(staff, verdict, args.override);

	// a swap that cannot have happened at this counter is malformed: staff fix it and resend
	for (const unit of replacements) {
		const problem = replacementProblem(unit, unit.serial, args.faultySerials, args.posId);
		if (problem) throw new Rejection('WAR-5', `${unit.serial}: ${problem}`);
	}
	const pairs = swapPairs(faulty, replacements);
	if (!pairs)
		throw new Rejection('WAR-3', 'the replacement units must be the parts that are replaced');
	if (faulty.some((u) => u.customerId === null && u.condition === 'faulty'))
		throw new Rejection('WAR-5', 'a faulty unit was already taken in by another swap');

	for (const row of swapRows(args, faulty, replacements, performedAt))
		await tx
			.update(components)
			.set(componentToRow(row, { version }))
			.where(eq(components.serial, row.serial));

	const record = swapRecord(
		{ ...args, performedAt: performedAt.toISOString() },
		pairs,
		staff.id,
		market.code,
		now.toISOString()
	);
	flagService(record, broken);
	await tx.insert(services).values(serviceToRow(record, { version }));

	return flagOrApply(tx, {
		ctx,
		market,
		broken,
		serviceId: record.id,
		keyOf: (r: Reason) => ({
			// CP-3 is per component: a second accidental-damage replacement of the same unit joins
			// the item the first breach opened; anything else is per customer and rule
			dedupeKey:
				r.rule === 'CP-3'
					? `CP-3:${faulty.map((u) => u.deviceId + ':' + u.part).join(',')}`
					: `${r.rule}:${customer.id}`,
			subject: `customer:${customer.id}`
		})
	});
}

/** WAR-7: replacement stock only where swaps are done. */
function mayHoldReplacements(pos: Awaited<ReturnType<typeof authorisedPos>>) {
	if (!pos.capabilities.swap || pos.reducedAssortment)
		throw new Rejection('WAR-7', 'war.posNoSwap');
}

export async function receiveStockUnits(
	tx: Db,
	staff: StaffProfile,
	args: ReceiveStockUnitsArgs,
	ctx: HandlerContext
): Promise<MutationResult> {
	const pos = await authorisedPos(tx, staff, args.posId);
	mayHoldReplacements(pos);
	const serials = args.units.map((u) => u.serial);
	if (new Set(serials).size !== serials.length)
		throw new Rejection('invalid_args', 'a serial is listed twice');
	const { version } = ctx.writes;
	const rows = await tx.select().from(components).where(inArray(components.serial, serials));
	for (const unit of args.units) {
		const row = rows.find((r) => r.serial === unit.serial);
		if (row && (row.deleted || row.marketCode !== staff.marketCode))
			throw new Rejection('forbidden', `${unit.serial} belongs to another market`);
		const known = row ? componentFromRow(row) : undefined;
		const problem = receiveProblem(known);
		if (problem) throw new Rejection('REG-2', `${unit.serial}: ${problem}`);
		const next = componentToRow(receivedUnit(unit, known, args.posId, staff.marketCode), {
			version
		});
		if (row) await tx.update(components).set(next).where(eq(components.serial, unit.serial));
		else await tx.insert(components).values(next);
	}
	return { id: ctx.id, status: 'applied' };
}

export async function countStock(
	tx: Db,
	staff: StaffProfile,
	args: CountStockArgs,
	ctx: HandlerContext
): Promise<MutationResult> {
	await authorisedPos(tx, staff, args.posId);
	const { version } = ctx.writes;
	const id = `${args.posId}:${args.sku}`;
	const [row] = await tx.select().from(stock).where(eq(stock.id, id));
	if (row) await tx.update(stock).set({ quantity: args.quantity, version }).where(eq(stock.id, id));
	else
		await tx.insert(stock).values({
			id,
			posId: args.posId,
			sku: args.sku,
			label: STOCK_LABELS[args.sku] ?? args.sku,
			quantity: args.quantity,
			marketCode: staff.marketCode,
			version
		});
	return { id: ctx.id, status: 'applied' };
}

export async function returnFaultyUnits(
	tx: Db,
	staff: StaffProfile,
	args: ReturnFaultyUnitsArgs,
	ctx: HandlerContext
): Promise<MutationResult> {
	await authorisedPos(tx, staff, args.posId);
	const units = [];
	for (const serial of args.serials) {
		const unit = componentFromRow(await componentInMarket(tx, staff, serial));
		if (!takenInAt(unit, args.posId)) throw new Rejection('WAR-5', `${serial}: stock.notTakenIn`);
		units.push(unit);
	}
	const { version } = ctx.writes;
	for (const unit of units)
		await tx
			.update(components)
			.set({ atPosId: null, condition: 'returned', version })
			.where(eq(components.serial, unit.serial));
	return { id: ctx.id, status: 'applied' };
}
