/**
 * Which engine decodes, per platform. The default is the benchmark's winner (docs/benchmarks.md,
 * "Barcode decoding"): zxing-wasm found 91% of the sample codes at a median 1.9 ms per image,
 * @zxing/library 65% at 7.7 ms, neither a false positive. So zxing-wasm comes first wherever
 * WebAssembly and module workers exist (iPhone, Android phones and tablets, desktops); the
 * native BarcodeDetector (Android Chrome; not in Safari nor Linux Chromium, so unmeasured here)
 * is the next choice; @zxing/library, pure JavaScript, is the fallback everywhere.
 */
import type { EngineName, ScanEngine } from './types';

export interface Platform {
	wasm: boolean;
	worker: boolean;
	native: boolean;
}

export const ENGINE_NAMES: readonly EngineName[] = ['zxing-wasm', 'native', 'zxing-js'];

/** The engines to try, best first; `preferred` (a setting or `?engine=`) goes to the front. */
export function engineOrder(platform: Platform, preferred?: string | null): EngineName[] {
	const order: EngineName[] = [];
	if (platform.wasm && platform.worker) order.push('zxing-wasm');
	if (platform.native) order.push('native');
	order.push('zxing-js');
	const wanted = ENGINE_NAMES.find((name) => name === preferred);
	if (wanted && order.includes(wanted)) return [wanted, ...order.filter((n) => n !== wanted)];
	return order;
}

export function detectPlatform(): Platform {
	return {
		wasm: typeof WebAssembly === 'object' && typeof WebAssembly.instantiate === 'function',
		worker: typeof Worker === 'function',
		native: 'BarcodeDetector' in globalThis
	};
}

export type EngineFactories = Record<EngineName, () => Promise<ScanEngine>>;

/** Each engine's code is loaded only when it is tried: the scan page's first load stays small. */
export const ENGINE_FACTORIES: EngineFactories = {
	'zxing-wasm': () => import('./engines/zxing-wasm').then((m) => m.createZxingWasmEngine()),
	native: () => import('./engines/native').then((m) => m.createNativeEngine()),
	'zxing-js': () => import('./engines/zxing-js').then((m) => m.createZxingJsEngine())
};

/** The first engine in `order` that loads; the failures are reported, never fatal on their own. */
export async function loadEngine(
	order: readonly EngineName[],
	factories: EngineFactories = ENGINE_FACTORIES,
	onFailure: (name: EngineName, error: unknown) => void = () => {}
): Promise<ScanEngine> {
	let last: unknown = new Error('no scan engine to try');
	for (const name of order) {
		try {
			return await factories[name]();
		} catch (error) {
			last = error;
			onFailure(name, error);
		}
	}
	throw last;
}
