import { expect, request, type APIRequestContext, type Page } from '@playwright/test';

/**
 * The supervisor review queue (/reviews, /reviews/[id]) and the API helpers the conflict tests
 * share: a signed-in request context of its own, the server's view through a fresh pull, and a
 * customer no other test touches.
 */

export interface PulledCustomer {
	id: string;
	marketCode: string;
	firstName: string;
	lastName: string;
	dateOfBirth: string;
	registered: boolean;
	blacklisted: boolean;
}
export interface PulledComponent {
	serial: string;
	part: string;
	customerId: string | null;
	registeredAt: string | null;
}
export interface PulledService {
	id: string;
	customerId: string;
	type: string;
	status: string;
	flaggedRules: string[];
	performedAt: string;
	staffId: string;
}
export interface ReviewSummary {
	id: string;
	ruleId: string;
	status: string;
	customer: { id: string } | null;
	factCount: number;
}

/** A request context with a session of its own (cookies not shared with any browser context). */
export async function signedInApi(
	baseURL: string,
	username: string,
	password = 'demo1234'
): Promise<APIRequestContext> {
	const api = await request.newContext({ baseURL });
	const response = await api.post('/api/auth/login', { data: { username, password } });
	expect(response.status(), `sign-in of ${username}`).toBe(200);
	return api;
}

/** Everything the staff member may see, as a brand-new device would get it (cookie 0). */
export async function pullEverything(api: APIRequestContext) {
	const response = await api.get(`/api/sync/pull?clientGroupId=${crypto.randomUUID()}&cookie=0`);
	expect(response.status()).toBe(200);
	return pulledRows(await response.json());
}

/** The rows of a pull answer by table. */
export function pulledRows(answer: unknown) {
	const body = answer as { patch: { op: string; table: string; value: unknown }[] };
	const rows = <T>(table: string) =>
		body.patch.filter((op) => op.op === 'put' && op.table === table).map((op) => op.value as T);
	return {
		customers: rows<PulledCustomer>('customers'),
		components: rows<PulledComponent>('components'),
		services: rows<PulledService>('services')
	};
}

export async function serverServicesOf(api: APIRequestContext, customerId: string) {
	return (await pullEverything(api)).services.filter((s) => s.customerId === customerId);
}

/** Fixtures other spec files use (DEMO_FIXTURES): never picked. */
const RESERVED = new Set(['ge-c-001', 'ge-c-002', 'ge-c-003', 'ge-c-004']);

/**
 * Registered, not blacklisted GE adults (19+, so no birthday edge) with a registered device and
 * no service at all, in id order. The server DB is shared by every spec file of a run, so each
 * conflict test takes customers of its own.
 */
export function untouchedAdults(
	pulled: Awaited<ReturnType<typeof pullEverything>>,
	count: number,
	now = new Date()
): { customer: PulledCustomer; serial: string }[] {
	const { customers, components, services } = pulled;
	const served = new Set(services.map((s) => s.customerId));
	const adultBefore = `${now.getUTCFullYear() - 19}-01-01`;
	const found: { customer: PulledCustomer; serial: string }[] = [];
	const candidates = customers
		.filter(
			(c) =>
				c.marketCode === 'GE' &&
				c.registered &&
				!c.blacklisted &&
				c.dateOfBirth < adultBefore &&
				!served.has(c.id) &&
				!RESERVED.has(c.id)
		)
		.sort((a, b) => a.id.localeCompare(b.id));
	for (const customer of candidates) {
		const device = components.find(
			(k) => k.customerId === customer.id && k.part !== 'charger' && k.registeredAt !== null
		);
		if (device) found.push({ customer, serial: device.serial });
		if (found.length === count) return found;
	}
	throw new Error(`fewer than ${count} untouched GE adults with a registered device`);
}

export async function untouchedAdult(api: APIRequestContext) {
	return untouchedAdults(await pullEverything(api), 1)[0]!;
}

export async function openReviews(api: APIRequestContext, status: 'open' | 'resolved' = 'open') {
	const response = await api.get(`/api/reviews?status=${status}`);
	expect(response.status()).toBe(200);
	return ((await response.json()) as { items: ReviewSummary[] }).items;
}

export class ReviewQueuePage {
	constructor(private readonly page: Page) {}

	async open() {
		await this.page.goto('/reviews');
	}

	get rows() {
		return this.page.getByTestId('review-row');
	}

	rowOf(customerName: string) {
		return this.rows.filter({ hasText: customerName });
	}

	get problem() {
		return this.page.getByTestId('review-problem');
	}

	async show(status: 'open' | 'resolved') {
		await this.page.getByTestId(`filter-${status}`).click();
	}
}

export class ReviewDetailPage {
	constructor(private readonly page: Page) {}

	get detail() {
		return this.page.getByTestId('review-detail');
	}

	get flagged() {
		return this.page.getByTestId('side-flagged').getByTestId('review-service');
	}

	get counted() {
		return this.page.getByTestId('side-counted').getByTestId('review-service');
	}

	get note() {
		return this.page.getByLabel('Resolution note (required)');
	}

	async resolve(note: string) {
		await this.note.fill(note);
		await this.page.getByRole('button', { name: 'Resolve' }).click();
	}
}
