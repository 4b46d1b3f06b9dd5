/// <reference lib="webworker" />
/**
 * ZXing-C++ (zxing-wasm) off the main thread. Its wasm file is imported with `?url`, so Vite
 * emits it into the build under our own origin and the service worker precaches it; `locateFile`
 * points there, so zxing-wasm's default CDN is never asked, online or offline.
 */
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { decodePasses } from './zxing-wasm-core.js';

export type WorkerRequest =
	| { id: number; type: 'init' }
	| {
			id: number;
			type: 'decode';
			image: { data: Uint8ClampedArray; width: number; height: number };
			from: number;
			to: number;
	  };

export type WorkerResponse =
	| { id: number; ok: true; results: { text: string; raw: string; format: string }[] }
	| { id: number; ok: false; error: string };

declare const self: DedicatedWorkerGlobalScope;

const ready = prepareZXingModule({
	overrides: {
		locateFile: (path: string, prefix: string) =>
			path.endsWith('.wasm') ? new URL(wasmUrl, self.location.href).href : prefix + path
	},
	fireImmediately: true
});

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
	const request = event.data;
	try {
		await ready;
		const results =
			request.type === 'init'
				? []
				: await decodePasses(readBarcodes, request.image, { from: request.from, to: request.to });
		self.postMessage({ id: request.id, ok: true, results } satisfies WorkerResponse);
	} catch (error) {
		self.postMessage({
			id: request.id,
			ok: false,
			error: error instanceof Error ? error.message : String(error)
		} satisfies WorkerResponse);
	}
};
