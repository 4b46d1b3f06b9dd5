/** ZXing-C++ in a Web Worker: the fastest and most thorough engine we measured. */
import { toImageData } from '../pixels';
import type { DecodeOptions, ScanEngine, ScanImage, ScanResult } from '../types';
import type { WorkerRequest, WorkerResponse } from '../zxing-wasm.worker';
import { PASSES } from '../zxing-wasm-core.js';

type Pending = { resolve: (r: ScanResult[]) => void; reject: (e: Error) => void };

/** Starts the worker and waits until its wasm is compiled; rejects if it cannot load. */
export async function createZxingWasmEngine(): Promise<ScanEngine> {
	const worker = new Worker(new URL('../zxing-wasm.worker.ts', import.meta.url), {
		type: 'module'
	});
	const pending = new Map<number, Pending>();
	let nextId = 1;
	let turn = 0;
	let broken: Error | null = null;

	const fail = (error: Error) => {
		broken = error;
		for (const p of pending.values()) p.reject(error);
		pending.clear();
	};
	worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
		const answer = event.data;
		const p = pending.get(answer.id);
		if (!p) return;
		pending.delete(answer.id);
		if (answer.ok) p.resolve(answer.results);
		else p.reject(new Error(answer.error));
	};
	worker.onerror = (event) => fail(new Error(event.message || 'zxing-wasm worker failed'));

	const ask = (request: WorkerRequest, transfer: Transferable[] = []) =>
		new Promise<ScanResult[]>((resolve, reject) => {
			if (broken) return reject(broken);
			pending.set(request.id, { resolve, reject });
			worker.postMessage(request, transfer);
		});

	try {
		await ask({ id: nextId++, type: 'init' });
	} catch (error) {
		worker.terminate();
		throw error;
	}

	return {
		name: 'zxing-wasm',
		formats: ['CODE_128', 'DATA_MATRIX', 'QR_CODE', 'EAN_13', 'UPC_A'],
		decode(image: ScanImage, { effort = 'still' }: DecodeOptions = {}) {
			const pixels = toImageData(image);
			// a live frame: one pass, the retry passes taking turns across frames
			const from = effort === 'frame' ? turn++ % PASSES.length : 0;
			const to = effort === 'frame' ? from + 1 : PASSES.length;
			// frames we grabbed are handed over; a caller's own ImageData is copied, not detached
			const data = pixels === image ? pixels.data.slice() : pixels.data;
			return ask(
				{
					id: nextId++,
					type: 'decode',
					image: { data, width: pixels.width, height: pixels.height },
					from,
					to
				},
				[data.buffer]
			);
		},
		dispose() {
			fail(new Error('engine disposed'));
			worker.terminate();
		}
	};
}
