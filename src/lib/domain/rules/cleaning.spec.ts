import { describe, expect, it } from 'vitest';
import { MARKETS, MarketPolicy } from '../market';
import {
	AUTHORISATION_RULES,
	brokenRules,
	reason,
	verdict,
	type Reason,
	type RuleId
} from '../verdict';
import { cleaningQuotaReason, cleaningVerdict, type CleaningContext } from './cleaning';

const LV = MARKETS.LV; // Europe/Riga
const GE = MARKETS.GE; // Asia/Tbilisi
const UTC_MARKET = MarketPolicy.parse({ ...LV, timeZone: 'UTC' });
const at = (iso: string) => new Date(iso);

const withTools = { capabilities: { cleaningTools: true } } as CleaningContext['pos'];
const withoutTools = { capabilities: { cleaningTools: false } } as CleaningContext['pos'];

function context(overrides: Partial<CleaningContext> = {}): CleaningContext {
	return {
		market: GE,
		pos: withTools,
		customer: { id: 'c-1', registered: true, dateOfBirth: '1990-06-15', blacklisted: false },
		component: { serial: 'AB12CD34', customerId: 'c-1' },
		otherCleanings: [],
		at: at('2026-04-15T10:00:00Z'),
		...overrides
	};
}

const summary = (reasons: Reason[]) => reasons.map((r) => `${r.rule}:${r.severity}:${r.key}`);
const find = (reasons: Reason[], rule: RuleId) => reasons.filter((r) => r.rule === rule);

