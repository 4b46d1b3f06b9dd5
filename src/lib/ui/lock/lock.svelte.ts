import { getMeta, setMeta } from '$lib/db/meta';
import type { MetaRow, ReplicaDb } from '$lib/db/replica';
import type { StaffProfile } from '$lib/domain';
import { keyring, replica, session, sync } from '../app.svelte';
import { dataKeyEstablished, loadCipher, openWithDeviceKey } from '$lib/db/crypto';
import { forgetDataKey, holdsDataKey, rememberDataKey } from './keystore';
import { readLockSnapshot, writeLockSnapshot } from './snapshot';
import { setActionSigner } from '$lib/db/signer';
import {
	createPinRecord,
	MAX_PIN_ATTEMPTS,
	openPin,
	PIN_ITERATIONS,
	signAction,
	type PinRecord
} from './pin';

/**
 * The tablet's lock: after a few minutes without a touch or a key the screen locks, and only a
 * staff PIN (offline) or a password sign-in (online) opens it. The lock survives a reload (it is
 * kept in IndexedDB), so reloading is no way around it. Several staff members who signed in on
 * this tablet can each unlock with their own PIN (quick switch); actions are recorded under the
 * person who unlocked.
 */

export const DEFAULT_LOCK_AFTER_MS = 5 * 60 * 1000;

const pinKey = (staffId: string) => `pin:${staffId}`;
const KEYS_STORAGE = 'carepoint:actor-keys';

/**
 * Actor keys of the people who unlocked this tab, by staff id. Kept in memory and in the tab's
 * sessionStorage (so a reload of an open tab needs no PIN), never in IndexedDB unwrapped.
 */
// plain state, never rendered: not reactive on purpose
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const actorKeys = new Map<string, string>(
	Object.entries(
		JSON.parse(globalThis.sessionStorage?.getItem(KEYS_STORAGE) ?? '{}') as Record<string, string>
	)
);
function rememberKey(staffId: string, key: string | undefined) {
	if (!key) return;
	actorKeys.set(staffId, key);
	globalThis.sessionStorage?.setItem(KEYS_STORAGE, JSON.stringify(Object.fromEntries(actorKeys)));
}
function forgetKeys() {
	actorKeys.clear();
	globalThis.sessionStorage?.removeItem(KEYS_STORAGE);
	// the replica's personal fields become unreadable (encryption at rest, $lib/db/crypto)
	forgetDataKey(keyring);
}

// every action is signed by the person who unlocked the tablet (server: actor keys)
setActionSigner(async (staffId, uuid) => {
	const key = actorKeys.get(staffId);
	return key ? { staffId, proof: await signAction(key, uuid) } : undefined;
});
const profileKey = (staffId: string) => `profile:${staffId}`;

export type UnlockResult =
	| { ok: true }
	| { ok: false; reason: 'wrong'; attemptsLeft: number }
	| { ok: false; reason: 'wiped' | 'no-pin' };

async function readPin(db: ReplicaDb, staffId: string): Promise<PinRecord | undefined> {
	return (await db.meta.get(pinKey(staffId)))?.value as PinRecord | undefined;
}

/** The profiles and the PIN records in one query (they are meta rows), not one read each. */
function readProfilesAndPins(db: ReplicaDb): Promise<MetaRow[]> {
	return db.meta.where('key').startsWithAnyOf(['profile:', 'pin:']).toArray();
}

function pinHolders(rows: MetaRow[]): Set<string> {
	return new Set(
		rows.filter((r) => r.key.startsWith('pin:')).map((r) => r.key.slice('pin:'.length))
	);
}

function knownWithPin(rows: MetaRow[]): StaffProfile[] {
	const withPin = pinHolders(rows);
	return rows
		.filter((r) => r.key.startsWith('profile:'))
		.map((r) => r.value as StaffProfile)
		.filter((p) => withPin.has(p.id));
}

/** The signed-in person (read from the session, so call it once the session is loaded). */
function needsPin(rows: MetaRow[]): boolean {
	const staff = session.staff;
	return staff !== null && !pinHolders(rows).has(staff.id);
}

