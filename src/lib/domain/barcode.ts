/**
 * What a decoded barcode means at the counter. REG-4: a serial must be readable and valid, and
 * a product barcode (GTIN/EAN from the box) names the model, not the unit — it is never taken
 * for a serial (POLICIES.md, Terms: "Serial").
 *
 * Pure: the camera, a handheld scanner or a test hands in the decoded text (and, when known,
 * the symbology name as ZXing spells it: `CODE_128`, `DATA_MATRIX`, `QR_CODE`, `EAN_13`, ...).
 * Whether the serial fits the market's pattern is `checkSerial`'s job, not this one's.
 */
import { normalizeSerial } from './serial';

export type UnreadableReason =
	'empty' | 'gs1-without-serial' | 'url-without-serial' | 'control-characters';

export type ScanResult =
	| { kind: 'serial'; serial: string; gtin?: string }
	| { kind: 'gtin'; gtin: string }
	| { kind: 'unreadable'; reason: UnreadableReason };

/** Group separator: how decoders spell FNC1 between GS1 element strings. */
const GS = '\u001d';

/** Symbology identifiers (ISO/IEC 15424) that announce GS1 data. */
const GS1_SYMBOLOGY_IDS = [']d2', ']C1', ']Q3', ']e0', ']J1'];

/** Formats that only ever carry a product number. */
const PRODUCT_FORMATS = new Set(['EAN_8', 'EAN_13', 'UPC_A', 'UPC_E']);

/** The GS1 mod-10 check digit over all digits but the last. */
export function isValidGtin(digits: string): boolean {
	if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(digits)) return false;
	let sum = 0;
	for (let i = digits.length - 2, weight = 3; i >= 0; i--, weight = 4 - weight) {
		sum += Number(digits[i]) * weight;
	}
	return (10 - (sum % 10)) % 10 === Number(digits[digits.length - 1]);
}

/**
 * Length of an Application Identifier from its first two digits, per the GS1 General
 * Specifications; `undefined` where we do not know the AI (then we cannot go on parsing).
 */
function aiLength(start: string): number | undefined {
	const n = Number(start);
	if (!/^\d\d$/.test(start)) return undefined;
	if (n <= 22 || n === 30 || n === 37 || n >= 90) return 2;
	if ((n >= 23 && n <= 29) || (n >= 40 && n <= 42)) return 3;
	if ((n >= 31 && n <= 36) || n === 39 || n === 43 || (n >= 70 && n <= 89)) return 4;
	return undefined;
}

/** Value lengths of the AIs with a predefined length; all others run to the next GS. */
function fixedValueLength(ai: string): number | undefined {
	if (ai === '00') return 18;
	if (ai === '01' || ai === '02' || ai === '03') return 14;
	if (ai === '04') return 16;
	if (/^1[1-9]$/.test(ai)) return 6;
	if (ai === '20') return 2;
	if (/^3[1-6]\d\d$/.test(ai)) return 6;
	if (/^41\d$/.test(ai)) return 13;
	return undefined;
}

/** Parses raw GS1 element strings (AIs run together, GS after variable-length values). */
function parseGs1Raw(data: string): Map<string, string> {
	const fields = new Map<string, string>();
	let i = 0;
	while (i < data.length) {
		if (data[i] === GS) {
			i++;
			continue;
		}
		const length = aiLength(data.slice(i, i + 2));
		if (length === undefined) break;
		const ai = data.slice(i, i + length);
		if (!/^\d+$/.test(ai) || ai.length < length) break;
		i += length;
		const fixed = fixedValueLength(ai);
		let value: string;
		if (fixed !== undefined) {
			value = data.slice(i, i + fixed);
			i += fixed;
		} else {
			const end = data.indexOf(GS, i);
			value = data.slice(i, end === -1 ? data.length : end);
			i = end === -1 ? data.length : end + 1;
		}
		fields.set(ai, value);
	}
	return fields;
}

