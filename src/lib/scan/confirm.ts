/**
 * Which camera reads become scans: the same code seen again soon after it was accepted is the
 * same scan (suppressed); a 1D code (Code 128, EAN, UPC) counts only after two matching reads in
 * a row, because a 1D decoder can misread one scan line; a 2D code (DataMatrix, QR) carries
 * error correction and counts at once. Pure: time is a parameter.
 */
import { ONE_D_FORMATS } from './types';

export interface ReadFilterOptions {
	/** A code seen again within this time of its last sighting is the same scan. */
	sameScanMs?: number;
	/** The two reads of a 1D code must come within this time of each other. */
	confirmMs?: number;
	oneD?: ReadonlySet<string>;
}

export type ReadFilter = (text: string, format: string, now: number) => boolean;

export function createReadFilter({
	sameScanMs = 1500,
	confirmMs = 1000,
	oneD = ONE_D_FORMATS
}: ReadFilterOptions = {}): ReadFilter {
	let candidate: { text: string; format: string; at: number } | null = null;
	let accepted: { text: string; seenAt: number } | null = null;
	return (text, format, now) => {
		if (accepted && accepted.text === text && now - accepted.seenAt < sameScanMs) {
			accepted.seenAt = now;
			return false;
		}
		if (oneD.has(format)) {
			const confirmed =
				candidate?.text === text && candidate.format === format && now - candidate.at <= confirmMs;
			if (!confirmed) {
				candidate = { text, format, at: now };
				return false;
			}
		}
		candidate = null;
		accepted = { text, seenAt: now };
		return true;
	};
}
