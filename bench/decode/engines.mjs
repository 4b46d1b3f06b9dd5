/**
 * The engines as the benchmark runs them in Node, on RGBA pixels decoded once per image, using
 * the app's own decode recipes from src/lib/scan (plain JavaScript for exactly this reason).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as zxingModule from '@zxing/library';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { decodePasses, PASSES } from '../../src/lib/scan/zxing-wasm-core.js';
import { createZxingJsDecoder } from '../../src/lib/scan/zxing-js-core.js';

const require = createRequire(import.meta.url);
/** Node loads @zxing/library's CommonJS build: its exports sit on `default`. */
const zxingLibrary = /** @type {any} */ (zxingModule).DecodeHintType
	? zxingModule
	: /** @type {any} */ (zxingModule).default;

/** zxing-wasm in Node: its wasm read from node_modules, never fetched. */
export async function prepareZxingWasm() {
	const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
	await prepareZXingModule({
		overrides: {
			wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)
		},
		fireImmediately: true
	});
	return readBarcodes;
}

/** @returns {Promise<{ name: string, note: string, decode: (px: any) => Promise<any[]> | any[] }[]>} */
export async function nodeEngines() {
	const read = await prepareZxingWasm();
	const jsStill = createZxingJsDecoder(zxingLibrary, { tryHarder: true, retries: true });
	const jsOnce = createZxingJsDecoder(zxingLibrary, { tryHarder: true, retries: false });
	return [
		{
			name: 'zxing-wasm',
			note: `ZXing-C++ ${PASSES.map((p) => p.name).join(' → ')} (still image: all retries)`,
			decode: (px) => decodePasses(read, px)
		},
		{
			name: 'zxing-wasm (1 pass)',
			note: 'ZXing-C++ base pass only (what one live camera frame costs)',
			decode: (px) => decodePasses(read, px, { to: 1 })
		},
		{
			name: '@zxing/library',
			note: 'ZXing JS try-harder → inverted → quarter turn',
			decode: (px) => jsStill(px, 'still')
		},
		{
			name: '@zxing/library (1 pass)',
			note: 'ZXing JS try-harder, one pass',
			decode: (px) => jsOnce(px, 'still')
		}
	];
}
