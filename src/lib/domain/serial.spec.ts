import { describe, expect, it } from 'vitest';
import { MARKETS } from './market';
import { checkSerial, normalizeSerial } from './serial';

const PATTERN = MARKETS.LV.serialPattern;

describe('normalizeSerial', () => {
	it('REG-4: upper-cases and drops spaces and dashes', () => {
		expect(normalizeSerial('ab12-cd 34')).toBe('AB12CD34');
		expect(normalizeSerial('AB12CD34')).toBe('AB12CD34');
		expect(normalizeSerial('  ab12 - cd34  ')).toBe('AB12CD34');
	});

	it('REG-4: drops tabs, newlines, underscores and dots from scanners and copy-paste', () => {
		expect(normalizeSerial('ab12\tcd34\n')).toBe('AB12CD34');
		expect(normalizeSerial('ab_12.cd-34')).toBe('AB12CD34');
		expect(normalizeSerial('ab12\u00a0cd34')).toBe('AB12CD34');
	});

	it('REG-4: is idempotent', () => {
		const once = normalizeSerial('x9-y8 z7_w6.v5');
		expect(normalizeSerial(once)).toBe(once);
	});
});

describe('checkSerial', () => {
	it('REG-4: accepts a valid serial and returns it normalised', () => {
		expect(checkSerial('AB12CD34', PATTERN)).toEqual({ ok: true, serial: 'AB12CD34' });
		expect(checkSerial('ab12-cd 34', PATTERN)).toEqual({ ok: true, serial: 'AB12CD34' });
		expect(checkSerial('q7k2 m9x4 p3r8', PATTERN)).toEqual({ ok: true, serial: 'Q7K2M9X4P3R8' });
	});

	it('REG-4: refuses empty input, including input that is only noise', () => {
		expect(checkSerial('', PATTERN)).toEqual({ ok: false, serial: '', key: 'serial.empty' });
		expect(checkSerial(' - _ . ', PATTERN)).toEqual({ ok: false, serial: '', key: 'serial.empty' });
	});

	it('REG-4: refuses a 13-digit EAN barcode as a GTIN, not a serial', () => {
		expect(checkSerial('4006381333931', PATTERN)).toEqual({
			ok: false,
			serial: '4006381333931',
			key: 'serial.looksLikeGtin'
		});
	});

	it('REG-4: recognises a GTIN typed with spaces or dashes', () => {
		expect(checkSerial('4 006381 333931', PATTERN)).toMatchObject({
			ok: false,
			serial: '4006381333931',
			key: 'serial.looksLikeGtin'
		});
		expect(checkSerial('40-0638-133-3931', PATTERN)).toMatchObject({
			ok: false,
			key: 'serial.looksLikeGtin'
		});
	});

	it.each([
		['96385074', 'GTIN-8'],
		['036000291452', 'UPC-A / GTIN-12'],
		['10012345678902', 'GTIN-14']
	])('REG-4: refuses %s (%s) as a GTIN', (raw) => {
		expect(checkSerial(raw, PATTERN)).toMatchObject({ ok: false, key: 'serial.looksLikeGtin' });
	});

	it.each(['123456789', '1234567890', '12345678901', '123456789012345'])(
		'REG-4: all-digit %s is not a GTIN length and is checked against the pattern',
		(raw) => {
			expect(checkSerial(raw, PATTERN)).toEqual({ ok: true, serial: raw });
		}
	);

	it('REG-4: thirteen characters with a letter is not a GTIN', () => {
		expect(checkSerial('400638133393A', PATTERN)).toEqual({ ok: true, serial: '400638133393A' });
	});

	it('REG-4: refuses a serial that does not match the market pattern', () => {
		expect(checkSerial('AB12', PATTERN)).toEqual({
			ok: false,
			serial: 'AB12',
			key: 'serial.malformed'
		});
		expect(checkSerial('A'.repeat(21), PATTERN)).toMatchObject({
			ok: false,
			key: 'serial.malformed'
		});
		expect(checkSerial('AB12#CD34', PATTERN)).toEqual({
			ok: false,
			serial: 'AB12#CD34',
			key: 'serial.malformed'
		});
	});

	it('REG-4: accepts the pattern length bounds (8 and 20 characters)', () => {
		expect(checkSerial('ABCDEFGH', PATTERN).ok).toBe(true);
		expect(checkSerial('A'.repeat(20), PATTERN).ok).toBe(true);
		expect(checkSerial('ABCDEFG', PATTERN).ok).toBe(false);
	});

	it('REG-4: follows the pattern it is given (per-market configuration)', () => {
		expect(checkSerial('ab12', '^[A-Z0-9]{4}$')).toEqual({ ok: true, serial: 'AB12' });
		expect(checkSerial('AB12CD34', '^[A-Z]{2}\\d{6}$')).toMatchObject({
			ok: false,
			key: 'serial.malformed'
		});
	});
});
