import { describe, expect, it } from 'vitest';
import { onWritesChange, trackWrite, whenNoWrites, writesInProgress } from './writes';

describe('write-in-progress counter', () => {
	it('resolves at once when idle', async () => {
		expect(writesInProgress()).toBe(0);
		await whenNoWrites();
	});

	it('waits for every tracked write, including failed ones', async () => {
		const seen: number[] = [];
		const stop = onWritesChange((n) => seen.push(n));
		let finishA!: () => void;
		let failB!: (e: Error) => void;
		const a = trackWrite(() => new Promise<string>((r) => (finishA = () => r('a'))));
		const b = trackWrite(() => new Promise<string>((_, reject) => (failB = reject)));
		expect(writesInProgress()).toBe(2);

		let idle = false;
		const waiting = whenNoWrites().then(() => (idle = true));
		finishA();
		expect(await a).toBe('a');
		await Promise.resolve();
		expect(idle).toBe(false);

		failB(new Error('quota'));
		await expect(b).rejects.toThrow('quota');
		await waiting;
		expect(idle).toBe(true);
		expect(writesInProgress()).toBe(0);
		expect(seen).toEqual([1, 2, 1, 0]);
		stop();
	});
});
