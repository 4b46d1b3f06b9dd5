import {
	PullResponse,
	PushGap,
	PushResponse,
	SCHEMA_VERSION,
	replicatedTables,
	type PatchOp,
	type PushMutation,
	type TableName
} from '$lib/domain';
import { reapplyPending } from '$lib/db/mutators';
import { IDLE_STATUS, type SyncStatus } from './status';
import { clientIds, getMeta, setMeta, type ReplicaDb } from '$lib/db/replica';

/**
 * The sync loop: push the outbox, then pull what changed (BRIEF sync protocol v1).
 *
 * One loop per browser profile: it runs under a Web Lock, so two tabs never push the same
 * mutations at once. It is woken by the `online` event, by every local write, and by a timer
 * whose delay grows with each failure (exponential backoff with full jitter, capped), so a
 * hundred tablets coming back online together do not hammer the server in step.
 *
 * Nothing is dropped: an outbox entry leaves `pending` only when the server answered it
 * (applied, flagged or rejected); a lost answer means the entry is pushed again and the
 * server returns its stored result.
 */

export type { SyncState, SyncStatus } from './status';

/** A device clock further off than this is shown to staff (BRIEF decision 5). */
export const CLOCK_SKEW_WARNING_MS = 5 * 60 * 1000;

export interface SyncOptions {
	fetch?: typeof fetch;
	baseUrl?: string;
	now?: () => Date;
	/** Delay between syncs while all is well. */
	intervalMs?: number;
	maxBackoffMs?: number;
	batchSize?: number;
	/** Rows per pull page the client asks for (the server caps it at PULL_PAGE_MAX). */
	pullPageSize?: number;
	/** True while nothing may sync (the replica's key is locked): a sync waits for `trigger`. */
	paused?: () => boolean;
}

/** `meta` key of an unfinished paged pull, so the next pull continues it. */
const PULL_PROGRESS = 'pullProgress';
/** `meta` key of the count of rows left out of the replica (SyncStatus.skippedRows). */
const SKIPPED_ROWS = 'skippedRows';

/** Rows of one table a pull left out, and where their schema failed (no values: no personal data). */
interface Skipped {
	rows: number;
	paths: Set<string>;
}

/** A pull page ready to be written (`SyncEngine.preparePatch`). */
interface PreparedPatch {
	cleared: boolean;
	puts: Map<TableName, unknown[]>;
	dels: Map<TableName, string[]>;
	skipped: Map<TableName, Skipped>;
}

interface PullProgress {
	/** The cookie the pull started from (0 after a `clear`): the cursor belongs to it. */
	fromCookie: number;
	cursor: string;
	received: number;
	total: number | null;
}

class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
	}
}

const LOCK_NAME = 'carepoint-sync';
const LEASE_MS = 30_000;

interface Lease {
	holder: string;
	until: number;
}

/** Takes the sync lease unless another tab holds an unexpired one. */
export async function takeLease(db: ReplicaDb, holder: string, now: Date): Promise<boolean> {
	return db.transaction('rw', db.meta, async () => {
		const current = (await db.meta.get('syncLease'))?.value as Lease | undefined;
		if (current && current.holder !== holder && current.until > now.getTime()) return false;
		await db.meta.put({ key: 'syncLease', value: { holder, until: now.getTime() + LEASE_MS } });
		return true;
	});
}

export async function releaseLease(db: ReplicaDb, holder: string): Promise<void> {
	await db.transaction('rw', db.meta, async () => {
		const current = (await db.meta.get('syncLease'))?.value as Lease | undefined;
		if (current?.holder === holder) await db.meta.delete('syncLease');
	});
}

