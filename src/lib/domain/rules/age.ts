import type { MarketPolicy } from '../market';
import { anniversary, completedYears, formatIsoDate, localDate, parseIsoDate } from '../time';
import { reason, type Reason } from '../verdict';

/**
 * AGE-1: every service is for adults only — age on the service date, in the market's time
 * zone, at least the market's legal age.
 */
export function ageReason(dateOfBirth: string, market: MarketPolicy, at: Date): Reason {
	const birth = parseIsoDate(dateOfBirth);
	if (!birth) return reason('AGE-1', 'block', 'age.unknownBirthDate', { dateOfBirth });
	const today = localDate(at, market.timeZone);
	const age = completedYears(birth, today);
	if (age < 0) return reason('AGE-1', 'block', 'age.birthInFuture', { dateOfBirth });
	if (age < market.legalAge) {
		const adultOn = formatIsoDate(anniversary(birth, market.legalAge));
		return reason('AGE-1', 'block', 'age.minor', { age, legalAge: market.legalAge, adultOn });
	}
	return reason('AGE-1', 'ok', 'age.adult', { age, legalAge: market.legalAge });
}

/** True when the person is of legal age on the local date of `at`. */
export function isAdult(dateOfBirth: string, market: MarketPolicy, at: Date): boolean {
	return ageReason(dateOfBirth, market, at).severity === 'ok';
}
