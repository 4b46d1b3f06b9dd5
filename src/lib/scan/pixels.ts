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
		| CanvasRenderingContext2D
		| OffscreenCanvasRenderingContext2D
		| null;
	if (!context) throw new Error('no 2D canvas');
	return context;
}

export function sourceSize(image: ScanImage): { width: number; height: number } {
	if (typeof HTMLVideoElement !== 'undefined' && image instanceof HTMLVideoElement) {
		return { width: image.videoWidth, height: image.videoHeight };
	}
	return { width: image.width, height: image.height };
}

/** RGBA pixels of `image` (inside `region`, in the image's own pixels, when given). */
export function toImageData(image: ScanImage, region?: Region): ImageData {
	const full = sourceSize(image);
	const r = region ?? { x: 0, y: 0, ...full };
	if (typeof ImageData !== 'undefined' && image instanceof ImageData && !region) return image;
	const width = Math.max(1, Math.round(r.width));
	const height = Math.max(1, Math.round(r.height));
	const context = scratch(width, height);
	if (image instanceof ImageData) {
		context.putImageData(image, -Math.round(r.x), -Math.round(r.y));
	} else {
		context.drawImage(image, r.x, r.y, r.width, r.height, 0, 0, width, height);
	}
	return context.getImageData(0, 0, width, height);
}