describe('cleaningVerdict', () => {
	it('CLN-1, CLN-2, CLN-4, AGE-1: allows a registered adult with their own device at a POS with tools', () => {
		const v = cleaningVerdict(context());
		expect(v.allowed).toBe(true);
		expect(v.reasons).toEqual([
			{ rule: 'CLN-4', severity: 'ok', key: 'cln.toolsAvailable', params: {} },
			{ rule: 'AGE-1', severity: 'ok', key: 'age.adult', params: { age: 35, legalAge: 18 } },
			{
				rule: 'CLN-1',
				severity: 'ok',
				key: 'reg.deviceRegistered',
				params: { serial: 'AB12CD34' }
			},
			{ rule: 'CLN-2', severity: 'ok', key: 'cln.quotaLeft', params: { used: 0, limit: 2 } }
		]);
		expect(brokenRules(v)).toEqual([]);
	});

	it('CLN-4: blocks at a point of sale without cleaning tools', () => {
		const v = cleaningVerdict(context({ pos: withoutTools }));
		expect(v.allowed).toBe(false);
		expect(brokenRules(v)).toEqual([
			{ rule: 'CLN-4', severity: 'block', key: 'cln.noTools', params: {} }
		]);
	});

	it("AGE-1, CLN-1, CLN-4: a minor with someone else's device at a POS without tools gets all three blocks", () => {
		const v = cleaningVerdict(
			context({
				pos: withoutTools,
				customer: { id: 'c-1', registered: true, dateOfBirth: '2010-01-01', blacklisted: false },
				component: { serial: 'AB12CD34', customerId: 'c-2' }
			})
		);
		expect(v.allowed).toBe(false);
		expect(brokenRules(v)).toEqual([
			{ rule: 'CLN-4', severity: 'block', key: 'cln.noTools', params: {} },
			{
				rule: 'AGE-1',
				severity: 'block',
				key: 'age.minor',
				params: { age: 16, legalAge: 18, adultOn: '2028-01-01' }
			},
			{
				rule: 'CLN-1',
				severity: 'block',
				key: 'reg.deviceNotTheirs',
				params: { serial: 'AB12CD34' }
			}
		]);
		// the quota was still checked and shown
		expect(summary(find(v.reasons, 'CLN-2'))).toEqual(['CLN-2:ok:cln.quotaLeft']);
	});

	it('CLN-1: blocks a customer without an account', () => {
		const v = cleaningVerdict(
			context({
				customer: { id: 'c-1', registered: false, dateOfBirth: '1990-06-15', blacklisted: false }
			})
		);
		expect(v.allowed).toBe(false);
		expect(summary(brokenRules(v))).toEqual(['CLN-1:block:reg.customerNotRegistered']);
	});

	it('CLN-1: blocks an unregistered device and cites CLN-1, not REG-3', () => {
		const v = cleaningVerdict(context({ component: { serial: 'AB12CD34', customerId: null } }));
		expect(summary(brokenRules(v))).toEqual(['CLN-1:block:reg.deviceNotTheirs']);
		expect(find(v.reasons, 'REG-3')).toEqual([]);
	});

	it('AGE-1: blocks a customer with a malformed date of birth with a clear key', () => {
		const v = cleaningVerdict(
			context({
				customer: { id: 'c-1', registered: true, dateOfBirth: '1990-02-30', blacklisted: false }
			})
		);
		expect(brokenRules(v)).toEqual([
			{
				rule: 'AGE-1',
				severity: 'block',
				key: 'age.unknownBirthDate',
				params: { dateOfBirth: '1990-02-30' }
			}
		]);
	});

	it('AGE-1: judges age on the cleaning date in the market zone (Tbilisi birthday starts 20:00Z)', () => {
		const customer = { id: 'c-1', registered: true, dateOfBirth: '2008-04-15', blacklisted: false };
		const eve = cleaningVerdict(context({ customer, at: at('2026-04-14T19:59:59Z') }));
		const birthday = cleaningVerdict(context({ customer, at: at('2026-04-14T20:00:00Z') }));
		expect(eve.allowed).toBe(false);
		expect(summary(brokenRules(eve))).toEqual(['AGE-1:block:age.minor']);
		expect(birthday.allowed).toBe(true);
	});

	it('RNT-7: a blacklisted customer needs a supervisor override', () => {
		const v = cleaningVerdict(
			context({
				customer: { id: 'c-1', registered: true, dateOfBirth: '1990-06-15', blacklisted: true }
			})
		);
		expect(v.allowed).toBe(false);
		expect(brokenRules(v)).toEqual([
			{ rule: 'RNT-7', severity: 'override', key: 'customer.blacklisted', params: {} }
		]);
	});

	it('RNT-7: no blacklist reason at all for a customer who is not blacklisted', () => {
		expect(find(cleaningVerdict(context()).reasons, 'RNT-7')).toEqual([]);
	});

	it('CLN-2: blocks when the quota is reached exactly (2 used of 2)', () => {
		const v = cleaningVerdict(
			context({ otherCleanings: [at('2026-04-02T09:00:00Z'), at('2026-04-10T09:00:00Z')] })
		);
		expect(v.allowed).toBe(false);
		expect(brokenRules(v)).toEqual([
			{
				rule: 'CLN-2',
				severity: 'block',
				key: 'cln.quotaUsed',
				params: { used: 2, limit: 2, nextFrom: '2026-05-01' }
			}
		]);
	});

	it('AGE-1, CLN-2, RNT-7: lists every broken rule together', () => {
		const v = cleaningVerdict(
			context({
				customer: { id: 'c-1', registered: true, dateOfBirth: '2009-01-01', blacklisted: true },
				otherCleanings: [at('2026-04-02T09:00:00Z'), at('2026-04-10T09:00:00Z')]
			})
		);
		expect(summary(brokenRules(v))).toEqual([
			'AGE-1:block:age.minor',
			'RNT-7:override:customer.blacklisted',
			'CLN-2:block:cln.quotaUsed'
		]);
	});

	it('CLN-4: only CLN-4 among the cleaning rules is an authorisation rule', () => {
		expect(AUTHORISATION_RULES.has('CLN-4')).toBe(true);
		for (const rule of ['AGE-1', 'CLN-1', 'CLN-2', 'CLN-3', 'REG-3', 'RNT-7'] as const)
			expect(AUTHORISATION_RULES.has(rule)).toBe(false);
		const v = cleaningVerdict(context({ pos: withoutTools, otherCleanings: [] }));
		expect(brokenRules(v).filter((r) => AUTHORISATION_RULES.has(r.rule))).toHaveLength(1);
	});
});

