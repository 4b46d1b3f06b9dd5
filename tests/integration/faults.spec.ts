import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAction } from '$lib/db/mutators';
import { ReplicaDb, setMeta } from '$lib/db/replica';
import {
	PullQuery,
	PushRequest,
	type RecordCleaningArgs,
	type ServiceRecord,
	type StaffProfile
} from '$lib/domain';
import { signIn } from '$lib/server/auth';
import { openDatabase, type Db, type OpenDatabase } from '$lib/server/db';
import { componentToRow, customerToRow } from '$lib/server/db/mapping';
import * as t from '$lib/server/db/schema';
import { DEMO_FIXTURES, DEMO_PASSWORD, seed } from '$lib/server/seed';
import { pull } from '$lib/server/sync/pull';
import { push } from '$lib/server/sync/push';
import { nextVersion } from '$lib/server/sync/versions';
import { SyncEngine } from '$lib/sync/engine';

/**
 * Fault injection between the client's sync loop and the real server (PGlite on disk, so a
 * restart really closes and reopens the database). fast-check draws random schedules: several
 * tablets record cleanings offline for the same customers, then sync through a proxy that drops
 * requests, drops answers after the server committed, crashes half-way through a batch,
 * duplicates requests, replays stale requests late (reordering), answers 503 or restarts the
 * server. Then the network heals, and we check: every mutation applied exactly once, every
 * quota conflict flagged exactly once, every tablet converged to the server.
 */

const NOW = new Date('2026-03-15T10:00:00.000Z');
const RUNS = Number(process.env.FAULT_RUNS ?? 40);
const DEVICES = 3;
const CUSTOMERS = 3;

const FAULTS = [
	'none',
	'drop-request',
	'drop-answer',
	'partial-batch-crash',
	'duplicate',
	'replay-stale',
	'http-503',
	'restart'
] as const;
type Fault = (typeof FAULTS)[number];

type Step =
	| { kind: 'act'; device: number; customer: number }
	| { kind: 'sync'; device: number; fault: Fault }
	| { kind: 'sync-all-at-once'; fault: Fault };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('act' as const),
			device: fc.nat(DEVICES - 1),
			customer: fc.nat(CUSTOMERS - 1)
		})
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('sync' as const),
			device: fc.nat(DEVICES - 1),
			fault: fc.constantFrom(...FAULTS)
		})
	},
	{
		weight: 1,
		arbitrary: fc.record({
			kind: fc.constant('sync-all-at-once' as const),
			fault: fc.constantFrom(...FAULTS)
		})
	}
);

