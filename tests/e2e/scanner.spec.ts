import { chromium, expect, test, type Browser, type LaunchOptions } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoginPage } from './pages/login';
import { Shell } from './pages/shell';
import { writeBarcodeY4m } from './support/y4m';

/**
 * The camera path, for real: Chromium plays a Y4M clip of a barcode as its webcam, the app
 * decodes it with @zxing/browser and acts on it. Launch arguments cannot change per test, so
 * each test launches its own browser with the config's options plus the fake-camera flags.
 */

let dir: string;
const clip = (name: string) => join(dir, `${name}.y4m`);

test.beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'carepoint-camera-'));
	await writeBarcodeY4m(clip('serial'), { bcid: 'code128', text: 'GEH0000001', frames: 30 });
	await writeBarcodeY4m(clip('gtin'), { bcid: 'ean13', text: '4006381333931', frames: 30 });
});

test.afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

/** Records every camera stream the page opens, so a test can check that each was released. */
function trackStreams() {
	const opened: MediaStream[] = [];
	(window as unknown as { __streams: MediaStream[] }).__streams = opened;
	const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
	navigator.mediaDevices.getUserMedia = async (constraints) => {
		const stream = await original(constraints);
		opened.push(stream);
		return stream;
	};
}

/** How many of the recorded camera tracks are still live. */
function liveTracks() {
	return (window as unknown as { __streams: MediaStream[] }).__streams
		.flatMap((stream) => stream.getTracks())
		.filter((track) => track.readyState === 'live').length;
}

/** Pretends the app went to the background (or came back). */
function setHidden(hidden: boolean) {
	Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
	document.dispatchEvent(new Event('visibilitychange'));
}

async function launchWithCamera(options: LaunchOptions, file: string): Promise<Browser> {
	return chromium.launch({
		...options,
		args: [
			...(options.args ?? []),
			'--use-fake-ui-for-media-stream',
			'--use-fake-device-for-media-stream',
			`--use-file-for-fake-video-capture=${file}`
		]
	});
}

test('camera: a Code 128 serial opens the device card', async ({ launchOptions, baseURL }) => {
	const browser = await launchWithCamera(launchOptions, clip('serial'));
	try {
		const context = await browser.newContext({ baseURL, permissions: ['camera'] });
		await context.addInitScript(trackStreams);
		const page = await context.newPage();
		await new LoginPage(page).signIn('ge.staff');
		await new Shell(page).waitForFirstSync();

		await page.getByRole('button', { name: 'Scan with camera' }).click();
		await expect(page).toHaveURL(/\/device\/GEH0000001$/, { timeout: 20_000 });
		await expect(page.getByTestId('owner-name')).toHaveText('Nino Beridze');
		// leaving the scan screen released the camera
		await expect.poll(() => page.evaluate(liveTracks)).toBe(0);
	} finally {
		await browser.close();
	}
});

test('camera: a product barcode (EAN-13) is named as such, does not navigate; camera released', async ({
	launchOptions,
	baseURL
}) => {
	const browser = await launchWithCamera(launchOptions, clip('gtin'));
	try {
		const context = await browser.newContext({ baseURL, permissions: ['camera'] });
		await context.addInitScript(trackStreams);
		const page = await context.newPage();
		await new LoginPage(page).signIn('ge.staff');
		await new Shell(page).waitForFirstSync();

		await page.getByRole('button', { name: 'Scan with camera' }).click();
		await expect(page.getByRole('alert').filter({ hasText: 'product barcode' })).toBeVisible({
			timeout: 20_000
		});
		// the camera stays open for the serial, and the page stays where it is
		await page.waitForTimeout(1_000);
		await expect(page).toHaveURL(/\/scan$/);
		const close = page.getByRole('button', { name: 'Close camera' });
		await expect(close).toBeVisible();

		expect(await page.evaluate(liveTracks)).toBeGreaterThan(0);

		// in the background the camera is released, and it comes back with the page
		await page.evaluate(setHidden, true);
		await expect.poll(() => page.evaluate(liveTracks)).toBe(0);
		await page.evaluate(setHidden, false);
		await expect.poll(() => page.evaluate(liveTracks)).toBeGreaterThan(0);

		await close.click();
		await expect(page.getByRole('button', { name: 'Scan with camera' })).toBeVisible();
		await expect.poll(() => page.evaluate(liveTracks)).toBe(0);
		await expect(page.getByLabel(/Serial number/)).toBeVisible();
	} finally {
		await browser.close();
	}
});
