/**
 * Listens for handheld-scanner bursts anywhere in the document (`scannerWedge` as a Svelte
 * action, `attachWedge` for a plain target such as `window`). Normal typing is never touched:
 * keys go where they go. Only when a burst turns out to be a scan is its terminator (Enter/Tab)
 * swallowed, so no form submits and focus does not move, and the scanned characters are taken
 * back out of the field they landed in.
 */
import { createWedgeDetector, type WedgeOptions } from './wedge';

export interface WedgeParams extends WedgeOptions {
	onscan: (text: string) => void;
}

type Editable = HTMLInputElement | HTMLTextAreaElement;

function editable(target: EventTarget | null): Editable | null {
	if (typeof HTMLInputElement !== 'undefined' && target instanceof HTMLInputElement) return target;
	if (typeof HTMLTextAreaElement !== 'undefined' && target instanceof HTMLTextAreaElement)
		return target;
	return null;
}

export function attachWedge(target: Window | Document | HTMLElement, params: WedgeParams) {
	let current = params;
	let detector = createWedgeDetector(params);
	/** The focused field's value before the current fast run began. */
	let before: { field: Editable; value: string } | null = null;

	const listener = (event: Event) => {
		const e = event as KeyboardEvent;
		if (e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return;
		const field = editable(e.target);
		const verdict = detector.key({ key: e.key, time: e.timeStamp });
		if (verdict.kind === 'none') {
			before = field ? { field, value: field.value } : null;
			return;
		}
		if (verdict.kind === 'scan') {
			e.preventDefault();
			e.stopPropagation();
			if (before && before.field.isConnected) {
				before.field.value = before.value;
				before.field.dispatchEvent(new Event('input', { bubbles: true }));
			}
			before = null;
			current.onscan(verdict.text);
		}
	};
	target.addEventListener('keydown', listener, { capture: true });
	return {
		update(next: WedgeParams) {
			current = next;
			detector = createWedgeDetector(next);
		},
		destroy() {
			target.removeEventListener('keydown', listener, { capture: true });
		}
	};
}

/** `use:scannerWedge={{ onscan }}`: a scanner burst anywhere in the document while mounted. */
export function scannerWedge(_node: HTMLElement, params: WedgeParams) {
	return attachWedge(window, params);
}
