import { liveQuery } from 'dexie';

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
			const subscription = liveQuery(query).subscribe({
				next: (value) => {
					this.current = value;
					this.loaded = true;
					this.error = null;
				},
				error: (e: unknown) => {
					this.error = e instanceof Error ? e.message : String(e);
				}
			});
			return () => subscription.unsubscribe();
		});
	}
}
