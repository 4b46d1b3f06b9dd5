/**
 * Serial numbers as staff type or scan them: lower case, spaces and dashes are noise, so
 * `ab12-cd 34` and `AB12CD34` are the same unit.
 */

export function normalizeSerial(raw: string): string {
	return raw.toUpperCase().replace(/[\s\-_.]/g, '');
}

export type SerialCheck = { ok: true; serial: string } | { ok: false; serial: string; key: string };

/** REG-4: a serial must be readable and valid for the market. */
export function checkSerial(raw: string, pattern: string): SerialCheck {
	const serial = normalizeSerial(raw);
	if (serial.length === 0) return { ok: false, serial, key: 'serial.empty' };
	if (/^\d{8}$|^\d{12,14}$/.test(serial)) return { ok: false, serial, key: 'serial.looksLikeGtin' };
	if (!new RegExp(pattern).test(serial)) return { ok: false, serial, key: 'serial.malformed' };
	return { ok: true, serial };
}
