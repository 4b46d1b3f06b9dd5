import type { MessageParams, Reason, Severity } from '$lib/domain';
import * as m from '$lib/paraglide/messages';
import './i18n.svelte';

/**
 * Plain words for every message key the domain and the sync produce, in the active language.
 * The texts live in messages/{locale}.json (Paraglide JS, compiled to $lib/paraglide); a domain
 * key `cln.quotaUsed` is the Paraglide message `cln_quotaUsed` (message ids have no dots).
 */
export function messageId(key: string): string {
	return key.replace(/\./g, '_');
}

type MessageFn = (inputs: MessageParams) => string;
const messages = m as unknown as Record<string, MessageFn | undefined>;

/** Whether `key` has a message (in the base language; the i18n spec checks the others). */
export function hasMessage(key: string): boolean {
	return typeof messages[messageId(key)] === 'function';
}

export function t(key: string, params: MessageParams = {}): string {
	const message = messages[messageId(key)];
	if (typeof message !== 'function') return key;
	// a parameter the caller did not pass shows as {name}, never as "undefined"
	const inputs = new Proxy(params, {
		get: (target, name) =>
			typeof name === 'string' && target[name] === undefined ? `{${name}}` : target[name as never]
	});
	return message(inputs);
}

export function explain(reason: Reason): string {
	return t(reason.key, reason.params);
}

export const severityLabel: Readonly<Record<Severity, string>> = {
	get ok() {
		return m.severity_ok();
	},
	get warn() {
		return m.severity_warn();
	},
	get override() {
		return m.severity_override();
	},
	get block() {
		return m.severity_block();
	}
};

export const severityIcon: Record<Severity, string> = {
	ok: '✓',
	warn: '!',
	override: '⚑',
	block: '✕'
};
