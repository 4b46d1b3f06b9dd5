import { describe, expect, it } from 'vitest';
import {
	PatchOp,
	PullQuery,
	PullResponse,
	PushGap,
	PushMutation,
	PushRequest,
	PushResponse,
	replicatedTables,
	SCHEMA_VERSION,
	TableName
} from './wire';

const GROUP = '0b8e7c2a-3d4f-4a1b-9c8d-1e2f3a4b5c6d';
const CLIENT = '5f6e7d8c-9b0a-4c1d-8e2f-3a4b5c6d7e8f';
const MUTATION_UUID = 'a1b2c3d4-e5f6-4789-8abc-def012345678';

function mutation(overrides: Record<string, unknown> = {}) {
	return {
		id: 1,
		uuid: MUTATION_UUID,
		name: 'recordCleaning',
		args: { anything: true },
		clientTime: '2026-04-15T10:00:00.000+03:00',
		...overrides
	};
}

function push(overrides: Record<string, unknown> = {}) {
	return {
		clientGroupId: GROUP,
		clientId: CLIENT,
		schemaVersion: SCHEMA_VERSION,
		mutations: [mutation()],
		...overrides
	};
}

const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
	result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('PushRequest', () => {
	it('is protocol version 1', () => {
		expect(SCHEMA_VERSION).toBe(1);
	});

	it('parses a valid push with its mutations unchanged', () => {
		const result = PushRequest.safeParse(push());
		expect(result.success).toBe(true);
		expect(result.data).toEqual(push());
	});

	it('accepts an empty batch', () => {
		expect(PushRequest.safeParse(push({ mutations: [] })).success).toBe(true);
	});

	it.each([0, -1, 1.5, '1', null])('rejects mutation id %j (must be a positive integer)', (id) => {
		const result = PushRequest.safeParse(push({ mutations: [mutation({ id })] }));
		expect(result.success).toBe(false);
		expect(issuePaths(result)).toEqual(['mutations.0.id']);
	});

	it.each([
		'not-a-uuid',
		'',
		'0b8e7c2a3d4f4a1b9c8d1e2f3a4b5c6d',
		'zb8e7c2a-3d4f-4a1b-9c8d-1e2f3a4b5c6d'
	])('rejects a bad mutation uuid %j', (uuid) => {
		const result = PushRequest.safeParse(push({ mutations: [mutation({ uuid })] }));
		expect(result.success).toBe(false);
		expect(issuePaths(result)).toEqual(['mutations.0.uuid']);
	});

	it('rejects a bad clientGroupId or clientId', () => {
		expect(issuePaths(PushRequest.safeParse(push({ clientGroupId: 'group-1' })))).toEqual([
			'clientGroupId'
		]);
		expect(issuePaths(PushRequest.safeParse(push({ clientId: 42 })))).toEqual(['clientId']);
	});

	it('accepts 500 mutations and rejects 501', () => {
		const many = (n: number) => Array.from({ length: n }, (_, i) => mutation({ id: i + 1 }));
		expect(PushRequest.safeParse(push({ mutations: many(500) })).success).toBe(true);
		const tooMany = PushRequest.safeParse(push({ mutations: many(501) }));
		expect(tooMany.success).toBe(false);
		expect(issuePaths(tooMany)).toEqual(['mutations']);
	});

	it('requires an integer schemaVersion', () => {
		expect(issuePaths(PushRequest.safeParse(push({ schemaVersion: undefined })))).toEqual([
			'schemaVersion'
		]);
		expect(issuePaths(PushRequest.safeParse(push({ schemaVersion: 1.1 })))).toEqual([
			'schemaVersion'
		]);
	});

	it('requires clientTime to be an ISO instant (offset allowed)', () => {
		for (const clientTime of ['2026-04-15T10:00:00Z', '2026-04-15T10:00:00.123+04:00'])
			expect(PushMutation.safeParse(mutation({ clientTime })).success).toBe(true);
		for (const clientTime of ['2026-04-15', 'yesterday', 1_776_000_000_000])
			expect(PushMutation.safeParse(mutation({ clientTime })).success).toBe(false);
	});

	it('requires a mutation name of 1..64 characters', () => {
		expect(PushMutation.safeParse(mutation({ name: '' })).success).toBe(false);
		expect(PushMutation.safeParse(mutation({ name: 'x'.repeat(64) })).success).toBe(true);
		expect(PushMutation.safeParse(mutation({ name: 'x'.repeat(65) })).success).toBe(false);
	});

	it('leaves args unvalidated so one bad mutation does not fail the batch', () => {
		for (const args of [null, 42, 'text', [], { deeply: { nested: 1 } }])
			expect(PushMutation.safeParse(mutation({ args })).success).toBe(true);
	});
});