describe('cleaningQuotaReason', () => {
	it('CLN-2: none used -> ok with used 0', () => {
		expect(cleaningQuotaReason([], GE, at('2026-04-15T10:00:00Z'))).toEqual({
			rule: 'CLN-2',
			severity: 'ok',
			key: 'cln.quotaLeft',
			params: { used: 0, limit: 2 }
		});
	});

	it('CLN-2: one used -> still ok with used 1', () => {
		expect(
			cleaningQuotaReason([at('2026-04-01T10:00:00Z')], GE, at('2026-04-15T10:00:00Z'))
		).toEqual({
			rule: 'CLN-2',
			severity: 'ok',
			key: 'cln.quotaLeft',
			params: { used: 1, limit: 2 }
		});
	});

	it('CLN-2: two used -> block with used 2, limit 2 and the first day of next month', () => {
		const used = [at('2026-04-01T10:00:00Z'), at('2026-04-14T10:00:00Z')];
		expect(cleaningQuotaReason(used, GE, at('2026-04-15T10:00:00Z'))).toEqual({
			rule: 'CLN-2',
			severity: 'block',
			key: 'cln.quotaUsed',
			params: { used: 2, limit: 2, nextFrom: '2026-05-01' }
		});
	});

	it('CLN-2: over the limit (recorded offline elsewhere) -> block with the real count', () => {
		const used = [
			at('2026-04-01T10:00:00Z'),
			at('2026-04-02T10:00:00Z'),
			at('2026-04-03T10:00:00Z')
		];
		expect(cleaningQuotaReason(used, GE, at('2026-04-15T10:00:00Z')).params).toEqual({
			used: 3,
			limit: 2,
			nextFrom: '2026-05-01'
		});
	});

	it('CLN-2: cleanings in other months do not count', () => {
		const others = [
			at('2026-03-30T10:00:00Z'),
			at('2026-03-15T10:00:00Z'),
			at('2026-05-01T10:00:00Z'),
			at('2025-04-15T10:00:00Z')
		];
		expect(cleaningQuotaReason(others, GE, at('2026-04-15T10:00:00Z'))).toMatchObject({
			severity: 'ok',
			params: { used: 0, limit: 2 }
		});
	});

	it('CLN-2: a cleaning at 2026-03-31T21:30Z counts for April in Riga', () => {
		const others = [at('2026-03-31T21:30:00Z'), at('2026-04-10T09:00:00Z')];
		expect(cleaningQuotaReason(others, LV, at('2026-04-20T09:00:00Z'))).toEqual({
			rule: 'CLN-2',
			severity: 'block',
			key: 'cln.quotaUsed',
			params: { used: 2, limit: 2, nextFrom: '2026-05-01' }
		});
		// ...but for March if the month were reckoned in UTC
		expect(cleaningQuotaReason(others, UTC_MARKET, at('2026-04-20T09:00:00Z'))).toMatchObject({
			severity: 'ok',
			params: { used: 1 }
		});
	});

	it('CLN-2: a cleaning at 2026-03-31T21:30Z is itself an April cleaning in Riga', () => {
		const march = [at('2026-03-10T09:00:00Z'), at('2026-03-20T09:00:00Z')];
		expect(cleaningQuotaReason(march, LV, at('2026-03-31T21:30:00Z'))).toMatchObject({
			severity: 'ok',
			params: { used: 0, limit: 2 }
		});
		const april = [at('2026-04-01T09:00:00Z'), at('2026-04-02T09:00:00Z')];
		expect(cleaningQuotaReason(april, LV, at('2026-03-31T21:30:00Z'))).toEqual({
			rule: 'CLN-2',
			severity: 'block',
			key: 'cln.quotaUsed',
			params: { used: 2, limit: 2, nextFrom: '2026-05-01' }
		});
	});

	it('CLN-2: the last October evening in Riga (UTC+2 after fall-back) still counts for October', () => {
		// 2026-10-31T21:59:59Z is 23:59:59 EET on 31 October; 22:00Z is 1 November
		const october = [at('2026-10-31T21:59:59Z'), at('2026-10-05T09:00:00Z')];
		expect(cleaningQuotaReason(october, LV, at('2026-10-20T09:00:00Z'))).toMatchObject({
			severity: 'block',
			params: { used: 2, limit: 2, nextFrom: '2026-11-01' }
		});
		expect(cleaningQuotaReason(october, LV, at('2026-10-31T22:00:00Z'))).toMatchObject({
			severity: 'ok',
			params: { used: 0 }
		});
	});

	it('CLN-2: cleanings on both sides of the October DST change count for the same month', () => {
		const others = [at('2026-10-25T00:30:00Z'), at('2026-10-25T01:30:00Z')]; // before/after 04:00 EEST -> 03:00 EET
		expect(cleaningQuotaReason(others, LV, at('2026-10-25T12:00:00Z'))).toMatchObject({
			severity: 'block',
			params: { used: 2, nextFrom: '2026-11-01' }
		});
	});

	it("CLN-2: December -> January rollover: nextFrom is '2027-01-01'", () => {
		const december = [at('2026-12-01T09:00:00Z'), at('2026-12-10T09:00:00Z')];
		expect(cleaningQuotaReason(december, LV, at('2026-12-15T09:00:00Z'))).toEqual({
			rule: 'CLN-2',
			severity: 'block',
			key: 'cln.quotaUsed',
			params: { used: 2, limit: 2, nextFrom: '2027-01-01' }
		});
	});

	it("CLN-2: nextFrom is the market's next month even on UTC's last day of the year", () => {
		const december = [at('2026-12-01T09:00:00Z'), at('2026-12-10T09:00:00Z')];
		// 23:30 on 31 December in Riga
		expect(cleaningQuotaReason(december, LV, at('2026-12-31T21:30:00Z')).params).toEqual({
			used: 2,
			limit: 2,
			nextFrom: '2027-01-01'
		});
		// 00:30 on 1 January 2027 in Riga, still 31 December in UTC: a new month, quota free
		expect(cleaningQuotaReason(december, LV, at('2026-12-31T22:30:00Z'))).toMatchObject({
			severity: 'ok',
			params: { used: 0, limit: 2 }
		});
	});

	it('CLN-2: the limit comes from the market configuration', () => {
		const none = MarketPolicy.parse({ ...GE, cleaningsPerMonth: 0 });
		expect(cleaningQuotaReason([], none, at('2026-04-15T10:00:00Z'))).toEqual({
			rule: 'CLN-2',
			severity: 'block',
			key: 'cln.quotaUsed',
			params: { used: 0, limit: 0, nextFrom: '2026-05-01' }
		});
		const three = MarketPolicy.parse({ ...GE, cleaningsPerMonth: 3 });
		const two = [at('2026-04-01T10:00:00Z'), at('2026-04-02T10:00:00Z')];
		expect(cleaningQuotaReason(two, three, at('2026-04-15T10:00:00Z'))).toMatchObject({
			severity: 'ok',
			params: { used: 2, limit: 3 }
		});
	});

	it('CLN-2: every seed market allows 2 cleanings per month', () => {
		for (const market of Object.values(MARKETS)) expect(market.cleaningsPerMonth).toBe(2);
	});
});

