import { MARKETS, type DeviceComponent, type MarketCode, type PointOfSale } from '$lib/domain';
import type { Db } from './db';
import * as map from './db/mapping';
import * as t from './db/schema';
import { posFor } from './seed';

/**
 * Demo data of the swap flows (issue 6), called once from `seed()`:
 *   - replacement units with serials in the stock of every point of sale that swaps — the IQOS
 *     store (ILUMA, ILUMA PRIME, ILUMA ONE and one IQOS 3 DUO kit), the tobacconist and the
 *     pop-up (current models) — so a demo swap finds a unit to hand over (WAR-4, WAR-5);
 *     serials `<market>R<S|T|P><model><part><nnn>`, e.g. `GERSILH001` (store, ILUMA holder 1);
 *   - a demo account bound to the reduced-assortment kiosk of every market, `<market>.kiosk`
 *     (e.g. `hu.kiosk` at `hu-budapest-kiosk`), which may not swap at all (WAR-7, HU).
 * Deterministic: no randomness, no clock.
 */

const MODEL_CODE: Record<string, string> = {
	iluma: 'IL',
	'iluma-prime': 'IP',
	'iluma-one': 'IO',
	'iqos-3-duo': 'DU'
};
const PART_CODE = { holder: 'H', charger: 'C', device: 'D' } as const;

type Line = [modelId: string, part: DeviceComponent['part'], count: number];

const STORE_STOCK: Line[] = [
	['iluma', 'holder', 2],
	['iluma', 'charger', 2],
	['iluma-prime', 'holder', 1],
	['iluma-prime', 'charger', 1],
	['iluma-one', 'device', 2],
	['iqos-3-duo', 'holder', 1],
	['iqos-3-duo', 'charger', 1]
];
const TOBACCONIST_STOCK: Line[] = [
	['iluma', 'holder', 2],
	['iluma', 'charger', 1],
	['iluma-prime', 'holder', 1],
	['iluma-prime', 'charger', 1],
	['iluma-one', 'device', 2]
];
const POPUP_STOCK: Line[] = [
	['iluma', 'holder', 1],
	['iluma', 'charger', 1],
	['iluma-one', 'device', 1]
];

/** The replacement units seeded at a point of sale (exported for tests). */
export function replacementStock(pos: PointOfSale): DeviceComponent[] {
	const lines =
		pos.kind === 'iqos_store'
			? STORE_STOCK
			: pos.kind === 'popup'
				? POPUP_STOCK
				: pos.reducedAssortment
					? []
					: TOBACCONIST_STOCK;
	const where = pos.kind === 'iqos_store' ? 'S' : pos.kind === 'popup' ? 'P' : 'T';
	const units: DeviceComponent[] = [];
	for (const [modelId, part, count] of lines)
		for (let n = 1; n <= count; n++) {
			const serial = `${pos.marketCode}R${where}${MODEL_CODE[modelId]}${PART_CODE[part]}${String(n).padStart(3, '0')}`;
			units.push({
				serial,
				deviceId: `stock:${serial}`,
				modelId,
				part,
				marketCode: pos.marketCode,
				customerId: null,
				purchasedOn: null,
				registeredAt: null,
				replacementsUsed: 0,
				atPosId: pos.id,
				condition: 'ok'
			});
		}
	return units;
}

export async function seedSwaps(tx: Db, now: Date, passwordHash: string): Promise<void> {
	const v = { version: 1 };
	for (const code of Object.keys(MARKETS) as MarketCode[]) {
		const pos = posFor(code);
		const units = pos.flatMap(replacementStock);
		if (units.length)
			await tx.insert(t.components).values(units.map((u) => map.componentToRow(u, v)));
		const kiosk = pos.find((p) => p.reducedAssortment);
		if (kiosk) {
			const m = code.toLowerCase();
			await tx.insert(t.staff).values({
				id: `${m}-u-kiosk`,
				username: `${m}.kiosk`,
				displayName: `${MARKETS[code].name} kiosk partner`,
				role: 'partner',
				marketCode: code,
				posIds: [kiosk.id],
				passwordHash,
				createdAt: now
			});
		}
	}
}
