/** Dexie's live queries load with Dexie itself: not on the first screen's path (./replica.ts). */
const loadLiveQuery = () => import('dexie').then((dexie) => dexie.liveQuery);

/**
 * A Dexie live query as reactive state: re-runs when the tables it read change (in this tab or
 * another) and when the Svelte state read by `prepare` changes.
 *
 * `prepare` runs inside an effect, so the reactive values it reads are tracked; it returns the
 * query to run against IndexedDB.
 */
export class Live<T> {
	current = $state<T | undefined>(undefined);
	error = $state<string | null>(null);
	loaded = $state(false);

	constructor(prepare: () => () => Promise<T>) {
		$effect(() => {
			const query = prepare();
			const fail = (e: unknown) => {
				this.error = e instanceof Error ? e.message : String(e);
			};
			let subscription: { unsubscribe(): void } | undefined;
			let stopped = false;
			loadLiveQuery().then((liveQuery) => {
				if (stopped) return;
				subscription = liveQuery(query).subscribe({
					next: (value) => {
						this.current = value;
						this.loaded = true;
						this.error = null;
					},
					error: fail
				});
			}, fail);
			return () => {
				stopped = true;
				subscription?.unsubscribe();
			};
		});
	}
}