export class SyncEngine {
	private status: SyncStatus = { ...IDLE_STATUS };
	private listeners = new Set<(s: SyncStatus) => void>();
	private timer: ReturnType<typeof setTimeout> | null = null;
	private failures = 0;
	private running: Promise<void> | null = null;
	private again = false;
	private stopped = true;
	private readonly fetch: typeof fetch;
	private readonly baseUrl: string;
	private readonly now: () => Date;
	private readonly intervalMs: number;
	private readonly maxBackoffMs: number;
	private readonly batchSize: number;
	private readonly pullPageSize: number;
	private readonly paused: () => boolean;
	private readonly instanceId = crypto.randomUUID();

	constructor(
		private readonly db: ReplicaDb,
		options: SyncOptions = {}
	) {
		this.fetch = options.fetch ?? ((...a) => globalThis.fetch(...a));
		this.baseUrl = options.baseUrl ?? '';
		this.now = options.now ?? (() => new Date());
		this.intervalMs = options.intervalMs ?? 30_000;
		this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
		this.batchSize = options.batchSize ?? 100;
		this.pullPageSize = options.pullPageSize ?? 10_000;
		this.paused = options.paused ?? (() => false);
	}

	get current(): SyncStatus {
		return this.status;
	}

	subscribe(listener: (s: SyncStatus) => void): () => void {
		this.listeners.add(listener);
		listener(this.status);
		return () => this.listeners.delete(listener);
	}

	private set(patch: Partial<SyncStatus>) {
		this.status = { ...this.status, ...patch };
		for (const l of this.listeners) l(this.status);
	}

	private readonly onOnline = () => this.trigger();
	private readonly onOffline = () => this.set({ state: 'offline' });

	async start(): Promise<void> {
		if (!this.stopped) return;
		this.stopped = false;
		const [last, offset, skipped] = await Promise.all([
			getMeta(this.db, 'lastSyncAt'),
			getMeta(this.db, 'serverOffsetMs'),
			this.db.meta.get(SKIPPED_ROWS)
		]);
		this.set({
			lastSyncAt: last ?? null,
			clockOffsetMs: offset ?? null,
			skippedRows: typeof skipped?.value === 'number' ? skipped.value : 0
		});
		if (typeof window !== 'undefined') {
			window.addEventListener('online', this.onOnline);
			window.addEventListener('offline', this.onOffline);
		}
		this.trigger();
	}

	stop(): void {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		if (typeof window !== 'undefined') {
			window.removeEventListener('online', this.onOnline);
			window.removeEventListener('offline', this.onOffline);
		}
	}

	/** Sync as soon as possible; calls while a sync runs make it run once more afterwards. */
	trigger(): Promise<void> {
		if (this.running) {
			this.again = true;
			return this.running;
		}
		this.running = this.runLocked().finally(() => {
			this.running = null;
			if (this.again && !this.stopped) {
				this.again = false;
				void this.trigger();
			}
		});
		return this.running;
	}

	private async runLocked(): Promise<void> {
		const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
		if (locks) {
			await locks.request(LOCK_NAME, () => this.runOnce());
			return;
		}
		// no Web Locks (old browsers): a lease row in IndexedDB, taken in a transaction, stands in
		if (!(await takeLease(this.db, this.instanceId, this.now()))) {
			this.schedule(LEASE_MS);
			return;
		}
		try {
			await this.runOnce();
		} finally {
			await releaseLease(this.db, this.instanceId);
		}
	}

	private async runOnce(): Promise<void> {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
		if (typeof navigator !== 'undefined' && navigator.onLine === false) {
			this.set({ state: 'offline' });
			return; // the online event wakes us
		}
		if (this.paused()) return; // the unlock triggers the next sync
		this.set({ state: 'syncing', received: 0, total: null });
		try {
			await this.push();
			await this.pull();
			this.failures = 0;
			this.set({ state: 'idle', lastError: null });
			this.schedule(this.intervalMs);
		} catch (error) {
			if (error instanceof HttpError && error.status === 401) {
				// the queue stays intact; it is pushed again after the next sign-in
				this.set({ state: 'signed-out', lastError: 'Session expired: sign in to sync' });
				return;
			}
			this.failures++;
			const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
			this.set({
				state: offline ? 'offline' : 'error',
				lastError: error instanceof Error ? error.message : String(error)
			});
			const ceiling = Math.min(this.maxBackoffMs, 1000 * 2 ** this.failures);
			this.schedule(ceiling / 2 + Math.random() * (ceiling / 2));
		}
	}

