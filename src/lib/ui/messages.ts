import type { MessageParams, Reason, Severity } from '$lib/domain';

/**
 * Plain English for every message key the domain and the sync produce. (Six languages come
 * with the i18n issue; until then this is the one catalogue.)
 */
const en: Record<string, string> = {
	'age.adult': 'Adult — {age} years old (legal age {legalAge}).',
	'age.minor': 'Under {legalAge}: {age} years old, adult from {adultOn}. No service for minors.',
	'age.unknownBirthDate': 'Date of birth "{dateOfBirth}" is not a valid date: check the account.',
	'age.birthInFuture': 'Date of birth {dateOfBirth} is in the future: check the account.',
	'reg.serialFree': 'Serial {serial} is not registered to anyone.',
	'reg.alreadyYours': 'Serial {serial} is already registered to this customer.',
	'reg.ownedByOther': 'Serial {serial} is registered to another customer.',
	'reg.customerNotRegistered': 'The customer has no registered account.',
	'reg.deviceNotTheirs': 'Device {serial} is not registered to this customer.',
	'reg.deviceRegistered': 'Device {serial} is registered to this customer.',
	'cln.toolsAvailable': 'This point of sale has the cleaning tools.',
	'cln.noTools': 'This point of sale has no cleaning tools.',
	'cln.quotaLeft': '{used} of {limit} cleanings used this month.',
	'cln.quotaUsed': '{used} of {limit} cleanings used this month; next from {nextFrom}.',
	'customer.blacklisted':
		'The customer is on the blacklist: a supervisor may allow the service with a reason.',
	'serial.empty': 'Enter or scan a serial number.',
	'serial.looksLikeGtin':
		'This is a product barcode (GTIN/EAN) from the box, not a serial. Scan the serial code.',
	'serial.malformed': 'This is not a valid serial number: check it and try again.'
};

export function t(key: string, params: MessageParams = {}): string {
	const template = en[key];
	if (template === undefined) return key;
	return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function explain(reason: Reason): string {
	return t(reason.key, reason.params);
}

export const severityLabel: Record<Severity, string> = {
	ok: 'OK',
	warn: 'Note',
	override: 'Needs supervisor',
	block: 'Not allowed'
};

export const severityIcon: Record<Severity, string> = {
	ok: '✓',
	warn: '!',
	override: '⚑',
	block: '✕'
};
