import { recordAction } from '$lib/db/mutators';
import type { MutationArgs, MutationName } from '$lib/domain';
import { db, session, sync, syncView } from '$lib/ui/app.svelte';
import { trackWrite } from '$lib/ui/pwa';
import { describeWriteError } from '$lib/ui/storage';

export type ActOutcome = { ok: true; notice: string } | { ok: false; error: string };

/**
 * Records one staff action of the customer flows: outbox entry and local effect in one
 * transaction (an app update waits for it), then a sync attempt. Says honestly whether it is
 * on the server's way or only on this device.
 */
export async function act<N extends MutationName>(
	name: N,
	args: MutationArgs<N>,
	done: string,
	what: string
): Promise<ActOutcome> {
	const staff = session.staff;
	if (!staff) return { ok: false, error: 'Sign in first.' };
	try {
		await trackWrite(() => recordAction(db, name, args, staff, new Date()));
		void sync.trigger();
		return {
			ok: true,
			notice: syncView.online
				? `${done}.`
				: `${done} on this device — it will sync when the network is back.`
		};
	} catch (error) {
		return { ok: false, error: describeWriteError(error) };
	}
}