	private schedule(delayMs: number) {
		if (this.stopped) return;
		if (this.timer) clearTimeout(this.timer);
		this.timer = setTimeout(() => void this.trigger(), delayMs);
	}

	private ids(): Promise<{ clientGroupId: string; clientId: string }> {
		return clientIds(this.db);
	}

	private async request(path: string, init?: RequestInit): Promise<unknown> {
		const response = await this.fetch(`${this.baseUrl}${path}`, {
			...init,
			credentials: 'same-origin',
			headers: { 'content-type': 'application/json', ...init?.headers }
		});
		const body: unknown = await response.json().catch(() => null);
		if (response.status === 409) {
			const gap = PushGap.safeParse(body);
			if (gap.success) return gap.data;
		}
		if (!response.ok) {
			const message =
				body && typeof body === 'object' && 'message' in body
					? String(body.message)
					: `HTTP ${response.status}`;
			throw new HttpError(response.status, message);
		}
		return body;
	}

	/** Pushes pending mutations in id order, in batches, until none are left. */
	async push(): Promise<void> {
		const { clientGroupId, clientId } = await this.ids();
		for (let round = 0; round < 1000; round++) {
			const pending = await this.db.outbox
				.where('status')
				.equals('pending')
				.limit(this.batchSize)
				.sortBy('id');
			if (pending.length === 0) return;
			const mutations: PushMutation[] = pending.map((e) => ({
				id: e.id,
				uuid: e.uuid,
				name: e.name,
				args: e.args,
				clientTime: e.clientTime,
				...(e.actor ? { actor: e.actor } : {})
			}));
			const body = await this.request('/api/sync/push', {
				method: 'POST',
				body: JSON.stringify({ clientGroupId, clientId, schemaVersion: SCHEMA_VERSION, mutations })
			});
			const gap = PushGap.safeParse(body);
			if (gap.success) {
				await this.resendAfter(gap.data.lastMutationId);
				continue;
			}
			const response = PushResponse.parse(body);
			const settledAt = this.now().toISOString();
			// one bulk request for the whole batch (one update per entry took ~1 ms each)
			await this.db.outbox.bulkUpdate(
				response.results.map((result) => ({
					key: result.id,
					changes: {
						status: result.status,
						code: result.code,
						message: result.message,
						reviewIds: result.reviewIds,
						settledAt
					}
				}))
			);
			if (response.results.length === 0) return;
		}
	}

	/**
	 * The server has handled only up to `lastMutationId` (it lost later ones, e.g. restored from
	 * a backup): everything after it that we still hold becomes pending again. The uuid keeps the
	 * resend exactly-once.
	 */
	private async resendAfter(lastMutationId: number) {
		await this.db.outbox
			.where('id')
			.above(lastMutationId)
			.modify((e) => {
				e.status = 'pending';
			});
	}

