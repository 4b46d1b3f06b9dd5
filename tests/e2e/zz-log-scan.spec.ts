import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

/**
 * Runs last (file order): after every other browser test has driven the server, its whole log
 * must not contain any customer's name, phone number or date of birth (BRIEF decision 6).
 */

const LOG = `.e2e-server-${process.env.E2E_PORT ?? 4173}.log`;

interface PulledCustomer {
	firstName: string;
	lastName: string;
	phone: string;
	dateOfBirth: string;
}

test('the server log holds no personal data of any customer', async ({ playwright, baseURL }) => {
	const secrets = new Set<string>();
	for (const market of ['lv', 'hu', 'bg', 'cz', 'ge']) {
		const api = await playwright.request.newContext({ baseURL });
		const login = await api.post('/api/auth/login', {
			data: { username: `${market}.supervisor`, password: 'demo1234' }
		});
		expect(login.status()).toBe(200);
		const pull = await api.get(`/api/sync/pull?clientGroupId=${crypto.randomUUID()}&cookie=0`);
		const body = (await pull.json()) as { patch: { table: string; value: PulledCustomer }[] };
		for (const op of body.patch.filter((p) => p.table === 'customers')) {
			const c = op.value;
			for (const value of [c.firstName, c.lastName, c.phone, c.dateOfBirth])
				if (value && value.length >= 4) secrets.add(value);
			secrets.add(c.phone.replace(/\D/g, ''));
		}
		await api.dispose();
	}
	expect(secrets.size).toBeGreaterThan(500);

	const log = readFileSync(LOG, 'utf8');
	expect(log.length).toBeGreaterThan(0);
	const leaked = [...secrets].filter((s) => log.includes(s));
	expect(leaked, 'personal data found in the server log').toEqual([]);
});
