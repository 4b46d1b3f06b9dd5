/**
 * A verdict is every reason that applies to an action, not just the first one found, so staff
 * see the whole picture ("minor AND quota used") and the server can open one review item per
 * broken rule.
 */

/** Every rule ID of POLICIES.md, in the order of the document. */
export const RULE_IDS = [
	'AGE-1',
	'AGE-2',
	'AGE-3',
	'REG-1',
	'REG-2',
	'REG-3',
	'REG-4',
	'REG-5',
	'REG-6',
	'WAR-1',
	'WAR-2',
	'WAR-3',
	'WAR-4',
	'WAR-5',
	'WAR-6',
	'WAR-7',
	'WAR-8',
	'CP-1',
	'CP-2',
	'CP-3',
	'CP-4',
	'CP-5',
	'CP-6',
	'CP-7',
	'EXT-1',
	'EXT-2',
	'EXT-3',
	'EXT-4',
	'CLN-1',
	'CLN-2',
	'CLN-3',
	'CLN-4',
	'RNT-1',
	'RNT-2',
	'RNT-3',
	'RNT-4',
	'RNT-5',
	'RNT-6',
	'RNT-7',
	'RSV-1',
	'RSV-2',
	'RSV-3',
	'RSV-4',
	'BUY-1',
	'ACC-1',
	'ACC-2',
	'ACC-3'
] as const;

export type RuleId = (typeof RULE_IDS)[number];

/**
 * - `ok`: the rule was checked and is satisfied (shown so staff know it was checked)
 * - `warn`: allowed, but staff should notice
 * - `override`: not allowed unless a supervisor allows it with a written reason
 * - `block`: not allowed
 */
export type Severity = 'ok' | 'warn' | 'override' | 'block';

export type MessageParams = Record<string, string | number>;

export interface Reason {
	rule: RuleId;
	severity: Severity;
	/** Message key; the UI turns it into plain words with `params`. */
	key: string;
	params: MessageParams;
}

/** A fact a verdict was decided on (a date, a count, a model id). Never health data. */
export type FactValue = string | number | boolean | null | readonly string[];
export type Facts = Record<string, FactValue>;

export interface Verdict {
	/** True when no reason blocks or needs an override. */
	allowed: boolean;
	reasons: Reason[];
	/** The facts the rules used, for the audit trail ("why was this refused?"). */
	facts?: Facts;
}

export function reason(
	rule: RuleId,
	severity: Severity,
	key: string,
	params: MessageParams = {}
): Reason {
	return { rule, severity, key, params };
}

export function verdict(reasons: Reason[], facts?: Facts): Verdict {
	const v: Verdict = {
		allowed: reasons.every((r) => r.severity === 'ok' || r.severity === 'warn'),
		reasons
	};
	if (facts !== undefined) v.facts = facts;
	return v;
}

/** The reasons that stop an action (block or needing an override). */
export function brokenRules(v: Verdict): Reason[] {
	return v.reasons.filter((r) => r.severity === 'block' || r.severity === 'override');
}

const RANK: Record<Severity, number> = { ok: 0, warn: 1, override: 2, block: 3 };

/** The worst severity among the reasons: what the counter does with the action as a whole. */
export function outcome(v: Pick<Verdict, 'reasons'>): Severity {
	let worst: Severity = 'ok';
	for (const r of v.reasons) if (RANK[r.severity] > RANK[worst]) worst = r.severity;
	return worst;
}

/** True when the only obstacles are overrides: a supervisor may allow it with a reason. */
export function needsOverride(v: Pick<Verdict, 'reasons'>): boolean {
	return outcome(v) === 'override';
}

/** The rule IDs a verdict mentions, in order, without repeats. */
export function rulesOf(v: Pick<Verdict, 'reasons'>): RuleId[] {
	return [...new Set(v.reasons.map((r) => r.rule))];
}

/**
 * Rules about what a point of sale or staff member may do at all. At sync a breach of these
 * is `rejected` (not authorised); a breach of any other rule is a fact that is recorded and
 * `flagged` for review (BRIEF decision 3).
 * - CLN-4: no cleaning tools here; WAR-7: this shop may not swap (or not this type);
 * - RNT-1: no rental here; EXT-1: no extended warranty sold here.
 */
export const AUTHORISATION_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
	'CLN-4',
	'WAR-7',
	'RNT-1',
	'EXT-1'
]);