	/**
	 * Pulls changes since our cookie, page by page (paged pull, docs/sync.md): each page is
	 * applied in its own transaction, so a first sync of a large market never holds one huge
	 * transaction or the whole patch in memory; the cookie is stored only with the last page.
	 * After each page the cursor is kept in `meta`, so a pull cut short (tab closed, network
	 * lost) continues where it stopped: the pages form one consistent snapshot on the server
	 * however long they take (rows written meanwhile come with the next pull). Pending effects
	 * are written again once, with the last page.
	 */
	async pull(): Promise<void> {
		const { clientGroupId } = await this.ids();
		let cookie = (await getMeta(this.db, 'cookie')) ?? 0;
		const saved = (await this.db.meta.get(PULL_PROGRESS))?.value as PullProgress | undefined;
		const resume = saved && saved.fromCookie === cookie ? saved : undefined;
		const cursor = resume?.cursor;
		let received = resume?.received ?? 0;
		let total = resume?.total ?? null;
		this.set({ received, total });
		const staff = await getMeta(this.db, 'staff');
		const tables = this.db.replicated();
		const fetchPage = async (from: number, after: string | undefined) => {
			const sentAt = this.now().getTime();
			const body = await this.request(
				`/api/sync/pull?clientGroupId=${encodeURIComponent(clientGroupId)}&cookie=${from}` +
					`&limit=${this.pullPageSize}${after ? `&cursor=${after}` : ''}`
			);
			const receivedAt = this.now().getTime();
			// parsed, checked and sealed before its transaction (and while the page before is
			// being written): the transaction then only stores
			const response = PullResponse.parse(body);
			const rows = await this.preparePatch(response.patch);
			return { response, after, sentAt, receivedAt, rows };
		};
		/** A page's transaction, once committed: what the sync state shows after it. */
		interface Written {
			received: number;
			total: number | null;
			skipped: Map<TableName, Skipped>;
			skippedRows: number;
		}
		const settle = async (written: Promise<Written>) => {
			const w = await written;
			for (const [table, s] of w.skipped)
				console.warn(
					`sync: left out ${s.rows} ${table} row(s) this app version cannot read (${[...s.paths].join(', ')})`
				);
			this.set({ received: w.received, total: w.total, skippedRows: w.skippedRows });
		};
		// A pipeline of three stages: page N+2 is fetched, parsed and sealed, page N+1's
		// transaction is opened and its rows handed to IndexedDB (serialising them is the
		// main thread's work), while page N's transaction is still being stored. IndexedDB runs
		// transactions over the same tables one after the other in the order they were opened,
		// so pages are stored in order; a page whose predecessor was not stored refuses to
		// commit (below). A failed prefetch surfaces when it is awaited.
		let next = fetchPage(cookie, cursor);
		let writing: Promise<Written> | null = null;
		for (let page = 0; page < 100_000; page++) {
			const { response, after, sentAt, receivedAt, rows } = await next;
			const last = !response.hasMore || !response.cursor;
			const cleared = rows.cleared;
			if (cleared) cookie = 0;
			if (!last) {
				next = fetchPage(cookie, response.cursor);
				next.catch(() => {}); // awaited on the next round; not an unhandled rejection
			}
			if (cleared) received = 0;
			if (response.total !== undefined) total = response.total;
			received += cleared ? response.patch.length - 1 : response.patch.length;
			const written: Written = { received, total, skipped: rows.skipped, skippedRows: 0 };
			const fromCookie = cookie;
			const tx = this.db
				.transaction('rw', [...Object.values(tables), this.db.meta, this.db.outbox], async () => {
					// Exactly once, in order: this page continues the cursor it was fetched with,
					// which the page before stored with its rows. If that transaction failed, the
					// stored cursor is an older one and this page must not commit on top of the
					// gap; the next pull resumes from the stored cursor. The check is issued
					// first and the writes right after it, without waiting for its answer, so the
					// rows are handed to IndexedDB while the page before is still being stored.
					const inOrder =
						after === undefined
							? Promise.resolve(true)
							: this.db.meta
									.get(PULL_PROGRESS)
									.then((r) => (r?.value as PullProgress | undefined)?.cursor === after);
					const [follows] = await Promise.all([inOrder, this.writePatch(rows)]);
					if (!follows) throw new Error('sync: a pull page was not stored; pulling again');
					// a clear starts the replica afresh: only what this page leaves out is missing
					const before = cleared
						? 0
						: ((await this.db.meta.get(SKIPPED_ROWS))?.value as number) || 0;
					let count = before;
					for (const s of rows.skipped.values()) count += s.rows;
					if (count !== before || cleared)
						await this.db.meta.put({ key: SKIPPED_ROWS, value: count });
					written.skippedRows = count;
					if (!last) {
						const progress: PullProgress = {
							fromCookie,
							cursor: response.cursor!,
							received: written.received,
							total: written.total
						};
						await this.db.meta.put({ key: PULL_PROGRESS, value: progress });
						return;
					}
					await this.db.meta.delete(PULL_PROGRESS);
					if (staff) await reapplyPending(this.db, staff.marketCode);
					await setMeta(this.db, 'cookie', response.cookie);
					const now = this.now().toISOString();
					await setMeta(this.db, 'lastSyncAt', now);
					// server clock decides: the tablet's may be wrong (BRIEF decision 5)
					const midpoint = (sentAt + receivedAt) / 2;
					const clockOffsetMs = Math.round(Date.parse(response.serverTime) - midpoint);
					await setMeta(this.db, 'serverOffsetMs', clockOffsetMs);
					this.set({ lastSyncAt: now, clockOffsetMs });
				})
				.then(() => written);
			tx.catch(() => {}); // awaited below or on the next round
			// at most one page waits behind the one being stored
			if (writing) await settle(writing);
			writing = tx;
			if (last) {
				await settle(tx);
				return;
			}
		}
	}

