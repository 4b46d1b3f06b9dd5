import { createHash } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import { MarketPolicy } from '$lib/domain';
import type { Db } from '../db';
import { query } from '../db/raw';
import { markets } from '../db/schema';

/**
 * Versions: what makes the pull cookie safe.
 *
 * A replicated row carries the market's version of the transaction that last wrote it, and a
 * pull sends "rows with since < version <= target" where `target` is the market's version in
 * the pull's snapshot (docs/sync.md). That is only correct if **no transaction can commit a row
 * with a version <= target after a reader saw target** — otherwise a cookie would skip the row
 * for ever. The market row gives that guarantee: a version is taken by
 * `UPDATE markets SET version = version + 1 … RETURNING`, which row-locks the market until the
 * transaction ends, so the next writer gets V+1 only after the writer of V committed (or rolled
 * back, and then V is handed out again): versions commit in version order, and a reader that sees
 * market.version = T also sees every row with a version <= T.
 *
 * Push takes the version **last** (`pendingWrites` then `commitVersion`), so the market lock
 * covers one statement and the commit instead of a whole mutation:
 *   1. a push request first takes transaction-scoped advisory locks on the subjects of all its
 *      mutations (customer, serials, rental, reservation, stock row — `mutations/locks.ts`), in
 *      one statement and sorted order, before any of them reads anything. Two mutations that
 *      read what the other writes share a subject, so their rule checks run one after the
 *      other, the second seeing the first's committed rows (READ COMMITTED takes a fresh
 *      snapshot per statement): two tablets cannot both take the last cleaning of the month
 *      unflagged (CLN-2), across any number of app processes. A reader of the pull never needs
 *      these locks: they order rule checks, not versions;
 *   2. rows are written with a placeholder version, `-txid_current()`: negative, so no pull
 *      ever sends it (since >= 0), and unique to the transaction;
 *   3. just before commit, `commitVersion` bumps the market version and rewrites this
 *      transaction's placeholder rows to it, in one statement. The market row lock is taken there
 *      and held through the commit, which keeps the ordering argument above intact: no row is
 *      committed with a real version except under the market lock, in version order.
 * Deadlock-free across the market lock: a transaction holding it only touches its own rows,
 * which no one else can lock (advisory locks are all taken before it). A row written before
 * step 3 is invisible to everyone else until the commit, so stamping it late changes nothing a
 * reader can see; a test checks that no placeholder is ever left behind.
 *
 * `nextVersion` (lock first) is kept for the few writers outside push — integrations, seeds,
 * tests — that write a handful of rows; they take their subject locks before it.
 */

/**
 * One advisory lock key per subject: 64 bits of its SHA-256 (hashed here, not in SQL: an id may
 * hold characters PostgreSQL text cannot). A collision only makes two mutations wait for each
 * other. Taken in key order, so two transactions never take the same two in opposite orders.
 */
function lockQuery(subjects: readonly string[]): SQL {
	const keys = lockKeys(subjects);
	return sql`select count(pg_advisory_xact_lock(k)) from (select k::bigint as k
		from jsonb_array_elements_text(${JSON.stringify(keys)}::jsonb) as k order by 1) as o`;
}

function lockKeys(subjects: readonly string[]): string[] {
	return [...new Set(subjects)].map((s) =>
		createHash('sha256').update(s).digest().readBigInt64BE(0).toString()
	);
}

/** The market's next version, taking its lock until commit (writers outside push). */
export async function nextVersion(
	tx: Db,
	marketCode: string
): Promise<{ version: number; policy: MarketPolicy }> {
	const [row] = await tx
		.update(markets)
		.set({ version: sql`${markets.version} + 1` })
		.where(eq(markets.code, marketCode))
		.returning({ version: markets.version, policy: markets.policy });
	if (!row) throw new Error(`market ${marketCode} does not exist`);
	return { version: row.version, policy: MarketPolicy.parse(row.policy) };
}

/**
 * Takes the advisory locks of `subjects` (held until the transaction ends) and answers the
 * placeholder version this transaction's rows are written with, and the market's policy — one
 * round trip. Sorted, so two mutations of one request never lock in opposite orders.
 */
export async function pendingWrites(
	tx: Db,
	marketCode: string,
	subjects: readonly string[]
): Promise<{ version: number; policy: MarketPolicy }> {
	// a fixed text, prepared once per connection (db/raw.ts): every push runs it
	const [row] = await query<{ policy: string; pending: string | number }>(tx, PENDING_WRITES, [
		marketCode,
		JSON.stringify(lockKeys(subjects))
	]);
	if (!row) throw new Error(`market ${marketCode} does not exist`);
	return { version: Number(row.pending), policy: policyOf(row.policy) };
}

/**
 * The market's policy parsed from its stored text, kept per text: it changes rarely, and
 * parsing it with zod on every push was a visible share of a push's CPU. The text is the
 * key, so an edited policy is parsed afresh. Callers only read it (nothing assigns to a policy).
 */
function policyOf(text: string): MarketPolicy {
	let policy = policies.get(text);
	if (!policy) {
		if (policies.size >= 64) policies.clear(); // a handful of markets; bounded all the same
		policy = MarketPolicy.parse(JSON.parse(text));
		policies.set(text, policy);
	}
	return policy;
}

const policies = new Map<string, MarketPolicy>();

const PENDING_WRITES = `select policy::text as policy, -txid_current() as pending,
	(select count(pg_advisory_xact_lock(k)) from (select k::bigint as k
		from jsonb_array_elements_text($2::jsonb) as k order by 1) as o) as locked
	from markets where code = $1`;

/** The advisory locks of `subjects`, held until the transaction ends (writers outside push). */
export async function lockSubjects(tx: Db, subjects: readonly string[]): Promise<void> {
	await tx.execute(lockQuery(subjects));
}

/** Every replicated table (schema.ts `replicated()`): where placeholder rows may be. */
const REPLICATED = [
	'points_of_sale',
	'device_models',
	'customers',
	'components',
	'services',
	'stock',
	'reservations',
	'rentals'
] as const;

/**
 * Bumps the market's version and gives it to every row this transaction wrote with its
 * placeholder (`pendingWrites`): call it last, just before commit. Each rewrite is an index
 * look-up (`<table>_market_version`). Returns the new version.
 */
export async function commitVersion(tx: Db, marketCode: string): Promise<number> {
	const [row] = await query<{ version: string | number }>(tx, COMMIT_VERSION, [marketCode]);
	if (!row) throw new Error(`market ${marketCode} does not exist`);
	return Number(row.version);
}

// one fixed text (prepared once per connection, db/raw.ts): the bump and every table's rewrite
const COMMIT_VERSION =
	'with v as (update markets set version = version + 1 where code = $1 returning version)' +
	REPLICATED.map(
		(t) => `, "w_${t}" as (update "${t}" set version = (select version from v)
			where market_code = $1 and version = -txid_current() returning 1)`
	).join('') +
	' select version from v';
