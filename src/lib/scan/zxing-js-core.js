/**
 * The @zxing/library (ZXing JS) decode recipe, in plain JavaScript for the same reason as
 * `zxing-wasm-core.js`: the browser engine and the benchmark run the same code. The caller hands
 * in the library module, so the ~400 kB library is loaded only where it is used.
 */

/** @typedef {typeof import('@zxing/library')} ZxingLibrary */
/** @typedef {{ data: Uint8ClampedArray, width: number, height: number }} Pixels */
/** @typedef {{ text: string, raw: string, format: string }} Decoded */

/**
 * Grey levels (BT.601, integer) of RGBA pixels.
 * @param {Pixels} image
 */
export function luminance({ data, width, height }) {
	const out = new Uint8ClampedArray(width * height);
	for (let i = 0, o = 0; i < out.length; i++, o += 4) {
		out[i] = (77 * (data[o] ?? 0) + 150 * (data[o + 1] ?? 0) + 29 * (data[o + 2] ?? 0)) >> 8;
	}
	return out;
}

/**
 * The grey image turned a quarter clockwise (RGBLuminanceSource cannot rotate itself).
 * @param {Uint8ClampedArray} luma
 * @param {number} width
 * @param {number} height
 */
function rotate(luma, width, height) {
	const out = new Uint8ClampedArray(luma.length);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) out[x * height + (height - 1 - y)] = luma[y * width + x] ?? 0;
	}
	return out;
}

/**
 * @param {ZxingLibrary} lib
 * @param {{ tryHarder?: boolean, retries?: boolean }} [options]
 * @returns {(image: Pixels, effort?: 'frame' | 'still', turn?: number) => Decoded[]}
 */
export function createZxingJsDecoder(lib, { tryHarder = true, retries = true } = {}) {
	const { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader } = lib;
	const { RGBLuminanceSource, InvertedLuminanceSource } = lib;
	/** @type {Map<import('@zxing/library').DecodeHintType, unknown>} */
	const hints = new Map();
	hints.set(DecodeHintType.POSSIBLE_FORMATS, [
		BarcodeFormat.CODE_128,
		BarcodeFormat.DATA_MATRIX,
		BarcodeFormat.QR_CODE,
		BarcodeFormat.EAN_13,
		BarcodeFormat.UPC_A
	]);
	hints.set(DecodeHintType.TRY_HARDER, tryHarder);
	// FNC1 → `]C1` and GS, so interpretScan sees GS1 element strings as such
	hints.set(DecodeHintType.ASSUME_GS1, true);
	const reader = new MultiFormatReader();
	reader.setHints(hints);

	/** @param {import('@zxing/library').LuminanceSource} source */
	function attempt(source) {
		// the library logs every reader's not-found to console.warn: many lines per frame
		const warn = console.warn;
		console.warn = () => {};
		try {
			const result = reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(source)));
			const text = result.getText();
			const format = BarcodeFormat[result.getBarcodeFormat()] ?? 'UNKNOWN';
			// eslint-disable-next-line no-control-regex -- a leading GS (FNC1) is what we strip
			const raw = text.replace(/^\][A-Za-z]\d/, '').replace(/^\u001d/, '');
			return [{ text, raw, format }];
		} catch {
			// NotFound, Checksum or Format: nothing readable in this attempt
			return [];
		} finally {
			console.warn = warn;
		}
	}

	/** The attempts: as is, inverted, a quarter turn (ZXing JS tries 1D codes only one way up). */
	const ATTEMPTS = retries ? 3 : 1;

	return (image, effort = 'still', turn = 0) => {
		const luma = luminance(image);
		const { width, height } = image;
		/** @param {number} i */
		const source = (i) => {
			if (i === 0) return new RGBLuminanceSource(luma, width, height);
			if (i === 1) return new InvertedLuminanceSource(new RGBLuminanceSource(luma, width, height));
			return new RGBLuminanceSource(rotate(luma, width, height), height, width);
		};
		if (effort === 'frame') return attempt(source(turn % ATTEMPTS));
		for (let i = 0; i < ATTEMPTS; i++) {
			const found = attempt(source(i));
			if (found.length) return found;
		}
		return [];
	};
}
