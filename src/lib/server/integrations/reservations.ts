import { createHash, randomInt, randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { reservationCancelVerdict, reservationExpiresAt, reservationState } from '$lib/domain';
import type { Db } from '../db';
import { reservationFromRow, serviceToRow } from '../db/mapping';
import { customers, integrations, pointsOfSale, reservations, services } from '../db/schema';
import { lockSubjects, nextVersion } from '../sync/versions';
import { reservationSubject } from '../mutations/locks';
import { messageSender, type OutgoingMessage } from './messages';

/**
 * Reservations arriving from the website and the call centre (RSV-1, RSV-2, RSV-4).
 *
 * - create: the reservation is stored as `requested`: it has no pickup code and no hold yet,
 *   and is kept out of the tablets' replica (`deleted`) until confirmed — a tablet could not do
 *   anything with it.
 * - confirm: carepoint makes the pickup code; the server clock's confirmation instant starts the
 *   48-hour hold (RSV-2); the row gets the market's next version so it replicates to the tablets
 *   of its point of sale; the confirmation text goes to the pluggable message sender.
 * - cancel: RSV-4, at any time before purchase.
 *
 * Every answer is `{ status, body }`; bad input is 4xx, never 5xx.
 */

export interface Outcome {
	status: number;
	body: Record<string, unknown>;
}

const fail = (status: number, error: string, message: string): Outcome => ({
	status,
	body: { error, message }
});

export type Integration = typeof integrations.$inferSelect;

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** The integration a `Authorization: Bearer <key>` header names, or null. */
export async function authenticate(db: Db, header: string | null): Promise<Integration | null> {
	const match = /^Bearer\s+(\S{8,200})$/i.exec(header?.trim() ?? '');
	if (!match?.[1]) return null;
	const [row] = await db
		.select()
		.from(integrations)
		.where(and(eq(integrations.keyHash, hashKey(match[1])), isNull(integrations.revokedAt)));
	return row ?? null;
}

const Item = z.object({
	sku: z.string().trim().min(1).max(64),
	quantity: z.number().int().min(1).max(20)
});

export const CreateReservationBody = z
	.object({
		/** The customer's id in carepoint … */
		customerId: z.string().trim().min(1).max(100).optional(),
		/** … or their phone, name and date of birth, which must match one account. */
		phone: z.string().trim().min(5).max(32).optional(),
		firstName: z.string().trim().min(1).max(100).optional(),
		lastName: z.string().trim().min(1).max(100).optional(),
		dateOfBirth: z.iso.date().optional(),
		posId: z.string().trim().min(1).max(100),
		items: z.array(Item).min(1).max(20),
		/** Defaults to the integration's own source. */
		source: z.enum(['web', 'call_centre']).optional()
	})
	.refine(
		(b) =>
			b.customerId !== undefined ||
			(b.phone !== undefined &&
				b.firstName !== undefined &&
				b.lastName !== undefined &&
				b.dateOfBirth !== undefined),
		{ message: 'give customerId, or phone + firstName + lastName + dateOfBirth' }
	);
export type CreateReservationBody = z.infer<typeof CreateReservationBody>;

const digits = (phone: string) => phone.replace(/\D/g, '');
const same = (a: string, b: string) =>
	a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

async function findCustomer(db: Db, marketCode: string, body: CreateReservationBody) {
	if (body.customerId) {
		const [row] = await db.select().from(customers).where(eq(customers.id, body.customerId));
		return row && !row.deleted && row.marketCode === marketCode ? row : null;
	}
	const rows = await db
		.select()
		.from(customers)
		.where(
			and(
				eq(customers.marketCode, marketCode),
				eq(customers.dateOfBirth, body.dateOfBirth!),
				eq(customers.deleted, false)
			)
		);
	const matches = rows.filter(
		(c) =>
			digits(c.phone) === digits(body.phone!) &&
			same(c.firstName, body.firstName!) &&
			same(c.lastName, body.lastName!)
	);
	return matches.length === 1 ? matches[0]! : null;
}

export async function createReservation(
	db: Db,
	integration: Integration,
	raw: unknown,
	now: Date
): Promise<Outcome> {
	// PostgreSQL text cannot hold NUL: refuse it here rather than fail in the database (a 5xx)
	if (JSON.stringify(raw ?? null).includes('\\u0000'))
		return fail(400, 'bad_request', 'Text may not contain NUL characters.');
	const parsed = CreateReservationBody.safeParse(raw);
	if (!parsed.success) return fail(400, 'bad_request', z.prettifyError(parsed.error));
	const body = parsed.data;
	const [pos] = await db.select().from(pointsOfSale).where(eq(pointsOfSale.id, body.posId));
	if (!pos || pos.deleted || pos.marketCode !== integration.marketCode)
		return fail(422, 'unknown_pos', 'No such point of sale in this market.');
	if (!pos.capabilities.reservations)
		return fail(422, 'pos_no_reservations', 'This point of sale does not take reservations.');
	const customer = await findCustomer(db, integration.marketCode, body);
	if (!customer)
		return fail(404, 'customer_not_found', 'No single customer account matches these details.');
	if (!customer.registered)
		return fail(422, 'not_registered', 'Reservations are for registered customers (RSV-1).');

	const id = randomUUID();
	return db.transaction(async (tx) => {
		const { version, policy: market } = await nextVersion(tx, integration.marketCode);
		if (!market.reservationsAvailable)
			return fail(422, 'not_offered', 'Reservations are not offered in this market.');
		await tx.insert(reservations).values({
			id,
			marketCode: integration.marketCode,
			version,
			// not replicated until confirmed: no code, no hold yet
			deleted: true,
			code: `requested:${id}`,
			customerId: customer.id,
			posId: pos.id,
			confirmedAt: now,
			items: body.items,
			status: 'requested',
			source: body.source ?? integration.source
		});
		return {
			status: 201,
			body: { id, status: 'requested', customerId: customer.id, posId: pos.id }
		};
	});
}

/** A pickup code: the market's letters and six digits, unique among its live reservations. */
async function newCode(tx: Db, marketCode: string): Promise<string> {
	for (;;) {
		const code = `${marketCode}${randomInt(100000, 1000000)}`;
		const [clash] = await tx
			.select({ id: reservations.id })
			.from(reservations)
			.where(and(eq(reservations.marketCode, marketCode), eq(reservations.code, code)));
		if (!clash) return code;
	}
}

async function reservationOf(tx: Db, integration: Integration, id: string) {
	if (id.includes('\u0000') || id.length > 200) return null;
	const [row] = await tx.select().from(reservations).where(eq(reservations.id, id));
	return row && row.marketCode === integration.marketCode ? row : null;
}

function confirmationText(code: string, until: Date, posName: string, timeZone: string) {
	const when = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		dateStyle: 'short',
		timeStyle: 'short'
	}).format(until);
	return `IQOS: your reservation code is ${code}. Pick up at ${posName} before ${when}. Bring an ID.`;
}

