/** @zxing/library on the main thread: pure JavaScript, so it runs wherever the app does. */
import { toImageData } from '../pixels';
import type { DecodeOptions, ScanEngine, ScanImage } from '../types';
import { createZxingJsDecoder } from '../zxing-js-core.js';

export async function createZxingJsEngine(): Promise<ScanEngine> {
	const library = await import('@zxing/library');
	const decode = createZxingJsDecoder(library, { tryHarder: true, retries: true });
	let turn = 0;
	return {
		name: 'zxing-js',
		formats: ['CODE_128', 'DATA_MATRIX', 'QR_CODE', 'EAN_13', 'UPC_A'],
		async decode(image: ScanImage, { effort = 'still' }: DecodeOptions = {}) {
			return decode(toImageData(image), effort, turn++);
		},
		dispose() {}
	};
}
