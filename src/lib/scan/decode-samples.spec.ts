/**
 * Decode correctness of the default engine (zxing-wasm, the app's own recipe from
 * zxing-wasm-core.js) over every image of ../shared/barcode-samples, with its wasm loaded from
 * node_modules. The minimum per format sits just below what it reads today, so a regression
 * (a library update, a changed option) fails here. Speed is measured by `npm run bench:decode`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { loadPixels } from '../../../bench/decode/pixels.mjs';
import { listSamples, SAMPLES_DIR } from '../../../bench/decode/samples.mjs';
import { isCorrect } from '../../../bench/decode/score.mjs';
import { decodePasses } from './zxing-wasm-core.js';

/** Found and correct, per format, of 22 Code 128, 97 DataMatrix, 141 QR, 60 EAN-13 images. */
const MINIMUM: Record<string, number> = { code128: 21, datamatrix: 92, qrcode: 133, ean13: 40 };

const samples = listSamples();

describe.skipIf(samples.length === 0)('zxing-wasm on the barcode samples', () => {
	it('finds at least the minimum per format and nothing on the false-positive images', async () => {
		const require = createRequire(import.meta.url);
		const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
		await prepareZXingModule({
			overrides: {
				wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)
			},
			fireImmediately: true
		});
		const found: Record<string, number> = {};
		const falsePositives: string[] = [];
		for (const sample of samples) {
			const decoded = await decodePasses(readBarcodes, await loadPixels(sample.path));
			if (sample.format === 'falsepositives') {
				if (decoded.length) falsePositives.push(`${sample.folder}/${sample.file}`);
			} else if (isCorrect(decoded, sample)) {
				found[sample.format] = (found[sample.format] ?? 0) + 1;
			}
		}
		for (const [format, minimum] of Object.entries(MINIMUM)) {
			expect(found[format] ?? 0, `${format} found`).toBeGreaterThanOrEqual(minimum);
		}
		expect(falsePositives).toEqual([]);
	}, 120_000);
});

if (samples.length === 0) {
	describe('zxing-wasm on the barcode samples', () => {
		it.skip(`skipped: no barcode samples at ${SAMPLES_DIR} (set BARCODE_SAMPLES)`, () => {});
	});
}
