/**
 * The zxing-wasm (ZXing-C++) decode recipe, in plain JavaScript so that the Web Worker, the
 * Vitest correctness test and `npm run bench:decode` (plain Node) all run the very same code.
 * The caller hands in `readBarcodes` from `zxing-wasm/reader`, already prepared with its wasm.
 */

/** @typedef {import('zxing-wasm/reader').ReaderOptions} ReaderOptions */
/** @typedef {import('zxing-wasm/reader').ReadResult} ReadResult */
/** @typedef {{ data: Uint8ClampedArray, width: number, height: number }} Pixels */
/** @typedef {{ text: string, raw: string, format: string }} Decoded */
/** @typedef {(image: ImageData, options: ReaderOptions) => Promise<ReadResult[]>} ReadBarcodes */

/** Our formats in ZXing-C++'s spelling. */
export const WASM_FORMATS = /** @type {const} */ ([
	'Code128',
	'DataMatrix',
	'QRCode',
	'EAN13',
	'UPCA'
]);

/**
 * One pass: ZXing-C++'s own cheap retries (rotated, inverted, downscaled) are on by default.
 * `Plain` text keeps GS1 element strings raw (FNC1 as GS); the symbology identifier is added below.
 * @type {ReaderOptions}
 */
export const BASE_OPTIONS = {
	formats: [...WASM_FORMATS],
	textMode: 'Plain',
	tryHarder: true,
	tryRotate: true,
	tryInvert: true,
	tryDownscale: true,
	maxNumberOfSymbols: 4
};

/**
 * The passes, in order. The retries were picked by `npm run bench:decode`: a global-histogram
 * binarizer with denoising (blurred and unevenly lit codes), then the image at half size
 * (codes too large or too noisy at full size).
 * @type {{ name: string, options: ReaderOptions, scale: number }[]}
 */
export const PASSES = [
	{ name: 'base', options: BASE_OPTIONS, scale: 1 },
	{
		name: 'histogram+denoise',
		options: { ...BASE_OPTIONS, binarizer: 'GlobalHistogram', tryDenoise: true },
		scale: 1
	},
	{ name: 'half', options: BASE_OPTIONS, scale: 2 }
];

/** ZXing-C++ format names to ZXing JS ones (`EAN13` → `EAN_13`), what `interpretScan` knows. */
const FORMAT_NAMES = /** @type {Record<string, string>} */ ({
	CODE128: 'CODE_128',
	DATAMATRIX: 'DATA_MATRIX',
	QRCODE: 'QR_CODE',
	EAN13: 'EAN_13',
	EAN8: 'EAN_8',
	UPCA: 'UPC_A',
	UPCE: 'UPC_E'
});

/** @param {string} format */
export function formatName(format) {
	const key = format.replace(/[^a-z0-9]/gi, '').toUpperCase();
	return FORMAT_NAMES[key] ?? key;
}

/**
 * @param {ReadResult[]} results
 * @returns {Decoded[]}
 */
export function toDecoded(results) {
	return results
		.filter((r) => r.isValid !== false && r.text !== '')
		.map((r) => ({
			text:
				r.contentType === 'GS1' && r.symbologyIdentifier.startsWith(']')
					? r.symbologyIdentifier + r.text
					: r.text,
			raw: r.text,
			format: formatName(r.format)
		}));
}

/**
 * A box-filtered grey copy at 1/`factor` size; the image itself when it is too small.
 * @param {Pixels} image
 * @param {number} factor
 * @returns {Pixels}
 */
export function downscale(image, factor) {
	const width = Math.floor(image.width / factor);
	const height = Math.floor(image.height / factor);
	if (width < 16 || height < 16) return image;
	const out = new Uint8ClampedArray(width * height * 4);
	const src = image.data;
	const area = factor * factor;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let sum = 0;
			for (let j = 0; j < factor; j++) {
				let o = ((y * factor + j) * image.width + x * factor) * 4;
				for (let i = 0; i < factor; i++, o += 4) {
					sum += 77 * (src[o] ?? 0) + 150 * (src[o + 1] ?? 0) + 29 * (src[o + 2] ?? 0);
				}
			}
			const v = sum / (area * 256);
			const p = (y * width + x) * 4;
			out[p] = out[p + 1] = out[p + 2] = v;
			out[p + 3] = 255;
		}
	}
	return { data: out, width, height };
}

/**
 * Runs the passes `from` … `to` (exclusive) until one finds a code.
 * @param {ReadBarcodes} readBarcodes
 * @param {Pixels} image
 * @param {{ from?: number, to?: number }} [range]
 * @returns {Promise<Decoded[]>}
 */
export async function decodePasses(readBarcodes, image, { from = 0, to = PASSES.length } = {}) {
	for (let i = from; i < to; i++) {
		const pass = PASSES[i];
		if (!pass) break;
		const pixels = pass.scale === 1 ? image : downscale(image, pass.scale);
		if (pass.scale !== 1 && pixels === image) continue;
		const found = toDecoded(
			await readBarcodes(/** @type {ImageData} */ (/** @type {unknown} */ (pixels)), pass.options)
		);
		if (found.length) return found;
	}
	return [];
}
