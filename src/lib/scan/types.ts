/**
 * One interface for every barcode engine (decision 7): the camera, the benchmark and the tests
 * talk to `ScanEngine` and never to a library. Framework-free; sits beside lib/ui in the layers.
 */

/** Engines by name; the order of preference per platform is in `select.ts`. */
export type EngineName = 'zxing-wasm' | 'zxing-js' | 'native';

/** Format names as ZXing JS spells them, which is what `interpretScan` expects. */
export type ScanFormat = 'CODE_128' | 'DATA_MATRIX' | 'QR_CODE' | 'EAN_13' | 'UPC_A';

/** The formats the counter reads: serials (Code 128, DataMatrix, QR) and box codes (EAN/UPC). */
export const SCAN_FORMATS: readonly ScanFormat[] = [
	'CODE_128',
	'DATA_MATRIX',
	'QR_CODE',
	'EAN_13',
	'UPC_A'
];

/** 1D symbologies misread more often than 2D ones: they need two matching reads. */
export const ONE_D_FORMATS: ReadonlySet<string> = new Set([
	'CODE_128',
	'CODE_39',
	'EAN_13',
	'EAN_8',
	'UPC_A',
	'UPC_E',
	'ITF'
]);

export interface ScanResult {
	/** What `interpretScan` gets: GS1 data carries its symbology identifier (`]d2`, `]C1`, `]Q3`). */
	text: string;
	/** The decoded content as the symbol holds it, without a symbology identifier. */
	raw: string;
	format: string;
}

/** What an engine decodes: pixels, a bitmap, a canvas or the current frame of a video. */
export type ScanImage = ImageData | ImageBitmap | HTMLVideoElement | HTMLCanvasElement;

export interface DecodeOptions {
	/**
	 * `frame` (live camera): one cheap pass per call, the retry passes taking turns across frames.
	 * `still` (a photo): every pass until one finds a code.
	 */
	effort?: 'frame' | 'still';
}

export interface ScanEngine {
	readonly name: EngineName;
	readonly formats: readonly string[];
	decode(image: ScanImage, options?: DecodeOptions): Promise<ScanResult[]>;
	dispose(): void;
}
