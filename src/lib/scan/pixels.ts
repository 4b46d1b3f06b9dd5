/**
 * Turns whatever the engines are handed (ImageData, a bitmap, a canvas, the current frame of a
 * video) into RGBA pixels, optionally cropped to a region: the viewfinder's.
 */
import type { ScanImage } from './types';

export interface Region {
	x: number;
	y: number;
	width: number;
	height: number;
}

let canvas: OffscreenCanvas | HTMLCanvasElement | null = null;

function scratch(width: number, height: number) {
	canvas ??=
		typeof OffscreenCanvas === 'function'
			? new OffscreenCanvas(width, height)
			: document.createElement('canvas');
	if (canvas.width !== width) canvas.width = width;
	if (canvas.height !== height) canvas.height = height;
	const context = canvas.getContext('2d', { willReadFrequently: true }) as
		CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
	if (!context) throw new Error('no 2D canvas');
	return context;
}

export function sourceSize(image: ScanImage): { width: number; height: number } {
	if (typeof HTMLVideoElement !== 'undefined' && image instanceof HTMLVideoElement) {
		return { width: image.videoWidth, height: image.videoHeight };
	}
	return { width: image.width, height: image.height };
}

/**
 * RGBA pixels of `image` (inside `region`, in the image's own pixels, when given), scaled down
 * so that the longer side is at most `maxSide`: a 1080p frame costs no more than it needs.
 */
export function toImageData(image: ScanImage, region?: Region, maxSide = Infinity): ImageData {
	const full = sourceSize(image);
	const r = region ?? { x: 0, y: 0, ...full };
	const isData = typeof ImageData !== 'undefined' && image instanceof ImageData;
	if (isData && !region) return image;
	const scale = isData ? 1 : Math.min(1, maxSide / Math.max(r.width, r.height));
	const width = Math.max(1, Math.round(r.width * scale));
	const height = Math.max(1, Math.round(r.height * scale));
	const context = scratch(width, height);
	if (isData) {
		context.putImageData(image as ImageData, -Math.round(r.x), -Math.round(r.y));
	} else {
		context.drawImage(image as CanvasImageSource, r.x, r.y, r.width, r.height, 0, 0, width, height);
	}
	return context.getImageData(0, 0, width, height);
}

/**
 * The part of the video that is inside `box` on screen, in the video's own pixels, for a video
 * shown with `object-fit: cover` in `stage`. This is what the viewfinder frames.
 */
export function visibleRegion(
	video: { videoWidth: number; videoHeight: number },
	stage: { width: number; height: number },
	box: { left: number; top: number; width: number; height: number }
): Region | null {
	const { videoWidth: vw, videoHeight: vh } = video;
	if (!vw || !vh || !stage.width || !stage.height) return null;
	const scale = Math.max(stage.width / vw, stage.height / vh);
	const offsetX = (stage.width - vw * scale) / 2;
	const offsetY = (stage.height - vh * scale) / 2;
	const x = Math.max(0, (box.left - offsetX) / scale);
	const y = Math.max(0, (box.top - offsetY) / scale);
	const right = Math.min(vw, (box.left + box.width - offsetX) / scale);
	const bottom = Math.min(vh, (box.top + box.height - offsetY) / scale);
	if (right <= x || bottom <= y) return null;
	return { x, y, width: right - x, height: bottom - y };
}
