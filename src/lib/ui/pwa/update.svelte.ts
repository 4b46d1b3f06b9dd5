import type { Workbox } from 'workbox-window';
import { onWritesChange, whenNoWrites, writesInProgress } from './writes';

/** How often an open app asks the server whether a new version is out. */
export const UPDATE_CHECK_EVERY_MS = 30 * 60_000;
/** A visibility change checks too, but not more often than this. */
const VISIBILITY_CHECK_MIN_GAP_MS = 60_000;
/** sessionStorage key: when this tab last reloaded for an update (reload-loop guard). */
export const RELOAD_FLAG = 'carepoint:update-reload-at';
const LOOP_WINDOW_MS = 30_000;

type UpdateState =
	| 'none' // running the newest version we know of
	| 'ready' // a new version is installed and waiting: staff choose when to reload
	| 'waiting-for-writes' // staff chose to reload; a write is still being saved
	| 'reloading'
	| 'stuck'; // the reload already happened moments ago and the update did not take

/** What the update prompt shows. One per tab. */
class AppUpdate {
	state = $state<UpdateState>('none');
	writes = $state(0);
	/** Pending outbox entries carried over the reload (they live in IndexedDB). */
	carried = $state<number | null>(null);
}

export const appUpdate = new AppUpdate();

let wb: Workbox | null = null;
let requested = false;

function reloadGuarded() {
	const last = Number(sessionStorage.getItem(RELOAD_FLAG) ?? 0);
	if (Date.now() - last < LOOP_WINDOW_MS) {
		// we reloaded for an update moments ago and are asked again: never loop
		appUpdate.state = 'stuck';
		return;
	}
	sessionStorage.setItem(RELOAD_FLAG, String(Date.now()));
	appUpdate.state = 'reloading';
	window.location.reload();
}

/**
 * Registers the service worker with workbox-window and watches for new versions: at start, every
 * 30 minutes while the app is open, and when it comes back to the foreground.
 */
export async function registerServiceWorker(url = '/service-worker.js'): Promise<void> {
	if (!('serviceWorker' in navigator) || wb) return;
	const { Workbox } = await import('workbox-window');
	wb = new Workbox(url);
	onWritesChange((n) => (appUpdate.writes = n));

	// a new version finished installing (also when one was already waiting at start)
	wb.addEventListener('waiting', () => {
		if (appUpdate.state === 'none') appUpdate.state = 'ready';
	});
	wb.addEventListener('controlling', (event) => {
		// staff asked for this one (also in the tab of the very first visit, where workbox-window
		// does not count it as an update)
		if (requested) reloadGuarded();
		// another tab applied the update: this page runs old code under a new worker
		else if (event.isUpdate && appUpdate.state === 'none') appUpdate.state = 'ready';
	});

	let registered: ServiceWorkerRegistration | undefined;
	try {
		registered = await wb.register();
	} catch (error) {
		console.warn('service worker registration failed', error);
		return;
	}
	if (!registered) return;
	const registration = registered;
	// workbox-window stops watching after one update found outside its own register() call; a
	// tab left open across several deployments still has to notice each of them
	registration.addEventListener('updatefound', () => {
		const worker = registration.installing;
		worker?.addEventListener('statechange', () => {
			if (worker.state === 'installed' && navigator.serviceWorker.controller && !requested)
				if (appUpdate.state === 'none') appUpdate.state = 'ready';
		});
	});
	// the app started fine: a later update may reload again
	setTimeout(() => sessionStorage.removeItem(RELOAD_FLAG), LOOP_WINDOW_MS);

	let lastCheck = Date.now();
	const check = () => {
		lastCheck = Date.now();
		if (navigator.onLine) registration.update().catch(() => undefined);
	};
	setInterval(check, UPDATE_CHECK_EVERY_MS);
	document.addEventListener('visibilitychange', () => {
		if (
			document.visibilityState === 'visible' &&
			Date.now() - lastCheck > VISIBILITY_CHECK_MIN_GAP_MS
		)
			check();
	});
}

/** Asks the registered worker to look for a new version now (tests, "check for updates"). */
export async function checkForUpdate(): Promise<void> {
	await wb?.update();
}

/**
 * Staff chose to reload into the new version. Waits until no write is in progress and confirms
 * the outbox is readable in IndexedDB (it survives the reload), then lets the new worker take
 * over; the page reloads when it controls the page.
 */
export async function applyUpdate(countPending: () => Promise<number>): Promise<void> {
	if (!wb || requested) return;
	requested = true;
	if (writesInProgress() > 0) {
		appUpdate.state = 'waiting-for-writes';
		await whenNoWrites();
	}
	// a committed read after the last write: the outbox is in IndexedDB, not in memory
	appUpdate.carried = await countPending();
	appUpdate.state = 'reloading';
	const registration = await navigator.serviceWorker.getRegistration();
	if (registration?.waiting) wb.messageSkipWaiting();
	// another tab already activated the new worker: just reload into it
	else reloadGuarded();
}
