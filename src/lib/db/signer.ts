/**
 * Signs an action's uuid for the person who acts (their actor key, held only while they have
 * unlocked the tablet). Set by the UI's lock; without it, actions carry no proof and the server
 * attributes them to the session's staff member. A module of its own so the lock, which is part
 * of the first screen, does not load the mutators and their schemas with it.
 */
export type ActionSigner = (
	staffId: string,
	uuid: string
) => Promise<{ staffId: string; proof: string } | undefined>;

let signer: ActionSigner | null = null;

export function setActionSigner(next: ActionSigner | null): void {
	signer = next;
}

export function actionSigner(): ActionSigner | null {
	return signer;
}
