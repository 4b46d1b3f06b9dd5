import { chromium, expect, test, type Browser, type LaunchOptions } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoginPage } from './pages/login';
import { Shell } from './pages/shell';
import { scanWithHandheld } from './support/handheld-scanner';
import { writeBarcodeY4m, writeBlankY4m } from './support/y4m';

/**
 * The camera path, for real: Chromium plays a Y4M clip of a barcode as its webcam, the app
 * decodes the viewfinder region with its default engine (zxing-wasm in a worker, the wasm served
 * by us) and acts on it. Launch arguments cannot change per test, so each test launches its own
 * browser with the config's options plus the fake-camera flags.
 */

let dir: string;
const clip = (name: string) => join(dir, `${name}.y4m`);

test.beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'carepoint-camera-'));
	await writeBarcodeY4m(clip('serial'), { bcid: 'code128', text: 'GEH0000001', frames: 30 });
	await writeBarcodeY4m(clip('gtin'), { bcid: 'ean13', text: '4006381333931', frames: 30 });
	// GS1 DataMatrix as on the unit's label: AI 01 = GTIN, AI 21 = serial
	await writeBarcodeY4m(clip('datamatrix'), {
		bcid: 'gs1datamatrix',
		text: '(01)04006381333931(21)GEH0000001',
		scale: 6
	});
	await writeBarcodeY4m(clip('qr'), {
		bcid: 'qrcode',
		text: 'https://id.carepoint.example/d?sn=GEH0000001',
		scale: 5
	});
	await writeBlankY4m(clip('blank'));
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

async function launchWithCamera(
	options: LaunchOptions,
	file: string,
	{ allow = true } = {}
): Promise<Browser> {
	return chromium.launch({
		...options,
		args: [
			...(options.args ?? []),
			...(allow ? ['--use-fake-ui-for-media-stream'] : ['--deny-permission-prompts']),
			'--use-fake-device-for-media-stream',
			`--use-file-for-fake-video-capture=${file}`
		]
	});
}

/** Signs in as GE staff with the camera playing `name`, and opens the camera on the scan page. */
async function scanWithCamera(
	launchOptions: LaunchOptions,
	baseURL: string | undefined,
	name: string,
	path = '/scan'
) {
	const browser = await launchWithCamera(launchOptions, clip(name));
	const context = await browser.newContext({ baseURL, permissions: ['camera'] });
	await context.addInitScript(trackStreams);
	const page = await context.newPage();
	const requests: string[] = [];
	page.on('request', (request) => requests.push(request.url()));
	context.on('serviceworker', (worker) => worker.url() && requests.push(worker.url()));
	await new LoginPage(page).signIn('ge.staff');
	await new Shell(page).waitForFirstSync();
	if (path !== '/scan') await page.goto(path);
	await page.getByRole('button', { name: 'Scan with camera' }).click();
	return { browser, page, requests };
}

