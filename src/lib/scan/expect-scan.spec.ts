import { describe, expect, it } from 'vitest';
import { expected, expectScan, isComplete, offer, scanned, undo } from './expect-scan';

describe('two-code flow (swap: faulty, then replacement)', () => {
	const start = expectScan(['faulty', 'replacement'] as const);

	it('expects the roles in order and finishes after the last', () => {
		expect(expected(start)).toBe('faulty');
		const first = offer(start, 'geh-000 0001');
		expect(first).toMatchObject({ ok: true, role: 'faulty', done: false });
		if (!first.ok) throw new Error('unreachable');
		expect(expected(first.sequence)).toBe('replacement');
		const second = offer(first.sequence, 'GEH0000002');
		expect(second).toMatchObject({ ok: true, role: 'replacement', done: true });
		if (!second.ok) throw new Error('unreachable');
		expect(isComplete(second.sequence)).toBe(true);
		expect(scanned(second.sequence)).toEqual({ faulty: 'GEH0000001', replacement: 'GEH0000002' });
		expect(offer(second.sequence, 'GEH0000003')).toMatchObject({ ok: false, reason: 'complete' });
	});

	it('refuses the same serial twice, however it is written', () => {
		const first = offer(start, 'GEH0000001');
		if (!first.ok) throw new Error('unreachable');
		const again = offer(first.sequence, 'geh 0000-001');
		expect(again).toMatchObject({
			ok: false,
			reason: 'duplicate',
			role: 'replacement',
			sameAs: 'faulty'
		});
		// refusing changes nothing
		expect(again.sequence).toBe(first.sequence);
	});

	it('is immutable and can take back the last scan', () => {
		const first = offer(start, 'GEH0000001');
		if (!first.ok) throw new Error('unreachable');
		expect(start.serials).toEqual([]);
		const back = undo(first.sequence);
		expect(expected(back)).toBe('faulty');
		expect(offer(back, 'GEH0000009')).toMatchObject({ ok: true, role: 'faulty' });
	});

	it('a role may appear only once', () => {
		expect(() => expectScan(['unit', 'unit'])).toThrow();
	});
});