/** Parses the human-readable form `(01)04006381333931(21)GEH0000001`. */
function parseGs1Parenthesised(data: string): Map<string, string> {
	const fields = new Map<string, string>();
	for (const match of data.matchAll(/\((\d{2,4})\)([^(]*)/g)) {
		fields.set(match[1] ?? '', (match[2] ?? '').replaceAll(GS, '').trim());
	}
	return fields;
}

function fromGs1(fields: Map<string, string>): ScanResult {
	const gtin = fields.get('01');
	const rawSerial = fields.get('21');
	const serial = rawSerial === undefined ? '' : normalizeSerial(rawSerial);
	if (serial) return gtin ? { kind: 'serial', serial, gtin } : { kind: 'serial', serial };
	if (gtin) return { kind: 'gtin', gtin };
	return { kind: 'unreadable', reason: 'gs1-without-serial' };
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** A URL on the unit or the box: `?sn=`, `?serial=`, `?s=`, GS1 Digital Link, or the last segment. */
function fromUrl(text: string): ScanResult {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return { kind: 'unreadable', reason: 'url-without-serial' };
	}
	for (const [key, value] of url.searchParams) {
		if (['sn', 'serial', 's'].includes(key.toLowerCase()) && normalizeSerial(value)) {
			return plain(value, undefined);
		}
	}
	const segments = url.pathname.split('/').filter(Boolean).map(safeDecode);
	// GS1 Digital Link: /01/{gtin}/21/{serial}
	const gtinAt = segments.indexOf('01');
	const serialAt = segments.indexOf('21');
	if (gtinAt !== -1 && isValidGtin(segments[gtinAt + 1] ?? '')) {
		const fields = new Map<string, string>([['01', segments[gtinAt + 1] ?? '']]);
		if (serialAt !== -1 && segments[serialAt + 1]) fields.set('21', segments[serialAt + 1] ?? '');
		return fromGs1(fields);
	}
	const last = segments.at(-1);
	if (!last) return { kind: 'unreadable', reason: 'url-without-serial' };
	return plain(last, undefined);
}

/** Text with no structure: a product number if it is one, otherwise a serial. */
function plain(text: string, format: string | undefined): ScanResult {
	const compact = text.trim();
	if (/^\d+$/.test(compact) && (isValidGtin(compact) || PRODUCT_FORMATS.has(format ?? ''))) {
		return { kind: 'gtin', gtin: compact };
	}
	const serial = normalizeSerial(compact);
	if (!serial) return { kind: 'unreadable', reason: 'empty' };
	// eslint-disable-next-line no-control-regex -- control characters are what we look for
	if (/[\u0000-\u001f\u007f]/.test(serial))
		return { kind: 'unreadable', reason: 'control-characters' };
	return { kind: 'serial', serial };
}

/** REG-4: classifies a decoded barcode as a serial, a product number (GTIN), or unreadable. */
export function interpretScan(text: string, format?: string): ScanResult {
	const input = text.trim();
	if (!input) return { kind: 'unreadable', reason: 'empty' };

	const symbologyId = GS1_SYMBOLOGY_IDS.find((id) => input.startsWith(id));
	if (symbologyId) return fromGs1(parseGs1Raw(input.slice(symbologyId.length)));
	if (/^\]\w\d/.test(input)) return interpretScan(input.slice(3), format);

	if (/^\(\d{2,4}\)/.test(input)) return fromGs1(parseGs1Parenthesised(input));
	if (input.includes(GS)) return fromGs1(parseGs1Raw(input));
	// A handheld scanner may drop FNC1: `01` + a valid GTIN-14 followed by another AI is GS1.
	const bare = /^01(\d{14})(?:10|11|17|21)/.exec(input);
	if (bare && isValidGtin(bare[1] ?? '')) return fromGs1(parseGs1Raw(input));

	if (/^https?:\/\//i.test(input)) return fromUrl(input);
	return plain(input, format);
}
