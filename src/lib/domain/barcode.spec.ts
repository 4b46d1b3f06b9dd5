import { describe, expect, it } from 'vitest';
import { interpretScan, isValidGtin } from './barcode';

const GS = '\u001d';

describe('interpretScan — GS1 element strings (REG-4)', () => {
	it('reads AI 21 as the serial and AI 01 as the GTIN, with GS separators', () => {
		expect(interpretScan(`${GS}0104006381333931${GS}21GEH0000001`, 'DATA_MATRIX')).toEqual({
			kind: 'serial',
			serial: 'GEH0000001',
			gtin: '04006381333931'
		});
	});

	it('handles a variable-length AI before the serial, ended by GS', () => {
		expect(interpretScan(`0104006381333931` + `10LOT42${GS}21geh-000 0001`)).toEqual({
			kind: 'serial',
			serial: 'GEH0000001',
			gtin: '04006381333931'
		});
	});

	it('understands the ]d2 and ]C1 symbology identifiers', () => {
		expect(interpretScan(']d20104006381333931' + '21GEH0000001')).toEqual({
			kind: 'serial',
			serial: 'GEH0000001',
			gtin: '04006381333931'
		});
		expect(interpretScan(']C121GEH0000001', 'CODE_128')).toEqual({
			kind: 'serial',
			serial: 'GEH0000001'
		});
	});

	it('reads the parenthesised human-readable form', () => {
		expect(interpretScan('(01)04006381333931(21)GEH0000001')).toEqual({
			kind: 'serial',
			serial: 'GEH0000001',
			gtin: '04006381333931'
		});
		expect(interpretScan('(01) 04006381333931 (21) geh0000001')).toEqual({
			kind: 'serial',
			serial: 'GEH0000001',
			gtin: '04006381333931'
		});
	});

	it('a GS1 code with only AI 01 is a product barcode, never a serial', () => {
		expect(interpretScan(']d20104006381333931')).toEqual({
			kind: 'gtin',
			gtin: '04006381333931'
		});
		expect(interpretScan('(01)04006381333931(17)261231')).toEqual({
			kind: 'gtin',
			gtin: '04006381333931'
		});
	});

	it('a GS1 code with neither serial nor GTIN is unreadable', () => {
		expect(interpretScan(`${GS}10LOT42`)).toEqual({
			kind: 'unreadable',
			reason: 'gs1-without-serial'
		});
	});

	it('accepts GS1 data whose FNC1 a handheld scanner dropped', () => {
		expect(interpretScan('0104006381333931' + '21GEH0000001')).toEqual({
			kind: 'serial',
			serial: 'GEH0000001',
			gtin: '04006381333931'
		});
	});
});

describe('interpretScan — URLs', () => {
	it('takes the serial from sn, serial or s query parameters', () => {
		for (const key of ['sn', 'serial', 's', 'SN']) {
			expect(interpretScan(`https://example.com/check?x=1&${key}=geh0000001`, 'QR_CODE')).toEqual({
				kind: 'serial',
				serial: 'GEH0000001'
			});
		}
	});

	it('otherwise takes the last path segment', () => {
		expect(interpretScan('https://iqos.example/d/GEH0000001/')).toEqual({
			kind: 'serial',
			serial: 'GEH0000001'
		});
		expect(interpretScan('HTTPS://iqos.example/d/geh%200000001')).toEqual({
			kind: 'serial',
			serial: 'GEH0000001'
		});
	});

	it('reads a GS1 Digital Link', () => {
		expect(interpretScan('https://id.gs1.org/01/04006381333931/21/GEH0000001')).toEqual({
			kind: 'serial',
			serial: 'GEH0000001',
			gtin: '04006381333931'
		});
		expect(interpretScan('https://id.gs1.org/01/04006381333931')).toEqual({
			kind: 'gtin',
			gtin: '04006381333931'
		});
	});

	it('a URL without a serial is unreadable', () => {
		expect(interpretScan('https://iqos.example/')).toEqual({
			kind: 'unreadable',
			reason: 'url-without-serial'
		});
	});
});

describe('interpretScan — product numbers', () => {
	it('an EAN-13 with a valid check digit is a GTIN, never a serial', () => {
		expect(interpretScan('4006381333931', 'EAN_13')).toEqual({
			kind: 'gtin',
			gtin: '4006381333931'
		});
		expect(interpretScan('4006381333931')).toEqual({ kind: 'gtin', gtin: '4006381333931' });
	});

	it('EAN-8, UPC-A (12) and GTIN-14 with valid check digits are GTINs', () => {
		expect(interpretScan('96385074')).toEqual({ kind: 'gtin', gtin: '96385074' });
		expect(interpretScan('036000291452')).toEqual({ kind: 'gtin', gtin: '036000291452' });
		expect(interpretScan('04006381333931')).toEqual({ kind: 'gtin', gtin: '04006381333931' });
	});

	it('an EAN-13 with a wrong check digit is not a GTIN: it falls through to a serial', () => {
		expect(interpretScan('4006381333932')).toEqual({ kind: 'serial', serial: '4006381333932' });
	});

	it('a numeric code read as EAN_13 by the decoder is a GTIN whatever its digits', () => {
		expect(interpretScan('4006381333932', 'EAN_13')).toEqual({
			kind: 'gtin',
			gtin: '4006381333932'
		});
	});

	it('isValidGtin checks lengths and the mod-10 digit', () => {
		expect(isValidGtin('4006381333931')).toBe(true);
		expect(isValidGtin('4006381333930')).toBe(false);
		expect(isValidGtin('400638133393')).toBe(false);
		expect(isValidGtin('40063813339311')).toBe(false);
		expect(isValidGtin('abc')).toBe(false);
	});
});

describe('interpretScan — plain serials', () => {
	it('normalises like typed input: upper case, no spaces, dashes, dots or underscores', () => {
		expect(interpretScan('geh-000 0001', 'CODE_128')).toEqual({
			kind: 'serial',
			serial: 'GEH0000001'
		});
		expect(interpretScan('  geh_000.0001\n')).toEqual({ kind: 'serial', serial: 'GEH0000001' });
	});

	it('empty or blank text is unreadable', () => {
		expect(interpretScan('')).toEqual({ kind: 'unreadable', reason: 'empty' });
		expect(interpretScan(' -- ')).toEqual({ kind: 'unreadable', reason: 'empty' });
	});

	it('control characters make a read unreadable', () => {
		expect(interpretScan('GEH\u00070001')).toEqual({
			kind: 'unreadable',
			reason: 'control-characters'
		});
	});
});

describe('interpretScan — what the scan engines hand over', () => {
	it('zxing-wasm GS1 output: symbology identifier + plain text with GS', () => {
		for (const id of [']d2', ']C1', ']Q3']) {
			expect(interpretScan(`${id}0104006381333931${'10LOT7'}${GS}21GEH0000001`)).toEqual({
				kind: 'serial',
				serial: 'GEH0000001',
				gtin: '04006381333931'
			});
		}
	});

	it('a UPC-A box code is a product number, never a serial', () => {
		expect(interpretScan('036000291452', 'UPC_A')).toEqual({ kind: 'gtin', gtin: '036000291452' });
	});

	it('a handheld scanner that drops FNC1 still gives the serial', () => {
		expect(interpretScan('0104006381333931' + '21GEH0000001')).toEqual({
			kind: 'serial',
			serial: 'GEH0000001',
			gtin: '04006381333931'
		});
	});
});
