/**
 * Outgoing text messages (RSV-2: the confirmation with the pickup code). Pluggable: production
 * sets a sender for its SMS gateway with `setMessageSender`; the default writes one line to the
 * log with no personal data (no name, no phone number, no code — the code is what the customer
 * picks up with).
 */

export interface OutgoingMessage {
	kind: 'reservation_confirmation';
	/** The customer's phone number: for the gateway only, never logged. */
	to: string;
	text: string;
	marketCode: string;
	reservationId: string;
}

export interface MessageSender {
	send(message: OutgoingMessage): Promise<void>;
}

export const logSender: MessageSender = {
	async send(m) {
		console.info(
			`[messages] ${m.kind} for reservation ${m.reservationId} (${m.marketCode}): ${m.text.length} characters, sent to the log sender`
		);
	}
};

let current: MessageSender = logSender;

export function setMessageSender(sender: MessageSender | null): void {
	current = sender ?? logSender;
}

export function messageSender(): MessageSender {
	return current;
}
