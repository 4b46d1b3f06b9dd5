/** Decodes a sample image (png, jpg, webp, gif) to RGBA pixels with sharp, once, outside timing. */
import sharp from 'sharp';

/**
 * @param {string} path
 * @returns {Promise<{ data: Uint8ClampedArray, width: number, height: number }>}
 */
export async function loadPixels(path) {
	const { data, info } = await sharp(path)
		.ensureAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	return {
		data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength),
		width: info.width,
		height: info.height
	};
}
