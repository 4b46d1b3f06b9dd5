/**
 * Handheld scanners in keyboard-wedge mode type the code as keystrokes, a few milliseconds apart,
 * and end with Enter or Tab. A person types tens to hundreds of milliseconds apart. This pure
 * detector tells the two apart by timing alone: feed it every keydown with its time stamp.
 */

export interface WedgeOptions {
	/** The fewest characters a scan has (prefix and suffix not counted). */
	minLength?: number;
	/** The longest gap between two keys of one scan, in ms. */
	maxGapMs?: number;
	/** Characters the scanner is set to send first, stripped (a scan must start with them). */
	prefix?: string;
	/** Characters the scanner is set to send last, before the terminator, stripped. */
	suffix?: string;
	/** Keys that end a scan. */
	terminators?: readonly string[];
}

export interface WedgeKey {
	/** `KeyboardEvent.key`: one character, or a name such as `Enter`, `Tab`, `Shift`. */
	key: string;
	/** ms, e.g. `KeyboardEvent.timeStamp`. */
	time: number;
}

/** `burst`: the key belongs to a fast run so far; `scan`: the run was a scanner's, here is its text. */
export type WedgeVerdict = { kind: 'none' } | { kind: 'burst' } | { kind: 'scan'; text: string };

export const WEDGE_DEFAULTS: Required<WedgeOptions> = {
	minLength: 6,
	maxGapMs: 30,
	prefix: '',
	suffix: '',
	terminators: ['Enter', 'Tab']
};

/** Modifier and lock keys come with the characters (Shift for capitals) and are ignored. */
const IGNORED = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock']);

export interface WedgeDetector {
	key(event: WedgeKey): WedgeVerdict;
	/** The characters of the current run (for undoing what a scan typed into a field). */
	readonly pending: string;
	reset(): void;
}

export function createWedgeDetector(options: WedgeOptions = {}): WedgeDetector {
	const o = { ...WEDGE_DEFAULTS, ...options };
	let buffer = '';
	let last = -Infinity;

	const finish = (): WedgeVerdict => {
		let text = buffer;
		buffer = '';
		if (o.prefix) {
			if (!text.startsWith(o.prefix)) return { kind: 'none' };
			text = text.slice(o.prefix.length);
		}
		if (o.suffix) {
			if (!text.endsWith(o.suffix)) return { kind: 'none' };
			text = text.slice(0, text.length - o.suffix.length);
		}
		return text.length >= o.minLength ? { kind: 'scan', text } : { kind: 'none' };
	};

	return {
		get pending() {
			return buffer;
		},
		reset() {
			buffer = '';
			last = -Infinity;
		},
		key({ key, time }) {
			if (IGNORED.has(key)) return buffer ? { kind: 'burst' } : { kind: 'none' };
			const fast = time - last <= o.maxGapMs;
			last = time;
			if (o.terminators.includes(key)) {
				if (!fast || !buffer) {
					buffer = '';
					return { kind: 'none' };
				}
				return finish();
			}
			if (key.length !== 1) {
				buffer = '';
				return { kind: 'none' };
			}
			buffer = fast ? buffer + key : key;
			// a suffix without a terminator key ends the scan by itself
			if (o.suffix && o.terminators.length === 0 && buffer.endsWith(o.suffix)) return finish();
			return buffer.length > 1 ? { kind: 'burst' } : { kind: 'none' };
		}
	};
}
