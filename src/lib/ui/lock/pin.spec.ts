import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { createPinRecord, openPin, pinMatches, pinProblem, signAction } from './pin';

describe('staff PIN', () => {
	it('stores no PIN, only a salted derivation that matches the right PIN alone', async () => {
		const record = await createPinRecord('ge-u-staff', '482917', 1000);
		expect(JSON.stringify(record)).not.toContain('482917');
		expect(await pinMatches(record, '482917')).toBe(true);
		expect(await pinMatches(record, '482918')).toBe(false);
		const again = await createPinRecord('ge-u-staff', '482917', 1000);
		expect(again.salt).not.toBe(record.salt);
		expect(again.verifier).not.toBe(record.verifier);
	});

	it('refuses weak or malformed PINs', async () => {
		expect(pinProblem('12')).toMatch(/4 to 8/);
		expect(pinProblem('abcd')).toMatch(/4 to 8/);
		expect(pinProblem('1111')).toMatch(/repeated/);
		expect(pinProblem('1234')).toMatch(/run/);
		expect(pinProblem('4829')).toBeNull();
		await expect(createPinRecord('x', '0000')).rejects.toThrow();
	});

	it('keeps the actor key only under the PIN, and signs like the server verifies', async () => {
		const actorKey = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
		const record = await createPinRecord('ge-u-staff', '482917', 1000, actorKey);
		expect(JSON.stringify(record)).not.toContain(actorKey);
		expect(await openPin(record, '111222')).toEqual({ ok: false });
		expect(await openPin(record, '482917')).toEqual({ ok: true, actorKey });
		const uuid = crypto.randomUUID();
		const serverSide = createHmac('sha256', Buffer.from(actorKey, 'base64'))
			.update(uuid)
			.digest('base64');
		expect(await signAction(actorKey, uuid)).toBe(serverSide);
	});

	it('keeps the tablet data key only under the PIN', async () => {
		const dataKey = crypto.getRandomValues(new Uint8Array(32));
		const record = await createPinRecord('ge-u-staff', '482917', 1000, undefined, dataKey);
		expect(JSON.stringify(record)).not.toContain(Buffer.from(dataKey).toString('base64'));
		expect(await openPin(record, '111222')).toEqual({ ok: false });
		expect(await openPin(record, '482917')).toEqual({ ok: true, dataKey });
	});
});