/** Everything `load()` reads, at once. */
async function readLockState() {
	const db = await replica();
	return Promise.all([
		getMeta(db, 'locked'),
		getMeta(db, 'sessionStaffId'),
		dataKeyEstablished(db),
		readProfilesAndPins(db)
	]);
}

class Lock {
	locked = $state(false);
	/** Signed in online, but no PIN chosen yet on this tablet. */
	needsPin = $state(false);
	/** Staff who can unlock this tablet with their PIN. */
	known = $state<StaffProfile[]>([]);
	private timer: ReturnType<typeof setTimeout> | null = null;
	private listening = false;

	get lockAfterMs(): number {
		const custom = Number(globalThis.localStorage?.getItem('carepoint:lockAfterMs'));
		return Number.isFinite(custom) && custom > 0 ? custom : DEFAULT_LOCK_AFTER_MS;
	}

	/**
	 * The first load's reads, issued before the layout mounts (see `prefetch`): at a cold start
	 * they queue behind the replica's open and come back with it, instead of one round trip to
	 * IndexedDB after the session's own. Used once; every later load reads afresh.
	 */
	private early: ReturnType<typeof readLockState> | null = null;

	/**
	 * While the lock shows from its snapshot and the replica has not confirmed it: an unlock waits
	 * for that first `load()`, which would otherwise lock again what the PIN had just opened.
	 */
	private confirmed: Promise<void> | null = null;
	private confirm: (() => void) | null = null;

	/** Start the first load's reads now; `load()` then waits for them instead of reading again. */
	prefetch(): void {
		this.early ??= readLockState();
	}

	/**
	 * A new tab of a signed-in tablet opens on the lock: show it now, from its snapshot
	 * (snapshot.ts), rather than after the replica's open and reads; `load()` then puts the
	 * replica's state in its place. Only in a tab that holds no data key (keystore.ts) — any other
	 * start waits for the replica. True when the lock is shown from the snapshot.
	 */
	showFromSnapshot(): boolean {
		if (holdsDataKey()) return false;
		const snapshot = readLockSnapshot(globalThis.localStorage);
		if (!snapshot) return false;
		session.show(snapshot.staff, snapshot.posId);
		this.confirmed = new Promise((resolve) => (this.confirm = resolve));
		this.known = snapshot.known;
		this.needsPin = !snapshot.known.some((p) => p.id === snapshot.staff.id);
		this.locked = true;
		return true;
	}

	/** The snapshot follows the replica: kept while a new tab would open on this lock. */
	private remember(established: boolean): void {
		const staff = session.staff;
		writeLockSnapshot(
			globalThis.localStorage,
			staff && established ? { staff, posId: session.posId, known: this.known } : null
		);
	}

	async load(): Promise<void> {
		try {
			await this.read();
		} finally {
			this.confirm?.();
			this.confirm = null;
			this.confirmed = null;
		}
	}

	private async read(): Promise<void> {
		// the reads at once (and the PIN records with them): each is a round trip to IndexedDB
		// before the lock screen can show
		const reads = this.early ?? readLockState();
		this.early = null;
		const [locked, sessionStaffId, established, rows] = await reads;
		this.known = knownWithPin(rows);
		this.needsPin = needsPin(rows);
		this.locked = locked === true;
		// someone switched in with a PIN, but this tab no longer holds their key: unlock again,
		// or their actions would go out under the session's name
		const staff = session.staff;
		if (staff && sessionStaffId && staff.id !== sessionStaffId && !actorKeys.has(staff.id))
			this.locked = true;
		// an old replica without a data key stays readable until the next online sign-in sets
		// one up; once there is one, a tab that does not hold it (a new tab) shows nothing
		if (!established) keyring.plain();
		else if (staff && keyring.state !== 'open') this.locked = true;
		if (this.locked && keyring.state === 'open') forgetKeys();
		this.remember(established);
		this.listen();
		this.activity();
		// a new device (nobody signed in) has nothing to sync: a pull would only be refused (401,
		// an error in the console) and load the sync engine before the sign-in screen
		if (!this.locked && staff) void sync.trigger();
	}

	/** Who can unlock with a PIN here, and whether the signed-in person still has to choose one. */
	private async refresh() {
		const db = await replica();
		const [rows, established] = await Promise.all([
			readProfilesAndPins(db),
			dataKeyEstablished(db)
		]);
		this.known = knownWithPin(rows);
		this.needsPin = needsPin(rows);
		this.remember(established);
	}

