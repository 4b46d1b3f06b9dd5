import type { ReplicaDb } from '$lib/db/replica';
import type { SyncEngine, SyncOptions } from '$lib/sync/engine';
import { IDLE_STATUS, type SyncStatus } from '$lib/sync/status';

/**
 * The tab's sync loop, loaded when it first starts rather than with the first screen: the engine
 * brings the wire schemas (zod) and the mutation replay, which the scan screen does not need to
 * show (PWA issue: first-load JS < 120 KB). The chunk is precached, so it loads offline too.
 * Offers what the UI uses of SyncEngine; `current` is the engine's status once it is loaded.
 */
export class LazySync {
	private status: SyncStatus = { ...IDLE_STATUS };
	private readonly listeners = new Set<(s: SyncStatus) => void>();
	private engine: Promise<SyncEngine> | null = null;
	private loaded: SyncEngine | null = null;
	/** Started and not stopped since: an engine that loads after a stop must not run. */
	private wanted = false;

	/** `replica`: the tab's replica, loaded with the engine (app.svelte.ts `replica()`). */
	constructor(
		private readonly replica: () => Promise<ReplicaDb>,
		private readonly options: SyncOptions = {}
	) {}

	private load(): Promise<SyncEngine> {
		this.engine ??= Promise.all([import('$lib/sync/engine'), this.replica()]).then(
			([{ SyncEngine }, db]) => {
				const engine = new SyncEngine(db, this.options);
				engine.subscribe((s) => {
					this.status = s;
					for (const l of this.listeners) l(s);
				});
				this.loaded = engine;
				return engine;
			},
			(error: unknown) => {
				this.engine = null; // the next trigger tries again: a failed load is not remembered
				throw error;
			}
		);
		return this.engine;
	}

	get current(): SyncStatus {
		return this.status;
	}

	subscribe(listener: (s: SyncStatus) => void): () => void {
		this.listeners.add(listener);
		listener(this.status);
		return () => this.listeners.delete(listener);
	}

	async start(): Promise<void> {
		this.wanted = true;
		const engine = await this.load();
		if (this.wanted) await engine.start();
	}

	stop(): void {
		this.wanted = false;
		this.loaded?.stop();
	}

	/** Sync as soon as possible (see SyncEngine.trigger). */
	async trigger(): Promise<void> {
		await (await this.load()).trigger();
	}
}
