import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffProfile } from '$lib/domain';

/**
 * Hostile input against the real push and pull endpoints (their SvelteKit handlers, on a real
 * database): fast-check throws malformed JSON, wrong types, huge and nested payloads, unknown
 * mutation names, forged and replayed ids at them. Every answer must be a 4xx or a 2xx — never
 * a 5xx — and input that is refused must not change any replicated data.
 */

const PUSH_CASES = Number(process.env.FUZZ_PUSH ?? 400);
const PULL_CASES = Number(process.env.FUZZ_PULL ?? 200);

const dataDir = mkdtempSync(join(tmpdir(), 'carepoint-fuzz-'));
process.env.CAREPOINT_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

type Handler = (event: unknown) => Promise<Response>;
let pushPOST: Handler;
let pullGET: Handler;
let staff: StaffProfile;
let version: () => Promise<number>;

beforeAll(async () => {
	const { database } = await import('$lib/server/runtime');
	const { signIn } = await import('$lib/server/auth');
	const { DEMO_PASSWORD } = await import('$lib/server/seed');
	const { db } = await database();
	staff = (await signIn(db, 'ge.staff', DEMO_PASSWORD, new Date()))!.staff;
	const { markets } = await import('$lib/server/db/schema');
	version = async () =>
		(await db.select({ v: markets.version }).from(markets)).reduce((sum, m) => sum + m.v, 0);
	pushPOST = (await import('../../src/routes/api/sync/push/+server')).POST as unknown as Handler;
	pullGET = (await import('../../src/routes/api/sync/pull/+server')).GET as unknown as Handler;
}, 120_000);

afterAll(async () => {
	const { getDatabase } = await import('$lib/server/db');
	await (await getDatabase()).close();
	rmSync(dataDir, { recursive: true, force: true });
});

function event(url: string, init?: RequestInit) {
	const u = new URL(url, 'http://counter.test');
	return {
		request: new Request(u, init),
		url: u,
		params: {},
		locals: { staff, sessionId: 'fuzz' },
		cookies: { get: () => undefined, set: () => {}, delete: () => {} },
		getClientAddress: () => '127.0.0.1'
	};
}

const weirdString = fc.oneof(
	fc.string(),
	fc.constantFrom('__proto__', 'constructor', 'recordCleaning', '', ' ', '\u0000', 'ü'.repeat(300)),
	fc.uuid()
);
const weirdNumber = fc.oneof(
	fc.integer(),
	fc.double(),
	fc.constantFrom(0, -1, 1, 2 ** 31, Number.MAX_SAFE_INTEGER, 1.5)
);
const mutation = fc.record(
	{
		id: fc.oneof(weirdNumber, weirdString),
		uuid: fc.oneof(fc.uuid(), weirdString),
		name: weirdString,
		args: fc.oneof(
			fc.anything(),
			fc.record({
				serviceId: fc.oneof(fc.uuid(), weirdString),
				customerId: weirdString,
				serial: weirdString,
				posId: fc.constantFrom('ge-tbilisi-store', 'lv-riga-store', ''),
				performedAt: fc.oneof(
					fc.date().map((d) => (isNaN(d.getTime()) ? 'x' : d.toISOString())),
					weirdString
				),
				stickHandedOut: fc.oneof(fc.boolean(), weirdString)
			})
		),
		clientTime: fc.oneof(fc.constant(new Date().toISOString()), weirdString)
	},
	{ requiredKeys: [] }
);
/** Requests that pass the wire schema, so the mutation handlers meet the hostile arguments. */
const wellFormedPush = fc
	.record({
		clientGroupId: fc.uuid({ version: 4 }),
		clientId: fc.uuid({ version: 4 }),
		mutations: fc.array(
			fc.record({
				uuid: fc.uuid({ version: 4 }),
				name: fc.oneof(fc.constant('recordCleaning'), weirdString),
				args: mutation.map((m) => m.args ?? null)
			}),
			{ minLength: 1, maxLength: 3 }
		)
	})
	.map((v) =>
		JSON.stringify({
			...v,
			schemaVersion: 1,
			mutations: v.mutations.map((m, i) => ({
				...m,
				id: i + 1,
				clientTime: new Date().toISOString()
			}))
		})
	);

const pushBody = fc.oneof(
	{ weight: 1, arbitrary: fc.json() },
	{ weight: 1, arbitrary: fc.string() },
	{ weight: 1, arbitrary: fc.constant('{"clientGroupId":') },
	{ weight: 3, arbitrary: wellFormedPush },
	{
		weight: 2,
		arbitrary: fc
			.record(
				{
					clientGroupId: fc.oneof(fc.uuid(), weirdString),
					clientId: fc.oneof(fc.uuid(), weirdString),
					schemaVersion: fc.oneof(fc.constant(1), weirdNumber),
					mutations: fc.oneof(fc.array(mutation, { maxLength: 8 }), fc.anything())
				},
				{ requiredKeys: [] }
			)
			.map((v) => JSON.stringify(v))
	}
);

describe('hostile input to the sync endpoints', () => {
	it(`push: ${PUSH_CASES} malformed requests, never a 5xx, refused input changes nothing`, async () => {
		let refused = 0;
		const statuses = new Map<number, number>();
		await fc.assert(
			fc.asyncProperty(pushBody, async (body) => {
				const before = await version();
				const response = await pushPOST(
					event('/api/sync/push', {
						method: 'POST',
						body,
						headers: { 'content-type': 'application/json' }
					})
				);
				expect(response.status).toBeLessThan(500);
				statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
				const answer = (await response.json()) as { results?: { status: string }[] };
				const wrote = answer.results?.some((r) => r.status !== 'rejected') ?? false;
				if (!wrote) {
					refused++;
					expect(await version()).toBe(before);
				}
			}),
			{ numRuns: PUSH_CASES }
		);
		expect(refused).toBeGreaterThan(PUSH_CASES / 2);
		console.log(`push fuzz: ${PUSH_CASES} cases, statuses ${JSON.stringify([...statuses])}`);
		// the generator must reach past the wire schema into the mutation handlers too
		expect(statuses.get(200) ?? 0).toBeGreaterThan(PUSH_CASES / 20);
	}, 300_000);

	it(`pull: ${PULL_CASES} malformed queries, never a 5xx`, async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					clientGroupId: fc.oneof(fc.uuid(), weirdString),
					cookie: fc.oneof(weirdString, weirdNumber.map(String))
				}),
				async (q) => {
					const query = new URLSearchParams(q).toString();
					const response = await pullGET(event(`/api/sync/pull?${query}`));
					expect(response.status).toBeLessThan(500);
				}
			),
			{ numRuns: PULL_CASES }
		);
	}, 300_000);
});
