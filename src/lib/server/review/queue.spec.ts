import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponse, type PushMutation, type StaffProfile } from '$lib/domain';
import {
	ResolveReviewRequest,
	ReviewItemDetail,
	ReviewListResponse,
	type ReviewItemSummary
} from '$lib/domain/review';
import type { Db } from '../db';
import { staffFromRow } from '../db/mapping';
import * as t from '../db/schema';
import { DEMO_FIXTURES, seed } from '../seed';
import { push } from '../sync/push';
import { openTestDatabase, testDrivers, type TestDatabase } from '../testing';
import { listReviews, resolveReview, reviewDetail } from './queue';

// a fixed clock: the seed's "this month" and every push below agree on it
const NOW = new Date('2026-03-15T10:00:00.000Z');
const LATER = new Date('2026-03-15T11:00:00.000Z');
const GE = DEMO_FIXTURES.ge;
const GE_STORE = DEMO_FIXTURES.pos.geStore;

const drivers = await testDrivers();

describe.each(drivers)('review queue on $name', ({ name, available }) => {
	if (!available) {
		it.skip('PostgreSQL did not answer: skipped', () => {});
		return;
	}

	let handle: TestDatabase;
	let db: Db;
	const staffOf: Record<string, StaffProfile> = {};
	const who = (username: string) => staffOf[username]!;

	beforeAll(async () => {
		handle = await openTestDatabase(name);
		db = handle.db;
		await seed(db, NOW);
		for (const row of await db.select().from(t.staff)) staffOf[row.username] = staffFromRow(row);
	});
	afterAll(async () => handle?.close());

	const cleaning = (customerId: string, serial: string, minutesAgo = 1): PushMutation => ({
		id: 1,
		uuid: randomUUID(),
		name: 'recordCleaning',
		args: {
			serviceId: randomUUID(),
			customerId,
			serial,
			posId: GE_STORE,
			performedAt: new Date(NOW.getTime() - minutesAgo * 60_000).toISOString(),
			stickHandedOut: false
		},
		clientTime: NOW.toISOString()
	});

	/** One push from a tablet of its own (a fresh client group). */
	async function tablet(m: PushMutation, at = NOW) {
		const outcome = await push(
			db,
			who('ge.staff'),
			{ clientGroupId: randomUUID(), clientId: randomUUID(), schemaVersion: 1, mutations: [m] },
			at
		);
		expect(outcome.status).toBe(200);
		return PushResponse.parse(outcome.body).results[0]!;
	}

	async function open(username = 'ge.supervisor'): Promise<ReviewItemSummary[]> {
		const outcome = await listReviews(db, who(username), 'open');
		expect(outcome.status).toBe(200);
		return ReviewListResponse.parse(outcome.body).items;
	}

	let cln2: string; // the item of GE.twoCleaningsThisMonth, opened in the first test

	it('lists a flagged third cleaning as one open CLN-2 item with its customer and fact count', async () => {
		expect(await open()).toEqual([]);
		const { id: customerId, serial } = GE.twoCleaningsThisMonth;
		const result = await tablet(cleaning(customerId, serial));
		expect(result).toMatchObject({ status: 'flagged', code: 'CLN-2' });
		const items = await open();
		expect(items).toHaveLength(1);
		cln2 = items[0]!.id;
		expect(result.reviewIds).toEqual([cln2]);
		expect(items[0]).toMatchObject({
			marketCode: 'GE',
			ruleId: 'CLN-2',
			status: 'open',
			subject: `customer:${customerId}`,
			customer: { id: customerId },
			factCount: 1,
			openedAt: NOW.toISOString(),
			resolvedAt: null,
			reason: { key: 'cln.quotaUsed', params: { used: 2, limit: 2 } }
		});
		expect(await open('ge.admin')).toHaveLength(1);
	});

	it('shows both sides: the flagged fact and the cleanings that used the quota, with who, where and when', async () => {
		const outcome = await reviewDetail(db, who('ge.supervisor'), cln2);
		expect(outcome.status).toBe(200);
		const detail = ReviewItemDetail.parse(outcome.body);
		expect(detail.services).toHaveLength(3);
		const flagged = detail.services.filter((s) => s.side === 'flagged');
		const counted = detail.services.filter((s) => s.side === 'counted');
		expect(flagged).toHaveLength(1);
		expect(counted).toHaveLength(2); // the seed's two cleanings this month
		expect(flagged[0]).toMatchObject({
			status: 'flagged',
			flaggedRules: ['CLN-2'],
			serial: GE.twoCleaningsThisMonth.serial,
			staff: { id: 'ge-u-staff' },
			pos: { id: GE_STORE },
			performedAt: new Date(NOW.getTime() - 60_000).toISOString(),
			recordedAt: NOW.toISOString()
		});
		for (const s of detail.services) {
			expect(s.pos.name).not.toBe(s.pos.id); // a real name, not the id
			expect(s.staff.name.length).toBeGreaterThan(0);
		}
		expect(detail.devices.map((d) => d.serial)).toContain(GE.twoCleaningsThisMonth.serial);
		expect(detail.devices[0]!.modelName).toBeTruthy();
		expect(detail.customer?.id).toBe(GE.twoCleaningsThisMonth.id);
		expect(detail.resolution).toBeNull();
	});

	it('two tablets offline using the last cleaning: one item whose sides are the two tablets’ facts', async () => {
		const { id: customerId, holderSerial: serial } = GE.adult;
		expect((await tablet(cleaning(customerId, serial, 30))).status).toBe('applied');
		// both tablets did it offline; their pushes reach the server at the same moment
		const [a, b] = await Promise.all([
			tablet(cleaning(customerId, serial, 10)),
			tablet(cleaning(customerId, serial, 9))
		]);
		expect([a!.status, b!.status].sort()).toEqual(['applied', 'flagged']);
		const mine = (await open()).filter((i) => i.customer?.id === customerId);
		expect(mine).toHaveLength(1);
		const detail = ReviewItemDetail.parse(
			(await reviewDetail(db, who('ge.supervisor'), mine[0]!.id)).body
		);
		expect(detail.services.map((s) => s.side).sort()).toEqual(['counted', 'counted', 'flagged']);
	});

	it('refuses other roles with 403 and hides other markets’ and other points of sale’s items', async () => {
		for (const role of ['ge.staff', 'ge.partner', 'ge.specialist']) {
			expect((await listReviews(db, who(role), 'open')).status).toBe(403);
			expect((await reviewDetail(db, who(role), cln2)).status).toBe(403);
			expect(
				(await resolveReview(db, who(role), cln2, { note: 'not mine to close' }, LATER)).status
			).toBe(403);
		}
		expect(await open('lv.supervisor')).toEqual([]);
		expect((await reviewDetail(db, who('lv.supervisor'), cln2)).status).toBe(404);
		const popupOnly: StaffProfile = {
			...who('ge.supervisor'),
			posIds: [DEMO_FIXTURES.pos.gePopup]
		};
		expect((await listReviews(db, popupOnly, 'open')).body).toEqual({ items: [] });
		expect((await reviewDetail(db, popupOnly, cln2)).status).toBe(404);
		expect((await reviewDetail(db, who('ge.supervisor'), randomUUID())).status).toBe(404);
		expect((await reviewDetail(db, who('ge.supervisor'), 'not-a-uuid')).status).toBe(404);
	});

	it('requires a note of at least 3 characters', () => {
		expect(ResolveReviewRequest.safeParse({ note: ' ok ' }).success).toBe(false);
		expect(ResolveReviewRequest.safeParse({}).success).toBe(false);
		expect(ResolveReviewRequest.parse({ note: '  fine  ' })).toEqual({ note: 'fine' });
	});

	it('resolves with note, who and when; a second resolve is 409; a new breach opens a new item', async () => {
		const note = 'Called the store: second tablet was offline, customer informed.';
		const outcome = await resolveReview(db, who('ge.supervisor'), cln2, { note }, LATER);
		expect(outcome.status).toBe(200);
		const detail = ReviewItemDetail.parse(outcome.body);
		expect(detail).toMatchObject({ status: 'resolved', resolvedAt: LATER.toISOString() });
		expect(detail.resolution).toEqual({
			note,
			resolvedBy: { id: who('ge.supervisor').id, name: who('ge.supervisor').displayName },
			resolvedAt: LATER.toISOString()
		});

		const again = await resolveReview(db, who('ge.admin'), cln2, { note: 'me too' }, LATER);
		expect(again).toMatchObject({ status: 409, body: { error: 'already_resolved' } });

		expect((await open()).map((i) => i.id)).not.toContain(cln2);
		const resolved = ReviewListResponse.parse(
			(await listReviews(db, who('ge.supervisor'), 'resolved')).body
		).items;
		expect(resolved.map((i) => i.id)).toEqual([cln2]);

		const { id: customerId, serial } = GE.twoCleaningsThisMonth;
		const fourth = await tablet(cleaning(customerId, serial), LATER);
		expect(fourth.status).toBe('flagged');
		expect(fourth.reviewIds).toHaveLength(1);
		expect(fourth.reviewIds![0]).not.toBe(cln2);
	});

	it('lets exactly one of two supervisors resolving at the same moment win', async () => {
		const item = (await open()).find((i) => i.customer?.id === GE.adult.id)!;
		const outcomes = await Promise.all([
			resolveReview(db, who('ge.supervisor'), item.id, { note: 'first' }, LATER),
			resolveReview(db, who('ge.admin'), item.id, { note: 'second' }, LATER)
		]);
		expect(outcomes.map((o) => o.status).sort()).toEqual([200, 409]);
	});
});
