import { recordAction } from '$lib/db/mutators';
import type { MutationArgs, MutationName } from '$lib/domain';
import { session, sync, syncView } from '$lib/ui/app.svelte';
import { db } from '$lib/ui/replica';
import { trackWrite } from '$lib/ui/pwa';
import { describeWriteError } from '$lib/ui/storage';
import { m } from '$lib/paraglide/messages';

export type ActOutcome = { ok: true; notice: string } | { ok: false; error: string };

/**
 * Records one staff action of the customer flows: outbox entry and local effect in one
 * transaction (an app update waits for it), then a sync attempt. Says honestly whether it is
 * on the server's way or only on this device.
 */
export async function act<N extends MutationName>(
	name: N,
	args: MutationArgs<N>,
	/** What happened, as a sentence in the active language (a message). */
	done: string
): Promise<ActOutcome> {
	const staff = session.staff;
	if (!staff) return { ok: false, error: m.common_signInFirst() };
	try {
		await trackWrite(() => recordAction(db, name, args, staff, new Date()));
		void sync.trigger();
		return {
			ok: true,
			notice: syncView.online ? done : `${done} ${m.common_savedOffline()}`
		};
	} catch (error) {
		return { ok: false, error: describeWriteError(error) };
	}
}