	/**
	 * After an online sign-in: remember who may unlock this tablet, and open it — the replica's
	 * data key too, with the device key the server hands to a signed-in session.
	 */
	async signedIn(staff: StaffProfile, actorKey?: string, deviceKey?: string): Promise<void> {
		const db = await replica();
		if (deviceKey) {
			await openWithDeviceKey(db, deviceKey);
			rememberDataKey(keyring);
		}
		await db.meta.put({ key: profileKey(staff.id), value: staff });
		await setMeta(db, 'sessionStaffId', staff.id);
		rememberKey(staff.id, actorKey);
		await setMeta(db, 'locked', false);
		this.locked = false;
		await this.refresh();
		this.activity();
	}

	async choosePin(pin: string): Promise<void> {
		const staff = session.staff;
		if (!staff) throw new Error('Sign in first.');
		const db = await replica();
		const dataKey = keyring.state === 'open' ? keyring.exportKey() : undefined;
		const record = await createPinRecord(
			staff.id,
			pin,
			PIN_ITERATIONS,
			actorKeys.get(staff.id),
			dataKey
		);
		dataKey?.fill(0);
		await db.meta.put({ key: pinKey(staff.id), value: record });
		await this.refresh();
	}

	async lock(): Promise<void> {
		if (!session.staff || this.needsPin) return;
		this.locked = true;
		forgetKeys();
		await setMeta(await replica(), 'locked', true);
	}

	async unlock(staffId: string, pin: string): Promise<UnlockResult> {
		if (this.confirmed) await this.confirmed;
		const db = await replica();
		const record = await readPin(db, staffId);
		if (!record) return { ok: false, reason: 'no-pin' };
		const opened = await openPin(record, pin);
		if (opened.ok && !opened.dataKey && (await dataKeyEstablished(db))) {
			// a PIN chosen before this tablet's data was sealed cannot open it: one online sign-in
			await db.meta.delete(pinKey(staffId));
			await this.refresh();
			return { ok: false, reason: 'no-pin' };
		}
		if (opened.ok) {
			if (opened.dataKey) {
				await loadCipher();
				keyring.open(opened.dataKey);
				opened.dataKey.fill(0);
				rememberDataKey(keyring);
			}
			rememberKey(staffId, opened.actorKey);
			await db.meta.put({ key: pinKey(staffId), value: { ...record, failedAttempts: 0 } });
			const profile = (await db.meta.get(profileKey(staffId)))?.value as StaffProfile;
			// quick switch: from now on actions on this tablet are recorded under this person
			if (session.staff?.id !== staffId) {
				await session.signedIn(profile);
				await this.refresh(); // the next new tab's lock names this person
			}
			await setMeta(db, 'locked', false);
			this.locked = false;
			this.activity();
			void sync.trigger(); // what waited while the replica was locked
			return { ok: true };
		}
		const failedAttempts = record.failedAttempts + 1;
		if (failedAttempts >= MAX_PIN_ATTEMPTS) {
			// too many guesses: this person's offline key is gone; only a password sign-in opens it
			await db.meta.delete(pinKey(staffId));
			await db.meta.delete(profileKey(staffId));
			if (session.staff?.id === staffId) await db.meta.delete('staff');
			await session.load();
			await this.refresh();
			return { ok: false, reason: 'wiped' };
		}
		await db.meta.put({ key: pinKey(staffId), value: { ...record, failedAttempts } });
		return { ok: false, reason: 'wrong', attemptsLeft: MAX_PIN_ATTEMPTS - failedAttempts };
	}

	/** Any touch or key: the inactivity clock starts again. */
	activity = (): void => {
		if (this.timer) clearTimeout(this.timer);
		if (this.locked) return;
		this.timer = setTimeout(() => void this.lock(), this.lockAfterMs);
	};

	private listen() {
		if (this.listening || typeof window === 'undefined') return;
		this.listening = true;
		for (const type of ['pointerdown', 'keydown', 'touchstart', 'wheel'])
			window.addEventListener(type, this.activity, { passive: true, capture: true });
	}
}

export const lock = new Lock();