describe('verdict', () => {
	it('is allowed with no reasons, or only ok and warn reasons', () => {
		expect(verdict([])).toEqual({ allowed: true, reasons: [] });
		const reasons = [reason('CLN-4', 'ok', 'a'), reason('CLN-3', 'warn', 'b')];
		expect(verdict(reasons)).toEqual({ allowed: true, reasons });
	});

	it('RNT-7: an override reason makes it not allowed', () => {
		expect(verdict([reason('CLN-4', 'ok', 'a'), reason('RNT-7', 'override', 'b')]).allowed).toBe(
			false
		);
	});

	it('AGE-1: a block reason makes it not allowed', () => {
		expect(verdict([reason('AGE-1', 'block', 'a'), reason('CLN-3', 'warn', 'b')]).allowed).toBe(
			false
		);
	});

	it('keeps every reason in order, and brokenRules returns only block and override', () => {
		const reasons = [
			reason('CLN-4', 'block', 'k1'),
			reason('AGE-1', 'ok', 'k2'),
			reason('CLN-3', 'warn', 'k3'),
			reason('RNT-7', 'override', 'k4'),
			reason('CLN-2', 'block', 'k5')
		];
		const v = verdict(reasons);
		expect(v.reasons).toEqual(reasons);
		expect(brokenRules(v).map((r) => r.key)).toEqual(['k1', 'k4', 'k5']);
	});

	it('reason() defaults params to an empty object', () => {
		expect(reason('CLN-4', 'block', 'cln.noTools')).toEqual({
			rule: 'CLN-4',
			severity: 'block',
			key: 'cln.noTools',
			params: {}
		});
	});
});

