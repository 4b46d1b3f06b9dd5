import { describe, expect, it, vi } from 'vitest';
import { engineOrder, loadEngine, type EngineFactories } from './select';
import type { EngineName, ScanEngine } from './types';

const fake = (name: EngineName): ScanEngine => ({
	name,
	formats: [],
	decode: async () => [],
	dispose: () => {}
});

describe('engine selection', () => {
	it('zxing-wasm first where WebAssembly and workers exist, zxing-js always last', () => {
		expect(engineOrder({ wasm: true, worker: true, native: false })).toEqual([
			'zxing-wasm',
			'zxing-js'
		]);
		expect(engineOrder({ wasm: true, worker: true, native: true })).toEqual([
			'zxing-wasm',
			'native',
			'zxing-js'
		]);
		expect(engineOrder({ wasm: false, worker: true, native: false })).toEqual(['zxing-js']);
	});

	it('a preferred engine goes first when the platform has it', () => {
		const all = { wasm: true, worker: true, native: true };
		expect(engineOrder(all, 'zxing-js')).toEqual(['zxing-js', 'zxing-wasm', 'native']);
		expect(engineOrder({ ...all, native: false }, 'native')[0]).toBe('zxing-wasm');
		expect(engineOrder(all, 'nonsense')[0]).toBe('zxing-wasm');
	});

	it('falls back to the next engine when one fails to load', async () => {
		const failed = vi.fn();
		const factories: EngineFactories = {
			'zxing-wasm': async () => {
				throw new Error('wasm blocked');
			},
			native: async () => fake('native'),
			'zxing-js': async () => fake('zxing-js')
		};
		const engine = await loadEngine(['zxing-wasm', 'zxing-js'], factories, failed);
		expect(engine.name).toBe('zxing-js');
		expect(failed).toHaveBeenCalledWith('zxing-wasm', expect.any(Error));
	});

	it('fails only when every engine fails', async () => {
		const broken = async (): Promise<ScanEngine> => {
			throw new Error('nope');
		};
		await expect(
			loadEngine(['zxing-wasm', 'zxing-js'], {
				'zxing-wasm': broken,
				native: broken,
				'zxing-js': broken
			})
		).rejects.toThrow('nope');
	});
});
