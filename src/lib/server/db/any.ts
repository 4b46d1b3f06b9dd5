import { sql, type Column, type SQL } from 'drizzle-orm';

/**
 * `column = any($1::<type>[])`: a list condition with ONE parameter, the list as a PostgreSQL
 * array literal. drizzle's `inArray` writes `in ($1, $2, …)`, a different statement text for
 * every list length — and postgres-js prepares each new text on each pooled connection (a
 * parse, a plan and one more round trip before the query runs). One text per call site keeps
 * the hot statements prepared once; an index still serves `= any(…)` (see the query plans in
 * docs/benchmarks.md). The literal is a plain string parameter, the same on PGlite.
 */
export function anyOf(
	column: Column | SQL,
	values: readonly (string | number)[],
	type: 'text' | 'uuid' | 'int'
): SQL {
	return sql`${column} = any(${arrayLiteral(values)}::${sql.raw(type)}[])`;
}

/** `{"a","b"}`: every element quoted, `"` and `\` escaped (NUL never reaches here: push refuses it). */
export function arrayLiteral(values: readonly (string | number)[]): string {
	return `{${values.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