describe('cleaning rules, pass and fail (table)', () => {
	const cases: [string, Partial<CleaningContext>, RuleId, 'ok' | 'warn' | 'block'][] = [
		['CLN-1 pass: a registered adult with their own device', {}, 'CLN-1', 'ok'],
		[
			'CLN-1 fail: the device is registered to someone else',
			{ component: { serial: 'AB12CD34', customerId: 'c-2' } },
			'CLN-1',
			'block'
		],
		[
			'CLN-2 pass: one cleaning earlier this month',
			{ otherCleanings: [at('2026-04-02T10:00:00Z')] },
			'CLN-2',
			'ok'
		],
		[
			'CLN-2 fail: two cleanings this month already',
			{ otherCleanings: [at('2026-04-02T10:00:00Z'), at('2026-04-03T10:00:00Z')] },
			'CLN-2',
			'block'
		],
		[
			'CLN-2 pass: the last minute of March in Tbilisi is another month',
			{
				otherCleanings: [at('2026-03-31T19:59:00Z'), at('2026-03-31T19:59:30Z')],
				at: at('2026-03-31T20:00:00Z')
			},
			'CLN-2',
			'ok'
		],
		[
			'CLN-2 fail: the first minute of April in Tbilisi is the same month',
			{
				otherCleanings: [at('2026-03-31T20:00:00Z'), at('2026-03-31T20:00:30Z')],
				at: at('2026-03-31T20:01:00Z')
			},
			'CLN-2',
			'block'
		],
		[
			'CLN-3 pass: a demonstration stick is in stock',
			{ stickRequested: true, sticksInStock: 3 },
			'CLN-3',
			'ok'
		],
		[
			'CLN-3 fail: no stick in stock — the cleaning goes on without one',
			{ stickRequested: true, sticksInStock: 0 },
			'CLN-3',
			'warn'
		],
		['CLN-4 pass: the point of sale has the tools', {}, 'CLN-4', 'ok'],
		['CLN-4 fail: the point of sale has no tools', { pos: withoutTools }, 'CLN-4', 'block']
	];
	it.each(cases)('%s', (_t, over, rule, severity) => {
		const v = cleaningVerdict(context(over));
		const mine = find(v.reasons, rule);
		expect(mine.length).toBeGreaterThan(0);
		expect(mine.at(-1)?.severity).toBe(severity);
		expect(v.allowed).toBe(severity !== 'block');
	});
});
