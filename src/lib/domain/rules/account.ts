import type { Customer } from '../entities';
import type { MarketPolicy } from '../market';
import { reason, verdict, type Verdict } from '../verdict';

/**
 * Account care at the counter (ACC, CZ/HU). Guards for what staff may do with an account:
 * contact details are the customer's, staff may help (ACC-1) — the account email changes
 * through customer care where the market says so (CZ); leaving marketing ends IQOS CLUB
 * membership (ACC-2); deleting the account is the customer's own, irreversible act (ACC-3).
 * These are the customer's rights: no age or blacklist check stands in their way.
 */

export type ContactField = 'phone' | 'address' | 'email' | 'name';

export function contactChangeVerdict(ctx: {
	market: MarketPolicy;
	field: ContactField;
	/** The customer is at the counter and asks for the change. */
	customerPresent: boolean;
}): Verdict {
	const facts = { field: ctx.field, market: ctx.market.code };
	if (!ctx.customerPresent)
		return verdict([reason('ACC-1', 'block', 'acc.customerMustAsk')], facts);
	if (ctx.field === 'email' && ctx.market.account.emailChangeVia === 'customer_care')
		return verdict(
			[
				reason('ACC-1', 'block', 'acc.emailViaCustomerCare', {
					phone: ctx.market.support.phone ?? '—'
				})
			],
			facts
		);
	return verdict([reason('ACC-1', 'ok', 'acc.staffMayHelp', { field: ctx.field })], facts);
}

/** ACC-2: leaving marketing communication; tells staff the CLUB membership ends with it. */
export function marketingOptOut<C extends Pick<Customer, 'marketingConsent' | 'clubMember'>>(
	customer: C
): { verdict: Verdict; next: C } {
	const endsClub = customer.clubMember === true;
	return {
		verdict: verdict([
			endsClub ? reason('ACC-2', 'warn', 'acc.clubEnds') : reason('ACC-2', 'ok', 'acc.marketingOff')
		]),
		next: { ...customer, marketingConsent: false, clubMember: false }
	};
}

/** ACC-3: deleting the account — asked by the customer, confirmed knowing it is irreversible. */
export function accountDeletionVerdict(ctx: {
	requestedByCustomer: boolean;
	irreversibilityConfirmed: boolean;
}): Verdict {
	if (!ctx.requestedByCustomer) return verdict([reason('ACC-3', 'block', 'acc.deleteOwnAct')]);
	if (!ctx.irreversibilityConfirmed)
		return verdict([reason('ACC-3', 'block', 'acc.deleteConfirm')]);
	return verdict([reason('ACC-3', 'warn', 'acc.deleteIrreversible')]);
}
