/**
 * Runs `task` once the screen that is being rendered now has been painted and the tab is idle
 * (or after `timeoutMs` at the latest): work a start-up does not need for its first screen
 * (the sync engine, the service worker's registration) must not delay that screen.
 */
export function afterFirstPaint(task: () => void, timeoutMs = 2000): { cancel(): void } {
	let cancelled = false;
	let idle: number | undefined;
	const run = () => {
		if (!cancelled) task();
	};
	const frame = requestAnimationFrame(() => {
		// the frame is being produced now: what runs from a new task comes after its paint
		setTimeout(() => {
			if (cancelled) return;
			if (typeof requestIdleCallback === 'function')
				idle = requestIdleCallback(run, { timeout: timeoutMs });
			else run();
		}, 0);
	});
	return {
		cancel() {
			cancelled = true;
			cancelAnimationFrame(frame);
			if (idle !== undefined) cancelIdleCallback(idle);
		}
	};
}
