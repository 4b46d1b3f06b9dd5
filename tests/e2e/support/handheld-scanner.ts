import type { Page } from '@playwright/test';

/**
 * A handheld scanner in keyboard-wedge mode, typing through Chromium's real input pipeline.
 *
 * The keys carry the time stamps a scanner's USB reports would get on arrival, a few ms apart.
 * `page.keyboard.type({ delay })` cannot promise that: it sends the next key only after the page
 * has handled the last one, so a page busy for 40 ms after a sync stretches a 2 ms burst into
 * what the wedge rightly takes for a person typing (this test failed that way in whole runs).
 */
export async function scanWithHandheld(
	page: Page,
	text: string,
	{ gapMs = 4, terminator = 'Tab' }: { gapMs?: number; terminator?: 'Tab' | 'Enter' } = {}
) {
	const cdp = await page.context().newCDPSession(page);
	try {
		// CDP takes seconds since the epoch; the page sees them as KeyboardEvent.timeStamp
		const start = Date.now() / 1000;
		const at = (index: number) => start + (index * gapMs) / 1000;
		let index = 0;
		for (const key of text) {
			await cdp.send('Input.dispatchKeyEvent', {
				type: 'keyDown',
				key,
				text: key,
				timestamp: at(index)
			});
			await cdp.send('Input.dispatchKeyEvent', {
				type: 'keyUp',
				key,
				timestamp: at(index) + 0.0005
			});
			index++;
		}
		const code = terminator === 'Tab' ? 9 : 13;
		const last = at(index);
		await cdp.send('Input.dispatchKeyEvent', {
			type: 'rawKeyDown',
			key: terminator,
			code: terminator,
			windowsVirtualKeyCode: code,
			timestamp: last
		});
		await cdp.send('Input.dispatchKeyEvent', {
			type: 'keyUp',
			key: terminator,
			code: terminator,
			windowsVirtualKeyCode: code,
			timestamp: last + 0.0005
		});
	} finally {
		await cdp.detach();
	}
}
