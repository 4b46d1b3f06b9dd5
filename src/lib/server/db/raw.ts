import { getTableColumns, type Table } from 'drizzle-orm';
import type { Db } from './index';

/**
 * Hot statements as fixed SQL texts, sent as named prepared statements.
 *
 * Why not drizzle's builder for these: drizzle-orm's postgres-js driver sends every query not
 * built with `.prepare(name)` as an _unnamed_ statement, and postgres-js sends an unnamed
 * statement that has parameters in two steps — Parse + Describe, wait for the parameter types,
 * then Bind + Execute — so each such query costs two round trips, holds back the statements
 * pipelined behind it, and PostgreSQL parses, analyses and plans it every time. A fixed text
 * with `$n` parameters sent with `prepare: true` is described once per pooled connection and
 * then costs one Bind + Execute in the same write as its neighbours; the text is also not
 * rebuilt by drizzle for every call (its query building was ~10 % of a push's CPU). Use it only
 * for texts that do not vary with the data (lists travel as one array or JSON parameter): each
 * distinct text stays prepared on every connection for the connection's life.
 *
 * On PGlite (in-process, no wire protocol) the same text and parameters go to its `query`.
 * Rows come back keyed by column name with the driver's own parsing, so hot reads select JSON
 * (`json_agg`, `row_to_json`) and map it with `rowFromJson`: the same values on both drivers.
 */
export async function query<R = Record<string, unknown>>(
	db: Db,
	text: string,
	params: readonly unknown[]
): Promise<R[]> {
	// drizzle keeps the driver's client (the pool, or a transaction's connection) on its session
	const client = (db as unknown as { session?: { client?: DriverClient } }).session?.client;
	if (client && typeof client.unsafe === 'function')
		return (await client.unsafe(text, params as unknown[], { prepare: true })) as R[];
	if (client && typeof client.query === 'function')
		return (await client.query(text, params as unknown[])).rows as R[];
	throw new Error('unsupported database driver');
}

interface DriverClient {
	/** postgres-js */
	unsafe?: (text: string, params: unknown[], options: { prepare: boolean }) => Promise<unknown[]>;
	/** PGlite */
	query?: (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>;
}

/** A json/jsonb value as returned by either driver (parsed already, or its text). */
export function fromJson<T>(value: unknown): T {
	return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

const shapes = new WeakMap<Table, { key: string; name: string; instant: boolean }[]>();

/**
 * A row of `table` from its JSON form (`row_to_json`: keys are column names), as drizzle's
 * select would give it: camelCase keys, instants as Date (the JSON holds them as ISO text with
 * an offset), everything else — text, numbers, booleans, jsonb, `date` columns in string mode —
 * as JSON has it.
 */
export function rowFromJson<T extends Table>(
	table: T,
	json: Record<string, unknown>
): T['$inferSelect'] {
	let shape = shapes.get(table);
	if (!shape) {
		shape = Object.entries(getTableColumns(table)).map(([key, column]) => ({
			key,
			name: column.name,
			instant: column.dataType === 'date'
		}));
		shapes.set(table, shape);
	}
	const row: Record<string, unknown> = {};
	for (const c of shape) {
		const v = json[c.name];
		row[c.key] = v === null || v === undefined ? null : c.instant ? new Date(v as string) : v;
	}
	return row as T['$inferSelect'];
}
