/**
 * The platform's own BarcodeDetector (Chrome on Android and macOS, Safari 17+ on iOS behind
 * hardware decoding). Used only when it supports every format we need.
 */
import type { ScanEngine, ScanImage } from '../types';

interface DetectedBarcode {
	rawValue: string;
	format: string;
}
interface BarcodeDetectorLike {
	detect(image: ImageBitmapSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
	new (options: { formats: string[] }): BarcodeDetectorLike;
	getSupportedFormats(): Promise<string[]>;
}

const NATIVE_FORMATS = ['code_128', 'data_matrix', 'qr_code', 'ean_13', 'upc_a'];
const NAMES: Record<string, string> = {
	code_128: 'CODE_128',
	data_matrix: 'DATA_MATRIX',
	qr_code: 'QR_CODE',
	ean_13: 'EAN_13',
	upc_a: 'UPC_A'
};

function detectorClass(): BarcodeDetectorClass | undefined {
	return (globalThis as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
}

/** The formats the native detector supports here, or `[]` where there is none. */
export async function nativeFormats(): Promise<string[]> {
	try {
		return (await detectorClass()?.getSupportedFormats()) ?? [];
	} catch {
		return [];
	}
}

export async function createNativeEngine(): Promise<ScanEngine> {
	const Detector = detectorClass();
	const supported = await nativeFormats();
	const missing = NATIVE_FORMATS.filter((f) => f !== 'upc_a' && !supported.includes(f));
	if (!Detector || missing.length) {
		throw new Error(`BarcodeDetector lacks ${missing.join(', ') || 'everything'}`);
	}
	const detector = new Detector({ formats: NATIVE_FORMATS.filter((f) => supported.includes(f)) });
	return {
		name: 'native',
		formats: NATIVE_FORMATS.filter((f) => supported.includes(f)).map((f) => NAMES[f] ?? f),
		async decode(image: ScanImage) {
			const found = await detector.detect(image);
			// GS1 data arrives without symbology identifier; FNC1 as GS is kept by interpretScan
			return found.map((f) => ({
				text: f.rawValue,
				raw: f.rawValue,
				format: NAMES[f.format] ?? f.format.toUpperCase()
			}));
		},
		dispose() {}
	};
}