	/**
	 * One page of a patch, made ready outside any transaction: its puts and deletes grouped by
	 * table (a pull carries each row at most once, so order within a table does not matter), each
	 * row checked against its schema — a row that does not match (a server ahead of this app
	 * version, a bad row) is left out and counted in `skipped`, so one row never blocks the rest
	 * of the replica — and the rows of tables with personal fields sealed ahead
	 * (`ReplicaDb.sealAhead`: WebCrypto, off the main thread), so the page's transaction holds
	 * nothing but IndexedDB requests. Sealed here or by the middleware, no personal field
	 * reaches IndexedDB in clear.
	 */
	private async preparePatch(patch: PatchOp[]): Promise<PreparedPatch> {
		const tables = this.db.replicated();
		const puts = new Map<TableName, unknown[]>();
		const dels = new Map<TableName, string[]>();
		const skipped = new Map<TableName, Skipped>();
		let cleared = false;
		for (const op of patch) {
			if (op.op === 'clear') cleared = true;
			else if (op.op === 'del') {
				let keys = dels.get(op.table);
				if (!keys) dels.set(op.table, (keys = []));
				keys.push(op.key);
			} else {
				let rows = puts.get(op.table);
				if (!rows) puts.set(op.table, (rows = []));
				const row = replicatedTables[op.table].schema.safeParse(op.value);
				if (row.success) rows.push(row.data);
				else {
					let s = skipped.get(op.table);
					if (!s) skipped.set(op.table, (s = { rows: 0, paths: new Set() }));
					s.rows++;
					for (const issue of row.error.issues) s.paths.add(issue.path.join('.') || '(row)');
				}
			}
		}
		const sealed = new Map<TableName, unknown[]>();
		await Promise.all(
			[...puts].map(async ([table, rows]) =>
				sealed.set(table, await this.db.sealAhead(tables[table], rows as object[]))
			)
		);
		return { cleared, puts: sealed, dels, skipped };
	}

	/** A prepared page, in the caller's transaction: `clear` first, then deletes and puts. */
	private async writePatch({ cleared, puts, dels }: PreparedPatch) {
		const tables = this.db.replicated();
		if (cleared) {
			await Promise.all(Object.values(tables).map((t) => t.clear()));
			await setMeta(this.db, 'cookie', 0);
		}
		// every request issued at once (IndexedDB runs them in order), so a transaction waiting
		// behind another already holds its whole page
		await Promise.all([
			...[...dels].map(([table, keys]) => tables[table].bulkDelete(keys)),
			...[...puts].map(([table, rows]) => tables[table].bulkPut(rows))
		]);
	}
}
