import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import type { Db } from './index';
import { query } from './raw';

/**
 * `INSERT INTO t (…) SELECT … FROM jsonb_to_recordset($1)`: many rows with ONE parameter.
 * drizzle's `insert().values(rows)` maps every value through its column on every call (it was
 * the largest share of a push's query building) and writes a statement text per row count,
 * which postgres-js then prepares anew on each connection. Here the text is built once per
 * table and column set, and the rows travel as one JSON document; PostgreSQL converts each
 * field to its column's type, as it would a parameter. Rows are keyed by drizzle's camelCase
 * names; a key one row lacks is NULL there (not the column's default); a Date becomes its ISO
 * instant.
 */
export function writeRows<T extends Table>(
	db: Db,
	table: T,
	rows: readonly T['$inferInsert'][]
): Promise<unknown[]> {
	const { head, json, tail } = build(table, rows);
	// a fixed text per table and column set, sent prepared (db/raw.ts): described once per
	// connection, then one Bind + Execute
	return query(db, `${head}$1${tail}`, [json]);
}

function build<T extends Table>(
	table: T,
	rows: readonly T['$inferInsert'][]
): { head: string; json: string; tail: string } {
	const columns = getTableColumns(table);
	// the columns the rows name (keys that are not columns are ignored, as drizzle does)
	const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => columns[k]);
	const cacheKey = `${getTableName(table)}|${keys.join(',')}`;
	let text = statements.get(cacheKey);
	const names = keys.map((k) => ({
		key: k,
		name: columns[k]!.name,
		type: columns[k]!.getSQLType()
	}));
	if (!text) {
		const list = names.map((c) => `"${c.name}"`).join(', ');
		const types = names.map((c) => `"${c.name}" ${c.type}`).join(', ');
		text = {
			head: `insert into "${getTableName(table)}" (${list}) select ${list} from jsonb_to_recordset(`,
			tail: `::jsonb) as x(${types})`
		};
		statements.set(cacheKey, text);
	}
	const json = JSON.stringify(
		rows.map((row) => {
			const out: Record<string, unknown> = {};
			for (const c of names) {
				const v = (row as Record<string, unknown>)[c.key];
				out[c.name] = v instanceof Date ? v.toISOString() : v;
			}
			return out;
		})
	);
	return { ...text, json };
}

const statements = new Map<string, { head: string; tail: string }>();
