import bwipjs from 'bwip-js/node';
import { writeFile } from 'node:fs/promises';
import { PNG } from 'pngjs';

/**
 * A fake camera for browser tests: Chromium plays a Y4M file as the webcam with
 * `--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file>`.
 * The clip is a still barcode, rendered by bwip-js, centred on a white 640x480 frame.
 */

export interface BarcodeClip {
	/** bwip-js symbology id: `code128`, `ean13`, `datamatrix`, `gs1datamatrix`, `qrcode`, ... */
	bcid: string;
	text: string;
	frames?: number;
	/** Pixels per module. */
	scale?: number;
}

/** Symbologies whose bars have a height of their own (bwip-js `height`, in mm). */
const LINEAR = new Set(['code128', 'ean13', 'upca', 'gs1-128', 'code39']);

const WIDTH = 640;
const HEIGHT = 480;

export async function writeBarcodeY4m(
	path: string,
	{ bcid, text, frames = 30, scale = 3 }: BarcodeClip
): Promise<void> {
	const png = PNG.sync.read(
		await bwipjs.toBuffer({
			bcid,
			text,
			scale,
			...(LINEAR.has(bcid) ? { height: 12 } : {}),
			includetext: false,
			paddingwidth: 10,
			paddingheight: 10,
			backgroundcolor: 'FFFFFF'
		})
	);
	if (png.width > WIDTH || png.height > HEIGHT) {
		throw new Error(`barcode ${png.width}x${png.height} does not fit a ${WIDTH}x${HEIGHT} frame`);
	}

	await writeY4m(path, png, frames);
}

/** A clip of a plain light-grey scene with no code in it. */
export async function writeBlankY4m(path: string, frames = 30): Promise<void> {
	await writeY4m(path, null, frames);
}

async function writeY4m(path: string, png: PNG | null, frames: number): Promise<void> {
	const y = Buffer.alloc(WIDTH * HEIGHT, png ? 255 : 200);
	if (!png) return writeFrames(path, y, frames);
	const left = Math.floor((WIDTH - png.width) / 2);
	const top = Math.floor((HEIGHT - png.height) / 2);
	for (let row = 0; row < png.height; row++) {
		for (let col = 0; col < png.width; col++) {
			const i = (row * png.width + col) * 4;
			const alpha = (png.data[i + 3] ?? 255) / 255;
			// BT.601 luma, composited over white
			const luma =
				0.299 * (png.data[i] ?? 255) +
				0.587 * (png.data[i + 1] ?? 255) +
				0.114 * (png.data[i + 2] ?? 255);
			y[(top + row) * WIDTH + left + col] = Math.round(luma * alpha + 255 * (1 - alpha));
		}
	}
	await writeFrames(path, y, frames);
}

async function writeFrames(path: string, y: Buffer, frames: number): Promise<void> {
	const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128);
	const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);

	const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F30:1 Ip A1:1 C420jpeg\n`);
	await writeFile(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
