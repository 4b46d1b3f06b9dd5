/**
 * The native BarcodeDetector, measured in headless Chromium when it has one: the sample files
 * are served from a local server (names URL-encoded, so `#` is no problem) and decoded in the
 * page. Debian's Chromium on Linux has no BarcodeDetector; then this says so and measures nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { relative, sep } from 'node:path';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** @returns {Promise<{ available: false, reason: string } | { available: true, formats: string[], run: (samples: any[]) => Promise<{ sample: any, decoded: any[], ms: number }[]> , close: () => Promise<void> }>} */
export async function openNative(samplesDir) {
	if (!existsSync(CHROMIUM)) return { available: false, reason: `no Chromium at ${CHROMIUM}` };
	const { chromium } = await import('@playwright/test');
	const server = createServer((req, res) => {
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).slice(1);
		if (path === '') return res.end('<!doctype html><title>native</title>');
		try {
			res.end(readFileSync(`${samplesDir}/${path}`));
		} catch {
			res.statusCode = 404;
			res.end();
		}
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--enable-experimental-web-platform-features']
	});
	const close = async () => {
		await browser.close();
		server.close();
	};
	const page = await browser.newPage();
	await page.goto(`http://127.0.0.1:${port}/`);
	const formats = await page.evaluate(async () =>
		'BarcodeDetector' in globalThis
			? await /** @type {any} */ (globalThis).BarcodeDetector.getSupportedFormats()
			: null
	);
	if (!formats) {
		await close();
		const version = browser.version();
		return { available: false, reason: `no BarcodeDetector in headless Chromium ${version}` };
	}
	return {
		available: true,
		formats,
		close,
		async run(samples) {
			const out = [];
			for (const sample of samples) {
				const url = relative(samplesDir, sample.path).split(sep).map(encodeURIComponent).join('/');
				const { decoded, ms } = await page.evaluate(async (u) => {
					const blob = await (await fetch(u)).blob();
					const bitmap = await createImageBitmap(blob);
					const Detector = /** @type {any} */ (globalThis).BarcodeDetector;
					const detector = new Detector({
						formats: ['code_128', 'data_matrix', 'qr_code', 'ean_13', 'upc_a']
					});
					const t0 = performance.now();
					const found = await detector.detect(bitmap);
					const ms = performance.now() - t0;
					const names = {
						code_128: 'CODE_128',
						data_matrix: 'DATA_MATRIX',
						qr_code: 'QR_CODE',
						ean_13: 'EAN_13',
						upc_a: 'UPC_A'
					};
					return {
						ms,
						decoded: found.map((/** @type {any} */ f) => ({
							raw: f.rawValue,
							text: f.rawValue,
							format: names[f.format] ?? f.format
						}))
					};
				}, `/${url}`);
				out.push({ sample, decoded, ms });
			}
			return out;
		}
	};
}
