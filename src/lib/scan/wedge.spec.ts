import { describe, expect, it } from 'vitest';
import { createWedgeDetector, type WedgeOptions, type WedgeVerdict } from './wedge';

/** Feeds `text` then `end` with `gap` ms between keys, starting at `start`; the last verdict. */
function type(
	text: string,
	{
		gap = 8,
		end = 'Enter',
		start = 1000,
		...options
	}: WedgeOptions & {
		gap?: number | number[];
		end?: string | null;
		start?: number;
	} = {}
): { last: WedgeVerdict; all: WedgeVerdict[] } {
	const detector = createWedgeDetector(options);
	const keys = [...text, ...(end ? [end] : [])];
	let time = start;
	const all = keys.map((key, i) => {
		if (i > 0) time += Array.isArray(gap) ? (gap[i - 1] ?? 8) : gap;
		return detector.key({ key, time });
	});
	return { last: all.at(-1) ?? { kind: 'none' }, all };
}

describe('keyboard-wedge detection', () => {
	it('a fast burst ending with Enter is a scan', () => {
		expect(type('GEH0000001').last).toEqual({ kind: 'scan', text: 'GEH0000001' });
	});

	it('a person typing the same serial is not', () => {
		expect(type('GEH0000001', { gap: 120 }).last).toEqual({ kind: 'none' });
		// a fast typist still leaves more than 30 ms between most keys
		expect(type('GEH0000001', { gap: [60, 45, 80, 35, 90, 50, 40, 70, 55, 60] }).last).toEqual({
			kind: 'none'
		});
	});

	it('a slow Enter after a fast run is a person pressing Enter', () => {
		const gaps = [8, 8, 8, 8, 8, 8, 8, 8, 8, 400];
		expect(type('GEH0000001', { gap: gaps }).last).toEqual({ kind: 'none' });
	});

	it('too short a burst is not a scan', () => {
		expect(type('abc').last).toEqual({ kind: 'none' });
	});

	it('Tab ends a scan as Enter does', () => {
		expect(type('GEH0000001', { end: 'Tab' }).last).toEqual({ kind: 'scan', text: 'GEH0000001' });
	});

	it('a scan right after slow typing starts fresh at its first fast key', () => {
		const gaps = [150, 200, 300, 8, 8, 8, 8, 8, 8, 8];
		// "xyz" typed by hand, a pause, then the scanner's burst: the scan is only the fast run
		const { last } = type('xyzGEH0001', { gap: gaps, minLength: 6 });
		expect(last).toEqual({ kind: 'scan', text: 'GEH0001' });
	});

	it('Shift between characters (capitals) does not break a burst', () => {
		const detector = createWedgeDetector();
		let t = 0;
		for (const key of ['Shift', 'G', 'Shift', 'E', 'Shift', 'H', '0', '0', '0', '1'])
			detector.key({ key, time: (t += 5) });
		expect(detector.key({ key: 'Enter', time: t + 5 })).toEqual({ kind: 'scan', text: 'GEH0001' });
	});

	it('strips a configured prefix and suffix, and requires them', () => {
		expect(type('~GEH0000001#', { prefix: '~', suffix: '#' }).last).toEqual({
			kind: 'scan',
			text: 'GEH0000001'
		});
		expect(type('GEH0000001', { prefix: '~' }).last).toEqual({ kind: 'none' });
	});

	it('a suffix alone can end a scan when no terminator key is sent', () => {
		expect(type('GEH0000001$', { suffix: '$', terminators: [], end: null }).last).toEqual({
			kind: 'scan',
			text: 'GEH0000001'
		});
	});

	it('reports a burst in progress', () => {
		expect(type('GEH', { end: null }).all.map((v) => v.kind)).toEqual(['none', 'burst', 'burst']);
	});
});