describe('fault injection: random schedules of offline tablets and a faulty network', () => {
	const dataDir = mkdtempSync(join(tmpdir(), 'carepoint-faults-'));
	let server: OpenDatabase;
	let staff: StaffProfile;
	const stalePushes: unknown[] = [];
	const totals = { schedules: 0, mutations: 0, faults: 0, restarts: 0, lost: 0, duplicated: 0 };

	const open = () => openDatabase({ dataDir });
	const db = (): Db => server.db;

	beforeAll(async () => {
		server = await open();
		await seed(db(), NOW);
		const session = await signIn(db(), 'ge.staff', DEMO_PASSWORD, NOW);
		staff = session!.staff;
	}, 120_000);

	afterAll(async () => {
		await server?.close();
		rmSync(dataDir, { recursive: true, force: true });
		console.log(
			`fault suite: ${totals.schedules} schedules, ${totals.mutations} mutations, ` +
				`${totals.faults} injected faults (${totals.restarts} server restarts); ` +
				`lost: ${totals.lost}, duplicated: ${totals.duplicated}`
		);
	});

	/** The server's answer to one request, as the endpoints would give it. */
	async function handle(url: URL, body: string | undefined): Promise<Response> {
		if (url.pathname === '/api/sync/push') {
			const request = PushRequest.parse(JSON.parse(body ?? 'null'));
			const outcome = await push(db(), staff, request, NOW);
			return Response.json(outcome.body, { status: outcome.status });
		}
		const query = PullQuery.parse(Object.fromEntries(url.searchParams));
		return Response.json(await pull(db(), staff, query, NOW));
	}

	function faultyFetch(faults: { next: Fault }) {
		return (async (input: RequestInfo | URL, init?: RequestInit) => {
			const url = new URL(String(input), 'http://counter.test');
			const body = init?.body ? String(init.body) : undefined;
			const fault = faults.next;
			faults.next = 'none'; // one fault per sync: the retry goes through
			if (fault !== 'none') totals.faults++;
			if (body) stalePushes.push(body);
			switch (fault) {
				case 'drop-request':
					throw new TypeError('Failed to fetch');
				case 'http-503':
					return Response.json({ error: 'unavailable', message: 'try later' }, { status: 503 });
				case 'restart': {
					// the process dies before it commits: connections close, the database reopens
					totals.restarts++;
					await server.close();
					server = await open();
					throw new TypeError('connection reset');
				}
				case 'drop-answer':
					await handle(url, body);
					throw new TypeError('network connection was lost');
				case 'partial-batch-crash': {
					if (body) {
						const request = PushRequest.parse(JSON.parse(body));
						const half = request.mutations.slice(0, Math.ceil(request.mutations.length / 2));
						await push(db(), staff, { ...request, mutations: half }, NOW);
					}
					throw new TypeError('server crashed mid-batch');
				}
				case 'duplicate': {
					const [first] = await Promise.all([handle(url, body), handle(url, body)]);
					return first;
				}
				case 'replay-stale': {
					const old = stalePushes[Math.floor(stalePushes.length / 2)];
					if (typeof old === 'string')
						await handle(new URL('/api/sync/push', url), old).catch(() => undefined);
					return handle(url, body);
				}
				default:
					return handle(url, body);
			}
		}) as typeof fetch;
	}

	async function freshCustomers(run: number) {
		const ids: { customerId: string; serial: string }[] = [];
		await db().transaction(async (tx) => {
			const { version } = await nextVersion(tx, 'GE');
			for (let i = 0; i < CUSTOMERS; i++) {
				const customerId = `fault-${run}-${i}-${crypto.randomUUID().slice(0, 8)}`;
				const serial =
					`FLT${run.toString(36)}X${i}${crypto.randomUUID().slice(0, 4)}`.toUpperCase();
				await tx.insert(t.customers).values(
					customerToRow(
						{
							id: customerId,
							marketCode: 'GE',
							firstName: 'Fault',
							lastName: `Run ${run}`,
							phone: '+995 500000000',
							dateOfBirth: '1985-01-01',
							registered: true,
							blacklisted: false,
							carePlus: null,
							updatedAt: NOW.toISOString()
						},
						{ version }
					)
				);
				await tx.insert(t.components).values(
					componentToRow(
						{
							serial,
							deviceId: `${customerId}-d`,
							modelId: 'iluma-one',
							part: 'device',
							marketCode: 'GE',
							customerId,
							purchasedOn: '2025-06-01',
							registeredAt: '2025-06-01T10:00:00.000Z',
							replacementsUsed: 0
						},
						{ version }
					)
				);
				ids.push({ customerId, serial });
			}
		});
		return ids;
	}

	it(`keeps every write exactly once and flags each conflict once (${RUNS} schedules)`, async () => {
		let run = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(stepArb, { minLength: 4, maxLength: 24 }), async (steps) => {
				run++;
				totals.schedules++;
				const customers = await freshCustomers(run);
				const devices = await Promise.all(
					Array.from({ length: DEVICES }, async () => {
						const replica = new ReplicaDb(`faults-${crypto.randomUUID()}`);
						await setMeta(replica, 'staff', staff);
						const faults = { next: 'none' as Fault };
						const engine = new SyncEngine(replica, {
							fetch: faultyFetch(faults),
							now: () => NOW,
							intervalMs: 1e8,
							maxBackoffMs: 1e8,
							batchSize: 4
						});
						await engine.trigger(); // first sync, no faults
						return { replica, engine, faults };
					})
				);
				const acted: string[] = [];
				try {
					for (const step of steps) {
						if (step.kind === 'act') {
							const { customerId, serial } = customers[step.customer]!;
							const args: RecordCleaningArgs = {
								serviceId: crypto.randomUUID(),
								customerId,
								serial,
								posId: DEMO_FIXTURES.pos.geStore,
								performedAt: NOW.toISOString(),
								stickHandedOut: false
							};
							await recordAction(devices[step.device]!.replica, 'recordCleaning', args, staff, NOW);
							acted.push(args.serviceId);
						} else if (step.kind === 'sync') {
							const device = devices[step.device]!;
							device.faults.next = step.fault;
							await device.engine.trigger();
						} else {
							for (const d of devices) d.faults.next = step.fault;
							await Promise.all(devices.map((d) => d.engine.trigger()));
						}
					}
					// the network heals: everyone syncs until nothing is pending
					for (let round = 0; round < 3; round++) for (const d of devices) await d.engine.trigger();
					totals.mutations += acted.length;

					// exactly once on the server
					const customerIds = customers.map((c) => c.customerId);
					const onServer = await db()
						.select()
						.from(t.services)
						.where(inArray(t.services.customerId, customerIds));
					const serverIds = onServer.map((s) => s.id);
					const lost = acted.filter((id) => !serverIds.includes(id)).length;
					const duplicated = serverIds.length - new Set(serverIds).size;
					totals.lost += lost;
					totals.duplicated += duplicated;
					expect(lost).toBe(0);
					expect(duplicated).toBe(0);
					expect(serverIds.sort()).toEqual([...acted].sort());

					// every CLN-2 conflict flagged once: quota 2 per customer per month
					for (const { customerId } of customers) {
						const mine = onServer.filter((s) => s.customerId === customerId);
						const flagged = mine.filter((s) => s.status === 'flagged');
						expect(flagged).toHaveLength(Math.max(0, mine.length - 2));
						const reviews = await db()
							.select()
							.from(t.reviewItems)
							.where(
								and(
									eq(t.reviewItems.subject, `customer:${customerId}`),
									eq(t.reviewItems.ruleId, 'CLN-2')
								)
							);
						expect(reviews).toHaveLength(mine.length > 2 ? 1 : 0);
					}

					// every tablet converged: nothing pending, same facts and states as the server
					const expected = onServer
						.map((s) => ({ id: s.id, status: s.status }))
						.sort((a, b) => a.id.localeCompare(b.id));
					for (const d of devices) {
						expect(await d.replica.outbox.where('status').equals('pending').count()).toBe(0);
						const local: ServiceRecord[] = await d.replica.services
							.where('customerId')
							.anyOf(customerIds)
							.toArray();
						expect(
							local
								.map((s) => ({ id: s.id, status: s.status }))
								.sort((a, b) => a.id.localeCompare(b.id))
						).toEqual(expected);
						expect(local.every((s) => s.recordedAt !== null)).toBe(true);
					}
				} finally {
					for (const d of devices) {
						d.engine.stop();
						d.replica.close();
						await d.replica.delete();
					}
				}
			}),
			{ numRuns: RUNS, endOnFailure: true }
		);
	}, 600_000);
});