describe('PushResponse / PushGap', () => {
	it('parses results with a status from the enum only', () => {
		const ok = {
			lastMutationId: 3,
			results: [
				{ id: 1, status: 'applied' },
				{ id: 2, status: 'flagged', reviewIds: ['r-1'] },
				{ id: 3, status: 'rejected', code: 'CLN-4', message: 'no tools' }
			]
		};
		expect(PushResponse.parse(ok)).toEqual(ok);
		expect(
			PushResponse.safeParse({ lastMutationId: 1, results: [{ id: 1, status: 'dropped' }] }).success
		).toBe(false);
		expect(PushResponse.safeParse({ lastMutationId: -1, results: [] }).success).toBe(false);
	});

	it('parses the 409 gap body', () => {
		expect(PushGap.parse({ error: 'gap', lastMutationId: 7 })).toEqual({
			error: 'gap',
			lastMutationId: 7
		});
		expect(PushGap.safeParse({ error: 'other', lastMutationId: 7 }).success).toBe(false);
	});
});

describe('PatchOp', () => {
	it('parses put with table, key and value', () => {
		const op = { op: 'put', table: 'customers', key: 'c-1', value: { id: 'c-1' } };
		expect(PatchOp.parse(op)).toEqual(op);
	});

	it('parses del with table and key', () => {
		const op = { op: 'del', table: 'components', key: 'AB12CD34' };
		expect(PatchOp.parse(op)).toEqual(op);
	});

	it('parses clear with nothing else', () => {
		expect(PatchOp.parse({ op: 'clear' })).toEqual({ op: 'clear' });
	});

	it('rejects an unknown op, an unknown table, and a del without key', () => {
		expect(PatchOp.safeParse({ op: 'upsert', table: 'customers', key: 'c-1' }).success).toBe(false);
		expect(PatchOp.safeParse({ op: 'put', table: 'users', key: 'u', value: 1 }).success).toBe(
			false
		);
		expect(PatchOp.safeParse({ op: 'del', table: 'customers' }).success).toBe(false);
		expect(PatchOp.safeParse({ op: 'put', table: 'customers', key: 7, value: 1 }).success).toBe(
			false
		);
		expect(PatchOp.safeParse({}).success).toBe(false);
	});

	it('names every replicated table and only those', () => {
		expect(TableName.options.slice().sort()).toEqual(Object.keys(replicatedTables).sort());
		for (const table of TableName.options)
			expect(PatchOp.safeParse({ op: 'del', table, key: 'k' }).success).toBe(true);
	});
});

describe('PullQuery', () => {
	it('coerces the cookie from a query-string value', () => {
		expect(PullQuery.parse({ clientGroupId: GROUP, cookie: '42' })).toEqual({
			clientGroupId: GROUP,
			cookie: 42
		});
	});

	it('defaults a missing cookie to 0', () => {
		expect(PullQuery.parse({ clientGroupId: GROUP })).toEqual({ clientGroupId: GROUP, cookie: 0 });
	});

	it('parses URLSearchParams entries', () => {
		const params = new URLSearchParams({ clientGroupId: GROUP, cookie: '7' });
		expect(PullQuery.parse(Object.fromEntries(params))).toEqual({
			clientGroupId: GROUP,
			cookie: 7
		});
	});

	it.each(['-1', '1.5', 'abc'])('rejects cookie %j', (cookie) => {
		const result = PullQuery.safeParse({ clientGroupId: GROUP, cookie });
		expect(result.success).toBe(false);
		expect(issuePaths(result)).toEqual(['cookie']);
	});

	it('rejects a bad clientGroupId', () => {
		expect(issuePaths(PullQuery.safeParse({ clientGroupId: 'nope', cookie: '1' }))).toEqual([
			'clientGroupId'
		]);
	});
});

describe('PullResponse', () => {
	it('parses a patch with every op kind', () => {
		const body = {
			cookie: 12,
			patch: [
				{ op: 'clear' },
				{ op: 'put', table: 'stock', key: 'pos-1:CLEAN-STICK', value: { quantity: 3 } },
				{ op: 'del', table: 'rentals', key: 'r-1' }
			],
			lastMutationIds: { [CLIENT]: 4 },
			serverTime: '2026-04-15T10:00:00.000Z'
		};
		expect(PullResponse.parse(body)).toEqual(body);
		expect(PullResponse.safeParse({ ...body, cookie: -1 }).success).toBe(false);
		expect(PullResponse.safeParse({ ...body, lastMutationIds: { [CLIENT]: -1 } }).success).toBe(
			false
		);
	});
});
