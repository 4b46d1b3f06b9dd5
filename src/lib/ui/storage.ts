/**
 * Browser storage the outbox lives in. Without persistent storage a browser may evict
 * IndexedDB under disk pressure, which would lose unsynced actions — so we ask for it and show
 * the answer; and we show how full the quota is before it becomes a QuotaExceededError.
 */
import { m } from '$lib/paraglide/messages';
import { formatDecimal } from './format';

export interface StorageStatus {
	/** null: the browser cannot tell (API missing). */
	persisted: boolean | null;
	usageBytes: number | null;
	quotaBytes: number | null;
}

export async function storageStatus(): Promise<StorageStatus> {
	const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
	if (!storage) return { persisted: null, usageBytes: null, quotaBytes: null };
	const [persisted, estimate] = await Promise.all([
		storage.persisted?.().catch(() => null) ?? null,
		storage.estimate?.().catch(() => null) ?? null
	]);
	return {
		persisted,
		usageBytes: estimate?.usage ?? null,
		quotaBytes: estimate?.quota ?? null
	};
}

/** Asks the browser to keep our data under disk pressure; returns its answer. */
export async function requestPersistence(): Promise<boolean | null> {
	const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
	if (!storage?.persist) return null;
	if (await storage.persisted?.()) return true;
	return storage.persist().catch(() => false);
}

export function formatBytes(bytes: number | null): string {
	if (bytes === null) return m.common_unknown();
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${formatDecimal(value, value < 10 && unit > 0 ? 1 : 0)} ${units[unit]}`;
}

/** Words for a failed IndexedDB write: the action was NOT recorded. */
export function describeWriteError(error: unknown): string {
	const name = error instanceof Error || error instanceof DOMException ? error.name : '';
	const inner =
		error && typeof error === 'object' && 'inner' in error
			? (error.inner as Error | undefined)
			: undefined;
	if (name === 'QuotaExceededError' || inner?.name === 'QuotaExceededError')
		return m.write_storageFull();
	const message = error instanceof Error ? error.message : String(error);
	return m.write_failed({ message });
}
