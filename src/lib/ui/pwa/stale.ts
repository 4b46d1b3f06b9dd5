/**
 * Whether local data last synced at `lastSyncAt` is older than the market's threshold
 * (`MarketPolicy.staleAfterHours`) at `now`. Pure: the caller passes the clock.
 *
 * Never synced (`null`) is stale. A sync time in the future (the device clock was moved back)
 * is not stale. An unreadable time is stale: better to warn than to vouch for old data.
 */
export function isStale(
	lastSyncAt: string | Date | null | undefined,
	now: Date,
	staleAfterHours: number
): boolean {
	if (lastSyncAt === null || lastSyncAt === undefined) return true;
	const at = typeof lastSyncAt === 'string' ? Date.parse(lastSyncAt) : lastSyncAt.getTime();
	if (Number.isNaN(at)) return true;
	return now.getTime() - at > staleAfterHours * 3_600_000;
}

/** "3 h ago", "2 days ago" — how old the data is, for the stale badge. */
export function ageLabel(lastSyncAt: string | Date | null | undefined, now: Date): string {
	if (lastSyncAt === null || lastSyncAt === undefined) return 'never synced';
	const at = typeof lastSyncAt === 'string' ? Date.parse(lastSyncAt) : lastSyncAt.getTime();
	if (Number.isNaN(at)) return 'sync time unknown';
	const minutes = Math.max(0, Math.floor((now.getTime() - at) / 60_000));
	if (minutes < 60) return `${minutes} min ago`;
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return `${hours} h ago`;
	return `${Math.floor(hours / 24)} days ago`;
}
