import { describe, expect, it } from 'vitest';
import { visibleRegion } from './pixels';

describe('viewfinder region', () => {
	it('maps the on-screen box to video pixels under object-fit: cover', () => {
		// a 1280x720 video in a 400x300 stage: scaled by 300/720, 67 px cut off left and right
		const region = visibleRegion(
			{ videoWidth: 1280, videoHeight: 720 },
			{ width: 400, height: 300 },
			{ left: 40, top: 45, width: 320, height: 210 }
		);
		expect(region?.x).toBeCloseTo(256, 0);
		expect(region?.y).toBeCloseTo(108, 0);
		expect(region?.width).toBeCloseTo(768, 0);
		expect(region?.height).toBeCloseTo(504, 0);
	});

	it('is null before the video has a size', () => {
		expect(
			visibleRegion(
				{ videoWidth: 0, videoHeight: 0 },
				{ width: 1, height: 1 },
				{
					left: 0,
					top: 0,
					width: 1,
					height: 1
				}
			)
		).toBeNull();
	});
});
