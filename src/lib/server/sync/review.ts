import type { Db } from '../db';
import { query } from '../db/raw';

export interface ReviewInput {
	marketCode: string;
	ruleId: string;
	dedupeKey: string;
	subject: string;
	serviceId: string;
	facts: Record<string, unknown>;
	now: Date;
}

/**
 * Opens a review item per breach, or joins the open item with the same dedupe key (one problem,
 * one item for the supervisor, however many devices reported it); the upsert on the partial
 * unique index makes this safe when two pushes race. All breaches of a request in one statement
 * with one parameter (the same text for any count, so it stays prepared). Inputs with the same
 * dedupe key are folded first — their service ids appended in order, the last one's facts kept,
 * as successive upserts would leave them — because one INSERT … ON CONFLICT may not touch a row
 * twice. Returns each input's item id, in input order.
 */
export async function openReviewItems(tx: Db, inputs: readonly ReviewInput[]): Promise<string[]> {
	if (inputs.length === 0) return [];
	const byKey = new Map<string, ReviewInput & { serviceIds: string[] }>();
	for (const input of inputs) {
		const group = byKey.get(input.dedupeKey);
		if (group) {
			group.serviceIds.push(input.serviceId);
			group.facts = input.facts;
		} else byKey.set(input.dedupeKey, { ...input, serviceIds: [input.serviceId] });
	}
	const rows = [...byKey.values()].map((g) => ({
		id: crypto.randomUUID(),
		market_code: g.marketCode,
		rule_id: g.ruleId,
		dedupe_key: g.dedupeKey,
		subject: g.subject,
		opened_at: g.now.toISOString(),
		service_ids: g.serviceIds,
		facts: g.facts
	}));
	// a fixed text, prepared once per connection (db/raw.ts)
	const returned = await query<{ id: string; dedupe_key: string }>(tx, OPEN_REVIEW_ITEMS, [
		JSON.stringify(rows)
	]);
	const idByKey = new Map(returned.map((r) => [r.dedupe_key, String(r.id)]));
	return inputs.map((input) => {
		const id = idByKey.get(input.dedupeKey);
		if (!id) throw new Error('review item upsert returned nothing');
		return id;
	});
}

const OPEN_REVIEW_ITEMS = `insert into review_items
		(id, market_code, rule_id, dedupe_key, subject, status, opened_at, service_ids, facts)
	select x.id, x.market_code, x.rule_id, x.dedupe_key, x.subject, 'open', x.opened_at,
		x.service_ids, x.facts
	from jsonb_to_recordset($1::jsonb) as x(id uuid, market_code text,
		rule_id text, dedupe_key text, subject text, opened_at timestamptz, service_ids jsonb,
		facts jsonb)
	on conflict (dedupe_key) where status = 'open' do update set
		service_ids = review_items.service_ids || excluded.service_ids, facts = excluded.facts
	returning id, dedupe_key`;