export async function confirmReservation(
	db: Db,
	integration: Integration,
	id: string,
	now: Date
): Promise<Outcome> {
	const result: { outcome: Outcome; message?: OutgoingMessage } = await db.transaction(
		async (tx) => {
			// the tablets' pickup and cancel lock it too (mutations/locks.ts); before the market lock
			await lockSubjects(tx, [reservationSubject(id)]);
			const { version, policy: market } = await nextVersion(tx, integration.marketCode);
			const row = await reservationOf(tx, integration, id);
			if (!row) return { outcome: fail(404, 'not_found', 'No such reservation.') };
			if (row.status === 'cancelled')
				return { outcome: fail(409, 'cancelled', 'The reservation was cancelled.') };
			if (row.status === 'picked_up')
				return { outcome: fail(409, 'picked_up', 'The reservation was already picked up.') };
			if (row.status === 'open') {
				// confirmed before: the same answer, no second message, the hold is not restarted
				const r = reservationFromRow(row);
				return {
					outcome: {
						status: 200,
						body: {
							id,
							status: reservationState(r, market, now),
							code: r.code,
							confirmedAt: r.confirmedAt,
							expiresAt: reservationExpiresAt(r, market).toISOString()
						}
					}
				};
			}
			const code = await newCode(tx, integration.marketCode);
			await tx
				.update(reservations)
				.set({ code, confirmedAt: now, status: 'open', deleted: false, version })
				.where(eq(reservations.id, id));
			const [customer] = await tx.select().from(customers).where(eq(customers.id, row.customerId));
			const [pos] = await tx.select().from(pointsOfSale).where(eq(pointsOfSale.id, row.posId));
			const expiresAt = reservationExpiresAt({ confirmedAt: now.toISOString() }, market);
			return {
				outcome: {
					status: 200,
					body: {
						id,
						status: 'open',
						code,
						confirmedAt: now.toISOString(),
						expiresAt: expiresAt.toISOString()
					}
				},
				message: customer
					? {
							kind: 'reservation_confirmation' as const,
							to: customer.phone,
							text: confirmationText(code, expiresAt, pos?.name ?? row.posId, market.timeZone),
							marketCode: integration.marketCode,
							reservationId: id
						}
					: undefined
			};
		}
	);
	if (result.message) {
		// after commit: the code exists before the customer can read it
		try {
			await messageSender().send(result.message);
			result.outcome.body.messageSent = true;
		} catch (error) {
			console.error(
				`[messages] reservation ${id}: the sender failed (${(error as Error).name}); the reservation stays confirmed`
			);
			result.outcome.body.messageSent = false;
		}
	}
	return result.outcome;
}

