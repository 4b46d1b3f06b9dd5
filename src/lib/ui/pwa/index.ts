/** PWA pieces other screens use: write tracking for safe updates, and stale-data marking. */
export { trackWrite, whenNoWrites, writesInProgress, onWritesChange } from './writes';
export { isStale, ageLabel } from './stale';
export { default as StaleBadge } from './StaleBadge.svelte';
export { default as OfflineBanner } from './OfflineBanner.svelte';
export { default as UpdatePrompt } from './UpdatePrompt.svelte';