/** Every request the page made went to our own server: no CDN, no decoder download. */
function expectOnlyOurOrigin(requests: string[], baseURL: string | undefined) {
	const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
	expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:'))).toEqual([]);
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

for (const [name, what] of [
	['datamatrix', 'a GS1 DataMatrix (AI 21 serial)'],
	['qr', 'a QR code holding a URL with the serial']
] as const) {
	test(`camera: ${what} opens the device card`, async ({ launchOptions, baseURL }) => {
		const { browser, page, requests } = await scanWithCamera(launchOptions, baseURL, name);
		try {
			await expect(page).toHaveURL(/\/device\/GEH0000001$/, { timeout: 20_000 });
			await expect(page.getByTestId('owner-name')).toHaveText('Nino Beridze');
			expectOnlyOurOrigin(requests, baseURL);
		} finally {
			await browser.close();
		}
	});
}

test('camera: zxing-wasm decodes, its wasm comes from our origin, nothing else is fetched', async ({
	launchOptions,
	baseURL
}) => {
	const { browser, page, requests } = await scanWithCamera(launchOptions, baseURL, 'serial');
	try {
		await expect(page.getByLabel('Camera scanner')).toHaveAttribute('data-engine', 'zxing-wasm');
		await expect(page).toHaveURL(/\/device\/GEH0000001$/, { timeout: 20_000 });
		expect(requests.some((url) => /zxing_reader-[\w-]+\.wasm$/.test(url))).toBe(true);
		expectOnlyOurOrigin(requests, baseURL);
	} finally {
		await browser.close();
	}
});

test('camera: the @zxing/library fallback engine reads the same Code 128', async ({
	launchOptions,
	baseURL
}) => {
	const { browser, page } = await scanWithCamera(
		launchOptions,
		baseURL,
		'serial',
		'/scan?engine=zxing-js'
	);
	try {
		await expect(page.getByLabel('Camera scanner')).toHaveAttribute('data-engine', 'zxing-js');
		await expect(page).toHaveURL(/\/device\/GEH0000001$/, { timeout: 20_000 });
	} finally {
		await browser.close();
	}
});

test('camera: a scene with no code shows no result', async ({ launchOptions, baseURL }) => {
	const { browser, page } = await scanWithCamera(launchOptions, baseURL, 'blank');
	try {
		await expect(page.getByLabel('Camera scanner')).toHaveAttribute('data-status', 'scanning');
		await page.waitForTimeout(3_000);
		await expect(page).toHaveURL(/\/scan$/);
		await expect(page.getByRole('alert')).toHaveCount(0);
		await expect(page.getByLabel('Camera scanner')).toHaveAttribute('data-status', 'scanning');
	} finally {
		await browser.close();
	}
});

test('camera: permission denied shows the reason and manual entry', async ({
	launchOptions,
	baseURL
}) => {
	const browser = await launchWithCamera(launchOptions, clip('serial'), { allow: false });
	try {
		const context = await browser.newContext({ baseURL });
		const page = await context.newPage();
		await new LoginPage(page).signIn('ge.staff');
		await new Shell(page).waitForFirstSync();
		await page.getByRole('button', { name: 'Scan with camera' }).click();
		await expect(page.getByRole('alert')).toContainText('camera is blocked');
		await page.getByRole('button', { name: 'Type the serial instead' }).click();
		await expect(page.getByLabel(/Serial number/)).toBeFocused();
		await page.getByLabel(/Serial number/).fill('GEH0000001');
		await page.getByRole('button', { name: 'Look up' }).click();
		await expect(page.getByTestId('owner-name')).toHaveText('Nino Beridze');
	} finally {
		await browser.close();
	}
});

test('handheld scanner: a fast burst ending with Tab or Enter opens the device; typing does not', async ({
	page
}) => {
	await new LoginPage(page).signIn('ge.staff');
	await new Shell(page).waitForFirstSync();
	const field = page.getByLabel(/Serial number/);
	// a person types part of a serial: it stays in the field
	await field.click();
	await page.keyboard.type('GEH00', { delay: 90 });
	await expect(field).toHaveValue('GEH00');
	await field.fill('');
	// the scanner types a GS1 string (FNC1 dropped), its keys 4 ms apart, ending in Tab
	await page.locator('h1').click();
	await scanWithHandheld(page, '0104006381333931' + '21GEH0000001', { terminator: 'Tab' });
	await expect(page).toHaveURL(/\/device\/GEH0000001$/);
	await expect(page.getByTestId('owner-name')).toHaveText('Nino Beridze');
	// a scan into the focused Serial field ending in Enter: the form does not submit the raw
	// GS1 text, the characters are taken back out of the field, and the serial opens
	await page.goBack();
	await expect(page).toHaveURL(/\/scan/);
	await page.getByLabel(/Serial number/).click();
	await scanWithHandheld(page, '0104006381333931' + '21GEH0000001', { terminator: 'Enter' });
	await expect(page).toHaveURL(/\/device\/GEH0000001$/);
	await expect(page.getByTestId('owner-name')).toHaveText('Nino Beridze');
});
