import { describe, expect, it } from 'vitest';
import { createReadFilter } from './confirm';

describe('camera read filter', () => {
	it('accepts a 2D code at once and suppresses the same code while it stays in view', () => {
		const accept = createReadFilter();
		expect(accept('GEH0000001', 'DATA_MATRIX', 0)).toBe(true);
		expect(accept('GEH0000001', 'DATA_MATRIX', 100)).toBe(false);
		// still in view: each sighting extends the suppression
		expect(accept('GEH0000001', 'DATA_MATRIX', 1400)).toBe(false);
		expect(accept('GEH0000001', 'DATA_MATRIX', 2800)).toBe(false);
		// gone for longer than 1.5 s, then shown again: a new scan
		expect(accept('GEH0000001', 'DATA_MATRIX', 4400)).toBe(true);
	});

	it('a 1D code needs two matching reads in a row', () => {
		const accept = createReadFilter();
		expect(accept('GEH0000001', 'CODE_128', 0)).toBe(false);
		expect(accept('GEH0000001', 'CODE_128', 100)).toBe(true);
	});

	it('a different 1D read in between starts the confirmation again', () => {
		const accept = createReadFilter();
		expect(accept('GEH0000001', 'CODE_128', 0)).toBe(false);
		expect(accept('GEH0000007', 'CODE_128', 100)).toBe(false);
		expect(accept('GEH0000001', 'CODE_128', 200)).toBe(false);
		expect(accept('GEH0000001', 'CODE_128', 300)).toBe(true);
	});

	it('two reads too far apart do not confirm each other', () => {
		const accept = createReadFilter({ confirmMs: 1000 });
		expect(accept('4006381333931', 'EAN_13', 0)).toBe(false);
		expect(accept('4006381333931', 'EAN_13', 5000)).toBe(false);
		expect(accept('4006381333931', 'EAN_13', 5100)).toBe(true);
	});

	it('a new code is accepted while another was just accepted', () => {
		const accept = createReadFilter();
		expect(accept('A1', 'QR_CODE', 0)).toBe(true);
		expect(accept('B2', 'QR_CODE', 50)).toBe(true);
	});
});
