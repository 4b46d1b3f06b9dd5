import { z } from 'zod';
import type { Role } from './entities';
import type { Reason, RuleId, Verdict } from './verdict';

/**
 * Supervisor overrides: the documents allow "exceptions at our or the seller's discretion".
 * A reason of severity `override` may be lifted by a supervisor (or admin) with a written
 * reason; a `block` never can. The tablet uses this to offer the override button, the server
 * to decide when the action arrives — the same function on both sides.
 */

export const OverrideArgs = z.object({
	/** Why the supervisor allows it, in their words (kept with the service record). */
	reason: z.string().trim().min(5).max(500),
	/** The rules the supervisor saw and lifted. */
	rules: z.array(z.string()).min(1)
});
export type OverrideArgs = z.infer<typeof OverrideArgs>;

export const OVERRIDE_ROLES: readonly Role[] = ['supervisor', 'admin'];

export function canOverride(role: Role): boolean {
	return OVERRIDE_ROLES.includes(role);
}

export interface OverrideDecision {
	/** True when nothing blocks after the override. */
	allowed: boolean;
	/** Rules lifted by the override. */
	overridden: RuleId[];
	/** Reasons still standing (blocks, and override reasons nobody lifted). */
	standing: Reason[];
}

/**
 * What a verdict becomes with an override. Only reasons the supervisor named are lifted, so an
 * override given for "blacklisted" does not silently cover a quota breach found later at sync.
 */
export function applyOverride(
	v: Verdict,
	role: Role,
	override: OverrideArgs | null | undefined
): OverrideDecision {
	const lifts = override && canOverride(role) ? new Set(override.rules) : new Set<string>();
	const overridden: RuleId[] = [];
	const standing: Reason[] = [];
	for (const r of v.reasons) {
		if (r.severity === 'ok' || r.severity === 'warn') continue;
		if (r.severity === 'override' && lifts.has(r.rule)) {
			if (!overridden.includes(r.rule)) overridden.push(r.rule);
		} else standing.push(r);
	}
	return { allowed: standing.length === 0, overridden, standing };
}
