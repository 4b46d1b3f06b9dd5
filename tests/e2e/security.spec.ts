import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';

/**
 * Every API route, called without a session, with a forged (unknown or expired) session
 * cookie, and with a role that may not use it: refused. The routes are listed here by hand and
 * compared with the files under src/routes/api, so a new route without an entry fails this test
 * until someone decides who may call it.
 */

type Access = 'public' | 'staff' | 'supervisor' | 'integration';

const ROUTES: Record<string, { methods: string[]; access: Access }> = {
	'/api/health': { methods: ['GET'], access: 'public' },
	'/api/auth/login': { methods: ['POST'], access: 'public' },
	'/api/auth/logout': { methods: ['POST'], access: 'public' },
	'/api/auth/session': { methods: ['GET'], access: 'staff' },
	'/api/sync/push': { methods: ['POST'], access: 'staff' },
	'/api/sync/pull': { methods: ['GET'], access: 'staff' },
	'/api/reviews': { methods: ['GET'], access: 'supervisor' },
	'/api/reviews/[id]': { methods: ['GET'], access: 'supervisor' },
	'/api/reviews/[id]/resolve': { methods: ['POST'], access: 'supervisor' },
	'/api/integrations/reservations': { methods: ['POST'], access: 'integration' },
	'/api/integrations/reservations/[id]/confirm': { methods: ['POST'], access: 'integration' },
	'/api/integrations/reservations/[id]/cancel': { methods: ['POST'], access: 'integration' }
};

function routeFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return routeFiles(path);
		return name === '+server.ts' ? [path] : [];
	});
}

const API_ROOT = join('src', 'routes', 'api');
const onDisk = Object.fromEntries(
	routeFiles(API_ROOT).map((file) => {
		const route = `/api/${relative(API_ROOT, file).split(sep).slice(0, -1).join('/')}`.replace(
			/\/$/,
			''
		);
		const methods = [
			...readFileSync(file, 'utf8').matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)
		].map((m) => m[1]!);
		return [route, methods.sort()];
	})
);

const concrete = (route: string) =>
	route.replace(/\[[^\]]+\]/g, '00000000-0000-4000-8000-000000000000');

async function call(api: APIRequestContext, method: string, route: string) {
	const url = concrete(route);
	const response =
		method === 'GET'
			? await api.get(url)
			: await api.fetch(url, { method, data: {}, headers: { 'content-type': 'application/json' } });
	return response.status();
}

test('every API route on disk has an access rule here (and every rule a route)', () => {
	const listed = Object.fromEntries(
		Object.entries(ROUTES).map(([route, r]) => [route, [...r.methods].sort()])
	);
	expect(onDisk).toEqual(listed);
});

test('without a session, and with a forged one, every non-public route refuses', async ({
	playwright,
	baseURL
}) => {
	const anonymous = await playwright.request.newContext({ baseURL });
	const forged = await playwright.request.newContext({
		baseURL,
		extraHTTPHeaders: { cookie: 'cp_session=forged-or-expired-token' }
	});
	let probes = 0;
	for (const [route, { methods, access }] of Object.entries(ROUTES)) {
		if (access === 'public') continue;
		for (const method of methods)
			for (const api of [anonymous, forged]) {
				probes++;
				expect(await call(api, method, route), `${method} ${route}`).toBe(401);
			}
	}
	expect(probes).toBeGreaterThanOrEqual(18);
	await anonymous.dispose();
	await forged.dispose();
});

test("staff cannot use a supervisor's routes; a staff session is no integration key", async ({
	playwright,
	baseURL
}) => {
	const staff = await playwright.request.newContext({ baseURL });
	expect(
		(
			await staff.post('/api/auth/login', { data: { username: 'ge.staff', password: 'demo1234' } })
		).status()
	).toBe(200);
	for (const [route, { methods, access }] of Object.entries(ROUTES))
		for (const method of methods) {
			if (access === 'public') continue; // (logout would end the session under test)
			const status = await call(staff, method, route);
			if (access === 'supervisor') expect(status, `${method} ${route}`).toBe(403);
			if (access === 'integration') expect(status, `${method} ${route}`).toBe(401);
			expect(status, `${method} ${route}`).toBeLessThan(500);
		}
	await staff.dispose();
});

test('a cross-site POST is refused, whatever the cookie', async ({ playwright, baseURL }) => {
	const api = await playwright.request.newContext({ baseURL });
	await api.post('/api/auth/login', { data: { username: 'ge.staff', password: 'demo1234' } });
	const response = await api.post('/api/sync/push', {
		data: {},
		headers: { origin: 'https://evil.example' }
	});
	expect(response.status()).toBe(403);
	expect((await response.json()).error).toBe('cross_origin');
	await api.dispose();
});

test('security headers and a CSP without inline scripts are sent', async ({ request }) => {
	for (const path of ['/login', '/']) {
		// from the server itself (a page may be answered by the service worker's cache)
		const response = await request.get(path);
		const headers = response.headers();
		// the prerendered shell '/' is a static file adapter-node serves before our hooks:
		// scripts/serve.js adds them
		expect(headers['x-content-type-options'], path).toBe('nosniff');
		expect(headers['x-frame-options'], path).toBe('DENY');
		expect(headers['cross-origin-opener-policy'], path).toBe('same-origin');
		const html = await response.text();
		const meta = /http-equiv="content-security-policy" content="([^"]+)"/.exec(html)?.[1];
		// dynamic pages carry it as a header with a nonce, the prerendered shell as a meta tag
		const policy = headers['content-security-policy'] ?? meta ?? '';
		expect(policy, path).toContain("script-src 'self'");
		expect(policy, path).toMatch(/'nonce-|'sha256-/);
		expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
	}
});

test('static files and the service worker carry the security headers too', async ({ request }) => {
	for (const path of ['/service-worker.js', '/manifest.webmanifest']) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		expect(response.headers()['x-frame-options'], path).toBe('DENY');
		expect(response.headers()['x-content-type-options'], path).toBe('nosniff');
	}
});

test('too many failed sign-ins for one account answer 429', async ({ playwright, baseURL }) => {
	const api = await playwright.request.newContext({ baseURL });
	const statuses: number[] = [];
	for (let i = 0; i < 11; i++)
		statuses.push(
			(
				await api.post('/api/auth/login', {
					data: { username: 'cz.specialist', password: `wrong-${i}` }
				})
			).status()
		);
	expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
	expect(statuses[10]).toBe(429);
	// the right password does not get through a locked account either
	const locked = await api.post('/api/auth/login', {
		data: { username: 'cz.specialist', password: 'demo1234' }
	});
	expect(locked.status()).toBe(429);
	await api.dispose();
});