export async function cancelReservationByIntegration(
	db: Db,
	integration: Integration,
	id: string,
	now: Date
): Promise<Outcome> {
	return db.transaction(async (tx) => {
		await lockSubjects(tx, [reservationSubject(id)]);
		const { version, policy: market } = await nextVersion(tx, integration.marketCode);
		const row = await reservationOf(tx, integration, id);
		if (!row) return fail(404, 'not_found', 'No such reservation.');
		if (row.status === 'requested') {
			// never confirmed, never replicated: it just ends
			await tx
				.update(reservations)
				.set({ status: 'cancelled', version })
				.where(eq(reservations.id, id));
			return { status: 200, body: { id, status: 'cancelled' } };
		}
		const r = reservationFromRow(row);
		const channel = integration.source === 'call_centre' ? 'call_centre' : 'website';
		const verdict = reservationCancelVerdict({ market, reservation: r, channel, at: now });
		if (r.status === 'picked_up')
			return fail(409, 'picked_up', 'Already purchased: it can no longer be cancelled (RSV-4).');
		if (r.status === 'cancelled') return { status: 200, body: { id, status: 'cancelled' } };
		await tx
			.update(reservations)
			.set({ status: 'cancelled', version })
			.where(eq(reservations.id, id));
		await tx.insert(services).values(
			serviceToRow(
				{
					id: randomUUID(),
					type: 'reservation_cancel',
					marketCode: market.code,
					customerId: r.customerId,
					serial: r.code,
					posId: r.posId,
					staffId: `integration:${integration.id}`,
					performedAt: now.toISOString(),
					recordedAt: now.toISOString(),
					status: 'recorded',
					flaggedRules: [],
					details: {
						reservationId: r.id,
						code: r.code,
						channel,
						state: String(verdict.facts?.state ?? '')
					}
				},
				{ version }
			)
		);
		return {
			status: 200,
			body: { id, status: 'cancelled', wasExpired: verdict.facts?.state === 'expired' }
		};
	});
}
