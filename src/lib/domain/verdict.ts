/**
 * A verdict is every reason that applies to an action, not just the first one found, so staff
 * see the whole picture ("minor AND quota used") and the server can open one review item per
 * broken rule.
 */

export type RuleId =
	| 'AGE-1'
	| 'AGE-2'
	| 'AGE-3'
	| 'REG-1'
	| 'REG-2'
	| 'REG-3'
	| 'REG-4'
	| 'CLN-1'
	| 'CLN-2'
	| 'CLN-3'
	| 'CLN-4'
	| 'RNT-7';

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

export interface Verdict {
	/** True when no reason blocks or needs an override. */
	allowed: boolean;
	reasons: Reason[];
}

export function reason(
	rule: RuleId,
	severity: Severity,
	key: string,
	params: MessageParams = {}
): Reason {
	return { rule, severity, key, params };
}

export function verdict(reasons: Reason[]): Verdict {
	return {
		allowed: reasons.every((r) => r.severity === 'ok' || r.severity === 'warn'),
		reasons
	};
}

/** The reasons that stop an action (block or needing an override). */
export function brokenRules(v: Verdict): Reason[] {
	return v.reasons.filter((r) => r.severity === 'block' || r.severity === 'override');
}

/**
 * Rules about what a point of sale or staff member may do at all. At sync a breach of these
 * is `rejected` (not authorised); a breach of any other rule is a fact that is recorded and
 * `flagged` for review (BRIEF decision 3).
 */
export const AUTHORISATION_RULES: ReadonlySet<RuleId> = new Set<RuleId>(['CLN-4']);
